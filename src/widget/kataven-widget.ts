import { LitElement, type PropertyValues, html, nothing } from 'lit';
import { isLauncherPosition } from '../api/branding.js';
import type { DeviceFactory } from '../call/device.js';
import {
  KatavenCallConnectedEvent,
  KatavenCallEndEvent,
  KatavenCallStartEvent,
  KatavenErrorEvent,
  KatavenMessageEvent,
  KatavenMuteEvent,
  KatavenReadyEvent,
  KatavenStatusEvent,
} from '../events.js';
import { type WidgetSignal, type WidgetStatus, createWidgetState } from '../state/widget-state.js';
import { stringsFor } from './i18n.js';
import { StoreController } from './store-controller.js';
import { widgetStyles } from './styles.js';

const LIVE: ReadonlySet<WidgetStatus> = new Set(['connecting', 'ringing', 'connected', 'reconnecting']);

/**
 * A voice launcher and call panel for a Kataven AI agent.
 *
 * @fires kataven-ready - The config was fetched and applied.
 * @fires kataven-status - The status changed: `{status, previous}`.
 * @fires kataven-call-start - A call is starting.
 * @fires kataven-call-connected - The agent answered: `{sessionId}`.
 * @fires kataven-call-end - The call ended: `{reason, durationMs}`.
 * @fires kataven-mute - The microphone was muted or unmuted: `{muted}`.
 * @fires kataven-message - The agent sent a caption: `{role, text, final}`.
 * @fires kataven-error - Something failed: `{code, message, retryable}`.
 *
 * @csspart launcher - The floating button that opens the panel.
 * @csspart panel - The call panel.
 * @csspart logo - The brand logo (launcher and panel header).
 * @csspart title - The agent's name.
 * @csspart status - The live status line.
 * @csspart call-button - Starts a call.
 * @csspart end-button - Ends the call.
 * @csspart mute-button - Mutes or unmutes the microphone.
 * @csspart privacy-notice - The privacy notice text.
 * @csspart error - The error message.
 * @csspart meter - The live audio level meter.
 *
 * @cssprop --kataven-primary - Primary brand color (default: the account's `primary_color`).
 * @cssprop --kataven-accent - Accent color (default: the account's `accent_color`).
 * @cssprop --kataven-font - Font stack (default: the system UI font).
 * @cssprop --kataven-radius - Panel corner radius (default 16px).
 * @cssprop --kataven-z-index - Stacking order of the floating widget (default 2147483000).
 * @cssprop --kataven-offset - Distance from the viewport corner (default 20px).
 */
export class KatavenWidget extends LitElement {
  static override styles = widgetStyles;

  static override properties = {
    clientKey: { attribute: 'client-key' },
    agentId: { attribute: 'agent-id' },
    apiBase: { attribute: 'api-base' },
    userToken: { attribute: false },
    userTokenProvider: { attribute: false },
    locale: {},
    theme: { reflect: true },
    position: {},
    display: { reflect: true },
    branding: { attribute: false },
    deviceFactory: { attribute: false },
  };

  /** The publishable `pk_live_…` key. Any other key (an `sk_live_…` key above all) is refused before any request. */
  declare clientKey: string | undefined;
  /** The agent to call; a key pinned to an agent wins (the server decides). */
  declare agentId: string | undefined;
  /** Kataven API base URL. Default `https://api.kataven.ai/v1`. */
  declare apiBase: string | undefined;
  /** A 5-minute, single-use token from your backend (`POST /widget/auth/user-token`) for signed-in visitors. */
  declare userToken: string | undefined;
  /** Returns a fresh user token whenever the widget needs one; preferred over `userToken` for long visits. */
  declare userTokenProvider: (() => Promise<string>) | undefined;
  /** UI language (`en`, `es`); default from `navigator.language`, falling back to English. */
  declare locale: string | undefined;
  /** `auto` (default, follows `prefers-color-scheme`), `light` or `dark`. */
  declare theme: 'auto' | 'light' | 'dark';
  /** Overrides the account's `launcher_position`: `br`, `bl`, `tr` or `tl`. */
  declare position: string | undefined;
  /** `floating` (default): a launcher in a corner. `inline`: the panel renders in place. */
  declare display: 'floating' | 'inline';
  /** Branding fields laid over the account's (for previews). Invalid values are ignored with a console warning. */
  declare branding: Readonly<Record<string, unknown>> | undefined;
  /** Advanced: replaces how the Twilio Device is created (tests, custom SDK builds). */
  declare deviceFactory: DeviceFactory | undefined;

  #state = createWidgetState((signal) => this.#dispatch(signal));
  #focusPanel = false;

  constructor() {
    super();
    this.theme = 'auto';
    this.display = 'floating';
    new StoreController(this, [
    this.#state.$status,
    this.#state.$error,
    this.#state.$config,
    this.#state.$open,
    this.#state.$consentAsked,
    this.#state.$muted,
    this.#state.$level,
    this.#state.$elapsedSeconds,
    this.#state.$captions,
    ]);
  }

