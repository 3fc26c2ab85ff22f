// The citations check on a throwaway repository: a planted citation of a file outside the repository fails it.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { OUTSIDE, checkRepository, findCitations } from './check-citations.mjs';

const CHECK = fileURLToPath(new URL('./check-citations.mjs', import.meta.url));
const repos = [];
after(() => repos.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A git repository holding `files` (path → text), all tracked. */
function repository(files) {
  const root = mkdtempSync(path.join(tmpdir(), 'citations-'));
  repos.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  execFileSync('git', ['init', '-q'], { cwd: root });
  execFileSync('git', ['add', '.'], { cwd: root });
  return root;
}

const clean = {
  'docs/protocol.md': '# Protocol\n',
  'src/a.ts': '// The bootstrap config (docs/protocol.md section 2).\nexport const a = 1;\n',
};

test('comments that point into the repository pass', () => {
  assert.deepEqual(checkRepository(repository(clean)), []);
});

const BRIEF = OUTSIDE.brief.join('.');

test('a planted citation of the design brief fails the check, naming file and line', () => {
  const root = repository({ ...clean, 'src/b.ts': `export const b = 2;\n/** Guests (${BRIEF} 2.1). */\n` });
  const findings = checkRepository(root);
  assert.deepEqual(
    findings.map(({ file, line }) => `${file}:${line}`),
    ['src/b.ts:2', 'src/b.ts:2'],
  );
  const run = spawnSync(process.execPath, [CHECK], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 1);
  assert.ok(run.stderr.includes(`src/b.ts:2: cites ${BRIEF}`), run.stderr);
});

test('working notes, other missing .md files and process tags are caught too', () => {
  const cases = {
    [`# Runs in a namespace (${OUTSIDE.notes}/twilio-local-emulation.md §9)`]: 'working notes',
    '// No DNS query leaves the machine (toolchain.md §5)': 'toolchain.md',
    '// conversation (issue 8): typed text': 'process tag',
    [`// Signed context follows ${OUTSIDE.brief[0]} 5.1`]: 'the design brief',
  };
  const root = repository(clean);
  for (const [line, what] of Object.entries(cases)) {
    assert.notDeepEqual(findCitations('src/c.ts', line, root), [], `${what} is not caught: ${line}`);
  }
  assert.deepEqual(findCitations('src/c.ts', '// see docs/protocol.md and ../docs/protocol.md', root), []);
});

test('this repository cites nothing outside itself', () => {
  const findings = checkRepository(path.resolve(path.dirname(CHECK), '..'));
  assert.deepEqual(findings, []);
});
