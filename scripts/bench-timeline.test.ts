// The bench's step recorder: what the page script marks (run here against stand-ins for fetch and WebSocket, as a
// page would run it), and how the table reads the marks.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { runInNewContext } from 'node:vm';
import { TIMELINE_SCRIPT, timelineOf, timelineTable, type PageMarks } from './bench-timeline';

class StandInSocket extends EventEmitter {
  readonly sent: string[] = [];
  constructor(readonly url: string) {
    super();
  }
  addEventListener(type: string, listener: () => void): void {
    this.on(type, listener);
  }
  send(data: string): void {
    this.sent.push(data);
  }
}

/** Runs the page script in a window with stand-ins, and returns that window. */
function pageWith(answers: Record<string, Promise<Response>>) {
  const window = {
    fetch: (input: string) => answers[input] ?? Promise.resolve(new Response('other')),
    WebSocket: StandInSocket,
    __benchMarks: {} as PageMarks['marks'],
  };
  runInNewContext(TIMELINE_SCRIPT, { window, performance, Request });
  return window as typeof window & { WebSocket: new (url: string) => StandInSocket };
}

const api = 'https://api.test/v1';
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

test('marks the session answer and /widget/connect sent and answered, each the first time only', async () => {
  let answerConnect!: (response: Response) => void;
  const connect = new Promise<Response>((resolve) => (answerConnect = resolve));
  const page = pageWith({
    [`${api}/widget/auth/guest`]: Promise.resolve(new Response('{}')),
    [`${api}/widget/connect`]: connect,
  });
  await page.fetch(`${api}/widget/feedback`);
  assert.deepEqual(Object.keys(page.__benchMarks), [], 'other requests mark nothing');

  await page.fetch(`${api}/widget/auth/guest`);
  await tick();
  assert.deepEqual(Object.keys(page.__benchMarks), ['guest answered']);
  const pending = page.fetch(`${api}/widget/connect`);
  assert.deepEqual(Object.keys(page.__benchMarks).sort(), ['connect sent', 'guest answered']);
  const firstSent = page.__benchMarks['connect sent'];
  await tick();
  assert.equal(page.__benchMarks['connect answered'], undefined, 'not answered yet');
  answerConnect(new Response('{}'));
  assert.equal(await (await pending).text(), '{}', "the page gets the server's answer untouched");
  await tick();
  assert.ok((page.__benchMarks['connect answered'] ?? -1) >= (firstSent ?? Infinity));

  await page.fetch(`${api}/widget/connect`);
  assert.equal(page.__benchMarks['connect sent'], firstSent, 'a second call keeps the first mark');
});

test("the next page's steps: the config answered, the resume sent and answered", async () => {
  const page = pageWith({
    [`${api}/widget/config?client_key=k`]: Promise.resolve(new Response('{}')),
    [`${api}/widget/connect/resume`]: Promise.resolve(new Response('{}')),
  });
  await page.fetch(`${api}/widget/config?client_key=k`);
  await tick();
  assert.deepEqual(Object.keys(page.__benchMarks), ['config answered']);
  await page.fetch(`${api}/widget/connect/resume`);
  await tick();
  assert.deepEqual(Object.keys(page.__benchMarks).sort(), ['config answered', 'resume answered', 'resume sent']);
  assert.equal(page.__benchMarks['connect sent'], undefined, 'a resume is no /widget/connect');
});

test('marks the socket opening and the invite, and still sends every message', () => {
  const page = pageWith({});
  const socket = new page.WebSocket('wss://signal.test/signal');
  socket.send('{"payload":{"token":"t"},"type":"listen","version":"1.6"}');
  assert.deepEqual(Object.keys(page.__benchMarks), []);
  socket.emit('open');
  socket.send('{"payload":{"callsid":"c","sdp":"v=0"},"type":"invite","version":"1.6"}');
  assert.deepEqual(Object.keys(page.__benchMarks).sort(), ['invite sent', 'socket open']);
  assert.equal(socket.sent.length, 2);
});

test('the table gives p50 ms after the click, "before" for steps done on intent, and a dash for steps never seen', () => {
  const click = (clickAt: number, marks: PageMarks['marks'], connectedMs: number) => ({
    connectedMs,
    timeline: timelineOf({ clickAt, marks }),
  });
  const cold = [
    click(1000, { 'guest answered': 1060, 'connect sent': 1090 }, 300),
    click(2000, { 'guest answered': 2070, 'connect sent': 2100 }, 310),
    click(3000, { 'guest answered': 3050, 'connect sent': 3080 }, 290),
  ];
  assert.deepEqual(cold[0]?.timeline, { 'guest answered': 60, 'connect sent': 90 });
  const hover = [click(1000, { 'guest answered': 400, 'connect sent': 1010 }, 120)];
  const p50 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  const rows = timelineTable({ cold, hover }, p50);
  const row = (step: string) =>
    rows
      .find((line) => line.startsWith(step))
      ?.split(/\s{2,}/)
      .slice(1);
  assert.deepEqual(row('guest answered'), ['60', 'before']);
  assert.deepEqual(row('connect sent'), ['90', '10']);
  assert.deepEqual(row('socket open'), ['—', '—']);
  assert.deepEqual(row('connected'), ['300', '120']);
});
