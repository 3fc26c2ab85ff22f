/**
 * Tabs (docs/protocol.md section 9, "Tabs"): one live call per site and key. Widgets in one page stand in for tabs of
 * one site: they share the origin's Web Locks and BroadcastChannels (and, unlike tabs, its sessionStorage: the holder's
 * resume record is there, as in a duplicated tab). Each test has a key of its own, so no test sees another's tabs.
 */
import { expect, waitUntil } from '@open-wc/testing';
import en from '../../src/widget/locales/en.js';
import type { KatavenWidget } from '../../src/widget/kataven-widget.js';
import { fastForward, hasClock, installClock } from '../helpers/clock.js';
import { waitForCall } from '../helpers/fake-device.js';
import { connectBody, sessionBody } from '../helpers/fake-server.js';
import { clickPart, part, useWidgetTestbed, waitForPart, waitForStatus } from '../helpers/widget.js';

let keys = 0;
/** A key no other test uses (its lock and channel are this test's alone). */
const freshKey = () => `pk_live_tabs${Date.now().toString(36)}${(keys += 1)}`;

async function heldLocks(): Promise<string[]> {
  const { held = [] } = await navigator.locks.query();
  return held.map((lock) => lock.name ?? '');
}

async function waitForLauncherLabel(element: KatavenWidget, label: string): Promise<void> {
  await waitUntil(
    () => part(element, 'launcher')?.getAttribute('aria-label') === label,
    `the launcher reads ${part(element, 'launcher')?.getAttribute('aria-label')}, not ${label}`,
  );
}

/** Another tab's live call: its Web Lock, held until the returned function releases it (that tab went away). */
async function holdCallElsewhere(clientKey: string): Promise<() => void> {
  let releaseLock = (): void => undefined;
  await new Promise<void>((held) => {
    void navigator.locks.request(
      `kataven-call:${clientKey}`,
      () => new Promise<void>((release) => ((releaseLock = release), held())),
    );
  });
  return releaseLock;
}

