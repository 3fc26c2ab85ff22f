/**
 * The visitor session: a guest session, or an exchanged user token for authenticated visitors
 * (docs/protocol.md section 3). The token lives in memory only. Concurrent callers share one in-flight request; while a
 * call holds the session (`keepFresh`), it is refreshed before it expires.
 */
import type { ApiClient } from '../api/client.js';
import { WidgetError } from '../api/errors.js';
import type { SignalingResponse, VisitorSessionResponse } from '../api/call-schemas.js';

/** A visitor token as the server hands it out (the guest session's answer, or a resume's). */
type VisitorToken = Pick<VisitorSessionResponse, 'token' | 'refresh_token' | 'expires_in'>;

export interface VisitorSessionOptions {
  api: Pick<ApiClient, 'startGuestSession' | 'exchangeUserToken' | 'refreshSession'>;
  /** The agent the page asked for; a key pinned to another agent wins (the server decides). */
  agentId?: string | undefined;
  /** Reads the page's current `userToken` property (a 5-minute, single-use token from the customer's backend). */
  userToken?: () => string | undefined;
  /** Mints a fresh user token on demand: preferred over `userToken` once that has been used. */
  userTokenProvider?: (() => Promise<string>) | undefined;
  now?: () => number;
}

interface CurrentToken {
  token: string;
  refreshToken: string;
  /** Epoch ms after which the token should no longer be handed out. */
  staleAt: number;
  /** Epoch ms when a held session refreshes proactively. */
  refreshAt: number;
}

export type Visitor = VisitorSessionResponse['visitor'];

export class VisitorSession {
  #options: VisitorSessionOptions;
  #now: () => number;
  #current: CurrentToken | null = null;
  #inflight: Promise<string> | null = null;
  #usedUserToken: string | undefined;
  #holders = 0;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  #lifetime = new AbortController();
  #agentId: string | undefined;
  #visitor: Visitor | undefined;
  #signaling: { grant: SignalingResponse; expiresAt: number } | null = null;

  constructor(options: VisitorSessionOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#agentId = options.agentId;
  }

  /** The agent the server resolved (a pinned key wins), once a session exists. */
  get agentId(): string | undefined {
    return this.#agentId;
  }

  get visitor(): Visitor | undefined {
    return this.#visitor;
  }

  /** True when this session authenticates a signed-in visitor rather than a guest. */
  get isAuthenticated(): boolean {
    return Boolean(this.#options.userTokenProvider || this.#options.userToken?.());
  }

  /**
   * The standby signaling grant that came with the latest session answer (docs/protocol.md section 3), once: a socket
   * is opened with it at most once. Its `expires_in` is what is left of it now; null when there was none or it is
   * about to expire.
   */
  takeSignalingGrant(): SignalingResponse | null {
    const signaling = this.#signaling;
    this.#signaling = null;
    const leftMs = signaling ? signaling.expiresAt - this.#now() : 0;
    return signaling && leftMs > 30_000 ? { ...signaling.grant, expires_in: leftMs / 1000 } : null;
  }

  /** A valid visitor token; shares the in-flight request with concurrent callers. */
  getToken(signal?: AbortSignal): Promise<string> {
    const current = this.#current;
    if (current && this.#now() < current.staleAt) return Promise.resolve(current.token);
    this.#inflight ??= this.#obtain().finally(() => {
      this.#inflight = null;
    });
    return raceAbort(this.#inflight, signal);
  }

  /**
   * Continuity: the visitor session `/widget/connect/resume` answered for a call taken over from an earlier page
   * (the old page's tokens went with its memory). Used like one this session signed in for.
   */
  adopt(visitor: VisitorToken): void {
    this.#keep(visitor, this.#now());
    this.#schedule();
  }

  /** Forget the current token (the server said 401), so the next `getToken` refreshes. */
  invalidate(): void {
    if (this.#current) this.#current.staleAt = 0;
  }

  /** Keeps the token fresh until the returned release function is called (used while a call is live). */
  keepFresh(): () => void {
    this.#holders += 1;
    this.#schedule();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#holders -= 1;
      if (this.#holders === 0) clearTimeout(this.#refreshTimer);
    };
  }

  dispose(): void {
    this.#lifetime.abort(new DOMException('session disposed', 'AbortError'));
    clearTimeout(this.#refreshTimer);
    this.#current = null;
    this.#signaling = null;
    this.#holders = 0;
  }

  async #obtain(): Promise<string> {
    const signal = this.#lifetime.signal;
    const refreshToken = this.#current?.refreshToken;
    let response: VisitorSessionResponse | undefined;
    if (refreshToken) {
      try {
        response = await this.#options.api.refreshSession(refreshToken, signal);
      } catch (error) {
        // An expired or rotated refresh token is not fatal: sign in again below. Anything else is.
        if (!(error instanceof WidgetError) || error.status !== 400) throw error;
      }
    }
    response ??= await this.#signIn(signal);
    this.#accept(response);
    return response.token;
  }

  async #signIn(signal: AbortSignal): Promise<VisitorSessionResponse> {
    const userToken = await this.#nextUserToken();
    if (userToken) return this.#options.api.exchangeUserToken(userToken, this.#agentId, signal);
    return this.#options.api.startGuestSession(this.#agentId, signal);
  }

  /** User tokens are single use: take the page's token once, then ask the provider for new ones. */
  async #nextUserToken(): Promise<string | undefined> {
    const given = this.#options.userToken?.();
    if (given && given !== this.#usedUserToken) {
      this.#usedUserToken = given;
      return given;
    }
    const provider = this.#options.userTokenProvider;
    if (provider) {
      let token: string;
      try {
        token = await provider();
      } catch (error) {
        throw new WidgetError('sign_in_required', 'userTokenProvider failed', { cause: error });
      }
      if (typeof token !== 'string' || !token) {
        throw new WidgetError('sign_in_required', 'userTokenProvider returned no token');
      }
      return token;
    }
    if (given) throw new WidgetError('sign_in_required', 'the user token was already used; set a new one');
    return undefined;
  }

  #accept(response: VisitorSessionResponse): void {
    const now = this.#now();
    this.#keep(response, now);
    this.#agentId = response.agent_id;
    this.#visitor = response.visitor;
    const grant = response.signaling;
    this.#signaling = grant ? { grant, expiresAt: now + grant.expires_in * 1000 } : null;
    this.#schedule();
  }

  /** Holds `visitor` as the current token: stale a little before it expires, refreshed a little before that. */
  #keep(visitor: VisitorToken, now: number): void {
    const ttlMs = visitor.expires_in * 1000;
    this.#current = {
      token: visitor.token,
      refreshToken: visitor.refresh_token,
      staleAt: now + ttlMs - Math.min(30_000, ttlMs * 0.2),
      refreshAt: now + ttlMs - Math.min(60_000, ttlMs * 0.3),
    };
  }

  #schedule(): void {
    clearTimeout(this.#refreshTimer);
    const current = this.#current;
    if (this.#holders === 0 || !current) return;
    const wait = Math.max(0, current.refreshAt - this.#now());
    this.#refreshTimer = setTimeout(() => {
      this.invalidate();
      // A failed background refresh is retried by the next getToken(); never an unhandled rejection.
      this.getToken().catch(() => undefined);
    }, wait);
  }
}

/** Resolves like `promise`, but rejects early with the signal's reason when `signal` aborts. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
