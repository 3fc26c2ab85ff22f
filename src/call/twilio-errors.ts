import type { WidgetErrorCode } from '../api/errors.js';

const MIC_DENIED = new Set([31401, 31208]);
const MIC_UNAVAILABLE = new Set([31402, 31201]);
/** Signaling or media lost: the call is gone even though nobody hung up. */
const CONNECTION_LOST = new Set([31003, 31005, 31009, 53000, 53001, 53405]);
/** Twilio's access-token codes (20xxx as the SDK reports them, 312xx as signaling sends them). */
export const TOKEN_CODES = new Set([
  20101, 20102, 20103, 20104, 20105, 20106, 20107, 20151, 20157, 31202, 31204, 31205,
]);
export const TOKEN_EXPIRED = 20104;

/** Maps a Twilio error code to the widget's code; `wasConnected` separates a failed call from a dropped one. */
export function codeForTwilioError(code: number | undefined, wasConnected: boolean): WidgetErrorCode {
  if (code !== undefined) {
    if (MIC_DENIED.has(code)) return 'mic_denied';
    if (MIC_UNAVAILABLE.has(code)) return 'mic_unavailable';
    if (CONNECTION_LOST.has(code)) return wasConnected ? 'call_dropped' : 'call_failed';
  }
  // Token problems, hangups with a SIP-style error (31480, 31486, 31603, ...) and anything unknown.
  return wasConnected ? 'call_dropped' : 'call_failed';
}
