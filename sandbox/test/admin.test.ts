import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Sandbox } from '../server';
import { API_KEY, call, DEMO_KEY, testSeed, withSandbox } from './helpers';

const admin = (sandbox: Sandbox, method: string, path: string, body?: unknown) =>
  call(sandbox, method, path, { origin: null, bearer: API_KEY, ...(body === undefined ? {} : { body }) });

test('admin endpoints need an sk_live_ API key', async () => {
  await withSandbox(testSeed(), async (sandbox) => {
    for (const bearer of [undefined, 'sk_live_acme_wrong', DEMO_KEY]) {
      const res = await call(sandbox, 'GET', '/v1/widget-keys', { origin: null, ...(bearer ? { bearer } : {}) });
      assert.equal(res.status, 401);
      assert.equal(res.text, 'invalid_api_key: missing or unknown Bearer sk_live_ API key');
    }
  });
});

test('widget keys: create once in plaintext, list by last 8, patch, disable, delete', async () => {
  await withSandbox(testSeed(), async (sandbox) => {
    const invalid = await admin(sandbox, 'POST', '/v1/widget-keys', { domain_allowlist: ['acme.com'] });
    assert.equal(invalid.status, 400);
    assert.equal(invalid.text, 'invalid_body: name required');
    const badList = await admin(sandbox, 'POST', '/v1/widget-keys', { name: 'x', domain_allowlist: 'acme.com' });
    assert.equal(badList.text, 'invalid_body: domain_allowlist must be an array of strings');
    const badPin = await admin(sandbox, 'POST', '/v1/widget-keys', { name: 'x', agent_id: 'agent_nobody' });
    assert.equal(badPin.status, 404);

    const created = await admin(sandbox, 'POST', '/v1/widget-keys', {
      name: 'shop',
      domain_allowlist: ['https://shop.example'],
      agent_id: 'agent_ava',
    });
    assert.equal(created.status, 201);
    const key = created.json<{ id: string; public_key: string; agent_id: string; disabled: boolean }>();
    assert.match(key.public_key, /^pk_live_acme_[0-9a-f]{24}$/);
    assert.equal(key.agent_id, 'agent_ava');
    assert.equal(key.disabled, false);

    const listed = (await admin(sandbox, 'GET', '/v1/widget-keys')).json<Array<Record<string, unknown>>>();
    assert.deepEqual(
      listed.map((entry) => entry['id']),
      ['wk_demo', 'wk_pinned', key.id],
    );
    const mine = listed.find((entry) => entry['id'] === key.id);
    assert.equal(mine?.['public_key_last8'], key.public_key.slice(-8));
    assert.equal(JSON.stringify(listed).includes(key.public_key), false);

    const config = (origin: string) =>
      call(sandbox, 'GET', `/v1/widget/config?client_key=${key.public_key}&agent_id=agent_members`, { origin });
    assert.equal((await config('https://shop.example')).status, 200);
    assert.equal((await config('http://localhost:5173')).status, 403);

    const patched = await admin(sandbox, 'PATCH', `/v1/widget-keys/${key.id}`, {
      domain_allowlist: ['localhost:*'],
      agent_id: null,
      name: 'renamed',
    });
    assert.equal(patched.status, 200);
    assert.deepEqual(patched.json<{ domain_allowlist: string[] }>().domain_allowlist, ['localhost:*']);
    assert.equal((await config('https://shop.example')).status, 403); // allowlist was replaced
    const unpinned = await config('http://localhost:5173');
    assert.equal(unpinned.json<{ agent: { id: string } }>().agent.id, 'agent_members'); // pin removed

    const badPatch = await admin(sandbox, 'PATCH', `/v1/widget-keys/${key.id}`, { disabled: 'yes' });
    assert.equal(badPatch.text, 'invalid_body: disabled must be a boolean');
    assert.equal((await admin(sandbox, 'PATCH', '/v1/widget-keys/wk_nope', { disabled: true })).status, 404);

    await admin(sandbox, 'PATCH', `/v1/widget-keys/${key.id}`, { disabled: true });
    const disabled = await config('http://localhost:5173');
    assert.equal(disabled.status, 403);
    assert.equal(disabled.text, 'key_disabled: this widget key has been disabled');

    // Used keys are disabled, not deleted; never-used keys disappear.
    await call(sandbox, 'GET', `/v1/widget/config?client_key=${DEMO_KEY}&agent_id=agent_ava`);
    const deletedUsed = await admin(sandbox, 'DELETE', '/v1/widget-keys/wk_demo');
    assert.deepEqual(
      [deletedUsed.status, deletedUsed.json<{ deleted: boolean; disabled: boolean }>().deleted],
      [200, false],
    );
    const demoAfterDelete = await call(sandbox, 'GET', `/v1/widget/config?client_key=${DEMO_KEY}&agent_id=agent_ava`);
    assert.equal(demoAfterDelete.text, 'key_disabled: this widget key has been disabled');
    const fresh = (await admin(sandbox, 'POST', '/v1/widget-keys', { name: 'unused' })).json<{ id: string }>();
    const deletedFresh = await admin(sandbox, 'DELETE', `/v1/widget-keys/${fresh.id}`);
    assert.deepEqual(deletedFresh.json(), { id: fresh.id, deleted: true });
    const ids = (await admin(sandbox, 'GET', '/v1/widget-keys')).json<Array<{ id: string; disabled: boolean }>>();
    assert.equal(
      ids.some((entry) => entry.id === fresh.id),
      false,
    );
    assert.equal(ids.find((entry) => entry.id === 'wk_demo')?.disabled, true);
  });
});

