/**
 * STL and MSTL seasonal-trend decomposition by loess, and the STL + ETS forecast of R
 * `forecast::stlf` / `forecast(mstl(y))`.
 *
 * Sources:
 * - R. B. Cleveland, W. S. Cleveland, J. E. McRae & I. Terpenning, "STL: a seasonal-trend
 *   decomposition procedure based on loess", *J. Official Statistics* 6 (1990) 3–73, here "CCMT":
 *   the inner loop (§2.2: step 1 detrending, step 2 cycle-subseries smoothing by loess, step 3
 *   low-pass filtering of the smoothed cycle-subseries — moving averages of lengths n_p, n_p, 3
 *   then a loess of window n_l —, step 4 detrending of the low-pass, step 5 deseasonalising,
 *   step 6 trend smoothing by loess), the outer robustness loop (§2.3: weights
 *   B(|R_v|/(6·median|R|)), B the bisquare), the loess tricube weights and local linear or constant
 *   fits (§2.1; W. S. Cleveland, "Robust locally weighted regression and smoothing scatterplots",
 *   JASA 74 (1979) 829–836) and the "jump" speed-up (§2.5: loess at every n_jump-th point, linear
 *   interpolation between). Implemented as the authors' Fortran `stl.f` (netlib, as shipped in R
 *   `stats`: `stl`, `stlstp`, `stlss`, `stlfts`, `stlma`, `stless`, `stlest`, `stlrwt`) step for
 *   step, with R `stats::stl`'s argument names and defaults, and R's `periodic` post-processing
 *   (the seasonal replaced by its mean at each cycle position).
 * - K. Bandara, R. J. Hyndman & C. Bergmeir, "MSTL: a seasonal-trend decomposition algorithm for
 *   time series with multiple seasonal patterns", arXiv 2107.13462 (2021), and R
 *   `forecast::mstl`: STL applied to each period in increasing order on the series with the other
 *   seasonal components removed, `iterate` times; the trend of the last STL.
 * - R. J. Hyndman & G. Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed. (2021),
 *   §3.6 (STL) and §12.1 (MSTL, forecasting a decomposition); R `forecast::forecast.stl` /
 *   `stlf`: the seasonally adjusted series is forecast by a non-seasonal ETS model
 *   (`ets(model = "ZZN")`), each seasonal component by seasonal naive of its last cycle, and the
 *   prediction intervals are those of the adjusted series shifted by the seasonal forecast (the
 *   seasonal component is treated as known).
 *
 * Where we differ from R:
 * - The history must have at least 2·p observations for each (integer) period p; R's `stl` stops
 *   unless n > 2p and `mstl` drops (with a warning) the periods with p ≥ n/2. The
 *   algorithm itself is defined for n = 2p (every cycle-subseries then has two points), and a
 *   seller with exactly two years of weekly history is the case this module is for.
 * - Non-integer periods (52.18 weeks, 365.25 days): as R, the cycle-subseries length is the
 *   integer part of the period (R `stl` passes `as.integer(frequency)` to the Fortran code), the
 *   default trend and low-pass windows use the real period (R computes them from `frequency(x)`),
 *   the two-season rule uses the integer part, and the seasonal forecast repeats the last
 *   ⌊p⌋ values of the component (R `forecast.stl`'s `seq_len(mp)`). For 52.18 and 365.25 the
 *   integer part equals the rounded period.
 * - Of R's Box–Cox transformations (`lambda`) only the log (λ = 0, `transform: 'log'`), with the
 *   exact lognormal mean as the forecast (R's `biasadj` approximates it).
 * - Speed only (R's figures still agree to 1e-10 of the series' scale, see the tests): without robustness weights, the loess weights of a
 *   symmetric interior window depend only on the offsets, so they are computed once per smoothing
 *   pass and every interior fit is one dot product (the Fortran recomputes them at every point).
 * - The robustness weights use stl.f's own partial sort for the median, reproduced as is: for even n
 *   it is asked for positions (n/2 + 1, n/2) in decreasing order, and then does not always return
 *   the (n/2)-th order statistic (on `nottem` from the 12th robustness pass on), so R's "6·median"
 *   differs slightly from the exact one; ported so `robust: true` equals R's numbers.
 */
import { autoEts, etsAnalyticForecast, etsLabel, etsRecursion, etsSamplePath, type AutoEtsOptions, type EtsFit, type EtsParameters, type EtsSpec, type EtsStates } from './ets.js';
import { assertHorizon, type HistoryValues } from './simple.js';
import { normalDeviate } from '../stats/random.js';
import type { ModelFit, Random } from './types.js';

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

/** Loess degree: 0 (locally constant) or 1 (locally linear), as R `stl`'s `*.degree`. */
export type LoessDegree = 0 | 1;

/** Options of {@link stl}, named as R `stats::stl`'s arguments (`s.window` → `sWindow`, …). */
export interface StlOptions {
  /**
   * Seasonal loess window (odd, ≥ 3; an even value is raised by one, as the Fortran code does), or
   * `'periodic'`: R's s.window = 10n + 1 with s.degree 0, then the seasonal replaced by its mean at
   * each cycle position. R has no default; we use 7 (the default of statsmodels' STL).
   */
  sWindow?: number | 'periodic';
  /** Seasonal loess degree (R default 0). */
  sDegree?: LoessDegree;
  /** Trend loess window (R default nextodd(⌈1.5p/(1 − 1.5/s.window)⌉)). */
  tWindow?: number;
  /** Trend loess degree (R default 1). */
  tDegree?: LoessDegree;
  /** Low-pass loess window (R default nextodd(p)). */
  lWindow?: number;
  /** Low-pass loess degree (R default t.degree). */
  lDegree?: LoessDegree;
  /** Loess evaluated at every jump-th point, linear in between (R defaults ⌈window/10⌉). */
  sJump?: number;
  tJump?: number;
  lJump?: number;
  /** Robustness iterations (R default false). */
  robust?: boolean;
  /** Inner loop passes (R default 2, or 1 when robust). */
  inner?: number;
  /** Outer (robustness) loop passes (R default 0, or 15 when robust). */
  outer?: number;
}

