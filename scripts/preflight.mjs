// Before any test runner starts: is there a Chromium (and a Firefox), and can scripts/netns.sh make a private network
// namespace?
//   node scripts/preflight.mjs browser netns   (what test:e2e and bench need; test:component: browser)
//   node scripts/preflight.mjs firefox netns   (the Firefox runs; `npm test`, no arguments: all three)
// Installs what is missing when it can (root on Debian/Ubuntu: apt-get, saying what), otherwise prints ONE line
// naming what is missing and the fix, and exits 1. Silent when all is well. Never starts a browser.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const NETNS_SCRIPT = fileURLToPath(new URL('netns.sh', import.meta.url));
const DEFAULT_CHROME = '/usr/bin/chromium';
const DEFAULT_FIREFOX = '/usr/bin/firefox-esr';
const CHECKS = ['browser', 'firefox', 'netns'];
/** Debian/Ubuntu package that provides each missing piece. */
const PACKAGES = { browser: 'chromium', firefox: 'firefox-esr', unshare: 'util-linux', ip: 'iproute2' };
const LABELS = { unshare: 'unshare', ip: 'ip' };

/**
 * What to do, from what was found; pure, so every machine can be tested on this one.
 * @param {{
 *   needs: { browser: boolean, firefox: boolean, netns: boolean },
 *   browser: { path: string, fromEnv: boolean, ok: boolean },
 *   firefox: { path: string, fromEnv: boolean, ok: boolean },
 *   tools: { unshare: boolean, ip: boolean },
 *   netns: { ok: boolean, detail: string } | null,  // null: not tried (a tool is missing)
 *   root: boolean,
 *   apt: boolean,                                    // Debian or Ubuntu with apt-get
 * }} checks
 * @returns {{ action: 'ok' } | { action: 'install', packages: string[], message: string } | { action: 'fail', message: string }}
 */
export function plan(checks) {
  const { needs, browser, firefox, tools, netns, root, apt } = checks;
  if (needs.browser && !browser.ok && browser.fromEnv) {
    return fail(
      `CHROME_PATH=${browser.path} is not an executable file: point it at a Chromium or Chrome binary, or unset it to use ${DEFAULT_CHROME}`,
    );
  }
  if (needs.firefox && !firefox.ok && firefox.fromEnv) {
    return fail(
      `FIREFOX_PATH=${firefox.path} is not an executable file: point it at a Firefox binary, or unset it to use ${DEFAULT_FIREFOX}`,
    );
  }
  const missing = [
    ...(needs.browser && !browser.ok ? ['browser'] : []),
    ...(needs.firefox && !firefox.ok ? ['firefox'] : []),
    ...(needs.netns ? ['unshare', 'ip'].filter((tool) => !tools[tool]) : []),
  ];
  if (missing.length > 0) {
    const packages = missing.map((what) => PACKAGES[what]);
    const label = { ...LABELS, browser: `Chromium (${browser.path})`, firefox: `Firefox (${firefox.path})` };
    const names = missing.map((what) => label[what]).join(', ');
    if (root && apt) {
      return {
        action: 'install',
        packages,
        message: `preflight: installing ${packages.join(' ')} with apt-get (missing: ${names})`,
      };
    }
    const orChrome = missing.includes('browser') ? ', or set CHROME_PATH to a Chromium or Chrome binary' : '';
    const orFirefox = missing.includes('firefox') ? ', or set FIREFOX_PATH to a Firefox binary' : '';
    const fix = apt
      ? `sudo apt-get install -y ${packages.join(' ')}`
      : `install ${packages.join(', ')} with your system's package manager`;
    return fail(`missing ${names}: ${fix}${orChrome}${orFirefox}`);
  }
  if (needs.netns && netns && !netns.ok) {
    const why = netns.detail ? ` (${netns.detail})` : '';
    return fail(
      root
        ? `cannot create a private network namespace${why}: give this container CAP_SYS_ADMIN (docker run --cap-add=SYS_ADMIN, or --privileged)`
        : `cannot create a private network namespace without root${why}: enable user namespaces (sudo sysctl -w kernel.unprivileged_userns_clone=1, and on Ubuntu 23.10+ kernel.apparmor_restrict_unprivileged_userns=0) or run as root (sudo npm test)`,
    );
  }
  return { action: 'ok' };
}

const fail = (reason) => ({ action: 'fail', message: `preflight: ${reason}` });

/** Whether `name` is an executable on PATH (what `command -v` in scripts/netns.sh sees). */
function onPath(name, env) {
  return (env.PATH ?? '').split(path.delimiter).some((dir) => dir && isExecutable(path.join(dir, name)));
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function isDebianLike() {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(release);
  } catch {
    return false;
  }
}

/** Looks at this machine. `netns` is tried for real: the namespace script runs `true` inside one. */
export function probe(needs, env = process.env) {
  const chromePath = env.CHROME_PATH || DEFAULT_CHROME;
  const firefoxPath = env.FIREFOX_PATH || DEFAULT_FIREFOX;
  const tools = { unshare: onPath('unshare', env), ip: onPath('ip', env) };
  let netns = null;
  if (needs.netns && tools.unshare && tools.ip) {
    const result = spawnSync('sh', [NETNS_SCRIPT, 'true'], { env, encoding: 'utf8', timeout: 15_000 });
    const lastLine = `${result.stderr ?? ''}`.trim().split('\n').pop() ?? '';
    netns = { ok: result.status === 0, detail: lastLine || (result.error?.message ?? '') };
  }
  return {
    needs,
    browser: { path: chromePath, fromEnv: Boolean(env.CHROME_PATH), ok: isExecutable(chromePath) },
    firefox: { path: firefoxPath, fromEnv: Boolean(env.FIREFOX_PATH), ok: isExecutable(firefoxPath) },
    tools,
    netns,
    root: process.getuid?.() === 0,
    apt: isDebianLike() && onPath('apt-get', env),
  };
}

/** The way .ci/run always did it: quiet apt, no prompts. Returns whether it worked. */
export function aptInstall(packages) {
  const quiet = { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  if (spawnSync('apt-get', ['update', '-qq'], quiet).status !== 0) return false;
  return spawnSync('apt-get', ['install', '-y', '-qq', ...packages], quiet).status === 0;
}

/** The command line, with the machine injected so tests can stand in for it. Returns the exit code. */
export function main(
  argv,
  { probe: look = probe, install = aptInstall, log = console.log, error = console.error } = {},
) {
  const unknown = argv.filter((arg) => !CHECKS.includes(arg));
  if (unknown.length > 0) {
    error(`preflight: unknown check ${unknown.join(', ')} (known: ${CHECKS.join(', ')})`);
    return 2;
  }
  const needs = Object.fromEntries(CHECKS.map((check) => [check, argv.length === 0 || argv.includes(check)]));
  let next = plan(look(needs));
  if (next.action === 'install') {
    log(next.message);
    if (!install(next.packages)) {
      error(
        `preflight: apt-get could not install ${next.packages.join(' ')}; run apt-get install -y ${next.packages.join(' ')} and see why`,
      );
      return 1;
    }
    // Look again, and never loop: what apt-get did not provide is a failure.
    next = plan(look(needs));
    if (next.action === 'install') {
      error(`preflight: still missing after apt-get install: ${next.packages.join(' ')}`);
      return 1;
    }
  }
  if (next.action === 'fail') {
    error(next.message);
    return 1;
  }
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.exitCode = main(process.argv.slice(2));
}
