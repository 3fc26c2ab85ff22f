/**
 * The call panel, `<kataven-call-panel>`: loaded only after the visitor shows intent (or at once with
 * `display="inline"`), so its markup, styles and strings stay out of the launcher's first load; this chunk defines the
 * element when it loads. An internal element with a contract: the widget's state comes in as typed properties, the
 * visitor's intent leaves as `PanelIntentEvent` and `PanelTextEvent`; it keeps no state of its own.
 *
 * It renders into its parent's tree (the widget's shadow root), not a shadow root of its own: every `part` stays
 * where pages style it (`kataven-widget::part(call-button)`), and the panel styles adopted by the widget apply.
 */
import { LitElement, css, html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { WidgetError } from '../api/errors.js';
import type { Caption } from '../call/call-controller.js';
import type { CallState } from '../state/call-state.js';
import { type ResolvedConfig, remainingSeconds } from '../state/config-rules.js';
import { type FeedbackPhase, type WidgetStatus, isLive } from '../state/widget-stores.js';
import { type Strings, localeDirection } from './i18n.js';

import { type Rating, feedbackStyles, renderFeedback } from './feedback-view.js';
import { formatTime, liveLauncherStyles } from './live-launcher.js';
import { METER_STEPS, panelStyles as baseStyles } from './panel-styles.js';
import { renderVisualizer, visualizerStyles } from './visualizer.js';
import { lockPageScroll, phoneSheetStyles } from './phone-sheet.js';
import { deviceSettings, deviceSettingsStyles } from './device-settings.js';
import { conversationStyles, renderTextBox, renderTranscript, renderTypeInstead } from './conversation-view.js';

export { renderLiveLauncher } from './live-launcher.js';
export { withOverrides } from './strings-override.js';
/** Every style the lazily loaded part needs, adopted once with it by the widget's shadow root. */
export const panelStyles = css`
  kataven-call-panel {
    display: contents;
  }
  ${baseStyles}${liveLauncherStyles}${feedbackStyles}${visualizerStyles}${phoneSheetStyles}${deviceSettingsStyles}${conversationStyles}
`;

/** What the visitor asked for in the panel. */
export type PanelIntent =
  | {
      action:
        | 'close'
        | 'call'
        /** Hover or focus on the call button: the next call is warmed up like a first one on the launcher. */
        | 'warm'
        | 'end'
        | 'mute'
        | 'retry'
        | 'agree'
        | 'decline'
        /** With the microphone blocked or missing: call, and type instead of speaking. */
        | 'type-instead'
        /** A call taken over from an earlier page waited for this click ("Continue the call"). */
        | 'resume'
        /** The call is live in another tab of this site: "Move call here". */
        | 'move-here'
        | 'skip-feedback';
    }
  | { action: 'rate'; rating: Rating; comment: string };

/** The visitor's intent, from `<kataven-call-panel>` to the widget (it never leaves the widget's shadow root). */
export class PanelIntentEvent extends Event {
  static readonly eventName = 'kataven-panel-intent';
  readonly detail: PanelIntent;
  constructor(detail: PanelIntent) {
    super(PanelIntentEvent.eventName);
    this.detail = detail;
  }
}

/** Text the visitor typed; the widget cancels the event when it could not send it, and the box keeps the text. */
export class PanelTextEvent extends Event {
  static readonly eventName = 'kataven-panel-text';
  readonly detail: { text: string };
  constructor(text: string) {
    super(PanelTextEvent.eventName, { cancelable: true });
    this.detail = { text };
  }
}

/**
 * @fires kataven-panel-intent - `PanelIntentEvent`: the visitor's intent.
 * @fires kataven-panel-text - `PanelTextEvent`: text to send; cancelled when it could not be sent.
 */
export class KatavenCallPanel extends LitElement {
  static override properties = {
    t: { attribute: false },
    locale: { attribute: false },
    heading: { attribute: false },
    status: { attribute: false },
    error: { attribute: false },
    config: { attribute: false },
    floating: { attribute: false },
    consentAsked: { attribute: false },
    muted: { attribute: false },
    level: { attribute: false },
    elapsedSeconds: { attribute: false },
    retryInSeconds: { attribute: false },
    captions: { attribute: false },
    feedback: { attribute: false },
    poorLine: { attribute: false },
    calls: { attribute: false },
    resumeHeld: { attribute: false },
  };

  /** The texts, in `locale`, with the page's overrides laid over them. */
  declare t: Strings;
  declare locale: string;
  /** The agent's name, or the launcher's label. */
  declare heading: string;
  declare status: WidgetStatus;
  declare error: WidgetError | null;
  declare config: ResolvedConfig | null;
  /** Floating above the launcher (closable, locks the page's scroll on phones) rather than inline. */
  declare floating: boolean;
  declare consentAsked: boolean;
  declare muted: boolean;
  declare level: { input: number; output: number };
  declare elapsedSeconds: number;
  /** Seconds until retrying makes sense (the server's Retry-After), 0 when it does now. */
  declare retryInSeconds: number;
  declare captions: readonly Caption[];
  declare feedback: FeedbackPhase;
  /** Twilio warns about the line (loss, jitter, delay): a quiet hint, the call carries on. */
  declare poorLine: boolean;
  /** The call-time state (audio devices), loaded on intent; null when it could not load. */
  declare calls: () => Promise<CallState | null>;
  /** A call taken over from an earlier page waits for the visitor's click: the panel offers only that. */
  declare resumeHeld: boolean;

  constructor() {
    super();
    this.locale = 'en';
    this.heading = '';
    this.status = 'idle';
    this.error = null;
    this.config = null;
    this.floating = false;
    this.consentAsked = false;
    this.muted = false;
    this.level = { input: 0, output: 0 };
    this.elapsedSeconds = 0;
    this.retryInSeconds = 0;
    this.captions = [];
    this.feedback = 'ask';
    this.poorLine = false;
    this.calls = () => Promise.resolve(null);
    this.resumeHeld = false;
  }

  protected override createRenderRoot() {
    return this;
  }

  #intent(detail: PanelIntent): void {
    this.dispatchEvent(new PanelIntentEvent(detail));
  }

  #on = {
    close: () => this.#intent({ action: 'close' }),
    call: () => this.#intent({ action: 'call' }),
    warm: () => this.#intent({ action: 'warm' }),
    end: () => this.#intent({ action: 'end' }),
    mute: () => this.#intent({ action: 'mute' }),
    retry: () => this.#intent({ action: 'retry' }),
    agree: () => this.#intent({ action: 'agree' }),
    decline: () => this.#intent({ action: 'decline' }),
    typeInstead: () => this.#intent({ action: 'type-instead' }),
    resume: () => this.#intent({ action: 'resume' }),
    moveHere: () => this.#intent({ action: 'move-here' }),
    skipFeedback: () => this.#intent({ action: 'skip-feedback' }),
    rate: (rating: Rating, comment: string) => this.#intent({ action: 'rate', rating, comment }),
    sendText: (text: string) => this.dispatchEvent(new PanelTextEvent(text)),
    devices: async (select?: Parameters<CallState['devices']>[0]) => (await this.calls())?.devices(select) ?? null,
    keydown: (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !this.floating) return;
      event.stopPropagation();
      this.#intent({ action: 'close' });
    },
  };

  protected override render() {
    if (!this.t) return nothing;
    const { t, config, error, status } = this;
    const logo = config?.branding.logo_url;
    const notice = config?.branding.privacy_notice;
    return html`<section
      part="panel"
      id="panel"
      role="dialog"
      lang=${this.locale}
      dir=${localeDirection(this.locale)}
      aria-label=${this.heading}
      @keydown=${this.#on.keydown}
      ${this.floating ? ref(lockPageScroll) : nothing}
    >
      <header>
        ${logo ? html`<img part="logo" src=${logo} alt="" referrerpolicy="no-referrer" />` : nothing}
        <h2 part="title">${this.heading}</h2>
        ${this.floating ? html`<button class="close" part="close-button" aria-label=${t.close} @click=${this.#on.close}>×</button>` : nothing}
      </header>
      <div class="body">
        <p part="status" role="status" aria-live="polite">${error && !isLive(status) ? '' : t.status[status]}</p>
        ${error ? html`<p part="error" role="alert">${t.errors[error.code]}</p>` : nothing} ${this.#renderBody()}
      </div>
      ${notice ? html`<p part="privacy-notice">${notice}</p>` : nothing}
    </section>`;
  }

  #renderBody() {
    const { t, error, status } = this;
    const on = this.#on;
    if (this.consentAsked) {
      return html`<div part="consent">
        <p>${t.consent}</p>
        <div class="actions">
          <button class="primary" part="agree-button" @click=${on.agree}>${t.agree}</button>
          <button class="secondary" part="decline-button" @click=${on.decline}>${t.decline}</button>
        </div>
      </div>`;
    }
    if (status === 'resuming' && this.resumeHeld) {
      return html`<div class="actions">
        <button class="primary" part="resume-button" @click=${on.resume}>${t.resume}</button>
      </div>`;
    }
    if (status === 'elsewhere') {
      return html`<div class="actions">
        <button class="primary" part="move-here-button" @click=${on.moveHere}>${t.moveHere}</button>
      </div>`;
    }
    if (isLive(status)) return this.#renderCall();
    if (status === 'unavailable' || status === 'loading' || status === 'idle') return nothing;
    if (error && !error.retryable) return nothing;
    if (error) {
      const wait = this.retryInSeconds;
      // With the microphone blocked or missing, offer to call and type instead.
      const noMicrophone = error.code === 'mic_denied' || error.code === 'mic_unavailable';
      const typing = noMicrophone ? renderTypeInstead(t.conversation, on.typeInstead) : null;
      // After a dropped call, retrying places a new call: the button says so.
      const label = error.code === 'call_dropped' ? t.callAgain : t.retry;
      return html`<div class="actions">
          <button class="primary" part="retry-button" ?disabled=${wait > 0} @click=${on.retry}>
            ${wait > 0 ? t.retryIn(wait) : label}
          </button>
          ${typing?.button ?? nothing}
        </div>
        ${typing?.hint ?? nothing}`;
    }
    const rate = status === 'ended' && this.config?.policy.feedback_enabled;
    return html`${renderTranscript(this.captions, t.transcript, t.you)}${
        rate ? renderFeedback({ t, phase: this.feedback, rate: on.rate, skip: on.skipFeedback }) : nothing
      }
      <div class="actions">
        <button part="call-button" @click=${on.call} @pointerenter=${on.warm} @focus=${on.warm}>${t.call}</button>
      </div>`;
  }

  #renderCall() {
    const { t, muted, level, captions } = this;
    const on = this.#on;
    const remaining = remainingSeconds(this.config, this.elapsedSeconds);
    const warn = remaining !== null && remaining <= 30;
    return html`${renderVisualizer(this.status, level)}
      <div part="meter" role="group" aria-label=${t.meter}>
        <span class="who" aria-hidden="true">${this.heading}</span>
        <div class="level agent"><span data-level=${meterStep(level.output)}></span></div>
        <span class="who" aria-hidden="true">${t.you}</span>
        <div class="level"><span data-level=${meterStep(level.input)}></span></div>
      </div>
      <div class="time ${warn ? 'warning' : ''}" aria-label=${t.elapsed}>
        <span dir="ltr">${formatTime(this.elapsedSeconds)}</span
        >${warn ? html` · <span role="timer">${t.remaining(remaining)}</span>` : nothing}
      </div>
      ${this.poorLine ? html`<p part="network-quality" role="status">${t.poorConnection}</p>` : nothing}
      ${renderTranscript(captions, t.transcript, t.you)}
      ${this.status === 'connected' ? renderTextBox(t.conversation, (text) => on.sendText(text)) : nothing}
      <div class="actions">
        <button part="mute-button" aria-pressed=${muted ? 'true' : 'false'} @click=${on.mute}>
          ${muted ? t.unmute : t.mute}
        </button>
        <button part="end-button" @click=${on.end}>${t.end}</button>
        ${deviceSettings({ t, devices: on.devices })}
      </div>`;
  }
}

if (!customElements.get('kataven-call-panel')) customElements.define('kataven-call-panel', KatavenCallPanel);

declare global {
  interface HTMLElementTagNameMap {
    'kataven-call-panel': KatavenCallPanel;
  }
}

/**
 * A level (0–1) as one of the meter's steps. The bar width comes from a stylesheet rule per step rather than an inline
 * style, which pages with a strict CSP (no 'unsafe-inline' styles) would block.
 */
function meterStep(level: number): number {
  const clamped = Number.isFinite(level) ? Math.min(1, Math.max(0, level)) : 0;
  return Math.round(clamped * METER_STEPS);
}
