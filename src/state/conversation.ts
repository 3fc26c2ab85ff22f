/**
 * The conversation surface of a call (docs/protocol.md sections 5 to 7): page context for the agent, client tools,
 * typed text, the transcript, and calling without a microphone. Part of the call-time chunk, loaded on intent.
 */
import { sanitizeContext, type AgentContext } from '../api/context-rules.js';
import type { Caption, ToolCall, WidgetMessage } from '../api/message-schemas.js';
import { ToolRunner } from '../call/tool-runner.js';
import { appendTurn, cleanTypedText, MAX_TEXT_LENGTH } from './transcript.js';
import type { EmitEvent } from '../events.js';
import type { WidgetInput, WidgetStores } from './widget-stores.js';

export interface ConversationOptions {
  stores: WidgetStores;
  emit: EmitEvent;
  /** The element's inputs as they are now. */
  input: () => WidgetInput;
  /** Sends an in-call message; false when no call is connected. */
  send: (message: WidgetMessage) => boolean;
  sessionId: () => string;
}

export function createConversation(options: ConversationOptions) {
  const { stores, emit, input, send } = options;
  /** The visitor chose to type instead of speaking (no microphone): the next call uses a silent input. */
  let typing = false;
  const tools = new ToolRunner({
    tools: () => input().clientTools,
    announce: (call: ToolCall) => emit('tool-call', { id: call.id, name: call.name, params: call.params }) !== false,
    send,
    sessionId: options.sessionId,
  });

  function addTurn(caption: Caption): void {
    stores.$captions.set(appendTurn(stores.$captions.get(), caption));
    emit('message', { ...caption });
  }

  return {
    get typing(): boolean {
      return typing;
    },
    /** The page context for `/widget/connect`, with invalid entries dropped (and named in a console warning). */
    pageContext: (): AgentContext | undefined => sanitizeContext(input().context, 'context'),
    addTurn,
    runTool: (call: ToolCall): Promise<void> => tools.run(call),
    /** Sends typed text; it shows in the transcript at once. False (with a warning) when it cannot be sent. */
    sendText(text: unknown): boolean {
      const clean = cleanTypedText(text);
      if (clean === null) {
        console.warn(`[kataven-widget] sendText: the text must be 1 to ${MAX_TEXT_LENGTH} characters after trimming`);
        return false;
      }
      if (!send({ type: 'user_text', text: clean })) return false;
      addTurn({ role: 'user', text: clean, final: true });
      return true;
    },
    /** Sends a context update to the agent during a call (same rules as `context`). */
    sendContext(update: unknown): boolean {
      const context = sanitizeContext(update, 'sendContext') ?? {};
      return Object.keys(context).length > 0 && send({ type: 'context', context });
    },
    startTyping(): void {
      typing = true;
      stores.$error.set(null);
    },
    callEnded(): void {
      typing = false;
    },
    dispose(): void {
      tools.dispose();
    },
  };
}
