/**
 * What happens during a call: the visitor session, the call controller (with the Twilio Device factory unless a test
 * injects another), consent, the call timer and its limit, captions and levels. Loaded on intent, so the launcher's
 * first paint never pays for it; it writes to the element's stores through `CallStateContext`.
 */
import type { ApiClient } from '../api/client.js';
import { WidgetError } from '../api/errors.js';
import { type CallEndReason, CallController, type CallEvent } from '../call/call-controller.js';
import type { AudioDeviceList } from '../call/device.js';
import { insecureContextError } from '../call/secure-context.js';
import { createTwilioDevice, preloadTwilio } from '../call/twilio-device.js';
import type { ResumeGrant } from '../api/call-schemas.js';
import { type ResumeRecord, deleteResumeRecord, resumeExpiry, saveResumeRecord } from '../session/resume-record.js';
import { VisitorSession } from '../session/visitor-session.js';
import { remainingSeconds } from './config-rules.js';
import { createConversation } from './conversation.js';
import { createWakeLock } from './wake-lock.js';
import { type EmitEvent, FEEDBACK_COMMENT_MAX } from '../events.js';
import type { WidgetEvent } from './machine.js';
import { type WidgetInput, type WidgetStores, isLive } from './widget-stores.js';

// The API client's call-time schemas, from this chunk (widget-state.ts): the chunk has one way in, so it loads alone.
export {
  CallTokenResponse,
  ConnectResponse,
  NoContent,
  ResumeResponse,
  SignalingResponse,
  VisitorSessionResponse,
} from '../api/call-schemas.js';

/** A microphone (`input`) or speaker (`output`) the visitor picked. */
export interface DeviceChoice {
  kind: 'input' | 'output';
  id: string;
}

export interface CallStateContext {
  stores: WidgetStores;
  input: WidgetInput;
  api: ApiClient;
  emit: EmitEvent;
  /** Reports what happened to the state machine (machine.ts), which decides the status; false when it was ignored. */
  report: (event: WidgetEvent) => boolean;
  /** The element's inputs as they are now (`context` and `clientTools` may change during a call). */
  latestInput?: () => WidgetInput;
}

