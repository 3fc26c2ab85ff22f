// Unit tests (test/unit: one module, its collaborators faked) and component tests (test/component: the element)
// in real Chromium (Debian's, never a downloaded one).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

/**
 * `executeServerCommand('clock', …)` (test/helpers/clock.ts): Playwright's clock in the test's page, so a test sees a
 * deadline pass by moving time instead of sleeping through it.
 */
const clockCommand = {
  name: 'clock',
  async executeCommand({ command, payload, session }) {
    if (command !== 'clock') return undefined;
    const page = session.browser.getPage(session.id);
    if (payload.action === 'install') await page.clock.install();
    else if (payload.action === 'fastForward') await page.clock.fastForward(payload.ms);
    else throw new Error(`unknown clock action ${payload.action}`);
    return true;
  },
};

export default {
  files: ['test/unit/**/*.test.ts', 'test/component/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testsFinishTimeout: 120_000,
  testFramework: { config: { timeout: 10_000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), clockCommand],
  // nanostores reads process.env.NODE_ENV at run time; Vite replaces it in builds, the test server does not.
  testRunnerHtml: (testFramework) => `<!doctype html><html><body>
    <script>window.process = { env: { NODE_ENV: 'development' } };</script>
    <script type="module" src="${testFramework}"></script>
  </body></html>`,
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          // Resolve nothing but local names: no test can reach off the machine, even by accident.
          '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost',
        ],
      },
    }),
  ],
};
