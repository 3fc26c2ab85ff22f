// The resume record in this tab's real sessionStorage (Chromium): kept per key, checked on read, deleted when it has
// expired or does not fit, and never a throw when storage is missing or refuses.
import { expect } from '@open-wc/testing';
import {
  deleteResumeRecord,
  readResumeRecord,
  resumeExpiry,
  saveResumeRecord,
  type RecordStorage,
  type ResumeRecord,
} from '../../src/session/resume-record.js';

const KEY = 'pk_live_acme_demo0000000000';
const OTHER_KEY = 'pk_live_acme_pinned000000000';
const NOW = Date.parse('2026-03-02T10:00:00Z');
const STORED = `kataven:resume:${KEY}`;

const record = (changes: Partial<ResumeRecord> = {}): ResumeRecord => ({
  session_id: 'sess_1',
  agent_id: 'agent_ava',
  resume_token: 'rs_abc',
  expires_at: NOW + 30_000,
  panel_open: true,
  muted: false,
  ...changes,
});

/** A storage that refuses everything, as blocked site data or a full quota does. */
const refusing: RecordStorage = {
  getItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('full', 'QuotaExceededError');
  },
  removeItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
};

describe('resume record', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => sessionStorage.clear());

  it('keeps one record per key in sessionStorage, and reads it back', () => {
    expect(saveResumeRecord(KEY, record())).to.equal(true);
    expect(saveResumeRecord(OTHER_KEY, record({ session_id: 'sess_2', muted: true }))).to.equal(true);
    expect(JSON.parse(sessionStorage.getItem(STORED) ?? 'null')).to.deep.equal(record());
    expect(readResumeRecord(KEY, NOW)).to.deep.equal(record());
    expect(readResumeRecord(OTHER_KEY, NOW)).to.deep.equal(record({ session_id: 'sess_2', muted: true }));
    expect(readResumeRecord('pk_live_acme_none000000000', NOW)).to.equal(null);
  });

  it('a newer save replaces the record (a fresh token after each resume)', () => {
    saveResumeRecord(KEY, record());
    saveResumeRecord(KEY, record({ resume_token: 'rs_next', panel_open: false }));
    expect(readResumeRecord(KEY, NOW)).to.deep.equal(record({ resume_token: 'rs_next', panel_open: false }));
  });

  it('deletes a record whose window has passed, and reports none', () => {
    saveResumeRecord(KEY, record({ expires_at: NOW }));
    expect(readResumeRecord(KEY, NOW - 1)?.session_id).to.equal('sess_1');
    expect(readResumeRecord(KEY, NOW)).to.equal(null);
    expect(sessionStorage.getItem(STORED)).to.equal(null);
  });

  it('deletes a record that does not fit, whatever is wrong with it', () => {
    const broken: unknown[] = [
      '{"session_id":',
      'null',
      '[]',
      '"sess_1"',
      { ...record(), session_id: '' },
      { ...record(), agent_id: 7 },
      { ...record(), resume_token: 'x'.repeat(513) },
      { ...record(), expires_at: '2026-03-02' },
      { ...record(), expires_at: null },
      { ...record(), panel_open: 'yes' },
      { ...record(), muted: undefined },
    ];
    for (const value of broken) {
      sessionStorage.setItem(STORED, typeof value === 'string' ? value : JSON.stringify(value));
      expect(readResumeRecord(KEY, NOW), JSON.stringify(value)).to.equal(null);
      expect(sessionStorage.getItem(STORED), JSON.stringify(value)).to.equal(null);
    }
  });

  it('keeps only its own fields: nothing else is stored or read back', () => {
    sessionStorage.setItem(STORED, JSON.stringify({ ...record(), visitor_token: 'jwt-secret' }));
    expect(readResumeRecord(KEY, NOW)).to.deep.equal(record());
    const withExtra = { ...record(), visitor_token: 'jwt-secret' } as ResumeRecord;
    expect(saveResumeRecord(KEY, withExtra)).to.equal(true);
    expect(sessionStorage.getItem(STORED)).not.to.contain('jwt-secret');
  });

  it('refuses to save a record that does not fit', () => {
    expect(saveResumeRecord(KEY, record({ session_id: '' }))).to.equal(false);
    expect(sessionStorage.getItem(STORED)).to.equal(null);
  });

  it('deletes on request', () => {
    saveResumeRecord(KEY, record());
    saveResumeRecord(OTHER_KEY, record());
    deleteResumeRecord(KEY);
    expect(readResumeRecord(KEY, NOW)).to.equal(null);
    expect(readResumeRecord(OTHER_KEY, NOW)).to.deep.equal(record());
  });

  it('never throws when storage refuses or is missing', () => {
    expect(saveResumeRecord(KEY, record(), refusing)).to.equal(false);
    expect(readResumeRecord(KEY, NOW, refusing)).to.equal(null);
    expect(() => deleteResumeRecord(KEY, refusing)).not.to.throw();
    expect(saveResumeRecord(KEY, record(), null)).to.equal(false);
    expect(readResumeRecord(KEY, NOW, null)).to.equal(null);
    expect(() => deleteResumeRecord(KEY, null)).not.to.throw();
  });

  it('never throws when reading sessionStorage itself throws (site data blocked)', () => {
    const own = Object.getOwnPropertyDescriptor(window, 'sessionStorage');
    const inherited = Object.getOwnPropertyDescriptor(Window.prototype, 'sessionStorage');
    const target = own ? window : Window.prototype;
    Object.defineProperty(target, 'sessionStorage', {
      configurable: true,
      get() {
        throw new DOMException('The document is sandboxed', 'SecurityError');
      },
    });
    try {
      expect(() => window.sessionStorage).to.throw();
      expect(saveResumeRecord(KEY, record())).to.equal(false);
      expect(readResumeRecord(KEY, NOW)).to.equal(null);
      expect(() => deleteResumeRecord(KEY)).not.to.throw();
    } finally {
      Object.defineProperty(target, 'sessionStorage', (own ?? inherited) as PropertyDescriptor);
    }
  });

  it('works out the expiry of a window that starts now', () => {
    expect(resumeExpiry(30, NOW)).to.equal(NOW + 30_000);
    expect(resumeExpiry(-5, NOW)).to.equal(NOW);
  });
});
