// The agent's voice: text rendered to 8 kHz PCM16 by eSpeak NG (the `espeak-ng` package, WebAssembly: no network,
// no native build), or, when that package is not installed or fails, a tone per word. Both are deterministic: the
// same line gives the same samples on every run, so media tests stay repeatable.
import { SAMPLE_RATE } from './media-agent';

export type VoiceKind = 'espeak' | 'tone';

export interface SpokenLine {
  pcm: Int16Array;
  voice: VoiceKind;
}

type ESpeakModule = (options: { arguments: string[] }) => Promise<{
  FS: { readFile(path: string): Uint8Array };
}>;

let espeakLoad: Promise<ESpeakModule | undefined> | undefined;
/** Rendered lines, by text: a greeting is rendered once per process, not once per call. */
const cache = new Map<string, Promise<SpokenLine>>();
const MAX_CACHED_LINES = 200;

function loadESpeak(): Promise<ESpeakModule | undefined> {
  // A variable specifier: the package is optional, and bundlers must not try to resolve it.
  const name = 'espeak-ng';
  return (espeakLoad ??= import(name).then(
    (module: { default: ESpeakModule }) => module.default,
    () => undefined,
  ));
}

/** The text as 8 kHz PCM16 speech; a tone line when eSpeak NG is unavailable (`KATAVEN_SANDBOX_VOICE=tone` forces it). */
export function speak(text: string): Promise<SpokenLine> {
  const toneOnly = process.env['KATAVEN_SANDBOX_VOICE'] === 'tone';
  const key = `${toneOnly ? 'tone' : 'any'}:${text}`;
  let line = cache.get(key);
  if (!line) {
    line = render(text, toneOnly);
    if (cache.size >= MAX_CACHED_LINES) cache.delete(cache.keys().next().value as string);
    cache.set(key, line);
  }
  return line;
}

/** One uncached rendering (speak() caches). */
export async function render(text: string, toneOnly: boolean): Promise<SpokenLine> {
  const espeak = toneOnly ? undefined : await loadESpeak();
  if (espeak) {
    try {
      // eSpeak NG's command line inside WebAssembly: the text is one argv entry (no shell), the WAV lands in its
      // in-memory file system.
      const instance = await espeak({ arguments: ['-v', 'en-us', '-s', '165', '-w', 'line.wav', text] });
      return { pcm: resampleTo8k(parseWav(instance.FS.readFile('line.wav'))), voice: 'espeak' };
    } catch {
      // fall through to the tone voice
    }
  }
  return { pcm: toneLine(text), voice: 'tone' };
}

interface Wav {
  rate: number;
  samples: Int16Array;
}

/** A mono PCM16 WAV (what eSpeak NG writes); its data chunk's length field may be a placeholder, so it is clamped. */
export function parseWav(bytes: Uint8Array): Wav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 12;
  let rate = 0;
  while (offset + 8 <= bytes.length) {
    const id = String.fromCharCode(...bytes.subarray(offset, offset + 4));
    const size = view.getUint32(offset + 4, true);
    if (id === 'fmt ') rate = view.getUint32(offset + 12, true);
    if (id === 'data') {
      const end = Math.min(bytes.length, offset + 8 + size);
      const count = Math.floor((end - offset - 8) / 2);
      const samples = new Int16Array(count);
      for (let i = 0; i < count; i++) samples[i] = view.getInt16(offset + 8 + i * 2, true);
      return { rate, samples };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error('WAV without a data chunk');
}

/** Down to 8 kHz: each output sample averages the input samples its period covers (a box low-pass), no aliasing hiss. */
export function resampleTo8k({ rate, samples }: Wav): Int16Array {
  if (rate === SAMPLE_RATE) return samples;
  const ratio = rate / SAMPLE_RATE;
  const out = new Int16Array(Math.floor(samples.length / ratio));
  for (let i = 0; i < out.length; i++) {
    const from = Math.floor(i * ratio);
    const to = Math.max(from + 1, Math.floor((i + 1) * ratio));
    let total = 0;
    for (let j = from; j < to; j++) total += samples[j] ?? 0;
    out[i] = Math.round(total / (to - from));
  }
  return out;
}

const WORD_SECONDS = 0.22;
const GAP_SECONDS = 0.08;
const TONE_AMPLITUDE = 7000;

/** The fallback voice: one short tone per word, its pitch from the word's letters, with fades (no clicks). */
export function toneLine(text: string): Int16Array {
  const words = text.split(/\s+/).filter(Boolean);
  const wordSamples = Math.round(WORD_SECONDS * SAMPLE_RATE);
  const gapSamples = Math.round(GAP_SECONDS * SAMPLE_RATE);
  const fade = Math.round(0.015 * SAMPLE_RATE);
  const pcm = new Int16Array(Math.max(1, words.length) * (wordSamples + gapSamples));
  words.forEach((word, index) => {
    let sum = 0;
    for (const char of word) sum += char.codePointAt(0) ?? 0;
    const hz = 300 + (sum % 12) * 25;
    const start = index * (wordSamples + gapSamples);
    for (let i = 0; i < wordSamples; i++) {
      const envelope = Math.min(1, i / fade, (wordSamples - i) / fade);
      pcm[start + i] = Math.round(TONE_AMPLITUDE * envelope * Math.sin((2 * Math.PI * hz * i) / SAMPLE_RATE));
    }
  });
  return pcm;
}
