import { LitElement, type PropertyValues, adoptStyles, html, nothing } from 'lit';
import { isLauncherPosition, readableOn } from '../api/branding.js';
import type { DeviceFactory } from '../call/device.js';
import type { ClientTools } from '../call/tool-runner.js';
import { type EmitEvent, createKatavenEvent } from '../events.js';
import type { PolicyOverride } from '../state/config-rules.js';
import { claim, release } from '../state/parking.js';
import { type WidgetState, createWidgetState } from '../state/widget-state.js';
import { WIDGET_INPUTS, type WidgetInput, type WidgetStatus } from '../state/widget-stores.js';
import { CountdownController } from './countdown-controller.js';
import { FontWarmup } from './font-warmup.js';
import type { KatavenCallPanel, PanelIntentEvent, PanelTextEvent } from './call-panel.js';
import { type Strings, resolveLocale } from './i18n.js';
import { launcherStyles } from './launcher-styles.js';
import { watchPageLanguage } from './page-language.js';
import { type PanelKit, PanelLoader } from './panel-loader.js';
import { StoreController } from './store-controller.js';
import type { StringOverrides } from './strings-override.js';
import { LocaleLabel, renderFloating, settledStatuses } from './widget-view.js';

const DEFER_HYDRATION = 'defer-hydration';

/**
 * A voice launcher and call panel for a Kataven AI agent.
 *
 * @fires kataven-ready - The config was fetched and applied.
 * @fires kataven-status - The status changed: `{status, previous}`.
 * @fires kataven-call-start - A call is starting.
 * @fires kataven-call-connected - The agent answered: `{sessionId}`.
 * @fires kataven-call-end - The call ended: `{reason, durationMs}`.
 * @fires kataven-mute - The microphone was muted or unmuted: `{muted}`.
 * @fires kataven-message - A caption from the agent, or the visitor's typed text: `{role, text, final}`.
 * @fires kataven-error - Something failed: `{code, message, retryable}`.
 * @fires kataven-tool-call - The agent asks to run a client tool: `{id, name, params}`; cancelable.
 * @fires kataven-open - The panel opened.
 * @fires kataven-close - The panel closed (a live call continues).
 * @fires kataven-feedback - The visitor rated the call that ended: `{sessionId, rating, comment}`.
 * @fires kataven-network-quality - Twilio's call-quality warnings in force: `{warnings}`; empty once they clear.
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
 * @csspart visualizer - The call's animated orb, driven by the agent's and the visitor's voices.
 * @csspart close-button - Closes the floating panel.
 * @csspart network-quality - The quiet "Poor connection" hint while Twilio warns about the line.
 * @csspart consent - The consent step shown before the call when the policy asks for it.
 * @csspart agree-button - Agrees to the consent step and starts the call.
 * @csspart decline-button - Declines the consent step.
 * @csspart retry-button - Tries again after a retryable error.
 * @csspart resume-button - "Continue the call": a call taken over from an earlier page waits for this click.
 * @csspart move-here-button - "Move call here": the call is live in another tab of this site; this takes it over.
 * @csspart transcript - The conversation so far (role="log").
 * @csspart text-input - The text box of a live call.
 * @csspart send-button - Sends the typed text.
 * @csspart type-instead-button - Offered when the microphone is blocked or missing: call and type instead.
 * @csspart settings-button - Opens the in-call audio settings.
 * @csspart device-select - Picks the microphone or, where the browser allows, the speaker (`data-kind` says which).
 * @csspart feedback - The feedback step after a call (when the policy asks for it), then its thank-you note.
 * @csspart feedback-up - Rates the call as good (and sends the comment).
 * @csspart feedback-down - Rates the call as not good (and sends the comment).
 * @csspart feedback-comment - The optional comment (up to 500 characters).
 * @csspart feedback-skip - Skips the feedback step.
 *
 * @cssstate idle - Also `loading`, `ready`, `unavailable`, `connecting`, `resuming`, `ringing`, `connected`,
 *   `reconnecting`, `ended`, `error`, `elsewhere` (the call is live in another tab): the current status, as
 *   `:state(<status>)`.
 *
 * @cssprop --kataven-primary - Primary brand color (default: the account's `primary_color`).
 * @cssprop --kataven-accent - Accent color (default: the account's `accent_color`).
 * @cssprop --kataven-font - Font stack (default: the system UI font).
 * @cssprop --kataven-radius - Panel corner radius (default 16px).
 * @cssprop --kataven-z-index - Stacking order of the floating widget (default 2147483000).
 * @cssprop --kataven-offset - Distance from the viewport corner (default 20px).
 */
