/**
 * Dynamic harmonic regression: a regression of the series on Fourier terms (plus an intercept,
 * and optionally a linear trend or a drift) with ARIMA(p, d, 0) errors, for long or multiple
 * seasonal periods (weekly data with m = 365.25/7, daily data with 7 and 365.25) where seasonal
 * ETS/ARIMA cannot be fitted, and with only one to three seasons of history.
 *
 * Sources:
 * - Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed. (FPP3), §10.5
 *   "Dynamic harmonic regression" (y_t = β₀ + Σₖ [αₖ sin(2πkt/m) + γₖ cos(2πkt/m)] + η_t, η_t an
 *   ARIMA process, K chosen by AICc) and §12.1 (several seasonal periods, one K per period);
 *   R `forecast::fourier(x, K, h)` (forecast 8.x source, `...fourier`) for the regressors, their
 *   order, names and the removal of duplicated and identically-zero columns;
 *   R `auto.arima(y, xreg = fourier(y, K), seasonal = FALSE)` (Hyndman & Khandakar 2008, J. Stat.
 *   Softw. 27(3)) for the search and R `stats::arima` for the likelihood and the information
 *   criteria (`forecast::Arima`: npar = number of coefficients + 1, AICc = AIC +
 *   2·npar(npar + 1)/(n* − npar − 1), BIC = AIC + npar(log n* − 2), n* = n − d).
 * - Regression with stationary AR(p) errors, exact Gaussian likelihood: the first p errors have
 *   covariance σ²V_p (the stationary autocovariances of the AR process with unit innovation
 *   variance), the later ones are y_t − x_tβ − Σφᵢ(y_{t−i} − x_{t−i}β) ~ N(0, σ²); so
 *   −2 log L = N log(2πσ²) + log det V_p + [u_{1:p}ᵀV_p⁻¹u_{1:p} + Σ_{t>p} ε_t²]/σ²
 *   (Box, Jenkins, Reinsel & Ljung, *Time Series Analysis*, 5th ed., §7.1.3 and Appendix A7.4;
 *   Beach & MacKinnon 1978, Econometrica 46:51–58, for AR(1) errors). For fixed φ this is a
 *   generalised least squares problem in β (Prais–Winsten transformed rows), so β and σ² are
 *   concentrated out and only φ is searched numerically (Brent for AR(1), Nelder–Mead on the
 *   partial autocorrelations r = tanh(x) for AR(2), the stationarity transform of R `arima`,
 *   Jones 1980, Technometrics 22:389–395). V₁⁻¹ = 1 − φ²; V₂⁻¹ = [[1 − φ₂², −φ₁(1 + φ₂)],
 *   [−φ₁(1 + φ₂), 1 − φ₂²]] (Galbraith & Galbraith 1974, J. Appl. Prob. 11:63–71).
 * - d = 1 is the differenced regression, as R does: Δy_t = Δx_tβ + u_t with u an AR(p) process
 *   (R `arima` with a diffuse prior on the integrated state, whose likelihood is that of the N = n − 1
 *   differences); the intercept drops out and a "drift" (a constant in the differences) may enter.
 * - d is chosen as R `auto.arima` does with regressors: the KPSS test (Kwiatkowski, Phillips,
 *   Schmidt & Shin 1992, J. Econometrics 54:159–178; R `urca::ur.kpss(type = "mu",
 *   use.lag = trunc(3√n/13))` inside `forecast::ndiffs`, 5 % level, critical value 0.463) on the
 *   residuals of the least-squares regression of y on the regressors.
 * - Forecasts: the regression mean on the future Fourier terms plus the AR forecast of the errors
 *   (integrated when d = 1); h-step variance σ²Σ_{j<h}ψ_j² (ψ the MA(∞) weights of the
 *   ARIMA(p, d, 0) error, Box et al. §5.2) plus the estimation variance of the regression
 *   coefficients, σ²c_hᵀ(X̃ᵀX̃)⁻¹c_h with c_h the derivative of the h-step forecast in β (R's
 *   `predict.Arima` reports the first part only). Sample paths draw β from its GLS sampling
 *   distribution and simulate the error recursion, so their variance is the same sum.
 *
 * Where this simplifies R's search (stated, not hidden):
 * - Error models AR(p), p ∈ {0, 1, 2}, d ∈ {0, 1}; no MA terms (R searches p, q ≤ 5 stepwise).
 * - d is tested once per series, on the residuals of the regression with the K that has the lowest
 *   AICc among white-noise-error fits (R tests d for the one K it is given); then K, p and the
 *   constant/trend are chosen together by AICc with d fixed, so every AICc compared is on the same
 *   data (AICc across different d are not comparable: FPP3 §9.8).
 * - The search compares conditional-sum-of-squares (CSS) fits (conditioning on the first two
 *   observations for every candidate), as R `auto.arima` does with `approximation = TRUE` (its
 *   default for frequency > 12). For each AR order, constant/trend choice and K of the earlier
 *   periods, φ comes from three Cochrane–Orcutt steps at the currently best K of the last period
 *   and is then held fixed across that period's K, so one Cholesky factor scores every K (the
 *   models are nested); K ≤ {@link DHR_DEFAULT_MAX_HARMONICS} by default. The best {@link DHR_ML_REFITS}
 *   candidates are refitted by exact maximum likelihood and the lowest exact AICc wins. R refits
 *   by CSS-ML (CSS start, then ML); the ML optimum is the same, so fixed-order fits agree with R's
 *   estimates to optimiser precision.
 * - A linear trend (d = 0) and a drift (d = 1) are candidates, kept only when AICc selects them.
 *
 * The history must be gap-free (interpolate missing periods first). Pure and deterministic.
 *
 * Cost: the lag-0…2 cross-products of the largest design, (½ + L)·N·k² with k ≈ 2K_max + 2, then
 * O(k² + k³/6) per (AR order, trend, outer K) and per likelihood evaluation of the ML refits;
 * `fromOrigin` moves running sums of the φ-filtered rows (O(k²) per row moved, O(k³/6) per call).
 */
import { minimize } from './optimize.js';
import { assertHorizon, historyToFloat64, type HistoryValues } from './simple.js';
import { gridBrentMinimize } from './theta.js';
import type { ModelFit, Random } from './types.js';
import { normalDeviate } from '../stats/random.js';

// ---------------------------------------------------------------------------------------------
// Fourier terms (R forecast::fourier)
// ---------------------------------------------------------------------------------------------

/** sin(πx) with exact results at multiples of ½, as R's `sinpi` (R nmath/cospi.c). */
export function sinPi(x: number): number {
  let r = x % 2;
  if (r <= -1) r += 2;
  else if (r > 1) r -= 2;
  if (r === 0 || r === 1) return 0;
  if (r === 0.5) return 1;
  if (r === -0.5) return -1;
  return Math.sin(Math.PI * r);
}

/** cos(πx) with exact results at multiples of ½, as R's `cospi` (R nmath/cospi.c). */
export function cosPi(x: number): number {
  const r = Math.abs(x) % 2;
  if (r % 1 === 0.5) return 0;
  if (r === 1) return -1;
  if (r === 0) return 1;
  return Math.cos(Math.PI * r);
}

/** R's `round(x)` (IEC 60559 round half to even), used for the period in the column names. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const difference = x - floor;
  if (difference < 0.5) return floor;
  if (difference > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** One Fourier regressor: sin or cos(2π·frequency·t), t = 1, 2, … from the first history point. */
export interface FourierColumn {
  /** R's column name, e.g. `S1-52`, `C2-365`. */
  label: string;
  /** Cycles per period of the data, k/m. */
  frequency: number;
  kind: 'sin' | 'cos';
  /** Index of the seasonal period (in `periods`) and harmonic k the column belongs to. */
  periodIndex: number;
  harmonic: number;
}

/**
 * The Fourier columns R `fourier(x, K)` returns, in its order: per period, S1-m, C1-m, S2-m, C2-m, …;
 * a frequency k/m equal (exactly, as R's `duplicated`) to one of an earlier period is dropped
 * (e.g. k = 7 of m = 168 when m = 24 is also given), and the sine column when 2k/m is an integer
 * (identically 0). K = 0 gives no columns for that period.
 * @example fourierColumns([12], [2]).map((c) => c.label) // ['S1-12', 'C1-12', 'S2-12', 'C2-12']
 */
