/**
 * Intermittent-demand methods: Croston, SBA, SBJ and TSB, and the Syntetos–Boylan–Croston demand
 * classification.
 *
 * Sources:
 * - Croston (1972), "Forecasting and stock control for intermittent demands", Operational Research
 *   Quarterly 23:289–303: after each period with demand, the non-zero demand size z and the
 *   interval x since the previous demand are smoothed separately,
 *   ẑ_i = ẑ_{i−1} + α(z_i − ẑ_{i−1}), x̂_i = x̂_{i−1} + α_x(x_i − x̂_{i−1}); the forecast per period is ẑ/x̂
 *   and stays unchanged through periods without demand.
 * - SBA, Syntetos & Boylan (2005), "The accuracy of intermittent demand estimates", IJF 21:303–314:
 *   forecast (1 − α_x/2)·ẑ/x̂, removing the bias of Croston's ratio.
 * - SBJ, Shale, Boylan & Johnston (2006), "Forecasting for intermittent demand: the estimation of an
 *   unbiased average", JORS 57:588–592: factor 1 − α_x/(2 − α_x).
 * - TSB, Teunter, Syntetos & Babai (2011), "Intermittent demand: linking forecasting to inventory
 *   obsolescence", EJOR 214:606–615: the demand probability p̂ is smoothed every period,
 *   p̂_t = p̂_{t−1} + β(o_t − p̂_{t−1}) with o_t = 1 if y_t > 0, the size only when demand occurs,
 *   ẑ_t = ẑ_{t−1} + α(y_t − ẑ_{t−1}); forecast p̂·ẑ.
 * - Conventions (intervals, initial values, in-sample fitted values, cost functions, bounds) follow
 *   the R package tsintermittent (`crost`, `tsb`) by Kourentzes, whose optimisation choices are
 *   studied in Kourentzes (2014), "On intermittent demand model optimisation and selection",
 *   IJPE 156:180–190: the first interval counts from the start of the series (x_1 = position of the
 *   first demand); initial values are the estimates at the first demand (Croston: ẑ = z_1 and
 *   x̂ = x_1 for 'naive' or mean(x) for 'mean'; TSB: ẑ = z_1, p̂ = o_1 or mean(o)); the recursions
 *   start from the second demand (Croston) or second period (TSB); the in-sample forecast of a
 *   period is the estimate after the previous demand (undefined, NaN, before the first one);
 *   smoothing constants lie in [0, 1], with β ≤ α for TSB. With fixed constants and 'naive'
 *   initial values Croston/SBA/SBJ equal R `forecast::croston` (Shenstone & Hyndman 2005).
 *   Difference: tsintermittent also optimises the initial values by default; here they are given
 *   or taken from the data ('mean' by default).
 * - Optimisation (when the constants are not given): minimise an in-sample cost — MSE by default;
 *   MAE, or Kourentzes' (2014) MAR/MSR (absolute/squared distance of the in-sample forecasts from
 *   the cumulative mean demand, the first 30% of periods held at the value at 30%), which he found
 *   to give better constants than MSE. Two constants (size and interval, or size and
 *   probability): the best point of an 8 × 8 grid starts a Nelder–Mead search kept inside
 *   [0, 1]² (and β ≤ α for TSB); one shared constant: a 21-point grid refined by Brent's method.
 *   Two separate constants for size and interval by default (Kourentzes 2014 found them
 *   beneficial). The cost can have several local minima; the grid makes the search robust, not
 *   exhaustive.
 * - Classification, Syntetos, Boylan & Croston (2005), "On the categorization of demand patterns",
 *   JORS 56:495–503: ADI (average inter-demand interval) cut-off 1.32 and CV² (squared coefficient
 *   of variation of the non-zero sizes) cut-off 0.49 give smooth (ADI ≤ 1.32, CV² ≤ 0.49), erratic
 *   (ADI ≤ 1.32, CV² > 0.49), intermittent (ADI > 1.32, CV² ≤ 0.49) and lumpy (both above); SBA is
 *   recommended outside the smooth quadrant. ADI and CV² are computed as tsintermittent `idclass`
 *   (ADI = mean interval including the first from the start; CV² with the sample standard deviation).
 *
 * Uncertainty: the methods have no stochastic model (Shenstone & Hyndman 2005), so the forecast
 * distribution is the empirical one of Willemain, Smart & Schwarz (2004, IJF 20:375–387) simplified to
 * independent periods: each future period has demand with the method's probability (1/x̂ for the
 * Croston family, capped at 1; p̂ for TSB), and its size is drawn from the observed non-zero sizes,
 * rescaled so that the mean per period equals the point forecast (for SBA/SBJ the bias factor
 * scales the sizes). `simulate` draws from that distribution and `forecastVariance` is its exact
 * variance p·c²·mean(z²) − f² (c the size scale, f the forecast), the same for every h.
 *
 * Inputs must be gap-free (interpolate first) and non-negative. One cost evaluation is O(number of
 * demands) for MSE/MAE and O(n) for MAR/MSR; an optimised fit takes about 110 evaluations.
 */
