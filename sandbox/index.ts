// @kataven/sandbox: a local stand-in for Kataven (Widget API, Twilio signaling, a real media agent) that an
// integrator's tests start in-process: `const sandbox = await startSandbox({ seed, port: 0 })`.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ToolResultRecord } from './agent/conversation';
import { scriptSchema, type ScriptStep } from './agent/script-steps';
import type { LineSpoken } from './agent/speaker';
import type { CallView } from './call-book';
import { injectFault } from './control-api';
import { faultSchema, type Fault } from './faults';
import type { RouteContext } from './request-context';
import { loadSeedFile, parseSeed, SeedError, type Seed, type SeedConfig } from './seed';
import { speak } from './agent/speech';
import { startSandbox as startServer, type Sandbox as ServerSandbox } from './server';
import { parseOrRefuse } from './validation';

export type { Fault, LineSpoken, ScriptStep, SeedConfig, ToolResultRecord };
export { SeedError };

/** The seed that ships with the package (one account, agent `agent_ava`, key `pk_live_acme_demo0000000000`). */
export const DEFAULT_SEED_PATH = [
  path.join(import.meta.dirname, 'seed.json'),
  path.join(import.meta.dirname, '..', 'seed.json'),
].find((file) => existsSync(file)) as string;

export interface StartSandboxOptions {
  /** The seed: an object, or the path of a JSON file. Default: the shipped seed. */
  seed?: SeedConfig | string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Keep admin changes in this file across restarts (default: none, every start is the seed). */
  statePath?: string;
  /** With `statePath`: start again from the seed. */
  resetState?: boolean;
  /** Directories served as static files for GET paths outside /v1 and /sandbox (default: none). */
  staticDirs?: string[];
  /** Where the self-signed certificate is kept (default: `kataven-sandbox` in the OS temp directory). */
  certDir?: string;
  /** Log every API request to stdout (default false). */
  verbose?: boolean;
}

export interface PublishableKey {
  public_key: string;
  account_id: string;
  /** The agent the key is pinned to, or null. */
  agent_id: string | null;
  domain_allowlist: string[];
}

export interface WaitOptions {
  signal?: AbortSignal;
  /** Give up after this long (default 30 s); the promise rejects with a TimeoutError. */
  timeoutMs?: number;
}

