/**
 * A fake Kataven API behind `window.fetch`: routes answer like the real server (plain-text errors, JSON bodies), and
 * every request is recorded so tests can assert what went over the wire.
 */
import { AVA_CONFIG } from '../fixtures/ava-config.js';

export interface FakeResponse {
  status?: number;
  /** A string is sent as-is (plain-text errors, malformed JSON); anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Reject like a network failure instead of answering. */
  networkError?: boolean;
  delayMs?: number;
}

export interface RecordedRequest {
  method: string;
  url: URL;
  path: string;
  body: unknown;
  headers: Headers;
  credentials: RequestCredentials | undefined;
  /** True once the caller has read the answer's body to its end: the positive signal that it got the answer. */
  answerRead: boolean;
}

type Handler = (request: RecordedRequest) => FakeResponse | Promise<FakeResponse>;

export const API_BASE = 'https://api.kataven.test/v1';
export const DEMO_KEY = 'pk_live_acme_demo0000000000';

export function configBody(
  overrides: {
    agent?: Record<string, unknown>;
    branding?: Record<string, unknown>;
    policy?: Record<string, unknown>;
  } = {},
) {
  return {
    agent: { ...AVA_CONFIG.agent, ...overrides.agent },
    branding: { ...AVA_CONFIG.branding, ...overrides.branding },
    policy: { ...AVA_CONFIG.policy, ...overrides.policy },
  };
}

export function sessionBody(kind: 'guest' | 'user' = 'guest', token = `jwt-${kind}-1`, expiresIn = 900) {
  return {
    token,
    refresh_token: `refresh-${token}`,
    expires_in: expiresIn,
    agent_id: 'agent_ava',
    visitor: { id: `v_${kind}`, kind, display_name: null },
  };
}

export const connectBody = {
  session_id: 'sess_1',
  twilio: { token: 'twilio-token-1', edge: 'local', signaling_host: '127.0.0.1:8443' },
  ice_servers: [],
  params: { agent_id: 'agent_ava', session_id: 'sess_1' },
};

export const signalingBody = {
  twilio: { token: 'twilio-standby-1', edge: 'local', signaling_host: '127.0.0.1:8443' },
  expires_in: 600,
};

export class FakeServer {
  readonly requests: RecordedRequest[] = [];
  #routes = new Map<string, Handler>();
  #original: typeof fetch | null = null;

  constructor() {
    this.on('GET /widget/config', () => ({ body: configBody() }));
    this.on('POST /widget/auth/guest', () => ({ body: sessionBody('guest') }));
    this.on('POST /widget/auth/exchange', () => ({ body: sessionBody('user') }));
    this.on('POST /widget/auth/refresh', () => ({ body: sessionBody('guest', 'jwt-guest-2') }));
    this.on('POST /widget/connect', () => ({ body: connectBody }));
    this.on('POST /widget/connect/refresh', () => ({ body: { twilio: { token: 'twilio-token-2' } } }));
    this.on('POST /widget/signaling', () => ({ body: signalingBody }));
    this.on('POST /widget/feedback', () => ({ status: 204 }));
  }

  /** Replaces the handler for `"METHOD /path"` (path below the API base, without the query). */
  on(route: string, handler: Handler | FakeResponse): this {
    this.#routes.set(route, typeof handler === 'function' ? handler : () => handler);
    return this;
  }

  /** Answers the next `count` requests to `route` with `response`, then falls back to the previous handler. */
  once(route: string, response: FakeResponse, count = 1): this {
    const previous = this.#routes.get(route);
    let left = count;
    return this.on(route, (request) => {
      if (left-- > 0) return response;
      return previous ? previous(request) : { status: 404, body: 'not_found' };
    });
  }

  requestsTo(route: string): RecordedRequest[] {
    return this.requests.filter((request) => `${request.method} ${request.path}` === route);
  }

  install(): this {
    this.#original = window.fetch;
    window.fetch = (input, init) => this.#handle(input, init);
    return this;
  }

  restore(): void {
    if (this.#original) window.fetch = this.#original;
    this.#original = null;
  }

  async #handle(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const path = url.pathname.replace(new URL(API_BASE).pathname, '');
    const method = (init.method ?? 'GET').toUpperCase();
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const request: RecordedRequest = {
      method,
      url,
      path,
      body,
      headers: new Headers(init.headers),
      credentials: init.credentials,
      answerRead: false,
    };
    this.requests.push(request);
    const handler = this.#routes.get(`${method} ${path}`);
    const response = handler ? await handler(request) : { status: 404, body: 'not_found: no such route' };
    if (response.delayMs) await abortableDelay(response.delayMs, init.signal ?? undefined);
    if (init.signal?.aborted) throw init.signal.reason;
    if (response.networkError) throw new TypeError('Failed to fetch');
    const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? {});
    const status = response.status ?? 200;
    // A 204 has no body at all (the Response constructor refuses one).
    if (status === 204) {
      request.answerRead = true;
      return new Response(null, { status, headers: response.headers });
    }
    const bytes = new TextEncoder().encode(text);
    // In 16 KB chunks, as a network hands them over; the last pull marks the answer read.
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) {
          request.answerRead = true;
          controller.close();
          return;
        }
        controller.enqueue(bytes.subarray(offset, offset + 16_384));
        offset += 16_384;
      },
    });
    return new Response(stream, { status, headers: response.headers });
  }
}

function abortableDelay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}
