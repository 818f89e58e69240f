/**
 * Safety stock and reorder point under normally distributed demand over the protection interval,
 * for a cycle service level or a fill-rate target, continuous or periodic review, with demand and
 * lead-time variability; and the evaluation of an existing (reorder point, order quantity) policy.
 *
 * Sources:
 * - Protection interval T = L + R and σ_T = √(T·σ_d² + d²·σ_L²): Silver, Pyke & Thomas,
 *   *Inventory and Production Management in Supply Chains*, 4th ed. (2017), §6.9–6.10 (eq. 6.23
 *   with lead-time variability); Chopra & Meindl, *Supply Chain Management*, 6th ed., §12.3
 *   (Example 12-6: d = 2,500/day, σ_d = 500, L = 7, s_L = 7 → σ_L = 17,550).
 * - Cycle service level: ss = Φ⁻¹(CSL)·σ_T (Chopra & Meindl Example 12-3).
 * - Fill rate: expected shortage per replenishment cycle ESC = σ_T·G(k) with G the standard normal
 *   loss function and k = ss/σ_T; fill rate β = 1 − ESC/Q (Silver, Pyke & Thomas eq. 6.19 / 6.21;
 *   Chopra & Meindl eq. 12.4–12.5). For periodic review Q is the expected demand per review, d·R.
 */
import * as z from 'zod';
import { defineCalculation, metricTable } from '../calculation.js';
import { DomainError } from '../errors.js';
import { periods, positiveQuantity, probability, provenance, quantity, crossField } from '../schema.js';
import { normalCdf, normalLoss, normalLossInverse, normalQuantile } from '../stats/normal.js';

/** Bound on a reorder point to evaluate: demand over the longest protection interval plus its tail. */
export const MAX_REORDER_POINT = 1e15;

/** Highest service level answered: above it z > 4.75 and the result only reflects the normal tail assumption. */
export const MAX_SERVICE_LEVEL = 0.999999;

export const SafetyStockInput = z
  .strictObject({
    demandMean: quantity('Mean demand per period d (units per period).'),
    demandStdDev: quantity('Standard deviation of demand per period σ_d (units per period).'),
    leadTime: periods('Mean replenishment lead time L (periods).'),
    leadTimeStdDev: periods('Standard deviation of the lead time σ_L (periods).').default(0),
    reviewPeriod: periods('Review period R (periods); 0 means continuous review.').default(0),
    serviceLevel: probability(
      `Target service level in (0, 1): the cycle service level P(no stock-out in a cycle), or the fill rate (share of demand met from stock) when serviceLevelType is fill-rate. At most ${MAX_SERVICE_LEVEL} (422 above).`,
    ).optional(),
    serviceLevelType: z.enum(['cycle', 'fill-rate']).default('cycle').meta({ description: 'What serviceLevel means.' }),
    orderQuantity: positiveQuantity(
      'Order quantity Q (units). Required for a fill-rate target in continuous review; for periodic review it defaults to d·R.',
    ).optional(),
    reorderPoint: z
      .number()
      .min(-MAX_REORDER_POINT)
      .max(MAX_REORDER_POINT)
      .meta({ description: 'Evaluate this existing reorder point (order-up-to level in periodic review) instead of sizing one from serviceLevel.' })
      .optional(),
  })
  .superRefine((input, ctx) => {
    if (input.serviceLevel === undefined && input.reorderPoint === undefined)
      ctx.addIssue({ code: 'custom', path: ['serviceLevel'], message: 'give serviceLevel (to size safety stock) or reorderPoint (to evaluate a policy)' });
    if (input.serviceLevel !== undefined && input.reorderPoint !== undefined)
      ctx.addIssue({ code: 'custom', path: ['reorderPoint'], message: 'give either serviceLevel or reorderPoint, not both' });
    if (input.leadTime + input.reviewPeriod <= 0)
      ctx.addIssue({ code: 'custom', path: ['leadTime'], message: 'leadTime + reviewPeriod must be greater than 0' });
    if (input.serviceLevelType === 'fill-rate' && input.serviceLevel !== undefined && input.reviewPeriod === 0 && input.orderQuantity === undefined)
      ctx.addIssue({ code: 'custom', path: ['orderQuantity'], message: 'orderQuantity is required for a fill-rate target under continuous review' });
  }, crossField)
  .meta({ id: 'SafetyStockInput', description: 'Demand, lead time and review period, with a service-level target or an existing reorder point.' });
export type SafetyStockInput = z.output<typeof SafetyStockInput>;

export const SafetyStockResult = z
  .strictObject({
    ...provenance,
    policy: z.enum(['continuous-review', 'periodic-review']),
    safetyStock: z.number().meta({ description: 'Safety stock ss = k·σ_T (units); negative when the target needs less than the mean.' }),
    reorderPoint: z.number().meta({ description: 'Reorder point d·T + ss (units); in periodic review this is the order-up-to level S.' }),
    z: z.number().meta({ description: 'Safety factor k = ss/σ_T (0 when σ_T = 0).' }),
    protectionInterval: z.number().meta({ description: 'T = L + R (periods).' }),
    demandOverProtectionMean: z.number().meta({ description: 'Mean demand over the protection interval d·T.' }),
    demandOverProtectionStdDev: z.number().meta({ description: 'σ_T = √(T·σ_d² + d²·σ_L²).' }),
    cycleServiceLevel: z.number().meta({ description: 'Probability of no stock-out in a replenishment cycle, Φ(k).' }),
    expectedShortagePerCycle: z.number().meta({ description: 'Expected units short per replenishment cycle, σ_T·G(k).' }),
    orderQuantity: z.number().optional().meta({ description: 'Q used for the fill rate (given, or d·R in periodic review).' }),
    fillRate: z.number().optional().meta({ description: 'Share of demand met from stock, 1 − ESC/Q (when Q is known).' }),
    cycleStock: z.number().optional().meta({ description: 'Average cycle stock Q/2 (when Q is known).' }),
    averageInventory: z.number().optional().meta({ description: 'Average on-hand inventory ≈ max(0, Q/2 + ss) (Silver, Pyke & Thomas 2017 eq. 6.7; when Q is known).' }),
  })
  .meta({ id: 'SafetyStockResult' });
