// Twilio's browser signaling (PStream 1.6) on wss://…/signal (docs/testing.md).
// One SignalingSocket per WebSocket; calls outlive their socket for a grace period so the SDK can reconnect.
import type { WebSocket } from 'ws';
import type { CallBook, CallerLine } from './call-book';
import type { SandboxState } from './state';
import type { TokenAuthority } from './tokens';

const PSTREAM_VERSION = '1.6';

interface ClientMessage {
  type: string;
  payload: Record<string, unknown>;
}

function parseClientMessage(text: string): ClientMessage | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { type, payload } = parsed as { type?: unknown; payload?: unknown };
    if (typeof type !== 'string') return undefined;
    const body = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
    return { type, payload: body };
  } catch {
    return undefined;
  }
}

const stringField = (payload: Record<string, unknown>, field: string): string | undefined =>
  typeof payload[field] === 'string' ? payload[field] : undefined;

export interface SignalingOptions {
  state: SandboxState;
  tokens: TokenAuthority;
  calls: CallBook;
  /** "\n" and a ping this often; a socket silent for a whole period after one is cut as dead. */
  heartbeatMs: number;
  /** A socket that has not sent a valid `listen` by then is closed (the SDK sends it as soon as it opens). */
  listenDeadlineMs: number;
}

/**
 * Largest signaling frame accepted. PStream's biggest message is an invite carrying an SDP offer (a few KB; tens of
 * KB with many candidates); anything near this is not the SDK, and ws refuses it (close 1009) before parsing it.
 */
export const MAX_SIGNALING_FRAME_BYTES = 256 * 1024;
/** How long a closing sandbox waits for a client to answer its close frame. */
const CLOSE_GRACE_MS = 1000;

/** One client WebSocket speaking PStream. */
export class SignalingSocket implements CallerLine {
  private identity: string | null = null;
  private tokenSessionId: string | null = null;

  private readonly heartbeat: NodeJS.Timeout;
  /** Anything (a pong, a message) arrived since the last heartbeat. */
  private heardSinceLastBeat = true;
  private listenDeadline: NodeJS.Timeout | undefined;
  /** The last `listen` being verified (see receive). */
  private listening: Promise<void> = Promise.resolve();

  constructor(
    private readonly ws: WebSocket,
    private readonly options: SignalingOptions,
  ) {
    // The SDK drops a socket that hears nothing for 15 s and only ever echoes our "\n". We also ping: a caller whose
    // network is gone answers nothing, and TCP alone would keep its socket (and its calls) open for many minutes.
    // Silent for a whole period after a ping (no pong, no message): the socket is dead, cut it (docs/protocol.md).
    this.heartbeat = setInterval(() => {
      if (ws.readyState !== ws.OPEN) return;
      if (!this.heardSinceLastBeat) {
        ws.terminate();
        return;
      }
      this.heardSinceLastBeat = false;
      ws.ping();
      ws.send('\n');
    }, options.heartbeatMs);
    ws.on('pong', () => (this.heardSinceLastBeat = true));
    // An open socket costs a timer and memory before any auth: one that never authenticates does not get to stay.
    this.listenDeadline = setTimeout(() => {
      if (this.identity === null) ws.close(1008, 'listen expected');
    }, options.listenDeadlineMs);
    // One bad message must not become an unhandled rejection, which would take the whole sandbox down.
    ws.on('message', (data) => {
      this.heardSinceLastBeat = true;
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- ws hands text frames over as one Buffer
      this.receive(String(data)).catch((error: unknown) => console.error('[sandbox] signaling message failed', error));
    });
    // ws reports a protocol violation (an oversized frame, a bad opcode) here and then closes the socket itself;
    // without a listener the error would be thrown and take the sandbox down.
    ws.on('error', () => undefined);
    ws.on('close', () => {
      clearInterval(this.heartbeat);
      clearTimeout(this.listenDeadline);
      options.calls.socketClosed(this);
    });
  }

  /** The connect session the socket's current Twilio token names. */
  get sessionId(): string | null {
    return this.tokenSessionId;
  }

  send(type: string, payload: Record<string, unknown> = {}): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify({ type, version: PSTREAM_VERSION, payload }));
  }

  private async receive(text: string): Promise<void> {
    if (text === '\n') return; // heartbeat echo
    const message = parseClientMessage(text);
    if (!message) return;
    const { payload } = message;
    const calls = this.options.calls;
    // The SDK does not wait for `connected` after updateToken(): its next invite may arrive while the new token is
    // still being verified. Listens are applied in order, and everything else waits for the ones before it, so an
    // invite always sees the session of the token sent before it.
    if (message.type === 'listen') {
      this.listening = this.listening.then(() => this.listen(payload['token'])).catch(() => undefined);
      return this.listening;
    }
    await this.listening;
    switch (message.type) {
      case 'register':
        return this.send((payload['media'] as { audio?: unknown } | undefined)?.audio ? 'ready' : 'offline');
      case 'invite':
        if (!this.identity) {
          this.send('hangup', { callsid: payload['callsid'], error: { code: 31204, message: 'listen first' } });
          return;
        }
        return stringField(payload, 'reconnect') !== undefined
          ? calls.reconnect(this, payload)
          : calls.invite(this, payload);
      case 'reinvite':
        return calls.reinvite(this, payload);
      case 'message':
        return calls.callerMessage(this, payload);
      case 'hangup':
        return calls.callerHangup(this, payload);
      default:
        return; // dtmf and anything newer: nothing for the sandbox agent to do
    }
  }

  /** First listen opens the session; a repeated one is the SDK's updateToken() (a token refresh). */
  private async listen(token: unknown): Promise<void> {
    const check = await this.options.tokens.verifyTwilioToken(token);
    if (!check.ok) {
      this.send('error', { error: { code: check.code, message: check.message } });
      if (this.identity === null) {
        // PStream 'close' makes the SDK give up instead of reconnecting with the same bad token.
        this.send('close');
        this.ws.close(1000);
      }
      return;
    }
    clearTimeout(this.listenDeadline);
    const isRefresh = this.identity !== null;
    this.identity = check.identity;
    this.tokenSessionId = check.sessionId;
    this.send('connected', {
      region: 'LOCAL',
      edge: 'local',
      home: 'local',
      token: { identity: check.identity, ttl: check.ttlSeconds },
    });
    if (isRefresh) this.options.calls.tokenRefreshed(this);
  }

  drop(): void {
    this.ws.terminate();
  }

  /** Closes the socket cleanly (1001, after what was already sent), or cuts it if the client does not answer. */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    clearTimeout(this.listenDeadline);
    if (this.ws.readyState === this.ws.CLOSED) return;
    const closed = new Promise<void>((resolve) => this.ws.once('close', () => resolve()));
    this.ws.close(1001, 'sandbox closing');
    const cut = setTimeout(() => this.ws.terminate(), CLOSE_GRACE_MS);
    await closed;
    clearTimeout(cut);
  }
}
