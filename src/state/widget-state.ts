/**
 * Per-element state: nanostores plus the actions that move them. The element renders these stores and forwards
 * intent here; nothing in this folder knows about Lit or the DOM. Call-time logic lives in `call-state.ts`, which is
 * loaded on intent.
 */
import { atom } from 'nanostores';
import { createApiClient, type ApiClient } from '../api/client.js';
import { WidgetError } from '../api/errors.js';
import type { WidgetConfigResponse } from '../api/schemas.js';
import type { VisitorSessionResponse } from '../api/call-schemas.js';
import type { Caption, CallEndReason } from '../call/call-controller.js';
import type { DeviceFactory } from '../call/device.js';
import { preloadTwilio } from '../call/twilio-loader.js';
import type { KatavenEventDetails, KatavenEventName } from '../events.js';
import type { CallState } from './call-state.js';
import {
  type PolicyOverride,
  type ResolvedConfig,
  checkClientKey,
  resolveConfig,
  unavailableReason,
} from './config.js';

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
  /** Preview-only policy laid over the server's (what the widget shows, not what the server allows). */
  policy?: PolicyOverride | undefined;
  /** Replaces the Twilio Device (tests, custom SDK builds). */
  createDevice?: DeviceFactory | undefined;
}

const LIVE_STATUSES: ReadonlySet<WidgetStatus> = new Set(['connecting', 'ringing', 'connected', 'reconnecting']);

/** True while a call is being set up or is in progress. */
export function isLive(status: WidgetStatus): boolean {
  return LIVE_STATUSES.has(status);
}

/** How the state reports public events; the element dispatches them. */
export type EmitEvent = <Name extends KatavenEventName>(name: Name, detail: KatavenEventDetails[Name]) => void;

function createStores() {
  return {
    $status: atom<WidgetStatus>('idle'),
    $error: atom<WidgetError | null>(null),
    /** Epoch ms before which retrying is pointless (the server's Retry-After), or 0. */
    $retryAt: atom(0),
    $config: atom<ResolvedConfig | null>(null),
    $open: atom(false),
    $consentAsked: atom(false),
    $muted: atom(false),
    $level: atom({ input: 0, output: 0 }),
    $elapsedSeconds: atom(0),
    $captions: atom<readonly Caption[]>([]),
  };
}

export type WidgetStores = ReturnType<typeof createStores>;

