/**
 * `v1.js`: the classic-script loader (README, "Script tag"). It defines `window.Kataven`, replays calls queued before
 * it loaded, mounts a widget from its own `data-*` attributes, and imports the widget module from beside itself.
 * Keep it tiny: it runs on every page view of every customer site.
 */
import { loadOnce } from '../load-once.js';
import { type AssertNever, WIDGET_METHODS, type WidgetInputName } from '../state/widget-stores.js';

interface InitOptions {
  publicKey?: string;
  agentId?: string;
  apiBase?: string;
  userToken?: string;
  userTokenProvider?: () => Promise<string>;
  locale?: string;
  theme?: string;
  position?: string;
  display?: string;
  /** `none`: no floating button; the page opens the panel with the element's `open()`. */
  launcher?: string;
  branding?: Record<string, unknown>;
  /** Texts that replace the current locale's (the element's `strings`). */
  strings?: Record<string, unknown>;
  /** Page context for the agent and functions it may call in the page (docs/protocol.md sections 6 and 7). */
  context?: Record<string, unknown>;
  clientTools?: Record<string, unknown>;
  /** `off`: leaving the page ends a live call (default `on`: the call follows the visitor, docs/protocol.md 9). */
  continuity?: 'on' | 'off';
  /** Where to put the widget (an element or a CSS selector); default: the end of `<body>`. */
  container?: Element | string;
}

interface KatavenGlobal {
  q?: unknown[];
  version?: string;
  init(options: InitOptions): HTMLElement;
}

declare global {
  interface Window {
    Kataven?: KatavenGlobal;
  }
}

declare const __KATAVEN_VERSION__: string;
declare const __KATAVEN_WIDGET_MODULE__: string;

/** Element inputs that are no `Kataven.init` option: the key is `publicKey` here; the others are for npm builds. */
type NotAnOption = 'clientKey' | 'deviceFactory' | 'policy';
type OptionName =
  Exclude<WidgetInputName, NotAnOption> | 'locale' | 'theme' | 'position' | 'display' | 'launcher' | 'strings';

/**
 * The element properties an options object may set: its inputs, plus how it looks. Written out rather than computed
 * from WIDGET_INPUTS (these bytes load on every page view of every site); the compiler holds it to that list.
 */
const OPTION_NAMES = [
  'agentId',
  'apiBase',
  'userToken',
  'userTokenProvider',
  'branding',
  'locale',
  'theme',
  'position',
  'display',
  'context',
  'clientTools',
  'continuity',
  'launcher',
  'strings',
] as const satisfies readonly OptionName[];
export type OptionNamesComplete = AssertNever<Exclude<OptionName, (typeof OPTION_NAMES)[number]>>;

const TAG = 'kataven-widget';

/**
 * `Kataven.init(…).start()` runs before the widget module has loaded, when the element is still undefined and has no
 * methods. Until it is defined, each method is a stand-in that queues the call; once defined, the element is upgraded
 * and the queued calls run in order, each stand-in's promise settling with the real method's.
 */
function queueMethodsUntilDefined(element: HTMLElement & Record<string, unknown>): void {
  if (customElements.get(TAG)) return;
  let queue: (() => void)[] | null = [];
  const call = (name: string, args: unknown[]) => (element[name] as (...a: unknown[]) => unknown)(...args);
  for (const name of WIDGET_METHODS) {
    // A stand-in the page kept a reference to still works once the element is defined: it calls straight through.
    element[name] = (...args: unknown[]) =>
      queue ? new Promise((resolve) => queue?.push(() => resolve(call(name, args)))) : call(name, args);
  }
  void customElements.whenDefined(TAG).then(() => {
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- removes the stand-ins set above, by the same names
    for (const name of WIDGET_METHODS) delete element[name];
    customElements.upgrade(element);
    const pending = queue ?? [];
    queue = null;
    for (const run of pending) run();
  });
}

const script = document.currentScript as HTMLScriptElement | null;
const base = script?.src || location.href;
// The widget module's launcher chunk, by its hashed name (vite.config.ts): cached for good, unlike its entry.
const widgetModule = loadOnce(() => import(/* @vite-ignore */ new URL(__KATAVEN_WIDGET_MODULE__, base).href));

function loadWidget(): void {
  widgetModule().catch((error: unknown) => console.error('[kataven-widget] could not load the widget', error));
}

function init(options: InitOptions): HTMLElement {
  const element = document.createElement(TAG) as unknown as HTMLElement & Record<string, unknown>;
  queueMethodsUntilDefined(element);
  const { publicKey, container, ...rest } = options || {};
  // Properties (not attributes): userToken and providers must never appear in the DOM. Only documented options
  // are copied, so an options object can never set arbitrary element properties (event handlers and the like).
  element.clientKey = publicKey;
  for (const name of OPTION_NAMES) if (rest[name] !== undefined) element[name] = rest[name];
  const mount = () => {
    let parent: Element | null | undefined;
    try {
      parent = typeof container === 'string' ? document.querySelector(container) : container;
    } catch {
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- only a string selector can throw here
      console.error(`[kataven-widget] container "${String(container)}" is not a valid selector; using <body>`);
    }
    (parent instanceof Element ? parent : document.body).append(element);
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
  loadWidget();
  return element;
}

const queued = window.Kataven?.q;
window.Kataven = { version: __KATAVEN_VERSION__, init };
if (Array.isArray(queued)) for (const options of queued) init(options as InitOptions);

/** `data-context` holds JSON; the widget applies the rules, this only parses (a bad value warns and is ignored). */
function parseContext(json: string | undefined): Record<string, unknown> | undefined {
  if (!json) return undefined;
  try {
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    console.warn('[kataven-widget] data-context is not valid JSON; ignored');
    return undefined;
  }
}

const data = script?.dataset;
if (data?.clientKey) {
  const context = parseContext(data.context);
  init({
    publicKey: data.clientKey,
    ...(data.agent ? { agentId: data.agent } : {}),
    ...(data.apiBase ? { apiBase: data.apiBase } : {}),
    ...(data.locale ? { locale: data.locale } : {}),
    ...(data.theme ? { theme: data.theme } : {}),
    ...(data.position ? { position: data.position } : {}),
    ...(context ? { context } : {}),
    ...(data.launcher ? { launcher: data.launcher } : {}),
  });
}

export {};
