import { expect } from '@open-wc/testing';
import { WidgetError } from '../../src/api/errors.js';
import {
  TRANSITIONS,
  WIDGET_EVENTS,
  WIDGET_STATUSES,
  type WidgetEvent,
  type WidgetEventType,
  type WidgetStatus,
  createMachine,
  machineDiagnostics,
} from '../../src/state/machine.js';

/**
 * The machine as the widget promises it, written out here rather than read from the table: every line is
 * `status event → next`. Every pair not listed must be ignored.
 */
const EXPECTED = `
  idle configRequested loading
  loading configLoaded ready
  loading configRefused unavailable
  ready configLoaded ready
  ready configRefused unavailable
  ready callRequested connecting
  ready resumeFound resuming
  ready heldElsewhere elsewhere
  unavailable configLoaded ready
  unavailable configRefused unavailable
  connecting ringing ringing
  connecting callAccepted connected
  connecting callEnded ended
  ringing callAccepted connected
  ringing callEnded ended
  resuming resumeFound resuming
  resuming ringing resuming
  resuming callAccepted connected
  resuming callEnded ended
  resuming resumeRefused error
  connected mediaLost reconnecting
  connected callEnded ended
  connected callMoved elsewhere
  reconnecting mediaLost reconnecting
  reconnecting mediaRestored connected
  reconnecting callEnded ended
  reconnecting callMoved elsewhere
  ended callRequested connecting
  ended heldElsewhere elsewhere
  error configRequested loading
  error callRequested connecting
  error backOnline ready
  error heldElsewhere elsewhere
  elsewhere heldElsewhere elsewhere
  elsewhere releasedElsewhere ready
  elsewhere moveFailed elsewhere
  elsewhere resumeFound resuming
  ${WIDGET_STATUSES.map((status) => `${status} reset idle\n${status} failed error`).join('\n')}
`;

const expected = new Map<string, WidgetStatus>();
for (const line of EXPECTED.trim().split('\n')) {
  const [status, event, next] = line.trim().split(/\s+/);
  expected.set(`${status} ${event}`, next as WidgetStatus);
}

const ERROR = new WidgetError('network', 'test');

function eventOf(type: WidgetEventType): WidgetEvent {
  switch (type) {
    case 'failed':
    case 'configRefused':
    case 'resumeRefused':
    case 'moveFailed':
      return { type, error: ERROR };
    case 'callAccepted':
      return { type, sessionId: 'sess_1' };
    case 'callEnded':
      return { type, reason: 'remote' };
    default:
      return { type };
  }
}

/** A machine on a plain variable, recording what the page would hear (`kataven-status`) and what was ignored. */
function machineAt(start: WidgetStatus) {
  let status = start;
  const emitted: { status: WidgetStatus; previous: WidgetStatus }[] = [];
  const machine = createMachine({ get: () => status, set: (next) => (status = next) }, (next, previous) =>
    emitted.push({ status: next, previous }),
  );
  return {
    machine,
    emitted,
    get status() {
      return status;
    },
  };
}

/** mulberry32: a small seeded generator, so a failing sequence can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('state machine', () => {
  let ignored: string[];
  const original = machineDiagnostics.onIgnored;
  beforeEach(() => {
    ignored = [];
    machineDiagnostics.onIgnored = (message) => void ignored.push(message);
  });
  afterEach(() => {
    machineDiagnostics.onIgnored = original;
  });

  for (const status of WIDGET_STATUSES) {
    for (const type of WIDGET_EVENTS) {
      const next = expected.get(`${status} ${type}`);
      const title = next ? `${status} --${type}--> ${next}` : `${status} ignores ${type}`;
      it(title, () => {
        const subject = machineAt(status);
        expect(subject.machine.can(type)).to.equal(next !== undefined);
        const taken = subject.machine.send(eventOf(type));
        expect(taken).to.equal(next !== undefined);
        expect(subject.status).to.equal(next ?? status);
        const changed = next !== undefined && next !== status;
        expect(subject.emitted).to.deep.equal(changed ? [{ status: next, previous: status }] : []);
        expect(ignored).to.deep.equal(next ? [] : [`[kataven-widget] ignored event ${type} in status ${status}`]);
      });
    }
  }

  it('the table holds nothing beyond the expected transitions', () => {
    const table = WIDGET_STATUSES.flatMap((status) =>
      Object.entries(TRANSITIONS[status]).map(([event, next]) => `${status} ${event} ${next}`),
    );
    expect(table.sort()).to.deep.equal([...expected].map(([pair, next]) => `${pair} ${next}`).sort());
  });

  it('random event sequences from every status stay in the table and never report a no-op', () => {
    const next = random(20);
    const known = new Set<string>(WIDGET_STATUSES);
    let changes = 0;
    for (let run = 0; run < 400; run += 1) {
      const start = WIDGET_STATUSES[Math.floor(next() * WIDGET_STATUSES.length)] as WidgetStatus;
      const subject = machineAt(start);
      for (let step = 0; step < 40; step += 1) {
        const type = WIDGET_EVENTS[Math.floor(next() * WIDGET_EVENTS.length)] as WidgetEventType;
        const before = subject.status;
        const heard = subject.emitted.length;
        subject.machine.send(eventOf(type));
        const after = subject.status;
        expect(known.has(after), `${before} --${type}--> ${after}`).to.equal(true);
        expect(after).to.equal(expected.get(`${before} ${type}`) ?? before);
        const emitted = subject.emitted.slice(heard);
        expect(emitted).to.deep.equal(after === before ? [] : [{ status: after, previous: before }]);
        changes += emitted.length;
      }
    }
    // The walk really moves (a machine stuck in one status would pass the checks above).
    expect(changes).to.be.greaterThan(2000);
  });
});
