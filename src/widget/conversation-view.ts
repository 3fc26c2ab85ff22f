/**
 * The conversation parts of the panel: the transcript (`transcript`, role="log"), the text box
 * (`text-input`, `send-button`) and the offer to type when the microphone is blocked (`type-instead-button`).
 * Loaded with the panel. Every text here is rendered as text, never as HTML.
 */
import { css, html, nothing, type ElementPart } from 'lit';
import { Directive, directive, PartType, type PartInfo } from 'lit/directive.js';
import type { Caption } from '../api/message-schemas.js';
import { MAX_TEXT_LENGTH } from '../state/widget-stores.js';
import type { Strings } from './i18n.js';

/** The conversation texts of the current locale (its `conversation` group, with the page's overrides). */
export type ConversationStrings = Strings['conversation'];

/** Scrolls its element to the end whenever `key` changes (a new turn, or a partial turn that grew). */
class ScrollToEnd extends Directive {
  #key: string | undefined;
  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT) throw new Error('scrollToEnd is an element directive');
  }
  render(_key: string) {
    return nothing;
  }
  override update(part: ElementPart, [key]: [string]) {
    if (key !== this.#key) {
      this.#key = key;
      const element = part.element;
      // After layout, so the new turn's height counts.
      requestAnimationFrame(() => (element.scrollTop = element.scrollHeight));
    }
    return nothing;
  }
}
const scrollToEnd = directive(ScrollToEnd);

export function renderTranscript(captions: readonly Caption[], label: string, you: string) {
  if (!captions.length) return nothing;
  const last = captions[captions.length - 1];
  // role="log" is not allowed on a list (axe aria-allowed-role): the log is the scrolling box around the list.
  return html`<div
    part="transcript"
    class="captions"
    role="log"
    aria-live="polite"
    aria-label=${label}
    tabindex="0"
    ${scrollToEnd(`${captions.length}:${last?.text.length ?? 0}`)}
  >
    <ol>
      ${captions.map(
        (caption) =>
          html`<li class="${caption.role} ${caption.final ? '' : 'partial'}" dir="auto">
            ${caption.role === 'user' ? html`<span class="sr-only">${you}: </span>` : nothing}${caption.text}
          </li>`,
      )}
    </ol>
  </div>`;
}

/** The text box of a live call: Enter (a form submit) sends; the box clears once the text was sent. */
export function renderTextBox(strings: ConversationStrings, sendText: (text: string) => boolean) {
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const input = form.querySelector('input');
    if (input && sendText(input.value)) input.value = '';
  };
  return html`<form class="text-box" @submit=${onSubmit}>
    <input
      part="text-input"
      type="text"
      .enterKeyHint=${'send'}
      autocomplete="off"
      maxlength=${MAX_TEXT_LENGTH}
      aria-label=${strings.message}
      placeholder=${strings.placeholder}
    />
    <button part="send-button" type="submit">${strings.send}</button>
  </form>`;
}

/** Next to "Try again" when the microphone is blocked or missing: the button, then what it means below the row. */
export function renderTypeInstead(strings: ConversationStrings, typeInstead: () => void) {
  return {
    button: html`<button part="type-instead-button" class="secondary" @click=${typeInstead}>
      ${strings.typeInstead}
    </button>`,
    hint: html`<p class="hint">${strings.typeInsteadHint}</p>`,
  };
}

export const conversationStyles = css`
  .text-box {
    display: flex;
    gap: 8px;
  }
  [part='text-input'] {
    flex: 1;
    min-width: 0;
    padding: 9px 12px;
    border: 1px solid var(--_border);
    border-radius: 10px;
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }
  [part='text-input']:focus-visible {
    outline: 2px solid var(--_primary);
    outline-offset: 1px;
  }
  [part='send-button'] {
    background: var(--_primary);
    color: var(--_on-primary);
    padding: 9px 14px;
    font-weight: 600;
  }
  .hint {
    margin: 0;
    color: var(--_muted-text);
  }
`;
