import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { KatavenWidget } from '../../src/widget/kataven-widget.js';
import { API_BASE, DEMO_KEY } from '../helpers/fake-server.js';
import { useWidgetTestbed, waitForStatus } from '../helpers/widget.js';

// A server-rendered element upgrades before the framework has hydrated it: with `defer-hydration` it waits for its
// properties instead of loading (and complaining) without a key.
describe('defer-hydration', () => {
  const testbed = useWidgetTestbed();

  it('waits while the attribute is present, then loads with the properties set meanwhile', async () => {
    const { errors, warnings } = testbed.captureConsole();
    const element = await fixture<KatavenWidget>(html`<kataven-widget defer-hydration></kataven-widget>`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(element.status).to.equal('idle');
    expect(testbed.server.requests).to.have.length(0);
    expect(errors).to.deep.equal([]);
    expect(warnings).to.deep.equal([]);

    element.clientKey = DEMO_KEY;
    element.apiBase = API_BASE;
    element.removeAttribute('defer-hydration');
    await waitForStatus(element, 'ready');
    expect(testbed.server.requests.map((request) => `${request.method} ${request.path}`)).to.deep.equal([
      'GET /widget/config',
    ]);
    expect(errors).to.deep.equal([]);
    expect(warnings).to.deep.equal([]);
  });
});
