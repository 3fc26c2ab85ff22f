// The preflight on machines we do not have: every check is injected, so no test needs a broken machine or a browser.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { main, plan } from './preflight.mjs';

/** A Debian machine, as root, with everything in place. */
const healthy = () => ({
  needs: { browser: true, firefox: true, netns: true },
  browser: { path: '/usr/bin/chromium', fromEnv: false, ok: true },
  firefox: { path: '/usr/bin/firefox-esr', fromEnv: false, ok: true },
  tools: { unshare: true, ip: true },
  netns: { ok: true, detail: '' },
  root: true,
  apt: true,
});
const noBrowser = { path: '/usr/bin/chromium', fromEnv: false, ok: false };
const noFirefox = { path: '/usr/bin/firefox-esr', fromEnv: false, ok: false };

test('a machine with everything in place needs nothing', () => {
  assert.deepEqual(plan(healthy()), { action: 'ok' });
});

test('root on Debian: a missing browser and missing tools are installed with apt-get, and it says what', () => {
  const next = plan({ ...healthy(), browser: noBrowser, tools: { unshare: false, ip: false }, netns: null });
  assert.equal(next.action, 'install');
  assert.deepEqual(next.packages, ['chromium', 'util-linux', 'iproute2']);
  assert.equal(
    next.message,
    'preflight: installing chromium util-linux iproute2 with apt-get (missing: Chromium (/usr/bin/chromium), unshare, ip)',
  );
});

test('root on Debian: firefox-esr is installed like chromium, in the same apt-get run', () => {
  const next = plan({ ...healthy(), browser: noBrowser, firefox: noFirefox });
  assert.equal(next.action, 'install');
  assert.deepEqual(next.packages, ['chromium', 'firefox-esr']);
  assert.equal(
    next.message,
    'preflight: installing chromium firefox-esr with apt-get (missing: Chromium (/usr/bin/chromium), Firefox (/usr/bin/firefox-esr))',
  );
});

test('not root on Debian, no Firefox: the apt-get command, or FIREFOX_PATH', () => {
  assert.deepEqual(plan({ ...healthy(), root: false, firefox: noFirefox }), {
    action: 'fail',
    message:
      'preflight: missing Firefox (/usr/bin/firefox-esr): sudo apt-get install -y firefox-esr, or set FIREFOX_PATH to a Firefox binary',
  });
});

test('a FIREFOX_PATH that is not a browser is never "fixed" by installing one', () => {
  const next = plan({ ...healthy(), firefox: { path: '/opt/firefox', fromEnv: true, ok: false } });
  assert.equal(next.action, 'fail');
  assert.match(next.message, /^preflight: FIREFOX_PATH=\/opt\/firefox is not an executable file: /);
});

test('not root on Debian: one line naming what is missing and the apt-get command', () => {
  const next = plan({ ...healthy(), root: false, browser: noBrowser });
  assert.deepEqual(next, {
    action: 'fail',
    message:
      'preflight: missing Chromium (/usr/bin/chromium): sudo apt-get install -y chromium, or set CHROME_PATH to a Chromium or Chrome binary',
  });
});

test('no apt (another OS): the fix names the packages and the package manager', () => {
  const next = plan({ ...healthy(), apt: false, tools: { unshare: true, ip: false }, netns: null });
  assert.deepEqual(next, {
    action: 'fail',
    message: "preflight: missing ip: install iproute2 with your system's package manager",
  });
});

test('a CHROME_PATH that is not a browser is never "fixed" by installing one', () => {
  const next = plan({ ...healthy(), browser: { path: '/opt/chrome', fromEnv: true, ok: false } });
  assert.equal(next.action, 'fail');
  assert.match(next.message, /^preflight: CHROME_PATH=\/opt\/chrome is not an executable file: /);
});

test('namespace refused: as root the fix is the container capability, as a user the sysctl or root', () => {
  const refused = { ok: false, detail: 'unshare: unshare failed: Operation not permitted' };
  const asRoot = plan({ ...healthy(), netns: refused });
  assert.equal(asRoot.action, 'fail');
  assert.match(asRoot.message, /^preflight: cannot create a private network namespace \(unshare: .*not permitted\): /);
  assert.match(asRoot.message, /--cap-add=SYS_ADMIN/);
  const asUser = plan({ ...healthy(), root: false, netns: refused });
  assert.match(asUser.message, /sysctl -w kernel\.unprivileged_userns_clone=1/);
  assert.match(asUser.message, /sudo npm test/);
});

