// An ICE restart whose `reinvite` was lost with the caller's old socket (its network changed): the reconnect invite
// carries the new offer, and only an answer with `sdp` lets the SDK finish the restart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MediaAgent } from '../agent/media-agent';
import { testSeed, withSandbox } from './helpers';
import { SignalingClient, silentMediaAgent, twilioToken } from './signaling-client';

const offer = (ufrag: string) => `v=0\r\na=ice-ufrag:${ufrag}\r\na=ice-pwd:secret\r\n`;

test('a reconnect invite with a new ICE offer is answered with sdp; one with the same offer without', async () => {
  const reoffers: string[] = [];
  const agent = (): MediaAgent => ({
    ...silentMediaAgent(),
    reoffer: async (sdp) => {
      reoffers.push(sdp);
      return 'v=0\r\na=ice-ufrag:agent2\r\n';
    },
  });
  await withSandbox(
    testSeed(),
    async (sandbox) => {
      const { token, sessionId } = await twilioToken(sandbox);
      const first = new SignalingClient(sandbox);
      await first.send('listen', { token });
      await first.next('connected');
      await first.send('invite', {
        callsid: 'TJS-1',
        sdp: offer('one'),
        twilio: { params: `session_id=${sessionId}` },
      });
      const answer = await first.next('answer');
      const callsid = String(answer['callsid']);
      const reconnect = String(answer['reconnect']);
      first.ws.terminate();

      const second = new SignalingClient(sandbox);
      await second.send('listen', { token });
      await second.next('connected');
      // Same offer as before (a plain socket drop): no renegotiation, no sdp.
      await second.send('invite', { callsid, reconnect, sdp: offer('one'), twilio: {} });
      assert.deepEqual(await second.next('answer'), { callsid, reconnect });
      assert.deepEqual(reoffers, []);
      // A new ICE offer (mid ICE restart): the agent renegotiates and the answer carries its sdp.
      await second.send('invite', { callsid, reconnect, sdp: offer('two'), twilio: {} });
      assert.deepEqual(await second.next('answer'), { callsid, sdp: 'v=0\r\na=ice-ufrag:agent2\r\n', reconnect });
      assert.deepEqual(reoffers, [offer('two')]);
      // The restart is done: the next reconnect with that offer is a plain one again.
      await second.send('invite', { callsid, reconnect, sdp: offer('two'), twilio: {} });
      assert.deepEqual(await second.next('answer'), { callsid, reconnect });
      assert.equal(reoffers.length, 1);
      second.ws.close();
    },
    { createMediaAgent: agent },
  );
});
