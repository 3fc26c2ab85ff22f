// `npm start`: the sandbox for this repo (the built widget and demo page, state kept in .sandbox/), through the same
// command line as the package's `kataven-sandbox` bin (cli.ts). `npx tsx sandbox/main.ts [--seed FILE] [--state FILE]
// [--reset] [--port N] [--host H]`.
import path from 'node:path';
import { runCli } from './cli';
import { DEFAULT_SEED_PATH, DEFAULT_STATE_PATH, REPO_ROOT } from './server';

void runCli(process.argv.slice(2), {
  program: 'npm start --',
  seedPath: DEFAULT_SEED_PATH,
  statePath: DEFAULT_STATE_PATH,
  port: 8443,
  certDir: path.join(REPO_ROOT, '.sandbox'),
  notes: (url) => [
    `First time only: open ${url}/ in your browser and accept the self-signed certificate`,
    '(it is kept in .sandbox/ and reused on later starts).',
  ],
});
