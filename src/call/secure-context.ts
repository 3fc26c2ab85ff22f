import { WidgetError } from '../api/errors.js';

/**
 * A page served over plain HTTP from anything but localhost is not a secure context: it has no getUserMedia and no
 * WebRTC, and its microphone permission reads as denied. That is the site's to fix, so it gets its own error rather
 * than `browser_unsupported` or `mic_denied`. Null where calls can work.
 */
export function insecureContextError(): WidgetError | null {
  return globalThis.isSecureContext === false
    ? new WidgetError('insecure_context', 'Calls need a secure context (https, or http://localhost)')
    : null;
}
