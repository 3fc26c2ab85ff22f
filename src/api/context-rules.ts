/**
 * The rules for context the agent receives (docs/protocol.md section 6), shared by the widget (page context,
 * `sendContext`) and the sandbox (signed context in a user token): a flat object of at most 32 keys matching
 * `KEY_PATTERN`, values a string of at most 1000 characters, a finite number, a boolean or null, and at most 4096 bytes
 * as JSON. No DOM, no zod: the sandbox imports this file as it is.
 */
export type ContextValue = string | number | boolean | null;
export type AgentContext = Record<string, ContextValue>;

export const CONTEXT_LIMITS = { maxKeys: 32, maxStringLength: 1000, maxBytes: 4096 } as const;
const KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export interface DroppedEntry {
  key: string;
  reason: string;
}

export interface ContextCheck {
  /** The entries that keep to the rules, in their original order. */
  context: AgentContext;
  /** Entries left out, each with why. */
  dropped: DroppedEntry[];
  /** Set when the input as a whole is not a plain object (then `context` is empty). */
  problem?: string;
}

const utf8Length = (text: string): number => new TextEncoder().encode(text).length;

function valueProblem(value: unknown): string | undefined {
  if (value === null || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : 'the number is not finite';
  if (typeof value === 'string') {
    return value.length <= CONTEXT_LIMITS.maxStringLength
      ? undefined
      : `the text is over ${CONTEXT_LIMITS.maxStringLength} characters`;
  }
  return 'the value must be a string, a number, a boolean or null';
}

/** Keeps the entries of `input` that follow the rules; never throws. */
export function checkContext(input: unknown): ContextCheck {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { context: {}, dropped: [], problem: 'context must be a JSON object' };
  }
  const kept: [string, ContextValue][] = [];
  const dropped: DroppedEntry[] = [];
  let bytes = 2; // "{}"
  for (const [key, value] of Object.entries(input)) {
    const reason = !KEY_PATTERN.test(key)
      ? 'the key must match ^[A-Za-z_][A-Za-z0-9_]{0,63}$'
      : kept.length >= CONTEXT_LIMITS.maxKeys
        ? `more than ${CONTEXT_LIMITS.maxKeys} keys`
        : valueProblem(value);
    if (reason) {
      dropped.push({ key, reason });
      continue;
    }
    const entryBytes = utf8Length(JSON.stringify(key)) + 1 + utf8Length(JSON.stringify(value)) + (kept.length ? 1 : 0);
    if (bytes + entryBytes > CONTEXT_LIMITS.maxBytes) {
      dropped.push({ key, reason: `the context would be over ${CONTEXT_LIMITS.maxBytes} bytes as JSON` });
      continue;
    }
    bytes += entryBytes;
    kept.push([key, value as ContextValue]);
  }
  // Object.fromEntries defines own properties, so even a `__proto__` key stays plain data.
  return { context: Object.fromEntries(kept), dropped };
}

/** One line naming what was left out, e.g. `plan (the text is over 1000 characters), 9lives (the key must …)`. */
export function describeDropped(check: ContextCheck): string {
  const parts = check.dropped.map(({ key, reason }) => `${JSON.stringify(key.slice(0, 80))} (${reason})`);
  return [check.problem, ...parts].filter(Boolean).join(', ');
}

/**
 * The widget's entry point: the valid part of `input`, with one console warning naming whatever was dropped.
 * `undefined` (no context set) stays `undefined`.
 */
export function sanitizeContext(input: unknown, source: string): AgentContext | undefined {
  if (input === undefined) return undefined;
  const check = checkContext(input);
  if (check.problem || check.dropped.length) {
    console.warn(`[kataven-widget] ${source}: dropped ${describeDropped(check)}`);
  }
  return check.context;
}

/** The context the agent works with: page keys, then signed keys over them (a page can never overwrite a signed key). */
export function mergeContext(page: AgentContext, signed: AgentContext): AgentContext {
  return Object.fromEntries([...Object.entries(page), ...Object.entries(signed)]);
}
