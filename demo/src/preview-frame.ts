/**
 * The live preview. `<preview-frame>`: the floating widget over a mock customer site, in a desktop or phone viewport.
 * The viewport has a CSS `transform`, which makes it the containing block of `position: fixed` descendants, so the
 * real launcher sits in the mock viewport's corner exactly as it would in a browser window of that size.
 * `<call-preview>`: the same widget with `display="inline"`, whose call button places a real call.
 */
import { html, nothing } from 'lit';
import { StoreController } from '../../src/widget/store-controller.js';
import { $connection, $form, $preview, $viewport, type Connection, type Viewport, setViewport } from './demo-store.js';
import { mockSite } from './mock-site.js';
// conversation (issue 8): page context, a sample client tool and the tool-call log.
import {
  $contextIssue,
  $contextText,
  $pageContext,
  $toolLog,
  demoTools,
  logToolCall,
  renderConversationControls,
} from './conversation-demo.js';
import { LightElement, icons } from './ui.js';

const VIEWPORTS: Record<Viewport, { width: number; height: number; label: string; url: string }> = {
  desktop: { width: 1280, height: 760, label: 'Desktop', url: 'https://www.acme-outfitters.example/' },
  phone: { width: 390, height: 780, label: 'Phone', url: 'acme-outfitters.example' },
};

/** One `<kataven-widget>` bound to the store; both previews render it the same way. */
function widget(display: 'floating' | 'inline', connection: Connection) {
  const preview = $preview.get();
  const form = $form.get();
  return html`<kataven-widget
    display=${display}
    .clientKey=${connection.publicKey}
    .agentId=${connection.agentId || undefined}
    .apiBase=${connection.apiBase}
    .branding=${preview?.branding}
    .policy=${preview?.policy}
    theme=${form.theme}
    .locale=${form.locale === 'auto' ? undefined : form.locale}
    .context=${$pageContext.get()}
    .clientTools=${demoTools}
  ></kataven-widget>`;
}

function disabledNote() {
  return $preview.get()?.policy.widget_enabled === false
    ? html`<p class="preview-note" role="status">
        Widget off for this agent (<code>widget_enabled: false</code>): visitors see nothing.
      </p>`
    : nothing;
}

export class PreviewFrame extends LightElement {
  readonly #stores = new StoreController(this, {
    connection: $connection,
    form: $form,
    preview: $preview,
    viewport: $viewport,
  });
  #scale = 1;
  #resize = new ResizeObserver(() => this.#measure());

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize.disconnect();
  }

  #measure(): void {
    const stage = this.querySelector<HTMLElement>('.stage-area');
    if (!stage) return;
    const viewport = VIEWPORTS[this.#stores.values.viewport];
    const style = getComputedStyle(stage);
    // The phone's bezel (2 × 12px) is outside the scaled viewport.
    const bezel = this.#stores.values.viewport === 'phone' ? 24 : 0;
    const room = stage.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - bezel;
    // A phone is shown whole, so it also fits a reasonable height.
    const tall = this.#stores.values.viewport === 'phone' ? 640 / viewport.height : 1;
    const scale = Math.min(1, room / viewport.width, tall);
    if (Math.abs(scale - this.#scale) > 0.001) {
      this.#scale = scale;
      this.requestUpdate();
    }
  }

  protected override updated(): void {
    this.#measure();
    this.#applySize();
  }

  /**
   * Sizes come from the viewport and the measured scale, so they cannot be stylesheet rules; they are set through the
   * CSSOM, not `style` attributes, which a strict CSP (no 'unsafe-inline' styles) would block, as for the widget.
   */
  #applySize(): void {
    const viewport = VIEWPORTS[this.#stores.values.viewport];
    const scale = this.#scale;
    const set = (selector: string, properties: Record<string, string>) => {
      const element = this.querySelector<HTMLElement>(selector);
      for (const [name, value] of Object.entries(properties)) element?.style.setProperty(name, value);
    };
    set('.device', { width: `${viewport.width * scale}px` });
    set('.viewport-box', { height: `${viewport.height * scale}px` });
    set('.mock-viewport', {
      width: `${viewport.width}px`,
      height: `${viewport.height}px`,
      transform: `scale(${scale})`,
    });
  }

  protected override render() {
    const connection = this.#stores.values.connection;
    const kind = this.#stores.values.viewport;
    const viewport = VIEWPORTS[kind];
    const scheme = this.#stores.values.form.theme;
    return html`<section class="card preview-card" aria-labelledby="preview-heading">
      <div class="preview-toolbar">
        <div>
          <h2 id="preview-heading">Live preview</h2>
          <p class="hint">Your launcher on a sample site. Open it: it is the real widget.</p>
        </div>
        <div class="segmented icon-toggle" role="group" aria-label="Viewport">
          ${(['desktop', 'phone'] as const).map(
            (option) =>
              html`<button
                type="button"
                aria-pressed=${kind === option ? 'true' : 'false'}
                @click=${() => setViewport(option)}
              >
                ${icons[option]}<span>${VIEWPORTS[option].label}</span>
              </button>`,
          )}
        </div>
      </div>
      <div class="stage-area" data-viewport=${kind}>
        <div class="device ${kind}">
          <div class="browser-bar" aria-hidden="true">
            ${kind === 'desktop' ? html`<span class="dots"><i></i><i></i><i></i></span>` : nothing}
            <span class="address">${viewport.url}</span>
          </div>
          <div class="viewport-box">
            <div class="mock-viewport" data-scheme=${scheme} data-testid="mock-viewport">
              ${mockSite()} ${connection ? widget('floating', connection) : nothing}
            </div>
          </div>
        </div>
        ${disabledNote()}
      </div>
    </section>`;
  }
}

export class CallPreview extends LightElement {
  readonly #stores = new StoreController(this, {
    connection: $connection,
    form: $form,
    preview: $preview,
    pageContext: $pageContext,
    contextText: $contextText,
    contextIssue: $contextIssue,
    toolLog: $toolLog,
  });
  #status = 'idle';

  protected override render() {
    const connection = this.#stores.values.connection;
    return html`<section class="card call-card" aria-labelledby="call-heading">
      <div class="card-head">
        <h2 id="call-heading">Try a call</h2>
        <p class="hint">
          ${
            connection?.source === 'live'
              ? 'Calls your own agent through your live key (your key must allow this page’s origin).'
              : 'Press Start call to talk to the sandbox agent. Your browser asks for the microphone.'
          }
        </p>
      </div>
      <div class="inline-widget" @kataven-status=${this.#onStatus} @kataven-tool-call=${logToolCall}>
        ${connection ? widget('inline', connection) : html`<p class="hint">Loading…</p>`} ${disabledNote()}
      </div>
      <p class="call-status">Status: <span class="status-pill" data-status=${this.#status}>${this.#status}</span></p>
      ${renderConversationControls()}
    </section>`;
  }

  #onStatus = (event: HTMLElementEventMap['kataven-status']) => {
    this.#status = event.detail.status;
    this.requestUpdate();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'preview-frame': PreviewFrame;
    'call-preview': CallPreview;
  }
}