/** The parameters the decomposition used, after R's defaults and the Fortran code's adjustments. */
export interface StlSettings {
  /** The period as given (may be non-integer). */
  period: number;
  /** Cycle-subseries length: the integer part of the period. */
  cycleLength: number;
  sWindow: number;
  periodic: boolean;
  sDegree: LoessDegree;
  tWindow: number;
  tDegree: LoessDegree;
  lWindow: number;
  lDegree: LoessDegree;
  sJump: number;
  tJump: number;
  lJump: number;
  inner: number;
  outer: number;
}

export interface StlDecomposition {
  seasonal: Float64Array;
  trend: Float64Array;
  /** y − seasonal − trend. */
  remainder: Float64Array;
  /** Robustness weights of the last outer pass (all 1 without the outer loop), as R's `weights`. */
  weights: Float64Array;
  settings: StlSettings;
}

// ---------------------------------------------------------------------------------------------
// The Fortran stl.f, ported (positions are 1-based inside the loess routines, as in the original,
// so the weights are computed from the same numbers)
// ---------------------------------------------------------------------------------------------

/**
 * Loess fit at position xs from y[nleft..nright] (1-based) — `stlest`: tricube weights
 * (1 − (|j − xs|/h)³)³ with h = max(xs − nleft, nright − xs) (+ ⌊(len − n)/2⌋ when the window is
 * longer than the series), times the robustness weights, normalised; for degree 1 the weights are
 * tilted to a local linear fit unless the points are too concentrated (√c ≤ 0.001·(n − 1)).
 * Returns NaN when every weight is 0 (the Fortran's `ok = .false.`). `w` is scratch of length ≥ n.
 */
function loessEstimate(
  y: Float64Array,
  n: number,
  len: number,
  degree: number,
  xs: number,
  nleft: number,
  nright: number,
  w: Float64Array,
  robustnessWeights: Float64Array | null,
): number {
  if (!loessWeights(n, len, degree, xs, nleft, nright, w, robustnessWeights)) return Number.NaN;
  let ys = 0;
  for (let j = nleft; j <= nright; j++) ys += w[j - 1]! * y[j - 1]!;
  return ys;
}

/** The weights of `loessEstimate` into w[nleft − 1 .. nright − 1]; false when they are all 0. */
function loessWeights(n: number, len: number, degree: number, xs: number, nleft: number, nright: number, w: Float64Array, robustnessWeights: Float64Array | null): boolean {
  const range = n - 1;
  let h = Math.max(xs - nleft, nright - xs);
  if (len > n) h += Math.floor((len - n) / 2);
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  let a = 0;
  for (let j = nleft; j <= nright; j++) {
    let wj = 0;
    const r = Math.abs(j - xs);
    if (r <= h9) {
      if (r <= h1) wj = 1;
      else {
        const q = r / h;
        const c = 1 - q * q * q;
        wj = c * c * c;
      }
      if (robustnessWeights !== null) wj *= robustnessWeights[j - 1]!;
      a += wj;
    }
    w[j - 1] = wj;
  }
  if (a <= 0) return false;
  for (let j = nleft; j <= nright; j++) w[j - 1] = w[j - 1]! / a;
  if (h > 0 && degree > 0) {
    let centre = 0;
    for (let j = nleft; j <= nright; j++) centre += w[j - 1]! * j;
    let b = xs - centre;
    let c = 0;
    for (let j = nleft; j <= nright; j++) c += w[j - 1]! * (j - centre) * (j - centre);
    if (Math.sqrt(c) > 0.001 * range) {
      b /= c;
      for (let j = nleft; j <= nright; j++) w[j - 1] = w[j - 1]! * (b * (j - centre) + 1);
    }
  }
  return true;
}

/** ys[ysOffset + i − 1] = the loess fit at i, or y[i − 1] where it is undefined (stless's `if (.not. ok) ys(i) = y(i)`). */
function smoothAt(y: Float64Array, n: number, len: number, degree: number, i: number, nleft: number, nright: number, w: Float64Array, rw: Float64Array | null, ys: Float64Array, ysOffset: number, kernel: Float64Array | null): void {
  if (kernel !== null && i - nleft === nright - i) {
    // Interior point without robustness weights: the weights depend only on the offsets j − i.
    let value = 0;
    for (let j = nleft, k = 0; j <= nright; j++, k++) value += kernel[k]! * y[j - 1]!;
    ys[ysOffset + i - 1] = value;
    return;
  }
  const value = loessEstimate(y, n, len, degree, i, nleft, nright, w, rw);
  ys[ysOffset + i - 1] = Number.isNaN(value) ? y[i - 1]! : value;
}

/**
 * The loess weights of a symmetric interior window (xs − nleft = nright − xs = (len − 1)/2, no
 * robustness weights), computed once per smoothing pass: every interior fit is then one dot product.
 * Null when the window covers the series (no interior point) or robustness weights are in use.
 */
function interiorKernel(n: number, len: number, degree: number, rw: Float64Array | null, kernel: Float64Array): Float64Array | null {
  if (rw !== null || len >= n) return null;
  const half = (len + 1) >> 1;
  return loessWeights(n, len, degree, half, 1, len, kernel, null) ? kernel : null;
}

/**
 * Loess smoothing of y[0..n) with window len, evaluated at every jump-th point and linearly
 * interpolated in between — `stless`. Writes ys[ysOffset .. ysOffset + n). `w` is scratch.
 */
