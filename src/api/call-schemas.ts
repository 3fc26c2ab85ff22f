/**
 * Schemas for the call-time endpoints (sessions, connect, captions). Kept apart from the config schema so that the
 * launcher's first load does not carry them: the client imports this module when a call is being set up.
 */
import * as z from 'zod/mini';

const optionalText = z.optional(z.nullable(z.string()));

export const VisitorSessionResponse = z.object({
  token: z.string().check(z.minLength(1)),
  refresh_token: z.string().check(z.minLength(1)),
  expires_in: z.number().check(z.positive()),
  agent_id: z.string().check(z.minLength(1)),
  visitor: z.object({
    id: z.string(),
    kind: z.enum(['guest', 'user']),
    display_name: optionalText,
  }),
});
export type VisitorSessionResponse = z.infer<typeof VisitorSessionResponse>;

const IceServer = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.optional(z.string()),
  credential: z.optional(z.string()),
});

export const ConnectResponse = z.object({
  session_id: z.string().check(z.minLength(1)),
  twilio: z.object({
    token: z.string().check(z.minLength(1)),
    edge: optionalText,
    signaling_host: optionalText,
  }),
  ice_servers: z._default(z.array(IceServer), []),
  params: z._default(z.record(z.string(), z.string()), {}),
});
export type ConnectResponse = z.infer<typeof ConnectResponse>;

/** `POST /widget/connect/refresh`: a fresh Twilio token for a live call (this project's addition to the contract). */
export const CallTokenResponse = z.object({
  twilio: z.object({ token: z.string().check(z.minLength(1)) }),
});

/** Captions the agent sends as Twilio user-defined messages. */
export const CaptionMessage = z.object({
  role: z.enum(['agent', 'user']),
  text: z.string().check(z.maxLength(2000)),
  final: z._default(z.boolean(), true),
});
export type CaptionMessage = z.infer<typeof CaptionMessage>;
