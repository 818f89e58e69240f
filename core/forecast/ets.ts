/**
 * Exponential smoothing in innovations state-space form, the ETS(error, trend, season) family,
 * estimated, selected and forecast as R's `forecast::ets` does.
 *
 * Sources:
 * - R. J. Hyndman, A. B. Koehler, J. K. Ord & R. D. Snyder, *Forecasting with Exponential
 *   Smoothing: The State Space Approach* (Springer 2008), here "HKOS":
 *   ch. 2 (Table 2.2, the 30 models' recursions), §2.6.1 (initial states), ch. 5 (maximum
 *   likelihood, the criterion n·log Σe² + 2Σlog|ŷ|), ch. 6 (prediction distributions: Table 6.1
 *   closed-form variances of the linear class 1, class 2 and class 3 formulas), ch. 7 (AIC, AICc,
 *   BIC and automatic selection), ch. 10 (admissible parameter space).
 * - R. J. Hyndman & G. Athanasopoulos, *Forecasting: Principles and Practice*, 2nd ed. (2018) ch. 7
 *   and 3rd ed. (2021) ch. 8, here "FPP": the component and state-space forms (FPP3 Table 8.7),
 *   parameters α, β = αβ*, γ, φ and their usual region, prediction variances (FPP3 Table 8.8).
 * - R package `forecast` (R. J. Hyndman et al.), files `R/ets.R` (`ets`, `etsmodel`, `initparam`,
 *   `initstate`, `check.param`, `admissible`), `src/etscalc.c` (recursion, likelihood, forecasts,
 *   simulation), `src/etsTargetFunction.cpp` (objective and bounds) and `R/etsforecast.R`
 *   (`class1`, `class2`, `class3` forecast variances). With `search: 'r'` the estimation follows
 *   these step for step — same starting parameters and states, same Nelder–Mead (./optimize.ts),
 *   same bounds, same criteria — and reproduces R's estimates (see the tests).
 * - R. J. Hyndman, Md. Akram & B. C. Archibald, "The admissible parameter space for exponential
 *   smoothing models", *Ann. Inst. Stat. Math.* 60 (2008) 407–426 (the characteristic-polynomial
 *   test); E. I. Jury, *Theory and Application of the z-Transform Method* (1964) / the Schur–Cohn
 *   criterion for "all roots inside the unit circle", used here instead of R's `polyroot`.
 * - G. E. P. Box & M. E. Muller, "A note on the generation of random normal deviates",
 *   *Ann. Math. Statist.* 29 (1958) 610–611 (normal innovations for simulated paths).
 *
 * Where we deliberately differ from R `forecast` (8.x):
 * - `autoEts` searches by default with per-coordinate simplex steps on y/mean|y|, tolerance 1e-5
 *   and 2 restarts (`search: 'scaled'`): about 40 % fewer likelihood evaluations than R's search
 *   and a better optimum on most series (mean AICc 0.2–1.2 lower on M3 and synthetic weekly data);
 *   `search: 'r'` restores R's path exactly.
 * - Forecast means of damped models with a multiplicative trend or season follow HKOS/FPP
 *   (ℓ + (φ + … + φ^h)b, ℓ·b^{φ+…+φ^h}); R's `class3` uses ℓ + (1 + φ + … + φ^{h−1})b and R's C
 *   `forecast` the exponents φ, 2φ, 2φ + φ², … (an off-by-one). In-sample fits are unaffected.
 * - Class-1/2 variances put γ on the newest seasonal state also without a trend (HKOS Table 6.1);
 *   R's `class1` puts it on the third state, which for ETS(A,N,A)/(M,N,A) is s₂.
 * - The additive-trend update b ← φb + β(p − q) is R's φb + (β/α)(ℓ_new − ℓ − φb) rewritten
 *   (equal algebraically, a shorter floating-point dependency chain, so a faster loop).
 * - The likelihood criterion is R's n·log Σε² (+ 2Σlog|ŷ|), not n·log(Σε²/n): logLik = −½·that,
 *   as R prints. σ² = Σε²/(n − p) as R ≥ 8 (ε relative for multiplicative errors).
 * - Admissibility uses the Schur–Cohn test instead of polyroot; very short series (n ≤ 6) get the
 *   better of SES and Holt with simple initial states fitted by our estimator (R: HoltWintersZZ).
 *
 * Conventions: y has no gaps (the caller interpolates) and is oldest first; seasonal states are
 * listed oldest first (`seasonal[0]` is s_{1−m} for the initial states, the seasonal index that
 * applies to y₁; for the final states it is the index that applies to y_{n+1}). FPP and R print
 * them newest first (s₀, s₋₁, …): reverse those.
 */
import { minimize } from './optimize.js';
import type { ModelFit, Random } from './types.js';

export type EtsErrorType = 'A' | 'M';
export type EtsTrendType = 'N' | 'A' | 'M';
export type EtsSeasonType = 'N' | 'A' | 'M';

/** One member of the ETS family (HKOS Table 2.1; FPP3 §8.4). */
export interface EtsSpec {
  error: EtsErrorType;
  trend: EtsTrendType;
  /** Damped trend (φ); only with a trend. */
  damped: boolean;
  season: EtsSeasonType;
  /** Season length m in periods (1 = non-seasonal). */
  seasonLength: number;
}

/** Smoothing parameters in FPP state-space notation: β = αβ*, γ = (1 − α)γ* (FPP3 §8.6). */
export interface EtsParameters {
  alpha: number;
  beta?: number;
  gamma?: number;
  phi?: number;
}

/** States: level ℓ, trend b, and m seasonal indices oldest first. */
export interface EtsStates {
  level: number;
  trend?: number;
  seasonal?: number[];
}

/** R's default parameter limits ("usual" region): α, β, γ ∈ [1e-4, 0.9999], φ ∈ [0.8, 0.98] (`ets` arguments `lower`, `upper`). */
export const ETS_LOWER_BOUNDS = { alpha: 1e-4, beta: 1e-4, gamma: 1e-4, phi: 0.8 } as const;
export const ETS_UPPER_BOUNDS = { alpha: 0.9999, beta: 0.9999, gamma: 0.9999, phi: 0.98 } as const;

/** Largest season length with seasonal models (R `ets`: "Frequency too high" above 24). */
export const ETS_MAX_SEASON_LENGTH = 24;

const NONE = 0;
const ADD = 1;
const MULT = 2;
/** Guards of R's etscalc.c (`TOL`, `HUGEN`). */
const TOL = 1.0e-10;
const HUGEN = 1.0e10;

const code = (c: 'N' | 'A' | 'M'): number => (c === 'N' ? NONE : c === 'A' ? ADD : MULT);

/** The model's label as R prints it, e.g. `ETS(A,Ad,M)`. */
export function etsLabel(spec: Pick<EtsSpec, 'error' | 'trend' | 'damped' | 'season'>): string {
  return `ETS(${spec.error},${spec.trend}${spec.damped ? 'd' : ''},${spec.season})`;
}

/** Throws RangeError unless the spec is well formed. */
function validateSpec(spec: EtsSpec): void {
  if (!Number.isInteger(spec.seasonLength) || spec.seasonLength < 1) throw new RangeError(`seasonLength must be an integer ≥ 1, got ${spec.seasonLength}`);
  if (spec.damped && spec.trend === 'N') throw new RangeError('a damped model needs a trend');
  if (spec.season !== 'N' && spec.seasonLength < 2) throw new RangeError('a seasonal model needs seasonLength ≥ 2');
}

/** Number of states in R's layout: level, trend, m seasonal indices. */
function stateCount(spec: EtsSpec): number {
  return 1 + (spec.trend !== 'N' ? 1 : 0) + (spec.season !== 'N' ? spec.seasonLength : 0);
}

// ---------------------------------------------------------------------------------------------
// The recursion (HKOS Table 2.2; FPP3 Table 8.7; R etscalc.c)
// ---------------------------------------------------------------------------------------------

/**
 * Scratch and output buffers of the inner recursion, allocated once per fit so the objective
 * function of the optimiser allocates nothing.
 */
interface RecursionBuffers {
  /** Seasonal ring: ring[t mod m] holds the index for y_t (0-based t); in: initial oldest first; out: final ring. */
  ring: Float64Array;
  /** Final level and trend, then the mean squared one-step error (R's `amse[0]`, a running mean), written by the recursion. */
  final: Float64Array;
  /** Whether to compute the mean squared error (only the `mse` criterion needs it). */
  trackMse: boolean;
  /** Optional one-step fitted values and innovations (length n). */
  fitted: Float64Array | null;
  innovations: Float64Array | null;
}

/**
 * Runs the ETS recursion over y (R etscalc.c `etscalc`, `forecast`, `update`), from level ℓ₀,
 * trend b₀ and the seasonal ring, and returns R's likelihood criterion
 * lik = n·log(Σeₜ²) + 2·Σlog|ŷₜ|(multiplicative error only) (HKOS §5.2, eq. 5.3; R `etscalc`),
 * where eₜ = yₜ − ŷₜ (additive error) or (yₜ − ŷₜ)/ŷₜ (multiplicative error).
 * Returns NaN where R returns NA (a multiplicative trend gone negative).
 *
 * State updates (written as in R, equivalent to HKOS Table 2.2 for either error type):
 *   q = ℓ (N), ℓ + φb (A), ℓ·b^φ (M);  ŷ = q, q + s, q·s (season N, A, M) with s = s_{t−m};
 *   ℓ ← q + α(p − q), p = y, y − s, y/s;  b ← φb + (β/α)(r − φb), r = ℓ_new − ℓ or ℓ_new/ℓ
 *   (b^φ in place of φb for M);  s_t ← s + γ(y − q − s) or s + γ(y/q − s).
 */
