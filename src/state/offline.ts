/**
 * A click while the browser knows it is offline fails at once with `network`, instead of after the requests and
 * signaling time out (tens of seconds), and the widget is ready again by itself once the browser is back online.
 */
import { WidgetError } from '../api/errors.js';

/** `network` when the browser says it is offline (`navigator.onLine`), else null. */
export function offlineError(): WidgetError | null {
  return globalThis.navigator?.onLine === false ? new WidgetError('network', 'the browser is offline') : null;
}

/** Runs `recover` once at the next `online` event; returns a cancel function. */
export function whenOnline(recover: () => void): () => void {
  const onOnline = () => {
    globalThis.removeEventListener('online', onOnline);
    recover();
  };
  globalThis.addEventListener('online', onOnline);
  return () => globalThis.removeEventListener('online', onOnline);
}
