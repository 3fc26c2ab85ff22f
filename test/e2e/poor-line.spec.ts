// A poor line on a real call: the sandbox's poor_line fault drops a share of the media packets each way and adds
// jitter; the real Twilio SDK notices from its own stats (a few seconds of samples) and the visitor sees a quiet hint.
import { expect, injectFault, mediaBothWays, openAvaPage, test, waitForCall } from './fixtures';

/** The Twilio SDK (logLevel 'error') may log what the lossy line does to it. */
const TWILIO_LOG = /^\[TwilioVoice\]/;

test.describe.configure({ timeout: 90_000 });

test('packet loss and jitter mid-call: "Poor connection" shows and clears, the page hears the warnings, the call stays connected', async ({
  sandbox,
  customer,
  widget,
  problems,
}) => {
  problems.allow(TWILIO_LOG);
  await openAvaPage(sandbox, customer, widget);
  await widget.launcher.click();
  await widget.part('call-button').click();
  await widget.expectStatus('connected', 15_000);
  await waitForCall(sandbox, mediaBothWays({ morePacketsThan: 0 }), { message: 'media flowing on the sandbox call' });
  await expect(widget.part('network-quality')).toHaveCount(0);

  await injectFault(sandbox, { kind: 'poor_line', loss: 0.3, jitter_ms: 80 });
  // Twilio raises a warning only after several one-second samples over its threshold.
  const warned = await widget.waitForEvent(
    'kataven-network-quality',
    (d) => (d['warnings'] as string[]).length > 0,
    30_000,
  );
  expect(warned.detail?.['warnings']).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^(high-packet-loss|high-jitter|low-mos|high-rtt|high-packets-lost-fraction)$/),
    ]),
  );
  await expect(widget.part('network-quality')).toHaveText('Poor connection');
  await expect(widget.part('network-quality')).toHaveAttribute('role', 'status');
  await widget.expectStatus('connected');

  // A clean line again: Twilio clears its warnings (warning-cleared) and the hint goes while the call carries on.
  await injectFault(sandbox, { kind: 'poor_line', loss: 0 });
  await widget.waitForEvent('kataven-network-quality', (d) => (d['warnings'] as string[]).length === 0, 45_000);
  await expect(widget.part('network-quality')).toHaveCount(0);
  await widget.expectStatus('connected');

  // A poor line again, then the call ends: the hint goes and the page hears that nothing is in force any more.
  await injectFault(sandbox, { kind: 'poor_line', loss: 0.3, jitter_ms: 80 });
  await expect(widget.part('network-quality')).toHaveText('Poor connection', { timeout: 30_000 });
  const before = (await widget.events('kataven-network-quality')).length;

  await widget.part('end-button').click();
  await widget.expectStatus('ended');
  await expect(widget.part('network-quality')).toHaveCount(0);
  await expect
    .poll(async () => (await widget.events('kataven-network-quality')).slice(before).at(-1)?.detail)
    .toEqual({
      warnings: [],
    });
  expect((await widget.events('kataven-status')).map((event) => event.detail?.['status'])).not.toContain(
    'reconnecting',
  );
});
