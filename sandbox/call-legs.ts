// Continuity on the sandbox's side (docs/protocol.md section 9): the media legs of one call (one per page the
// visitor was on), the talk clock that leaves the gaps between them out of max_call_seconds, and the transcript the
// server keeps so a resumed page can show the conversation so far.
import { parseJsonObject } from './agent/conversation';
import type { MediaAgent } from './agent/media-agent';
import type { Agent } from './seed';
import type { AgentContext } from '../src/api/context-rules';

/** One stretch of a call carried by one page's media connection. */
export interface MediaLeg {
  started_at: number;
  ended_at: number | null;
  page_url: string | null;
  media: MediaAgent;
  /** The signaling line the leg was placed on (a `CallerLine`): once a newer leg exists, this one is stale. */
  line: unknown;
}

/** A live call's continuity fields (the call book's LiveCall has them). */
export interface ContinuityState {
  /** Every media leg, the current one last. */
  legs: MediaLeg[];
  /** When the caller went away (the signaling socket closed), on the sandbox's clock; null while on the line. */
  awaySince: number | null;
  talk: TalkClock;
  /** Ends the call when its talk time reaches max_call_seconds; stopped while the caller is away. */
  talkLimitTimer: NodeJS.Timeout | undefined;
  transcript: TranscriptLine[];
  /** What the agent sent while its caller was away other than speech (a tool call): delivered on their return. */
  held: Record<string, unknown>[];
}

export interface LegView {
  started_at: string;
  ended_at: string | null;
  page_url: string | null;
  packets_from_caller: number;
  packets_to_caller: number;
}

export interface TranscriptLine {
  role: 'agent' | 'user';
  text: string;
}

export function legView(leg: MediaLeg): LegView {
  const stats = leg.media.stats();
  return {
    started_at: new Date(leg.started_at).toISOString(),
    ended_at: leg.ended_at === null ? null : new Date(leg.ended_at).toISOString(),
    page_url: leg.page_url,
    packets_from_caller: stats.packetsFromCaller,
    packets_to_caller: stats.packetsToCaller,
  };
}

/** Talk time toward max_call_seconds: it runs while a caller is on the line and stops while they are away. */
export class TalkClock {
  private usedMs = 0;
  private since: number | null = null;

  start(now: number): void {
    this.since ??= now;
  }

  pause(now: number): void {
    if (this.since === null) return;
    this.usedMs += Math.max(0, now - this.since);
    this.since = null;
  }

  used(now: number): number {
    return this.usedMs + (this.since === null ? 0 : Math.max(0, now - this.since));
  }
}

/** A caption (docs/protocol.md section 6): `role` and `text`, `type` absent or "caption". */
export function isCaption(content: unknown): boolean {
  const message = parseJsonObject(content);
  return (
    message !== undefined &&
    (message['type'] === undefined || message['type'] === 'caption') &&
    (message['role'] === 'agent' || message['role'] === 'user') &&
    typeof message['text'] === 'string'
  );
}

/** What the transcript keeps of a message the agent sent: final captions only (a partial is replaced by its final). */
export function agentTranscriptLine(content: unknown): TranscriptLine | undefined {
  const message = parseJsonObject(content);
  if (!message || !isCaption(message) || message['final'] === false) return undefined;
  return { role: message['role'] as TranscriptLine['role'], text: message['text'] as string };
}

/** What the transcript keeps of a message from the caller: typed text, as the widget shows it. */
export function callerTranscriptLine(content: unknown): TranscriptLine | undefined {
  const message = parseJsonObject(content);
  const text = message?.['text'];
  if (message?.['type'] !== 'user_text' || typeof text !== 'string') return undefined;
  const trimmed = text.trim();
  return trimmed && trimmed.length <= 1000 ? { role: 'user', text: trimmed } : undefined;
}

/** The page a leg was placed from: the page context's `url`, when it is an http(s) URL. */
export function pageUrlOf(context: AgentContext | undefined): string | null {
  const url = context?.['url'];
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null;
}

/**
 * The agent as it opens a leg after the first: no greeting again. On a resumed page it says its `resume_message`
 * (chime and caption) when it has one; after Twilio's own signaling reconnect it just goes on listening.
 */
export function returningAgent(agent: Agent, resumed: boolean): Agent {
  const message = resumed ? agent.behaviour.resume_message : null;
  return {
    ...agent,
    greeting_message: message ?? '',
    behaviour: { ...agent.behaviour, greeting: message !== null },
  };
}
