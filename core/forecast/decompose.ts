/**
 * Classical seasonal decomposition and the seasonality test of the Theta method.
 *
 * Sources:
 * - Classical decomposition (Hyndman & Athanasopoulos, FPP 2nd ed. §6.3; Makridakis, Wheelwright &
 *   Hyndman, *Forecasting: Methods and Applications*, 3rd ed. §4/3): trend T_t = the centred moving
 *   average of order m (a 2×m-MA for even m: weights ½, 1, …, 1, ½ over m + 1 points, divided by
 *   m; a plain m-MA for odd m; undefined for the first and last ⌊m/2⌋ points); detrended series
 *   y_t/T_t (multiplicative) or y_t − T_t (additive); the seasonal index of each position in the
 *   cycle is the mean of its detrended values, normalised to average 1 (multiplicative) or 0
 *   (additive); remainder y_t/(T_t S_t) or y_t − T_t − S_t. Implemented as R `stats::decompose`
 *   (positions counted from the first observation, missing detrended values skipped in the means).
 * - Seasonality test of `forecast::thetaf` (Hyndman & Billah 2003, "Unmasking the Theta method",
 *   IJF 19:287–290; after Assimakopoulos & Nikolopoulos 2000, IJF 16:521–530): the series is
 *   seasonal at lag m when |r_m| > q·√((1 + 2·Σ_{k=1}^{m−1} r_k²)/n), r_k the sample autocorrelation
 *   and q the one-sided normal quantile (q = Φ⁻¹(0.95) ≈ 1.645, a 90% two-sided test); the standard
 *   error is Bartlett's formula for the autocorrelation at lag m under an MA(m − 1) null
 *   (Box, Jenkins & Reinsel, *Time Series Analysis*, 4th ed., eq. 2.1.15). As in `thetaf` the test
 *   needs m > 1, a non-constant series and n > 2m.
 * - Sample autocorrelation as R `stats::acf`: r_k = c_k/c_0, c_k = (1/n)·Σ_{t=1}^{n−k}(y_t − ȳ)(y_{t+k} − ȳ)
 *   (Box, Jenkins & Reinsel eq. 2.1.12).
 */
import { normalQuantile } from '../stats/normal.js';

export type DecompositionType = 'additive' | 'multiplicative';

export interface ClassicalDecomposition {
  type: DecompositionType;
  seasonLength: number;
  /** Centred moving average, NaN for the first and last ⌊m/2⌋ periods (and where a window has a gap). */
  trend: Float64Array;
  /** Seasonal component for every period: seasonalIndices[t mod m]. */
  seasonal: Float64Array;
  /** The m normalised seasonal indices; index i is the position i periods after the first observation, mod m. */
  seasonalIndices: Float64Array;
  /** y/(trend·seasonal) or y − trend − seasonal. */
  remainder: Float64Array;
}

/**
 * Centred moving average of order m (2×m-MA for even m), NaN where the window leaves the series
 * or contains a NaN. O(n·m) with no allocation beyond the result.
 * @example Array.from(centredMovingAverage(new Float64Array([1, 2, 3, 4, 5]), 2)) // [NaN, 2, 3, 4, NaN]
 */
export function centredMovingAverage(values: Float64Array, order: number): Float64Array {
  if (!Number.isInteger(order) || order < 1) throw new RangeError(`order must be an integer ≥ 1, got ${order}`);
  const n = values.length;
  const result = new Float64Array(n).fill(Number.NaN);
  const half = Math.floor(order / 2);
  const even = order % 2 === 0;
  for (let t = half; t < n - half; t++) {
    let sum = 0;
    if (even) {
      sum = 0.5 * (values[t - half]! + values[t + half]!);
      for (let j = t - half + 1; j < t + half; j++) sum += values[j]!;
    } else {
      for (let j = t - half; j <= t + half; j++) sum += values[j]!;
    }
    result[t] = sum / order;
  }
  return result;
}

/**
 * Classical additive or multiplicative decomposition with season length m ≥ 2 (needs at least
 * 2m periods, as R `decompose`). Missing values (NaN) propagate to the trend and are skipped in
 * the seasonal means.
 * @example Array.from(classicalDecomposition([1, 3, 2, 4, 3, 5], 2, 'additive').seasonalIndices) // [-0.75, 0.75]
 */
