/**
 * The font warm-up's work (font-warmup.ts), loaded once the visitor engages with the page: the launcher's label laid
 * out once in each of the panel's faces while the page is idle, so the browser has looked those faces up by the time
 * a click opens the panel.
 */

/**
 * The faces (weight and size) the panel draws its text in; `a11y-states` checks every panel state against this list.
 * The launcher draws only its label's face, so the frame that opens the panel at a click would look up each of these:
 * a font match per weight and size, which on Linux is a round trip to the browser process, on the click's main thread.
 */
export const PANEL_TEXT_FACES = ['600 16px', '400 18px', '400 14px', '600 14px', '400 12px'] as const;

/** How long the sample stays laid out: a frame or so, long enough for a test to see it, too short to matter. */
const SAMPLE_MS = 50;

/**
 * One face per idle moment (each lookup can take several milliseconds on a slow machine, and together they would make
 * a long task). Invisible (hidden, never painted), in the label's language so a script's fallback fonts are found
 * too; stops if the panel comes first or the launcher goes. `done` is told once it has finished or stopped; returns a
 * cancel function.
 */
export function layOutPanelFaces(root: ShadowRoot, launcher: HTMLElement, done: () => void): () => void {
  const sample = document.createElement('span');
  sample.className = 'font-warmup';
  sample.setAttribute('aria-hidden', 'true');
  // Styled through the CSSOM, which a strict CSP allows (no style attribute, no stylesheet of its own).
  Object.assign(sample.style, {
    position: 'fixed',
    inset: '0 auto auto 0',
    visibility: 'hidden',
    pointerEvents: 'none',
    whiteSpace: 'nowrap',
    contain: 'layout paint',
  });
  sample.lang = launcher.lang;
  let cancelIdle = (): void => undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const layOutNext = () => {
    const panelFirst = !launcher.isConnected || root.querySelector('[part="panel"]');
    const face = PANEL_TEXT_FACES[sample.childElementCount];
    if (!panelFirst && face) {
      if (!sample.isConnected) launcher.after(sample);
      const line = document.createElement('span');
      const [fontWeight, fontSize] = face.split(' ');
      Object.assign(line.style, { fontWeight, fontSize });
      line.textContent = launcher.textContent?.trim() || 'Aa';
      sample.append(line);
      line.getBoundingClientRect(); // this face's lookup happens in this layout, now, while nothing waits on it
      if (sample.childElementCount < PANEL_TEXT_FACES.length) {
        cancelIdle = whenIdle(layOutNext);
        return;
      }
    }
    done();
    timer = setTimeout(() => sample.remove(), SAMPLE_MS);
  };
  cancelIdle = whenIdle(layOutNext);
  return () => {
    cancelIdle();
    clearTimeout(timer);
    sample.remove();
  };
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
