// What the sandbox's "AI" does on a call, per the agent's seeded behaviour: play a greeting chime, echo the
// caller back, and send captions as Twilio user-defined messages.
import type { Agent } from '../seed';
import { SAMPLE_RATE, type MediaAgent } from './media-agent';
import { greetingChime } from './tones';

export interface Caption {
  role: 'agent' | 'user';
  text: string;
  final: boolean;
}

const PARTIAL_CAPTION_DELAY_MS = 150;
const FINAL_CAPTION_DELAY_MS = 900;
/** Mean absolute PCM16 above which a frame counts as speech, and how many frames make an utterance. */
const SPEECH_LEVEL = 400;
const SPEECH_FRAMES = 10;
/** Silence that ends an utterance (re-arms the "heard you" caption). */
const SILENCE_FRAMES_TO_REARM = 50;

export class AgentScript {
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Set when the greeting chime has played: echo and speech captions start then. */
  private listening = false;
  private stopped = false;
  private speechFrames = 0;
  private silentFrames = 0;
  private inUtterance = false;

  constructor(
    private readonly agent: Agent,
    private readonly media: MediaAgent,
    private readonly sendCaption: (caption: Caption) => void,
  ) {}

  /**
   * Runs once the answer has been sent. The agent speaks only once the caller's media path is up (their first packet
   * or DTLS connected): a greeting started at the answer would play into a path still being set up, and the caller
   * would miss its first words.
   */
  start(): void {
    this.media.onCallerAudio((frame, level) => this.hear(frame, level));
    this.media.onMediaReady(() => {
      if (!this.stopped) this.greet();
    });
  }

  private greet(): void {
    const { behaviour, greeting_message: greeting } = this.agent;
    const chime = behaviour.greeting ? greetingChime() : new Int16Array(0);
    if (chime.length) this.media.play(chime, { greeting: true });
    // Echo and speech captions start after the chime, so the greeting is neither mixed nor interrupted.
    this.later((chime.length / SAMPLE_RATE) * 1000, () => (this.listening = true));
    if (behaviour.captions && greeting) {
      const words = greeting.split(/\s+/);
      const partial = words.slice(0, Math.max(1, Math.ceil(words.length / 2))).join(' ');
      this.later(PARTIAL_CAPTION_DELAY_MS, () => this.sendCaption({ role: 'agent', text: partial, final: false }));
      this.later(FINAL_CAPTION_DELAY_MS, () => this.sendCaption({ role: 'agent', text: greeting, final: true }));
    }
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.listening = false;
  }

  private hear(frame: Int16Array, level: number): void {
    if (!this.listening) return;
    if (this.agent.behaviour.echo) this.media.play(frame);
    const speaking = level >= SPEECH_LEVEL;
    this.speechFrames = speaking ? this.speechFrames + 1 : 0;
    this.silentFrames = speaking ? 0 : this.silentFrames + 1;
    if (this.silentFrames >= SILENCE_FRAMES_TO_REARM) this.inUtterance = false;
    if (this.speechFrames >= SPEECH_FRAMES && !this.inUtterance) {
      this.inUtterance = true;
      if (this.agent.behaviour.captions) {
        this.sendCaption({ role: 'user', text: '(caller audio heard)', final: true });
        this.sendCaption({ role: 'agent', text: 'I can hear you.', final: true });
      }
    }
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }
}
