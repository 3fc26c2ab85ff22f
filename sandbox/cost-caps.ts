// The account's call limits, applied to /widget/connect. Texts are Kataven's documented 429 reasons.
import { HttpError } from './http';
import type { SandboxState } from './state';

/** A connect session that has not sent its invite yet still holds a concurrent slot for this long. */
const PENDING_SESSION_MS = 30_000;
const RATE_WINDOW_MS = 60_000;
const CONCURRENT_RETRY_AFTER_SECONDS = 30;

function startOfUtcDay(now: number): number {
  const day = new Date(now);
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
}

const secondsUntil = (at: number, now: number): number => Math.max(1, Math.ceil((at - now) / 1000));

export function checkCostCaps(state: SandboxState, accountId: string, now = state.now()): void {
  const limits = state.account(accountId).call_limits;
  const dayStart = startOfUtcDay(now);
  const nextDay = dayStart + 86_400_000;
  const sessions = [...state.sessions.values()].filter((session) => session.account_id === accountId);
  const calls = [...state.calls.values()].filter((call) => call.account_id === accountId);

  const liveCalls = calls.filter((call) => call.state !== 'closed').length;
  const pendingSessions = sessions.filter(
    (session) => session.call_sid === null && now - session.created_at < PENDING_SESSION_MS,
  ).length;
  if (liveCalls + pendingSessions >= limits.concurrent_max) {
    throw new HttpError(429, 'concurrent_limit', 'Concurrent call limit reached', CONCURRENT_RETRY_AFTER_SECONDS);
  }

  const recent = sessions.filter((session) => now - session.created_at < RATE_WINDOW_MS);
  if (recent.length >= limits.calls_per_minute) {
    const oldest = Math.min(now, ...recent.map((session) => session.created_at));
    throw new HttpError(429, 'rate_limit', 'Call rate limit', secondsUntil(oldest + RATE_WINDOW_MS, now));
  }

  const today = sessions.filter((session) => session.created_at >= dayStart).length;
  if (today >= limits.daily_calls_max) {
    throw new HttpError(429, 'daily_calls', 'Daily call limit reached', secondsUntil(nextDay, now));
  }

  const talkMs = calls.reduce((total, call) => {
    if (call.connected_at === null) return total;
    const from = Math.max(call.connected_at, dayStart);
    return total + Math.max(0, (call.ended_at ?? now) - from);
  }, 0);
  if (talkMs >= limits.daily_minutes_max * 60_000) {
    throw new HttpError(429, 'daily_minutes', 'Daily minute budget exhausted', secondsUntil(nextDay, now));
  }
}
