// Preact: the plain element in JSX, typed by @kataven/widget/preact, with every attribute, property and
// `onkataven-…` listener (an object checked with `satisfies`, because JSX lets any attribute with a dash through
// unchecked). test/size/types.test.mjs checks that nothing is left out.
import type { DeviceFactory } from '@kataven/widget';
import type {} from '@kataven/widget/preact';
import type { JSX } from 'preact';

declare const deviceFactory: DeviceFactory;

const element = {
  class: 'support',
  'client-key': 'pk_live_acme_demo0000000000',
  'agent-id': 'agent_ava',
  'api-base': 'https://api.kataven.ai/v1',
  locale: 'ja',
  theme: 'auto',
  position: 'br',
  display: 'inline',
  launcher: 'none',
  userToken: 'ut_…',
  userTokenProvider: async () => 'ut_…',
  branding: { launcher_label: 'Talk to us' },
  policy: { auth_mode: 'both' as const },
  context: { page: '/pricing', seats: 3 },
  clientTools: { addToCart: async (params: Record<string, unknown>) => params['sku'] },
  continuity: 'off' as const,
  strings: { call: '電話する' },
  deviceFactory,
  'onkataven-ready': (event) => event.detail.agentName,
  'onkataven-status': (event) => event.detail.status,
  'onkataven-call-start': (event) => event.detail.agentId,
  'onkataven-call-connected': (event) => event.detail.sessionId,
  'onkataven-call-end': (event) => event.detail.durationMs,
  'onkataven-mute': (event) => event.detail.muted,
  'onkataven-message': (event) => event.detail.text,
  'onkataven-error': (event) => event.detail.code,
  'onkataven-open': (event) => event.composed,
  'onkataven-close': (event) => event.composed,
  'onkataven-tool-call': (event) => event.detail.params,
  'onkataven-feedback': (event) => event.detail.sessionId,
  'onkataven-network-quality': (event) => event.detail.warnings.length,
} satisfies JSX.IntrinsicElements['kataven-widget'];
export const ok = <kataven-widget {...element} />;
// The attributes' properties, as a framework that sets properties passes them.
export const byProperty = (
  <kataven-widget clientKey="pk_live_acme_demo0000000000" agentId="agent_ava" apiBase="https://api.kataven.ai/v1" />
);

// @ts-expect-error display is floating or inline
export const bad = <kataven-widget client-key="pk_live_x" display="sideways" />;
// @ts-expect-error clientTools are functions
export const badTools = <kataven-widget clientTools={{ addToCart: 'add' }} />;