test('only what the command needs is checked: the component tests need no namespace', () => {
  const componentOnly = { ...healthy(), needs: { browser: true, firefox: false, netns: false } };
  assert.deepEqual(plan({ ...componentOnly, tools: { unshare: false, ip: false }, netns: null }), { action: 'ok' });
  assert.deepEqual(plan({ ...componentOnly, firefox: noFirefox }), { action: 'ok' });
  assert.equal(plan({ ...componentOnly, browser: noBrowser }).action, 'install');
  const firefoxOnly = { ...healthy(), needs: { browser: false, firefox: true, netns: false } };
  assert.deepEqual(plan({ ...firefoxOnly, browser: noBrowser }), { action: 'ok' });
  assert.deepEqual(plan({ ...firefoxOnly, firefox: noFirefox }).packages, ['firefox-esr']);
});

test('every message is one line', () => {
  const machines = [
    { ...healthy(), root: false, browser: noBrowser, tools: { unshare: false, ip: false }, netns: null },
    { ...healthy(), apt: false, browser: noBrowser },
    { ...healthy(), root: false, browser: noBrowser, firefox: noFirefox },
    { ...healthy(), root: false, netns: { ok: false, detail: 'x' } },
    { ...healthy(), netns: { ok: false, detail: '' } },
  ];
  for (const machine of machines) {
    const next = plan(machine);
    assert.equal(next.action, 'fail');
    assert.doesNotMatch(next.message, /\n/);
  }
});

/** Runs main() against a scripted machine: each probe returns the next state. */
function runMain(argv, states, { installWorks = true } = {}) {
  const out = [];
  const err = [];
  const installed = [];
  const probes = [];
  const code = main(argv, {
    probe: (needs) => {
      probes.push(needs);
      return { ...states[Math.min(probes.length - 1, states.length - 1)], needs };
    },
    install: (packages) => {
      installed.push(...packages);
      return installWorks;
    },
    log: (line) => out.push(line),
    error: (line) => err.push(line),
  });
  return { code, out, err, installed, probes };
}

test('command line: installs, looks again, and passes when apt-get provided the browser', () => {
  const run = runMain(['browser'], [{ ...healthy(), browser: noBrowser }, healthy()]);
  assert.equal(run.code, 0);
  assert.deepEqual(run.installed, ['chromium']);
  assert.deepEqual(run.out, ['preflight: installing chromium with apt-get (missing: Chromium (/usr/bin/chromium))']);
  assert.deepEqual(run.err, []);
  assert.deepEqual(run.probes, [
    { browser: true, firefox: false, netns: false },
    { browser: true, firefox: false, netns: false },
  ]);
});

test('command line: a failed apt-get or a still-missing package is one line and exit 1, never a second install', () => {
  const broken = runMain([], [{ ...healthy(), browser: noBrowser }], { installWorks: false });
  assert.equal(broken.code, 1);
  assert.equal(broken.err.length, 1);
  assert.match(broken.err[0], /^preflight: apt-get could not install chromium; /);

  const stillMissing = runMain([], [{ ...healthy(), browser: noBrowser }]);
  assert.equal(stillMissing.code, 1);
  assert.deepEqual(stillMissing.installed, ['chromium']);
  assert.deepEqual(stillMissing.err, ['preflight: still missing after apt-get install: chromium']);
});

test('command line: a refused namespace after a tool install still fails with its fix', () => {
  const run = runMain(
    ['netns'],
    [
      { ...healthy(), tools: { unshare: true, ip: false }, netns: null },
      { ...healthy(), netns: { ok: false, detail: 'unshare failed: Operation not permitted' } },
    ],
  );
  assert.equal(run.code, 1);
  assert.deepEqual(run.installed, ['iproute2']);
  assert.equal(run.err.length, 1);
  assert.match(run.err[0], /^preflight: cannot create a private network namespace/);
});

test('the real command: a wrong CHROME_PATH stops it with one line on stderr and exit 1, no stack trace', () => {
  const script = fileURLToPath(new URL('preflight.mjs', import.meta.url));
  const result = spawnSync(process.execPath, [script, 'browser'], {
    env: { ...process.env, CHROME_PATH: '/nonexistent/chromium' },
    encoding: 'utf8',
  });
  assert.equal(result.status, 1);
  assert.equal(result.stdout, '');
  assert.equal(
    result.stderr,
    'preflight: CHROME_PATH=/nonexistent/chromium is not an executable file: point it at a Chromium or Chrome binary, or unset it to use /usr/bin/chromium\n',
  );
});

test('the real command refuses a check it does not know', () => {
  const script = fileURLToPath(new URL('preflight.mjs', import.meta.url));
  const result = spawnSync(process.execPath, [script, 'browsr'], { encoding: 'utf8' });
  assert.equal(result.status, 2);
  assert.equal(result.stderr, 'preflight: unknown check browsr (known: browser, firefox, netns)\n');
});
