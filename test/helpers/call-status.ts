/** Follows a CallController's reports through the widget's state machine, as the element does. */
import type { WidgetError } from '../../src/api/errors.js';
import type { CallEvent } from '../../src/call/call-controller.js';
import { type WidgetStatus, createMachine } from '../../src/state/machine.js';

export interface CallStatusLog {
  /** The status the reports led to (a call starts from `ready`). */
  readonly status: WidgetStatus;
  /** Every status change, in order. */
  readonly statuses: WidgetStatus[];
  /** The errors of `failed` reports. */
  readonly errors: WidgetError[];
  /** Pass as the controller's `events.report`. */
  report(event: CallEvent): void;
}

export function followCallStatus(): CallStatusLog {
  let status: WidgetStatus = 'ready';
  const statuses: WidgetStatus[] = [];
  const errors: WidgetError[] = [];
  const machine = createMachine({ get: () => status, set: (next) => (status = next) }, (next) => statuses.push(next));
  return {
    get status() {
      return status;
    },
    statuses,
    errors,
    report(event) {
      if (event.type === 'failed') errors.push(event.error);
      machine.send(event);
    },
  };
}
