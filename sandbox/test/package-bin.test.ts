// The `kataven-sandbox` bin (sandbox/bin.ts through cli.ts) as a separate process: what it prints, and the one line
// it ends with when the seed or the port is wrong.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { loadOrCreateCertificate } from '../cert';
import { DEMO_KEY, testSeed } from './helpers';

const BIN = path.resolve(import.meta.dirname, '..', 'bin.ts');
/** tsx from this repo: the bin runs from a temp directory, where `--import tsx` would not resolve. */
const TSX = pathToFileURL(path.resolve(import.meta.dirname, '../../node_modules/tsx/dist/esm/index.mjs')).href;
const cwd = mkdtempSync(path.join(tmpdir(), 'sandbox-bin-'));

before(async () => {
  // The bin keeps its certificate in ./.kataven-sandbox/: made once here, so no run waits for key generation.
  await loadOrCreateCertificate(path.join(cwd, '.kataven-sandbox'));
});

function seedFile(name: string, seed: unknown): string {
  const file = path.join(cwd, name);
  writeFileSync(file, JSON.stringify(seed));
  return file;
}

/** Runs the bin until it prints its addresses (then SIGTERM) or exits on its own. */
function runBin(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', TSX, BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes('Ctrl-C stops')) child.kill('SIGTERM');
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

test('prints the API base, the signaling URL and the publishable keys; SIGTERM closes it cleanly', async () => {
  const seed = seedFile('good.json', testSeed());
  const { code, stdout, stderr } = await runBin(['--seed', seed, '--port', '0', '--host', '127.0.0.1']);
  assert.equal(code, 0, stderr);
  const base = /Widget API {3}(https:\/\/127\.0\.0\.1:(\d+)\/v1)/.exec(stdout);
  assert.ok(base, stdout);
  assert.match(stdout, new RegExp(`Signaling {4}wss://127\\.0\\.0\\.1:${base[2]}/signal`));
  assert.match(stdout, new RegExp(`Key {10}${DEMO_KEY}\\n`));
  assert.match(stdout, /Key {10}pk_live_acme_pinned000000000 \(pinned to agent_ava\)/);
  assert.match(stdout, /State {8}\(none: every start is the seed/);
  assert.match(stdout, /SIGTERM: closing the sandbox/);
});

test('a bad seed: one line naming the file and the field, exit 1', async () => {
  const seed = seedFile(
    'bad.json',
    testSeed((account) => {
      account.widget_keys[0]!.public_key = 'sk_live_oops';
    }),
  );
  const { code, stdout, stderr } = await runBin(['--seed', seed, '--port', '0']);
  assert.equal(code, 1);
  assert.equal(stdout, '');
  assert.equal(
    stderr,
    'Invalid seed: bad.json: accounts.0.widget_keys.0.public_key: must look like pk_live_<account>_<random>\n',
  );
});

test('a port in use: one line saying so, exit 1', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const { port } = blocker.address() as AddressInfo;
  try {
    const { code, stderr } = await runBin(['--seed', seedFile('ok.json', testSeed()), '--port', String(port)]);
    assert.equal(code, 1);
    assert.equal(stderr, `Port ${port} on 127.0.0.1 is in use: choose another with --port (0 picks a free one).\n`);
  } finally {
    blocker.close();
  }
});

test('flags: an unknown flag or a bad port is a usage error (exit 2); --reset without --state is refused', async () => {
  const unknown = await runBin(['--sed', 'x.json']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /Unknown option '--sed'/);
  assert.match(unknown.stderr, /usage: kataven-sandbox \[--seed FILE\] \[--port N\]/);
  const port = await runBin(['--port', '70000']);
  assert.equal(port.code, 2);
  assert.match(port.stderr, /^--port must be a port number, got 70000\n/);
  const reset = await runBin(['--reset']);
  assert.equal(reset.code, 2);
  assert.match(reset.stderr, /^--reset needs --state FILE\n/);
});
