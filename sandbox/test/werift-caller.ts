// A werift peer standing in for the browser in sandbox tests, so calls carry real media without Chromium.
import { RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket } from 'werift';
import { decodeUlaw, encodeUlaw } from '../agent/g711';

/** A werift caller standing in for the browser: PCMU offer, then a 440 Hz tone. */
export async function createCaller() {
  const pc = new RTCPeerConnection({
    codecs: {
      audio: [new RTCRtpCodecParameters({ mimeType: 'audio/PCMU', clockRate: 8000, channels: 1, payloadType: 0 })],
    },
    iceAdditionalHostAddresses: ['127.0.0.1'],
  });
  const transceiver = pc.addTransceiver('audio', { direction: 'sendrecv' });
  let received = 0;
  let loudest = 0;
  transceiver.onTrack.subscribe((track) =>
    track.onReceiveRtp.subscribe((rtp) => {
      received++;
      for (const sample of decodeUlaw(rtp.payload)) loudest = Math.max(loudest, Math.abs(sample));
    }),
  );
  await pc.setLocalDescription(await pc.createOffer());
  let sequenceNumber = 0;
  let timestamp = 0;
  let phase = 0;
  const tone = setInterval(() => {
    if (pc.connectionState !== 'connected') return;
    const frame = new Int16Array(160).map(() => Math.round(8000 * Math.sin((phase += (2 * Math.PI * 440) / 8000))));
    sequenceNumber = (sequenceNumber + 1) & 0xffff;
    timestamp = (timestamp + 160) >>> 0;
    transceiver.sender
      .sendRtp(new RtpPacket(new RtpHeader({ payloadType: 0, sequenceNumber, timestamp }), encodeUlaw(frame)))
      .catch(() => undefined);
  }, 20);
  return {
    offer: pc.localDescription?.sdp ?? '',
    accept: (sdp: string) => pc.setRemoteDescription({ type: 'answer', sdp }),
    received: () => received,
    loudest: () => loudest,
    close: async () => {
      clearInterval(tone);
      await pc.close();
    },
  };
}
