/**
 * A single-page app's route change: the element with a live call is removed and the next route's element added. The
 * removed element's whole state (its stores, its call) waits here for a moment, and a `<kataven-widget>` for the same
 * key, agent and visitor that connects meanwhile takes it over as it is, with no request and no new media. Unclaimed,
 * it is disposed as a removed element's state always was: the call hangs up.
 */
import type { WidgetState } from './widget-state.js';
import { IDENTITY_INPUTS, type WidgetInput } from './widget-stores.js';

/** How long a parked call waits for its next element (a route change mounts it in the same task). */
export const PARK_MS = 2000;

interface Parked {
  state: WidgetState;
  input: WidgetInput;
  timer: ReturnType<typeof setTimeout>;
}

/** At most one per key and agent: one live call each. */
const parked = new Map<string, Parked>();

const keyOf = (input: WidgetInput) => `${input.clientKey}\n${input.agentId}`;

function take(key: string): WidgetState | undefined {
  const entry = parked.get(key);
  parked.delete(key);
  clearTimeout(entry?.timer);
  return entry?.state;
}

/** A removed element's state: parked when its live call may follow the visitor (continuity on), else disposed. */
export function release(state: WidgetState): void {
  const input = state.actions.followingCall();
  if (!input) return state.actions.dispose();
  const key = keyOf(input);
  take(key)?.actions.dispose();
  parked.set(key, { state, input, timer: setTimeout(() => take(key)?.actions.dispose(), PARK_MS) });
}

/** The parked state of a call placed with the same key, agent and visitor as `input`, now the caller's. */
export function claim(input: WidgetInput): WidgetState | undefined {
  const key = keyOf(input);
  const entry = parked.get(key);
  return entry && IDENTITY_INPUTS.every((name) => entry.input[name] === input[name]) ? take(key) : undefined;
}
