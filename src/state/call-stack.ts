/**
 * Everything a call needs beyond the launcher: the visitor session, the call controller and (unless a test injects
 * another) the Twilio Device factory. Loaded on intent, so the launcher's first paint never pays for it.
 */
import type { ApiClient } from '../api/client.js';
import { CallController, type CallEvents } from '../call/call-controller.js';
import type { DeviceFactory } from '../call/device.js';
import { createTwilioDevice, preloadTwilio } from '../call/twilio-device.js';
import { VisitorSession, type VisitorSessionOptions } from '../session/visitor-session.js';

export interface CallStackOptions {
  api: ApiClient;
  session: Omit<VisitorSessionOptions, 'api'>;
  createDevice?: DeviceFactory | undefined;
  events: CallEvents;
}

export function createCallStack(options: CallStackOptions) {
  const session = new VisitorSession({ ...options.session, api: options.api });
  const controller = new CallController({
    api: options.api,
    session,
    createDevice: options.createDevice ?? createTwilioDevice,
    events: options.events,
  });
  return { session, controller };
}

export type CallStack = ReturnType<typeof createCallStack>;
export { preloadTwilio };