  /** The current status (also reflected as the `status` attribute). */
  get status(): WidgetStatus {
    return this.#state.$status.get();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Re-inserted after removal: everything was released, so configure and load afresh.
    if (this.hasUpdated) this.#configure();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#state.actions.dispose();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inputs = ['clientKey', 'agentId', 'apiBase', 'userToken', 'userTokenProvider', 'branding', 'deviceFactory'];
    if (!this.hasUpdated || inputs.some((name) => changed.has(name as keyof KatavenWidget))) this.#configure();
  }

  protected override updated(): void {
    const status = this.status;
    if (this.getAttribute('status') !== status) this.setAttribute('status', status);
    if (this.#focusPanel) {
      this.#focusPanel = false;
      this.renderRoot.querySelector<HTMLElement>('[part="panel"] button')?.focus();
    }
  }

  /** Opens the panel. */
  async open(): Promise<void> {
    this.#focusPanel = !this.#state.$open.get();
    this.#state.actions.open();
    await this.updateComplete;
  }

  /** Closes the panel (a live call continues). */
  async close(): Promise<void> {
    this.#state.actions.close();
    await this.updateComplete;
  }

  /** Starts a call; resolves once it is connected, failed or waiting for consent. Idempotent while one is live. */
  async start(): Promise<void> {
    await this.#state.actions.start();
    await this.updateComplete;
  }

  /** Ends the call (or cancels one that is connecting). */
  async end(): Promise<void> {
    await this.#state.actions.end('local');
    await this.updateComplete;
  }

  async setMuted(muted: boolean): Promise<void> {
    this.#state.actions.setMuted(Boolean(muted));
    await this.updateComplete;
  }

  protected override render() {
    const config = this.#state.$config.get();
    const error = this.#state.$error.get();
    // Policy says no web widget for this agent: render nothing at all.
    if (error?.code === 'widget_disabled') return nothing;
    const branding = config?.branding;
    // Only validated hex colors reach this style string (branding.ts), so no CSS can be injected through it.
    const vars = branding
      ? `--_brand-primary:${branding.primary_color};--_brand-accent:${branding.accent_color};` +
        `--_brand-on-primary:${readableOn(branding.primary_color)}`
      : '';
    if (this.display === 'inline') return html`<div style=${vars}>${this.#renderPanel()}</div>`;
    const position = isLauncherPosition(this.position) ? this.position : (branding?.launcher_position ?? 'br');
    const open = this.#state.$open.get();
    return html`<div class="floating" data-position=${position} style=${vars}>
      ${open ? this.#renderPanel() : nothing}
      <button
        part="launcher"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls="panel"
        @click=${this.#onLauncherClick}
        @pointerenter=${this.#onIntent}
        @focus=${this.#onIntent}
      >
        ${branding?.logo_url
          ? html`<img part="logo" src=${branding.logo_url} alt="" referrerpolicy="no-referrer" />`
          : html`<span class="mic-icon" aria-hidden="true">${micIcon}</span>`}
        <span>${branding?.launcher_label || this.#t.launcher}</span>
      </button>
    </div>`;
  }