export function fourierColumns(periods: readonly number[], harmonics: readonly number[]): FourierColumn[] {
  if (periods.length !== harmonics.length) throw new RangeError(`periods (${periods.length}) and harmonics (${harmonics.length}) must have the same length`);
  const terms: { frequency: number; periodIndex: number; harmonic: number; name: string }[] = [];
  for (let j = 0; j < periods.length; j++) {
    const m = periods[j]!;
    const K = harmonics[j]!;
    if (!Number.isFinite(m) || m <= 1) throw new RangeError(`periods[${j}] must be a number > 1, got ${m}`);
    if (!Number.isInteger(K) || K < 0) throw new RangeError(`harmonics[${j}] must be an integer ≥ 0, got ${K}`);
    if (2 * K > m) throw new RangeError(`harmonics[${j}] = ${K} must not be greater than period/2 = ${m / 2}`);
    for (let k = 1; k <= K; k++) terms.push({ frequency: k / m, periodIndex: j, harmonic: k, name: `${k}-${roundHalfEven(m)}` });
  }
  const columns: FourierColumn[] = [];
  const seen = new Set<number>();
  for (const term of terms) {
    if (seen.has(term.frequency)) continue;
    seen.add(term.frequency);
    const twice = 2 * term.frequency;
    const base = { frequency: term.frequency, periodIndex: term.periodIndex, harmonic: term.harmonic };
    if (Math.abs(twice - Math.round(twice)) > Number.EPSILON) columns.push({ ...base, label: `S${term.name}`, kind: 'sin' });
    columns.push({ ...base, label: `C${term.name}`, kind: 'cos' });
  }
  return columns;
}

/** Value of a Fourier column at time t (1-based), as R: sinpi(2·p·t) / cospi(2·p·t). */
export function fourierValue(column: FourierColumn, t: number): number {
  const argument = 2 * column.frequency * t;
  return column.kind === 'sin' ? sinPi(argument) : cosPi(argument);
}

/**
 * Fourier regressors exactly as R `fourier(x, K)` for a series of length n (t = 1 … n from the
 * first history point), or, with `offset` = n, the future terms `fourier(x, K, h)` for t = n + 1 … n + h
 * (call with n = h). Columns as {@link fourierColumns}; each value array has n entries.
 * @example fourierTerms(4, [4], [2]).values // [[1, 0, -1, 0], [0, -1, 0, 1], [-1, 1, -1, 1]] (S1-4, C1-4, C2-4)
 */