export type SafetyStockResult = z.output<typeof SafetyStockResult>;

/**
 * Safety stock, reorder point and the service levels they achieve.
 * @example safetyStock({ demandMean: 2500, demandStdDev: 500, leadTime: 2, leadTimeStdDev: 0, reviewPeriod: 0,
 *   serviceLevel: 0.9, serviceLevelType: 'cycle' }).safetyStock // 906.2 (Chopra & Meindl Example 12-3)
 */
export function safetyStock(input: SafetyStockInput): SafetyStockResult {
  const { demandMean: d, demandStdDev: sd, leadTime: L, leadTimeStdDev: sL, reviewPeriod: R } = input;
  const T = L + R;
  const mean = d * T;
  // √(T·σ_d² + d²·σ_L²) without under/overflow; a σ_T in the subnormal range (< 1e-300 units) is no variability.
  const rawSigma = Math.hypot(Math.sqrt(T) * sd, d * sL);
  const sigma = rawSigma < 1e-300 ? 0 : rawSigma;
  const policy = R > 0 ? 'periodic-review' : 'continuous-review';
  const Q = input.orderQuantity ?? (R > 0 ? d * R : undefined);
  const warnings: string[] = [];

  let ss: number;
  let method: string;
  let formula: string;
  if (input.reorderPoint !== undefined) {
    ss = input.reorderPoint - mean;
    method = 'policy-evaluation';
    formula = 'ss = ROP − d·T; CSL = Φ(ss/σ_T); ESC = σ_T·G(ss/σ_T); fill rate = 1 − ESC/Q (Silver, Pyke & Thomas 2017 §6.9–6.10)';
  } else {
    const level = input.serviceLevel!;
    if (level > MAX_SERVICE_LEVEL)
      throw new DomainError(
        'safety-stock.service-level-too-close-to-one',
        `a service level of ${level} asks for more than ${MAX_SERVICE_LEVEL}: the answer would only reflect the assumed normal tail, not your demand. Use at most ${MAX_SERVICE_LEVEL}.`,
        ['serviceLevel'],
      );
    if (input.serviceLevelType === 'cycle') {
      ss = sigma * normalQuantile(level);
      method = 'cycle-service-level';
      formula = 'ss = Φ⁻¹(CSL)·σ_T, σ_T = √(T·σ_d² + d²·σ_L²), T = L + R (Silver, Pyke & Thomas 2017 §6.9; Chopra & Meindl §12.3)';
    } else {
      // ESC target = (1 − β)·Q; solve σ_T·G(k) = ESC for k.
      const target = (1 - level) * Q!;
      const ratio = target / sigma;
      // G(k) → −k as k → −∞, so a ratio too large to represent means k = −ratio, ss = −target.
      ss = sigma === 0 ? 0 : Number.isFinite(ratio) ? sigma * normalLossInverse(ratio) : -target;
      method = 'fill-rate';
      formula = 'G(k) = (1 − β)·Q/σ_T, ss = k·σ_T, G the standard normal loss function (Silver, Pyke & Thomas 2017 eq. 6.21; Chopra & Meindl eq. 12.5)';
    }
  }

  const k = sigma > 0 ? ss / sigma : 0;
  const cycleServiceLevel = sigma > 0 ? normalCdf(k) : ss >= 0 ? 1 : 0;
  const expectedShortage = sigma > 0 ? sigma * normalLoss(k) : Math.max(0, -ss);
  if (ss < 0) warnings.push('Safety stock is negative: the target is met with less stock than the mean demand over the protection interval.');
  if (sigma === 0) warnings.push('Demand over the protection interval has no variability: no safety stock is needed.');

  const result: SafetyStockResult = {
    method,
    formula,
    warnings,
    policy,
    safetyStock: ss,
    reorderPoint: mean + ss,
    z: k,
    protectionInterval: T,
    demandOverProtectionMean: mean,
    demandOverProtectionStdDev: sigma,
    cycleServiceLevel,
    expectedShortagePerCycle: expectedShortage,
  };
  if (Q !== undefined && Q > 0) {
    result.orderQuantity = Q;
    result.fillRate = Math.max(0, 1 - expectedShortage / Q);
    result.cycleStock = Q / 2;
    result.averageInventory = Math.max(0, Q / 2 + ss);
  }
  return result;
}

export const safetyStockCalculation = defineCalculation({
  name: 'safety-stock',
  summary: 'Safety stock and reorder point',
  description:
    'Safety stock for a cycle service level or fill rate, with demand and lead-time variability, continuous (R = 0) or periodic review; or the service levels an existing reorder point achieves.',
  input: SafetyStockInput,
  result: SafetyStockResult,
  compute: safetyStock,
  primary: 'safetyStock',
  table: metricTable,
  example: { demandMean: 2500, demandStdDev: 500, leadTime: 7, leadTimeStdDev: 7, serviceLevel: 0.9 },
});
