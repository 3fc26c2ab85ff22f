// Size budgets of the CDN build (gzip -9 bytes), checked on the real build output. Run after `npm run build`.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';

const CDN = path.resolve('dist/cdn');
const BEFORE_INTENT_BUDGET = 20_000;
const LOADER_BUDGET = 1_500;

const gzipBytes = (file) => gzipSync(readFileSync(path.join(CDN, file)), { level: 9 }).length;

/** Files a module imports statically (`import … from "./x.js"`, `import "./x.js"`), relative to the CDN root. */
function staticImports(file) {
  const source = readFileSync(path.join(CDN, file), 'utf8');
  const specifiers = [
    ...source.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'](\.[^"']+)["']/g),
  ];
  return specifiers.map((match) => path.posix.join(path.posix.dirname(file), match[1]));
}

/** Every file reachable through static imports: what the browser must fetch before the module runs. */
function closure(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    staticImports(file).forEach(visit);
  };
  visit(entry);
  return [...seen];
}

function report(label, files) {
  const sizes = files.map((file) => [file, gzipBytes(file)]);
  const total = sizes.reduce((sum, [, bytes]) => sum + bytes, 0);
  console.log(`${label}: ${total} B gzip`);
  for (const [file, bytes] of sizes) console.log(`  ${String(bytes).padStart(6)}  ${file}`);
  return total;
}

const chunks = readdirSync(path.join(CDN, 'chunks')).map((name) => `chunks/${name}`);
const twilioChunk = chunks.find((file) => /^chunks\/twilio-/.test(file));

test('the classic-script loader stays tiny', () => {
  assert.ok(report('loader', ['v1.js']) <= LOADER_BUDGET);
});

// The entry is revalidated on each page view; the hashed chunk it re-exports is cached for good (sandbox/static-files.ts,
// as a CDN serves it). The loader importing the chunk itself saves that round trip on every page of a site.
test('the loader imports the launcher chunk by its hashed name, not the entry that re-exports it', () => {
  const [chunk] = staticImports('kataven-widget.js');
  assert.match(chunk ?? '', /^chunks\/launcher-[\w-]+\.js$/);
  const loader = readFileSync(path.join(CDN, 'v1.js'), 'utf8');
  assert.ok(loader.includes(`./${chunk}`), `v1.js does not import ./${chunk}`);
  assert.ok(!loader.includes('kataven-widget.js'), 'v1.js still imports the entry');
});

test(`everything loaded before intent (loader + element + dependencies) is at most ${BEFORE_INTENT_BUDGET} B gzip`, () => {
  const initial = ['v1.js', ...closure('kataven-widget.js')];
  const total = report('before intent', initial);
  assert.ok(total <= BEFORE_INTENT_BUDGET, `${total} B > ${BEFORE_INTENT_BUDGET} B`);
});

test('the Twilio SDK is its own chunk, reachable only through a dynamic import', () => {
  assert.ok(twilioChunk, 'no chunks/twilio-*.js in the build');
  assert.ok(!closure('kataven-widget.js').includes(twilioChunk), 'the Twilio chunk is loaded before intent');
  report('on intent (call)', [twilioChunk, ...chunks.filter((file) => /^chunks\/(call-|panel-|en-)/.test(file))]);
});

/** Files a module loads with `import()`, relative to the CDN root. */
function dynamicImports(file) {
  const source = readFileSync(path.join(CDN, file), 'utf8');
  return [...source.matchAll(/\bimport\(\s*[`"'](\.[^`"']+)[`"']\s*\)/g)].map((match) =>
    path.posix.join(path.posix.dirname(file), match[1]),
  );
}

// A click (or a hover) asks for the call code, Twilio, the panel and the strings at once. A lazy chunk that imported
// another one not loaded yet (the bundler's helpers, say) would be found only once it had arrived: a round trip more,
// and a wait for everything that chunk holds.
test('each chunk loaded on intent needs nothing beyond what is already loaded', () => {
  const initial = closure('kataven-widget.js');
  const lazy = [...new Set(initial.flatMap(dynamicImports))].filter((file) => !initial.includes(file));
  assert.ok(
    lazy.some((file) => /^chunks\/call-state-/.test(file)),
    `no call chunk among ${lazy.join(', ')}`,
  );
  assert.ok(lazy.includes(twilioChunk), `no Twilio chunk among ${lazy.join(', ')}`);
  for (const file of lazy) {
    assert.deepEqual(
      closure(file).filter((needed) => !initial.includes(needed)),
      [file],
      `${file} waits for a chunk that is not loaded yet`,
    );
  }
});

test('the production build carries no development-only code', () => {
  for (const file of closure('kataven-widget.js')) {
    const source = readFileSync(path.join(CDN, file), 'utf8');
    assert.ok(!source.includes('Lit is in dev mode'), `${file} contains Lit's dev mode`);
    assert.ok(!source.includes('__KATAVEN_VERSION__'), `${file} has an unreplaced version placeholder`);
  }
});
