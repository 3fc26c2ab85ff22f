/**
 * The demo page's state (nanostores) and actions. One page, one store: module singletons are fine here.
 * Data flows one way: the form writes `$form`; `$check` validates it; `$preview` keeps the last valid value of each
 * field for the widgets; the snippets are computed from the same checked values.
 */
import { atom, computed, map } from 'nanostores';
import { DEFAULT_BRANDING, type Branding, isLoopbackHost } from '../../src/api/branding.js';
import { createApiClient, DEFAULT_API_BASE } from '../../src/api/client.js';
import type { WidgetConfigResponse } from '../../src/api/schemas.js';
import { checkClientKey } from '../../src/state/config-rules.js';
import { DEFAULT_FORM, type DemoForm, type FormCheck, type Policy, checkForm, formFromConfig } from './form-rules.js';
import { type Snippet, brandingPatchBody, buildSnippets, json, policyPatchBody } from './snippets.js';
import {
  allowlistEntry,
  allowlistPatchBody,
  cspDirectives,
  signedContextFrom,
  userTokenSnippet,
} from './site-setup.js';

export type Source = 'sandbox' | 'live';
export type Viewport = 'desktop' | 'phone';

export interface AgentSummary {
  id: string;
  name: string;
  status: string;
  auth_mode: string;
}

export interface Connection {
  source: Source;
  publicKey: string;
  apiBase: string;
  agentId: string;
  /** The sandbox's agents (empty in live mode: the public API has no agent list). */
  agents: AgentSummary[];
  /** The agent the loaded config is for (live mode shows it). */
  agent: AgentSummary | null;
}

export interface Task {
  state: 'idle' | 'busy' | 'done' | 'error';
  message: string;
}

const IDLE: Task = { state: 'idle', message: '' };

export const $form = map<DemoForm>({ ...DEFAULT_FORM });
export const $connection = atom<Connection | null>(null);
export const $load = atom<Task>({ state: 'busy', message: 'Loading the demo account…' });
export const $save = atom<Task>(IDLE);
/** Phone-sized screens start on the phone viewport: the customer's own screen is the better reference. */
export const $viewport = atom<Viewport>(
  typeof matchMedia === 'function' && matchMedia('(max-width: 700px)').matches ? 'phone' : 'desktop',
);
/** The server-side values the form was loaded from (or last saved): what "unsaved changes" compares against. */
export const $baseline = atom<DemoForm | null>(null);

export const $check = computed($form, (form): FormCheck => checkForm(form));

/** What the preview widgets get: the last valid value of every field (an invalid edit never reaches them). */
export const $preview = atom<{ branding: Branding; policy: Policy } | null>(null);
$check.subscribe((check) => {
  const current = $preview.get();
  if (!current) return;
  const branding = forWidget({ ...current.branding, ...check.branding });
  const policy = { ...current.policy, ...check.policy };
  // Keep object identity while nothing changed, so the widgets are not reconfigured on every keystroke elsewhere.
  if (!sameValues(branding, current.branding) || !sameValues(policy, current.policy))
    $preview.set({ branding, policy });
});

/**
 * The widget reads a null text in `branding` as "not set" (the server's value shows through); an empty notice must
 * hide the server's, so it goes to the widget as "".
 */
function forWidget(branding: Branding): Branding {
  return branding.privacy_notice === null ? { ...branding, privacy_notice: '' } : branding;
}

const SERVER_FIELDS: readonly (keyof DemoForm)[] = [
  'primary_color',
  'accent_color',
  'logo_url',
  'launcher_position',
  'launcher_label',
  'privacy_notice',
  'widget_enabled',
  'auth_mode',
  'consent_required',
  'feedback_enabled',
  'max_call_seconds',
];

export const $dirty = computed([$form, $baseline], (form, baseline) =>
  baseline ? SERVER_FIELDS.some((field) => form[field] !== baseline[field]) : false,
);

/** The "Your site" tab's own fields: the site's address (for the allowlist) and the signed context (JSON). */
export const $siteSetup = map({ address: typeof location === 'object' ? location.origin : '', signedContext: '' });

/** The site tab's checked fields: the allowlist entry and the signed context, or what is wrong with each. */
export const $siteCheck = computed($siteSetup, (setup) => ({
  allowlist: allowlistEntry(setup.address),
  signedContext: signedContextFrom(setup.signedContext),
}));

