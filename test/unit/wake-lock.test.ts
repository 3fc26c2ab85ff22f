import { expect, waitUntil } from '@open-wc/testing';
import { createWakeLock } from '../../src/state/wake-lock.js';
import { settle } from '../helpers/expect.js';

/** A stand-in for `navigator.wakeLock` that logs requests and lets the test release a lock the way the browser does. */
function fakeWakeLock() {
  const log: string[] = [];
  const sentinels: { released: boolean; release(): Promise<void> }[] = [];
  const api = {
    request: async (type: string) => {
      log.push(`request ${type}`);
      const sentinel = {
        released: false,
        release: async () => {
          sentinel.released = true;
          log.push('release');
        },
      };
      sentinels.push(sentinel);
      return sentinel;
    },
  };
  return {
    log,
    api,
    /** What the browser does when the page is hidden: the lock is released without our asking. */
    browserReleasesAll: () => {
      for (const sentinel of sentinels) sentinel.released = true;
    },
  };
}

describe('screen wake lock (src/state/wake-lock.ts)', () => {
  let visibility: DocumentVisibilityState = 'visible';
  const visibilityListeners = new Map<unknown, EventListener>();
  /** How many times the module's listener has run: the positive signal before checking that nothing was requested. */
  let handled = 0;
  const realAdd = document.addEventListener.bind(document);
  const realRemove = document.removeEventListener.bind(document);

  function setVisibility(state: DocumentVisibilityState): void {
    visibility = state;
    document.dispatchEvent(new Event('visibilitychange'));
  }

  /** Changes the visibility, waits until the module has handled it and whatever that started has run. */
  async function setVisibilityAndSettle(state: DocumentVisibilityState): Promise<void> {
    const before = handled;
    setVisibility(state);
    await waitUntil(() => handled > before, 'the module did not handle visibilitychange');
    await settle();
  }

  beforeEach(() => {
    visibility = 'visible';
    visibilityListeners.clear();
    handled = 0;
    Object.defineProperty(document, 'visibilityState', { get: () => visibility, configurable: true });
    // Count the listeners the module leaves on the document (the leak e2e counts them the same way), and their calls.
    document.addEventListener = ((type: string, listener: EventListener, options?: boolean) => {
      if (type !== 'visibilitychange') return realAdd(type, listener, options);
      const counted: EventListener = (event) => {
        handled += 1;
        listener(event);
      };
      visibilityListeners.set(listener, counted);
      realAdd(type, counted, options);
    }) as typeof document.addEventListener;
    document.removeEventListener = ((type: string, listener: EventListener, options?: boolean) => {
      if (type !== 'visibilitychange') return realRemove(type, listener, options);
      realRemove(type, visibilityListeners.get(listener) ?? listener, options);
      visibilityListeners.delete(listener);
    }) as typeof document.removeEventListener;
  });

  afterEach(() => {
    delete (document as { visibilityState?: unknown }).visibilityState;
    delete (document as { addEventListener?: unknown }).addEventListener;
    delete (document as { removeEventListener?: unknown }).removeEventListener;
    delete (navigator as { wakeLock?: unknown }).wakeLock;
  });

  function stub(api: unknown): void {
    Object.defineProperty(navigator, 'wakeLock', { value: api, configurable: true });
  }

  it('requests the lock again when the page is shown after the browser released it on hiding', async () => {
    const fake = fakeWakeLock();
    stub(fake.api);
    const wakeLock = createWakeLock();
    wakeLock.acquire();
    await waitUntil(() => fake.log.length === 1, 'no first request');

    fake.browserReleasesAll();
    await setVisibilityAndSettle('hidden');
    expect(fake.log, 'requested while hidden').to.deep.equal(['request screen']);

    setVisibility('visible');
    await waitUntil(() => fake.log.length === 2, 'the lock was not requested again when the page was shown');
    expect(fake.log).to.deep.equal(['request screen', 'request screen']);

    // Shown again while the lock is still held (e.g. a quick tab switch the browser did not act on): no new request.
    await setVisibilityAndSettle('visible');
    expect(fake.log).to.have.length(2);

    wakeLock.release();
    await waitUntil(() => fake.log.length === 3, 'the re-acquired lock was not released');
    expect(fake.log[2]).to.equal('release');
  });

  it('removes its visibility listener when the call ends, and does not request after that', async () => {
    const fake = fakeWakeLock();
    stub(fake.api);
    const wakeLock = createWakeLock();
    wakeLock.acquire();
    expect(visibilityListeners.size, 'listening during the call').to.equal(1);
    await waitUntil(() => fake.log.length === 1, 'no first request');
    wakeLock.release();
    expect(visibilityListeners.size, 'a listener left on the document').to.equal(0);

    // Positive signal: a listener of our own, added after the module's, hears both changes.
    let heard = 0;
    const hear = () => (heard += 1);
    realAdd('visibilitychange', hear);
    setVisibility('hidden');
    setVisibility('visible');
    await waitUntil(() => heard === 2, 'the visibility changes were not dispatched');
    realRemove('visibilitychange', hear);
    await settle();
    expect(handled, 'the module still handled visibilitychange').to.equal(0);
    expect(fake.log).to.deep.equal(['request screen', 'release']);

    // A second call listens again, once.
    wakeLock.acquire();
    wakeLock.acquire();
    expect(visibilityListeners.size).to.equal(1);
    wakeLock.release();
    expect(visibilityListeners.size).to.equal(0);
  });

  it('swallows a refusal on the re-request (nothing is thrown into the page)', async () => {
    const fake = fakeWakeLock();
    let refuse = false;
    stub({
      request: (type: string) =>
        refuse ? Promise.reject(new DOMException('not allowed', 'NotAllowedError')) : fake.api.request(type),
    });
    const wakeLock = createWakeLock();
    wakeLock.acquire();
    await waitUntil(() => fake.log.length === 1, 'no first request');
    setVisibility('hidden');
    fake.browserReleasesAll();
    refuse = true;
    await setVisibilityAndSettle('visible');
    // Refused: the next time the page is shown it tries again.
    refuse = false;
    setVisibility('hidden');
    setVisibility('visible');
    await waitUntil(() => fake.log.length === 2, 'no retry after a refusal');
    wakeLock.release();
  });
});