  #renderPanel() {
    const t = this.#t;
    const status = this.status;
    const config = this.#state.$config.get();
    const error = this.#state.$error.get();
    const floating = this.display !== 'inline';
    return html`<section part="panel" id="panel" role="dialog" aria-label=${config?.agent.name || t.launcher} @keydown=${this.#onPanelKeydown}>
      <header>
        ${config?.branding.logo_url
          ? html`<img part="logo" src=${config.branding.logo_url} alt="" referrerpolicy="no-referrer" />`
          : nothing}
        <h2 part="title">${config?.agent.name || t.launcher}</h2>
        ${floating ? html`<button class="close" aria-label=${t.close} @click=${this.#onClose}>×</button>` : nothing}
      </header>
      <div class="body">
        <p part="status" role="status" aria-live="polite">${error && !LIVE.has(status) ? '' : t.status[status]}</p>
        ${error ? html`<p part="error" role="alert">${t.errors[error.code]}</p>` : nothing}
        ${this.#renderBody(status)}
      </div>
      ${config?.branding.privacy_notice
        ? html`<p part="privacy-notice">${config.branding.privacy_notice}</p>`
        : nothing}
    </section>`;
  }

  #renderBody(status: WidgetStatus) {
    const t = this.#t;
    const error = this.#state.$error.get();
    if (this.#state.$consentAsked.get()) {
      return html`<p>${t.consent}</p>
        <div class="actions">
          <button class="primary" @click=${this.#onAgree}>${t.agree}</button>
          <button class="secondary" @click=${this.#onDecline}>${t.decline}</button>
        </div>`;
    }
    if (LIVE.has(status)) return this.#renderCall();
    if (status === 'unavailable' || status === 'loading' || status === 'idle') return nothing;
    if (error && !error.retryable) return nothing;
    if (error) return html`<div class="actions"><button class="primary" @click=${this.#onRetry}>${t.retry}</button></div>`;
    return html`<div class="actions"><button part="call-button" @click=${this.#onCall}>${t.call}</button></div>`;
  }

  #renderCall() {
    const t = this.#t;
    const muted = this.#state.$muted.get();
    const level = this.#state.$level.get();
    const elapsed = this.#state.$elapsedSeconds.get();
    const remaining = this.#state.remainingSeconds();
    const warn = remaining !== null && remaining <= 30;
    const captions = this.#state.$captions.get();
    return html`<div part="meter" role="group" aria-label=${t.meter}>
        <div class="level agent"><span style="transform: scaleX(${clampLevel(level.output)})"></span></div>
        <div class="level"><span style="transform: scaleX(${clampLevel(level.input)})"></span></div>
      </div>
      <div class="time ${warn ? 'warning' : ''}" aria-label=${t.elapsed}>
        ${formatTime(elapsed)}${warn ? html` · <span role="timer">${t.remaining(remaining)}</span>` : nothing}
      </div>
      ${captions.length
        ? html`<ul class="captions" role="log" aria-live="polite" aria-label=${t.transcript}>
            ${captions.map(
              (caption) => html`<li class="${caption.role} ${caption.final ? '' : 'partial'}">
                ${caption.role === 'user' ? html`<span class="sr-only">${t.you}: </span>` : nothing}${caption.text}
              </li>`,
            )}
          </ul>`
        : nothing}
      <div class="actions">
        <button part="mute-button" aria-pressed=${muted ? 'true' : 'false'} @click=${this.#onMute}>
          ${muted ? t.unmute : t.mute}
        </button>
        <button part="end-button" @click=${this.#onEnd}>${t.end}</button>
      </div>`;
  }

  get #t() {
    return stringsFor(this.locale, () => this.requestUpdate());
  }

  #configure(): void {
    this.#state.actions.configure({
      clientKey: this.clientKey,
      agentId: this.agentId,
      apiBase: this.apiBase,
      userToken: this.userToken,
      userTokenProvider: this.userTokenProvider,
      branding: this.branding,
      createDevice: this.deviceFactory,
    });
    if (this.isConnected && this.status === 'idle') void this.#state.actions.load();
  }

  #dispatch(signal: WidgetSignal): void {
    switch (signal.type) {
      case 'ready': {
        const agent = this.#state.$config.get()?.agent;
        return void this.dispatchEvent(new KatavenReadyEvent({ agentId: agent?.id ?? '', agentName: agent?.name ?? '' }));
      }
      case 'status':
        return void this.dispatchEvent(new KatavenStatusEvent({ status: signal.status, previous: signal.previous }));
      case 'call-start':
        return void this.dispatchEvent(new KatavenCallStartEvent({ agentId: this.#state.$config.get()?.agent.id ?? '' }));
      case 'call-connected':
        return void this.dispatchEvent(new KatavenCallConnectedEvent({ sessionId: signal.sessionId }));
      case 'call-end':
        return void this.dispatchEvent(new KatavenCallEndEvent({ reason: signal.reason, durationMs: signal.durationMs }));
      case 'mute':
        return void this.dispatchEvent(new KatavenMuteEvent({ muted: signal.muted }));
      case 'message':
        return void this.dispatchEvent(new KatavenMessageEvent({ ...signal.caption }));
      case 'error': {
        const { code, message, retryable } = signal.error;
        return void this.dispatchEvent(new KatavenErrorEvent({ code, message, retryable }));
      }
    }
  }

  #onLauncherClick = () => {
    if (this.#state.$open.get()) void this.close();
    else void this.open();
  };

  #onIntent = () => {
    if (this.status === 'ready') this.#state.actions.prepare();
  };

  #onPanelKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || this.display === 'inline') return;
    event.stopPropagation();
    this.#onClose();
  };

  #onClose = () => {
    void this.close().then(() => this.renderRoot.querySelector<HTMLElement>('[part="launcher"]')?.focus());
  };

  #onCall = () => void this.start();
  #onEnd = () => void this.end();
  #onMute = () => void this.setMuted(!this.#state.$muted.get());
  #onRetry = () => void this.#state.actions.retry();
  #onAgree = () => void this.#state.actions.acceptConsent();
  #onDecline = () => this.#state.actions.declineConsent();
}

const micIcon = html`<svg viewBox="0 0 24 24"><path d="M12 14a3 3 0 0 0 3-3V5a3 3 0 1 0-6 0v6a3 3 0 0 0 3 3Zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.92V21h2v-3.08A7 7 0 0 0 19 11h-2Z"/></svg>`;

function clampLevel(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

function formatTime(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

/** White or near-black text, whichever reads better on the (validated hex) brand color. */
function readableOn(hex: string): string {
  const digits = hex.length === 4 ? [...hex.slice(1)].map((d) => d + d).join('') : hex.slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16) / 255);
  const lin = (c = 0) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const luminance = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  return luminance > 0.45 ? '#111827' : '#ffffff';
}

declare global {
  interface HTMLElementTagNameMap {
    'kataven-widget': KatavenWidget;
  }
}
