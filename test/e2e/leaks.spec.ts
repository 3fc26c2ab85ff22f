// Thirty real calls in one page, then the element is removed (a route change): everything the widget and Twilio's SDK
// made must be released (README: "Removing the element … releases the microphone, the Twilio Device and every
// timer"). An init script counts, from before the widget loads: pending timeouts and intervals (with where each was
// set, for the report), listeners on the page's long-lived targets, RTCPeerConnections not closed, and media tracks
// still live. The first call also loses its signaling once and reconnects, which makes Twilio set its timers again.
import { DEMO_KEY, e2eSeed, expect, injectFault, test } from './fixtures';

const CALLS = 30;

test.use({
  // Thirty calls in well under a minute: lift the per-minute cap so the sandbox does not refuse them.
  seed: e2eSeed((account) => {
    account.call_limits = { ...account.call_limits, calls_per_minute: 1000, daily_calls_max: 1000 };
    for (const agent of account.agents) agent.behaviour = { greeting: false, echo: false, captions: false };
  }),
});

interface Resources {
  timers: string[];
  listeners: string[];
  peerConnections: number;
  /** Tracks still live, each with where it was obtained. */
  liveTracks: string[];
  /** Elements in the document (audio elements an SDK might append, say). */
  domNodes: number;
}

/** Installed before any page script: wraps the APIs that create what must be released. */
function instrument(): void {
  const pendingTimers = new Map<number, string>();
  const where = (kind: string, delay: unknown) => {
    const stack = (new Error().stack ?? '').split('\n').slice(3, 6).join(' | ');
    return `${kind}(${typeof delay === 'number' ? delay : 0}ms) ${stack.replace(/\s+/g, ' ')}`;
  };
  const realSetTimeout = window.setTimeout.bind(window);
  const realSetInterval = window.setInterval.bind(window);
  const realClearTimeout = window.clearTimeout.bind(window);
  const realClearInterval = window.clearInterval.bind(window);
  window.setTimeout = ((handler: TimerHandler, delay?: number, ...args: unknown[]) => {
    const id = realSetTimeout(
      (...callArgs: unknown[]) => {
        pendingTimers.delete(id);
        if (typeof handler === 'function') (handler as (...a: unknown[]) => void)(...callArgs);
      },
      delay,
      ...args,
    );
    pendingTimers.set(id, where('setTimeout', delay));
    return id;
  }) as typeof window.setTimeout;
  window.setInterval = ((handler: TimerHandler, delay?: number, ...args: unknown[]) => {
    const id = realSetInterval(handler, delay, ...args);
    pendingTimers.set(id, where('setInterval', delay));
    return id;
  }) as typeof window.setInterval;
  // Timeouts and intervals share one id pool, and the SDK clears some timeouts with clearInterval.
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined) pendingTimers.delete(id);
    realClearTimeout(id);
  }) as typeof window.clearTimeout;
  window.clearInterval = ((id?: number) => {
    if (id !== undefined) pendingTimers.delete(id);
    realClearInterval(id);
  }) as typeof window.clearInterval;

  // Listeners on targets that outlive the element. (Listeners on the element, its shadow tree, a peer connection or a
  // track die with them; `once` listeners on these targets are not counted.)
  const listeners = new Map<EventTarget, Map<unknown, Set<string>>>();
  const longLived = () => [window, document, navigator.mediaDevices].filter(Boolean) as EventTarget[];
  const key = (type: string, options?: boolean | AddEventListenerOptions) =>
    `${type}:${typeof options === 'boolean' ? options : Boolean(options?.capture)}`;
  const realAdd = EventTarget.prototype.addEventListener;
  const realRemove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    const once = typeof options === 'object' && options?.once;
    if (listener && !once && longLived().includes(this)) {
      const byListener = listeners.get(this) ?? new Map<unknown, Set<string>>();
      listeners.set(this, byListener);
      const keys = byListener.get(listener) ?? new Set<string>();
      byListener.set(listener, keys);
      keys.add(key(type, options));
    }
    return realAdd.call(this, type, listener, options);
  };
  EventTarget.prototype.removeEventListener = function (type, listener, options) {
    listeners.get(this)?.get(listener)?.delete(key(type, options));
    return realRemove.call(this, type, listener, options);
  };

  const peerConnections: RTCPeerConnection[] = [];
  const RealPeerConnection = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends RealPeerConnection {
    constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
      super(...args);
      peerConnections.push(this);
    }
  };

  const tracks = new Map<MediaStreamTrack, string>();
  const realGetUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = (constraints) => {
    const origin = where('getUserMedia', 0);
    return realGetUserMedia(constraints).then((stream) => {
      for (const track of stream.getTracks()) tracks.set(track, origin);
      return stream;
    });
  };
  const realClone = MediaStreamTrack.prototype.clone;
  MediaStreamTrack.prototype.clone = function () {
    const copy = realClone.call(this);
    tracks.set(copy, where('clone', 0));
    return copy;
  };

  (window as unknown as { __resources: () => Resources }).__resources = () => ({
    timers: [...pendingTimers.values()].sort(),
    listeners: [...listeners.entries()].flatMap(([target, byListener]) =>
      [...byListener.values()].flatMap((keys) =>
        [...keys].map(
          (k) => `${target === window ? 'window' : target === document ? 'document' : 'mediaDevices'} ${k}`,
        ),
      ),
    ),
    peerConnections: peerConnections.filter((pc) => pc.signalingState !== 'closed').length,
    liveTracks: [...tracks].filter(([track]) => track.readyState === 'live').map(([, origin]) => origin),
    domNodes: document.getElementsByTagName('*').length,
  });
}

