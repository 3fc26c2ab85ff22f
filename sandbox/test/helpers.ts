// Test helpers: a sandbox per test with its own seed, and an HTTPS client that accepts the self-signed cert.
import { request as httpsRequest } from 'node:https';
import type { SeedConfig } from '../seed';
import { startSandbox, type Sandbox, type SandboxOptions } from '../server';

export const API_KEY = 'sk_live_acme_test000000000000';
export const DEMO_KEY = 'pk_live_acme_demo0000000000';
export const PINNED_KEY = 'pk_live_acme_pinned000000000';
export const LOCAL_ORIGIN = 'http://localhost:5173';
export const JWT_SECRET = 'test-secret-0123456789abcdef';

type SeedAccount = SeedConfig['accounts'][number];

/** A fresh seed like the shipped one; `edit` may change anything before the sandbox sees it. */
export function testSeed(edit: (account: SeedAccount, seed: SeedConfig) => void = () => undefined): SeedConfig {
  const account: SeedAccount = {
    id: 'acme',
    api_keys: [API_KEY],
    call_limits: { concurrent_max: 5, calls_per_minute: 30, daily_calls_max: 500, daily_minutes_max: 600 },
    agents: [
      {
        id: 'agent_ava',
        name: 'Ava',
        status: 'active',
        auth_mode: 'public',
        greeting_message: "Hi, I'm Ava.",
        widget: { widget_enabled: true, auth_mode: 'both', max_call_seconds: 600, consent_required: false },
      },
      { id: 'agent_sleepy', name: 'Sleepy', status: 'paused', auth_mode: 'public' },
      {
        id: 'agent_members',
        name: 'Members',
        status: 'active',
        auth_mode: 'authenticated',
        widget: { auth_mode: 'user', consent_required: true },
      },
    ],
    widget_keys: [
      { id: 'wk_demo', public_key: DEMO_KEY, domain_allowlist: ['localhost:*', '127.0.0.1:*'], agent_id: null },
      { id: 'wk_pinned', public_key: PINNED_KEY, domain_allowlist: ['localhost:*'], agent_id: 'agent_ava' },
    ],
  };
  const seed: SeedConfig = { accounts: [account], settings: { jwt_secret: JWT_SECRET } };
  edit(account, seed);
  return seed;
}

export function startTestSandbox(config: SeedConfig = testSeed(), options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ config, port: 0, quiet: true, ...options });
}

export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body's bytes as they came (still compressed, if the server compressed it). */
  body: Buffer;
  json<T = Record<string, unknown>>(): T;
}

export interface RequestOptions {
  /** Sent as the Origin header (default LOCAL_ORIGIN); null sends none. */
  origin?: string | null;
  headers?: Record<string, string>;
  body?: unknown;
  bearer?: string;
}

/** One HTTPS request to the sandbox (no keep-alive, self-signed cert accepted). */
export function call(
  sandbox: Sandbox,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<TestResponse> {
  const headers: Record<string, string> = { ...options.headers };
  const origin = options.origin === undefined ? LOCAL_ORIGIN : options.origin;
  if (origin !== null) headers['Origin'] = origin;
  if (options.bearer) headers['Authorization'] = `Bearer ${options.bearer}`;
  let payload: string | undefined;
  if (options.body !== undefined) {
    payload = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      `${sandbox.url}${path}`,
      { method, headers, rejectUnauthorized: false, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const text = body.toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            body,
            json: <T>() => JSON.parse(text) as T,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export interface VisitorSession {
  token: string;
  refresh_token: string;
  expires_in: number;
  agent_id: string;
  visitor: { id: string; kind: string; display_name: string | null };
}

export async function guestSession(sandbox: Sandbox, agentId = 'agent_ava'): Promise<VisitorSession> {
  const res = await call(sandbox, 'POST', '/v1/widget/auth/guest', {
    body: { client_key: DEMO_KEY, agent_id: agentId },
  });
  if (res.status !== 200) throw new Error(`guest failed: ${res.status} ${res.text}`);
  return res.json<VisitorSession>();
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `body` against a fresh sandbox and always closes it. */
/** A clock the test moves by hand (`withSandbox(seed, body, { now: clock.now })`): `advance` instead of sleeping. */
export function testClock(start = Date.parse('2026-01-01T12:00:00Z')): {
  now: () => number;
  advance(ms: number): void;
} {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
  };
}

export async function withSandbox(
  config: SeedConfig,
  body: (sandbox: Sandbox) => Promise<void>,
  options: SandboxOptions = {},
): Promise<void> {
  const sandbox = await startTestSandbox(config, options);
  try {
    await body(sandbox);
  } finally {
    await sandbox.close();
  }
}
