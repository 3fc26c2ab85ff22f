// Svelte 5: <kataven-widget> in SvelteHTMLElements (what svelte-check checks markup against), typed by
// @kataven/widget/svelte, with every attribute, property and `onkataven-…` listener. Without the typing the entry is
// `{ [name: string]: any }` and the errors below would not occur. test/size/types.test.mjs checks that nothing is
// left out.
import type { DeviceFactory } from '@kataven/widget';
import type { SvelteHTMLElements } from 'svelte/elements';
import type {} from '@kataven/widget/svelte';

declare const deviceFactory: DeviceFactory;

export const ok: SvelteHTMLElements['kataven-widget'] = {
  class: 'support',
  'client-key': 'pk_live_x',
  'agent-id': 'agent_ava',
  'api-base': 'https://api.kataven.ai/v1',
  locale: 'ar',
  theme: 'light',
  position: 'bl',
  display: 'floating',
  launcher: 'none',
  userToken: 'ut_…',
  userTokenProvider: async () => 'ut_…',
  branding: { privacy_notice: 'Calls may be recorded.' },
  policy: { consent_required: false },
  context: { page: '/' },
  clientTools: { track: (params) => params },
  continuity: 'on' as const,
  strings: { call: 'اتصل' },
  deviceFactory,
  'onkataven-ready': (event) => event.detail.agentId,
  'onkataven-status': (event) => event.detail.status,
  'onkataven-call-start': (event) => event.detail.agentId,
  'onkataven-call-connected': (event) => event.detail.sessionId,
  'onkataven-call-end': (event) => event.detail.durationMs.toFixed(),
  'onkataven-mute': (event) => event.detail.muted,
  'onkataven-message': (event) => event.detail.role,
  'onkataven-error': (event) => event.detail.code,
  'onkataven-open': (event) => event.type,
  'onkataven-close': (event) => event.type,
  'onkataven-tool-call': (event) => event.detail.id,
  'onkataven-feedback': (event) => event.detail.comment,
  'onkataven-network-quality': (event) => event.detail.warnings.join(', '),
};
// The attributes' properties (`:client-key` binds the property `clientKey`).
export const byProperty: SvelteHTMLElements['kataven-widget'] = {
  clientKey: 'pk_live_acme_demo0000000000',
  agentId: 'agent_ava',
  apiBase: 'https://api.kataven.ai/v1',
};
// @ts-expect-error theme is auto, light or dark
export const bad: SvelteHTMLElements['kataven-widget'] = { theme: 'purple' };
// @ts-expect-error kataven-call-connected carries { sessionId }
export const badEvent: SvelteHTMLElements['kataven-widget'] = { 'onkataven-call-connected': (e) => e.detail.reason };
