/**
 * Schemas for the call-time endpoints (sessions, connect, captions). Kept apart from the config schema so that the
 * launcher's first load does not carry them: the client imports this module when a call is being set up.
 */
import * as z from 'zod/mini';

const optionalText = z.optional(z.nullable(z.string()));

/**
 * `POST /widget/signaling` (this project's addition): a standby Twilio token that opens the signaling socket on intent,
 * before any call, and places no call itself.
 */
export const SignalingResponse = z.object({
  twilio: z.object({
    token: z.string(),
    edge: optionalText,
    signaling_host: optionalText,
  }),
  expires_in: z.number(),
});
export type SignalingResponse = z.infer<typeof SignalingResponse>;

export const VisitorSessionResponse = z.object({
  token: z.string(),
  refresh_token: z.string(),
  expires_in: z.number(),
  agent_id: z.string(),
  visitor: z.object({
    id: z.string(),
    kind: z.enum(['guest', 'user']),
    display_name: optionalText,
  }),
  /**
   * (project) A standby signaling grant, as `/widget/signaling` answers, so the socket can open at once. Only a head
   * start: a malformed one is dropped, never a reason to refuse the visitor session.
   */
  signaling: z.optional(z.catch(z.optional(SignalingResponse), undefined)),
});
export type VisitorSessionResponse = z.infer<typeof VisitorSessionResponse>;

// `z.custom` with a small guard instead of z.array/z.record/z.union: those constructors would add ~1.7 KB (gzip) to
// the launcher's first load, because zod's core module is shared with the config schema.
const isText = (value: unknown): value is string => typeof value === 'string';
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Extra Twilio call parameters: a flat map of strings, passed through unchanged. */
const StringMap = z.custom<Record<string, string>>((value) => isObject(value) && Object.values(value).every(isText));

/** RTCIceServer[]: `urls` a string or strings; `username`/`credential` optional strings. */
const IceServers = z.custom<RTCIceServer[]>(
  (value) =>
    Array.isArray(value) &&
    value.every(
      (server) =>
        isObject(server) &&
        (isText(server.urls) || (Array.isArray(server.urls) && server.urls.every(isText))) &&
        (server.username === undefined || isText(server.username)) &&
        (server.credential === undefined || isText(server.credential)),
    ),
);

/** (project) Continuity: a single-use token that lets the site's next page take the live call over. */
export const ResumeGrant = z.object({ token: z.string(), expires_in: z.number() });
export type ResumeGrant = z.infer<typeof ResumeGrant>;

const TwilioGrant = z.object({
  token: z.string(),
  edge: optionalText,
  signaling_host: optionalText,
});

export const ConnectResponse = z.object({
  session_id: z.string(),
  twilio: TwilioGrant,
  ice_servers: z.optional(IceServers),
  params: z.optional(StringMap),
  /** Absent when continuity is off. Only a convenience: a malformed one is dropped, never a reason to fail the call. */
  resume: z.optional(z.catch(z.optional(ResumeGrant), undefined)),
});
export type ConnectResponse = z.infer<typeof ConnectResponse>;

export interface TranscriptLine {
  role: 'agent' | 'user';
  text: string;
}
/** The conversation so far, oldest first (`z.custom` for the reason above). */
const Transcript = z.custom<TranscriptLine[]>(
  (value) =>
    Array.isArray(value) &&
    value.every((line) => isObject(line) && (line.role === 'agent' || line.role === 'user') && isText(line.text)),
);

/**
 * (project) `POST /widget/connect/resume`: everything the next page needs to take the live call over. The visitor
 * session is new (the old page's token stayed in its memory); the Twilio grant names the same session.
 */
export const ResumeResponse = z.object({
  session_id: z.string(),
  visitor: z.object({ token: z.string(), refresh_token: z.string(), expires_in: z.number() }),
  twilio: TwilioGrant,
  ice_servers: z.optional(IceServers),
  params: z.optional(StringMap),
  resume: ResumeGrant,
  transcript: Transcript,
});
export type ResumeResponse = z.infer<typeof ResumeResponse>;

/** `POST /widget/connect/refresh`: a fresh Twilio token for a live call (this project's addition to the contract). */
export const CallTokenResponse = z.object({
  twilio: z.object({ token: z.string() }),
});

/** An answer whose body the widget does not read (`POST /widget/feedback` answers 204). */
export const NoContent = z.custom(() => true);
