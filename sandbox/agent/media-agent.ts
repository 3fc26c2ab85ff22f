// The answering media peer behind a call. The sandbox ships a werift implementation; anything that can
// answer an SDP offer and move 8 kHz PCM (libwebrtc, a browser page) can stand in for it.

/** One RTP packet the agent sent, as the caller's browser sees it in the packet's header. */
export interface SentPacket {
  sequenceNumber: number;
  timestamp: number;
}

export interface MediaStats {
  packetsFromCaller: number;
  packetsToCaller: number;
  /** The packets that carried the greeting, in order (empty until it plays), so a test can find each one. */
  greetingPackets: SentPacket[];
  /** Mean absolute PCM16 value of the caller's audio over the last second (0 when silent or absent). */
  callerLevel: number;
}

/** 20 ms of mono PCM16 at 8 kHz. */
export const FRAME_SAMPLES = 160;
export const SAMPLE_RATE = 8000;

/** Mean absolute PCM16 value of a frame: the level both the stats and the agent's speech detection use. */
export function meanAbsolute(frame: Int16Array): number {
  let total = 0;
  for (const sample of frame) total += Math.abs(sample);
  return frame.length ? total / frame.length : 0;
}

/** A poor line (fault `poor_line`): a share of packets lost each way, and random delay on what the agent sends. */
export interface LineImpairment {
  /** 0..1 */
  loss: number;
  jitterMs: number;
}

export interface MediaAgent {
  /** Applies the caller's offer and resolves with a complete answer SDP (all ICE candidates, no trickle). */
  answer(offerSdp: string): Promise<string>;
  /** ICE restart / renegotiation: a new offer on the same call. */
  reoffer(offerSdp: string): Promise<string>;
  /** Each frame of caller audio as it arrives, with its level (`meanAbsolute`), worked out once per frame. */
  onCallerAudio(listener: (frame: Int16Array, level: number) => void): void;
  /**
   * Runs `listener` once the caller's media path is up: the first packet from the caller, or DTLS connected, whichever
   * comes first (at once if it already is). Audio started before then would reach nobody.
   */
  onMediaReady(listener: () => void): void;
  /** Queues audio for the caller; it plays once media is flowing. `greeting` records its packets (MediaStats). */
  play(pcm: Int16Array, options?: { greeting?: boolean }): void;
  stats(): MediaStats;
  /** Makes the line poor (or clean again with zeros); optional for agents that cannot. */
  impair?(impairment: LineImpairment): void;
  close(): Promise<void>;
}

export type MediaAgentFactory = () => MediaAgent;
