// What every API route handler receives.
import type { AuthLimits } from './auth-limits';
import type { CallBook } from './call-book';
import type { PendingFaults } from './faults';
import type { Reply, SandboxRequest } from './http';
import type { SandboxState } from './state';
import type { TokenAuthority } from './tokens';

export interface RouteContext {
  req: SandboxRequest;
  url: URL;
  /** Named path segments, e.g. `{ id }` for /v1/widget-keys/{id}. */
  params: Record<string, string>;
  /** The JSON object body (`{}` when empty); 400 invalid_body when it is not an object. */
  body(): Promise<Record<string, unknown>>;
  state: SandboxState;
  tokens: TokenAuthority;
  calls: CallBook;
  faults: PendingFaults;
  authLimits: AuthLimits;
}

export type RouteHandler = (ctx: RouteContext) => Promise<Reply>;
