/**
 * A Device built on intent (hover, focus, the panel opening), before any call, so that the click finds it ready:
 * Twilio's Device is the largest piece of work between `/widget/connect` answering and the invite. With a standby grant
 * (the visitor session's, else one from `POST /widget/signaling`) its signaling socket is open too (TCP, TLS, upgrade
 * and `listen` already done); the call's own token then follows on that socket. It holds no call session, no cap and
 * no microphone, and is dropped after a while without intent, so a visitor who only looked costs the server one
 * short-lived socket.
 */
import type { SignalingResponse } from '../api/call-schemas.js';
import { WidgetError } from '../api/errors.js';
import type { DeviceFactory, DeviceLike, SignalingGrant } from './device.js';

/** How long a standby Device waits for the click after the last sign of intent. */
export const STANDBY_IDLE_MS = 120_000;

export interface DeviceStandbyOptions {
  deviceFactory: DeviceFactory;
  /** The standby grant: the visitor session's, else `POST /widget/signaling`; null where there is none to ask for. */
  requestGrant: (signal: AbortSignal) => Promise<SignalingResponse | null>;
  idleMs?: number;
}

interface Standby {
  device: Promise<DeviceLike | null>;
  abort: AbortController;
  /** Dropped at the earlier of: the idle deadline (pushed back by intent) and a little before its grant expires. */
  idleUntil: number;
  grantUntil: number;
  expiry: ReturnType<typeof setTimeout> | undefined;
}

export class DeviceStandby {
  #options: DeviceStandbyOptions;
  #standby: Standby | null = null;
  /** The server answered 404: it has no standby grants (the documented API), so Devices are built without one. */
  #noGrants = false;

  constructor(options: DeviceStandbyOptions) {
    this.#options = options;
  }

  /** Builds the standby Device once; each further sign of intent pushes its idle deadline back. */
  prepare(): void {
    if (!this.#options.deviceFactory.buildsAhead) return;
    const standby = (this.#standby ??= this.#build());
    standby.idleUntil = Date.now() + (this.#options.idleMs ?? STANDBY_IDLE_MS);
    this.#scheduleExpiry(standby);
  }

  /** Hands the standby Device over to a call (null when there is none, or it could not be built). */
  take(): Promise<DeviceLike | null> {
    const standby = this.#standby;
    this.#standby = null;
    if (!standby) return Promise.resolve(null);
    clearTimeout(standby.expiry);
    return standby.device;
  }

  /** Drops the standby Device, if any (the element went away, or the visitor's identity changed). */
  dispose(): void {
    const standby = this.#standby;
    this.#standby = null;
    if (standby) release(standby);
  }

  #build(): Standby {
    const abort = new AbortController();
    const standby: Standby = {
      abort,
      device: Promise.resolve(null),
      idleUntil: Infinity,
      grantUntil: Infinity,
      expiry: undefined,
    };
    standby.device = this.#createDevice(standby).catch(() => null);
    return standby;
  }

  async #createDevice(standby: Standby): Promise<DeviceLike | null> {
    const { signal } = standby.abort;
    const response = await this.#requestGrant(signal);
    signal.throwIfAborted();
    const device = await buildAhead(this.#options.deviceFactory, response);
    if (signal.aborted) {
      device.destroy();
      signal.throwIfAborted();
    }
    // Before a call takes it, a standby Device that reports an error (its socket failed, say) is dropped.
    device.on('error', () => {
      if (this.#standby === standby) this.dispose();
    });
    if (response) {
      // The socket must not outlive its token: drop it a little before the grant expires.
      standby.grantUntil = Date.now() + response.expires_in * 1000 - 30_000;
      this.#scheduleExpiry(standby);
    }
    return device;
  }

  async #requestGrant(signal: AbortSignal): Promise<SignalingResponse | null> {
    if (this.#noGrants) return null;
    try {
      return await this.#options.requestGrant(signal);
    } catch (error) {
      if (error instanceof WidgetError && (error.status === 404 || error.status === 405)) this.#noGrants = true;
      // Any other failure (offline, rate limited) just means no standby socket: the click opens one as before.
      signal.throwIfAborted();
      return null;
    }
  }

  #scheduleExpiry(standby: Standby): void {
    clearTimeout(standby.expiry);
    // Taken or dropped meanwhile: no timer may outlive the standby (the leak test counts pending timers).
    if (this.#standby !== standby) return;
    const wait = Math.max(0, Math.min(standby.idleUntil, standby.grantUntil) - Date.now());
    standby.expiry = setTimeout(() => {
      if (this.#standby === standby) this.dispose();
    }, wait);
  }
}

/** The Device's view of a grant in the API's shape (the call's from `/widget/connect`, or a standby one). */
export function signalingGrant(twilio: SignalingResponse['twilio']): SignalingGrant {
  return { token: twilio.token, edge: twilio.edge, signalingHost: twilio.signaling_host };
}

/**
 * A Device built before the call's grant is known: with a standby grant its signaling socket starts opening now;
 * without one it has no token yet and opens its socket at `connect()`.
 */
export async function buildAhead(factory: DeviceFactory, standby: SignalingResponse | null): Promise<DeviceLike> {
  const grant: SignalingGrant = standby ? signalingGrant(standby.twilio) : { token: '' };
  const device = await factory(grant);
  if (standby) device.openSignaling?.();
  return device;
}

function release(standby: Standby): void {
  clearTimeout(standby.expiry);
  standby.abort.abort(new DOMException('standby dropped', 'AbortError'));
  void standby.device.then((device) => device?.destroy());
}
