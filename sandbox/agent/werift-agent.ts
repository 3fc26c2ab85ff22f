// The default media peer: werift (pure TypeScript WebRTC), PCMU only, 20 ms RTP pacing.
import { RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket, type RTCRtpTransceiver } from 'werift';
import { decodeUlaw, encodeUlaw } from './g711';
import {
  FRAME_SAMPLES,
  meanAbsolute,
  type LineImpairment,
  type MediaAgent,
  type MediaStats,
  type SentPacket,
} from './media-agent';

const FRAME_MS = 20;
const GATHERING_TIMEOUT_MS = 5000;
/** Audio queued beyond this is dropped (oldest first), so an echo never lags far behind. */
const MAX_QUEUED_FRAMES = 150;
const LEVEL_WINDOW_MS = 1000;
const SILENT_ULAW = 0xff;
const MAX_BURST_FRAMES = 5;
const CLOSED = Symbol('closed');

export class WeriftMediaAgent implements MediaAgent {
  private readonly pc = new RTCPeerConnection({
    codecs: {
      audio: [new RTCRtpCodecParameters({ mimeType: 'audio/PCMU', clockRate: 8000, channels: 1, payloadType: 0 })],
    },
    // Chromium never offers loopback candidates, but a loopback-only host still needs one from us.
    iceAdditionalHostAddresses: ['127.0.0.1'],
  });
  private transceiver: RTCRtpTransceiver | undefined;
  private readonly queue: Array<{ frame: Int16Array; greeting: boolean }> = [];
  private readonly greetingPackets: SentPacket[] = [];
  private mediaReady = false;
  private readonly readyListeners: Array<() => void> = [];
  private readonly listeners: Array<(frame: Int16Array, level: number) => void> = [];
  /** Per received frame: when, and its mean absolute amplitude. */
  private readonly recentLevels: Array<{ at: number; level: number }> = [];
  private packetsFromCaller = 0;
  private packetsToCaller = 0;
  private pacer: NodeJS.Timeout | undefined;
  private impairment: LineImpairment = { loss: 0, jitterMs: 0 };
  /** Packets held back by jitter, sent later (cleared on close). */
  private readonly delayed = new Set<NodeJS.Timeout>();
  private pacerStartedAt = 0;
  private framesSent = 0;
  private sequenceNumber = Math.floor(Math.random() * 0xffff);
  private timestamp = Math.floor(Math.random() * 0xffffffff);
  /** Set by close(): the call may end (caller hangs up while ringing) while answer() is still negotiating. */
  private closed = false;
  private signalClosed: () => void = () => undefined;
  private readonly whenClosed = new Promise<typeof CLOSED>((resolve) => (this.signalClosed = () => resolve(CLOSED)));

