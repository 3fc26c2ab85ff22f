/**
 * `@kataven/widget/vue`: types only. `import type {} from '@kataven/widget/vue'` once, and templates type-check
 * `<kataven-widget client-key="…" @kataven-call-end="…">` through Vue's `GlobalComponents` (vue-tsc / Volar). Tell
 * Vue's compiler the tag is a custom element: `compilerOptions.isCustomElement: (tag) => tag === 'kataven-widget'`.
 */
import type { DefineComponent } from 'vue';
import type { KatavenWidgetAttributes, KatavenWidgetProperties, KatavenWidgetVueEventProps } from '../element-types.js';

/** The element's attributes, properties and events (`@kataven-call-end` is `onKatavenCallEnd`) as a Vue component's props. */
export type KatavenWidgetVueProps = KatavenWidgetAttributes & KatavenWidgetProperties & KatavenWidgetVueEventProps;

declare module 'vue' {
  interface GlobalComponents {
    'kataven-widget': DefineComponent<KatavenWidgetVueProps>;
  }
}
