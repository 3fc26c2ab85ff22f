// The sandbox's in-memory world: seeded accounts and keys plus everything minted at run time
// (refresh tokens, user tokens, connect sessions, calls, the request log). One instance per sandbox.
import { randomBytes } from 'node:crypto';
import { HttpError } from './http';
import type { Account, Agent, Seed, SandboxSettings } from './seed';
import type { AgentContext } from '../src/api/context-rules';

export type VisitorKind = 'guest' | 'user';

export interface Visitor {
  id: string;
  kind: VisitorKind;
  display_name: string | null;
}

export interface WidgetKeyRecord {
  id: string;
  account_id: string;
  public_key: string;
  name: string;
  domain_allowlist: string[];
  agent_id: string | null;
  disabled_at: string | null;
  created_at: string;
  last_used_at: string | null;
}

export interface RefreshGrant {
  key_id: string;
  origin: string;
  agent_id: string;
  visitor: Visitor;
  expires_at: number;
  /** Signed context from the user token, carried through every refresh. */
  signed_context?: AgentContext;
}

export interface UserTokenGrant {
  account_id: string;
  external_user_id: string;
  display_name: string | null;
  expires_at: number;
  /** The `context` the customer's backend signed into the user token. */
  context?: AgentContext;
}

/** What `POST /widget/connect` created; a call links to it through the `session_id` param. */
export interface ConnectSession {
  id: string;
  account_id: string;
  agent_id: string;
  key_id: string;
  visitor: Visitor;
  created_at: number;
  call_sid: string | null;
  /** What the page sent to /widget/connect and what the visitor session carries. */
  page_context?: AgentContext;
  signed_context?: AgentContext;
  /** The page origin that opened the session: only that origin may resume it (docs/protocol.md section 9). */
  origin?: string;
  /** The one resume token that is valid now (single use), or null: continuity off, or the call ended for good. */
  resume_token?: string | null;
  /** A resume answered and not yet followed by its invite: what the next media leg brings along. */
  pending_leg?: { page_url: string | null; page_context: AgentContext | undefined } | null;
}

export type SandboxCallState = 'ringing' | 'connected' | 'closed';

export interface CallRecord {
  call_sid: string;
  /** The SDK's temporary `TJS…` id, which a hangup may still use. */
  temp_sid: string;
  session_id: string | null;
  account_id: string;
  agent_id: string;
  visitor_kind: VisitorKind | null;
  state: SandboxCallState;
  params: Record<string, string>;
  token_refreshes: number;
  started_at: number;
  connected_at: number | null;
  ended_at: number | null;
  end_reason: string | null;
  /** The visitor's rating after the call (POST /widget/feedback), or null. */
  feedback: { rating: 'up' | 'down'; comment: string | null } | null;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  origin: string | null;
  at: string;
}

const REQUEST_LOG_LIMIT = 500;

export const randomHex = (bytes: number): string => randomBytes(bytes).toString('hex');

export class SandboxState {
  readonly settings: SandboxSettings;
  readonly accounts = new Map<string, Account>();
  readonly keys = new Map<string, WidgetKeyRecord>();
  readonly refreshGrants = new Map<string, RefreshGrant>();
  readonly userTokens = new Map<string, UserTokenGrant>();
  readonly sessions = new Map<string, ConnectSession>();
  readonly calls = new Map<string, CallRecord>();
  readonly requestLog: RequestLogEntry[] = [];

  /** The sandbox's clock for grant expiry and rate windows (tests inject one). */
  readonly now: () => number;

  constructor(seed: Seed, now: () => number = Date.now) {
    this.now = now;
    this.settings = seed.settings;
    const seededAt = new Date(now()).toISOString();
    for (const account of seed.accounts) {
      this.accounts.set(account.id, account);
      for (const key of account.widget_keys) {
        this.keys.set(key.id, {
          id: key.id,
          account_id: account.id,
          public_key: key.public_key,
          name: key.name,
          domain_allowlist: [...key.domain_allowlist],
          agent_id: key.agent_id,
          disabled_at: key.disabled ? seededAt : null,
          created_at: seededAt,
          last_used_at: null,
        });
      }
    }
  }

  keyByPublicKey(publicKey: string): WidgetKeyRecord | undefined {
    for (const key of this.keys.values()) if (key.public_key === publicKey) return key;
    return undefined;
  }

  account(id: string): Account {
    const account = this.accounts.get(id);
    if (!account) throw new HttpError(500, 'server_error', `account ${id} vanished`);
    return account;
  }

  accountByApiKey(apiKey: string): Account | undefined {
    for (const account of this.accounts.values()) if (account.api_keys.includes(apiKey)) return account;
    return undefined;
  }

  agent(account: Account, agentId: string): Agent {
    const agent = account.agents.find((candidate) => candidate.id === agentId);
    if (!agent) throw new HttpError(404, 'agent_not_found', `no agent ${agentId} in this account`);
    return agent;
  }

  /** The account and key the demo page uses: the first account's first unpinned, enabled key. */
  demoKey(): WidgetKeyRecord | undefined {
    const [firstAccount] = this.accounts.keys();
    for (const key of this.keys.values()) {
      if (key.account_id === firstAccount && key.agent_id === null && key.disabled_at === null) return key;
    }
    return undefined;
  }

  logRequest(entry: RequestLogEntry): void {
    this.requestLog.push(entry);
    if (this.requestLog.length > REQUEST_LOG_LIMIT) this.requestLog.shift();
  }
}
