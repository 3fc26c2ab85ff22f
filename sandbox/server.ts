// startSandbox(): the local Kataven server. One HTTPS listener carries the Widget API and admin API (/v1),
// the control endpoints (/sandbox), Twilio signaling (wss://…/signal) and the static widget and demo files.
// It speaks HTTP/2 as a production API and CDN do, and HTTP/1.1 for the clients that ask for it (Node's fetch, and
// WebSockets): over HTTP/1.1 a browser opened a new TLS connection for each of the widget's parallel requests.
import type { IncomingMessage } from 'node:http';
import { createSecureServer } from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import type { MediaAgentFactory } from './agent/media-agent';
import { WeriftMediaAgent } from './agent/werift-agent';
import { AuthLimits } from './auth-limits';
import { CallBook, type CallView } from './call-book';
import { loadOrCreateCertificate } from './cert';
import type { RouteContext } from './request-context';
import { PendingFaults } from './faults';
import { PersistedState } from './persisted-state';
import {
  CORS_HEADERS,
  errorReply,
  HttpError,
  isLoopbackAddress,
  parseJsonObject,
  readBody,
  requestHost,
  requestOrigin,
  writeReply,
  type Reply,
  type SandboxRequest,
  type SandboxResponse,
} from './http';
import { parseStrictOrigin } from './origin';
import { findRoute } from './routes';
import { loadSeedFile, parseSeed, type SeedConfig } from './seed';
import { MAX_SIGNALING_FRAME_BYTES, SignalingSocket } from './signaling';
import { SandboxState, type RequestLogEntry } from './state';
import { serveStatic } from './static-files';
import { TokenAuthority } from './tokens';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..');
export const DEFAULT_SEED_PATH = path.join(REPO_ROOT, 'sandbox', 'seed.json');
/** Where `npm start` keeps admin changes (ignored by git, beside the certificate). */
export const DEFAULT_STATE_PATH = path.join(REPO_ROOT, '.sandbox', 'state.json');

export interface SandboxOptions {
  /** Seed file; defaults to sandbox/seed.json. Ignored when `config` is given. */
  configPath?: string;
  /** An in-memory seed (tests). Validated like a file. */
  config?: SeedConfig;
  /** 0 picks a free port. Default 8443. */
  port?: number;
  host?: string;
  /** Tried in order for GET paths the API does not own; relative to the repo root. */
  staticDirs?: string[];
  /** No request log on stdout. */
  quiet?: boolean;
  /** PStream "\n" heartbeat period (Twilio-like 5 s by default; tests may shorten it). */
  heartbeatMs?: number;
  /** How long a new signaling socket may take to send its first valid `listen` (default 10 s). */
  listenDeadlineMs?: number;
  /** How long a call survives without a signaling socket (default 30 s). */
  signalingGraceMs?: number;
  /** A connected call with no caller audio for this long ends with `media_timeout` (default 30 s; 0 never). */
  mediaInactivityMs?: number;
  /**
   * Keep admin changes (branding, agent policy, widget keys) in this file across restarts. Without it
   * the sandbox starts from the seed every time, which is what tests want; the CLI passes `.sandbox/state.json`.
   */
  statePath?: string;
  /** With `statePath`: ignore the saved changes and start again from the seed (overwriting the file). */
  resetState?: boolean;
  /** The clock for grant expiry and auth rate windows (tests inject one). */
  now?: () => number;
  /** Where the self-signed certificate is kept (default: `.sandbox/` in the repo). */
  certDir?: string;
  /** Swap the answering media peer (default: werift). */
  createMediaAgent?: MediaAgentFactory;
}

export interface Sandbox {
  /** https://127.0.0.1:PORT */
  url: string;
  port: number;
  /** url + '/v1', what the widget's apiBase should be. */
  apiBase: string;
  /** The live world, for in-process assertions (same data as /sandbox/*). */
  state: SandboxState;
  callBook: CallBook;
  faults: PendingFaults;
  calls(): CallView[];
  requests(): RequestLogEntry[];
  close(): Promise<void>;
}

const LOOPBACK_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Control writes must come from a loopback page (or no page at all), never from a site the browser visits. */
/**
 * The Host the client asked for is a loopback name: a DNS-rebinding page (evil.test resolving to 127.0.0.1) sends its
 * own name here, so it cannot read or drive the control endpoints.
 */
function toLoopbackHost(req: SandboxRequest): boolean {
  try {
    return LOOPBACK_HOSTNAMES.has(new URL(`http://${requestHost(req) ?? ''}`).hostname);
  } catch {
    return false;
  }
}

function fromLoopbackPage(req: SandboxRequest): boolean {
  // `Origin: null` is a page whose origin the browser hides (a sandboxed iframe, a file: or data: page), e.g. a
  // cross-site form post from inside a sandboxed frame: a page, and not one we can tell is ours.
  if (req.headers.origin === 'null') return false;
  const origin = requestOrigin(req);
  if (!origin) return true;
  const url = parseStrictOrigin(origin);
  return url !== undefined && LOOPBACK_HOSTNAMES.has(url.hostname);
}

