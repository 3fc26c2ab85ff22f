/**
 * `<demo-app>`: the page. Header, where the settings come from (the sandbox's demo account or the customer's own
 * live key), the form, the save bar, and the preview, call and install cards.
 */
import { html, nothing } from 'lit';
import { DEFAULT_API_BASE } from '../../src/api/client.js';
import { StoreController } from '../../src/widget/store-controller.js';
import {
  $check,
  $connection,
  $dirty,
  $load,
  $save,
  type Source,
  checkLiveInput,
  loadLive,
  loadSandbox,
  resetForm,
  save,
} from './demo-store.js';
import { LightElement, fieldError, icons } from './ui.js';

export class DemoApp extends LightElement {
  readonly #stores = new StoreController(this, {
    connection: $connection,
    load: $load,
    save: $save,
    dirty: $dirty,
    check: $check,
  });
  /** The source tab the customer picked (live mode only takes effect once their config has loaded). */
  #source: Source = 'sandbox';
  #live = { publicKey: '', apiBase: DEFAULT_API_BASE, agentId: '' };
  #liveIssue: { field: 'publicKey' | 'apiBase'; message: string } | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void loadSandbox();
  }

  protected override render() {
    return html`<a class="skip-link" href="#settings">Skip to settings</a>
      <header class="topbar">
        <div class="brand">
          <span class="brand-mark">${icons.mark}</span>
          <span class="brand-name">Kataven</span>
          <span class="brand-divider" aria-hidden="true"></span>
          <span class="brand-product">Widget studio</span>
        </div>
        <p class="topbar-text">See your voice widget on a real page, tune it, then copy the embed code.</p>
      </header>
      <main class="layout">
        <div class="controls" id="settings" tabindex="-1">
          <h1 class="sr-only">Kataven widget studio</h1>
          ${this.#renderSource()} ${this.#renderLoad()}
          <branding-form></branding-form>
          ${this.#renderSaveBar()}
        </div>
        <div class="stage">
          <preview-frame></preview-frame>
          <div class="stage-row">
            <call-preview></call-preview>
            <install-panel></install-panel>
          </div>
        </div>
      </main>`;
  }

  #renderSource() {
    const connection = this.#stores.values.connection;
    return html`<section class="card source-card" aria-labelledby="source-heading">
      <div class="card-head">
        <h2 id="source-heading">Settings source</h2>
      </div>
      <div class="segmented" role="radiogroup" aria-labelledby="source-heading">
        ${(
          [
            ['sandbox', 'Sandbox demo'],
            ['live', 'My live key'],
          ] as const
        ).map(
          ([value, label]) =>
            html`<label>
              <input
                type="radio"
                name="source"
                .value=${value}
                .checked=${this.#source === value}
                @change=${() => this.#pickSource(value)}
              />
              <span>${label}</span>
            </label>`,
        )}
      </div>
      ${
        this.#source === 'sandbox'
          ? html`<p class="help">
              The local sandbox's demo account
              (<code>${connection?.source === 'sandbox' ? connection.publicKey : '…'}</code>). Works offline; Save
              applies your changes to it.
            </p>`
          : this.#renderLiveForm()
      }
    </section>`;
  }

  #renderLiveForm() {
    const issue = this.#liveIssue;
    const connection = this.#stores.values.connection;
    const field = (name: 'publicKey' | 'apiBase' | 'agentId', label: string, placeholder: string, help: string) => {
      const invalid = issue?.field === name;
      return html`<div class="field">
        <label for="live-${name}">${label}</label>
        <input
          id="live-${name}"
          .value=${this.#live[name]}
          placeholder=${placeholder}
          autocomplete="off"
          spellcheck="false"
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${invalid ? `live-${name}-error` : `live-${name}-help`}
          @input=${(event: Event) => (this.#live = { ...this.#live, [name]: (event.target as HTMLInputElement).value })}
        />
        ${invalid && issue ? fieldError(`live-${name}`, '', issue.message) : html`<p class="help" id="live-${name}-help">${help}</p>`}
      </div>`;
    };
    return html`<form class="live-form" novalidate @submit=${this.#onLiveSubmit}>
      ${field('publicKey', 'Publishable key', 'pk_live_…', 'Your widget key. Never a secret sk_ key.')}
      ${field('apiBase', 'API base', DEFAULT_API_BASE, 'Leave as is unless Kataven gave you another.')}
      ${field('agentId', 'Agent ID', 'optional', 'Leave empty if your key is pinned to an agent.')}
      <button class="button primary" type="submit" ?disabled=${this.#stores.values.load.state === 'busy'}>
        Load my config
      </button>
      <p class="help">
        Read-only: this page reads your public config and cannot save. Copy the PATCH bodies under “Save via API” and
        send them from your server.
      </p>
      ${connection?.source === 'live' ? html`<p class="notice ok">Showing your live config.</p>` : nothing}
    </form>`;
  }

  #renderLoad() {
    const load = this.#stores.values.load;
    if (load.state === 'busy') return html`<p class="notice" role="status">${load.message}</p>`;
    if (load.state === 'error') {
      return html`<div class="notice error" role="alert">
        <p>${load.message}</p>
        ${
          this.#stores.values.connection?.source !== 'live'
            ? html`<button class="button small" type="button" @click=${() => void loadSandbox()}>Retry</button>`
            : nothing
        }
      </div>`;
    }
    return nothing;
  }

  #renderSaveBar() {
    const connection = this.#stores.values.connection;
    const saveState = this.#stores.values.save;
    const dirty = this.#stores.values.dirty;
    const valid = this.#stores.values.check.valid;
    const sandbox = connection?.source === 'sandbox';
    const text =
      saveState.state !== 'idle'
        ? saveState.message
        : !valid
          ? 'Fix the highlighted fields to save.'
          : dirty
            ? 'Unsaved changes.'
            : sandbox
              ? 'Everything is saved.'
              : 'Live keys are read-only here.';
    return html`<div class="save-bar" data-state=${saveState.state}>
      <p class="save-text" role="status">${text}</p>
      <div class="save-actions">
        <button class="button ghost" type="button" ?disabled=${!dirty} @click=${resetForm}>Reset</button>
        ${
          sandbox
            ? html`<button
                class="button primary"
                type="button"
                ?disabled=${!valid || saveState.state === 'busy'}
                @click=${() => void save()}
              >
                Save to sandbox
              </button>`
            : nothing
        }
      </div>
    </div>`;
  }

  #pickSource(source: Source): void {
    this.#source = source;
    this.#liveIssue = null;
    this.requestUpdate();
    if (source === 'sandbox' && this.#stores.values.connection?.source !== 'sandbox') void loadSandbox();
  }

  #onLiveSubmit = async (event: Event) => {
    event.preventDefault();
    const { publicKey, apiBase, agentId } = this.#live;
    this.#liveIssue = checkLiveInput(publicKey, apiBase);
    this.requestUpdate();
    if (this.#liveIssue) {
      await this.updateComplete;
      this.querySelector<HTMLElement>(`#live-${this.#liveIssue.field}`)?.focus();
      return;
    }
    await loadLive(publicKey, apiBase, agentId);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'demo-app': DemoApp;
  }
}
