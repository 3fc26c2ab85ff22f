// Limits on the public auth endpoints (guest, exchange, refresh): a sliding one-minute window per widget key and
// page origin, and the purge of grants that can no longer be used. Without them a script minting guests grows the
// sandbox's memory for a day (each refresh grant lives as long as refresh_token_ttl_seconds).
import { HttpError } from './http';
import type { SandboxState } from './state';

const WINDOW_MS = 60_000;
/** Expired grants are swept at most this often, so a burst of requests does not rescan the maps each time. */
const PURGE_EVERY_MS = 60_000;
/** A grant stays this long past its expiry, so a late request still hears "has expired", not "unknown". */
const EXPIRED_GRACE_MS = 60_000;

export class AuthLimits {
  /** Request times in the current window, per `keyId origin`. */
  private readonly windows = new Map<string, number[]>();
  private lastPurge = 0;

  constructor(private readonly state: SandboxState) {}

  /** Counts one auth request for this key and origin, or refuses it with 429 `rate_limited` and Retry-After. */
  admit(keyId: string, origin: string): void {
    const now = this.state.now();
    this.purgeExpired(now);
    const bucket = `${keyId} ${origin}`;
    const recent = (this.windows.get(bucket) ?? []).filter((at) => now - at < WINDOW_MS);
    if (recent.length >= this.state.settings.auth_requests_per_minute) {
      this.windows.set(bucket, recent);
      const retryAfter = Math.max(1, Math.ceil(((recent[0] ?? now) + WINDOW_MS - now) / 1000));
      throw new HttpError(429, 'rate_limited', 'too many auth requests for this key and origin', retryAfter);
    }
    recent.push(now);
    this.windows.set(bucket, recent);
  }

  /** Drops refresh grants and user tokens expired for over a minute, and windows that have gone quiet. */
  purgeExpired(now = this.state.now()): void {
    if (now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    const cutoff = now - EXPIRED_GRACE_MS;
    for (const [token, grant] of this.state.refreshGrants)
      if (grant.expires_at <= cutoff) this.state.refreshGrants.delete(token);
    for (const [token, grant] of this.state.userTokens)
      if (grant.expires_at <= cutoff) this.state.userTokens.delete(token);
    for (const [bucket, times] of this.windows) {
      if (times.every((at) => now - at >= WINDOW_MS)) this.windows.delete(bucket);
    }
  }
}
