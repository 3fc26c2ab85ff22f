/**
 * The Kataven Widget API client: one `fetch` per call, `credentials: "omit"`, an AbortSignal and a timeout on each,
 * and every failure mapped to one WidgetError. GETs are retried once on 5xx/network errors; POSTs never are,
 * because the platform's POSTs are not idempotent (docs/protocol.md sections 3 and 4).
 */
import { WidgetError, type WidgetErrorCode, isAbortError } from './errors.js';
import type * as CallSchemaModule from './call-schemas.js';
import type { ConnectResponse, ResumeResponse, SignalingResponse, VisitorSessionResponse } from './call-schemas.js';
import type { ResponseSchema } from './response-schema.js';
import { WidgetConfigResponse } from './schemas.js';

/**
 * The schemas of the call-time answers. They load with the first call-time request (in parallel with it), keeping them
 * out of the launcher's first load.
 */
export type CallSchemas = Pick<
  typeof CallSchemaModule,
  'VisitorSessionResponse' | 'ConnectResponse' | 'SignalingResponse' | 'NoContent' | 'CallTokenResponse'
> &
  /**
   * Needed by `resumeCall` only, so optional until the widget's call chunk (the provider it passes) carries it; a
   * provider without it makes `resumeCall` fail with a clear message rather than load a second copy of the schemas.
   */
  Partial<Pick<typeof CallSchemaModule, 'ResumeResponse'>>;

export const DEFAULT_API_BASE = 'https://api.kataven.ai/v1';

/**
 * The largest answer the widget reads. A real config or session answer is about 1 KB; anything near this is a broken
 * or hostile server, and parsing megabytes on every page view of a customer site is the host page's time.
 */
export const MAX_RESPONSE_BYTES = 64 * 1024;

export interface ApiClientOptions {
  apiBase?: string;
  clientKey: string;
  /** Defaults to the global `fetch`, looked up on every call (so tests and polyfills can replace it). */
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Answers larger than this are refused as `invalid_response` (default {@link MAX_RESPONSE_BYTES}). */
  maxResponseBytes?: number;
}

export type ApiClient = ReturnType<typeof createApiClientWith>;

/** Server codes (the first word of a plain-text error body) and the widget code each becomes. */
const CODE_BY_SERVER_CODE: Readonly<Record<string, WidgetErrorCode>> = {
  invalid_key: 'invalid_key',
  missing_client_key: 'invalid_key',
  origin_not_allowed: 'origin_not_allowed',
  key_disabled: 'key_disabled',
  agent_not_found: 'agent_not_found',
  agent_not_active: 'agent_not_active',
  widget_disabled: 'widget_disabled',
  sign_in_required: 'sign_in_required',
  invalid_user_token: 'sign_in_required',
  rate_limited: 'rate_limited',
  concurrent_limit: 'cost_cap',
  rate_limit: 'cost_cap',
  daily_calls: 'cost_cap',
  daily_minutes: 'cost_cap',
  resume_expired: 'resume_expired',
};

const CODE_BY_STATUS: Readonly<Record<number, WidgetErrorCode>> = {
  401: 'invalid_key',
  403: 'origin_not_allowed',
  404: 'agent_not_found',
  409: 'agent_not_active',
  429: 'rate_limited',
};

