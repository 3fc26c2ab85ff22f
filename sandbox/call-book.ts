// Every call the signaling emulator has seen: the live ones (with their media agent and script) and, for
// inspection, the closed ones. Links calls to connect sessions and applies answer delays.
import { AgentScript, type Caption } from './agent/agent-script';
import { AgentConversation, type ConversationView } from './agent/conversation';
import type { LineImpairment, MediaAgent, MediaAgentFactory } from './agent/media-agent';
import type { PendingFaults } from './faults';
import { randomHex, type CallRecord, type SandboxState } from './state';

/** The caller's end of a call as the call book sees it; the signaling socket implements it. */
export interface CallerLine {
  /** The connect session the line's current Twilio token names (a `listen` with a newer token may change it). */
  readonly sessionId: string | null;
  send(type: string, payload?: Record<string, unknown>): void;
  /** Cut the line without a goodbye, as a network failure would (the SDK then reconnects). */
  drop(): void;
}

export interface LiveCall {
  record: CallRecord;
  socket: CallerLine | null;
  media: MediaAgent;
  script: AgentScript | null;
  /** conversation: context, typed text and client tools (sandbox/agent/conversation.ts). */
  conversation: AgentConversation;
  reconnectToken: string;
  timers: Set<NodeJS.Timeout>;
  /** Running while the call has no signaling socket; a reconnect invite cancels it. */
  signalingLostTimer: NodeJS.Timeout | undefined;
  /** ICE username fragment of the caller's offer last applied; a new one means an ICE restart. */
  offerUfrag: string | undefined;
}

export interface CallView extends ConversationView {
  call_sid: string;
  session_id: string | null;
  agent_id: string;
  visitor_kind: string | null;
  state: CallRecord['state'];
  params: Record<string, string>;
  packets_from_caller: number;
  packets_to_caller: number;
  caller_level: number;
  token_refreshes: number;
  messages_from_caller: unknown[];
  started_at: string;
  connected_at: string | null;
  ended_at: string | null;
  end_reason: string | null;
  feedback: CallRecord['feedback'];
}

export interface HangupError {
  code: number;
  message: string;
}

// Refusals of an invite, as the real service sends them: Kataven's voice webhook answers an invite it will not
// take with TwiML <Reject>, which Twilio signals to the browser as a hangup carrying the SIP status. A session that
// does not exist or is not the caller's is rejected (603 Decline, 31603); a session whose one call has already been
// placed is busy (<Reject reason="busy">, 486 Busy Here, 31486). The SDK shows both as a failed call.
const SESSION_REFUSED: HangupError = { code: 31603, message: 'Decline' };
const SESSION_ALREADY_CALLED: HangupError = { code: 31486, message: 'Busy Here' };
const CALL_NOT_HERE: HangupError = { code: 31481, message: 'Call/Transaction Does Not Exist' };

