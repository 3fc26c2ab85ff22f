/**
 * What `<kataven-widget>` accepts in a framework's markup: its attributes (strings, as written in HTML) and its
 * properties (set from JavaScript). The framework typings (`./react`, `./preact`, `./vue`, `./svelte`) build on these.
 */
import type { KatavenWidget } from './widget/kataven-widget.js';

export interface KatavenWidgetAttributes {
  /** Your publishable `pk_live_…` key. */
  'client-key'?: string;
  'agent-id'?: string;
  'api-base'?: string;
  /** A language tag (`fr`, `es-MX`, `zh-TW`, …). */
  locale?: string;
  theme?: 'auto' | 'light' | 'dark';
  position?: 'br' | 'bl' | 'tr' | 'tl';
  display?: 'floating' | 'inline';
  /** `none`: no floating button; the page opens the panel with `open()`. */
  launcher?: 'default' | 'none';
}

/** The element's settable properties (frameworks that set DOM properties accept these too). */
export type KatavenWidgetProperties = Partial<
  Pick<
    KatavenWidget,
    | 'clientKey'
    | 'agentId'
    | 'apiBase'
    | 'userToken'
    | 'userTokenProvider'
    | 'locale'
    | 'theme'
    | 'position'
    | 'display'
    | 'launcher'
    | 'branding'
    | 'policy'
    | 'strings'
    | 'deviceFactory'
  >
>;
