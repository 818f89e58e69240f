/**
 * Derivative-free minimisation: a bounded Nelder–Mead simplex search.
 *
 * Sources:
 * - J. A. Nelder & R. Mead, "A simplex method for function minimization", *Computer Journal* 7
 *   (1965) 308–313: reflection (coefficient ρ = 1), expansion (χ = 2), contraction (γ = ½) and
 *   shrink steps.
 * - J. C. Nash, *Compact Numerical Methods for Computers*, 2nd ed. (1990), Algorithm 19, as
 *   implemented in R's `nmmin` (src/appl/optim.c), which `forecast::ets` calls through
 *   `etsNelderMead`. This file follows that implementation step for step (initial simplex from one
 *   step size 0.1·max|x₀ᵢ|, the order of the reflection / expansion / contraction / shrink tests,
 *   the convergence test on function values `f_high ≤ f_low + tol·(|f(x₀)| + tol)`, and the count
 *   of function evaluations against `maxit`), so that ETS estimates follow the same path as R's.
 * - J. C. Lagarias, J. A. Reeds, M. H. Wright & P. E. Wright, "Convergence properties of the
 *   Nelder–Mead simplex method in low dimensions", *SIAM J. Optim.* 9 (1998) 112–147: the
 *   standard coefficients and the (lack of) convergence guarantees; bound handling by projection
 *   (`clamp`) is the usual practical variant.
 *
 * Bounds are handled as R's `ets` does: a trial point outside the box (or where the objective is
 * not finite) gets the value 1e35 (R's `big`), so the simplex retreats from it (`penalty`, the
 * default); or the trial point is projected onto the box before it is evaluated (`clamp`).
 *
 * Deterministic: the same function and start give the same result; no randomness, no clock.
 */

/** Value given to infeasible or non-finite trial points (R `optim.c`: `big = 1.0e+35`). */
export const NELDER_MEAD_PENALTY = 1.0e35;

export interface MinimizeOptions {
  /** Lower bound of each coordinate (−∞ where absent). */
  lower?: ArrayLike<number>;
  /** Upper bound of each coordinate (+∞ where absent). */
  upper?: ArrayLike<number>;
  /** Largest number of function evaluations, as R's `maxit` for Nelder–Mead (default 2000). */
  maxIterations?: number;
  /**
   * Relative convergence tolerance on function values (R's `reltol`, default √ε ≈ 1.49e-8): stop
   * when f_high − f_low ≤ tolerance·(|f(x₀)| + tolerance).
   */
  tolerance?: number;
  /** Stop as soon as f_low ≤ this value (R's `abstol`, default −∞). */
  absoluteTolerance?: number;
  /** How bounds are enforced: `penalty` (infeasible points score 1e35, as R's ets) or `clamp` (project onto the box). */
  boundsHandling?: 'penalty' | 'clamp';
  /**
   * Initial simplex step: one number for all coordinates (default, as R: 0.1·max|x₀ᵢ|, or 0.1 if
   * x₀ = 0), or one signed step per coordinate (vertex j = x₀ + stepⱼ·eⱼ), which suits mixed scales.
   */
  initialStep?: number | ArrayLike<number>;
  /**
   * Restarts after convergence (default 0, as R): the search is started again from the best point
   * with a fresh simplex, until a restart improves f by no more than the tolerance or the budget of
   * `maxIterations` evaluations (shared by all restarts) is spent. Restarting guards against the
   * premature collapse of the simplex (Lagarias et al. 1998, §7; Nash 1990, §14.3).
   */
  restarts?: number;
  /** Reflection, contraction and expansion coefficients (default 1, 0.5, 2). */
  reflection?: number;
  contraction?: number;
  expansion?: number;
}

export interface MinimizeResult {
  /** Best point found. */
  x: number[];
  /** f at that point (1e35 if no finite value was found). */
  value: number;
  /** Number of function evaluations counted as R does (infeasible trial points count too). */
  evaluations: number;
  /** Why the search stopped. */
  reason: 'tolerance' | 'absolute-tolerance' | 'max-iterations' | 'shrink-failed' | 'zero-dimensions';
  converged: boolean;
}

/**
 * Minimises f over a box by the Nelder–Mead simplex method (Nelder & Mead 1965; Nash 1990
 * Algorithm 19 as in R's `nmmin`).
 *
 * `f` receives a scratch vector it must not keep or modify; it may return ±∞ or NaN (treated as
 * infeasible). Throws RangeError if f is not finite at x₀ (as R: "function cannot be evaluated at
 * initial parameters") or if x₀ lies outside the bounds.
 *
 * @example minimize((x) => (x[0]! - 1) ** 2 + (x[1]! + 2) ** 2, [0, 0]).x // ≈ [1, −2]
 */
