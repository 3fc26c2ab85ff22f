/**
 * The widget's public events: one `Event` subclass each, with a typed `detail`, bubbling and composed so a page can
 * listen on the element or any ancestor. Registered in `GlobalEventHandlersEventMap` for typed listeners.
 */
import type { WidgetErrorCode } from './api/errors.js';
import type { CallEndReason } from './call/call-controller.js';
import type { WidgetStatus } from './state/widget-state.js';

const init: EventInit = { bubbles: true, composed: true };

/** The config was fetched and applied (branding, policy). */
export class KatavenReadyEvent extends Event {
  static readonly eventName = 'kataven-ready';
  readonly detail: { agentId: string; agentName: string };
  constructor(detail: { agentId: string; agentName: string }) {
    super(KatavenReadyEvent.eventName, init);
    this.detail = detail;
  }
}

export class KatavenStatusEvent extends Event {
  static readonly eventName = 'kataven-status';
  readonly detail: { status: WidgetStatus; previous: WidgetStatus };
  constructor(detail: { status: WidgetStatus; previous: WidgetStatus }) {
    super(KatavenStatusEvent.eventName, init);
    this.detail = detail;
  }
}

/** The visitor (or the page) started a call; fired before any request for it. */
export class KatavenCallStartEvent extends Event {
  static readonly eventName = 'kataven-call-start';
  readonly detail: { agentId: string };
  constructor(detail: { agentId: string }) {
    super(KatavenCallStartEvent.eventName, init);
    this.detail = detail;
  }
}

export class KatavenCallConnectedEvent extends Event {
  static readonly eventName = 'kataven-call-connected';
  readonly detail: { sessionId: string };
  constructor(detail: { sessionId: string }) {
    super(KatavenCallConnectedEvent.eventName, init);
    this.detail = detail;
  }
}

export class KatavenCallEndEvent extends Event {
  static readonly eventName = 'kataven-call-end';
  readonly detail: { reason: CallEndReason; durationMs: number };
  constructor(detail: { reason: CallEndReason; durationMs: number }) {
    super(KatavenCallEndEvent.eventName, init);
    this.detail = detail;
  }
}

export class KatavenMuteEvent extends Event {
  static readonly eventName = 'kataven-mute';
  readonly detail: { muted: boolean };
  constructor(detail: { muted: boolean }) {
    super(KatavenMuteEvent.eventName, init);
    this.detail = detail;
  }
}

/** A caption the agent sent: `role` says who spoke, `final: false` marks a partial that later captions replace. */
export class KatavenMessageEvent extends Event {
  static readonly eventName = 'kataven-message';
  readonly detail: { role: 'agent' | 'user'; text: string; final: boolean };
  constructor(detail: { role: 'agent' | 'user'; text: string; final: boolean }) {
    super(KatavenMessageEvent.eventName, init);
    this.detail = detail;
  }
}

/** Something went wrong; `message` is for developers, the widget shows visitors a localized text for `code`. */
export class KatavenErrorEvent extends Event {
  static readonly eventName = 'kataven-error';
  readonly detail: { code: WidgetErrorCode; message: string; retryable: boolean };
  constructor(detail: { code: WidgetErrorCode; message: string; retryable: boolean }) {
    super(KatavenErrorEvent.eventName, init);
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kataven-ready': KatavenReadyEvent;
    'kataven-status': KatavenStatusEvent;
    'kataven-call-start': KatavenCallStartEvent;
    'kataven-call-connected': KatavenCallConnectedEvent;
    'kataven-call-end': KatavenCallEndEvent;
    'kataven-mute': KatavenMuteEvent;
    'kataven-message': KatavenMessageEvent;
    'kataven-error': KatavenErrorEvent;
  }
}
