// React 19: the component from @kataven/widget/react with every property and every `on…` event, and the plain element
// in JSX with every attribute, property and `onkataven-…` listener (an object checked with `satisfies`, because JSX
// lets any attribute with a dash through unchecked). test/size/types.test.mjs checks that nothing is left out.
import type { DeviceFactory } from '@kataven/widget';
import { KatavenWidget, type KatavenWidgetElement } from '@kataven/widget/react';
import { type JSX, useRef } from 'react';

declare const deviceFactory: DeviceFactory;

export function Support() {
  const ref = useRef<KatavenWidgetElement>(null);
  return (
    <KatavenWidget
      ref={ref}
      className="support"
      clientKey="pk_live_acme_demo0000000000"
      agentId="agent_ava"
      apiBase="https://api.kataven.ai/v1"
      userToken="ut_…"
      userTokenProvider={async () => 'ut_…'}
      locale="de"
      theme="dark"
      position="bl"
      display="inline"
      launcher="none"
      branding={{ primary_color: '#2563eb' }}
      policy={{ consent_required: true, max_call_seconds: 300 }}
      context={{ page: '/pricing', seats: 3, trial: true, coupon: null }}
      continuity="off"
      clientTools={{ addToCart: async (params, { sessionId }) => ({ added: params.sku, sessionId }) }}
      strings={{ call: 'Anrufen', status: { ready: 'Bereit.' } }}
      deviceFactory={deviceFactory}
      onReady={(event) => event.detail.agentName}
      onStatus={(event) => event.detail.previous}
      onCallStart={(event) => event.detail.agentId}
      onCallConnected={(event) => event.detail.sessionId.toUpperCase()}
      onCallEnd={(event) => event.detail.durationMs.toFixed()}
      onMute={(event) => event.detail.muted}
      onMessage={(event) => event.detail.final && event.detail.text}
      onError={(event) => event.detail.retryable && event.detail.code}
      onOpen={(event) => event.type}
      onClose={(event) => event.type}
      onToolCall={(event) => event.detail.params['sku'] ?? event.preventDefault()}
      onFeedback={(event) => event.detail.rating}
      onNetworkQuality={(event) => event.detail.warnings.length}
    />
  );
}

const element = {
  'client-key': 'pk_live_acme_demo0000000000',
  'agent-id': 'agent_ava',
  'api-base': 'https://api.kataven.ai/v1',
  locale: 'fr',
  theme: 'light',
  position: 'tr',
  display: 'floating',
  launcher: 'default',
  userToken: 'ut_…',
  userTokenProvider: async () => 'ut_…',
  branding: { logo_url: 'https://acme.example/logo.svg' },
  policy: { widget_enabled: true },
  context: { page: '/checkout' },
  clientTools: { openCart: () => true },
  continuity: 'on',
  strings: { call: 'Appeler' },
  deviceFactory,
  'onkataven-ready': (event) => event.detail.agentId,
  'onkataven-status': (event) => event.detail.status,
  'onkataven-call-start': (event) => event.detail.agentId,
  'onkataven-call-connected': (event) => event.detail.sessionId,
  'onkataven-call-end': (event) => event.detail.reason,
  'onkataven-mute': (event) => event.detail.muted,
  'onkataven-message': (event) => event.detail.role,
  'onkataven-error': (event) => event.detail.message,
  'onkataven-open': (event) => event.bubbles,
  'onkataven-close': (event) => event.bubbles,
  'onkataven-tool-call': (event) => event.detail.name,
  'onkataven-feedback': (event) => event.detail.comment,
  'onkataven-network-quality': (event) => event.detail.warnings.includes('low-mos'),
} satisfies JSX.IntrinsicElements['kataven-widget'];
export const plain = <kataven-widget {...element} />;

// @ts-expect-error theme is auto, light or dark
export const badTheme = <kataven-widget client-key="pk_live_x" theme="purple" />;
// @ts-expect-error kataven-call-end carries { reason, durationMs }, not a session id
export const badHandler = <KatavenWidget onCallEnd={(event) => event.detail.sessionId} />;
// @ts-expect-error strings follow the shape of the widget's texts
export const badStrings = <KatavenWidget strings={{ call: 42 }} />;
// @ts-expect-error context values are strings, numbers, booleans or null
export const badContext = <KatavenWidget context={{ cart: { items: 2 } }} />;
// @ts-expect-error kataven-mute carries { muted }
export const badListener = <kataven-widget onkataven-mute={(event: Event & { detail: { level: number } }) => event} />;
