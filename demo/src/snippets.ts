/**
 * Copy-ready output built from the form: the two documented script-tag forms, the npm snippet, and the admin PATCH
 * bodies that would save what the preview shows. Pure functions of their input, so the page and the tests agree.
 */
import { DEFAULT_API_BASE } from '../../src/api/client.js';
import type { Branding } from '../../src/api/branding.js';
import type { LocaleChoice, Policy, Theme } from './form-rules.js';

export const CDN_SRC = 'https://widget.kataven.ai/v1.js';

export interface SnippetInput {
  publicKey: string;
  agentId: string;
  apiBase: string;
  theme: Theme;
  locale: LocaleChoice;
  /** Valid branding fields only (see checkForm). */
  branding: Partial<Branding>;
  /** Valid policy fields only. */
  policy: Partial<Policy>;
}

export interface Snippet {
  id: 'script' | 'data' | 'npm' | 'api' | 'site';
  label: string;
  /** One or more copyable blocks, each with its own heading. */
  blocks: { title: string; language: string; code: string }[];
}

/** Element options that differ from the widget's defaults, in the order the snippets list them. */
function options(input: SnippetInput): [name: 'agentId' | 'apiBase' | 'theme' | 'locale', value: string][] {
  const list: [name: 'agentId' | 'apiBase' | 'theme' | 'locale', value: string][] = [];
  if (input.agentId) list.push(['agentId', input.agentId]);
  if (normaliseBase(input.apiBase) !== DEFAULT_API_BASE) list.push(['apiBase', normaliseBase(input.apiBase)]);
  if (input.theme !== 'auto') list.push(['theme', input.theme]);
  if (input.locale !== 'auto') list.push(['locale', input.locale]);
  return list;
}

function normaliseBase(base: string): string {
  return (base.trim() || DEFAULT_API_BASE).replace(/\/+$/, '');
}

/** HTML attribute value: these snippets are pasted into HTML, so quotes and angle brackets must not break out. */
function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A JS string literal that is also safe inside an inline `<script>` (no `</script>` break-out). */
function js(value: string): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

const DATA_NAMES = { agentId: 'data-agent', apiBase: 'data-api-base', theme: 'data-theme', locale: 'data-locale' };
const ELEMENT_NAMES = { agentId: 'agent-id', apiBase: 'api-base', theme: 'theme', locale: 'locale' };

export function scriptInitSnippet(input: SnippetInput): string {
  const lines = [
    `    publicKey: ${js(input.publicKey)},`,
    ...options(input).map(([name, value]) => `    ${name}: ${js(value)},`),
  ];
  return [`<script src="${CDN_SRC}"></script>`, '<script>', '  Kataven.init({', ...lines, '  });', '</script>'].join(
    '\n',
  );
}

export function scriptDataSnippet(input: SnippetInput): string {
  const attrs = [
    `data-client-key="${attr(input.publicKey)}"`,
    ...options(input).map(([name, value]) => `${DATA_NAMES[name]}="${attr(value)}"`),
  ];
  return `<script src="${CDN_SRC}" ${attrs.join(' ')} async></script>`;
}

export function npmSnippets(input: SnippetInput): { install: string; module: string; markup: string } {
  const attrs = [
    `client-key="${attr(input.publicKey)}"`,
    ...options(input).map(([name, value]) => `${ELEMENT_NAMES[name]}="${attr(value)}"`),
  ];
  return {
    install: 'npm install @kataven/widget',
    module: "import '@kataven/widget/define';",
    markup: `<kataven-widget\n  ${attrs.join('\n  ')}\n></kataven-widget>`,
  };
}

/** `PATCH /v1/widget-settings`: every valid branding field, as the widget normalises it. */
export function brandingPatchBody(branding: Partial<Branding>): Record<string, string | null> {
  const body: Record<string, string | null> = {};
  for (const field of ['primary_color', 'accent_color', 'logo_url', 'launcher_position', 'launcher_label'] as const) {
    const value = branding[field];
    if (value !== undefined) body[field] = value;
  }
  // An empty notice is saved as "" (the API's text field); the widget shows no notice for it.
  if (branding.privacy_notice !== undefined) body.privacy_notice = branding.privacy_notice ?? '';
  return body;
}

/** `PATCH /v1/agents/{id}/widget-settings`: the policy the preview shows. */
export function policyPatchBody(policy: Partial<Policy>): Partial<Policy> {
  const body: Partial<Policy> = {};
  if (policy.widget_enabled !== undefined) body.widget_enabled = policy.widget_enabled;
  if (policy.auth_mode !== undefined) body.auth_mode = policy.auth_mode;
  if (policy.max_call_seconds !== undefined) body.max_call_seconds = policy.max_call_seconds;
  if (policy.consent_required !== undefined) body.consent_required = policy.consent_required;
  if (policy.feedback_enabled !== undefined) body.feedback_enabled = policy.feedback_enabled;
  return body;
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

export function buildSnippets(input: SnippetInput): Snippet[] {
  const npm = npmSnippets(input);
  const agentPath = `/v1/agents/${encodeURIComponent(input.agentId || '{agent_id}')}/widget-settings`;
  return [
    {
      id: 'script',
      label: 'Script tag',
      blocks: [{ title: 'Paste before </body>', language: 'html', code: scriptInitSnippet(input) }],
    },
    {
      id: 'data',
      label: 'Data attributes',
      blocks: [{ title: 'One tag, no inline script', language: 'html', code: scriptDataSnippet(input) }],
    },
    {
      id: 'npm',
      label: 'npm',
      blocks: [
        { title: 'Install', language: 'shell', code: npm.install },
        { title: 'Register the element once (e.g. in main.ts)', language: 'js', code: npm.module },
        { title: 'Place it in your markup', language: 'html', code: npm.markup },
      ],
    },
    {
      id: 'api',
      label: 'Save via API',
      blocks: [
        { title: 'PATCH /v1/widget-settings', language: 'json', code: json(brandingPatchBody(input.branding)) },
        { title: `PATCH ${agentPath}`, language: 'json', code: json(policyPatchBody(input.policy)) },
      ],
    },
  ];
}
