/**
 * The Theta method of Assimakopoulos & Nikolopoulos (2000, "The theta model: a decomposition
 * approach to forecasting", IJF 16:521–530), in the form Hyndman & Billah (2003, "Unmasking the
 * Theta method", IJF 19:287–290) showed it to be, and as R `forecast::thetaf` / `theta_model`
 * (forecast 9.x) computes it:
 *
 * 1. Seasonality: when m > 1, the series is tested with {@link thetaSeasonalityTest}; if seasonal,
 *    it is divided by the seasonal component of a classical multiplicative decomposition
 *    ({@link classicalDecomposition}); indices below 1e-4 cancel the adjustment (as thetaf).
 * 2. Simple exponential smoothing (SES) of the adjusted series x: ℓ_t = ℓ_{t−1} + α(x_t − ℓ_{t−1}),
 *    with α and ℓ_0 minimising the in-sample MSE (R `ses` = `ets(x, "ANN", opt.crit = "mse")`,
 *    α ∈ [1e-4, 0.9999], the `ets` default bounds; Hyndman, Koehler, Ord & Snyder, *Forecasting with
 *    Exponential Smoothing* (2008), §2.6 and §5.2 for the ANN model).
 * 3. Drift: b₀ = slope of the least-squares line of x on t = 0 … n − 1 (R `lsfit(0:(n-1), x)`), and
 *    ŷ_{n+h} = ℓ_n + (b₀/2)·((h − 1) + (1 − (1 − α)^n)/α)   (Hyndman & Billah 2003, eq. for the
 *    SES-with-drift form, with the drift equal to half the slope of the θ = 0 line).
 * 4. Reseasonalisation: forecasts are multiplied by the seasonal index of their cycle position
 *    (the last m seasonal values repeated); fitted values are the SES one-step fitted values times
 *    the seasonal component, residuals y − fitted (forecast 9.x `theta_model`).
 * 5. Forecast variance from the ANN state space model: σ²·(1 + (h − 1)α²) (Hyndman et al. 2008,
 *    Table 6.1, class 1, ANN), σ² = SSE/(n − 2) of the SES fit on the adjusted series (R `ets`
 *    divides by n minus the number of parameters α, ℓ_0). As in thetaf the variance is not
 *    reseasonalised.
 *
 * Difference from R: `ets` fits α and ℓ_0 jointly by Nelder–Mead from α = 0.2, ℓ_0 = mean of the
 * first 10 values, and may stop short of the optimum; here ℓ_0 is concentrated out exactly (for
 * fixed α the one-step errors are linear in ℓ_0, so the MSE-optimal ℓ_0 has a closed form) and α
 * is found by a 21-point grid plus Brent's method, so the MSE is at least as small as R's.
 *
 * The series must be gap-free (interpolate missing periods first) with at least 3 observations.
 * Cost: O(n) per SES evaluation, about 60 evaluations per fit.
 */
import { classicalDecomposition, thetaSeasonalityTest } from './decompose.js';
import { assertHorizon, historyToFloat64, type HistoryValues } from './simple.js';
import type { ModelFit } from './types.js';

/** Bounds of the SES smoothing constant used by R `ets` ("usual" bounds). */
export const SES_ALPHA_BOUNDS = { lower: 1e-4, upper: 0.9999 } as const;

/**
 * Minimises f on [lower, upper] by Brent's method (golden-section search with parabolic
 * interpolation; Brent 1973, *Algorithms for Minimization without Derivatives*, ch. 5, procedure
 * `localmin`, as in R's `optimize`). Finds a local minimum to within `tolerance` in x; the end
 * points themselves are never evaluated.
 * @example brentMinimize((x) => (x - 0.3) ** 2, 0, 1).x // ≈ 0.3
 */