describe('<kataven-widget> tabs: one live call per site and key', () => {
  const testbed = useWidgetTestbed();

  beforeEach(() => {
    testbed.server.on('POST /widget/connect', {
      body: { ...connectBody, resume: { token: 'rs_first', expires_in: 30 } },
    });
    testbed.server.on('POST /widget/connect/resume', {
      body: {
        ...connectBody,
        visitor: sessionBody('guest', 'jwt-moved'),
        resume: { token: 'rs_second', expires_in: 30 },
        transcript: [{ role: 'agent', text: "Hi, I'm Ava." }],
      },
    });
  });

  it('shows the call of another tab, moves it here quietly, and frees the key when it ends', async () => {
    const clientKey = freshKey();
    const first = await testbed.mount({ clientKey });
    // A tab already open (ready) when the other tab's call goes live.
    const open = await testbed.mount({ clientKey });
    await waitForStatus(first, 'ready');
    await waitForStatus(open, 'ready');

    void first.start();
    // The call code loads first (a chunk of its own; slow on a busy machine).
    const call = await waitForCall(testbed.devices, 10_000);
    call.answer();
    await waitForStatus(first, 'connected');
    await waitForStatus(open, 'elsewhere');
    expect(await heldLocks()).to.include(`kataven-call:${clientKey}`);
    call.emit('messageReceived', { content: { role: 'agent', text: 'Said in the first tab.', final: true } });
    await first.open();
    await waitUntil(() => first.shadowRoot?.textContent?.includes('Said in the first tab.'), 'the first caption');

    // A tab opened during the call (its sessionStorage has the holder's record, as a duplicated tab's would).
    const duplicate = await testbed.mount({ clientKey });
    await waitForStatus(duplicate, 'elsewhere');
    await waitForLauncherLabel(duplicate, en.status.elsewhere);
    expect(part(duplicate, 'launcher')?.textContent).to.include(en.status.elsewhere);
    await duplicate.open();
    expect((await waitForPart(duplicate, 'move-here-button')).textContent?.trim()).to.equal(en.moveHere);
    expect(part(duplicate, 'status')?.textContent).to.equal(en.status.elsewhere);
    expect(part(duplicate, 'call-button')).to.equal(null);
    // Its own start() (a page's button) places no second call either.
    await duplicate.start();
    expect(duplicate.status).to.equal('elsewhere');
    expect(testbed.server.requestsTo('POST /widget/connect')).to.have.length(1);
    expect(testbed.server.requestsTo('POST /widget/connect/resume')).to.have.length(0);
    expect(testbed.devices.devices).to.have.length(1);

    // "Move call here": the holder leaves quietly (no hangup) and this tab resumes with the holder's newest token.
    const holderDevice = testbed.devices.last;
    await clickPart(duplicate, 'move-here-button');
    await waitUntil(() => testbed.devices.devices.length === 2 && testbed.devices.last.calls.length > 0, 'no new leg');
    expect(holderDevice.leftQuietly, 'the holder left quietly').to.equal(true);
    expect(call.disconnected, 'the holder hung up').to.equal(false);
    await waitForStatus(first, 'elsewhere');
    expect(testbed.server.requestsTo('POST /widget/connect/resume').map((request) => request.body)).to.deep.equal([
      { resume_token: 'rs_first', page_context: { url: location.href } },
    ]);
    testbed.devices.last.call.answer();
    await waitForStatus(duplicate, 'connected');
    await waitUntil(() => duplicate.shadowRoot?.textContent?.includes("Hi, I'm Ava."), 'the transcript so far');
    expect(testbed.server.requestsTo('POST /widget/connect')).to.have.length(1);
    // The old tab offers to move it back; the tab that was open all along still shows it elsewhere.
    await waitForPart(first, 'move-here-button');
    expect(open.status).to.equal('elsewhere');

    // The call ends in the tab that has it: the lock goes, and the other tabs may call again.
    await duplicate.end();
    await waitForStatus(duplicate, 'ended');
    await waitForStatus(first, 'ready');
    await waitForStatus(open, 'ready');
    // The other tabs' waits for the lock may take it for an instant as it comes free; then nobody holds it.
    await waitUntil(async () => !(await heldLocks()).includes(`kataven-call:${clientKey}`), 'the lock is still held');
    await waitForPart(first, 'call-button');
    // The transcript went with the call: the tab it left shows none of it (it would be stale).
    expect(first.shadowRoot?.textContent).to.not.include('Said in the first tab.');
  });

  it('says so when the tab holding the call does not hand it over, and loses nothing', async () => {
    const clientKey = freshKey();
    // Another tab holds the call and answers a move with no record (it cannot move the call now).
    const releaseLock = await holdCallElsewhere(clientKey);
    const other = new BroadcastChannel(`kataven-call:${clientKey}`);
    other.onmessage = ({ data }: MessageEvent<{ type: string; id: string }>) => {
      if (data.type === 'move') other.postMessage({ kataven: 1, type: 'handover', id: data.id, record: null });
    };
    try {
      const element = await testbed.mount({ clientKey });
      await waitForStatus(element, 'elsewhere');
      await element.open();
      await clickPart(element, 'move-here-button');
      await waitForPart(element, 'error');
      expect(part(element, 'error')?.textContent).to.equal(en.errors.call_failed);
      // Still in another tab, with the button to try again, and nothing was asked of the server.
      expect(element.status).to.equal('elsewhere');
      await waitForPart(element, 'move-here-button');
      expect(testbed.server.requestsTo('POST /widget/connect/resume')).to.have.length(0);
      expect(testbed.devices.devices).to.have.length(0);
    } finally {
      other.close();
      releaseLock();
    }
  });

  it("takes its own tab's call over while another tab only waits for the lock (shared, not holding the call)", async () => {
    const clientKey = freshKey();
    // This tab's earlier page left its call (the record), and another tab in `elsewhere` waits on the lock.
    const record = { session_id: 'sess_1', agent_id: 'agent_ava', resume_token: 'rs_first', panel_open: true };
    sessionStorage.setItem(
      `kataven:resume:${clientKey}`,
      JSON.stringify({ ...record, muted: false, expires_at: Date.now() + 30_000 }),
    );
    let releaseWait = (): void => undefined;
    await new Promise<void>((held) => {
      void navigator.locks.request(
        `kataven-call:${clientKey}`,
        { mode: 'shared' },
        () => new Promise<void>((release) => ((releaseWait = release), held())),
      );
    });
    try {
      const element = await testbed.mount({ clientKey });
      (await waitForCall(testbed.devices, 10_000)).answer();
      await waitForStatus(element, 'connected');
      expect(testbed.server.requestsTo('POST /widget/connect/resume')).to.have.length(1);
    } finally {
      releaseWait();
      sessionStorage.removeItem(`kataven:resume:${clientKey}`);
    }
  });

  it('without Web Locks behaves as one tab did before: no tab features, nothing thrown', async () => {
    const clientKey = freshKey();
    const releaseLock = await holdCallElsewhere(clientKey);
    Object.defineProperty(navigator, 'locks', { value: undefined, configurable: true });
    try {
      const element = await testbed.mount({ clientKey });
      await waitForStatus(element, 'ready');
      void element.start();
      (await waitForCall(testbed.devices, 10_000)).answer();
      await waitForStatus(element, 'connected');
      expect(element.status).to.equal('connected');
    } finally {
      delete (navigator as { locks?: unknown }).locks; // the prototype's getter again
      releaseLock();
    }
  });

  // Last in this file: the clock stays installed for the rest of the page.
  it('is ready again when the tab with the call went away without a word, once no page of it took the call back', async function () {
    if (!hasClock) this.skip(); // Playwright's clock (Chromium); the logic does not differ by browser
    await installClock();
    const clientKey = freshKey();
    const releaseLock = await holdCallElsewhere(clientKey);
    const element = await testbed.mount({ clientKey });
    await waitForStatus(element, 'elsewhere');
    // The tab closed: its lock is free and no `over` came. Its next page would have 3 s to take the call again.
    releaseLock();
    // Moved on a second at a time until the check after that grace has run (its lock request is granted first).
    for (let second = 0; second < 10 && element.status !== 'ready'; second += 1) await fastForward(1000);
    await waitForStatus(element, 'ready');
    expect(testbed.devices.devices).to.have.length(0);
  });
});
