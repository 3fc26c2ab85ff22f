import { expect } from '@open-wc/testing';
import { MediaWatchdog } from '../../src/call/media-watchdog.js';

/** A watchdog on a manual clock: `tick(ms, count)` advances time, then polls once reading `count`. */
function harness(options: { stallMs?: number } = {}) {
  let now = 0;
  let count: number | null = 0;
  let poll: () => void = () => undefined;
  let cancelled = false;
  const changes: boolean[] = [];
  const watchdog = new MediaWatchdog(
    () => Promise.resolve(count),
    (stalled) => changes.push(stalled),
    {
      ...options,
      now: () => now,
      every: (_ms, run) => {
        poll = run;
        return () => (cancelled = true);
      },
    },
  );
  return {
    watchdog,
    changes,
    cancelled: () => cancelled,
    async tick(ms: number, next: number | null) {
      now += ms;
      count = next;
      poll();
      await Promise.resolve();
      await Promise.resolve();
    },
  };
}

describe('media watchdog', () => {
  it('reports a stall once no packet arrived for stallMs, and the recovery at the next packet', async () => {
    const h = harness({ stallMs: 1000 });
    await h.tick(250, 10);
    await h.tick(250, 22);
    await h.tick(500, 22);
    expect(h.changes).to.deep.equal([]);
    await h.tick(499, 22);
    expect(h.changes, 'not yet: 999 ms since the last packet').to.deep.equal([]);
    await h.tick(1, 22);
    expect(h.changes).to.deep.equal([true]);
    expect(h.watchdog.stalled).to.equal(true);
    await h.tick(250, 22);
    expect(h.changes, 'reported once').to.deep.equal([true]);
    await h.tick(250, 23);
    expect(h.changes).to.deep.equal([true, false]);
    expect(h.watchdog.stalled).to.equal(false);
  });

  it('says nothing before the first packet: connecting is the SDK’s business', async () => {
    const h = harness();
    for (let i = 0; i < 20; i++) await h.tick(250, 0);
    expect(h.changes).to.deep.equal([]);
  });

  it('ignores reads without a connection, and stops polling on stop()', async () => {
    const h = harness();
    await h.tick(250, 5);
    await h.tick(5000, null);
    expect(h.changes).to.deep.equal([]);
    h.watchdog.stop();
    expect(h.cancelled()).to.equal(true);
    await h.tick(5000, 5);
    expect(h.changes).to.deep.equal([]);
  });
});
