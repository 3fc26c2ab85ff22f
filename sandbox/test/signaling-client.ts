// A raw PStream client for sandbox tests (what the Twilio SDK speaks on wss://…/signal), and the calls it makes.
import { WebSocket } from 'ws';
import type { MediaAgent } from '../agent/media-agent';
import type { CallView } from '../call-book';
import type { Sandbox } from '../server';
import { call, guestSession, sleep } from './helpers';

export interface PStreamMessage {
  type: string;
  payload: Record<string, unknown>;
}

/** A PStream client: buffers server messages so tests can await them in order. */
export class SignalingClient {
  readonly ws: WebSocket;
  readonly messages: PStreamMessage[] = [];
  heartbeats = 0;
  private silent = false;
  private readonly opened: Promise<void>;
  /** Resolves with the close code. */
  readonly closed: Promise<number>;

  constructor(sandbox: Sandbox) {
    this.ws = new WebSocket(`wss://127.0.0.1:${sandbox.port}/signal`, { rejectUnauthorized: false });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.closed = new Promise((resolve) => this.ws.once('close', (code) => resolve(code)));
    this.ws.on('message', (data) => {
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- ws hands text frames over as one Buffer
      const text = String(data);
      if (text === '\n') {
        this.heartbeats++;
        if (!this.silent) this.ws.send('\n');
        return;
      }
      this.messages.push(JSON.parse(text) as PStreamMessage);
    });
  }

  /** From now on answers nothing (no heartbeat echo, no pong), like a caller whose network vanished. */
  goSilent(): void {
    this.silent = true;
    this.ws.pong = () => undefined;
  }

  async send(type: string, payload: Record<string, unknown>): Promise<void> {
    await this.opened;
    this.ws.send(JSON.stringify({ type, version: '1.6', payload }));
  }

  /** Waits for the next message of this type (removing it and everything before it). */
  async next(type: string, timeoutMs = 5000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const index = this.messages.findIndex((message) => message.type === type);
      if (index >= 0) return this.messages.splice(0, index + 1)[index]?.payload ?? {};
      await sleep(10);
    }
    throw new Error(`no ${type} within ${timeoutMs} ms; got ${this.messages.map((m) => m.type).join(', ')}`);
  }
}

/** A guest's `/widget/connect`: the Twilio token and the session it names. */
export async function twilioToken(sandbox: Sandbox): Promise<{ token: string; sessionId: string }> {
  const visitor = await guestSession(sandbox);
  const res = await call(sandbox, 'POST', '/v1/widget/connect', {
    bearer: visitor.token,
    body: { agent_id: 'agent_ava' },
  });
  const body = res.json<{ session_id: string; twilio: { token: string } }>();
  return { token: body.twilio.token, sessionId: body.session_id };
}

export const callsOf = async (sandbox: Sandbox) =>
  (await call(sandbox, 'GET', '/sandbox/calls', { origin: null })).json<CallView[]>();

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A client that has sent `listen` with a fresh session's token and heard `connected`. */
export async function listeningClient(sandbox: Sandbox): Promise<{ client: SignalingClient; sessionId: string }> {
  const { token, sessionId } = await twilioToken(sandbox);
  const client = new SignalingClient(sandbox);
  await client.send('listen', { token });
  await client.next('connected');
  return { client, sessionId };
}

/** A media agent that answers at once and moves no audio: for tests about signaling only. */
export const silentMediaAgent = (): MediaAgent => ({
  answer: async () => 'v=0\r\n',
  reoffer: async () => 'v=0\r\n',
  onCallerAudio: () => undefined,
  onMediaReady: (listener) => listener(),
  play: () => undefined,
  stats: () => ({ packetsFromCaller: 0, packetsToCaller: 0, greetingPackets: [], callerLevel: 0 }),
  close: async () => undefined,
});
