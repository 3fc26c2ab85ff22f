// Vue: <kataven-widget> in GlobalComponents (what vue-tsc checks templates against), typed by @kataven/widget/vue.
import type { GlobalComponents } from 'vue';
import type {} from '@kataven/widget/vue';

type Props = InstanceType<GlobalComponents['kataven-widget']>['$props'];

export const ok: Props = { 'client-key': 'pk_live_acme_demo0000000000', locale: 'es-MX', strings: { call: 'Llamar' } };
// @ts-expect-error position is br, bl, tr or tl
export const bad: Props = { position: 'middle' };
