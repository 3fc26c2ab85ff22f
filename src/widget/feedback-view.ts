/**
 * The feedback step after a call: "How was this call?", an optional comment, thumbs up or down, or skip. Pure
 * rendering: where the step is (`FeedbackPhase`) is the element's state, kept across closing and reopening the panel
 * and asked afresh per call; the visitor's choice leaves through `rate` and `skip`.
 */
import { css, html, nothing } from 'lit';
import { FEEDBACK_COMMENT_MAX } from '../events.js';
import type { FeedbackPhase } from '../state/widget-stores.js';
import type { Strings } from './i18n.js';

export type Rating = 'up' | 'down';

export interface FeedbackStepProps {
  t: Strings;
  phase: FeedbackPhase;
  /** The visitor rated the call, with the comment as typed. */
  rate: (rating: Rating, comment: string) => void;
  skip: () => void;
}

export function renderFeedback({ t, phase, rate, skip }: FeedbackStepProps) {
  if (phase === 'skipped') return nothing;
  if (phase === 'thanks') return html`<p part="feedback" class="feedback" role="status">${t.feedbackThanks}</p>`;
  const busy = phase === 'sending';
  const onRate = (event: Event, rating: Rating) => {
    const form = (event.currentTarget as HTMLElement).closest('form');
    rate(rating, form?.querySelector('textarea')?.value ?? '');
  };
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
        @click=${(event: Event) => onRate(event, 'up')}
      >
        ${thumb('up')}<span>${t.feedbackUp}</span>
      </button>
      <button
        type="button"
        class="rate"
        part="feedback-down"
        ?disabled=${busy}
        @click=${(event: Event) => onRate(event, 'down')}
      >
        ${thumb('down')}<span>${t.feedbackDown}</span>
      </button>
      <button type="button" class="skip" part="feedback-skip" ?disabled=${busy} @click=${skip}>
        ${t.feedbackSkip}
      </button>
    </div>
  </form>`;
}

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
