// Locales in the CDN build: each its own chunk, none of them (English included) in the launcher's first load. The
// launcher carries only the table of loaders, so a locale's chunk is asked for at once, not after a table chunk.
// Run after `npm run build`.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';

const CDN = path.resolve('dist/cdn');
const LOCALES = 'en es fr de it pt nl sv da nb fi pl cs tr ru uk el ar he hi ja ko zh-CN zh-TW id vi th'.split(' ');
const chunks = readdirSync(path.join(CDN, 'chunks'));
const source = (file) => readFileSync(path.join(CDN, file), 'utf8');
const chunkOf = (locale) => chunks.filter((name) => new RegExp(`^${locale}-[\\w-]{8}\\.js$`).test(name));

test('every shipped locale is a chunk of its own, imported lazily by the launcher', () => {
  const launcher =
    source('kataven-widget.js') +
    chunks
      .filter((n) => n.startsWith('launcher-'))
      .map((n) => source(`chunks/${n}`))
      .join('');
  const sizes = [];
  for (const locale of LOCALES) {
    const [chunk, ...more] = chunkOf(locale);
    assert.ok(chunk && more.length === 0, `${locale}: expected exactly one chunk, found ${[chunk, ...more]}`);
    // Only ever a dynamic import(): a static import would put the locale in the launcher's first load.
    const references = [...launcher.matchAll(new RegExp(`(import\\(|from|import)\\s*["'\`]\\./${chunk}`, 'g'))];
    assert.deepEqual(
      references.map((match) => match[1]),
      ['import('],
      `${locale}: the launcher should import ${chunk} lazily, once`,
    );
    sizes.push([locale, gzipSync(source(`chunks/${chunk}`), { level: 9 }).length]);
  }
  // No locale's texts in the launcher, and Arabic's not merged into another locale's chunk.
  assert.equal(launcher.includes('تحدّث إلينا'), false);
  assert.equal(launcher.includes('Connecting'), false);
  assert.equal(chunks.filter((name) => source(`chunks/${name}`).includes('تحدّث إلينا')).length, 1);
  console.log(`locale chunks (B gzip): ${sizes.map(([locale, bytes]) => `${locale} ${bytes}`).join(', ')}`);
});

test('the README lists exactly the shipped locales', () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Locales\n'), readme.indexOf('\n- **Which one**'));
  const listed = [...section.matchAll(/^\|.*$/gm)].flatMap((row) =>
    [...row[0].matchAll(/`([\w-]+)`/g)].map((m) => m[1]),
  );
  assert.deepEqual([...listed].sort(), [...LOCALES].sort());
});
