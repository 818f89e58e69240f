/**
 * Benchmark methods: naive (random walk), seasonal naive, historical mean, moving average and
 * drift. Each returns a {@link ModelFit} with one-step fitted values, residuals, flat (or seasonal,
 * or linear) point forecasts and the analytical variance of the h-step forecast error.
 *
 * Sources: Hyndman & Athanasopoulos, *Forecasting: Principles and Practice* (FPP), 2nd ed. §3.1
 * (the methods) and §3.5 / 3rd ed. §5.5 Table 5.2 (h-step standard deviations), with σ² the
 * variance of the one-step errors:
 * - naive: σ²·h;
 * - seasonal naive: σ²·(k + 1), k = ⌊(h − 1)/m⌋;
 * - mean of T observations: σ²·(1 + 1/T) (σ̂ = sample standard deviation of the history);
 * - moving average of the last k observations: σ²·(1 + 1/k), the same formula for the mean of the
 *   last k values under the iid model y_t = μ + ε_t;
 * - drift: σ²·h·(1 + h/(T − 1)).
 * σ² is estimated as in R `forecast` (Hyndman & Khandakar 2008, J. Stat. Softw. 27(3)), function
 * `lagwalk`/`rwf`: the mean squared one-step error for naive and seasonal naive; for drift, the
 * residual variance of the regression of the first differences on a constant
 * (Σ(d_t − b)²/(N − 1), N differences), whose slope standard error σ/√N gives the h/(T − 1) term.
 *
 * Missing values (`null`, NaN) are allowed: a fitted value or residual that needs a missing value is
 * NaN; σ² uses the available one-step errors (NaN, and so are the variances, when there are
 * none, e.g. a single observation); forecasts start from the last observed value of
 * each needed position, and the variance counts the extra steps from that observation (a random
 * walk observed d periods before the end has its variance grow by σ² per period since then).
 * All methods are O(n) with one Float64Array copy of the history.
 */
import type { ModelFit } from './types.js';

/** A history as the methods accept it: oldest first, `null` (or NaN) for a missing period. */
export type HistoryValues = ArrayLike<number | null | undefined>;

/** The history as a Float64Array with NaN for missing or non-finite values. */
export function historyToFloat64(y: HistoryValues): Float64Array {
  const values = new Float64Array(y.length);
  for (let t = 0; t < y.length; t++) {
    const value = y[t];
    values[t] = typeof value === 'number' && Number.isFinite(value) ? value : Number.NaN;
  }
  return values;
}

/** Checks that `horizon` is a positive integer. */
export function assertHorizon(horizon: number): void {
  if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`horizon must be an integer ≥ 1, got ${horizon}`);
}