export function createWidgetState(emit: EmitEvent) {
  const stores = createStores();
  const { $status, $error, $config, $open, $consentAsked, $captions } = stores;

  let input: WidgetInput = {};
  let api: ApiClient | null = null;
  let calls: CallState | null = null;
  let callsLoading: Promise<CallState> | null = null;
  let loadAbort: AbortController | null = null;
  let loading: Promise<void> | null = null;
  let lastResponse: WidgetConfigResponse | null = null;
  /** A guest session requested at the click (or on intent) while the call code was still downloading. */
  let earlyGuest: { response: Promise<VisitorSessionResponse>; at: number } | null = null;
  /** Bumped whenever the visitor's identity (key, agent, tokens) changes, so late async work can tell it is stale. */
  let generation = 0;

  function setStatus(status: WidgetStatus): void {
    const previous = $status.get();
    if (previous === status) return;
    $status.set(status);
    emit('status', { status, previous });
  }

  function fail(error: WidgetError, status: WidgetStatus = 'error'): void {
    $error.set(error);
    stores.$retryAt.set(error.retryAfterSeconds ? Date.now() + error.retryAfterSeconds * 1000 : 0);
    setStatus(status);
    emit('error', { code: error.code, message: error.message, retryable: error.retryable });
  }

  function apiClient(): ApiClient {
    api ??= createApiClient({ clientKey: input.clientKey ?? '', apiBase: input.apiBase });
    return api;
  }

  /**
   * Starts the guest session request now, before the call code (which owns the visitor session) has loaded, so the
   * request and the chunk downloads overlap. Only for guests, only when a session is about to be needed anyway.
   */
  function startEarlyGuest(): void {
    if (calls || earlyGuest || input.userToken || input.userTokenProvider) return;
    const response = apiClient().startGuestSession(input.agentId);
    response.catch(() => undefined); // reported where the visitor session consumes it
    earlyGuest = { response, at: Date.now() };
  }

  /** The API the call state uses: its first guest sign-in takes the early request when there is a fresh one. */
  function apiForCalls(): ApiClient {
    const api = apiClient();
    return {
      ...api,
      startGuestSession(agentId, signal) {
        const early = earlyGuest;
        earlyGuest = null;
        const fresh = early && agentId === input.agentId && Date.now() - early.at < 60_000;
        return fresh ? early.response : api.startGuestSession(agentId, signal);
      },
    };
  }

  /** The call-time half of the state, loaded once per configuration on intent or on the first call. */
  function loadCalls(): Promise<CallState> {
    if (calls) return Promise.resolve(calls);
    if (!callsLoading) {
      const forGeneration = generation;
      // Everything a call needs starts downloading now, side by side, rather than each chunk discovering the next:
      // the call-time schemas (a static import of the call code) and the Twilio SDK (needed once /widget/connect
      // answers). Their failures surface where they are used.
      import('../api/call-schemas.js').catch(() => undefined);
      if (!input.createDevice) preloadTwilio().catch(() => undefined);
      const pending = import('./call-state.js').then(({ createCallState }) => {
        // Reconfigured (or disposed) while the chunk was loading: this call state would belong to the old visitor.
        if (generation !== forGeneration) throw new DOMException('reconfigured', 'AbortError');
        calls = createCallState({ stores, input, api: apiForCalls(), emit, setStatus, fail: (error) => fail(error) });
        return calls;
      });
      pending.catch(() => {
        if (callsLoading === pending) callsLoading = null;
      });
      callsLoading = pending;
    }
    return callsLoading;
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
    if (reason) fail(new WidgetError(reason, `this visitor cannot call: ${reason}`), 'unavailable');
    else setStatus('ready');
  }

  /** Drops the session and any call: used when the key, agent or visitor identity changes, and on dispose. */
  function teardown(): void {
    generation += 1;
    loadAbort?.abort(new DOMException('reconfigured', 'AbortError'));
    loadAbort = null;
    loading = null;
    calls?.dispose();
    calls = null;
    callsLoading = null;
    earlyGuest = null;
  }

  const actions = {
    /** Sets the inputs; a change of key, agent, API base or identity starts over with a fresh load. */
    configure(next: WidgetInput): void {
      const keys: (keyof WidgetInput)[] = [
        'clientKey',
        'agentId',
        'apiBase',
        'userToken',
        'userTokenProvider',
        'createDevice',
      ];
      const identityChanged = keys.some((key) => next[key] !== input[key]);
      const overridesChanged = next.branding !== input.branding || next.policy !== input.policy;
      input = { ...next };
      if (identityChanged) {
        teardown();
        api = null;
        lastResponse = null;
        $config.set(null);
        $error.set(null);
        $captions.set([]);
        setStatus('idle');
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
      setStatus('loading');
      $error.set(null);
      loading = apiClient()
        .getConfig(input.agentId, abort.signal)
        .then((response) => {
          if (abort.signal.aborted) return;
          lastResponse = response;
          const config = applyConfig(response);
          emit('ready', { agentId: config.agent.id, agentName: config.agent.name });
          applyAvailability(config);
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
      if ($status.get() === 'idle') void actions.load();
      // Opening the panel is clear intent: also start the visitor session, so the call button answers at once.
      actions.prepare({ session: true });
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
      if (!$config.get()) await actions.load();
      if (!$config.get() || $status.get() === 'unavailable') return;
      startEarlyGuest();
      let loaded: CallState;
      try {
        loaded = await loadCalls();
      } catch (error) {
        if (!(error instanceof DOMException)) fail(WidgetError.from(error, 'network'));
        return;
      }
      await loaded.start();
    },

    async end(reason: CallEndReason = 'local'): Promise<void> {
      await calls?.end(reason);
    },

    setMuted(muted: boolean): void {
      calls?.setMuted(muted);
    },

    async acceptConsent(): Promise<void> {
      await (await loadCalls()).acceptConsent();
    },

    declineConsent(): void {
      $consentAsked.set(false);
    },

    /** After an error: reload when the config never arrived, otherwise call again. */
    retry(): Promise<void> {
      if (Date.now() < stores.$retryAt.get()) return Promise.resolve();
      return $config.get() ? actions.start() : actions.load();
    },

    dispose(): void {
      teardown();
      input = {};
      $open.set(false);
    },
  };

  return { ...stores, actions };
}
