// `npm run lint` (citations): the repository explains itself, so no source file points at a document outside it
// (the old design brief, working notes) or carries a process tag ("issue 8"). A `.md` file a comment names must exist
// in the repository; docs/ is where such facts go.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Source files: tracked code, never the docs; not this check and its test either (they name what they look for). */
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs|css|html|sh|vue|svelte)$|(^|\/)\.ci\/run$/;
const SKIP = new Set(['scripts/check-citations.mjs', 'scripts/check-citations.test.mjs']);

/**
 * The outside documents, by name. Spelled in pieces, so that this check (and its test, which plants them) does not
 * itself read as a citation of them.
 */
export const OUTSIDE = { brief: ['DESIGN', 'md'], notes: 'notes' };

const RULES = [
  {
    pattern: new RegExp(`\\b${OUTSIDE.brief[0]}(\\.${OUTSIDE.brief[1]}| \\d)`),
    why: `cites ${OUTSIDE.brief.join('.')}, which is not in the repository`,
  },
  {
    pattern: new RegExp(`(^|[\\s(\`'"])${OUTSIDE.notes}/`),
    why: 'cites working notes, which are not in the repository',
  },
  { pattern: /\bissue \d+\b|\bconversation \(issue/, why: 'carries a process tag (an issue number)' },
];
const MD_REFERENCE = /[\w./-]*[\w-]+\.md\b/g;

/**
 * Every citation of something outside the repository in `text` (the file at `file`, relative to `root`): one entry per
 * offending line, `{ file, line, text, why }`.
 */
export function findCitations(file, text, root) {
  const found = [];
  text.split('\n').forEach((content, index) => {
    const report = (why) => found.push({ file, line: index + 1, text: content.trim(), why });
    for (const rule of RULES) if (rule.pattern.test(content)) report(rule.why);
    for (const [reference] of content.matchAll(MD_REFERENCE)) {
      const inRoot = path.resolve(root, reference);
      const besideFile = path.resolve(root, path.dirname(file), reference);
      if (!existsSync(inRoot) && !existsSync(besideFile)) report(`names ${reference}, which is not in the repository`);
    }
  });
  return found;
}

/** Checks every tracked source file under `root`; returns the findings. */
export function checkRepository(root) {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((file) => SOURCE.test(file) && !SKIP.has(file) && existsSync(path.join(root, file)));
  return files.flatMap((file) => findCitations(file, readFileSync(path.join(root, file), 'utf8'), root));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const findings = checkRepository(process.cwd());
  for (const { file, line, text, why } of findings) console.error(`${file}:${line}: ${why}\n    ${text}`);
  process.exit(findings.length > 0 ? 1 : 0);
}
