/**
 * Loads the lazily loaded panel (the `<kataven-call-panel>` element and its styles) and the strings of the element's
 * locale, and re-renders the host when they arrive. The module loads once per page; strings once per locale; a failed
 * load is tried again on the next `load()` (the next update or intent).
 */
import type { CSSResultOrNative, ReactiveControllerHost } from 'lit';
import { loadOnce } from '../load-once.js';
import { type Strings, loadStrings } from './i18n.js';
import type { renderLiveLauncher, withOverrides } from './call-panel.js';

/** What the loaded panel brings: `<kataven-call-panel>` is defined, and the strings of the current locale. */
export interface PanelKit {
  /** The launcher's face while a call runs behind the closed panel. */
  live: typeof renderLiveLauncher;
  /** Lays the page's `strings` overrides over the locale's texts. */
  withOverrides: typeof withOverrides;
  strings: Strings;
  locale: string;
}

const loadPanelModule = loadOnce(() => import('./call-panel.js'));

export class PanelLoader {
  #host: ReactiveControllerHost;
  #locale: () => string;
  #adoptStyles: (styles: CSSResultOrNative) => void;
  #kit: PanelKit | null = null;
  #loading: Promise<void> | null = null;

  /**
   * @param locale the locale the panel should speak (read at each load)
   * @param adoptStyles adds the panel's styles to the host's shadow root (called once, on the first load)
   */
  constructor(host: ReactiveControllerHost, locale: () => string, adoptStyles: (styles: CSSResultOrNative) => void) {
    this.#locale = locale;
    this.#adoptStyles = adoptStyles;
    this.#host = host;
  }

  /** The loaded panel, or null until it has loaded. Its locale may lag behind a locale change until reloaded. */
  get kit(): PanelKit | null {
    return this.#kit;
  }

  /** True when the loaded panel speaks the current locale. */
  get current(): boolean {
    return this.#kit?.locale === this.#locale();
  }

  /** Loads the panel for the current locale; concurrent calls share one load. Never rejects. */
  load(): Promise<void> {
    const locale = this.#locale();
    this.#loading ??= Promise.all([loadPanelModule(), loadStrings(locale)])
      .then(([module, strings]) => {
        if (!this.#kit) this.#adoptStyles(module.panelStyles);
        this.#kit = {
          live: module.renderLiveLauncher,
          withOverrides: module.withOverrides,
          strings,
          locale,
        };
        this.#host.requestUpdate();
      })
      .catch((error: unknown) => console.warn('[kataven-widget] could not load the panel', error))
      .finally(() => (this.#loading = null));
    return this.#loading;
  }
}