function runRecursion(
  y: ArrayLike<number>,
  m: number,
  errorCode: number,
  trendCode: number,
  seasonCode: number,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  level0: number,
  trend0: number,
  buffers: RecursionBuffers,
): number {
  const n = y.length;
  const ring = buffers.ring;
  const fitted = buffers.fitted;
  const innovations = buffers.innovations;
  if (trendCode !== MULT && fitted === null && innovations === null && !buffers.trackMse) {
    if (seasonCode === NONE) return nonSeasonalLikelihood(y, errorCode === MULT, trendCode === ADD, alpha, beta, phi, level0, trend0, buffers.final);
    // No trend is the additive-trend loop with φ = β = b₀ = 0 (q = ℓ + 0·0 = ℓ exactly).
    const additiveTrend = trendCode === ADD;
    return seasonalLikelihood(y, m, errorCode === MULT, seasonCode === MULT, alpha, additiveTrend ? beta : 0, gamma, additiveTrend ? phi : 0, level0, additiveTrend ? trend0 : 0, ring, buffers.final);
  }
  const betaOverAlpha = beta / alpha;
  const phiIsOne = Math.abs(phi - 1.0) < TOL;
  let l = level0;
  let b = trend0;
  let sumSquares = 0;
  let meanSquaredError = 0;
  const trackMse = buffers.trackMse;
  let logAbsFitSum = 0;
  let absFitProduct = 1;
  let sIndex = 0;
  for (let t = 0; t < n; t++) {
    const yt = y[t]!;
    // One-step forecast (R `forecast` with h = 1) and the `update` quantities.
    let q: number;
    let phib: number;
    if (trendCode === NONE) {
      q = l;
      phib = 0;
    } else if (trendCode === ADD) {
      phib = phi * b;
      q = l + phib;
    } else {
      if (b < 0) return Number.NaN;
      phib = phiIsOne ? b : Math.pow(b, phi);
      q = l * phib;
    }
    let s = 0;
    let fit = q;
    if (seasonCode === ADD) {
      s = ring[sIndex]!;
      fit = q + s;
    } else if (seasonCode === MULT) {
      s = ring[sIndex]!;
      fit = q * s;
    }
    const e = errorCode === ADD ? yt - fit : (yt - fit) / fit;
    if (fitted !== null) fitted[t] = fit;
    if (innovations !== null) innovations[t] = e;
    sumSquares += e * e;
    if (trackMse) meanSquaredError = (meanSquaredError * t + (yt - fit) * (yt - fit)) / (t + 1);
    if (errorCode === MULT) {
      // Σlog|ŷ| accumulated as a product, renormalised before it can overflow or underflow.
      absFitProduct *= Math.abs(fit);
      if (absFitProduct > 1e200 || absFitProduct < 1e-200) {
        logAbsFitSum += Math.log(absFitProduct);
        absFitProduct = 1;
      }
    }
    // New level.
    let p: number;
    if (seasonCode === NONE) p = yt;
    else if (seasonCode === ADD) p = yt - s;
    else p = Math.abs(s) < TOL ? HUGEN : yt / s;
    const correction = p - q;
    const lNew = q + alpha * correction;
    // New growth. For an additive trend R's b = φb + (β/α)(ℓ_new − ℓ − φb) is φb + β(p − q)
    // exactly (ℓ_new − ℓ − φb = α(p − q)); this form has a shorter floating-point dependency chain.
    if (trendCode === ADD) b = phib + beta * correction;
    else if (trendCode === MULT) {
      const r = Math.abs(l) < TOL ? HUGEN : lNew / l;
      b = phib + betaOverAlpha * (r - phib);
    }
    // New season.
    if (seasonCode !== NONE) {
      let target: number;
      if (seasonCode === ADD) target = yt - q;
      else target = Math.abs(q) < TOL ? HUGEN : yt / q;
      ring[sIndex] = s + gamma * (target - s);
      sIndex++;
      if (sIndex === m) sIndex = 0;
    }
    l = lNew;
  }
  buffers.final[0] = l;
  buffers.final[1] = b;
  buffers.final[2] = meanSquaredError;
  if (errorCode === MULT) logAbsFitSum += Math.log(absFitProduct);
  let lik = n * Math.log(sumSquares);
  if (errorCode === MULT) lik += 2 * logAbsFitSum;
  return lik;
}

/**
 * The likelihood criterion of ETS(A/M, N/A/Ad, N) only, as `runRecursion` computes it (same
 * operations in the same order, so the same value to the last bit), with the model-type branches
 * hoisted out of the loop: the optimiser's hot path, 2–3× faster than the general loop.
 */
function nonSeasonalLikelihood(
  y: ArrayLike<number>,
  multiplicativeError: boolean,
  additiveTrend: boolean,
  alpha: number,
  beta: number,
  phi: number,
  level0: number,
  trend0: number,
  final: Float64Array,
): number {
  const n = y.length;
  let l = level0;
  let b = trend0;
  let sumSquares = 0;
  if (!multiplicativeError) {
    if (additiveTrend) {
      for (let t = 0; t < n; t++) {
        const phib = phi * b;
        const q = l + phib;
        const correction = y[t]! - q;
        sumSquares += correction * correction;
        l = q + alpha * correction;
        b = phib + beta * correction;
      }
    } else {
      for (let t = 0; t < n; t++) {
        const correction = y[t]! - l;
        sumSquares += correction * correction;
        l = l + alpha * correction;
      }
    }
    final[0] = l;
    final[1] = b;
    final[2] = 0;
    return n * Math.log(sumSquares);
  }
  let logAbsFitSum = 0;
  let absFitProduct = 1;
  if (additiveTrend) {
    for (let t = 0; t < n; t++) {
      const phib = phi * b;
      const q = l + phib;
      const correction = y[t]! - q;
      const e = correction / q;
      sumSquares += e * e;
      absFitProduct *= Math.abs(q);
      if (absFitProduct > 1e200 || absFitProduct < 1e-200) {
        logAbsFitSum += Math.log(absFitProduct);
        absFitProduct = 1;
      }
      l = q + alpha * correction;
      b = phib + beta * correction;
    }
  } else {
    for (let t = 0; t < n; t++) {
      const q = l;
      const correction = y[t]! - q;
      const e = correction / q;
      sumSquares += e * e;
      absFitProduct *= Math.abs(q);
      if (absFitProduct > 1e200 || absFitProduct < 1e-200) {
        logAbsFitSum += Math.log(absFitProduct);
        absFitProduct = 1;
      }
      l = q + alpha * correction;
    }
  }
  final[0] = l;
  final[1] = b;
  final[2] = 0;
  logAbsFitSum += Math.log(absFitProduct);
  return n * Math.log(sumSquares) + 2 * logAbsFitSum;
}

/**
 * The likelihood criterion of the seasonal models without a multiplicative trend, as `runRecursion`
 * computes it (same operations in the same order), with the error and season branches hoisted out
 * of the loop. Updates the seasonal ring in place.
 */
function seasonalLikelihood(
  y: ArrayLike<number>,
  m: number,
  multiplicativeError: boolean,
  multiplicativeSeason: boolean,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  level0: number,
  trend0: number,
  ring: Float64Array,
  final: Float64Array,
): number {
  const n = y.length;
  let l = level0;
  let b = trend0;
  let sumSquares = 0;
  let logAbsFitSum = 0;
  let absFitProduct = 1;
  let sIndex = 0;
  if (!multiplicativeSeason) {
    for (let t = 0; t < n; t++) {
      const yt = y[t]!;
      const phib = phi * b;
      const q = l + phib;
      const s = ring[sIndex]!;
      const fit = q + s;
      if (multiplicativeError) {
        const e = (yt - fit) / fit;
        sumSquares += e * e;
        absFitProduct *= Math.abs(fit);
        if (absFitProduct > 1e200 || absFitProduct < 1e-200) {
          logAbsFitSum += Math.log(absFitProduct);
          absFitProduct = 1;
        }
      } else {
        const e = yt - fit;
        sumSquares += e * e;
      }
      const correction = yt - s - q;
      l = q + alpha * correction;
      b = phib + beta * correction;
      ring[sIndex] = s + gamma * (yt - q - s);
      sIndex++;
      if (sIndex === m) sIndex = 0;
    }
  } else {
    for (let t = 0; t < n; t++) {
      const yt = y[t]!;
      const phib = phi * b;
      const q = l + phib;
      const s = ring[sIndex]!;
      const fit = q * s;
      if (multiplicativeError) {
        const e = (yt - fit) / fit;
        sumSquares += e * e;
        absFitProduct *= Math.abs(fit);
        if (absFitProduct > 1e200 || absFitProduct < 1e-200) {
          logAbsFitSum += Math.log(absFitProduct);
          absFitProduct = 1;
        }
      } else {
        const e = yt - fit;
        sumSquares += e * e;
      }
      const p = Math.abs(s) < TOL ? HUGEN : yt / s;
      const correction = p - q;
      l = q + alpha * correction;
      b = phib + beta * correction;
      const target = Math.abs(q) < TOL ? HUGEN : yt / q;
      ring[sIndex] = s + gamma * (target - s);
      sIndex++;
      if (sIndex === m) sIndex = 0;
    }
  }
  final[0] = l;
  final[1] = b;
  final[2] = 0;
  let lik = n * Math.log(sumSquares);
  if (multiplicativeError) lik += 2 * (logAbsFitSum + Math.log(absFitProduct));
  return lik;
}

/**
 * Point forecasts ŷ_{n+h|n}, h = 1..horizon, from the final states (R etscalc.c `forecast`;
 * FPP3 Table 8.7): ℓ + φ_h·b with φ_h = φ + φ² + … + φ^h (additive trend), ℓ·b^{φ_h}
 * (multiplicative trend; NaN if b < 0), then ⊕ the seasonal index s_{n+h−m(k+1)}.
 */
export function etsPointForecasts(spec: EtsSpec, parameters: EtsParameters, finalStates: EtsStates, horizon: number): number[] {
  validateSpec(spec);
  const m = spec.season === 'N' ? 1 : spec.seasonLength;
  const phi = spec.damped ? parameters.phi ?? Number.NaN : 1;
  const out: number[] = [];
  let phistar = phi;
  const l = finalStates.level;
  const b = finalStates.trend ?? 0;
  for (let i = 0; i < horizon; i++) {
    let f: number;
    if (spec.trend === 'N') f = l;
    else if (spec.trend === 'A') f = l + phistar * b;
    else f = b < 0 ? Number.NaN : l * Math.pow(b, phistar);
    if (spec.season !== 'N') {
      const s = finalStates.seasonal![i % m]!;
      f = spec.season === 'A' ? f + s : f * s;
    }
    out.push(f);
    if (Math.abs(phi - 1.0) < TOL) phistar += 1.0;
    else phistar += Math.pow(phi, i + 2);
  }
  return out;
}

export interface EtsRecursionResult {
  /** One-step-ahead fitted values ŷ_{t|t−1} (a typed array: no copy, so 10 million points stay fast). */
  fitted: Float64Array;
  /** Innovations εₜ: yₜ − ŷₜ (additive error) or (yₜ − ŷₜ)/ŷₜ (multiplicative error), as R's `residuals(fit)`. */
  innovations: Float64Array;
  /** States after the last observation. */
  finalStates: EtsStates;
  /** R's likelihood criterion n·log(Σε²) + 2Σlog|ŷ| (the latter for multiplicative errors); −2·logLik. */
  likelihoodCriterion: number;
  /** Σεₜ². */
  sumSquaredInnovations: number;
  /** Point forecasts for h = 1..horizon. */
  forecast: number[];
}

/** Parameters with defaults for the components the spec does not have (β = 0, γ = 0, φ = 1). */
function fullParameters(spec: EtsSpec, parameters: EtsParameters): { alpha: number; beta: number; gamma: number; phi: number } {
  return {
    alpha: parameters.alpha,
    beta: spec.trend === 'N' ? 0 : parameters.beta ?? Number.NaN,
    gamma: spec.season === 'N' ? 0 : parameters.gamma ?? Number.NaN,
    phi: spec.damped ? parameters.phi ?? Number.NaN : 1,
  };
}

/**
 * The ETS recursions (HKOS Table 2.2; FPP3 Table 8.7; R etscalc.c) with every parameter and initial
 * state given: one-step fitted values, innovations, final states, R's likelihood criterion and the
 * point forecasts for h = 1..horizon. `y` must have no gaps.
 *
 * @example etsRecursion([3, 5, 4], { error: 'A', trend: 'N', damped: false, season: 'N', seasonLength: 1 },
 *   { alpha: 0.5 }, { level: 4 }, 1).forecast // [4] (ℓ: 4 → 3.5 → 4.25 → 4.125) → [4.125]
 */
