/**
 * RFC 9457 problem details. Every error response of every function goes through here.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { reply } from './reply.js';

export interface FieldError {
  /** JSON pointer (RFC 6901) to the offending field of the request body or assembled query. */
  path: string;
  message: string;
}

export interface ProblemInit {
  status: ContentfulStatusCode;
  /** Short stable slug, e.g. `validation`, `not-found`; becomes the `type` URI. */
  code: string;
  title: string;
  detail: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Relative URI of a problem type; `GET /problems/{code}` documents it. */
export const problemType = (code: string) => `/problems/${code}`;

export function problemResponse(c: Context, init: ProblemInit): Response {
  const body = {
    type: problemType(init.code),
    title: init.title,
    status: init.status,
    detail: init.detail,
    instance: requestIdOf(c),
    ...(init.errors ? { errors: init.errors } : {}),
  };
  return reply(c, JSON.stringify(body), init.status, { 'Content-Type': PROBLEM_CONTENT_TYPE, ...init.headers });
}

function requestIdOf(c: Context): string {
  const id = c.get('requestId' as never) as unknown;
  return typeof id === 'string' ? `urn:request:${id}` : 'urn:request:unknown';
}

/** JSON pointer for a path of keys and indexes: ['demand', 'mean'] -> '/demand/mean'. */
export function jsonPointer(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p) => '/' + String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}
