// Every call the signaling emulator has seen: the live ones (with their media agent and script) and, for
// inspection, the closed ones. Links calls to connect sessions and applies answer delays.
import { AgentScript, type Caption } from './agent/agent-script';
import { AgentConversation, type ConversationView } from './agent/conversation';
import type { LineImpairment, MediaAgent, MediaAgentFactory } from './agent/media-agent';
import { CallContinuity } from './call-continuity';
import {
  agentTranscriptLine,
  callerTranscriptLine,
  isCaption,
  legView,
  pageUrlOf,
  TalkClock,
  type ContinuityState,
  type LegView,
  type MediaLeg,
  type TranscriptLine,
} from './call-legs';
import type { PendingFaults } from './faults';
import { ScriptRunner } from './agent/script-steps';
import { Speaker, type LineSpoken } from './agent/speaker';
import type { Agent } from './seed';
import { randomHex, type CallRecord, type SandboxState } from './state';

/** The caller's end of a call as the call book sees it; the signaling socket implements it. */
export interface CallerLine {
  /** The connect session the line's current Twilio token names (a `listen` with a newer token may change it). */
  readonly sessionId: string | null;
  send(type: string, payload?: Record<string, unknown>): void;
  /** Cut the line without a goodbye, as a network failure would (the SDK then reconnects). */
  drop(): void;
}

/** A live call; its continuity fields (legs, time away, talk time, transcript) are in sandbox/call-legs.ts. */
export interface LiveCall extends ContinuityState {
  record: CallRecord;
  agent: Agent;
  socket: CallerLine | null;
  /** The current leg's media. */
  media: MediaAgent;
  script: AgentScript | null;
  /** Context, typed text and client tools (sandbox/agent/conversation.ts). */
  conversation: AgentConversation;
  reconnectToken: string;
  timers: Set<NodeJS.Timeout>;
  /** Running while the call has no signaling socket; a reconnect invite or a resumed leg cancels it. */
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
  /** The RTP packets that carried the agent's greeting, in order: a caller can check it received each one. */
  greeting_packets: Array<{ sequence_number: number; timestamp: number }>;
  caller_level: number;
  token_refreshes: number;
  messages_from_caller: unknown[];
  started_at: string;
  connected_at: string | null;
  ended_at: string | null;
  end_reason: string | null;
  feedback: CallRecord['feedback'];
  /** Continuity: since when the call has been waiting for its caller (the signaling socket closed), or null. */
  away_since: string | null;
  /** Continuity: one entry per page the call was carried on, and the conversation the server keeps. */
  legs: LegView[];
  transcript: TranscriptLine[];
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
  /** Legs (with their media agents) stay here after the call closes so their counters remain inspectable. */
  private readonly legsBySid = new Map<string, MediaLeg[]>();
  private readonly transcriptsBySid = new Map<string, TranscriptLine[]>();
  private readonly messagesBySid = new Map<string, unknown[]>();
  /** Kept after the call closes, like the media agents, for inspection. */
  private readonly conversationsBySid = new Map<string, AgentConversation>();
  /** Scripted agents (sandbox/agent/script-steps.ts): live calls only; their spoken lines stay for inspection. */
  private readonly scripts = new Map<string, { runner: ScriptRunner; speaker: Speaker }>();
  private readonly spokenBySid = new Map<string, LineSpoken[]>();

  /** Continuity (sandbox/call-continuity.ts): callers who go away and come back on another page. */
  readonly continuity: CallContinuity<LiveCall>;

  constructor(
    readonly state: SandboxState,
    private readonly faults: PendingFaults,
    readonly createMediaAgent: MediaAgentFactory,
    readonly signalingGraceMs: number,
    /** A connected call that receives no caller audio for this long is ended (`media_timeout`); 0 never. */
    private readonly mediaInactivityMs = 0,
  ) {
    this.continuity = new CallContinuity<LiveCall>({
      state,
      signalingGraceMs,
      createMediaAgent,
      liveCalls: () => this.live.values(),
      liveCall: (callSid) => this.live.get(callSid),
      end: (call, reason, error) => this.end(call, reason, error),
      deliver: (call, content) => this.deliverCaption(call, content),
    });
  }

