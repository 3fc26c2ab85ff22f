/**
 * Requests sent before the call code has loaded, so that they and the chunk downloads overlap; the call state then
 * takes their answers instead of sending its own (`forCalls`). Each is taken once.
 */
import type { ApiClient } from '../api/client.js';
import type { ResumeResponse, VisitorSessionResponse } from '../api/call-schemas.js';
import { type ResumeRecord, readResumeRecord, resumeExpiry, saveResumeRecord } from '../session/resume-record.js';

/** An early guest session older than this is not taken (its answer may be close to expiring). */
const GUEST_FRESH_MS = 60_000;

export function createEarlyRequests(api: () => ApiClient) {
  let guest: { agentId: string | undefined; response: Promise<VisitorSessionResponse>; at: number } | null = null;
  /** Null as the answer: not sent after all (another tab holds the call), so the call state sends its own. */
  let resume: { token: string; next?: string; response: Promise<ResumeResponse | null> } | null = null;

  return {
    /** The guest session, at a click or on intent (only for guests, once). */
    guest(agentId: string | undefined): void {
      if (guest) return;
      const response = api().startGuestSession(agentId);
      response.catch(() => undefined); // reported where the visitor session consumes it
      guest = { agentId, response, at: Date.now() };
    },

    /**
     * Continuity: taking over the call an earlier page of this tab left (docs/protocol.md section 9), beside the config
     * rather than after it: a round trip less before the call is back. Not while another tab holds the call
     * (`heldInATab`: a duplicated tab has a copy of that tab's record, and spending its token would take the call).
     * The answer's new token is kept at once, so a call that then waits for the visitor's click can still move on to
     * a next page.
     */
    resume(record: ResumeRecord, clientKey: string, heldInATab: () => Promise<boolean>): void {
      const token = record.resume_token;
      const response = heldInATab().then((held) => (held ? null : api().resumeCall(token, { url: location.href })));
      const sent: NonNullable<typeof resume> = { token, response };
      resume = sent;
      response.then(
        (answer) => {
          if (!answer?.resume || readResumeRecord(clientKey)?.resume_token !== token) return;
          const { token: next, expires_in } = answer.resume;
          // The record now names the new token, and so may the call state's resume: it is this answer's all the same.
          sent.next = next;
          saveResumeRecord(clientKey, { ...record, resume_token: next, expires_at: resumeExpiry(expires_in) });
        },
        () => undefined, // reported where the call state consumes it
      );
    },

    /** The API the call state uses: its first guest sign-in, or resume, takes the early answer when there is one. */
    forCalls(): ApiClient {
      const client = api();
      return {
        ...client,
        startGuestSession(agentId, signal) {
          const early = guest;
          guest = null;
          const fresh = early && agentId === early.agentId && Date.now() - early.at < GUEST_FRESH_MS;
          return fresh ? early.response : client.startGuestSession(agentId, signal);
        },
        async resumeCall(resumeToken, pageContext, signal) {
          const early = resume;
          resume = null;
          const ours = early && (early.token === resumeToken || early.next === resumeToken);
          const answer = ours ? await early.response : null;
          return answer ?? client.resumeCall(resumeToken, pageContext, signal);
        },
      };
    },

    /** Forgets both (a new identity, or disposed). */
    clear(): void {
      guest = null;
      resume = null;
    },
  };
}
