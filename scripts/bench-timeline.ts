// `BENCH_TIMELINE=1 npm run bench`: where each page's click spends its time, not only how long it lasts. A script
// added to every page before its own records, in page time, the first moment of each step a call takes: the visitor
// session answered, /widget/connect sent and answered, the signaling socket open, the invite sent. The bench then
// prints each step's p50, in ms after the click, per page. Off by default: the wrappers are work of their own, so the
// headline figures come from pages without them.

export const TIMELINE = process.env.BENCH_TIMELINE === '1';

export const STEPS = [
  'loader received',
  'config answered',
  'guest answered',
  'connect sent',
  'resume sent',
  'connect answered',
  'resume answered',
  'twilio received',
  'socket open',
  'invite sent',
] as const;
export type Step = (typeof STEPS)[number];
/** Page time of each step's first occurrence, as recorded; `clickAt` is the click's page time. */
export interface PageMarks {
  clickAt: number;
  marks: Partial<Record<Step, number>>;
}
/** ms after the click; negative when the step happened before it (after a hover, say). */
export type Timeline = Partial<Record<Step, number>>;

/** Page source text (tsx would inject helpers the page lacks): wraps fetch and WebSocket for both pages alike. */
export const TIMELINE_SCRIPT = `(() => {
  const marks = {};
  window.__benchMarks = marks;
  const mark = (step) => { if (!(step in marks)) marks[step] = performance.now(); };
  const pageFetch = window.fetch;
  window.fetch = function (input, init) {
    const url = String(input instanceof Request ? input.url : input);
    const path = url.split('?')[0];
    const call = /\\/widget\\/auth\\/guest$/.test(path) ? 'guest' : /\\/widget\\/connect$/.test(path) ? 'connect'
      : /\\/widget\\/connect\\/resume$/.test(path) ? 'resume' : /\\/widget\\/config$/.test(path) ? 'config' : '';
    if (call === 'connect' || call === 'resume') mark(call + ' sent');
    const answer = pageFetch.call(this, input, init);
    if (call) answer.then(() => mark(call + ' answered'), () => undefined);
    return answer;
  };
  // Twilio takes the WebSocket constructor when its module runs, which is after this script on both pages.
  window.WebSocket = class extends window.WebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('open', () => mark('socket open'));
    }
    send(data) {
      if (typeof data === 'string' && data.includes('"type":"invite"')) mark('invite sent');
      super.send(data);
    }
  };
})();`;

/**
 * The marks, plus two from resource timing: the loader and the Twilio chunk received. A page reached by the
 * navigate flow's link counts from that click, kept in sessionStorage by the page before.
 */
export const READ_MARKS = `(() => {
  const marks = { ...window.__benchMarks };
  for (const entry of performance.getEntriesByType('resource')) {
    const file = new URL(entry.name).pathname.split('/').pop();
    if (file === 'v1.js') marks['loader received'] ??= entry.responseEnd;
    if (/twilio/.test(file)) marks['twilio received'] ??= entry.responseEnd;
  }
  const linkClickAt = Number(sessionStorage.getItem('__benchLinkClickAt'));
  const clickAt = window.__benchClickAt ?? linkClickAt - performance.timeOrigin;
  return { clickAt, marks };
})()`;

export function timelineOf({ clickAt, marks }: PageMarks): Timeline {
  const timeline: Timeline = {};
  for (const step of STEPS) {
    const at = marks[step];
    if (at !== undefined) timeline[step] = at - clickAt;
  }
  return timeline;
}

/** One page's samples, as the bench keeps them. */
export interface TimedSample {
  connectedMs: number;
  timeline?: Timeline;
}

/** One row per step, one column per page: the p50 in ms after the click, or "before" when it came first. */
export function timelineTable(columns: Record<string, TimedSample[]>, p50: (values: number[]) => number): string[] {
  const pages = Object.entries(columns);
  const row = (label: string, cell: (samples: TimedSample[]) => string) =>
    `${label.padEnd(18)}${pages.map(([, samples]) => cell(samples).padStart(10)).join('')}`;
  const lines = [
    `where the click's time goes, p50 ms after the click ("before": done on intent)`,
    `${''.padEnd(18)}${pages.map(([name]) => name.padStart(10)).join('')}`,
  ];
  for (const step of STEPS) {
    lines.push(
      row(step, (samples) => {
        const values = samples.flatMap(({ timeline }) => (timeline?.[step] === undefined ? [] : [timeline[step]]));
        if (!values.length) return '—';
        const median = p50(values);
        return median < 0 ? 'before' : median.toFixed(0);
      }),
    );
  }
  lines.push(row('connected', (samples) => p50(samples.map(({ connectedMs }) => connectedMs)).toFixed(0)));
  return lines;
}
