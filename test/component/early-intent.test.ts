/**
 * Intent that arrives before the config: a page's own "Talk to us" button calls `start()` or
 * `open()` right after creating the element, while `/widget/config` is still on its way. It must not be lost.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { configBody } from '../helpers/fake-server.js';
import { part, recordEvents, useWidgetTestbed, waitForPart, waitForStatus } from '../helpers/widget.js';

describe('intent before the config has loaded', () => {
  const testbed = useWidgetTestbed();

  beforeEach(() => {
    // A slow config: every method below is called long before it arrives.
    testbed.server.on('GET /widget/config', { body: configBody(), delayMs: 300 });
  });

  it('start() called at once places the call when the config arrives', async () => {
    const element = testbed.create();
    const events = recordEvents(element);
    const started = element.start();
    expect(element.status).to.be.oneOf(['idle', 'loading']);
    await waitUntil(() => testbed.devices.devices.at(-1)?.calls.length, 'start() was lost: no call placed', {
      timeout: 3000,
    });
    testbed.devices.last.call.answer();
    await started;
    expect(element.status).to.equal('connected');
    expect(events.of('call-start')).to.deep.equal([{ agentId: 'agent_ava' }]);
    expect(testbed.server.requestsTo('POST /widget/connect')).to.have.length(1);
    await waitForPart(element, 'end-button');
    // Exactly one config request: waiting for the load must not start a second one.
    expect(testbed.server.requestsTo('GET /widget/config')).to.have.length(1);
  });

  it('open() called at once opens the panel and starts the visitor session once ready', async () => {
    const element = testbed.create();
    const opened = element.open();
    await opened;
    await waitForStatus(element, 'ready');
    await waitForPart(element, 'call-button');
    expect(part(element, 'panel')).to.not.equal(null);
    await waitUntil(
      () => testbed.server.requestsTo('POST /widget/auth/guest').length === 1,
      'no visitor session on open',
      {
        timeout: 3000,
      },
    );
    expect(testbed.server.requestsTo('GET /widget/config')).to.have.length(1);
  });

  it('start() on an element removed before its config arrived settles without a call', async () => {
    const element = testbed.create();
    const started = element.start();
    element.remove();
    await started;
    expect(testbed.devices.devices).to.have.length(0);
    expect(testbed.server.requestsTo('POST /widget/connect')).to.have.length(0);
  });
});
