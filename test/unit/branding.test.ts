import { expect } from '@open-wc/testing';
import { readableOn } from '../../src/api/branding.js';

const DARK_TEXT = '#111827';
const WHITE = '#ffffff';

describe('readableOn (text color on a brand color)', () => {
  it('puts white on dark and saturated brand colors', () => {
    for (const color of ['#000000', '#2563eb', '#1e40af', '#0f766e', '#b91c1c', '#7c3aed']) {
      expect(readableOn(color), color).to.equal(WHITE);
    }
  });

  it('puts near-black on light brand colors', () => {
    for (const color of ['#ffffff', '#facc15', '#a3e635', '#67e8f9', '#fde68a', '#e5e7eb']) {
      expect(readableOn(color), color).to.equal(DARK_TEXT);
    }
  });

  it('reads #rgb like #rrggbb, in either case', () => {
    for (const [short, long] of [
      ['#fff', '#ffffff'],
      ['#000', '#000000'],
      ['#fc1', '#ffcc11'],
      ['#26E', '#2266ee'],
    ] as const) {
      expect(readableOn(short), short).to.equal(readableOn(long));
    }
  });

  it('switches at a relative luminance of 0.45', () => {
    // Greys: #b4b4b4 has a luminance of 0.456, #b3b3b3 of 0.451, #b2b2b2 of 0.445.
    expect(readableOn('#b4b4b4')).to.equal(DARK_TEXT);
    expect(readableOn('#b2b2b2')).to.equal(WHITE);
  });
});
