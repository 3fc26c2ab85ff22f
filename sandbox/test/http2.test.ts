// The sandbox speaks HTTP/2 to browsers, as a production API and CDN do: the widget's parallel requests at a click
// (its chunks, the visitor session, /widget/connect) then share one connection instead of opening a TLS connection
// each. HTTP/1.1 stays for Node's fetch, curl and WebSockets.
import assert from 'node:assert/strict';
import { connect, type ClientHttp2Session, type IncomingHttpHeaders } from 'node:http2';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { DEMO_KEY, LOCAL_ORIGIN, testSeed, withSandbox } from './helpers';

interface Http2Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

function request(
  session: ClientHttp2Session,
  method: string,
  pathname: string,
  headers: Record<string, string> = {},
  body?: unknown,
): Promise<Http2Answer> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ':method': method, ':path': pathname, origin: LOCAL_ORIGIN, ...headers });
    let answer: IncomingHttpHeaders = {};
    let text = '';
    stream.setEncoding('utf8');
    stream.on('response', (responseHeaders) => (answer = responseHeaders));
    stream.on('data', (chunk: string) => (text += chunk));
    stream.on('end', () => resolve({ status: Number(answer[':status']), headers: answer, text }));
    stream.on('error', reject);
    stream.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

test('over HTTP/2: API answers, static files, and the caller’s :authority as the signaling host', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sandbox-h2-'));
  writeFileSync(path.join(dir, 'v1.js'), 'window.Kataven = {};');
  await withSandbox(
    testSeed(),
    async (sandbox) => {
      const session = connect(sandbox.url, { rejectUnauthorized: false });
      try {
        const json = { 'content-type': 'application/json' };
        // In parallel on one connection, as a browser sends them at a click.
        const [config, script, guest] = await Promise.all([
          request(session, 'GET', `/v1/widget/config?client_key=${DEMO_KEY}&agent_id=agent_ava`),
          request(session, 'GET', '/v1.js'),
          request(session, 'POST', '/v1/widget/auth/guest', json, { client_key: DEMO_KEY, agent_id: 'agent_ava' }),
        ]);
        assert.equal(config.status, 200, config.text);
        assert.equal((JSON.parse(config.text) as { agent: { id: string } }).agent.id, 'agent_ava');
        assert.equal(script.status, 200);
        assert.equal(script.text, 'window.Kataven = {};');
        assert.equal(script.headers['content-type'], 'text/javascript; charset=utf-8');
        assert.equal(guest.status, 200, guest.text);
        const { token } = JSON.parse(guest.text) as { token: string };

        const connected = await request(
          session,
          'POST',
          '/v1/widget/connect',
          { ...json, authorization: `Bearer ${token}` },
          {
            agent_id: 'agent_ava',
          },
        );
        assert.equal(connected.status, 200, connected.text);
        const { twilio } = JSON.parse(connected.text) as { twilio: { signaling_host: string } };
        assert.equal(twilio.signaling_host, new URL(sandbox.url).host);

        // The control endpoints judge the host the client named, which over HTTP/2 is `:authority`.
        const control = await request(session, 'GET', '/sandbox/calls', { origin: 'http://localhost:5173' });
        assert.equal(control.status, 200, control.text);
        const rebound = await request(session, 'GET', '/sandbox/calls', { ':authority': 'evil.test' });
        assert.equal(rebound.status, 403);

        const preflight = await request(session, 'OPTIONS', '/v1/widget/connect');
        assert.equal(preflight.status, 204);
        assert.equal(preflight.headers['access-control-allow-headers'], 'Authorization, Content-Type');
      } finally {
        session.close();
      }
    },
    { staticDirs: [dir] },
  );
});
