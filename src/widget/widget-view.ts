/**
 * The element's templates: the floating root with its launcher. Pure rendering (kataven-widget.ts keeps the state,
 * the loading and the handlers). Part of the launcher's first load; the panel is `<kataven-call-panel>`, in the lazily
 * loaded panel chunk.
 */
import { html, nothing } from 'lit';
import type { LauncherPosition } from '../api/branding.js';
import type { WidgetStatus } from '../state/widget-stores.js';
import { ENGLISH_LAUNCHER_LABEL, loadStrings, localeDirection } from './i18n.js';
import type { LiveLauncher } from './live-launcher.js';

/** Statuses after which the launcher's place and colours are final, even without a config (a failed load). */
export const settledStatuses: ReadonlySet<WidgetStatus> = new Set<WidgetStatus>(['ready', 'unavailable', 'error']);

export interface FloatingView {
  position: LauncherPosition;
  open: boolean;
  /** The panel, rendered above the launcher while open. */
  panel: unknown;
  /** `launcher="none"`: the page opens the panel with its own button. */
  launcherHidden: boolean;
  locale: string;
  label: string;
  logoUrl: string | null | undefined;
  /** The launcher's face while a call runs behind the closed panel. */
  live: LiveLauncher | null | false | undefined;
  onClick: () => void;
  onIntent: () => void;
}

export function renderFloating(view: FloatingView) {
  const { live } = view;
  return html`<div class="root floating" data-position=${view.position}>
    ${view.open ? view.panel : nothing}
    <button
      part="launcher"
      ?hidden=${view.launcherHidden}
      aria-label=${live ? live.label : nothing}
      lang=${view.locale}
      dir=${localeDirection(view.locale)}
      aria-expanded=${view.open ? 'true' : 'false'}
      aria-controls="panel"
      @click=${view.onClick}
      @pointerenter=${view.onIntent}
      @focus=${view.onIntent}
    >
      ${
        view.logoUrl
          ? html`<img part="logo" src=${view.logoUrl} alt="" referrerpolicy="no-referrer" />`
          : html`<span class="mic-icon" aria-hidden="true">${micIcon}</span>`
      }
      <span>${view.label}</span>
      ${live ? live.content : nothing}
    </button>
  </div>`;
}

/**
 * The launcher's label in a locale: English ships with the launcher; another locale's label arrives with that
 * locale's chunk (empty until then, English if it cannot load), and `onLoad` asks for a render with it.
 */
export class LocaleLabel {
  #onLoad: () => void;
  #current: { locale: string; label: string | null } | null = null;

  constructor(onLoad: () => void) {
    this.#onLoad = onLoad;
  }

  /** The label in `locale`: empty while it loads (`load` starts that). */
  in(locale: string): string {
    if (locale === 'en') return ENGLISH_LAUNCHER_LABEL;
    return (this.#current?.locale === locale && this.#current.label) || '';
  }

  /** Starts loading the label of `locale` unless it is English or already loaded or loading (outside rendering). */
  load(locale: string): void {
    if (locale !== 'en' && this.#current?.locale !== locale) {
      const pending: { locale: string; label: string | null } = { locale, label: null };
      this.#current = pending;
      loadStrings(locale)
        .then(
          (strings) => (pending.label = strings.launcher),
          () => (pending.label = ENGLISH_LAUNCHER_LABEL),
        )
        .finally(this.#onLoad);
    }
  }
}

const micIcon = html`<svg viewBox="0 0 24 24">
  <path
    d="M12 14a3 3 0 0 0 3-3V5a3 3 0 1 0-6 0v6a3 3 0 0 0 3 3Zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.92V21h2v-3.08A7 7 0 0 0 19 11h-2Z"
  />
</svg>`;
