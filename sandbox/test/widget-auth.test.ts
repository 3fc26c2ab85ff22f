import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AVA_CONFIG } from '../../test/fixtures/ava-config';
import {
  API_KEY,
  call,
  DEMO_KEY,
  guestSession,
  PINNED_KEY,
  testClock,
  testSeed,
  withSandbox,
  type VisitorSession,
} from './helpers';

const guest = (agentId: string | undefined, clientKey = DEMO_KEY) => ({
  client_key: clientKey,
  ...(agentId ? { agent_id: agentId } : {}),
});

test('CORS preflight answers any origin and exposes Retry-After', async () => {
  await withSandbox(testSeed(), async (sandbox) => {
    const res = await call(sandbox, 'OPTIONS', '/v1/widget/auth/guest', {
      origin: 'https://anywhere.example',
      headers: { 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.equal(res.headers['access-control-allow-methods'], 'GET, POST, PATCH, DELETE');
    assert.equal(res.headers['access-control-allow-headers'], 'Authorization, Content-Type');
    assert.equal(res.headers['access-control-expose-headers'], 'Retry-After');
    assert.equal(res.headers['access-control-max-age'], '600');
    const error = await call(sandbox, 'GET', '/v1/widget/config?client_key=pk_live_acme_nope00000');
    assert.equal(error.headers['access-control-allow-origin'], '*');
    assert.equal(error.headers['access-control-expose-headers'], 'Retry-After');
  });
});

test('config answers for active, inactive, user-only and widget-disabled agents', async () => {
  const seed = testSeed((account) => {
    account.agents.push({
      id: 'agent_off',
      name: 'Off',
      status: 'active',
      auth_mode: 'public',
      widget: { widget_enabled: false },
    });
  });
  await withSandbox(seed, async (sandbox) => {
    const config = (agent: string) =>
      call(sandbox, 'GET', `/v1/widget/config?client_key=${DEMO_KEY}&agent_id=${agent}`);
    const ava = await config('agent_ava');
    assert.equal(ava.status, 200);
    assert.deepEqual(ava.json(), AVA_CONFIG);
    const sleepy = (await config('agent_sleepy')).json<{ agent: { status: string }; policy: object }>();
    assert.equal(sleepy.agent.status, 'paused');
    assert.deepEqual(sleepy.policy, {
      widget_enabled: true,
      auth_mode: 'both',
      consent_required: false,
      feedback_enabled: false,
      continuity_enabled: true,
    });
    const members = (await config('agent_members')).json<{
      agent: { auth_mode: string };
      policy: { auth_mode: string };
    }>();
    assert.equal(members.agent.auth_mode, 'authenticated');
    assert.equal(members.policy.auth_mode, 'user');
    const off = await config('agent_off');
    assert.equal(off.status, 200);
    assert.equal(off.json<{ policy: { widget_enabled: boolean } }>().policy.widget_enabled, false);

    assert.equal((await config('agent_nobody')).text, 'agent_not_found: no agent agent_nobody in this account');
    const unpinned = await call(sandbox, 'GET', `/v1/widget/config?client_key=${DEMO_KEY}`);
    assert.equal(unpinned.status, 404);
    assert.equal(unpinned.text, 'agent_not_found: this key is not pinned to an agent; pass agent_id');
    const missing = await call(sandbox, 'GET', '/v1/widget/config');
    assert.equal(missing.status, 400);
    assert.equal(missing.text, 'missing_client_key: client_key is required');
  });
});

test('guest happy path returns a visitor session', async () => {
  await withSandbox(testSeed(), async (sandbox) => {
    const res = await call(sandbox, 'POST', '/v1/widget/auth/guest', { body: guest('agent_ava') });
    assert.equal(res.status, 200);
    const session = res.json<VisitorSession>();
    assert.equal(session.expires_in, 900);
    assert.equal(session.agent_id, 'agent_ava');
    assert.equal(session.visitor.kind, 'guest');
    assert.equal(session.visitor.display_name, null);
    assert.match(session.visitor.id, /^v_[0-9a-f]+$/);
    assert.match(session.refresh_token, /^rt_/);
    const claims = JSON.parse(Buffer.from(session.token.split('.')[1] ?? '', 'base64url').toString()) as {
      [claim: string]: unknown;
      exp: number;
      iat: number;
    };
    assert.equal(claims.sub, session.visitor.id);
    assert.equal(claims.kind, 'guest');
    assert.equal(claims.acc, 'acme');
    assert.equal(claims.agent, 'agent_ava');
    assert.equal(claims.kid, 'wk_demo');
    assert.equal(claims.exp - claims.iat, 900);
  });
});

test('guest refusals: bad body, missing and unknown key, disabled key, inactive agent, widget off, sign-in', async () => {
  const seed = testSeed((account) => {
    account.widget_keys.push({
      id: 'wk_off',
      public_key: 'pk_live_acme_off00000000000',
      domain_allowlist: ['localhost:*'],
      disabled: true,
    });
    account.agents.push({
      id: 'agent_off',
      name: 'Off',
      status: 'active',
      auth_mode: 'public',
      widget: { widget_enabled: false },
    });
    account.agents.push({ id: 'agent_private', name: 'Private', status: 'active', auth_mode: 'authenticated' });
  });
  await withSandbox(seed, async (sandbox) => {
    const post = (body: unknown) => call(sandbox, 'POST', '/v1/widget/auth/guest', { body });
    const expectRefusal = async (body: unknown, status: number, text: string) => {
      const res = await post(body);
      assert.equal(res.status, status, res.text);
      assert.equal(res.text, text);
    };
    await expectRefusal('{not json', 400, 'invalid_body: body is not valid JSON');
    await expectRefusal([1], 400, 'invalid_body: body must be a JSON object');
    await expectRefusal({ agent_id: 'agent_ava' }, 400, 'missing_client_key: client_key is required');
    await expectRefusal(guest('agent_ava', 'pk_live_acme_unknown000000'), 401, 'invalid_key: unknown client_key');
    await expectRefusal(
      guest('agent_ava', 'pk_live_acme_off00000000000'),
      403,
      'key_disabled: this widget key has been disabled',
    );
    await expectRefusal(guest('agent_sleepy'), 409, 'agent_not_active: agent agent_sleepy is paused');
    await expectRefusal(guest('agent_off'), 403, 'widget_disabled: the widget is disabled for agent agent_off');
    await expectRefusal(
      guest('agent_members'),
      403,
      'sign_in_required: agent agent_members only talks to signed-in visitors',
    );
    // Policy admits guests, but the agent itself is `authenticated`.
    await expectRefusal(
      guest('agent_private'),
      403,
      'sign_in_required: agent agent_private only talks to signed-in visitors',
    );
    await expectRefusal(guest(undefined), 404, 'agent_not_found: this key is not pinned to an agent; pass agent_id');
  });
});

test('a key pinned to an agent wins over the agent the page asks for', async () => {
  await withSandbox(testSeed(), async (sandbox) => {
    const res = await call(sandbox, 'POST', '/v1/widget/auth/guest', { body: guest('agent_sleepy', PINNED_KEY) });
    assert.equal(res.status, 200);
    assert.equal(res.json<VisitorSession>().agent_id, 'agent_ava');
    const config = await call(sandbox, 'GET', `/v1/widget/config?client_key=${PINNED_KEY}&agent_id=agent_members`);
    assert.equal(config.json<{ agent: { id: string } }>().agent.id, 'agent_ava');
  });
});

async function mintUserToken(sandbox: Parameters<Parameters<typeof withSandbox>[1]>[0], bearer = API_KEY) {
  return call(sandbox, 'POST', '/v1/widget/auth/user-token', {
    origin: null,
    bearer,
    body: { external_user_id: 'user-42', display_name: 'Grace', email: 'grace@example.com' },
  });
}

test('user-token → exchange: single use, same account only, bad secret refused', async () => {
  const seed = testSeed((_account, config) => {
    config.accounts.push({
      id: 'globex',
      api_keys: ['sk_live_globex_test00000000'],
      agents: [],
      widget_keys: [{ id: 'wk_globex', public_key: 'pk_live_globex_key000000000', domain_allowlist: ['localhost:*'] }],
    });
  });
  await withSandbox(seed, async (sandbox) => {
    const minted = await mintUserToken(sandbox);
    assert.equal(minted.status, 200);
    const { user_token } = minted.json<{ user_token: string }>();
    const exchange = (clientKey: string, token: string, agentId = 'agent_members') =>
      call(sandbox, 'POST', '/v1/widget/auth/exchange', {
        body: { client_key: clientKey, user_token: token, agent_id: agentId },
      });

    const wrongAccount = await exchange('pk_live_globex_key000000000', user_token);
    assert.equal(wrongAccount.status, 400);
    assert.equal(wrongAccount.text, 'invalid_user_token: unknown or already used user_token');

    const ok = await exchange(DEMO_KEY, user_token);
    assert.equal(ok.status, 200, ok.text);
    const session = ok.json<VisitorSession>();
    assert.equal(session.visitor.kind, 'user');
    assert.equal(session.visitor.display_name, 'Grace');
    assert.equal(session.agent_id, 'agent_members');

    const again = await exchange(DEMO_KEY, user_token);
    assert.equal(again.status, 400);
    assert.equal(again.text, 'invalid_user_token: unknown or already used user_token');
    assert.equal((await exchange(DEMO_KEY, '')).text, 'invalid_user_token: user_token is required');

    const badSecret = await mintUserToken(sandbox, 'sk_live_acme_wrong');
    assert.equal(badSecret.status, 401);
    assert.equal(badSecret.text, 'invalid_api_key: missing or unknown Bearer sk_live_ API key');
    const publicKey = await mintUserToken(sandbox, DEMO_KEY);
    assert.equal(publicKey.status, 401);
    const noUser = await call(sandbox, 'POST', '/v1/widget/auth/user-token', { bearer: API_KEY, body: {} });
    assert.equal(noUser.text, 'invalid_body: external_user_id is required');
  });
});

test('user tokens expire', async () => {
  const clock = testClock();
  await withSandbox(
    testSeed(),
    async (sandbox) => {
      const exchange = (user_token: string) =>
        call(sandbox, 'POST', '/v1/widget/auth/exchange', {
          body: { client_key: DEMO_KEY, user_token, agent_id: 'agent_ava' },
        });
      const fresh = (await mintUserToken(sandbox)).json<{ user_token: string; expires_in: number }>();
      assert.equal(fresh.expires_in, 300);
      clock.advance(299_000);
      assert.equal((await exchange(fresh.user_token)).status, 200);

      const { user_token } = (await mintUserToken(sandbox)).json<{ user_token: string }>();
      clock.advance(300_000);
      const res = await exchange(user_token);
      assert.equal(res.status, 400);
      assert.equal(res.text, 'invalid_user_token: user_token has expired');
    },
    { now: clock.now },
  );
});

test('refresh rotates the refresh token, keeps the visitor, and is bound to the origin', async () => {
  await withSandbox(testSeed(), async (sandbox) => {
    const first = await guestSession(sandbox);
    const refresh = (token: string, origin = 'http://localhost:5173') =>
      call(sandbox, 'POST', '/v1/widget/auth/refresh', { origin, body: { refresh_token: token } });

    const otherOrigin = await refresh(first.refresh_token, 'http://localhost:3000');
    assert.equal(otherOrigin.status, 400);
    assert.equal(otherOrigin.text, 'invalid_refresh_token: refresh_token was issued to http://localhost:5173');
    const evil = await refresh(first.refresh_token, 'https://evil.test');
    assert.equal(evil.status, 403);

    const second = await refresh(first.refresh_token);
    assert.equal(second.status, 200);
    const rotated = second.json<VisitorSession>();
    assert.notEqual(rotated.refresh_token, first.refresh_token);
    assert.equal(rotated.visitor.id, first.visitor.id);
    assert.equal(rotated.agent_id, 'agent_ava');

    const reused = await refresh(first.refresh_token);
    assert.equal(reused.status, 400);
    assert.equal(reused.text, 'invalid_refresh_token: unknown or already used refresh_token');
    assert.equal((await refresh(rotated.refresh_token)).status, 200);
    const missing = await call(sandbox, 'POST', '/v1/widget/auth/refresh', { body: {} });
    assert.equal(missing.text, 'invalid_refresh_token: refresh_token is required');
  });
});

test('refresh tokens expire', async () => {
  const clock = testClock();
  const seed = testSeed((_account, config) => {
    config.settings = { ...config.settings, refresh_token_ttl_seconds: 60 };
  });
  await withSandbox(
    seed,
    async (sandbox) => {
      const refresh = (refresh_token: string) =>
        call(sandbox, 'POST', '/v1/widget/auth/refresh', { body: { refresh_token } });
      clock.advance(59_000);
      assert.equal((await refresh((await guestSession(sandbox)).refresh_token)).status, 200, 'refused early');

      const session = await guestSession(sandbox);
      clock.advance(60_000);
      const res = await refresh(session.refresh_token);
      assert.equal(res.status, 400);
      assert.equal(res.text, 'invalid_refresh_token: refresh_token has expired');
    },
    { now: clock.now },
  );
});
