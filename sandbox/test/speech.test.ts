// The agent's voice (sandbox/agent/speech.ts): eSpeak NG in WebAssembly rendering 8 kHz speech, the same samples on
// every run, and the tone voice it falls back to; a speaking greeting on a real call.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SAMPLE_RATE } from '../agent/media-agent';
import { render, resampleTo8k } from '../agent/speech';
import { testSeed, withSandbox } from './helpers';
import { SignalingClient, twilioToken, waitFor } from './signaling-client';
import { createCaller } from './werift-caller';

const GREETING = "Hi, I'm Ava. How can I help you today?";
const seconds = (pcm: Int16Array) => pcm.length / SAMPLE_RATE;
const peak = (pcm: Int16Array) => pcm.reduce((max, sample) => Math.max(max, Math.abs(sample)), 0);

test('eSpeak NG renders a line to 8 kHz speech, identical on every run', async () => {
  const first = await render(GREETING, false);
  const second = await render(GREETING, false);
  assert.equal(first.voice, 'espeak');
  assert.ok(seconds(first.pcm) > 1.5 && seconds(first.pcm) < 5, `${seconds(first.pcm)} s`);
  assert.ok(peak(first.pcm) > 3000, 'audible');
  assert.deepEqual(second.pcm, first.pcm);
});

test('the tone voice: one tone per word, when speech is unavailable', async () => {
  const line = await render('one two three', true);
  assert.equal(line.voice, 'tone');
  assert.equal(seconds(line.pcm), 0.9);
  assert.ok(peak(line.pcm) > 5000);
});

test('resampling to 8 kHz keeps the duration and the pitch', () => {
  const rate = 22_050;
  const samples = Int16Array.from({ length: rate }, (_, i) =>
    Math.round(10_000 * Math.sin((2 * Math.PI * 440 * i) / rate)),
  );
  const out = resampleTo8k({ rate, samples });
  assert.equal(out.length, SAMPLE_RATE);
  let crossings = 0;
  for (let i = 1; i < out.length; i++) if (out[i - 1]! < 0 !== out[i]! < 0) crossings++;
  assert.ok(Math.abs(crossings - 880) <= 4, `${crossings} zero crossings`);
});

test('speak_greeting: the greeting is spoken on the call, with captions in step and no chime', async () => {
  const seed = testSeed((account) => {
    account.agents[0]!.greeting_message = GREETING;
    account.agents[0]!.behaviour = { speak_greeting: true, echo: true };
  });
  await withSandbox(seed, async (sandbox) => {
    const { token, sessionId } = await twilioToken(sandbox);
    const client = new SignalingClient(sandbox);
    await client.send('listen', { token });
    await client.next('connected');
    const caller = await createCaller();
    try {
      await client.send('invite', {
        callsid: 'TJS-voice',
        sdp: caller.offer,
        twilio: { params: `session_id=${sessionId}` },
      });
      await caller.accept(String((await client.next('answer', 10_000))['sdp']));
      const captions: Array<{ text: string; final: boolean }> = [];
      for (;;) {
        const content = (await client.next('message', 10_000))['content'] as {
          role: string;
          text: string;
          final: boolean;
        };
        // (The tone agent's own "I can hear you." answers the caller's tone meanwhile.)
        if (content.role !== 'agent' || content.text === 'I can hear you.') continue;
        captions.push(content);
        if (content.final) break;
      }
      assert.deepEqual(captions.at(-1), { role: 'agent', text: GREETING, final: true });
      assert.ok(captions.length >= 2 && !captions[0]!.final, 'partial captions came first');
      const [row] = sandbox.calls();
      const [line] = sandbox.callBook.spokenLines(row!.call_sid);
      assert.equal(line?.voice, 'espeak');
      // No chime, and the echo is held back while the agent speaks: what the caller heard loud was the speech.
      await waitFor('the greeting as audio', async () => (caller.loudest() > 3000 ? true : undefined));
    } finally {
      client.ws.close();
      await caller.close();
    }
  });
});
