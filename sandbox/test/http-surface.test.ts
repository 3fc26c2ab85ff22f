import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { connect as tlsConnect } from 'node:tls';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { call, DEMO_KEY, testSeed, withSandbox } from './helpers';

function staticFixture(): string[] {
  const root = mkdtempSync(path.join(tmpdir(), 'sandbox-static-'));
  const cdn = path.join(root, 'cdn');
  const demo = path.join(root, 'demo');
  mkdirSync(path.join(cdn, 'chunks'), { recursive: true });
  mkdirSync(demo, { recursive: true });
  writeFileSync(path.join(cdn, 'v1.js'), 'window.Kataven = {};');
  writeFileSync(path.join(cdn, 'chunks', 'widget-abc.js'), 'export const x = 1;');
  writeFileSync(path.join(cdn, 'index.html'), '<p>cdn wins</p>');
  writeFileSync(path.join(demo, 'index.html'), '<p>demo</p>');
  writeFileSync(path.join(demo, 'app.css'), 'body{}');
  writeFileSync(path.join(demo, 'logo.svg'), '<svg/>');
  writeFileSync(path.join(demo, 'silence.wav'), 'RIFF');
  writeFileSync(path.join(demo, 'data.json'), '{}');
  writeFileSync(path.join(root, 'secret.txt'), 'nope');
  return [cdn, demo];
}

test('static files: first directory wins, content types, CORS, traversal refused', async () => {
  const staticDirs = staticFixture();
  await withSandbox(
    testSeed(),
    async (sandbox) => {
      const get = (pathname: string) => call(sandbox, 'GET', pathname, { origin: 'https://customer.example' });
      const expectations: Array<[string, number, string]> = [
        ['/v1.js', 200, 'text/javascript; charset=utf-8'],
        ['/chunks/widget-abc.js', 200, 'text/javascript; charset=utf-8'],
        ['/app.css', 200, 'text/css; charset=utf-8'],
        ['/logo.svg', 200, 'image/svg+xml'],
        ['/silence.wav', 200, 'audio/wav'],
        ['/data.json', 200, 'application/json; charset=utf-8'],
        ['/', 200, 'text/html; charset=utf-8'],
      ];
      for (const [pathname, status, type] of expectations) {
        const res = await get(pathname);
        assert.equal(res.status, status, pathname);
        assert.equal(res.headers['content-type'], type, pathname);
        assert.equal(res.headers['access-control-allow-origin'], '*', pathname);
      }
      assert.equal((await get('/')).text, '<p>cdn wins</p>');
      assert.equal((await get('/v1.js')).text, 'window.Kataven = {};');
      const missing = await get('/nope.js');
      assert.equal(missing.status, 404);
      assert.equal(missing.headers['access-control-allow-origin'], '*');
      for (const attack of [
        '/..%2fsecret.txt',
        '/chunks/..%2f..%2fsecret.txt',
        '/%2e%2e/secret.txt',
        '/..%5csecret.txt',
      ]) {
        const res = await get(attack);
        assert.notEqual(res.status, 200, attack);
        assert.equal(res.text.includes('nope'), false, attack);
      }
      assert.equal((await get('/..%2fsecret.txt')).status, 403);
    },
    { staticDirs },
  );
});

