/**
 * The app factory every deployed function starts from: request id, secure headers that still
 * allow cross-origin use, CORS from configuration, a body limit, RFC 9457 errors, 404 and 405.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { requestId, type RequestIdVariables } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
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

export const EXPOSED_HEADERS = ['X-Request-Id', 'ETag', 'Location', 'Retry-After', 'Allow'];
const ALLOWED_HEADERS = ['Content-Type', 'Accept', 'Authorization', 'If-Match', 'If-None-Match', 'Idempotency-Key', 'X-Request-Id'];

export function createApp(config: AppConfig): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.use(
    secureHeaders({
      // The API is meant to be called from other origins' pages: keep the defaults that protect
      // (nosniff, HSTS, no referrer) but not the ones that forbid cross-origin reads.
      crossOriginResourcePolicy: 'cross-origin',
      crossOriginOpenerPolicy: false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  // OPTIONS on an unknown path is a 404, not a blanket 204.
  app.use(async (c, next) => {
    if (c.req.method !== 'OPTIONS') return next();
    const allow = allowedMethods(app, c.req.path);
    if (allow.length === 0) return notFound(c);
    await next();
    c.res.headers.set('Allow', allow.join(', '));
  });
  app.use(
    cors({
      origin: config.corsOrigins,
      allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      allowHeaders: ALLOWED_HEADERS,
      exposeHeaders: EXPOSED_HEADERS,
      maxAge: 600,
    }),
  );
  app.use(
    bodyLimit({
      maxSize: config.maxBodyBytes,
      onError: (c) =>
        problemResponse(c, {
          status: 413,
          code: 'body-too-large',
          title: 'Request body too large',
          detail: `The request body is larger than the limit of ${config.maxBodyBytes} bytes.`,
        }),
    }),
  );
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

function notFound(c: Parameters<typeof problemResponse>[0]): Response {
  return problemResponse(c, { status: 404, code: 'not-found', title: 'Not found', detail: `There is no resource at ${c.req.path}. The API reference is at /docs.` });
}
