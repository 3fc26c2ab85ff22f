/**
 * The feedback step after a call (DESIGN.md 2.8): "How was this call?", an optional comment, thumbs up or down, or
 * skip. A directive that keeps its own progress (asking, sending, thanked, skipped) and re-renders itself, so the
 * element (in the launcher's first load) needs no store for it. Progress is kept per element across closing and
 * reopening the panel, and forgotten when the next call starts.
 */
import { css, html, nothing } from 'lit';
import { AsyncDirective, directive } from 'lit/async-directive.js';
import { FEEDBACK_COMMENT_MAX } from '../events.js';
import type { Strings } from './i18n.js';

type Phase = 'ask' | 'sending' | 'thanks' | 'skipped';
export type Rating = 'up' | 'down';

export interface FeedbackStepProps {
  t: Strings;
  /** Whose progress this is (one per element). */
  owner: object;
  /** Sends the rating; resolves false when it could not (the step stays, so the visitor may try again). */
  send: (rating: Rating, comment: string) => Promise<boolean>;
}

const progress = new WeakMap<object, Phase>();

/** A new call: the next ended call asks again. */
export function forgetFeedback(owner: object): void {
  progress.delete(owner);
}

class FeedbackStep extends AsyncDirective {
  #props: FeedbackStepProps | undefined;

  render(props: FeedbackStepProps) {
    this.#props = props;
    return this.#template(props);
  }

  #set(phase: Phase): void {
    const props = this.#props;
    if (!props) return;
    progress.set(props.owner, phase);
    if (this.isConnected) this.setValue(this.#template(props));
  }

  async #rate(event: Event, rating: Rating): Promise<void> {
    const form = (event.currentTarget as HTMLElement).closest('form');
    const comment = form?.querySelector('textarea')?.value ?? '';
    const send = this.#props?.send;
    if (!send) return;
    this.#set('sending');
    this.#set((await send(rating, comment)) ? 'thanks' : 'ask');
  }

  #template({ t, owner }: FeedbackStepProps) {
    const phase = progress.get(owner) ?? 'ask';
    if (phase === 'skipped') return nothing;
    if (phase === 'thanks') return html`<p part="feedback" class="feedback" role="status">${t.feedbackThanks}</p>`;
    const busy = phase === 'sending';
    return html`<form
      part="feedback"
      class="feedback"
      aria-labelledby="feedback-question"
      @submit=${(event: Event) => event.preventDefault()}
    >
      <p id="feedback-question" class="question">${t.feedbackAsk}</p>
      <label class="comment">
        <span>${t.feedbackComment}</span>
        <textarea part="feedback-comment" rows="2" maxlength=${FEEDBACK_COMMENT_MAX} ?disabled=${busy}></textarea>
      </label>
      <div class="actions">
        <button
          type="button"
          class="rate"
          part="feedback-up"
          ?disabled=${busy}
          @click=${(event: Event) => this.#rate(event, 'up')}
        >
          ${thumb('up')}<span>${t.feedbackUp}</span>
        </button>
        <button
          type="button"
          class="rate"
          part="feedback-down"
          ?disabled=${busy}
          @click=${(event: Event) => this.#rate(event, 'down')}
        >
          ${thumb('down')}<span>${t.feedbackDown}</span>
        </button>
        <button type="button" class="skip" part="feedback-skip" ?disabled=${busy} @click=${() => this.#set('skipped')}>
          ${t.feedbackSkip}
        </button>
      </div>
    </form>`;
  }
}

export const feedbackStep = directive(FeedbackStep);

function thumb(direction: Rating) {
  return html`<svg class="thumb ${direction}" viewBox="0 0 24 24" aria-hidden="true">
    <path
      d="M2 21h4V9H2v12Zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3a1.5 1.5 0 0 0-.5-1.1L13.2 1 6.6 7.6A2 2 0 0 0 6 9v10a2 2 0 0 0 2 2h9a2 2 0 0 0 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2Z"
    />
  </svg>`;
}

export const feedbackStyles = css`
  [part='feedback'] {
    display: flex;
    flex-direction: column;
    gap: 10px;
    margin: 0;
    padding: 12px;
    border-radius: 12px;
    background: color-mix(in srgb, var(--_primary) 8%, transparent);
  }
  .feedback .question {
    margin: 0;
    font-weight: 600;
  }
  .feedback .comment {
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-size: 12px;
    color: var(--_muted-text);
  }
  /* Its look is the panel's form-field rule (panel-styles.ts). */
  [part='feedback-comment'] {
    resize: vertical;
  }
  [part='feedback-comment']:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 1px;
  }
  .feedback .rate {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 8px 14px;
    background: var(--_surface);
    color: var(--_text);
    border: 1px solid var(--_border);
  }
  .feedback .rate:hover:not(:disabled) {
    border-color: var(--_primary);
  }
  .thumb {
    width: 18px;
    height: 18px;
    fill: currentColor;
  }
  .thumb.down {
    transform: rotate(180deg);
  }
  .feedback .skip {
    margin-inline-start: auto;
    padding: 8px 6px;
    background: transparent;
    color: var(--_muted-text);
    text-decoration: underline;
  }
`;
