/**
 * The live preview. `<preview-frame>`: the mock customer site in an `<iframe>` of the real viewport size (desktop or
 * phone), scaled down with a CSS transform to fit the card. The transform scales the picture, not the page: inside,
 * the viewport is 1280 or 390 CSS px wide, so the widget's media queries, `dvh` and the phone sheet behave as for a
 * visitor on that screen. The site's widget gets its settings from here (preview-protocol.ts).
 * `<call-preview>`: the same widget with `display="inline"`, whose call button places a real call.
 */
import { html, nothing } from 'lit';
import { StoreController } from '../../src/widget/store-controller.js';
import { $connection, $form, $preview, $viewport, type Connection, type Viewport, setViewport } from './demo-store.js';
import { SITE_PAGES } from './mock-site.js';
import { type PreviewSettings, type SettingsMessage, isSiteMessage } from './preview-protocol.js';
import { $previewCall, previewCallEnded, previewCallStarted, renderAgentContext } from './preview-call.js';
// The conversation: page context, a sample client tool and the tool-call log.
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

const VIEWPORTS: Record<Viewport, { width: number; height: number; label: string; host: string }> = {
  desktop: { width: 1280, height: 760, label: 'Desktop', host: 'https://www.acme-outfitters.example' },
  phone: { width: 390, height: 780, label: 'Phone', host: 'acme-outfitters.example' },
};

/** The inline `<kataven-widget>` bound to the store. */
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

/** What the site's widget is configured with, or null until the config has loaded. */
function previewSettings(): PreviewSettings | null {
  const connection = $connection.get();
  const preview = $preview.get();
  if (!connection || !preview) return null;
  const form = $form.get();
  return {
    clientKey: connection.publicKey,
    agentId: connection.agentId,
    apiBase: connection.apiBase,
    branding: preview.branding,
    policy: preview.policy,
    theme: form.theme,
    locale: form.locale,
    context: $pageContext.get(),
  };
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
    pageContext: $pageContext,
    previewCall: $previewCall,
  });
  #scale = 1;
  #resize = new ResizeObserver(() => this.#measure());
  /** The site page the iframe shows (its path, from the page's own message). */
  #path: string = SITE_PAGES.home.path;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resize.observe(this);
    window.addEventListener('message', this.#onMessage);
    window.addEventListener('resize', this.#onWindowResize);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize.disconnect();
    window.removeEventListener('message', this.#onMessage);
    window.removeEventListener('resize', this.#onWindowResize);
  }

  #onWindowResize = () => this.#measure();

  get #frame(): HTMLIFrameElement | null {
    return this.querySelector('iframe');
  }

  #onMessage = (event: MessageEvent) => {
    const frame = this.#frame;
    if (!frame || event.origin !== location.origin || event.source !== frame.contentWindow) return;
    if (!isSiteMessage(event.data)) return;
    const message = event.data;
    if (message.type === 'kataven-studio:page') {
      // A page (re)loaded: it has a fresh widget, waiting for its settings.
      this.#path = message.path;
      this.requestUpdate();
      this.#sendSettings();
      previewCallEnded();
    } else if (message.type === 'kataven-studio:call') {
      previewCallStarted(message.sessionId, message.path);
    } else if (['idle', 'ready', 'ended', 'error', 'unavailable'].includes(message.status)) {
      previewCallEnded();
    }
  };

  #sendSettings(): void {
    const settings = previewSettings();
    const target = this.#frame?.contentWindow;
    if (!settings || !target) return;
    const message: SettingsMessage = { type: 'kataven-studio:settings', settings };
    target.postMessage(message, location.origin);
  }

  #measure(): void {
    const stage = this.querySelector<HTMLElement>('.stage-area');
    if (!stage) return;
    const viewport = VIEWPORTS[this.#stores.values.viewport];
    const style = getComputedStyle(stage);
    // The phone's bezel (2 × 12px) is outside the scaled viewport.
    const bezel = this.#stores.values.viewport === 'phone' ? 24 : 0;
    const room = stage.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - bezel;
    // A phone is shown whole, below the sticky card's head and inside the window, so its launcher can be reached.
    const tall = this.#stores.values.viewport === 'phone' ? this.#phoneHeight() / viewport.height : 1;
    const scale = Math.min(1, room / viewport.width, tall);
    if (Math.abs(scale - this.#scale) > 0.001) {
      this.#scale = scale;
      this.requestUpdate();
    }
  }

  /** The phone's screen height that fits the window under the card's head (the stage sticks 16 px from the top). */
  #phoneHeight(): number {
    const box = this.querySelector('.viewport-box');
    if (!box) return 640;
    const above = box.getBoundingClientRect().top - this.getBoundingClientRect().top;
    // Below the screen: the bezel (12 px), the stage's padding (22 px) and a little air.
    return Math.max(320, Math.min(640, innerHeight - 16 - above - 42));
  }

  protected override updated(): void {
    this.#measure();
    this.#applySize();
    // Any store change may change the settings; the site ignores values it already has.
    this.#sendSettings();
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
    set('.site-frame', {
      width: `${viewport.width}px`,
      height: `${viewport.height}px`,
      transform: `scale(${scale})`,
    });
  }

  protected override render() {
    const kind = this.#stores.values.viewport;
    const viewport = VIEWPORTS[kind];
    return html`<section class="card preview-card" aria-labelledby="preview-heading">
      <div class="preview-toolbar">
        <div>
          <h2 id="preview-heading">Live preview</h2>
          <p class="hint">
            Your launcher on a sample site. Click through its pages; open the launcher: it is the real widget.
          </p>
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
            <span class="address" data-testid="preview-address"
              >${viewport.host}${this.#path.replace(/^\/site/, '')}</span
            >
          </div>
          <div class="viewport-box">
            <iframe
              class="site-frame"
              src=${SITE_PAGES.home.path}
              title="Preview: a sample site with your widget, ${viewport.label.toLowerCase()} size"
              data-testid="mock-viewport"
            ></iframe>
          </div>
        </div>
        ${disabledNote()}
      </div>
      ${renderAgentContext()}
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
