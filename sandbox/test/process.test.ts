// The sandbox as `npm start` runs it: a separate process, killed and restarted. Every run uses its own temp seed
// and state file, never the developer's .sandbox/state.json.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, type Sandbox } from '../server';
import { API_KEY, call, testSeed } from './helpers';
import { SignalingClient, twilioToken } from './signaling-client';
import { createCaller } from './werift-caller';

interface SandboxProcess {
  /** Enough of a Sandbox for the HTTP and signaling test clients. */
  sandbox: Sandbox;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function tempFiles(): { dir: string; seed: string; state: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'sandbox-process-'));
  const seed = path.join(dir, 'seed.json');
  writeFileSync(seed, JSON.stringify(testSeed()));
  return { dir, seed, state: path.join(dir, 'state.json') };
}

/** Spawns `tsx sandbox/main.ts args…`; resolves once it prints its URL, or rejects with its stderr if it exits. */
function spawnSandbox(args: string[]): { started: Promise<SandboxProcess>; exited: SandboxProcess['exited'] } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts', '--port', '0', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  const started = new Promise<SandboxProcess>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /running at (https:\/\/127\.0\.0\.1:(\d+))\//.exec(stdout);
      if (match?.[1] && match[2]) {
        const sandbox = { url: match[1], port: Number(match[2]), apiBase: `${match[1]}/v1` } as Sandbox;
        resolve({ sandbox, child, exited });
      }
    });
    void exited.then(({ code }) => reject(new Error(`sandbox exited (${code}) before starting: ${stderr}`)));
  });
  started.catch(() => undefined); // a test that expects the start to fail awaits `exited` instead
  return { started, exited };
}

async function kill(process: SandboxProcess, signal: NodeJS.Signals) {
  process.child.kill(signal);
  return process.exited;
}

const admin = (sandbox: Sandbox, method: string, pathname: string, body?: unknown) =>
  call(sandbox, method, pathname, { origin: null, bearer: API_KEY, ...(body === undefined ? {} : { body }) });

test('admin changes survive SIGKILL and a restart; --reset starts again from the seed', async () => {
  const files = tempFiles();
  const args = ['--config', files.seed, '--state', files.state];
  const first = await spawnSandbox(args).started;
  let created: { id: string; public_key: string };
  try {
    assert.equal(
      (await admin(first.sandbox, 'PATCH', '/v1/widget-settings', { primary_color: '#112233' })).status,
      200,
    );
    const policy = await admin(first.sandbox, 'PATCH', '/v1/agents/agent_ava/widget-settings', {
      consent_required: true,
      max_call_seconds: 120,
    });
    assert.equal(policy.status, 200);
    const key = await admin(first.sandbox, 'POST', '/v1/widget-keys', {
      name: 'shop',
      domain_allowlist: ['https://shop.example'],
    });
    assert.equal(key.status, 201);
    created = key.json<{ id: string; public_key: string }>();
    assert.equal((await admin(first.sandbox, 'DELETE', '/v1/widget-keys/wk_pinned')).status, 200);
  } finally {
    const { signal } = await kill(first, 'SIGKILL');
    assert.equal(signal, 'SIGKILL');
  }

  const second = await spawnSandbox(args).started;
  try {
    const branding = (await admin(second.sandbox, 'GET', '/v1/widget-settings')).json<{ primary_color: string }>();
    assert.equal(branding.primary_color, '#112233');
    const policy = await admin(second.sandbox, 'GET', '/v1/agents/agent_ava/widget-settings');
    assert.deepEqual(policy.json(), {
      agent_id: 'agent_ava',
      widget_enabled: true,
      auth_mode: 'both',
      max_call_seconds: 120,
      consent_required: true,
      feedback_enabled: false,
      continuity_enabled: true,
    });
    const keys = (await admin(second.sandbox, 'GET', '/v1/widget-keys')).json<{ id: string }[]>();
    assert.deepEqual(keys.map((key) => key.id).sort(), [created.id, 'wk_demo'].sort());
    // The created key works, with the allowlist it was saved with.
    const guest = await call(second.sandbox, 'POST', '/v1/widget/auth/guest', {
      origin: 'https://shop.example',
      body: { client_key: created.public_key, agent_id: 'agent_ava' },
    });
    assert.equal(guest.status, 200);
  } finally {
    await kill(second, 'SIGKILL');
  }

  const reset = await spawnSandbox([...args, '--reset']).started;
  try {
    const branding = (await admin(reset.sandbox, 'GET', '/v1/widget-settings')).json<{ primary_color: string }>();
    assert.equal(branding.primary_color, '#2563eb');
    const keys = (await admin(reset.sandbox, 'GET', '/v1/widget-keys')).json<{ id: string }[]>();
    assert.deepEqual(keys.map((key) => key.id).sort(), ['wk_demo', 'wk_pinned']);
  } finally {
    await kill(reset, 'SIGKILL');
  }
  const saved = JSON.parse(readFileSync(files.state, 'utf8')) as { accounts: { acme: { branding: object } } };
  assert.equal((saved.accounts.acme.branding as { primary_color: string }).primary_color, '#2563eb');
});

test('a corrupt state file stops the start with an error naming the file, and is left as it was', async () => {
  const files = tempFiles();
  for (const [content, problem] of [
    ['{"version": 1, "accounts": {', /not valid JSON/],
    [
      JSON.stringify({
        version: 1,
        accounts: { acme: { branding: { primary_color: 'red' }, agent_policies: {} } },
        widget_keys: [],
        seed_key_ids: [],
      }),
      /accounts\.acme\.branding\.primary_color: must be #rgb or #rrggbb/,
    ],
  ] as const) {
    writeFileSync(files.state, content);
    const { code, stderr } = await spawnSandbox(['--config', files.seed, '--state', files.state]).exited;
    assert.equal(code, 1);
    assert.ok(stderr.includes(files.state) || stderr.includes(path.relative(REPO_ROOT, files.state)), stderr);
    assert.match(stderr, problem);
    assert.match(stderr, /--reset/);
    assert.equal(readFileSync(files.state, 'utf8'), content, 'never a silent reset');
  }
});

test('SIGTERM hangs up live calls with a PStream hangup before the socket closes, then exits', async () => {
  const files = tempFiles();
  const running = await spawnSandbox(['--config', files.seed, '--state', files.state]).started;
  const caller = await createCaller();
  try {
    const { token } = await twilioToken(running.sandbox);
    const client = new SignalingClient(running.sandbox);
    await client.send('listen', { token });
    await client.next('connected');
    await client.send('invite', { callsid: 'TJS-term', sdp: caller.offer, twilio: {} });
    const { callsid } = await client.next('answer', 15_000);

    running.child.kill('SIGTERM');
    const closeCode = await client.closed;
    const hangupAt = client.messages.findIndex((message) => message.type === 'hangup');
    assert.ok(hangupAt >= 0, `no hangup before close; got ${client.messages.map((m) => m.type).join(', ')}`);
    assert.deepEqual(client.messages[hangupAt]?.payload, { callsid });
    assert.equal(closeCode, 1001, 'a clean close, not 1006');
    assert.equal((await running.exited).code, 0);
  } finally {
    running.child.kill('SIGKILL');
    await caller.close();
  }
});
