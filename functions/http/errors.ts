/**
 * The one map from domain error codes to HTTP statuses, and the app-wide error handler.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, type DomainErrorCode } from '../../core/errors.js';
import { jsonPointer, problemResponse } from './problem.js';

/** HTTP status of each domain error code (exhaustive: a new code does not compile until it has one). */
export const domainErrorStatus: Record<DomainErrorCode, ContentfulStatusCode> = {
  'calculation.non-finite-result': 422,
  'safety-stock.service-level-too-close-to-one': 422,
  'eoq.production-rate-not-above-demand': 422,
  'eoq.unsupported-combination': 422,
  'newsvendor.unprofitable': 422,
  'newsvendor.salvage-not-below-cost': 422,
  'forecast.seasonality-not-possible': 422,
  'forecast.not-enough-history': 422,
  'forecast.multiplicative-needs-positive-data': 422,
  'forecast.negative-demand': 422,
  'forecast.model-not-applicable': 422,
};

/** Error raised by the HTTP layer itself with a ready problem description. */
export class HttpProblem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors?: Array<{ path: string; message: string }>,
  ) {
    super(detail);
  }
}

export function handleError(err: unknown, c: Context): Response {
  if (err instanceof DomainError) {
    const path = jsonPointer(err.path);
    return problemResponse(c, {
      status: domainErrorStatus[err.code],
      code: err.code,
      title: 'The input is valid but has no meaningful answer',
      detail: err.message,
      errors: [{ path, message: err.message }],
    });
  }
  if (err instanceof HttpProblem)
    return problemResponse(c, { status: err.status, code: err.code, title: err.title, detail: err.detail, ...(err.errors ? { errors: err.errors } : {}) });
  if (err instanceof HTTPException && err.status < 500)
    return problemResponse(c, { status: err.status as ContentfulStatusCode, code: 'http-error', title: err.message || 'Request error', detail: err.message || 'The request could not be processed.' });
  console.error(JSON.stringify({ level: 'error', requestId: c.get('requestId' as never), message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined }));
  return problemResponse(c, { status: 500, code: 'internal', title: 'Internal error', detail: 'Something went wrong on our side. Quote the instance when you report it.' });
}
