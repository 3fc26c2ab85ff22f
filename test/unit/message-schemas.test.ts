import { expect } from '@open-wc/testing';
import { encodeWidgetMessage, parseAgentMessage } from '../../src/api/message-schemas.js';
import { spyWarnings } from '../helpers/console-spy.js';

describe('in-call messages at the boundary (docs/protocol.md section 5)', () => {
  const warnings = spyWarnings();
  beforeEach(() => warnings.start());
  afterEach(() => warnings.stop());

  it('reads captions, typed or untyped, from a string or an object', () => {
    expect(parseAgentMessage('{"type":"caption","role":"agent","text":"Hi","final":false}')).to.deep.equal({
      kind: 'caption',
      caption: { role: 'agent', text: 'Hi', final: false },
    });
    expect(parseAgentMessage({ role: 'user', text: 'Yes' })).to.deep.equal({
      kind: 'caption',
      caption: { role: 'user', text: 'Yes', final: true },
    });
    expect(warnings.lines).to.deep.equal([]);
  });

  it('reads a tool call, params defaulting to {}', () => {
    expect(parseAgentMessage({ type: 'tool_call', id: 't1', name: 'open_page', params: { path: '/x' } })).to.deep.equal(
      { kind: 'tool_call', call: { id: 't1', name: 'open_page', params: { path: '/x' } } },
    );
    expect(parseAgentMessage({ type: 'tool_call', id: 't2', name: 'ping' })).to.deep.equal({
      kind: 'tool_call',
      call: { id: 't2', name: 'ping', params: {} },
    });
  });

  it('ignores unknown types without a warning', () => {
    expect(parseAgentMessage({ type: 'agent_thinking', text: 'hmm' })).to.equal(null);
    expect(warnings.lines).to.deep.equal([]);
  });

  it('drops malformed and oversized messages with a warning', () => {
    const bad: unknown[] = [
      'not json',
      '[1,2]',
      42,
      { type: 7, role: 'agent', text: 'x' },
      { type: 'caption', role: 'robot', text: 'x' },
      { role: 'agent', text: 5 },
      { type: 'tool_call', id: 't1', name: 'x', params: [1] },
      { type: 'tool_call', id: '', name: 'x' },
      { type: 'tool_call', id: 't1', name: 'n'.repeat(129) },
      JSON.stringify({ role: 'agent', text: 'x'.repeat(70_000) }),
      { role: 'agent', text: 'x'.repeat(70_000) },
    ];
    for (const message of bad) expect(parseAgentMessage(message), JSON.stringify(message).slice(0, 60)).to.equal(null);
    expect(warnings.lines).to.have.length(bad.length);
    expect(warnings.lines.every((line) => line.startsWith('[kataven-widget] dropped an in-call message'))).to.equal(
      true,
    );
  });

  it('keeps caption text as text, cut at 2000 characters', () => {
    const parsed = parseAgentMessage({ role: 'agent', text: '<img src=x onerror=alert(1)>' + 'y'.repeat(3000) });
    expect(parsed?.kind === 'caption' && parsed.caption.text).to.have.length(2000);
    expect(parsed?.kind === 'caption' && parsed.caption.text.startsWith('<img src=x')).to.equal(true);
  });

  it('encodes valid outgoing messages and refuses invalid ones', () => {
    expect(encodeWidgetMessage({ type: 'user_text', text: 'hello' })).to.equal('{"type":"user_text","text":"hello"}');
    expect(
      JSON.parse(
        encodeWidgetMessage({ type: 'tool_result', id: 't1', ok: false, error: { code: 'busy', message: 'm' } })!,
      ),
    ).to.deep.equal({ type: 'tool_result', id: 't1', ok: false, error: { code: 'busy', message: 'm' } });
    expect(encodeWidgetMessage({ type: 'context', context: { plan: 'pro' } })).to.equal(
      '{"type":"context","context":{"plan":"pro"}}',
    );
    const notText = { type: 'user_text', text: 5 } as unknown as Parameters<typeof encodeWidgetMessage>[0];
    expect(encodeWidgetMessage(notText)).to.equal(null);
    expect(warnings.lines).to.have.length(1);
  });
});
