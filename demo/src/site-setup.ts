/**
 * What a site owner changes on their own side, built from the form: the Content-Security-Policy directives the widget
 * needs, the key's domain allowlist entry for their site's origin, and the server code that mints a user token for
 * signed-in visitors. Pure functions, so the page and the tests agree (test/demo/site-setup.spec.ts holds a real
 * call under exactly this policy, and sends these requests to the sandbox).
 */
import { checkContext, describeDropped } from '../../src/api/context-rules.js';
import { CDN_SRC, json } from './snippets.js';
import type { PageContext } from './preview-protocol.js';

/** Twilio's signaling for the default `roaming` edge: where Kataven's widget calls connect (README, CSP). */
export const TWILIO_SIGNALING = 'wss://voice-js.roaming.twilio.com';

export interface SiteSetupInput {
  apiBase: string;
  /** The sandbox answers signaling on its own host; Kataven hands out Twilio's. */
  source: 'sandbox' | 'live';
  /** A valid logo URL, or null. */
  logoUrl: string | null;
}

/** The directives, one a line, as the README lists them. Joined with `; ` they are a policy header's value. */
export function cspDirectives(input: SiteSetupInput): string[] {
  const api = new URL(input.apiBase);
  const signaling = input.source === 'sandbox' ? `wss://${api.host}` : TWILIO_SIGNALING;
  const lines = [`script-src ${new URL(CDN_SRC).origin}`, `connect-src ${api.origin} ${signaling}`];
  if (input.logoUrl) lines.push(`img-src ${new URL(input.logoUrl).origin}`);
  return lines;
}

/** The allowlist entry for a site address: its exact origin, or why the address is not one. */
export function allowlistEntry(address: string): { entry: string } | { problem: string } {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return { problem: 'is not a web address; enter it like https://shop.example.com.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: 'must start with https://.' };
  return { entry: url.origin };
}

/** `PATCH /v1/widget-keys/{id}`'s body with the entry. */
export function allowlistPatchBody(entry: string): { domain_allowlist: string[] } {
  return { domain_allowlist: [entry] };
}

/** Parses the studio's "signed context" field: the context, nothing (empty field), or what is wrong with it. */
export function signedContextFrom(text: string): { context: PageContext | undefined } | { problem: string } {
  if (!text.trim()) return { context: undefined };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { problem: 'is not valid JSON yet.' };
  }
  const check = checkContext(parsed);
  if (check.problem || check.dropped.length) return { problem: `leaves out ${describeDropped(check)}.` };
  return { context: check.context };
}

/** The body of `POST /v1/widget/auth/user-token`: the signed-in user (placeholders to replace) and signed context. */
export function userTokenBody(context: PageContext | undefined): Record<string, unknown> {
  return {
    external_user_id: 'user_123',
    display_name: 'Jane Doe',
    ...(context ? { context } : {}),
  };
}

/** Node 18+ server code that mints a user token and hands it to the page. */
export function userTokenSnippet(apiBase: string, context: PageContext | undefined): string {
  const body = json(userTokenBody(context)).replace(/\n/g, '\n  ');
  return [
    "// Your server, for a signed-in visitor: replace the user fields with your own user's.",
    `const response = await fetch(${JSON.stringify(`${apiBase.replace(/\/+$/, '')}/widget/auth/user-token`)}, {`,
    "  method: 'POST',",
    '  headers: {',
    '    Authorization: `Bearer ${process.env.KATAVEN_SECRET_KEY}`,',
    "    'Content-Type': 'application/json',",
    '  },',
    `  body: JSON.stringify(${body}),`,
    '});',
    'const { user_token } = await response.json();',
    '// Give user_token to the page: widget.userToken = user_token (single use, 5 minutes).',
  ].join('\n');
}
