/**
 * Every response of every function is built here, with the request's standard headers (request
 * id, CORS, security) as a plain object. A plain header object also keeps @hono/node-server on its
 * fast path (a Headers instance makes it copy and sort every header on every response).
 */
import type { Context } from 'hono';

export type ResponseHeaders = Record<string, string>;

/** Who the request acts for, set by the API-key middleware (functions/http/auth.ts). */
export interface RequestPrincipal {
  tenant: string;
  keyId: string;
  kind: 'secret' | 'publishable';
  scopes: string[];
  origins: string[];
}

export type AppEnv = { Variables: { requestId: string; responseHeaders: ResponseHeaders; principal?: RequestPrincipal } };

export const JSON_TYPE = 'application/json; charset=utf-8';

export function reply(c: Context, body: BodyInit | null, status: number, headers: ResponseHeaders = {}): Response {
  const base = (c.get('responseHeaders' as never) as ResponseHeaders | undefined) ?? {};
  return new Response(body, { status, headers: { ...base, ...headers } });
}

export function replyJson(c: Context, value: unknown, status = 200, headers: ResponseHeaders = {}): Response {
  return reply(c, JSON.stringify(value), status, { 'Content-Type': JSON_TYPE, ...headers });
}
