/**
 * Per-element state: nanostores plus the actions that move them. The element renders these stores and forwards
 * intent here; nothing in this folder knows about Lit or the DOM. Call-time logic lives in `call-state.ts`, which is
 * loaded on intent.
 */
import { type ApiClient, createApiClientWith } from '../api/client.js';
import { WidgetError } from '../api/errors.js';
import type { WidgetConfigResponse } from '../api/schemas.js';
import type { CallEndReason } from '../call/call-controller.js';
import { preloadTwilio } from '../call/twilio-loader.js';
import type { EmitEvent } from '../events.js';
import { loadOnce } from '../load-once.js';
import { deleteResumeRecord, readResumeRecord } from '../session/resume-record.js';
import { offlineError, whenOnline } from './offline.js';
import type { CallState } from './call-state.js';
import type { CallTabs } from './call-tabs.js';
import { createEarlyRequests } from './early-requests.js';
import { type ResolvedConfig, checkClientKey, resolveConfig, unavailableReason } from './config-rules.js';
import { type WidgetEvent, createMachine } from './machine.js';
import {
  IDENTITY_INPUTS,
  OVERRIDE_INPUTS,
  type WidgetInput,
  type WidgetStatus,
  createStores,
  isLive,
  resetStores,
} from './widget-stores.js';

