import { LitElement, type PropertyValues, adoptStyles, html, nothing } from 'lit';
import { isLauncherPosition } from '../api/branding.js';
import type { DeviceFactory } from '../call/device.js';
import { createKatavenEvent } from '../events.js';
import { type PolicyOverride, remainingSeconds } from '../state/config.js';
import { type WidgetStatus, createWidgetState } from '../state/widget-state.js';
import { type Strings, defaultLauncherLabel, loadStrings, resolveLocale } from './i18n.js';
import { launcherStyles } from './launcher-styles.js';
import type { renderPanel } from './panel.js';
import { StoreController } from './store-controller.js';

/** What the lazily loaded panel brings: its renderer and the strings of the current locale. */
interface PanelKit {
  render: typeof renderPanel;
  strings: Strings;
  locale: string;
}

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
  static override styles = launcherStyles;

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
    policy: { attribute: false },
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
  /**
   * Preview only: policy fields (`widget_enabled`, `auth_mode`, `max_call_seconds`, `consent_required`) laid over the
   * agent's. It changes what the widget shows, never what the server allows.
   */
  declare policy: PolicyOverride | undefined;
  /** Advanced: replaces how the Twilio Device is created (tests, custom SDK builds). */
  declare deviceFactory: DeviceFactory | undefined;

  #state = createWidgetState((name, detail) => this.dispatchEvent(createKatavenEvent(name, detail)));
  #focusPanel = false;
  #panel: PanelKit | null = null;
  #panelLoading: Promise<void> | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Latched once the widget has rendered, so a retry (back to `loading`) never hides it again. */
  #shown = false;

  constructor() {
    super();
    this.theme = 'auto';
    this.display = 'floating';
    const state = this.#state;
    new StoreController(this, [
      state.$status,
      state.$error,
      state.$config,
      state.$open,
      state.$consentAsked,
      state.$muted,
      state.$level,
      state.$elapsedSeconds,
      state.$captions,
      state.$retryAt,
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
    clearTimeout(this.#retryTimer);
    this.#state.actions.dispose();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inputs = [
      'clientKey',
      'agentId',
      'apiBase',
      'userToken',
      'userTokenProvider',
      'branding',
      'policy',
      'deviceFactory',
    ];
    if (!this.hasUpdated || inputs.some((name) => changed.has(name as keyof KatavenWidget))) this.#configure();
  }

  protected override updated(): void {
    this.#applyBrandColors();
    // While a Retry-After runs, re-render each second so the retry button counts down and then enables.
    clearTimeout(this.#retryTimer);
    if (this.#state.$retryAt.get() > Date.now()) this.#retryTimer = setTimeout(() => this.requestUpdate(), 1000);
    const status = this.status;
    if (this.getAttribute('status') !== status) this.setAttribute('status', status);
    const firstButton = this.#focusPanel && this.renderRoot.querySelector<HTMLElement>('[part="panel"] button');
    if (firstButton) {
      // Keyboard users land inside the panel they just opened.
      this.#focusPanel = false;
      firstButton.focus();
    }
  }

  /** Opens the panel. */
  async open(): Promise<void> {
    this.#focusPanel = !this.#state.$open.get();
    this.#state.actions.open();
    await this.#loadPanel();
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
    // Policy says no web widget for this agent: render nothing at all.
    if (this.#state.$error.get()?.code === 'widget_disabled') return nothing;
    const branding = config?.branding;
    // The widget appears once, in its final place, size and colours: nothing renders until the config (or a failure
    // to get it) is known, and inline until the panel is loaded too, so nothing paints in a default corner or at a
    // provisional size and then moves (a layout shift on the host page).
    if (!this.#shown) {
      const inlinePending = this.display === 'inline' && !this.#panel;
      if (inlinePending) void this.#loadPanel();
      if (inlinePending || (!config && !settledStatuses.has(this.status))) return nothing;
      this.#shown = true;
    }
    if (this.display === 'inline') return html`<div class="root">${this.#renderPanel()}</div>`;
    const position = isLauncherPosition(this.position) ? this.position : (branding?.launcher_position ?? 'br');
    const open = this.#state.$open.get();
    return html`<div class="root floating" data-position=${position}>
      ${open ? this.#renderPanel() : nothing}
      <button
        part="launcher"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls="panel"
        @click=${this.#onLauncherClick}
        @pointerenter=${this.#onIntent}
        @focus=${this.#onIntent}
      >
        ${
          branding?.logo_url
            ? html`<img part="logo" src=${branding.logo_url} alt="" referrerpolicy="no-referrer" />`
            : html`<span class="mic-icon" aria-hidden="true">${micIcon}</span>`
        }
        <span>${branding?.launcher_label || defaultLauncherLabel(resolveLocale(this.locale))}</span>
      </button>
    </div>`;
  }

  #renderPanel() {
    const panel = this.#panel;
    if (!panel || panel.locale !== resolveLocale(this.locale)) {
      void this.#loadPanel();
      if (!panel) return nothing;
    }
    const state = this.#state;
    const config = state.$config.get();
    return panel.render({
      t: panel.strings,
      title: config?.agent.name || defaultLauncherLabel(panel.locale),
      status: this.status,
      error: state.$error.get(),
      config,
      floating: this.display !== 'inline',
      consentAsked: state.$consentAsked.get(),
      muted: state.$muted.get(),
      level: state.$level.get(),
      elapsedSeconds: state.$elapsedSeconds.get(),
      retryInSeconds: Math.max(0, Math.ceil((state.$retryAt.get() - Date.now()) / 1000)),
      remainingSeconds: remainingSeconds(config, state.$elapsedSeconds.get()),
      captions: state.$captions.get(),
      on: this.#panelHandlers,
    });
  }

  /** Loads the panel's code, styles and strings (once per locale); a failure is retried on the next render. */
  #loadPanel(): Promise<void> {
    const locale = resolveLocale(this.locale);
    this.#panelLoading ??= Promise.all([import('./panel.js'), loadStrings(locale)])
      .then(([module, strings]) => {
        if (!this.#panel && this.renderRoot instanceof ShadowRoot) {
          adoptStyles(this.renderRoot, [...(this.constructor as typeof LitElement).elementStyles, module.panelStyles]);
        }
        this.#panel = { render: module.renderPanel, strings, locale };
        this.requestUpdate();
      })
      .catch((error: unknown) => console.warn('[kataven-widget] could not load the panel', error))
      .finally(() => (this.#panelLoading = null));
    return this.#panelLoading;
  }

  /**
   * Server colors reach the styles as custom properties set through the CSSOM, not a `style` attribute, so pages with
   * a strict CSP (no 'unsafe-inline' styles) render them too. Only validated hex colors get here (branding.ts).
   */
  #applyBrandColors(): void {
    const root = this.renderRoot.querySelector<HTMLElement>('.root');
    const branding = this.#state.$config.get()?.branding;
    root?.style.setProperty('--_brand-primary', branding?.primary_color ?? '');
    root?.style.setProperty('--_brand-accent', branding?.accent_color ?? '');
    root?.style.setProperty('--_brand-on-primary', branding ? readableOn(branding.primary_color) : '');
  }

  #configure(): void {
    this.#state.actions.configure({
      clientKey: this.clientKey,
      agentId: this.agentId,
      apiBase: this.apiBase,
      userToken: this.userToken,
      userTokenProvider: this.userTokenProvider,
      branding: this.branding,
      policy: this.policy,
      createDevice: this.deviceFactory,
    });
    if (this.isConnected && this.status === 'idle') void this.#state.actions.load();
  }

  #onLauncherClick = () => {
    if (this.#state.$open.get()) void this.close();
    else void this.open();
  };

  #onIntent = () => {
    void this.#loadPanel();
    // Hover and focus are intent: the visitor session is warmed too (a visitor session, never a call session, so it
    // counts against no call limit), leaving only /widget/connect and signaling for the click.
    if (this.status === 'ready') this.#state.actions.prepare({ session: true });
  };

  #panelHandlers = {
    close: () => this.#onClose(),
    call: () => void this.start(),
    end: () => void this.end(),
    mute: () => void this.setMuted(!this.#state.$muted.get()),
    retry: () => void this.#state.actions.retry(),
    agree: () => void this.#state.actions.acceptConsent(),
    decline: () => this.#state.actions.declineConsent(),
    keydown: (event: KeyboardEvent) => this.#onPanelKeydown(event),
  };

  #onPanelKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || this.display === 'inline') return;
    event.stopPropagation();
    this.#onClose();
  };

  #onClose = () => {
    void this.close().then(() => this.renderRoot.querySelector<HTMLElement>('[part="launcher"]')?.focus());
  };
}

/** Statuses after which the launcher's place and colours are final, even without a config (a failed load). */
const settledStatuses: ReadonlySet<WidgetStatus> = new Set<WidgetStatus>(['ready', 'unavailable', 'error']);

const micIcon = html`<svg viewBox="0 0 24 24">
  <path
    d="M12 14a3 3 0 0 0 3-3V5a3 3 0 1 0-6 0v6a3 3 0 0 0 3 3Zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.92V21h2v-3.08A7 7 0 0 0 19 11h-2Z"
  />
</svg>`;

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
