// Visitor JWTs (what the widget presents to /connect) and Twilio access tokens (what the Twilio SDK presents
// on /signal). Both HS256 with jose; each has its own secret, as in production.
import { errors, jwtVerify, SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import { HttpError } from './http';
import type { VisitorKind } from './state';
import { checkContext, type AgentContext } from '../src/api/context-rules';

export interface VisitorClaims {
  visitor_id: string;
  kind: VisitorKind;
  display_name: string | null;
  account_id: string;
  agent_id: string;
  key_id: string;
  /** Signed context, carried in the token as the `ctx` claim. */
  signed_context?: AgentContext;
}

const FAKE_ACCOUNT_SID = `AC${'0'.repeat(32)}`;
const FAKE_API_KEY_SID = `SK${'0'.repeat(32)}`;
const FAKE_APP_SID = `AP${'0'.repeat(32)}`;

export class TokenAuthority {
  private readonly visitorSecret: Uint8Array;
  private readonly twilioSecret = new Uint8Array(randomBytes(32));

  /** `now`: the sandbox's clock (tests inject one), for `iat`/`exp` and for checking them. */
  constructor(
    jwtSecret: string | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.visitorSecret = jwtSecret ? new TextEncoder().encode(jwtSecret) : new Uint8Array(randomBytes(32));
  }

  private nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  async mintVisitorToken(claims: VisitorClaims, ttlSeconds: number): Promise<string> {
    return new SignJWT({
      kind: claims.kind,
      name: claims.display_name,
      acc: claims.account_id,
      agent: claims.agent_id,
      kid: claims.key_id,
      ...(claims.signed_context ? { ctx: claims.signed_context } : {}),
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.visitor_id)
      .setIssuer('kataven-sandbox')
      .setIssuedAt(this.nowSeconds())
      .setExpirationTime(this.nowSeconds() + ttlSeconds)
      .sign(this.visitorSecret);
  }

  /** Verifies a visitor JWT or throws 401 `invalid_token` / `token_expired`. */
  async verifyVisitorToken(token: string | undefined): Promise<VisitorClaims> {
    if (!token) throw new HttpError(401, 'invalid_token', 'missing Bearer visitor token');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.visitorSecret, {
        issuer: 'kataven-sandbox',
        algorithms: ['HS256'],
        currentDate: new Date(this.now()),
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new HttpError(401, 'token_expired', 'visitor token has expired');
      throw new HttpError(401, 'invalid_token', 'visitor token is not valid');
    }
    const { sub, kind, name, acc, agent, kid, ctx } = payload;
    if (
      typeof sub !== 'string' ||
      (kind !== 'guest' && kind !== 'user') ||
      typeof acc !== 'string' ||
      typeof agent !== 'string' ||
      typeof kid !== 'string'
    ) {
      throw new HttpError(401, 'invalid_token', 'visitor token lacks sandbox claims');
    }
    return {
      visitor_id: sub,
      kind,
      display_name: typeof name === 'string' ? name : null,
      account_id: acc,
      agent_id: agent,
      key_id: kid,
      ...(ctx === undefined ? {} : { signed_context: checkContext(ctx).context }),
    };
  }

  /**
   * A token in Twilio's AccessToken format (cty twilio-fpa;v=1, voice grant), as notes §5 describes. A call token
   * names its connect session in the outgoing params; a standby token (`sessionId` null) names none, so it opens the
   * signaling socket but places no call.
   */
  async mintTwilioToken(identity: string, sessionId: string | null, ttlSeconds: number): Promise<string> {
    const issuedAt = this.nowSeconds();
    const outgoing = {
      application_sid: FAKE_APP_SID,
      ...(sessionId === null ? {} : { params: { session_id: sessionId } }),
    };
    return new SignJWT({ grants: { identity, voice: { outgoing } } })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' })
      .setJti(`${FAKE_API_KEY_SID}-${issuedAt}`)
      .setIssuer(FAKE_API_KEY_SID)
      .setSubject(FAKE_ACCOUNT_SID)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ttlSeconds)
      .sign(this.twilioSecret);
  }

  /** Verifies a Twilio token the way Twilio's edge would, answering with its signaling error codes. */
  async verifyTwilioToken(token: unknown): Promise<TwilioTokenCheck> {
    if (typeof token !== 'string' || token.split('.').length !== 3) {
      return { ok: false, code: 31204, message: 'JWT is invalid' };
    }
    try {
      const { payload } = await jwtVerify(token, this.twilioSecret, {
        algorithms: ['HS256'],
        currentDate: new Date(this.now()),
      });
      const grants = payload['grants'] as {
        identity?: unknown;
        voice?: { outgoing?: { params?: { session_id?: unknown } } };
      };
      if (typeof grants?.identity !== 'string' || typeof payload.exp !== 'number') {
        return { ok: false, code: 31204, message: 'JWT is invalid: no identity grant' };
      }
      const sessionId = grants.voice?.outgoing?.params?.session_id;
      return {
        ok: true,
        identity: grants.identity,
        sessionId: typeof sessionId === 'string' ? sessionId : null,
        ttlSeconds: Math.max(0, payload.exp - this.nowSeconds()),
      };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, code: 31205, message: 'JWT token expired' };
      if (error instanceof errors.JWSSignatureVerificationFailed) {
        return { ok: false, code: 31202, message: 'JWT signature validation failed' };
      }
      return { ok: false, code: 31204, message: 'JWT is invalid' };
    }
  }
}

export type TwilioTokenCheck =
  | { ok: true; identity: string; sessionId: string | null; ttlSeconds: number }
  | { ok: false; code: number; message: string };
