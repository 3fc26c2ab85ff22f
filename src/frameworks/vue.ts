/**
 * `@kataven/widget/vue`: types only. `import type {} from '@kataven/widget/vue'` once, and templates type-check
 * `<kataven-widget client-key="…">` through Vue's `GlobalComponents` (vue-tsc / Volar). Tell Vue's compiler the tag
 * is a custom element: `compilerOptions.isCustomElement: (tag) => tag === 'kataven-widget'`.
 */
import type { DefineComponent } from 'vue';
import type { KatavenWidgetAttributes, KatavenWidgetProperties } from '../element-types.js';

/** The element's attributes and properties as the props of a Vue component. */
export type KatavenWidgetVueProps = KatavenWidgetAttributes & KatavenWidgetProperties;

declare module 'vue' {
  interface GlobalComponents {
    'kataven-widget': DefineComponent<KatavenWidgetVueProps>;
  }
}
