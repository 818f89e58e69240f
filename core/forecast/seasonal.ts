/**
 * Seasonal methods that work with one to two seasons of history — what a seller with one or two
 * years of weekly sales has before Black Friday:
 *
 * - **Seasonal naive × growth** ("last year × growth", the planner's rule of thumb made robust):
 *   ŷ_{T+h} = g_T · y_{T+h−m(k+1)}, k = ⌊(h − 1)/m⌋, where the growth ratio
 *   g_T = Σ_{i=T−w+1..T} y_i ÷ Σ_{i=T−w+1..T} y_{i−m} compares the last w periods with the same
 *   periods one season earlier (a year-over-year "like-for-like" ratio, e.g. Hyndman &
 *   Athanasopoulos, FPP3 §5.2 on the seasonal naive method; the ratio of moving totals is the
 *   classical "same period last year" growth factor of retail planning, cf. Silver, Pyke & Thomas
 *   2017 §4.6 on adjusting seasonal indices for trend). Guards: g = 1 when the year-ago base is
 *   not clearly positive (below 5 % of the window's mean absolute level — a near-zero base would
 *   turn noise into a huge ratio), and g is clamped to [1/4, 4]. w defaults to round(m/4) clamped
 *   to 1..13 (13 weeks for weekly data, 3 months for monthly).
 *   Fitted values use the same rule at every t (g computed from y before t); σ² is the mean
 *   squared one-step residual and Var(h) = σ²(k + 1) as for the seasonal naive method (FPP §5.5);
 *   for positive histories the residuals are taken relative to the fitted value (multiplicative
 *   error, HKOS 2008 §2.5.2), Var(h) = σ_r²·ŷ_h²·(k + 1), so a peak period's interval scales with it,
 *   plus the growth ratio's own relative variance 2σ_r²/w (delta method), shared by every period.
 *
 * - **Group profile** (top-down seasonality for SKUs with less than a season of their own): the
 *   multiplicative seasonal profile of a group series (category or portfolio total) — index_j =
 *   mean of y_t ÷ (its centred moving average) at season position j, or, with a single season of
 *   group history, y_t ÷ the mean of that season — applied to the SKU's deseasonalised level
 *   (mean of its last w periods divided by their indices): ŷ_{T+h} = level · index_{(T+h) mod m}
 *   (Fliedner 1999 / Gross & Sohl 1990 on top-down proportions; "seasonal indices from a product
 *   family": Silver, Pyke & Thomas 2017 §4.6.3; Withycombe 1989 group seasonal indices).
 */
import { centredMovingAverage } from './decompose.js';
import { assertHorizon, historyToFloat64, meanSquaredFirstDifference, type HistoryValues } from './simple.js';
import { normalDeviate } from '../stats/random.js';
import type { ModelFit, Random } from './types.js';

export const GROWTH_RATIO_BOUNDS = { lower: 0.25, upper: 4 } as const;
/** A year-ago base below this share of the window's mean absolute level gives g = 1. */
export const GROWTH_BASE_FLOOR = 0.05;

/** Default growth window w for season length m: round(m/4) within 1..13. */
export function defaultGrowthWindow(seasonLength: number): number {
  return Math.min(13, Math.max(1, Math.round(seasonLength / 4)));
}

/**
 * Growth ratio at `end` (exclusive): Σ y over [end − w, end) ÷ Σ y over the same periods one season
 * earlier, guarded (see the module comment). 1 when the history before `end` is shorter than m + w.
 * @example growthRatio(Float64Array.from([10, 10, 12, 12]), 4, 2, 2) // 1.2
 */
export function growthRatio(values: Float64Array, end: number, seasonLength: number, window: number): number {
  const first = end - window - seasonLength;
  if (first < 0) return 1;
  let recent = 0;
  let base = 0;
  let scale = 0;
  for (let i = end - window; i < end; i++) {
    recent += values[i]!;
    base += values[i - seasonLength]!;
    scale += Math.abs(values[i]!) + Math.abs(values[i - seasonLength]!);
  }
  scale /= 2 * window;
  if (!(base > GROWTH_BASE_FLOOR * window * scale) || !(recent >= 0)) return 1;
  return Math.min(GROWTH_RATIO_BOUNDS.upper, Math.max(GROWTH_RATIO_BOUNDS.lower, recent / base));
}

function growthPoints(values: Float64Array, origin: number, horizon: number, m: number, window: number): number[] {
  const g = growthRatio(values, origin, m, window);
  const out = new Array<number>(horizon);
  for (let h = 1; h <= horizon; h++) {
    const source = origin - m + ((h - 1) % m);
    out[h - 1] = source >= 0 ? g * values[source]! : Number.NaN;
  }
  return out;
}

export interface SeasonalNaiveGrowthOptions {
  horizon: number;
  /** Season length m ≥ 2 (52 weeks, 12 months, 364 days for a yearly lag that keeps the weekday). */
  seasonLength: number;
  /** Growth window w (periods); default `defaultGrowthWindow(m)`. */
  growthWindow?: number;
}

