// Guest, exchange and refresh: a per key+origin rate limit, and expired grants purged (with an injected clock).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { API_KEY, call, DEMO_KEY, LOCAL_ORIGIN, PINNED_KEY, testSeed, withSandbox } from './helpers';

const limited = (perMinute: number) =>
  testSeed((_account, seed) => {
    seed.settings = { ...seed.settings, auth_requests_per_minute: perMinute };
  });

test('guest, exchange and refresh share a per key+origin limit: 429 rate_limited with Retry-After', async () => {
  let now = Date.parse('2026-01-01T00:00:00Z');
  await withSandbox(
    limited(3),
    async (sandbox) => {
      const guest = (origin = LOCAL_ORIGIN, clientKey = DEMO_KEY) =>
        call(sandbox, 'POST', '/v1/widget/auth/guest', {
          origin,
          body: { client_key: clientKey, agent_id: 'agent_ava' },
        });
      const first = await guest();
      assert.equal(first.status, 200);
      now += 20_000;
      const refresh = await call(sandbox, 'POST', '/v1/widget/auth/refresh', {
        body: { refresh_token: first.json<{ refresh_token: string }>().refresh_token },
      });
      assert.equal(refresh.status, 200);
      const { user_token } = (
        await call(sandbox, 'POST', '/v1/widget/auth/user-token', {
          origin: null,
          bearer: API_KEY,
          body: { external_user_id: 'u1' },
        })
      ).json<{ user_token: string }>();
      const exchange = await call(sandbox, 'POST', '/v1/widget/auth/exchange', {
        body: { client_key: DEMO_KEY, user_token, agent_id: 'agent_ava' },
      });
      assert.equal(exchange.status, 200);

      const refused = await guest();
      assert.equal(refused.status, 429);
      assert.equal(refused.text, 'rate_limited: too many auth requests for this key and origin');
      assert.equal(refused.headers['retry-after'], '40'); // the first request leaves the window in 40 s
      // Other origins and other keys have their own windows.
      assert.equal((await guest('http://127.0.0.1:3000')).status, 200);
      assert.equal((await guest(LOCAL_ORIGIN, PINNED_KEY)).status, 200);

      now += 40_000;
      assert.equal((await guest()).status, 200);
    },
    { now: () => now },
  );
});

test('expired refresh grants and user tokens are purged, not kept for their whole TTL', async () => {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const seed = testSeed((_account, config) => {
    config.settings = { ...config.settings, refresh_token_ttl_seconds: 3600, user_token_ttl_seconds: 300 };
  });
  await withSandbox(
    seed,
    async (sandbox) => {
      for (let index = 0; index < 20; index++) {
        const res = await call(sandbox, 'POST', '/v1/widget/auth/guest', {
          body: { client_key: DEMO_KEY, agent_id: 'agent_ava' },
        });
        assert.equal(res.status, 200);
      }
      await call(sandbox, 'POST', '/v1/widget/auth/user-token', {
        origin: null,
        bearer: API_KEY,
        body: { external_user_id: 'u1' },
      });
      assert.equal(sandbox.state.refreshGrants.size, 20);
      assert.equal(sandbox.state.userTokens.size, 1);

      now += 3600_000 + 60_000; // every grant so far expired a minute ago
      const latest = await call(sandbox, 'POST', '/v1/widget/auth/guest', {
        body: { client_key: DEMO_KEY, agent_id: 'agent_ava' },
      });
      assert.equal(latest.status, 200);
      assert.deepEqual(
        [...sandbox.state.refreshGrants.keys()],
        [latest.json<{ refresh_token: string }>().refresh_token],
      );
      assert.equal(sandbox.state.userTokens.size, 0);
    },
    { now: () => now },
  );
});
