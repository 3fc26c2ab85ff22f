/** Assertions the tests share, each written so that it fails when the behaviour it checks breaks. */
import { expect, waitUntil } from '@open-wc/testing';

/**
 * Awaits `promise` and returns what it rejected with; fails the test if it resolves. With `type`, the reason must be an
 * instance of it.
 */
export async function expectRejection<T = unknown>(
  promise: Promise<unknown>,
  type?: abstract new (...args: never[]) => T,
): Promise<T> {
  let outcome: { resolved: true } | { resolved: false; reason: unknown };
  try {
    await promise;
    outcome = { resolved: true };
  } catch (reason) {
    outcome = { resolved: false, reason };
  }
  if (outcome.resolved) throw new Error('expected the promise to reject, but it resolved');
  if (type) expect(outcome.reason).to.be.instanceOf(type);
  return outcome.reason as T;
}

/**
 * Listens for `type` on `target`, runs `action`, and resolves with the first such event, so its detail can be checked.
 * Fails when none arrives within `timeout` ms.
 */
export async function expectEvent<E extends Event = Event>(
  target: EventTarget,
  type: string,
  action: () => unknown,
  timeout = 3000,
): Promise<E> {
  let received: E | undefined;
  const listener = (event: Event) => (received ??= event as E);
  target.addEventListener(type, listener);
  try {
    await action();
    await waitUntil(() => received, `no ${type} event`, { timeout });
    return received as E;
  } finally {
    target.removeEventListener(type, listener);
  }
}

/**
 * Lets every pending microtask and one round of timers run: enough for anything the code under test does without a
 * real delay. For "and nothing else happens" checks.
 */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
