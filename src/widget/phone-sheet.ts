/**
 * Phone-first: below 480 px the floating panel is a full-screen sheet inside the safe areas, and the
 * page behind it does not scroll while it is open. The page is never given inline styles (a strict CSP may forbid
 * them, and they would clobber the page's own): a constructable stylesheet, scoped to the same media query, is
 * adopted into `document.adoptedStyleSheets` while any widget's panel is open and removed when the last one closes.
 */
import { css } from 'lit';

export const PHONE_QUERY = '(max-width: 479.98px)';

const PAGE_LOCK_RULES = `@media ${PHONE_QUERY} { html, body { overflow: hidden !important; overscroll-behavior: none !important; } }`;

/** The elements whose sheet is open now; the page stays locked while there is any. */
const owners = new Set<object>();
let pageLock: CSSStyleSheet | undefined;

/**
 * The on-screen keyboard shrinks the visual viewport, not the layout one: the sheet follows the visual viewport
 * (height and offset) through custom properties in an adopted stylesheet, so the text box stays above the keyboard.
 */
let viewportSheet: CSSStyleSheet | undefined;
function followViewport(): void {
  const viewport = window.visualViewport;
  if (!viewport || !viewportSheet) return;
  viewportSheet.replaceSync(
    `kataven-widget { --_kv-viewport-height: ${Math.round(viewport.height)}px; --_kv-viewport-top: ${Math.round(viewport.offsetTop)}px; }`,
  );
}

/**
 * A Lit `ref` callback for the floating panel: Lit calls it with the host as `this`, with the panel when it renders
 * and with `undefined` when it goes (closed, or the element removed).
 */
export function lockPageScroll(this: unknown, panel: Element | undefined): void {
  const owner = this ?? lockPageScroll;
  if (panel) owners.add(owner);
  else owners.delete(owner);
  try {
    if (owners.size && !pageLock) {
      pageLock = new CSSStyleSheet();
      pageLock.replaceSync(PAGE_LOCK_RULES);
      viewportSheet = new CSSStyleSheet();
      followViewport();
      window.visualViewport?.addEventListener('resize', followViewport);
      window.visualViewport?.addEventListener('scroll', followViewport);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, pageLock, viewportSheet];
    } else if (!owners.size && pageLock) {
      const sheets = [pageLock, viewportSheet];
      pageLock = undefined;
      viewportSheet = undefined;
      window.visualViewport?.removeEventListener('resize', followViewport);
      window.visualViewport?.removeEventListener('scroll', followViewport);
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => !sheets.includes(sheet));
    }
  } catch {
    // No constructable stylesheets (older browsers): the page keeps scrolling behind the sheet, nothing breaks.
  }
}

export const phoneSheetStyles = css`
  @media (max-width: 479.98px) {
    .floating > kataven-call-panel > [part='panel'] {
      position: fixed;
      inset: 0;
      top: var(--_kv-viewport-top, 0px);
      width: auto;
      height: var(--_kv-viewport-height, 100%);
      max-height: none;
      border: none;
      border-radius: 0;
      box-shadow: none;
      padding-right: env(safe-area-inset-right, 0px);
      padding-bottom: env(safe-area-inset-bottom, 0px);
      padding-left: env(safe-area-inset-left, 0px);
      overscroll-behavior: contain;
    }
    .floating > kataven-call-panel > [part='panel'] header {
      border-radius: 0;
      padding-top: calc(16px + env(safe-area-inset-top, 0px));
    }
    /* The sheet covers the launcher's corner: the launcher would paint over it (it comes later in the tree), and
       behind a full-screen sheet it is neither seen nor reached by Tab. The sheet's own close button closes it. */
    .floating > kataven-call-panel ~ [part='launcher'] {
      visibility: hidden;
    }
    /* Thumb-sized controls on a phone. */
    .floating > kataven-call-panel > [part='panel'] button:not(.close) {
      min-height: 44px;
    }
  }
`;