function assertPositiveInteger(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be an integer ≥ 1, got ${value}`);
}

/** Mean of the squares of the non-NaN values of `errors`, NaN when there are none. */
function meanSquare(errors: Float64Array): number {
  let sum = 0;
  let count = 0;
  for (let t = 0; t < errors.length; t++) {
    const error = errors[t]!;
    if (Number.isNaN(error)) continue;
    sum += error * error;
    count++;
  }
  return count === 0 ? Number.NaN : sum / count;
}

/**
 * Mean squared first difference Σ(y_t − y_{t−1})²/(pairs), skipping pairs with a missing value; NaN
 * when there is no pair. The one-step variation that stands in for σ² where a model has no
 * residuals of its own (seasonal naive on exactly one season, fits on too few points).
 * @example meanSquaredFirstDifference([1, 2, 4]) // 2.5
 */
export function meanSquaredFirstDifference(y: HistoryValues): number {
  const values = historyToFloat64(y);
  return values.length < 2 ? Number.NaN : meanSquare(residualsOf(values.subarray(1), values.subarray(0, values.length - 1)));
}

/** A plain array copy of a Float64Array (an indexed loop: faster than Array.from on typed arrays in V8). */
function toNumberArray(values: Float64Array): number[] {
  const result = new Array<number>(values.length);
  for (let t = 0; t < values.length; t++) result[t] = values[t]!;
  return result;
}

function residualsOf(values: Float64Array, fitted: Float64Array): Float64Array {
  const residuals = new Float64Array(values.length);
  for (let t = 0; t < values.length; t++) residuals[t] = values[t]! - fitted[t]!;
  return residuals;
}

export interface NaiveOptions {
  /** Number of periods to forecast, ≥ 1. */
  horizon: number;
}

export interface SeasonalNaiveOptions extends NaiveOptions {
  /** Season length m ≥ 1 (1 gives the naive method). */
  seasonLength: number;
}

/**
 * Seasonal random walk core shared by naive (m = 1) and seasonal naive: ŷ_{n+h} = y_{n+h−m(k+1)},
 * Var = σ²(k + 1), k = ⌊(h − 1)/m⌋ (FPP §3.5), σ² = mean squared lag-m difference.
 */
function laggedWalk(y: HistoryValues, horizon: number, lag: number, method: string): ModelFit {
  assertHorizon(horizon);
  const values = historyToFloat64(y);
  const n = values.length;
  if (n < lag) throw new RangeError(`${method} needs at least ${lag} observation(s), got ${n}`);
  const fitted = new Float64Array(n).fill(Number.NaN);
  for (let t = lag; t < n; t++) fitted[t] = values[t - lag]!;
  const residuals = residualsOf(values, fitted);
  let sigma2 = meanSquare(residuals);
  // Exactly one season (n = m): no seasonal difference exists yet. The one-step variation
  // (mean squared first difference) stands in for σ², so a seller with one year of data still gets
  // a finite, if rough, interval; the caller is told (`varianceBasis`).
  let varianceBasis: 'lagged-differences' | 'first-differences' | 'none' = 'lagged-differences';
  if (!Number.isFinite(sigma2) && lag > 1) {
    sigma2 = meanSquaredFirstDifference(values);
    varianceBasis = 'first-differences';
  }
  if (!Number.isFinite(sigma2)) {
    sigma2 = 0;
    varianceBasis = 'none';
  }
  const forecast = new Array<number>(horizon);
  const forecastVariance = new Array<number>(horizon);
  for (let h = 1; h <= horizon; h++) {
    // The most recent observed value at the same season position as n + h − 1 (0-based).
    let source = n - lag + ((h - 1) % lag);
    while (source >= 0 && Number.isNaN(values[source]!)) source -= lag;
    forecast[h - 1] = source >= 0 ? values[source]! : Number.NaN;
    forecastVariance[h - 1] = source >= 0 ? (sigma2 * (n + h - 1 - source)) / lag : Number.NaN;
  }
  const lastSeason = Array.from(values.subarray(n - lag));
  return {
    method,
    fitted: toNumberArray(fitted),
    residuals: toNumberArray(residuals),
    forecast,
    forecastVariance,
    parameters: lag === 1 ? {} : { seasonLength: lag },
    states: { initial: {}, final: lag === 1 ? { level: lastSeason[0]! } : { seasonal: lastSeason } },
    sigma2,
    parameterCount: 0,
    varianceBasis,
    fromOrigin: (origin, h) => laggedPoints(values, origin, h, lag),
    minOrigin: lag,
  };
}

/** ŷ_{t+h|t} = the latest known y at the same season position before `origin` (NaN if none). */
function laggedPoints(values: Float64Array, origin: number, horizon: number, lag: number): number[] {
  const out = new Array<number>(horizon);
  for (let h = 1; h <= horizon; h++) {
    let source = origin - lag + ((h - 1) % lag);
    while (source >= 0 && Number.isNaN(values[source]!)) source -= lag;
    out[h - 1] = source >= 0 ? values[source]! : Number.NaN;
  }
  return out;
}

/**
 * Naive (random walk) forecasts: every forecast is the last observation; fitted value y_{t−1};
 * Var(h) = σ²·h with σ² the mean squared first difference (FPP §3.1, §3.5).
 * @example naiveForecast([1, 2, 4], { horizon: 2 }).forecastVariance // [2.5, 5]
 */
export function naiveForecast(y: HistoryValues, options: NaiveOptions): ModelFit {
  return laggedWalk(y, options.horizon, 1, 'naive');
}

/**
 * Seasonal naive forecasts: ŷ_{n+h} = y_{n+h−m(k+1)}, k = ⌊(h − 1)/m⌋; fitted value y_{t−m} (NaN
 * for the first m periods); Var(h) = σ²·(k + 1) with σ² the mean squared seasonal difference
 * (FPP §3.1, §3.5). Needs at least m observations.
 * @example seasonalNaiveForecast([1, 2, 3, 5], { horizon: 3, seasonLength: 2 }).forecast // [3, 5, 3]
 */
export function seasonalNaiveForecast(y: HistoryValues, options: SeasonalNaiveOptions): ModelFit {
  assertPositiveInteger(options.seasonLength, 'seasonLength');
  return laggedWalk(y, options.horizon, options.seasonLength, options.seasonLength === 1 ? 'naive' : 'seasonal-naive');
}

export interface MovingAverageOptions extends NaiveOptions {
  /** Number k ≥ 1 of most recent periods averaged. */
  window: number;
}

/**
 * Moving-average forecasts: every forecast is the mean of the last k observations; fitted value
 * mean(y_{t−k}, …, y_{t−1}) (NaN for t < k). Under the iid model y_t = μ + ε_t the one-step error
 * of a k-term mean has variance σ²(1 + 1/k), so σ² is estimated as the mean squared one-step
 * residual divided by (1 + 1/k) and Var(h) = σ²(1 + 1/k) for every h (FPP §3.5 mean-method
 * formula with T = k). Missing values inside a window are skipped (the mean of the observed
 * ones, with k replaced by their count). With fewer than k observations the forecast is the
 * mean of all of them and σ² is NaN.
 * @example movingAverageForecast([1, 2, 3, 4], { horizon: 1, window: 2 }).forecast // [3.5]
 */
export function movingAverageForecast(y: HistoryValues, options: MovingAverageOptions): ModelFit {
  const { horizon, window } = options;
  assertHorizon(horizon);
  assertPositiveInteger(window, 'window');
  const values = historyToFloat64(y);
  const n = values.length;
  if (n === 0) throw new RangeError('moving average needs at least one observation');
  const fitted = new Float64Array(n).fill(Number.NaN);
  const residuals = new Float64Array(n).fill(Number.NaN);
  // Sliding sum over positions t − k … t − 1; one-step error variance per term is σ²(1 + 1/count).
  let windowSum = 0;
  let windowCount = 0;
  let scaledSquareSum = 0;
  let residualCount = 0;
  for (let t = 0; t < n; t++) {
    if (t >= window && windowCount > 0) {
      const mean = windowSum / windowCount;
      fitted[t] = mean;
      const residual = values[t]! - mean;
      residuals[t] = residual;
      if (!Number.isNaN(residual)) {
        scaledSquareSum += (residual * residual) / (1 + 1 / windowCount);
        residualCount++;
      }
    }
    const entering = values[t]!;
    if (!Number.isNaN(entering)) {
      windowSum += entering;
      windowCount++;
    }
    if (t >= window) {
      const leaving = values[t - window]!;
      if (!Number.isNaN(leaving)) {
        windowSum -= leaving;
        windowCount--;
      }
    }
  }
  // Recompute the final window exactly (the running sum accumulates rounding).
  let lastSum = 0;
  let lastCount = 0;
  for (let t = Math.max(0, n - window); t < n; t++) {
    const value = values[t]!;
    if (Number.isNaN(value)) continue;
    lastSum += value;
    lastCount++;
  }
  const level = lastCount > 0 ? lastSum / lastCount : Number.NaN;
  const sigma2 = residualCount > 0 ? scaledSquareSum / residualCount : Number.NaN;
  const variance = lastCount > 0 ? sigma2 * (1 + 1 / lastCount) : Number.NaN;
  return {
    method: 'moving-average',
    fitted: toNumberArray(fitted),
    residuals: toNumberArray(residuals),
    forecast: new Array<number>(horizon).fill(level),
    forecastVariance: new Array<number>(horizon).fill(variance),
    parameters: { window },
    states: { initial: {}, final: { level } },
    sigma2,
    parameterCount: 0,
  };
}

/**
 * Historical-mean forecasts: every forecast is the mean ȳ of all T observations; the fitted value
 * is the one-step mean of the observations before t (NaN at t = 0); σ̂² is the sample variance of
 * the history (denominator T − 1) and Var(h) = σ̂²(1 + 1/T) (FPP §3.1, §3.5, R `meanf`).
 * @example meanForecast([1, 2, 3, 4], { horizon: 1 }).forecastVariance // [2.0833333333333335]
 */
export function meanForecast(y: HistoryValues, options: NaiveOptions): ModelFit {
  assertHorizon(options.horizon);
  const values = historyToFloat64(y);
  const n = values.length;
  const fitted = new Float64Array(n).fill(Number.NaN);
  let sum = 0;
  let count = 0;
  for (let t = 0; t < n; t++) {
    if (count > 0) fitted[t] = sum / count;
    const value = values[t]!;
    if (Number.isNaN(value)) continue;
    sum += value;
    count++;
  }
  if (count === 0) throw new RangeError('the mean method needs at least one observation');
  const mean = sum / count;
  let squares = 0;
  for (let t = 0; t < n; t++) {
    const value = values[t]!;
    if (!Number.isNaN(value)) squares += (value - mean) * (value - mean);
  }
  const sigma2 = count > 1 ? squares / (count - 1) : Number.NaN;
  return {
    method: 'mean',
    fitted: toNumberArray(fitted),
    residuals: toNumberArray(residualsOf(values, fitted)),
    forecast: new Array<number>(options.horizon).fill(mean),
    forecastVariance: new Array<number>(options.horizon).fill(sigma2 * (1 + 1 / count)),
    parameters: {},
    states: { initial: {}, final: { level: mean } },
    sigma2,
    parameterCount: 1,
  };
}

/**
 * Drift forecasts (random walk with drift): ŷ_{n+h} = y_n + h·b, b the mean first difference
 * ((y_n − y_1)/(n − 1) without gaps); fitted value y_{t−1} + b; σ² = Σ(d_t − b)²/(N − 1) over the
 * N first differences; Var(h) = σ²·h·(1 + h/N), i.e. FPP's σ²h(1 + h/(T − 1)) (FPP §3.1, §3.5,
 * R `rwf(drift = TRUE)`).
 * @example driftForecast([1, 2, 4], { horizon: 2 }).forecast // [5.5, 7]
 */
export function driftForecast(y: HistoryValues, options: NaiveOptions): ModelFit {
  const { horizon } = options;
  assertHorizon(horizon);
  const values = historyToFloat64(y);
  const n = values.length;
  let differenceSum = 0;
  let differenceCount = 0;
  for (let t = 1; t < n; t++) {
    const difference = values[t]! - values[t - 1]!;
    if (Number.isNaN(difference)) continue;
    differenceSum += difference;
    differenceCount++;
  }
  if (differenceCount === 0) throw new RangeError('drift needs at least two consecutive observations');
  const drift = differenceSum / differenceCount;
  const fitted = new Float64Array(n).fill(Number.NaN);
  for (let t = 1; t < n; t++) fitted[t] = values[t - 1]! + drift;
  const residuals = residualsOf(values, fitted);
  let squares = 0;
  for (let t = 1; t < n; t++) {
    const residual = residuals[t]!;
    if (!Number.isNaN(residual)) squares += residual * residual;
  }
  const sigma2 = differenceCount > 1 ? squares / (differenceCount - 1) : Number.NaN;
  let last = n - 1;
  while (Number.isNaN(values[last]!)) last--;
  const level = values[last]!;
  const forecast = new Array<number>(horizon);
  const forecastVariance = new Array<number>(horizon);
  for (let h = 1; h <= horizon; h++) {
    const steps = n - 1 - last + h;
    forecast[h - 1] = level + steps * drift;
    forecastVariance[h - 1] = sigma2 * steps * (1 + steps / differenceCount);
  }
  return {
    method: 'drift',
    fitted: toNumberArray(fitted),
    residuals: toNumberArray(residuals),
    forecast,
    forecastVariance,
    parameters: { drift },
    states: { initial: {}, final: { level, trend: drift } },
    sigma2,
    parameterCount: 1,
  };
}
