// puppeteer (pulled in by @web/test-runner-puppeteer, which runs the component tests in Firefox) downloads a Chrome
// on install. This project never downloads browsers: it launches Debian's chromium and firefox-esr by path, and
// `npm ci` must work without reaching beyond the npm registry.
module.exports = { skipDownload: true };
