// CLI: `npx tsx sandbox/main.ts [--config FILE] [--port N] [--host H]`.
import { parseArgs } from 'node:util';
import { SeedError } from './seed';
import { startSandbox } from './server';

function usage(message: string): never {
  console.error(`${message}\nusage: tsx sandbox/main.ts [--config FILE] [--port N] [--host H]`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: { config?: string; port?: string; host?: string };
  try {
    ({ values } = parseArgs({
      options: { config: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } },
    }));
  } catch (error) {
    usage((error as Error).message);
  }
  const port = values.port === undefined ? 8443 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`--port must be a port number, got ${values.port}`);

  const sandbox = await startSandbox({
    ...(values.config ? { configPath: values.config } : {}),
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
  console.error(error instanceof SeedError ? `Invalid seed: ${error.message}` : error);
  process.exit(1);
});
