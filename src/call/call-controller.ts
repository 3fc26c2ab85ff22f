/**
 * One call at a time around an injected Device factory. The controller reports what happens (`callRequested`,
 * `ringing`, `callAccepted`, `mediaLost`, …) as `CallEvent`s and never decides a status: the state machine
 * (src/state/machine.ts) does. `start()` and `end()` are idempotent; `end()` while connecting cancels through an
 * AbortController.
 */
import type { ApiClient } from '../api/client.js';
import { WidgetError, isAbortError } from '../api/errors.js';
import type { ConnectResponse, ResumeGrant, TranscriptLine } from '../api/call-schemas.js';
// In-call messages both ways go through message-schemas.
import type { AgentContext } from '../api/context-rules.js';
import {
  type Caption,
  type ToolCall,
  type WidgetMessage,
  encodeWidgetMessage,
  parseAgentMessage,
} from '../api/message-schemas.js';
import type { VisitorSession } from '../session/visitor-session.js';
import type { AudioDevicesLike, CallLike, DeviceFactory, DeviceLike, TwilioErrorLike } from './device.js';
import { DeviceStandby, buildAhead, signalingGrant } from './device-standby.js';
import { MediaWatchdog } from './media-watchdog.js';
import { TOKEN_CODES, TOKEN_EXPIRED, codeForTwilioError } from './twilio-errors.js';

/** A caption as the widget shows it: who spoke, what, and whether later captions will replace it. */
export type { Caption };

export type CallEndReason = 'local' | 'remote' | 'cancelled' | 'time_limit' | 'error';

/** What happened to the call, as the state machine takes it (src/state/machine.ts). */
export type CallEvent =
  /** A call attempt began (the visitor or the page asked for it). */
  | { type: 'callRequested' }
  /** A live call an earlier page of this tab left is being taken over (docs/protocol.md section 9). */
  | { type: 'resumeFound' }
  /** The server refused to hand that call over (`error` says why: `resume_expired` mostly). */
  | { type: 'resumeRefused'; error: WidgetError }
  /** The agent's side is ringing. */
  | { type: 'ringing' }
  /** The agent answered: the call is live, in session `sessionId`. */
  | { type: 'callAccepted'; sessionId: string }
  /** The media connection dropped and Twilio is restoring it. */
  | { type: 'mediaLost' }
  /** The media connection is back. */
  | { type: 'mediaRestored' }
  /** The call ended without an error (hung up on either side, cancelled or out of time). */
  | { type: 'callEnded'; reason: CallEndReason }
  /** This tab left the call without ending it (`leave()`): it was moved to another tab, where it goes on. */
  | { type: 'callMoved' }
  /** The call (or its setup) failed with `error`. */
  | { type: 'failed'; error: WidgetError };

export interface CallEvents {
  /** Every change of the call, in order. */
  report?(event: CallEvent): void;
  /** After the call's last event: how it ended and how long it was live (the public `kataven-call-end`). */
  ended?(info: { reason: CallEndReason; durationMs: number }): void;
  volume?(input: number, output: number): void;
  caption?(caption: Caption): void;
  muted?(muted: boolean): void;
  /** The agent asked the page to run a client tool. */
  toolCall?(call: ToolCall): void;
  /** Continuity: the server's transcript of a call taken over from an earlier page. */
  transcript?(lines: TranscriptLine[]): void;
  /** Continuity: the newest single-use resume token of the live call (from `/widget/connect` or its `/resume`). */
  resumeGrant?(grant: ResumeGrant): void;
  /**
   * The call-quality warnings Twilio has in force (`high-packet-loss`, `high-jitter`, `low-mos`, `high-rtt`, …), on
   * every change; empty when they clear or the call ends. They never change the status: the line still works.
   */
  networkWarnings?(warnings: readonly string[]): void;
}

