#!/usr/bin/env node
// `npx kataven-sandbox --seed seed.json [--port 0] [--host H] [--state FILE] [--reset]` (cli.ts). The certificate is
// kept in ./.kataven-sandbox/ so a browser that accepted it once keeps trusting it.
import path from 'node:path';
import { runCli } from './cli';
import { DEFAULT_SEED_PATH } from './index';

void runCli(process.argv.slice(2), {
  program: 'kataven-sandbox',
  seedPath: DEFAULT_SEED_PATH,
  port: 8443,
  certDir: path.resolve('.kataven-sandbox'),
  notes: (url) => [
    `Browsers: accept the self-signed certificate once at ${url}/sandbox/calls (it is kept in .kataven-sandbox/),`,
    'or in Playwright use @kataven/sandbox/playwright, which trusts it for you.',
  ],
});