function loessSmooth(
  y: Float64Array,
  n: number,
  len: number,
  degree: number,
  jump: number,
  robustnessWeights: Float64Array | null,
  ys: Float64Array,
  ysOffset: number,
  w: Float64Array,
  kernelScratch: Float64Array,
): void {
  if (n < 2) {
    ys[ysOffset] = y[0]!;
    return;
  }
  const newJump = Math.min(jump, n - 1);
  const kernel = interiorKernel(n, len, degree, robustnessWeights, kernelScratch);
  let nleft = 1;
  let nright = n;
  if (len >= n) {
    nleft = 1;
    nright = n;
    for (let i = 1; i <= n; i += newJump) smoothAt(y, n, len, degree, i, nleft, nright, w, robustnessWeights, ys, ysOffset, kernel);
  } else if (newJump === 1) {
    const half = (len + 1) >> 1;
    nleft = 1;
    nright = len;
    for (let i = 1; i <= n; i++) {
      if (i > half && nright !== n) {
        nleft++;
        nright++;
      }
      smoothAt(y, n, len, degree, i, nleft, nright, w, robustnessWeights, ys, ysOffset, kernel);
    }
  } else {
    const half = (len + 1) >> 1;
    for (let i = 1; i <= n; i += newJump) {
      if (i < half) {
        nleft = 1;
        nright = len;
      } else if (i >= n - half + 1) {
        nleft = n - len + 1;
        nright = n;
      } else {
        nleft = i - half + 1;
        nright = len + i - half;
      }
      smoothAt(y, n, len, degree, i, nleft, nright, w, robustnessWeights, ys, ysOffset, kernel);
    }
  }
  if (newJump !== 1) {
    for (let i = 1; i <= n - newJump; i += newJump) {
      const start = ys[ysOffset + i - 1]!;
      const delta = (ys[ysOffset + i + newJump - 1]! - start) / newJump;
      for (let j = i + 1; j <= i + newJump - 1; j++) ys[ysOffset + j - 1] = start + delta * (j - i);
    }
    const k = Math.floor((n - 1) / newJump) * newJump + 1;
    if (k !== n) {
      smoothAt(y, n, len, degree, n, nleft, nright, w, robustnessWeights, ys, ysOffset, kernel);
      if (k !== n - 1) {
        const start = ys[ysOffset + k - 1]!;
        const delta = (ys[ysOffset + n - 1]! - start) / (n - k);
        for (let j = k + 1; j <= n - 1; j++) ys[ysOffset + j - 1] = start + delta * (j - k);
      }
    }
  }
}

/** Moving average of length len over x[0..n), n − len + 1 values — `stlma` (a running sum, as the Fortran). */
function movingAverage(x: Float64Array, n: number, len: number, out: Float64Array): void {
  const count = n - len + 1;
  let v = 0;
  for (let i = 0; i < len; i++) v += x[i]!;
  out[0] = v / len;
  for (let j = 1, k = len, m = 0; j < count; j++, k++, m++) {
    v = v - x[m]! + x[k]!;
    out[j] = v / len;
  }
}

/** Scratch arrays of one decomposition, allocated once (the Fortran's `work(n + 2np, 5)`). */
interface StlWork {
  detrended: Float64Array;
  cycle: Float64Array;
  lowPass: Float64Array;
  scratchA: Float64Array;
  scratchB: Float64Array;
  subseries: Float64Array;
  subseriesWeights: Float64Array;
  subseriesSmooth: Float64Array;
  loessWeights: Float64Array;
  /** Interior loess weights of the current smoothing pass (see `interiorKernel`). */
  kernel: Float64Array;
}

/**
 * Cycle-subseries smoothing — `stlss`: each of the np subseries (positions j, j + np, …) is smoothed
 * by loess (window ns) and extended by one value before and after, giving the (n + 2np)-long C.
 */
function smoothCycleSubseries(y: Float64Array, n: number, np: number, ns: number, degree: number, jump: number, rw: Float64Array | null, cycle: Float64Array, work: StlWork): void {
  const sub = work.subseries;
  const subWeights = work.subseriesWeights;
  const smooth = work.subseriesSmooth;
  const w = work.loessWeights;
  for (let j = 1; j <= np; j++) {
    const k = Math.floor((n - j) / np) + 1;
    for (let i = 0; i < k; i++) sub[i] = y[i * np + j - 1]!;
    if (rw !== null) for (let i = 0; i < k; i++) subWeights[i] = rw[i * np + j - 1]!;
    const weights = rw !== null ? subWeights : null;
    loessSmooth(sub, k, ns, degree, jump, weights, smooth, 1, w, work.kernel);
    const before = loessEstimate(sub, k, ns, degree, 0, 1, Math.min(ns, k), w, weights);
    smooth[0] = Number.isNaN(before) ? smooth[1]! : before;
    const after = loessEstimate(sub, k, ns, degree, k + 1, Math.max(1, k - ns + 1), k, w, weights);
    smooth[k + 1] = Number.isNaN(after) ? smooth[k]! : after;
    for (let m = 0; m < k + 2; m++) cycle[m * np + j - 1] = smooth[m]!;
  }
}

/**
 * The partial sort of stl.f (`psort`, Singleton's quicksort with ACM Algorithm 347's index
 * pruning): rearranges a[0..n) so that the 1-based positions in `ind` hold their order
 * statistics — when `ind` is increasing. `stlrwt` passes (n/2 + 1, n/2) for even n, a decreasing
 * pair, and then the second position is not always the (n/2)-th order statistic; ported as is so
 * the robustness weights (and the decomposition) equal R's.
 */
