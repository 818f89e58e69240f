/**
 * The response-size bound: AWS Lambda answers synchronous invocations of at most 6 MB
 * (6,291,456 bytes of payload, headers included), so a JSON answer larger than that fails after
 * the work is done and billed. Requests whose estimated answer is over RESPONSE_LIMIT_BYTES are
 * refused before the work (413 `response.too-large`, pointing to `?format=csv`, a smaller
 * `detail` or smaller requests), and every answer is measured after serialising as a backstop.
 */
import { DomainError } from '../errors.js';

/** Largest JSON body answered: 6,000,000 bytes, leaving room under Lambda's 6 MB for headers and the invocation envelope. */
export const RESPONSE_LIMIT_BYTES = 6_000_000;

/**
 * Bytes per unit of the large answers, measured on the bench requests (scripts/bench/work-budget.ts
 * prints the estimate next to the measured size): landed cost 2,000 items full 10.97 MB, summary
 * 4.04 MB; promo plan 2,000 SKUs × 2 modes in summary 13.66 MB; forecast batch per series and
 * per period. Rounded up by ~5 % so the estimate errs on the large side.
 */
export const RESPONSE_BYTES = {
  landedCostItemFull: 5_800,
  landedCostItemSummary: 2_150,
  /** A plan SKU's own part (its stock plan, decisions), besides one landed-cost item per mode. */
  planSku: 3_000,
  forecastSeries: 900,
  forecastPeriod: 80,
  forecastPeriodPerLevel: 50,
  /** detail full: a fitted value and a residual per history point. */
  forecastFullPerPoint: 45,
} as const;

export interface SizeEstimate {
  bytes: number;
  path: Array<string | number>;
  label: string;
  /** The smaller detail to suggest, e.g. `detail "summary"`. */
  smaller: string;
}

export const sizeOf = (bytes: number, path: Array<string | number>, label: string, smaller: string): SizeEstimate => ({ bytes, path, label, smaller });

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/** Refuses a request whose JSON answer would exceed the limit. */
export function assertResponseFits(estimate: SizeEstimate | undefined, limitBytes = RESPONSE_LIMIT_BYTES): void {
  if (!estimate || estimate.bytes <= limitBytes) return;
  throw responseTooLarge(estimate.bytes, limitBytes, `${estimate.label} at /${estimate.path.join('/')}; or ${estimate.smaller}`, estimate.path);
}

/** The error for an answer over the limit (estimated or measured). */
export function responseTooLarge(bytes: number, limitBytes = RESPONSE_LIMIT_BYTES, because = '', path: Array<string | number> = []): DomainError {
  return new DomainError(
    'response.too-large',
    `the JSON answer would be about ${mb(bytes)} MB, more than the ${mb(limitBytes)} MB one response may carry${because ? ` (${because})` : ''}. Ask for ?format=csv, a smaller detail, or split the request (a jobs API for large runs is planned).`,
    path,
  );
}
