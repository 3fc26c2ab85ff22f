// The package as users install it: `npm pack`, then that tarball unpacked into a fresh project's node_modules (its
// dependencies linked, no network), imported from Node (`.`, `./define`, `./react` rendered on the server) and bundled for the browser by Vite;
// and publint and arethetypeswrong run on it. Run after `npm run build`.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { install, link, pack, tarballFiles } from '../../scripts/packed.mjs';

const run = promisify(execFile);
const repo = path.resolve('.');
const bin = (name) => path.join(repo, 'node_modules/.bin', name);
let work = '';
let tarball = '';
let app = '';

before(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'kataven-pack-'));
  tarball = await pack(work);
  app = path.join(work, 'app');
  await mkdir(app);
  await writeFile(
    path.join(app, 'package.json'),
    JSON.stringify({ name: 'customer-app', private: true, type: 'module' }),
  );
  // "Installed" without the network, with the app's React linked beside the package's own dependencies.
  const modules = path.join(app, 'node_modules');
  const packed = await install(tarball, modules, '@kataven/widget');
  for (const name of [...Object.keys(packed.peerDependencies), 'react-dom']) await link(modules, name);
});

after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

test('the tarball holds dist/lib, custom-elements.json, README.md, LICENSE and nothing from the sources', async () => {
  const files = await tarballFiles(tarball);
  for (const wanted of ['package.json', 'README.md', 'LICENSE', 'custom-elements.json', 'dist/lib/index.js']) {
    assert.ok(files.includes(wanted), `${wanted} is missing from the tarball`);
  }
  for (const entry of [
    'dist/lib/define.js',
    'dist/lib/react.js',
    'dist/lib/react.d.ts',
    'dist/lib/frameworks/vue.d.ts',
  ]) {
    assert.ok(files.includes(entry), `${entry} is missing from the tarball`);
  }
  const strays = files.filter(
    (file) =>
      !['package.json', 'README.md', 'LICENSE', 'custom-elements.json'].includes(file) && !file.startsWith('dist/lib/'),
  );
  assert.deepEqual(strays, [], 'files outside dist/lib (src/, sandbox/, demo/, test/, dist/cdn …) were packed');
});

test('installed: "." and "./react" work in Node (server rendering), "./define" registers the element', async () => {
  const script = `
    import * as widget from '@kataven/widget';
    import { createElement } from 'react';
    import { renderToString } from 'react-dom/server';
    import { KatavenWidget } from '@kataven/widget/react';
    const before = globalThis.customElements?.get('kataven-widget');
    await import('@kataven/widget/define');
    const manifest = (await import('@kataven/widget/custom-elements.json', { with: { type: 'json' } })).default;
    console.log(JSON.stringify({
      exports: ['KatavenWidget', 'createApiClient', 'SUPPORTED_LOCALES'].filter((name) => name in widget),
      locales: widget.SUPPORTED_LOCALES.length,
      html: renderToString(createElement(KatavenWidget, { clientKey: 'pk_live_x', locale: 'ar' })),
      definedBefore: Boolean(before),
      definedAfter: Boolean(globalThis.customElements?.get('kataven-widget')),
      tag: manifest.modules[0].declarations[0].tagName,
    }));`;
  await writeFile(path.join(app, 'server.mjs'), script);
  const { stdout } = await run(process.execPath, ['server.mjs'], { cwd: app });
  assert.deepEqual(JSON.parse(stdout), {
    exports: ['KatavenWidget', 'createApiClient', 'SUPPORTED_LOCALES'],
    locales: 27,
    html: '<kataven-widget defer-hydration=""></kataven-widget>',
    definedBefore: true, // "./react" registers the element (in Lit's server-side registry here)
    definedAfter: true,
    tag: 'kataven-widget',
  });
});

test('installed: a browser bundle (Vite) of "./define" and "./react" keeps each locale in its own chunk', async () => {
  await writeFile(
    path.join(app, 'index.html'),
    '<!doctype html><div id="root"></div><script type="module" src="./main.js"></script>',
  );
  await writeFile(
    path.join(app, 'main.js'),
    `import '@kataven/widget/define';
     import { createElement } from 'react';
     import { createRoot } from 'react-dom/client';
     import { KatavenWidget } from '@kataven/widget/react';
     createRoot(document.getElementById('root')).render(createElement(KatavenWidget, { clientKey: 'pk_live_x' }));`,
  );
  const { build } = await import('vite');
  await build({ root: app, configFile: false, logLevel: 'silent', build: { outDir: 'dist', target: 'es2022' } });
  const assets = await readdir(path.join(app, 'dist/assets'));
  const code = (await Promise.all(assets.map((file) => readFile(path.join(app, 'dist/assets', file), 'utf8')))).join(
    '',
  );
  assert.match(code, /kataven-widget/);
  assert.ok(assets.some((file) => /^fr-.*\.js$/.test(file)) && assets.some((file) => /^zh-TW-.*\.js$/.test(file)));
  assert.ok(!/@twilio|voice-sdk/.test(assets.filter((file) => file.startsWith('index-')).join('')));
});

test('publint and arethetypeswrong (ESM-only profile) find nothing wrong with the tarball', async () => {
  const publint = await run(bin('publint'), ['run', '--strict', tarball], { cwd: repo });
  assert.match(publint.stdout, /All good!/, publint.stdout);
  // ESM-only by design ("type": "module", import-only exports): CommonJS require() and node10 resolution are out of
  // scope, every other resolution (node16 from ESM, bundler) must be clean.
  // attw needs TypeScript's JS API, which TypeScript 7 lacks: scripts/typescript-js-api.mjs lends it TypeScript 6.
  const attwArgs = ['--import', './scripts/typescript-js-api.mjs', bin('attw'), tarball, '--profile', 'esm-only'];
  const attw = await run(process.execPath, [...attwArgs, '--format', 'json'], { cwd: repo }).catch((error) => error);
  const { analysis } = JSON.parse(attw.stdout);
  const problems = analysis.problems.filter((problem) => !['node10', 'node16-cjs'].includes(problem.resolutionKind));
  assert.deepEqual(problems, []);
  assert.deepEqual(
    Object.keys(analysis.entrypoints).sort(),
    Object.keys(JSON.parse(await readFile('package.json', 'utf8')).exports).sort(),
  );
  assert.equal(attw.code ?? 0, 0, attw.stderr);
});
