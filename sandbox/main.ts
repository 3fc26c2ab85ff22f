// CLI: `npx tsx sandbox/main.ts [--config FILE] [--state FILE] [--reset] [--port N] [--host H]`.
import { parseArgs } from 'node:util';
import path from 'node:path';
import { StateFileError } from './persisted-state';
import { SeedError } from './seed';
import { DEFAULT_STATE_PATH, startSandbox } from './server';

const USAGE = 'usage: tsx sandbox/main.ts [--config FILE] [--state FILE] [--reset] [--port N] [--host H]';

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: { config?: string; state?: string; reset?: boolean; port?: string; host?: string };
  try {
    ({ values } = parseArgs({
      options: {
        config: { type: 'string' },
        state: { type: 'string' },
        reset: { type: 'boolean' },
        port: { type: 'string' },
        host: { type: 'string' },
      },
    }));
  } catch (error) {
    usage((error as Error).message);
  }
  const port = values.port === undefined ? 8443 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`--port must be a port number, got ${values.port}`);

  const statePath = values.state ? path.resolve(values.state) : DEFAULT_STATE_PATH;
  const sandbox = await startSandbox({
    ...(values.config ? { configPath: values.config } : {}),
    statePath,
    resetState: values.reset === true,
    ...(values.host ? { host: values.host } : {}),
    port,
  });
  const demoKey = sandbox.state.demoKey()?.public_key ?? '(none: the seed has no unpinned, enabled key)';
  console.log(
    [
      '',
      `Kataven sandbox running at ${sandbox.url}/`,
      '',
      `  Widget API   ${sandbox.apiBase}`,
      `  Signaling    wss://${new URL(sandbox.url).host}/signal`,
      `  Demo key     ${demoKey}`,
      `  Inspect      ${sandbox.url}/sandbox/calls   ${sandbox.url}/sandbox/requests`,
      `  State        ${path.relative(process.cwd(), statePath) || statePath}${values.reset ? ' (reset to the seed)' : ''}`,
      '',
      `First time only: open ${sandbox.url}/ in your browser and accept the self-signed certificate`,
      '(it is kept in .sandbox/ and reused on later starts). Ctrl-C stops the sandbox.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: closing the sandbox…`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof SeedError) console.error(`Invalid seed: ${error.message}`);
  else if (error instanceof StateFileError) {
    console.error(
      `Unusable state file: ${error.message}\nFix or remove it, or start again from the seed with --reset.`,
    );
  } else console.error(error);
  process.exit(1);
});