function partialSort(a: Float64Array, n: number, ind: readonly number[]): void {
  const ni = ind.length;
  if (n < 2 || ni === 0) return;
  const size = 64;
  const il = new Int32Array(size);
  const iu = new Int32Array(size);
  const indl = new Int32Array(size);
  const indu = new Int32Array(size);
  let jl = 1;
  let ju = ni;
  indl[1] = 1;
  indu[1] = ni;
  let i = 1;
  let j = n;
  let m = 1;
  let k = 0;
  let l = 0;
  let t = 0;
  let state: 'outer' | 'pop' | 'while' | 'partition' | 'insertion' = 'outer';
  for (;;) {
    switch (state) {
      case 'outer':
        state = i < j ? 'partition' : 'pop';
        break;
      case 'pop':
        m--;
        if (m === 0) return;
        i = il[m]!;
        j = iu[m]!;
        jl = indl[m]!;
        ju = indu[m]!;
        state = jl <= ju ? 'while' : 'pop';
        break;
      case 'while':
        state = j - i > 10 ? 'partition' : 'insertion';
        break;
      case 'partition': {
        k = i;
        const ij = (i + j) >> 1;
        t = a[ij - 1]!;
        if (a[i - 1]! > t) {
          a[ij - 1] = a[i - 1]!;
          a[i - 1] = t;
          t = a[ij - 1]!;
        }
        l = j;
        if (a[j - 1]! < t) {
          a[ij - 1] = a[j - 1]!;
          a[j - 1] = t;
          t = a[ij - 1]!;
          if (a[i - 1]! > t) {
            a[ij - 1] = a[i - 1]!;
            a[i - 1] = t;
            t = a[ij - 1]!;
          }
        }
        for (;;) {
          l--;
          if (a[l - 1]! <= t) {
            const tt = a[l - 1]!;
            do k++;
            while (!(a[k - 1]! >= t));
            if (k > l) break;
            a[l - 1] = a[k - 1]!;
            a[k - 1] = tt;
          }
        }
        indl[m] = jl;
        indu[m] = ju;
        const p = m;
        m++;
        state = 'while';
        if (l - i <= j - k) {
          il[p] = k;
          iu[p] = j;
          j = l;
          for (;;) {
            if (jl > ju) {
              state = 'pop';
              break;
            }
            if (ind[ju - 1]! > j) {
              ju--;
              continue;
            }
            indl[p] = ju + 1;
            break;
          }
        } else {
          il[p] = i;
          iu[p] = l;
          i = k;
          for (;;) {
            if (jl > ju) {
              state = 'pop';
              break;
            }
            if (ind[jl - 1]! < i) {
              jl++;
              continue;
            }
            indu[p] = jl - 1;
            break;
          }
        }
        break;
      }
      case 'insertion':
        if (i !== 1) {
          i--;
          for (;;) {
            i++;
            if (i === j) break;
            t = a[i]!;
            if (a[i - 1]! > t) {
              k = i;
              do {
                a[k] = a[k - 1]!;
                k--;
              } while (!(t >= a[k - 1]!));
              a[k] = t;
            }
          }
          state = 'pop';
        } else state = 'outer';
        break;
    }
  }
}

/**
 * Bisquare robustness weights from the residuals (CCMT §2.3; `stlrwt`):
 * w = (1 − (r/h)²)² for r ≤ 0.999h (1 for r ≤ 0.001h, 0 beyond), h = 6·median|r| taken as stl.f
 * does (3 × the sum of positions n/2 + 1 and n − n/2 after its partial sort, see `partialSort`).
 */
function robustnessWeights(y: Float64Array, fit: Float64Array, rw: Float64Array, sorted: Float64Array): void {
  const n = y.length;
  for (let i = 0; i < n; i++) sorted[i] = Math.abs(y[i]! - fit[i]!);
  const mid1 = Math.floor(n / 2) + 1;
  const mid2 = n - mid1 + 1;
  partialSort(sorted, n, [mid1, mid2]);
  const cmad = 3 * (sorted[mid1 - 1]! + sorted[mid2 - 1]!);
  const c9 = 0.999 * cmad;
  const c1 = 0.001 * cmad;
  for (let i = 0; i < n; i++) {
    const r = Math.abs(y[i]! - fit[i]!);
    if (r <= c1) rw[i] = 1;
    else if (r <= c9) {
      const q = r / cmad;
      const c = 1 - q * q;
      rw[i] = c * c;
    } else rw[i] = 0;
  }
}

/** R's `nextodd`: round (half to even, as R's `round`), then up to the next odd integer. */
function nextOdd(x: number): number {
  let r = Math.round(x);
  if (Math.abs(x % 1) === 0.5 && r % 2 !== 0) r -= 1; // R rounds halves to even
  return r % 2 === 0 ? r + 1 : r;
}

function checkDegree(value: number | undefined, fallback: LoessDegree, name: string): LoessDegree {
  const degree = value ?? fallback;
  if (degree !== 0 && degree !== 1) throw new RangeError(`${name} must be 0 or 1, got ${degree}`);
  return degree;
}

function checkWindow(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/** Integer cycle-subseries length of a period (its integer part, as R's `as.integer(frequency)`). */
export function cycleLengthOf(period: number): number {
  if (!Number.isFinite(period) || period < 2) throw new RangeError(`a seasonal period must be a number ≥ 2, got ${period}`);
  return Math.trunc(period);
}

/** R `stl`'s defaults and the Fortran's adjustments (windows odd and ≥ 3, np ≥ 2). */
function resolveSettings(n: number, period: number, options: StlOptions): StlSettings {
  const cycleLength = cycleLengthOf(period);
  const robust = options.robust ?? false;
  const periodic = options.sWindow === 'periodic';
  const sWindowGiven = options.sWindow === undefined ? 7 : periodic ? 10 * n + 1 : checkWindow(options.sWindow as number, 'sWindow');
  const sDegree = periodic ? 0 : checkDegree(options.sDegree, 0, 'sDegree');
  const tDegree = checkDegree(options.tDegree, 1, 'tDegree');
  const lDegree = checkDegree(options.lDegree, tDegree, 'lDegree');
  const tWindowGiven = options.tWindow !== undefined ? checkWindow(options.tWindow, 'tWindow') : nextOdd(Math.ceil((1.5 * period) / (1 - 1.5 / sWindowGiven)));
  const lWindowGiven = options.lWindow !== undefined ? checkWindow(options.lWindow, 'lWindow') : nextOdd(period);
  const sJump = checkWindow(options.sJump ?? Math.ceil(sWindowGiven / 10), 'sJump');
  const tJump = checkWindow(options.tJump ?? Math.ceil(tWindowGiven / 10), 'tJump');
  const lJump = checkWindow(options.lJump ?? Math.ceil(lWindowGiven / 10), 'lJump');
  const inner = options.inner ?? (robust ? 1 : 2);
  const outer = options.outer ?? (robust ? 15 : 0);
  if (!Number.isInteger(inner) || inner < 1) throw new RangeError(`inner must be an integer ≥ 1, got ${inner}`);
  if (!Number.isInteger(outer) || outer < 0) throw new RangeError(`outer must be an integer ≥ 0, got ${outer}`);
  const odd = (w: number): number => {
    const v = Math.max(3, w);
    return v % 2 === 0 ? v + 1 : v;
  };
  // A tWindow that comes out non-positive (sWindow ≤ 1.5 makes the default formula negative) is raised to 3 as in the Fortran.
  return {
    period,
    cycleLength: Math.max(2, cycleLength),
    sWindow: odd(sWindowGiven),
    periodic,
    sDegree,
    tWindow: odd(tWindowGiven),
    tDegree,
    lWindow: odd(lWindowGiven),
    lDegree,
    sJump,
    tJump,
    lJump,
    inner,
    outer,
  };
}

function finiteSeries(y: ArrayLike<number | null | undefined>, name = 'y'): Float64Array {
  const values = new Float64Array(y.length);
  for (let t = 0; t < y.length; t++) {
    const v = y[t];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`${name}[${t}] is missing or not finite (interpolate gaps first)`);
    values[t] = v;
  }
  return values;
}

