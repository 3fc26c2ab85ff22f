/**
 * The panel's contract (docs/architecture.md): `<kataven-call-panel>` inside the widget's shadow root takes the
 * widget's state as properties and hands intent back as events that never reach the page; rendering starts nothing.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { type KatavenCallPanel, PanelIntentEvent } from '../../src/widget/call-panel.js';
import { clickPart, useWidgetTestbed, waitForPart, waitForStatus } from '../helpers/widget.js';

describe('<kataven-call-panel>', () => {
  const testbed = useWidgetTestbed();

  it('gets the widget state as properties and sends intent as events that stay inside the widget', async function () {
    this.timeout(20_000); // the call chunk loads on the click: slow on a loaded machine
    const element = await testbed.mount();
    await waitForStatus(element, 'ready');
    await element.open();
    await waitForPart(element, 'call-button');
    const panel = element.shadowRoot?.querySelector<KatavenCallPanel>('kataven-call-panel');
    expect(panel, 'no <kataven-call-panel> in the shadow root').to.not.equal(null);
    expect(panel?.status).to.equal('ready');
    expect(panel?.heading).to.equal('Ava');
    expect(panel?.floating).to.equal(true);

    const intents: unknown[] = [];
    panel?.addEventListener('kataven-panel-intent', (event) => {
      if (event instanceof PanelIntentEvent) intents.push(event.detail);
    });
    const escaped: string[] = [];
    const onPage = (event: Event) => escaped.push(event.type);
    for (const type of ['kataven-panel-intent', 'kataven-panel-text']) document.addEventListener(type, onPage, true);
    try {
      await clickPart(element, 'call-button');
      await waitUntil(() => testbed.devices.devices.at(-1)?.calls.length, 'the call intent placed no call', {
        timeout: 15_000,
      });
      expect(intents).to.deep.include({ action: 'call' });
      testbed.devices.last.call.answer();
      await waitForStatus(element, 'connected');
      expect(panel?.status, 'the same panel follows the status').to.equal('connected');
      await clickPart(element, 'end-button');
      await waitForStatus(element, 'ended');
      expect(intents).to.deep.include({ action: 'end' });
    } finally {
      for (const type of ['kataven-panel-intent', 'kataven-panel-text']) {
        document.removeEventListener(type, onPage, true);
      }
    }
    expect(escaped, 'panel events reached the page').to.deep.equal([]);
  });

  it('loads the config after the first render, never while rendering', async () => {
    const element = testbed.create();
    const seen: { status: string; hasUpdated: boolean }[] = [];
    element.addEventListener('kataven-status', (event) => {
      seen.push({ status: event.detail.status, hasUpdated: element.hasUpdated });
    });
    await waitForStatus(element, 'ready');
    expect(seen).to.deep.equal([
      { status: 'loading', hasUpdated: true },
      { status: 'ready', hasUpdated: true },
    ]);
  });
});
