// React 19: the component from @kataven/widget/react, and the plain element in JSX.
import { KatavenWidget, type KatavenWidgetElement } from '@kataven/widget/react';
import { useRef } from 'react';

export function Support() {
  const ref = useRef<KatavenWidgetElement>(null);
  return (
    <>
      <kataven-widget client-key="pk_live_acme_demo0000000000" agent-id="agent_ava" locale="fr" theme="dark" />
      <KatavenWidget
        ref={ref}
        clientKey="pk_live_acme_demo0000000000"
        locale="de"
        strings={{ call: 'Anrufen', status: { ready: 'Bereit.' } }}
        userTokenProvider={async () => 'ut_…'}
        onCallConnected={(event) => event.detail.sessionId.toUpperCase()}
        onCallEnd={(event) => event.detail.durationMs.toFixed()}
        onError={(event) => event.detail.code}
        onToolCall={(event) => event.detail.name}
        onFeedback={(event) => event.detail.rating}
      />
    </>
  );
}

// @ts-expect-error theme is auto, light or dark
export const badTheme = <kataven-widget client-key="pk_live_x" theme="purple" />;
// @ts-expect-error kataven-call-end carries { reason, durationMs }, not a session id
export const badHandler = <KatavenWidget onCallEnd={(event) => event.detail.sessionId} />;
// @ts-expect-error strings follow the shape of the widget's texts
export const badStrings = <KatavenWidget strings={{ call: 42 }} />;