/**
 * STL decomposition y = seasonal + trend + remainder (CCMT; R `stats::stl`) with period p ≥ 2
 * (non-integer allowed: the cycle-subseries length is ⌊p⌋) and n ≥ 2⌊p⌋ finite observations.
 * The inner loop, `inner` times per outer pass (CCMT §2.2, Fortran `stlstp`):
 *   1. detrend y − T; 2. smooth each cycle-subseries by loess (sWindow, sDegree), extended one
 *   cycle each side → C (n + 2p values); 3. low-pass L = loess(lWindow) of MA₃(MA_p(MA_p(C)));
 *   4. S = C[p..p+n) − L; 5. deseasonalise y − S; 6. T = loess(tWindow, tDegree) of it.
 * `outer` robustness passes re-run the inner loop with bisquare weights of the remainder.
 * With `sWindow: 'periodic'` the seasonal is then replaced by its mean at each cycle position
 * (t mod ⌊p⌋), as R does; the remainder is recomputed, the trend kept.
 * @example stl(nottem, 12, { sWindow: 7 }).seasonal[0] // −7.925187361649815 (R stl(nottem, s.window = 7): −7.92518736164982)
 */
export function stl(y: ArrayLike<number>, period: number, options: StlOptions = {}): StlDecomposition {
  const values = finiteSeries(y);
  return stlValues(values, period, options);
}

function stlValues(values: Float64Array, period: number, options: StlOptions): StlDecomposition {
  const n = values.length;
  const settings = resolveSettings(n, period, options);
  const np = settings.cycleLength;
  if (n < 2 * np) throw new RangeError(`STL with period ${period} needs at least two full cycles (${2 * np} observations), got ${n}`);
  const { sWindow: ns, tWindow: nt, lWindow: nl, sDegree, tDegree, lDegree, sJump, tJump, lJump, inner, outer } = settings;
  const longest = Math.max(n + 2 * np, 1);
  const work: StlWork = {
    detrended: new Float64Array(n),
    cycle: new Float64Array(n + 2 * np),
    lowPass: new Float64Array(n),
    scratchA: new Float64Array(n + 2 * np),
    scratchB: new Float64Array(n + 2 * np),
    subseries: new Float64Array(Math.ceil(n / np) + 2),
    subseriesWeights: new Float64Array(Math.ceil(n / np) + 2),
    subseriesSmooth: new Float64Array(Math.ceil(n / np) + 2),
    loessWeights: new Float64Array(longest),
    kernel: new Float64Array(longest),
  };
  const seasonal = new Float64Array(n);
  const trend = new Float64Array(n);
  const weights = new Float64Array(n).fill(1);
  let useWeights = false;
  for (let pass = 0; pass <= outer; pass++) {
    const rw = useWeights ? weights : null;
    for (let iteration = 0; iteration < inner; iteration++) {
      const detrended = work.detrended;
      for (let i = 0; i < n; i++) detrended[i] = values[i]! - trend[i]!;
      smoothCycleSubseries(detrended, n, np, ns, sDegree, sJump, rw, work.cycle, work);
      // Low-pass filter of C: MA_p, MA_p, MA_3 (n + 2p → n + p + 1 → n + 2 → n values), then loess.
      movingAverage(work.cycle, n + 2 * np, np, work.scratchA);
      movingAverage(work.scratchA, n + np + 1, np, work.scratchB);
      movingAverage(work.scratchB, n + 2, 3, work.scratchA);
      loessSmooth(work.scratchA, n, nl, lDegree, lJump, null, work.lowPass, 0, work.loessWeights, work.kernel);
      for (let i = 0; i < n; i++) seasonal[i] = work.cycle[np + i]! - work.lowPass[i]!;
      for (let i = 0; i < n; i++) detrended[i] = values[i]! - seasonal[i]!;
      loessSmooth(detrended, n, nt, tDegree, tJump, rw, trend, 0, work.loessWeights, work.kernel);
    }
    if (pass < outer) {
      const fit = work.scratchA;
      for (let i = 0; i < n; i++) fit[i] = trend[i]! + seasonal[i]!;
      robustnessWeights(values, fit.subarray(0, n), weights, work.scratchB.subarray(0, n));
      useWeights = true;
    }
  }
  if (outer <= 0) weights.fill(1);
  if (settings.periodic) {
    const sums = new Float64Array(np);
    const counts = new Float64Array(np);
    for (let i = 0; i < n; i++) {
      sums[i % np] = sums[i % np]! + seasonal[i]!;
      counts[i % np] = counts[i % np]! + 1;
    }
    for (let i = 0; i < n; i++) seasonal[i] = sums[i % np]! / counts[i % np]!;
  }
  const remainder = new Float64Array(n);
  for (let i = 0; i < n; i++) remainder[i] = values[i]! - seasonal[i]! - trend[i]!;
  return { seasonal, trend, remainder, weights, settings };
}

