// The API client's side of continuity (docs/protocol.md section 9): the resume grant in the connect answer, and
// POST /widget/connect/resume with its answer and refusals.
import { expect } from '@open-wc/testing';
import * as callSchemas from '../../src/api/call-schemas.js';
import { createApiClient, createApiClientWith } from '../../src/api/client.js';
import { WidgetError } from '../../src/api/errors.js';
import { API_BASE, DEMO_KEY, FakeServer, connectBody } from '../helpers/fake-server.js';
import { expectRejection } from '../helpers/expect.js';
import { guardPage } from '../helpers/guards.js';

const resumeBody = {
  session_id: 'sess_1',
  visitor: { token: 'jwt-guest-9', refresh_token: 'rt_9', expires_in: 900 },
  twilio: { token: 'twilio-token-9', edge: 'local', signaling_host: '127.0.0.1:8443' },
  ice_servers: [],
  params: { agent_id: 'agent_ava', session_id: 'sess_1' },
  resume: { token: 'rs_2', expires_in: 30 },
  transcript: [
    { role: 'agent', text: "Hi, I'm Ava." },
    { role: 'user', text: 'hello' },
  ],
};

describe('api client: resuming a call', () => {
  let server: FakeServer;
  const guard = guardPage();
  const client = () => createApiClient({ apiBase: API_BASE, clientKey: DEMO_KEY, timeoutMs: 300 });

  beforeEach(() => {
    server = new FakeServer().install();
    server.on('POST /widget/connect/resume', { body: resumeBody });
    guard.start();
  });
  afterEach(async () => {
    server.restore();
    await guard.stop();
  });

  it('reads the resume grant of a connect answer, and does without one', async () => {
    server.on('POST /widget/connect', { body: { ...connectBody, resume: { token: 'rs_1', expires_in: 30 } } });
    expect((await client().connect('jwt', 'agent_ava')).resume).to.deep.equal({ token: 'rs_1', expires_in: 30 });
    server.on('POST /widget/connect', { body: connectBody });
    expect((await client().connect('jwt', 'agent_ava')).resume).to.equal(undefined);
    // A malformed grant only costs continuity, never the call.
    server.on('POST /widget/connect', { body: { ...connectBody, resume: { token: 7 } } });
    const answer = await client().connect('jwt', 'agent_ava');
    expect(answer.session_id).to.equal('sess_1');
    expect(answer.resume).to.equal(undefined);
  });

  it('posts the token and page context with no bearer and no credentials, and parses the answer', async () => {
    const answer = await client().resumeCall('rs_1', { url: 'https://acme.test/pricing', plan: 'pro' });
    expect(answer).to.deep.equal(resumeBody);
    const [request] = server.requestsTo('POST /widget/connect/resume');
    expect(request?.body).to.deep.equal({
      resume_token: 'rs_1',
      page_context: { url: 'https://acme.test/pricing', plan: 'pro' },
    });
    expect(request?.headers.get('Authorization')).to.equal(null);
    expect(request?.credentials).to.equal('omit');
    await client().resumeCall('rs_2');
    expect(server.requestsTo('POST /widget/connect/resume')[1]?.body).to.deep.equal({ resume_token: 'rs_2' });
  });

  it('a spent, expired or unknown token is resume_expired; another origin is origin_not_allowed', async () => {
    server.on('POST /widget/connect/resume', { status: 401, body: 'resume_expired: the call has ended' });
    const expired = await expectRejection(client().resumeCall('rs_1'), WidgetError);
    expect(expired.code).to.equal('resume_expired');
    expect(expired.status).to.equal(401);
    expect(expired.retryable, 'a new call can start at once').to.equal(true);
    server.on('POST /widget/connect/resume', { status: 403, body: 'origin_not_allowed: not this origin' });
    expect((await expectRejection(client().resumeCall('rs_1'), WidgetError)).code).to.equal('origin_not_allowed');
  });

  it('never retries the POST: the token is single use', async () => {
    server.on('POST /widget/connect/resume', { networkError: true });
    expect((await expectRejection(client().resumeCall('rs_1'), WidgetError)).code).to.equal('network');
    expect(server.requestsTo('POST /widget/connect/resume')).to.have.length(1);
  });

  it('fails clearly, without throwing, when its schema provider lacks the resume schema', async () => {
    const { ResumeResponse: _left, ...withoutResume } = callSchemas;
    const partial = createApiClientWith(async () => withoutResume, { apiBase: API_BASE, clientKey: DEMO_KEY });
    const error = await expectRejection(partial.resumeCall('rs_1'), WidgetError);
    expect(error.message).to.contain('could not load the response schema');
    expect(String((error.cause as Error).message)).to.contain('ResumeResponse');
  });

  it('refuses an answer that is missing what the next page needs', async () => {
    const broken: unknown[] = [
      { ...resumeBody, resume: undefined },
      { ...resumeBody, visitor: { token: 'jwt' } },
      { ...resumeBody, transcript: [{ role: 'system', text: 'x' }] },
      { ...resumeBody, transcript: [{ role: 'agent' }] },
      { ...resumeBody, transcript: 'hello' },
      { ...resumeBody, twilio: {} },
    ];
    for (const body of broken) {
      server.on('POST /widget/connect/resume', { body });
      const error = await expectRejection(client().resumeCall('rs_1'), WidgetError);
      expect(error.code, JSON.stringify(body)).to.equal('invalid_response');
    }
  });
});