import { gridBrentMinimize } from './theta.js';
import { assertHorizon, historyToFloat64, type HistoryValues } from './simple.js';
import type { ModelFit, Random } from './types.js';

export type CrostonVariant = 'croston' | 'sba' | 'sbj';
/** In-sample cost minimised when smoothing constants are optimised (Kourentzes 2014). */
export type IntermittentCost = 'mse' | 'mae' | 'mar' | 'msr';

/** Syntetos–Boylan–Croston (2005) cut-offs. */
export const SBC_ADI_CUTOFF = 1.32;
export const SBC_CV2_CUTOFF = 0.49;

export interface CrostonOptions {
  /** Number of periods to forecast, ≥ 1. */
  horizon: number;
  /** 'croston' (default), 'sba' (factor 1 − α_x/2) or 'sbj' (factor 1 − α_x/(2 − α_x)). */
  variant?: CrostonVariant;
  /** Smoothing constants in [0, 1]: one for size and interval, or both; optimised when absent. */
  alpha?: number | { size: number; interval: number };
  /** When optimising: 2 separate constants (default) or 1 shared. */
  smoothingParameters?: 1 | 2;
  /** Initial size and interval: 'mean' (default: first size, mean interval), 'naive' (first size, first interval) or given. */
  initial?: 'mean' | 'naive' | { size: number; interval: number };
  /** Cost minimised when optimising (default 'mse'). */
  cost?: IntermittentCost;
}

export interface TsbOptions {
  /** Number of periods to forecast, ≥ 1. */
  horizon: number;
  /** Smoothing constants in [0, 1] for size (α) and demand probability (β); optimised (with β ≤ α) when absent. */
  alpha?: { size: number; probability: number };
  /** Initial size and probability: 'mean' (default: first size, share of periods with demand), 'naive' (first size, o_1) or given. */
  initial?: 'mean' | 'naive' | { size: number; probability: number };
  /** Cost minimised when optimising (default 'mse'). */
  cost?: IntermittentCost;
}

/** The demand history split into non-zero sizes, intervals and positions (Croston's decomposition). */
interface DemandHistory {
  values: Float64Array;
  sizes: Float64Array;
  intervals: Float64Array;
  /** 0-based period of each demand. */
  positions: Int32Array;
  /**
   * Per demand i: the number of zero-demand periods before the next demand (for the last demand,
   * the periods left minus one) and the next demand size (0 after the last), so that the squared
   * in-sample error of the forecast f made after demand i is zeroRuns_i·f² + (nextSizes_i − f)²
   * (and likewise for absolute errors); exact also when the last demand is in the last period.
   */
  zeroRuns: Float64Array;
  nextSizes: Float64Array;
  /** Cumulative mean demand with the first ⌈0.3n⌉ values held (target of MAR/MSR), filled lazily. */
  rateTarget?: Float64Array;
}

function demandHistory(y: HistoryValues, method: string): DemandHistory {
  const values = historyToFloat64(y);
  let count = 0;
  for (let t = 0; t < values.length; t++) {
    const value = values[t]!;
    if (Number.isNaN(value)) throw new RangeError(`${method} needs a gap-free series (period ${t} is missing); interpolate first`);
    if (value < 0) throw new RangeError(`${method} needs non-negative demand (period ${t} is ${value})`);
    if (value > 0) count++;
  }
  const sizes = new Float64Array(count);
  const intervals = new Float64Array(count);
  const positions = new Int32Array(count);
  let i = 0;
  for (let t = 0; t < values.length; t++) {
    if (values[t]! <= 0) continue;
    sizes[i] = values[t]!;
    intervals[i] = i === 0 ? t + 1 : t - positions[i - 1]!;
    positions[i] = t;
    i++;
  }
  const zeroRuns = new Float64Array(count);
  const nextSizes = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    const last = j + 1 === count;
    zeroRuns[j] = (last ? values.length : positions[j + 1]!) - positions[j]! - 1 - (last ? 1 : 0);
    nextSizes[j] = last ? 0 : sizes[j + 1]!;
  }
  return { values, sizes, intervals, positions, zeroRuns, nextSizes };
}