/** The request target as a URL; undefined when it is not one (`GET http://[`), which is the client's fault. */
function requestUrl(req: SandboxRequest): URL | undefined {
  try {
    return new URL(req.url ?? '/', 'https://sandbox.invalid');
  } catch {
    return undefined;
  }
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = options.config
    ? parseSeed(options.config, 'config')
    : loadSeedFile(options.configPath ?? DEFAULT_SEED_PATH);
  const state = new SandboxState(seed, options.now);
  const authLimits = new AuthLimits(state);
  const persisted = options.statePath ? new PersistedState(options.statePath, state, seed) : undefined;
  persisted?.load(options.resetState === true);
  const tokens = new TokenAuthority(seed.settings.jwt_secret, state.now);
  const faults = new PendingFaults();
  const calls = new CallBook(
    state,
    faults,
    options.createMediaAgent ?? (() => new WeriftMediaAgent()),
    options.signalingGraceMs ?? 30_000,
    options.mediaInactivityMs ?? 30_000,
  );
  const staticDirs = (options.staticDirs ?? ['dist/cdn', 'dist/demo']).map((dir) => path.resolve(REPO_ROOT, dir));
  const log = options.quiet ? () => undefined : (line: string) => console.log(line);

  async function routeRequest(req: SandboxRequest, url: URL): Promise<Reply> {
    const match = findRoute(req.method ?? 'GET', url.pathname);
    if (match.kind === 'none') throw new HttpError(404, 'not_found', `no route ${url.pathname}`);
    if (match.kind === 'wrong_method') {
      throw new HttpError(405, 'method_not_allowed', `use ${match.allowed.join(' or ')}`);
    }
    let body: Record<string, unknown> | undefined;
    const ctx: RouteContext = {
      req,
      url,
      params: match.params,
      body: async () => (body ??= parseJsonObject(await readBody(req))),
      state,
      tokens,
      calls,
      faults,
      authLimits,
    };
    const reply = await match.handler(ctx);
    if (match.saves && reply.status < 300) persisted?.save();
    return reply;
  }

  async function handle(req: SandboxRequest, res: SandboxResponse): Promise<void> {
    const url = requestUrl(req);
    if (!url) {
      writeReply(res, errorReply(new HttpError(400, 'invalid_request', 'malformed request target')));
      return;
    }
    const method = req.method ?? 'GET';
    const isApi = url.pathname === '/v1' || url.pathname.startsWith('/v1/');
    const isControl = url.pathname.startsWith('/sandbox/');
    // The API and static files are open to every origin; the control endpoints are not.
    const headers = isApi ? CORS_HEADERS : isControl ? {} : { 'Access-Control-Allow-Origin': '*' };
    let reply: Reply;
    if (isApi && method === 'OPTIONS') {
      reply = { status: 204 };
    } else if (
      isControl &&
      (!isLoopbackAddress(req.socket.remoteAddress) ||
        !toLoopbackHost(req) ||
        (method !== 'GET' && !fromLoopbackPage(req)))
    ) {
      reply = errorReply(new HttpError(403, 'forbidden', 'sandbox control endpoints answer loopback clients only'));
    } else {
      const injected = isControl ? undefined : faults.takeFailure(url.pathname);
      if (injected) {
        reply = injected;
      } else if (!isApi && !isControl) {
        if (method === 'GET' || method === 'HEAD') return serveStatic(req, res, staticDirs);
        reply = { status: 405, text: 'method_not_allowed: static files answer GET and HEAD' };
      } else {
        try {
          reply = await routeRequest(req, url);
        } catch (error) {
          if (!(error instanceof HttpError)) console.error('[sandbox] unexpected error', error);
          reply = errorReply(
            error instanceof HttpError ? error : new HttpError(500, 'server_error', 'unexpected error'),
          );
        }
      }
    }
    writeReply(res, reply, headers);
    if (isApi) {
      const origin = requestOrigin(req) ?? null;
      state.logRequest({ method, path: url.pathname, status: reply.status, origin, at: new Date().toISOString() });
      log(`[sandbox] ${method} ${url.pathname} → ${reply.status}${origin ? ` (${origin})` : ''}`);
    }
  }

  const tls = await loadOrCreateCertificate(options.certDir ?? path.join(REPO_ROOT, '.sandbox'));
  const server = createSecureServer({ key: tls.key, cert: tls.cert, allowHTTP1: true }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[sandbox] request failed', error);
      if (!res.headersSent) writeReply(res, errorReply(new HttpError(500, 'server_error', 'unexpected error')));
      else res.destroy();
    });
  });

  // Every TCP connection, to close them with the server: an HTTP/2 server has no closeAllConnections().
  const connections = new Set<Socket>();
  server.on('connection', (connection: Socket) => {
    connections.add(connection);
    connection.on('close', () => connections.delete(connection));
  });

  const sockets = new Set<SignalingSocket>();
  const signalingOptions = {
    state,
    tokens,
    calls,
    heartbeatMs: options.heartbeatMs ?? 5000,
    listenDeadlineMs: options.listenDeadlineMs ?? 10_000,
  };
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_SIGNALING_FRAME_BYTES });
  // WebSockets arrive over HTTP/1.1 (the server does not offer RFC 8441's WebSocket over HTTP/2).
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (requestUrl(req)?.pathname !== '/signal') {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const signaling = new SignalingSocket(ws, signalingOptions);
      sockets.add(signaling);
      ws.on('close', () => sockets.delete(signaling));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8443, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const displayHost = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  const url = `https://${displayHost.includes(':') ? `[${displayHost}]` : displayHost}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    apiBase: `${url}/v1`,
    state,
    callBook: calls,
    faults,
    calls: () => calls.views(),
    requests: () => [...state.requestLog],
    close: () =>
      (closing ??= (async () => {
        await calls.close();
        await Promise.all([...sockets].map((socket) => socket.close()));
        wss.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          for (const connection of connections) connection.destroy();
        });
      })()),
  };
}