export function minimize(f: (x: Float64Array) => number, x0: ArrayLike<number>, options: MinimizeOptions = {}): MinimizeResult {
  const n = x0.length;
  const lower = options.lower;
  const upper = options.upper;
  const maxit = options.maxIterations ?? 2000;
  const intol = options.tolerance ?? Math.sqrt(Number.EPSILON);
  const abstol = options.absoluteTolerance ?? Number.NEGATIVE_INFINITY;
  const clamp = options.boundsHandling === 'clamp';
  const alpha = options.reflection ?? 1;
  const bet = options.contraction ?? 0.5;
  const gamm = options.expansion ?? 2;

  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    lo[i] = lower?.[i] ?? Number.NEGATIVE_INFINITY;
    hi[i] = upper?.[i] ?? Number.POSITIVE_INFINITY;
    const xi = x0[i]!;
    if (!(xi >= lo[i]! && xi <= hi[i]!)) throw new RangeError(`minimize: x0[${i}] = ${xi} is outside [${lo[i]}, ${hi[i]}]`);
  }

  const bvec = new Float64Array(n);
  for (let i = 0; i < n; i++) bvec[i] = x0[i]!;

  /** Evaluates at bvec; infeasible or non-finite → penalty. */
  const evaluate = (): number => {
    if (clamp) {
      for (let i = 0; i < n; i++) {
        if (bvec[i]! < lo[i]!) bvec[i] = lo[i]!;
        else if (bvec[i]! > hi[i]!) bvec[i] = hi[i]!;
      }
    } else {
      for (let i = 0; i < n; i++) if (!(bvec[i]! >= lo[i]! && bvec[i]! <= hi[i]!)) return NELDER_MEAD_PENALTY;
    }
    const v = f(bvec);
    return Number.isFinite(v) ? v : NELDER_MEAD_PENALTY;
  };

  if (n === 0) {
    const v = f(bvec);
    return { x: [], value: v, evaluations: 1, reason: 'zero-dimensions', converged: true };
  }
  if (maxit <= 0) {
    return { x: Array.from(bvec), value: f(bvec), evaluations: 0, reason: 'max-iterations', converged: false };
  }

  const first = f(bvec);
  if (!Number.isFinite(first)) throw new RangeError('minimize: function cannot be evaluated at initial parameters');
  let result = nelderMeadSearch(n, bvec, first, 1, evaluate, options, maxit, intol, abstol, clamp, alpha, bet, gamm);
  for (let r = 0; r < (options.restarts ?? 0) && result.reason === 'tolerance' && result.evaluations <= maxit; r++) {
    for (let i = 0; i < n; i++) bvec[i] = result.x[i]!;
    const restarted = nelderMeadSearch(n, bvec, result.value, result.evaluations, evaluate, options, maxit, intol, abstol, clamp, alpha, bet, gamm);
    const improvement = result.value - restarted.value;
    result = restarted.value <= result.value ? restarted : { ...result, evaluations: restarted.evaluations };
    if (!(improvement > intol * (Math.abs(result.value) + intol))) break;
  }
  return result;
}

