/** A poor line (README, "Events"): Twilio's call-quality warnings show a quiet hint and reach the page. */
import { expect, waitUntil } from '@open-wc/testing';
import { waitForCall } from '../helpers/fake-device.js';
import { clickPart, part, recordEvents, useWidgetTestbed, waitForPart, waitForStatus } from '../helpers/widget.js';

describe('<kataven-widget> network quality', () => {
  const testbed = useWidgetTestbed();

  it('shows "Poor connection" while a warning is in force and fires kataven-network-quality with the names', async () => {
    const element = await testbed.mount();
    const recorder = recordEvents(element);
    await waitForStatus(element, 'ready');
    await element.open();
    await clickPart(element, 'call-button');
    const call = await waitForCall(testbed.devices);
    call.answer();
    await waitForStatus(element, 'connected');
    expect(part(element, 'network-quality')).to.equal(null);

    call.emit('warning', 'high-packet-loss', { name: 'packetsLostFraction' });
    const hint = await waitForPart(element, 'network-quality');
    expect(hint.textContent?.trim()).to.equal('Poor connection');
    expect(hint.getAttribute('role')).to.equal('status');
    call.emit('warning', 'high-jitter', { name: 'jitter' });
    call.emit('warning-cleared', 'high-packet-loss');
    await element.updateComplete;
    expect(part(element, 'network-quality')).to.not.equal(null, 'one warning is still in force');
    call.emit('warning-cleared', 'high-jitter');
    await waitUntil(() => !part(element, 'network-quality'), 'the hint stayed after every warning cleared');
    expect(recorder.of('network-quality')).to.deep.equal([
      { warnings: ['high-packet-loss'] },
      { warnings: ['high-packet-loss', 'high-jitter'] },
      { warnings: ['high-jitter'] },
      { warnings: [] },
    ]);
    // A warning never changes the status.
    expect(recorder.of('status').map((detail) => (detail as { status: string }).status)).to.not.include('reconnecting');

    call.emit('warning', 'low-mos', { name: 'mos' });
    await waitForPart(element, 'network-quality');
    await clickPart(element, 'end-button');
    await waitForStatus(element, 'ended');
    expect(part(element, 'network-quality')).to.equal(null);
    expect(recorder.of('network-quality').slice(4)).to.deep.equal([{ warnings: ['low-mos'] }, { warnings: [] }]);
  });

  it('says it in the page language', async () => {
    const element = await testbed.mount({ locale: 'de' });
    await waitForStatus(element, 'ready');
    await element.open();
    await clickPart(element, 'call-button');
    const call = await waitForCall(testbed.devices);
    call.answer();
    await waitForStatus(element, 'connected');
    call.emit('warning', 'high-rtt', { name: 'rtt' });
    expect((await waitForPart(element, 'network-quality')).textContent?.trim()).to.equal('Schwache Verbindung');
  });
});
