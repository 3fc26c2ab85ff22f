// `@kataven/widget/react` on the server: react-dom/server renders the bare tag, and nothing touches `window` or
// `document` (a trap on globalThis records every read with its caller). Lit's Node build looks once whether a
// `document` exists when it loads; the package's own code and the render itself must read none. Run after
// `npm run build`.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

const touched = [];
for (const name of ['window', 'document', 'navigator', 'localStorage']) {
  const original = Object.getOwnPropertyDescriptor(globalThis, name);
  Object.defineProperty(globalThis, name, {
    configurable: true,
    get() {
      touched.push({ name, stack: new Error().stack ?? '' });
      return original?.get ? original.get.call(globalThis) : original?.value;
    },
  });
}

test('"./react" renders <kataven-widget> on the server: the tag only, props and handlers left for the client', async () => {
  const React = await import('react');
  const { renderToString } = await import('react-dom/server');
  const { KatavenWidget } = await import(path.resolve('dist/lib/react.js'));
  const ours = touched.filter(({ stack }) => stack.includes('/dist/lib/'));
  assert.deepEqual(ours, [], 'importing ./react read browser globals');
  touched.length = 0;
  const html = renderToString(
    React.createElement(KatavenWidget, {
      clientKey: 'pk_live_acme_demo0000000000',
      agentId: 'agent_ava',
      locale: 'fr',
      userToken: 'ut_secret_never_in_html',
      strings: { call: 'Appeler' },
      onCallConnected: () => undefined,
      onError: () => undefined,
      id: 'support',
    }),
  );
  // defer-hydration: the element waits for React to set its props (removed by @lit/react after hydration).
  assert.equal(html, '<kataven-widget defer-hydration="" id="support"></kataven-widget>');
  assert.deepEqual(touched, [], 'server rendering read browser globals');
});

test('"./react" maps every documented event to an on… prop', async () => {
  const { readFileSync } = await import('node:fs');
  const source = readFileSync('dist/lib/react.js', 'utf8');
  const events = ['ready', 'status', 'call-start', 'call-connected', 'call-end', 'mute', 'message', 'error'].concat([
    'open',
    'close',
    'tool-call',
    'feedback',
    'network-quality',
  ]);
  for (const name of events) {
    const prop = `on${name.replace(/(^|-)(\w)/g, (_, __, letter) => letter.toUpperCase())}`;
    assert.match(source, new RegExp(`${prop}:\\s*"kataven-${name}"`), `${prop} → kataven-${name}`);
  }
});
