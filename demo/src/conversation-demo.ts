/**
 * The conversation half of the call preview: page context the studio user can edit as JSON, a sample client
 * tool, and a log of the tool calls the agent made. The widget itself shows the transcript and the text box.
 */
import { html } from 'lit';
import { atom } from 'nanostores';
import { checkContext, describeDropped } from '../../src/api/context-rules.js';
import type { ClientTools } from '../../src/call/tool-runner.js';

const INITIAL_CONTEXT = '{ "page": "/pricing", "plan": "pro" }';

export const $contextText = atom(INITIAL_CONTEXT);
/** What the preview widget gets as `context`: the valid part of the JSON above. */
export const $pageContext = atom<Record<string, string | number | boolean | null> | undefined>(
  checkContext(JSON.parse(INITIAL_CONTEXT)).context,
);
export const $contextIssue = atom('');

export interface ToolLogEntry {
  id: string;
  name: string;
  params: string;
}
export const $toolLog = atom<readonly ToolLogEntry[]>([]);

export function setContextText(text: string): void {
  $contextText.set(text);
  if (!text.trim()) {
    $pageContext.set(undefined);
    $contextIssue.set('');
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    $contextIssue.set('is not valid JSON yet.');
    return;
  }
  const check = checkContext(parsed);
  $pageContext.set(check.context);
  $contextIssue.set(check.problem || check.dropped.length ? `leaves out ${describeDropped(check)}.` : '');
}

/** A harmless sample tool: the agent can "show" a product; the studio logs it. */
export const demoTools: ClientTools = {
  show_product: ({ sku }) => ({ shown: typeof sku === 'string' ? sku.slice(0, 40) : null }),
};

export function logToolCall(event: HTMLElementEventMap['kataven-tool-call']): void {
  const { id, name, params } = event.detail;
  $toolLog.set([...$toolLog.get(), { id, name, params: JSON.stringify(params).slice(0, 200) }].slice(-20));
}

export function renderConversationControls() {
  const issue = $contextIssue.get();
  const log = $toolLog.get();
  return html`<div class="field">
      <label for="f-page-context">Page context (JSON)</label>
      <textarea
        id="f-page-context"
        rows="2"
        spellcheck="false"
        .value=${$contextText.get()}
        aria-invalid=${issue ? 'true' : 'false'}
        aria-describedby="f-page-context-help"
        @input=${(event: Event) => setContextText((event.target as HTMLTextAreaElement).value)}
      ></textarea>
      <p class="help" id="f-page-context-help">
        ${issue ? html`<span role="status">Context ${issue}</span>` : 'Sent to the agent when the call starts.'}
      </p>
    </div>
    <div class="tool-log" aria-live="polite">
      <h3>Tool calls</h3>
      ${
        log.length
          ? html`<ol data-testid="tool-log">
              ${log.map((entry) => html`<li><code>${entry.name}</code> ${entry.params}</li>`)}
            </ol>`
          : html`<p class="hint">None yet. The page offers <code>show_product({ sku })</code>.</p>`
      }
    </div>`;
}