test(`${CALLS} real calls in one page, then removal: timers, listeners, peer connections and tracks back to baseline`, async ({
  page,
  sandbox,
  customer,
  widget,
  problems,
}) => {
  test.setTimeout(90_000);
  // Twilio logs the dropped signaling socket as an error.
  problems.allow(/^\[TwilioVoice\]/);
  await page.addInitScript(instrument);
  await page.goto(
    customer.page(`<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Acme Inc.</title></head>
  <body><h1>Acme Inc.</h1><script src="${sandbox.url}/v1.js"></script></body>
</html>`),
  );
  const resources = () => page.evaluate(() => (window as unknown as { __resources: () => Resources }).__resources());
  // The baseline: the page with the loader, before any widget exists.
  const baseline = await resources();

  await page.evaluate(
    (init) => {
      const kataven = (window as unknown as { Kataven: { init(o: object): HTMLElement } }).Kataven;
      kataven.init(init).id = 'leaky';
    },
    { publicKey: DEMO_KEY, agentId: 'agent_ava', apiBase: sandbox.apiBase },
  );
  await widget.expectStatus('ready');
  type Widget = HTMLElement & { status: string; start(): Promise<void>; end(): Promise<void> };
  // The first call is looked at while live, so the probes are seen to count what they claim to.
  await page.evaluate(() => (document.getElementById('leaky') as Widget).start());
  await widget.expectStatus('connected');
  // Polled: `connected` can come a moment before the SDK's microphone track is counted on a loaded machine.
  await expect
    .poll(async () => {
      const live = await resources();
      return {
        peerConnections: live.peerConnections > baseline.peerConnections,
        liveTracks: live.liveTracks.length > baseline.liveTracks.length,
        timers: live.timers.length > baseline.timers.length,
        listeners: live.listeners.length > baseline.listeners.length,
      };
    })
    .toEqual({ peerConnections: true, liveTracks: true, timers: true, listeners: true });
  expect((await injectFault(sandbox, { kind: 'drop_signaling' }))['sockets_dropped']).toBe(1);
  await widget.waitForEvent('kataven-status', (d) => d['status'] === 'connected' && d['previous'] === 'reconnecting');
  await page.evaluate(() => (document.getElementById('leaky') as Widget).end());

  // Intent before the next call: a standby Device with its signaling socket, which that call then uses.
  const sockets: string[] = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));
  const prepareStandby = async () => {
    const before = sockets.length;
    await page.evaluate(() => (document.getElementById('leaky') as Widget & { open(): Promise<void> }).open());
    await expect.poll(() => sockets.length, { message: 'the standby signaling socket' }).toBe(before + 1);
  };
  await prepareStandby();

  const connectedCalls = await page.evaluate(async (calls) => {
    const element = document.getElementById('leaky') as Widget;
    let connected = 0;
    for (let i = 0; i < calls; i += 1) {
      await element.start();
      if (element.status === 'connected') connected += 1;
      await element.end();
    }
    return connected;
  }, CALLS - 1);
  expect(connectedCalls).toBe(CALLS - 1);
  expect(sandbox.calls().length).toBe(CALLS);
  // Each call after the hand-over opened its own socket; the first of them took the standby one.
  expect(sockets.length).toBe(CALLS - 1);

  // Removed while a standby Device waits for a click: it goes too.
  await prepareStandby();

  await page.evaluate(() => document.getElementById('leaky')?.remove());
  // Twilio tears some things down a tick later (a 0 ms cleanup timer, the last volume sample, stopping a track after
  // a promise), and each Call sets a 5 s timer nothing can clear (call.js METRICS_DELAY): the last one may still run
  // for up to 5 s. Everything must be back to the baseline after that.
  await expect
    .poll(resources, { timeout: 8_000, message: 'timers, listeners, peer connections, tracks and elements' })
    .toEqual(baseline);
});
