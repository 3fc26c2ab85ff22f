/** UI strings. English is complete; every other locale must provide every key (the type checks it). */
import type { WidgetErrorCode } from '../api/errors.js';

const en = {
  launcher: 'Talk to us',
  close: 'Close',
  call: 'Start call',
  end: 'End call',
  mute: 'Mute microphone',
  unmute: 'Unmute microphone',
  retry: 'Try again',
  agree: 'Agree and start call',
  decline: 'Not now',
  consent: 'This call uses your microphone. Please agree before we connect you.',
  signIn: 'Please sign in to talk to this assistant.',
  transcript: 'Transcript',
  you: 'You',
  meter: 'Audio level',
  elapsed: 'Call time',
  remaining: (seconds: number) => `${seconds} s left`,
  status: {
    idle: '',
    loading: 'Loading…',
    ready: 'Ready when you are.',
    unavailable: 'Not available right now.',
    connecting: 'Connecting…',
    ringing: 'Ringing…',
    connected: 'Connected. Go ahead and talk.',
    reconnecting: 'Connection lost. Reconnecting…',
    ended: 'Call ended.',
    error: 'Something went wrong.',
  },
  errors: {
    invalid_key: 'This assistant is not set up correctly on this website.',
    secret_key_in_page: 'This assistant is not set up correctly on this website.',
    origin_not_allowed: 'This website is not allowed to use this assistant.',
    key_disabled: 'This assistant has been turned off for this website.',
    agent_not_found: 'This assistant could not be found.',
    agent_not_active: 'This assistant is not taking calls right now.',
    widget_disabled: 'This assistant is not available on the web.',
    sign_in_required: 'Please sign in to talk to this assistant.',
    rate_limited: 'Too many requests. Please wait a moment and try again.',
    cost_cap: 'All lines are busy right now. Please try again later.',
    network: 'We could not reach the server. Check your connection and try again.',
    server_error: 'The server had a problem. Please try again.',
    invalid_response: 'The server sent something unexpected. Please try again.',
    mic_denied: 'Microphone access was blocked. Allow it in your browser’s site settings, then try again.',
    mic_unavailable: 'No microphone could be used. Check that one is connected and not in use, then try again.',
    browser_unsupported: 'This browser cannot make voice calls. Please try a current Chrome, Edge, Firefox or Safari.',
    call_failed: 'The call could not be connected. Please try again.',
    call_dropped: 'The call was dropped. Please try again.',
  } satisfies Record<WidgetErrorCode, string>,
};

export type Strings = typeof en;

/** English ships with the launcher; other locales are fetched on first use, so no page pays for all of them. */
const LOADERS: Readonly<Record<string, () => Promise<{ default: Strings }>>> = {
  es: () => import('./locales/es.js'),
};
export const SUPPORTED_LOCALES = ['en', ...Object.keys(LOADERS)];
const loaded = new Map<string, Strings>([['en', en]]);
const loading = new Map<string, Promise<void>>();

/** The supported locale for `locale` (e.g. `es-MX` → `es`), else for the browser's language, else `en`. */
export function resolveLocale(locale: string | undefined): string {
  const wanted = (locale || (typeof navigator === 'undefined' ? '' : navigator.language) || 'en').toLowerCase();
  if (SUPPORTED_LOCALES.includes(wanted)) return wanted;
  const language = wanted.split('-')[0] ?? '';
  return SUPPORTED_LOCALES.includes(language) ? language : 'en';
}

/**
 * The strings for `locale` if loaded; otherwise English for now, and `onLoaded` runs once the locale has arrived.
 */
export function stringsFor(locale: string | undefined, onLoaded?: () => void): Strings {
  const code = resolveLocale(locale);
  const strings = loaded.get(code);
  if (strings) return strings;
  const load = LOADERS[code];
  if (load && !loading.has(code)) {
    loading.set(
      code,
      load()
        .then((module) => void loaded.set(code, module.default))
        .catch(() => void loading.delete(code)), // offline: keep English, try again on the next render
    );
  }
  void loading.get(code)?.then(onLoaded);
  return en;
}
