/**
 * Intent that arrives before the config (DESIGN.md section 1): a page's own "Talk to us" button calls `start()` or
 * `open()` right after creating the element, while `/widget/config` is still on its way. It must not be lost.
 */
import { expect, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import { fakeDevices } from '../helpers/fake-device.js';
import { API_BASE, DEMO_KEY, FakeServer, configBody } from '../helpers/fake-server.js';
import { guardPage } from '../helpers/guards.js';
import { part, recordEvents, waitForPart, waitForStatus } from '../helpers/widget.js';

type Widget = HTMLElementTagNameMap['kataven-widget'];

/** Creates and mounts a widget the way a single-page app does: properties first, then into the DOM, no awaiting. */
function createWidget(devices: ReturnType<typeof fakeDevices>): Widget {
  const element = document.createElement('kataven-widget');
  element.clientKey = DEMO_KEY;
  element.agentId = 'agent_ava';
  element.apiBase = API_BASE;
  element.locale = 'en';
  element.deviceFactory = devices.factory;
  document.body.append(element);
  return element;
}

describe('intent before the config has loaded', () => {
  const guard = guardPage();
  let server: FakeServer;
  let devices: ReturnType<typeof fakeDevices>;
  let element: Widget | undefined;

  beforeEach(() => {
    server = new FakeServer().install();
    // A slow config: every method below is called long before it arrives.
    server.on('GET /widget/config', { body: configBody(), delayMs: 300 });
    devices = fakeDevices();
    guard.start();
  });
  afterEach(async () => {
    element?.remove();
    element = undefined;
    server.restore();
    await guard.stop();
  });

  it('start() called at once places the call when the config arrives', async () => {
    element = createWidget(devices);
    const events = recordEvents(element);
    const started = element.start();
    expect(element.status).to.be.oneOf(['idle', 'loading']);
    await waitUntil(() => devices.devices.at(-1)?.calls.length, 'start() was lost: no call placed', {
      timeout: 3000,
    });
    devices.last.call.answer();
    await started;
    expect(element.status).to.equal('connected');
    expect(events.of('call-start')).to.deep.equal([{ agentId: 'agent_ava' }]);
    expect(server.requestsTo('POST /widget/connect')).to.have.length(1);
    await waitForPart(element, 'end-button');
    // Exactly one config request: waiting for the load must not start a second one.
    expect(server.requestsTo('GET /widget/config')).to.have.length(1);
  });

  it('open() called at once opens the panel and starts the visitor session once ready', async () => {
    element = createWidget(devices);
    const opened = element.open();
    await opened;
    await waitForStatus(element, 'ready');
    await waitForPart(element, 'call-button');
    expect(part(element, 'panel')).to.not.equal(null);
    await waitUntil(() => server.requestsTo('POST /widget/auth/guest').length === 1, 'no visitor session on open', {
      timeout: 3000,
    });
    expect(server.requestsTo('GET /widget/config')).to.have.length(1);
  });

  it('start() on an element removed before its config arrived settles without a call', async () => {
    element = createWidget(devices);
    const started = element.start();
    element.remove();
    await started;
    expect(devices.devices).to.have.length(0);
    expect(server.requestsTo('POST /widget/connect')).to.have.length(0);
  });
});