/**
 * Seasonal naive × growth forecasts (module comment). Needs at least m gap-free observations; with
 * fewer than m + w the growth ratio is 1 (plain seasonal naive) and the result says so.
 * @example seasonalNaiveGrowthForecast([10, 20, 10, 12, 24, 12], { horizon: 3, seasonLength: 3, growthWindow: 2 }).forecast // [12, 24, 12] × 1.2 = [14.4, 28.8, 14.4]
 */
export function seasonalNaiveGrowthForecast(y: HistoryValues, options: SeasonalNaiveGrowthOptions): ModelFit {
  const { horizon, seasonLength: m } = options;
  assertHorizon(horizon);
  if (!Number.isInteger(m) || m < 2) throw new RangeError(`seasonal naive × growth needs a season length ≥ 2, got ${m}`);
  const values = historyToFloat64(y);
  const n = values.length;
  if (n < m) throw new RangeError(`seasonal naive × growth needs at least one season (${m} periods), got ${n}`);
  for (let t = 0; t < n; t++) if (!Number.isFinite(values[t]!)) throw new RangeError(`seasonal naive × growth needs a gap-free series (period ${t} is missing)`);
  const window = options.growthWindow ?? defaultGrowthWindow(m);
  const fitted = new Array<number>(n).fill(Number.NaN);
  const residuals = new Array<number>(n).fill(Number.NaN);
  let sum = 0;
  let count = 0;
  for (let t = m; t < n; t++) {
    fitted[t] = growthRatio(values, t, m, window) * values[t - m]!;
    residuals[t] = values[t]! - fitted[t]!;
    sum += residuals[t]! ** 2;
    count++;
  }
  let sigma2 = count > 0 ? sum / count : Number.NaN;
  // With positive data the error is taken to scale with the level (relative residuals): a holiday
  // week at twice the summer level gets twice the summer error, as retail demand does.
  const relative = relativeResidualVariance(fitted, residuals);
  let varianceBasis: ModelFit['varianceBasis'] = 'lagged-differences';
  if (!Number.isFinite(sigma2)) {
    sigma2 = n > 1 ? meanSquaredFirstDifference(values) : 0;
    varianceBasis = n > 1 ? 'first-differences' : 'none';
  }
  const g = growthRatio(values, n, m, window);
  const forecast = growthPoints(values, n, horizon, m, window);
  // The growth ratio is a ratio of two sums of w noisy periods: its relative variance ≈ 2σ_r²/w
  // (delta method), an error shared by every forecast period — sample paths keep that correlation.
  const growthVariance = relative !== undefined && n >= m + window ? (2 * relative) / window : 0;
  const periodVariance = (f: number, i: number) => (relative !== undefined ? relative * f * f : sigma2) * (Math.floor(i / m) + 1);
  const forecastVariance = forecast.map((f, i) => periodVariance(f, i) + growthVariance * f * f);
  const simulate = (count: number, random: Random): number[][] => {
    const paths: number[][] = [];
    const growthSd = Math.sqrt(growthVariance);
    const periodSd = forecast.map((f, i) => Math.sqrt(periodVariance(f, i)));
    for (let k = 0; k < count; k++) {
      const shared = growthSd * normalDeviate(random);
      paths.push(forecast.map((f, i) => f * (1 + shared) + periodSd[i]! * normalDeviate(random)));
    }
    return paths;
  };
  return {
    method: 'seasonal-naive-growth',
    fitted,
    residuals,
    forecast,
    forecastVariance,
    simulate,
    parameters: { seasonLength: m, growthWindow: window, growth: g },
    states: { initial: {}, final: { seasonal: Array.from(values.subarray(n - m)) } },
    sigma2,
    parameterCount: 1,
    varianceBasis,
    fromOrigin: (origin, h) => growthPoints(values, origin, h, m, window),
    minOrigin: m,
  };
}

/**
 * Multiplicative seasonal indices (mean 1 over the season) of a group series, aligned so that
 * index[j] belongs to the season position of group period j (position = period mod m). With two
 * or more seasons: ratio to the centred moving average (classical decomposition, FPP3 §3.4);
 * with one to two seasons: ratio to the mean of the last full season. Throws when the group has
 * less than one season or a non-positive mean.
 */
export function groupSeasonalIndices(group: HistoryValues, seasonLength: number): number[] {
  const values = historyToFloat64(group);
  const n = values.length;
  const m = seasonLength;
  if (n < m) throw new RangeError(`the group history needs at least one season (${m} periods), got ${n}`);
  for (let t = 0; t < n; t++) if (!(values[t]! >= 0)) throw new RangeError(`the group history must be non-negative and gap-free (period ${t})`);
  const sums = new Array<number>(m).fill(0);
  const counts = new Array<number>(m).fill(0);
  if (n >= 2 * m) {
    const trend = centredMovingAverage(values, m);
    for (let t = 0; t < n; t++) {
      const c = trend[t]!;
      if (Number.isFinite(c) && c > 0) {
        sums[t % m]! += values[t]! / c;
        counts[t % m]! += 1;
      }
    }
  } else {
    let mean = 0;
    for (let t = n - m; t < n; t++) mean += values[t]!;
    mean /= m;
    if (!(mean > 0)) throw new RangeError('the group history has no positive level');
    for (let t = n - m; t < n; t++) {
      sums[t % m]! += values[t]! / mean;
      counts[t % m]! += 1;
    }
  }
  const raw = sums.map((s, j) => (counts[j]! > 0 ? s / counts[j]! : 1));
  const mean = raw.reduce((a, b) => a + b, 0) / m;
  if (!(mean > 0)) throw new RangeError('the group history has no positive level');
  return raw.map((v) => v / mean);
}

