/**
 * The mock site's pages (demo/site/*.html), shown in the studio's preview `<iframe>`: the page itself and a floating
 * `<kataven-widget>` configured by the studio (see preview-protocol.ts). The iframe is the visitor's real viewport,
 * so the widget's media queries, `dvh` and the phone sheet behave as on a screen of that size.
 */
import { render } from 'lit';
import { defineKatavenWidget } from '../../../src/define.js';
import type { KatavenWidget } from '../../../src/widget/kataven-widget.js';
import { demoTools } from '../conversation-demo.js';
import { SITE_PAGES, pageForPath, sitePage } from '../mock-site.js';
import { type PreviewSettings, type SiteMessage, isSettingsMessage } from '../preview-protocol.js';

defineKatavenWidget();

const page = pageForPath(location.pathname);
document.title = SITE_PAGES[page].title;
const content = document.createElement('div');
content.className = 'site';
document.body.append(content);
render(sitePage(page), content);

/** What this page tells the agent about itself, over what the studio's page-context field says. */
const ownContext = { page: SITE_PAGES[page].path, title: SITE_PAGES[page].title };

const widget = document.createElement('kataven-widget');
widget.display = 'floating';
widget.clientTools = demoTools;

function tell(message: SiteMessage): void {
  if (window.parent !== window) window.parent.postMessage(message, location.origin);
}

/** The last value given to each widget property, as JSON: a message is a fresh copy, unchanged values stay put. */
const applied = new Map<string, string>();
function assign<K extends keyof KatavenWidget>(name: K, value: KatavenWidget[K]): void {
  const json = JSON.stringify(value) ?? 'undefined';
  if (applied.get(name) === json) return;
  applied.set(name, json);
  widget[name] = value;
}

function apply(settings: PreviewSettings): void {
  document.documentElement.dataset['scheme'] = settings.theme;
  assign('clientKey', settings.clientKey);
  assign('agentId', settings.agentId || undefined);
  assign('apiBase', settings.apiBase);
  // A copy: an anonymous object type fits the property's index signature, the Branding interface does not.
  assign('branding', { ...settings.branding });
  assign('policy', settings.policy);
  assign('theme', settings.theme);
  assign('locale', settings.locale === 'auto' ? undefined : settings.locale);
  assign('context', { ...settings.context, ...ownContext });
  if (!widget.isConnected) document.body.append(widget);
}

window.addEventListener('message', (event) => {
  if (event.origin !== location.origin || event.source !== window.parent) return;
  if (isSettingsMessage(event.data)) apply(event.data.settings);
});
widget.addEventListener('kataven-status', (event) =>
  tell({ type: 'kataven-studio:status', status: event.detail.status }),
);
widget.addEventListener('kataven-call-connected', (event) =>
  tell({ type: 'kataven-studio:call', sessionId: event.detail.sessionId, path: ownContext.page }),
);
tell({ type: 'kataven-studio:page', path: ownContext.page, title: ownContext.title });