/** Turns a non-2xx response into a WidgetError, reading the code from the plain-text body first. */
export function errorFromResponse(status: number, body: string, retryAfter: string | null): WidgetError {
  const serverCode = /^\s*([a-z][a-z0-9_]*)/.exec(body)?.[1] ?? '';
  const code = CODE_BY_SERVER_CODE[serverCode] ?? CODE_BY_STATUS[status] ?? 'server_error';
  const retryAfterSeconds = parseRetryAfter(retryAfter);
  return new WidgetError(code, `HTTP ${status}: ${body.slice(0, 200) || '(empty body)'}`, {
    status,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  });
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

interface RequestSpec<T> {
  method: 'GET' | 'POST';
  path: string;
  /** A promise for the lazily loaded call-time schemas: awaited only after the answer, so it never delays the request. */
  schema: ResponseSchema<T> | Promise<ResponseSchema<T>>;
  body?: unknown;
  bearer?: string;
  signal?: AbortSignal | undefined;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  return createApiClientWith(() => import('./call-schemas.js'), options);
}

/**
 * The client, taking its call-time schemas from `callSchemas`. The widget passes its call code's chunk, which carries
 * them: that chunk then has a single way in, and loads with nothing else to wait for (see vite.config.ts).
 */
export function createApiClientWith(callSchemas: () => Promise<CallSchemas>, options: ApiClientOptions) {
  const apiBase = (options.apiBase || DEFAULT_API_BASE).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;

  async function attempt<T>(spec: RequestSpec<T>): Promise<T> {
    // Awaited after the answer; until then a failed schema import must not count as an unhandled rejection.
    if (spec.schema instanceof Promise) spec.schema.catch(() => undefined);
    const timeout = linkedTimeout(spec.signal, timeoutMs);
    const headers: Record<string, string> = {};
    if (spec.body !== undefined) headers['Content-Type'] = 'application/json';
    if (spec.bearer) headers.Authorization = `Bearer ${spec.bearer}`;
    let response: Response;
    let body: BoundedText;
    try {
      const doFetch = options.fetch ?? globalThis.fetch;
      response = await doFetch(apiBase + spec.path, {
        method: spec.method,
        headers,
        credentials: 'omit',
        mode: 'cors',
        cache: 'no-store',
        signal: timeout.signal,
        ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
      });
      body = await readBounded(response, maxBytes);
    } catch (error) {
      if (spec.signal?.aborted) throw spec.signal.reason ?? error;
      const timedOut = timeout.timedOut();
      throw new WidgetError('network', timedOut ? `${spec.path} timed out` : `${spec.path}: ${String(error)}`, {
        cause: error,
      });
    } finally {
      timeout.dispose();
    }
    const text = body.text;
    // An error's code is its body's first word, so a truncated error body still says what went wrong.
    if (!response.ok) throw errorFromResponse(response.status, text, response.headers.get('Retry-After'));
    if (body.truncated) {
      throw new WidgetError('invalid_response', `${spec.path}: the answer is larger than ${maxBytes} bytes`);
    }
    let json: unknown;
    try {
      // An empty body (204 No Content) reads as null; only schemas that expect nothing accept it.
      json = JSON.parse(text || 'null');
    } catch (error) {
      throw new WidgetError('invalid_response', `${spec.path}: body is not JSON`, { cause: error });
    }
    let schema: ResponseSchema<T>;
    try {
      schema = await spec.schema;
    } catch (error) {
      throw new WidgetError('network', `${spec.path}: could not load the response schema`, { cause: error });
    }
    // jitless: each answer is parsed once or twice per page view, so zod compiling a fast parser per object shape
    // (`new Function`, on the host page's main thread) costs more than it saves.
    const parsed = schema.safeParse(json, { jitless: true });
    if (!parsed.success) {
      const where = parsed.error.issues.map((issue) => issue.path.map(String).join('.') || '(root)').join(', ');
      throw new WidgetError('invalid_response', `${spec.path}: unexpected response shape at ${where}`, {
        cause: parsed.error,
      });
    }
    return parsed.data;
  }

  async function request<T>(spec: RequestSpec<T>): Promise<T> {
    if (spec.method !== 'GET') return attempt(spec);
    try {
      return await attempt(spec);
    } catch (error) {
      const transient = error instanceof WidgetError && (error.code === 'network' || error.code === 'server_error');
      if (!transient || isAbortError(error) || spec.signal?.aborted) throw error;
      await delay(250 + Math.random() * 250, spec.signal);
      return attempt(spec);
    }
  }

  const clientKey = options.clientKey;
  return {
    apiBase,
    getConfig(agentId: string | undefined, signal?: AbortSignal) {
      const query = new URLSearchParams({ client_key: clientKey });
      if (agentId) query.set('agent_id', agentId);
      return request({ method: 'GET', path: `/widget/config?${query}`, schema: WidgetConfigResponse, signal });
    },
    async startGuestSession(agentId: string | undefined, signal?: AbortSignal): Promise<VisitorSessionResponse> {
      const body = agentId ? { client_key: clientKey, agent_id: agentId } : { client_key: clientKey };
      const schema = callSchemas().then((schemas) => schemas.VisitorSessionResponse);
      return request({ method: 'POST', path: '/widget/auth/guest', schema, body, signal });
    },
    async exchangeUserToken(
      userToken: string,
      agentId: string | undefined,
      signal?: AbortSignal,
    ): Promise<VisitorSessionResponse> {
      // Like the guest session, the agent decides the visitor's policy; an unpinned key cannot do without it.
      const body = agentId
        ? { client_key: clientKey, user_token: userToken, agent_id: agentId }
        : { client_key: clientKey, user_token: userToken };
      const schema = callSchemas().then((schemas) => schemas.VisitorSessionResponse);
      return request({ method: 'POST', path: '/widget/auth/exchange', schema, body, signal });
    },
    async refreshSession(refreshToken: string, signal?: AbortSignal): Promise<VisitorSessionResponse> {
      const body = { refresh_token: refreshToken };
      const schema = callSchemas().then((schemas) => schemas.VisitorSessionResponse);
      return request({ method: 'POST', path: '/widget/auth/refresh', schema, body, signal });
    },
    async connect(
      visitorToken: string,
      agentId: string,
      signal?: AbortSignal,
      context?: Readonly<Record<string, string | number | boolean | null>>,
    ): Promise<ConnectResponse> {
      const body = context ? { agent_id: agentId, context } : { agent_id: agentId };
      const schema = callSchemas().then((schemas) => schemas.ConnectResponse);
      return request({ method: 'POST', path: '/widget/connect', schema, body, bearer: visitorToken, signal });
    },
    /** A standby signaling grant for the visitor (docs/protocol.md section 4): no session, no call, no cap. */
    async requestSignaling(visitorToken: string, agentId: string, signal?: AbortSignal): Promise<SignalingResponse> {
      const schema = callSchemas().then((schemas) => schemas.SignalingResponse);
      const body = { agent_id: agentId };
      return request({ method: 'POST', path: '/widget/signaling', schema, body, bearer: visitorToken, signal });
    },
    /** docs/protocol.md section 8: the visitor's rating of an ended call (204, no body). */
    async sendFeedback(
      visitorToken: string,
      body: { session_id: string; rating: 'up' | 'down'; comment?: string },
    ): Promise<void> {
      const schema = (await callSchemas()).NoContent;
      await request({ method: 'POST', path: '/widget/feedback', schema, body, bearer: visitorToken });
    },
    /**
     * Continuity (docs/protocol.md section 9): the live call this tab's previous page left, taken over on this one.
     * No bearer: the single-use resume token is the credential, and only the origin that started the call may use it.
     * A token that is spent, expired or whose call ended is the error `resume_expired`.
     */
    async resumeCall(
      resumeToken: string,
      pageContext?: Readonly<Record<string, string | number | boolean | null>>,
      signal?: AbortSignal,
    ): Promise<ResumeResponse> {
      const body = pageContext
        ? { resume_token: resumeToken, page_context: pageContext }
        : { resume_token: resumeToken };
      const schema = callSchemas().then((schemas) => {
        if (!schemas.ResumeResponse) throw new Error('the call-time schemas do not include ResumeResponse');
        return schemas.ResumeResponse;
      });
      return request({ method: 'POST', path: '/widget/connect/resume', schema, body, signal });
    },
    async refreshCallToken(visitorToken: string, sessionId: string, signal?: AbortSignal) {
      const body = { session_id: sessionId };
      const schema = callSchemas().then((schemas) => schemas.CallTokenResponse);
      return request({ method: 'POST', path: '/widget/connect/refresh', schema, body, bearer: visitorToken, signal });
    },
  };
}

interface BoundedText {
  text: string;
  /** The body was larger than the limit: `text` holds only its start, and the rest was never downloaded. */
  truncated: boolean;
}

/**
 * Reads at most `limit` bytes of a body: refused on a too-large Content-Length before reading anything, otherwise
 * streamed with a byte counter and cancelled at the limit (a server may lie about, or omit, its length).
 */
async function readBounded(response: Response, limit: number): Promise<BoundedText> {
  const declared = Number(response.headers.get('Content-Length') ?? NaN);
  if (declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    return { text: '', truncated: true };
  }
  const reader = response.body?.getReader();
  if (!reader) return { text: '', truncated: false };
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode(), truncated: false };
    bytes += value.byteLength;
    if (bytes > limit) {
      await reader.cancel().catch(() => undefined);
      return { text: text + decoder.decode(value.subarray(0, value.byteLength - (bytes - limit))), truncated: true };
    }
    text += decoder.decode(value, { stream: true });
  }
}

/** An AbortSignal that fires when `parent` aborts or after `ms`, whichever comes first. */
function linkedTimeout(parent: AbortSignal | undefined, ms: number) {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(parent?.reason);
  parent?.addEventListener('abort', onAbort, { once: true });
  if (parent?.aborted) controller.abort(parent.reason);
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException('timed out', 'TimeoutError'));
  }, ms);
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onAbort);
    },
  };
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
