// `npm run lint`: ESLint (type-aware), Prettier's check, dependency-cruiser (import layers, cycles), lit-analyzer
// (templates) and the citations check (no comment cites a file outside the repository), side by side rather than one
// after another: each is mostly one busy thread, and ESLint alone takes as long as the others together. Each check's
// output is printed whole once it ends; any failure fails the run.
import { spawn } from 'node:child_process';
import path from 'node:path';

// `npm run` puts the local binaries on PATH; run directly, this does.
const env = { ...process.env, PATH: `${path.resolve('node_modules/.bin')}${path.delimiter}${process.env.PATH ?? ''}` };

const checks = [
  ['eslint', 'eslint . --cache --cache-location node_modules/.cache/eslint/'],
  ['prettier', 'prettier --check --log-level warn .'],
  ['imports', 'npm run --silent lint:imports'],
  ['templates', 'npm run --silent lint:templates'],
  ['citations', 'node scripts/check-citations.mjs'],
];

function run([name, command]) {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'], env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      process.stdout.write(`--- ${name}: ${code === 0 ? 'ok' : `failed (${code})`}\n${output.trimEnd()}\n`);
      resolve(code ?? 1);
    });
  });
}

const codes = await Promise.all(checks.map(run));
process.exit(codes.some((code) => code !== 0) ? 1 : 0);
