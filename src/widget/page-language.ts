/**
 * Watches the page's `<html lang>` for the elements that follow it (no `locale` attribute). Single-page apps change
 * the language without a reload, so the widget re-renders in the new one. One MutationObserver serves every element
 * on the page; it observes only while at least one element is connected, so a removed widget leaves nothing behind.
 */
const listeners = new Set<() => void>();
let observer: MutationObserver | null = null;

/** Calls `onChange` whenever `<html lang>` changes, until the returned function is called. */
export function watchPageLanguage(onChange: () => void): () => void {
  listeners.add(onChange);
  if (!observer) {
    observer = new MutationObserver(() => {
      for (const listener of [...listeners]) listener();
    });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }
  return () => {
    listeners.delete(onChange);
    if (listeners.size === 0 && observer) {
      observer.disconnect();
      observer = null;
    }
  };
}
