import { css, unsafeCSS } from 'lit';

/** Resolution of the level meter: one stylesheet rule per step (see `meterStep` in panel.ts). */
export const METER_STEPS = 20;
const meterRules = unsafeCSS(
  Array.from({ length: METER_STEPS + 1 }, (_, step) => {
    return `.level > span[data-level='${step}'] { transform: scaleX(${step / METER_STEPS}); }`;
  }).join('\n'),
);

/** The call panel's styles, adopted when the panel module loads (see `launcher-styles.ts` for the tokens). */
export const panelStyles = css`
  [part='panel'] {
    width: min(360px, calc(100vw - 2 * var(--_offset)));
    max-height: min(560px, calc(100dvh - 120px));
    overflow: auto;
    background: var(--_surface);
    color: var(--_text);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    display: flex;
    flex-direction: column;
    font-size: 14px;
    line-height: 1.45;
    animation: rise 180ms ease-out;
  }
  :host([display='inline']) [part='panel'] {
    width: 100%;
    max-height: none;
    box-shadow: none;
    animation: none;
  }
  @keyframes rise {
    from {
      opacity: 0;
      transform: translateY(8px);
    }
  }
  header {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 16px 16px 12px;
    background: linear-gradient(135deg, var(--_primary), var(--_accent));
    color: var(--_on-primary);
    border-radius: calc(var(--_radius) - 1px) calc(var(--_radius) - 1px) 0 0;
  }
  [part='title'] {
    margin: 0;
    flex: 1;
    font-size: 16px;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .close {
    width: 32px;
    height: 32px;
    background: rgb(255 255 255 / 0.18);
    color: inherit;
    font-size: 18px;
    line-height: 1;
  }
  .body {
    padding: 16px;
    display: flex;
    flex-direction: column;
    gap: 14px;
    /* In a capped panel the body may shrink (the transcript gives way first, below) so Mute and End stay in view;
       when even that is not enough, the body scrolls under the header. */
    min-height: 0;
    overflow-y: auto;
  }
  [part='status'] {
    margin: 0;
    color: var(--_muted-text);
    min-height: 1.45em;
  }
  [part='consent'] {
    display: flex;
    flex-direction: column;
    gap: 14px;
  }
  .actions {
    display: flex;
    gap: 10px;
    flex-wrap: wrap;
  }
  .primary,
  [part='call-button'] {
    background: var(--_primary);
    color: var(--_on-primary);
    padding: 10px 18px;
    font-weight: 600;
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  [part='end-button'] {
    background: #dc2626;
    color: #fff;
    padding: 10px 18px;
    font-weight: 600;
  }
  .secondary,
  [part='mute-button'] {
    background: transparent;
    color: var(--_text);
    border: 1px solid var(--_border);
    padding: 9px 16px;
  }
  [part='mute-button'][aria-pressed='true'] {
    background: var(--_text);
    color: var(--_surface);
  }
  [part='meter'] {
    display: grid;
    grid-template-columns: auto 1fr;
    align-items: center;
    gap: 6px 10px;
  }
  .who {
    font-size: 12px;
    color: var(--_muted-text);
    max-width: 8em;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .level {
    height: 6px;
    border-radius: 3px;
    background: var(--_border);
    overflow: hidden;
  }
  ${meterRules}
  .level > span {
    display: block;
    height: 100%;
    transform: scaleX(0);
    background: var(--_primary);
    transform-origin: left;
    transition: transform 80ms linear;
  }
  /* The meter fills from the start of the line: transform-origin has no logical keywords. */
  [dir='rtl'] .level > span {
    transform-origin: right;
  }
  .level.agent > span {
    background: color-mix(in srgb, var(--_primary) 55%, var(--_text));
  }
  .time {
    font-variant-numeric: tabular-nums;
    color: var(--_muted-text);
  }
  [part='network-quality'] {
    margin: 0;
    font-size: 12px;
    color: var(--_muted-text);
  }
  .time.warning {
    color: var(--_danger);
    font-weight: 600;
  }
  .captions {
    max-height: 180px;
    overflow: auto;
  }
  /* Shrinks to about two turns at most (never below what two turns fill, so no gap opens). */
  .captions:has(li + li) {
    min-height: 4em;
  }
  .captions ol {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: 6px;
  }
  .captions li {
    padding: 6px 10px;
    border-radius: 10px;
    background: color-mix(in srgb, var(--_primary) 10%, transparent);
    overflow-wrap: anywhere;
  }
  .captions li.user {
    background: color-mix(in srgb, var(--_text) 8%, transparent);
    justify-self: end;
  }
  .captions li.partial {
    opacity: 0.7;
  }
  [part='error'] {
    margin: 0;
    padding: 10px 12px;
    border-radius: 10px;
    border: 1px solid color-mix(in srgb, var(--_danger) 40%, transparent);
    color: var(--_danger);
  }
  [part='privacy-notice'] {
    margin: 0;
    padding: 10px 16px 14px;
    font-size: 12px;
    color: var(--_muted-text);
    border-top: 1px solid var(--_border);
  }
  /* The panel's form fields, one look for all: the device selects (device-settings.ts), the feedback comment. */
  [part='device-select'],
  [part='feedback-comment'] {
    font: inherit;
    font-size: 14px;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: 8px;
    padding: 6px 8px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
    }
  }
`;
