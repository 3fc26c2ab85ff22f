import type { ReactiveController, ReactiveControllerHost } from 'lit';

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
 * Lays out the launcher's label once in each of the panel's faces (font-faces.ts) after the visitor first engages
 * with the page and before any intent. Once per element, and not at all if the panel came first. The work loads only
 * then, so the first load carries just the wait for the visitor. Cancelled when the element leaves the page.
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
    let cancelWork = (): void => undefined;
    let cancelled = false;
    const stopWaiting = whenEngaged(() => {
      import('./font-faces.js')
        .then(({ layOutPanelFaces }) => {
          if (!cancelled) cancelWork = layOutPanelFaces(root, launcher, () => (this.#done = true));
        })
        .catch(() => undefined); // no warm-up: the panel's first frame looks the faces up itself, as it would anyway
    });
    this.#cancel = () => {
      cancelled = true;
      stopWaiting();
      cancelWork();
    };
  }

  hostDisconnected(): void {
    this.#cancel?.();
    this.#cancel = null;
  }
}
