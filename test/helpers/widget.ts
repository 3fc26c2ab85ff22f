/** Mounting and reading `<kataven-widget>` in component tests. */
import { fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/define.js';
import type { KatavenWidget } from '../../src/widget/kataven-widget.js';
import type { DeviceFactory } from '../../src/call/device.js';
import { type FakeDevices, fakeDevices } from './fake-device.js';
import { API_BASE, DEMO_KEY, FakeServer } from './fake-server.js';
import { guardPage } from './guards.js';

export interface MountOptions {
  clientKey?: string;
  /** `null` leaves the attribute off. */
  agentId?: string | null;
  display?: 'floating' | 'inline';
  /** `null` leaves the attribute off, so the widget follows `<html lang>` and the browser. */
  locale?: string | null;
  theme?: string;
  deviceFactory?: DeviceFactory;
  userToken?: string;
  branding?: Record<string, unknown>;
  strings?: unknown;
}

/** What `console.warn` and `console.error` were called with (arguments joined), instead of printing it. */
export interface ConsoleCapture {
  warnings: string[];
  errors: string[];
}

export interface WidgetTestbed {
  /** This test's fake API (installed as `window.fetch`, with the default routes). */
  readonly server: FakeServer;
  /** This test's fake Twilio Devices. */
  readonly devices: FakeDevices;
  /** The console captured so far in this test; throws unless capturing (the option, or `captureConsole()`). */
  readonly console: ConsoleCapture;
  /** Mounts through `fixture` (removed after the test), on the fake Devices unless `deviceFactory` says otherwise. */
  mount(options?: MountOptions): Promise<KatavenWidget>;
  /**
   * Creates the element the way a single-page app does: properties first, then into the DOM, no awaiting (so
   * nothing has loaded yet when this returns). Removed after the test.
   */
  create(): KatavenWidget;
  /** Captures the console for the rest of this test (restored after it). */
  captureConsole(): ConsoleCapture;
}

export interface TestbedOptions {
  /** Capture the console in every test: the error states explain themselves there; keeps the output readable. */
  captureConsole?: boolean;
  /** Fake Devices that open signaling ahead, as the Twilio factory does (the standby on intent). */
  buildsAhead?: boolean;
}

/**
 * The setup every component test needs, registered as mocha hooks in the calling `describe`: a fresh fake server and
 * fake Devices per test, and a guard that fails the test on an unhandled rejection or an error thrown into the page.
 * After each test its widgets are removed (while the guard still listens), then the console and `fetch` restored.
 */
export function useWidgetTestbed(options: TestbedOptions = {}): WidgetTestbed {
  const guard = guardPage();
  let server: FakeServer | undefined;
  let devices: FakeDevices | undefined;
  let capture: { lines: ConsoleCapture; restore(): void } | undefined;
  const created: KatavenWidget[] = [];

  const current = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`the testbed's ${name} exists only while a test runs`);
    return value;
  };
  const captureConsole = (): ConsoleCapture => {
    if (capture) return capture.lines;
    const original = { warn: console.warn, error: console.error };
    const lines: ConsoleCapture = { warnings: [], errors: [] };
    console.warn = (...args: unknown[]) => void lines.warnings.push(args.map(String).join(' '));
    console.error = (...args: unknown[]) => void lines.errors.push(args.map(String).join(' '));
    capture = {
      lines,
      restore() {
        console.warn = original.warn;
        console.error = original.error;
      },
    };
    return lines;
  };

  beforeEach(() => {
    server = new FakeServer().install();
    devices = fakeDevices({ buildsAhead: options.buildsAhead === true });
    guard.start();
    if (options.captureConsole) captureConsole();
  });
  afterEach(async () => {
    // A removed element's live call would wait 2 s for the next element (state/parking.ts), and the next test's
    // widget would take it over: this test's calls end with it.
    const widgets = [...document.querySelectorAll('kataven-widget')];
    for (const element of widgets) element.continuity = 'off';
    await Promise.all(widgets.map((element) => element.updateComplete));
    for (const element of created.splice(0)) element.remove();
    fixtureCleanup();
    capture?.restore();
    capture = undefined;
    server?.restore();
    server = undefined;
    devices = undefined;
    await guard.stop();
  });

  return {
    get server() {
      return current(server, 'server');
    },
    get devices() {
      return current(devices, 'devices');
    },
    get console() {
      return current(capture, 'console capture').lines;
    },
    mount(mountOptions = {}) {
      return mountWidget({ deviceFactory: current(devices, 'devices').factory, ...mountOptions });
    },
    create() {
      const element = document.createElement('kataven-widget');
      element.clientKey = DEMO_KEY;
      element.agentId = 'agent_ava';
      element.apiBase = API_BASE;
      element.locale = 'en';
      element.deviceFactory = current(devices, 'devices').factory;
      document.body.append(element);
      created.push(element);
      return element;
    },
    captureConsole,
  };
}

function mountWidget(options: MountOptions): Promise<KatavenWidget> {
  const attribute = (value: string | null | undefined, fallback: string) =>
    value === null ? undefined : (value ?? fallback);
  return fixture<KatavenWidget>(
    html`<kataven-widget
      client-key=${options.clientKey ?? DEMO_KEY}
      agent-id=${ifDefined(attribute(options.agentId, 'agent_ava'))}
      api-base=${API_BASE}
      display=${options.display ?? 'floating'}
      locale=${ifDefined(attribute(options.locale, 'en'))}
      theme=${options.theme ?? 'light'}
      .deviceFactory=${options.deviceFactory}
      .userToken=${options.userToken}
      .branding=${options.branding}
      .strings=${options.strings}
    ></kataven-widget>`,
  );
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
    'network-quality',
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