/** Kourentzes' (2014) MAR/MSR target: cumulative mean demand, the first ⌈0.3n⌉ periods set to the value at ⌈0.3n⌉. */
function rateTarget(history: DemandHistory): Float64Array {
  if (history.rateTarget !== undefined) return history.rateTarget;
  const n = history.values.length;
  const target = new Float64Array(n);
  let sum = 0;
  for (let t = 0; t < n; t++) {
    sum += history.values[t]!;
    target[t] = sum / (t + 1);
  }
  const held = Math.ceil(0.3 * n);
  for (let t = 0; t < held - 1; t++) target[t] = target[held - 1]!;
  history.rateTarget = target;
  return target;
}

function biasFactor(variant: CrostonVariant, intervalAlpha: number): number {
  switch (variant) {
    case 'croston':
      return 1;
    case 'sba':
      return 1 - intervalAlpha / 2;
    case 'sbj':
      return 1 - intervalAlpha / (2 - intervalAlpha);
  }
}

/**
 * In-sample cost of Croston-type forecasts with the given constants: the forecast after demand i
 * holds for the periods up to and including demand i + 1 (or the end). MSE/MAE use the segment
 * structure (zeros, then one demand) in O(number of demands); MAR/MSR loop over periods.
 */
function crostonCost(history: DemandHistory, variant: CrostonVariant, sizeAlpha: number, intervalAlpha: number, size0: number, interval0: number, cost: IntermittentCost): number {
  const { sizes, intervals, positions, values, zeroRuns, nextSizes } = history;
  const k = sizes.length;
  const n = values.length;
  const factor = biasFactor(variant, intervalAlpha);
  let size = size0;
  let interval = interval0;
  let total = 0;
  if (cost === 'mse' || cost === 'mae') {
    const squared = cost === 'mse';
    for (let i = 0; i < k; i++) {
      if (i > 0) {
        size += sizeAlpha * (sizes[i]! - size);
        interval += intervalAlpha * (intervals[i]! - interval);
      }
      const forecast = (factor * size) / interval;
      const nextError = nextSizes[i]! - forecast;
      total += squared ? zeroRuns[i]! * forecast * forecast + nextError * nextError : zeroRuns[i]! * Math.abs(forecast) + Math.abs(nextError);
    }
    const periods = k === 0 ? 0 : n - 1 - positions[0]!;
    return periods > 0 ? total / periods : 0;
  }
  const target = rateTarget(history);
  const squared = cost === 'msr';
  for (let i = 0; i < k; i++) {
    if (i > 0) {
      size += sizeAlpha * (sizes[i]! - size);
      interval += intervalAlpha * (intervals[i]! - interval);
    }
    const forecast = (factor * size) / interval;
    const end = i + 1 === k ? n - 1 : positions[i + 1]!;
    for (let t = positions[i]! + 1; t <= end; t++) {
      const distance = forecast - target[t]!;
      total += squared ? distance * distance : Math.abs(distance);
    }
  }
  return total;
}

/** In-sample cost of TSB forecasts (the forecast for period t is p̂_{t−1}·ẑ_{t−1}, t ≥ 2). O(n). */
function tsbCost(history: DemandHistory, sizeAlpha: number, probabilityBeta: number, size0: number, probability0: number, cost: IntermittentCost): number {
  const { values } = history;
  const n = values.length;
  const squared = cost === 'mse' || cost === 'msr';
  const target = cost === 'mar' || cost === 'msr' ? rateTarget(history) : undefined;
  let size = size0;
  let probability = probability0;
  let total = 0;
  for (let t = 1; t < n; t++) {
    const actual = values[t]!;
    const distance = probability * size - (target === undefined ? actual : target[t]!);
    total += squared ? distance * distance : Math.abs(distance);
    if (actual > 0) {
      probability += probabilityBeta * (1 - probability);
      size += sizeAlpha * (actual - size);
    } else {
      probability -= probabilityBeta * probability;
    }
  }
  return target === undefined && n > 1 ? total / (n - 1) : total;
}

