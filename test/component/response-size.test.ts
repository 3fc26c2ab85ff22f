/** The widget never reads more than 64 KB of an answer: a larger config or session is an `invalid_response`. */
import { expect } from '@open-wc/testing';
import { MAX_RESPONSE_BYTES, createApiClient } from '../../src/api/client.js';
import { WidgetError } from '../../src/api/errors.js';
import { API_BASE, DEMO_KEY, configBody } from '../helpers/fake-server.js';
import { recordEvents, useWidgetTestbed, waitForStatus } from '../helpers/widget.js';

/** A config answer padded to `bytes` with a long agent name: valid JSON, valid shape, just too big. */
function paddedConfig(bytes: number): string {
  const base = JSON.stringify(configBody({ agent: { name: '' } }));
  return JSON.stringify(configBody({ agent: { name: 'x'.repeat(bytes - base.length) } }));
}

/** A body that never ends, counting what the reader pulled and whether it was cancelled. */
function endlessBody(chunkBytes = 16 * 1024) {
  const stats = { pulledBytes: 0, cancelled: false };
  const chunk = new TextEncoder().encode('{"agent":{"name":"' + 'x'.repeat(chunkBytes));
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        stats.pulledBytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        stats.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, stats };
}

async function failure(promise: Promise<unknown>): Promise<WidgetError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(WidgetError);
    return error as WidgetError;
  }
  throw new Error('expected the request to fail');
}

describe('response size bound', () => {
  const testbed = useWidgetTestbed();

  it('a 10 MB config answer ends in invalid_response quickly, with no retry', async () => {
    testbed.server.on('GET /widget/config', { body: paddedConfig(10 * 1024 * 1024) });
    const started = performance.now();
    const element = await testbed.mount();
    const events = recordEvents(element);
    await waitForStatus(element, 'error');
    // Parsing 10 MB took seconds before the bound; reading 64 KB of it takes a few milliseconds.
    expect(performance.now() - started).to.be.below(1500);
    const errors = events.of('error') as { code: string; message: string }[];
    expect(errors.map((error) => error.code)).to.deep.equal(['invalid_response']);
    expect(errors[0]?.message).to.contain(`${MAX_RESPONSE_BYTES} bytes`);
    expect(events.of('ready')).to.have.length(0);
    expect(testbed.server.requestsTo('GET /widget/config')).to.have.length(1);
  });

  it('accepts an answer just under the limit', async () => {
    testbed.server.on('GET /widget/config', { body: paddedConfig(MAX_RESPONSE_BYTES - 100) });
    const client = createApiClient({ apiBase: API_BASE, clientKey: DEMO_KEY });
    const config = await client.getConfig('agent_ava');
    expect(config.agent.name).to.have.length.above(60_000);
  });

  it('a too-large session answer is invalid_response too', async () => {
    testbed.server.on('POST /widget/auth/guest', { body: { token: 'x'.repeat(MAX_RESPONSE_BYTES) } });
    const client = createApiClient({ apiBase: API_BASE, clientKey: DEMO_KEY });
    const error = await failure(client.startGuestSession('agent_ava'));
    expect(error.code).to.equal('invalid_response');
  });

  it('refuses on a too-large Content-Length without reading the body', async () => {
    const { stream, stats } = endlessBody();
    const fetchBig: typeof fetch = async () =>
      new Response(stream, { headers: { 'Content-Length': String(10 * 1024 * 1024) } });
    const client = createApiClient({ apiBase: API_BASE, clientKey: DEMO_KEY, fetch: fetchBig });
    const error = await failure(client.getConfig('agent_ava'));
    expect(error.code).to.equal('invalid_response');
    expect(stats.pulledBytes).to.equal(0);
    expect(stats.cancelled).to.equal(true);
  });

  it('stops reading a body with no length at the limit, and cancels the rest', async () => {
    const { stream, stats } = endlessBody();
    const fetchEndless: typeof fetch = async () => new Response(stream);
    const client = createApiClient({ apiBase: API_BASE, clientKey: DEMO_KEY, fetch: fetchEndless });
    const error = await failure(client.getConfig('agent_ava'));
    expect(error.code).to.equal('invalid_response');
    expect(stats.cancelled).to.equal(true);
    expect(stats.pulledBytes).to.be.below(MAX_RESPONSE_BYTES + 64 * 1024);
  });

  it('still reads the error code of a huge error body', async () => {
    testbed.server.on('POST /widget/auth/guest', { status: 429, body: `rate_limited: ${'x'.repeat(1024 * 1024)}` });
    const client = createApiClient({ apiBase: API_BASE, clientKey: DEMO_KEY });
    const error = await failure(client.startGuestSession('agent_ava'));
    expect(error.code).to.equal('rate_limited');
  });
});
