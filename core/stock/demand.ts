/**
 * Demand distributions for single-period (newsvendor) and base-stock decisions: each exposes its
 * mean, distribution function, quantile and first-order loss function E[(D − q)⁺].
 *
 * Sources:
 * - Normal: q = μ + σ·Φ⁻¹(p), E[(D − q)⁺] = σ·G((q − μ)/σ) (Silver, Pyke & Thomas 2017, App. III).
 * - Lognormal with mean m and standard deviation s: σ² = ln(1 + s²/m²), μ = ln m − σ²/2;
 *   E[(D − q)⁺] = m·Φ((μ + σ² − ln q)/σ) − q·Φ((μ − ln q)/σ) (Johnson, Kotz & Balakrishnan,
 *   *Continuous Univariate Distributions* vol. 1, 2nd ed., ch. 14 partial expectation; Porteus,
 *   *Foundations of Stochastic Inventory Theory* (2002), §1.3).
 * - Poisson: see stats/poisson.ts.
 * - Empirical (discrete) demand: F and loss by direct summation over the support
 *   (Nahmias, *Production and Operations Analysis*, 7th ed., §5.3, discrete newsvendor).
 */
import * as z from 'zod';
import { positiveQuantity, quantity, crossField } from '../schema.js';
import { normalCdf, normalLoss, normalQuantile } from '../stats/normal.js';
import { poissonCdf, poissonLoss, poissonQuantile } from '../stats/poisson.js';

/** Largest number of samples or support points an empirical distribution may have. */
export const MAX_EMPIRICAL_POINTS = 10_000;

export const NormalDemand = z
  .strictObject({
    distribution: z.literal('normal'),
    mean: quantity('Mean demand μ (units).'),
    stdDev: quantity('Standard deviation σ (units).'),
  })
  .meta({ id: 'NormalDemand', description: 'Normally distributed demand.' });
export const LognormalDemand = z
  .strictObject({
    distribution: z.literal('lognormal'),
    mean: positiveQuantity('Mean demand m (units), > 0.'),
    stdDev: positiveQuantity('Standard deviation s (units), > 0.'),
  })
  .meta({ id: 'LognormalDemand', description: 'Lognormal demand given by its mean and standard deviation (right-skewed, never negative).' });
export const PoissonDemand = z
  .strictObject({
    distribution: z.literal('poisson'),
    mean: positiveQuantity('Mean demand λ (units), at most 1e7.').max(1e7),
  })
  .meta({ id: 'PoissonDemand', description: 'Poisson demand: slow movers and small counts.' });
export const EmpiricalDemand = z
  .strictObject({
    distribution: z.literal('empirical'),
    samples: z
      .array(quantity('An observed demand (units).'))
      .min(1)
      .max(MAX_EMPIRICAL_POINTS)
      .optional()
      .meta({ description: 'Observed demands, each equally likely (e.g. past promo outcomes or simulated scenarios).' }),
    values: z.array(quantity('A possible demand (units).')).min(1).max(MAX_EMPIRICAL_POINTS).optional().meta({ description: 'Possible demands.' }),
    probabilities: z
      .array(z.number().min(0).max(1))
      .min(1)
      .max(MAX_EMPIRICAL_POINTS)
      .optional()
      .meta({ description: 'Probability of each value; must add up to 1 (±1e-6).' }),
  })
  .superRefine((d, ctx) => {
    const hasPairs = d.values !== undefined || d.probabilities !== undefined;
    if (d.samples === undefined && !hasPairs)
      ctx.addIssue({ code: 'custom', path: ['samples'], message: 'give samples, or values with probabilities' });
    if (d.samples !== undefined && hasPairs)
      ctx.addIssue({ code: 'custom', path: ['values'], message: 'give samples or values/probabilities, not both' });
    if (d.samples === undefined && hasPairs) {
      if (d.values === undefined) ctx.addIssue({ code: 'custom', path: ['values'], message: 'values are required with probabilities' });
      else if (d.probabilities === undefined) ctx.addIssue({ code: 'custom', path: ['probabilities'], message: 'probabilities are required with values' });
      else if (d.values.length !== d.probabilities.length)
        ctx.addIssue({ code: 'custom', path: ['probabilities'], message: `expected ${d.values.length} probabilities, one per value, got ${d.probabilities.length}` });
      else {
        const total = d.probabilities.reduce((a, b) => a + b, 0);
        if (Math.abs(total - 1) > 1e-6) ctx.addIssue({ code: 'custom', path: ['probabilities'], message: `probabilities must add up to 1, they add up to ${total}` });
      }
    }
  }, crossField)
  .meta({ id: 'EmpiricalDemand', description: 'Demand given by equally likely samples, or by values and their probabilities.' });

export const Demand = z
  .discriminatedUnion('distribution', [NormalDemand, LognormalDemand, PoissonDemand, EmpiricalDemand])
  .meta({ id: 'Demand', description: 'Demand distribution over the selling season or protection interval.' });
export type Demand = z.output<typeof Demand>;

/** A demand distribution ready for calculation. */
export interface DemandDistribution {
  readonly kind: Demand['distribution'];
  readonly mean: number;
  /** Whether demand takes integer values only, so order quantities are whole units. */
  readonly discrete: boolean;
  cdf(q: number): number;
  quantile(p: number): number;
  /** E[(D − q)⁺], the expected demand above q. */
  loss(q: number): number;
}

