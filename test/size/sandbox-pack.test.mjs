// @kataven/sandbox as users install it: `npm pack -w sandbox` (its prepack builds it), the tarball unpacked into a
// fresh project's node_modules with its dependencies linked from this repo's (no network), then its bin and its
// programmatic API run by plain Node (no tsx), and publint and arethetypeswrong run on the tarball.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { install, pack, tarballFiles } from '../../scripts/packed.mjs';

const run = promisify(execFile);
const repo = path.resolve('.');
const bin = (name) => path.join(repo, 'node_modules/.bin', name);
let work = '';
let tarball = '';
let app = '';

before(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'kataven-sandbox-pack-'));
  tarball = await pack(work, ['-w', 'sandbox']);
  app = path.join(work, 'app');
  const modules = path.join(app, 'node_modules');
  await mkdir(modules, { recursive: true });
  await writeFile(
    path.join(app, 'package.json'),
    JSON.stringify({ name: 'customer-ci', private: true, type: 'module' }),
  );
  await install(tarball, modules, '@kataven/sandbox');
});

after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

test('the tarball holds the built JavaScript, typings, the seed, README and LICENSE, and no sources', async () => {
  const files = await tarballFiles(tarball);
  for (const wanted of ['package.json', 'README.md', 'LICENSE', 'seed.json', 'dist/index.js', 'dist/bin.js']) {
    assert.ok(files.includes(wanted), `${wanted} is missing from the tarball`);
  }
  assert.ok(files.includes('dist/types/sandbox/playwright.d.ts'));
  assert.deepEqual(
    files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts')),
    [],
    'TypeScript sources were packed',
  );
});

test('installed: the bin starts with plain Node and prints the API base, signaling URL and keys', async () => {
  const child = spawn(process.execPath, ['node_modules/@kataven/sandbox/dist/bin.js', '--port', '0'], {
    cwd: app,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    if (stdout.includes('Ctrl-C stops')) child.kill('SIGTERM');
  });
  assert.equal(await exited, 0, stderr);
  assert.match(stdout, /Widget API {3}https:\/\/127\.0\.0\.1:\d+\/v1/);
  assert.match(stdout, /Signaling {4}wss:\/\/127\.0\.0\.1:\d+\/signal/);
  assert.match(stdout, /Key {10}pk_live_acme_demo0000000000/);
});

test('installed: startSandbox() from plain Node answers the Widget API with the shipped seed', async () => {
  const script = `
    import { startSandbox } from '@kataven/sandbox';
    const sandbox = await startSandbox({ port: 0, certDir: process.argv[1] });
    const key = sandbox.keys[0].public_key;
    const res = await fetch(sandbox.apiBase + '/widget/config?client_key=' + key + '&agent_id=agent_ava', {
      headers: { Origin: 'http://localhost:3000' },
    }).catch((error) => ({ status: String(error.cause?.code ?? error) }));
    await sandbox.close();
    console.log(JSON.stringify({ key, status: res.status }));
  `;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script, path.join(work, 'cert')], {
    cwd: app,
    env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0', NODE_NO_WARNINGS: '1' },
  });
  assert.deepEqual(JSON.parse(stdout), { key: 'pk_live_acme_demo0000000000', status: 200 });
});

test('publint and arethetypeswrong (ESM-only profile) find nothing wrong with the tarball', async () => {
  const publint = await run(bin('publint'), ['run', '--strict', tarball], { cwd: repo });
  assert.match(publint.stdout, /All good!/, publint.stdout);
  const attwArgs = ['--import', './scripts/typescript-js-api.mjs', bin('attw'), tarball, '--profile', 'esm-only'];
  const attw = await run(process.execPath, [...attwArgs, '--format', 'json'], { cwd: repo }).catch((error) => error);
  const { analysis } = JSON.parse(attw.stdout);
  const problems = analysis.problems.filter((problem) => !['node10', 'node16-cjs'].includes(problem.resolutionKind));
  assert.deepEqual(problems, []);
  assert.deepEqual(
    Object.keys(analysis.entrypoints).sort(),
    Object.keys(JSON.parse(await readFile('sandbox/package.json', 'utf8')).exports).sort(),
  );
  assert.equal(attw.code ?? 0, 0, attw.stderr);
});