  /**
   * A new call. docs/protocol.md section 4: one session, one call, and the session is the one the caller's own token
   * names; the `session_id` param is only the widget echoing it back, so it may agree with the token but never
   * overrides it.
   */
  async invite(line: CallerLine, payload: Record<string, unknown>): Promise<void> {
    this.continuity.sweep();
    const tempSid = typeof payload['callsid'] === 'string' ? payload['callsid'] : '';
    const twilio = payload['twilio'] as { params?: unknown } | undefined;
    const params = Object.fromEntries(new URLSearchParams(typeof twilio?.params === 'string' ? twilio.params : ''));
    const refuse = (error: HangupError) => line.send('hangup', { callsid: tempSid, error });
    const session = line.sessionId === null ? undefined : this.state.sessions.get(line.sessionId);
    if (!session || (params['session_id'] !== undefined && params['session_id'] !== session.id)) {
      return refuse(SESSION_REFUSED);
    }
    if (typeof payload['sdp'] !== 'string') return refuse({ code: 31400, message: 'Bad Request: invite without sdp' });
    if (session.call_sid !== null) {
      // A resumed session's next invite is the caller back on a new page: a new leg of the same call.
      const resumed = this.live.get(session.call_sid);
      if (resumed && session.pending_leg) {
        return this.continuity.attachLeg(resumed, line, payload['sdp'], tempSid, session);
      }
      return refuse(SESSION_ALREADY_CALLED);
    }
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
      started_at: this.state.now(),
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
      onUserText: (text) => this.scripts.get(callSid)?.runner.heardText(text) ?? false,
      onToolAnswer: (name, ok) => this.scripts.get(callSid)?.runner.toolAnswered(name, ok),
    });
    const call: LiveCall = {
      record,
      agent: target.agent,
      socket: line,
      media,
      script: null,
      conversation,
      reconnectToken: `RC${randomHex(16)}`,
      timers: new Set(),
      signalingLostTimer: undefined,
      legs: [{ started_at: record.started_at, ended_at: null, page_url: pageUrlOf(session.page_context), media, line }],
      awaySince: null,
      talk: new TalkClock(),
      talkLimitTimer: undefined,
      transcript: [],
      held: [],
      offerUfrag: iceUfrag(payload['sdp']),
    };
    this.conversationsBySid.set(callSid, conversation);
    this.state.calls.set(callSid, record);
    this.live.set(callSid, call);
    this.legsBySid.set(callSid, call.legs);
    this.transcriptsBySid.set(callSid, call.transcript);
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
    record.connected_at = this.state.now();
    this.continuity.connected(call);
    const voice = this.startVoice(call, target.agent);
    call.script = new AgentScript(voice.agent, voice.media, (caption) => this.deliverCaption(call, caption));
    call.script.start();
    call.conversation.start();
    voice.start();
    this.endWhenMediaStops(call);
  }

  /**
   * The SDK re-sends `invite` with the `reconnect` token after a new `connected` (socket drop or updateToken). It
   * carries the caller's current local description: when that is a new ICE offer, the caller is mid ICE restart (the
   * network changed; its `reinvite` was lost with the old socket, and the SDK never re-sends one), and the SDK applies
   * only an answer with `sdp`. So that answer carries one, from the agent's renegotiation; otherwise none.
   */
  async reconnect(socket: CallerLine, payload: Record<string, unknown>): Promise<void> {
    this.continuity.sweep();
    const call = this.find(payload['callsid']);
    if (!call || call.reconnectToken !== payload['reconnect'] || call.record.session_id !== socket.sessionId) {
      socket.send('hangup', { callsid: payload['callsid'], error: { code: 31404, message: 'Call not found' } });
      return;
    }
    call.socket = socket;
    const offer = payload['sdp'];
    if (typeof offer === 'string' && iceUfrag(offer) !== undefined && iceUfrag(offer) !== call.offerUfrag) {
      const sdp = await this.renegotiate(call, offer);
      if (sdp !== undefined)
        socket.send('answer', { callsid: call.record.call_sid, sdp, reconnect: call.reconnectToken });
      if (call.awaySince !== null) this.continuity.comeBack(call, false);
      return;
    }
    socket.send('answer', { callsid: call.record.call_sid, reconnect: call.reconnectToken });
    if (call.awaySince !== null) this.continuity.comeBack(call, false);
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
    const typed = callerTranscriptLine(content);
    if (typed) call.transcript.push(typed);
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
    // A page the call has moved on from (continuity): what it still sends, even a hangup, no longer touches the call.
    if (call.socket !== line && call.legs.slice(0, -1).some((leg) => leg.line === line)) return undefined;
    if (call.socket === line || (line.sessionId !== null && call.record.session_id === line.sessionId)) return call;
    line.send('error', {
      callsid: payload['callsid'],
      ...(typeof payload['voiceeventsid'] === 'string' ? { voiceeventsid: payload['voiceeventsid'] } : {}),
      error: CALL_NOT_HERE,
    });
    return undefined;
  }

  /**
   * Calls on a lost socket stay up, waiting for their caller: Twilio's reconnect invite within the grace period, or
   * (continuity) a resumed page within the resume window.
   */
  socketClosed(socket: CallerLine): void {
    for (const call of this.live.values()) {
      if (call.socket !== socket) continue;
      call.socket = null;
      this.continuity.leave(call);
    }
  }

  /** The conversation so far of a live call (the resume answer carries it). */
  transcript(call: LiveCall): TranscriptLine[] {
    return call.transcript.map((line) => ({ ...line }));
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

  /** Adds script steps (already validated) to the given call or the newest live one. */
  runScript(callSid: string | undefined, steps: Parameters<ScriptRunner['add']>[0]): CallRecord | undefined {
    const call = callSid ? this.find(callSid) : this.newest();
    const script = call && this.scripts.get(call.record.call_sid);
    script?.runner.add(steps);
    return script ? call.record : undefined;
  }

  /** The agent says a line on a live call; resolves once its audio has all been queued and its final caption sent. */
  say(callSid: string, text: string): Promise<void> | undefined {
    const call = this.find(callSid);
    return call && this.scripts.get(call.record.call_sid)?.speaker.say(text);
  }

  /** Sends a tool call on a live call; its id (the page's answer shows in the call's `tool_results`). */
  callTool(callSid: string, name: string, params: Record<string, unknown>): string | undefined {
    const call = this.find(callSid);
    return call && this.scripts.has(call.record.call_sid) ? call.conversation.callTool(name, params) : undefined;
  }

  /** The lines the agent has spoken on a call, in order, with the voice that rendered them. */
  spokenLines(callSid: string): LineSpoken[] {
    return [...(this.spokenBySid.get(callSid) ?? [])];
  }

  views(): CallView[] {
    this.continuity.sweep();
    return [...this.state.calls.values()].map((record) => {
      const legs = this.legsBySid.get(record.call_sid) ?? [];
      const legViews = legs.map(legView);
      const stats = legs.at(-1)?.media.stats();
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
        packets_from_caller: legViews.reduce((sum, leg) => sum + leg.packets_from_caller, 0),
        packets_to_caller: legViews.reduce((sum, leg) => sum + leg.packets_to_caller, 0),
        // The greeting goes out on the call's first leg.
        greeting_packets: (legs[0]?.media.stats().greetingPackets ?? []).map((packet) => ({
          sequence_number: packet.sequenceNumber,
          timestamp: packet.timestamp,
        })),
        caller_level: record.state === 'closed' ? 0 : (stats?.callerLevel ?? 0),
        token_refreshes: record.token_refreshes,
        messages_from_caller: this.messagesBySid.get(record.call_sid) ?? [],
        started_at: new Date(record.started_at).toISOString(),
        connected_at: iso(record.connected_at),
        ended_at: iso(record.ended_at),
        end_reason: record.end_reason,
        feedback: record.feedback,
        away_since: iso(this.live.get(record.call_sid)?.awaySince ?? null),
        legs: legViews,
        transcript: this.transcriptsBySid.get(record.call_sid) ?? [],
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
    record.ended_at = this.state.now();
    record.end_reason = reason;
    this.live.delete(record.call_sid);
    for (const timer of call.timers) clearTimeout(timer);
    call.timers.clear();
    clearTimeout(call.signalingLostTimer);
    clearTimeout(call.talkLimitTimer);
    call.talk.pause(record.ended_at);
    const leg = call.legs.at(-1);
    if (leg) leg.ended_at = record.ended_at;
    // Ended for good: no page may pick the call up again.
    const session = record.session_id === null ? undefined : this.state.sessions.get(record.session_id);
    if (session) {
      session.resume_token = null;
      session.pending_leg = null;
    }
    call.script?.stop();
    this.scripts.delete(record.call_sid);
    if (notify) call.socket?.send('hangup', { callsid: record.call_sid, ...(error ? { error } : {}) });
    await call.media.close().catch(() => undefined); // a peer that fails to close is gone either way
  }

  /**
   * Once answered: the agent's voice and its seeded script. With `speak_greeting` the greeting is a spoken line (so
   * the tone agent plays no chime and sends no greeting captions of its own), and while the agent speaks its echo of
   * the caller is held back, so the two never interleave in the media queue.
   */
  private startVoice(call: LiveCall, agent: Agent): { agent: Agent; media: MediaAgent; start: () => void } {
    // Always the current leg's media: a resumed call plays on its new leg.
    const media: MediaAgent = {
      answer: (sdp) => call.media.answer(sdp),
      reoffer: (sdp) => call.media.reoffer(sdp),
      onCallerAudio: (listener) => call.media.onCallerAudio(listener),
      onMediaReady: (listener) => call.media.onMediaReady(listener),
      play: (pcm, options) => call.media.play(pcm, options),
      stats: () => call.media.stats(),
      close: () => call.media.close(),
    };
    const speaker = new Speaker({
      media,
      sendCaption: agent.behaviour.captions ? (caption) => this.deliverCaption(call, caption) : null,
      later: (ms, run) => this.later(call, ms, run),
    });
    this.spokenBySid.set(call.record.call_sid, speaker.spoken);
    const runner = new ScriptRunner({
      say: (text) => void speaker.say(text),
      callTool: (name, params) => void call.conversation.callTool(name, params),
      // A scripted goodbye is heard in full before the line drops.
      hangup: () => void speaker.idle().then(() => this.end(call, 'agent_hangup', null)),
      later: (ms, run) => this.later(call, ms, run),
    });
    this.scripts.set(call.record.call_sid, { runner, speaker });
    const speakGreeting = agent.behaviour.speak_greeting && agent.greeting_message !== '';
    const echoMedia: MediaAgent = {
      ...media,
      play: (pcm, options) => (speaker.speaking ? undefined : media.play(pcm, options)),
    };
    return {
      agent: speakGreeting
        ? { ...agent, greeting_message: '', behaviour: { ...agent.behaviour, greeting: false } }
        : agent,
      media: echoMedia,
      start: () => {
        // Like every line, the spoken greeting waits for the caller's media path (speaker.ts): no word is clipped.
        if (speakGreeting) void speaker.say(agent.greeting_message, { greeting: true });
        runner.add(agent.behaviour.script);
      },
    };
  }

  private deliverCaption(call: LiveCall, caption: Caption | Record<string, unknown>): void {
    if (!call.socket || call.awaySince !== null) {
      // Nobody on the line: the agent falls silent; anything but speech (a tool call) waits for the caller's return.
      if (!isCaption(caption)) call.held.push(caption as Record<string, unknown>);
      return;
    }
    const line = agentTranscriptLine(caption);
    if (line) call.transcript.push(line);
    call.socket.send('message', {
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
        if (now !== last || (call.awaySince !== null && this.continuity.resumable(call))) {
          // Away between pages is not silence: the resume window decides when such a caller is gone.
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
