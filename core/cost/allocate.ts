/**
 * Exact allocation of money in minor units. A shipment-level amount is rounded once, to the
 * currency's minor unit, and split over the SKUs by largest remainder in proportion to the exact
 * (unrounded) SKU amounts, so the SKU parts add up exactly to the rounded total and each part is
 * within one minor unit of its exact value (core/money.ts, `largestRemainder`).
 */
import { DomainError } from '../errors.js';
import { largestRemainder, snap } from '../money.js';

/**
 * Largest total handled in minor units: sums of integers stay exact far below 2^53 ≈ 9.007e15, and
 * the largest-remainder loops stay short.
 */
export const MAX_TOTAL_MINOR_UNITS = 1e14;

/** Whole minor units of an exact non-negative amount, half-up; a DomainError above MAX_TOTAL_MINOR_UNITS. */
export function totalMinor(exact: number, digits: number, what: string): number {
  const scaled = snap(exact * 10 ** digits);
  if (!(scaled <= MAX_TOTAL_MINOR_UNITS))
    throw new DomainError('landed-cost.amount-too-large', `the shipment total of ${what} (${exact}) is more than ${MAX_TOTAL_MINOR_UNITS / 10 ** digits} in the currency: split the shipment or check the units of the amounts`);
  return Math.floor(Math.abs(scaled) + 0.5) * Math.sign(scaled);
}

/**
 * The rounded total of `exactParts` and its split over the parts, in minor units.
 * @example allocateMinor([1.005, 2.0025, 0.0025], 2, 'x') // { total: 301, parts: [101, 200, 0] }: 100.5 + 200.25 + 0.25 cents; the missing cent goes to the largest remainder
 */
export function allocateMinor(exactParts: readonly number[], digits: number, what: string): { total: number; parts: number[] } {
  let sum = 0;
  for (const x of exactParts) sum += x;
  const total = totalMinor(sum, digits, what);
  if (total === 0) return { total, parts: exactParts.map(() => 0) };
  // Parts that are already whole minor units (per-unit amount × units, e.g. 0.90 × 400) and add up
  // to the total are their own quotas: largest remainder would return them unchanged.
  const scale = 10 ** digits;
  const whole = new Array<number>(exactParts.length);
  let wholeSum = 0;
  for (let i = 0; i < exactParts.length; i++) {
    const x = exactParts[i]! * scale;
    const r = Math.round(x);
    if (!(Math.abs(x - r) <= 1e-6)) return { total, parts: largestRemainder(total, exactParts) };
    whole[i] = r;
    wholeSum += r;
  }
  return { total, parts: wholeSum === total ? whole : largestRemainder(total, exactParts) };
}

/** Shares w_i ÷ Σw (full precision); equal shares when every weight is 0. */
export function shares(weights: readonly number[]): number[] {
  let sum = 0;
  for (const w of weights) sum += w;
  if (!(sum > 0)) return weights.map(() => 1 / weights.length);
  return weights.map((w) => w / sum);
}