export function etsRecursion(y: ArrayLike<number>, spec: EtsSpec, parameters: EtsParameters, initialStates: EtsStates, horizon = 0): EtsRecursionResult {
  validateSpec(spec);
  const m = spec.season === 'N' ? 1 : spec.seasonLength;
  const par = fullParameters(spec, parameters);
  if (!Number.isFinite(par.alpha) || !Number.isFinite(par.beta) || !Number.isFinite(par.gamma) || !Number.isFinite(par.phi))
    throw new RangeError(`${etsLabel(spec)}: a smoothing parameter is missing or not finite`);
  if (spec.trend !== 'N' && initialStates.trend === undefined) throw new RangeError('initial trend state is missing');
  const ring = new Float64Array(m);
  if (spec.season !== 'N') {
    const seasonal = initialStates.seasonal;
    if (seasonal === undefined || seasonal.length !== m) throw new RangeError(`expected ${m} initial seasonal states`);
    for (let i = 0; i < m; i++) ring[i] = seasonal[i]!;
  }
  const n = y.length;
  const buffers: RecursionBuffers = { ring, final: new Float64Array(3), fitted: new Float64Array(n), innovations: new Float64Array(n), trackMse: false };
  const lik = runRecursion(y, m, code(spec.error), code(spec.trend), code(spec.season), par.alpha, par.beta, par.gamma, par.phi, initialStates.level, initialStates.trend ?? 0, buffers);
  const finalStates = statesFromBuffers(spec, buffers.final[0]!, buffers.final[1]!, ring, n);
  const fitted = buffers.fitted!;
  const innovations = buffers.innovations!;
  let sse = 0;
  for (let t = 0; t < n; t++) sse += innovations[t]! * innovations[t]!;
  return {
    fitted,
    innovations,
    finalStates,
    likelihoodCriterion: lik,
    sumSquaredInnovations: sse,
    forecast: horizon > 0 ? etsPointForecasts(spec, parameters, finalStates, horizon) : [],
  };
}

/** Final states from the recursion's buffers; the ring is rotated to oldest first. */
function statesFromBuffers(spec: EtsSpec, level: number, trend: number, ring: Float64Array, n: number): EtsStates {
  const states: EtsStates = { level };
  if (spec.trend !== 'N') states.trend = trend;
  if (spec.season !== 'N') {
    const m = spec.seasonLength;
    const seasonal: number[] = [];
    for (let i = 0; i < m; i++) seasonal.push(ring[(n + i) % m]!);
    states.seasonal = seasonal;
  }
  return states;
}

// ---------------------------------------------------------------------------------------------
// Initial states heuristic (HKOS §2.6.1; Hyndman et al. 2002 §2.6; R `initstate`)
// ---------------------------------------------------------------------------------------------

/** Least squares β̂ for a small design (columns of X), by Householder QR (Golub & Van Loan §5.3). */
function leastSquares(columns: Float64Array[], y: ArrayLike<number>): number[] {
  const k = columns.length;
  const n = y.length;
  const a = columns.map((c) => Float64Array.from(c));
  const rhs = Float64Array.from(y as ArrayLike<number>);
  for (let j = 0; j < k; j++) {
    const col = a[j]!;
    let norm = 0;
    for (let i = j; i < n; i++) norm += col[i]! * col[i]!;
    norm = Math.sqrt(norm);
    if (norm === 0) continue;
    const alpha = col[j]! > 0 ? -norm : norm;
    const v = new Float64Array(n);
    v[j] = col[j]! - alpha;
    for (let i = j + 1; i < n; i++) v[i] = col[i]!;
    let vv = 0;
    for (let i = j; i < n; i++) vv += v[i]! * v[i]!;
    if (vv === 0) continue;
    const reflect = (x: Float64Array): void => {
      let dot = 0;
      for (let i = j; i < n; i++) dot += v[i]! * x[i]!;
      const scale = (2 * dot) / vv;
      for (let i = j; i < n; i++) x[i] = x[i]! - scale * v[i]!;
    };
    for (let c = j; c < k; c++) reflect(a[c]!);
    reflect(rhs);
  }
  const beta = new Array<number>(k).fill(0);
  for (let j = k - 1; j >= 0; j--) {
    let s = rhs[j]!;
    for (let c = j + 1; c < k; c++) s -= a[c]![j]! * beta[c]!;
    beta[j] = s / a[j]![j]!;
  }
  return beta;
}

/**
 * Classical decomposition's seasonal component (R `stats::decompose`): centred moving average of
 * order m (2×m for even m) as trend, per-position means of y − trend (or y/trend), normalised to
 * sum 0 (or mean 1); seasonal[t] = figure[t mod m] with positions counted from the first observation.
 */
function classicalSeasonal(y: ArrayLike<number>, m: number, multiplicative: boolean): Float64Array {
  const n = y.length;
  const filterLength = m % 2 === 0 ? m + 1 : m;
  const weights = new Float64Array(filterLength);
  if (m % 2 === 0) {
    weights.fill(1 / m);
    weights[0] = 0.5 / m;
    weights[filterLength - 1] = 0.5 / m;
  } else weights.fill(1 / m);
  const offset = Math.floor(filterLength / 2);
  const detrended = new Float64Array(n).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    if (i + offset - (filterLength - 1) < 0 || i + offset >= n) continue;
    let z = 0;
    for (let j = 0; j < filterLength; j++) z += weights[j]! * y[i + offset - j]!;
    detrended[i] = multiplicative ? y[i]! / z : y[i]! - z;
  }
  const figure = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let sum = 0;
    let count = 0;
    for (let t = i; t < n; t += m) {
      if (!Number.isNaN(detrended[t]!)) {
        sum += detrended[t]!;
        count++;
      }
    }
    figure[i] = sum / count;
  }
  let mean = 0;
  for (let i = 0; i < m; i++) mean += figure[i]!;
  mean /= m;
  for (let i = 0; i < m; i++) figure[i] = multiplicative ? figure[i]! / mean : figure[i]! - mean;
  const seasonal = new Float64Array(n);
  for (let t = 0; t < n; t++) seasonal[t] = figure[t % m]!;
  return seasonal;
}

/** Heuristic initial states in R's order: [ℓ₀, b₀?, s₀, s₋₁, …, s_{−(m−2)}] (the last seasonal index is implied by normalisation). */
function heuristicInitialStates(y: ArrayLike<number>, trend: EtsTrendType, season: EtsSeasonType, seasonLength: number): number[] {
  const n = y.length;
  let m = 1;
  let initialSeasonal: number[] = [];
  let adjusted: Float64Array;
  if (season !== 'N') {
    m = seasonLength;
    if (n < 4) throw new RangeError('not enough data for seasonal initial states');
    const multiplicative = season === 'M';
    let seasonal: Float64Array;
    if (n < 3 * m) {
      // Simple Fourier model y ~ trend + sin + cos (R: tslm(y ~ trend + fourier(y, 1))).
      const ones = new Float64Array(n).fill(1);
      const time = new Float64Array(n);
      const sin = new Float64Array(n);
      const cos = new Float64Array(n);
      for (let t = 0; t < n; t++) {
        time[t] = t + 1;
        sin[t] = Math.sin((2 * Math.PI * (t + 1)) / m);
        cos[t] = Math.cos((2 * Math.PI * (t + 1)) / m);
      }
      const columns = m === 2 ? [ones, time, cos] : [ones, time, sin, cos];
      const coef = leastSquares(columns, y);
      seasonal = new Float64Array(n);
      for (let t = 0; t < n; t++) {
        const line = coef[0]! + coef[1]! * (t + 1);
        seasonal[t] = multiplicative ? y[t]! / line : y[t]! - line;
      }
    } else seasonal = classicalSeasonal(y, m, multiplicative);
    // init.seas = rev(seasonal[2:m]) in R (1-based): s₀ = seasonal[m], …, s_{−(m−2)} = seasonal[2].
    for (let k = m - 1; k >= 1; k--) initialSeasonal.push(seasonal[k]!);
    adjusted = new Float64Array(n);
    if (!multiplicative) for (let t = 0; t < n; t++) adjusted[t] = y[t]! - seasonal[t]!;
    else {
      initialSeasonal = initialSeasonal.map((s) => Math.max(s, 1e-2));
      const total = initialSeasonal.reduce((a, b) => a + b, 0);
      if (total > m) {
        const divisor = initialSeasonal.reduce((a, b) => a + b + 1e-2, 0);
        initialSeasonal = initialSeasonal.map((s) => s / divisor);
      }
      for (let t = 0; t < n; t++) adjusted[t] = y[t]! / Math.max(seasonal[t]!, 1e-2);
    }
  } else adjusted = Float64Array.from(y as ArrayLike<number>);

  const maxn = Math.min(Math.max(10, 2 * m), n);
  const states: number[] = [];
  if (trend === 'N') {
    let sum = 0;
    for (let t = 0; t < maxn; t++) sum += adjusted[t]!;
    states.push(sum / maxn);
  } else {
    // Simple linear regression on the seasonally adjusted data (R: lsfit(1:maxn, y.sa[1:maxn])).
    let meanX = 0;
    let meanY = 0;
    for (let t = 0; t < maxn; t++) {
      meanX += t + 1;
      meanY += adjusted[t]!;
    }
    meanX /= maxn;
    meanY /= maxn;
    let sxy = 0;
    let sxx = 0;
    for (let t = 0; t < maxn; t++) {
      sxy += (t + 1 - meanX) * (adjusted[t]! - meanY);
      sxx += (t + 1 - meanX) ** 2;
    }
    const slope = sxx > 0 ? sxy / sxx : 0;
    const intercept = meanY - slope * meanX;
    if (trend === 'A') {
      let l0 = intercept;
      let b0 = slope;
      if (Math.abs(l0 + b0) < 1e-8) {
        l0 *= 1 + 1e-3;
        b0 *= 1 - 1e-3;
      }
      states.push(l0, b0);
    } else {
      let l0 = intercept + slope;
      if (Math.abs(l0) < 1e-8) l0 = 1e-7;
      let b0 = (intercept + 2 * slope) / l0;
      l0 /= b0;
      if (Math.abs(b0) > 1e10) b0 = Math.sign(b0) * 1e10;
      if (l0 < 1e-8 || b0 < 1e-8) {
        l0 = Math.max(adjusted[0]!, 1e-3);
        b0 = Math.max(adjusted[1]! / adjusted[0]!, 1e-3);
      }
      states.push(l0, b0);
    }
  }
  states.push(...initialSeasonal);
  return states;
}

// ---------------------------------------------------------------------------------------------
// Parameter space (R check.param / admissible; HKOS ch. 10; Hyndman, Akram & Archibald 2008)
// ---------------------------------------------------------------------------------------------

/**
 * True if every root of Σ aₖzᵏ (coefficients in increasing powers, aₙ ≠ 0) has modulus ≤ radius,
 * by the Schur–Cohn (Jury) reduction on the rescaled polynomial Σ aₖrᵏzᵏ: all roots lie strictly
 * inside the unit circle iff |a₀| < |aₙ| and the reduced polynomial (aₙp(z) − a₀p*(z))/z does too.
 */
export function allRootsWithinRadius(
  coefficients: ArrayLike<number>,
  radius: number,
  scratch: { a: Float64Array; b: Float64Array } = { a: new Float64Array(coefficients.length), b: new Float64Array(coefficients.length) },
): boolean {
  let degree = coefficients.length - 1;
  const a = scratch.a;
  const b = scratch.b;
  let scale = 1;
  for (let k = 0; k <= degree; k++) {
    a[k] = coefficients[k]! * scale;
    scale *= radius;
  }
  while (degree > 0 && a[degree] === 0) degree--;
  while (degree > 0) {
    const a0 = a[0]!;
    const an = a[degree]!;
    if (!(Math.abs(a0) < Math.abs(an))) return false;
    let largest = 0;
    for (let k = 0; k < degree; k++) {
      b[k] = an * a[k + 1]! - a0 * a[degree - 1 - k]!;
      largest = Math.max(largest, Math.abs(b[k]!));
    }
    if (!(largest > 0) || !Number.isFinite(largest)) return false;
    degree--;
    for (let k = 0; k <= degree; k++) a[k] = b[k]! / largest;
  }
  return true;
}

