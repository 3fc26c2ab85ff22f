/**
 * `@kataven/widget/preact`: types only. `import type {} from '@kataven/widget/preact'` once, and
 * `<kataven-widget client-key="…" onkataven-call-end={…}>` type-checks in Preact's JSX.
 */
import type { HTMLAttributes } from 'preact';
import type {
  KatavenWidgetAttributes,
  KatavenWidgetEventAttributes,
  KatavenWidgetProperties,
} from '../element-types.js';
import type { KatavenWidget } from '../widget/kataven-widget.js';

declare module 'preact' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Preact declares its JSX types in this namespace
  namespace JSX {
    interface IntrinsicElements {
      'kataven-widget': Omit<
        HTMLAttributes<KatavenWidget>,
        keyof KatavenWidgetAttributes | keyof KatavenWidgetProperties
      > &
        KatavenWidgetAttributes &
        KatavenWidgetProperties &
        KatavenWidgetEventAttributes;
    }
  }
}
