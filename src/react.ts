/**
 * `@kataven/widget/react`: `<KatavenWidget>` for React, made with `@lit/react`. Every element property is a prop (set
 * as a property on the client, never serialized into the server's HTML) and every `kataven-*` event an `on…` prop.
 * Server rendering outputs the bare `<kataven-widget>` tag; the element upgrades and configures itself after hydration.
 * React itself is a peer dependency of the app, never bundled here.
 */
import { type EventName, createComponent } from '@lit/react';
import * as React from 'react';
import { defineKatavenWidget } from './define.js';
import type { KatavenWidgetAttributes, KatavenWidgetProperties } from './element-types.js';
import type {
  KatavenCallConnectedEvent,
  KatavenCallEndEvent,
  KatavenCallStartEvent,
  KatavenCloseEvent,
  KatavenErrorEvent,
  KatavenFeedbackEvent,
  KatavenMessageEvent,
  KatavenMuteEvent,
  KatavenOpenEvent,
  KatavenReadyEvent,
  KatavenStatusEvent,
} from './events.js';
import { KatavenWidget as KatavenWidgetElement } from './widget/kataven-widget.js';

/** An event of the widget with a typed `detail`. */
type DetailEvent<Detail> = Event & { readonly detail: Detail };

/** `kataven-tool-call`: the agent asks the page to run one of its `clientTools` (DESIGN.md 5.2). */
export type KatavenToolCallEvent = DetailEvent<{ id: string; name: string; params: unknown }>;
export type { KatavenFeedbackEvent };
/** `kataven-open` / `kataven-close`: the panel opened or closed. */
export type KatavenPanelEvent = KatavenOpenEvent | KatavenCloseEvent;

// Registers <kataven-widget> in browsers (a no-op where there is no registry, and when already registered), and
// creates the element's property accessors now, so `@lit/react` tells properties from attributes on the first render.
defineKatavenWidget();
void KatavenWidgetElement.observedAttributes;

const Component = createComponent({
  tagName: 'kataven-widget',
  elementClass: KatavenWidgetElement,
  react: React,
  displayName: 'KatavenWidget',
  events: {
    onReady: 'kataven-ready' as EventName<KatavenReadyEvent>,
    onStatus: 'kataven-status' as EventName<KatavenStatusEvent>,
    onCallStart: 'kataven-call-start' as EventName<KatavenCallStartEvent>,
    onCallConnected: 'kataven-call-connected' as EventName<KatavenCallConnectedEvent>,
    onCallEnd: 'kataven-call-end' as EventName<KatavenCallEndEvent>,
    onMute: 'kataven-mute' as EventName<KatavenMuteEvent>,
    onMessage: 'kataven-message' as EventName<KatavenMessageEvent>,
    onError: 'kataven-error' as EventName<KatavenErrorEvent>,
    onOpen: 'kataven-open' as EventName<KatavenOpenEvent>,
    onClose: 'kataven-close' as EventName<KatavenCloseEvent>,
    onToolCall: 'kataven-tool-call' as EventName<KatavenToolCallEvent>,
    onFeedback: 'kataven-feedback' as EventName<KatavenFeedbackEvent>,
  },
});

// `<kataven-widget client-key="…">` in React 19's JSX (which sets known properties and passes the rest as attributes).
declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React declares its JSX types in this namespace
  namespace JSX {
    interface IntrinsicElements {
      'kataven-widget': Omit<
        React.DetailedHTMLProps<React.HTMLAttributes<KatavenWidgetElement>, KatavenWidgetElement>,
        keyof KatavenWidgetAttributes
      > &
        KatavenWidgetAttributes &
        KatavenWidgetProperties;
    }
  }
}

/**
 * `<KatavenWidget>`. It renders `defer-hydration` (on the server too), which `@lit/react` removes right after it has
 * set the props: a server-rendered element that upgrades before hydration waits for them instead of loading without
 * a key.
 */
export const KatavenWidget = React.forwardRef<KatavenWidgetElement, React.ComponentProps<typeof Component>>(
  function KatavenWidget(props, ref) {
    return React.createElement(Component, { 'defer-hydration': '', ...props, ref } as React.ComponentProps<
      typeof Component
    >);
  },
) as typeof Component;

/** The props of `<KatavenWidget>`. */
export type KatavenWidgetProps = React.ComponentProps<typeof KatavenWidget>;
export type { KatavenWidgetElement };
