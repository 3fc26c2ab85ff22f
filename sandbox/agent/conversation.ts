// The conversation half of the sandbox agent (docs/protocol.md sections 5 to 7): the context it received (page context
// merged with signed context, signed keys winning), typed text it answers ("You said: …"), scripted tool calls it sends
// after connect and the answers it records. In-call messages are parsed with the widget's own rules.
import { checkContext, mergeContext, type AgentContext } from '../../src/api/context-rules';
import type { Agent } from '../seed';
import type { Caption } from './agent-script';

export interface ToolResultRecord {
  id: string;
  name: string;
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: string };
}

export interface ConversationView {
  context: AgentContext;
  page_context: AgentContext;
  signed_context: AgentContext;
  tool_results: ToolResultRecord[];
}

export interface ConversationOptions {
  agent: Agent;
  pageContext: AgentContext;
  signedContext: AgentContext;
  /** Sends a Twilio user-defined message to the caller. */
  send: (content: Caption | Record<string, unknown>) => void;
  /** Runs `run` after `ms` unless the call has ended (the call book owns the timers). */
  later: (ms: number, run: () => void) => void;
  /** Typed text for the call's script; true when the script answered it (then no "You said" reply). */
  onUserText?: (text: string) => boolean;
  /** The page answered a tool call, for the call's script. */
  onToolAnswer?: (name: string, ok: boolean) => void;
}

const MAX_TEXT_LENGTH = 1000;

export class AgentConversation {
  private pageContext: AgentContext;
  private readonly signedContext: AgentContext;
  private readonly toolResults: ToolResultRecord[] = [];
  /** Tool calls sent and not yet answered: id → name. */
  private readonly pendingTools = new Map<string, string>();
  private nextToolId = 1;

  constructor(private readonly options: ConversationOptions) {
    this.pageContext = options.pageContext;
    this.signedContext = options.signedContext;
  }

  /** What the agent works with: page keys under signed keys. */
  get context(): AgentContext {
    return mergeContext(this.pageContext, this.signedContext);
  }

  /** Runs once the call is answered. */
  start(): void {
    const { behaviour } = this.options.agent;
    if (behaviour.say_context_key) this.options.later(behaviour.say_context_delay_ms, () => this.sayContextKey());
    for (const scripted of behaviour.tool_calls) {
      this.options.later(scripted.after_ms, () => this.callTool(scripted.name, scripted.params));
    }
  }

  /** One message from the widget (already recorded by the call book). */
  onCallerMessage(content: unknown): void {
    const message = parseJsonObject(content);
    if (!message) return;
    switch (message['type']) {
      case 'user_text':
        return this.onUserText(message['text']);
      case 'context':
        return this.onContext(message['context']);
      case 'tool_result':
        return this.onToolResult(message);
      default:
        return; // unknown types are ignored (docs/protocol.md section 5)
    }
  }

  /** Continuity: the caller resumed the call on another page, whose context replaces the old page's. */
  setPageContext(context: AgentContext): void {
    this.pageContext = context;
  }

  view(): ConversationView {
    return {
      context: this.context,
      page_context: this.pageContext,
      signed_context: this.signedContext,
      tool_results: this.toolResults,
    };
  }

  private sayContextKey(): void {
    const key = this.options.agent.behaviour.say_context_key;
    if (!key) return;
    const value = this.context[key];
    // Without that key there is nothing to read back: the agent stays quiet rather than talk about a missing field.
    if (value !== undefined) this.options.send({ role: 'agent', text: `Your ${key} is ${String(value)}`, final: true });
  }

  /** Sends a tool call to the page; its id. */
  callTool(name: string, params: Record<string, unknown>): string {
    const id = `tool_${this.nextToolId++}`;
    this.pendingTools.set(id, name);
    this.options.send({ type: 'tool_call', id, name, params });
    return id;
  }

  private onUserText(text: unknown): void {
    if (typeof text !== 'string' || !text.trim() || text.length > MAX_TEXT_LENGTH) return;
    if (this.options.onUserText?.(text)) return;
    if (this.options.agent.behaviour.reply_to_text) {
      this.options.send({ role: 'agent', text: `You said: ${text}`, final: true });
    }
  }

  /** A mid-call update: page keys only; a signed key keeps its signed value whatever the page sends. */
  private onContext(update: unknown): void {
    const { context } = checkContext(update);
    this.pageContext = checkContext({ ...this.pageContext, ...context }).context;
  }

  private onToolResult(message: Record<string, unknown>): void {
    const id = message['id'];
    if (typeof id !== 'string') return;
    const name = this.pendingTools.get(id);
    if (name === undefined) return; // not a call this agent made, or answered twice
    this.pendingTools.delete(id);
    const error = message['error'] as { code?: unknown; message?: unknown } | undefined;
    this.toolResults.push(
      message['ok'] === true
        ? { id, name, ok: true, result: message['result'] }
        : {
            id,
            name,
            ok: false,
            error: {
              code: typeof error?.code === 'string' ? error.code : 'unknown',
              message: typeof error?.message === 'string' ? error.message : '',
            },
          },
    );
    this.options.onToolAnswer?.(name, message['ok'] === true);
  }
}

/** A user-defined message's content (an object, or JSON text of one) as an object; anything else is undefined. */
export function parseJsonObject(content: unknown): Record<string, unknown> | undefined {
  let value = content;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
