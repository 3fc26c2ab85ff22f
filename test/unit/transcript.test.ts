import { expect } from '@open-wc/testing';
import type { Caption } from '../../src/api/message-schemas.js';
import { appendTurn, cleanTypedText, MAX_TURNS, type Transcript } from '../../src/state/transcript.js';

const turn = (role: Caption['role'], text: string, final = true): Caption => ({ role, text, final });

describe('transcript', () => {
  it('keeps every turn in order, newest last', () => {
    let transcript: Transcript = [];
    transcript = appendTurn(transcript, turn('agent', 'Hi'));
    transcript = appendTurn(transcript, turn('user', 'Hello'));
    transcript = appendTurn(transcript, turn('agent', 'How can I help?'));
    expect(transcript.map((t) => t.text)).to.deep.equal(['Hi', 'Hello', 'How can I help?']);
  });

  it('replaces a partial caption with the next one of the same speaker, then its final text', () => {
    let transcript: Transcript = [turn('user', 'Hello')];
    transcript = appendTurn(transcript, turn('agent', 'Hi,', false));
    transcript = appendTurn(transcript, turn('agent', "Hi, I'm", false));
    transcript = appendTurn(transcript, turn('agent', "Hi, I'm Ava."));
    transcript = appendTurn(transcript, turn('agent', 'Next'));
    expect(transcript).to.deep.equal([turn('user', 'Hello'), turn('agent', "Hi, I'm Ava."), turn('agent', 'Next')]);
  });

  it('replaces a partial in place even when the visitor typed meanwhile', () => {
    let transcript: Transcript = [turn('agent', 'Let me', false)];
    transcript = appendTurn(transcript, turn('user', 'hurry'));
    transcript = appendTurn(transcript, turn('agent', 'Let me check.'));
    expect(transcript).to.deep.equal([turn('agent', 'Let me check.'), turn('user', 'hurry')]);
  });

  it('returns a new array and leaves the old one alone', () => {
    const before: Transcript = [turn('agent', 'a', false)];
    const after = appendTurn(before, turn('agent', 'ab'));
    expect(after).to.not.equal(before);
    expect(before[0]?.text).to.equal('a');
  });

  it(`keeps at most the last ${MAX_TURNS} turns`, () => {
    let transcript: Transcript = [];
    for (let i = 0; i < MAX_TURNS + 5; i++)
      transcript = appendTurn(transcript, turn(i % 2 ? 'user' : 'agent', `t${i}`));
    expect(transcript).to.have.length(MAX_TURNS);
    expect(transcript[0]?.text).to.equal('t5');
    expect(transcript[MAX_TURNS - 1]?.text).to.equal(`t${MAX_TURNS + 4}`);
  });

  it('typed text is trimmed and must be 1 to 1000 characters', () => {
    expect(cleanTypedText('  hi  ')).to.equal('hi');
    expect(cleanTypedText('   ')).to.equal(null);
    expect(cleanTypedText('x'.repeat(1000))).to.have.length(1000);
    expect(cleanTypedText('x'.repeat(1001))).to.equal(null);
    expect(cleanTypedText(42)).to.equal(null);
  });
});
