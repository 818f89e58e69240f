/**
 * Domain errors: one class, a stable dotted code per failure. The HTTP layer maps each code to a
 * status in one exhaustive table (functions/http/errors.ts), so adding a code without deciding its
 * status fails the type-check.
 */
export const domainErrorCodes = [
  'calculation.non-finite-result',
  'request.too-much-work',
  'response.too-large',
  'safety-stock.service-level-too-close-to-one',
  'eoq.production-rate-not-above-demand',
  'eoq.unsupported-combination',
  'newsvendor.unprofitable',
  'newsvendor.salvage-not-below-cost',
  'forecast.seasonality-not-possible',
  'forecast.not-enough-history',
  'forecast.multiplicative-needs-positive-data',
  'forecast.negative-demand',
  'forecast.model-not-applicable',
  'stock-plan.cutoff-passed',
  'stock-plan.forecast-does-not-cover-window',
  'landed-cost.destination-not-covered',
  'landed-cost.fx-rate-missing',
  'landed-cost.amount-too-large',
  'cash-flow.forecast-frequency-not-supported',
  'plan.chained-input-out-of-bounds',
  'scenario.not-found',
  'scenario.version-mismatch',
  'scenario.precondition-required',
  'scenario.too-large',
  'scenario.unreadable',
  'scenario.idempotency-key-reused',
  'scenario.idempotency-in-progress',
  'scenario.kinds-differ',
  'scenario.kind-immutable',
  'scenario.kind-unknown',
  'scenario.input-outdated',
  'scenario.invalid-cursor',
  'store.unavailable',
] as const;

export type DomainErrorCode = (typeof domainErrorCodes)[number];

export class DomainError extends Error {
  override readonly name = 'DomainError';
  /**
   * @param code stable machine-readable code, e.g. `safety-stock.service-level-too-close-to-one`
   * @param message human-readable explanation, safe to show to the caller
   * @param path JSON path (segments) of the input field the error is about, when there is one
   */
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly path: ReadonlyArray<string | number> = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
