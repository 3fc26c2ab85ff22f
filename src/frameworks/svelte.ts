/**
 * `@kataven/widget/svelte`: types only. `import type {} from '@kataven/widget/svelte'` once (e.g. in `app.d.ts`), and
 * `<kataven-widget client-key="…" onkataven-call-end={…}>` type-checks in Svelte 5 markup (svelte-check).
 */
import type { HTMLAttributes as SvelteHTMLAttributes } from 'svelte/elements';
import type {
  KatavenWidgetAttributes,
  KatavenWidgetEventAttributes,
  KatavenWidgetProperties,
} from '../element-types.js';
import type { KatavenWidget } from '../widget/kataven-widget.js';

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'kataven-widget': Omit<
      SvelteHTMLAttributes<KatavenWidget>,
      keyof KatavenWidgetAttributes | keyof KatavenWidgetProperties
    > &
      KatavenWidgetAttributes &
      KatavenWidgetProperties &
      KatavenWidgetEventAttributes;
  }
}
