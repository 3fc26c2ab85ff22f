// The unit and component tests again in Debian's firefox-esr (scripts/firefox.mjs), through puppeteer over WebDriver
// BiDi; everything but the browser is web-test-runner.config.mjs.
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import chromiumConfig from './web-test-runner.config.mjs';
import { firefoxLaunchOptions } from './scripts/firefox.mjs';

export default {
  ...chromiumConfig,
  // Firefox starts a fresh profile each run; on a busy 2-core machine that alone can take half a minute.
  browserStartTimeout: 120_000,
  browsers: [puppeteerLauncher({ launchOptions: firefoxLaunchOptions() })],
};
