/**
 * `<branding-form>`: every branding field, the agent's widget policy and the preview options. Each edit goes to the
 * store at once; a field that breaks the widget's rule gets `aria-invalid` and a message, and never reaches the preview.
 */
import { html, nothing } from 'lit';
import { LAUNCHER_POSITIONS, type LauncherPosition, TEXT_LIMITS } from '../../src/api/branding.js';
import { type Locale, SUPPORTED_LOCALES } from '../../src/widget/locale-tags.js';
import { StoreController } from '../../src/widget/store-controller.js';
import { $check, $connection, $form, selectAgent, setField } from './demo-store.js';
import {
  type AuthMode,
  type DemoForm,
  type LocaleChoice,
  type Theme,
  MAX_CALL_SECONDS,
  isValidColor,
} from './form-rules.js';
import { LightElement, fieldError } from './ui.js';

const POSITION_LABELS: Record<LauncherPosition, string> = {
  tl: 'Top left',
  tr: 'Top right',
  bl: 'Bottom left',
  br: 'Bottom right',
};
/** The widget's positions, laid out as the corners of a screen. */
const CORNERS = (['tl', 'tr', 'bl', 'br'] as const).filter((position) => LAUNCHER_POSITIONS.includes(position));
const AUTH_MODES: { value: AuthMode; label: string; hint: string }[] = [
  { value: 'guest', label: 'Guests', hint: 'Anyone on your site' },
  { value: 'user', label: 'Signed-in users', hint: 'Needs a user token' },
  { value: 'both', label: 'Both', hint: 'Guests and users' },
];
const THEMES: { value: Theme; label: string }[] = [
  { value: 'auto', label: 'Auto' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];
/** Every shipped locale, each named in its own language (`Intl.DisplayNames`; the tag where it has no name). */
const LOCALES: { value: LocaleChoice; label: string }[] = [
  { value: 'auto', label: 'Visitor’s browser language' },
  ...SUPPORTED_LOCALES.map((locale) => ({ value: locale, label: nativeName(locale) })),
];

function nativeName(locale: Locale): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale);
    if (!name || name === locale) return locale;
    // `español`, `français`: a list entry starts with a capital, as the language writes it.
    return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  } catch {
    return locale;
  }
}

type TextField =
  'primary_color' | 'accent_color' | 'logo_url' | 'launcher_label' | 'privacy_notice' | 'max_call_seconds';

export class BrandingForm extends LightElement {
  readonly #stores = new StoreController(this, { form: $form, check: $check, connection: $connection });

  protected override render() {
    return html`<form class="settings" novalidate @submit=${(event: Event) => event.preventDefault()}>
      ${this.#renderBrand()} ${this.#renderPolicy()} ${this.#renderOptions()}
    </form>`;
  }

