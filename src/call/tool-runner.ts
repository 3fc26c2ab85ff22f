/**
 * Runs the agent's tool calls against the page's `clientTools` (docs/protocol.md section 7) and answers each with
 * exactly one `tool_result`. Whatever a page function does (throws, hangs, returns a cyclic object or a megabyte), the
 * answer is an error code and the call goes on: nothing here throws or rejects. Params and results are data, never
 * code.
 */
import type { ToolCall, ToolErrorCode, WidgetMessage } from '../api/message-schemas.js';

/** A page function the agent may call: params in, a JSON-serializable result (or a promise of one) out. */
export type ClientTool = (params: Record<string, unknown>, info: { sessionId: string }) => unknown;
export type ClientTools = Readonly<Record<string, ClientTool>>;

export const TOOL_LIMITS = {
  timeoutMs: 10_000,
  maxConcurrent: 8,
  maxResultBytes: 16 * 1024,
  maxErrorMessageLength: 500,
} as const;

export interface ToolTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ToolRunnerOptions {
  /** The page's tools as they are now (the property may change during a call). */
  tools(): ClientTools | undefined;
  /** Fires `kataven-tool-call`; false when the page refused it with `preventDefault()`. */
  announce(call: ToolCall): boolean;
  send(message: WidgetMessage): void;
  sessionId(): string;
  timeoutMs?: number;
  /** Tests inject fake timers; default: the global ones. */
  timers?: ToolTimers;
}

const defaultTimers: ToolTimers = {
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

type Outcome = { ok: true; result: unknown } | { ok: false; code: ToolErrorCode; message: string };

const failure = (code: ToolErrorCode, message: string): Outcome => ({ ok: false, code, message });

export class ToolRunner {
  #options: ToolRunnerOptions;
  #running = 0;
  #disposed = false;

  constructor(options: ToolRunnerOptions) {
    this.#options = options;
  }

  /** How many tool calls are waiting for their answer. */
  get running(): number {
    return this.#running;
  }

  /** Answers `call` once; resolves when the answer has been sent (never rejects). */
  async run(call: ToolCall): Promise<void> {
    if (this.#running >= TOOL_LIMITS.maxConcurrent) {
      this.#answer(call, failure('busy', `more than ${TOOL_LIMITS.maxConcurrent} tool calls at once`));
      return;
    }
    this.#running += 1;
    try {
      let outcome: Outcome;
      try {
        outcome = await this.#execute(call);
      } catch (error) {
        outcome = failure('tool_failed', errorMessage(error)); // a throwing `tools` getter or event listener
      }
      this.#answer(call, outcome);
    } finally {
      this.#running -= 1;
    }
  }

  /** After the call: late results are not sent. */
  dispose(): void {
    this.#disposed = true;
  }

  async #execute(call: ToolCall): Promise<Outcome> {
    const tools = this.#options.tools();
    // Own properties only: `constructor` or `toString` are not tools a page offered.
    const tool = tools && Object.hasOwn(tools, call.name) ? tools[call.name] : undefined;
    if (typeof tool !== 'function') return failure('unknown_tool', `no client tool named ${call.name}`);
    if (!this.#options.announce(call)) return failure('refused', 'the page refused this tool call');
    const { timers = defaultTimers, timeoutMs = TOOL_LIMITS.timeoutMs } = this.#options;
    let timer: unknown;
    const timeout = new Promise<Outcome>((resolve) => {
      timer = timers.setTimeout(() => resolve(failure('timeout', `no result within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    const sessionId = this.#options.sessionId();
    // Called inside a promise chain, so a synchronous throw becomes a rejection like an async one.
    const work = Promise.resolve()
      .then(() => tool(call.params, { sessionId }))
      .then(checkResult, (error: unknown) => failure('tool_failed', errorMessage(error)));
    try {
      return await Promise.race([work, timeout]);
    } finally {
      timers.clearTimeout(timer);
    }
  }

  #answer(call: ToolCall, outcome: Outcome): void {
    if (this.#disposed) return;
    try {
      this.#options.send(
        outcome.ok
          ? { type: 'tool_result', id: call.id, ok: true, result: outcome.result }
          : { type: 'tool_result', id: call.id, ok: false, error: { code: outcome.code, message: outcome.message } },
      );
    } catch (error) {
      console.warn('[kataven-widget] could not send a tool result', error);
    }
  }
}

/** A result goes out as the JSON it serializes to (so only data leaves the page), at most 16 KB of it. */
function checkResult(result: unknown): Outcome {
  let json: string | undefined;
  try {
    json = JSON.stringify(result === undefined ? null : result);
  } catch (error) {
    return failure('invalid_result', `the result is not JSON-serializable (${errorMessage(error)})`);
  }
  if (json === undefined) return failure('invalid_result', 'the result is not JSON-serializable');
  const bytes = new TextEncoder().encode(json).length;
  if (bytes > TOOL_LIMITS.maxResultBytes) {
    return failure('invalid_result', `the result is ${bytes} bytes as JSON, over ${TOOL_LIMITS.maxResultBytes}`);
  }
  return { ok: true, result: JSON.parse(json) as unknown };
}

/** The thrown value as text, at most 500 characters; never throws itself (a value's toString might). */
function errorMessage(error: unknown): string {
  let message: string;
  try {
    message = error instanceof Error ? error.message : String(error);
  } catch {
    message = 'the tool failed';
  }
  return message.slice(0, TOOL_LIMITS.maxErrorMessageLength);
}