/**
 * The admissible region of the seasonal models (R `admissible`, HKOS ch. 10): the easy inequalities
 * and then every root of φ(1−α−γ) + (α+β−αφ+γ−1)z + (α+β−αφ)(z² + … + z^{m−1}) + (α+β−φ)z^m + z^{m+1}
 * inside |z| ≤ 1 + 1e-10. Non-seasonal models: 1 − 1/φ < α < 1 + 1/φ, α(φ − 1) < β < (1 + φ)(2 − α).
 */
/** Scratch buffers for the admissibility test of one season length, so the optimiser's objective allocates nothing. */
interface AdmissibilityScratch {
  coefficients: Float64Array;
  a: Float64Array;
  b: Float64Array;
}
function admissibilityScratch(m: number): AdmissibilityScratch {
  return { coefficients: new Float64Array(m + 2), a: new Float64Array(m + 2), b: new Float64Array(m + 2) };
}

function admissible(
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  m: number,
  hasTrendParameter: boolean,
  hasGamma: boolean,
  scratch: AdmissibilityScratch = admissibilityScratch(m),
): boolean {
  if (phi < 0 || phi > 1 + 1e-8) return false;
  if (!hasGamma) {
    if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) return false;
    if (hasTrendParameter && (beta < alpha * (phi - 1) || beta > (1 + phi) * (2 - alpha))) return false;
    return true;
  }
  if (m <= 1) return true;
  const d = 1 - 1 / phi - alpha;
  if (gamma < (d > 0 ? d : 0) || gamma > 1 + 1 / phi - alpha) return false;
  if (alpha < 1 - 1 / phi - (gamma * (1 - m + phi + phi * m)) / (2 * phi * m)) return false;
  if (beta < -(1 - phi) * (gamma / m + alpha)) return false;
  const coefficients = scratch.coefficients;
  coefficients[0] = phi * (1 - alpha - gamma);
  coefficients[1] = alpha + beta - alpha * phi + gamma - 1;
  for (let k = 2; k < m; k++) coefficients[k] = alpha + beta - alpha * phi;
  coefficients[m] = alpha + beta - phi;
  coefficients[m + 1] = 1;
  return allRootsWithinRadius(coefficients, 1 + 1e-10, scratch);
}

// ---------------------------------------------------------------------------------------------
// Estimation (R etsmodel / etsTargetFunction; HKOS ch. 5)
// ---------------------------------------------------------------------------------------------

export interface EtsFitOptions {
  /** Fixed smoothing parameters (estimated where absent). */
  alpha?: number;
  beta?: number;
  gamma?: number;
  phi?: number;
  /** Fixed initial states (estimated where absent); `seasonal` oldest first, all m values, used as given. */
  initial?: { level?: number; trend?: number; seasonal?: number[] };
  /** Number of point forecasts (default 2m when seasonLength m > 1, else 10, as R's `forecast.ets`). */
  horizon?: number;
  /** Parameter space: R's default `both` (usual ∩ admissible), `usual` or `admissible`. */
  bounds?: 'both' | 'usual' | 'admissible';
  /**
   * What the optimiser minimises (R `opt.crit`): `lik` (default, R's likelihood criterion) or `mse`
   * (mean squared one-step error Σ(yₜ − ŷₜ)²/n, which R's `ses`, `holt` and `hw` use).
   */
  criterion?: 'lik' | 'mse';
  /**
   * Nelder–Mead set-up: `r` (default for fitEts) copies R exactly — one initial step 0.1·max|xᵢ|
   * for every coordinate, tolerance √ε, no restart — so estimates follow R's; `scaled` (default
   * for autoEts) uses one step per coordinate matched to its scale (smoothing parameters ±0.1 of
   * their range, states 0.1·sd(y)), tolerance 1e-5 and up to 2 restarts: fewer evaluations and a
   * better optimum than R's on most series (M3 and synthetic weekly data: AICc lower on average by
   * 0.2–1.2, higher on 1–7 % of series).
   */
  search?: 'r' | 'scaled';
  /**
   * R `restrict` (default true): refuse the models with infinite forecast variance — additive error
   * with a multiplicative trend or season — and ETS(M,M,A), as R `ets` does even when asked for them.
   */
  restrict?: boolean;
  /** Optimiser limits (R: maxit = 2000; tolerance √ε for `r`, 1e-5 for `scaled`). */
  maxIterations?: number;
  tolerance?: number;
}

/** An ETS fit: the ModelFit contract plus what is specific to ETS. */
export interface EtsFit extends ModelFit {
  spec: EtsSpec;
  /** Typed views of `parameters` and `states` (same numbers). */
  smoothingParameters: EtsParameters;
  initialStates: EtsStates;
  finalStates: EtsStates;
  /** Innovations (relative errors for multiplicative-error models), as R's `residuals(fit)`. */
  innovations: number[];
  /** Number of observations n. */
  observationCount: number;
  /** How the Nelder–Mead search ended (absent when nothing was estimated). */
  optimizer?: { evaluations: number; reason: string; converged: boolean };
}

interface ResolvedInitial {
  level?: number;
  trend?: number;
  /** Oldest first, length m. */
  seasonal?: number[];
}

/** What the objective needs, set up once per model. */
interface EstimationProblem {
  spec: EtsSpec;
  y: Float64Array;
  m: number;
  optAlpha: boolean;
  optBeta: boolean;
  optGamma: boolean;
  optPhi: boolean;
  optLevel: boolean;
  optTrend: boolean;
  optSeasonal: boolean;
  lower: number[];
  upper: number[];
  bounds: 'both' | 'usual' | 'admissible';
  fixed: { alpha: number; beta: number; gamma: number; phi: number };
  initial: ResolvedInitial;
  criterion: 'lik' | 'mse';
  scratch: AdmissibilityScratch;
}

/** Parameter-space check for a candidate (R `EtsTargetFunction::check_params`). */
function parametersAllowed(problem: EstimationProblem, alpha: number, beta: number, gamma: number, phi: number): boolean {
  const { lower, upper, spec } = problem;
  if (problem.bounds !== 'admissible') {
    if (problem.optAlpha && (alpha < lower[0]! || alpha > upper[0]!)) return false;
    if (problem.optBeta && (beta < lower[1]! || beta > alpha || beta > upper[1]!)) return false;
    if (problem.optPhi && (phi < lower[3]! || phi > upper[3]!)) return false;
    if (problem.optGamma && (gamma < lower[2]! || gamma > 1 - alpha || gamma > upper[2]!)) return false;
  }
  if (problem.bounds !== 'usual') {
    if (!admissible(alpha, beta, gamma, phi, problem.m, spec.trend !== 'N', spec.season !== 'N', problem.scratch)) return false;
  }
  return true;
}

/**
 * Builds the objective over R's parameter vector [α?, β?, γ?, φ?, ℓ₀?, b₀?, s₀, …, s_{−(m−2)}?]
 * (R `EtsTargetFunction::eval`): infeasible → +∞; the last seasonal index is set so the m initial
 * indices sum to 0 (additive) or m (multiplicative), and negative multiplicative indices are
 * infeasible; lik < −1e10 is clamped (R: "avoid perfect fits").
 */
function makeObjective(problem: EstimationProblem): (x: Float64Array) => number {
  const { spec, y, m } = problem;
  const errorCode = code(spec.error);
  const trendCode = code(spec.trend);
  const seasonCode = code(spec.season);
  const buffers: RecursionBuffers = { ring: new Float64Array(m), final: new Float64Array(3), fitted: null, innovations: null, trackMse: false };
  const seasonalNormaliser = seasonCode === MULT ? m : 0;
  const useMse = problem.criterion === 'mse';
  buffers.trackMse = useMse;
  return (x: Float64Array): number => {
    let j = 0;
    const alpha = problem.optAlpha ? x[j++]! : problem.fixed.alpha;
    const beta = problem.optBeta ? x[j++]! : problem.fixed.beta;
    const gamma = problem.optGamma ? x[j++]! : problem.fixed.gamma;
    const phi = problem.optPhi ? x[j++]! : problem.fixed.phi;
    if (!parametersAllowed(problem, alpha, beta, gamma, phi)) return Number.POSITIVE_INFINITY;
    const level = problem.optLevel ? x[j++]! : problem.initial.level!;
    const trend = trendCode === NONE ? 0 : problem.optTrend ? x[j++]! : problem.initial.trend!;
    if (seasonCode !== NONE) {
      const ring = buffers.ring;
      if (problem.optSeasonal) {
        let sum = 0;
        for (let k = 0; k < m - 1; k++) {
          const s = x[j++]!;
          ring[m - 1 - k] = s;
          sum += s;
        }
        ring[0] = seasonalNormaliser - sum;
      } else {
        const given = problem.initial.seasonal!;
        for (let k = 0; k < m; k++) ring[k] = given[k]!;
      }
      if (seasonCode === MULT) for (let k = 0; k < m; k++) if (ring[k]! < 0) return Number.POSITIVE_INFINITY;
    }
    let lik = runRecursion(y, m, errorCode, trendCode, seasonCode, alpha, beta, gamma, phi, level, trend, buffers);
    if (Number.isNaN(lik)) return Number.POSITIVE_INFINITY;
    if (useMse) return buffers.final[2]!;
    if (lik < -1e10) lik = -1e10;
    return lik;
  };
}

/**
 * Per-coordinate initial simplex steps for the `scaled` search, in the order of the parameter
 * vector: smoothing parameters 10 % of their range (φ: −0.05), signed to stay feasible; level,
 * additive trend and additive seasonal states 0.1·sd(y); multiplicative trend 0.01 and
 * multiplicative seasonal indices 0.05.
 */
function scaledSteps(problem: EstimationProblem, start: number[]): number[] {
  const { y, spec, lower, upper } = problem;
  let mean = 0;
  for (let t = 0; t < y.length; t++) mean += y[t]!;
  mean /= y.length;
  let ss = 0;
  for (let t = 0; t < y.length; t++) ss += (y[t]! - mean) ** 2;
  let scale = 0.1 * Math.sqrt(ss / Math.max(1, y.length - 1));
  if (!(scale > 0)) scale = 0.1 * Math.max(Math.abs(mean), 1);
  const steps: number[] = [];
  const signed = (x: number, step: number, hi: number): number => (x + step <= hi ? step : -step);
  let j = 0;
  if (problem.optAlpha) {
    steps.push(signed(start[j]!, 0.1 * (upper[0]! - lower[0]!), upper[0]!));
    j++;
  }
  if (problem.optBeta) {
    const hi = Math.min(upper[1]!, problem.optAlpha ? start[0]! : problem.fixed.alpha);
    steps.push(signed(start[j]!, 0.1 * (hi - lower[1]!), hi));
    j++;
  }
  if (problem.optGamma) {
    const hi = Math.min(upper[2]!, 1 - (problem.optAlpha ? start[0]! : problem.fixed.alpha));
    steps.push(signed(start[j]!, 0.1 * (hi - lower[2]!), hi));
    j++;
  }
  if (problem.optPhi) {
    steps.push(-0.05);
    j++;
  }
  if (problem.optLevel) steps.push(scale);
  if (problem.optTrend) steps.push(spec.trend === 'M' ? 0.01 : scale);
  if (problem.optSeasonal) for (let k = 0; k < problem.m - 1; k++) steps.push(spec.season === 'M' ? 0.05 : scale);
  return steps;
}

