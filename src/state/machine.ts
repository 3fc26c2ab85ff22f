/**
 * The widget's status as one explicit state machine: every status, every event, and the status each event leads to.
 * This table is the only place a status changes. The layers below report what happened (`configLoaded`,
 * `callAccepted`, `failed`, …) and never name a status; the element and the panel only read it.
 *
 * An event the table does not list for the current status is ignored (the status stays, nothing is emitted) and, in
 * development builds, reported through `machineDiagnostics.onIgnored`, which the test harness turns into a failure.
 * A new status is one row here (and one line per event that reaches it); docs/architecture.md draws this table.
 */
import type { WidgetError } from '../api/errors.js';
import type { CallEvent } from '../call/call-controller.js';

export const WIDGET_STATUSES = [
  'idle',
  'loading',
  'ready',
  'unavailable',
  'connecting',
  'resuming',
  'ringing',
  'connected',
  'reconnecting',
  'ended',
  'error',
  'elsewhere',
] as const;

export type WidgetStatus = (typeof WIDGET_STATUSES)[number];

/** What the state layer reports about the config; the call controller reports the rest (`CallEvent`). */
export type ConfigEvent =
  /** The inputs name another visitor, key or agent: everything starts over. */
  | { type: 'reset' }
  /** The config request went out. */
  | { type: 'configRequested' }
  /** The config arrived (or was laid over again) and this visitor may call. */
  | { type: 'configLoaded' }
  /** The config arrived and says this visitor may not call (`error` says why). */
  | { type: 'configRefused'; error: WidgetError }
  /** The browser is online again after a click failed because it was offline (offline.ts). */
  | { type: 'backOnline' }
  /** Another tab of this site holds the live call for this key (call-tabs.ts): this one must not place a second. */
  | { type: 'heldElsewhere' }
  /** That other tab's call is over (or its tab is gone): this tab may call again. */
  | { type: 'releasedElsewhere' }
  /** "Move call here" got no hand-over from the tab holding the call (`error` says why); nothing changed. */
  | { type: 'moveFailed'; error: WidgetError };

export type WidgetEvent = ConfigEvent | CallEvent;
export type WidgetEventType = WidgetEvent['type'];

export const WIDGET_EVENTS = [
  'reset',
  'configRequested',
  'configLoaded',
  'configRefused',
  'backOnline',
  'heldElsewhere',
  'releasedElsewhere',
  'moveFailed',
  'callRequested',
  'resumeFound',
  'resumeRefused',
  'ringing',
  'callAccepted',
  'mediaLost',
  'mediaRestored',
  'callEnded',
  'callMoved',
  'failed',
] as const satisfies readonly WidgetEventType[];

/** Compiles only when WIDGET_EVENTS names every event type. */
type EventsComplete<T extends never> = T;
export type WidgetEventsComplete = EventsComplete<Exclude<WidgetEventType, (typeof WIDGET_EVENTS)[number]>>;

/** Any status may start over or fail; the rest is what each status allows. */
const always = { reset: 'idle', failed: 'error' } as const;
const callEnds = { callEnded: 'ended', ...always } as const;

/** The transition table: for each status, the events it takes and where each leads. */
export const TRANSITIONS: {
  readonly [S in WidgetStatus]: { readonly [E in WidgetEventType]?: WidgetStatus };
} = {
  idle: { configRequested: 'loading', ...always },
  loading: { configLoaded: 'ready', configRefused: 'unavailable', ...always },
  // A page's `branding`/`policy` override may decide availability again without a fetch.
  ready: {
    configLoaded: 'ready',
    configRefused: 'unavailable',
    callRequested: 'connecting',
    resumeFound: 'resuming',
    heldElsewhere: 'elsewhere',
    ...always,
  },
  unavailable: { configLoaded: 'ready', configRefused: 'unavailable', ...always },
  connecting: { ringing: 'ringing', callAccepted: 'connected', ...callEnds },
  ringing: { callAccepted: 'connected', ...callEnds },
  // A call of this tab's that an earlier page left (docs/protocol.md section 9), being taken over on this one.
  // Held for the visitor's click ("Continue the call") before the server is asked, it is found again after it.
  resuming: {
    resumeFound: 'resuming',
    ringing: 'resuming',
    callAccepted: 'connected',
    resumeRefused: 'error',
    ...callEnds,
  },
  // `callMoved`: the visitor moved the call to another tab of this site; it goes on there.
  connected: { mediaLost: 'reconnecting', callMoved: 'elsewhere', ...callEnds },
  reconnecting: { mediaLost: 'reconnecting', mediaRestored: 'connected', callMoved: 'elsewhere', ...callEnds },
  ended: { callRequested: 'connecting', heldElsewhere: 'elsewhere', ...always },
  // A failed load is retried with a new request; a failed call with a new call.
  error: {
    configRequested: 'loading',
    callRequested: 'connecting',
    backOnline: 'ready',
    heldElsewhere: 'elsewhere',
    ...always,
  },
  // The live call for this key is in another tab of this site: "Move call here" takes it over as a resume does.
  elsewhere: {
    heldElsewhere: 'elsewhere',
    releasedElsewhere: 'ready',
    moveFailed: 'elsewhere',
    resumeFound: 'resuming',
    ...always,
  },
};

/** Where `event` leads from `status`, or undefined when the table does not allow it there. */
export function nextStatus(status: WidgetStatus, event: WidgetEventType): WidgetStatus | undefined {
  return TRANSITIONS[status][event];
}

declare const process: { env: { NODE_ENV?: string } } | undefined;

/** Development builds only (production builds replace `process.env.NODE_ENV` and drop the check). */
export const machineDiagnostics = {
  onIgnored(message: string): void {
    console.error(message);
  },
};

export interface StatusStore {
  get(): WidgetStatus;
  set(status: WidgetStatus): void;
}

/**
 * Runs events through the table against `store`. `send` returns false (and changes nothing) for an event the current
 * status does not take; `onChange` hears every real change, never a no-op.
 */
export function createMachine(
  store: StatusStore,
  onChange: (status: WidgetStatus, previous: WidgetStatus, event: WidgetEvent) => void,
) {
  return {
    /** True when the current status takes `event`. */
    can: (event: WidgetEventType): boolean => nextStatus(store.get(), event) !== undefined,
    send(event: WidgetEvent): boolean {
      const previous = store.get();
      const status = nextStatus(previous, event.type);
      if (status === undefined) {
        if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production') {
          machineDiagnostics.onIgnored(`[kataven-widget] ignored event ${event.type} in status ${previous}`);
        }
        return false;
      }
      if (status !== previous) {
        store.set(status);
        onChange(status, previous, event);
      }
      return true;
    },
  };
}

export type Machine = ReturnType<typeof createMachine>;

/** The table as a Mermaid state diagram (docs/architecture.md embeds it; a test keeps the two equal). */
export function machineDiagram(): string {
  const lines = ['stateDiagram-v2', '  [*] --> idle'];
  for (const status of WIDGET_STATUSES) {
    const row = TRANSITIONS[status];
    // Every status takes `reset` and `failed`: drawn once as a note, not as twenty arrows.
    for (const event of WIDGET_EVENTS) {
      const next = row[event];
      if (next === undefined || event in always) continue;
      lines.push(`  ${status} --> ${next}: ${event}`);
    }
  }
  lines.push('  note right of error: from every status, reset leads to idle and failed to error');
  return lines.join('\n');
}
