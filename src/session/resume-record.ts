/**
 * The resume record (docs/protocol.md section 9): while a call is live, this tab keeps in `sessionStorage` (this tab,
 * this origin, one record per widget key) what the site's next page needs to take the call over, and nothing more.
 * The visitor's tokens stay in memory; the resume token is single use and worthless once the call ends.
 *
 * Storage can be missing or refuse (a sandboxed frame, blocked site data, a full quota): every function here then
 * does nothing and says so, and never throws. A record read back is checked field by field; one that does not fit,
 * or whose resume window has passed, is deleted, never trusted.
 */

export interface ResumeRecord {
  session_id: string;
  agent_id: string;
  /** The single-use token for `POST /widget/connect/resume` (the newest one the server handed out). */
  resume_token: string;
  /**
   * When the token stops working, in ms since the epoch. The server counts the resume window (`resume.expires_in`)
   * from the moment the page goes away, so the widget writes `resumeExpiry(expires_in)` again on `pagehide`.
   */
  expires_at: number;
  /** How the panel was, so the next page shows it the same way. */
  panel_open: boolean;
  muted: boolean;
}

/** The part of the Web Storage API this module uses (tests pass their own; null is none at all). */
export type RecordStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const KEY_PREFIX = 'kataven:resume:';
/** Ids and tokens are short; anything longer is not a record this widget wrote. */
const MAX_TEXT = 512;

/** This tab's sessionStorage, or null where there is none or reading it throws (blocked site data, opaque origin). */
function tabStorage(): RecordStorage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

const storageKey = (clientKey: string): string => KEY_PREFIX + clientKey;

/** The absolute expiry of a resume grant whose window (`expires_in`, seconds) starts now. */
export function resumeExpiry(expiresInSeconds: number, now = Date.now()): number {
  return now + Math.max(0, expiresInSeconds) * 1000;
}

/** Keeps the record for this key; false when storage is unavailable or refused it (the call goes on regardless). */
export function saveResumeRecord(
  clientKey: string,
  record: ResumeRecord,
  storage: RecordStorage | null = tabStorage(),
): boolean {
  const checked = checkResumeRecord(record);
  if (!storage || !checked) return false;
  try {
    storage.setItem(storageKey(clientKey), JSON.stringify(checked));
    return true;
  } catch {
    return false;
  }
}

/** The record for this key if there is a valid, unexpired one; any other record is deleted. */
export function readResumeRecord(
  clientKey: string,
  now = Date.now(),
  storage: RecordStorage | null = tabStorage(),
): ResumeRecord | null {
  if (!storage) return null;
  let raw: string | null;
  try {
    raw = storage.getItem(storageKey(clientKey));
  } catch {
    return null;
  }
  if (raw === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  const record = checkResumeRecord(parsed);
  if (record && record.expires_at > now) return record;
  deleteResumeRecord(clientKey, storage);
  return null;
}

/** Forgets the record for this key (the call ended for good, or was taken over elsewhere). */
export function deleteResumeRecord(clientKey: string, storage: RecordStorage | null = tabStorage()): void {
  try {
    storage?.removeItem(storageKey(clientKey));
  } catch {
    // Nothing stored can be removed either; there is nothing left to do.
  }
}

const isText = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_TEXT;

/** The record's own fields if every one fits (extra fields are dropped), else undefined. */
export function checkResumeRecord(value: unknown): ResumeRecord | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { session_id, agent_id, resume_token, expires_at, panel_open, muted } = value as Record<string, unknown>;
  if (!isText(session_id) || !isText(agent_id) || !isText(resume_token)) return undefined;
  if (typeof expires_at !== 'number' || !Number.isFinite(expires_at)) return undefined;
  if (typeof panel_open !== 'boolean' || typeof muted !== 'boolean') return undefined;
  return { session_id, agent_id, resume_token, expires_at, panel_open, muted };
}