/** Number of parameters R counts in `npars` for the "tiny data" check of `ets`. */
function rTinyDataParameterCount(spec: EtsSpec): number {
  return 2 + (spec.trend !== 'N' ? 2 : 0) + (spec.season !== 'N' ? spec.seasonLength : 0) + (spec.damped ? 1 : 0);
}

/** Why R's `restrict = TRUE` excludes a model, or null. */
function restrictedReason(spec: Pick<EtsSpec, 'error' | 'trend' | 'season'>): string | null {
  if (spec.error === 'A' && (spec.trend === 'M' || spec.season === 'M')) return 'restricted: additive error with a multiplicative component (infinite variance)';
  if (spec.error === 'M' && spec.trend === 'M' && spec.season === 'A') return 'restricted: ETS(M,M,A)';
  return null;
}

/** Why a model cannot be fitted to y, or null (R `ets` restrictions). */
function inapplicableReason(y: ArrayLike<number>, spec: EtsSpec): string | null {
  const n = y.length;
  if (spec.season !== 'N') {
    if (spec.seasonLength === 1) return 'non-seasonal data (seasonLength = 1)';
    if (spec.seasonLength > ETS_MAX_SEASON_LENGTH) return `season length ${spec.seasonLength} > ${ETS_MAX_SEASON_LENGTH} (R ets: frequency too high)`;
    if (n <= spec.seasonLength) return `n = ${n} ≤ season length ${spec.seasonLength}`;
  }
  if (spec.error === 'M' || spec.trend === 'M' || spec.season === 'M') {
    let positive = true;
    for (let t = 0; t < n; t++) if (!(y[t]! > 0)) positive = false;
    if (!positive) return 'multiplicative components need y > 0';
  }
  return null;
}

/**
 * Estimates one model (R `etsmodel`): initial parameters (R `initparam`: α = l + 0.2(u − l)/m,
 * β = l + 0.1(min(u, α) − l), γ = l + 0.05(min(u, 1 − α) − l), φ = l + 0.99(u − l)), initial
 * states (R `initstate`), then Nelder–Mead on the criterion; returns `{ reason }` instead of a fit
 * when the model has too many parameters for the data (R: np ≥ n − 1) or cannot start.
 */
function estimate(y: Float64Array, spec: EtsSpec, options: EtsFitOptions, withUncertainty = true): { fit: EtsFit } | { reason: string } {
  // The `scaled` search works on y / mean|y| so that it does not depend on the unit of y (estimates
  // of c·y are c times those of y, states aside); R's search (`r`) works on y as given.
  let scale = 1;
  if (options.search === 'scaled') {
    let sum = 0;
    for (let t = 0; t < y.length; t++) sum += Math.abs(y[t]!);
    if (sum > 0 && Number.isFinite(sum)) scale = sum / y.length;
  }
  const additiveTrend = spec.trend === 'A';
  const additiveSeason = spec.season === 'A';
  let work = y;
  let workOptions = options;
  if (scale !== 1) {
    work = new Float64Array(y.length);
    for (let t = 0; t < y.length; t++) work[t] = y[t]! / scale;
    const given = options.initial;
    if (given !== undefined) {
      const initial: EtsFitOptions['initial'] = {};
      if (given.level !== undefined) initial.level = given.level / scale;
      if (given.trend !== undefined) initial.trend = additiveTrend ? given.trend / scale : given.trend;
      if (given.seasonal !== undefined) initial.seasonal = additiveSeason ? given.seasonal.map((v) => v / scale) : given.seasonal.slice();
      workOptions = { ...options, initial };
    }
  }
  const result = estimateCore(work, spec, workOptions);
  if ('reason' in result) return result;
  const states = result.initialStates;
  if (scale !== 1) {
    states.level *= scale;
    if (additiveTrend && states.trend !== undefined) states.trend *= scale;
    if (additiveSeason && states.seasonal !== undefined) states.seasonal = states.seasonal.map((v) => v * scale);
  }
  const fit = assembleFit(y, spec, result.parameters, states, result.horizon, result.k, result.sigmaDegreesUsed, result.optimizer, withUncertainty);
  if (fit === null) return { reason: 'the fitted model has no finite likelihood' };
  return { fit };
}

interface CoreEstimate {
  parameters: EtsParameters;
  initialStates: EtsStates;
  horizon: number;
  k: number;
  sigmaDegreesUsed: number;
  optimizer: EtsFit['optimizer'];
}

function estimateCore(y: Float64Array, spec: EtsSpec, options: EtsFitOptions): CoreEstimate | { reason: string } {
  const n = y.length;
  const m = spec.season === 'N' ? 1 : spec.seasonLength;
  const lower: number[] = [ETS_LOWER_BOUNDS.alpha, ETS_LOWER_BOUNDS.beta, ETS_LOWER_BOUNDS.gamma, ETS_LOWER_BOUNDS.phi];
  const upper: number[] = [ETS_UPPER_BOUNDS.alpha, ETS_UPPER_BOUNDS.beta, ETS_UPPER_BOUNDS.gamma, ETS_UPPER_BOUNDS.phi];
  const hasTrend = spec.trend !== 'N';
  const hasSeason = spec.season !== 'N';
  const givenAlpha = options.alpha;
  const givenBeta = hasTrend ? options.beta : undefined;
  const givenGamma = hasSeason ? options.gamma : undefined;
  const givenPhi = spec.damped ? options.phi : undefined;
  const bounds = options.bounds ?? 'both';
  // Modify limits if α, β or γ have been specified (R etsmodel).
  if (givenAlpha !== undefined) {
    upper[1] = Math.min(givenAlpha, upper[1]!);
    upper[2] = Math.min(1 - givenAlpha, upper[2]!);
  }
  if (givenBeta !== undefined) lower[0] = Math.max(givenBeta, lower[0]!);
  if (givenGamma !== undefined) upper[0] = Math.min(1 - givenGamma, upper[0]!);
  // A given value beyond R's limits (e.g. α = 5e-5, allowed in the usual region) can leave an
  // estimated parameter an empty range; its lower limit then drops to half its upper one.
  for (let i = 0; i < 3; i++) if (lower[i]! > upper[i]!) lower[i] = upper[i]! / 2;

  // Starting values (R initparam, `bounds != "admissible"` branch; with `admissible` R uses [0, 1e-3] limits).
  const initLower = lower.slice();
  const initUpper = upper.slice();
  if (bounds === 'admissible') {
    for (let i = 0; i < 3; i++) {
      initLower[i] = 0;
      initUpper[i] = 1e-3;
    }
  }
  const start: number[] = [];
  let alpha = givenAlpha ?? Number.NaN;
  if (givenAlpha === undefined) {
    alpha = initLower[0]! + (0.2 * (initUpper[0]! - initLower[0]!)) / m;
    if (alpha > 1 || alpha < 0) alpha = initLower[0]! + 2e-3;
    start.push(alpha);
  }
  let beta = hasTrend ? givenBeta ?? Number.NaN : 0;
  if (hasTrend && givenBeta === undefined) {
    const betaUpper = Math.min(initUpper[1]!, alpha);
    beta = initLower[1]! + 0.1 * (betaUpper - initLower[1]!);
    if (beta < 0 || beta > alpha) beta = alpha - 1e-3;
    start.push(beta);
  }
  let gamma = hasSeason ? givenGamma ?? Number.NaN : 0;
  if (hasSeason && givenGamma === undefined) {
    const gammaUpper = Math.min(initUpper[2]!, 1 - alpha);
    gamma = initLower[2]! + 0.05 * (gammaUpper - initLower[2]!);
    if (gamma < 0 || gamma > 1 - alpha) gamma = 1 - alpha - 1e-3;
    start.push(gamma);
  }
  let phi = spec.damped ? givenPhi ?? Number.NaN : 1;
  if (spec.damped && givenPhi === undefined) {
    phi = initLower[3]! + 0.99 * (initUpper[3]! - initLower[3]!);
    if (phi < 0 || phi > 1) phi = initUpper[3]! - 1e-3;
    start.push(phi);
  }

  const problem: EstimationProblem = {
    spec,
    y,
    m,
    optAlpha: givenAlpha === undefined,
    optBeta: hasTrend && givenBeta === undefined,
    optGamma: hasSeason && givenGamma === undefined,
    optPhi: spec.damped && givenPhi === undefined,
    optLevel: options.initial?.level === undefined,
    optTrend: hasTrend && options.initial?.trend === undefined,
    optSeasonal: hasSeason && options.initial?.seasonal === undefined,
    lower,
    upper,
    bounds,
    fixed: { alpha, beta, gamma, phi },
    initial: {},
    criterion: options.criterion ?? 'lik',
    scratch: admissibilityScratch(m),
  };
  // The given parameters must lie in the parameter space. R check.param tests them against the
  // optimiser limits too (so R refuses φ = 0.5 or α = 0.99995); here a given value is honoured
  // anywhere in the usual region 0 < α < 1, 0 < β < α, 0 < γ < 1 − α, 0 < φ ≤ 1 (HKOS §10.1;
  // FPP 3rd ed. §8.6) — intersected with the admissible region unless bounds = 'usual' — and the
  // optimiser limits apply to the estimated parameters only.
  {
    const usual: EstimationProblem = {
      ...problem,
      lower: [0, 0, 0, 0],
      upper: [1, 1, 1, 1 + 1e-12],
      optAlpha: givenAlpha !== undefined,
      optBeta: givenBeta !== undefined,
      optGamma: givenGamma !== undefined,
      optPhi: givenPhi !== undefined,
    };
    const open = (v: number | undefined) => v === undefined || (v > 0 && v < 1);
    const inside = open(givenAlpha) && open(givenBeta) && open(givenGamma) && (givenPhi === undefined || (givenPhi > 0 && givenPhi <= 1));
    const check: EstimationProblem = { ...problem, optAlpha: true, optBeta: hasTrend, optGamma: hasSeason, optPhi: spec.damped };
    // The estimated parameters' starting values must satisfy the R limits; the given ones the usual region.
    const startOk = parametersAllowed({ ...check, optAlpha: givenAlpha === undefined, optBeta: hasTrend && givenBeta === undefined, optGamma: hasSeason && givenGamma === undefined, optPhi: spec.damped && givenPhi === undefined }, alpha, beta, gamma, phi);
    if (!inside || !parametersAllowed(usual, alpha, beta, gamma, phi) || !startOk) throw new RangeError(`${etsLabel(spec)}: parameters out of range`);
  }

  const heuristic = heuristicInitialStates(y, spec.trend, spec.season, spec.seasonLength);
  const initial: ResolvedInitial = {};
  initial.level = options.initial?.level ?? heuristic[0]!;
  if (hasTrend) initial.trend = options.initial?.trend ?? heuristic[1]!;
  if (hasSeason) {
    if (options.initial?.seasonal !== undefined) {
      if (options.initial.seasonal.length !== m) throw new RangeError(`expected ${m} initial seasonal states`);
      initial.seasonal = options.initial.seasonal.slice();
    }
  }
  problem.initial = initial;
  if (problem.optLevel) start.push(heuristic[0]!);
  if (problem.optTrend) start.push(heuristic[1]!);
  const firstSeasonal = hasTrend ? 2 : 1;
  if (problem.optSeasonal) for (let k = 0; k < m - 1; k++) start.push(heuristic[firstSeasonal + k]!);

  const freeStates = 1 + (hasTrend ? 1 : 0) + (hasSeason ? m - 1 : 0);
  const estimatedStates = (problem.optLevel ? 1 : 0) + (problem.optTrend ? 1 : 0) + (problem.optSeasonal ? m - 1 : 0);
  const estimatedParameters = (problem.optAlpha ? 1 : 0) + (problem.optBeta ? 1 : 0) + (problem.optGamma ? 1 : 0) + (problem.optPhi ? 1 : 0);
  const np = estimatedParameters + estimatedStates;
  if (np >= n - 1) return { reason: `${np} estimated parameters need more than ${n} observations` };

  const objective = makeObjective(problem);
  let optimum = start;
  let optimizer: EtsFit['optimizer'];
  if (start.length > 0) {
    let result;
    const scaled = options.search === 'scaled';
    try {
      result = minimize(objective, start, {
        maxIterations: options.maxIterations ?? 2000,
        tolerance: options.tolerance ?? (scaled ? 1e-5 : Math.sqrt(Number.EPSILON)),
        ...(scaled ? { initialStep: scaledSteps(problem, start), restarts: 2 } : {}),
      });
    } catch {
      return { reason: 'the likelihood cannot be evaluated at the starting values' };
    }
    optimum = result.x;
    optimizer = { evaluations: result.evaluations, reason: result.reason, converged: result.converged };
  }

  // Unpack the optimum.
  let j = 0;
  if (problem.optAlpha) alpha = optimum[j++]!;
  if (problem.optBeta) beta = optimum[j++]!;
  if (problem.optGamma) gamma = optimum[j++]!;
  if (problem.optPhi) phi = optimum[j++]!;
  const level0 = problem.optLevel ? optimum[j++]! : initial.level!;
  const trend0 = hasTrend ? (problem.optTrend ? optimum[j++]! : initial.trend!) : undefined;
  let seasonal0: number[] | undefined;
  if (hasSeason) {
    if (problem.optSeasonal) {
      const newestFirst: number[] = [];
      for (let k = 0; k < m - 1; k++) newestFirst.push(optimum[j++]!);
      const extra = (spec.season === 'M' ? m : 0) - newestFirst.reduce((a, b) => a + b, 0);
      seasonal0 = [extra, ...newestFirst.reverse()];
    } else seasonal0 = initial.seasonal!;
  }
  const parameters: EtsParameters = { alpha };
  if (hasTrend) parameters.beta = beta;
  if (hasSeason) parameters.gamma = gamma;
  if (spec.damped) parameters.phi = phi;
  const initialStates: EtsStates = { level: level0 };
  if (trend0 !== undefined) initialStates.trend = trend0;
  if (seasonal0 !== undefined) initialStates.seasonal = seasonal0;

  const horizon = options.horizon ?? (spec.seasonLength > 1 ? 2 * spec.seasonLength : 10);
  const k = np + 1;
  const smoothingCount = 1 + (hasTrend ? 1 : 0) + (hasSeason ? 1 : 0) + (spec.damped ? 1 : 0);
  return { parameters, initialStates, horizon, k, sigmaDegreesUsed: smoothingCount + freeStates, optimizer };
}

