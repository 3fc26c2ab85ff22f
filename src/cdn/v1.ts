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
  /** Page context for the agent and functions it may call in the page (DESIGN.md 5.1, 5.2). */
  context?: Record<string, unknown>;
  clientTools?: Record<string, unknown>;
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
  'context',
  'clientTools',
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
  });
}

export {};
