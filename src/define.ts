/** Registers `<kataven-widget>`. A second registration is a no-op (with a warning when the versions differ). */
import { KatavenWidget } from './widget/kataven-widget.js';

export const TAG_NAME = 'kataven-widget';
declare const __KATAVEN_VERSION__: string | undefined;
// Replaced by the build (vite `define`); unbuilt sources (tests) report "dev".
const VERSION = typeof __KATAVEN_VERSION__ === 'string' ? __KATAVEN_VERSION__ : 'dev';

type Versioned = CustomElementConstructor & { katavenVersion?: string };

export function defineKatavenWidget(): void {
  if (typeof customElements === 'undefined') return;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- it adds `katavenVersion` (tsc 7 agrees)
  const existing = customElements.get(TAG_NAME) as Versioned | undefined;
  if (existing) {
    if (existing.katavenVersion !== VERSION) {
      console.warn(
        `[kataven-widget] <${TAG_NAME}> ${existing.katavenVersion ?? '(unknown version)'} is already registered; ` +
          `ignoring version ${VERSION}. Load the widget once per page.`,
      );
    }
    return;
  }
  class RegisteredKatavenWidget extends KatavenWidget {
    static katavenVersion = VERSION;
  }
  customElements.define(TAG_NAME, RegisteredKatavenWidget);
}

defineKatavenWidget();

export { KatavenWidget };
