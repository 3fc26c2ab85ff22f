// The command line, shared by the package's bin (`kataven-sandbox`, bin.ts) and the repo's `npm start` (main.ts):
// `--seed FILE [--port N] [--host H] [--state FILE] [--reset]`. Each caller supplies its own defaults.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { StateFileError } from './persisted-state';
import { SeedError } from './seed';
import { renderSeedLines } from './index';
import { startSandbox } from './server';

export interface CliDefaults {
  /** The program name in the usage line. */
  program: string;
  seedPath: string;
  /** Where admin changes are kept without --state; undefined: nowhere (every start is the seed). */
  statePath?: string;
  port: number;
  certDir: string;
  staticDirs?: string[];
  /** Extra lines printed after the addresses (e.g. the demo page). */
  notes?: (url: string) => string[];
}

interface CliFlags {
  seed?: string;
  config?: string;
  state?: string;
  reset?: boolean;
  port?: string;
  host?: string;
  help?: boolean;
}

/** A usage problem: the message, then the usage line, exit 2. */
class UsageError extends Error {}

function parseFlags(argv: string[]): CliFlags {
  try {
    return parseArgs({
      args: argv,
      options: {
        seed: { type: 'string' },
        // The name `npm start` took before the package existed.
        config: { type: 'string' },
        state: { type: 'string' },
        reset: { type: 'boolean' },
        port: { type: 'string' },
        host: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * Starts the sandbox from command-line flags and prints where it is; stops it on SIGINT/SIGTERM. Errors end the
 * process with one line naming the problem (a seed field, a busy port, an unusable state file).
 */
export async function runCli(argv: string[], defaults: CliDefaults): Promise<void> {
  const usage = `usage: ${defaults.program} [--seed FILE] [--port N] [--host H] [--state FILE] [--reset]`;
  let host = '127.0.0.1';
  try {
    const flags = parseFlags(argv);
    host = flags.host ?? host;
    if (flags.help) {
      console.log(usage);
      return;
    }
    if (flags.port !== undefined && !/^\d+$/.test(flags.port)) {
      throw new UsageError(`--port must be a port number, got ${flags.port}`);
    }
    const port = flags.port === undefined ? defaults.port : Number(flags.port);
    if (port > 65535) throw new UsageError(`--port must be a port number, got ${flags.port}`);
    if (flags.reset && !flags.state && !defaults.statePath) throw new UsageError('--reset needs --state FILE');
    await start(flags, port, defaults);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${usage}`);
      process.exit(2);
    }
    console.error(describeStartError(error, host));
    process.exit(1);
  }
}

async function start(flags: CliFlags, port: number, defaults: CliDefaults): Promise<void> {
  const seedPath = flags.seed ?? flags.config ?? defaults.seedPath;
  const statePath = flags.state ? path.resolve(flags.state) : defaults.statePath;
  const sandbox = await startSandbox({
    configPath: seedPath,
    ...(statePath ? { statePath, resetState: flags.reset === true } : {}),
    ...(flags.host ? { host: flags.host } : {}),
    ...(defaults.staticDirs ? { staticDirs: defaults.staticDirs } : {}),
    certDir: defaults.certDir,
    port,
  });
  await renderSeedLines({ accounts: [...sandbox.state.accounts.values()] });
  // Before the addresses are printed: whoever reads them may stop the sandbox at once.
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
  const keys = [...sandbox.state.keys.values()].filter((key) => key.disabled_at === null);
  const keyLines = keys.length
    ? keys.map((key) => `  Key          ${key.public_key}${key.agent_id ? ` (pinned to ${key.agent_id})` : ''}`)
    : ['  Key          (none: every widget key in the seed is disabled)'];
  const shownState = statePath
    ? `${path.relative(process.cwd(), statePath) || statePath}${flags.reset ? ' (reset to the seed)' : ''}`
    : '(none: every start is the seed; --state FILE keeps admin changes)';
  console.log(
    [
      '',
      `Kataven sandbox running at ${sandbox.url}/`,
      '',
      `  Widget API   ${sandbox.apiBase}`,
      `  Signaling    wss://${new URL(sandbox.url).host}/signal`,
      ...keyLines,
      `  Inspect      ${sandbox.url}/sandbox/calls   ${sandbox.url}/sandbox/requests`,
      `  Seed         ${path.resolve(seedPath)}`,
      `  State        ${shownState}`,
      '',
      ...(defaults.notes?.(sandbox.url) ?? []),
      'Ctrl-C stops the sandbox.',
      '',
    ].join('\n'),
  );
}

function describeStartError(error: unknown, host: string): string {
  if (error instanceof SeedError) return `Invalid seed: ${error.message}`;
  if (error instanceof StateFileError) {
    return `Unusable state file: ${error.message}\nFix or remove it, or start again from the seed with --reset.`;
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const port = (error as { port?: number } | undefined)?.port;
  if (code === 'EADDRINUSE')
    return `Port ${port ?? ''} on ${host} is in use: choose another with --port (0 picks a free one).`;
  if (code === 'EADDRNOTAVAIL') return `Cannot listen on ${host}: no such local address (--host).`;
  if (code === 'EACCES')
    return `Not allowed to listen on port ${port ?? ''} (ports below 1024 need privileges): use --port.`;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