export class KatavenWidget extends LitElement {
  static override styles = [launcherStyles];

  static {
    // New inputs start work in `updated()` (a config fetch), whose status the next update renders: that second update
    // is the point, not an accident (development builds of Lit would warn about it).
    this.disableWarning?.('change-in-update');
  }

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
    launcher: {},
    branding: { attribute: false },
    policy: { attribute: false },
    deviceFactory: { attribute: false },
    strings: { attribute: false },
    context: { attribute: false },
    clientTools: { attribute: false },
    continuity: {},
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
  /**
   * UI language (`en`, `fr`, `zh-TW`, …; `es-MX` → `es`). Without it: the page's `<html lang>`, then the browser's
   * languages, then English.
   */
  declare locale: string | undefined;
  /** `auto` (default, follows `prefers-color-scheme`), `light` or `dark`. */
  declare theme: 'auto' | 'light' | 'dark';
  /** Overrides the account's `launcher_position`: `br`, `bl`, `tr` or `tl`. */
  declare position: string | undefined;
  /** `floating` (default): a launcher in a corner. `inline`: the panel renders in place. */
  declare display: 'floating' | 'inline';
  /** `default`: the floating launcher button. `none`: no button; the page opens the panel with `open()`. */
  declare launcher: 'default' | 'none' | undefined;
  /** Branding fields laid over the account's (for previews). Invalid values are ignored with a console warning. */
  declare branding: Readonly<Record<string, unknown>> | undefined;
  /**
   * Preview only: policy fields (`widget_enabled`, `auth_mode`, `max_call_seconds`, `consent_required`) laid over the
   * agent's. It changes what the widget shows, never what the server allows.
   */
  declare policy: PolicyOverride | undefined;
  /** Advanced: replaces how the Twilio Device is created (tests, custom SDK builds). */
  declare deviceFactory: DeviceFactory | undefined;
  /** Texts that replace the current locale's (e.g. `{ consent: '…' }`); unknown keys are ignored with a warning. */
  declare strings: StringOverrides | undefined;
  /**
   * Page context for the agent, sent when a call starts: a flat object of at most 32 keys, values a string (at most
   * 1000 characters), number, boolean or null, at most 4096 bytes as JSON. Invalid entries are dropped with a warning.
   */
  declare context: Readonly<Record<string, string | number | boolean | null>> | undefined;
  /** Functions the agent may call in the page: `(params, {sessionId}) => result`. Expose only what a visitor may do. */
  declare clientTools: ClientTools | undefined;
  /**
   * `on` (default): a live call follows the visitor to the site's next page in this tab (a link, a reload, a route
   * change), with its transcript. `off`: leaving the page ends the call.
   */
  declare continuity: 'on' | 'off' | undefined;

