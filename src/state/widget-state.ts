/**
 * Per-element state: nanostores plus the actions that move them. The element renders these stores and forwards
 * intent here; nothing in this folder knows about Lit or the DOM beyond `console`.
 */
import { atom } from 'nanostores';
import { createApiClient, type ApiClient } from '../api/client.js';
import { WidgetError, type WidgetErrorCode } from '../api/errors.js';
import type { CaptionMessage } from '../api/call-schemas.js';
import type { WidgetConfigResponse } from '../api/schemas.js';
import type { CallEndReason, CallStatus } from '../call/call-controller.js';
import type { DeviceFactory } from '../call/device.js';
import type { CallStack } from './call-stack.js';
import { type ResolvedConfig, checkClientKey, resolveConfig, unavailableReason } from './config.js';

export type WidgetStatus =
  | 'idle'
  | 'loading'
  | 'ready'
  | 'unavailable'
  | 'connecting'
  | 'ringing'
  | 'connected'
  | 'reconnecting'
  | 'ended'
  | 'error';

export interface WidgetInput {
  clientKey?: string | undefined;
  agentId?: string | undefined;
  apiBase?: string | undefined;
  userToken?: string | undefined;
  userTokenProvider?: (() => Promise<string>) | undefined;
  branding?: Readonly<Record<string, unknown>> | undefined;
  /** Replaces the Twilio Device (tests, custom SDK builds). */
  createDevice?: DeviceFactory | undefined;
}

/** What the state tells its element; the element turns each into a public DOM event. */
export type WidgetSignal =
  | { type: 'ready' }
  | { type: 'status'; status: WidgetStatus; previous: WidgetStatus }
  | { type: 'call-start' }
  | { type: 'call-connected'; sessionId: string }
  | { type: 'call-end'; reason: CallEndReason; durationMs: number }
  | { type: 'mute'; muted: boolean }
  | { type: 'message'; caption: CaptionMessage }
  | { type: 'error'; error: WidgetError };

const MAX_CAPTIONS = 50;
const CALL_STATUSES: ReadonlySet<WidgetStatus> = new Set(['connecting', 'ringing', 'connected', 'reconnecting']);