/** Grid of smoothing constants tried before the local search (denser where intermittent-demand optima usually are). */
const CONSTANT_GRID = [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1];

/**
 * Minimises a cost of two constants (a, b) ∈ [0, 1]², optionally with b ≤ a: the best point of an
 * 8 × 8 grid ({@link CONSTANT_GRID}) starts a Nelder–Mead search (Nelder & Mead 1965, Computer
 * Journal 7:308–313; coefficients 1, 2, ½, ½ as Lagarias et al. 1998, SIAM J. Optim. 9:112–147)
 * whose points are projected onto the feasible set. Stops when the simplex is smaller than 1e-5
 * or after 120 evaluations; returns the best point seen.
 */
function minimizeTwoConstants(cost: (a: number, b: number) => number, bNotAboveA: boolean): { a: number; b: number } {
  const project = (point: [number, number]): [number, number] => {
    const a = Math.min(1, Math.max(0, point[0]));
    const b = Math.min(bNotAboveA ? a : 1, Math.max(0, point[1]));
    return [a, b];
  };
  let best: [number, number] = [0, 0];
  let bestValue = Number.POSITIVE_INFINITY;
  for (const a of CONSTANT_GRID) {
    for (const b of CONSTANT_GRID) {
      if (bNotAboveA && b > a) continue;
      const value = cost(a, b);
      if (value < bestValue) {
        bestValue = value;
        best = [a, b];
      }
    }
  }
  // Starting simplex: the grid point and two neighbours 0.05 away, chosen inside the feasible set
  // and not on one line (the constraint b ≤ a can collapse the axis-parallel choice).
  const step = 0.05;
  const da = best[0] + step <= 1 ? step : -step;
  const db = best[1] + step <= 1 ? step : -step;
  const candidates: [number, number][] = [project([best[0] + da, best[1]]), project([best[0], best[1] + db]), project([best[0] + da, best[1] + db]), project([best[0] - da, best[1] + db])];
  const area = (p: [number, number], q: [number, number]) => Math.abs((p[0] - best[0]) * (q[1] - best[1]) - (q[0] - best[0]) * (p[1] - best[1]));
  let vertices: [[number, number], [number, number]] = [candidates[0]!, candidates[1]!];
  for (let i = 0; i < candidates.length; i++)
    for (let j = i + 1; j < candidates.length; j++) if (area(candidates[i]!, candidates[j]!) > area(vertices[0], vertices[1])) vertices = [candidates[i]!, candidates[j]!];
  const simplex: [number, number][] = [best, vertices[0], vertices[1]];
  const values = simplex.map(([a, b]) => cost(a, b));
  let evaluations = 2;
  const evaluate = (point: [number, number]): number => {
    evaluations++;
    return cost(point[0], point[1]);
  };
  while (evaluations < 120) {
    // order: 0 best, 2 worst
    for (let i = 1; i < 3; i++)
      for (let j = i; j > 0 && values[j]! < values[j - 1]!; j--) {
        [values[j], values[j - 1]] = [values[j - 1]!, values[j]!];
        [simplex[j], simplex[j - 1]] = [simplex[j - 1]!, simplex[j]!];
      }
    const [p0, p1, p2] = simplex as [[number, number], [number, number], [number, number]];
    const size = Math.max(Math.abs(p1[0] - p0[0]), Math.abs(p1[1] - p0[1]), Math.abs(p2[0] - p0[0]), Math.abs(p2[1] - p0[1]));
    if (size < 1e-5) break;
    const centroid: [number, number] = [(p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2];
    const along = (t: number): [number, number] => project([centroid[0] + t * (p2[0] - centroid[0]), centroid[1] + t * (p2[1] - centroid[1])]);
    const reflected = along(-1);
    const reflectedValue = evaluate(reflected);
    if (reflectedValue < values[0]!) {
      const expanded = along(-2);
      const expandedValue = evaluate(expanded);
      if (expandedValue < reflectedValue) {
        simplex[2] = expanded;
        values[2] = expandedValue;
      } else {
        simplex[2] = reflected;
        values[2] = reflectedValue;
      }
    } else if (reflectedValue < values[1]!) {
      simplex[2] = reflected;
      values[2] = reflectedValue;
    } else {
      const contracted = reflectedValue < values[2]! ? along(-0.5) : along(0.5);
      const contractedValue = evaluate(contracted);
      if (contractedValue < Math.min(reflectedValue, values[2]!)) {
        simplex[2] = contracted;
        values[2] = contractedValue;
      } else {
        for (let i = 1; i < 3; i++) {
          const point = simplex[i]!;
          simplex[i] = project([(p0[0] + point[0]) / 2, (p0[1] + point[1]) / 2]);
          values[i] = evaluate(simplex[i]!);
        }
      }
    }
  }
  let bestIndex = 0;
  for (let i = 1; i < 3; i++) if (values[i]! < values[bestIndex]!) bestIndex = i;
  const winner = values[bestIndex]! < bestValue ? simplex[bestIndex]! : best;
  return { a: winner[0], b: winner[1] };
}

function assertConstant(value: number, name: string): void {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} must be in [0, 1], got ${value}`);
}

/**
 * Distribution of one future period used by `simulate` and `forecastVariance`: demand occurs with
 * probability `probability`; its size is a resampled observed size times `sizeScale`.
 */
function empiricalDistribution(sizes: Float64Array, forecast: number, probability: number, horizon: number): Pick<ModelFit, 'forecastVariance' | 'simulate'> {
  const k = sizes.length;
  let sizeSum = 0;
  let sizeSquareSum = 0;
  for (let i = 0; i < k; i++) {
    sizeSum += sizes[i]!;
    sizeSquareSum += sizes[i]! * sizes[i]!;
  }
  const occurrence = Math.min(1, Math.max(0, probability));
  const usable = k > 0 && occurrence > 0 && forecast > 0;
  const sizeScale = usable ? forecast / occurrence / (sizeSum / k) : 0;
  const variance = usable ? Math.max(0, occurrence * sizeScale * sizeScale * (sizeSquareSum / k) - forecast * forecast) : 0;
  return {
    forecastVariance: new Array<number>(horizon).fill(variance),
    simulate: (count: number, random: Random) => {
      const paths: number[][] = [];
      for (let path = 0; path < count; path++) {
        const values = new Array<number>(horizon);
        for (let h = 0; h < horizon; h++) values[h] = usable && random() < occurrence ? sizeScale * sizes[Math.min(k - 1, Math.floor(random() * k))]! : 0;
        paths.push(values);
      }
      return paths;
    },
  };
}

function meanSquaredDefined(residuals: number[]): number {
  let sum = 0;
  let count = 0;
  for (const residual of residuals) {
    if (Number.isNaN(residual)) continue;
    sum += residual * residual;
    count++;
  }
  return count === 0 ? 0 : sum / count;
}

/** A flat zero forecast for a history without any demand (fitted values 0, as R `croston`). */
function noDemandFit(method: string, n: number, horizon: number, parameters: Record<string, number>): ModelFit {
  return {
    method,
    fitted: new Array<number>(n).fill(0),
    residuals: new Array<number>(n).fill(0),
    forecast: new Array<number>(horizon).fill(0),
    forecastVariance: new Array<number>(horizon).fill(0),
    simulate: (count: number) => Array.from({ length: count }, () => new Array<number>(horizon).fill(0)),
    parameters,
    states: { initial: {}, final: {} },
    sigma2: 0,
    parameterCount: 0,
  };
}

/**
 * Croston's method and its SBA/SBJ bias corrections (see the module comment for conventions,
 * optimisation and the simulated distribution). Parameters are reported as `alpha` (size),
 * `alphaInterval` (interval) and `biasFactor`; states as `size` and `interval`.
 * @example crostonForecast([0, 2, 0, 0, 4, 0], { horizon: 1, alpha: 0.1, initial: 'naive' }).forecast // [0.9375]
 */
export function crostonForecast(y: HistoryValues, options: CrostonOptions): ModelFit {
  const { horizon, variant = 'croston', initial = 'mean', cost = 'mse', smoothingParameters = 2 } = options;
  assertHorizon(horizon);
  const history = demandHistory(y, variant);
  const { sizes, intervals, positions, values } = history;
  const n = values.length;
  const k = sizes.length;
  if (k === 0) return noDemandFit(variant, n, horizon, { alpha: Number.NaN, alphaInterval: Number.NaN, biasFactor: 1 });

  let size0: number;
  let interval0: number;
  if (typeof initial === 'object') {
    if (!(initial.size >= 0) || !Number.isFinite(initial.size)) throw new RangeError(`initial size must be ≥ 0, got ${initial.size}`);
    if (!(initial.interval > 0) || !Number.isFinite(initial.interval)) throw new RangeError(`initial interval must be > 0, got ${initial.interval}`);
    size0 = initial.size;
    interval0 = initial.interval;
  } else {
    size0 = sizes[0]!;
    if (initial === 'naive') interval0 = intervals[0]!;
    else {
      let sum = 0;
      for (let i = 0; i < k; i++) sum += intervals[i]!;
      interval0 = sum / k;
    }
  }

  let sizeAlpha: number;
  let intervalAlpha: number;
  let estimated = 0;
  if (typeof options.alpha === 'number') {
    assertConstant(options.alpha, 'alpha');
    sizeAlpha = intervalAlpha = options.alpha;
  } else if (options.alpha !== undefined) {
    assertConstant(options.alpha.size, 'alpha.size');
    assertConstant(options.alpha.interval, 'alpha.interval');
    sizeAlpha = options.alpha.size;
    intervalAlpha = options.alpha.interval;
  } else if (smoothingParameters === 1) {
    sizeAlpha = intervalAlpha = gridBrentMinimize((a) => crostonCost(history, variant, a, a, size0, interval0, cost), 0, 1, 20, 1e-7).x;
    estimated = 1;
  } else {
    const best = minimizeTwoConstants((a, b) => crostonCost(history, variant, a, b, size0, interval0, cost), false);
    sizeAlpha = best.a;
    intervalAlpha = best.b;
    estimated = 2;
  }

  const factor = biasFactor(variant, intervalAlpha);
  const fitted = new Array<number>(n).fill(Number.NaN);
  let size = size0;
  let interval = interval0;
  for (let i = 0; i < k; i++) {
    if (i > 0) {
      size += sizeAlpha * (sizes[i]! - size);
      interval += intervalAlpha * (intervals[i]! - interval);
    }
    const end = i + 1 < k ? positions[i + 1]! : n - 1;
    const rate = (factor * size) / interval;
    for (let t = positions[i]! + 1; t <= end; t++) fitted[t] = rate;
  }
  const forecastValue = (factor * size) / interval;
  const residuals = fitted.map((f, t) => values[t]! - f);
  return {
    method: variant,
    fitted,
    residuals,
    forecast: new Array<number>(horizon).fill(forecastValue),
    ...empiricalDistribution(sizes, forecastValue, 1 / interval, horizon),
    parameters: { alpha: sizeAlpha, alphaInterval: intervalAlpha, biasFactor: factor },
    states: { initial: { size: size0, interval: interval0 }, final: { size, interval } },
    sigma2: meanSquaredDefined(residuals),
    parameterCount: estimated + 2,
  };
}

/** Syntetos–Boylan approximation: {@link crostonForecast} with `variant: 'sba'`. */
export function sbaForecast(y: HistoryValues, options: Omit<CrostonOptions, 'variant'>): ModelFit {
  return crostonForecast(y, { ...options, variant: 'sba' });
}

/** Shale–Boylan–Johnston correction: {@link crostonForecast} with `variant: 'sbj'`. */
export function sbjForecast(y: HistoryValues, options: Omit<CrostonOptions, 'variant'>): ModelFit {
  return crostonForecast(y, { ...options, variant: 'sbj' });
}

/**
 * Teunter–Syntetos–Babai method (see the module comment). Parameters are reported as `alpha`
 * (size) and `beta` (probability); states as `size` and `probability`.
 * @example tsbForecast([0, 2, 0, 0, 4, 0], { horizon: 1, alpha: { size: 0.5, probability: 0.2 }, initial: 'naive' }).forecast // [0.8064]
 */
export function tsbForecast(y: HistoryValues, options: TsbOptions): ModelFit {
  const { horizon, initial = 'mean', cost = 'mse' } = options;
  assertHorizon(horizon);
  const history = demandHistory(y, 'tsb');
  const { sizes, values } = history;
  const n = values.length;
  const k = sizes.length;
  if (k === 0) return noDemandFit('tsb', n, horizon, { alpha: Number.NaN, beta: Number.NaN });

  let size0: number;
  let probability0: number;
  if (typeof initial === 'object') {
    if (!(initial.size >= 0) || !Number.isFinite(initial.size)) throw new RangeError(`initial size must be ≥ 0, got ${initial.size}`);
    assertConstant(initial.probability, 'initial probability');
    size0 = initial.size;
    probability0 = initial.probability;
  } else {
    size0 = sizes[0]!;
    probability0 = initial === 'naive' ? (values[0]! > 0 ? 1 : 0) : k / n;
  }

  let sizeAlpha: number;
  let probabilityBeta: number;
  let estimated = 0;
  if (options.alpha !== undefined) {
    assertConstant(options.alpha.size, 'alpha.size');
    assertConstant(options.alpha.probability, 'alpha.probability');
    sizeAlpha = options.alpha.size;
    probabilityBeta = options.alpha.probability;
  } else {
    const best = minimizeTwoConstants((a, b) => tsbCost(history, a, b, size0, probability0, cost), true);
    sizeAlpha = best.a;
    probabilityBeta = best.b;
    estimated = 2;
  }

  const fitted = new Array<number>(n);
  fitted[0] = Number.NaN;
  let size = size0;
  let probability = probability0;
  for (let t = 1; t < n; t++) {
    fitted[t] = probability * size;
    const actual = values[t]!;
    if (actual > 0) {
      probability += probabilityBeta * (1 - probability);
      size += sizeAlpha * (actual - size);
    } else {
      probability -= probabilityBeta * probability;
    }
  }
  const forecastValue = probability * size;
  const residuals = fitted.map((f, t) => values[t]! - f);
  return {
    method: 'tsb',
    fitted,
    residuals,
    forecast: new Array<number>(horizon).fill(forecastValue),
    ...empiricalDistribution(sizes, forecastValue, probability, horizon),
    parameters: { alpha: sizeAlpha, beta: probabilityBeta },
    states: { initial: { size: size0, probability: probability0 }, final: { size, probability } },
    sigma2: meanSquaredDefined(residuals),
    parameterCount: estimated + 2,
  };
}

export type DemandCategory = 'smooth' | 'erratic' | 'intermittent' | 'lumpy' | 'no-demand';

export interface DemandClassification {
  /** Average inter-demand interval (mean of the intervals, the first counted from the start). NaN without demand. */
  adi: number;
  /** Squared coefficient of variation of the non-zero sizes (sample sd); NaN with fewer than two demands. */
  cv2: number;
  /** Number of periods with demand. */
  demandCount: number;
  category: DemandCategory;
  /** Syntetos–Boylan–Croston rule: SBA unless smooth (Croston); none without demand. */
  recommendedMethod: 'croston' | 'sba' | 'none';
}

/**
 * Syntetos–Boylan–Croston (2005) classification by ADI and CV² with cut-offs 1.32 and 0.49 (values
 * strictly above a cut-off are "high", as tsintermittent `idclass`). Missing periods are dropped
 * first; with a single demand CV² is NaN and counts as low. Non-negative demand expected.
 * @example classifyDemand([0, 3, 0, 0, 5, 0, 4]).category // 'intermittent'
 */
export function classifyDemand(y: HistoryValues, cutoffs: { adi?: number; cv2?: number } = {}): DemandClassification {
  const adiCutoff = cutoffs.adi ?? SBC_ADI_CUTOFF;
  const cv2Cutoff = cutoffs.cv2 ?? SBC_CV2_CUTOFF;
  let observed = 0;
  let lastDemandIndex = -1;
  let demandCount = 0;
  let sum = 0;
  let squareSum = 0;
  let shift = 0;
  for (let t = 0; t < y.length; t++) {
    const value = y[t];
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    observed++;
    if (value === 0) continue;
    if (value < 0) throw new RangeError(`demand must be non-negative (period ${t} is ${value})`);
    if (demandCount === 0) shift = value;
    demandCount++;
    lastDemandIndex = observed - 1;
    sum += value - shift;
    squareSum += (value - shift) * (value - shift);
  }
  if (demandCount === 0) return { adi: Number.NaN, cv2: Number.NaN, demandCount, category: 'no-demand', recommendedMethod: 'none' };
  const adi = (lastDemandIndex + 1) / demandCount;
  const mean = shift + sum / demandCount;
  const variance = demandCount > 1 ? (squareSum - (sum * sum) / demandCount) / (demandCount - 1) : Number.NaN;
  const cv2 = variance / (mean * mean);
  const intermittent = adi > adiCutoff;
  const erratic = cv2 > cv2Cutoff;
  const category: DemandCategory = intermittent ? (erratic ? 'lumpy' : 'intermittent') : erratic ? 'erratic' : 'smooth';
  return { adi, cv2, demandCount, category, recommendedMethod: intermittent || erratic ? 'sba' : 'croston' };
}
