/** Small shared pieces of the demo's elements: a light-DOM base class (demo/styles/*.css style everything) and icons. */
import { LitElement, html, nothing } from 'lit';

/**
 * The demo's elements render into the light DOM: one page-level stylesheet, ids that `aria-describedby` and
 * `<label for>` can reach across elements, and plain selectors for the tests.
 */
export class LightElement extends LitElement {
  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}

/** The visible message under a field, tied to it by `aria-describedby` (`<id>-error`). */
export function fieldError(id: string, label: string, message: string | undefined) {
  return message
    ? html`<p class="field-error" id="${id}-error"><span aria-hidden="true">⚠</span> ${label} ${message}</p>`
    : nothing;
}

export const icons = {
  desktop: html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 5h16v10H4zM9 19h6M12 15v4" /></svg>`,
  phone: html`<svg viewBox="0 0 24 24" aria-hidden="true">
    <rect x="7" y="3" width="10" height="18" rx="2" />
    <path d="M11 17.5h2" />
  </svg>`,
  copy: html`<svg viewBox="0 0 24 24" aria-hidden="true">
    <rect x="9" y="9" width="11" height="11" rx="2" />
    <path d="M5 15V6a2 2 0 0 1 2-2h8" />
  </svg>`,
  check: html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="m5 12.5 4.5 4.5L19 7.5" /></svg>`,
  mark: html`<svg viewBox="0 0 32 32" aria-hidden="true">
    <rect width="32" height="32" rx="9" fill="currentColor" />
    <path d="M9 12v8M13 9v14M17 12v8M21 14v4M25 15v2" stroke="#fff" stroke-width="2.2" stroke-linecap="round" />
  </svg>`,
};