/**
 * Runs the final recursion and assembles the ModelFit (R `etsmodel` after optimisation, `ets`):
 * logLik = −½·lik, AIC = lik + 2k, BIC = lik + k·log n, AICc = AIC + 2k(k + 1)/(n − k − 1) with
 * k = estimated parameters and states + 1 (σ); σ² = Σε²/(n − p) with p = smoothing parameters +
 * free initial states (R ≥ 8.x `ets`; ε relative for multiplicative errors).
 */
function assembleFit(
  y: Float64Array,
  spec: EtsSpec,
  parameters: EtsParameters,
  initialStates: EtsStates,
  horizon: number,
  k: number,
  sigmaDegreesUsed: number,
  optimizer: EtsFit['optimizer'],
  withUncertainty = true,
): EtsFit | null {
  const n = y.length;
  const run = etsRecursion(y, spec, parameters, initialStates, horizon);
  const lik = Math.max(run.likelihoodCriterion, -1e10);
  if (!Number.isFinite(lik)) return null;
  const denominator = n - sigmaDegreesUsed;
  const sigma2 = denominator > 0 ? run.sumSquaredInnovations / denominator : Number.NaN;
  const aic = lik + 2 * k;
  const bic = lik + Math.log(n) * k;
  const aicc = n - k - 1 > 0 ? aic + (2 * k * (k + 1)) / (n - k - 1) : Number.POSITIVE_INFINITY;
  const fitted = Array.from(run.fitted);
  const residuals = fitted.map((f, t) => y[t]! - f);
  const parameterRecord: Record<string, number> = { alpha: parameters.alpha };
  if (parameters.beta !== undefined) parameterRecord.beta = parameters.beta;
  if (parameters.gamma !== undefined) parameterRecord.gamma = parameters.gamma;
  if (parameters.phi !== undefined) parameterRecord.phi = parameters.phi;
  const fit: EtsFit = {
    method: etsLabel(spec),
    spec: { ...spec },
    smoothingParameters: { ...parameters },
    initialStates: copyStates(initialStates),
    finalStates: copyStates(run.finalStates),
    fitted,
    residuals,
    innovations: Array.from(run.innovations),
    forecast: run.forecast,
    parameters: parameterRecord,
    states: { initial: statesRecord(initialStates), final: statesRecord(run.finalStates) },
    sigma2,
    logLik: -0.5 * lik,
    aic,
    aicc,
    bic,
    parameterCount: k,
    observationCount: n,
  };
  if (optimizer !== undefined) fit.optimizer = optimizer;
  if (withUncertainty) attachUncertainty(fit, parameters, run.finalStates, horizon);
  return fit;
}

function copyStates(states: EtsStates): EtsStates {
  const copy: EtsStates = { level: states.level };
  if (states.trend !== undefined) copy.trend = states.trend;
  if (states.seasonal !== undefined) copy.seasonal = states.seasonal.slice();
  return copy;
}

function statesRecord(states: EtsStates): Record<string, number | number[]> {
  const record: Record<string, number | number[]> = { level: states.level };
  if (states.trend !== undefined) record.trend = states.trend;
  if (states.seasonal !== undefined) record.seasonal = states.seasonal.slice();
  return record;
}

/**
 * Fits one ETS model by maximum likelihood, as R `ets(y, model = "ETS", damped = …, alpha = …)`:
 * the parameters and initial states not given in `options` are estimated; if everything is given
 * nothing is estimated (k = 1, the σ only). Throws RangeError for an invalid spec, a model R's
 * `restrict` excludes (unless `restrict: false`), data the model cannot take (multiplicative with
 * y ≤ 0, seasonal with m > 24 or n ≤ m), too little data (R's
 * rule n ≤ npars + 4, where R would switch to a non-likelihood Holt–Winters fit), given parameters
 * outside the parameter space, or a likelihood that cannot be evaluated at the start.
 */
export function fitEts(y: ArrayLike<number>, spec: EtsSpec, options: EtsFitOptions = {}): EtsFit {
  validateSpec(spec);
  const data = Float64Array.from(y as ArrayLike<number>);
  for (let t = 0; t < data.length; t++) if (!Number.isFinite(data[t]!)) throw new RangeError(`y[${t}] is not finite (interpolate gaps first)`);
  const reason = inapplicableReason(data, spec);
  if (reason !== null) throw new RangeError(`${etsLabel(spec)}: ${reason}`);
  if ((options.restrict ?? true) && restrictedReason(spec) !== null) throw new RangeError(`${etsLabel(spec)}: ${restrictedReason(spec)}`);
  const everythingGiven =
    options.alpha !== undefined &&
    (spec.trend === 'N' || options.beta !== undefined) &&
    (spec.season === 'N' || options.gamma !== undefined) &&
    (!spec.damped || options.phi !== undefined) &&
    options.initial?.level !== undefined &&
    (spec.trend === 'N' || options.initial.trend !== undefined) &&
    (spec.season === 'N' || options.initial.seasonal !== undefined);
  if (!everythingGiven && data.length <= rTinyDataParameterCount(spec) + 4)
    throw new RangeError(`${etsLabel(spec)}: not enough data (n = ${data.length} ≤ ${rTinyDataParameterCount(spec) + 4})`);
  const result = estimate(data, spec, options);
  if ('reason' in result) throw new RangeError(`${etsLabel(spec)}: ${result.reason}`);
  return result.fit;
}

// ---------------------------------------------------------------------------------------------
// Prediction distributions (HKOS ch. 6; FPP3 §8.7; R etsforecast.R)
// ---------------------------------------------------------------------------------------------

/** Forecast class of a model (HKOS §6.1–6.3; R forecast.ets): 1 linear, 2 M error, 3 M error + M season, 0 simulate. */
export function etsForecastClass(spec: Pick<EtsSpec, 'error' | 'trend' | 'season'>): 0 | 1 | 2 | 3 {
  if (spec.trend === 'M') return 0;
  if (spec.error === 'A' && spec.season !== 'M') return 1;
  if (spec.error === 'M' && spec.season !== 'M') return 2;
  if (spec.error === 'M' && spec.season === 'M') return 3;
  return 0;
}

/**
 * Linear-class quantities (HKOS §6.1, eq. 6.2; R `class1`): μ_h = w′F^{h−1}x_n and
 * c_j = w′F^{j−1}g, with variance σ²(1 + Σ_{j<h} c_j²). The state is [ℓ, b, s₁ (newest) … s_m];
 * g puts γ on s₁ (R's `class1` puts it on the third state, which is s₂ when there is no trend — a
 * slip that shifts the seasonal jump of ANA/MNA variances by one step; we follow HKOS Table 6.1).
 */
function linearClassCoefficients(spec: EtsSpec, parameters: EtsParameters, horizon: number): number[] {
  const hasTrend = spec.trend !== 'N';
  const hasSeason = spec.season !== 'N';
  const m = hasSeason ? spec.seasonLength : 0;
  const p = 1 + (hasTrend ? 1 : 0) + m;
  const phi = spec.damped ? parameters.phi! : 1;
  const bIndex = 1;
  const sFirst = hasTrend ? 2 : 1;
  // v = F^{j−1} g, starting from g.
  let v = new Float64Array(p);
  const next = new Float64Array(p);
  v[0] = parameters.alpha;
  if (hasTrend) v[bIndex] = parameters.beta!;
  if (hasSeason) v[sFirst] = parameters.gamma!;
  const c: number[] = [];
  for (let j = 1; j < horizon; j++) {
    let cj = v[0]!;
    if (hasTrend) cj += phi * v[bIndex]!;
    if (hasSeason) cj += v[p - 1]!;
    c.push(cj);
    // next = F v.
    next[0] = v[0]! + (hasTrend ? phi * v[bIndex]! : 0);
    if (hasTrend) next[bIndex] = phi * v[bIndex]!;
    if (hasSeason) {
      next[sFirst] = v[p - 1]!;
      for (let i = sFirst + 1; i < p; i++) next[i] = v[i - 1]!;
    }
    const swap = v;
    v = Float64Array.from(next);
    next.set(swap);
  }
  return c;
}

