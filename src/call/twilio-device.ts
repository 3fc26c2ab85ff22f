/**
 * The production Device factory: `@twilio/voice-sdk` is imported only here, and only when a call is about to start
 * (or on intent, via `preloadTwilio`), so it is its own chunk that a page never pays for up front.
 */
import { WidgetError } from '../api/errors.js';
import type { DeviceFactory, DeviceLike } from './device.js';

// A 1 ms silent WAV. Twilio preloads 15 sound files from sdk.twilio.com at construction; pointing every sound here
// means the page makes no request it did not ask for (notes: twilio-local-emulation.md section 3).
const SILENT_WAV =
  'data:audio/wav;base64,UklGRjQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YRAAAAAAAAAAAAAAAAAAAAAAAAAA';
const SOUND_NAMES = ['incoming', 'outgoing', 'disconnect', 'dtmfs', 'dtmfh'].concat(
  Array.from({ length: 10 }, (_, digit) => `dtmf${digit}`),
);

let sdk: Promise<typeof import('@twilio/voice-sdk')> | undefined;

/** Starts fetching the Twilio SDK chunk (idempotent). Failures surface when a call actually starts. */
export function preloadTwilio(): Promise<typeof import('@twilio/voice-sdk')> {
  sdk ??= import('@twilio/voice-sdk').catch((error: unknown) => {
    sdk = undefined;
    throw new WidgetError('network', 'could not load the call library', { cause: error });
  });
  return sdk;
}

export const createTwilioDevice: DeviceFactory = async ({ token, edge, signalingHost, silentMicrophone }) => {
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
    // conversation: the visitor types instead of speaking; Twilio still needs an input track to place the call.
    ...(silentMicrophone ? { getUserMedia: silentInput } : {}),
  };
  // Twilio's Call/Device emitters accept any listener; our narrower interfaces are a structural subset.
  return new Device(token, options as ConstructorParameters<typeof Device>[1]) as unknown as DeviceLike;
};

/** A silent MediaStream (an AudioContext with nothing playing into its destination) for calls without a microphone. */
async function silentInput(): Promise<MediaStream> {
  const context = new AudioContext();
  const destination = context.createMediaStreamDestination();
  const stream = destination.stream;
  // `stop()` fires no `ended` event: wrap it, so the context closes when Twilio releases the track at hang-up.
  for (const track of stream.getAudioTracks()) {
    const stop = track.stop.bind(track);
    track.stop = () => {
      stop();
      if (context.state !== 'closed') void context.close();
    };
  }
  // Not awaited: without a recent user gesture `resume()` may wait indefinitely, and silence needs no running clock.
  if (context.state === 'suspended') void context.resume().catch(() => undefined);
  return stream;
}
