/**
 * Poisson distribution with mean λ: probability mass, distribution function, upper tail, quantile
 * and first-order loss function E[(D − k)⁺].
 *
 * Sources: mass in Loader's saddle-point form (see gamma.ts); F(k) = Q(k + 1, λ) and
 * P(D > k) = P(k + 1, λ), the regularized incomplete gamma identities (Abramowitz & Stegun 6.5.13 /
 * 26.4.21); loss E[(D − k)⁺] = λ·P(D ≥ k) − k·P(D > k) (Zipkin, *Foundations of Inventory
 * Management* (2000), §6.2.2, using k·p(k) = λ·p(k − 1)).
 */
import { poissonTerm, regularizedGamma } from './gamma.js';

/** P(D = k). @example poissonPmf(2, 3) // 0.22404180765538775 */
export function poissonPmf(k: number, mean: number): number {
  if (k < 0 || !Number.isInteger(k)) return 0;
  return poissonTerm(k, mean);
}

/** P(D ≤ k). @example poissonCdf(2, 3) // 0.42319008112684364 */
export function poissonCdf(k: number, mean: number): number {
  if (k < 0) return 0;
  if (mean === 0) return 1;
  return regularizedGamma(Math.floor(k) + 1, mean).upper;
}

/** P(D > k), computed without cancellation. */
export function poissonSurvival(k: number, mean: number): number {
  if (k < 0) return 1;
  if (mean === 0) return 0;
  return regularizedGamma(Math.floor(k) + 1, mean).lower;
}

/** Smallest integer k with P(D ≤ k) ≥ p, for p in [0, 1). @example poissonQuantile(0.5, 3) // 3 */
export function poissonQuantile(p: number, mean: number): number {
  if (mean === 0 || p <= 0) return 0;
  // Start near the normal approximation, then walk to the exact answer.
  const sd = Math.sqrt(mean);
  let k = Math.max(0, Math.floor(mean + sd * approxZ(p)));
  if (poissonCdf(k, mean) >= p) {
    while (k > 0 && poissonCdf(k - 1, mean) >= p) k--;
    return k;
  }
  while (poissonCdf(k, mean) < p) k++;
  return k;
}

/** E[(D − k)⁺] = λ·P(D ≥ k) − k·P(D > k) for integer k ≥ 0. @example poissonLoss(0, 3) // 3 */
export function poissonLoss(k: number, mean: number): number {
  if (k <= 0) return mean - k;
  const value = mean * poissonSurvival(k - 1, mean) - k * poissonSurvival(k, mean);
  return Math.max(0, value);
}

/** Rough quantile of the standard normal for a starting point (any z is safe; only speed depends on it). */
function approxZ(p: number): number {
  const t = Math.sqrt(-2 * Math.log(Math.min(p, 1 - p)));
  const z = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
  return p < 0.5 ? -z : z;
}
