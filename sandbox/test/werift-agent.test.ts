import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RTCPeerConnection } from 'werift';
import { WeriftMediaAgent } from '../agent/werift-agent';
import { sleep } from './helpers';

test(
  'a media agent closed while it is still answering settles the answer and clears its pacer',
  { timeout: 20_000 },
  async (t) => {
    const caller = new RTCPeerConnection();
    caller.addTransceiver('audio', { direction: 'sendrecv' });
    await caller.setLocalDescription(await caller.createOffer());
    const offer = caller.localDescription?.sdp ?? '';
    // werift keeps its own timers; the agent's 20 ms pacer is the one setInterval on the global object.
    const started = t.mock.method(globalThis, 'setInterval');
    const cleared = t.mock.method(globalThis, 'clearInterval');
    try {
      // The caller hangs up at different points of the negotiation (at once, mid-way, near the end).
      for (const closeAfterMs of [0, 1, 5, 20, 60]) {
        const agent = new WeriftMediaAgent();
        const answered = agent.answer(offer).then(
          () => 'answered',
          () => 'refused',
        );
        await sleep(closeAfterMs);
        await agent.close();
        assert.match(await answered, /answered|refused/, `answer() settles when closed after ${closeAfterMs} ms`);
      }
      const stillRunning = started.mock.calls
        .map((call) => call.result)
        .filter((interval) => !cleared.mock.calls.some((call) => call.arguments[0] === interval));
      assert.equal(stillRunning.length, 0, 'a pacer outlived its closed media agent');
    } finally {
      t.mock.restoreAll();
      await caller.close();
    }
  },
);
