/**
 * Prediction intervals and window sums from a fitted model.
 *
 * Analytical intervals: ŷ_h ± z_{(1+level)/2}·σ_h with σ_h² the model's h-step forecast variance
 * (Hyndman & Athanasopoulos, FPP 3rd ed. §5.5 and §8.7). Otherwise, and for sums over a window
 * (whose errors are correlated across periods), by simulating sample paths with the model's own
 * dynamics (FPP §5.5 "Prediction intervals from bootstrapped residuals"/§8.7 simulation) and
 * taking empirical quantiles (Hyndman & Fan 1996, type 7 linear interpolation, as R `quantile`).
 */
import { normalQuantile } from '../stats/normal.js';
import type { ModelFit, Random } from './types.js';

export interface Interval {
  lower: number[];
  upper: number[];
}

/** Empirical quantile of sorted values (Hyndman & Fan type 7). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export interface SampledFuture {
  /** count × horizon sample paths, or undefined when the model has no simulator. */
  paths?: number[][];
}

/** Draws sample paths when the model can simulate them. */
export function samplePaths(fit: ModelFit, count: number, random: Random): number[][] | undefined {
  return fit.simulate ? fit.simulate(count, random) : undefined;
}

/** Intervals per level (percent): analytical when the variance is known, else empirical from paths. */
export function predictionIntervals(fit: ModelFit, levels: readonly number[], paths: number[][] | undefined): { intervals: Map<number, Interval>; method: 'analytical' | 'simulated' | 'none' } {
  const horizon = fit.forecast.length;
  const intervals = new Map<number, Interval>();
  if (fit.forecastVariance) {
    for (const level of levels) {
      const z = normalQuantile(0.5 + level / 200);
      const sd = fit.forecastVariance.map((v) => Math.sqrt(Math.max(0, v)));
      intervals.set(level, { lower: fit.forecast.map((f, h) => f - z * sd[h]!), upper: fit.forecast.map((f, h) => f + z * sd[h]!) });
    }
    return { intervals, method: 'analytical' };
  }
  if (paths && paths.length > 1) {
    const columns: Float64Array[] = [];
    for (let h = 0; h < horizon; h++) {
      const column = Float64Array.from(paths, (p) => p[h]!);
      column.sort();
      columns.push(column);
    }
    for (const level of levels) {
      const a = (1 - level / 100) / 2;
      intervals.set(level, { lower: columns.map((c) => quantileSorted(c, a)), upper: columns.map((c) => quantileSorted(c, 1 - a)) });
    }
    return { intervals, method: 'simulated' };
  }
  for (const level of levels) intervals.set(level, { lower: [...fit.forecast], upper: [...fit.forecast] });
  return { intervals, method: 'none' };
}

export interface WindowSum {
  start: number;
  end: number;
  sum: number;
  stdDev: number;
  /** How stdDev was obtained. */
  basis: 'simulated' | 'independent-errors';
  /** Interval bounds of the window total by level (percent). */
  lower: Record<string, number>;
  upper: Record<string, number>;
}

export interface WindowOptions {
  /** Interval levels in percent. */
  levels: readonly number[];
  /** Clamp every period (point and path values) at 0 before summing, as the period forecasts are. */
  nonNegative: boolean;
}

/**
 * Sum of the forecast over periods start..end (1-based, inclusive), its standard deviation and its
 * interval bounds: from simulated paths when available (keeps the correlation between periods; the
 * bounds are the paths' empirical quantiles, Hyndman & Fan type 7), otherwise √(Σ σ_h²) with
 * normal bounds, which ignores that correlation and is labelled so. With `nonNegative`, periods
 * are clamped at 0 first — the total never contradicts the periods it adds up.
 */
export function windowSum(fit: ModelFit, start: number, end: number, multipliers: readonly number[], paths: number[][] | undefined, options: WindowOptions): WindowSum {
  const from = Math.max(1, start);
  const to = Math.min(fit.forecast.length, end);
  const clamp = options.nonNegative ? (v: number) => Math.max(0, v) : (v: number) => v;
  let sum = 0;
  for (let h = from; h <= to; h++) sum += clamp(fit.forecast[h - 1]! * multipliers[h - 1]!);
  const lower: Record<string, number> = {};
  const upper: Record<string, number> = {};
  if (paths && paths.length > 1) {
    const totals = new Float64Array(paths.length);
    let mean = 0;
    let m2 = 0;
    paths.forEach((p, i) => {
      let s = 0;
      for (let h = from; h <= to; h++) s += clamp(p[h - 1]! * multipliers[h - 1]!);
      totals[i] = s;
      const d = s - mean;
      mean += d / (i + 1);
      m2 += d * (s - mean);
    });
    totals.sort();
    for (const level of options.levels) {
      const a = (1 - level / 100) / 2;
      lower[String(level)] = Math.min(sum, quantileSorted(totals, a));
      upper[String(level)] = Math.max(sum, quantileSorted(totals, 1 - a));
    }
    return { start: from, end: to, sum, stdDev: Math.sqrt(m2 / (paths.length - 1)), basis: 'simulated', lower, upper };
  }
  let variance = 0;
  for (let h = from; h <= to; h++) variance += (fit.forecastVariance?.[h - 1] ?? 0) * multipliers[h - 1]! ** 2;
  const stdDev = Math.sqrt(variance);
  for (const level of options.levels) {
    const z = normalQuantile(0.5 + level / 200);
    lower[String(level)] = clamp(sum - z * stdDev);
    upper[String(level)] = sum + z * stdDev;
  }
  return { start: from, end: to, sum, stdDev, basis: 'independent-errors', lower, upper };
}

/**
 * Widens (or narrows) a window's interval around its total by the calibration scale c:
 * bound' = sum ± c·|sum − bound|, stdDev' = c·stdDev; lower bounds stay ≥ 0 for non-negative data.
 */
export function scaleWindow(window: WindowSum, scale: number, nonNegative: boolean): WindowSum {
  const lower: Record<string, number> = {};
  const upper: Record<string, number> = {};
  for (const key of Object.keys(window.lower)) {
    const lo = window.sum - scale * (window.sum - window.lower[key]!);
    lower[key] = nonNegative ? Math.max(0, lo) : lo;
    upper[key] = window.sum + scale * (window.upper[key]! - window.sum);
  }
  return { ...window, stdDev: window.stdDev * scale, lower, upper };
}
