import { expect, waitUntil } from '@open-wc/testing';
import { createApiClient } from '../../src/api/client.js';
import { WidgetError } from '../../src/api/errors.js';
import { VisitorSession } from '../../src/session/visitor-session.js';
import { API_BASE, DEMO_KEY, FakeServer, sessionBody, signalingBody } from '../helpers/fake-server.js';
import { expectRejection, settle } from '../helpers/expect.js';
import { guardPage } from '../helpers/guards.js';

describe('visitor session', () => {
  let server: FakeServer;
  const guard = guardPage();
  const api = () => createApiClient({ apiBase: API_BASE, clientKey: DEMO_KEY });

  beforeEach(() => {
    server = new FakeServer().install();
    guard.start();
  });
  afterEach(async () => {
    server.restore();
    await guard.stop();
  });

  it('shares one in-flight guest request between concurrent callers, then caches the token', async () => {
    const session = new VisitorSession({ api: api(), agentId: 'agent_ava' });
    const tokens = await Promise.all([session.getToken(), session.getToken(), session.getToken()]);
    expect(tokens).to.deep.equal(['jwt-guest-1', 'jwt-guest-1', 'jwt-guest-1']);
    expect(await session.getToken()).to.equal('jwt-guest-1');
    const guests = server.requestsTo('POST /widget/auth/guest');
    expect(guests).to.have.length(1);
    expect(guests[0]?.body).to.deep.equal({ client_key: DEMO_KEY, agent_id: 'agent_ava' });
    expect(session.visitor?.kind).to.equal('guest');
    session.dispose();
  });

  it('hands out the standby grant of its latest answer once; a malformed one is dropped, the session kept', async () => {
    server.on('POST /widget/auth/guest', { body: { ...sessionBody('guest'), signaling: signalingBody } });
    let now = 1_000_000;
    const session = new VisitorSession({ api: api(), agentId: 'agent_ava', now: () => now });
    expect(session.takeSignalingGrant(), 'nothing before a session').to.equal(null);
    await session.getToken();
    now += 100_000;
    // What is left of it, not what it had when it arrived: a socket opened later must not outlive it.
    expect(session.takeSignalingGrant()).to.deep.equal({
      ...signalingBody,
      expires_in: signalingBody.expires_in - 100,
    });
    expect(session.takeSignalingGrant(), 'a grant serves one socket').to.equal(null);

    // In its last 30 s a grant is not worth a socket.
    server.on('POST /widget/auth/refresh', {
      body: { ...sessionBody('guest', 'jwt-guest-2'), signaling: signalingBody },
    });
    session.invalidate();
    expect(await session.getToken()).to.equal('jwt-guest-2');
    now += (signalingBody.expires_in - 29) * 1000;
    expect(session.takeSignalingGrant()).to.equal(null);

    // A server that sends a broken grant still gives the visitor a session: the grant was only a head start.
    server.on('POST /widget/auth/refresh', {
      body: { ...sessionBody('guest', 'jwt-guest-3'), signaling: { twilio: { token: 5 }, expires_in: 'soon' } },
    });
    session.invalidate();
    expect(await session.getToken()).to.equal('jwt-guest-3');
    expect(session.takeSignalingGrant()).to.equal(null);
    session.dispose();
  });

  it('exchanges a user token once, and asks the provider for later ones', async () => {
    let provided = 0;
    const session = new VisitorSession({
      api: api(),
      userToken: () => 'ut_from_page',
      userTokenProvider: async () => `ut_from_provider_${++provided}`,
    });
    expect(await session.getToken()).to.equal('jwt-user-1');
    session.invalidate();
    server.on('POST /widget/auth/refresh', { status: 400, body: 'invalid_refresh_token: expired' });
    await session.getToken();
    const exchanges = server.requestsTo('POST /widget/auth/exchange').map((request) => request.body);
    expect(exchanges).to.deep.equal([
      { client_key: DEMO_KEY, user_token: 'ut_from_page' },
      // The session now knows its agent (from the first answer) and names it, as the guest session does.
      { client_key: DEMO_KEY, user_token: 'ut_from_provider_1', agent_id: 'agent_ava' },
    ]);
    session.dispose();
  });

  it('refreshes with the refresh token when the token went stale', async () => {
    const session = new VisitorSession({ api: api() });
    await session.getToken();
    session.invalidate();
    expect(await session.getToken()).to.equal('jwt-guest-2');
    expect(server.requestsTo('POST /widget/auth/refresh')[0]?.body).to.deep.equal({
      refresh_token: 'refresh-jwt-guest-1',
    });
    session.dispose();
  });

  it('refreshes proactively before expiry while a call holds it, and only then', async () => {
    // A 900 s token refreshes 60 s before it expires, while a call holds it; the clock is the test's.
    let now = 1_000_000;
    const session = new VisitorSession({ api: api(), now: () => now });
    expect(await session.getToken()).to.equal('jwt-guest-1');
    now += 840_000;
    // Still valid (handed out until 30 s before expiry), and nobody holds it: no refresh.
    expect(await session.getToken()).to.equal('jwt-guest-1');
    await settle();
    expect(server.requestsTo('POST /widget/auth/refresh')).to.have.length(0);
    // A call holds it at its refresh time: it refreshes without anyone asking.
    const release = session.keepFresh();
    await waitUntil(() => server.requestsTo('POST /widget/auth/refresh').length === 1, 'no proactive refresh');
    expect(await session.getToken()).to.equal('jwt-guest-2');
    release();
    session.dispose();
  });

  it('refuses a used user token when there is no provider', async () => {
    const session = new VisitorSession({ api: api(), userToken: () => 'ut_once' });
    await session.getToken();
    session.invalidate();
    server.on('POST /widget/auth/refresh', { status: 400, body: 'invalid_refresh_token' });
    expect((await expectRejection(session.getToken(), WidgetError)).code).to.equal('sign_in_required');
    session.dispose();
  });

  it('keeps the token in memory only', async () => {
    const session = new VisitorSession({ api: api() });
    await session.getToken();
    // eslint-disable-next-line @typescript-eslint/no-misused-spread -- a Storage's own keys are its items
    expect(JSON.stringify({ ...localStorage, ...sessionStorage })).not.to.contain('jwt-guest');
    expect(document.cookie).not.to.contain('jwt-guest');
    session.dispose();
  });
});
