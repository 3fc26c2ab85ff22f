// Twilio's browser signaling (PStream 1.6) on wss://…/signal, per notes/twilio-local-emulation.md §2.
// One SignalingSocket per WebSocket; calls outlive their socket for a grace period so the SDK can reconnect.
import type { WebSocket } from 'ws';
import type { CallBook } from './call-book';
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
  heartbeatMs: number;
}

/** One client WebSocket speaking PStream. */
export class SignalingSocket {
  private identity: string | null = null;
  private tokenSessionId: string | null = null;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    readonly ws: WebSocket,
    private readonly options: SignalingOptions,
  ) {
    // The SDK drops a socket that hears nothing for 15 s and only ever echoes our "\n".
    this.heartbeat = setInterval(() => {
      if (ws.readyState === ws.OPEN) ws.send('\n');
    }, options.heartbeatMs);
    // One bad message must not become an unhandled rejection, which would take the whole sandbox down.
    ws.on('message', (data) => {
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- ws hands text frames over as one Buffer
      this.receive(String(data)).catch((error: unknown) => console.error('[sandbox] signaling message failed', error));
    });
    ws.on('close', () => {
      clearInterval(this.heartbeat);
      options.calls.socketClosed(this);
    });
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
    switch (message.type) {
      case 'listen':
        return this.listen(payload['token']);
      case 'register':
        return this.send((payload['media'] as { audio?: unknown } | undefined)?.audio ? 'ready' : 'offline');
      case 'invite':
        if (!this.identity) {
          this.send('hangup', { callsid: payload['callsid'], error: { code: 31204, message: 'listen first' } });
          return;
        }
        return stringField(payload, 'reconnect') !== undefined
          ? calls.reconnect(this, payload)
          : calls.invite(this, payload, this.tokenSessionId);
      case 'reinvite':
        return calls.reinvite(this, payload);
      case 'message':
        this.send('ack', {
          acktype: 'message',
          callsid: payload['callsid'],
          voiceeventsid: payload['voiceeventsid'],
        });
        return calls.callerMessage(stringField(payload, 'callsid'), payload['content']);
      case 'hangup':
        return calls.callerHangup(stringField(payload, 'callsid'));
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

  close(): void {
    clearInterval(this.heartbeat);
    this.ws.terminate();
  }
}