/** Normal demand N(μ, σ²); σ = 0 (or below 1e-300, the subnormal range) is the deterministic demand μ. */
export function normalDemand(mean: number, stdDev: number): DemandDistribution {
  if (stdDev < 1e-300) return pointDemand(mean);
  return {
    kind: 'normal',
    mean,
    discrete: false,
    cdf: (q) => normalCdf((q - mean) / stdDev),
    quantile: (p) => mean + stdDev * normalQuantile(p),
    loss: (q) => stdDev * normalLoss((q - mean) / stdDev),
  };
}

function pointDemand(value: number): DemandDistribution {
  return { kind: 'normal', mean: value, discrete: false, cdf: (q) => (q >= value ? 1 : 0), quantile: () => value, loss: (q) => Math.max(0, value - q) };
}

/** Lognormal demand with mean m > 0 and standard deviation s > 0. */
export function lognormalDemand(m: number, s: number): DemandDistribution {
  const sigma2 = Math.log1p((s * s) / (m * m));
  const sigma = Math.sqrt(sigma2);
  const mu = Math.log(m) - sigma2 / 2;
  return {
    kind: 'lognormal',
    mean: m,
    discrete: false,
    cdf: (q) => (q <= 0 ? 0 : normalCdf((Math.log(q) - mu) / sigma)),
    quantile: (p) => Math.exp(mu + sigma * normalQuantile(p)),
    loss: (q) => {
      if (q <= 0) return m - q;
      const lq = Math.log(q);
      return Math.max(0, m * normalCdf((mu + sigma2 - lq) / sigma) - q * normalCdf((mu - lq) / sigma));
    },
  };
}

export function poissonDemand(mean: number): DemandDistribution {
  return {
    kind: 'poisson',
    mean,
    discrete: true,
    cdf: (q) => poissonCdf(Math.floor(q), mean),
    quantile: (p) => poissonQuantile(p, mean),
    loss: (q) => {
      // E[(D − q)⁺] is piecewise linear between integers.
      const k = Math.floor(q);
      const frac = q - k;
      const at = poissonLoss(k, mean);
      return frac === 0 ? at : at - frac * (1 - poissonCdf(k, mean));
    },
  };
}

/**
 * Discrete demand on sorted distinct values v₁ < … < vₙ with probabilities pᵢ. Prefix sums make
 * each evaluation O(log n): E[(D − q)⁺] = Σ_{vᵢ > q} pᵢ·vᵢ − q·Σ_{vᵢ > q} pᵢ.
 */
export function empiricalDemand(values: readonly number[], probabilities?: readonly number[]): DemandDistribution {
  const weight = new Map<number, number>();
  values.forEach((v, i) => weight.set(v, (weight.get(v) ?? 0) + (probabilities ? probabilities[i]! : 1 / values.length)));
  const support = [...weight.keys()].filter((v) => weight.get(v)! > 0).sort((a, b) => a - b);
  const total = support.reduce((a, v) => a + weight.get(v)!, 0);
  const cum: number[] = []; // P(D ≤ vᵢ)
  const tailMean: number[] = []; // Σ_{j ≥ i} pⱼ vⱼ
  let acc = 0;
  for (const v of support) cum.push((acc += weight.get(v)! / total));
  let tail = 0;
  for (let i = support.length - 1; i >= 0; i--) tailMean[i] = tail += (weight.get(support[i]!)! / total) * support[i]!;
  const mean = tailMean[0] ?? 0;
  /** Index of the first value strictly greater than q. */
  const firstAbove = (q: number) => {
    let lo = 0;
    let hi = support.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (support[mid]! > q) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  return {
    kind: 'empirical',
    mean,
    discrete: support.every(Number.isInteger),
    cdf: (q) => {
      const i = firstAbove(q);
      return i === 0 ? 0 : Math.min(1, cum[i - 1]!);
    },
    quantile: (p) => {
      // smallest value with F(v) ≥ p, tolerant of rounding in the cumulative sums
      const i = cum.findIndex((c) => c >= p - 1e-12);
      return support[i === -1 ? support.length - 1 : i]!;
    },
    loss: (q) => {
      const i = firstAbove(q);
      if (i >= support.length) return 0;
      const above = 1 - (i === 0 ? 0 : cum[i - 1]!);
      return Math.max(0, tailMean[i]! - q * above);
    },
  };
}

/** Builds the distribution a validated Demand describes. */
export function demandDistribution(demand: Demand): DemandDistribution {
  switch (demand.distribution) {
    case 'normal':
      return normalDemand(demand.mean, demand.stdDev);
    case 'lognormal':
      return lognormalDemand(demand.mean, demand.stdDev);
    case 'poisson':
      return poissonDemand(demand.mean);
    case 'empirical':
      return demand.samples ? empiricalDemand(demand.samples) : empiricalDemand(demand.values!, demand.probabilities!);
  }
}

/** Demand over n periods of i.i.d. per-period demand (normal: μn, σ√n; Poisson: λn). */
export function demandOverPeriods(demand: Demand, n: number): DemandDistribution {
  switch (demand.distribution) {
    case 'normal':
      return normalDemand(demand.mean * n, demand.stdDev * Math.sqrt(n));
    case 'poisson':
      return poissonDemand(demand.mean * n);
    default:
      throw new Error(`demandOverPeriods: ${demand.distribution} demand does not aggregate in closed form`);
  }
}

