// The answering media peer behind a call. The sandbox ships a werift implementation; anything that can
// answer an SDP offer and move 8 kHz PCM (libwebrtc, a browser page) can stand in for it.

export interface MediaStats {
  packetsFromCaller: number;
  packetsToCaller: number;
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
  /** Queues audio for the caller; it plays once media is flowing. */
  play(pcm: Int16Array): void;
  stats(): MediaStats;
  /** Makes the line poor (or clean again with zeros); optional for agents that cannot. */
  impair?(impairment: LineImpairment): void;
  close(): Promise<void>;
}

export type MediaAgentFactory = () => MediaAgent;