export function createCallState(context: CallStateContext) {
  const { stores, input, api, emit, report } = context;
  const fail = (error: WidgetError) => report({ type: 'failed', error });
  const session = new VisitorSession({
    api,
    agentId: input.agentId,
    userToken: () => input.userToken,
    userTokenProvider: input.userTokenProvider,
  });
  let consented = false;
  /** The microphone permission, watched from intent on (where the Permissions API knows it). */
  let microphone: PermissionStatus | undefined;
  navigator.permissions
    ?.query({ name: 'microphone' })
    .then((status) => (microphone = status))
    .catch(() => undefined); // not queryable in this browser: Twilio reports a denial when the call starts
  let ticker: ReturnType<typeof setInterval> | undefined;
  let connectedAt = 0;
  // Context, client tools, typed text and the transcript live in conversation.ts. Its
  // callbacks reach `controller` only once a call runs, after it is created below.
  const conversation = createConversation({
    stores,
    emit,
    input: () => context.latestInput?.() ?? input,
    send: (message) => controller.send(message),
    sessionId: () => controller.sessionId,
  });
  const wakeLock = createWakeLock();
  /** The session of the last call that connected, until the visitor rates it (docs/protocol.md section 8). */
  let rateable: string | null = null;
  /** Continuity: the live call's newest resume token, and the mute state a taken-over call restores once live. */
  let resumeGrant: ResumeGrant | null = null;
  let restoreMuted = false;
  /** A taken-over call waiting for the visitor's click (`continueResume`). */
  let heldResume: ResumeRecord | null = null;
  const clientKey = input.clientKey ?? '';
  const continuityOn = () =>
    (context.latestInput?.() ?? input).continuity !== 'off' &&
    stores.$config.get()?.policy.continuity_enabled !== false;

  /**
   * What another page (the site's next one, or another tab) needs to take the live call over (docs/protocol.md
   * section 9), with a fresh expiry: the server counts the resume window from the moment this page lets go. Null when
   * the call cannot move (not live, no resume token, continuity off).
   */
  function resumeRecord(): ResumeRecord | null {
    const status = stores.$status.get();
    if (!resumeGrant || !continuityOn() || (status !== 'connected' && status !== 'reconnecting')) return null;
    return {
      session_id: controller.sessionId,
      agent_id: agentId(),
      resume_token: resumeGrant.token,
      expires_at: resumeExpiry(resumeGrant.expires_in),
      panel_open: stores.$open.get(),
      muted: stores.$muted.get(),
    };
  }

  /** Keeps the resume record in this tab while the call is live, for the site's next page. */
  function keepResumeRecord(): void {
    const record = resumeRecord();
    if (record) saveResumeRecord(clientKey, record);
  }
  const unlistenOpen = stores.$open.listen(keepResumeRecord);
  const unlistenMuted = stores.$muted.listen(keepResumeRecord);
  // `pagehide`, not `beforeunload` or `unload`: it fires on every way a page goes (and keeps the back/forward cache).
  addEventListener('pagehide', keepResumeRecord);

  const controller = new CallController({
    api,
    session,
    deviceFactory: input.deviceFactory ?? createTwilioDevice,
    context: () => conversation.pageContext(),
    silentMicrophone: () => conversation.typing,
    events: {
      report: onCallEvent,
      ended: (info) => emit('call-end', info),
      volume: (inputLevel, outputLevel) => stores.$level.set({ input: inputLevel, output: outputLevel }),
      muted: (muted) => {
        stores.$muted.set(muted);
        emit('mute', { muted });
      },
      caption: (caption) => conversation.addTurn(caption),
      toolCall: (call) => void conversation.runTool(call),
      transcript: (lines) => stores.$captions.set(lines.map((line) => ({ ...line, final: true }))),
      resumeGrant: (grant) => {
        resumeGrant = grant;
        keepResumeRecord();
      },
      networkWarnings: (warnings) => {
        stores.$networkWarnings.set(warnings);
        emit('network-quality', { warnings: [...warnings] });
      },
    },
  });

  /** The machine's effects for a call: what starts when it goes live and what stops when it ends. */
  function onCallEvent(event: CallEvent): void {
    const wasLive = isLive(stores.$status.get());
    if (event.type === 'callRequested') {
      stores.$error.set(null);
      stores.$captions.set([]);
      stores.$feedback.set('ask'); // the next ended call asks again
    }
    if (!report(event)) return;
    const status = stores.$status.get();
    if (event.type === 'callRequested') emit('call-start', { agentId: agentId() });
    if (event.type === 'callAccepted') {
      rateable = event.sessionId;
      if (continuityOn()) controller.keepCallOnPageHide();
      if (restoreMuted) controller.setMuted(true);
      restoreMuted = false;
      keepResumeRecord();
      emit('call-connected', { sessionId: event.sessionId });
    }
    if (status === 'connected') wakeLock.acquire();
    if (status === 'connected' && !ticker) {
      connectedAt = Date.now();
      stores.$elapsedSeconds.set(0);
      ticker = setInterval(tick, 250);
    }
    if (wasLive && !isLive(status)) {
      // Over for good (hung up, out of time, failed, or not handed over), or moved to another tab (`elsewhere`): the
      // next page of this tab starts afresh.
      resumeGrant = null;
      heldResume = null;
      stores.$resumeHeld.set(false);
      deleteResumeRecord(clientKey);
      conversation.callEnded();
      wakeLock.release();
      stopTicker();
      stores.$level.set({ input: 0, output: 0 });
      stores.$muted.set(false);
      // The conversation goes on in the other tab: this one would show it stale once the call is over there.
      if (status === 'elsewhere') stores.$captions.set([]);
    }
  }

  /** The agent a call goes to: the one the config names, else the element's `agent-id`. */
  function agentId(): string {
    return stores.$config.get()?.agent.id ?? input.agentId ?? '';
  }

  function tick(): void {
    stores.$elapsedSeconds.set(Math.floor((Date.now() - connectedAt) / 1000));
    if (remainingSeconds(stores.$config.get(), stores.$elapsedSeconds.get()) === 0) void controller.end('time_limit');
  }

  function stopTicker(): void {
    clearInterval(ticker);
    ticker = undefined;
  }

  return {
    /** Starts a call (or asks for consent first). Resolves once connected, failed, cancelled or waiting for consent. */
    start(): Promise<void> {
      const config = stores.$config.get();
      const agent = agentId();
      // A call held for the visitor's click: the page's own start() is that click, never a second call.
      if (heldResume) return this.continueResume();
      if (isLive(stores.$status.get())) return controller.start(agent);
      if (!config || stores.$status.get() === 'unavailable') return Promise.resolve();
      if (config.policy.consent_required && !consented) {
        stores.$open.set(true);
        stores.$consentAsked.set(true);
        return Promise.resolve();
      }
      stores.$open.set(true);
      // Checked before the microphone: an insecure page's permission reads as denied, but the site must fix it.
      const insecure = insecureContextError();
      if (insecure) {
        fail(insecure);
        return Promise.resolve();
      }
      if (microphone?.state === 'denied' && !conversation.typing) {
        // Known blocked: say so now, without spending a session, a call slot or the visitor's time.
        fail(new WidgetError('mic_denied', 'the microphone permission is denied for this site'));
        return Promise.resolve();
      }
      return controller.start(agent);
    },
    end: (reason: CallEndReason) => controller.end(reason),
    /**
     * Continuity: takes over the live call an earlier page of this tab left (`record`), muted if it was. Where the
     * browser needs a click first, the call is held in `resuming` (`$resumeHeld`) until `continueResume()`.
     */
    async resume(record: ResumeRecord): Promise<void> {
      if (isLive(stores.$status.get())) return;
      restoreMuted = record.muted;
      const deviceFactory = input.deviceFactory ?? createTwilioDevice;
      if (await deviceFactory.needsGesture?.()) {
        if (stores.$status.get() !== 'ready') return;
        heldResume = record;
        stores.$resumeHeld.set(true);
        stores.$open.set(true);
        report({ type: 'resumeFound' });
        return;
      }
      return controller.start(record.agent_id, record.resume_token);
    },
    /**
     * Tabs (call-tabs.ts): leaves the live call for another tab of this site, quietly (no hangup: the server keeps it
     * for the resume window), and returns what that tab takes it over with; null when it cannot move now.
     */
    handOver(): ResumeRecord | null {
      const record = resumeRecord();
      return record && controller.leave() ? record : null;
    },
    /** "Move call here": takes over the call another tab handed over (`record`), as the site's next page would. */
    takeOver(record: ResumeRecord): Promise<void> {
      if (isLive(stores.$status.get())) return Promise.resolve();
      restoreMuted = record.muted;
      return controller.start(record.agent_id, record.resume_token);
    },
    /** The visitor's click on "Continue the call": the held call is taken over now. */
    continueResume(): Promise<void> {
      const record = heldResume;
      heldResume = null;
      stores.$resumeHeld.set(false);
      if (!record || stores.$status.get() !== 'resuming') return Promise.resolve();
      return controller.start(record.agent_id, record.resume_token);
    },
    /**
     * The call's microphones and speakers (null without a call or where the Device cannot choose), after switching to
     * `select` if given. A failed switch is reported in the console and leaves the list as the Device has it.
     */
    async devices(select?: DeviceChoice): Promise<AudioDeviceList | null> {
      const audio = controller.audio;
      if (!audio) return null;
      try {
        if (select?.kind === 'input') await audio.setInput(select.id);
        if (select?.kind === 'output') await audio.setOutput(select.id);
      } catch (error) {
        console.warn('[kataven-widget] could not switch the audio device', error);
      }
      return audio.list();
    },
    /**
     * Rates the last call once it has ended: posts `/widget/feedback` and fires `kataven-feedback`. Resolves false
     * (never rejects) when there is nothing to rate or the post failed, so the visitor may try again.
     */
    async feedback(rating: 'up' | 'down', comment: string): Promise<boolean> {
      const sessionId = rateable;
      if (!sessionId || isLive(stores.$status.get())) return false;
      const text = comment.trim().slice(0, FEEDBACK_COMMENT_MAX);
      try {
        const token = await session.getToken();
        await api.sendFeedback(token, { session_id: sessionId, rating, ...(text ? { comment: text } : {}) });
      } catch (error) {
        console.warn('[kataven-widget] could not send feedback', error);
        return false;
      }
      if (rateable === sessionId) rateable = null;
      emit('feedback', { sessionId, rating, comment: text });
      return true;
    },
    setMuted: (muted: boolean) => controller.setMuted(muted),
    acceptConsent(): Promise<void> {
      consented = true;
      stores.$consentAsked.set(false);
      return this.start();
    },
    /**
     * Warm-up on intent: the Twilio chunk (unless a test injected its own Device) and, if asked, the session and the
     * standby Device with its signaling socket, so a click waits only for `/widget/connect` and the invite.
     */
    prepare(options: { session?: boolean }): Promise<unknown> {
      if (options.session && !isLive(stores.$status.get())) controller.prepare(agentId());
      return Promise.all([
        input.deviceFactory ? undefined : preloadTwilio(),
        options.session ? session.getToken() : undefined,
      ]);
    },
    /** Typed text, context updates and the no-microphone path. */
    sendText: (text: unknown) => conversation.sendText(text),
    sendContext: (update: unknown) => conversation.sendContext(update),
    continueByTyping(): Promise<void> {
      conversation.startTyping();
      return this.start();
    },
    dispose(): void {
      // The element went away with its call: the call is hung up below, so no later page may try to take it over.
      if (isLive(stores.$status.get())) deleteResumeRecord(clientKey);
      unlistenOpen();
      unlistenMuted();
      removeEventListener('pagehide', keepResumeRecord);
      conversation.dispose();
      wakeLock.release();
      stopTicker();
      controller.dispose();
      session.dispose();
    },
  };
}

export type CallState = ReturnType<typeof createCallState>;
