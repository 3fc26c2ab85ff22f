// The route table: Widget API and admin API under /v1, control endpoints under /sandbox.
import * as admin from './admin-api';
import { postConnect, postConnectRefresh, postSignaling } from './connect';
import { postFeedback } from './feedback';
import { postConnectResume } from './resume';
import type { RouteHandler } from './request-context';
import * as control from './control-api';
import { HttpError } from './http';
import * as widget from './widget-auth';
import { postScript } from './script-api';

interface Route {
  method: string;
  /** Segments; `:name` captures one segment. */
  pattern: string;
  handler: RouteHandler;
  /** An admin change that must survive a restart (saved to the state file after a 2xx reply). */
  saves?: true;
}

const ROUTES: Route[] = [
  { method: 'GET', pattern: '/v1/widget/config', handler: widget.getWidgetConfig },
  { method: 'POST', pattern: '/v1/widget/auth/guest', handler: widget.postGuest },
  { method: 'POST', pattern: '/v1/widget/auth/exchange', handler: widget.postExchange },
  { method: 'POST', pattern: '/v1/widget/auth/refresh', handler: widget.postRefresh },
  { method: 'POST', pattern: '/v1/widget/auth/user-token', handler: widget.postUserToken },
  { method: 'POST', pattern: '/v1/widget/connect', handler: postConnect },
  { method: 'POST', pattern: '/v1/widget/connect/refresh', handler: postConnectRefresh },
  { method: 'POST', pattern: '/v1/widget/connect/resume', handler: postConnectResume },
  { method: 'POST', pattern: '/v1/widget/signaling', handler: postSignaling },
  { method: 'POST', pattern: '/v1/widget/feedback', handler: postFeedback },
  { method: 'GET', pattern: '/v1/widget-keys', handler: admin.listWidgetKeys },
  { method: 'POST', pattern: '/v1/widget-keys', handler: admin.createWidgetKey, saves: true },
  { method: 'PATCH', pattern: '/v1/widget-keys/:id', handler: admin.updateWidgetKey, saves: true },
  { method: 'DELETE', pattern: '/v1/widget-keys/:id', handler: admin.deleteWidgetKey, saves: true },
  { method: 'GET', pattern: '/v1/widget-settings', handler: admin.getWidgetSettings },
  { method: 'PATCH', pattern: '/v1/widget-settings', handler: admin.updateWidgetSettings, saves: true },
  { method: 'GET', pattern: '/v1/agents', handler: admin.listAgents },
  { method: 'GET', pattern: '/v1/agents/:id/widget-settings', handler: admin.getAgentWidgetSettings },
  { method: 'PATCH', pattern: '/v1/agents/:id/widget-settings', handler: admin.updateAgentWidgetSettings, saves: true },
  { method: 'GET', pattern: '/sandbox/calls', handler: control.listCalls },
  { method: 'GET', pattern: '/sandbox/requests', handler: control.listRequests },
  { method: 'POST', pattern: '/sandbox/faults', handler: control.injectFault },
  { method: 'DELETE', pattern: '/sandbox/faults', handler: control.clearFaults },
  { method: 'POST', pattern: '/sandbox/script', handler: postScript },
  { method: 'GET', pattern: '/sandbox/demo', handler: control.getDemo },
  { method: 'POST', pattern: '/sandbox/settings', handler: control.postDemoSettings, saves: true },
];

function decodeSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new HttpError(400, 'invalid_request', 'malformed percent-encoding in the path');
  }
}

function matchPattern(pattern: string, pathname: string): Record<string, string> | undefined {
  const expected = pattern.split('/');
  const actual = pathname.replace(/\/$/, '').split('/');
  if (expected.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of expected.entries()) {
    const value = actual[index] ?? '';
    if (segment.startsWith(':')) params[segment.slice(1)] = decodeSegment(value);
    else if (segment !== value) return undefined;
  }
  return params;
}

export type RouteMatch =
  | { kind: 'found'; handler: RouteHandler; params: Record<string, string>; saves: boolean }
  | { kind: 'wrong_method'; allowed: string[] }
  | { kind: 'none' };

export function findRoute(method: string, pathname: string): RouteMatch {
  const allowed: string[] = [];
  for (const route of ROUTES) {
    const params = matchPattern(route.pattern, pathname);
    if (!params) continue;
    if (route.method === method) return { kind: 'found', handler: route.handler, params, saves: route.saves === true };
    allowed.push(route.method);
  }
  return allowed.length ? { kind: 'wrong_method', allowed } : { kind: 'none' };
}