test('branding: validated PATCH, and config shows the change at once', async () => {
  await withSandbox(testSeed(), async (sandbox) => {
    const refusals: Array<[unknown, string]> = [
      [{ primary_color: 'blue' }, 'invalid_body: primary_color must be #rgb or #rrggbb'],
      [{ accent_color: '#12345' }, 'invalid_body: accent_color must be #rgb or #rrggbb'],
      [
        { logo_url: 'http://cdn.example/logo.svg' },
        'invalid_body: logo_url must be an https: URL (or http: to a loopback host) or null',
      ],
      [
        { logo_url: 'javascript:alert(1)' },
        'invalid_body: logo_url must be an https: URL (or http: to a loopback host) or null',
      ],
      [{ launcher_position: 'middle' }, 'invalid_body: launcher_position expected one of br|bl|tr|tl'],
      [{ launcher_label: 'x'.repeat(61) }, 'invalid_body: launcher_label must be at most 60 characters'],
      [{ privacy_notice: 'x'.repeat(301) }, 'invalid_body: privacy_notice must be at most 300 characters'],
      [{ font: 'Comic Sans' }, 'invalid_body: unknown field font'],
    ];
    for (const [body, text] of refusals) {
      const res = await admin(sandbox, 'PATCH', '/v1/widget-settings', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.text, text);
    }
    const patch = {
      primary_color: '#f00',
      logo_url: 'http://127.0.0.1:8443/logo.svg',
      launcher_position: 'tl',
      launcher_label: 'Ask <b>us</b>',
    };
    const res = await admin(sandbox, 'PATCH', '/v1/widget-settings', patch);
    assert.equal(res.status, 200);
    assert.equal(
      (await admin(sandbox, 'GET', '/v1/widget-settings')).json<{ primary_color: string }>().primary_color,
      '#f00',
    );
    const config = await call(sandbox, 'GET', `/v1/widget/config?client_key=${DEMO_KEY}&agent_id=agent_ava`);
    const { branding } = config.json<{ branding: Record<string, unknown> }>();
    assert.deepEqual(branding, {
      primary_color: '#f00',
      accent_color: '#1e40af',
      logo_url: 'http://127.0.0.1:8443/logo.svg',
      launcher_position: 'tl',
      launcher_label: 'Ask <b>us</b>',
      privacy_notice: 'Calls may be recorded for quality.',
    });
    assert.equal((await admin(sandbox, 'PATCH', '/v1/widget-settings', { logo_url: null })).status, 200);
  });
});

