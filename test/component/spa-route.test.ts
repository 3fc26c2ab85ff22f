/**
 * A single-page app's route change (README, Continuity): the element with a live call is removed and the next route's
 * `<kataven-widget>` added. One for the same key and agent takes the call over as it is, with no request and no new
 * media; otherwise the call hangs up once the 2 s wait is over, and at once with continuity off.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { KatavenWidget } from '../../src/widget/kataven-widget.js';
import { fastForward, hasClock, installClock } from '../helpers/clock.js';
import { type FakeDevices, waitForCall } from '../helpers/fake-device.js';
import { API_BASE, DEMO_KEY, configBody } from '../helpers/fake-server.js';
import { clickPart, part, recordEvents, useWidgetTestbed, waitForStatus } from '../helpers/widget.js';

async function connect(element: KatavenWidget, devices: FakeDevices): Promise<void> {
  await waitForStatus(element, 'ready');
  await element.open();
  await clickPart(element, 'call-button');
  (await waitForCall(devices)).answer();
  await waitForStatus(element, 'connected');
}

describe('<kataven-widget> across a route change', () => {
  const testbed = useWidgetTestbed();
  const mounted: KatavenWidget[] = [];
  afterEach(() => {
    for (const element of mounted.splice(0)) element.remove();
  });

  /**
   * Mounts the next route's element the way `@kataven/widget/react` does: into the DOM with `defer-hydration` and no
   * properties, then the properties, then the attribute removed (all in one task, as React commits).
   */
  function mountLikeReact(agentId = 'agent_ava'): KatavenWidget {
    const element = document.createElement('kataven-widget');
    element.setAttribute('defer-hydration', '');
    document.body.append(element);
    mounted.push(element);
    Object.assign(element, {
      clientKey: DEMO_KEY,
      agentId,
      apiBase: API_BASE,
      locale: 'en',
      deviceFactory: testbed.devices.factory,
    });
    element.removeAttribute('defer-hydration');
    return element;
  }

  it('the next route takes the live call over: the same call and panel, no request, no new media', async () => {
    const first = testbed.create();
    await connect(first, testbed.devices);
    const call = testbed.devices.last.call;
    call.emit('messageReceived', { content: { role: 'agent', text: 'Hi, I am Ava', final: true } });
    await first.setMuted(true);
    const requests = testbed.server.requests.length;
    const left = recordEvents(first);

    first.remove();
    const next = mountLikeReact();
    const heard = recordEvents(next);
    await waitForStatus(next, 'connected');

    // The call as it was: the panel open, muted, the conversation so far, the same Device and call.
    expect(part(next, 'panel')).to.not.equal(null);
    expect(part(next, 'mute-button')?.getAttribute('aria-pressed')).to.equal('true');
    expect(part(next, 'transcript')?.textContent).to.contain('Hi, I am Ava');
    expect(heard.of('status')).to.deep.equal([{ status: 'connected', previous: 'idle' }]);
    expect(testbed.devices.devices).to.have.length(1);
    expect(testbed.devices.last.calls).to.have.length(1);
    expect(call.disconnected).to.equal(false);
    // Nothing went over the wire: no config, no visitor session, no /widget/connect.
    expect(testbed.server.requests.slice(requests).map((request) => request.path)).to.deep.equal([]);

    // The call goes on in the new element; the one it left hears nothing more.
    call.emit('messageReceived', { content: { role: 'agent', text: 'Still here', final: true } });
    await next.updateComplete;
    expect(part(next, 'transcript')?.textContent).to.contain('Still here');
    await clickPart(next, 'end-button');
    await waitForStatus(next, 'ended');
    expect(call.disconnected).to.equal(true);
    expect(heard.of('message')).to.deep.equal([{ role: 'agent', text: 'Still here', final: true }]);
    expect(heard.of('call-end')).to.have.length(1);
    expect(left.events).to.deep.equal([]);
  });

  it('an element moved within the page keeps its call', async () => {
    const element = testbed.create();
    await connect(element, testbed.devices);
    const requests = testbed.server.requests.length;
    document.body.prepend(element);
    await waitForStatus(element, 'connected');
    await element.updateComplete;
    expect(part(element, 'end-button')).to.not.equal(null);
    expect(testbed.devices.last.call.disconnected).to.equal(false);
    expect(testbed.server.requests.length).to.equal(requests);
  });

  it('another agent does not take the call: it hangs up once the 2 s wait is over', async function () {
    if (!hasClock) this.skip(); // no clock in the Firefox run (helpers/clock.ts)
    await installClock();
    const first = testbed.create();
    await connect(first, testbed.devices);
    const { call } = testbed.devices.last;

    first.remove();
    const other = mountLikeReact('agent_bob');
    const heard = recordEvents(other);
    // The key's one live call is held (call-tabs.ts): the other agent's widget shows it as elsewhere, not as its own.
    await waitForStatus(other, 'elsewhere');
    // Waiting for its element (the other agent's is not one): the call is still up.
    expect(call.disconnected).to.equal(false);
    await fastForward(2_000);
    await waitUntil(() => call.disconnected, 'the parked call was never hung up');
    expect(testbed.devices.last.destroyed).to.equal(true);
    // The key is free again once the grace for a returning page has passed.
    await fastForward(3_000);
    await waitForStatus(other, 'ready');
    // Nothing of the call itself reached the other element.
    const statuses = (heard.of('status') as { status: string }[]).map((detail) => detail.status);
    expect(statuses).to.deep.equal(['loading', 'ready', 'elsewhere', 'ready']);
    expect(heard.of('call-end')).to.deep.equal([]);

    // Too late: an element for the same agent now starts afresh.
    const late = mountLikeReact();
    await waitForStatus(late, 'ready');
    expect(testbed.devices.last.calls).to.have.length(1);
  });

  for (const setting of ['continuity="off"', 'the policy without continuity'] as const) {
    it(`${setting}: removing the element hangs up at once`, async () => {
      if (setting !== 'continuity="off"') {
        testbed.server.on('GET /widget/config', { body: configBody({ policy: { continuity_enabled: false } }) });
      }
      const element = testbed.create();
      if (setting === 'continuity="off"') element.continuity = 'off';
      await connect(element, testbed.devices);
      const { call } = testbed.devices.last;
      element.remove();
      expect(call.disconnected).to.equal(true);
      // The next element starts afresh.
      const next = mountLikeReact();
      await waitForStatus(next, 'ready');
    });
  }
});