export interface CallControllerOptions {
  api: Pick<ApiClient, 'connect' | 'refreshCallToken'> & Partial<Pick<ApiClient, 'requestSignaling' | 'resumeCall'>>;
  session: Pick<VisitorSession, 'getToken' | 'invalidate' | 'keepFresh'> &
    Partial<Pick<VisitorSession, 'takeSignalingGrant' | 'adopt'>>;
  deviceFactory: DeviceFactory;
  events: CallEvents;
  /** How long `end()` waits for Twilio's `disconnect` before tearing down anyway. */
  hangupTimeoutMs?: number;
  /** How long a call may take from `start()` to answered before it fails as `call_failed` (default 30 s). */
  connectTimeoutMs?: number;
  /** Page context for `/widget/connect`, read when the call starts. */
  context?: () => AgentContext | undefined;
  /** A silent input instead of the microphone (the visitor types). */
  silentMicrophone?: () => boolean;
}

/** Everything one call attempt owns; dropped as a whole when the attempt finishes. */
interface Attempt {
  abort: AbortController;
  settled: Promise<void>;
  settle: () => void;
  releaseSession: () => void;
  device?: DeviceLike;
  call?: CallLike;
  sessionId?: string;
  connectedAt?: number;
  pendingError?: WidgetError;
  endReason?: CallEndReason;
  finished: Promise<void>;
  finish: () => void;
  connectTimer?: ReturnType<typeof setTimeout>;
  /** Watches inbound audio once answered, so a dead path shows as `reconnecting` within about a second. */
  watchdog?: MediaWatchdog;
  /** Continuity: the resume token this attempt takes an earlier page's call over with. */
  resumeToken?: string;
  /** The server refused to hand the call over: the attempt ends as `resumeRefused`, not `failed`. */
  refused?: boolean;
  /** The call left for another tab (`leave()`): its Device already went quietly, and the call is not over. */
  left?: boolean;
  /** Twilio's call-quality warnings in force (`warning` until `warning-cleared`). */
  warnings: Set<string>;
}

export class CallController {
  #options: CallControllerOptions;
  #attempt: Attempt | null = null;
  #standby: DeviceStandby;
  /** The agent the standby Device's grant is for (the last one prepared). */
  #agentId = '';

  constructor(options: CallControllerOptions) {
    this.#options = options;
    const { api, session } = options;
    this.#standby = new DeviceStandby({
      deviceFactory: options.deviceFactory,
      // The grant that came with the visitor session, else one asked for.
      requestGrant: async (signal) => {
        const token = await session.getToken(signal);
        const grant = session.takeSignalingGrant?.() ?? null;
        return grant ?? (api.requestSignaling ? api.requestSignaling(token, this.#agentId, signal) : null);
      },
    });
  }

  /** The `/widget/connect` session of the current call, or '' (tools receive it). */
  get sessionId(): string {
    return this.#attempt?.sessionId ?? '';
  }

  get muted(): boolean {
    return this.#attempt?.call?.isMuted() ?? false;
  }