export function fourierTerms(n: number, periods: readonly number[], harmonics: readonly number[], offset = 0): { labels: string[]; columns: FourierColumn[]; values: Float64Array[] } {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be an integer ≥ 0, got ${n}`);
  if (!Number.isInteger(offset)) throw new RangeError(`offset must be an integer, got ${offset}`);
  const columns = fourierColumns(periods, harmonics);
  const values = columns.map((column) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = fourierValue(column, offset + i + 1);
    return out;
  });
  return { labels: columns.map((c) => c.label), columns, values };
}

// ---------------------------------------------------------------------------------------------
// Small dense linear algebra (row-major k × k)
// ---------------------------------------------------------------------------------------------

/**
 * In-place Cholesky factor G = LLᵀ of a symmetric k × k matrix (lower triangle of `g` replaced by
 * L; Golub & Van Loan, *Matrix Computations*, 4th ed., Alg. 4.2.1). False when G is not
 * numerically positive definite (a pivot ≤ 1e-10 × its diagonal entry).
 */
function choleskyInPlace(g: Float64Array, k: number): boolean {
  return choleskyPivots(g, k) === k;
}

/** As {@link choleskyInPlace}, returning how many leading pivots succeeded (the leading blocks that are positive definite). */
function choleskyPivots(g: Float64Array, k: number): number {
  for (let j = 0; j < k; j++) {
    let diagonal = g[j * k + j]!;
    const original = diagonal;
    for (let c = 0; c < j; c++) diagonal -= g[j * k + c]! * g[j * k + c]!;
    if (!(diagonal > 1e-10 * original) || !(original > 0)) return j;
    const pivot = Math.sqrt(diagonal);
    g[j * k + j] = pivot;
    for (let r = j + 1; r < k; r++) {
      let value = g[r * k + j]!;
      for (let c = 0; c < j; c++) value -= g[r * k + c]! * g[j * k + c]!;
      g[r * k + j] = value / pivot;
    }
  }
  return k;
}

/** Solves L z = b in place (forward substitution). */
function forwardSolve(l: Float64Array, k: number, b: Float64Array): void {
  for (let r = 0; r < k; r++) {
    let value = b[r]!;
    for (let c = 0; c < r; c++) value -= l[r * k + c]! * b[c]!;
    b[r] = value / l[r * k + r]!;
  }
}

/** Solves Lᵀ x = z in place (back substitution). */
function backSolve(l: Float64Array, k: number, b: Float64Array): void {
  for (let r = k - 1; r >= 0; r--) {
    let value = b[r]!;
    for (let c = r + 1; c < k; c++) value -= l[c * k + r]! * b[c]!;
    b[r] = value / l[r * k + r]!;
  }
}

// ---------------------------------------------------------------------------------------------
// AR(p) error helpers
// ---------------------------------------------------------------------------------------------

/** True when AR coefficients φ (p ≤ 2) are strictly inside the stationarity region (Box et al. §3.2). */
export function arIsStationary(phi: readonly number[]): boolean {
  if (phi.length === 0) return true;
  if (phi.length === 1) return Math.abs(phi[0]!) < 1;
  const [a, b] = phi as [number, number];
  return b < 1 && a + b < 1 && b - a < 1 && b > -1;
}

/** V_p⁻¹ for p ≤ 2 (row-major p × p) and log det V_p (see the file header). */
function stationaryInverse(phi: readonly number[]): { inverse: number[]; logDet: number } {
  if (phi.length === 0) return { inverse: [], logDet: 0 };
  if (phi.length === 1) {
    const a = 1 - phi[0]! * phi[0]!;
    return { inverse: [a], logDet: -Math.log(a) };
  }
  const [p1, p2] = phi as [number, number];
  const a = 1 - p2 * p2;
  const b = -p1 * (1 + p2);
  return { inverse: [a, b, b, a], logDet: -Math.log(a * a - b * b) };
}

/** AR(2) coefficients from partial autocorrelations r = tanh(x) (R `arima` `partrans`, Jones 1980). */
function arFromUnconstrained(x: ArrayLike<number>): number[] {
  if (x.length === 1) return [Math.tanh(x[0]!)];
  const r1 = Math.tanh(x[0]!);
  const r2 = Math.tanh(x[1]!);
  return [r1 - r2 * r1, r2];
}

/** Inverse of {@link arFromUnconstrained} for a stationary φ (partial autocorrelations clamped to ±0.99). */
function arToUnconstrained(phi: readonly number[]): number[] {
  const clamp = (r: number): number => Math.atanh(Math.max(-0.99, Math.min(0.99, r)));
  if (phi.length === 1) return [clamp(phi[0]!)];
  const r2 = phi[1]!;
  const r1 = Math.abs(1 - r2) > 1e-12 ? phi[0]! / (1 - r2) : 0;
  return [clamp(r1), clamp(r2)];
}

/** MA(∞) weights ψ_0 … ψ_{h−1} of ARIMA(p, d, 0) errors: ψ_j = Σφᵢψ_{j−i}, cumulated once when d = 1 (Box et al. §5.2). */
export function arimaPsiWeights(phi: readonly number[], differences: 0 | 1, horizon: number): number[] {
  const psi = new Array<number>(horizon).fill(0);
  for (let j = 0; j < horizon; j++) {
    let value = j === 0 ? 1 : 0;
    for (let i = 0; i < phi.length; i++) if (j - i - 1 >= 0) value += phi[i]! * psi[j - i - 1]!;
    psi[j] = value;
  }
  if (differences === 1) for (let j = 1; j < horizon; j++) psi[j] = psi[j]! + psi[j - 1]!;
  return psi;
}

// ---------------------------------------------------------------------------------------------
// The regression design
// ---------------------------------------------------------------------------------------------

/** A fully specified DHR model: periods, K per period, error orders and deterministic terms. */
export interface HarmonicSpec {
  periods: number[];
  harmonics: number[];
  /** Order of differencing d of the errors. */
  differences: 0 | 1;
  /** AR order p of the (differenced) errors. */
  arOrder: 0 | 1 | 2;
  /** d = 0: intercept (always, as R `include.mean`); d = 1: a drift (a constant in the differences). */
  constant: boolean;
  /** d = 0 only: a linear trend in t. */
  trend: boolean;
  /** Fixed AR coefficients φ₁ … φ_p (stationary), not estimated (e.g. to refit on a prefix with the errors' dynamics held). */
  ar?: number[];
}

/** Level-space deterministic column kinds ahead of the Fourier columns. */
type DeterministicKind = 'intercept' | 'trend' | 'drift';

/** Fourier column values at t = 1 … length, shared by the designs of one fit (sin/cos evaluated once per column). */
interface FourierCache {
  length: number;
  columns: Map<string, Float64Array>;
}

function cachedColumn(cache: FourierCache, column: FourierColumn): Float64Array {
  const key = `${column.frequency}|${column.kind}`;
  let values = cache.columns.get(key);
  if (!values) {
    values = new Float64Array(cache.length + 1);
    for (let t = 1; t <= cache.length; t++) values[t] = fourierValue(column, t);
    cache.columns.set(key, values);
  }
  return values;
}

interface Design {
  cache?: FourierCache;
  spec: HarmonicSpec;
  deterministic: DeterministicKind[];
  fourier: FourierColumn[];
  /** Number of regression columns in the fitted (possibly differenced) space. */
  k: number;
  /** Scale of the trend/drift column (t/timeScale, for conditioning; coefficients are reported per period). */
  timeScale: number;
  labels: string[];
}

function makeDesign(spec: HarmonicSpec, n: number, cache?: FourierCache): Design {
  const deterministic: DeterministicKind[] = [];
  if (spec.differences === 0) {
    deterministic.push('intercept');
    if (spec.trend) deterministic.push('trend');
  } else if (spec.constant) deterministic.push('drift');
  const fourier = fourierColumns(spec.periods, spec.harmonics);
  return {
    ...(cache ? { cache } : {}),
    spec,
    deterministic,
    fourier,
    k: deterministic.length + fourier.length,
    timeScale: Math.max(1, n),
    labels: [...deterministic, ...fourier.map((c) => c.label)],
  };
}

/** Level-space regressor row at time t (1-based) into `out` at `offset`. */
function levelRow(design: Design, t: number, out: Float64Array, offset: number): void {
  let c = 0;
  for (const kind of design.deterministic) out[offset + c++] = kind === 'intercept' ? 1 : t / design.timeScale;
  for (const column of design.fourier) out[offset + c++] = fourierValue(column, t);
}

/**
 * Fitted-space regressors for times `first` … `first + count − 1` (1-based): the level rows when
 * d = 0, their first differences x_t − x_{t−1} when d = 1. Row-major count × k.
 */
function fitRows(design: Design, first: number, count: number): Float64Array {
  const k = design.k;
  const rows = new Float64Array(count * k);
  const d = design.spec.differences;
  const cache = design.cache;
  if (cache && first - d >= 1 && first + count - 1 <= cache.length) {
    let c = 0;
    for (const kind of design.deterministic) {
      for (let i = 0; i < count; i++) {
        const t = first + i;
        rows[i * k + c] = kind === 'intercept' ? (d === 0 ? 1 : 0) : d === 0 ? t / design.timeScale : 1 / design.timeScale;
      }
      c++;
    }
    for (const column of design.fourier) {
      const values = cachedColumn(cache, column);
      for (let i = 0; i < count; i++) rows[i * k + c] = d === 0 ? values[first + i]! : values[first + i]! - values[first + i - 1]!;
      c++;
    }
    return rows;
  }
  if (design.spec.differences === 0) {
    for (let i = 0; i < count; i++) levelRow(design, first + i, rows, i * k);
    return rows;
  }
  const previous = new Float64Array(k);
  const current = new Float64Array(k);
  levelRow(design, first - 1, previous, 0);
  for (let i = 0; i < count; i++) {
    levelRow(design, first + i, current, 0);
    for (let c = 0; c < k; c++) rows[i * k + c] = current[c]! - previous[c]!;
    previous.set(current);
  }
  return rows;
}

/** The series in the fitted space: y (d = 0) or Δy (d = 1, N = n − 1, element i = y[i+1] − y[i]). */
function fitSeries(values: Float64Array, differences: 0 | 1, end = values.length): Float64Array {
  if (differences === 0) return values.slice(0, end);
  const out = new Float64Array(Math.max(0, end - 1));
  for (let i = 1; i < end; i++) out[i - 1] = values[i]! - values[i - 1]!;
  return out;
}

/** Time (1-based) of fitted-space row 0: 1 when d = 0, 2 when d = 1. */
const firstFitTime = (differences: 0 | 1): number => 1 + differences;

// ---------------------------------------------------------------------------------------------
// Lagged cross-products: the GLS normal equations of any AR(p ≤ L) filter from O(L²k²) sums
// ---------------------------------------------------------------------------------------------

/**
 * For rows t ∈ [start, N) and lags i, j ≤ L: A_ij = Σ w_{t−i} w_{t−j}ᵀ, b_ij = Σ w_{t−i} v_{t−j},
 * s_ij = Σ v_{t−i} v_{t−j}. The AR-filtered regression ε_t = (v_t − Σφᵢv_{t−i}) − (w_t − Σφᵢw_{t−i})β
 * then has normal equations Σ_ij a_i a_j A_ij, Σ_ij a_i a_j b_ij (a = 1, −φ₁, −φ₂).
 */
interface LaggedProducts {
  lags: number;
  k: number;
  a: Float64Array[];
  b: Float64Array[];
  s: Float64Array;
}

function laggedProducts(v: Float64Array, w: Float64Array, k: number, start: number, lags: number): LaggedProducts {
  // Full-range lag-ℓ sums once (C_ℓ = Σ_s w_s w_{s−ℓ}ᵀ, D_ℓ = Σ w_s v_{s−ℓ}, E_ℓ = Σ w_{s−ℓ} v_s), then each
  // windowed A_ij, b_ij by subtracting the few edge rows: (½ + L)·N·k² work instead of (L + 1)²·N·k².
  const L = lags + 1;
  const N = v.length;
  const full: Float64Array[] = [];
  const d: Float64Array[] = [];
  const e: Float64Array[] = [];
  for (let lag = 0; lag < L; lag++) {
    const c = new Float64Array(k * k);
    const dl = new Float64Array(k);
    const el = new Float64Array(k);
    for (let t = lag; t < N; t++) {
      const rt = t * k;
      const rl = (t - lag) * k;
      const vt = v[t]!;
      const vl = v[t - lag]!;
      for (let r = 0; r < k; r++) {
        const wr = w[rt + r]!;
        const row = r * k;
        if (lag === 0) for (let col = r; col < k; col++) c[row + col] = c[row + col]! + wr * w[rl + col]!;
        else for (let col = 0; col < k; col++) c[row + col] = c[row + col]! + wr * w[rl + col]!;
        dl[r] = dl[r]! + wr * vl;
        el[r] = el[r]! + w[rl + r]! * vt;
      }
    }
    if (lag === 0) for (let r = 0; r < k; r++) for (let col = 0; col < r; col++) c[r * k + col] = c[col * k + r]!;
    full.push(c);
    d.push(dl);
    e.push(el);
  }
  const a: Float64Array[] = new Array<Float64Array>(L * L);
  const b: Float64Array[] = new Array<Float64Array>(L * L);
  const s = new Float64Array(L * L);
  const outside = (first: number, last: number, index: number): boolean => index < first || index >= last;
  for (let i = 0; i < L; i++) {
    for (let j = 0; j < L; j++) {
      let sij = 0;
      for (let t = start; t < N; t++) sij += v[t - i]! * v[t - j]!;
      s[i * L + j] = sij;
      // b_ij = Σ_{t∈[start,N)} w_{t−i} v_{t−j}
      const bij = new Float64Array(k);
      if (i <= j) {
        const lag = j - i;
        bij.set(d[lag]!);
        for (let u = lag; u < N; u++)
          if (outside(start - i, N - i, u)) for (let r = 0; r < k; r++) bij[r] = bij[r]! - w[u * k + r]! * v[u - lag]!;
      } else {
        const lag = i - j;
        bij.set(e[lag]!);
        for (let u = lag; u < N; u++)
          if (outside(start - j, N - j, u)) for (let r = 0; r < k; r++) bij[r] = bij[r]! - w[(u - lag) * k + r]! * v[u]!;
      }
      b[i * L + j] = bij;
      if (j < i) continue;
      // A_ij = Σ_{u∈[start−i, N−i)} w_u w_{u−ℓ}ᵀ, ℓ = j − i
      const lag = j - i;
      const aij = full[lag]!.slice();
      for (let u = lag; u < N; u++) {
        if (!outside(start - i, N - i, u)) continue;
        for (let r = 0; r < k; r++) {
          const wr = w[u * k + r]!;
          for (let col = 0; col < k; col++) aij[r * k + col] = aij[r * k + col]! - wr * w[(u - lag) * k + col]!;
        }
      }
      a[i * L + j] = aij;
    }
  }
  for (let i = 0; i < L; i++)
    for (let j = 0; j < i; j++) {
      const source = a[j * L + i]!;
      const target = new Float64Array(k * k);
      for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) target[r * k + c] = source[c * k + r]!;
      a[i * L + j] = target;
    }
  return { lags, k, a, b, s };
}

/** Normal equations G β = g, and vᵀv, of the φ-filtered regression on the column subset `index`. */
function filteredNormalEquations(products: LaggedProducts, index: readonly number[], phi: readonly number[]): { g: Float64Array; rhs: Float64Array; vv: number } {
  const L = products.lags + 1;
  const K = products.k;
  const k = index.length;
  const g = new Float64Array(k * k);
  const rhs = new Float64Array(k);
  let vv = 0;
  const coefficient = [1, ...phi.map((x) => -x)];
  const identity = k === K && index.every((value, i) => value === i);
  for (let i = 0; i < coefficient.length; i++) {
    for (let j = 0; j < coefficient.length; j++) {
      const weight = coefficient[i]! * coefficient[j]!;
      if (weight === 0) continue;
      const aij = products.a[i * L + j]!;
      const bij = products.b[i * L + j]!;
      if (identity) {
        for (let x = 0; x < k * k; x++) g[x] = g[x]! + weight * aij[x]!;
        for (let r = 0; r < k; r++) rhs[r] = rhs[r]! + weight * bij[r]!;
        vv += weight * products.s[i * L + j]!;
        continue;
      }
      for (let r = 0; r < k; r++) {
        const row = index[r]! * K;
        for (let c = 0; c < k; c++) g[r * k + c] = g[r * k + c]! + weight * aij[row + index[c]!]!;
        rhs[r] = rhs[r]! + weight * bij[index[r]!]!;
      }
      vv += weight * products.s[i * L + j]!;
    }
  }
  return { g, rhs, vv };
}

/** Solves G β = g by Cholesky; returns β, SSE = vv − gᵀβ and the factor, or undefined when G is singular. */
function solveNormal(g: Float64Array, rhs: Float64Array, vv: number, k: number): { beta: Float64Array; sse: number; factor: Float64Array } | undefined {
  const factor = g;
  if (!choleskyInPlace(factor, k)) return undefined;
  const z = rhs.slice();
  forwardSolve(factor, k, z);
  let explained = 0;
  for (let r = 0; r < k; r++) explained += z[r]! * z[r]!;
  backSolve(factor, k, z);
  return { beta: z, sse: Math.max(0, vv - explained), factor };
}

// ---------------------------------------------------------------------------------------------
// Fits
// ---------------------------------------------------------------------------------------------

/** The best `DHR_ML_REFITS` candidates of the CSS search are refitted by exact ML. */
export const DHR_ML_REFITS = 2;

/**
 * Largest K per period searched by default: ⌊m/2⌋ capped at 12. On simulated weekly series with a
 * two-week peak and 104 points AICc chose K ≤ 10 on 95 of 100 with a cap of 26, and the search cost
 * grows with K²; pass `maxHarmonics` (up to ⌊m/2⌋ = 26 for weekly data) for sharper peaks.
 */
export const DHR_DEFAULT_MAX_HARMONICS = 12;

/** A floor for the residual sum of squares so that exact fits (constant series) keep a finite likelihood. */
function sseFloor(v: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  return v.length * 1e-20 * (1 + sum / Math.max(1, v.length));
}

/** Information criteria as R `forecast::Arima` (npar includes σ², n* = N fitted-space observations). */
function informationCriteria(logLik: number, npar: number, nStar: number): { aic: number; aicc: number; bic: number } {
  const aic = -2 * logLik + 2 * npar;
  const aicc = nStar - npar - 1 > 0 ? aic + (2 * npar * (npar + 1)) / (nStar - npar - 1) : Number.POSITIVE_INFINITY;
  const bic = aic + npar * (Math.log(nStar) - 2);
  return { aic, aicc, bic };
}

/**
 * Least-squares AR(p) coefficients of the regression residuals e = v − Wβ on rows [start, N), from
 * the lagged sums (E_ij = Σ e_{t−i}e_{t−j}), shrunk into the stationarity region: the φ step of a
 * Cochrane–Orcutt iteration (Cochrane & Orcutt 1949, JASA 44:32–61).
 */
function residualAr(products: LaggedProducts, index: readonly number[], beta: ArrayLike<number>, p: number): number[] {
  if (p === 0) return [];
  const L = products.lags + 1;
  const k = index.length;
  const e = (i: number, j: number): number => {
    const aij = products.a[i * L + j]!;
    const bij = products.b[i * L + j]!;
    const bji = products.b[j * L + i]!;
    let quadratic = 0;
    let linear = 0;
    for (let r = 0; r < k; r++) {
      const row = index[r]! * products.k;
      let inner = 0;
      for (let c = 0; c < k; c++) inner += aij[row + index[c]!]! * beta[c]!;
      quadratic += beta[r]! * inner;
      linear += beta[r]! * (bij[index[r]!]! + bji[index[r]!]!);
    }
    return products.s[i * L + j]! - linear + quadratic;
  };
  let phi: number[];
  if (p === 1) {
    const e11 = e(1, 1);
    phi = [e11 > 0 ? e(1, 0) / e11 : 0];
  } else {
    const e11 = e(1, 1);
    const e12 = e(1, 2);
    const e22 = e(2, 2);
    const det = e11 * e22 - e12 * e12;
    if (det > 1e-12 * e11 * e22) {
      const r1 = e(1, 0);
      const r2 = e(2, 0);
      phi = [(e22 * r1 - e12 * r2) / det, (e11 * r2 - e12 * r1) / det];
    } else phi = [0, 0];
  }
  for (let shrink = 0; shrink < 50 && !arIsStationary(phi); shrink++) phi = phi.map((x) => x * 0.95);
  return arIsStationary(phi) ? phi : phi.map(() => 0);
}

/**
 * CSS AICc of every nested model at a fixed φ: the columns `index` are ordered so that each
 * candidate is a leading block (deterministic terms, then the Fourier terms of the last period in
 * harmonic order), so one Cholesky factor of the φ-filtered normal equations gives the SSE of every
 * leading block, SSE_m = vᵀv − ‖z_{1:m}‖², z = L⁻¹Xᵀv. Rows t ∈ [start, N) for every candidate.
 */
function nestedScores(products: LaggedProducts, index: readonly number[], sizes: readonly number[], phi: readonly number[], nStar: number, floor: number): { aicc: number[]; beta: (size: number) => Float64Array } {
  const k = index.length;
  const eq = filteredNormalEquations(products, index, phi);
  const pivots = choleskyPivots(eq.g, k);
  const z = eq.rhs.slice();
  for (let r = 0; r < pivots; r++) {
    let value = z[r]!;
    for (let c = 0; c < r; c++) value -= eq.g[r * k + c]! * z[c]!;
    z[r] = value / eq.g[r * k + r]!;
  }
  const p = phi.length;
  const aicc = sizes.map((m) => {
    const npar = m + p + 1;
    if (m > pivots || nStar - npar < 3) return Number.POSITIVE_INFINITY;
    let explained = 0;
    for (let r = 0; r < m; r++) explained += z[r]! * z[r]!;
    const sigma2 = Math.max(eq.vv - explained, floor) / nStar;
    return informationCriteria(-0.5 * nStar * (Math.log(2 * Math.PI * sigma2) + 1), npar, nStar).aicc;
  });
  const beta = (m: number): Float64Array => {
    const x = z.slice(0, m);
    for (let r = m - 1; r >= 0; r--) {
      let value = x[r]!;
      for (let c = r + 1; c < m; c++) value -= eq.g[c * k + r]! * x[c]!;
      x[r] = value / eq.g[r * k + r]!;
    }
    return x;
  };
  return { aicc, beta };
}

/** An exact-ML fit of one fully specified model on the fitted-space data (v, w). */
interface MlFit {
  phi: number[];
  beta: Float64Array;
  /** Cholesky factor of the GLS matrix X̃ᵀX̃ (Cov β̂ = σ²(X̃ᵀX̃)⁻¹). */
  factor: Float64Array;
  sigma2: number;
  logLik: number;
  aic: number;
  aicc: number;
  bic: number;
  npar: number;
}

/** GLS at fixed φ on rows [0, N): Prais–Winsten head rows (V_p⁻¹) plus the filtered rows t ≥ p. */
function glsAt(products: LaggedProducts, v: Float64Array, w: Float64Array, k: number, phi: readonly number[], index: readonly number[]): { beta: Float64Array; sse: number; factor: Float64Array; logDet: number } | undefined {
  const p = phi.length;
  const eq = filteredNormalEquations(products, index, phi);
  const { inverse, logDet } = stationaryInverse(phi);
  for (let r = 0; r < p; r++)
    for (let s = 0; s < p; s++) {
      const weight = inverse[r * p + s]!;
      for (let a = 0; a < k; a++) {
        const wa = w[r * k + a]!;
        for (let c = 0; c < k; c++) eq.g[a * k + c] = eq.g[a * k + c]! + weight * wa * w[s * k + c]!;
        eq.rhs[a] = eq.rhs[a]! + weight * wa * v[s]!;
      }
      eq.vv += weight * v[r]! * v[s]!;
    }
  const solved = solveNormal(eq.g, eq.rhs, eq.vv, k);
  return solved && { ...solved, logDet };
}

/** A start for the ML search of φ: three Cochrane–Orcutt iterations on rows [min(2, N), N). */
function cochraneOrcuttStart(v: Float64Array, w: Float64Array, k: number, p: number): number[] {
  if (p === 0) return [];
  const products = laggedProducts(v, w, k, Math.min(2, v.length), 2);
  const index = Array.from({ length: k }, (_, i) => i);
  let phi: number[] = [];
  for (let iteration = 0; iteration < 3; iteration++) {
    const eq = filteredNormalEquations(products, index, phi);
    const solved = solveNormal(eq.g, eq.rhs, eq.vv, k);
    if (!solved) return phi.length === p ? phi : new Array<number>(p).fill(0);
    phi = residualAr(products, index, solved.beta, p);
  }
  return phi;
}

/** Exact Gaussian ML of regression with AR(p) errors (file header), φ searched from `start`. */
function fitExact(v: Float64Array, w: Float64Array, k: number, p: number, start: readonly number[], floor: number, fixed?: readonly number[]): MlFit | undefined {
  const N = v.length;
  const index = Array.from({ length: k }, (_, i) => i);
  const products = laggedProducts(v, w, k, p, p);
  const objective = (phi: readonly number[]): number => {
    if (!arIsStationary(phi)) return Number.POSITIVE_INFINITY;
    const solved = glsAt(products, v, w, k, phi, index);
    if (!solved) return Number.POSITIVE_INFINITY;
    return N * Math.log(Math.max(solved.sse, floor) / N) + solved.logDet;
  };
  let phi: number[] = [];
  if (fixed) phi = fixed.slice();
  else if (p === 1) {
    const best = gridBrentMinimize((x) => objective([x]), -0.9999, 0.9999, 10, 1e-8);
    phi = [best.x];
  } else if (p === 2) {
    const x0 = arToUnconstrained(start.length === 2 && arIsStationary(start) ? start : [0, 0]);
    const f = (x: Float64Array): number => objective(arFromUnconstrained(x));
    if (!Number.isFinite(f(Float64Array.from(x0)))) x0.fill(0);
    const result = minimize(f, x0, { tolerance: 1e-9, maxIterations: 300, initialStep: [0.1, 0.1], restarts: 1 });
    phi = arFromUnconstrained(result.x);
  }
  const solved = glsAt(products, v, w, k, phi, index);
  if (!solved) return undefined;
  const sigma2 = Math.max(solved.sse, floor) / N;
  const logLik = -0.5 * (N * Math.log(2 * Math.PI * sigma2) + N + solved.logDet);
  const npar = k + (fixed ? 0 : p) + 1;
  return { phi, beta: solved.beta, factor: solved.factor, sigma2, logLik, npar, ...informationCriteria(logLik, npar, N) };
}

// ---------------------------------------------------------------------------------------------
// KPSS (d selection)
// ---------------------------------------------------------------------------------------------

/**
 * KPSS level-stationarity statistic (Kwiatkowski et al. 1992; R `urca::ur.kpss(type = "mu")`):
 * η = Σ S_t² / (n² σ̂²), S_t partial sums of the demeaned series, σ̂² the Bartlett-weighted
 * long-run variance with `lags` lags (default trunc(3√n/13), `forecast::ndiffs`).
 */
export function kpssStatistic(x: ArrayLike<number>, lags = Math.trunc((3 * Math.sqrt(x.length)) / 13)): number {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i]!;
  mean /= n;
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) e[i] = x[i]! - mean;
  let partial = 0;
  let eta = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    partial += e[i]!;
    eta += partial * partial;
    s2 += e[i]! * e[i]!;
  }
  s2 /= n;
  for (let lag = 1; lag <= lags; lag++) {
    let sum = 0;
    for (let i = lag; i < n; i++) sum += e[i]! * e[i - lag]!;
    s2 += (2 / n) * (1 - lag / (lags + 1)) * sum;
  }
  return s2 > 0 ? eta / (n * n) / s2 : 0;
}

/** 5 % critical value of the KPSS level test (Kwiatkowski et al. 1992, Table 1; urca `cval`). */
export const KPSS_CRITICAL_5 = 0.463;

// ---------------------------------------------------------------------------------------------
// The method
// ---------------------------------------------------------------------------------------------

export interface HarmonicRegressionOptions {
  /** Number of periods to forecast, ≥ 1. */
  horizon: number;
  /** Seasonal periods in data periods, e.g. [365.25/7] weekly, [7, 365.25] daily, [12] monthly. Each > 1. */
  periods: number[];
  /** Fixed K per period (no K search). */
  harmonics?: number[];
  /** Largest K per period searched (default min(⌊m/2⌋, 26)); also capped by the data (n − d ≥ npar + 3). */
  maxHarmonics?: number[];
  /** Fixed d (default: KPSS test). */
  differences?: 0 | 1;
  /** Fixed AR order (default: AICc over 0, 1, 2). */
  arOrder?: 0 | 1 | 2;
  /** Fixed drift (d = 1) / linear trend (d = 0) choice (default: AICc). */
  trend?: boolean;
  /** How many of the best CSS candidates are refitted by exact ML (default {@link DHR_ML_REFITS}; 1 is ~40 % faster). */
  mlRefits?: number;
  /** Add the estimation variance of β to `forecastVariance` and the sample paths (default true; R's predict does not). */
  parameterUncertainty?: boolean;
}

/** The {@link ModelFit} of a DHR, with the chosen specification and the error-only variance (as R's predict). */
export interface HarmonicFit extends ModelFit {
  spec: HarmonicSpec;
  /** σ²Σψ_j²: the h-step variance of the ARIMA error part alone (R `predict.Arima` se²). */
  errorVariance: number[];
  /** Regression coefficients in the reported scale (trend/drift per period), named as `parameters` without `beta.`. */
  coefficients: Record<string, number>;
  fromOrigin: (origin: number, horizon: number) => number[];
  minOrigin: number;
}

/** Every K vector of the grid 1 … max per period (the last period varies fastest). */
function harmonicGrid(maxima: readonly number[]): number[][] {
  let grid: number[][] = [[]];
  for (const max of maxima) {
    const next: number[][] = [];
    for (const prefix of grid) for (let K = 1; K <= max; K++) next.push([...prefix, K]);
    grid = next;
  }
  return grid;
}

/** Column indices of a K vector inside the max design's Fourier columns (by frequency and kind). */
function subsetIndex(maxColumns: readonly FourierColumn[], offset: number, columns: readonly FourierColumn[]): number[] {
  const position = new Map<string, number>();
  maxColumns.forEach((c, i) => position.set(`${c.frequency}|${c.kind}`, offset + i));
  return columns.map((c) => position.get(`${c.frequency}|${c.kind}`)!);
}

/**
 * The forecast at origin `origin` (the model has seen fitted-space rows [0, N0)) as a + Cβ: runs
 * the AR recursion of the errors forward, returns the level-space point forecasts and, per h, the
 * derivative c_h of the forecast in β (for the parameter-uncertainty term).
 */
function forecastPath(
  design: Design,
  beta: Float64Array,
  phi: readonly number[],
  lastErrors: readonly number[],
  lastErrorRows: Float64Array,
  lastLevel: number,
  originTime: number,
  horizon: number,
  withDerivative: boolean,
): { mean: number[]; derivative: Float64Array[] } {
  const k = design.k;
  const p = phi.length;
  const future = fitRows(design, originTime + 1, horizon);
  // errors[j] = η_{origin−1−j} (most recent first); derivative rows likewise (∂η/∂β = −w).
  const errors = lastErrors.slice();
  const errorRows: Float64Array[] = [];
  for (let j = 0; j < p; j++) errorRows.push(lastErrorRows.subarray(j * k, (j + 1) * k).map((x) => -x));
  const mean: number[] = [];
  const derivative: Float64Array[] = [];
  let level = lastLevel;
  const cumulative = new Float64Array(k);
  for (let h = 0; h < horizon; h++) {
    let eta = 0;
    for (let i = 0; i < p; i++) eta += phi[i]! * errors[i]!;
    let regression = 0;
    for (let c = 0; c < k; c++) regression += future[h * k + c]! * beta[c]!;
    const step = regression + eta;
    errors.unshift(eta);
    errors.length = p;
    let row: Float64Array | undefined;
    if (withDerivative) {
      row = new Float64Array(k);
      for (let i = 0; i < p; i++) for (let c = 0; c < k; c++) row[c] = row[c]! + phi[i]! * errorRows[i]![c]!;
      errorRows.unshift(row.slice());
      errorRows.length = p;
      for (let c = 0; c < k; c++) row[c] = row[c]! + future[h * k + c]!;
    }
    if (design.spec.differences === 0) {
      mean.push(step);
      if (row) derivative.push(row);
    } else {
      level += step;
      mean.push(level);
      if (row) {
        for (let c = 0; c < k; c++) cumulative[c] = cumulative[c]! + row[c]!;
        derivative.push(cumulative.slice());
      }
    }
  }
  return { mean, derivative };
}

/** Most recent p errors η (fitted space, newest first) and their regressor rows, for rows [0, N0). */
function lastErrorsOf(v: Float64Array, w: Float64Array, k: number, beta: Float64Array, N0: number, p: number): { errors: number[]; rows: Float64Array } {
  const errors: number[] = [];
  const rows = new Float64Array(p * k);
  for (let j = 0; j < p; j++) {
    const t = N0 - 1 - j;
    let value = v[t]!;
    for (let c = 0; c < k; c++) value -= w[t * k + c]! * beta[c]!;
    errors.push(value);
    rows.set(w.subarray(t * k, (t + 1) * k), j * k);
  }
  return { errors, rows };
}

/** Smallest history the model needs: one full longest period, and N − d ≥ npar + 3. */
function minimumLength(design: Design): number {
  const longest = Math.max(...design.spec.periods);
  const npar = design.k + design.spec.arOrder + 1;
  return Math.max(roundHalfEven(longest), npar + 3 + design.spec.differences, design.spec.arOrder + design.spec.differences + 1);
}

function assertPeriods(periods: readonly number[]): void {
  if (periods.length === 0) throw new RangeError('periods must list at least one seasonal period');
  periods.forEach((m, j) => {
    if (!Number.isFinite(m) || m < 2) throw new RangeError(`periods[${j}] must be a number ≥ 2, got ${m}`);
  });
}

/**
 * Dynamic harmonic regression forecasts (FPP3 §10.5, §12.1; R `auto.arima(y, xreg = fourier(y, K),
 * seasonal = FALSE)` with the simplifications listed in the file header): K per period, d, the AR
 * order and the constant/trend chosen by AICc (unless given), exact ML estimates, analytical
 * variances and correlated sample paths, and `fromOrigin` for rolling-origin evaluation (the
 * regression refitted on each prefix with the orders and φ fixed).
 *
 * Throws RangeError when the history is shorter than one longest period or too short for the
 * smallest model, or has missing values.
 * @example harmonicRegressionForecast(weekly104, { horizon: 13, periods: [365.25 / 7] }).method // e.g. 'DHR(K=4, ARIMA(1,0,0) errors)'
 */
export function harmonicRegressionForecast(y: HistoryValues, options: HarmonicRegressionOptions): HarmonicFit {
  const { horizon, periods } = options;
  assertHorizon(horizon);
  assertPeriods(periods);
  const values = historyToFloat64(y);
  const n = values.length;
  for (let t = 0; t < n; t++) if (Number.isNaN(values[t]!)) throw new RangeError(`harmonic regression needs a gap-free history (interpolate missing periods first); y[${t}] is missing`);
  const longest = Math.max(...periods);
  if (n < roundHalfEven(longest)) throw new RangeError(`harmonic regression needs at least one full period of ${roundHalfEven(longest)} observations, got ${n}`);
  if (options.harmonics && options.harmonics.length !== periods.length) throw new RangeError('harmonics must give one K per period');
  if (options.maxHarmonics && options.maxHarmonics.length !== periods.length) throw new RangeError('maxHarmonics must give one K per period');

  const cache: FourierCache = { length: n, columns: new Map() };
  const chosen = chooseSpec(values, options, cache);
  return fitSpec(values, chosen.spec, horizon, options.parameterUncertainty ?? true, chosen.fit, cache);
}

/** The search: d by KPSS, then (K, p, constant/trend) by CSS AICc, the best refitted by exact ML. */
function chooseSpec(values: Float64Array, options: HarmonicRegressionOptions, cache: FourierCache): { spec: HarmonicSpec; fit?: MlFit } {
  const { periods } = options;
  const n = values.length;
  const last = periods.length - 1;
  const maxima = periods.map((m, j) => {
    const cap = options.harmonics ? options.harmonics[j]! : Math.min(Math.floor(m / 2), options.maxHarmonics?.[j] ?? DHR_DEFAULT_MAX_HARMONICS);
    if (!Number.isInteger(cap) || cap < 1) throw new RangeError(`${options.harmonics ? 'harmonics' : 'maxHarmonics'}[${j}] must be an integer ≥ 1, got ${cap}`);
    if (2 * cap > m) throw new RangeError(`harmonics[${j}] = ${cap} must not be greater than period/2 = ${m / 2}`);
    return cap;
  });
  // K of every period but the last: a grid; K of the last period: nested (leading blocks of one factor).
  const outerGrid = options.harmonics ? [options.harmonics.slice(0, last)] : harmonicGrid(maxima.slice(0, last));
  const lastValues = options.harmonics ? [options.harmonics[last]!] : Array.from({ length: maxima[last]! }, (_, i) => i + 1);
  const arOrders: (0 | 1 | 2)[] = options.arOrder === undefined ? [0, 1, 2] : [options.arOrder];
  const trends: boolean[] = options.trend === undefined ? [false, true] : [options.trend];

  interface Candidate {
    spec: HarmonicSpec;
    aicc: number;
    phi: number[];
  }
  const prepare = (differences: 0 | 1, lags: 0 | 2) => {
    const maxSpec: HarmonicSpec = { periods, harmonics: maxima, differences, arOrder: 0, constant: true, trend: differences === 0 };
    const design = makeDesign(maxSpec, n, cache);
    const v = fitSeries(values, differences);
    const w = fitRows(design, firstFitTime(differences), v.length);
    const start = Math.min(2, v.length);
    const products = laggedProducts(v, w, design.k, start, lags);
    const offset = design.deterministic.length;
    // One nested block per (outer K, trend): its column index and the block size of each last-period K.
    const blocks = outerGrid.flatMap((outer) =>
      trends.map((trend) => {
        const deterministicIndex = differences === 0 ? (trend ? [0, 1] : [0]) : trend ? [0] : [];
        const blockColumns = fourierColumns(periods, [...outer, lastValues[lastValues.length - 1]!]);
        const fourierIndex = subsetIndex(design.fourier, offset, blockColumns);
        // The columns of [...outer, K] are those of [...outer, K_max] with a last-period harmonic ≤ K (duplicates only drop later terms).
        const sizes = lastValues.map((K) => deterministicIndex.length + blockColumns.filter((c) => c.periodIndex < last || c.harmonic <= K).length);
        return { outer, trend, index: [...deterministicIndex, ...fourierIndex], sizes };
      }),
    );
    return { differences, design, v, w, products, nStar: v.length - start, floor: sseFloor(v), blocks };
  };
  type Prepared = ReturnType<typeof prepare>;
  const specOf = (prepared: Prepared, outer: readonly number[], K: number, trend: boolean, p: 0 | 1 | 2): HarmonicSpec => ({
    periods,
    harmonics: [...outer, K],
    differences: prepared.differences,
    arOrder: p,
    constant: prepared.differences === 1 ? trend : true,
    trend: prepared.differences === 0 && trend,
  });
  /** For one block and AR order: φ by Cochrane–Orcutt on the current best K (twice), then the nested scores. */
  const scoreBlock = (prepared: Prepared, block: Prepared['blocks'][number], p: 0 | 1 | 2): Candidate[] => {
    let phi: number[] = [];
    let scores = nestedScores(prepared.products, block.index, block.sizes, phi, prepared.nStar, prepared.floor);
    for (let iteration = 0; iteration < (p === 0 ? 0 : 3); iteration++) {
      let best = 0;
      scores.aicc.forEach((value, i) => {
        if (value < scores.aicc[best]!) best = i;
      });
      if (!Number.isFinite(scores.aicc[best]!)) return [];
      const size = block.sizes[best]!;
      phi = residualAr(prepared.products, block.index.slice(0, size), scores.beta(size), p);
      scores = nestedScores(prepared.products, block.index, block.sizes, phi, prepared.nStar, prepared.floor);
    }
    return lastValues.flatMap((K, i) => (Number.isFinite(scores.aicc[i]!) ? [{ spec: specOf(prepared, block.outer, K, block.trend, p), aicc: scores.aicc[i]!, phi }] : []));
  };

  let differences = options.differences;
  if (differences === undefined) {
    // KPSS on the residuals of the white-noise-error regression with its AICc-best K (as auto.arima: lm(y ~ xreg)).
    // Lag-0 sums only: the AR search below needs lags 1 and 2 of the chosen d.
    const level = prepare(0, 0);
    let best: { block: Prepared['blocks'][number]; size: number; aicc: number } | undefined;
    for (const block of level.blocks) {
      if (block.trend) continue;
      const scores = nestedScores(level.products, block.index, block.sizes, [], level.nStar, level.floor);
      scores.aicc.forEach((aicc, i) => {
        if (Number.isFinite(aicc) && (!best || aicc < best.aicc)) best = { block, size: block.sizes[i]!, aicc };
      });
    }
    if (!best) throw new RangeError(`harmonic regression: the history of ${n} observations is too short for the smallest model`);
    const chosen = best as { block: Prepared['blocks'][number]; size: number };
    const K = level.design.k;
    const index = chosen.block.index.slice(0, chosen.size);
    const k = index.length;
    const subset = new Float64Array(n * k);
    for (let t = 0; t < n; t++) for (let c = 0; c < k; c++) subset[t * k + c] = level.w[t * K + index[c]!]!;
    const olsProducts = laggedProducts(level.v, subset, k, 0, 0);
    const all = Array.from({ length: k }, (_, i) => i);
    const eq = filteredNormalEquations(olsProducts, all, []);
    const solved = solveNormal(eq.g, eq.rhs, eq.vv, k);
    let stationary = true;
    if (solved) {
      const residuals = new Float64Array(n);
      let spread = 0;
      let scale = 0;
      for (let t = 0; t < n; t++) {
        let value = values[t]!;
        for (let c = 0; c < k; c++) value -= subset[t * k + c]! * solved.beta[c]!;
        residuals[t] = value;
        spread = Math.max(spread, Math.abs(value));
        scale = Math.max(scale, Math.abs(values[t]!));
      }
      stationary = spread <= 1e-10 * scale || kpssStatistic(residuals) <= KPSS_CRITICAL_5;
    }
    differences = stationary ? 0 : 1;
  }
  const search = prepare(differences, 2);
  const candidates: Candidate[] = [];
  for (const block of search.blocks) for (const p of arOrders) candidates.push(...scoreBlock(search, block, p));
  candidates.sort((x, y) => x.aicc - y.aicc);
  if (candidates.length === 0) throw new RangeError(`harmonic regression: the history of ${n} observations is too short for the smallest model (d = ${differences})`);
  // Exact ML refit of the best few; lowest exact AICc wins.
  let best: { spec: HarmonicSpec; fit?: MlFit } = { spec: candidates[0]!.spec };
  let bestAicc = Number.POSITIVE_INFINITY;
  const refits = options.mlRefits ?? DHR_ML_REFITS;
  if (!Number.isInteger(refits) || refits < 1) throw new RangeError(`mlRefits must be an integer ≥ 1, got ${refits}`);
  for (const candidate of candidates.slice(0, refits)) {
    const design = makeDesign(candidate.spec, n, cache);
    const w = fitRows(design, firstFitTime(differences), search.v.length);
    const fit = fitExact(search.v, w, design.k, candidate.spec.arOrder, candidate.phi, search.floor);
    if (fit && fit.aicc < bestAicc) {
      bestAicc = fit.aicc;
      best = { spec: candidate.spec, fit };
    }
  }
  return best;
}

/**
 * Fits one fully specified DHR by exact ML and returns its {@link HarmonicFit} (what R
 * `Arima(y, order = c(p, d, 0), xreg = fourier(y, K), include.drift = …)` fits).
 */
export function fitHarmonicSpec(y: HistoryValues, spec: HarmonicSpec, horizon: number, parameterUncertainty = true): HarmonicFit {
  assertHorizon(horizon);
  assertPeriods(spec.periods);
  const values = historyToFloat64(y);
  for (let t = 0; t < values.length; t++) if (Number.isNaN(values[t]!)) throw new RangeError(`harmonic regression needs a gap-free history; y[${t}] is missing`);
  return fitSpec(values, spec, horizon, parameterUncertainty);
}

function fitSpec(values: Float64Array, spec: HarmonicSpec, horizon: number, parameterUncertainty: boolean, precomputed?: MlFit, cache?: FourierCache): HarmonicFit {
  const n = values.length;
  const design = makeDesign(spec, n, cache);
  const minimum = minimumLength(design);
  if (n < minimum) throw new RangeError(`harmonic regression with K = ${spec.harmonics.join(',')} and ARIMA(${spec.arOrder},${spec.differences},0) errors needs at least ${minimum} observations, got ${n}`);
  const k = design.k;
  const p = spec.arOrder;
  const d = spec.differences;
  const v = fitSeries(values, d);
  const N = v.length;
  const w = fitRows(design, firstFitTime(d), N);
  const floor = sseFloor(v);
  if (spec.ar && (spec.ar.length !== p || !arIsStationary(spec.ar))) throw new RangeError(`ar must give ${p} stationary AR coefficient(s), got [${spec.ar.join(', ')}]`);
  const fit = precomputed ?? fitExact(v, w, k, p, spec.ar ?? cochraneOrcuttStart(v, w, k, p), floor, spec.ar);
  if (!fit) throw new RangeError('harmonic regression: the regressors are collinear on this history (singular GLS matrix)');
  const { phi, beta, factor } = fit;
  // σ² as R `forecast::Arima` reports and uses it for its intervals: Σ(standardised innovations)²/(n* − npar + 1).
  const sigma2 = (fit.sigma2 * N) / Math.max(1, N - fit.npar + 1);

  // Errors η and innovations ε: the Kalman innovations of the exact likelihood, standardised as R `arima`
  // does for the first p rows (t = 0 predicted by 0 with variance γ₀σ², t = 1 of an AR(2) by ρ₁η₀ with γ₀(1 − ρ₁²)σ²).
  const gamma0 = p === 0 ? 1 : p === 1 ? 1 / (1 - phi[0]! * phi[0]!) : (1 - phi[1]!) / ((1 + phi[1]!) * ((1 - phi[1]!) ** 2 - phi[0]! ** 2));
  const rho1 = p === 2 ? phi[0]! / (1 - phi[1]!) : 0;
  const eta = new Float64Array(N);
  for (let t = 0; t < N; t++) {
    let value = v[t]!;
    for (let c = 0; c < k; c++) value -= w[t * k + c]! * beta[c]!;
    eta[t] = value;
  }
  const fitted = new Array<number>(n).fill(Number.NaN);
  const residuals = new Array<number>(n).fill(Number.NaN);
  for (let t = 0; t < N; t++) {
    let prediction = 0;
    let scale = 1;
    if (t >= p) for (let i = 0; i < p; i++) prediction += phi[i]! * eta[t - 1 - i]!;
    else if (t === 0) scale = Math.sqrt(gamma0);
    else {
      prediction = rho1 * eta[0]!;
      scale = Math.sqrt(gamma0 * (1 - rho1 * rho1));
    }
    const innovation = (eta[t]! - prediction) / scale;
    residuals[t + d] = innovation;
    fitted[t + d] = values[t + d]! - innovation;
  }

  const last = lastErrorsOf(v, w, k, beta, N, p);
  const path = forecastPath(design, beta, phi, last.errors, last.rows, values[n - 1]!, n, horizon, true);
  const psi = arimaPsiWeights(phi, d, horizon);
  const errorVariance: number[] = [];
  const forecastVariance: number[] = [];
  let cumulative = 0;
  const scratch = new Float64Array(k);
  for (let h = 0; h < horizon; h++) {
    cumulative += psi[h]! * psi[h]!;
    errorVariance.push(sigma2 * cumulative);
    scratch.set(path.derivative[h]!);
    forwardSolve(factor, k, scratch);
    let quadratic = 0;
    for (let c = 0; c < k; c++) quadratic += scratch[c]! * scratch[c]!;
    forecastVariance.push(sigma2 * cumulative + (parameterUncertainty ? sigma2 * quadratic : 0));
  }

  const coefficients: Record<string, number> = {};
  design.labels.forEach((label, c) => {
    coefficients[label] = label === 'trend' || label === 'drift' ? beta[c]! / design.timeScale : beta[c]!;
  });
  const parameters: Record<string, number> = { d, p };
  spec.harmonics.forEach((K, j) => (parameters[`K${j + 1}`] = K));
  phi.forEach((value, i) => (parameters[`ar${i + 1}`] = value));
  for (const [label, value] of Object.entries(coefficients)) parameters[`beta.${label}`] = value;

  const simulate = (count: number, random: Random): number[][] => {
    const sigma = Math.sqrt(sigma2);
    const paths: number[][] = [];
    const z = new Float64Array(k);
    for (let s = 0; s < count; s++) {
      // δ = σ L⁻ᵀ z ~ N(0, σ²(X̃ᵀX̃)⁻¹)
      for (let c = 0; c < k; c++) z[c] = parameterUncertainty ? sigma * normalDeviate(random) : 0;
      if (parameterUncertainty) backSolve(factor, k, z);
      const errors = new Array<number>(p).fill(0);
      let level = 0;
      const out = new Array<number>(horizon);
      for (let h = 0; h < horizon; h++) {
        let e = sigma * normalDeviate(random);
        for (let i = 0; i < p; i++) e += phi[i]! * errors[i]!;
        if (p > 0) {
          errors.unshift(e);
          errors.length = p;
        }
        level = d === 1 ? level + e : e;
        let shift = 0;
        const derivative = path.derivative[h]!;
        for (let c = 0; c < k; c++) shift += derivative[c]! * z[c]!;
        out[h] = path.mean[h]! + level + shift;
      }
      paths.push(out);
    }
    return paths;
  };

  const minOrigin = minimumLength(design);
  // fromOrigin: the φ-filtered rows (Prais–Winsten head rows, then w_t − Σφᵢw_{t−i}) of the full fit are also
  // those of every prefix (the filter only looks back), so the prefix normal equations are running sums of
  // outer products; a cache moves them to each requested origin by adding or removing rows.
  const filtered = new Float64Array(N * k);
  const filteredV = new Float64Array(N);
  {
    const { inverse } = stationaryInverse(phi);
    // Upper Cholesky R of V_p⁻¹ (RᵀR = V_p⁻¹): head rows R·w_{0:p}.
    const head: number[][] = p === 0 ? [] : p === 1 ? [[Math.sqrt(inverse[0]!)]] : (() => {
      const r11 = Math.sqrt(inverse[0]!);
      const r12 = inverse[1]! / r11;
      return [[r11, r12], [0, Math.sqrt(inverse[3]! - r12 * r12)]];
    })();
    for (let t = 0; t < N; t++) {
      if (t < p) {
        for (let s2 = 0; s2 < p; s2++) {
          const weight = head[t]![s2]!;
          filteredV[t] = filteredV[t]! + weight * v[s2]!;
          for (let c = 0; c < k; c++) filtered[t * k + c] = filtered[t * k + c]! + weight * w[s2 * k + c]!;
        }
      } else {
        let value = v[t]!;
        for (let i = 0; i < p; i++) value -= phi[i]! * v[t - 1 - i]!;
        filteredV[t] = value;
        for (let c = 0; c < k; c++) {
          let x = w[t * k + c]!;
          for (let i = 0; i < p; i++) x -= phi[i]! * w[(t - 1 - i) * k + c]!;
          filtered[t * k + c] = x;
        }
      }
    }
  }
  const prefix = { rows: 0, g: new Float64Array(k * k), rhs: new Float64Array(k) };
  const moveCache = (rows: number): void => {
    if (rows < prefix.rows && prefix.rows - rows > rows) {
      prefix.rows = 0;
      prefix.g.fill(0);
      prefix.rhs.fill(0);
    }
    const [from, to] = rows >= prefix.rows ? [prefix.rows, rows] : [rows, prefix.rows];
    const direction = rows >= prefix.rows ? 1 : -1;
    for (let t = from; t < to; t++) {
      const row = t * k;
      for (let r = 0; r < k; r++) {
        const x = direction * filtered[row + r]!;
        for (let c = 0; c < k; c++) prefix.g[r * k + c] = prefix.g[r * k + c]! + x * filtered[row + c]!;
        prefix.rhs[r] = prefix.rhs[r]! + x * filteredV[t]!;
      }
    }
    prefix.rows = rows;
  };
  const fromOrigin = (origin: number, originHorizon: number): number[] => {
    assertHorizon(originHorizon);
    if (!Number.isInteger(origin) || origin < minOrigin || origin > n) throw new RangeError(`fromOrigin: origin must be an integer in [${minOrigin}, ${n}], got ${origin}`);
    const N0 = origin - d;
    moveCache(N0);
    const g = prefix.g.slice();
    const beta = prefix.rhs.slice();
    if (!choleskyInPlace(g, k)) throw new RangeError(`fromOrigin: the regression is singular on the first ${origin} observations`);
    forwardSolve(g, k, beta);
    backSolve(g, k, beta);
    const prefixLast = lastErrorsOf(v, w, k, beta, N0, p);
    return forecastPath(design, beta, phi, prefixLast.errors, prefixLast.rows, values[origin - 1]!, origin, originHorizon, false).mean;
  };

  const label = `DHR(K=${spec.harmonics.join(',')}, ARIMA(${p},${d},0)${d === 1 && spec.constant ? ' with drift' : ''}${d === 0 && spec.trend ? ' with trend' : ''} errors)`;
  return {
    method: label,
    spec,
    fitted,
    residuals,
    forecast: path.mean,
    forecastVariance,
    errorVariance,
    simulate,
    parameters,
    coefficients,
    states: {
      initial: {},
      final: { errors: last.errors.slice(), ...(d === 1 ? { level: values[n - 1]! } : {}) },
    },
    sigma2,
    logLik: fit.logLik,
    aic: fit.aic,
    aicc: fit.aicc,
    bic: fit.bic,
    parameterCount: fit.npar,
    fromOrigin,
    minOrigin,
  };
}