export interface GroupProfileOptions {
  horizon: number;
  seasonLength: number;
  /** Seasonal indices by season position (period index mod m, counted from the SKU's first period), mean 1. */
  indices: readonly number[];
  /** Periods averaged for the level (default `defaultGrowthWindow(m)`, at most the history). */
  levelWindow?: number;
}

function profilePoints(values: Float64Array, origin: number, horizon: number, indices: readonly number[], window: number): number[] {
  const m = indices.length;
  const w = Math.min(window, origin);
  let level = 0;
  let used = 0;
  for (let t = origin - w; t < origin; t++) {
    const index = indices[t % m]!;
    if (index > 1e-6) {
      level += values[t]! / index;
      used++;
    }
  }
  level = used > 0 ? level / used : 0;
  const out = new Array<number>(horizon);
  for (let h = 1; h <= horizon; h++) out[h - 1] = level * indices[(origin + h - 1) % m]!;
  return out;
}

/**
 * Group-profile forecasts: the SKU's deseasonalised recent level × the group's seasonal indices
 * (module comment). Works from one observation; σ² is the mean squared one-step residual of the
 * same rule (first-difference variation when there is none).
 * @example groupProfileForecast([10, 20], { horizon: 2, seasonLength: 4, indices: [0.5, 1, 1.5, 1], levelWindow: 2 }).forecast // level 20 → [30, 20]
 */
export function groupProfileForecast(y: HistoryValues, options: GroupProfileOptions): ModelFit {
  const { horizon, indices } = options;
  assertHorizon(horizon);
  const m = indices.length;
  if (m !== options.seasonLength) throw new RangeError(`expected ${options.seasonLength} seasonal indices, got ${m}`);
  const values = historyToFloat64(y);
  const n = values.length;
  if (n < 1) throw new RangeError('the group profile needs at least one observation');
  for (let t = 0; t < n; t++) if (!Number.isFinite(values[t]!)) throw new RangeError(`the group profile needs a gap-free series (period ${t} is missing)`);
  const window = options.levelWindow ?? defaultGrowthWindow(m);
  const fitted = new Array<number>(n).fill(Number.NaN);
  const residuals = new Array<number>(n).fill(Number.NaN);
  let sum = 0;
  let count = 0;
  for (let t = 1; t < n; t++) {
    fitted[t] = profilePoints(values, t, 1, indices, window)[0]!;
    residuals[t] = values[t]! - fitted[t]!;
    sum += residuals[t]! ** 2;
    count++;
  }
  const sigma2 = count > 0 ? sum / count : 0;
  const forecast = profilePoints(values, n, horizon, indices, window);
  return {
    method: 'group-profile',
    fitted,
    residuals,
    forecast,
    forecastVariance: forecast.map((_, i) => sigma2 * (1 + i / Math.max(1, window))),
    parameters: { seasonLength: m, levelWindow: window },
    states: { initial: {}, final: { seasonal: [...indices] } },
    sigma2,
    parameterCount: 1,
    varianceBasis: count > 0 ? 'lagged-differences' : 'none',
    fromOrigin: (origin, h) => profilePoints(values, origin, h, indices, window),
    minOrigin: 1,
  };
}

/**
 * Mean of (residual ÷ fitted)² over the periods with both defined; undefined when a fitted value is
 * not positive or there is none (multiplicative errors need a positive level).
 */
export function relativeResidualVariance(fitted: readonly number[], residuals: readonly number[]): number | undefined {
  let sum = 0;
  let count = 0;
  for (let t = 0; t < fitted.length; t++) {
    const f = fitted[t]!;
    const r = residuals[t]!;
    if (!Number.isFinite(f) || !Number.isFinite(r)) continue;
    if (!(f > 0)) return undefined;
    sum += (r / f) ** 2;
    count++;
  }
  return count > 0 ? sum / count : undefined;
}

/**
 * The same fit with multiplicative (relative) errors for its h-step variance: σ_r² = mean of
 * (residual ÷ fitted)², Var(h) = σ_r²·ŷ_h²·(k + 1), k = ⌊(h − 1)/m⌋ (HKOS 2008 §2.5.2) — so a
 * holiday period forecast at twice the summer level gets twice the summer error. Used by `auto`
 * for seasonal naive on positive histories; the fit is returned unchanged when a fitted value is
 * not positive or there are no residuals.
 */
export function withRelativeVariance(fit: ModelFit, seasonLength: number): ModelFit {
  const relative = relativeResidualVariance(fit.fitted, fit.residuals);
  if (relative === undefined) return fit;
  return { ...fit, forecastVariance: fit.forecast.map((f, i) => relative * f * f * (Math.floor(i / seasonLength) + 1)) };
}
