/**
 * `v1.js`: the classic-script loader (DESIGN.md section 1). It defines `window.Kataven`, replays calls queued before
 * it loaded, mounts a widget from its own `data-*` attributes, and imports the widget module from beside itself.
 * Keep it tiny: it runs on every page view of every customer site.
 */
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
  branding?: Record<string, unknown>;
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

const OPTION_NAMES = [
  'agentId',
  'apiBase',
  'userToken',
  'userTokenProvider',
  'locale',
  'theme',
  'position',
  'display',
  'branding',
] as const;

const script = document.currentScript as HTMLScriptElement | null;
const base = script?.src || location.href;
let widgetModule: Promise<unknown> | undefined;

function loadWidget(): void {
  widgetModule ??= import(/* @vite-ignore */ new URL('./kataven-widget.js', base).href).catch((error: unknown) => {
    widgetModule = undefined;
    console.error('[kataven-widget] could not load the widget', error);
  });
}

function init(options: InitOptions): HTMLElement {
  const element = document.createElement('kataven-widget') as unknown as HTMLElement & Record<string, unknown>;
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

const data = script?.dataset;
if (data?.clientKey) {
  init({
    publicKey: data.clientKey,
    ...(data.agent ? { agentId: data.agent } : {}),
    ...(data.apiBase ? { apiBase: data.apiBase } : {}),
    ...(data.locale ? { locale: data.locale } : {}),
    ...(data.theme ? { theme: data.theme } : {}),
    ...(data.position ? { position: data.position } : {}),
  });
}

export {};