// ---------------------------------------------------------------------------------------------
// MSTL (Bandara, Hyndman & Bergmeir 2021; R forecast::mstl)
// ---------------------------------------------------------------------------------------------

export interface MstlOptions extends Omit<StlOptions, 'sWindow'> {
  /**
   * Seasonal window per period in increasing period order, or one for all (R `mstl` default
   * 7 + 4·(1, 2, …): 11 for the shortest period, 15 for the next, …).
   */
  sWindow?: number | 'periodic' | Array<number | 'periodic'>;
  /** Passes over all the periods (R default 2; one period is decomposed once, as R does for a plain `ts`). */
  iterate?: number;
}

export interface MstlDecomposition {
  /** The periods in increasing order (the order of `seasonals`). */
  periods: number[];
  /** One seasonal component per period. */
  seasonals: Float64Array[];
  /** Trend of the last STL pass. */
  trend: Float64Array;
  /** y − trend − Σ seasonals. */
  remainder: Float64Array;
  /** y − Σ seasonals (R `seasadj`). */
  seasonallyAdjusted: Float64Array;
  /** The STL settings of the last pass for each period. */
  settings: StlSettings[];
}

/** Sorted, validated periods (≥ 2, at least two integer cycles in n). */
function checkPeriods(n: number, periods: readonly number[]): number[] {
  if (periods.length === 0) throw new RangeError('at least one seasonal period is needed');
  const sorted = [...periods].sort((a, b) => a - b);
  for (const period of sorted) {
    const np = cycleLengthOf(period);
    if (n < 2 * np) throw new RangeError(`seasonal period ${period} needs at least two full cycles (${2 * np} observations), the history has ${n}`);
  }
  return sorted;
}

/**
 * MSTL (R `forecast::mstl`): with the periods sorted increasingly and every seasonal component
 * starting at 0, `iterate` times for each period p_i: add back its current seasonal component,
 * STL(p_i, sWindow_i), take its seasonal component, subtract it again. The trend is that of the
 * last STL. With one period, a single STL (R: a plain `ts` gets iterate = 1).
 * @example mstl(daily, [365.25, 7]).periods // [7, 365.25], one seasonal component each (R mstl(msts(daily, c(7, 365.25))))
 */
export function mstl(y: ArrayLike<number>, periods: readonly number[], options: MstlOptions = {}): MstlDecomposition {
  return mstlValues(finiteSeries(y), periods, options);
}

function mstlValues(values: Float64Array, periods: readonly number[], options: MstlOptions): MstlDecomposition {
  const n = values.length;
  const sorted = checkPeriods(n, periods);
  const k = sorted.length;
  const given = options.sWindow;
  const windows: Array<number | 'periodic'> = Array.isArray(given) ? given : sorted.map((_, i) => given ?? 7 + 4 * (i + 1));
  if (windows.length !== k) throw new RangeError(`sWindow has ${windows.length} values for ${k} periods`);
  const iterate = k === 1 ? 1 : Math.max(1, options.iterate ?? 2);
  if (!Number.isInteger(iterate)) throw new RangeError(`iterate must be an integer ≥ 1, got ${options.iterate}`);
  const { sWindow: _ignored, iterate: _alsoIgnored, ...stlOptions } = options;
  const seasonals = sorted.map(() => new Float64Array(n));
  const settings: StlSettings[] = new Array<StlSettings>(k);
  const deseasonalised = Float64Array.from(values);
  let trend: Float64Array = new Float64Array(n);
  for (let pass = 0; pass < iterate; pass++) {
    for (let i = 0; i < k; i++) {
      const component = seasonals[i]!;
      for (let t = 0; t < n; t++) deseasonalised[t] = deseasonalised[t]! + component[t]!;
      const fit = stlValues(deseasonalised, sorted[i]!, { ...stlOptions, sWindow: windows[i]! });
      component.set(fit.seasonal);
      for (let t = 0; t < n; t++) deseasonalised[t] = deseasonalised[t]! - component[t]!;
      trend = fit.trend;
      settings[i] = fit.settings;
    }
  }
  const remainder = new Float64Array(n);
  for (let t = 0; t < n; t++) remainder[t] = deseasonalised[t]! - trend[t]!;
  return { periods: sorted, seasonals, trend, remainder, seasonallyAdjusted: deseasonalised, settings };
}

/**
 * Seasonal naive forecast of the seasonal components (R `forecast.stl`): each component's last
 * ⌊p⌋ values repeated, summed over the components, h = 1..horizon.
 */
