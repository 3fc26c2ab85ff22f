// The agent saying lines on one call: each line is rendered (speech.ts), played one second at a time (the media
// agent keeps only a few seconds queued) and captioned in step: the words so far as the audio reaches them, then the
// whole line as a final caption when its audio ends. Lines never overlap: each waits for the one before.
import type { Caption } from './agent-script';
import { FRAME_SAMPLES, SAMPLE_RATE, type MediaAgent } from './media-agent';
import { speak, type VoiceKind } from './speech';

const CHUNK_SAMPLES = 50 * FRAME_SAMPLES;
const CHUNK_MS = (CHUNK_SAMPLES / SAMPLE_RATE) * 1000;

export interface SpeakerOptions {
  media: MediaAgent;
  /** Null when the agent sends no captions. */
  sendCaption: ((caption: Caption) => void) | null;
  /** Runs `run` after `ms` unless the call has ended. */
  later: (ms: number, run: () => void) => void;
}

export interface LineSpoken {
  text: string;
  voice: VoiceKind;
  durationMs: number;
}

export class Speaker {
  private turn: Promise<unknown> = Promise.resolve();
  private pending = 0;
  /** Every line spoken so far, for inspection (the call view's `agent_lines`). */
  readonly spoken: LineSpoken[] = [];

  constructor(private readonly options: SpeakerOptions) {}

  /** Resolves once every line asked for so far has been said. */
  idle(): Promise<unknown> {
    return this.turn;
  }

  /** Resolves when the line's audio has been handed to the media agent in full. */
  say(text: string, options: { greeting?: boolean } = {}): Promise<void> {
    this.pending++;
    const next = this.turn.then(() => this.play(text, options)).finally(() => this.pending--);
    this.turn = next.catch(() => undefined);
    return next;
  }

  /** True from the moment a line is asked for until the last one has been said. */
  get speaking(): boolean {
    return this.pending > 0;
  }

  private async play(text: string, playOptions: { greeting?: boolean }): Promise<void> {
    const { pcm, voice } = await speak(text);
    // The agent's audio runs in real time and nothing is heard before the caller's media path is up: a line said
    // earlier (a script step, say() right after the answer) waits for it rather than being lost.
    await new Promise<void>((resolve) => this.options.media.onMediaReady(resolve));
    const durationMs = Math.round((pcm.length / SAMPLE_RATE) * 1000);
    this.spoken.push({ text, voice, durationMs });
    const words = text.split(/\s+/).filter(Boolean);
    const chunks = Math.max(1, Math.ceil(pcm.length / CHUNK_SAMPLES));
    const { media, sendCaption, later } = this.options;
    await new Promise<void>((resolve) => {
      // One chunk ahead of the pacer, so timer jitter never leaves a gap of silence inside a word.
      const feed = (index: number) => {
        if (index < chunks) media.play(pcm.subarray(index * CHUNK_SAMPLES, (index + 1) * CHUNK_SAMPLES), playOptions);
      };
      feed(0);
      for (let index = 0; index < chunks; index++) {
        later(index * CHUNK_MS, () => {
          feed(index + 1);
          // The words up to the end of the second now playing.
          const heard = Math.ceil((words.length * (index + 1)) / chunks);
          sendCaption?.({ role: 'agent', text: words.slice(0, heard).join(' '), final: false });
        });
      }
      later(durationMs, () => {
        sendCaption?.({ role: 'agent', text, final: true });
        resolve();
      });
    });
  }
}
