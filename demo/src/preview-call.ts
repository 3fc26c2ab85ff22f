/**
 * The call placed from the preview's mock site, as the agent sees it: the sandbox's own record of the call
 * (`GET /sandbox/calls`, matched by session id) polled while it is live, so the studio shows the `page_context` the
 * agent has, not what the page meant to send.
 */
import { html } from 'lit';
import { atom } from 'nanostores';
import { $connection } from './demo-store.js';
import type { PageContext } from './preview-protocol.js';

export interface PreviewCall {
  sessionId: string;
  /** The site page the call was placed from. */
  placedFrom: string;
  /** The agent's page context, once the sandbox has reported it. */
  pageContext: PageContext | null;
  live: boolean;
}

export const $previewCall = atom<PreviewCall | null>(null);

const POLL_MS = 1000;
let timer: ReturnType<typeof setTimeout> | undefined;

export function previewCallStarted(sessionId: string, placedFrom: string): void {
  clearTimeout(timer);
  $previewCall.set({ sessionId, placedFrom, pageContext: null, live: true });
  if ($connection.get()?.source === 'sandbox') void poll(sessionId);
}

/** The site's widget is no longer in a call (it ended, or the page it was on has gone): one last look, then stop. */
export function previewCallEnded(): void {
  const call = $previewCall.get();
  if (!call?.live) return;
  clearTimeout(timer);
  $previewCall.set({ ...call, live: false });
  if ($connection.get()?.source === 'sandbox') void poll(call.sessionId, false);
}

async function poll(sessionId: string, again = true): Promise<void> {
  try {
    const response = await fetch('/sandbox/calls', { cache: 'no-store' });
    if (response.ok) {
      const rows = (await response.json()) as { session_id: string; state: string; page_context: PageContext }[];
      const row = rows.find((candidate) => candidate.session_id === sessionId);
      const call = $previewCall.get();
      if (!row || call?.sessionId !== sessionId) return;
      const live = call.live && row.state !== 'closed';
      $previewCall.set({ ...call, pageContext: row.page_context, live });
      if (!live) return;
    }
  } catch {
    // The sandbox is restarting or gone; the next poll tries again.
  }
  if (again && $previewCall.get()?.sessionId === sessionId && $previewCall.get()?.live) {
    timer = setTimeout(() => void poll(sessionId), POLL_MS);
  }
}

export function renderAgentContext() {
  const call = $previewCall.get();
  const sandbox = $connection.get()?.source === 'sandbox';
  return html`<div class="agent-context" aria-live="polite">
    <h3>What the agent knows about the page</h3>
    ${
      !call
        ? html`<p class="hint">
            ${
              sandbox
                ? 'Start a call from the preview’s launcher: the page context the agent gets shows here.'
                : 'Shown for sandbox calls only.'
            }
          </p>`
        : html`<p class="hint">
              Call placed from <code>${call.placedFrom}</code> · ${call.live ? 'in progress' : 'ended'}
            </p>
            ${
              call.pageContext
                ? html`<div class="code-block">
                    <pre
                      data-testid="agent-page-context"
                    ><code>${JSON.stringify(call.pageContext, null, 2)}</code></pre>
                  </div>`
                : html`<p class="hint">${sandbox ? 'Waiting for the sandbox…' : 'Shown for sandbox calls only.'}</p>`
            }`
    }
  </div>`;
}
