// `npm run test:example`: examples/playwright-shop as an integrator runs it. Both packages are packed (`npm pack`),
// the tarballs unpacked into a fresh project's node_modules with their dependencies linked from this repo's (no
// network, and what runs is exactly what the tarballs hold), then the shop's Playwright tests run there, in the
// default network namespace like any CI job. Run after `npm run build` (the widget's tarball packs dist/lib).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { install, link, pack } from './packed.mjs';

const repo = path.resolve(import.meta.dirname, '..');
const example = path.join(repo, 'examples', 'playwright-shop');
const work = mkdtempSync(path.join(os.tmpdir(), 'kataven-example-'));
const app = path.join(work, 'app');
const modules = path.join(app, 'node_modules');

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

let status = 1;
try {
  const tarballs = { '@kataven/widget': await pack(work), '@kataven/sandbox': await pack(work, ['-w', 'sandbox']) };
  cpSync(example, app, { recursive: true, filter: (source) => !/node_modules|dist|test-results/.test(source) });
  const appPackage = JSON.parse(readFileSync(path.join(app, 'package.json'), 'utf8'));
  const ours = Object.keys(tarballs);
  for (const [name, tarball] of Object.entries(tarballs)) await install(tarball, modules, name, { skip: ours });
  for (const name of Object.keys(appPackage.devDependencies ?? {})) await link(modules, name, ours);
  mkdirSync(path.join(modules, '.bin'));
  symlinkSync('../vite/bin/vite.js', path.join(modules, '.bin', 'vite'));
  symlinkSync('../@playwright/test/cli.js', path.join(modules, '.bin', 'playwright'));

  const run = spawnSync(path.join(modules, '.bin', 'playwright'), ['test'], {
    cwd: app,
    stdio: 'inherit',
    env: {
      ...process.env,
      SHOP_PORT: String(await freePort()),
      CHROME_PATH: process.env.CHROME_PATH || '/usr/bin/chromium',
    },
  });
  status = run.status ?? 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(status);