export function brentMinimize(f: (x: number) => number, lower: number, upper: number, tolerance = 1e-9): { x: number; value: number } {
  const golden = (3 - Math.sqrt(5)) / 2;
  const epsilon = Math.sqrt(Number.EPSILON);
  let a = lower;
  let b = upper;
  let v = a + golden * (b - a);
  let w = v;
  let x = v;
  let fx = f(x);
  let fv = fx;
  let fw = fx;
  let d = 0;
  let e = 0;
  const toleranceThird = tolerance / 3;
  for (let iteration = 0; iteration < 200; iteration++) {
    const middle = (a + b) / 2;
    const tolerance1 = epsilon * Math.abs(x) + toleranceThird;
    const tolerance2 = 2 * tolerance1;
    if (Math.abs(x - middle) <= tolerance2 - (b - a) / 2) break;
    let p = 0;
    let q = 0;
    let r = 0;
    if (Math.abs(e) > tolerance1) {
      r = (x - w) * (fx - fv);
      q = (x - v) * (fx - fw);
      p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      else q = -q;
      r = e;
      e = d;
    }
    if (Math.abs(p) >= Math.abs(0.5 * q * r) || p <= q * (a - x) || p >= q * (b - x)) {
      e = x < middle ? b - x : a - x;
      d = golden * e;
    } else {
      d = p / q;
      const u = x + d;
      if (u - a < tolerance2 || b - u < tolerance2) d = x < middle ? tolerance1 : -tolerance1;
    }
    const u = Math.abs(d) >= tolerance1 ? x + d : d > 0 ? x + tolerance1 : x - tolerance1;
    const fu = f(u);
    if (fu <= fx) {
      if (u < x) b = x;
      else a = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return { x, value: fx };
}

/**
 * Minimises f on [lower, upper] robustly for objectives with several local minima: evaluates an
 * equally spaced grid of `gridSize + 1` points (end points included), refines around the best
 * grid point with {@link brentMinimize}, and returns the best point seen.
 */
export function gridBrentMinimize(f: (x: number) => number, lower: number, upper: number, gridSize = 20, tolerance = 1e-9): { x: number; value: number } {
  let bestIndex = 0;
  let bestX = lower;
  let bestValue = Number.POSITIVE_INFINITY;
  const step = (upper - lower) / gridSize;
  for (let i = 0; i <= gridSize; i++) {
    const x = i === gridSize ? upper : lower + i * step;
    const value = f(x);
    if (value < bestValue) {
      bestValue = value;
      bestX = x;
      bestIndex = i;
    }
  }
  const left = bestIndex === 0 ? lower : lower + (bestIndex - 1) * step;
  const right = bestIndex === gridSize ? upper : Math.min(upper, lower + (bestIndex + 1) * step);
  const refined = brentMinimize(f, left, right, tolerance);
  return refined.value < bestValue ? refined : { x: bestX, value: bestValue };
}

/**
 * Simple exponential smoothing filter (Hyndman et al. 2008, eq. 2.4): one-step forecast ℓ_{t−1},
 * ℓ_t = ℓ_{t−1} + α(y_t − ℓ_{t−1}) from ℓ_0 = `level0`. Returns the final level ℓ_n and the sum of
 * squared one-step errors; writes ℓ_{t−1} into `fitted` when given. O(n), no allocation.
 * @example sesFilter(new Float64Array([1, 2, 3]), 0.5, 1) // { level: 2.25, sse: 3.25 }
 */
export function sesFilter(values: Float64Array, alpha: number, level0: number, fitted?: Float64Array): { level: number; sse: number } {
  let level = level0;
  let sse = 0;
  for (let t = 0; t < values.length; t++) {
    if (fitted !== undefined) fitted[t] = level;
    const error = values[t]! - level;
    sse += error * error;
    level += alpha * error;
  }
  return { level, sse };
}

/**
 * The ℓ_0 that minimises the SES sum of squared errors for a given α. The one-step error is
 * e_t = u_t − (1 − α)^{t−1}·ℓ_0 with u_t the error of the filter started at 0, so the least-squares
 * ℓ_0 = Σ u_t c_t / Σ c_t², c_t = (1 − α)^{t−1}. O(n), no allocation.
 */
export function sesOptimalLevel0(values: Float64Array, alpha: number): number {
  let levelFromZero = 0;
  let weight = 1;
  let crossSum = 0;
  let weightSquareSum = 0;
  for (let t = 0; t < values.length; t++) {
    const error = values[t]! - levelFromZero;
    crossSum += error * weight;
    weightSquareSum += weight * weight;
    levelFromZero += alpha * error;
    weight *= 1 - alpha;
  }
  return crossSum / weightSquareSum;
}

export interface SesFit {
  alpha: number;
  level0: number;
  /** Final level ℓ_n (the flat SES forecast). */
  level: number;
  /** Sum of squared one-step errors. */
  sse: number;
}

/**
 * SES with α and/or ℓ_0 chosen to minimise the in-sample MSE (R `ses`, `ets(.., "ANN", opt.crit = "mse")`);
 * either may be given. α is searched in {@link SES_ALPHA_BOUNDS}.
 */
export function fitSimpleExponentialSmoothing(values: Float64Array, options: { alpha?: number; level0?: number } = {}): SesFit {
  const { alpha: givenAlpha, level0: givenLevel0 } = options;
  if (givenAlpha !== undefined && !(givenAlpha >= 0 && givenAlpha <= 1)) throw new RangeError(`alpha must be in [0, 1], got ${givenAlpha}`);
  const levelFor = (alpha: number) => givenLevel0 ?? sesOptimalLevel0(values, alpha);
  const alpha =
    givenAlpha ?? gridBrentMinimize((candidate) => sesFilter(values, candidate, levelFor(candidate)).sse, SES_ALPHA_BOUNDS.lower, SES_ALPHA_BOUNDS.upper).x;
  const level0 = levelFor(alpha);
  const { level, sse } = sesFilter(values, alpha, level0);
  return { alpha, level0, level, sse };
}

export interface ThetaOptions {
  /** Number of periods to forecast, ≥ 1. */
  horizon: number;
  /** Season length m ≥ 1 (default 1, no seasonality). */
  seasonLength?: number;
  /** 'auto' (default): adjust when the thetaf test finds seasonality; true: always adjust (m > 1, ≥ 2 seasons); false: never. */
  seasonal?: 'auto' | boolean;
  /** Fixed SES smoothing constant in [0, 1]; estimated when absent. */
  alpha?: number;
  /** Fixed initial level ℓ_0 (of the seasonally adjusted series); estimated when absent. */
  initialLevel?: number;
}

/** Index below which thetaf abandons the seasonal adjustment ("Seasonal indexes close to zero"). */
const MINIMUM_SEASONAL_INDEX = 1e-4;

/**
 * Theta method forecasts as R `forecast::thetaf` (see the module comment for every step).
 * @example thetaForecast([112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170], { horizon: 1 }).forecast // ≈ [170.7553]
 */
export function thetaForecast(y: HistoryValues, options: ThetaOptions): ModelFit {
  const { horizon, seasonLength = 1, seasonal: seasonalOption = 'auto' } = options;
  assertHorizon(horizon);
  if (!Number.isInteger(seasonLength) || seasonLength < 1) throw new RangeError(`seasonLength must be an integer ≥ 1, got ${seasonLength}`);
  const values = historyToFloat64(y);
  const n = values.length;
  if (n < 3) throw new RangeError(`theta needs at least 3 observations, got ${n}`);
  for (let t = 0; t < n; t++) if (Number.isNaN(values[t]!)) throw new RangeError(`theta needs a gap-free series (period ${t} is missing); interpolate first`);

  // 1. Seasonal adjustment by classical multiplicative decomposition.
  let seasonalComponent: Float64Array | undefined;
  const wantSeasonal =
    seasonLength > 1 && (seasonalOption === 'auto' ? thetaSeasonalityTest(values, seasonLength).seasonal : seasonalOption && n >= 2 * seasonLength);
  if (wantSeasonal) {
    const decomposition = classicalDecomposition(values, seasonLength, 'multiplicative');
    let usable = true;
    for (const index of decomposition.seasonalIndices) if (!(index > MINIMUM_SEASONAL_INDEX) || !Number.isFinite(index)) usable = false;
    if (usable) seasonalComponent = decomposition.seasonal;
  }
  const adjusted = new Float64Array(n);
  for (let t = 0; t < n; t++) adjusted[t] = seasonalComponent === undefined ? values[t]! : values[t]! / seasonalComponent[t]!;

  // 2. SES on the adjusted series.
  const sesOptions: { alpha?: number; level0?: number } = {};
  if (options.alpha !== undefined) sesOptions.alpha = options.alpha;
  if (options.initialLevel !== undefined) sesOptions.level0 = options.initialLevel;
  const ses = fitSimpleExponentialSmoothing(adjusted, sesOptions);
  const sesFitted = new Float64Array(n);
  sesFilter(adjusted, ses.alpha, ses.level0, sesFitted);

  // 3. Drift = half the least-squares slope of the adjusted series on t = 0 … n − 1.
  const meanTime = (n - 1) / 2;
  let meanValue = 0;
  for (let t = 0; t < n; t++) meanValue += adjusted[t]!;
  meanValue /= n;
  let cross = 0;
  let timeSquares = 0;
  for (let t = 0; t < n; t++) {
    cross += (t - meanTime) * (adjusted[t]! - meanValue);
    timeSquares += (t - meanTime) * (t - meanTime);
  }
  const drift = cross / timeSquares / 2;
  const alpha = Math.max(1e-10, ses.alpha);
  const startOffset = (1 - Math.pow(1 - alpha, n)) / alpha;

  // 4–5. Forecasts, reseasonalised; variance of the ANN model.
  const sigma2 = ses.sse / (n - 2);
  const forecast = new Array<number>(horizon);
  const forecastVariance = new Array<number>(horizon);
  for (let h = 1; h <= horizon; h++) {
    const index = seasonalComponent === undefined ? 1 : seasonalComponent[n - seasonLength + ((h - 1) % seasonLength)]!;
    forecast[h - 1] = (ses.level + drift * (h - 1 + startOffset)) * index;
    forecastVariance[h - 1] = sigma2 * (1 + (h - 1) * alpha * alpha);
  }
  const fitted = new Array<number>(n);
  const residuals = new Array<number>(n);
  for (let t = 0; t < n; t++) {
    fitted[t] = seasonalComponent === undefined ? sesFitted[t]! : sesFitted[t]! * seasonalComponent[t]!;
    residuals[t] = values[t]! - fitted[t]!;
  }
  const initial: Record<string, number | number[]> = { level: ses.level0 };
  const final: Record<string, number | number[]> = { level: ses.level };
  if (seasonalComponent !== undefined) {
    initial.seasonal = Array.from(seasonalComponent.subarray(0, seasonLength));
    final.seasonal = Array.from(seasonalComponent.subarray(n - seasonLength));
  }
  const estimated = (options.alpha === undefined ? 1 : 0) + (options.initialLevel === undefined ? 1 : 0) + 1 + (seasonalComponent === undefined ? 0 : seasonLength - 1);
  return {
    method: 'theta',
    fitted,
    residuals,
    forecast,
    forecastVariance,
    parameters: { alpha: ses.alpha, drift, seasonal: seasonalComponent === undefined ? 0 : 1 },
    states: { initial, final },
    sigma2,
    parameterCount: estimated,
  };
}
