// End-to-end tests: the built widget, the real Twilio SDK and the real sandbox in Debian's Chromium.
// Run only inside the private network namespace: `npm run build && npm run test:e2e` (scripts/netns.sh).
// Never downloads a browser: CHROME_PATH or /usr/bin/chromium.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const root = path.dirname(fileURLToPath(import.meta.url));
/** 3 s of a 440 Hz tone, 8 kHz mono 16-bit PCM (made once with sox); Chromium loops it as the microphone. */
export const CALLER_WAV = path.join(root, 'test/e2e/fixtures/caller.wav');

/** Everything Chromium needs for media without prompts, and nothing that lets it reach beyond this machine. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-audio-capture=${CALLER_WAV}`,
  '--autoplay-policy=no-user-gesture-required',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // No DNS query leaves the machine (docs/testing.md): every name but the loopback ones resolves to nothing.
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost',
];

export default defineConfig({
  timeout: 45_000,
  expect: { timeout: 10_000 },
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: 'list',
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    headless: true,
    ignoreHTTPSErrors: true,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    { name: 'e2e', testDir: 'test/e2e' },
    { name: 'demo', testDir: 'test/demo' },
  ],
});
