/**
 * The production Device factory: `@twilio/voice-sdk` is imported only here, and only when a call is about to start
 * (or on intent, via `preloadTwilio`), so it is its own chunk that a page never pays for up front.
 */
import { gestureNeeded } from './gesture.js';
import { WidgetError } from '../api/errors.js';
import type { AudioDevicesLike, CallLike, DeviceFactory, DeviceInit, DeviceLike } from './device.js';
import { inboundAudioPackets } from './media-watchdog.js';
import { insecureContextError } from './secure-context.js';
import { preloadTwilio } from './twilio-loader.js';

export { preloadTwilio } from './twilio-loader.js';

/**
 * Twilio's sounds (ringback, hang-up, DTMF tones) replaced by silence that loads nothing. Twilio fetches each sound at
 * construction (XHR into an AudioContext, or an <audio> element): from sdk.twilio.com by default, which is third-party
 * traffic, and from any URL we give it, which a strict CSP must then allow (data: URLs need `connect-src data:`).
 * The Device's documented `Sound` option replaces the player itself, so no sound is ever fetched (docs/testing.md).
 * Twilio calls only these three methods on a sound.
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

export const createTwilioDevice: DeviceFactory = Object.assign(
  async ({ token, edge, signalingHost, silentMicrophone }: DeviceInit): Promise<DeviceLike> => {
    const insecure = insecureContextError();
    if (insecure) throw insecure;
    const { Device } = await preloadTwilio();
    if (!Device.isSupported) throw new WidgetError('browser_unsupported', 'WebRTC is not available in this browser');
    let silent = silentMicrophone === true;
    const microphone = new EarlyMicrophone();
    let signaling = signalingOptions(edge, signalingHost);
    const peers = trackedPeerConnection();
    const options = {
      // The Device's (documented, internal) constructor option: the same RTCPeerConnection, remembered, so the media
      // watchdog can read its inbound packet count.
      RTCPeerConnection: peers.constructor,
      ...signaling,
      publishEvents: false,
      Sound: SilentSound,
      closeProtection: false,
      logLevel: 'error',
      tokenRefreshMs: 10_000,
      // The visitor types instead of speaking, and Twilio still needs an input track to place the call;
      // otherwise the stream asked for at the click, if there is one.
      getUserMedia: (constraints: MediaStreamConstraints) =>
        silent ? silentInput() : (microphone.take(constraints) ?? navigator.mediaDevices.getUserMedia(constraints)),
    };
    const device = new Device(token, options as ConstructorParameters<typeof Device>[1]);
    // Twilio's emitter throws an `error` nobody listens to, into the page. A Device built ahead can hear one before a
    // call listens (its standby socket failing, say): so one listener is always there. The call's still hear it all.
    device.on('error', () => undefined);
    releaseTokenTimerOnReconnect(device);
    const release = () => {
      device.destroy();
      releaseTokenTimer(device);
      microphone.release();
    };
    return {
      // Twilio's Call/Device emitters accept any listener; our narrower interfaces are a structural subset.
      on: (event, listener) => device.on(event, listener as (...args: unknown[]) => void),
      connect: (connectOptions) => device.connect(connectOptions) as unknown as Promise<CallLike>,
      updateToken: (next) => device.updateToken(next),
      get audio() {
        return device.audio ? audioDevices(device.audio) : undefined;
      },
      async useGrant(grant, call) {
        silent = call.silentMicrophone;
        // A socket still opening gets the call's token once its standby `listen` was accepted: sent earlier, the SDK
        // would drop it (31009, no transport yet). If the socket fails instead, connect() opens a new one.
        await signalingOpened(device);
        const next = signalingOptions(grant.edge, grant.signalingHost);
        // A new host re-opens an open socket there (the SDK does that itself); the same host keeps it.
        if (next.edge !== signaling.edge || next.chunderw !== signaling.chunderw) device.updateOptions(next);
        signaling = next;
        // On an open socket this is a new `listen`, which the server applies before the invite that follows it.
        device.updateToken(grant.token);
      },
      openSignaling: () => openSignaling(device),
      keepCallOnPageHide() {
        // Twilio destroys the Device on `pagehide`, which sends a `hangup` and ends the call for good. The listener is
        // the SDK's own bound method (a private field: checked, and a no-op if a later SDK renames it).
        const onPageHide = (device as unknown as { _boundOnPageHide?: unknown })._boundOnPageHide;
        if (typeof onPageHide === 'function') window.removeEventListener('pagehide', onPageHide as EventListener);
      },
      leaveQuietly() {
        // Twilio sends a `hangup` as it drops a call unless the call's own flag (set when the server hung up) says
        // not to: the flag is private, so checked, and destroy() closes the socket and the media as a page going away
        // would.
        for (const call of [(device as unknown as { _activeCall?: unknown })._activeCall, ...device.calls]) {
          if (call && typeof call === 'object' && '_shouldSendHangup' in call) call._shouldSendHangup = false;
        }
        release();
      },
      warmMicrophone: () => microphone.ask(),
      inboundAudioPackets: () => (peers.latest ? inboundAudioPackets(peers.latest) : Promise.resolve(null)),
      destroy: release,
    };
  },
  { buildsAhead: true, needsGesture: gestureNeeded },
);

/** An RTCPeerConnection subclass that remembers the last instance made (a Device has one call at a time). */
function trackedPeerConnection(): { constructor: typeof RTCPeerConnection; latest: RTCPeerConnection | null } {
  const tracked = {
    latest: null as RTCPeerConnection | null,
    constructor: class extends RTCPeerConnection {
      constructor(configuration?: RTCConfiguration) {
        super(configuration);
        tracked.latest = this;
      }
    },
  };
  return tracked;
}

