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
    // Beside it, the same element without the attribute (and with its key): once that one is ready, the deferred one
    // has had every chance to load.
    const [element, control] = (
      await fixture<HTMLElement>(
        html`<div>
          <kataven-widget defer-hydration></kataven-widget>
          <kataven-widget client-key=${DEMO_KEY} api-base=${API_BASE}></kataven-widget>
        </div>`,
      )
    ).querySelectorAll('kataven-widget') as unknown as [KatavenWidget, KatavenWidget];
    await waitForStatus(control, 'ready');
    expect(element.status).to.equal('idle');
    expect(testbed.server.requests.map((request) => `${request.method} ${request.path}`)).to.deep.equal([
      'GET /widget/config',
    ]);
    expect(errors).to.deep.equal([]);
    expect(warnings).to.deep.equal([]);
    control.remove();
    testbed.server.requests.length = 0;

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
