/**
 * The app factory every deployed function starts from: request id, secure headers that still
 * allow cross-origin use, CORS from configuration, a body limit, RFC 9457 errors, 404 and 405.
 */
import type { Context, MiddlewareHandler, Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
// PatternRouter preset: a few routes per function, and ~8 KB less in every bundle than the default SmartRouter.
import { Hono } from 'hono/tiny';
import { requestId, type RequestIdVariables } from 'hono/request-id';
import { handleError } from './errors.js';
import { problemResponse } from './problem.js';
import { allowedMethods } from './routes.js';

export interface AppConfig {
  /** Allowed browser origins: `*` for any, or exact origins such as `https://shop.example`. */
  corsOrigins: '*' | string[];
  /** Largest accepted request body in bytes. */
  maxBodyBytes: number;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export type AppEnv = { Variables: RequestIdVariables };

/**
 * Reads the configuration from environment variables: `CORS_ORIGINS` (comma-separated origins, or
 * `*`; default `*`) and `MAX_BODY_BYTES` (default 1 MiB). Called only by entry files.
 */
export function configFromEnv(env: Record<string, string | undefined>): AppConfig {
  const origins = (env.CORS_ORIGINS ?? '*').trim();
  const maxBody = Number(env.MAX_BODY_BYTES);
  return {
    corsOrigins: origins === '*' || origins === '' ? '*' : origins.split(',').map((o) => o.trim()).filter(Boolean),
    maxBodyBytes: Number.isInteger(maxBody) && maxBody > 0 ? maxBody : DEFAULT_MAX_BODY_BYTES,
  };
}

export const EXPOSED_HEADERS = 'X-Request-Id, ETag, Location, Retry-After, Allow';
const ALLOWED_HEADERS = 'Content-Type, Accept, Authorization, If-Match, If-None-Match, Idempotency-Key, X-Request-Id';
const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

export function createApp(config: AppConfig): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.use(securityHeaders);
  app.use(corsAndOptions(app, config.corsOrigins));
  app.use(limitBody(config.maxBodyBytes));
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

/**
 * CORS (Fetch standard) and OPTIONS: the allowed origin and exposed headers go on every response
 * through c.header() (so the Node adapter keeps its fast path: no response re-wrapping); OPTIONS on
 * a known path answers 204 with `Allow` (and the preflight headers when it is one); OPTIONS on an
 * unknown path is a 404, not a blanket 204.
 */
function corsAndOptions(app: Hono<AppEnv>, origins: AppConfig['corsOrigins']): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = c.req.header('origin');
    const allowed = origins === '*' ? '*' : origin !== undefined && origins.includes(origin) ? origin : undefined;
    if (origins !== '*') c.header('Vary', 'Origin');
    if (allowed) {
      c.header('Access-Control-Allow-Origin', allowed);
      c.header('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
    if (c.req.method !== 'OPTIONS') return next();
    const allow = allowedMethods(app, c.req.path);
    if (allow.length === 0) return notFound(c);
    c.header('Allow', allow.join(', '));
    if (allowed && c.req.header('access-control-request-method')) {
      c.header('Access-Control-Allow-Methods', ALLOWED_METHODS);
      c.header('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      c.header('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_SECONDS);
    }
    return c.body(null, 204);
  };
}

/**
 * Security headers for a JSON API (OWASP REST Security Cheat Sheet, "Security headers"): no MIME
 * sniffing, HTTPS only, no referrer, no framing by other sites. Not the defaults that forbid
 * cross-origin use: `Cross-Origin-Resource-Policy` is `cross-origin` because websites call these
 * endpoints from the browser. Browser-era extras (X-XSS-Protection, X-Download-Options,
 * X-DNS-Prefetch-Control, Flash policies) are left out: they protect HTML pages, not JSON, and
 * every byte is paid on every response. A fixed list instead of hono/secure-headers keeps ~3 KB
 * out of every bundle.
 */
const SECURITY_HEADERS: ReadonlyArray<[string, string]> = [
  ['Cross-Origin-Resource-Policy', 'cross-origin'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'SAMEORIGIN'],
];

const securityHeaders: MiddlewareHandler = async (c, next) => {
  for (const [name, value] of SECURITY_HEADERS) c.header(name, value);
  await next();
};

/**
 * 413 for bodies over the limit. A declared Content-Length is checked without touching the body
 * (reading `raw.body` would force the Node adapter off its fast path); only chunked bodies are
 * counted while streaming, by hono/body-limit.
 */
function limitBody(maxBytes: number): MiddlewareHandler {
  const tooLarge = (c: Context) =>
    problemResponse(c, { status: 413, code: 'body-too-large', title: 'Request body too large', detail: `The request body is larger than the limit of ${maxBytes} bytes.` });
  const streamed = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async (c: Context, next: Next) => {
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined) return Number(declared) > maxBytes ? tooLarge(c) : next();
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
    return streamed(c, next);
  };
}

function notFound(c: Parameters<typeof problemResponse>[0]): Response {
  return problemResponse(c, { status: 404, code: 'not-found', title: 'Not found', detail: `There is no resource at ${c.req.path}. The API reference is at /docs.` });
}