export const $snippets = computed(
  [$check, $connection, $form, $siteCheck],
  (check, connection, form, site): Snippet[] => {
    const apiBase = connection?.apiBase ?? DEFAULT_API_BASE;
    const snippets = buildSnippets({
      publicKey: connection?.publicKey ?? 'pk_live_…',
      agentId: connection?.agentId ?? '',
      apiBase,
      theme: form.theme,
      locale: form.locale,
      branding: check.branding,
      policy: check.policy,
    });
    const csp = cspDirectives({
      apiBase,
      source: connection?.source ?? 'live',
      logoUrl: check.branding.logo_url ?? null,
    });
    const context = 'context' in site.signedContext ? site.signedContext.context : undefined;
    const blocks: Snippet['blocks'] = [
      { title: 'Content-Security-Policy directives', language: 'text', code: csp.join('\n') },
      { title: 'Your server: mint a user token', language: 'js', code: userTokenSnippet(apiBase, context) },
    ];
    if ('entry' in site.allowlist) {
      blocks.push(
        { title: 'Domain allowlist entry', language: 'text', code: site.allowlist.entry },
        {
          title: 'PATCH /v1/widget-keys/{key_id}',
          language: 'json',
          code: json(allowlistPatchBody(site.allowlist.entry)),
        },
      );
    }
    return [...snippets, { id: 'site', label: 'Your site', blocks }];
  },
);

export function setSiteField(field: 'address' | 'signedContext', value: string): void {
  $siteSetup.setKey(field, value);
}

export function setField<K extends keyof DemoForm>(field: K, value: DemoForm[K]): void {
  $form.set({ ...$form.get(), [field]: value });
  if ($save.get().state !== 'busy') $save.set(IDLE);
}

export function setViewport(viewport: Viewport): void {
  $viewport.set(viewport);
}

/** Puts a server config into the form and the preview. `keepBranding`: only the agent's policy is reloaded. */
function applyConfig(config: WidgetConfigResponse, keepBranding: boolean): void {
  const loaded = formFromConfig(config.branding, config.policy);
  const policyFields = pickPolicy(loaded);
  const form = $form.get();
  const next: DemoForm = keepBranding ? { ...form, ...policyFields } : { ...form, ...loaded };
  const baseline = $baseline.get();
  $baseline.set(keepBranding && baseline ? { ...baseline, ...policyFields } : { ...next });
  const check = checkForm(next);
  const previous = keepBranding ? $preview.get() : null;
  $preview.set({
    branding: forWidget({ ...(previous?.branding ?? DEFAULT_BRANDING), ...check.branding }),
    policy: { ...(previous?.policy ?? DEFAULT_POLICY), ...check.policy },
  });
  $form.set(next);
}

const DEFAULT_POLICY: Policy = {
  widget_enabled: true,
  auth_mode: 'both',
  consent_required: false,
  feedback_enabled: false,
  continuity_enabled: true,
  max_call_seconds: null,
};

function pickPolicy(form: Omit<DemoForm, 'theme' | 'locale'>) {
  const { widget_enabled, auth_mode, consent_required, feedback_enabled, max_call_seconds } = form;
  return { widget_enabled, auth_mode, consent_required, feedback_enabled, max_call_seconds };
}

async function fetchConfig(connection: Connection): Promise<WidgetConfigResponse> {
  const api = createApiClient({ apiBase: connection.apiBase, clientKey: connection.publicKey });
  return api.getConfig(connection.agentId || undefined);
}

/**
 * Loads overlap: the customer can pick another agent, or switch between sandbox and live, before a config arrives.
 * Each load takes a ticket; a response for an older ticket is dropped, so the store shows the last choice, not the
 * slowest answer.
 */
let latestLoad = 0;

