/**
 * The production Device factory: `@twilio/voice-sdk` is imported only here, and only when a call is about to start
 * (or on intent, via `preloadTwilio`), so it is its own chunk that a page never pays for up front.
 */
import { WidgetError } from '../api/errors.js';
import type { DeviceFactory, DeviceLike } from './device.js';
import { preloadTwilio } from './twilio-loader.js';

// A 1 ms silent WAV. Twilio preloads 15 sound files from sdk.twilio.com at construction; pointing every sound here
// means the page makes no request it did not ask for (notes: twilio-local-emulation.md section 3).
const SILENT_WAV =
  'data:audio/wav;base64,UklGRjQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YRAAAAAAAAAAAAAAAAAAAAAAAAAA';
const SOUND_NAMES = ['incoming', 'outgoing', 'disconnect', 'dtmfs', 'dtmfh'].concat(
  Array.from({ length: 10 }, (_, digit) => `dtmf${digit}`),
);

export { preloadTwilio } from './twilio-loader.js';

export const createTwilioDevice: DeviceFactory = async ({ token, edge, signalingHost }) => {
  const { Device } = await preloadTwilio();
  if (!Device.isSupported) throw new WidgetError('browser_unsupported', 'WebRTC is not available in this browser');
  const options = {
    edge: edge || 'roaming',
    // `chunderw` is the SDK's (exported but internal) signaling-host option; it replaces the edge's host.
    ...(signalingHost ? { chunderw: signalingHost } : {}),
    publishEvents: false,
    sounds: Object.fromEntries(SOUND_NAMES.map((name) => [name, SILENT_WAV])),
    closeProtection: false,
    logLevel: 'error',
    tokenRefreshMs: 10_000,
  };
  // Twilio's Call/Device emitters accept any listener; our narrower interfaces are a structural subset.
  return new Device(token, options as ConstructorParameters<typeof Device>[1]) as unknown as DeviceLike;
};
