/**
 * `<install-panel>`: the copy-ready output (script tag, data attributes, npm, admin PATCH bodies) as ARIA tabs.
 * Everything shown is computed from the form by `snippets.ts`, so it always matches the preview.
 */
import { html, nothing } from 'lit';
import { StoreController } from '../../src/widget/store-controller.js';
import { $check, $connection, $siteCheck, $siteSetup, $snippets, setSiteField } from './demo-store.js';
import type { Snippet } from './snippets.js';
import { LightElement, fieldError, icons } from './ui.js';

export class InstallPanel extends LightElement {
  readonly #stores = new StoreController(this, {
    snippets: $snippets,
    check: $check,
    connection: $connection,
    siteSetup: $siteSetup,
    siteCheck: $siteCheck,
  });
  #active: Snippet['id'] = 'script';
  #copied = '';
  #copiedTimer: ReturnType<typeof setTimeout> | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#copiedTimer);
  }

  protected override render() {
    const snippets = this.#stores.values.snippets;
    const issues = Object.keys(this.#stores.values.check.issues).length;
    const connection = this.#stores.values.connection;
    return html`<section class="card install-card" aria-labelledby="install-heading">
      <div class="card-head">
        <h2 id="install-heading">Add it to your site</h2>
        <p class="hint">Always matches the form. Pick the form that fits your stack.</p>
      </div>
      ${
        connection?.source === 'sandbox'
          ? html`<p class="notice">
              Uses the sandbox's demo key. On your site, use your own <code>pk_live_…</code> key and drop
              <code>apiBase</code>.
            </p>`
          : nothing
      }
      ${
        issues
          ? html`<p class="notice warning" role="status">
              ${issues === 1 ? '1 field needs' : `${issues} fields need`} fixing; the PATCH body leaves
              ${issues === 1 ? 'it' : 'them'} out.
            </p>`
          : nothing
      }
      <div class="tabs" role="tablist" aria-label="Install options" @keydown=${this.#onTabKey}>
        ${snippets.map(
          (snippet) =>
            html`<button
              type="button"
              role="tab"
              id="tab-${snippet.id}"
              aria-selected=${snippet.id === this.#active ? 'true' : 'false'}
              aria-controls="panel-${snippet.id}"
              tabindex=${snippet.id === this.#active ? '0' : '-1'}
              @click=${() => this.#select(snippet.id)}
            >
              ${snippet.label}
            </button>`,
        )}
      </div>
      ${snippets.map(
        (snippet) =>
          html`<div
            role="tabpanel"
            id="panel-${snippet.id}"
            aria-labelledby="tab-${snippet.id}"
            ?hidden=${snippet.id !== this.#active}
          >
            ${
              snippet.id === 'api'
                ? html`<p class="help">
                    Send these from your server with your secret key (<code>Authorization: Bearer sk_live_…</code>).
                    Never put that key in a page.
                  </p>`
                : nothing
            }
            ${snippet.id === 'site' ? this.#renderSiteFields() : nothing}
            ${snippet.blocks.map((block, index) => this.#renderBlock(snippet, block, index))}
          </div>`,
      )}
      <p class="sr-only" role="status">${this.#copied ? 'Copied to the clipboard' : ''}</p>
    </section>`;
  }

  /** The site tab's inputs: the site's address (allowlist entry) and the signed context for the user token. */
  #renderSiteFields() {
    const setup = this.#stores.values.siteSetup;
    const check = this.#stores.values.siteCheck;
    const addressProblem = 'problem' in check.allowlist ? check.allowlist.problem : undefined;
    const contextProblem = 'problem' in check.signedContext ? check.signedContext.problem : undefined;
    return html`<p class="help">
        The widget needs these on your side. The policy lines go into your Content-Security-Policy (the
        <code>Kataven.init</code> form also needs a nonce or hash for its inline script). User tokens are for signed-in
        visitors: mint them on your server, never in the page.
      </p>
      <div class="field">
        <label for="site-address">Your site’s address</label>
        <input
          id="site-address"
          .value=${setup.address}
          spellcheck="false"
          autocomplete="off"
          aria-invalid=${addressProblem ? 'true' : 'false'}
          aria-describedby=${addressProblem ? 'site-address-error' : 'site-address-help'}
          @input=${(event: Event) => setSiteField('address', (event.target as HTMLInputElement).value)}
        />
        ${
          addressProblem
            ? fieldError('site-address', 'The address', addressProblem)
            : html`<p class="help" id="site-address-help">
                Your key answers only pages on its allowlist. Add the entry below to your key’s
                <code>domain_allowlist</code> (the PATCH replaces the list: send every entry you keep).
              </p>`
        }
      </div>
      <div class="field">
        <label for="site-signed-context">Signed context (JSON)</label>
        <textarea
          id="site-signed-context"
          rows="2"
          spellcheck="false"
          placeholder='{ "plan": "pro" }'
          .value=${setup.signedContext}
          aria-invalid=${contextProblem ? 'true' : 'false'}
          aria-describedby=${contextProblem ? 'site-signed-context-error' : 'site-signed-context-help'}
          @input=${(event: Event) => setSiteField('signedContext', (event.target as HTMLTextAreaElement).value)}
        ></textarea>
        ${
          contextProblem
            ? fieldError('site-signed-context', 'The context', contextProblem)
            : html`<p class="help" id="site-signed-context-help">
                Optional: facts your server vouches for (the agent trusts them over page context).
              </p>`
        }
      </div>`;
  }

  #renderBlock(snippet: Snippet, block: Snippet['blocks'][number], index: number) {
    const key = `${snippet.id}-${index}`;
    const copied = this.#copied === key;
    return html`<figure class="code-block">
      <figcaption>
        <span>${block.title}</span>
        <button
          type="button"
          class="button ghost small copy"
          aria-label="Copy: ${block.title}"
          @click=${() => void this.#copy(key, block.code)}
        >
          ${copied ? icons.check : icons.copy}<span aria-hidden="true">${copied ? 'Copied' : 'Copy'}</span>
        </button>
      </figcaption>
      <pre data-snippet=${key}><code>${block.code}</code></pre>
    </figure>`;
  }

  #select(id: Snippet['id'], focus = false): void {
    this.#active = id;
    this.requestUpdate();
    if (focus) void this.updateComplete.then(() => this.querySelector<HTMLElement>(`#tab-${id}`)?.focus());
  }

  #onTabKey = (event: KeyboardEvent) => {
    const ids = this.#stores.values.snippets.map((snippet) => snippet.id);
    const index = ids.indexOf(this.#active);
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: ids.length - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const id = ids[(target + ids.length) % ids.length];
    if (id) this.#select(id, true);
  };

  async #copy(key: string, text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Clipboard API refused (permissions, older browser): fall back to a selection copy.
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.append(area);
      area.select();
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- the fallback where the Clipboard API is refused
      document.execCommand('copy');
      area.remove();
    }
    this.#copied = key;
    this.requestUpdate();
    clearTimeout(this.#copiedTimer);
    this.#copiedTimer = setTimeout(() => {
      this.#copied = '';
      this.requestUpdate();
    }, 2000);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'install-panel': InstallPanel;
  }
}
