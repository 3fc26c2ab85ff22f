/** What the first call's click has left to do: intent (hover, focus) warms the session, never a call. */
import { expect, waitUntil } from '@open-wc/testing';
import { settle } from '../helpers/expect.js';
import { useWidgetTestbed, waitForPart, waitForStatus } from '../helpers/widget.js';

describe('first call', () => {
  const testbed = useWidgetTestbed();

  type Widget = Awaited<ReturnType<typeof testbed.mount>>;
  const shown = (intent: 'pointerenter' | 'focus') => async (element: Widget) => {
    const launcher = await waitForPart(element, 'launcher');
    launcher.dispatchEvent(new Event(intent));
    launcher.dispatchEvent(new Event(intent));
  };
  // The launcher's hover and focus, and prepare() for the page's own call button: each warms the same way.
  const intents: Record<string, (element: Widget) => Promise<void>> = {
    'pointerenter on the launcher': shown('pointerenter'),
    'focus on the launcher': shown('focus'),
    "prepare(), for the page's own call button,": (element) => element.prepare(),
  };

  for (const [name, showIntent] of Object.entries(intents)) {
    it(`${name} starts the visitor session once, and no call`, async () => {
      const element = await testbed.mount();
      await waitForStatus(element, 'ready');
      expect(testbed.server.requestsTo('POST /widget/auth/guest')).to.have.length(0);
      await showIntent(element);
      await waitUntil(() => testbed.server.requestsTo('POST /widget/auth/guest').length === 1, 'no session on intent');
      // The widget has read the session's answer, and whatever it started on it has run: still no call.
      await waitUntil(() => testbed.server.requestsTo('POST /widget/auth/guest')[0]?.answerRead, 'answer never read');
      await settle();
      expect(testbed.server.requestsTo('POST /widget/auth/guest')).to.have.length(1);
      expect(testbed.server.requestsTo('POST /widget/connect')).to.have.length(0);
      expect(testbed.devices.devices).to.have.length(0);
      // The click then needs only /widget/connect: the session is reused.
      void element.start();
      await waitUntil(() => testbed.devices.devices.length === 1, 'no call after the click', { timeout: 5000 });
      expect(testbed.server.requestsTo('POST /widget/auth/guest')).to.have.length(1);
      expect(testbed.server.requestsTo('POST /widget/connect')).to.have.length(1);
    });
  }

  it('a cold click sends the guest request at once, alongside the call code download, and uses it', async () => {
    const element = await testbed.mount();
    await waitForStatus(element, 'ready');
    const started = element.start();
    // Synchronously: before any chunk could have loaded, the request is already on the wire.
    expect(testbed.server.requestsTo('POST /widget/auth/guest')).to.have.length(1);
    await waitUntil(() => testbed.devices.devices.length === 1, 'no call after the click', { timeout: 5000 });
    testbed.devices.last.call.answer();
    await started;
    expect(element.status).to.equal('connected');
    expect(testbed.server.requestsTo('POST /widget/auth/guest')).to.have.length(1);
    expect(testbed.server.requestsTo('POST /widget/connect')[0]?.headers.get('Authorization')).to.equal(
      'Bearer jwt-guest-1',
    );
  });

  it('signed-in visitors never get an early guest session', async () => {
    const element = await testbed.mount({ userToken: 'ut_1' });
    await waitForStatus(element, 'ready');
    void element.start();
    await waitUntil(() => testbed.devices.devices.length === 1, 'no call after the click', { timeout: 5000 });
    expect(testbed.server.requestsTo('POST /widget/auth/guest')).to.have.length(0);
    expect(testbed.server.requestsTo('POST /widget/auth/exchange')).to.have.length(1);
  });
});

describe('the next call', () => {
  const testbed = useWidgetTestbed({ buildsAhead: true });
  const opened = () => testbed.devices.devices.reduce((sum, device) => sum + device.signalingOpened, 0);

  for (const intent of ['pointerenter', 'focus'] as const) {
    it(`${intent} on the call button after a call has ended opens its signaling ahead, and places no call`, async () => {
      const element = await testbed.mount();
      await waitForStatus(element, 'ready');
      await element.open();
      const first = element.start();
      await waitUntil(() => testbed.devices.devices.at(-1)?.calls.length, 'no first call', { timeout: 5000 });
      testbed.devices.last.call.answer();
      await first;
      await element.end();
      await waitForStatus(element, 'ended');
      const openedBefore = opened();
      const callsBefore = testbed.devices.devices.flatMap((device) => device.calls).length;

      (await waitForPart(element, 'call-button')).dispatchEvent(new Event(intent));
      await waitUntil(() => opened() > openedBefore, 'no signaling opened on intent', { timeout: 5000 });
      expect(testbed.devices.devices.flatMap((device) => device.calls)).to.have.length(callsBefore);
      expect(testbed.server.requestsTo('POST /widget/connect')).to.have.length(1);

      // The click then places the call on that Device, with the call's own grant.
      const warmed = testbed.devices.devices.find((device) => device.signalingOpened > 0 && !device.destroyed);
      void element.start();
      await waitUntil(() => testbed.server.requestsTo('POST /widget/connect').length === 2, 'no second connect');
      await waitUntil(() => warmed?.calls.length, 'the second call did not use the Device opened ahead');
    });
  }
});
