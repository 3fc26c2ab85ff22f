import { expect } from '@open-wc/testing';
import type { ToolCall, WidgetMessage } from '../../src/api/message-schemas.js';
import { type ClientTools, TOOL_LIMITS, ToolRunner, type ToolTimers } from '../../src/call/tool-runner.js';
import { guardPage } from '../helpers/guards.js';

/** Timers the test fires by hand: the 10 s limit without waiting 10 s. */
function manualTimers() {
  const pending = new Map<number, { run: () => void; ms: number }>();
  let next = 1;
  const timers: ToolTimers = {
    setTimeout: (run, ms) => {
      pending.set(next, { run, ms });
      return next++;
    },
    clearTimeout: (handle) => pending.delete(handle as number),
  };
  return {
    timers,
    pending,
    fireAll() {
      for (const [id, timer] of [...pending]) {
        pending.delete(id);
        timer.run();
      }
    },
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('tool runner (docs/protocol.md section 7)', () => {
  const guard = guardPage();
  let sent: WidgetMessage[];
  let announced: ToolCall[];
  let refuse: boolean;
  let clock: ReturnType<typeof manualTimers>;

  function runner(tools: ClientTools | undefined) {
    return new ToolRunner({
      tools: () => tools,
      announce: (call) => {
        announced.push(call);
        return !refuse;
      },
      send: (message) => sent.push(message),
      sessionId: () => 'sess_1',
      timers: clock.timers,
    });
  }
  const call = (name: string, params: Record<string, unknown> = {}, id = 't1'): ToolCall => ({ id, name, params });

  beforeEach(() => {
    guard.start();
    sent = [];
    announced = [];
    refuse = false;
    clock = manualTimers();
  });
  afterEach(() => guard.stop());

  it('runs a tool with its params and the session id, and answers its result', async () => {
    const seen: unknown[] = [];
    const tools = {
      open_page: async (params: Record<string, unknown>, info: { sessionId: string }) => {
        seen.push(params, info);
        return { opened: params['path'], at: new Date(0) };
      },
    };
    await runner(tools).run(call('open_page', { path: '/pricing' }));
    expect(seen).to.deep.equal([{ path: '/pricing' }, { sessionId: 'sess_1' }]);
    expect(announced).to.deep.equal([call('open_page', { path: '/pricing' })]);
    // Sent as the JSON it serializes to: a Date becomes its ISO text.
    expect(sent).to.deep.equal([
      { type: 'tool_result', id: 't1', ok: true, result: { opened: '/pricing', at: '1970-01-01T00:00:00.000Z' } },
    ]);
    expect(clock.pending.size, 'the timeout timer is cleared').to.equal(0);
  });

  it('a tool returning nothing answers ok with null', async () => {
    await runner({ ping: () => undefined }).run(call('ping'));
    expect(sent).to.deep.equal([{ type: 'tool_result', id: 't1', ok: true, result: null }]);
  });

  it('unknown_tool: no such tool, no tools at all, or an inherited name', async () => {
    await runner({ ping: () => 1 }).run(call('pong', {}, 'a'));
    await runner(undefined).run(call('ping', {}, 'b'));
    await runner({ ping: () => 1 }).run(call('constructor', {}, 'c'));
    await runner({ ping: () => 1 }).run(call('toString', {}, 'd'));
    expect(sent.map((m) => m.type === 'tool_result' && !m.ok && [m.id, m.error.code])).to.deep.equal([
      ['a', 'unknown_tool'],
      ['b', 'unknown_tool'],
      ['c', 'unknown_tool'],
      ['d', 'unknown_tool'],
    ]);
  });

  it('refused: the page called preventDefault, and the tool never ran', async () => {
    refuse = true;
    let ran = false;
    await runner({ ping: () => (ran = true) }).run(call('ping'));
    expect(ran).to.equal(false);
    expect(sent).to.deep.equal([
      {
        type: 'tool_result',
        id: 't1',
        ok: false,
        error: { code: 'refused', message: 'the page refused this tool call' },
      },
    ]);
  });

  it('tool_failed: a sync or async throw, its message cut at 500 characters', async () => {
    const tools = {
      sync: () => {
        throw new Error('x'.repeat(800));
      },
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a page's tool may reject with anything
      async: async () => Promise.reject('plain string'),
      weird: () => {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- a page's tool may throw anything
        throw {
          toString: () => {
            throw new Error('nope');
          },
        };
      },
    };
    const tool = runner(tools);
    await tool.run(call('sync', {}, 'a'));
    await tool.run(call('async', {}, 'b'));
    await tool.run(call('weird', {}, 'c'));
    const errors = sent.map((m) => (m.type === 'tool_result' && !m.ok ? m.error : null));
    expect(errors[0]).to.deep.equal({ code: 'tool_failed', message: 'x'.repeat(500) });
    expect(errors[1]).to.deep.equal({ code: 'tool_failed', message: 'plain string' });
    expect(errors[2]?.code).to.equal('tool_failed');
  });

  it('timeout: a tool that never settles is answered after 10 s, and a late result is not sent', async () => {
    let resolveLate!: (value: unknown) => void;
    const tool = runner({ hang: () => new Promise((resolve) => (resolveLate = resolve)) });
    const done = tool.run(call('hang'));
    await tick();
    expect([...clock.pending.values()].map((t) => t.ms)).to.deep.equal([TOOL_LIMITS.timeoutMs]);
    expect(sent).to.deep.equal([]);
    clock.fireAll();
    await done;
    expect(sent).to.deep.equal([
      { type: 'tool_result', id: 't1', ok: false, error: { code: 'timeout', message: 'no result within 10 s' } },
    ]);
    resolveLate('too late');
    await tick();
    expect(sent).to.have.length(1);
    expect(tool.running).to.equal(0);
  });

  it('invalid_result: cyclic, a BigInt, a function, or over 16 KB', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const tools = {
      cyclic: () => cyclic,
      big: () => ({ n: 1n }),
      fn: () => () => 1,
      huge: () => 'x'.repeat(1024 * 1024),
      edge: () => 'x'.repeat(16 * 1024 - 2), // exactly 16 KB as JSON, with its quotes
    };
    const tool = runner(tools);
    for (const name of Object.keys(tools)) await tool.run(call(name, {}, name));
    const codes = sent.map((m) => (m.type === 'tool_result' ? [m.id, m.ok ? 'ok' : m.error.code] : null));
    expect(codes).to.deep.equal([
      ['cyclic', 'invalid_result'],
      ['big', 'invalid_result'],
      ['fn', 'invalid_result'],
      ['huge', 'invalid_result'],
      ['edge', 'ok'],
    ]);
  });

  it('busy: at most 8 tool calls at once; a ninth is answered busy at once, and slots free up again', async () => {
    const release: Array<() => void> = [];
    const tool = runner({ slow: () => new Promise<void>((resolve) => release.push(resolve)) });
    const runs = Array.from({ length: 9 }, (_, i) => tool.run(call('slow', {}, `t${i}`)));
    await tick();
    expect(tool.running).to.equal(8);
    expect(sent).to.deep.equal([
      {
        type: 'tool_result',
        id: 't8',
        ok: false,
        error: { code: 'busy', message: 'more than 8 tool calls at once' },
      },
    ]);
    for (const resolve of release) resolve();
    await Promise.all(runs);
    expect(tool.running).to.equal(0);
    expect(sent.filter((m) => m.type === 'tool_result' && m.ok)).to.have.length(8);
  });

  it('after dispose, nothing more is sent', async () => {
    let resolveLater!: () => void;
    const tool = runner({ slow: () => new Promise<void>((resolve) => (resolveLater = resolve)) });
    const done = tool.run(call('slow'));
    await tick();
    tool.dispose();
    resolveLater();
    await done;
    expect(sent).to.deep.equal([]);
  });
});
