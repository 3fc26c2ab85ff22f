// The npm package as a consumer gets it: exports resolve, `.` is side-effect free and SSR-safe, dependencies stay
// external. Run after `npm run build`.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

test('every export target and its types exist', () => {
  for (const [entry, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string') continue;
    for (const file of Object.values(target)) assert.ok(existsSync(file), `${entry}: ${file} is missing`);
  }
});

test('"." imports in Node without a DOM and registers nothing', async () => {
  assert.equal(globalThis.customElements, undefined);
  const widget = await import(path.resolve('dist/lib/index.js'));
  for (const name of ['KatavenWidget', 'WidgetError', 'createApiClient', 'KatavenErrorEvent']) {
    assert.ok(widget[name], `${name} is not exported`);
  }
  // The public surface (README, "Reference"): the element, the events, the types and the API client; the demo's helpers
  // stay internal.
  for (const name of ['validateBranding', 'isValidColor', 'DEFAULT_BRANDING', 'TEXT_LIMITS', 'readableOn']) {
    assert.equal(widget[name], undefined, `${name} is exported but internal`);
  }
  // Lit's Node build installs its SSR DOM shim (an empty registry); "." must define nothing in it.
  assert.equal(globalThis.customElements?.get('kataven-widget'), undefined, 'importing "." registered the element');
});

test('"./define" and "./react" (which registers the element) are the only modules with side effects', () => {
  const shipped = pkg.sideEffects.filter((file) => file.startsWith('./dist/'));
  assert.deepEqual(shipped.sort(), ['./dist/lib/define.js', './dist/lib/react.js']);
  const index = readFileSync('dist/lib/index.js', 'utf8');
  assert.ok(!index.includes('define.js'), 'index.js must not import define.js');
});

test('dependencies stay external (the consumer’s bundler dedupes them)', () => {
  const files = readdirSync('dist/lib', { recursive: true }).filter((file) => String(file).endsWith('.js'));
  const sources = files.map((file) => readFileSync(path.join('dist/lib', String(file)), 'utf8')).join('\n');
  assert.match(sources, /from\s*["']lit["']/);
  assert.match(sources, /import\(["']@twilio\/voice-sdk["']\)/);
  assert.ok(!sources.includes('class ReactiveElement'), 'lit was bundled into dist/lib');
  assert.ok(!/static get isSupported/.test(sources), 'the Twilio SDK was bundled into dist/lib');
});
