/**
 * Loads the Twilio SDK chunk (idempotent). Its own tiny module, so the state can start the download at the click or
 * on intent, in parallel with the call code, without the launcher's first load carrying the Device factory.
 */
import { WidgetError } from '../api/errors.js';
import { loadOnce } from '../load-once.js';

/** Starts fetching and evaluating the Twilio SDK chunk. Failures surface when a call actually starts. */
export const preloadTwilio: () => Promise<typeof import('@twilio/voice-sdk')> = loadOnce(() =>
  import('@twilio/voice-sdk').catch((error: unknown) => {
    throw new WidgetError('network', 'could not load the call library', { cause: error });
  }),
);
