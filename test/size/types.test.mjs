// Framework typings as a consumer meets them: each fixture in test/types imports @kataven/widget by name (package.json
// "exports" → the built dist/lib typings) and type-checks `<kataven-widget …>` in React 19, Preact, Vue and Svelte,
// with @ts-expect-error lines that only hold while the typings are really there. Run after `npm run build`.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

const tsc = path.resolve('node_modules/.bin/tsc');

for (const framework of ['react', 'preact', 'vue', 'svelte']) {
  test(`<kataven-widget> type-checks in ${framework}`, async () => {
    const project = path.join('test/types', framework, 'tsconfig.json');
    const result = await promisify(execFile)(tsc, ['-p', project]).catch((error) => error);
    assert.equal(result.code ?? 0, 0, `${project}:\n${result.stdout}${result.stderr}`);
  });
}
