/**
 * In-call messages (docs/protocol.md section 5), Twilio user-defined messages with a JSON `type`, parsed at the
 * boundary both ways. Agent to widget: captions and tool calls. Widget to agent: typed text, context updates and tool
 * results. Unknown types are ignored; oversized or malformed messages are dropped with a console warning. Nothing here
 * is ever rendered as HTML: captions reach the panel as text, tool params reach page functions as data.
 * Part of the call-time chunk, loaded after intent (zod/mini never loads before the visitor shows intent).
 */
import * as z from 'zod/mini';
import type { AgentContext } from './context-rules.js';

/** Larger messages are dropped unread. A tool result is at most 16 KB, so 64 KB leaves room for any valid message. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
export const MAX_CAPTION_LENGTH = 2000;
const MAX_ID_LENGTH = 128;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const JsonObject = z.custom<Record<string, unknown>>(isPlainObject);

export const CaptionMessage = z.object({
  type: z.optional(z.enum(['caption'])),
  role: z.enum(['agent', 'user']),
  text: z.string(),
  /** Absent means final. */
  final: z.optional(z.boolean()),
});

export const ToolCallMessage = z.object({
  type: z.enum(['tool_call']),
  id: z.string(),
  name: z.string(),
  params: z.optional(JsonObject),
});

export interface Caption {
  role: 'agent' | 'user';
  text: string;
  final: boolean;
}

export interface ToolCall {
  id: string;
  name: string;
  params: Record<string, unknown>;
}

export type AgentMessage = { kind: 'caption'; caption: Caption } | { kind: 'tool_call'; call: ToolCall };

export type ToolErrorCode = 'unknown_tool' | 'refused' | 'timeout' | 'tool_failed' | 'invalid_result' | 'busy';

export type WidgetMessage =
  | { type: 'user_text'; text: string }
  | { type: 'context'; context: AgentContext }
  | { type: 'tool_result'; id: string; ok: true; result: unknown }
  | { type: 'tool_result'; id: string; ok: false; error: { code: ToolErrorCode; message: string } };

const UserTextMessage = z.object({ type: z.enum(['user_text']), text: z.string() });
const ContextMessage = z.object({ type: z.enum(['context']), context: JsonObject });
const ToolResultMessage = z.object({
  type: z.enum(['tool_result']),
  id: z.string(),
  ok: z.boolean(),
  error: z.optional(z.object({ code: z.string(), message: z.string() })),
});
const OUTGOING = { user_text: UserTextMessage, context: ContextMessage, tool_result: ToolResultMessage } as const;

function drop(reason: string): null {
  console.warn(`[kataven-widget] dropped an in-call message: ${reason}`);
  return null;
}

const byteLength = (text: string): number => new TextEncoder().encode(text).length;

/** Reads one message from the agent (Twilio hands over a string or an already parsed object). */
export function parseAgentMessage(content: unknown): AgentMessage | null {
  let value = content;
  if (typeof value === 'string') {
    // Counted in UTF-16 units first: a cheap upper bound that never encodes a huge string.
    if (value.length > MAX_MESSAGE_BYTES || byteLength(value) > MAX_MESSAGE_BYTES) return drop('over 64 KB');
    try {
      value = JSON.parse(value);
    } catch {
      return drop('not JSON');
    }
  } else {
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch {
      return drop('not JSON');
    }
    if (json !== undefined && byteLength(json) > MAX_MESSAGE_BYTES) return drop('over 64 KB');
  }
  if (!isPlainObject(value)) return drop('not a JSON object');
  const type = value['type'];
  if (type === undefined || type === 'caption') {
    const parsed = CaptionMessage.safeParse(value);
    if (!parsed.success) return drop('a malformed caption');
    const { role, text, final } = parsed.data;
    return { kind: 'caption', caption: { role, text: text.slice(0, MAX_CAPTION_LENGTH), final: final ?? true } };
  }
  if (type === 'tool_call') {
    const parsed = ToolCallMessage.safeParse(value);
    if (!parsed.success) return drop('a malformed tool_call');
    const { id, name, params } = parsed.data;
    if (!id || id.length > MAX_ID_LENGTH || !name || name.length > MAX_ID_LENGTH) {
      return drop('a tool_call with an empty or over-long id or name');
    }
    return { kind: 'tool_call', call: { id, name, params: params ?? {} } };
  }
  if (typeof type !== 'string') return drop('its type is not a string');
  return null; // a type this widget does not know: ignored, as the contract says
}

/** Checks a message the widget is about to send against its schema and the size limit; the JSON text, or null. */
export function encodeWidgetMessage(message: WidgetMessage): string | null {
  const schema = OUTGOING[message.type];
  if (!schema.safeParse(message).success) return drop(`a malformed ${message.type} (not sent)`);
  let json: string;
  try {
    json = JSON.stringify(message);
  } catch {
    return drop(`${message.type} is not JSON-serializable (not sent)`);
  }
  return byteLength(json) > MAX_MESSAGE_BYTES ? drop(`${message.type} is over 64 KB (not sent)`) : json;
}
