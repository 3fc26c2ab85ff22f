// Vue: <kataven-widget> in GlobalComponents (what vue-tsc checks templates against), typed by @kataven/widget/vue,
// with every attribute, property and listener (`@kataven-call-end` in a template is the prop `onKatavenCallEnd`).
// test/size/types.test.mjs checks that nothing is left out.
import type { DeviceFactory } from '@kataven/widget';
import type { GlobalComponents } from 'vue';
import type {} from '@kataven/widget/vue';

type Props = InstanceType<GlobalComponents['kataven-widget']>['$props'];
declare const deviceFactory: DeviceFactory;

export const ok: Props = {
  'client-key': 'pk_live_acme_demo0000000000',
  'agent-id': 'agent_ava',
  'api-base': 'https://api.kataven.ai/v1',
  locale: 'es-MX',
  theme: 'dark',
  position: 'tl',
  display: 'inline',
  launcher: 'default',
  userToken: 'ut_…',
  userTokenProvider: async () => 'ut_…',
  branding: { accent_color: '#1e40af' },
  policy: { max_call_seconds: 120 },
  context: { page: '/precios', plan: 'pro' },
  clientTools: { openCart: (_params, { sessionId }) => sessionId },
  continuity: 'off' as const,
  strings: { call: 'Llamar' },
  deviceFactory,
  onKatavenReady: (event) => event.detail.agentName,
  onKatavenStatus: (event) => event.detail.previous,
  onKatavenCallStart: (event) => event.detail.agentId,
  onKatavenCallConnected: (event) => event.detail.sessionId,
  onKatavenCallEnd: (event) => event.detail.reason,
  onKatavenMute: (event) => event.detail.muted,
  onKatavenMessage: (event) => event.detail.final,
  onKatavenError: (event) => event.detail.retryable,
  onKatavenOpen: (event) => event.type,
  onKatavenClose: (event) => event.type,
  onKatavenToolCall: (event) => event.preventDefault(),
  onKatavenFeedback: (event) => event.detail.rating,
  onKatavenNetworkQuality: (event) => event.detail.warnings[0],
};
// The attributes' properties (`:client-key` binds the property `clientKey`).
export const byProperty: Props = {
  clientKey: 'pk_live_acme_demo0000000000',
  agentId: 'agent_ava',
  apiBase: 'https://api.kataven.ai/v1',
};
// @ts-expect-error position is br, bl, tr or tl
export const bad: Props = { position: 'middle' };
// @ts-expect-error kataven-call-connected carries { sessionId }
export const badEvent: Props = { onKatavenCallConnected: (event) => event.detail.reason };
