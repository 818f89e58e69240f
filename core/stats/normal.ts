/**
 * Standard normal distribution: density, distribution function, quantile and the first-order
 * loss function, in float64.
 *
 * Sources:
 * - W. J. Cody, "Rational Chebyshev approximations for the error function", Mathematics of
 *   Computation 23 (1969) 631–637, coefficients as in Netlib SPECFUN `CALERF` (1990 revision).
 *   Relative error below 1e-15 for erfc over the whole double range.
 * - M. J. Wichura, "Algorithm AS 241: The percentage points of the normal distribution",
 *   Applied Statistics 37 (1988) 477–484 (`PPND16`, relative accuracy about 1e-16).
 * - Loss function G(z) = φ(z) − z·(1 − Φ(z)) = E[(Z − z)⁺]: Silver, Pyke & Thomas, *Inventory and
 *   Production Management in Supply Chains*, 4th ed. (2017), §6.7 and Appendix III.
 */

const SQRT_2PI = Math.sqrt(2 * Math.PI);
const INV_SQRT_PI = 0.56418958354775628695; // 1/√π

// Cody (1969), erf on |x| ≤ 0.46875.
const ERF_A = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153] as const;
const ERF_B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062] as const;
// Cody (1969), erfc on 0.46875 < x ≤ 4.
const ERFC_C = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909,
  1712.04761263407058, 2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8,
] as const;
const ERFC_D = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963,
  4362.61909014324716, 3439.36767414372164, 1230.33935480374942,
] as const;
// Cody (1969), erfc on x > 4.
const ERFC_P = [
  0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766, 6.58749161529837803e-4,
  0.0163153871373020978,
] as const;
const ERFC_Q = [2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185] as const;

/** exp(−y²) computed as exp(−a²)·exp(−(y−a)(y+a)) with a = y rounded down to 1/16 (Cody's trick against cancellation). */
function expMinusSquare(y: number): number {
  const a = Math.trunc(y * 16) / 16;
  return Math.exp(-a * a) * Math.exp(-(y - a) * (y + a));
}

/**
 * Scaled complementary error function for y ≥ 0.46875: returns R(y) with erfc(y) = exp(−y²)·R(y)
 * (i.e. erfcx(y)), Cody (1969) second and third intervals.
 */
function erfcxPositive(y: number): number {
  if (y <= 4) {
    let num = ERFC_C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + ERFC_C[i]!) * y;
      den = (den + ERFC_D[i]!) * y;
    }
    return (num + ERFC_C[7]) / (den + ERFC_D[7]);
  }
  const ysq = 1 / (y * y);
  let num = ERFC_P[5] * ysq;
  let den = ysq;
  for (let i = 0; i < 4; i++) {
    num = (num + ERFC_P[i]!) * ysq;
    den = (den + ERFC_Q[i]!) * ysq;
  }
  const r = (ysq * (num + ERFC_P[4])) / (den + ERFC_Q[4]);
  return (INV_SQRT_PI - r) / y;
}

/** erf(x) for |x| ≤ 0.46875 (Cody 1969, first interval). */
function erfSmall(x: number): number {
  const ysq = x * x;
  let num = ERF_A[4] * ysq;
  let den = ysq;
  for (let i = 0; i < 3; i++) {
    num = (num + ERF_A[i]!) * ysq;
    den = (den + ERF_B[i]!) * ysq;
  }
  return (x * (num + ERF_A[3])) / (den + ERF_B[3]);
}

/**
 * Complementary error function erfc(x) = (2/√π)∫ₓ^∞ e^(−t²) dt.
 * @example erfc(1) // 0.15729920705028513
 */
export function erfc(x: number): number {
  const y = Math.abs(x);
  let upper: number; // erfc(|x|)
  if (y <= 0.46875) return 1 - erfSmall(x);
  if (y >= 26.543) upper = 0;
  else upper = expMinusSquare(y) * erfcxPositive(y);
  return x < 0 ? 2 - upper : upper;
}