  constructor() {
    this.pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => this.receive(rtp.payload));
    });
    this.pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected') this.markMediaReady();
    });
  }

  async answer(offerSdp: string): Promise<string> {
    const sdp = await this.unlessClosed(this.negotiate(offerSdp));
    this.startPacer();
    return sdp;
  }

  reoffer(offerSdp: string): Promise<string> {
    return this.unlessClosed(this.negotiate(offerSdp));
  }

  onCallerAudio(listener: (frame: Int16Array, level: number) => void): void {
    this.listeners.push(listener);
  }

  onMediaReady(listener: () => void): void {
    if (this.mediaReady) listener();
    else this.readyListeners.push(listener);
  }

  play(pcm: Int16Array, { greeting = false }: { greeting?: boolean } = {}): void {
    for (let offset = 0; offset < pcm.length; offset += FRAME_SAMPLES) {
      const frame = new Int16Array(FRAME_SAMPLES);
      frame.set(pcm.subarray(offset, offset + FRAME_SAMPLES));
      this.queue.push({ frame, greeting });
    }
    if (this.queue.length > MAX_QUEUED_FRAMES) this.queue.splice(0, this.queue.length - MAX_QUEUED_FRAMES);
  }

  stats(): MediaStats {
    const since = Date.now() - LEVEL_WINDOW_MS;
    const window = this.recentLevels.filter((entry) => entry.at >= since);
    const callerLevel = window.length ? window.reduce((sum, entry) => sum + entry.level, 0) / window.length : 0;
    return {
      packetsFromCaller: this.packetsFromCaller,
      packetsToCaller: this.packetsToCaller,
      greetingPackets: [...this.greetingPackets],
      callerLevel: Math.round(callerLevel),
    };
  }

  impair(impairment: LineImpairment): void {
    this.impairment = { ...impairment };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.delayed) clearTimeout(timer);
    this.delayed.clear();
    this.signalClosed();
    clearInterval(this.pacer);
    this.pacer = undefined;
    await this.pc.close();
  }

  /** werift never settles a negotiation whose peer is closed under it, so a close() ends the wait with an error. */
  private async unlessClosed<T>(work: Promise<T>): Promise<T> {
    const result = await Promise.race([work, this.whenClosed]);
    if (result === CLOSED) throw new Error('the media agent was closed while negotiating');
    return result;
  }

  private async negotiate(offerSdp: string): Promise<string> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
    const [transceiver] = this.pc.getTransceivers();
    if (!transceiver) throw new Error('the offer has no audio m-line');
    transceiver.setDirection('sendrecv');
    this.transceiver = transceiver;
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    await this.gatheringComplete();
    const sdp = this.pc.localDescription?.sdp;
    if (!sdp) throw new Error('werift produced no local description');
    return sdp;
  }

  /** The offer carries no candidates and nothing is trickled, so the answer must hold all of ours. */
  private async gatheringComplete(): Promise<void> {
    if (this.pc.iceGatheringState === 'complete') return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.pc.iceGatheringStateChange.watch((state) => state === 'complete'),
      new Promise((resolve) => (timer = setTimeout(resolve, GATHERING_TIMEOUT_MS))),
      this.whenClosed,
    ]);
    clearTimeout(timer);
  }

  private markMediaReady(): void {
    if (this.mediaReady || this.closed) return;
    this.mediaReady = true;
    for (const listener of this.readyListeners.splice(0)) listener();
  }

  private receive(payload: Buffer): void {
    if (this.lost()) return; // as if it never arrived
    this.packetsFromCaller++;
    this.markMediaReady();
    const frame = decodeUlaw(payload);
    const level = meanAbsolute(frame);
    const now = Date.now();
    this.recentLevels.push({ at: now, level });
    while ((this.recentLevels[0]?.at ?? now) < now - LEVEL_WINDOW_MS) this.recentLevels.shift();
    for (const listener of this.listeners) listener(frame, level);
  }

  /**
   * Plays one frame per 20 ms of wall time from the answer on (catching up after timer jitter), silence when nothing
   * is queued, as a real agent's audio runs in real time: a frame whose time comes before the caller's media path is
   * up (or while it is down) is lost, not held back for later.
   */
  private startPacer(): void {
    // An answer that completes after close() must not start a pacer nobody will ever clear.
    if (this.closed) return;
    this.pacerStartedAt = Date.now() - FRAME_MS;
    this.pacer = setInterval(() => {
      const { transceiver } = this;
      if (!transceiver) return;
      // Ready can come with the caller's first packet, a moment before werift reports the connection as connected.
      const state = this.pc.connectionState;
      const deliverable = this.mediaReady && state !== 'disconnected' && state !== 'failed' && state !== 'closed';
      const elapsedFrames = Math.floor((Date.now() - this.pacerStartedAt) / FRAME_MS);
      // After a long stall (event loop busy, ICE blip) skip the backlog instead of bursting it.
      this.framesSent = Math.max(this.framesSent, elapsedFrames - MAX_BURST_FRAMES);
      while (this.framesSent < elapsedFrames) this.sendFrame(transceiver, deliverable);
    }, FRAME_MS);
  }

  private sendFrame(transceiver: RTCRtpTransceiver, deliverable: boolean): void {
    const queued = this.queue.shift();
    const payload = queued ? encodeUlaw(queued.frame) : Buffer.alloc(FRAME_SAMPLES, SILENT_ULAW);
    this.sequenceNumber = (this.sequenceNumber + 1) & 0xffff;
    this.timestamp = (this.timestamp + FRAME_SAMPLES) >>> 0;
    if (queued?.greeting) this.greetingPackets.push({ sequenceNumber: this.sequenceNumber, timestamp: this.timestamp });
    const header = new RtpHeader({ payloadType: 0, sequenceNumber: this.sequenceNumber, timestamp: this.timestamp });
    this.framesSent++;
    if (!deliverable) return;
    if (this.lost()) return; // numbered and timed like the rest, never sent: the caller sees a gap
    this.packetsToCaller++;
    // A frame lost to a transport that is closing under us is harmless.
    const send = () => void transceiver.sender.sendRtp(new RtpPacket(header, payload)).catch(() => undefined);
    const delay = this.impairment.jitterMs > 0 ? Math.random() * this.impairment.jitterMs : 0;
    if (delay < 1) return send();
    const timer = setTimeout(() => {
      this.delayed.delete(timer);
      send();
    }, delay);
    this.delayed.add(timer);
  }

  private lost(): boolean {
    return this.impairment.loss > 0 && Math.random() < this.impairment.loss;
  }
}
