/**
 * The conversation as the panel shows it: agent and visitor turns in order, newest last. A partial
 * caption is replaced by the next caption of the same speaker until one is final; at most the last 200 turns are kept.
 */
import type { Caption } from '../api/message-schemas.js';
import { MAX_TEXT_LENGTH } from './widget-stores.js';

export { MAX_TEXT_LENGTH };

export const MAX_TURNS = 200;

export type Transcript = readonly Caption[];

/**
 * The transcript with `caption` added; a new array (stores compare by identity). The speaker's latest turn, when still
 * partial, is replaced in place, even if the other side has spoken since (the visitor typed while the agent talked).
 */
export function appendTurn(transcript: Transcript, caption: Caption, maxTurns = MAX_TURNS): Transcript {
  let index = transcript.length - 1;
  while (index >= 0 && transcript[index]?.role !== caption.role) index -= 1;
  const next = [...transcript];
  if (index >= 0 && transcript[index]?.final === false) next[index] = caption;
  else next.push(caption);
  return next.length > maxTurns ? next.slice(-maxTurns) : next;
}

/** What the visitor typed, as it is sent: trimmed, 1 to 1000 characters; null when it is empty or too long. */
export function cleanTypedText(text: unknown): string | null {
  if (typeof text !== 'string') return null;
  const trimmed = text.trim();
  return trimmed.length >= 1 && trimmed.length <= MAX_TEXT_LENGTH ? trimmed : null;
}
