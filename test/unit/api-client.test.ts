import { expect } from '@open-wc/testing';
import { createApiClient, errorFromResponse } from '../../src/api/client.js';
import { WidgetError } from '../../src/api/errors.js';
import { API_BASE, DEMO_KEY, FakeServer, connectBody } from '../helpers/fake-server.js';
import { expectRejection } from '../helpers/expect.js';
import { guardPage } from '../helpers/guards.js';

describe('api client', () => {
  let server: FakeServer;
  const guard = guardPage();
  const client = () => createApiClient({ apiBase: API_BASE, clientKey: DEMO_KEY, timeoutMs: 300 });

  beforeEach(() => {
    server = new FakeServer().install();
    guard.start();
  });
  afterEach(async () => {
    server.restore();
    await guard.stop();
  });

  const failure = (promise: Promise<unknown>) => expectRejection(promise, WidgetError);

  it('sends the key in the query, omits credentials and parses the config', async () => {
    const config = await client().getConfig('agent_ava');
    expect(config.agent.name).to.equal('Ava');
    const [request] = server.requests;
    expect(request?.url.searchParams.get('client_key')).to.equal(DEMO_KEY);
    expect(request?.url.searchParams.get('agent_id')).to.equal('agent_ava');
    expect(request?.credentials).to.equal('omit');
  });

  it('reads the error code from plain-text bodies, whatever the status', async () => {
    const cases: [number, string, string][] = [
      [403, 'origin_not_allowed: https://evil.test is not allowed', 'origin_not_allowed'],
      [403, 'key_disabled: revoked', 'key_disabled'],
      [403, 'widget_disabled', 'widget_disabled'],
      [403, 'sign_in_required: guests cannot call', 'sign_in_required'],
      [401, 'invalid_key: unknown key', 'invalid_key'],
      [404, 'agent_not_found', 'agent_not_found'],
      [409, 'agent_not_active: paused', 'agent_not_active'],
      [429, 'concurrent_limit: Concurrent call limit reached', 'cost_cap'],
      [429, 'daily_minutes: Daily minute budget exhausted', 'cost_cap'],
      [429, 'rate_limited: per-minute (60) exceeded', 'rate_limited'],
      [418, 'teapot', 'server_error'],
      [403, '', 'origin_not_allowed'],
    ];
    for (const [status, body, code] of cases) {
      expect(errorFromResponse(status, body, null).code, `${status} ${body}`).to.equal(code);
    }
  });

  it('honours Retry-After in seconds and as a date', () => {
    expect(errorFromResponse(429, 'rate_limit: Call rate limit', '7').retryAfterSeconds).to.equal(7);
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    expect(errorFromResponse(429, 'rate_limit', inTenSeconds).retryAfterSeconds).to.be.within(8, 11);
  });

  it('retries a GET once after a 5xx, then succeeds', async () => {
    server.once('GET /widget/config', { status: 503, body: 'server_error: busy' });
    const config = await client().getConfig(undefined);
    expect(config.agent.id).to.equal('agent_ava');
    expect(server.requestsTo('GET /widget/config')).to.have.length(2);
  });

  it('gives up after the one GET retry with server_error', async () => {
    server.on('GET /widget/config', { status: 500, body: 'server_error: boom' });
    const error = await failure(client().getConfig(undefined));
    expect(error.code).to.equal('server_error');
    expect(error.retryable).to.equal(true);
    expect(server.requestsTo('GET /widget/config')).to.have.length(2);
  });

  it('never retries a POST blindly', async () => {
    server.on('POST /widget/connect', { networkError: true });
    const error = await failure(client().connect('jwt', 'agent_ava'));
    expect(error.code).to.equal('network');
    expect(server.requestsTo('POST /widget/connect')).to.have.length(1);
  });

  it('sends the visitor token as a bearer token on connect', async () => {
    const response = await client().connect('jwt-guest-1', 'agent_ava');
    expect(response.session_id).to.equal(connectBody.session_id);
    const [request] = server.requestsTo('POST /widget/connect');
    expect(request?.headers.get('Authorization')).to.equal('Bearer jwt-guest-1');
    expect(request?.body).to.deep.equal({ agent_id: 'agent_ava' });
  });

  it('maps malformed JSON and wrong shapes to invalid_response', async () => {
    server.on('GET /widget/config', { body: '{"agent": ' });
    expect((await failure(client().getConfig(undefined))).code).to.equal('invalid_response');
    server.on('GET /widget/config', { body: { agent: { id: 'a' }, policy: {} } });
    const error = await failure(client().getConfig(undefined));
    expect(error.code).to.equal('invalid_response');
    expect(error.message).to.contain('agent.name');
    server.on('POST /widget/connect', { body: { ...connectBody, params: { agent_id: 42 } } });
    expect((await failure(client().connect('jwt', 'agent_ava'))).code).to.equal('invalid_response');
  });

  it('times out a hanging request as a network error', async () => {
    server.on('POST /widget/auth/guest', { delayMs: 5_000, body: {} });
    const error = await failure(client().startGuestSession(undefined));
    expect(error.code).to.equal('network');
    expect(error.message).to.contain('timed out');
  });

  it('rejects with the abort reason when the caller aborts', async () => {
    server.on('POST /widget/auth/guest', { delayMs: 5_000, body: {} });
    const abort = new AbortController();
    const pending = client().startGuestSession(undefined, abort.signal);
    abort.abort(new DOMException('stop', 'AbortError'));
    expect((await expectRejection(pending, DOMException)).name).to.equal('AbortError');
  });
});
