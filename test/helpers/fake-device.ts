/**
 * A fake Twilio Device/Call pair for unit and component tests (e2e tests use the real SDK). The test decides when
 * each Twilio event fires, so every state is reachable deterministically.
 */
import { waitUntil } from '@open-wc/testing';
import type {
  AudioDevicesLike,
  CallLike,
  DeviceFactory,
  DeviceInit,
  DeviceLike,
  Listener,
  SignalingGrant,
} from '../../src/call/device.js';

class Emitter {
  #listeners = new Map<string, Set<Listener>>();

  on(event: string, listener: Listener): this {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener);
    return this;
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.#listeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
  }

  listenerCount(): number {
    let count = 0;
    for (const set of this.#listeners.values()) count += set.size;
    return count;
  }
}

export class FakeCall extends Emitter implements CallLike {
  muted = false;
  disconnected = false;

  disconnect(): void {
    if (this.disconnected) return;
    this.disconnected = true;
    queueMicrotask(() => this.emit('disconnect', this));
  }

  mute(shouldMute = true): void {
    this.muted = shouldMute;
    this.emit('mute', shouldMute, this);
  }

  isMuted(): boolean {
    return this.muted;
  }

  /** What the widget sent as Twilio user-defined messages. */
  readonly sent: unknown[] = [];
  sendMessage(message: { content: unknown; messageType: string }): string {
    this.sent.push(message.content);
    return `KX${this.sent.length}`;
  }

  /** Plays the happy path: ringing, then answered. */
  answer(): void {
    this.emit('ringing', false);
    this.emit('accept', this);
  }

  /** Twilio's way to report a failure: `error`, then `disconnect`. */
  fail(code: number, message = 'fake failure'): void {
    this.emit('error', { code, message });
    this.disconnected = true;
    this.emit('disconnect', this);
  }
}

export class FakeDevice extends Emitter implements DeviceLike {
  readonly calls: FakeCall[] = [];
  readonly tokens: string[] = [];
  connectOptions: Parameters<DeviceLike['connect']>[0] | undefined;
  destroyed = false;
  /** Set by a test to let the call choose devices (Twilio's audio helper). */
  audio: AudioDevicesLike | undefined = undefined;

  constructor(readonly init: DeviceInit) {
    super();
    this.tokens.push(init.token);
  }

  connect(options: Parameters<DeviceLike['connect']>[0]): Promise<CallLike> {
    this.connectOptions = options;
    const call = new FakeCall();
    this.calls.push(call);
    return Promise.resolve(call);
  }

  updateToken(token: string): void {
    this.tokens.push(token);
  }

  /** Devices built ahead (see `fakeDevices({ buildsAhead: true })`): what the controller handed over, and when. */
  readonly grants: { grant: SignalingGrant; silentMicrophone: boolean }[] = [];
  signalingOpened = 0;
  microphoneWarmed = 0;

  useGrant(grant: SignalingGrant, call: { silentMicrophone: boolean }): void {
    this.grants.push({ grant, silentMicrophone: call.silentMicrophone });
    this.tokens.push(grant.token);
  }

  openSignaling(): void {
    this.signalingOpened++;
  }

  warmMicrophone(): void {
    this.microphoneWarmed++;
  }

  destroy(): void {
    this.destroyed = true;
    for (const call of this.calls) call.disconnect();
  }

  /** Set once the Device left its call quietly (a move to another tab): destroyed, and its calls never hung up. */
  leftQuietly = false;

  leaveQuietly(): void {
    this.leftQuietly = true;
    this.destroyed = true;
  }

  get call(): FakeCall {
    const call = this.calls[this.calls.length - 1];
    if (!call) throw new Error('no call yet');
    return call;
  }
}

/** Waits until the newest Device has placed a call. */
export async function waitForCall(devices: ReturnType<typeof fakeDevices>, timeout = 3000): Promise<FakeCall> {
  await waitUntil(() => devices.devices.at(-1)?.calls.length, 'no call was placed', { timeout });
  return devices.last.call;
}

/**
 * A factory that records every Device it creates; `fail` makes the next creation reject. With `buildsAhead` the
 * controller builds Devices before the call's grant is known, as it does with Twilio's.
 */
export function fakeDevices(options: { buildsAhead?: boolean } = {}) {
  const devices: FakeDevice[] = [];
  let failure: unknown;
  const create = async (init: DeviceInit): Promise<DeviceLike> => {
    if (failure) {
      const error = failure;
      failure = undefined;
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows exactly what the test injected
      throw error;
    }
    const device = new FakeDevice(init);
    devices.push(device);
    return device;
  };
  let gesture = false;
  const factory: DeviceFactory = Object.assign(create, {
    buildsAhead: options.buildsAhead === true,
    needsGesture: () => Promise.resolve(gesture),
  });
  return {
    factory,
    devices,
    failNext(error: unknown) {
      failure = error;
    },
    /** Whether a call taken over from an earlier page must wait for the visitor's click (no microphone grant yet). */
    requireGesture(required: boolean) {
      gesture = required;
    },
    get last(): FakeDevice {
      const device = devices[devices.length - 1];
      if (!device) throw new Error('no device yet');
      return device;
    },
  };
}

export type FakeDevices = ReturnType<typeof fakeDevices>;
