// The real-call subset in Debian's firefox-esr (test/firefox): Playwright Test runs it, puppeteer-core drives the
// browser (see test/firefox/fixtures.ts). Run only inside the private network namespace, with its default route
// (Firefox gathers no ICE candidates without one): `npm run build && npm run test:e2e:firefox`.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/firefox',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: 'list',
  outputDir: 'test-results-firefox',
});
