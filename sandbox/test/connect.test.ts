import { SignJWT } from 'jose';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Sandbox } from '../server';
import { call, guestSession, JWT_SECRET, testSeed, withSandbox } from './helpers';

interface ConnectAnswer {
  session_id: string;
  twilio: { token: string; edge: string; signaling_host: string | null };
  ice_servers: unknown[];
  params: { agent_id: string; session_id: string };
}

const connect = async (sandbox: Sandbox, token: string, agentId = 'agent_ava') =>
  call(sandbox, 'POST', '/v1/widget/connect', { bearer: token, body: { agent_id: agentId } });

/** The header or the claims of a Twilio access token, as far as these tests read them. */
interface TwilioJwtPart {
  [field: string]: unknown;
  grants: { identity: string; voice: { outgoing: { application_sid: string } } };
  exp: number;
  iat: number;
  iss: string;
  sub: string;
}
const decode = (jwt: string, part: 0 | 1) =>
  JSON.parse(Buffer.from(jwt.split('.')[part] ?? '', 'base64url').toString()) as TwilioJwtPart;

test('connect answers a session and a Twilio token aimed at this sandbox', async () => {
  await withSandbox(testSeed(), async (sandbox) => {
    const session = await guestSession(sandbox);
    const res = await connect(sandbox, session.token);
    assert.equal(res.status, 200, res.text);
    const answer = res.json<ConnectAnswer>();
    assert.match(answer.session_id, /^sess_[0-9a-f]+$/);
    assert.equal(answer.twilio.edge, 'local');
    assert.equal(answer.twilio.signaling_host, `127.0.0.1:${sandbox.port}`);
    assert.deepEqual(answer.ice_servers, []);
    assert.deepEqual(answer.params, { agent_id: 'agent_ava', session_id: answer.session_id });
    assert.deepEqual(decode(answer.twilio.token, 0), { alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' });
    const payload = decode(answer.twilio.token, 1);
    assert.equal(payload.grants.identity, session.visitor.id);
    assert.match(payload.grants.voice.outgoing.application_sid, /^AP/);
    assert.equal(payload.exp - payload.iat, 3600);
    assert.match(payload.iss, /^SK/);
    assert.match(payload.sub, /^AC/);
  });
});

test('connect refuses bad, expired and foreign-origin visitor tokens', async () => {
  await withSandbox(testSeed(), async (sandbox) => {
    const missing = await call(sandbox, 'POST', '/v1/widget/connect', { body: { agent_id: 'agent_ava' } });
    assert.equal(missing.status, 401);
    assert.equal(missing.text, 'invalid_token: missing Bearer visitor token');
    const garbage = await connect(sandbox, 'not.a.jwt');
    assert.equal(garbage.text, 'invalid_token: visitor token is not valid');

    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ kind: 'guest', acc: 'acme', agent: 'agent_ava', kid: 'wk_demo' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('v_expired')
      .setIssuer('kataven-sandbox')
      .setIssuedAt(now - 1000)
      .setExpirationTime(now - 100)
      .sign(new TextEncoder().encode(JWT_SECRET));
    const res = await connect(sandbox, expired);
    assert.equal(res.status, 401);
    assert.equal(res.text, 'token_expired: visitor token has expired');

    const session = await guestSession(sandbox);
    const elsewhere = await call(sandbox, 'POST', '/v1/widget/connect', {
      bearer: session.token,
      origin: 'https://evil.test',
      body: { agent_id: 'agent_ava' },
    });
    assert.equal(elsewhere.status, 403);
    assert.match(elsewhere.text, /^origin_not_allowed: /);
  });
});

test('connect re-checks the agent: inactive 409, guest on a user-only agent 403', async () => {
  await withSandbox(testSeed(), async (sandbox) => {
    const session = await guestSession(sandbox);
    const sleepy = await connect(sandbox, session.token, 'agent_sleepy');
    assert.equal(sleepy.status, 409);
    assert.equal(sleepy.text, 'agent_not_active: agent agent_sleepy is paused');
    const members = await connect(sandbox, session.token, 'agent_members');
    assert.equal(members.status, 403);
    assert.match(members.text, /^sign_in_required: /);
  });
});

async function expectCap(sandbox: Sandbox, token: string, text: string, retryAfter: (seconds: number) => boolean) {
  const res = await connect(sandbox, token);
  assert.equal(res.status, 429, res.text);
  assert.equal(res.text, text);
  const seconds = Number(res.headers['retry-after']);
  assert.ok(retryAfter(seconds), `Retry-After ${String(res.headers['retry-after'])}`);
}

const withLimits = (limits: Record<string, number>) =>
  testSeed((account) => {
    account.call_limits = {
      concurrent_max: 5,
      calls_per_minute: 30,
      daily_calls_max: 500,
      daily_minutes_max: 600,
      ...limits,
    };
  });

test('concurrent_limit counts sessions that have not invited yet; 0 blocks', async () => {
  await withSandbox(withLimits({ concurrent_max: 1 }), async (sandbox) => {
    const { token } = await guestSession(sandbox);
    assert.equal((await connect(sandbox, token)).status, 200);
    await expectCap(sandbox, token, 'concurrent_limit: Concurrent call limit reached', (s) => s === 30);
  });
  await withSandbox(withLimits({ concurrent_max: 0 }), async (sandbox) => {
    const { token } = await guestSession(sandbox);
    await expectCap(sandbox, token, 'concurrent_limit: Concurrent call limit reached', (s) => s === 30);
  });
});

test('rate_limit: calls_per_minute, with Retry-After until the window frees', async () => {
  await withSandbox(withLimits({ calls_per_minute: 2 }), async (sandbox) => {
    const { token } = await guestSession(sandbox);
    assert.equal((await connect(sandbox, token)).status, 200);
    assert.equal((await connect(sandbox, token)).status, 200);
    await expectCap(sandbox, token, 'rate_limit: Call rate limit', (s) => s >= 59 && s <= 60);
  });
});

test('daily_calls and daily_minutes caps (0 blocks; live talk time counts)', async () => {
  const untilMidnight = (s: number) => s >= 1 && s <= 86_400;
  await withSandbox(withLimits({ daily_calls_max: 1 }), async (sandbox) => {
    const { token } = await guestSession(sandbox);
    assert.equal((await connect(sandbox, token)).status, 200);
    await expectCap(sandbox, token, 'daily_calls: Daily call limit reached', untilMidnight);
  });
  await withSandbox(withLimits({ daily_minutes_max: 0 }), async (sandbox) => {
    const { token } = await guestSession(sandbox);
    await expectCap(sandbox, token, 'daily_minutes: Daily minute budget exhausted', untilMidnight);
  });
  await withSandbox(withLimits({ daily_minutes_max: 1 }), async (sandbox) => {
    const { token } = await guestSession(sandbox);
    assert.equal((await connect(sandbox, token)).status, 200);
    // A live call connected 61 s ago has used up the one-minute budget.
    const now = Date.now();
    sandbox.state.calls.set('CA_test', {
      call_sid: 'CA_test',
      temp_sid: 'TJS_test',
      session_id: null,
      account_id: 'acme',
      agent_id: 'agent_ava',
      visitor_kind: 'guest',
      state: 'connected',
      params: {},
      token_refreshes: 0,
      started_at: now - 62_000,
      connected_at: now - 61_000,
      ended_at: null,
      feedback: null,
      end_reason: null,
    });
    await expectCap(sandbox, token, 'daily_minutes: Daily minute budget exhausted', untilMidnight);
  });
});

test("connect/refresh mints a new Twilio token for the visitor's own session only", async () => {
  await withSandbox(testSeed(), async (sandbox) => {
    const visitor = await guestSession(sandbox);
    const { session_id } = (await connect(sandbox, visitor.token)).json<ConnectAnswer>();
    const res = await call(sandbox, 'POST', '/v1/widget/connect/refresh', {
      bearer: visitor.token,
      body: { session_id },
    });
    assert.equal(res.status, 200);
    const { twilio } = res.json<{ twilio: { token: string } }>();
    assert.equal(decode(twilio.token, 1).grants.identity, visitor.visitor.id);

    const stranger = await guestSession(sandbox);
    const foreign = await call(sandbox, 'POST', '/v1/widget/connect/refresh', {
      bearer: stranger.token,
      body: { session_id },
    });
    assert.equal(foreign.status, 400);
    assert.equal(foreign.text, 'invalid_body: session_id does not name a session of this visitor');
    const anonymous = await call(sandbox, 'POST', '/v1/widget/connect/refresh', { body: { session_id } });
    assert.equal(anonymous.status, 401);
  });
});