/** Twilio's signaling options for an edge and host: `chunderw` (exported but internal) replaces the edge's host. */
function signalingOptions(edge: string | null | undefined, host: string | null | undefined) {
  return { edge: edge || 'roaming', chunderw: host || undefined };
}

/**
 * The microphone asked for at the click, while `/widget/connect` is still in flight, instead of after it answered.
 * Twilio takes it for the call's default input (`{ audio: true }`); a stream nobody took is stopped on destroy.
 */
class EarlyMicrophone {
  #pending: Promise<MediaStream> | null = null;

  ask(): void {
    if (this.#pending || !navigator.mediaDevices?.getUserMedia) return;
    this.#pending = navigator.mediaDevices.getUserMedia({ audio: true });
    // A denial is reported where Twilio takes the promise (31401/31402), never as an unhandled rejection.
    this.#pending.catch(() => undefined);
  }

  take(constraints: MediaStreamConstraints): Promise<MediaStream> | null {
    const pending = this.#pending;
    this.#pending = null;
    if (pending && constraints.audio === true) return pending;
    stopWhenReady(pending);
    return null;
  }

  release(): void {
    stopWhenReady(this.#pending);
    this.#pending = null;
  }
}

function stopWhenReady(stream: Promise<MediaStream> | null): void {
  void stream?.then((ready) => ready.getTracks().forEach((track) => track.stop())).catch(() => undefined);
}

/** The Device's private fields this module reaches for (SDK 2.18, device.js). */
interface DeviceInternals {
  _tokenWillExpireTimeout?: ReturnType<typeof setTimeout> | null;
  _onSignalingConnected?: (payload: unknown) => void;
  _streamConnectedPromise?: Promise<unknown> | null;
  _setupStream?: () => Promise<unknown>;
}

/**
 * Opens the Device's signaling socket ahead of `connect()`, which then reuses it (`_makeCall` awaits the same
 * `_streamConnectedPromise`). The SDK opens it only from `connect()` or `register()`, and registering would make the
 * visitor reachable by incoming calls, so this reaches for the private step both use. If a later SDK renames it, the
 * socket simply opens at `connect()` as before.
 */
function openSignaling(device: object): void {
  const internals = device as DeviceInternals;
  if (internals._streamConnectedPromise || typeof internals._setupStream !== 'function') return;
  // Settles with `connected`, or rejects when the socket closes first; connect() then opens a new one.
  internals._setupStream.call(device).catch(() => undefined);
}

/** Settles once a socket opened ahead has been accepted, or has failed; at once when none was opened. */
async function signalingOpened(device: object): Promise<void> {
  await (device as DeviceInternals)._streamConnectedPromise?.catch(() => undefined);
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
