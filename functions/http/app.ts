/**
 * The app factory every deployed function starts from: request id, secure headers that still
 * allow cross-origin use, CORS from configuration, a body limit, RFC 9457 errors, 404 and 405.
 */
import type { Context, Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
// PatternRouter preset: a few routes per function, and ~8 KB less in every bundle than the default SmartRouter.
import { Hono } from 'hono/tiny';
import { handleError } from './errors.js';
import { problemResponse } from './problem.js';
import { reply, type AppEnv, type ResponseHeaders } from './reply.js';
import { allowedMethods } from './routes.js';
import type { KeyVerifier } from './auth.js';

export type { AppEnv } from './reply.js';

export interface AppConfig {
  /** Allowed browser origins: `*` for any, or exact origins such as `https://shop.example`. */
  corsOrigins: '*' | string[];
  /** Largest accepted request body in bytes. */
  maxBodyBytes: number;
  /** Whether calculation endpoints need an API key (`API_KEYS=required`); scenarios always do. */
  requireApiKey?: boolean;
  /** Checks API keys; without one, calculation endpoints are open and keys sent to them are not checked. */
  keys?: KeyVerifier;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads the configuration from environment variables: `CORS_ORIGINS` (comma-separated origins, or
 * `*`; default `*`), `MAX_BODY_BYTES` (default 1 MiB) and `API_KEYS` (`required` or `optional`,
 * default `optional`; the deployed stages set `required`). Called only by entry files, which add
 * the key verifier (functions/runtime.ts).
 */
export function configFromEnv(env: Record<string, string | undefined>): AppConfig {
  const origins = (env.CORS_ORIGINS ?? '*').trim();
  const maxBody = Number(env.MAX_BODY_BYTES);
  return {
    corsOrigins: origins === '*' || origins === '' ? '*' : origins.split(',').map((o) => o.trim()).filter(Boolean),
    maxBodyBytes: Number.isInteger(maxBody) && maxBody > 0 ? maxBody : DEFAULT_MAX_BODY_BYTES,
    requireApiKey: (env.API_KEYS ?? 'optional').trim().toLowerCase() === 'required',
  };
}

export const EXPOSED_HEADERS = 'X-Request-Id, ETag, Location, Retry-After, Allow';
const ALLOWED_HEADERS = 'Content-Type, Accept, Authorization, If-Match, If-None-Match, Idempotency-Key, X-Request-Id';
const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

export function createApp(config: AppConfig): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // One synchronous middleware for all conventions: every extra async layer costs a promise hop
  // on every request.
  const limit = limitBody(config.maxBodyBytes);
  app.use((c, next) => {
    setStandardHeaders(c, config.corsOrigins);
    return c.req.method === 'OPTIONS' ? Promise.resolve(answerOptions(app, c)) : limit(c, next);
  });
  app.onError(handleError);
  app.notFound((c) => {
    const allow = allowedMethods(app, c.req.path);
    if (allow.length > 0 && !allow.includes(c.req.method))
      return problemResponse(c, {
        status: 405,
        code: 'method-not-allowed',
        title: 'Method not allowed',
        detail: `${c.req.method} is not allowed on ${c.req.path}; use ${allow.join(', ')}.`,
        headers: { Allow: allow.join(', ') },
      });
    return notFound(c);
  });
  return app;
}

/** An incoming X-Request-Id is kept when it is short and plain; otherwise a new UUID is made. */
const REQUEST_ID = /^[\w\-=]{1,255}$/;

/**
 * Security headers for a JSON API (OWASP REST Security Cheat Sheet, "Security headers"): no MIME
 * sniffing, HTTPS only, no referrer, no framing by other sites. Not the defaults that forbid
 * cross-origin use: `Cross-Origin-Resource-Policy` is `cross-origin` because websites call these
 * endpoints from the browser. Browser-era extras (X-XSS-Protection, X-Download-Options,
 * X-DNS-Prefetch-Control, Flash policies) are left out: they protect HTML pages, not JSON, and
 * every byte is paid on every response.
 */
const SECURITY_HEADERS: ResponseHeaders = {
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=15552000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'SAMEORIGIN',
};

/**
 * Request id, security headers and CORS (Fetch standard): the allowed origin and exposed headers
 * go on every response, collected as a plain object that `reply()` puts on the response.
 */
function setStandardHeaders(c: Context<AppEnv>, origins: AppConfig['corsOrigins']): void {
  const incoming = c.req.header('x-request-id');
  const id = incoming !== undefined && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
  const headers: ResponseHeaders = { 'X-Request-Id': id, ...SECURITY_HEADERS };
  const origin = c.req.header('origin');
  const allowed = origins === '*' ? '*' : origin !== undefined && origins.includes(origin) ? origin : undefined;
  if (origins !== '*') headers.Vary = 'Origin';
  if (allowed) {
    headers['Access-Control-Allow-Origin'] = allowed;
    headers['Access-Control-Expose-Headers'] = EXPOSED_HEADERS;
  }
  c.set('requestId', id);
  c.set('responseHeaders', headers);
}

/**
 * OPTIONS on a known path answers 204 with `Allow` (and the preflight headers when it is a CORS
 * preflight from an allowed origin); OPTIONS on an unknown path is a 404, not a blanket 204.
 */
function answerOptions(app: Hono<AppEnv>, c: Context<AppEnv>): Response {
  const allow = allowedMethods(app, c.req.path);
  if (allow.length === 0) return notFound(c);
  const preflight = c.get('responseHeaders')['Access-Control-Allow-Origin'] !== undefined && c.req.header('access-control-request-method') !== undefined;
  return reply(c, null, 204, {
    Allow: allow.join(', '),
    ...(preflight
      ? { 'Access-Control-Allow-Methods': ALLOWED_METHODS, 'Access-Control-Allow-Headers': ALLOWED_HEADERS, 'Access-Control-Max-Age': PREFLIGHT_MAX_AGE_SECONDS }
      : {}),
  });
}

/**
 * 413 for bodies over the limit. A declared Content-Length is checked without touching the body
 * (reading `raw.body` would force the Node adapter off its fast path); only chunked bodies are
 * counted while streaming, by hono/body-limit.
 */
function limitBody(maxBytes: number): (c: Context, next: Next) => Promise<Response | void> {
  const tooLarge = (c: Context) =>
    problemResponse(c, { status: 413, code: 'body-too-large', title: 'Request body too large', detail: `The request body is larger than the limit of ${maxBytes} bytes.` });
  const streamed = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return (c: Context, next: Next): Promise<Response | void> => {
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined) return Number(declared) > maxBytes ? Promise.resolve(tooLarge(c)) : next();
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
    return streamed(c, next);
  };
}

function notFound(c: Parameters<typeof problemResponse>[0]): Response {
  return problemResponse(c, { status: 404, code: 'not-found', title: 'Not found', detail: `There is no resource at ${c.req.path}. The API reference is at /docs.` });
}