/** Class 1 variance σ²(1 + Σ_{j=1}^{h−1} c_j²) (HKOS eq. 6.2/Table 6.1; FPP3 Table 8.8). */
function linearClassVariance(c: number[], sigma2: number, horizon: number): number[] {
  const variance: number[] = [];
  let cumulative = 0;
  for (let h = 1; h <= horizon; h++) {
    variance.push(sigma2 * (1 + cumulative));
    if (h - 1 < c.length) cumulative += c[h - 1]! ** 2;
  }
  return variance;
}

/**
 * Class 2 variance (HKOS §6.3.1, eq. 6.11; R `class2`): θ₁ = μ₁², θ_h = μ_h² + σ²Σ_{j=1}^{h−1} c_j²θ_{h−j},
 * v_h = (1 + σ²)θ_h − μ_h².
 */
function class2Variance(mu: number[], c: number[], sigma2: number): number[] {
  const h = mu.length;
  const theta: number[] = [];
  for (let j = 0; j < h; j++) {
    let t = mu[j]! ** 2;
    for (let i = 0; i < j; i++) t += sigma2 * c[i]! ** 2 * theta[j - 1 - i]!;
    theta.push(t);
  }
  return theta.map((t, j) => (1 + sigma2) * t - mu[j]! ** 2);
}

/** Dense square matrix helpers (row-major, size d). */
function matMul(a: Float64Array, b: Float64Array, d: number, out: Float64Array): Float64Array {
  out.fill(0);
  for (let i = 0; i < d; i++) {
    for (let k = 0; k < d; k++) {
      const aik = a[i * d + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < d; j++) out[i * d + j] = out[i * d + j]! + aik * b[k * d + j]!;
    }
  }
  return out;
}
function transpose(a: Float64Array, d: number): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) out[j * d + i] = a[i * d + j]!;
  return out;
}
/** Kronecker product A ⊗ B of square matrices (A: ra×ra, B: rb×rb), row-major. */
function kronecker(a: Float64Array, ra: number, b: Float64Array, rb: number): Float64Array {
  const d = ra * rb;
  const out = new Float64Array(d * d);
  for (let i = 0; i < ra; i++)
    for (let j = 0; j < ra; j++) {
      const aij = a[i * ra + j]!;
      if (aij === 0) continue;
      for (let k = 0; k < rb; k++) for (let l = 0; l < rb; l++) out[(i * rb + k) * d + j * rb + l] = aij * b[k * rb + l]!;
    }
  return out;
}

/**
 * Class 3 mean and variance (multiplicative error and season, no multiplicative trend; HKOS
 * §6.3.2, Kronecker-product recursions; R `class3`): with M_h = (ℓ, b)′(s₁ … s_m) and V_h = Var vec M_h,
 * μ_h = h₁′M_h h₂, v_h = (1 + σ²)·h₂₁′V_h h₂₁ + σ²μ_h², and
 * V_{h+1} = F₂₁V F₂₁′ + σ²[F₂₁V G₂₁′ + G₂₁V F₂₁′ + K(V + mm′)K′ + σ²G₂₁(3V + 2mm′)G₂₁′],
 * M_{h+1} = F₁M F₂′ + σ²G₁M G₂′. μ_h is the forecast mean, which exceeds the point forecast for h > m.
 */
function class3MeanVariance(spec: EtsSpec, parameters: EtsParameters, finalStates: EtsStates, sigma2: number, horizon: number): { mean: number[]; variance: number[] } {
  const m = spec.seasonLength;
  const q = spec.trend === 'N' ? 1 : 2;
  const d = q * m;
  const phi = spec.damped ? parameters.phi! : 1;
  const alpha = parameters.alpha;
  const beta = parameters.beta ?? 0;
  const gamma = parameters.gamma!;
  // R's seasonal order is newest first: s₁ = newest … s_m = oldest.
  const seasonalNewestFirst = finalStates.seasonal!.slice().reverse();
  const H1 = q === 1 ? [1] : [1, 1];
  const F1 = q === 1 ? Float64Array.of(1) : Float64Array.of(1, 1, 0, phi);
  const G1 = q === 1 ? Float64Array.of(alpha) : Float64Array.of(alpha, alpha, beta, beta);
  const F2 = new Float64Array(m * m);
  F2[0 * m + (m - 1)] = 1;
  for (let i = 1; i < m; i++) F2[i * m + (i - 1)] = 1;
  const G2 = new Float64Array(m * m);
  G2[0 * m + (m - 1)] = gamma;
  // M (q × m, row-major).
  let M = new Float64Array(q * m);
  const levelTrend = q === 1 ? [finalStates.level] : [finalStates.level, finalStates.trend!];
  for (let i = 0; i < q; i++) for (let j = 0; j < m; j++) M[i * m + j] = levelTrend[i]! * seasonalNewestFirst[j]!;
  const F21 = kronecker(F2, m, F1, q);
  const G21 = kronecker(G2, m, G1, q);
  const K = kronecker(G2, m, F1, q);
  const FG = kronecker(F2, m, G1, q);
  for (let i = 0; i < d * d; i++) K[i] = K[i]! + FG[i]!;
  const F21t = transpose(F21, d);
  const G21t = transpose(G21, d);
  const Kt = transpose(K, d);
  // h21 = H2 ⊗ H1: H2 picks s_m (last column), so entries (m − 1)·q + i get H1[i].
  const h21 = new Float64Array(d);
  for (let i = 0; i < q; i++) h21[(m - 1) * q + i] = H1[i]!;
  let V = new Float64Array(d * d);
  const t1 = new Float64Array(d * d);
  const t2 = new Float64Array(d * d);
  const mean: number[] = [];
  const variance: number[] = [];
  for (let h = 0; h < horizon; h++) {
    let mu = 0;
    for (let i = 0; i < q; i++) mu += H1[i]! * M[i * m + (m - 1)]!;
    let quad = 0;
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) quad += h21[i]! * V[i * d + j]! * h21[j]!;
    mean.push(mu);
    variance.push((1 + sigma2) * quad + sigma2 * mu * mu);
    if (h === horizon - 1) break;
    // vec(M), column-major.
    const vecM = new Float64Array(d);
    for (let j = 0; j < m; j++) for (let i = 0; i < q; i++) vecM[j * q + i] = M[i * m + j]!;
    const outer = new Float64Array(d * d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) outer[i * d + j] = vecM[i]! * vecM[j]!;
    const next = new Float64Array(d * d);
    const add = (source: Float64Array, scale: number): void => {
      for (let i = 0; i < d * d; i++) next[i] = next[i]! + scale * source[i]!;
    };
    add(matMul(matMul(F21, V, d, t1), F21t, d, t2), 1);
    add(matMul(matMul(F21, V, d, t1), G21t, d, t2), sigma2);
    add(matMul(matMul(G21, V, d, t1), F21t, d, t2), sigma2);
    const vPlusOuter = new Float64Array(d * d);
    for (let i = 0; i < d * d; i++) vPlusOuter[i] = V[i]! + outer[i]!;
    add(matMul(matMul(K, vPlusOuter, d, t1), Kt, d, t2), sigma2);
    const threeVtwoOuter = new Float64Array(d * d);
    for (let i = 0; i < d * d; i++) threeVtwoOuter[i] = 3 * V[i]! + 2 * outer[i]!;
    add(matMul(matMul(G21, threeVtwoOuter, d, t1), G21t, d, t2), sigma2 * sigma2);
    V = next;
    // M ← F1 M F2′ + σ² G1 M G2′.
    const nextM = new Float64Array(q * m);
    const rightMultiply = (left: Float64Array, right: Float64Array, scale: number): void => {
      // left (q×q) · M (q×m) · right′ (m×m).
      const lm = new Float64Array(q * m);
      for (let i = 0; i < q; i++) for (let k = 0; k < q; k++) for (let j = 0; j < m; j++) lm[i * m + j] = lm[i * m + j]! + left[i * q + k]! * M[k * m + j]!;
      for (let i = 0; i < q; i++)
        for (let j = 0; j < m; j++) {
          let s = 0;
          for (let k = 0; k < m; k++) s += lm[i * m + k]! * right[j * m + k]!;
          nextM[i * m + j] = nextM[i * m + j]! + scale * s;
        }
    };
    rightMultiply(F1, F2, 1);
    rightMultiply(G1, G2, sigma2);
    M = nextM;
  }
  return { mean, variance };
}

/** Draws N(0, 1) pairs by Box & Muller (1958) from a uniform source on [0, 1). */
function normalSource(random: Random): () => number {
  let spare = Number.NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const z = spare;
      spare = Number.NaN;
      return z;
    }
    const u1 = 1 - random(); // (0, 1]
    const u2 = random();
    const radius = Math.sqrt(-2 * Math.log(u1));
    spare = radius * Math.sin(2 * Math.PI * u2);
    return radius * Math.cos(2 * Math.PI * u2);
  };
}

/**
 * Future sample paths from the final states (R `simulate.ets(future = TRUE)`, etscalc.c
 * `etssimulate`): y = ŷ + ε (additive error) or ŷ(1 + ε) (multiplicative), ε ~ N(0, σ²), then the
 * state update with that y. `innovations`, if given, are used in place of random draws (one path).
 */
export function etsSamplePath(spec: EtsSpec, parameters: EtsParameters, finalStates: EtsStates, innovations: ArrayLike<number>): number[] {
  validateSpec(spec);
  const m = spec.season === 'N' ? 1 : spec.seasonLength;
  const par = fullParameters(spec, parameters);
  const errorCode = code(spec.error);
  const trendCode = code(spec.trend);
  const seasonCode = code(spec.season);
  const ring = new Float64Array(m);
  if (seasonCode !== NONE) for (let i = 0; i < m; i++) ring[i] = finalStates.seasonal![i]!;
  const path: number[] = [];
  let l = finalStates.level;
  let b = finalStates.trend ?? 0;
  const single = new Float64Array(1);
  const buffers: RecursionBuffers = { ring, final: new Float64Array(3), fitted: single, innovations: null, trackMse: false };
  let offset = 0;
  for (let i = 0; i < innovations.length; i++) {
    // One-step forecast from the current states, then the update with the simulated y.
    let q: number;
    if (trendCode === NONE) q = l;
    else if (trendCode === ADD) q = l + par.phi * b;
    else q = b < 0 ? Number.NaN : l * Math.pow(b, par.phi);
    let f = q;
    if (seasonCode === ADD) f = q + ring[offset]!;
    else if (seasonCode === MULT) f = q * ring[offset]!;
    const yi = errorCode === ADD ? f + innovations[i]! : f * (1 + innovations[i]!);
    path.push(yi);
    // Reuse the recursion for the update: one observation, ring rotated so index 0 is this season.
    const rotated = new Float64Array(m);
    for (let k = 0; k < m; k++) rotated[k] = ring[(offset + k) % m]!;
    buffers.ring = rotated;
    runRecursion([yi], m, errorCode, trendCode, seasonCode, par.alpha, par.beta, par.gamma, par.phi, l, b, buffers);
    for (let k = 0; k < m; k++) ring[(offset + k) % m] = rotated[k]!;
    l = buffers.final[0]!;
    b = buffers.final[1]!;
    if (seasonCode !== NONE) offset = (offset + 1) % m;
  }
  return path;
}

/**
 * Analytic forecast mean and variance of the h-step forecast errors, h = 1..horizon (HKOS ch. 6;
 * R `forecast.ets` → `class1`, `class2`, `class3`): class 1 (additive error, no multiplicative
 * component) and class 2 (multiplicative error, no multiplicative trend or season) have the point
 * forecasts as mean; class 3 (multiplicative error and season, no multiplicative trend) has its own
 * mean, above the point forecast for h > m. Returns undefined for the models R simulates
 * (multiplicative trend; additive error with multiplicative season).
 */
