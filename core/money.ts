/**
 * Money in the currency's minor unit: ISO 4217 decimals, half-up rounding once at the output,
 * and the largest-remainder split that makes parts add up exactly to a rounded whole. Shared by
 * the GMV target breakdown (core/forecast/target.ts) and the landed cost (core/cost/).
 *
 * Sources:
 * - Minor units of a currency (JPY 0, USD 2, KWD 3 decimals, …): ISO 4217 List One (SIX, the ISO
 *   4217 maintenance agency), column "Minor unit"; codes not in the table below use 2.
 * - Rounding of money: half away from zero ("half-up" in commerce; IEEE 754-2019
 *   roundTiesToAway, Java `RoundingMode.HALF_UP`), once, at the output. Before rounding, a value is
 *   snapped to 15 significant digits (the precision spreadsheets show) so that binary noise such as
 *   1.005 × 100 = 100.49999999999999 does not turn a decimal half into a round-down.
 * - Largest remainder (Hamilton): floor every exact quota, then give the units still missing to the
 *   largest fractional remainders, so the parts add up exactly to the whole and each part is within
 *   one unit of its quota (Balinski & Young, *Fair Representation*, 2nd ed. 2001; M. Fowler,
 *   *Patterns of Enterprise Application Architecture* (2002), Money pattern, `allocate`; dinero.js
 *   `allocate`). Ties go to the larger weight, then to the earlier entry.
 */

/**
 * ISO 4217 currencies whose minor unit is not 2 decimals (ISO 4217 List One; funds and metals
 * codes with no minor unit are left at the default 2).
 */
const MINOR_UNITS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

/** Decimals of the currency's minor unit (ISO 4217), 2 when the code is not listed. */
export function minorUnitDigits(currency: string): number {
  return Object.hasOwn(MINOR_UNITS, currency) ? MINOR_UNITS[currency]! : 2;
}

/** x snapped to 15 significant digits: removes binary noise before rounding or flooring. */
export const snap = (x: number): number => (x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(15)));

/**
 * Bound on how far snapping moves a value, relative to it: toPrecision(15) moves x by at most
 * 0.5·10^(e−14) ≤ 5e-15·|x| (10^e ≤ |x|); 1e-13 leaves a 20× margin. Away from the points where
 * the snap could change a result (a half for rounding, an integer for flooring, a near-tie between
 * remainders) the fast paths below skip the (slow) string round trip and give the same answer.
 */
const SNAP_BOUND = 1e-13;

/** Rounds half away from zero to an integer, after snapping to 15 significant digits. */
export function roundHalfUp(x: number): number {
  const a = Math.abs(x);
  const f = a - Math.floor(a);
  const r = Math.abs(f - 0.5) > SNAP_BOUND * a ? Math.floor(a + 0.5) : Math.floor(snap(a) + 0.5);
  return x < 0 && r !== 0 ? -r : r;
}

/** An amount in whole minor units of the currency (e.g. cents), rounded half-up. */
export function toMinorUnits(amount: number, digits: number): number {
  return roundHalfUp(amount * 10 ** digits);
}

/** Minor units back to an amount in the currency (e.g. 1234567 cents → 12345.67). */
export function fromMinorUnits(minor: number, digits: number): number {
  const amount = minor / 10 ** digits;
  return amount === 0 ? 0 : amount;
}

/** An amount rounded half-up to the currency's minor unit. */
export function roundMoney(amount: number, digits: number): number {
  return fromMinorUnits(toMinorUnits(amount, digits), digits);
}

/**
 * Splits a whole number `total` (≥ 0) into whole parts proportional to `weights` (≥ 0, not all 0)
 * by the largest-remainder (Hamilton) method: the parts add up exactly to `total`, each part is
 * the floor or the ceiling of its exact quota total·wᵢ/Σw, and a zero weight gets 0.
 * @example largestRemainder(10, [0.25, 0.25, 0.5]) // [3, 2, 5] (rounding each quota would give 3 + 3 + 5 = 11)
 */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  // Fast path (same result as largestRemainderExact): quotas away from an integer are not snapped
  // (the snap cannot change their floor, and moves their remainder by at most SNAP_BOUND·quota);
  // when no two remainders at the cut are that close, the same entries get the missing units.
  const n = weights.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i]!;
  if (!(sum > 0)) return weights.map(() => 0);
  const parts = new Array<number>(n);
  const remainders = new Float64Array(n);
  const order: number[] = [];
  let assigned = 0;
  let maxQuota = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!(w > 0)) {
      parts[i] = 0;
      continue;
    }
    let q = total * (w / sum);
    let fl = Math.floor(q);
    let f = q - fl;
    // Near an integer the snap may change the floor: snap this quota exactly as the reference does.
    if (f <= SNAP_BOUND * q || 1 - f <= SNAP_BOUND * q) {
      q = snap(q);
      fl = Math.floor(q);
      f = q - fl;
    }
    parts[i] = fl;
    remainders[i] = f;
    assigned += fl;
    if (q > maxQuota) maxQuota = q;
    order.push(i);
  }
  const missing = total - assigned;
  if (missing === 0) return parts;
  if (missing < 0 || missing >= order.length || !Number.isInteger(missing)) return largestRemainderExact(total, weights);
  order.sort((a, b) => remainders[b]! - remainders[a]! || weights[b]! - weights[a]! || a - b);
  // Remainders within the snap's reach of the cut could be reordered by snapping, unless they all
  // come from one weight (then their quotas, snapped or not, are identical: exact ties by index).
  const band = 2 * SNAP_BOUND * maxQuota;
  const cut = remainders[order[missing - 1]!]!;
  if (cut - remainders[order[missing]!]! <= band) {
    const weight = weights[order[missing - 1]!]!;
    for (let k = missing - 1; k >= 0 && cut - remainders[order[k]!]! >= -band; k--) if (weights[order[k]!] !== weight) return largestRemainderExact(total, weights);
    for (let k = missing; k < order.length && cut - remainders[order[k]!]! <= band; k++) if (weights[order[k]!] !== weight) return largestRemainderExact(total, weights);
  }
  for (let k = 0; k < missing; k++) parts[order[k]!]! += 1;
  return parts;
}

/** largestRemainder with every quota snapped to 15 significant digits (the reference; the fast path falls back to it). */
export function largestRemainderExact(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, w) => a + w, 0);
  if (!(sum > 0)) return weights.map(() => 0);
  const quotas = weights.map((w) => snap(total * (w / sum)));
  const parts = quotas.map((q) => Math.floor(q));
  let missing = total - parts.reduce((a, p) => a + p, 0);
  // Largest remainder first; ties to the larger weight, then to the earlier entry.
  const order = weights
    .map((_, i) => i)
    .filter((i) => weights[i]! > 0)
    .sort((a, b) => quotas[b]! - parts[b]! - (quotas[a]! - parts[a]!) || weights[b]! - weights[a]! || a - b);
  // Exact arithmetic leaves 0 ≤ missing < order.length; the loops also absorb float noise.
  for (let k = 0; missing > 0; k = (k + 1) % order.length, missing--) parts[order[k]!]! += 1;
  for (let k = order.length - 1; missing < 0; k = (k - 1 + order.length) % order.length) {
    const i = order[k]!;
    if (parts[i]! > 0) {
      parts[i]! -= 1;
      missing++;
    }
  }
  return parts;
}
