/**
 * The widget's public events: one `Event` subclass each, with a typed `detail`, bubbling and composed so a page can
 * listen on the element or any ancestor. Registered in `GlobalEventHandlersEventMap` for typed listeners.
 */
import type { WidgetErrorCode } from './api/errors.js';
import type { CallEndReason } from './call/call-controller.js';
import type { WidgetStatus } from './state/widget-stores.js';

/** Each event's `detail`, keyed by its name without the `kataven-` prefix. */
export interface KatavenEventDetails {
  /** The config was fetched and applied (branding, policy). */
  ready: { agentId: string; agentName: string };
  status: { status: WidgetStatus; previous: WidgetStatus };
  /** The visitor (or the page) started a call; fired before any request for it. */
  'call-start': { agentId: string };
  'call-connected': { sessionId: string };
  'call-end': { reason: CallEndReason; durationMs: number };
  mute: { muted: boolean };
  /** A caption the agent sent: `role` says who spoke; `final: false` marks a partial that later captions replace. */
  message: { role: 'agent' | 'user'; text: string; final: boolean };
  /** `message` is for developers; the widget shows visitors a localized text for `code`. */
  error: { code: WidgetErrorCode; message: string; retryable: boolean };
  /** The agent asks to run a client tool; `preventDefault()` refuses it (answered `refused`). */
  'tool-call': { id: string; name: string; params: Record<string, unknown> };
  /** The panel opened (the visitor, or the page through `open()`). */
  open: Record<string, never>;
  /** The panel closed; a live call continues. */
  close: Record<string, never>;
  /** The visitor rated the call that just ended (docs/protocol.md section 8). */
  feedback: { sessionId: string; rating: 'up' | 'down'; comment: string };
  /** Twilio's call-quality warnings in force (`high-packet-loss`, `low-mos`, …); empty once they clear. */
  'network-quality': { warnings: string[] };
}

export type KatavenEventName = keyof KatavenEventDetails;

/** The longest `comment` of `kataven-feedback`: the widget's text box and what it sends stop there (the API's limit). */
export const FEEDBACK_COMMENT_MAX = 500;

/** How the state reports public events; the element dispatches them. */
/** Returns false when a cancelable event was cancelled (`kataven-tool-call`). */
export type EmitEvent = <Name extends KatavenEventName>(
  name: Name,
  detail: KatavenEventDetails[Name],
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- an emitter that only notifies returns nothing
) => boolean | void;

// One small class factory instead of eight hand-written classes: these bytes load with the launcher on every page.
function defineEvent<Name extends KatavenEventName>(name: Name, cancelable = false) {
  const type = `kataven-${name}` as const;
  return class KatavenEvent extends Event {
    static readonly eventName = type;
    readonly detail: KatavenEventDetails[Name];
    constructor(detail: KatavenEventDetails[Name]) {
      super(type, { bubbles: true, composed: true, cancelable });
      this.detail = detail;
    }
  };
}

export const KatavenReadyEvent = defineEvent('ready');
export type KatavenReadyEvent = InstanceType<typeof KatavenReadyEvent>;
export const KatavenStatusEvent = defineEvent('status');
export type KatavenStatusEvent = InstanceType<typeof KatavenStatusEvent>;
export const KatavenCallStartEvent = defineEvent('call-start');
export type KatavenCallStartEvent = InstanceType<typeof KatavenCallStartEvent>;
export const KatavenCallConnectedEvent = defineEvent('call-connected');
export type KatavenCallConnectedEvent = InstanceType<typeof KatavenCallConnectedEvent>;
export const KatavenCallEndEvent = defineEvent('call-end');
export type KatavenCallEndEvent = InstanceType<typeof KatavenCallEndEvent>;
export const KatavenMuteEvent = defineEvent('mute');
export type KatavenMuteEvent = InstanceType<typeof KatavenMuteEvent>;
export const KatavenMessageEvent = defineEvent('message');
export type KatavenMessageEvent = InstanceType<typeof KatavenMessageEvent>;
export const KatavenErrorEvent = defineEvent('error');
export type KatavenErrorEvent = InstanceType<typeof KatavenErrorEvent>;
export const KatavenToolCallEvent = defineEvent('tool-call', true);
export type KatavenToolCallEvent = InstanceType<typeof KatavenToolCallEvent>;
export const KatavenOpenEvent = defineEvent('open');
export type KatavenOpenEvent = InstanceType<typeof KatavenOpenEvent>;
export const KatavenCloseEvent = defineEvent('close');
export type KatavenCloseEvent = InstanceType<typeof KatavenCloseEvent>;
export const KatavenFeedbackEvent = defineEvent('feedback');
export type KatavenFeedbackEvent = InstanceType<typeof KatavenFeedbackEvent>;
export const KatavenNetworkQualityEvent = defineEvent('network-quality');
export type KatavenNetworkQualityEvent = InstanceType<typeof KatavenNetworkQualityEvent>;

const EVENT_CLASSES = {
  ready: KatavenReadyEvent,
  status: KatavenStatusEvent,
  'call-start': KatavenCallStartEvent,
  'call-connected': KatavenCallConnectedEvent,
  'call-end': KatavenCallEndEvent,
  mute: KatavenMuteEvent,
  message: KatavenMessageEvent,
  error: KatavenErrorEvent,
  'tool-call': KatavenToolCallEvent,
  open: KatavenOpenEvent,
  close: KatavenCloseEvent,
  feedback: KatavenFeedbackEvent,
  'network-quality': KatavenNetworkQualityEvent,
} as const;

/** Builds the public event for `name` with `detail`. */
export function createKatavenEvent<Name extends KatavenEventName>(
  name: Name,
  detail: KatavenEventDetails[Name],
): Event {
  const EventClass = EVENT_CLASSES[name] as unknown as new (detail: KatavenEventDetails[Name]) => Event;
  return new EventClass(detail);
}

/** Every public event by its type (`kataven-call-end`), with its class. */
export type KatavenEventMap = {
  [Name in KatavenEventName as `kataven-${Name}`]: InstanceType<(typeof EVENT_CLASSES)[Name]>;
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the events into the DOM's map
  interface GlobalEventHandlersEventMap extends KatavenEventMap {}
}
