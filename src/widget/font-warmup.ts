import { type ReactiveController, type ReactiveControllerHost, css, unsafeCSS } from 'lit';

/**
 * The faces (weight and size) the panel draws its text in; `a11y-states` checks every panel state against this list.
 * The launcher draws only its label's face, so the frame that opens the panel at a click would look up each of these:
 * a font match per weight and size, which on Linux is a round trip to the browser process, on the click's main thread.
 */
export const PANEL_TEXT_FACES = ['600 16px', '400 18px', '400 14px', '600 14px', '400 12px'] as const;

/** How long the sample stays laid out: a frame or so, long enough for a test to see it, too short to matter. */
const SAMPLE_MS = 50;

/** One rule per face: the sample's nth line is drawn in the nth face. */
const faceRules = unsafeCSS(
  PANEL_TEXT_FACES.map((face, index) => {
    const [weight, size] = face.split(' ');
    return `.font-warmup > :nth-child(${index + 1}) { font-weight: ${weight}; font-size: ${size}; }`;
  }).join('\n'),
);

export const fontWarmupStyles = css`
  .font-warmup {
    position: fixed;
    inset: 0 auto auto 0;
    visibility: hidden;
    pointer-events: none;
    white-space: nowrap;
    contain: layout paint;
  }
  ${faceRules}
`;

type Host = ReactiveControllerHost & HTMLElement;

/** What counts as the visitor being there: any pointer, key, wheel or touch on the page. */
const ENGAGEMENT = ['pointermove', 'pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Calls `then` once the visitor has engaged with the page (now, if they already activated it); returns a cancel
 * function. A visitor who leaves without touching anything pays nothing for the warm-up: on a page that draws none
 * of the panel's faces itself, the first face's lookup is the widget's largest main-thread cost before intent.
 */
function whenEngaged(then: () => void): () => void {
  if (navigator.userActivation?.hasBeenActive) {
    then();
    return () => undefined;
  }
  const options = { capture: true, passive: true } as const;
  const stop = () => ENGAGEMENT.forEach((type) => window.removeEventListener(type, engaged, options));
  const engaged = () => {
    stop();
    then();
  };
  ENGAGEMENT.forEach((type) => window.addEventListener(type, engaged, options));
  return stop;
}

/**
 * Lays out the launcher's label once in each of the panel's faces while the page is idle, after the visitor first
 * engages with the page and before any intent, so the browser has looked those faces up by the time a click opens
 * the panel. One face per idle moment (each lookup can take several milliseconds on a slow machine, and together
 * they would make a long task). Invisible (hidden, never painted), in the label's language so a script's fallback
 * fonts are found too; once per element, and not at all if the panel came first. Cancelled when the element leaves
 * the page.
 */
export class FontWarmup implements ReactiveController {
  #host: Host;
  #cancel: (() => void) | null = null;
  #done = false;

  constructor(host: Host) {
    this.#host = host;
  }

  hostUpdated(): void {
    if (this.#done || this.#cancel) return;
    const root = this.#host.shadowRoot;
    if (root?.querySelector('[part="panel"]')) this.#done = true;
    const launcher = root?.querySelector<HTMLElement>('[part="launcher"]');
    if (this.#done || !root || !launcher) return;
    const sample = this.#sample(launcher);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cancelAll = (cancelIdle: () => void) => () => {
      cancelIdle();
      clearTimeout(timer);
      sample.remove();
    };
    const layOutNext = () => {
      const panelFirst = !launcher.isConnected || root.querySelector('[part="panel"]');
      if (!panelFirst && sample.childElementCount < PANEL_TEXT_FACES.length) {
        if (!sample.isConnected) launcher.after(sample);
        const line = document.createElement('span');
        line.textContent = launcher.textContent?.trim() || 'Aa';
        sample.append(line);
        line.getBoundingClientRect(); // this face's lookup happens in this layout, now, while nothing waits on it
        if (sample.childElementCount < PANEL_TEXT_FACES.length) {
          this.#cancel = cancelAll(whenIdle(layOutNext));
          return;
        }
      }
      this.#done = true;
      timer = setTimeout(() => sample.remove(), SAMPLE_MS);
    };
    let cancelFirst: () => void = () => undefined;
    const stopWaiting = whenEngaged(() => {
      cancelFirst = whenIdle(layOutNext);
    });
    this.#cancel = cancelAll(() => {
      stopWaiting();
      cancelFirst();
    });
  }

  hostDisconnected(): void {
    this.#cancel?.();
    this.#cancel = null;
  }

  #sample(launcher: HTMLElement): HTMLElement {
    const sample = document.createElement('span');
    sample.className = 'font-warmup';
    sample.setAttribute('aria-hidden', 'true');
    sample.lang = launcher.lang;
    return sample;
  }
}

/** Runs `task` when the page is next idle (at most 2 s away); returns a cancel function. */
function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: 2000 });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(task, 500); // Safari: no requestIdleCallback
  return () => clearTimeout(timer);
}