test('static text is served compressed where the client accepts it, as a CDN does, and never stale', async () => {
  const staticDirs = staticFixture();
  const chunk = path.join(staticDirs[0] ?? '', 'chunks', 'widget-abc.js');
  const source = `export const words = ${JSON.stringify('the same words again '.repeat(200))};`;
  writeFileSync(chunk, source);
  await withSandbox(
    testSeed(),
    async (sandbox) => {
      const get = (pathname: string, acceptEncoding?: string, method = 'GET') =>
        call(sandbox, method, pathname, acceptEncoding ? { headers: { 'Accept-Encoding': acceptEncoding } } : {});
      const cases: Array<[string | undefined, string | undefined, (body: Buffer) => Buffer]> = [
        ['gzip, deflate, br', 'br', brotliDecompressSync],
        ['gzip, deflate', 'gzip', gunzipSync],
        ['br;q=0, gzip;q=0.5', 'gzip', gunzipSync],
        ['*', 'br', brotliDecompressSync],
        ['identity', undefined, (body) => body],
        [undefined, undefined, (body) => body],
      ];
      for (const [accept, encoding, decode] of cases) {
        const res = await get('/chunks/widget-abc.js', accept);
        assert.equal(res.status, 200, String(accept));
        assert.equal(res.headers['content-encoding'], encoding, String(accept));
        assert.equal(res.headers['vary'], 'Accept-Encoding', String(accept));
        assert.equal(res.headers['content-length'], String(res.body.length), String(accept));
        assert.equal(decode(res.body).toString('utf8'), source, String(accept));
        if (encoding) assert.ok(res.body.length < source.length / 5, `${encoding}: ${res.body.length} B`);
      }
      const head = await get('/chunks/widget-abc.js', 'br', 'HEAD');
      assert.equal(head.headers['content-encoding'], 'br');
      assert.equal(head.body.length, 0);
      // Audio is compressed already: as it is.
      assert.equal((await get('/silence.wav', 'br')).headers['content-encoding'], undefined);
      // A rebuilt file is compressed afresh, not served from the first version's cache.
      writeFileSync(chunk, 'export const x = 2;');
      utimesSync(chunk, new Date(), new Date(Date.now() + 5000));
      const rebuilt = await get('/chunks/widget-abc.js', 'br');
      assert.equal(brotliDecompressSync(rebuilt.body).toString('utf8'), 'export const x = 2;');
    },
    { staticDirs },
  );
});

test('hashed chunks are cached for good, as a CDN serves them; other files revalidate with their ETag', async () => {
  const staticDirs = staticFixture();
  const hashed = path.join(staticDirs[0] ?? '', 'chunks', 'call-state-CNo7J5qw.js');
  writeFileSync(hashed, 'export const call = 1;');
  await withSandbox(
    testSeed(),
    async (sandbox) => {
      const get = (pathname: string, headers: Record<string, string> = {}) =>
        call(sandbox, 'GET', pathname, { headers });
      const chunk = await get('/chunks/call-state-CNo7J5qw.js');
      assert.equal(chunk.headers['cache-control'], 'public, max-age=31536000, immutable');
      // Not named by a hash (the loader, the entry, a chunk named otherwise): used only after asking again.
      for (const pathname of ['/v1.js', '/chunks/widget-abc.js', '/']) {
        const first = await get(pathname);
        assert.equal(first.headers['cache-control'], 'no-cache', pathname);
        const etag = String(first.headers['etag']);
        assert.match(etag, /^W\/"/, pathname);
        const again = await get(pathname, { 'If-None-Match': etag });
        assert.equal(again.status, 304, pathname);
        assert.equal(again.body.length, 0, pathname);
        assert.equal(again.headers['etag'], etag, pathname);
        assert.equal((await get(pathname, { 'If-None-Match': 'W/"older"' })).status, 200, pathname);
      }
      // A rebuilt file has a new tag: the old one gets the new file.
      const before = String((await get('/v1.js')).headers['etag']);
      const loader = path.join(staticDirs[0] ?? '', 'v1.js');
      writeFileSync(loader, 'window.Kataven = { v: 2 };');
      utimesSync(loader, new Date(), new Date(Date.now() + 5000));
      const rebuilt = await get('/v1.js', { 'If-None-Match': before });
      assert.equal(rebuilt.status, 200);
      assert.equal(rebuilt.text, 'window.Kataven = { v: 2 };');
    },
    { staticDirs },
  );
});

test('fail_next fails exactly one request to that path; DELETE clears pending faults', async () => {
  await withSandbox(testSeed(), async (sandbox) => {
    const configPath = `/v1/widget/config?client_key=${DEMO_KEY}&agent_id=agent_ava`;
    const inject = (body: unknown) => call(sandbox, 'POST', '/sandbox/faults', { origin: null, body });
    assert.equal((await inject({ kind: 'fail_next', path: '/v1/widget/config', status: 503 })).status, 200);
    const failed = await call(sandbox, 'GET', configPath);
    assert.equal(failed.status, 503);
    assert.equal(failed.text, 'server_error: injected by the sandbox');
    assert.equal(failed.headers['access-control-allow-origin'], '*');
    assert.equal((await call(sandbox, 'GET', configPath)).status, 200);

    await inject({
      kind: 'fail_next',
      path: '/v1/widget/connect',
      status: 429,
      body: 'rate_limit: slow down',
      retry_after: 7,
    });
    const limited = await call(sandbox, 'POST', '/v1/widget/connect', { body: {} });
    assert.deepEqual(
      [limited.status, limited.text, limited.headers['retry-after']],
      [429, 'rate_limit: slow down', '7'],
    );

    await inject({ kind: 'fail_next', path: '/v1/widget/config', status: 500 });
    assert.equal((await call(sandbox, 'DELETE', '/sandbox/faults', { origin: null })).status, 200);
    assert.equal((await call(sandbox, 'GET', configPath)).status, 200);

    const bad = await inject({ kind: 'explode' });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /^invalid_body: kind /);
    const noCall = await inject({ kind: 'hangup' });
    assert.equal(noCall.status, 404);
  });
});

