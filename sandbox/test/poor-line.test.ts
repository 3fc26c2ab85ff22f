// The poor_line fault: a share of media packets lost each way (and jitter on the agent's), on a real werift call.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { call, sleep, testSeed, withSandbox } from './helpers';
import { callsOf, listeningClient, waitFor } from './signaling-client';
import { createCaller } from './werift-caller';

test('poor_line drops packets both ways while it lasts, and a clean line restores them', async () => {
  await withSandbox(testSeed(), async (sandbox) => {
    const { client, sessionId } = await listeningClient(sandbox);
    const caller = await createCaller();
    try {
      await client.send('invite', {
        callsid: 'TJS-poor',
        sdp: caller.offer,
        twilio: { params: `session_id=${sessionId}` },
      });
      const answer = await client.next('answer', 10_000);
      await caller.accept(String(answer['sdp']));
      await waitFor(
        'audio both ways',
        async () => {
          const [view] = await callsOf(sandbox);
          return view && view.packets_from_caller > 10 && caller.received() > 10 ? view : undefined;
        },
        30_000,
      );
      const fault = (body: Record<string, unknown>) =>
        call(sandbox, 'POST', '/sandbox/faults', { origin: null, body: { kind: 'poor_line', ...body } });

      // Everything lost: nothing more arrives either way.
      const refused = await fault({ loss: 1.5 });
      assert.equal(refused.status, 400);
      assert.equal((await fault({ loss: 1, jitter_ms: 40 })).status, 200);
      await sleep(200); // packets already on the way
      const before = { heard: caller.received(), from: (await callsOf(sandbox))[0]!.packets_from_caller };
      await sleep(1000);
      assert.equal(caller.received(), before.heard, 'no agent packet reached the caller');
      assert.equal((await callsOf(sandbox))[0]!.packets_from_caller, before.from, 'no caller packet counted');

      // A clean line again: both directions flow.
      assert.equal((await fault({ loss: 0 })).status, 200);
      await waitFor('audio both ways again', async () => {
        const [view] = await callsOf(sandbox);
        return view && view.packets_from_caller > before.from + 20 && caller.received() > before.heard + 20
          ? view
          : undefined;
      });
    } finally {
      await caller.close();
      client.ws.close();
    }
  });
});
