// The state file in-process (the CLI's SIGKILL/restart path is in process.test.ts): what is saved, when, and how a
// changed seed and the saved changes combine.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { API_KEY, call, LOCAL_ORIGIN, testSeed, withSandbox } from './helpers';

const tempState = () => path.join(mkdtempSync(path.join(tmpdir(), 'sandbox-state-')), 'state.json');

test("the demo's save is kept; a refused save and run-time traffic do not rewrite the file", async () => {
  const statePath = tempState();
  await withSandbox(
    testSeed(),
    async (sandbox) => {
      const saved = await call(sandbox, 'POST', '/sandbox/settings', {
        origin: sandbox.url,
        body: { branding: { launcher_label: 'Ring us' }, agent_id: 'agent_ava', policy: { widget_enabled: false } },
      });
      assert.equal(saved.status, 200);
      const afterSave = readFileSync(statePath, 'utf8');
      const refused = await call(sandbox, 'POST', '/sandbox/settings', {
        origin: sandbox.url,
        body: { branding: { launcher_label: 'x'.repeat(61) } },
      });
      assert.equal(refused.status, 400);
      await call(sandbox, 'GET', '/v1/widget/config?client_key=pk_live_acme_demo0000000000&agent_id=agent_members');
      assert.equal(readFileSync(statePath, 'utf8'), afterSave);
      assert.deepEqual(readdirSync(path.dirname(statePath)), ['state.json'], 'no temp file left behind');
    },
    { statePath },
  );
  await withSandbox(
    testSeed(),
    async (sandbox) => {
      const config = await call(
        sandbox,
        'GET',
        '/v1/widget/config?client_key=pk_live_acme_demo0000000000&agent_id=agent_ava',
        { origin: LOCAL_ORIGIN },
      );
      assert.equal(config.status, 200);
      assert.equal(config.json<{ policy: { widget_enabled: boolean } }>().policy.widget_enabled, false);
      const branding = await call(sandbox, 'GET', '/v1/widget-settings', { origin: null, bearer: API_KEY });
      assert.equal(branding.json<{ launcher_label: string }>().launcher_label, 'Ring us');
    },
    { statePath },
  );
});

test('a key added to the seed after the state was saved still appears; sandboxes without statePath keep nothing', async () => {
  const statePath = tempState();
  await withSandbox(testSeed(), async () => undefined, { statePath });
  const grown = testSeed((account) => {
    account.widget_keys.push({ id: 'wk_new', public_key: 'pk_live_acme_new0000000000', domain_allowlist: [] });
  });
  await withSandbox(
    grown,
    async (sandbox) => {
      const keys = await call(sandbox, 'GET', '/v1/widget-keys', { origin: null, bearer: API_KEY });
      assert.deepEqual(
        keys.json<{ id: string }[]>().map((key) => key.id),
        ['wk_demo', 'wk_pinned', 'wk_new'],
      );
      await call(sandbox, 'PATCH', '/v1/widget-settings', {
        origin: null,
        bearer: API_KEY,
        body: { accent_color: '#000' },
      });
    },
    { statePath },
  );
  await withSandbox(testSeed(), async (sandbox) => {
    const branding = await call(sandbox, 'GET', '/v1/widget-settings', { origin: null, bearer: API_KEY });
    assert.equal(branding.json<{ accent_color: string }>().accent_color, '#1e40af');
  });
});

test('a state file saved before continuity_enabled existed still loads, keeping the seed value', async () => {
  const statePath = tempState();
  await withSandbox(testSeed(), async () => undefined, { statePath });
  const saved = JSON.parse(readFileSync(statePath, 'utf8')) as {
    accounts: Record<string, { agent_policies: Record<string, Record<string, unknown>> }>;
  };
  for (const policy of Object.values(saved.accounts['acme']?.agent_policies ?? {})) {
    delete policy['continuity_enabled'];
    policy['consent_required'] = true;
  }
  writeFileSync(statePath, JSON.stringify(saved));
  await withSandbox(
    testSeed(),
    async (sandbox) => {
      const config = await call(
        sandbox,
        'GET',
        '/v1/widget/config?client_key=pk_live_acme_demo0000000000&agent_id=agent_ava',
      );
      const { policy } = config.json<{ policy: { consent_required: boolean; continuity_enabled: boolean } }>();
      assert.equal(policy.consent_required, true, 'the saved change applies');
      assert.equal(policy.continuity_enabled, true);
    },
    { statePath },
  );
});