  #emit: EmitEvent = (name, detail) => this.dispatchEvent(createKatavenEvent(name, detail));
  #state = createWidgetState(this.#emit);
  #stores = new StoreController(this, this.#state.stores);
  #panel = new PanelLoader(
    this,
    () => resolveLocale(this.locale),
    (panelStyles) => {
      if (this.renderRoot instanceof ShadowRoot) {
        adoptStyles(this.renderRoot, [...(this.constructor as typeof LitElement).elementStyles, panelStyles]);
      }
    },
  );
  #retryCountdown = new CountdownController(this, () => this.#state.$retryAt.get());
  /** The launcher label of a locale other than English, from that locale's chunk. */
  #localeLabel = new LocaleLabel(() => this.requestUpdate());
  #texts: { base: Strings; overrides: unknown; merged: Strings } | null = null;
  /** Latched once the widget has rendered, so a retry (back to `loading`) never hides it again. */
  #shown = false;
  /** Whether the element's inputs have reached its state yet (they do after the first update). */
  #configured = false;
  /** The status as a custom state (`:state(connected)`); undefined at run time where there is no CustomStateSet. */
  #states: CustomStateSet;
  /** Stops following `<html lang>` (set while connected). */
  #unwatchPageLanguage: (() => void) | null = null;

  constructor() {
    super();
    this.theme = 'auto';
    this.display = 'floating';
    this.#states = this.attachInternals().states;
    this.addController(new FontWarmup(this));
  }

  /** The current status (also reflected as the `status` attribute). */
  get status(): WidgetStatus {
    return this.#state.$status.get();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Without a `locale` attribute the widget speaks the page's language, which a single-page app may change.
    this.#unwatchPageLanguage ??= watchPageLanguage(() => this.requestUpdate());
    // Re-inserted after removal: everything was released, so configure and load afresh.
    if (this.hasUpdated) this.#configure();
  }

  /**
   * `defer-hydration` (the community protocol server renderers use): a server-rendered element waits until the
   * framework has set its properties and removed the attribute, instead of loading with none (`@kataven/widget/react`).
   */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, DEFER_HYDRATION];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === DEFER_HYDRATION && value === null && this.hasUpdated) this.#configure();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unwatchPageLanguage?.();
    this.#unwatchPageLanguage = null;
    // A live call waits a moment for the next route's element (parking.ts); this element starts afresh if re-inserted.
    release(this.#state);
    this.#use(createWidgetState(this.#emit));
  }

  #use(state: WidgetState): void {
    this.#state = state;
    this.#stores.use(state.stores);
  }

  protected override willUpdate(): void {
    const { config, status } = this.#stores.values;
    // Shown once the config (or a failure to get it) is known, and inline once the panel is loaded too.
    const inlinePending = this.display === 'inline' && !this.#panel.kit;
    if (!inlinePending && (config || settledStatuses.has(status))) this.#shown = true;
    // Merged here, not in render: a bad override warns once, when it arrives.
    if (this.#panel.kit) this.#currentTexts(this.#panel.kit);
    if (this.getAttribute('status') !== status) {
      this.setAttribute('status', status);
      try {
        this.#states.clear();
        this.#states.add(status);
      } catch {
        // No CustomStateSet, or an older one that takes only `--dashed` names: the `status` attribute still works.
      }
    }
  }

  /** Work the last update calls for, after rendering: configuring the state, and loading what the view lacks. */
  protected override updated(changed: PropertyValues<this>): void {
    this.#applyBrandColors();
    if (!this.#configured || WIDGET_INPUTS.some((name) => changed.has(name))) this.#configure();
    // The launcher's face for a call in another tab comes with the panel's code too.
    const panelNeeded = this.display === 'inline' || this.#stores.values.open || this.status === 'elsewhere';
    if (panelNeeded && !this.#panel.current) void this.#panel.load();
    const locale = resolveLocale(this.locale);
    if (this.#panel.kit?.locale !== locale) this.#localeLabel.load(locale);
  }

  /**
   * Also waits for the panel element's own update, so that callers see the panel as the widget's state has it.
   * @internal
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    const complete = await super.getUpdateComplete();
    const panel = this.renderRoot.querySelector<KatavenCallPanel>('kataven-call-panel');
    return (await (panel?.updateComplete ?? true)) && complete;
  }

  /** Opens the panel. */
  async open(): Promise<void> {
    const opening = !this.#stores.values.open;
    this.#state.actions.open();
    await this.#panel.load();
    await this.updateComplete;
    // Keyboard users land inside the panel they just opened.
    if (opening) this.renderRoot.querySelector<HTMLElement>('[part="panel"] button')?.focus();
  }

  /** Closes the panel (a live call continues). */
  async close(): Promise<void> {
    this.#state.actions.close();
    await this.updateComplete;
  }

  /**
   * Warms up a call without placing one, as hovering the launcher does: the visitor session, the call code and the
   * signaling socket, never a call session. For the page's own call button, on its pointerenter or focus.
   */
  async prepare(): Promise<void> {
    this.#onIntent();
    await this.updateComplete;
  }

  /** Starts a call; resolves once it is connected, failed or waiting for consent. Idempotent while one is live. */
  async start(): Promise<void> {
    const started = this.#state.actions.start(); // the visitor session and the call code are requested first
    // The panel opens for the call: its code and strings load alongside, not once the call code has run.
    if (this.status !== 'unavailable') void this.#panel.load();
    await started;
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

  /** Sends typed text to the agent during a connected call (trimmed, 1 to 1000 characters); resolves true if sent. */
  async sendText(text: string): Promise<boolean> {
    const sent = this.#state.actions.sendText(text);
    await this.updateComplete;
    return sent;
  }

  /** Sends a context update to the agent during a connected call (the rules of `context`); resolves true if sent. */
  async sendContext(update: Readonly<Record<string, string | number | boolean | null>>): Promise<boolean> {
    const sent = this.#state.actions.sendContext(update);
    await this.updateComplete;
    return sent;
  }

  protected override render() {
    const { config, error, open, status } = this.#stores.values;
    // Policy says no web widget for this agent: render nothing at all.
    if (error?.code === 'widget_disabled') return nothing;
    const branding = config?.branding;
    // The widget appears once, in its final place, size and colours: nothing renders until the config (or a failure
    // to get it) is known, and inline until the panel is loaded too, so nothing paints in a default corner or at a
    // provisional size and then moves (a layout shift on the host page).
    if (!this.#shown) return nothing;
    if (this.display === 'inline') return html`<div class="root">${this.#renderPanel()}</div>`;
    const locale = resolveLocale(this.locale);
    const label = this.strings?.launcher;
    const kit = this.#panel.kit;
    return renderFloating({
      position: isLauncherPosition(this.position) ? this.position : (branding?.launcher_position ?? 'br'),
      open,
      panel: open ? this.#renderPanel() : nothing,
      launcherHidden: this.launcher === 'none',
      locale,
      label:
        branding?.launcher_label ||
        (typeof label === 'string' && label) ||
        (kit?.locale === locale ? this.#currentTexts(kit).launcher : this.#localeLabel.in(locale)),
      logoUrl: branding?.logo_url,
      // A call behind the closed panel: the launcher says so (the panel chunk renders that face).
      live: !open && kit?.live(this.#currentTexts(kit), this.#stores.values.elapsedSeconds, status),
      onClick: this.#onLauncherClick,
      onIntent: this.#onIntent,
    });
  }

  #renderPanel() {
    const kit = this.#panel.kit;
    if (!kit) return nothing;
    const { status, error, config, consentAsked, muted, level, elapsedSeconds, captions, feedback, networkWarnings } =
      this.#stores.values;
    const t = this.#currentTexts(kit);
    return html`<kataven-call-panel
      .t=${t}
      .locale=${kit.locale}
      .heading=${config?.agent.name || t.launcher}
      .status=${status}
      .error=${error}
      .config=${config}
      .floating=${this.display !== 'inline'}
      .consentAsked=${consentAsked}
      .muted=${muted}
      .level=${level}
      .elapsedSeconds=${elapsedSeconds}
      .retryInSeconds=${this.#retryCountdown.secondsLeft}
      .captions=${captions}
      .feedback=${feedback}
      .poorLine=${networkWarnings.length > 0}
      .calls=${this.#state.actions.calls}
      .resumeHeld=${this.#stores.values.resumeHeld}
      @kataven-panel-intent=${this.#onPanelIntent}
      @kataven-panel-text=${this.#onPanelText}
    ></kataven-call-panel>`;
  }

  /** The panel's texts with the page's `strings` laid over them (merged once per change, so warnings come once). */
  #currentTexts(panel: PanelKit): Strings {
    const texts = this.#texts;
    if (texts?.base === panel.strings && texts.overrides === this.strings) return texts.merged;
    const merged = panel.withOverrides(panel.strings, this.strings);
    this.#texts = { base: panel.strings, overrides: this.strings, merged };
    return merged;
  }

  /**
   * Server colors reach the styles as custom properties set through the CSSOM, not a `style` attribute, so pages with
   * a strict CSP (no 'unsafe-inline' styles) render them too. Only validated hex colors get here (branding.ts).
   */
  #applyBrandColors(): void {
    const root = this.renderRoot.querySelector<HTMLElement>('.root');
    const branding = this.#stores.values.config?.branding;
    root?.style.setProperty('--_brand-primary', branding?.primary_color ?? '');
    root?.style.setProperty('--_brand-accent', branding?.accent_color ?? '');
    root?.style.setProperty('--_brand-on-primary', branding ? readableOn(branding.primary_color) : '');
  }

  #configure(): void {
    this.#configured = true;
    const input: WidgetInput = {};
    for (const name of WIDGET_INPUTS) Object.assign(input, { [name]: this[name] });
    const canLoad = this.isConnected && !this.hasAttribute(DEFER_HYDRATION);
    // A route change: the call the previous route's element left (parking.ts) is taken over as it is, with no request.
    const parked = canLoad && this.status === 'idle' ? claim(input) : undefined;
    if (parked) {
      this.#state.actions.dispose();
      this.#use(parked);
      parked.actions.handOver(this.#emit);
    }
    this.#state.actions.configure(input);
    if (canLoad && this.status === 'idle') void this.#state.actions.load();
  }

  #onLauncherClick = () => {
    if (this.#stores.values.open) void this.close();
    else void this.open();
  };

  #onIntent = () => {
    void this.#panel.load();
    // Hover and focus are intent: the visitor session is warmed too (a visitor session, never a call session, so it
    // counts against no call limit), leaving only /widget/connect and signaling for the click.
    // After a call has ended too: the next call's standby is built on this intent, as the first one's was.
    if (this.status === 'ready' || this.status === 'ended') this.#state.actions.prepare({ session: true });
    // "Move call here" needs the call code, not a visitor session (the resume brings one).
    if (this.status === 'elsewhere') this.#state.actions.prepare();
  };

  /** The visitor's intent from the panel, forwarded to the state. */
  #onPanelIntent = ({ detail }: PanelIntentEvent) => {
    const { actions } = this.#state;
    switch (detail.action) {
      case 'close':
        return this.#onClose();
      case 'call':
        return void this.start();
      case 'warm':
        return this.#onIntent();
      case 'end':
        return void this.end();
      case 'mute':
        return void this.setMuted(!this.#stores.values.muted);
      case 'retry':
        return void actions.retry();
      case 'agree':
        return void actions.acceptConsent();
      case 'decline':
        return actions.declineConsent();
      case 'type-instead':
        return void actions.continueByTyping();
      case 'resume':
        return void actions.continueResume();
      case 'move-here':
        return void actions.moveHere();
      case 'rate':
        return void actions.rate(detail.rating, detail.comment);
      case 'skip-feedback':
        return actions.skipFeedback();
    }
  };

  /** Typed text: the panel keeps it in the box when it could not be sent. */
  #onPanelText = (event: PanelTextEvent) => {
    if (!this.#state.actions.sendText(event.detail.text)) event.preventDefault();
  };

  #onClose = () => {
    void this.close().then(() => this.renderRoot.querySelector<HTMLElement>('[part="launcher"]')?.focus());
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'kataven-widget': KatavenWidget;
  }
}
