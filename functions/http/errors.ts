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
  // 413: the request is larger than the server is willing to process (RFC 9110 §15.5.14), in work or in answer size.
  'request.too-much-work': 413,
  'response.too-large': 413,
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
  'stock-plan.cutoff-passed': 422,
  'stock-plan.forecast-does-not-cover-window': 422,
  'landed-cost.destination-not-covered': 422,
  'landed-cost.fx-rate-missing': 422,
  'landed-cost.amount-too-large': 422,
  'cash-flow.forecast-frequency-not-supported': 422,
  'plan.chained-input-out-of-bounds': 422,
  'scenario.not-found': 404,
  'scenario.version-mismatch': 412,
  'scenario.precondition-required': 428,
  'scenario.too-large': 413,
  'scenario.unreadable': 500,
  'scenario.idempotency-key-reused': 422,
  'scenario.idempotency-in-progress': 409,
  'scenario.kinds-differ': 422,
  'scenario.kind-immutable': 422,
  'scenario.kind-unknown': 422,
  'scenario.input-outdated': 422,
  'scenario.invalid-cursor': 400,
  'store.unavailable': 503,
};

/** Problem titles of the statuses domain errors map to other than 422. */
const statusTitles: Partial<Record<number, string>> = {
  400: 'Invalid request',
  404: 'Not found',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Content too large',
  428: 'Precondition required',
  500: 'Internal error',
  503: 'Service unavailable',
};

/** Error raised by the HTTP layer itself with a ready problem description. */
export class HttpProblem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors?: Array<{ path: string; message: string }>,
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
  }
}

export function handleError(err: unknown, c: Context): Response {
  if (err instanceof DomainError) {
    const path = jsonPointer(err.path);
    const status = domainErrorStatus[err.code];
    // Server-side faults (an unreadable stored item, the store unavailable) are logged with their cause.
    if (status >= 500) logError(c, err);
    return problemResponse(c, {
      status,
      code: err.code,
      title: statusTitles[status] ?? 'The input is valid but has no meaningful answer',
      detail: err.message,
      errors: [{ path, message: err.message }],
      ...(status === 503 || status === 409 ? { headers: { 'Retry-After': '1' } } : {}),
    });
  }
  if (err instanceof HttpProblem)
    return problemResponse(c, { status: err.status, code: err.code, title: err.title, detail: err.detail, ...(err.errors ? { errors: err.errors } : {}), ...(err.headers ? { headers: err.headers } : {}) });
  if (err instanceof HTTPException && err.status < 500)
    return problemResponse(c, { status: err.status as ContentfulStatusCode, code: 'http-error', title: err.message || 'Request error', detail: err.message || 'The request could not be processed.' });
  logError(c, err);
  return problemResponse(c, { status: 500, code: 'internal', title: 'Internal error', detail: 'Something went wrong on our side. Quote the instance when you report it.' });
}

/** One JSON log line per server-side failure, with the request id and the cause chain. */
function logError(c: Context, err: unknown): void {
  const e = err as { message?: string; stack?: string; code?: string; cause?: { message?: string; name?: string } };
  console.error(
    JSON.stringify({
      level: 'error',
      requestId: c.get('requestId' as never),
      ...(e?.code ? { code: e.code } : {}),
      message: err instanceof Error ? err.message : String(err),
      ...(e?.cause ? { cause: `${e.cause.name ?? 'Error'}: ${e.cause.message ?? String(e.cause)}` } : {}),
      stack: err instanceof Error ? err.stack : undefined,
    }),
  );
}