function startLoad(message: string): () => boolean {
  const ticket = ++latestLoad;
  $load.set({ state: 'busy', message });
  return () => ticket === latestLoad;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Sandbox mode: the demo account's key and agents, then the first agent's config. */
export async function loadSandbox(): Promise<void> {
  const isLatest = startLoad('Loading the demo account…');
  $save.set(IDLE);
  try {
    const response = await fetch('/sandbox/demo', { cache: 'no-store' });
    if (!response.ok) throw new Error(`GET /sandbox/demo answered ${response.status}: ${await response.text()}`);
    const demo = (await response.json()) as { public_key: string; api_base: string; agents: AgentSummary[] };
    const previous = $connection.get();
    const keep = previous?.source === 'sandbox' && demo.agents.some((agent) => agent.id === previous.agentId);
    const agentId = keep && previous ? previous.agentId : (demo.agents[0]?.id ?? '');
    const connection: Connection = {
      source: 'sandbox',
      publicKey: demo.public_key,
      apiBase: demo.api_base,
      agentId,
      agents: demo.agents,
      agent: demo.agents.find((agent) => agent.id === agentId) ?? null,
    };
    const config = await fetchConfig(connection);
    if (!isLatest()) return;
    $connection.set({ ...connection, agent: config.agent });
    applyConfig(config, false);
    $load.set({ state: 'done', message: '' });
  } catch (error) {
    if (isLatest())
      $load.set({ state: 'error', message: `Could not load the sandbox's demo account: ${describe(error)}` });
  }
}

/** Switches the sandbox agent: its policy loads; branding edits (account-wide) are kept. */
export async function selectAgent(agentId: string): Promise<void> {
  const connection = $connection.get();
  if (!connection) return;
  // Picking the shown agent again while another one is still loading is a real choice: it must win over that load.
  if (connection.agentId === agentId && $load.get().state !== 'busy') return;
  const next = { ...connection, agentId };
  const isLatest = startLoad('Loading the agent’s policy…');
  try {
    const config = await fetchConfig(next);
    if (!isLatest()) return;
    $connection.set({ ...next, agent: config.agent });
    applyConfig(config, true);
    $load.set({ state: 'done', message: '' });
  } catch (error) {
    if (isLatest()) $load.set({ state: 'error', message: `Could not load ${agentId}: ${describe(error)}` });
  }
}

/** Checks what the customer typed for live mode; null when it is usable. Secret keys are refused before any request. */
export function checkLiveInput(
  publicKey: string,
  apiBase: string,
): { field: 'publicKey' | 'apiBase'; message: string } | null {
  const keyProblem = checkClientKey(publicKey.trim());
  if (keyProblem) {
    const message =
      keyProblem.code === 'secret_key_in_page'
        ? 'This is a secret key. Never paste it into a web page: rotate it, and use your pk_live_… widget key.'
        : 'Enter your publishable widget key (pk_live_…).';
    return { field: 'publicKey', message };
  }
  let url: URL | null = null;
  try {
    url = new URL(apiBase.trim());
  } catch {
    url = null;
  }
  const loopback = url && isLoopbackHost(url.hostname);
  if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopback))) {
    return { field: 'apiBase', message: 'Enter an https:// API base URL, like https://api.kataven.ai/v1.' };
  }
  return null;
}

/** Live mode: read the customer's own config through the public Widget API. Nothing can be saved from here. */
export async function loadLive(publicKey: string, apiBase: string, agentId: string): Promise<boolean> {
  const connection: Connection = {
    source: 'live',
    publicKey: publicKey.trim(),
    apiBase: apiBase.trim().replace(/\/+$/, ''),
    agentId: agentId.trim(),
    agents: [],
    agent: null,
  };
  const isLatest = startLoad(`Reading your widget config from ${connection.apiBase}…`);
  $save.set(IDLE);
  try {
    const config = await fetchConfig(connection);
    if (!isLatest()) return false;
    $connection.set({ ...connection, agentId: connection.agentId || config.agent.id, agent: config.agent });
    applyConfig(config, false);
    $load.set({ state: 'done', message: '' });
    return true;
  } catch (error) {
    if (isLatest()) $load.set({ state: 'error', message: `Could not read your config: ${describe(error)}` });
    return false;
  }
}

/** Sandbox mode only: saves branding and policy through POST /sandbox/settings (the admin PATCH code path). */
export async function save(): Promise<void> {
  const connection = $connection.get();
  const check = $check.get();
  if (!connection || connection.source !== 'sandbox' || !check.valid) return;
  $save.set({ state: 'busy', message: 'Saving…' });
  try {
    const response = await fetch('/sandbox/settings', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        branding: brandingPatchBody(check.branding),
        agent_id: connection.agentId,
        policy: policyPatchBody(check.policy),
      }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(text || `HTTP ${response.status}`);
    const saved = JSON.parse(text) as WidgetConfigResponse;
    $baseline.set({ ...$form.get(), ...formFromConfig(saved.branding, saved.policy) });
    $save.set({ state: 'done', message: 'Saved to the sandbox. Reload the page: the form and widget start from it.' });
  } catch (error) {
    $save.set({ state: 'error', message: `Not saved: ${describe(error)}` });
  }
}

/** Puts the form back to the last loaded or saved values. */
export function resetForm(): void {
  const baseline = $baseline.get();
  if (baseline) $form.set({ ...$form.get(), ...pickServerFields(baseline) });
  $save.set(IDLE);
}

function pickServerFields(form: DemoForm): Partial<DemoForm> {
  const picked: Partial<Record<keyof DemoForm, unknown>> = {};
  for (const field of SERVER_FIELDS) picked[field] = form[field];
  return picked as Partial<DemoForm>;
}

function sameValues(a: object, b: object): boolean {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) if (left[key] !== right[key]) return false;
  return true;
}
