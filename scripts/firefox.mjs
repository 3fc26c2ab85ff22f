// How every Firefox run of this project is launched: Debian's firefox-esr by path (FIREFOX_PATH to override), driven
// over WebDriver BiDi by puppeteer-core (Playwright cannot drive a stock Firefox). Used by the component tests
// (web-test-runner.firefox.config.mjs) and the real-call subset (test/firefox/).

export const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

/** A port nothing listens on: every proxied request fails at once, on this machine. */
const DEAD_PROXY_PORT = 9;

/**
 * Profile preferences: media without prompts (a fake microphone, autoplay allowed), ICE on loopback and private
 * addresses, and nothing that reaches beyond this machine. Firefox has no `--host-resolver-rules`; a manual proxy on a
 * dead local port for everything but the loopback names does that job (no DNS query for a proxied name either).
 */
export const FIREFOX_PREFS = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.autoplay.default': 0,
  'media.autoplay.blocking_policy': 0,
  'media.peerconnection.ice.loopback': true,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': DEAD_PROXY_PORT,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': DEAD_PROXY_PORT,
  'network.proxy.share_proxy_settings': true,
  'network.proxy.no_proxies_on': 'localhost, 127.0.0.1, [::1]',
  'network.proxy.allow_hijacking_localhost': false,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'app.update.enabled': false,
  'extensions.update.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
};

/** puppeteer-core launch options for a headless Firefox with FIREFOX_PREFS (plus `extraPrefs`). */
export function firefoxLaunchOptions(extraPrefs = {}) {
  return {
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    acceptInsecureCerts: true,
    extraPrefsFirefox: { ...FIREFOX_PREFS, ...extraPrefs },
  };
}