export interface KatavenSandbox extends AsyncDisposable {
  /** https://127.0.0.1:PORT (self-signed certificate). */
  readonly url: string;
  readonly port: number;
  /** What the widget's `api-base` should be: url + '/v1'. */
  readonly apiBase: string;
  /** wss://…/signal, where the Twilio SDK connects (the widget learns it from /widget/connect). */
  readonly signalingUrl: string;
  /** The enabled publishable widget keys, as seeded. */
  readonly keys: PublishableKey[];
  /** Every call so far, newest last (the same rows as GET /sandbox/calls). */
  calls(): SandboxCall[];
  /** The first call (existing or future) that `predicate` accepts (default: any call). */
  waitForCall(predicate?: (call: SandboxCall) => boolean, options?: WaitOptions): Promise<SandboxCall>;
  /** The agent says a line on a live call; resolves when it has finished saying it. */
  say(callSid: string, text: string): Promise<void>;
  /** The agent calls a tool on the page; resolves with the page's answer. */
  toolCall(
    callSid: string,
    name: string,
    params?: Record<string, unknown>,
    options?: WaitOptions,
  ): Promise<ToolResultRecord>;
  /** Adds script steps to a live call (the same steps as the seed's `behaviour.script`). */
  runScript(callSid: string, steps: ScriptStep[]): void;
  /** The lines the agent has spoken on a call, and the voice that rendered each. */
  spokenLines(callSid: string): LineSpoken[];
  /** Ends a live call from the agent's side; with a Twilio error code, the caller sees that error. */
  hangup(callSid: string, code?: number): void;
  /** Injects a fault, exactly as POST /sandbox/faults does. */
  faults(fault: Fault): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export type SandboxCall = CallView;

const POLL_MS = 20;
const DEFAULT_WAIT_MS = 30_000;

/** Starts a sandbox; `await sandbox.close()` (or `await using`) stops it and hangs up its calls. */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<KatavenSandbox> {
  const seed = options.seed ?? DEFAULT_SEED_PATH;
  const config = typeof seed === 'string' ? loadSeedFile(seed) : parseSeed(seed, 'seed');
  await renderSeedLines(config);
  const server = await startServer({
    config,
    port: options.port ?? 0,
    ...(options.host ? { host: options.host } : {}),
    ...(options.statePath ? { statePath: options.statePath, resetState: options.resetState === true } : {}),
    staticDirs: options.staticDirs ?? [],
    certDir: options.certDir ?? path.join(os.tmpdir(), 'kataven-sandbox'),
    quiet: options.verbose !== true,
  });
  return wrap(server);
}

/**
 * Renders every line the seed's agents will say, one after another, before the first call: rendering blocks the
 * event loop for a moment per line, which is harmless now and would stutter a call's audio later.
 */
export async function renderSeedLines(seed: Pick<Seed, 'accounts'>): Promise<void> {
  for (const account of seed.accounts) {
    for (const agent of account.agents) {
      if (agent.behaviour.speak_greeting && agent.greeting_message) await speak(agent.greeting_message);
      for (const step of agent.behaviour.script) if ('say' in step) await speak(step.say);
    }
  }
}

function wrap(server: ServerSandbox): KatavenSandbox {
  let closed = false;
  const closing = new AbortController();

  /** Resolves with `check()`'s first defined value; polls, since calls change on the sandbox's own timers. */
  function waitFor<T>(check: () => T | undefined, what: string, options: WaitOptions = {}): Promise<T> {
    const signals = [closing.signal, AbortSignal.timeout(options.timeoutMs ?? DEFAULT_WAIT_MS)];
    if (options.signal) signals.push(options.signal);
    const signal = AbortSignal.any(signals);
    return new Promise<T>((resolve, reject) => {
      const poll = () => {
        let found: T | undefined;
        try {
          found = check();
        } catch (error) {
          return finish(() => reject(error));
        }
        if (found !== undefined) return finish(() => resolve(found));
        if (signal.aborted) {
          const reason: unknown = signal.reason;
          const timedOut = reason instanceof DOMException && reason.name === 'TimeoutError';
          return finish(() =>
            reject(timedOut ? new DOMException(`timed out waiting for ${what}`, 'TimeoutError') : reason),
          );
        }
      };
      const timer = setInterval(poll, POLL_MS);
      const finish = (settle: () => void) => {
        clearInterval(timer);
        signal.removeEventListener('abort', poll);
        settle();
      };
      signal.addEventListener('abort', poll);
      poll();
    });
  }

  const liveCall = (callSid: string): SandboxCall => {
    const call = server.calls().find((row) => row.call_sid === callSid);
    if (!call || call.state === 'closed') throw new Error(`no live call ${callSid}`);
    return call;
  };

  const keys: PublishableKey[] = [...server.state.keys.values()]
    .filter((key) => key.disabled_at === null)
    .map((key) => ({
      public_key: key.public_key,
      account_id: key.account_id,
      agent_id: key.agent_id,
      domain_allowlist: [...key.domain_allowlist],
    }));

  const close = async () => {
    closed = true;
    closing.abort(new Error('the sandbox was closed'));
    await server.close();
  };

  return {
    url: server.url,
    port: server.port,
    apiBase: server.apiBase,
    signalingUrl: `wss://${new URL(server.url).host}/signal`,
    keys,
    calls: () => server.calls(),
    waitForCall: (predicate = () => true, options) =>
      waitFor(() => server.calls().find(predicate), 'a matching call', options),
    async say(callSid, text) {
      liveCall(callSid);
      const line = parseOrRefuse(scriptSchema, [{ after_ms: 0, say: text }])[0];
      const spoken = line && 'say' in line ? server.callBook.say(callSid, line.say) : undefined;
      if (!spoken) throw new Error(`no live call ${callSid}`);
      await spoken;
    },
    async toolCall(callSid, name, params = {}, options) {
      liveCall(callSid);
      const id = server.callBook.callTool(callSid, name, params);
      if (id === undefined) throw new Error(`no live call ${callSid}`);
      return waitFor(
        () => {
          const call = server.calls().find((row) => row.call_sid === callSid);
          const answer = call?.tool_results.find((result) => result.id === id);
          if (!answer && call?.state === 'closed') throw new Error(`call ${callSid} ended before ${name} was answered`);
          return answer;
        },
        `the page's answer to ${name}`,
        options,
      );
    },
    runScript(callSid, steps) {
      liveCall(callSid);
      if (!server.callBook.runScript(callSid, parseOrRefuse(scriptSchema, steps))) {
        throw new Error(`no live call ${callSid}`);
      }
    },
    spokenLines: (callSid) => server.callBook.spokenLines(callSid),
    hangup(callSid, code) {
      liveCall(callSid);
      server.callBook.serverHangup(callSid, code === undefined ? null : { code, message: 'Call ended by the sandbox' });
    },
    async faults(fault) {
      if (closed) throw new Error('the sandbox was closed');
      // The control route's own handler, so a fault means the same here and over HTTP.
      const body = parseOrRefuse(faultSchema, fault) as Record<string, unknown>;
      const ctx = { body: async () => body, calls: server.callBook, faults: server.faults, state: server.state };
      const reply = await injectFault(ctx as unknown as RouteContext);
      return reply.json as Record<string, unknown>;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