/** One Nelder–Mead run from bvec (f(bvec) = first), counting evaluations from `startCount` (R nmmin). */
function nelderMeadSearch(
  n: number,
  bvec: Float64Array,
  first: number,
  startCount: number,
  evaluate: () => number,
  options: MinimizeOptions,
  maxit: number,
  intol: number,
  abstol: number,
  clamp: boolean,
  alpha: number,
  bet: number,
  gamm: number,
): MinimizeResult {

  // Simplex: n + 2 columns of n coordinates (column n + 1 is the centroid, R's column C), values per column.
  const n1 = n + 1;
  const C = n + 2;
  const P = new Float64Array(n * C); // P[i + n*j] = coordinate i of vertex j (0-based j)
  const value = new Float64Array(C);
  let funcount = startCount;
  const convtol = intol * (Math.abs(first) + intol);
  value[0] = first;
  for (let i = 0; i < n; i++) P[i] = bvec[i]!;

  let L = 1;
  let size = 0;
  const given = options.initialStep;
  let step = 0;
  if (typeof given === 'number') step = given;
  else if (given === undefined) for (let i = 0; i < n; i++) if (0.1 * Math.abs(bvec[i]!) > step) step = 0.1 * Math.abs(bvec[i]!);
  if (step === 0) step = 0.1;
  for (let j = 2; j <= n1; j++) {
    for (let i = 0; i < n; i++) P[i + n * (j - 1)] = bvec[i]!;
    let trystep = given !== undefined && typeof given !== 'number' ? given[j - 2]! : step;
    if (trystep === 0) trystep = 0.1;
    while (P[j - 2 + n * (j - 1)] === bvec[j - 2]) {
      P[j - 2 + n * (j - 1)] = bvec[j - 2]! + trystep;
      trystep *= 10;
    }
    size += Math.abs(trystep);
  }
  let oldsize = size;
  let calcvert = true;
  let reason: MinimizeResult['reason'] = 'max-iterations';

  for (;;) {
    if (calcvert) {
      for (let j = 0; j < n1; j++) {
        if (j + 1 !== L) {
          for (let i = 0; i < n; i++) bvec[i] = P[i + n * j]!;
          const v = evaluate();
          if (clamp) for (let i = 0; i < n; i++) P[i + n * j] = bvec[i]!;
          funcount++;
          value[j] = v;
        }
      }
      calcvert = false;
    }

    let VL = value[L - 1]!;
    let VH = VL;
    let H = L;
    for (let j = 1; j <= n1; j++) {
      if (j !== L) {
        const fj = value[j - 1]!;
        if (fj < VL) {
          L = j;
          VL = fj;
        }
        if (fj > VH) {
          H = j;
          VH = fj;
        }
      }
    }

    if (VH <= VL + convtol) {
      reason = 'tolerance';
      break;
    }
    if (VL <= abstol) {
      reason = 'absolute-tolerance';
      break;
    }

    // Centroid of all vertices but the highest, stored in column C.
    for (let i = 0; i < n; i++) {
      let temp = -P[i + n * (H - 1)]!;
      for (let j = 0; j < n1; j++) temp += P[i + n * j]!;
      P[i + n * (C - 1)] = temp / n;
    }
    for (let i = 0; i < n; i++) bvec[i] = (1 + alpha) * P[i + n * (C - 1)]! - alpha * P[i + n * (H - 1)]!;
    let fv = evaluate();
    funcount++;
    const VR = fv;
    if (VR < VL) {
      // Try an expansion; column C keeps the reflected point.
      value[C - 1] = fv;
      for (let i = 0; i < n; i++) {
        const expanded = gamm * bvec[i]! + (1 - gamm) * P[i + n * (C - 1)]!;
        P[i + n * (C - 1)] = bvec[i]!;
        bvec[i] = expanded;
      }
      fv = evaluate();
      funcount++;
      if (fv < VR) {
        for (let i = 0; i < n; i++) P[i + n * (H - 1)] = bvec[i]!;
        value[H - 1] = fv;
      } else {
        for (let i = 0; i < n; i++) P[i + n * (H - 1)] = P[i + n * (C - 1)]!;
        value[H - 1] = VR;
      }
    } else {
      if (VR < VH) {
        for (let i = 0; i < n; i++) P[i + n * (H - 1)] = bvec[i]!;
        value[H - 1] = VR;
      }
      // Contraction towards the centroid.
      for (let i = 0; i < n; i++) bvec[i] = (1 - bet) * P[i + n * (H - 1)]! + bet * P[i + n * (C - 1)]!;
      fv = evaluate();
      funcount++;
      if (fv < value[H - 1]!) {
        for (let i = 0; i < n; i++) P[i + n * (H - 1)] = bvec[i]!;
        value[H - 1] = fv;
      } else if (VR >= VH) {
        // Shrink towards the lowest vertex.
        calcvert = true;
        size = 0;
        for (let j = 0; j < n1; j++) {
          if (j + 1 !== L) {
            for (let i = 0; i < n; i++) {
              P[i + n * j] = bet * (P[i + n * j]! - P[i + n * (L - 1)]!) + P[i + n * (L - 1)]!;
              size += Math.abs(P[i + n * j]! - P[i + n * (L - 1)]!);
            }
          }
        }
        if (size < oldsize) oldsize = size;
        else {
          reason = 'shrink-failed';
          break;
        }
      }
    }
    if (funcount > maxit) {
      reason = 'max-iterations';
      break;
    }
  }

  const x: number[] = [];
  for (let i = 0; i < n; i++) x.push(P[i + n * (L - 1)]!);
  return {
    x,
    value: value[L - 1]!,
    evaluations: funcount,
    reason,
    converged: reason === 'tolerance' || reason === 'absolute-tolerance',
  };
}
