import { expect } from '@open-wc/testing';
import { checkContext, mergeContext, sanitizeContext } from '../../src/api/context-rules.js';
import { spyWarnings } from '../helpers/console-spy.js';

describe('context rules (docs/protocol.md section 6)', () => {
  const warnings = spyWarnings();
  beforeEach(() => warnings.start());
  afterEach(() => warnings.stop());

  it('keeps a valid flat context as it is', () => {
    const context = { plan: 'pro', seats: 12, trial: false, coupon: null, _page: '/pricing' };
    expect(checkContext(context)).to.deep.equal({ context, dropped: [] });
  });

  it('drops keys that break the key pattern and names them', () => {
    const check = checkContext({ '9lives': 1, 'has-dash': 2, ok_1: 3, ['k'.repeat(65)]: 4, ['k'.repeat(64)]: 5 });
    expect(Object.keys(check.context)).to.deep.equal(['ok_1', 'k'.repeat(64)]);
    expect(check.dropped.map((entry) => entry.key)).to.deep.equal(['9lives', 'has-dash', 'k'.repeat(65)]);
  });

  it('drops values that are not a short string, a finite number, a boolean or null', () => {
    const check = checkContext({
      nested: { a: 1 },
      list: [1],
      missing: undefined,
      infinite: Infinity,
      nan: NaN,
      long: 'x'.repeat(1001),
      edge: 'x'.repeat(1000),
    });
    expect(Object.keys(check.context)).to.deep.equal(['edge']);
    expect(check.dropped.map((entry) => entry.key)).to.deep.equal([
      'nested',
      'list',
      'missing',
      'infinite',
      'nan',
      'long',
    ]);
  });

  it('keeps at most 32 keys', () => {
    const input = Object.fromEntries(Array.from({ length: 34 }, (_, i) => [`k${i}`, i]));
    const check = checkContext(input);
    expect(Object.keys(check.context)).to.have.length(32);
    expect(check.dropped.map((entry) => entry.key)).to.deep.equal(['k32', 'k33']);
  });

  it('keeps the JSON at most 4096 bytes, counting UTF-8 bytes', () => {
    // Four 1000-character values of a 2-byte character: 2000 bytes each, so only two fit.
    const input = { a: 'é'.repeat(1000), b: 'é'.repeat(1000), c: 'é'.repeat(1000), d: 1 };
    const check = checkContext(input);
    expect(Object.keys(check.context)).to.deep.equal(['a', 'b', 'd']);
    expect(check.dropped.map((entry) => entry.key)).to.deep.equal(['c']);
    expect(new TextEncoder().encode(JSON.stringify(check.context)).length).to.be.at.most(4096);
  });

  it('refuses anything but a plain object', () => {
    for (const input of [null, 'plan=pro', 42, ['plan']]) {
      const check = checkContext(input);
      expect(check.context).to.deep.equal({});
      expect(check.problem).to.equal('context must be a JSON object');
    }
  });

  it('keeps a __proto__ key as plain data', () => {
    const check = checkContext(JSON.parse('{"__proto__": "x", "plan": "pro"}'));
    expect(Object.getPrototypeOf(check.context)).to.equal(Object.prototype);
    expect(JSON.stringify(check.context)).to.equal('{"__proto__":"x","plan":"pro"}');
  });

  it('sanitizeContext warns once, naming every dropped entry, and keeps the rest', () => {
    const context = sanitizeContext({ plan: 'pro', 'bad key': 1, deep: { a: 1 } }, 'context');
    expect(context).to.deep.equal({ plan: 'pro' });
    expect(warnings.lines).to.have.length(1);
    expect(warnings.lines[0]).to.contain('"bad key"').and.contain('"deep"').and.not.contain('"plan"');
  });

  it('sanitizeContext is silent for a valid context and leaves no context undefined', () => {
    expect(sanitizeContext(undefined, 'context')).to.equal(undefined);
    expect(sanitizeContext({ plan: 'pro' }, 'context')).to.deep.equal({ plan: 'pro' });
    expect(warnings.lines).to.deep.equal([]);
  });

  it('merges page and signed context with signed keys winning', () => {
    expect(mergeContext({ plan: 'free', page: '/pricing' }, { plan: 'pro', user: 'u1' })).to.deep.equal({
      plan: 'pro',
      page: '/pricing',
      user: 'u1',
    });
  });
});
