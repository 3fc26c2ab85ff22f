// The conversation surface in the element (docs/protocol.md sections 5 to 7) with a fake Device: context in the connect
// body, the transcript and text box, tool calls through the cancelable event, and the offer to type without a
// microphone.
import { expect, waitUntil } from '@open-wc/testing';
import type { KatavenToolCallEvent } from '../../src/events.js';
import type { KatavenWidget } from '../../src/widget/kataven-widget.js';
import type { FakeDevices } from '../helpers/fake-device.js';
import { part, recordEvents, useWidgetTestbed, waitForPart, waitForStatus } from '../helpers/widget.js';

async function connect(element: KatavenWidget, devices: FakeDevices) {
  await element.open();
  (await waitForPart(element, 'call-button')).click();
  await waitUntil(() => devices.devices.at(-1)?.calls.length, 'no call placed', { timeout: 3000 });
  devices.last.call.answer();
  await waitForStatus(element, 'connected');
}

const turns = (element: KatavenWidget) =>
  [...(part(element, 'transcript')?.querySelectorAll('li') ?? [])].map((li) =>
    li.textContent?.replace(/\s+/g, ' ').trim(),
  );

describe('<kataven-widget> conversation', () => {
  const testbed = useWidgetTestbed({ captureConsole: true });

  it('sends the valid part of `context` in the connect body and names what it dropped', async () => {
    const element = await testbed.mount();
    element.context = { plan: 'pro', seats: 3, 'bad key': 1, nested: { a: 1 } as never };
    await connect(element, testbed.devices);
    const [request] = testbed.server.requestsTo('POST /widget/connect');
    expect(request?.body).to.deep.equal({ agent_id: 'agent_ava', context: { plan: 'pro', seats: 3 } });
    expect(testbed.console.warnings.join('\n')).to.contain('"bad key"').and.contain('"nested"');
  });

  it('without `context` the connect body has none', async () => {
    const element = await testbed.mount();
    await connect(element, testbed.devices);
    expect(testbed.server.requestsTo('POST /widget/connect')[0]?.body).to.deep.equal({ agent_id: 'agent_ava' });
  });

  it('sendContext sends a context message during a call, and nothing before one', async () => {
    const element = await testbed.mount();
    expect(await element.sendContext({ page: '/a' })).to.equal(false);
    await connect(element, testbed.devices);
    expect(await element.sendContext({ page: '/checkout', 'x-y': 1 })).to.equal(true);
    expect(testbed.devices.last.call.sent).to.deep.equal([{ type: 'context', context: { page: '/checkout' } }]);
  });

  it('the transcript keeps both sides in order; typed text shows at once and fires kataven-message', async () => {
    const element = await testbed.mount();
    const events = recordEvents(element);
    await connect(element, testbed.devices);
    const call = testbed.devices.last.call;
    call.emit('messageReceived', { content: { role: 'agent', text: 'Hi,', final: false } });
    call.emit('messageReceived', {
      content: JSON.stringify({ type: 'caption', role: 'agent', text: 'Hi, I am Ava.' }),
    });
    await element.updateComplete;
    const input = (await waitForPart(element, 'text-input')) as HTMLInputElement;
    input.value = '  Where is my order?  ';
    // Enter in a one-field form is an implicit submission (the e2e test presses the real key).
    input.form?.requestSubmit();
    await element.updateComplete;
    expect(call.sent).to.deep.equal([{ type: 'user_text', text: 'Where is my order?' }]);
    expect(input.value).to.equal('');
    expect(turns(element)).to.deep.equal(['Hi, I am Ava.', 'You: Where is my order?']);
    expect(events.of('message').at(-1)).to.deep.equal({ role: 'user', text: 'Where is my order?', final: true });
    const transcript = part(element, 'transcript') as HTMLElement;
    expect(transcript.getAttribute('role')).to.equal('log');
    // Newest at the bottom, scrolled into view.
    for (let i = 0; i < 30; i++) call.emit('messageReceived', { content: { role: 'agent', text: `line ${i}` } });
    await element.updateComplete;
    await waitUntil(
      () => transcript.scrollTop > 0 && transcript.scrollTop + transcript.clientHeight >= transcript.scrollHeight - 2,
      'not scrolled to the end',
    );
  });

  it('sendText refuses empty or over-long text and anything outside a call', async () => {
    const element = await testbed.mount();
    expect(await element.sendText('hello')).to.equal(false);
    await connect(element, testbed.devices);
    expect(await element.sendText('   ')).to.equal(false);
    expect(await element.sendText('x'.repeat(1001))).to.equal(false);
    expect(await element.sendText(' ok ')).to.equal(true);
    expect(testbed.devices.last.call.sent).to.deep.equal([{ type: 'user_text', text: 'ok' }]);
  });

  it('server text in captions is shown as text, never as HTML', async () => {
    const element = await testbed.mount();
    await connect(element, testbed.devices);
    testbed.devices.last.call.emit('messageReceived', {
      content: { role: 'agent', text: '<img src=x onerror="window.pwned=1"><b>bold</b>' },
    });
    await element.updateComplete;
    const transcript = part(element, 'transcript') as HTMLElement;
    expect(transcript.querySelector('img, b')).to.equal(null);
    expect(transcript.textContent).to.contain('<b>bold</b>');
    expect((window as { pwned?: number }).pwned).to.equal(undefined);
  });

  it('runs a client tool and answers its result; preventDefault refuses; the call stays up', async () => {
    const element = await testbed.mount();
    const seen: unknown[] = [];
    element.clientTools = {
      fill_email: (params, info) => {
        seen.push(params, info);
        return { filled: true };
      },
      delete_account: () => 'never',
    };
    element.addEventListener('kataven-tool-call', (event: KatavenToolCallEvent) => {
      if (event.detail.name === 'delete_account') event.preventDefault();
    });
    await connect(element, testbed.devices);
    const call = testbed.devices.last.call;
    call.emit('messageReceived', {
      content: { type: 'tool_call', id: 't1', name: 'fill_email', params: { email: 'a@b.c' } },
    });
    call.emit('messageReceived', { content: { type: 'tool_call', id: 't2', name: 'delete_account', params: {} } });
    await waitUntil(() => call.sent.length === 2, 'two tool results');
    expect(seen).to.deep.equal([{ email: 'a@b.c' }, { sessionId: 'sess_1' }]);
    expect(call.sent).to.deep.include({ type: 'tool_result', id: 't1', ok: true, result: { filled: true } });
    expect(call.sent).to.deep.include({
      type: 'tool_result',
      id: 't2',
      ok: false,
      error: { code: 'refused', message: 'the page refused this tool call' },
    });
    expect(element.status).to.equal('connected');
  });

  it("the text box speaks the page locale (German) and takes the page's `strings` overrides", async () => {
    const element = await testbed.mount({ locale: 'de' });
    element.strings = { conversation: { send: 'Abschicken' } };
    await connect(element, testbed.devices);
    const input = (await waitForPart(element, 'text-input')) as HTMLInputElement;
    expect(input.placeholder).to.equal('Nachricht eingeben…');
    expect(input.getAttribute('aria-label')).to.equal('Nachricht');
    expect(part(element, 'send-button')?.textContent?.trim()).to.equal('Abschicken');
    element.strings = {};
    await element.updateComplete;
    expect(part(element, 'send-button')?.textContent?.trim()).to.equal('Senden');
  });

  it('offers to type in the page locale (Japanese) when the microphone is blocked', async () => {
    const element = await testbed.mount({ locale: 'ja' });
    await element.open();
    (await waitForPart(element, 'call-button')).click();
    await waitUntil(() => testbed.devices.devices.at(-1)?.calls.length, 'no call placed', { timeout: 3000 });
    testbed.devices.last.call.fail(31401, 'Permission denied');
    await waitForStatus(element, 'error');
    expect((await waitForPart(element, 'type-instead-button')).textContent?.trim()).to.equal('文字入力で続ける');
    expect(element.shadowRoot?.querySelector('.hint')?.textContent).to.equal(
      'アシスタントの声を聞きながら、文字で返答できます。',
    );
  });

  it('offers to type when the microphone is blocked, and then calls with a silent input', async () => {
    const element = await testbed.mount();
    await element.open();
    (await waitForPart(element, 'call-button')).click();
    await waitUntil(() => testbed.devices.devices.at(-1)?.calls.length, 'no call placed', { timeout: 3000 });
    testbed.devices.last.call.fail(31401, 'Permission denied');
    await waitForStatus(element, 'error');
    expect(testbed.devices.last.init.silentMicrophone).to.equal(undefined);
    (await waitForPart(element, 'type-instead-button')).click();
    await waitUntil(() => testbed.devices.devices.length === 2 && testbed.devices.last.calls.length, 'no second call', {
      timeout: 3000,
    });
    expect(testbed.devices.last.init.silentMicrophone).to.equal(true);
    testbed.devices.last.call.answer();
    await waitForStatus(element, 'connected');
    expect(part(element, 'error')).to.equal(null);
    expect(part(element, 'text-input')).to.not.equal(null);
  });
});