const iceUfrag = (sdp: unknown): string | undefined =>
  typeof sdp === 'string' ? /^a=ice-ufrag:(\S+)/m.exec(sdp)?.[1] : undefined;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export class CallBook {
  private readonly live = new Map<string, LiveCall>();
  /** Media agents stay here after the call closes so their counters remain inspectable. */
  private readonly mediaBySid = new Map<string, MediaAgent>();
  private readonly messagesBySid = new Map<string, unknown[]>();
  /** conversation: kept after the call closes, like the media agents, for inspection. */
  private readonly conversationsBySid = new Map<string, AgentConversation>();

  constructor(
    private readonly state: SandboxState,
    private readonly faults: PendingFaults,
    private readonly createMediaAgent: MediaAgentFactory,
    private readonly signalingGraceMs: number,
    /** A connected call that receives no caller audio for this long is ended (`media_timeout`); 0 never. */
    private readonly mediaInactivityMs = 0,
  ) {}

  /**
   * A new call. DESIGN 2.5: one session, one call, and the session is the one the caller's own token names; the
   * `session_id` param is only the widget echoing it back, so it may agree with the token but never overrides it.
   */
  async invite(line: CallerLine, payload: Record<string, unknown>): Promise<void> {
    const tempSid = typeof payload['callsid'] === 'string' ? payload['callsid'] : '';
    const twilio = payload['twilio'] as { params?: unknown } | undefined;
    const params = Object.fromEntries(new URLSearchParams(typeof twilio?.params === 'string' ? twilio.params : ''));
    const refuse = (error: HangupError) => line.send('hangup', { callsid: tempSid, error });
    const session = line.sessionId === null ? undefined : this.state.sessions.get(line.sessionId);
    if (!session || (params['session_id'] !== undefined && params['session_id'] !== session.id)) {
      return refuse(SESSION_REFUSED);
    }
    if (session.call_sid !== null) return refuse(SESSION_ALREADY_CALLED);
    if (typeof payload['sdp'] !== 'string') return refuse({ code: 31400, message: 'Bad Request: invite without sdp' });
    const target = {
      accountId: session.account_id,
      agent: this.state.agent(this.state.account(session.account_id), session.agent_id),
    };
    const callSid = `CA${randomHex(16)}`;
    session.call_sid = callSid; // before any await, so a second invite racing this one is refused
    const record: CallRecord = {
      call_sid: callSid,
      temp_sid: tempSid,
      session_id: session.id,
      account_id: target.accountId,
      agent_id: target.agent.id,
      visitor_kind: session.visitor.kind,
      state: 'ringing',
      params,
      token_refreshes: 0,
      started_at: Date.now(),
      connected_at: null,
      ended_at: null,
      end_reason: null,
      feedback: null,
    };
    const media = this.createMediaAgent();
    // Its callbacks run only once the call is answered, after `call` below exists.
    const conversation = new AgentConversation({
      agent: target.agent,
      pageContext: session?.page_context ?? {},
      signedContext: session?.signed_context ?? {},
      send: (content) => this.deliverCaption(call, content),
      later: (ms, run) => this.later(call, ms, run),
    });
    const call: LiveCall = {
      record,
      socket: line,
      media,
      script: null,
      conversation,
      reconnectToken: `RC${randomHex(16)}`,
      timers: new Set(),
      signalingLostTimer: undefined,
      offerUfrag: iceUfrag(payload['sdp']),
    };
    this.conversationsBySid.set(callSid, conversation);
    this.state.calls.set(callSid, record);
    this.live.set(callSid, call);
    this.mediaBySid.set(callSid, media);
    line.send('ringing', { callsid: callSid });

    const delay = this.faults.takeAnswerDelay();
    if (delay > 0) await new Promise((resolve) => this.later(call, delay, () => resolve(undefined)));
    let answerSdp: string;
    try {
      answerSdp = await media.answer(payload['sdp']);
    } catch (error) {
      void this.end(call, 'agent_error', {
        code: 31000,
        message: `Agent could not answer: ${(error as Error).message}`,
      });
      return;
    }
    if (record.state === 'closed') return; // hung up while ringing
    call.socket?.send('answer', { callsid: callSid, sdp: answerSdp, reconnect: call.reconnectToken });
    record.state = 'connected';
    record.connected_at = Date.now();
    call.script = new AgentScript(target.agent, media, (caption) => this.deliverCaption(call, caption));
    call.script.start();
    call.conversation.start();
    this.endWhenMediaStops(call);
    const maxSeconds = target.agent.widget.max_call_seconds;
    if (maxSeconds !== null) this.later(call, maxSeconds * 1000, () => void this.end(call, 'max_call_seconds', null));
  }

  /**
   * The SDK re-sends `invite` with the `reconnect` token after a new `connected` (socket drop or updateToken). It
   * carries the caller's current local description: when that is a new ICE offer, the caller is mid ICE restart (the
   * network changed; its `reinvite` was lost with the old socket, and the SDK never re-sends one), and the SDK applies
   * only an answer with `sdp`. So that answer carries one, from the agent's renegotiation; otherwise none.
   */
  async reconnect(socket: CallerLine, payload: Record<string, unknown>): Promise<void> {
    const call = this.find(payload['callsid']);
    if (!call || call.reconnectToken !== payload['reconnect'] || call.record.session_id !== socket.sessionId) {
      socket.send('hangup', { callsid: payload['callsid'], error: { code: 31404, message: 'Call not found' } });
      return;
    }
    call.socket = socket;
    clearTimeout(call.signalingLostTimer);
    call.signalingLostTimer = undefined;
    const offer = payload['sdp'];
    if (typeof offer === 'string' && iceUfrag(offer) !== undefined && iceUfrag(offer) !== call.offerUfrag) {
      const sdp = await this.renegotiate(call, offer);
      if (sdp !== undefined)
        socket.send('answer', { callsid: call.record.call_sid, sdp, reconnect: call.reconnectToken });
      return;
    }
    socket.send('answer', { callsid: call.record.call_sid, reconnect: call.reconnectToken });
  }

  async reinvite(line: CallerLine, payload: Record<string, unknown>): Promise<void> {
    const call = this.ownCall(line, payload);
    if (!call || typeof payload['sdp'] !== 'string') return;
    const sdp = await this.renegotiate(call, payload['sdp']);
    if (sdp !== undefined) line.send('answer', { callsid: call.record.call_sid, sdp });
  }

  /** ICE restart: the agent applies the caller's new offer; its answer, or undefined when the call ended over it. */
  private async renegotiate(call: LiveCall, offer: string): Promise<string | undefined> {
    try {
      const sdp = await call.media.reoffer(offer);
      call.offerUfrag = iceUfrag(offer);
      return sdp;
    } catch (error) {
      void this.end(call, 'agent_error', { code: 31000, message: `ICE restart failed: ${(error as Error).message}` });
      return undefined;
    }
  }

  /** Every in-call message from the caller arrives here: acknowledged, recorded, then handed to the agent. */
  callerMessage(line: CallerLine, payload: Record<string, unknown>): void {
    const call = this.ownCall(line, payload);
    if (!call) return;
    line.send('ack', { acktype: 'message', callsid: payload['callsid'], voiceeventsid: payload['voiceeventsid'] });
    const content = payload['content'];
    const messages = this.messagesBySid.get(call.record.call_sid) ?? [];
    messages.push(content);
    this.messagesBySid.set(call.record.call_sid, messages);
    call.conversation.onCallerMessage(content);
  }

  callerHangup(line: CallerLine, payload: Record<string, unknown>): void {
    const call = this.ownCall(line, payload);
    if (call) void this.end(call, 'caller_hangup', null, false);
  }

  /**
   * The live call `payload.callsid` names, if it is this caller's: on this line, or (between a reconnect's `listen`
   * and its `invite`) on the session this line's token names. Another caller's live call is answered the way Twilio's
   * gateway answers a request for a dialog it does not have on this connection: SIP 481, "Call/Transaction Does Not
   * Exist" (31481), and the call itself is untouched. A sid that names no live call (one that just ended while the
   * caller hung up) stays silent, as before, so a late hangup never turns into an error on the caller's side.
   */
  private ownCall(line: CallerLine, payload: Record<string, unknown>): LiveCall | undefined {
    const call = this.find(payload['callsid']);
    if (!call) return undefined;
    if (call.socket === line || (line.sessionId !== null && call.record.session_id === line.sessionId)) return call;
    line.send('error', {
      callsid: payload['callsid'],
      ...(typeof payload['voiceeventsid'] === 'string' ? { voiceeventsid: payload['voiceeventsid'] } : {}),
      error: CALL_NOT_HERE,
    });
    return undefined;
  }

  /** Calls on a lost socket stay up for the grace period, waiting for a reconnect invite. */
  socketClosed(socket: CallerLine): void {
    for (const call of this.live.values()) {
      if (call.socket !== socket) continue;
      call.socket = null;
      call.signalingLostTimer = setTimeout(() => void this.end(call, 'signaling_lost', null), this.signalingGraceMs);
    }
  }

  tokenRefreshed(socket: CallerLine): void {
    for (const call of this.live.values()) if (call.socket === socket) call.record.token_refreshes++;
  }

  /** Fault: terminate the signaling socket of every live call. Returns how many sockets were dropped. */
  dropSignaling(): number {
    const sockets = new Set([...this.live.values()].flatMap((call) => (call.socket ? [call.socket] : [])));
    for (const socket of sockets) socket.drop();
    return sockets.size;
  }

  /** Fault: hang up the given call or the newest live one, optionally with a Twilio error code. */
  serverHangup(callSid: string | undefined, error: HangupError | null): CallRecord | undefined {
    const call = callSid ? this.find(callSid) : this.newest();
    if (!call) return undefined;
    void this.end(call, error ? `server_error_${error.code}` : 'server_hangup', error);
    return call.record;
  }

  /** Fault: a poor line on the given call or the newest live one. */
  impairLine(callSid: string | undefined, impairment: LineImpairment): CallRecord | undefined {
    const call = callSid ? this.find(callSid) : this.newest();
    call?.media.impair?.(impairment);
    return call?.record;
  }

  sendCaption(callSid: string | undefined, caption: Caption): CallRecord | undefined {
    const call = callSid ? this.find(callSid) : this.newest();
    if (call) this.deliverCaption(call, caption);
    return call?.record;
  }

  views(): CallView[] {
    return [...this.state.calls.values()].map((record) => {
      const stats = this.mediaBySid.get(record.call_sid)?.stats();
      const conversation = this.conversationsBySid.get(record.call_sid)?.view();
      return {
        context: conversation?.context ?? {},
        page_context: conversation?.page_context ?? {},
        signed_context: conversation?.signed_context ?? {},
        tool_results: conversation?.tool_results ?? [],
        call_sid: record.call_sid,
        session_id: record.session_id,
        agent_id: record.agent_id,
        visitor_kind: record.visitor_kind,
        state: record.state,
        params: record.params,
        packets_from_caller: stats?.packetsFromCaller ?? 0,
        packets_to_caller: stats?.packetsToCaller ?? 0,
        caller_level: record.state === 'closed' ? 0 : (stats?.callerLevel ?? 0),
        token_refreshes: record.token_refreshes,
        messages_from_caller: this.messagesBySid.get(record.call_sid) ?? [],
        started_at: new Date(record.started_at).toISOString(),
        connected_at: iso(record.connected_at),
        ended_at: iso(record.ended_at),
        end_reason: record.end_reason,
        feedback: record.feedback,
      };
    });
  }

  /** Shutting down: every live call is hung up as the service would end it, so callers see a hang-up, not a drop. */
  async close(): Promise<void> {
    await Promise.all([...this.live.values()].map((call) => this.end(call, 'sandbox_closed', null)));
  }

  /** Closes a call: tells the caller (with an optional error) unless the caller hung up, then frees media. */
  private async end(call: LiveCall, reason: string, error: HangupError | null, notify = true): Promise<void> {
    const { record } = call;
    if (record.state === 'closed') return;
    record.state = 'closed';
    record.ended_at = Date.now();
    record.end_reason = reason;
    this.live.delete(record.call_sid);
    for (const timer of call.timers) clearTimeout(timer);
    call.timers.clear();
    clearTimeout(call.signalingLostTimer);
    call.script?.stop();
    if (notify) call.socket?.send('hangup', { callsid: record.call_sid, ...(error ? { error } : {}) });
    await call.media.close().catch(() => undefined); // a peer that fails to close is gone either way
  }

  private deliverCaption(call: LiveCall, caption: Caption | Record<string, unknown>): void {
    call.socket?.send('message', {
      callsid: call.record.call_sid,
      content: caption,
      contenttype: 'application/json',
      messagetype: 'user-defined-message',
      voiceeventsid: `KX${randomHex(16)}`,
    });
  }

  /** A live call by its CA sid or the SDK's temporary TJS id. */
  private find(callSid: unknown): LiveCall | undefined {
    if (typeof callSid !== 'string') return undefined;
    const direct = this.live.get(callSid);
    if (direct) return direct;
    for (const call of this.live.values()) if (call.record.temp_sid === callSid) return call;
    return undefined;
  }

  private newest(): LiveCall | undefined {
    return [...this.live.values()].sort((a, b) => b.record.started_at - a.record.started_at)[0];
  }

  /**
   * Media inactivity timeout, as the real service has: a caller whose audio stopped (network gone, tab killed) is
   * gone even while its signaling socket still looks open, and the call must not hold its slot until max_call_seconds.
   * The clock starts at the first caller packet (ICE may take a while under load; a path that never works is the
   * SDK's to report). An ICE restart's short pause is far below the limit.
   */
  private endWhenMediaStops(call: LiveCall): void {
    const limit = this.mediaInactivityMs;
    if (limit <= 0) return;
    let last = call.media.stats().packetsFromCaller;
    let lastArrivalAt = Date.now();
    const check = setInterval(
      () => {
        const now = call.media.stats().packetsFromCaller;
        if (now !== last) {
          last = now;
          lastArrivalAt = Date.now();
        } else if (last > 0 && Date.now() - lastArrivalAt >= limit) {
          void this.end(call, 'media_timeout', null);
        }
      },
      Math.min(1000, Math.max(50, limit / 5)),
    );
    call.timers.add(check); // end() clears it with the call's other timers
  }

  private later(call: LiveCall, ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      call.timers.delete(timer);
      run();
    }, ms);
    call.timers.add(timer);
  }
}