  #renderBrand() {
    const form = this.#stores.values.form;
    return html`<section class="card" aria-labelledby="brand-heading">
      <div class="card-head">
        <h2 id="brand-heading">Branding</h2>
        <p class="hint">Account-wide: every widget on your key uses it.</p>
      </div>
      <div class="color-pair">
        ${this.#colorField('primary_color', 'Primary color', 'Launcher, call button')}
        ${this.#colorField('accent_color', 'Accent color', 'Header gradient, focus ring')}
      </div>
      <div class="field">
        <label for="f-logo_url">Logo URL</label>
        <div class="input-row">
          ${this.#textInput('logo_url', { type: 'url', placeholder: 'https://example.com/logo.svg' })}
          <button type="button" class="button ghost small" @click=${this.#useSampleLogo}>Use sample</button>
        </div>
        ${this.#help('logo_url', 'Optional. A square image, shown round; https:// only.')}
      </div>
      <div class="field">
        <label for="f-launcher_label">Launcher label</label>
        ${this.#textInput('launcher_label', { placeholder: 'Talk to us (default)', maxlength: TEXT_LIMITS.launcher_label })}
        ${this.#help('launcher_label', 'Empty uses the default in the visitor’s language.')}
      </div>
      <div class="field">
        <label for="f-privacy_notice">Privacy notice</label>
        <textarea
          id="f-privacy_notice"
          rows="2"
          .value=${form.privacy_notice}
          aria-invalid=${this.#invalid('privacy_notice')}
          aria-describedby=${this.#describedBy('privacy_notice')}
          @input=${(event: Event) => setField('privacy_notice', (event.target as HTMLTextAreaElement).value)}
        ></textarea>
        ${this.#help('privacy_notice', 'Plain text under the call panel. Empty hides it.')}
      </div>
      <fieldset class="field">
        <legend>Launcher position</legend>
        <div class="corner-picker">
          ${CORNERS.map(
            (position) =>
              html`<label class="corner" data-corner=${position}>
                <input
                  type="radio"
                  name="launcher_position"
                  .value=${position}
                  .checked=${form.launcher_position === position}
                  @change=${() => setField('launcher_position', position)}
                />
                <span class="corner-dot" aria-hidden="true"></span>
                <span class="corner-label">${POSITION_LABELS[position]}</span>
              </label>`,
          )}
        </div>
        ${fieldError('f-launcher_position', 'Launcher position', this.#stores.values.check.issues.launcher_position)}
      </fieldset>
    </section>`;
  }

  #renderPolicy() {
    const form = this.#stores.values.form;
    const connection = this.#stores.values.connection;
    return html`<section class="card" aria-labelledby="policy-heading">
      <div class="card-head">
        <h2 id="policy-heading">Agent policy</h2>
        <p class="hint">Per agent. The preview shows it; the server enforces the saved one.</p>
      </div>
      ${
        connection?.source === 'sandbox'
          ? html`<div class="field">
              <label for="f-agent">Agent</label>
              <select
                id="f-agent"
                @change=${(event: Event) => void selectAgent((event.target as HTMLSelectElement).value)}
              >
                ${connection.agents.map(
                  (agent) =>
                    html`<option value=${agent.id} ?selected=${agent.id === connection.agentId}>
                      ${agent.name}
                      (${agent.id}${agent.status === 'active' ? '' : `, ${agent.status}`}${
                        agent.auth_mode === 'authenticated' ? ', members only' : ''
                      })
                    </option>`,
                )}
              </select>
            </div>`
          : html`<p class="agent-line">
              Agent: <strong>${connection?.agent?.name ?? '—'}</strong> <code>${connection?.agentId || '—'}</code>
            </p>`
      }
      ${this.#switchRow('widget_enabled', 'Widget enabled', 'Off: the widget renders nothing on your site.')}
      <fieldset class="field">
        <legend>Who can call</legend>
        <div class="segmented three">
          ${AUTH_MODES.map(
            (mode) =>
              html`<label>
                <input
                  type="radio"
                  name="auth_mode"
                  .value=${mode.value}
                  .checked=${form.auth_mode === mode.value}
                  @change=${() => setField('auth_mode', mode.value)}
                />
                <span><strong>${mode.label}</strong><small>${mode.hint}</small></span>
              </label>`,
          )}
        </div>
      </fieldset>
      ${this.#switchRow('consent_required', 'Ask for consent', 'Visitors agree before the microphone opens.')}
      ${this.#switchRow('feedback_enabled', 'Ask for feedback', 'After a call, visitors rate it with a thumb and a comment.')}
      <div class="field">
        <label for="f-max_call_seconds">Maximum call length</label>
        <div class="input-row suffix">
          ${this.#textInput('max_call_seconds', {
            inputmode: 'numeric',
            placeholder: 'No limit',
          })}
          <span class="unit" aria-hidden="true">seconds</span>
        </div>
        ${this.#help('max_call_seconds', `${MAX_CALL_SECONDS.min}–${MAX_CALL_SECONDS.max} seconds; empty for no limit.`)}
      </div>
    </section>`;
  }

  #renderOptions() {
    const form = this.#stores.values.form;
    return html`<section class="card" aria-labelledby="options-heading">
      <div class="card-head">
        <h2 id="options-heading">On your page</h2>
        <p class="hint">Set in the embed code, not saved to your account.</p>
      </div>
      <fieldset class="field">
        <legend>Theme</legend>
        <div class="segmented">
          ${THEMES.map(
            (theme) =>
              html`<label>
                <input
                  type="radio"
                  name="theme"
                  .value=${theme.value}
                  .checked=${form.theme === theme.value}
                  @change=${() => setField('theme', theme.value)}
                />
                <span>${theme.label}</span>
              </label>`,
          )}
        </div>
      </fieldset>
      <div class="field">
        <label for="f-locale">Language</label>
        <select
          id="f-locale"
          @change=${(event: Event) => setField('locale', (event.target as HTMLSelectElement).value as LocaleChoice)}
        >
          ${LOCALES.map(
            (locale) =>
              html`<option
                value=${locale.value}
                lang=${locale.value === 'auto' ? nothing : locale.value}
                ?selected=${form.locale === locale.value}
              >
                ${locale.label}
              </option>`,
          )}
        </select>
      </div>
    </section>`;
  }

  #switchRow(field: 'widget_enabled' | 'consent_required' | 'feedback_enabled', title: string, hint: string) {
    return html`<label class="switch-row">
      <span>
        <span class="switch-title">${title}</span>
        <span class="hint">${hint}</span>
      </span>
      <input
        type="checkbox"
        role="switch"
        class="switch"
        .checked=${this.#stores.values.form[field]}
        @change=${(event: Event) => setField(field, (event.target as HTMLInputElement).checked)}
      />
    </label>`;
  }

  #colorField(field: 'primary_color' | 'accent_color', label: string, hint: string) {
    const value = this.#stores.values.form[field];
    const swatch = isValidColor(value.trim()) ? expandHex(value.trim()) : '#000000';
    return html`<div class="field color-field">
      <label for="f-${field}">${label}</label>
      <div class="color-input">
        <input
          type="color"
          class="swatch"
          aria-label="${label} picker"
          .value=${swatch}
          @input=${(event: Event) => setField(field, (event.target as HTMLInputElement).value)}
        />
        ${this.#textInput(field, { spellcheck: 'false', placeholder: '#2563eb' })}
      </div>
      ${this.#help(field, hint)}
    </div>`;
  }

  #textInput(field: TextField, options: Record<string, string | number> = {}) {
    return html`<input
      id="f-${field}"
      type=${String(options.type ?? 'text')}
      .value=${this.#stores.values.form[field]}
      placeholder=${options.placeholder ?? nothing}
      inputmode=${options.inputmode ?? nothing}
      spellcheck=${options.spellcheck ?? nothing}
      maxlength=${options.maxlength ?? nothing}
      autocomplete="off"
      aria-invalid=${this.#invalid(field)}
      aria-describedby=${this.#describedBy(field)}
      @input=${(event: Event) => setField(field, (event.target as HTMLInputElement).value)}
    />`;
  }

  #help(field: TextField, text: string) {
    const issue = this.#stores.values.check.issues[field];
    return issue
      ? fieldError(`f-${field}`, labelOf(field), issue)
      : html`<p class="help" id="f-${field}-help">${text}</p>`;
  }

  #invalid(field: keyof DemoForm): 'true' | 'false' {
    return this.#stores.values.check.issues[field] ? 'true' : 'false';
  }

  #describedBy(field: keyof DemoForm): string {
    return this.#stores.values.check.issues[field] ? `f-${field}-error` : `f-${field}-help`;
  }

  #useSampleLogo = () => setField('logo_url', new URL('/sample-logo.svg', location.href).href);
}

const LABELS: Record<TextField, string> = {
  primary_color: 'Primary color',
  accent_color: 'Accent color',
  logo_url: 'Logo URL',
  launcher_label: 'Launcher label',
  privacy_notice: 'Privacy notice',
  max_call_seconds: 'Maximum call length',
};

function labelOf(field: TextField): string {
  return LABELS[field];
}

/** `<input type=color>` only takes #rrggbb. */
function expandHex(hex: string): string {
  const lower = hex.toLowerCase();
  return lower.length === 4 ? `#${[...lower.slice(1)].map((digit) => digit + digit).join('')}` : lower;
}

declare global {
  interface HTMLElementTagNameMap {
    'branding-form': BrandingForm;
  }
}
