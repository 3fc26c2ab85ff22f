// The shop's end-to-end tests: its page built and served by Vite, the widget against @kataven/sandbox.
import { defineConfig } from '@playwright/test';
import { FAKE_MICROPHONE_ARGS } from '@kataven/sandbox/playwright';

const port = Number(process.env['SHOP_PORT'] ?? 4173);

export default defineConfig({
  testMatch: '*.spec.ts',
  timeout: 60_000,
  workers: 1,
  reporter: 'list',
  webServer: {
    command: `npx vite build && npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
  },
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    browserName: 'chromium',
    launchOptions: {
      // Playwright's own Chromium by default; CHROME_PATH to use another (this repository's CI uses Debian's).
      ...(process.env['CHROME_PATH'] ? { executablePath: process.env['CHROME_PATH'] } : {}),
      args: [
        ...FAKE_MICROPHONE_ARGS,
        '--autoplay-policy=no-user-gesture-required',
        // Tests never reach the internet: every name but the loopback ones resolves to nothing.
        '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost',
      ],
    },
  },
});