test('the request log records API calls; unknown routes and methods are refused', async () => {
  await withSandbox(testSeed(), async (sandbox) => {
    await call(sandbox, 'GET', `/v1/widget/config?client_key=${DEMO_KEY}&agent_id=agent_ava`);
    await call(sandbox, 'POST', '/v1/widget/auth/guest', {
      origin: 'https://evil.test',
      body: { client_key: DEMO_KEY },
    });
    const unknown = await call(sandbox, 'GET', '/v1/nothing');
    assert.equal(unknown.status, 404);
    const wrongMethod = await call(sandbox, 'GET', '/v1/widget/auth/guest');
    assert.deepEqual([wrongMethod.status, wrongMethod.text], [405, 'method_not_allowed: use POST']);
    const log = (await call(sandbox, 'GET', '/sandbox/requests', { origin: null })).json<
      Array<Record<string, unknown>>
    >();
    assert.deepEqual(
      log.map(({ method, path: p, status, origin }) => ({ method, path: p, status, origin })),
      [
        { method: 'GET', path: '/v1/widget/config', status: 200, origin: 'http://localhost:5173' },
        { method: 'POST', path: '/v1/widget/auth/guest', status: 403, origin: 'https://evil.test' },
        { method: 'GET', path: '/v1/nothing', status: 404, origin: 'http://localhost:5173' },
        { method: 'GET', path: '/v1/widget/auth/guest', status: 405, origin: 'http://localhost:5173' },
      ],
    );
    assert.equal(typeof log[0]?.['at'], 'string');
    assert.equal(sandbox.requests().length, 4); // only /v1 requests are logged, not /sandbox reads
  });
});

/** Writes one raw HTTP/1.1 request over TLS and returns the status line (or '' when the socket just closes). */
function rawStatusLine(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => socket.end(head));
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('end', () => resolve(received.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

test('a malformed % in a route segment or an unparsable request target is 400, not 500', async () => {
  await withSandbox(testSeed(), async (sandbox) => {
    for (const pathname of ['/v1/widget-keys/%E0%A4%A', '/v1/agents/%/widget-settings']) {
      const res = await call(sandbox, 'PATCH', pathname, { bearer: 'sk_live_acme_test000000000000', body: {} });
      assert.equal(res.status, 400, pathname);
      assert.equal(res.text, 'invalid_request: malformed percent-encoding in the path');
    }
    for (const target of ['http://[', 'http://[::1']) {
      const line = await rawStatusLine(
        sandbox.port,
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
      );
      assert.equal(line, 'HTTP/1.1 400 Bad Request', target);
      // The same target on an upgrade request must not take the sandbox down either.
      await rawStatusLine(
        sandbox.port,
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
    }
    assert.equal(
      (await call(sandbox, 'GET', `/v1/widget/config?client_key=${DEMO_KEY}&agent_id=agent_ava`)).status,
      200,
    );
  });
});