test('agents and per-agent widget policy', async () => {
  await withSandbox(testSeed(), async (sandbox) => {
    const agents = await admin(sandbox, 'GET', '/v1/agents');
    assert.deepEqual(agents.json(), [
      { id: 'agent_ava', name: 'Ava', status: 'active', auth_mode: 'public' },
      { id: 'agent_sleepy', name: 'Sleepy', status: 'paused', auth_mode: 'public' },
      { id: 'agent_members', name: 'Members', status: 'active', auth_mode: 'authenticated' },
    ]);
    const policy = await admin(sandbox, 'GET', '/v1/agents/agent_ava/widget-settings');
    assert.deepEqual(policy.json(), {
      agent_id: 'agent_ava',
      widget_enabled: true,
      auth_mode: 'both',
      max_call_seconds: 600,
      consent_required: false,
      feedback_enabled: false,
      continuity_enabled: true,
    });
    const refusals: Array<[unknown, string]> = [
      [{ auth_mode: 'everyone' }, 'invalid_body: auth_mode expected one of guest|user|both'],
      [{ max_call_seconds: 5 }, 'invalid_body: max_call_seconds Too small: expected number to be >=10'],
      [{ max_call_seconds: 9000 }, 'invalid_body: max_call_seconds Too big: expected number to be <=7200'],
      [{ widget_enabled: 'no' }, 'invalid_body: widget_enabled expected boolean, received string'],
      [{ continuity_enabled: 'no' }, 'invalid_body: continuity_enabled expected boolean, received string'],
    ];
    for (const [body, text] of refusals) {
      const res = await admin(sandbox, 'PATCH', '/v1/agents/agent_ava/widget-settings', body);
      assert.equal(res.status, 400);
      assert.equal(res.text, text);
    }
    const updated = await admin(sandbox, 'PATCH', '/v1/agents/agent_ava/widget-settings', {
      widget_enabled: false,
      auth_mode: 'user',
      max_call_seconds: null,
      consent_required: true,
      continuity_enabled: false,
    });
    assert.equal(updated.status, 200);
    const config = await call(sandbox, 'GET', `/v1/widget/config?client_key=${DEMO_KEY}&agent_id=agent_ava`);
    assert.deepEqual(config.json<{ policy: unknown }>().policy, {
      widget_enabled: false,
      auth_mode: 'user',
      consent_required: true,
      feedback_enabled: false,
      continuity_enabled: false,
    });
    const guest = await call(sandbox, 'POST', '/v1/widget/auth/guest', {
      body: { client_key: DEMO_KEY, agent_id: 'agent_ava' },
    });
    assert.equal(guest.text, 'widget_disabled: the widget is disabled for agent agent_ava');
    assert.equal((await admin(sandbox, 'GET', '/v1/agents/agent_nobody/widget-settings')).status, 404);
  });
});

test('the demo page helpers: /sandbox/demo and /sandbox/settings', async () => {
  await withSandbox(testSeed(), async (sandbox) => {
    const demo = await call(sandbox, 'GET', '/sandbox/demo', { origin: null });
    assert.deepEqual(demo.json<{ public_key: string; api_base: string }>().public_key, DEMO_KEY);
    assert.equal(demo.json<{ api_base: string }>().api_base, sandbox.apiBase);
    assert.equal(demo.json<{ agents: unknown[] }>().agents.length, 3);

    const saved = await call(sandbox, 'POST', '/sandbox/settings', {
      origin: sandbox.url,
      body: { branding: { primary_color: '#0a0' }, agent_id: 'agent_ava', policy: { consent_required: true } },
    });
    assert.equal(saved.status, 200, saved.text);
    const config = saved.json<{ branding: { primary_color: string }; policy: { consent_required: boolean } }>();
    assert.equal(config.branding.primary_color, '#0a0');
    assert.equal(config.policy.consent_required, true);

    const invalid = await call(sandbox, 'POST', '/sandbox/settings', {
      origin: sandbox.url,
      body: { branding: { primary_color: '#0b0' }, agent_id: 'agent_ava', policy: { auth_mode: 'nobody' } },
    });
    assert.equal(invalid.status, 400);
    assert.equal(invalid.text, 'invalid_body: auth_mode expected one of guest|user|both');
    const after = await admin(sandbox, 'GET', '/v1/widget-settings');
    assert.equal(after.json<{ primary_color: string }>().primary_color, '#0a0'); // nothing half-applied

    const crossSite = await call(sandbox, 'POST', '/sandbox/settings', { origin: 'https://evil.test', body: {} });
    assert.equal(crossSite.status, 403);
    // A sandboxed frame on any site posts with an opaque origin and no Referer: still a page, still refused.
    for (const path of ['/sandbox/settings', '/sandbox/faults']) {
      const opaque = await call(sandbox, 'POST', path, { origin: 'null', body: { kind: 'drop_signaling' } });
      assert.equal(opaque.status, 403, `${path} with Origin: null`);
    }
    // DNS rebinding: a page on evil.test resolved to 127.0.0.1 asks with its own Host; nothing answers it.
    const rebound = await call(sandbox, 'GET', '/sandbox/calls', { origin: null, headers: { Host: 'evil.test:443' } });
    assert.equal(rebound.status, 403);
    const local = await call(sandbox, 'GET', '/sandbox/calls', { origin: null });
    assert.equal(local.status, 200);
  });
});
