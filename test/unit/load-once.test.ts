import { expect } from '@open-wc/testing';
import { loadOnce } from '../../src/load-once.js';
import { expectRejection } from '../helpers/expect.js';

describe('loadOnce (memoised lazy load)', () => {
  it('shares one attempt between callers and keeps a success', async () => {
    let loads = 0;
    const load = loadOnce(async () => ++loads);
    const [a, b] = await Promise.all([load(), load()]);
    expect([a, b, await load()]).to.deep.equal([1, 1, 1]);
    expect(loads).to.equal(1);
  });

  it('forgets a failure, so the next call tries again', async () => {
    let loads = 0;
    const load = loadOnce(async () => {
      loads += 1;
      if (loads === 1) throw new Error('offline');
      return 'loaded';
    });
    const first = load();
    // Callers during the failing attempt share it (and its failure).
    expect(load()).to.equal(first);
    expect((await expectRejection(first, Error)).message).to.equal('offline');
    expect(await load()).to.equal('loaded');
    expect(await load()).to.equal('loaded');
    expect(loads).to.equal(2);
  });
});
