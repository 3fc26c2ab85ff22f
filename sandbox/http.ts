// Small HTTP vocabulary shared by every route: a typed error that becomes Kataven's plain-text error body,
// a reply shape, and body/header readers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';

/**
 * A request over HTTP/2 (what browsers choose when the server offers it, as a production API and CDN do) or HTTP/1.1
 * (Node's fetch, curl, and every WebSocket).
 */
export type SandboxRequest = IncomingMessage | Http2ServerRequest;
export type SandboxResponse = ServerResponse | Http2ServerResponse;

/** The host the client asked for: `Host` over HTTP/1.1, `:authority` over HTTP/2. */
export function requestHost(req: SandboxRequest): string | undefined {
  const host = req.headers.host ?? req.headers[':authority'];
  return typeof host === 'string' ? host : undefined;
}

/** A refusal with Kataven's wire shape: `text/plain` body `code: message`, optional Retry-After. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
  get body(): string {
    return this.message ? `${this.code}: ${this.message}` : this.code;
  }
}

export interface Reply {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export const jsonReply = (json: unknown, status = 200): Reply => ({ status, json });

export const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PATCH, DELETE',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Expose-Headers': 'Retry-After',
  'Access-Control-Max-Age': '600',
};

export function writeReply(res: SandboxResponse, reply: Reply, extraHeaders: Record<string, string> = {}): void {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store', ...extraHeaders, ...reply.headers };
  let body = '';
  if (reply.json !== undefined) {
    headers['Content-Type'] = 'application/json; charset=utf-8';
    body = JSON.stringify(reply.json);
  } else if (reply.text !== undefined) {
    headers['Content-Type'] = 'text/plain; charset=utf-8';
    body = reply.text;
  }
  res.writeHead(reply.status, headers);
  res.end(body);
}

export function errorReply(error: HttpError): Reply {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) headers['Retry-After'] = String(error.retryAfterSeconds);
  return { status: error.status, text: error.body, headers };
}

const MAX_BODY_BYTES = 64 * 1024;

export async function readBody(req: SandboxRequest): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(400, 'invalid_body', 'body is too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON object body; an empty body counts as `{}` so that missing fields get their own error codes. */
export function parseJsonObject(raw: string): Record<string, unknown> {
  if (raw.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'invalid_body', 'body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, 'invalid_body', 'body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

export function bearerToken(req: SandboxRequest): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/** The calling page's origin: `Origin`, else the origin of `Referer`, else undefined. */
export function requestOrigin(req: SandboxRequest): string | undefined {
  const origin = req.headers.origin;
  if (origin && origin !== 'null') return origin;
  const referer = req.headers.referer;
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

export function isLoopbackAddress(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new HttpError(400, 'invalid_body', `${field} must be a string`);
  return value;
}
