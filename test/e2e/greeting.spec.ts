// The agent's first words are never clipped: the sandbox's agent starts its greeting only once the caller's
// media path is up, and lists the RTP packets that carried it (GET /sandbox/calls, `greeting_packets`). Its audio runs
// in real time, as a real agent's does: a greeting started at the answer loses what plays before the path is up. The
// page records the sequence number and timestamp of every audio packet its receiver gets (encoded insertable streams,
// piped before the offer is set, so before any packet can arrive: a subclass that only passes every frame through).
// The first greeting packet must be the first audio the caller receives, and none of the greeting's first 300 ms may
// be missing, on a cold click and after a hover.
import type { Page } from '@playwright/test';
import type { CallView } from '../../sandbox/call-book';
import type { Sandbox } from '../../sandbox/server';
import { expect, openAvaPage, test, waitForCall, type WidgetView } from './fixtures';

/** 20 ms packets: the greeting's first 300 ms. */
const FIRST_300_MS = 15;

/** Page script: every inbound audio packet's sequence number and RTP timestamp, in arrival order. */
const RECORD_INBOUND_RTP = () => {
  const received: Array<{ sequenceNumber: number; timestamp: number }> = [];
  (window as unknown as { __inboundRtp: typeof received }).__inboundRtp = received;
  type Encoded = { readable: ReadableStream<RTCEncodedAudioFrame>; writable: WritableStream<RTCEncodedAudioFrame> };
  const encoded = (endpoint: RTCRtpSender | RTCRtpReceiver) =>
    (endpoint as unknown as { createEncodedStreams(): Encoded }).createEncodedStreams();
  const piped = new WeakSet<RTCRtpSender | RTCRtpReceiver>();
  const pipe = (endpoint: RTCRtpSender | RTCRtpReceiver, record: boolean) => {
    if (piped.has(endpoint)) return;
    piped.add(endpoint);
    const { readable, writable } = encoded(endpoint);
    const transform = new TransformStream<RTCEncodedAudioFrame, RTCEncodedAudioFrame>({
      transform(frame, controller) {
        if (record) {
          const meta = frame.getMetadata() as RTCEncodedAudioFrameMetadata & {
            sequenceNumber?: number;
            rtpTimestamp?: number;
          };
          received.push({ sequenceNumber: meta.sequenceNumber ?? -1, timestamp: meta.rtpTimestamp ?? frame.timestamp });
        }
        controller.enqueue(frame);
      },
    });
    void readable.pipeThrough(transform).pipeTo(writable);
  };
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super({ ...config, encodedInsertableStreams: true } as RTCConfiguration);
    }
    override setLocalDescription(description?: RTCLocalSessionDescriptionInit): Promise<void> {
      for (const sender of this.getSenders()) pipe(sender, false); // with insertable streams, every frame is piped
      for (const receiver of this.getReceivers()) pipe(receiver, true);
      return super.setLocalDescription(description);
    }
  };
};

const inboundRtp = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { __inboundRtp: Array<{ sequenceNumber: number; timestamp: number }> }).__inboundRtp,
  );

/** RTP timestamps wrap at 2^32: `a` is later than `b` if it is less than half the range ahead. */
const isAfter = (a: number, b: number) => a !== b && (a - b) >>> 0 < 2 ** 31;

/** Waits until the whole greeting was sent and the page has packets beyond it, then checks it arrived whole. */
async function expectWholeGreeting(page: Page, sandbox: Sandbox): Promise<CallView> {
  const call = await waitForCall(sandbox, (c) => c.state === 'connected' && c.greeting_packets.length >= 75, {
    message: 'the agent played its whole greeting (1.5 s, 75 packets)',
  });
  const greeting = call.greeting_packets;

  const last = greeting[greeting.length - 1]!;
  // Positive signal before judging absences: the page has a packet sent after the greeting's last.
  await expect
    .poll(async () => (await inboundRtp(page)).some((p) => isAfter(p.timestamp, last.timestamp)), {
      message: 'audio sent after the greeting reached the page',
    })
    .toBe(true);
  const received = await inboundRtp(page);
  const receivedNumbers = new Set(received.map((packet) => packet.sequenceNumber));
  const firstWords = greeting.slice(0, FIRST_300_MS).map((packet) => packet.sequence_number);
  expect(
    firstWords.filter((number) => !receivedNumbers.has(number)),
    'greeting packets of the first 300 ms the caller never received',
  ).toEqual([]);
  // From its first packet: the first audio the caller hears is the greeting's start, not its middle or silence.
  expect(received[0], 'the first audio packet the caller received').toEqual({
    sequenceNumber: greeting[0]!.sequence_number,
    timestamp: greeting[0]!.timestamp,
  });
  return call;
}

async function openRecordingPage(sandbox: Sandbox, customer: Parameters<typeof openAvaPage>[1], widget: WidgetView) {
  await widget.page.addInitScript(RECORD_INBOUND_RTP);
  await openAvaPage(sandbox, customer, widget);
}

const start = (page: Page) =>
  page.evaluate(() => void (document.querySelector('kataven-widget') as HTMLElement & { start(): void }).start());

test('a cold click: the caller receives the greeting from its first packet', async ({
  page,
  sandbox,
  customer,
  widget,
}) => {
  await openRecordingPage(sandbox, customer, widget);
  await start(page);
  await widget.expectStatus('connected', 15_000);
  await expectWholeGreeting(page, sandbox);
  await widget.part('end-button').click();
  await widget.expectStatus('ended');
});

test('after a hover: the caller receives the greeting from its first packet', async ({
  page,
  sandbox,
  customer,
  widget,
}) => {
  const listened = new Promise<void>((resolve) =>
    page.on('websocket', (socket) =>
      socket.on('framesent', (frame) => String(frame.payload).includes('"type":"listen"') && resolve()),
    ),
  );
  await openRecordingPage(sandbox, customer, widget);
  await widget.launcher.hover();
  await listened; // the standby socket is open: the click finds the call ready to place
  await start(page);
  await widget.expectStatus('connected', 15_000);
  await expectWholeGreeting(page, sandbox);
  await widget.part('end-button').click();
  await widget.expectStatus('ended');
});
