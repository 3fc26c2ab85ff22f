// Synthesized audio for the greeting: a short rising chime, so tests can tell it from silence.
import { SAMPLE_RATE } from './media-agent';

const CHIME_HZ = [523.25, 659.25, 783.99];
const NOTE_SECONDS = 0.5;
const FADE_SECONDS = 0.02;
const AMPLITUDE = 9000;

/** ~1.5 s of PCM16 at 8 kHz: three notes with short fades (no clicks). */
export function greetingChime(): Int16Array {
  const noteSamples = Math.round(NOTE_SECONDS * SAMPLE_RATE);
  const fadeSamples = Math.round(FADE_SECONDS * SAMPLE_RATE);
  const pcm = new Int16Array(noteSamples * CHIME_HZ.length);
  CHIME_HZ.forEach((hz, note) => {
    for (let i = 0; i < noteSamples; i++) {
      const envelope = Math.min(1, i / fadeSamples, (noteSamples - i) / fadeSamples);
      pcm[note * noteSamples + i] = Math.round(AMPLITUDE * envelope * Math.sin((2 * Math.PI * hz * i) / SAMPLE_RATE));
    }
  });
  return pcm;
}
