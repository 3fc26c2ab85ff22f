// Continuity on the sandbox's side (docs/protocol.md section 9): a live call whose caller went away (the signaling
// socket closed) waits for them, silent and not counting talk time, and the page they come back on carries the call
// on as a new media leg. The call book owns the calls; this owns their comings and goings.
import { AgentScript } from './agent/agent-script';
import type { AgentConversation } from './agent/conversation';
import type { MediaAgent, MediaAgentFactory } from './agent/media-agent';
import { returningAgent, type ContinuityState } from './call-legs';
import type { Agent } from './seed';
import { randomHex, type CallRecord, type ConnectSession, type SandboxState } from './state';

/** A signaling line as continuity uses it (the call book's CallerLine). */
interface Line {
  send(type: string, payload?: Record<string, unknown>): void;
}

/** What continuity reads and changes of a live call (the call book's Call). */
export interface ContinuityCall extends ContinuityState {
  record: CallRecord;
  agent: Agent;
  socket: Line | null;
  media: MediaAgent;
  script: AgentScript | null;
  conversation: AgentConversation;
  reconnectToken: string;
  signalingLostTimer: NodeJS.Timeout | undefined;
}

/** What continuity needs from the call book. */
export interface ContinuityHost<Call extends ContinuityCall> {
  readonly state: SandboxState;
  /** How long a call waits for Twilio's own signaling reconnect. */
  readonly signalingGraceMs: number;
  readonly createMediaAgent: MediaAgentFactory;
  liveCalls(): Iterable<Call>;
  liveCall(callSid: string): Call | undefined;
  end(call: Call, reason: string, error: { code: number; message: string } | null): Promise<void>;
  deliver(call: Call, content: Record<string, unknown>): void;
}

export class CallContinuity<Call extends ContinuityCall> {
  constructor(private readonly host: ContinuityHost<Call>) {}

  private now(): number {
    return this.host.state.now();
  }

  /** The caller is on the line and talking: talk time runs toward max_call_seconds. */
  connected(call: Call): void {
    call.talk.start(this.now());
    this.armTalkLimit(call);
  }

  /**
   * The caller's line went away: the agent falls silent, talk time stops, and the call waits. A resumable call waits
   * for the longer of Twilio's signaling grace and the resume window, so both kinds of return keep working.
   */
  leave(call: Call): void {
    const now = this.now();
    call.awaySince = now;
    call.talk.pause(now);
    clearTimeout(call.talkLimitTimer);
    call.script?.stop();
    this.armAwayLimit(call);
  }

  /** The caller is back: on the same media (Twilio's reconnect) or on a new leg (a resumed page). */
  comeBack(call: Call, resumed: boolean): void {
    clearTimeout(call.signalingLostTimer);
    call.signalingLostTimer = undefined;
    call.awaySince = null;
    this.connected(call);
    call.script?.stop();
    call.script = new AgentScript(returningAgent(call.agent, resumed), call.media, (caption) =>
      this.host.deliver(call, { ...caption }),
    );
    call.script.start();
    for (const message of call.held.splice(0)) this.host.deliver(call, message);
  }

  /**
   * The invite from the page a resumed call went to: a new media leg of the same call. The earlier leg ends here;
   * its page is gone or (a call moved here from another tab) its tab leaves quietly, and nothing it still sends
   * touches the call (see the call book's ownCall).
   */
  async attachLeg(
    call: Call,
    line: NonNullable<Call['socket']>,
    sdp: string,
    tempSid: string,
    session: ConnectSession,
  ) {
    const pending = session.pending_leg;
    session.pending_leg = null; // before any await: a second invite racing this one is busy
    if (call.awaySince === null) this.leave(call);
    const now = this.now();
    const previous = call.legs.at(-1);
    if (previous) {
      previous.ended_at = now;
      void previous.media.close().catch(() => undefined);
    }
    const media = this.host.createMediaAgent();
    call.legs.push({ started_at: now, ended_at: null, page_url: pending?.page_url ?? null, media, line });
    call.media = media;
    call.socket = line;
    call.record.temp_sid = tempSid;
    call.reconnectToken = `RC${randomHex(16)}`;
    if (pending?.page_context) call.conversation.setPageContext(pending.page_context);
    const callSid = call.record.call_sid;
    line.send('ringing', { callsid: callSid });
    let answerSdp: string;
    try {
      answerSdp = await media.answer(sdp);
    } catch (error) {
      const message = `Agent could not answer: ${(error as Error).message}`;
      void this.host.end(call, 'agent_error', { code: 31000, message });
      return;
    }
    if (call.record.state === 'closed' || call.media !== media) return; // ended meanwhile, or yet another leg took over
    call.socket?.send('answer', { callsid: callSid, sdp: answerSdp, reconnect: call.reconnectToken });
    this.comeBack(call, true);
  }

  /**
   * The live call of a session that can be resumed now: its caller is on the line (a move from another tab) or has
   * been away for less than the resume window.
   */
  resumableCall(session: ConnectSession): Call | undefined {
    this.sweep();
    const call = session.call_sid === null ? undefined : this.host.liveCall(session.call_sid);
    if (!call || call.record.state === 'closed') return undefined;
    if (call.awaySince !== null && this.now() - call.awaySince >= this.resumeWindowMs()) return undefined;
    return call;
  }

  /** A resume was granted: the caller has shown up, so an away call's wait starts again for the coming invite. */
  resumeGranted(call: Call): void {
    if (call.awaySince === null || call.socket !== null) return;
    call.awaySince = this.now();
    this.armAwayLimit(call);
  }

  /**
   * Ends what has run out on the sandbox's clock (an away window, a talk-time limit). The timers do the same in real
   * time; this makes an injected clock authoritative, so tests move time instead of waiting for it.
   */
  sweep(): void {
    const now = this.now();
    for (const call of [...this.host.liveCalls()]) {
      const maxSeconds = call.agent.widget.max_call_seconds;
      if (call.awaySince !== null && now - call.awaySince >= this.awayLimitMs(call)) {
        void this.host.end(call, this.awayEndReason(call), null);
      } else if (maxSeconds !== null && call.talk.used(now) >= maxSeconds * 1000) {
        void this.host.end(call, 'max_call_seconds', null);
      }
    }
  }

  private armAwayLimit(call: Call): void {
    clearTimeout(call.signalingLostTimer);
    const end = () => void this.host.end(call, this.awayEndReason(call), null);
    call.signalingLostTimer = setTimeout(end, this.awayLimitMs(call));
  }

  private armTalkLimit(call: Call): void {
    clearTimeout(call.talkLimitTimer);
    const maxSeconds = call.agent.widget.max_call_seconds;
    if (maxSeconds === null) return;
    const left = Math.max(0, maxSeconds * 1000 - call.talk.used(this.now()));
    call.talkLimitTimer = setTimeout(() => void this.host.end(call, 'max_call_seconds', null), left);
  }

  private resumeWindowMs(): number {
    return this.host.state.settings.resume_seconds * 1000;
  }

  /** A call whose session holds a resume token can be picked up on another page. */
  /** Whether the call's session can still be picked up on another page (it has a live resume token). */
  resumable(call: Call): boolean {
    const { session_id: sessionId } = call.record;
    return typeof (sessionId === null ? undefined : this.host.state.sessions.get(sessionId))?.resume_token === 'string';
  }

  private awayLimitMs(call: Call): number {
    const grace = this.host.signalingGraceMs;
    return this.resumable(call) ? Math.max(grace, this.resumeWindowMs()) : grace;
  }

  private awayEndReason(call: Call): string {
    return this.resumable(call) ? 'caller_left' : 'signaling_lost';
  }
}