export function createWidgetState(emit: (signal: WidgetSignal) => void) {
  const $status = atom<WidgetStatus>('idle');
  const $error = atom<WidgetError | null>(null);
  const $config = atom<ResolvedConfig | null>(null);
  const $open = atom(false);
  const $consentAsked = atom(false);
  const $muted = atom(false);
  const $level = atom({ input: 0, output: 0 });
  const $elapsedSeconds = atom(0);
  const $captions = atom<readonly CaptionMessage[]>([]);
  /** Seconds left before `max_call_seconds` ends the call, or null when there is no limit. */
  const remainingSeconds = (): number | null => {
    const max = $config.get()?.policy.max_call_seconds;
    return max ? Math.max(0, max - $elapsedSeconds.get()) : null;
  };

  let input: WidgetInput = {};
  let api: ApiClient | null = null;
  let stack: CallStack | null = null;
  let stackLoading: Promise<CallStack> | null = null;
  let loadAbort: AbortController | null = null;
  let loading: Promise<void> | null = null;
  let consented = false;
  let ticker: ReturnType<typeof setInterval> | undefined;
  let connectedAt = 0;
  let lastResponse: WidgetConfigResponse | null = null;

  function setStatus(status: WidgetStatus): void {
    const previous = $status.get();
    if (previous === status) return;
    $status.set(status);
    emit({ type: 'status', status, previous });
  }

  function fail(error: WidgetError, status: WidgetStatus = 'error'): void {
    $error.set(error);
    setStatus(status);
    emit({ type: 'error', error });
  }

  function stopTicker(): void {
    clearInterval(ticker);
    ticker = undefined;
  }

  function onCallStatus(status: CallStatus): void {
    if (status === 'connected' && !ticker) {
      connectedAt = Date.now();
      $elapsedSeconds.set(0);
      ticker = setInterval(tick, 250);
    }
    if (status === 'ended' || status === 'error') {
      stopTicker();
      $level.set({ input: 0, output: 0 });
      $muted.set(false);
    }
    if (status === 'idle') return;
    if (status !== 'error') setStatus(status);
  }

  function tick(): void {
    const elapsed = Math.floor((Date.now() - connectedAt) / 1000);
    $elapsedSeconds.set(elapsed);
    if (remainingSeconds() === 0) void actions.end('time_limit');
  }

  function loadCallStack(): Promise<CallStack> {
    if (stack) return Promise.resolve(stack);
    stackLoading ??= import('./call-stack.js').then(({ createCallStack }) => {
      stack = createCallStack({
        api: api ?? createApiClient({ clientKey: input.clientKey ?? '', apiBase: input.apiBase }),
        session: {
          agentId: input.agentId,
          userToken: () => input.userToken,
          userTokenProvider: input.userTokenProvider,
        },
        createDevice: input.createDevice,
        events: {
          status: onCallStatus,
          connected: ({ sessionId }) => emit({ type: 'call-connected', sessionId }),
          ended: (info) => emit({ type: 'call-end', ...info }),
          error: (error) => fail(error),
          volume: (inputLevel, outputLevel) => $level.set({ input: inputLevel, output: outputLevel }),
          muted: (muted) => {
            $muted.set(muted);
            emit({ type: 'mute', muted });
          },
          caption: addCaption,
        },
      });
      return stack;
    });
    stackLoading.catch(() => (stackLoading = null));
    return stackLoading;
  }

  function addCaption(caption: CaptionMessage): void {
    const list = $captions.get();
    const last = list[list.length - 1];
    // A partial caption is replaced by the next caption of the same speaker until one is final.
    const replaceLast = last !== undefined && !last.final && last.role === caption.role;
    const next = replaceLast ? [...list.slice(0, -1), caption] : [...list, caption];
    $captions.set(next.slice(-MAX_CAPTIONS));
    emit({ type: 'message', caption });
  }

  /** Drops the session and any call: used when the key, agent or visitor identity changes, and on dispose. */
  function teardown(): void {
    loadAbort?.abort(new DOMException('reconfigured', 'AbortError'));
    loadAbort = null;
    loading = null;
    stack?.controller.dispose();
    stack?.session.dispose();
    stack = null;
    stackLoading = null;
    stopTicker();
  }

  const actions = {
    /** Sets the inputs; a change of key, agent, API base or identity starts over with a fresh load. */
    configure(next: WidgetInput): void {
      const identityChanged =
        next.clientKey !== input.clientKey ||
        next.agentId !== input.agentId ||
        next.apiBase !== input.apiBase ||
        next.userToken !== input.userToken ||
        next.userTokenProvider !== input.userTokenProvider ||
        next.createDevice !== input.createDevice;
      const brandingChanged = next.branding !== input.branding;
      input = { ...next };
      if (identityChanged) {
        teardown();
        api = null;
        lastResponse = null;
        $config.set(null);
        $error.set(null);
        $captions.set([]);
        setStatus('idle');
      } else if (brandingChanged) {
        reapplyBranding();
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
      api ??= createApiClient({ clientKey: input.clientKey ?? '', apiBase: input.apiBase });
      const abort = new AbortController();
      loadAbort = abort;
      setStatus('loading');
      $error.set(null);
      const client = api;
      loading = client
        .getConfig(input.agentId, abort.signal)
        .then((response) => {
          if (abort.signal.aborted) return;
          lastResponse = response;
          applyAvailability(applyConfig(response));
          emit({ type: 'ready' });
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
      const status = $status.get();
      if (status === 'idle') void actions.load();
      // Opening is intent: fetch the call code now so the call button answers at once.
      if (status === 'ready') actions.prepare();
    },

    close(): void {
      $open.set(false);
      $consentAsked.set(false);
    },

    /** Warm-up on intent (hover/focus/open): the Twilio chunk and the call stack, never a call. */
    prepare(): void {
      loadCallStack()
        .then(async (loaded) => {
          if (!input.createDevice) await (await import('./call-stack.js')).preloadTwilio();
          return loaded;
        })
        .catch(() => undefined); // a failed prefetch is retried, and reported, by start()
    },

    async start(): Promise<void> {
      if (CALL_STATUSES.has($status.get())) return stack?.controller.start(currentAgentId());
      if (!$config.get()) await actions.load();
      const config = $config.get();
      if (!config) return;
      const status = $status.get();
      if (status === 'unavailable') return;
      if (config.policy.consent_required && !consented) {
        $open.set(true);
        $consentAsked.set(true);
        return;
      }
      $error.set(null);
      $captions.set([]);
      $open.set(true);
      setStatus('connecting');
      emit({ type: 'call-start' });
      let loaded: CallStack;
      try {
        loaded = await loadCallStack();
      } catch (error) {
        fail(WidgetError.from(error, 'network'));
        return;
      }
      await loaded.controller.start(currentAgentId());
    },

    async end(reason: CallEndReason = 'local'): Promise<void> {
      await stack?.controller.end(reason);
    },

    setMuted(muted: boolean): void {
      stack?.controller.setMuted(muted);
    },

    acceptConsent(): Promise<void> {
      consented = true;
      $consentAsked.set(false);
      return actions.start();
    },

    declineConsent(): void {
      $consentAsked.set(false);
    },

    /** After an error: reload when the config never arrived, otherwise call again. */
    retry(): Promise<void> {
      if (!$config.get()) {
        loading = null;
        return actions.load();
      }
      return actions.start();
    },

    dispose(): void {
      teardown();
    },
  };

  function currentAgentId(): string {
    return $config.get()?.agent.id ?? input.agentId ?? '';
  }

  function applyAvailability(config: ResolvedConfig): void {
    const authenticated = Boolean(input.userToken || input.userTokenProvider);
    const reason: WidgetErrorCode | null = unavailableReason(config, authenticated);
    if (reason) fail(new WidgetError(reason, `this visitor cannot call: ${reason}`), 'unavailable');
    else setStatus('ready');
  }

  function applyConfig(response: WidgetConfigResponse): ResolvedConfig {
    const config = resolveConfig(response, input.branding);
    for (const issue of config.brandingIssues) {
      console.warn(`[kataven-widget] branding.${issue.field} ${issue.message}; using the default`);
    }
    $config.set(config);
    return config;
  }

  /** The page changed its `branding` override (e.g. the demo's live preview): no refetch needed. */
  function reapplyBranding(): void {
    if (lastResponse) applyConfig(lastResponse);
  }

  return {
    $status,
    $error,
    $config,
    $open,
    $consentAsked,
    $muted,
    $level,
    $elapsedSeconds,
    remainingSeconds,
    $captions,
    actions,
  };
}

export type WidgetState = ReturnType<typeof createWidgetState>;
