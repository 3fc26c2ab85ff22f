/**
 * The slice of Twilio's Device/Call API the controller uses. Twilio's own types never leave `call/`; tests inject a
 * fake that implements these interfaces.
 */
export type Listener = (...args: never[]) => void;

export interface CallLike {
  on(event: string, listener: Listener): unknown;
  disconnect(): void;
  mute(shouldMute?: boolean): void;
  isMuted(): boolean;
  /** Twilio's user-defined messages (docs/protocol.md section 5); optional so older fakes still fit. */
  sendMessage?(message: { content: unknown; contentType?: string; messageType: string }): unknown;
}

/** A microphone or speaker the browser lists. */
export interface AudioDevice {
  id: string;
  label: string;
}

/** The audio devices of a call: what there is, what is in use, and whether the speaker can be chosen at all. */
export interface AudioDeviceList {
  inputs: AudioDevice[];
  /** null where the browser cannot choose the speaker (no `setSinkId`); empty where it lists none (Firefox, until asked). */
  outputs: AudioDevice[] | null;
  input: string | null;
  output: string | null;
}

/** Choosing the microphone and speaker during a call (Twilio's audio helper, narrowed). */
export interface AudioDevicesLike {
  list(): AudioDeviceList;
  setInput(id: string): Promise<void>;
  setOutput(id: string): Promise<void>;
}

export interface DeviceLike {
  on(event: string, listener: Listener): unknown;
  /** Absent where the Device cannot choose devices. */
  readonly audio?: AudioDevicesLike | undefined;
  connect(options: { params: Record<string, string>; rtcConfiguration: RTCConfiguration }): Promise<CallLike>;
  updateToken(token: string): void;
  destroy(): void;
  /**
   * For a Device built before `/widget/connect` answered (on intent, or at the click while the request is in flight):
   * points it at the call's grant (token, edge, signaling host) and microphone mode before `connect()`. Only Devices
   * from a factory with `buildsAhead` have it.
   */
  useGrant?(grant: SignalingGrant, call: { silentMicrophone: boolean }): Promise<void> | void;
  /** Opens the signaling socket now, with the Device's standby token, so `connect()` finds it open. */
  openSignaling?(): void;
  /** Asks for the microphone now, in parallel with `/widget/connect`; `connect()` then takes that stream. */
  warmMicrophone?(): void;
  /** The current call's inbound audio packet count, for the media watchdog (media-watchdog.ts); null without one. */
  inboundAudioPackets?(): Promise<number | null>;
  /**
   * Continuity (docs/protocol.md section 9): the page going away no longer hangs the call up; its signaling socket
   * simply closes, so the site's next page can take the call over.
   */
  keepCallOnPageHide?(): void;
  /**
   * Continuity: drops the call's media and signaling without a hangup, as a page going away does, and releases the
   * Device (it is not used again). The server keeps the call for the resume window; another tab takes it over.
   */
  leaveQuietly?(): void;
}

/** Where and as whom a Device signals: the grant of `/widget/connect` (a call) or of `/widget/signaling` (standby). */
export interface SignalingGrant {
  token: string;
  edge?: string | null | undefined;
  /** Host (and port) of the signaling server, e.g. the sandbox's `127.0.0.1:8443`. */
  signalingHost?: string | null | undefined;
}

export interface DeviceInit extends SignalingGrant {
  /** Give Twilio a silent input stream instead of asking for the microphone. */
  silentMicrophone?: boolean | undefined;
}

/** Creates a Device. Production: `createTwilioDevice`; tests: a fake. */
export interface DeviceFactory {
  (init: DeviceInit): Promise<DeviceLike>;
  /**
   * Its Devices can be built before the call's grant is known (with a standby token, or none yet) and implement
   * `useGrant`, `openSignaling` and `warmMicrophone`; without it every call builds its Device after `/widget/connect`.
   */
  readonly buildsAhead?: boolean;
  /**
   * Continuity: whether a call taken over on a freshly loaded page needs the visitor's click first (the microphone
   * would prompt, or audio could not start). Absent: never.
   */
  readonly needsGesture?: () => Promise<boolean>;
}

/** The shape of a Twilio error as the SDK emits it. */
export interface TwilioErrorLike {
  code?: number;
  message?: string;
}
