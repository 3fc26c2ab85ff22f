import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isOriginAllowed } from '../origin';
import { call, DEMO_KEY, testSeed, withSandbox } from './helpers';

test('exact origin entries match scheme, host and port', () => {
  const list = ['https://acme.com'];
  assert.equal(isOriginAllowed('https://acme.com', list), true);
  assert.equal(isOriginAllowed('https://acme.com:443', list), false, 'a browser never writes the default port');
  assert.equal(isOriginAllowed('https://acme.com', ['https://acme.com:443']), true);
  assert.equal(isOriginAllowed('http://acme.com', list), false);
  assert.equal(isOriginAllowed('https://acme.com:8443', list), false);
  assert.equal(isOriginAllowed('https://www.acme.com', list), false);
  assert.equal(isOriginAllowed('http://acme.com:8080', ['http://acme.com:8080']), true);
});

test('bare host entries allow any scheme on default ports', () => {
  const list = ['acme.com'];
  assert.equal(isOriginAllowed('https://acme.com', list), true);
  assert.equal(isOriginAllowed('http://acme.com', list), true);
  assert.equal(isOriginAllowed('https://acme.com:8443', list), false);
  assert.equal(isOriginAllowed('https://www.acme.com', list), false);
  assert.equal(isOriginAllowed('https://notacme.com', list), false);
});

test('*. wildcards match subdomains but not the apex', () => {
  const list = ['*.acme.com'];
  assert.equal(isOriginAllowed('https://www.acme.com', list), true);
  assert.equal(isOriginAllowed('http://a.b.acme.com', list), true);
  assert.equal(isOriginAllowed('https://acme.com', list), false);
  assert.equal(isOriginAllowed('https://evilacme.com', list), false);
  assert.equal(isOriginAllowed('https://www.acme.com:8443', list), false);
});

test('localhost:* and 127.0.0.1:* allow any port and scheme', () => {
  const list = ['localhost:*', '127.0.0.1:*'];
  assert.equal(isOriginAllowed('http://localhost:5173', list), true);
  assert.equal(isOriginAllowed('https://localhost', list), true);
  assert.equal(isOriginAllowed('https://127.0.0.1:8443', list), true);
  assert.equal(isOriginAllowed('http://localhost.evil.test:5173', list), false);
  assert.equal(isOriginAllowed('http://128.0.0.1:80', list), false);
});

test('only a strict origin (exactly new URL(o).origin) can match', () => {
  const list = ['https://acme.com', 'localhost:*', '127.0.0.1:*', 'acme.com'];
  for (const notAnOrigin of [
    'https://user@acme.com',
    'https://acme.com@evil.test',
    'https://acme.com/',
    'https://acme.com/path',
    'https://acme.com?x',
    'https://acme.com#x',
    'HTTPS://ACME.COM',
    'https://acme.com.',
    'http://0x7f.1:5173',
    'http://127.1:5173',
    'http://2130706433:5173',
    'http://0177.0.0.1:5173',
    ' https://acme.com',
    'http://localhost:05173',
  ]) {
    assert.equal(isOriginAllowed(notAnOrigin, list), false, notAnOrigin);
  }
  assert.equal(isOriginAllowed('http://127.0.0.1:5173', list), true);
  assert.equal(isOriginAllowed('http://acme.com', list), true);
});

test('an empty allowlist blocks everything; junk origins never match', () => {
  assert.equal(isOriginAllowed('http://localhost:5173', []), false);
  assert.equal(isOriginAllowed('null', ['localhost:*']), false);
  assert.equal(isOriginAllowed('file:///x.html', ['localhost:*']), false);
});

test('guest: Origin, Referer fallback, missing origin and empty allowlist over HTTP', async () => {
  const seed = testSeed((account) => {
    account.widget_keys.push({ id: 'wk_empty', public_key: 'pk_live_acme_empty0000000000', domain_allowlist: [] });
  });
  await withSandbox(seed, async (sandbox) => {
    const body = { client_key: DEMO_KEY, agent_id: 'agent_ava' };
    const allowed = await call(sandbox, 'POST', '/v1/widget/auth/guest', { body, origin: 'http://127.0.0.1:3000' });
    assert.equal(allowed.status, 200);

    const refused = await call(sandbox, 'POST', '/v1/widget/auth/guest', { body, origin: 'https://evil.test' });
    assert.equal(refused.status, 403);
    assert.equal(refused.text, "origin_not_allowed: https://evil.test is not in this key's domain_allowlist");
    assert.match(String(refused.headers['content-type']), /^text\/plain/);

    const viaReferer = await call(sandbox, 'POST', '/v1/widget/auth/guest', {
      body,
      origin: null,
      headers: { Referer: 'http://localhost:8080/shop/page.html?x=1' },
    });
    assert.equal(viaReferer.status, 200);

    const badReferer = await call(sandbox, 'POST', '/v1/widget/auth/guest', {
      body,
      origin: null,
      headers: { Referer: 'https://evil.test/page' },
    });
    assert.equal(badReferer.text, "origin_not_allowed: https://evil.test is not in this key's domain_allowlist");

    const none = await call(sandbox, 'POST', '/v1/widget/auth/guest', { body, origin: null });
    assert.equal(none.status, 403);
    assert.equal(none.text, 'origin_not_allowed: the request has no Origin or Referer header');

    const empty = await call(sandbox, 'POST', '/v1/widget/auth/guest', {
      body: { client_key: 'pk_live_acme_empty0000000000', agent_id: 'agent_ava' },
    });
    assert.equal(empty.status, 403);
    assert.match(empty.text, /^origin_not_allowed: /);
  });
});