/** Standard normal density φ(z) = e^(−z²/2)/√(2π). @example normalPdf(0) // 0.3989422804014327 */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT_2PI;
}

/** Standard normal distribution function Φ(z) = erfc(−z/√2)/2. @example normalCdf(1.96) // 0.9750021048517795 */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Upper tail 1 − Φ(z) without cancellation. @example normalSurvival(5) // 2.866515718791939e-7 */
export function normalSurvival(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

// Wichura (1988) AS 241 PPND16 coefficients.
const PPND_A = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457,
  67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
] as const;
const PPND_B = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061,
  28729.085735721942674, 5226.495278852854561,
] as const;
const PPND_C = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258,
  0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
] as const;
const PPND_D = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
] as const;
const PPND_E = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093,
  0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
] as const;
const PPND_F = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
] as const;

function ratio(num: readonly number[], den: readonly number[], r: number): number {
  let n = 0;
  let d = 0;
  for (let i = num.length - 1; i >= 0; i--) {
    n = n * r + num[i]!;
    d = d * r + den[i]!;
  }
  return n / d;
}

/**
 * Standard normal quantile Φ⁻¹(p) (Wichura AS 241). Returns ±Infinity at p = 0 or 1 and NaN
 * outside [0, 1]; callers bound p before calling.
 * @example normalQuantile(0.975) // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) return q * ratio(PPND_A, PPND_B, 0.180625 - q * q);
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const value = r <= 5 ? ratio(PPND_C, PPND_D, r - 1.6) : ratio(PPND_E, PPND_F, r - 5);
  return q < 0 ? -value : value;
}

/**
 * Standard normal first-order loss function G(z) = E[(Z − z)⁺] = φ(z) − z·(1 − Φ(z)).
 * For z > 0.46875·√2 it is evaluated as φ(z)·(1 − z·M(z)), M the Mills ratio from Cody's scaled
 * erfc, which keeps relative accuracy in the upper tail (Silver, Pyke & Thomas 2017, §6.7).
 * @example normalLoss(0) // 0.3989422804014327
 */
export function normalLoss(z: number): number {
  const y = z / Math.SQRT2;
  if (y > 0.46875) {
    if (y >= 26.543) return 0;
    // Mills ratio M(z) = (1 − Φ(z))/φ(z) = √(π/2)·erfcx(z/√2)
    const mills = Math.sqrt(Math.PI / 2) * erfcxPositive(y);
    return normalPdf(z) * (1 - z * mills);
  }
  return normalPdf(z) - z * normalSurvival(z);
}

/**
 * Inverse of the loss function: the z with G(z) = target, for target > 0. G is strictly
 * decreasing with G'(z) = −(1 − Φ(z)), so Newton's method from a bracketed start converges;
 * bisection guards each step. Accuracy: |G(z) − target| ≤ 1e-14·target, or z to 1e-15 relative.
 * @example normalLossInverse(0.3989422804014327) // 0 (to 1e-12)
 */
export function normalLossInverse(target: number): number {
  if (!(target > 0) || !Number.isFinite(target)) return Number.NaN;
  // Bracket: G(z) ≥ −z for all z, and G(z) ≤ φ(z)/z² … so search outward.
  let lo = -Math.max(1, target) - 1;
  let hi = 1;
  while (normalLoss(hi) > target) hi *= 2;
  while (normalLoss(lo) < target) lo *= 2;
  let z = target < 0.3989422804014327 ? Math.min(hi, Math.sqrt(-2 * Math.log(target * SQRT_2PI))) : -target;
  if (!(z > lo && z < hi)) z = (lo + hi) / 2;
  for (let i = 0; i < 200; i++) {
    const g = normalLoss(z) - target;
    if (Math.abs(g) <= 1e-14 * target) return z;
    if (g > 0) lo = z;
    else hi = z;
    const slope = -normalSurvival(z);
    let next = slope !== 0 ? z - g / slope : Number.NaN;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (next === z || hi - lo <= 1e-15 * Math.max(1, Math.abs(z))) return next;
    z = next;
  }
  return z;
}