export function classicalDecomposition(y: ArrayLike<number | null | undefined>, seasonLength: number, type: DecompositionType): ClassicalDecomposition {
  if (!Number.isInteger(seasonLength) || seasonLength < 2) throw new RangeError(`seasonLength must be an integer ≥ 2, got ${seasonLength}`);
  const n = y.length;
  const values = new Float64Array(n);
  let observed = 0;
  for (let t = 0; t < n; t++) {
    const value = y[t];
    values[t] = typeof value === 'number' && Number.isFinite(value) ? value : Number.NaN;
    if (!Number.isNaN(values[t]!)) observed++;
  }
  if (observed < 2 * seasonLength) throw new RangeError(`classical decomposition needs at least two full seasons (${2 * seasonLength} observations), got ${observed}`);
  const multiplicative = type === 'multiplicative';
  const trend = centredMovingAverage(values, seasonLength);
  const indexSums = new Float64Array(seasonLength);
  const indexCounts = new Float64Array(seasonLength);
  for (let t = 0; t < n; t++) {
    const detrended = multiplicative ? values[t]! / trend[t]! : values[t]! - trend[t]!;
    if (Number.isNaN(detrended)) continue;
    const position = t % seasonLength;
    indexSums[position] = indexSums[position]! + detrended;
    indexCounts[position] = indexCounts[position]! + 1;
  }
  const seasonalIndices = new Float64Array(seasonLength);
  let indexMean = 0;
  for (let i = 0; i < seasonLength; i++) {
    seasonalIndices[i] = indexSums[i]! / indexCounts[i]!;
    indexMean += seasonalIndices[i]!;
  }
  indexMean /= seasonLength;
  for (let i = 0; i < seasonLength; i++) seasonalIndices[i] = multiplicative ? seasonalIndices[i]! / indexMean : seasonalIndices[i]! - indexMean;
  const seasonal = new Float64Array(n);
  const remainder = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const index = seasonalIndices[t % seasonLength]!;
    seasonal[t] = index;
    remainder[t] = multiplicative ? values[t]! / (trend[t]! * index) : values[t]! - trend[t]! - index;
  }
  return { type, seasonLength, trend, seasonal, seasonalIndices, remainder };
}

/**
 * Sample autocorrelations r_1 … r_maxLag as R `acf` (mean removed, denominator n). A constant
 * series has c_0 = 0 and gives NaN. The values must be finite.
 * @example Array.from(autocorrelations(new Float64Array([1, 2, 3, 4]), 1)) // [0.25]
 */
export function autocorrelations(values: Float64Array, maxLag: number): Float64Array {
  const n = values.length;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += values[t]!;
  mean /= n;
  let c0 = 0;
  for (let t = 0; t < n; t++) c0 += (values[t]! - mean) * (values[t]! - mean);
  const result = new Float64Array(maxLag);
  for (let k = 1; k <= maxLag; k++) {
    let ck = 0;
    for (let t = 0; t + k < n; t++) ck += (values[t]! - mean) * (values[t + k]! - mean);
    result[k - 1] = ck / c0;
  }
  return result;
}

export interface SeasonalityTestResult {
  seasonal: boolean;
  /** r_m, the autocorrelation at the seasonal lag (NaN when the test does not apply). */
  autocorrelation: number;
  /** √((1 + 2Σ_{k<m} r_k²)/n), the standard error of r_m. */
  standardError: number;
  /** The quantile q the ratio |r_m|/standardError is compared with. */
  criticalValue: number;
}

/**
 * Seasonality test of `forecast::thetaf` (see the module comment): seasonal when
 * |r_m| / √((1 + 2Σ_{k=1}^{m−1} r_k²)/n) > Φ⁻¹((1 + confidence)/2); confidence 0.9 by default,
 * i.e. the quantile 1.6448536269514722 that thetaf takes from `qnorm(0.95)`. Not seasonal when
 * m ≤ 1, n ≤ 2m, a value is missing or the series is constant.
 * @example thetaSeasonalityTest(Array.from({ length: 48 }, (_, t) => 10 + (t % 4)), 4).seasonal // true
 */
export function thetaSeasonalityTest(y: ArrayLike<number | null | undefined>, seasonLength: number, confidence = 0.9): SeasonalityTestResult {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const criticalValue = normalQuantile((1 + confidence) / 2);
  const notSeasonal = { seasonal: false, autocorrelation: Number.NaN, standardError: Number.NaN, criticalValue };
  const n = y.length;
  if (!(seasonLength > 1) || n <= 2 * seasonLength) return notSeasonal;
  const values = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const value = y[t];
    if (typeof value !== 'number' || !Number.isFinite(value)) return notSeasonal;
    values[t] = value;
  }
  let constant = true;
  for (let t = 1; t < n && constant; t++) constant = values[t] === values[0];
  if (constant) return notSeasonal;
  const r = autocorrelations(values, seasonLength);
  let sumSquares = 0;
  for (let k = 0; k < seasonLength - 1; k++) sumSquares += r[k]! * r[k]!;
  const standardError = Math.sqrt((1 + 2 * sumSquares) / n);
  const autocorrelation = r[seasonLength - 1]!;
  return { seasonal: Math.abs(autocorrelation) / standardError > criticalValue, autocorrelation, standardError, criticalValue };
}
