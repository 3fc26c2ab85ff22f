// Preact: the plain element in JSX, typed by @kataven/widget/preact.
import type {} from '@kataven/widget/preact';

export const ok = <kataven-widget client-key="pk_live_acme_demo0000000000" locale="ja" display="inline" class="w" />;
// @ts-expect-error display is floating or inline
export const bad = <kataven-widget client-key="pk_live_x" display="sideways" />;