  /**
   * Warm-up on intent, never a call: builds the Device the next call will use and opens its signaling socket, so the
   * click has only `/widget/connect` and the invite left. Idempotent; needs the visitor session (it asks for one).
   */
  prepare(agentId: string): void {
    if (this.#attempt) return;
    if (agentId !== this.#agentId) this.#standby.dispose();
    this.#agentId = agentId;
    this.#standby.prepare();
  }

  /**
   * Starts a call to `agentId`, or with `resumeToken` takes over the live call an earlier page of this tab left
   * (docs/protocol.md section 9). Resolves (never rejects) once the call is connected, has failed, or was cancelled.
   */
  start(agentId: string, resumeToken?: string): Promise<void> {
    if (this.#attempt) return this.#attempt.settled;
    let settle!: () => void;
    let finish!: () => void;
    const attempt: Attempt = {
      abort: new AbortController(),
      settled: new Promise<void>((resolve) => (settle = resolve)),
      settle: () => settle(),
      finished: new Promise<void>((resolve) => (finish = resolve)),
      finish: () => finish(),
      releaseSession: this.#options.session.keepFresh(),
      ...(resumeToken ? { resumeToken } : {}),
      warnings: new Set(),
    };
    this.#attempt = attempt;
    // Twilio has no overall deadline for an answer; without one a silent edge leaves the visitor waiting forever.
    attempt.connectTimer = setTimeout(
      () => this.#fail(attempt, new WidgetError('call_failed', 'the call was not answered in time')),
      this.#options.connectTimeoutMs ?? 30_000,
    );
    this.#report({ type: resumeToken ? 'resumeFound' : 'callRequested' });
    this.#run(attempt, agentId).catch((error: unknown) => {
      if (attempt.abort.signal.aborted || isAbortError(error)) this.#finish(attempt, attempt.endReason ?? 'cancelled');
      else this.#fail(attempt, WidgetError.from(error));
    });
    return attempt.settled;
  }

  /** Ends the call (or cancels one that is connecting). Resolves when everything is torn down. */
  end(reason: CallEndReason = 'local'): Promise<void> {
    const attempt = this.#attempt;
    if (!attempt) return Promise.resolve();
    attempt.endReason ??= reason;
    if (!attempt.call) {
      attempt.abort.abort(new DOMException('call cancelled', 'AbortError'));
      this.#finish(attempt, attempt.connectedAt === undefined ? 'cancelled' : reason);
      return attempt.finished;
    }
    attempt.call.disconnect();
    // Twilio normally answers with `disconnect`; never let a lost event keep the call half-open.
    const timer = setTimeout(() => this.#finish(attempt, reason), this.#options.hangupTimeoutMs ?? 2000);
    return attempt.finished.finally(() => clearTimeout(timer));
  }

  /**
   * Continuity: leaves the live call without ending it, as a page going away does (no hangup; the server keeps the
   * call for the resume window), for another tab to take over. False, and nothing changes, when there is no answered
   * call or the Device cannot leave quietly.
   */
  leave(): boolean {
    const attempt = this.#attempt;
    const device = attempt?.device;
    if (!attempt?.call || attempt.connectedAt === undefined || !device?.leaveQuietly) return false;
    attempt.left = true;
    try {
      device.leaveQuietly();
    } catch (error) {
      console.warn('[kataven-widget] device teardown failed', error);
    }
    this.#finish(attempt, 'local');
    return true;
  }

  /** Continuity: from now on the page going away leaves the live call to the site's next page (see DeviceLike). */
  keepCallOnPageHide(): void {
    this.#attempt?.device?.keepCallOnPageHide?.();
  }

  setMuted(muted: boolean): void {
    this.#attempt?.call?.mute(muted);
  }

  /** Sends an in-call message to the agent; false when there is no live call or it is invalid. */
  send(message: WidgetMessage): boolean {
    const call = this.#attempt?.call;
    const json = encodeWidgetMessage(message);
    const answered = this.#attempt?.connectedAt !== undefined;
    if (!call?.sendMessage || json === null || !answered) return false;
    try {
      // An object, as Twilio documents `content`; re-parsed from the checked JSON so only plain data goes out.
      const content: unknown = JSON.parse(json);
      call.sendMessage({ content, contentType: 'application/json', messageType: 'user-defined-message' });
      return true;
    } catch (error) {
      console.warn('[kataven-widget] could not send an in-call message', error);
      return false;
    }
  }

  /** The current call's microphone and speaker choice, or null (no call, or the Device cannot choose). */
  get audio(): AudioDevicesLike | null {
    return this.#attempt?.device?.audio ?? null;
  }

  /** Tears everything down without emitting further events (the element was removed). */
  dispose(): void {
    this.#options = { ...this.#options, events: {} };
    this.#standby.dispose();
    const attempt = this.#attempt;
    if (!attempt) return;
    attempt.abort.abort(new DOMException('disposed', 'AbortError'));
    attempt.call?.disconnect();
    this.#finish(attempt, 'cancelled');
  }

  async #run(attempt: Attempt, agentId: string): Promise<void> {
    const { signal } = attempt.abort;
    const silentMicrophone = this.#options.silentMicrophone?.() ?? false;
    // Everything the click needs starts now, side by side: the call request, the Device (the one built on intent, or
    // a new one while the request is in flight) and the microphone.
    let sent!: (sent: boolean) => void;
    const requestSent = new Promise<boolean>((resolve) => (sent = resolve));
    const early = this.#earlyDevice(attempt, agentId, silentMicrophone, requestSent);
    const connect = attempt.resumeToken
      ? await this.#requestResume(attempt, attempt.resumeToken, signal, sent)
      : await this.#requestCall(agentId, signal, sent);
    attempt.sessionId = connect.session_id;
    if (connect.resume) this.#options.events.resumeGrant?.(connect.resume);
    const grant = signalingGrant(connect.twilio);
    let device = await early;
    signal.throwIfAborted();
    if (device?.useGrant) {
      await device.useGrant(grant, { silentMicrophone });
      signal.throwIfAborted();
    } else {
      device?.destroy();
      device = await this.#options.deviceFactory({ ...grant, ...(silentMicrophone ? { silentMicrophone } : {}) });
      attempt.device = device;
      if (signal.aborted) {
        // end() already finished this attempt while the Device was being created: release it here.
        device.destroy();
        signal.throwIfAborted();
      }
    }
    device.on('error', (error: TwilioErrorLike) => this.#onDeviceError(attempt, error));
    device.on('tokenWillExpire', () => void this.#refreshCallToken(attempt));
    const call = await device.connect({
      params: connect.params ?? {},
      rtcConfiguration: { iceServers: connect.ice_servers ?? [] },
    });
    if (signal.aborted) {
      call.disconnect();
      device.destroy();
      signal.throwIfAborted();
    }
    attempt.call = call;
    this.#wireCall(attempt, call);
  }

  /**
   * The Device for this call before its grant is known: the standby one, or (where the factory can build ahead) one
   * built now, while `/widget/connect` is in flight. It belongs to the attempt at once, so however the attempt ends the
   * Device is destroyed; null means the Device is built after the answer.
   */
  async #earlyDevice(
    attempt: Attempt,
    agentId: string,
    silentMicrophone: boolean,
    requestSent: Promise<boolean>,
  ): Promise<DeviceLike | null> {
    const { deviceFactory } = this.#options;
    if (!deviceFactory.buildsAhead) return null;
    // The standby Device is this agent's, or of no use.
    const standby = agentId === this.#agentId ? this.#standby.take() : Promise.resolve(null);
    this.#standby.dispose();
    let device: DeviceLike | null;
    try {
      device = await standby;
      // Building a Device is main-thread work: a new one waits until the connect request is out, then fills its wait
      // (and is not built at all when the request could not be sent). With the grant that came with the visitor
      // session, its socket opens during that wait too.
      if (!device && (await requestSent)) {
        device = await buildAhead(deviceFactory, this.#options.session.takeSignalingGrant?.() ?? null);
      }
    } catch {
      return null; // built again after the answer, where a real failure (an unsupported browser) is reported
    }
    if (!device) return null;
    if (attempt.abort.signal.aborted || this.#attempt !== attempt) {
      device.destroy();
      return null;
    }
    attempt.device = device;
    if (!silentMicrophone) device.warmMicrophone?.();
    return device;
  }

  /**
   * `POST /widget/connect`; a 401 means the visitor token expired under us: refresh once, then try again. `onSent`
   * learns whether the request went out, so work that competes for the main thread can wait until it has.
   */
  async #requestCall(agentId: string, signal: AbortSignal, onSent: (sent: boolean) => void): Promise<ConnectResponse> {
    const { api, session } = this.#options;
    const send = async () => {
      const answer = api.connect(await session.getToken(signal), agentId, signal, this.#options.context?.());
      onSent(true); // the fetch has been dispatched
      return answer;
    };
    try {
      return await send();
    } catch (error) {
      onSent(false); // no-op once it was sent
      if (!(error instanceof WidgetError) || error.status !== 401) throw error;
      session.invalidate();
      return await send();
    }
  }

  /**
   * `POST /widget/connect/resume`: the call, a new visitor session and the transcript so far. A refusal (the token is
   * spent or expired, the call is over, another origin) marks the attempt refused.
   */
  async #requestResume(
    attempt: Attempt,
    resumeToken: string,
    signal: AbortSignal,
    onSent: (sent: boolean) => void,
  ): Promise<ConnectResponse> {
    const { api, session, events } = this.#options;
    if (!api.resumeCall) throw new WidgetError('call_failed', 'this build cannot resume calls');
    // The agent learns where the visitor is now: this page's address, unless the page's own context names one.
    const answer = api.resumeCall(resumeToken, { url: location.href, ...this.#options.context?.() }, signal);
    onSent(true);
    try {
      const resumed = await answer;
      session.adopt?.(resumed.visitor);
      events.transcript?.(resumed.transcript);
      return resumed;
    } catch (error) {
      if (error instanceof WidgetError && (error.status === 401 || error.status === 403)) attempt.refused = true;
      throw error;
    }
  }

  #wireCall(attempt: Attempt, call: CallLike): void {
    const current = () => this.#attempt === attempt;
    // Reconnecting while Twilio says so or while the agent's audio has stopped arriving (media-watchdog.ts); the
    // machine hears only the changes.
    let twilioReconnecting = false;
    let lineDown = false;
    const showLine = () => {
      if (!current()) return;
      const down = twilioReconnecting || attempt.watchdog?.stalled === true;
      if (down === lineDown) return;
      lineDown = down;
      this.#report({ type: down ? 'mediaLost' : 'mediaRestored' });
    };
    call.on('ringing', () => current() && this.#report({ type: 'ringing' }));
    call.on('accept', () => {
      if (!current()) return;
      attempt.connectedAt = Date.now();
      clearTimeout(attempt.connectTimer);
      this.#report({ type: 'callAccepted', sessionId: attempt.sessionId ?? '' });
      attempt.settle();
      const read = attempt.device?.inboundAudioPackets?.bind(attempt.device);
      if (read) attempt.watchdog = new MediaWatchdog(read, showLine);
    });
    call.on('reconnecting', () => {
      twilioReconnecting = true;
      showLine();
    });
    call.on('reconnected', () => {
      twilioReconnecting = false;
      showLine();
    });
    // Twilio names each warning once when it starts and once when it clears (a name is a string: ignore anything else).
    const warn = (name: unknown, inForce: boolean) => {
      if (!current() || typeof name !== 'string' || attempt.warnings.has(name) === inForce) return;
      if (inForce) attempt.warnings.add(name);
      else attempt.warnings.delete(name);
      this.#options.events.networkWarnings?.([...attempt.warnings]);
    };
    call.on('warning', (name: unknown) => warn(name, true));
    call.on('warning-cleared', (name: unknown) => warn(name, false));
    call.on('volume', (input: number, output: number) => current() && this.#options.events.volume?.(input, output));
    call.on('mute', (muted: boolean) => current() && this.#options.events.muted?.(muted));
    call.on('messageReceived', (message: { content?: unknown }) => current() && this.#onMessage(message));
    call.on('error', (error: TwilioErrorLike) => {
      if (current()) attempt.pendingError ??= twilioError(error, attempt.connectedAt !== undefined);
    });
    // Twilio emits `disconnect` *before* the `error` that explains it when getUserMedia fails (31401/31402:
    // Call#_disconnect() then emit('error')), so decide how the call ended only after the current emit run.
    const onGone = () =>
      queueMicrotask(() => this.#finish(attempt, attempt.pendingError ? 'error' : (attempt.endReason ?? 'remote')));
    call.on('disconnect', onGone);
    call.on('cancel', onGone);
    call.on('reject', onGone);
  }

  #onDeviceError(attempt: Attempt, error: TwilioErrorLike): void {
    if (this.#attempt !== attempt) return;
    if (error.code === TOKEN_EXPIRED && attempt.connectedAt !== undefined) {
      void this.#refreshCallToken(attempt);
      return;
    }
    // Before the call is answered, a bad token never settles `device.connect()`: the Device's error is the only signal.
    // Once a call exists, its own `error`/`disconnect` events tell the story (with reconnects), so ignore the rest.
    const beforeAnswer = attempt.connectedAt === undefined;
    if (!attempt.call || (beforeAnswer && error.code !== undefined && TOKEN_CODES.has(error.code))) {
      this.#fail(attempt, twilioError(error, false));
    }
  }

  async #refreshCallToken(attempt: Attempt): Promise<void> {
    const { device, sessionId } = attempt;
    if (!device || !sessionId) return;
    try {
      const { api, session } = this.#options;
      const visitorToken = await session.getToken(attempt.abort.signal);
      const { twilio } = await api.refreshCallToken(visitorToken, sessionId, attempt.abort.signal);
      if (this.#attempt === attempt) device.updateToken(twilio.token);
    } catch (error) {
      // The current token still has a few seconds; if it lapses, Twilio reports it and the call ends with an error.
      if (!isAbortError(error)) console.warn('[kataven-widget] could not refresh the call token', error);
    }
  }

  #onMessage(message: { content?: unknown }): void {
    const parsed = parseAgentMessage(message.content);
    if (parsed?.kind === 'caption') this.#options.events.caption?.(parsed.caption);
    else if (parsed?.kind === 'tool_call') this.#options.events.toolCall?.(parsed.call);
  }

  #fail(attempt: Attempt, error: WidgetError): void {
    attempt.pendingError ??= error;
    attempt.call?.disconnect();
    this.#finish(attempt, 'error');
  }

  /** Idempotent: tears down the attempt once and reports how it ended. */
  #finish(attempt: Attempt, reason: CallEndReason): void {
    if (this.#attempt !== attempt) return;
    this.#attempt = null;
    clearTimeout(attempt.connectTimer);
    attempt.watchdog?.stop();
    // Steps still in flight (a connect request, a Device being created) see the abort and release what they make.
    attempt.abort.abort(new DOMException('call finished', 'AbortError'));
    const durationMs = attempt.connectedAt === undefined ? 0 : Date.now() - attempt.connectedAt;
    attempt.releaseSession();
    try {
      if (!attempt.left) attempt.device?.destroy();
    } catch (error) {
      console.warn('[kataven-widget] device teardown failed', error);
    }
    const events = this.#options.events;
    if (attempt.warnings.size > 0) events.networkWarnings?.([]);
    if (attempt.left) {
      // Not over: the call goes on in the tab it moved to, so the page hears no `kataven-call-end` from this one.
      this.#report({ type: 'callMoved' });
      attempt.settle();
      attempt.finish();
      return;
    }
    const error = reason === 'error' ? attempt.pendingError : undefined;
    const failure = attempt.refused ? ('resumeRefused' as const) : ('failed' as const);
    this.#report(error ? { type: failure, error } : { type: 'callEnded', reason });
    events.ended?.({ reason: error ? 'error' : reason, durationMs });
    attempt.settle();
    attempt.finish();
  }

  #report(event: CallEvent): void {
    this.#options.events.report?.(event);
  }
}

function twilioError(error: TwilioErrorLike, wasConnected: boolean): WidgetError {
  const code = codeForTwilioError(error.code, wasConnected);
  return new WidgetError(code, `Twilio ${error.code ?? '?'}: ${error.message ?? 'unknown error'}`, { cause: error });
}
