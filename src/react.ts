/**
 * `@kataven/widget/react`: `<KatavenWidget>` for React, made with `@lit/react`. Every element property is a prop (set
 * as a property on the client, never serialized into the server's HTML) and every `kataven-*` event an `on…` prop.
 * Server rendering outputs the bare `<kataven-widget>` tag; the element upgrades and configures itself after hydration.
 * React itself is a peer dependency of the app, never bundled here.
 */
import { type EventName, createComponent } from '@lit/react';
import * as React from 'react';
import { defineKatavenWidget } from './define.js';
import type {
  KatavenReactEventNames,
  KatavenWidgetAttributes,
  KatavenWidgetEventAttributes,
  KatavenWidgetProperties,
} from './element-types.js';
import type { KatavenCloseEvent, KatavenEventMap, KatavenOpenEvent } from './events.js';
import { KatavenWidget as KatavenWidgetElement } from './widget/kataven-widget.js';

export type { KatavenFeedbackEvent, KatavenNetworkQualityEvent, KatavenToolCallEvent } from './events.js';
/** `kataven-open` / `kataven-close`: the panel opened or closed. */
export type KatavenPanelEvent = KatavenOpenEvent | KatavenCloseEvent;

/** `onCallEnd` → the `kataven-call-end` event, typed, as `@lit/react` takes it. */
type ReactEvents = {
  [Prop in keyof KatavenReactEventNames]: EventName<KatavenEventMap[KatavenReactEventNames[Prop]]>;
};

// Registers <kataven-widget> in browsers (a no-op where there is no registry, and when already registered), and
// creates the element's property accessors now, so `@lit/react` tells properties from attributes on the first render.
defineKatavenWidget();
void KatavenWidgetElement.observedAttributes;

// `satisfies` holds this list to the events the element declares: one missing, extra or misnamed fails to compile.
const events = {
  onReady: 'kataven-ready',
  onStatus: 'kataven-status',
  onCallStart: 'kataven-call-start',
  onCallConnected: 'kataven-call-connected',
  onCallEnd: 'kataven-call-end',
  onMute: 'kataven-mute',
  onMessage: 'kataven-message',
  onError: 'kataven-error',
  onOpen: 'kataven-open',
  onClose: 'kataven-close',
  onToolCall: 'kataven-tool-call',
  onFeedback: 'kataven-feedback',
  onNetworkQuality: 'kataven-network-quality',
} satisfies KatavenReactEventNames as ReactEvents;

const Component = createComponent({
  tagName: 'kataven-widget',
  elementClass: KatavenWidgetElement,
  react: React,
  displayName: 'KatavenWidget',
  events,
});

/** The props of `<KatavenWidget>`: the element's properties, an `on…` prop per event, and React's HTML props. */
export type KatavenWidgetProps = Omit<
  React.HTMLAttributes<KatavenWidgetElement>,
  keyof KatavenWidgetProperties | keyof ReactEvents
> &
  KatavenWidgetProperties & {
    [Prop in keyof KatavenReactEventNames]?: (event: KatavenEventMap[KatavenReactEventNames[Prop]]) => void;
  } & React.RefAttributes<KatavenWidgetElement>;

// `<kataven-widget client-key="…">` in React 19's JSX (which sets known properties, passes the rest as attributes,
// and listens to `on<event-name>` on custom elements).
declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React declares its JSX types in this namespace
  namespace JSX {
    interface IntrinsicElements {
      'kataven-widget': Omit<
        React.DetailedHTMLProps<React.HTMLAttributes<KatavenWidgetElement>, KatavenWidgetElement>,
        keyof KatavenWidgetAttributes | keyof KatavenWidgetProperties
      > &
        KatavenWidgetAttributes &
        KatavenWidgetProperties &
        KatavenWidgetEventAttributes;
    }
  }
}

/**
 * `<KatavenWidget>`. It renders `defer-hydration` (on the server too), which `@lit/react` removes right after it has
 * set the props: a server-rendered element that upgrades before hydration waits for them instead of loading without
 * a key.
 */
export const KatavenWidget = React.forwardRef<KatavenWidgetElement, KatavenWidgetProps>(
  function KatavenWidget(props, ref) {
    return React.createElement(Component, { 'defer-hydration': '', ...props, ref } as React.ComponentProps<
      typeof Component
    >);
  },
) as React.ForwardRefExoticComponent<KatavenWidgetProps>;
export type { KatavenWidgetElement };
