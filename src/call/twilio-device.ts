/**
 * The production Device factory: `@twilio/voice-sdk` is imported only here, and only when a call is about to start
 * (or on intent, via `preloadTwilio`), so it is its own chunk that a page never pays for up front.
 */
import { WidgetError } from '../api/errors.js';
import type { AudioDevicesLike, CallLike, DeviceFactory } from './device.js';
import { preloadTwilio } from './twilio-loader.js';

export { preloadTwilio } from './twilio-loader.js';

/**
 * Twilio's sounds (ringback, hang-up, DTMF tones) replaced by silence that loads nothing. Twilio fetches each sound at
 * construction (XHR into an AudioContext, or an <audio> element): from sdk.twilio.com by default, which is third-party
 * traffic, and from any URL we give it, which a strict CSP must then allow (data: URLs need `connect-src data:`).
 * The Device's documented `Sound` option replaces the player itself, so no sound is ever fetched (notes:
 * twilio-local-emulation.md section 3). Twilio calls only these three methods on a sound.
 */
class SilentSound {
  play(): Promise<void> {
    return Promise.resolve();
  }
  stop(): void {}
  setSinkIds(): Promise<void> {
    return Promise.resolve();
  }
}

export const createTwilioDevice: DeviceFactory = async ({ token, edge, signalingHost, silentMicrophone }) => {
  const { Device } = await preloadTwilio();
  if (!Device.isSupported) throw new WidgetError('browser_unsupported', 'WebRTC is not available in this browser');
  const options = {
    edge: edge || 'roaming',
    // `chunderw` is the SDK's (exported but internal) signaling-host option; it replaces the edge's host.
    ...(signalingHost ? { chunderw: signalingHost } : {}),
    publishEvents: false,
    Sound: SilentSound,
    closeProtection: false,
    logLevel: 'error',
    tokenRefreshMs: 10_000,
    // conversation: the visitor types instead of speaking; Twilio still needs an input track to place the call.
    ...(silentMicrophone ? { getUserMedia: silentInput } : {}),
  };
  const device = new Device(token, options as ConstructorParameters<typeof Device>[1]);
  releaseTokenTimerOnReconnect(device);
  return {
    // Twilio's Call/Device emitters accept any listener; our narrower interfaces are a structural subset.
    on: (event, listener) => device.on(event, listener as (...args: unknown[]) => void),
    connect: (connectOptions) => device.connect(connectOptions) as unknown as Promise<CallLike>,
    updateToken: (next) => device.updateToken(next),
    get audio() {
      return device.audio ? audioDevices(device.audio) : undefined;
    },
    destroy() {
      device.destroy();
      releaseTokenTimer(device);
    },
  };
};

/** The Device's private fields this module reaches for (SDK 2.18, device.js). */
interface DeviceInternals {
  _tokenWillExpireTimeout?: ReturnType<typeof setTimeout> | null;
  _onSignalingConnected?: (payload: unknown) => void;
}

/**
 * The Device sets a token-expiry timer (token TTL minus `tokenRefreshMs`: about an hour) each time signaling connects,
 * and nothing clears it: `destroy()` leaves it pending, holding the destroyed Device, and a signaling reconnect sets a
 * second one over the first. Clear it on destroy and before each reconnect sets a new one.
 */
function releaseTokenTimer(device: object): void {
  const internals = device as DeviceInternals;
  if (internals._tokenWillExpireTimeout) clearTimeout(internals._tokenWillExpireTimeout);
  internals._tokenWillExpireTimeout = null;
}

function releaseTokenTimerOnReconnect(device: object): void {
  const internals = device as DeviceInternals;
  const onConnected = internals._onSignalingConnected;
  // The handler is an instance field the Device subscribes to its signaling stream only on connect(), so a wrapper
  // installed now is the one it adds (and later removes).
  if (typeof onConnected !== 'function') return;
  internals._onSignalingConnected = (payload) => {
    releaseTokenTimer(device);
    onConnected(payload);
  };
}

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

type AudioHelper = NonNullable<InstanceType<Awaited<ReturnType<typeof preloadTwilio>>['Device']>['audio']>;

/** Twilio's audio helper as the widget's `AudioDevicesLike`: the lists, the devices in use, and switching live. */
function audioDevices(helper: AudioHelper): AudioDevicesLike {
  const list = (devices: Map<string, MediaDeviceInfo>) =>
    [...devices.values()].map((device) => ({ id: device.deviceId, label: device.label }));
  return {
    list: () => ({
      inputs: list(helper.availableInputDevices),
      outputs: helper.isOutputSelectionSupported ? list(helper.availableOutputDevices) : null,
      input: helper.inputDevice?.deviceId ?? null,
      output: [...helper.speakerDevices.get()][0]?.deviceId ?? null,
    }),
    setInput: (id) => helper.setInputDevice(id),
    setOutput: (id) => helper.speakerDevices.set(id),
  };
}
