/** Mounting and reading `<kataven-widget>` in component tests. */
import { fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { KatavenWidget } from '../../src/widget/kataven-widget.js';
import type { DeviceFactory } from '../../src/call/device.js';
import { API_BASE, DEMO_KEY } from './fake-server.js';

export interface MountOptions {
  clientKey?: string;
  agentId?: string;
  display?: 'floating' | 'inline';
  locale?: string;
  theme?: string;
  deviceFactory?: DeviceFactory;
  userToken?: string;
  branding?: Record<string, unknown>;
}

export async function mountWidget(options: MountOptions = {}): Promise<KatavenWidget> {
  const element = await fixture<KatavenWidget>(
    html`<kataven-widget
      client-key=${options.clientKey ?? DEMO_KEY}
      agent-id=${options.agentId ?? 'agent_ava'}
      api-base=${API_BASE}
      display=${options.display ?? 'floating'}
      locale=${options.locale ?? 'en'}
      theme=${options.theme ?? 'light'}
      .deviceFactory=${options.deviceFactory}
      .userToken=${options.userToken}
      .branding=${options.branding}
    ></kataven-widget>`,
  );
  return element;
}

export function part(element: KatavenWidget, name: string): HTMLElement | null {
  return element.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
}

export async function waitForPart(element: KatavenWidget, name: string): Promise<HTMLElement> {
  await waitUntil(() => part(element, name), `part ${name} never rendered`, { timeout: 3000 });
  return part(element, name) as HTMLElement;
}

/** Waits for a part and clicks it: a missing control fails the test instead of being skipped. */
export async function clickPart(element: KatavenWidget, name: string): Promise<void> {
  (await waitForPart(element, name)).click();
}

export async function waitForStatus(element: KatavenWidget, status: string): Promise<void> {
  await waitUntil(() => element.status === status, `status stayed ${element.status}, wanted ${status}`, {
    timeout: 3000,
  });
  await element.updateComplete;
}

/** Collects every `kataven-*` event the element fires. */
export function recordEvents(element: EventTarget) {
  const names = [
    'ready',
    'status',
    'call-start',
    'call-connected',
    'call-end',
    'mute',
    'message',
    'error',
    'open',
    'close',
    'feedback',
  ];
  const events: { type: string; detail: unknown }[] = [];
  const listener = (event: Event) =>
    events.push({ type: event.type, detail: (event as Event & { detail: unknown }).detail });
  for (const name of names) element.addEventListener(`kataven-${name}`, listener);
  return {
    events,
    stop() {
      for (const name of names) element.removeEventListener(`kataven-${name}`, listener);
    },
    of(type: string) {
      return events.filter((event) => event.type === `kataven-${type}`).map((event) => event.detail);
    },
  };
}
