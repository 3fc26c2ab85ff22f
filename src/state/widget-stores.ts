/**
 * The shapes every layer above `api/` shares: the widget's status, the element's inputs and the per-element store
 * set. A leaf module (types only from the rest of `state/`, nothing from `events.ts`), so nothing here can form a cycle.
 */
import { atom } from 'nanostores';
import type { WidgetError } from '../api/errors.js';
import type { Caption } from '../call/call-controller.js';
import type { DeviceFactory } from '../call/device.js';
import type { ClientTools } from '../call/tool-runner.js';
import type { PolicyOverride, ResolvedConfig } from './config-rules.js';
import type { WidgetStatus } from './machine.js';

export type { WidgetStatus };

const LIVE_STATUSES: ReadonlySet<WidgetStatus> = new Set([
  'connecting',
  'resuming',
  'ringing',
  'connected',
  'reconnecting',
]);

/**
 * The longest text a visitor may type in one turn. Here, in the first load's leaf module, so the panel's text box and
 * the call code share it without the panel importing call-time code (which would split it into a chunk of its own,
 * fetched only after the call code arrived).
 */
export const MAX_TEXT_LENGTH = 1000;

/** Where the feedback step after a call is: asking, sending the rating, thanked, or skipped by the visitor. */
export type FeedbackPhase = 'ask' | 'sending' | 'thanks' | 'skipped';

/** True while a call is being set up or is in progress. */
export function isLive(status: WidgetStatus): boolean {
  return LIVE_STATUSES.has(status);
}

/** What the element hands to its state: the properties of the same names. */
export interface WidgetInput {
  clientKey?: string | undefined;
  agentId?: string | undefined;
  apiBase?: string | undefined;
  userToken?: string | undefined;
  userTokenProvider?: (() => Promise<string>) | undefined;
  branding?: Readonly<Record<string, unknown>> | undefined;
  /** Preview-only policy laid over the server's (what the widget shows, not what the server allows). */
  policy?: PolicyOverride | undefined;
  /** Replaces the Twilio Device (tests, custom SDK builds). */
  deviceFactory?: DeviceFactory | undefined;
  /** Page context for the agent (validated when a call starts, docs/protocol.md section 6). */
  context?: unknown;
  /** Functions the agent may call in the page (docs/protocol.md section 7). */
  clientTools?: ClientTools | undefined;
  /** `off` keeps a call from following the visitor to the site's next page (docs/protocol.md section 9). */
  continuity?: 'on' | 'off' | undefined;
}

/** Inputs that say who calls whom: a change drops the session and any call, and loads afresh. */
export const IDENTITY_INPUTS = [
  'clientKey',
  'agentId',
  'apiBase',
  'userToken',
  'userTokenProvider',
  'deviceFactory',
] as const satisfies readonly (keyof WidgetInput)[];

/** Inputs laid over the server's config (previews): a change re-applies the config without a refetch. */
export const OVERRIDE_INPUTS = ['branding', 'policy'] as const satisfies readonly (keyof WidgetInput)[];

/** Inputs read when they are used (at connect, on a tool call): a change neither reloads nor re-applies anything. */
export const CONVERSATION_INPUTS = [
  'context',
  'clientTools',
  'continuity',
] as const satisfies readonly (keyof WidgetInput)[];

/**
 * Every element input, in one list: the element, the state and the script-tag loader derive theirs from it. Written
 * out (not spread from the three lists above) so that a bundle that does not use it drops it; the compiler checks
 * that it is exactly those lists.
 */
export const WIDGET_INPUTS = [
  'clientKey',
  'agentId',
  'apiBase',
  'userToken',
  'userTokenProvider',
  'deviceFactory',
  'branding',
  'policy',
  'context',
  'clientTools',
  'continuity',
] as const satisfies readonly (
  (typeof IDENTITY_INPUTS)[number] | (typeof OVERRIDE_INPUTS)[number] | (typeof CONVERSATION_INPUTS)[number]
)[];

/** The element's public methods: the script-tag loader queues calls to them made before the element is defined. */
export const WIDGET_METHODS = [
  'open',
  'close',
  'prepare',
  'start',
  'end',
  'setMuted',
  'sendText',
  'sendContext',
] as const;

export type WidgetInputName = (typeof WIDGET_INPUTS)[number];

/** Compiles only when `T` is `never`: `AssertNever<Exclude<Wanted, Listed>>` checks that a list misses nothing. */
export type AssertNever<T extends never> = T;

/** WIDGET_INPUTS names every field of WidgetInput (a compile-time check; no bytes). */
export type WidgetInputsComplete = AssertNever<Exclude<keyof WidgetInput, WidgetInputName>>;
export type WidgetInputsSplit = AssertNever<
  Exclude<
    WidgetInputName,
    (typeof IDENTITY_INPUTS)[number] | (typeof OVERRIDE_INPUTS)[number] | (typeof CONVERSATION_INPUTS)[number]
  >
>;

/** Each store's first value: `createStores` builds from these, and a reset of the identity returns to them. */
function initialValues() {
  return {
    status: 'idle' as WidgetStatus,
    error: null as WidgetError | null,
    /** Epoch ms before which retrying is pointless (the server's Retry-After), or 0. */
    retryAt: 0,
    config: null as ResolvedConfig | null,
    open: false,
    consentAsked: false,
    muted: false,
    level: { input: 0, output: 0 },
    elapsedSeconds: 0,
    captions: [] as readonly Caption[],
    /** The last ended call's feedback step; kept across closing and reopening the panel, asked afresh per call. */
    feedback: 'ask' as FeedbackPhase,
    /** Twilio's call-quality warnings in force during a call (the panel's "Poor connection" hint). */
    networkWarnings: [] as readonly string[],
    /** A call taken over from an earlier page waits for the visitor's click ("Continue the call"). */
    resumeHeld: false,
  };
}

export function createStores() {
  const initial = initialValues();
  return {
    $status: atom(initial.status),
    $error: atom(initial.error),
    $retryAt: atom(initial.retryAt),
    $config: atom(initial.config),
    $open: atom(initial.open),
    $consentAsked: atom(initial.consentAsked),
    $muted: atom(initial.muted),
    $level: atom(initial.level),
    $elapsedSeconds: atom(initial.elapsedSeconds),
    $captions: atom(initial.captions),
    $feedback: atom(initial.feedback),
    $networkWarnings: atom(initial.networkWarnings),
    $resumeHeld: atom(initial.resumeHeld),
  };
}

export type WidgetStores = ReturnType<typeof createStores>;

/**
 * Returns every store except those in `keep` to its first value (a new visitor identity). `$status` is left to the
 * state machine (the caller reports `reset`).
 */
export function resetStores(stores: WidgetStores, keep: readonly (keyof WidgetStores)[] = []): void {
  const initial = initialValues();
  for (const key of Object.keys(stores) as (keyof WidgetStores)[]) {
    if (key === '$status' || keep.includes(key)) continue;
    const name = key.slice(1) as keyof typeof initial;
    (stores[key] as { set(value: unknown): void }).set(initial[name]);
  }
}