export function etsAnalyticForecast(
  spec: EtsSpec,
  parameters: EtsParameters,
  finalStates: EtsStates,
  sigma2: number,
  horizon: number,
): { mean: number[]; variance: number[] } | undefined {
  validateSpec(spec);
  const forecastClass = etsForecastClass(spec);
  if (forecastClass === 1 || forecastClass === 2) {
    const mean = etsPointForecasts(spec, parameters, finalStates, horizon);
    const c = linearClassCoefficients(spec, parameters, horizon);
    return { mean, variance: forecastClass === 1 ? linearClassVariance(c, sigma2, horizon) : class2Variance(mean, c, sigma2) };
  }
  if (forecastClass === 3) return class3MeanVariance(spec, parameters, finalStates, sigma2, horizon);
  return undefined;
}

/** Attaches forecastVariance (classes 1–3, and the class-3 mean as forecast) or simulate (the others). */
function attachUncertainty(fit: EtsFit, parameters: EtsParameters, finalStates: EtsStates, horizon: number): void {
  const spec = fit.spec;
  const sigma2 = fit.sigma2;
  if (horizon <= 0) return;
  const analytic = etsAnalyticForecast(spec, parameters, finalStates, sigma2, horizon);
  if (analytic !== undefined) {
    fit.forecast = analytic.mean;
    fit.forecastVariance = analytic.variance;
    return;
  }
  const sd = Math.sqrt(sigma2);
  const frozenSpec = { ...spec };
  const frozenParameters = { ...parameters };
  const frozenStates: EtsStates = { ...finalStates, ...(finalStates.seasonal ? { seasonal: finalStates.seasonal.slice() } : {}) };
  fit.simulate = (count: number, random: Random): number[][] => {
    const normal = normalSource(random);
    const paths: number[][] = [];
    const draws = new Float64Array(horizon);
    for (let p = 0; p < count; p++) {
      for (let i = 0; i < horizon; i++) draws[i] = sd * normal();
      paths.push(etsSamplePath(frozenSpec, frozenParameters, frozenStates, draws));
    }
    return paths;
  };
}

// ---------------------------------------------------------------------------------------------
// Automatic selection (R ets(model = "ZZZ"); HKOS §7.2)
// ---------------------------------------------------------------------------------------------

export interface AutoEtsOptions {
  horizon?: number;
  /** Information criterion (R default `aicc`). */
  ic?: 'aicc' | 'aic' | 'bic';
  /** R `allow.multiplicative.trend` (default false). */
  allowMultiplicativeTrend?: boolean;
  /** R `additive.only` (default false). */
  additiveOnly?: boolean;
  /** R `restrict` (default true): no A error with M trend/season, no MMA. */
  restrict?: boolean;
  /** Only damped (true) or only undamped (false) trends; both when absent. */
  damped?: boolean;
  bounds?: 'both' | 'usual' | 'admissible';
  /** Nelder–Mead set-up (default `scaled`; `r` reproduces R's estimates, about 3× slower). */
  search?: 'r' | 'scaled';
  maxIterations?: number;
  tolerance?: number;
}

/** One row of the selection table: the model, its criterion, or why it was not fitted. */
export interface EtsCandidate {
  label: string;
  /** AICc (or the chosen criterion's value) when the model was fitted; null otherwise. */
  aicc: number | null;
  /** Why the model was skipped or failed. */
  reason?: string;
}

export interface AutoEtsResult {
  best: EtsFit;
  candidates: EtsCandidate[];
}

function isConstant(y: ArrayLike<number>): boolean {
  for (let t = 1; t < y.length; t++) if (y[t] !== y[0]) return false;
  return true;
}

/**
 * Chooses an ETS model as R `ets(y, model = "ZZZ")` does: every error (A, M), trend (N, A; M only
 * if allowed) and season (N, A, M) with and without damping is fitted unless excluded — no
 * multiplicative error if any y ≤ 0, no seasonal model when m = 1, m > 24 or n ≤ m, and with
 * `restrict` no additive error with a multiplicative trend or season and no ETS(M,M,A) — and the
 * lowest AICc wins (first fitted on ties, in R's loop order). Special cases as R: a constant series
 * gives ETS(A,N,N) with α = 0.99999 and ℓ₀ = y₁ (R: ses(y, alpha = 0.99999, initial = "simple"));
 * n ≤ 6 gives the better (by σ²) of SES and Holt with ℓ₀ = y₁, b₀ = y₂ − y₁ and α, β estimated
 * (R's HoltWintersZZ fallback, here with our estimator).
 */
export function autoEts(y: ArrayLike<number>, seasonLength: number, options: AutoEtsOptions = {}): AutoEtsResult {
  if (!Number.isInteger(seasonLength) || seasonLength < 1) throw new RangeError(`seasonLength must be an integer ≥ 1, got ${seasonLength}`);
  const data = Float64Array.from(y as ArrayLike<number>);
  const n = data.length;
  if (n < 1) throw new RangeError('autoEts needs at least one observation');
  for (let t = 0; t < n; t++) if (!Number.isFinite(data[t]!)) throw new RangeError(`y[${t}] is not finite (interpolate gaps first)`);
  const ses: EtsSpec = { error: 'A', trend: 'N', damped: false, season: 'N', seasonLength };
  const horizon = options.horizon ?? (seasonLength > 1 ? 2 * seasonLength : 10);
  const fitOptions: EtsFitOptions = { horizon, bounds: options.bounds ?? 'both', search: options.search ?? 'scaled' };
  if (options.maxIterations !== undefined) fitOptions.maxIterations = options.maxIterations;
  if (options.tolerance !== undefined) fitOptions.tolerance = options.tolerance;

  if (isConstant(data)) {
    const best = constantFallback(data, ses, horizon);
    return { best, candidates: [{ label: etsLabel(ses), aicc: null, reason: 'constant series: R uses ses(alpha = 0.99999, initial = "simple")' }] };
  }
  if (n <= 6) {
    const candidates: EtsCandidate[] = [];
    const tries: EtsFit[] = [];
    const specs: EtsSpec[] = n >= 2 ? [{ ...ses, trend: 'A' }, ses] : [ses];
    for (const spec of specs) {
      const initial = spec.trend === 'A' ? { level: data[0]!, trend: data[1]! - data[0]! } : { level: data[0]! };
      const result = estimate(data, spec, { ...fitOptions, initial });
      if ('fit' in result && Number.isFinite(result.fit.sigma2)) {
        tries.push(result.fit);
        candidates.push({ label: etsLabel(spec), aicc: null, reason: 'n ≤ 6: chosen by σ² with simple initial states (R HoltWintersZZ fallback)' });
      } else candidates.push({ label: etsLabel(spec), aicc: null, reason: 'reason' in result ? result.reason : 'σ² undefined' });
    }
    let best = tries[0];
    for (const t of tries) if (best === undefined || t.sigma2 < best.sigma2) best = t;
    if (best === undefined) {
      const fallback = assembleFit(data, ses, { alpha: 0.99999 }, { level: data[n - 1]! }, horizon, 1, 2, undefined) ?? constantFallback(data, ses, horizon);
      return { best: fallback, candidates };
    }
    return { best, candidates };
  }

  const errors: EtsErrorType[] = ['A', 'M'];
  const trends: EtsTrendType[] = options.allowMultiplicativeTrend ? ['N', 'A', 'M'] : ['N', 'A'];
  const seasonal = seasonLength > 1 && seasonLength <= ETS_MAX_SEASON_LENGTH && n > seasonLength;
  const seasons: EtsSeasonType[] = seasonal ? ['N', 'A', 'M'] : ['N'];
  const dampings = options.damped === undefined ? [true, false] : [options.damped];
  const restrict = options.restrict ?? true;
  const ic = options.ic ?? 'aicc';
  let positive = true;
  for (let t = 0; t < n; t++) if (!(data[t]! > 0)) positive = false;

  const candidates: EtsCandidate[] = [];
  let best: EtsFit | undefined;
  let bestIc = Number.POSITIVE_INFINITY;
  for (const error of errors)
    for (const trend of trends)
      for (const season of seasons)
        for (const damped of dampings) {
          if (trend === 'N' && damped) continue;
          const spec: EtsSpec = { error, trend, damped, season, seasonLength };
          const label = etsLabel(spec);
          const restricted = restrict ? restrictedReason(spec) : null;
          if (restricted !== null) {
            candidates.push({ label, aicc: null, reason: restricted });
            continue;
          }
          if (options.additiveOnly && (error === 'M' || trend === 'M' || season === 'M')) {
            candidates.push({ label, aicc: null, reason: 'additive models only' });
            continue;
          }
          if (!positive && (error === 'M' || trend === 'M' || season === 'M')) {
            candidates.push({ label, aicc: null, reason: 'data not all positive' });
            continue;
          }
          let result: ReturnType<typeof estimate>;
          try {
            result = estimate(data, spec, fitOptions, false);
          } catch (cause) {
            result = { reason: cause instanceof Error ? cause.message : String(cause) };
          }
          if ('reason' in result) {
            candidates.push({ label, aicc: null, reason: result.reason });
            continue;
          }
          const fit = result.fit;
          const value = ic === 'aic' ? fit.aic! : ic === 'bic' ? fit.bic! : fit.aicc!;
          candidates.push({ label, aicc: Number.isFinite(fit.aicc!) ? fit.aicc! : null, ...(Number.isFinite(fit.aicc!) ? {} : { reason: 'AICc undefined (too few observations)' }) });
          if (value < bestIc) {
            bestIc = value;
            best = fit;
          }
        }
  if (best === undefined) {
    // No model could be fitted (R: "No model able to be fitted"); fall back to SES with simple initial level.
    const result = estimate(data, ses, { ...fitOptions, initial: { level: data[0]! } });
    const fallback = 'fit' in result ? result.fit : (assembleFit(data, ses, { alpha: 0.99999 }, { level: data[n - 1]! }, horizon, 1, 2, undefined) ?? constantFallback(data, ses, horizon));
    return { best: fallback, candidates };
  }
  // Forecast distributions only for the selected model (candidates were fitted without them).
  attachUncertainty(best, best.smoothingParameters, best.finalStates, horizon);
  return { best, candidates };
}

/** A flat forecast at the last value with zero variance, for degenerate inputs where no likelihood exists. */
function constantFallback(y: Float64Array, spec: EtsSpec, horizon: number): EtsFit {
  const run = etsRecursion(y, spec, { alpha: 0.99999 }, { level: y[0]! }, horizon);
  const n = y.length;
  return {
    method: etsLabel(spec),
    spec: { ...spec },
    smoothingParameters: { alpha: 0.99999 },
    initialStates: { level: y[0]! },
    finalStates: copyStates(run.finalStates),
    fitted: Array.from(run.fitted),
    residuals: Array.from(run.fitted, (f, t) => y[t]! - f),
    innovations: Array.from(run.innovations),
    forecast: run.forecast,
    forecastVariance: linearClassVariance(linearClassCoefficients(spec, { alpha: 0.99999 }, horizon), n > 2 ? run.sumSquaredInnovations / (n - 2) : 0, horizon),
    parameters: { alpha: 0.99999 },
    states: { initial: { level: y[0]! }, final: statesRecord(run.finalStates) },
    sigma2: n > 2 ? run.sumSquaredInnovations / (n - 2) : 0,
    parameterCount: 1,
    observationCount: n,
  };
}
