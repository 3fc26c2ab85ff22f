/**
 * The call panel: rendered only after the visitor shows intent (or at once with `display="inline"`), so its markup,
 * styles and strings stay out of the launcher's first load. Pure rendering: state arrives in `PanelView`, intent
 * leaves through its handlers.
 */
import { css, html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { WidgetError } from '../api/errors.js';
import type { Caption } from '../call/call-controller.js';
import type { CallState } from '../state/call-state.js';
import type { ResolvedConfig } from '../state/config-rules.js';
import { type WidgetStatus, isLive } from '../state/widget-stores.js';
import type { Strings } from './i18n.js';

import { feedbackStep, feedbackStyles, forgetFeedback } from './feedback-view.js';
import { formatTime, liveLauncherStyles } from './live-launcher.js';
import { METER_STEPS, panelStyles as baseStyles } from './panel-styles.js';
import { renderVisualizer, visualizerStyles } from './visualizer.js';
import { lockPageScroll, phoneSheetStyles } from './phone-sheet.js';
import { deviceSettings, deviceSettingsStyles } from './device-settings.js';
// conversation (issue 8): transcript, text box and the no-microphone offer.
import { conversationStyles, renderTextBox, renderTranscript, renderTypeInstead } from './conversation-view.js';

export { renderLiveLauncher } from './live-launcher.js';
export { withOverrides } from './strings-override.js';
/** Every style the lazily loaded part needs, adopted once with it. */
export const panelStyles = css`
  ${baseStyles}${liveLauncherStyles}${feedbackStyles}${visualizerStyles}${phoneSheetStyles}${deviceSettingsStyles}${conversationStyles}
`;

export interface PanelView {
  t: Strings;
  /** The locale of `t` and its writing direction. */
  lang: string;
  dir: 'ltr' | 'rtl';
  title: string;
  status: WidgetStatus;
  error: WidgetError | null;
  config: ResolvedConfig | null;
  floating: boolean;
  consentAsked: boolean;
  muted: boolean;
  level: { input: number; output: number };
  elapsedSeconds: number;
  /** Seconds until retrying makes sense (the server's Retry-After), 0 when it does now. */
  retryInSeconds: number;
  remainingSeconds: number | null;
  captions: readonly Caption[];
  on: {
    sendText?: (text: string) => boolean;
    typeInstead?: () => void;
    close: () => void;
    call: () => void;
    /** Hover or focus on the call button: the next call is warmed up like a first one on the launcher. */
    intent: () => void;
    end: () => void;
    mute: () => void;
    retry: () => void;
    agree: () => void;
    decline: () => void;
    /** The call-time state (feedback, audio devices), loaded on intent; null when it could not load. */
    calls: () => Promise<CallState | null>;
    keydown: (event: KeyboardEvent) => void;
  };
}

export function renderPanel(view: PanelView) {
  const { t, config, error, status } = view;
  const logo = config?.branding.logo_url;
  const notice = config?.branding.privacy_notice;
  return html`<section
    part="panel"
    id="panel"
    role="dialog"
    lang=${view.lang}
    dir=${view.dir}
    aria-label=${view.title}
    @keydown=${view.on.keydown}
    ${view.floating ? ref(lockPageScroll) : nothing}
  >
    <header>
      ${logo ? html`<img part="logo" src=${logo} alt="" referrerpolicy="no-referrer" />` : nothing}
      <h2 part="title">${view.title}</h2>
      ${view.floating ? html`<button class="close" part="close-button" aria-label=${t.close} @click=${view.on.close}>×</button>` : nothing}
    </header>
    <div class="body">
      <p part="status" role="status" aria-live="polite">${error && !isLive(status) ? '' : t.status[status]}</p>
      ${error ? html`<p part="error" role="alert">${t.errors[error.code]}</p>` : nothing} ${renderBody(view)}
    </div>
    ${notice ? html`<p part="privacy-notice">${notice}</p>` : nothing}
  </section>`;
}

function renderBody(view: PanelView) {
  const { t, error, status, on } = view;
  if (view.consentAsked) {
    return html`<div part="consent">
      <p>${t.consent}</p>
      <div class="actions">
        <button class="primary" part="agree-button" @click=${on.agree}>${t.agree}</button>
        <button class="secondary" part="decline-button" @click=${on.decline}>${t.decline}</button>
      </div>
    </div>`;
  }
  if (isLive(status)) {
    forgetFeedback(on);
    return renderCall(view);
  }
  if (status === 'unavailable' || status === 'loading' || status === 'idle') return nothing;
  if (error && !error.retryable) return nothing;
  if (error) {
    const wait = view.retryInSeconds;
    // conversation: with the microphone blocked or missing, offer to call and type instead.
    const noMicrophone = (error.code === 'mic_denied' || error.code === 'mic_unavailable') && on.typeInstead;
    const typing = noMicrophone ? renderTypeInstead(t.conversation, noMicrophone) : null;
    return html`<div class="actions">
        <button class="primary" part="retry-button" ?disabled=${wait > 0} @click=${on.retry}>
          ${wait > 0 ? t.retryIn(wait) : t.retry}
        </button>
        ${typing?.button ?? nothing}
      </div>
      ${typing?.hint ?? nothing}`;
  }
  const rate = status === 'ended' && view.config?.policy.feedback_enabled;
  return html`${renderTranscript(view.captions, t.transcript, t.you)}${
      rate
        ? feedbackStep({
            t,
            owner: on,
            send: async (rating, comment) => (await on.calls())?.feedback(rating, comment) ?? false,
          })
        : nothing
    }
    <div class="actions">
      <button part="call-button" @click=${on.call} @pointerenter=${on.intent} @focus=${on.intent}>${t.call}</button>
    </div>`;
}

function renderCall(view: PanelView) {
  const { t, muted, level, remainingSeconds: remaining, captions, on } = view;
  const warn = remaining !== null && remaining <= 30;
  return html`${renderVisualizer(view.status, level)}
    <div part="meter" role="group" aria-label=${t.meter}>
      <span class="who" aria-hidden="true">${view.title}</span>
      <div class="level agent"><span data-level=${meterStep(level.output)}></span></div>
      <span class="who" aria-hidden="true">${t.you}</span>
      <div class="level"><span data-level=${meterStep(level.input)}></span></div>
    </div>
    <div class="time ${warn ? 'warning' : ''}" aria-label=${t.elapsed}>
      <span dir="ltr">${formatTime(view.elapsedSeconds)}</span
      >${warn ? html` · <span role="timer">${t.remaining(remaining)}</span>` : nothing}
    </div>
    ${renderTranscript(captions, t.transcript, t.you)}
    ${view.status === 'connected' && on.sendText ? renderTextBox(t.conversation, on.sendText) : nothing}
    <div class="actions">
      <button part="mute-button" aria-pressed=${muted ? 'true' : 'false'} @click=${on.mute}>
        ${muted ? t.unmute : t.mute}
      </button>
      <button part="end-button" @click=${on.end}>${t.end}</button>
      ${deviceSettings({ t, devices: async (select) => (await on.calls())?.devices(select) ?? null })}
    </div>`;
}

/**
 * A level (0–1) as one of the meter's steps. The bar width comes from a stylesheet rule per step rather than an inline
 * style, which pages with a strict CSP (no 'unsafe-inline' styles) would block.
 */
function meterStep(level: number): number {
  const clamped = Number.isFinite(level) ? Math.min(1, Math.max(0, level)) : 0;
  return Math.round(clamped * METER_STEPS);
}
