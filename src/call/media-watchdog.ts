/**
 * Notices within about a second that the agent's audio stopped arriving, well before the Twilio SDK does: ICE takes
 * about 5 s to call a dead path `disconnected`, which is 5 s of dead air with "Connected" on screen. It polls the
 * call's inbound audio packet count; no new packet for `stallMs` means the line is stalled, and the next new packet
 * means it flows again. Twilio's media servers send audio continuously; even Opus DTX sends a frame every 400 ms
 * in silence, so a stall of a second is a broken path, not a quiet agent.
 */

/** Reads the call's inbound audio packet count so far; null once there is no connection to read. */
export type InboundPacketReader = () => Promise<number | null>;

export interface MediaWatchdogOptions {
  /** How often to read the count (default 200 ms). */
  pollMs?: number;
  /** How long without a new packet counts as stalled (default 1000 ms). */
  stallMs?: number;
  /** The clock (tests inject one). */
  now?: () => number;
  /** Schedules the polling; returns a cancel function (tests inject one). */
  every?: (ms: number, run: () => void) => () => void;
}

const realEvery = (ms: number, run: () => void): (() => void) => {
  const timer = setInterval(run, ms);
  return () => clearInterval(timer);
};

export class MediaWatchdog {
  readonly #read: InboundPacketReader;
  readonly #onChange: (stalled: boolean) => void;
  readonly #stallMs: number;
  readonly #now: () => number;
  readonly #cancel: () => void;
  #last = -1;
  #lastRiseAt = 0;
  #stalled = false;
  #reading = false;
  #stopped = false;

  /** Starts watching at once; `onChange(true)` on a stall, `onChange(false)` when packets arrive again. */
  constructor(read: InboundPacketReader, onChange: (stalled: boolean) => void, options: MediaWatchdogOptions = {}) {
    this.#read = read;
    this.#onChange = onChange;
    this.#stallMs = options.stallMs ?? 1000;
    this.#now = options.now ?? Date.now;
    this.#cancel = (options.every ?? realEvery)(options.pollMs ?? 200, () => void this.#poll());
  }

  get stalled(): boolean {
    return this.#stalled;
  }

  stop(): void {
    this.#stopped = true;
    this.#cancel();
  }

  async #poll(): Promise<void> {
    if (this.#reading || this.#stopped) return;
    this.#reading = true;
    let count: number | null = null;
    try {
      count = await this.#read();
    } catch {
      count = null; // a connection closing under getStats(): nothing to judge this time
    } finally {
      this.#reading = false;
    }
    if (count === null || this.#stopped) return;
    const now = this.#now();
    if (count > this.#last) {
      // Only a line that has carried audio can stall: before the first packet, connecting is the SDK's business.
      const first = this.#last < 0 && count === 0;
      this.#last = count;
      if (first) return;
      this.#lastRiseAt = now;
      if (this.#stalled) this.#set(false);
    } else if (this.#lastRiseAt > 0 && !this.#stalled && now - this.#lastRiseAt >= this.#stallMs) {
      this.#set(true);
    }
  }

  #set(stalled: boolean): void {
    this.#stalled = stalled;
    this.#onChange(stalled);
  }
}

/** The inbound audio packet count of a peer connection (all audio `inbound-rtp` stats); null once it is closed. */
export async function inboundAudioPackets(pc: RTCPeerConnection): Promise<number | null> {
  if (pc.connectionState === 'closed') return null;
  const report = await pc.getStats();
  let total = 0;
  report.forEach((stat: { type?: string; kind?: string; packetsReceived?: number }) => {
    if (stat.type === 'inbound-rtp' && stat.kind === 'audio') total += stat.packetsReceived ?? 0;
  });
  return total;
}
