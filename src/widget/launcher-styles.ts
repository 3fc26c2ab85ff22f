import { css } from 'lit';

/**
 * Styles the launcher needs at first paint; the panel's live in `panel-styles.ts` and load with the panel.
 * Public tokens (`--kataven-*`) are read once into private `--_*` properties; only the private ones are used below.
 * Server branding arrives as `--_brand-*` on the root; a page's own `--kataven-*` wins over it.
 */
export const launcherStyles = css`
  /* Resolved on the wrapper that carries the server's --_brand-* values (custom properties resolve var() where
     they are declared, so these cannot live on :host). */
  .root {
    --_primary: var(--kataven-primary, var(--_brand-primary, #2563eb));
    --_accent: var(--kataven-accent, var(--_brand-accent, #1e40af));
    --_on-primary: var(--_brand-on-primary, #ffffff);
  }
  :host {
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
    /* Rendered only once the config is known, in place: fade in rather than pop (opacity shifts no layout). */
    animation: kataven-appear 180ms ease-out;
  }
  @keyframes kataven-appear {
    from {
      opacity: 0;
    }
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
    padding-block: 8px;
    padding-inline: 10px 20px;
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: 600;
    font-size: 15px;
    box-shadow: var(--_shadow);
    transition:
      transform 160ms ease,
      box-shadow 160ms ease;
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
  @media (prefers-reduced-motion: reduce) {
    [part='launcher'] {
      transition: none;
    }
    .floating {
      animation: none;
    }
  }
`;