function seasonalNaiveOfComponents(decomposition: MstlDecomposition, horizon: number): Float64Array {
  const out = new Float64Array(horizon);
  for (let i = 0; i < decomposition.periods.length; i++) {
    const component = decomposition.seasonals[i]!;
    const n = component.length;
    const np = cycleLengthOf(decomposition.periods[i]!);
    for (let h = 0; h < horizon; h++) out[h] = out[h]! + component[n - np + (h % np)]!;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// STL + ETS forecast (R forecast::stlf / forecast(mstl(y)), method = "ets")
// ---------------------------------------------------------------------------------------------

/** An ETS model to apply without estimation (R `ets(y, model = fit, use.initial.values = TRUE)`). */
export interface FixedEtsModel {
  spec: EtsSpec;
  parameters: EtsParameters;
  initialStates: EtsStates;
}

export interface StlEtsOptions {
  horizon: number;
  /** Seasonal periods (e.g. [52.18] weekly, [7, 365.25] daily); each needs n ≥ 2⌊p⌋. */
  periods: number[];
  /** Decomposition options (R `stlf`/`mstl` defaults: sWindow 7 + 4·i, iterate 2, not robust). */
  decomposition?: MstlOptions;
  /** Options of the non-seasonal ETS selection on the adjusted series (default: autoEts's, `search: 'scaled'`). */
  etsSearch?: Omit<AutoEtsOptions, 'horizon'>;
  /** Apply this ETS model to the adjusted series instead of selecting one (no estimation). */
  ets?: FixedEtsModel;
  /**
   * `'log'`: decompose and forecast log y (a multiplicative decomposition y = Π seasonal × adjusted;
   * R `stlf(y, lambda = 0)`), y > 0 required; the ETS search is then additive only, as R's `ets`
   * with a `lambda`. Default `'none'`.
   */
  transform?: 'none' | 'log';
}

export interface StlEtsFit extends ModelFit {
  /** The decomposition of the whole history. */
  decomposition: MstlDecomposition;
  /** The ETS model of the seasonally adjusted series (its forecast, variance, states). */
  ets: FixedEtsModel;
  /** Σ seasonal naive forecasts of the components, h = 1..horizon (of log y with `transform: 'log'`). */
  seasonalForecast: number[];
  /** With `transform: 'log'`: the forecast of log y (exp of it is the median of y) and its variance. */
  logScale?: { forecast: number[]; variance: number[] };
}

/**
 * STL/MSTL + ETS forecast (R `stlf(y, method = "ets")`, `forecast(mstl(y))`; FPP3 §12.1):
 * y = Σ seasonal + adjusted; the adjusted series (y − Σ seasonal) is forecast by the AICc-selected
 * non-seasonal ETS (`autoEts(adjusted, 1)`, R `ets(model = "ZZN")`), each seasonal component by
 * seasonal naive of its last cycle, and
 *   ŷ_{n+h} = ETS_{n+h|n} + Σ_i S_i[n − ⌊p_i⌋ + ((h − 1) mod ⌊p_i⌋)],
 *   fitted_t = ETS fitted_t + Σ_i S_i[t],  Var(h) = the ETS forecast variance (seasonal known),
 * with sample paths = ETS paths + the seasonal forecast (so window sums keep their correlation).
 * `fromOrigin(t, h)` decomposes y[0..t) again and runs the ETS recursion with the parameters and
 * initial states of this fit through the adjusted prefix: no value at or after t enters the
 * seasonal estimate or the states (the smoothing parameters and initial states are those of the
 * whole history, as the ModelFit contract allows). `minOrigin` = 2⌊max p⌋.
 * With `transform: 'log'` all of this is done on z = log y (R `stlf(y, lambda = 0)`): with μ_h and
 * v_h the forecast of z and its variance (normal), the forecast of y is the lognormal mean
 * exp(μ_h + v_h/2) and its variance (e^{v_h} − 1)·e^{2μ_h + v_h} (Johnson, Kotz & Balakrishnan,
 * *Continuous Univariate Distributions* vol. 1, 2nd ed., §14.3; FPP3 §5.6 back-transformation,
 * where R's `biasadj` uses the second-order approximation e^{μ}(1 + v/2)); exp(μ_h) is the median
 * (R's point forecast without `biasadj`), fitted values exp(fitted z), sample paths exp(z paths),
 * and `fromOrigin` gives exp(μ_h + v_h/2) with v_h of this fit.
 * Throws RangeError when a value is missing (or ≤ 0 with the log), a period is < 2 or n < 2⌊p⌋.
 */
export function stlEtsForecast(y: HistoryValues, options: StlEtsOptions): StlEtsFit {
  const horizon = options.horizon;
  assertHorizon(horizon);
  const original = finiteSeries(y);
  const n = original.length;
  const logScale = options.transform === 'log';
  if (options.transform !== undefined && options.transform !== 'none' && !logScale) throw new RangeError(`transform must be 'none' or 'log', got ${String(options.transform)}`);
  if (logScale) for (let t = 0; t < n; t++) if (!(original[t]! > 0)) throw new RangeError(`transform 'log' needs values > 0, y[${t}] = ${original[t]}`);
  const values = logScale ? original.map(Math.log) : original;
  const decompositionOptions = options.decomposition ?? {};
  const decomposition = mstlValues(values, options.periods, decompositionOptions);
  const adjusted = decomposition.seasonallyAdjusted;
  const seasonalForecast = seasonalNaiveOfComponents(decomposition, horizon);

  let model: FixedEtsModel;
  let etsForecast: number[];
  let etsFitted: ArrayLike<number>;
  let forecastVariance: number[] | undefined;
  let sigma2: number;
  let information: Pick<ModelFit, 'logLik' | 'aic' | 'aicc' | 'bic' | 'parameterCount'> = {};
  let finalStates: EtsStates;
  if (options.ets !== undefined) {
    model = copyModel(options.ets);
    if (model.spec.season !== 'N') throw new RangeError('the ETS model of the seasonally adjusted series must be non-seasonal');
    const run = etsRecursion(adjusted, model.spec, model.parameters, model.initialStates, horizon);
    etsForecast = run.forecast;
    etsFitted = run.fitted;
    finalStates = run.finalStates;
    const p = 1 + (model.spec.trend !== 'N' ? 1 : 0) + (model.spec.damped ? 1 : 0);
    sigma2 = n > p ? run.sumSquaredInnovations / (n - p) : Number.NaN;
    const analytic = Number.isFinite(sigma2) ? etsAnalyticForecast(model.spec, model.parameters, finalStates, sigma2, horizon) : undefined;
    if (analytic !== undefined) {
      etsForecast = analytic.mean;
      forecastVariance = analytic.variance;
    }
  } else {
    const best: EtsFit = autoEts(adjusted, 1, { ...(options.etsSearch ?? {}), ...(logScale ? { additiveOnly: true } : {}), horizon }).best;
    model = { spec: { ...best.spec }, parameters: { ...best.smoothingParameters }, initialStates: copyStates(best.initialStates) };
    etsForecast = best.forecast;
    etsFitted = best.fitted;
    finalStates = copyStates(best.finalStates);
    forecastVariance = best.forecastVariance;
    sigma2 = best.sigma2;
    information = {
      ...(best.logLik !== undefined ? { logLik: best.logLik } : {}),
      ...(best.aic !== undefined ? { aic: best.aic } : {}),
      ...(best.aicc !== undefined ? { aicc: best.aicc } : {}),
      ...(best.bic !== undefined ? { bic: best.bic } : {}),
      ...(best.parameterCount !== undefined ? { parameterCount: best.parameterCount } : {}),
    };
  }

  const pointForecast = etsForecast.map((f, h) => f + seasonalForecast[h]!);
  let forecast = pointForecast;
  let logScaleForecast: StlEtsFit['logScale'];
  if (logScale) {
    if (forecastVariance === undefined) throw new RangeError(`${etsLabel(model.spec)} on log y has no analytic forecast variance; use an additive model`);
    const v = forecastVariance;
    logScaleForecast = { forecast: pointForecast, variance: v };
    forecast = pointForecast.map((mu, h) => Math.exp(mu + v[h]! / 2));
    forecastVariance = pointForecast.map((mu, h) => Math.expm1(v[h]!) * Math.exp(2 * mu + v[h]!));
  }
  const fitted = new Array<number>(n);
  const residuals = new Array<number>(n);
  for (let t = 0; t < n; t++) {
    const fit = etsFitted[t]! + (values[t]! - adjusted[t]!);
    fitted[t] = logScale ? Math.exp(fit) : fit;
    residuals[t] = original[t]! - fitted[t]!;
  }

  const parameters: Record<string, number> = { ...(model.parameters as unknown as Record<string, number>) };
  const finalRecord: Record<string, number | number[]> = { ...statesRecord(finalStates) };
  decomposition.periods.forEach((period, i) => {
    const s = decomposition.settings[i]!;
    parameters[`stl.${period}.sWindow`] = s.sWindow;
    parameters[`stl.${period}.tWindow`] = s.tWindow;
    parameters[`stl.${period}.lWindow`] = s.lWindow;
    const component = decomposition.seasonals[i]!;
    finalRecord[`seasonal.${period}`] = Array.from(component.subarray(n - s.cycleLength));
  });

  const frozen = copyModel(model);
  const frozenFinal = copyStates(finalStates);
  const sd = Math.sqrt(Math.max(0, sigma2));
  const simulate = (count: number, random: Random): number[][] => {
    const draws = new Float64Array(horizon);
    const paths: number[][] = [];
    for (let p = 0; p < count; p++) {
      for (let i = 0; i < horizon; i++) draws[i] = sd * normalDeviate(random);
      const path = etsSamplePath(frozen.spec, frozen.parameters, frozenFinal, draws);
      for (let i = 0; i < horizon; i++) path[i] = logScale ? Math.exp(path[i]! + seasonalForecast[i]!) : path[i]! + seasonalForecast[i]!;
      paths.push(path);
    }
    return paths;
  };

  const minOrigin = 2 * cycleLengthOf(decomposition.periods[decomposition.periods.length - 1]!);
  const fromOrigin = (origin: number, originHorizon: number): number[] => {
    if (!Number.isInteger(origin) || origin < minOrigin || origin > n) throw new RangeError(`origin must be an integer in [${minOrigin}, ${n}], got ${origin}`);
    assertHorizon(originHorizon);
    const points = stlEtsPointForecasts(values.subarray(0, origin), decomposition.periods, decompositionOptions, frozen, originHorizon);
    if (!logScale) return points;
    const v = etsAnalyticForecast(frozen.spec, frozen.parameters, frozenFinal, sigma2, originHorizon)!.variance;
    return points.map((mu, h) => Math.exp(mu + v[h]! / 2));
  };

  const label = `${decomposition.periods.length > 1 ? 'MSTL' : 'STL'}${logScale ? '(log)' : ''}+${etsLabel(model.spec)}`;
  return {
    method: label,
    fitted,
    residuals,
    forecast,
    ...(forecastVariance !== undefined ? { forecastVariance } : {}),
    simulate,
    parameters,
    states: { initial: statesRecord(model.initialStates), final: finalRecord },
    sigma2,
    ...information,
    fromOrigin,
    minOrigin,
    decomposition,
    ets: copyModel(model),
    seasonalForecast: Array.from(seasonalForecast),
    ...(logScaleForecast !== undefined ? { logScale: logScaleForecast } : {}),
  };
}

/**
 * Point forecasts of STL + a given ETS model from a history alone (what `fromOrigin` computes):
 * MSTL of `history`, the ETS recursion with the model's parameters and initial states through the
 * adjusted history, plus the seasonal naive forecast of the components.
 */
export function stlEtsPointForecasts(history: ArrayLike<number>, periods: readonly number[], decompositionOptions: MstlOptions, model: FixedEtsModel, horizon: number): number[] {
  assertHorizon(horizon);
  const values = history instanceof Float64Array ? history : finiteSeries(history, 'history');
  const decomposition = mstlValues(values, periods, decompositionOptions);
  const run = etsRecursion(decomposition.seasonallyAdjusted, model.spec, model.parameters, model.initialStates, horizon);
  const seasonal = seasonalNaiveOfComponents(decomposition, horizon);
  return run.forecast.map((f, h) => f + seasonal[h]!);
}

function copyStates(states: EtsStates): EtsStates {
  return { level: states.level, ...(states.trend !== undefined ? { trend: states.trend } : {}), ...(states.seasonal !== undefined ? { seasonal: [...states.seasonal] } : {}) };
}

function copyModel(model: FixedEtsModel): FixedEtsModel {
  return { spec: { ...model.spec }, parameters: { ...model.parameters }, initialStates: copyStates(model.initialStates) };
}

function statesRecord(states: EtsStates): Record<string, number | number[]> {
  return { level: states.level, ...(states.trend !== undefined ? { trend: states.trend } : {}) };
}
