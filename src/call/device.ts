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
  /** Twilio's user-defined messages (DESIGN.md 2.7); optional so older fakes still fit. */
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
  /** null where the browser cannot choose the speaker (no `setSinkId`). */
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
}

export interface DeviceInit {
  token: string;
  edge?: string | null | undefined;
  /** Host (and port) of the signaling server, e.g. the sandbox's `127.0.0.1:8443`. */
  signalingHost?: string | null | undefined;
  /** conversation: give Twilio a silent input stream instead of asking for the microphone. */
  silentMicrophone?: boolean | undefined;
}

/** Creates a Device for one call. Production: `createTwilioDevice`; tests: a fake. */
export type DeviceFactory = (init: DeviceInit) => Promise<DeviceLike>;

/** The shape of a Twilio error as the SDK emits it. */
export interface TwilioErrorLike {
  code?: number;
  message?: string;
}
