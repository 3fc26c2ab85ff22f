// Svelte 5: <kataven-widget> in SvelteHTMLElements (what svelte-check checks markup against), typed by
// @kataven/widget/svelte. Without the typing the entry is `{ [name: string]: any }` and the error below would not occur.
import type { SvelteHTMLElements } from 'svelte/elements';
import type {} from '@kataven/widget/svelte';

export const ok: SvelteHTMLElements['kataven-widget'] = {
  'client-key': 'pk_live_x',
  locale: 'ar',
  class: 'support',
  'onkataven-call-end': (event) => event.detail.durationMs.toFixed(),
};
// @ts-expect-error theme is auto, light or dark
export const bad: SvelteHTMLElements['kataven-widget'] = { theme: 'purple' };
// @ts-expect-error kataven-call-connected carries { sessionId }
export const badEvent: SvelteHTMLElements['kataven-widget'] = { 'onkataven-call-connected': (e) => e.detail.reason };