export function createWidgetState(emitTo: EmitEvent) {
  // The element the page's events go to: another one after a route change took the call over (`handOver`).
  let target = emitTo;
  const emit: EmitEvent = (name, detail) => target(name, detail);
  const stores = createStores();
  const { $status, $error, $config, $open, $consentAsked } = stores;

  let input: WidgetInput = {};
  let api: ApiClient | null = null;
  let calls: CallState | null = null;
  /** The other tabs of this site (call-tabs.ts), once the config allows continuity; null where there are none. */
  let tabs: CallTabs | null = null;
  let loadAbort: AbortController | null = null;
  let loading: Promise<void> | null = null;
  let lastResponse: WidgetConfigResponse | null = null;
  /** Bumped whenever the visitor's identity (key, agent, tokens) changes, so late async work can tell it is stale. */
  let generation = 0;

  // However the panel opens or closes (the visitor, the page, a call starting), the page hears it once.
  $open.listen((open) => emit(open ? 'open' : 'close', {}));

  // The only place the status changes: the table in machine.ts. The page hears each real change once.
  const machine = createMachine($status, (status, previous) => emit('status', { status, previous }));

  /**
   * Reports what happened; the machine decides the status. An event carrying an error also shows it and tells the
   * page, unless the current status does not take the event (then nothing changes at all). Returns whether it did.
   */
  function report(event: WidgetEvent): boolean {
    const error = 'error' in event ? event.error : null;
    if (error && !machine.can(event.type)) return machine.send(event); // ignored, and reported in development
    if (error) {
      $error.set(error);
      stores.$retryAt.set(error.retryAfterSeconds ? Date.now() + error.retryAfterSeconds * 1000 : 0);
    }
    const moved = machine.send(event);
    if (error) emit('error', { code: error.code, message: error.message, retryable: error.retryable });
    return moved;
  }

  const fail = (error: WidgetError) => report({ type: 'failed', error });

  /** Cancels the wait for `online` after an offline click. */
  let cancelOnlineWait = (): void => undefined;

  /**
   * Offline (offline.ts): fail at once, before loading the call code or asking the server (both would wait for
   * timeouts), and be ready again by itself when the browser is back online, unless something happened since.
   */
  function failWhileOffline(): boolean {
    const offline = offlineError();
    if (!offline || isLive($status.get())) return false;
    fail(offline);
    cancelOnlineWait();
    cancelOnlineWait = whenOnline(() => {
      if ($error.get() !== offline) return;
      $error.set(null);
      report({ type: 'backOnline' });
    });
    return true;
  }

  function apiClient(): ApiClient {
    // The call-time schemas come with the call code, in one chunk with one way in (call-state.ts).
    api ??= createApiClientWith(() => import('./call-state.js'), {
      clientKey: input.clientKey ?? '',
      apiBase: input.apiBase,
    });
    return api;
  }

  /** The guest session and a resume asked for before the call code has loaded (early-requests.ts). */
  const early = createEarlyRequests(apiClient);

  /**
   * Starts the guest session request now, before the call code (which owns the visitor session) has loaded, so the
   * request and the chunk downloads overlap. Only for guests, only when a session is about to be needed anyway.
   */
  function startEarlyGuest(): void {
    if (!calls && !input.userToken && !input.userTokenProvider) early.guest(input.agentId);
  }

  /** The call-time half of the state, loaded once per identity on intent or on the first call. */
  let loadCalls = callStateLoader();

  function callStateLoader(): () => Promise<CallState> {
    const forGeneration = generation;
    return loadOnce(() => {
      // Everything a call needs starts downloading now, side by side: the call code (with the call-time schemas) and
      // the Twilio SDK (needed once /widget/connect answers). A failure surfaces where it is used.
      if (!input.deviceFactory) preloadTwilio().catch(() => undefined);
      return import('./call-state.js').then(({ createCallState }) => {
        // Reconfigured (or disposed) while the chunk was loading: this call state would belong to the old visitor.
        if (generation !== forGeneration) throw new DOMException('reconfigured', 'AbortError');
        calls = createCallState({
          stores,
          input,
          api: early.forCalls(),
          emit,
          report,
          latestInput: () => input, // context and clientTools change without a reload
        });
        return calls;
      });
    });
  }

  function applyConfig(response: WidgetConfigResponse): ResolvedConfig {
    const config = resolveConfig(response, input.branding, input.policy);
    for (const issue of config.brandingIssues) {
      console.warn(`[kataven-widget] branding.${issue.field} ${issue.message}; using the default`);
    }
    $config.set(config);
    return config;
  }

  function applyAvailability(config: ResolvedConfig): void {
    const authenticated = Boolean(input.userToken || input.userTokenProvider);
    const reason = unavailableReason(config, authenticated);
    if (reason)
      report({ type: 'configRefused', error: new WidgetError(reason, `this visitor cannot call: ${reason}`) });
    else report({ type: 'configLoaded' });
  }

  /**
   * Continuity (docs/protocol.md section 9): a live call an earlier page of this tab left is taken over here, with the
   * panel as it was. With continuity off (the page's `continuity`, the agent's policy) a leftover record is dropped.
   */
  function resumeLeftCall(config: ResolvedConfig): void {
    const clientKey = input.clientKey ?? '';
    if (input.continuity === 'off' || !config.policy.continuity_enabled) {
      deleteResumeRecord(clientKey);
      return;
    }
    const forGeneration = generation;
    // Another tab holding the call (call-tabs.ts) wins over a record: a duplicated tab has a copy of that tab's.
    void import('./call-tabs.js')
      .then(({ createCallTabs }) => {
        if (generation !== forGeneration) return false;
        tabs = createCallTabs({ clientKey, stores, report, handOver: () => calls?.handOver() ?? null });
        return tabs?.heldElsewhere() ?? false;
      })
      .catch(() => false) // no tab features (the chunk did not load): one tab, as before
      .then((held) => {
        if (generation !== forGeneration) return;
        if (held) {
          deleteResumeRecord(clientKey);
          if ($status.get() === 'ready') report({ type: 'heldElsewhere' });
          return;
        }
        const record = readResumeRecord(clientKey);
        if (!record || $status.get() !== 'ready') return;
        $open.set(record.panel_open);
        void loadCallState().then((loaded) => loaded?.resume(record));
      });
  }

  /** Drops the session and any call: used when the key, agent or visitor identity changes, and on dispose. */
  function teardown(): void {
    generation += 1;
    loadAbort?.abort(new DOMException('reconfigured', 'AbortError'));
    loadAbort = null;
    loading = null;
    tabs?.dispose();
    tabs = null;
    calls?.dispose();
    calls = null;
    loadCalls = callStateLoader();
    early.clear();
  }

  /** Intent waiting for a load to settle; released on dispose so that no caller waits forever. */
  const loadWaiters = new Set<() => void>();

  /** Resolves once the config has loaded or failed to (at once if no load is pending or to come). */
  function whenLoadSettled(): Promise<void> {
    const pending = (status: WidgetStatus) => status === 'idle' || status === 'loading';
    if (!pending($status.get())) return Promise.resolve();
    return new Promise((resolve) => {
      const release = () => {
        loadWaiters.delete(release);
        stopListening();
        resolve();
      };
      const stopListening = $status.listen((status) => {
        if (!pending(status)) release();
      });
      loadWaiters.add(release);
    });
  }

  /** The call state, or null after reporting why it could not load (a reconfiguration is no failure). */
  async function loadCallState(): Promise<CallState | null> {
    try {
      return await loadCalls();
    } catch (error) {
      if (!(error instanceof DOMException)) fail(WidgetError.from(error, 'network'));
      return null;
    }
  }

  const actions = {
    /** Sets the inputs; a change of key, agent, API base or identity starts over with a fresh load. */
    configure(next: WidgetInput): void {
      const identityChanged = IDENTITY_INPUTS.some((key) => next[key] !== input[key]);
      const overridesChanged = OVERRIDE_INPUTS.some((key) => next[key] !== input[key]);
      input = { ...next };
      if (identityChanged) {
        teardown();
        api = null;
        lastResponse = null;
        // Everything the old visitor saw goes, except whether the panel is open (the page decides that).
        resetStores(stores, ['$open']);
        report({ type: 'reset' });
      } else if (overridesChanged && lastResponse) {
        // The page changed its `branding`/`policy` overrides (e.g. the demo's live preview): no refetch needed.
        const config = applyConfig(lastResponse);
        // Re-decide availability (a preview may switch the policy), but never over a call or its error view.
        const status = $status.get();
        if (status === 'ready' || status === 'unavailable') {
          $error.set(null);
          applyAvailability(config);
        }
      }
    },

    /** Fetches the config and decides what the visitor may do. Idempotent while loading. */
    load(): Promise<void> {
      if (loading) return loading;
      const keyProblem = checkClientKey(input.clientKey);
      if (keyProblem) {
        // Refused before any request: a wrong or secret key must never travel.
        console.error(`[kataven-widget] ${keyProblem.message}`);
        fail(new WidgetError(keyProblem.code, keyProblem.message));
        return Promise.resolve();
      }
      const abort = new AbortController();
      loadAbort = abort;
      report({ type: 'configRequested' });
      // A call an earlier page of this tab left (resumeLeftCall): its code and its resume request go out beside the
      // config, not after it.
      const leftCall = input.continuity === 'off' ? null : readResumeRecord(input.clientKey ?? '');
      if (leftCall && !input.deviceFactory) {
        preloadTwilio().catch(() => undefined);
        import('./call-state.js').catch(() => undefined);
        import('./call-tabs.js').catch(() => undefined);
      }
      // The page's own context goes with the resume only once the call code has checked it.
      if (leftCall && input.context === undefined) {
        const clientKey = input.clientKey ?? '';
        // The tabs chunk (a few hundred bytes, cached by the page before) knows whether another tab holds the call.
        const heldInATab = () => import('./call-tabs.js').then(({ callHeldInATab }) => callHeldInATab(clientKey));
        early.resume(leftCall, clientKey, () => heldInATab().catch(() => false));
      }
      $error.set(null);
      loading = apiClient()
        .getConfig(input.agentId, abort.signal)
        .then((response) => {
          if (abort.signal.aborted) return;
          lastResponse = response;
          const config = applyConfig(response);
          emit('ready', { agentId: config.agent.id, agentName: config.agent.name });
          applyAvailability(config);
          resumeLeftCall(config);
        })
        .catch((error: unknown) => {
          if (abort.signal.aborted) return;
          loading = null;
          const widgetError = WidgetError.from(error, 'network');
          if (!widgetError.retryable) console.error(`[kataven-widget] ${widgetError.code}: ${widgetError.message}`);
          fail(widgetError);
        });
      return loading;
    },

    open(): void {
      $open.set(true);
      // Opening the panel is clear intent: also start the visitor session (once the config is there), so the call
      // button answers at once.
      void whenLoadSettled().then(() => actions.prepare({ session: true }));
    },

    close(): void {
      $open.set(false);
      $consentAsked.set(false);
    },

    /**
     * Warm-up on intent, never a call: the call code and the Twilio chunk on hover or focus, and with
     * `session: true` (the panel opened) the visitor session too.
     */
    prepare(options: { session?: boolean } = {}): void {
      // Only when a call is possible: no point fetching 50 KB for a visitor who cannot call.
      if ($config.get() && $status.get() !== 'unavailable') {
        if (options.session) startEarlyGuest();
        // A failed prefetch is retried, and reported, by start().
        loadCalls()
          .then((loaded) => loaded.prepare(options))
          .catch(() => undefined);
      }
    },

    async start(): Promise<void> {
      if (!$config.get()) {
        // A failed load is retried; intent that came before the config (a page's own button, right after creating
        // the element) waits for it instead of being lost.
        if ($status.get() === 'error') await actions.load();
        else await whenLoadSettled();
      }
      // The call is live in another tab: never a second one (the visitor may move it here instead).
      if (!$config.get() || $status.get() === 'unavailable' || $status.get() === 'elsewhere') return;
      if (failWhileOffline()) return;
      startEarlyGuest();
      const loaded = await loadCallState();
      await loaded?.start();
    },

    async end(reason: CallEndReason = 'local'): Promise<void> {
      await calls?.end(reason);
    },

    setMuted(muted: boolean): void {
      calls?.setMuted(muted);
    },

    // Typed text, context updates and calling without a microphone.
    sendText: (text: unknown): boolean => calls?.sendText(text) ?? false,
    sendContext: (update: unknown): boolean => calls?.sendContext(update) ?? false,
    async continueByTyping(): Promise<void> {
      const loaded = await loadCallState();
      await loaded?.continueByTyping();
    },

    async acceptConsent(): Promise<void> {
      const loaded = await loadCallState();
      await loaded?.acceptConsent();
    },

    /** "Continue the call": the visitor's click a call taken over from an earlier page waited for. */
    async continueResume(): Promise<void> {
      const loaded = await loadCallState();
      await loaded?.continueResume();
    },

    /** "Move call here": the call in another tab of this site is taken over here (call-tabs.ts). */
    moveHere: (): Promise<void> => tabs?.moveHere(loadCallState) ?? Promise.resolve(),

    /** The call-time state (audio devices), or null when it could not load. */
    calls: loadCallState,

    /** Rates the call that ended; the feedback step shows progress, and asks again when the rating could not go out. */
    async rate(rating: 'up' | 'down', comment: string): Promise<void> {
      const { $feedback } = stores;
      if ($feedback.get() !== 'ask') return;
      $feedback.set('sending');
      const loaded = await loadCallState();
      const sent = (await loaded?.feedback(rating, comment)) ?? false;
      // A call started meanwhile has its own step already.
      if ($feedback.get() === 'sending') $feedback.set(sent ? 'thanks' : 'ask');
    },

    skipFeedback(): void {
      stores.$feedback.set('skipped');
    },

    declineConsent(): void {
      $consentAsked.set(false);
    },

    /** After an error: reload when the config never arrived, otherwise call again. */
    retry(): Promise<void> {
      if (Date.now() < stores.$retryAt.get()) return Promise.resolve();
      return $config.get() ? actions.start() : actions.load();
    },

    /** The inputs of a live call that may follow the visitor to another element (continuity on), else null. */
    followingCall(): WidgetInput | null {
      const on = input.continuity !== 'off' && $config.get()?.policy.continuity_enabled !== false;
      return on && isLive($status.get()) ? input : null;
    },

    /** From now on the page's events go to `to` (the element that took the call over), which hears its new status. */
    handOver(to: EmitEvent): void {
      target = to;
      to('status', { status: $status.get(), previous: 'idle' });
    },

    dispose(): void {
      cancelOnlineWait();
      for (const release of [...loadWaiters]) release();
      teardown();
      input = {};
      $open.set(false);
    },
  };

  return { ...stores, stores, actions };
}

export type WidgetState = ReturnType<typeof createWidgetState>;
