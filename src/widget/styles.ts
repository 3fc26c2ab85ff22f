import { css } from 'lit';

/**
 * Public tokens (`--kataven-*`) are read once into private `--_*` properties; only the private ones are used below.
 * Server branding arrives as `--_brand-*` on the root; a page's own `--kataven-*` wins over it.
 */
export const widgetStyles = css`
  :host {
    --_primary: var(--kataven-primary, var(--_brand-primary, #2563eb));
    --_accent: var(--kataven-accent, var(--_brand-accent, #1e40af));
    --_on-primary: var(--_brand-on-primary, #ffffff);
    --_font: var(--kataven-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_radius: var(--kataven-radius, 16px);
    --_z: var(--kataven-z-index, 2147483000);
    --_offset: var(--kataven-offset, 20px);
    --_surface: #ffffff;
    --_text: #111827;
    --_muted-text: #4b5563;
    --_border: #e5e7eb;
    --_danger: #b91c1c;
    --_shadow: 0 12px 40px rgb(15 23 42 / 0.18), 0 2px 8px rgb(15 23 42 / 0.08);
    display: contents;
    font-family: var(--_font);
    color: var(--_text);
  }
  :host([display='inline']) {
    display: block;
  }
  :host([theme='dark']) {
    --_surface: #111827;
    --_text: #f3f4f6;
    --_muted-text: #9ca3af;
    --_border: #374151;
    --_danger: #f87171;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_surface: #111827;
      --_text: #f3f4f6;
      --_muted-text: #9ca3af;
      --_border: #374151;
      --_danger: #f87171;
    }
  }
  [hidden] {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  .floating {
    position: fixed;
    z-index: var(--_z);
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 12px;
    font-family: var(--_font);
  }
  .floating[data-position='br'] {
    right: var(--_offset);
    bottom: calc(var(--_offset) + env(safe-area-inset-bottom, 0px));
  }
  .floating[data-position='bl'] {
    left: var(--_offset);
    bottom: calc(var(--_offset) + env(safe-area-inset-bottom, 0px));
    align-items: flex-start;
  }
  .floating[data-position='tr'] {
    right: var(--_offset);
    top: calc(var(--_offset) + env(safe-area-inset-top, 0px));
    flex-direction: column-reverse;
  }
  .floating[data-position='tl'] {
    left: var(--_offset);
    top: calc(var(--_offset) + env(safe-area-inset-top, 0px));
    flex-direction: column-reverse;
    align-items: flex-start;
  }

  button {
    font: inherit;
    cursor: pointer;
    border: none;
    border-radius: 999px;
  }
  button:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }

  [part='launcher'] {
    display: inline-flex;
    align-items: center;
    gap: 10px;
    min-height: 52px;
    padding: 8px 20px 8px 10px;
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: 600;
    font-size: 15px;
    box-shadow: var(--_shadow);
    transition: transform 160ms ease, box-shadow 160ms ease;
  }
  [part='launcher']:hover {
    transform: translateY(-1px);
  }
  .mic-icon {
    display: inline-grid;
    place-items: center;
    width: 36px;
    height: 36px;
    border-radius: 50%;
    background: rgb(255 255 255 / 0.18);
  }
  .mic-icon svg {
    width: 20px;
    height: 20px;
    fill: currentColor;
  }
  [part='logo'] {
    width: 36px;
    height: 36px;
    border-radius: 50%;
    object-fit: cover;
    background: #fff;
  }

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
    font-weight: 650;
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
  }
  [part='status'] {
    margin: 0;
    color: var(--_muted-text);
    min-height: 1.45em;
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
  [part='end-button'] {
    background: var(--_danger);
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
    gap: 6px;
  }
  .level {
    height: 6px;
    border-radius: 3px;
    background: var(--_border);
    overflow: hidden;
  }
  .level > span {
    display: block;
    height: 100%;
    background: var(--_primary);
    transform-origin: left;
    transition: transform 80ms linear;
  }
  .level.agent > span {
    background: var(--_accent);
  }
  .time {
    font-variant-numeric: tabular-nums;
    color: var(--_muted-text);
  }
  .time.warning {
    color: var(--_danger);
    font-weight: 600;
  }
  .captions {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: 6px;
    max-height: 180px;
    overflow: auto;
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
