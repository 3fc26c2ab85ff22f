import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadSeedFile, parseSeed, SeedError } from '../seed';
import { DEFAULT_SEED_PATH, REPO_ROOT, startSandbox } from '../server';
import { testSeed } from './helpers';

test('the shipped seed is valid and has the demo account', () => {
  const seed = loadSeedFile(DEFAULT_SEED_PATH);
  const [acme] = seed.accounts;
  assert.equal(acme?.id, 'acme');
  assert.deepEqual(acme?.api_keys, ['sk_live_acme_sandbox0000000000']);
  assert.deepEqual(
    acme?.agents.map((agent) => [agent.id, agent.status, agent.auth_mode, agent.widget.auth_mode]),
    [
      ['agent_ava', 'active', 'public', 'both'],
      ['agent_sleepy', 'paused', 'public', 'both'],
      ['agent_members', 'active', 'authenticated', 'user'],
    ],
  );
  assert.deepEqual(
    acme?.widget_keys.map((key) => [key.public_key, key.agent_id]),
    [
      ['pk_live_acme_demo0000000000', null],
      ['pk_live_acme_pinned000000000', 'agent_ava'],
    ],
  );
  assert.equal(seed.settings.visitor_token_ttl_seconds, 900);
});

test('an invalid seed names the source and the field path', () => {
  const badStatus = testSeed((account) => {
    const sleepy = account.agents[1];
    if (sleepy) Object.assign(sleepy, { status: 'sleeping' });
  });
  assert.throws(() => parseSeed(badStatus, 'sandbox/seed.json'), {
    name: 'Error',
    message: 'sandbox/seed.json: accounts.0.agents.1.status: expected one of draft|active|paused|archived',
  });
  const badColor = testSeed((account) => {
    account.branding = { primary_color: 'red' };
  });
  assert.throws(() => parseSeed(badColor, 'x.json'), {
    message: 'x.json: accounts.0.branding.primary_color: must be #rgb or #rrggbb',
  });
  const badPin = testSeed((account) => {
    const key = account.widget_keys[0];
    if (key) key.agent_id = 'agent_ghost';
  });
  assert.throws(() => parseSeed(badPin, 'x.json'), {
    message: 'x.json: accounts.0.widget_keys.0.agent_id: no agent agent_ghost in account acme',
  });
  assert.throws(() => parseSeed({ accounts: [] }, 'x.json'), SeedError);
  assert.throws(() => parseSeed({ accounts: [], extra: 1 }, 'x.json'), { message: /x\.json: (accounts|extra)/ });
});

test('seed files: unreadable, bad JSON, and startSandbox refuses to start', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sandbox-seed-'));
  const broken = path.join(dir, 'broken.json');
  writeFileSync(broken, '{ "accounts": [');
  assert.throws(() => loadSeedFile(broken), { message: /broken\.json: not valid JSON/ });
  assert.throws(() => loadSeedFile(path.join(dir, 'missing.json')), {
    message: /missing\.json: cannot read \(ENOENT\)/,
  });
  const invalid = path.join(dir, 'invalid.json');
  writeFileSync(invalid, JSON.stringify({ accounts: [{ id: 'acme', api_keys: [], agents: [], widget_keys: 'none' }] }));
  await assert.rejects(startSandbox({ configPath: invalid, port: 0, quiet: true }), {
    message: `${path.relative(process.cwd(), invalid)}: accounts.0.widget_keys: expected array, received string`,
  });

  const cli = spawnSync(process.execPath, ['--import', 'tsx', 'sandbox/main.ts', '--config', invalid, '--port', '0'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  assert.equal(cli.status, 1);
  assert.match(cli.stderr, /Invalid seed: .*invalid\.json: accounts\.0\.widget_keys: expected array, received string/);
});
