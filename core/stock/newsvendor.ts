/**
 * Newsvendor (single-period) order quantity: the right model for a one-shot promo buy, where
 * whatever is left after the event is cleared at a markdown (salvage) price and whatever is missing
 * is a lost sale. Also the periodic-review base-stock level, which is the newsvendor quantile over
 * the protection interval L + R.
 *
 * Sources:
 * - Critical fractile q* = F⁻¹(c_u/(c_u + c_o)), c_u = p − c + g (price − cost + shortage penalty),
 *   c_o = c − v (cost − salvage): Nahmias, *Production and Operations Analysis*, 7th ed., §5.3;
 *   Cachon & Terwiesch, *Matching Supply with Demand*, 4th ed., ch. 14 (O'Neill Hammer 3/2 wetsuit).
 *   For discrete demand, the smallest q with F(q) ≥ c_u/(c_u + c_o) (Porteus 2002, §1.2).
 * - Expected lost sales L(q) = E[(D − q)⁺], sales = μ − L(q), leftover = q − sales, profit
 *   = p·sales + v·leftover − c·q − g·L(q) (Cachon & Terwiesch ch. 14).
 * - Base stock: S* = F⁻¹_{L+R}(b/(b + h)) with cost h·E[(S − D)⁺] + b·E[(D − S)⁺] per period
 *   (Snyder & Shen, *Fundamentals of Supply Chain Theory*, 2nd ed. (2019), §4.3 and §5.2;
 *   Zipkin 2000, §6.2). Fill rate 1 − (G_{L+R}(S) − G_L(S))/(μR) (Silver, Pyke & Thomas 2017 §6.11).
 */
import * as z from 'zod';
import { comparisonTable, defineCalculation, metricTable } from '../calculation.js';
import { DomainError } from '../errors.js';
import { MAX_LIST, money, periods, positiveMoney, probability, provenance, quantity, crossField } from '../schema.js';
import { Demand, demandDistribution, demandOverPeriods, NormalDemand, PoissonDemand, type DemandDistribution } from './demand.js';
import { MAX_SERVICE_LEVEL } from './safety-stock.js';

export const NewsvendorInput = z
  .strictObject({
    demand: Demand,
    price: positiveMoney('Selling price p per unit during the event (profit form).').optional(),
    unitCost: money('Unit cost c (purchase + landed cost per unit; profit form).').optional(),
    salvageValue: money('Value v recovered per unit left over (markdown / liquidation price, net of disposal).').default(0),
    shortagePenalty: money('Extra penalty g per unit of unmet demand beyond the lost margin (goodwill, ranking).').default(0),
    overageCost: positiveMoney('Cost form: cost c_o of each unit left over.').optional(),
    underageCost: positiveMoney('Cost form: cost c_u of each unit of demand not met.').optional(),
    quantities: z
      .array(quantity('An order quantity to evaluate (units).'))
      .max(MAX_LIST)
      .default([])
      .meta({ description: `Other order quantities to evaluate side by side with the optimum (at most ${MAX_LIST}).` }),
  })
  .superRefine((input, ctx) => {
    const profitForm = input.price !== undefined || input.unitCost !== undefined;
    const costForm = input.overageCost !== undefined || input.underageCost !== undefined;
    if (!profitForm && !costForm) ctx.addIssue({ code: 'custom', path: ['price'], message: 'give price and unitCost, or overageCost and underageCost' });
    if (profitForm && costForm) ctx.addIssue({ code: 'custom', path: ['overageCost'], message: 'give price/unitCost or overageCost/underageCost, not both' });
    if (profitForm && !costForm) {
      if (input.price === undefined) ctx.addIssue({ code: 'custom', path: ['price'], message: 'price is required with unitCost' });
      if (input.unitCost === undefined) ctx.addIssue({ code: 'custom', path: ['unitCost'], message: 'unitCost is required with price' });
    }
    if (costForm && !profitForm) {
      if (input.overageCost === undefined) ctx.addIssue({ code: 'custom', path: ['overageCost'], message: 'overageCost is required with underageCost' });
      if (input.underageCost === undefined) ctx.addIssue({ code: 'custom', path: ['underageCost'], message: 'underageCost is required with overageCost' });
    }
  }, crossField)
  .meta({ id: 'NewsvendorInput', description: 'A one-shot buy: demand distribution and either prices (profit form) or unit overage/underage costs (cost form).' });
export type NewsvendorInput = z.output<typeof NewsvendorInput>;

const QuantityOutcome = z
  .strictObject({
    quantity: z.number().meta({ description: 'Order quantity q (units).' }),
    expectedSales: z.number().meta({ description: 'E[min(D, q)].' }),
    expectedLeftover: z.number().meta({ description: 'E[(q − D)⁺], units to mark down after the event.' }),
    expectedLostSales: z.number().meta({ description: 'E[(D − q)⁺].' }),
    expectedProfit: z.number().optional().meta({ description: 'p·sales + v·leftover − c·q − g·lost (profit form only).' }),
    expectedCost: z.number().meta({ description: 'Expected mismatch cost c_o·leftover + c_u·lost.' }),
    fillRate: z.number().meta({ description: 'Expected sales ÷ mean demand.' }),
    inStockProbability: z.number().meta({ description: 'P(D ≤ q): probability of not selling out.' }),
    stockoutProbability: z.number().meta({ description: 'P(D > q).' }),
  })
  .meta({ id: 'NewsvendorOutcome' });
type QuantityOutcome = z.output<typeof QuantityOutcome>;

export const NewsvendorResult = z
  .strictObject({
    ...provenance,
    criticalRatio: z.number().meta({ description: 'c_u/(c_u + c_o): the optimal in-stock probability.' }),
    underageCost: z.number(),
    overageCost: z.number(),
    demandMean: z.number(),
    ...QuantityOutcome.shape,
    roundedQuantity: z.number().meta({ description: 'Best whole-unit order quantity (equals quantity for discrete demand).' }),
    comparisons: z.array(QuantityOutcome).meta({ description: 'The same figures for each requested quantity.' }),
  })
  .meta({ id: 'NewsvendorResult' });
export type NewsvendorResult = z.output<typeof NewsvendorResult>;

interface Economics {
  underage: number;
  overage: number;
  profit?: { price: number; unitCost: number; salvage: number; penalty: number };
}

function economics(input: NewsvendorInput): Economics {
  if (input.overageCost !== undefined && input.underageCost !== undefined)
    return { underage: input.underageCost, overage: input.overageCost };
  const price = input.price!;
  const unitCost = input.unitCost!;
  const underage = price - unitCost + input.shortagePenalty;
  const overage = unitCost - input.salvageValue;
  if (overage <= 0)
    throw new DomainError(
      'newsvendor.salvage-not-below-cost',
      `salvageValue (${input.salvageValue}) is not below unitCost (${unitCost}): every extra unit pays for itself, so there is no finite best quantity`,
      ['salvageValue'],
    );
  if (underage <= 0)
    throw new DomainError(
      'newsvendor.unprofitable',
      `price (${price}) plus shortagePenalty does not exceed unitCost (${unitCost}): every unit sold loses money, so the best quantity is 0`,
      ['price'],
    );
  return { underage, overage, profit: { price, unitCost, salvage: input.salvageValue, penalty: input.shortagePenalty } };
}

function outcome(dist: DemandDistribution, q: number, e: Economics): QuantityOutcome {
  const lost = dist.loss(q);
  const sales = Math.max(0, dist.mean - lost);
  const leftover = Math.max(0, q - sales);
  const inStock = dist.cdf(q);
  const result: QuantityOutcome = {
    quantity: q,
    expectedSales: sales,
    expectedLeftover: leftover,
    expectedLostSales: lost,
    expectedCost: e.overage * leftover + e.underage * lost,
    fillRate: dist.mean > 0 ? sales / dist.mean : 1,
    inStockProbability: inStock,
    stockoutProbability: 1 - inStock,
  };
  if (e.profit) {
    const { price, unitCost, salvage, penalty } = e.profit;
    result.expectedProfit = price * sales + salvage * leftover - unitCost * q - penalty * lost;
  }
  return result;
}

/** The whole-unit quantity next to q with the lower expected mismatch cost (cost is convex in q). */
function bestWholeUnit(dist: DemandDistribution, q: number, e: Economics): number {
  const lo = Math.max(0, Math.floor(q));
  const hi = Math.ceil(q);
  if (lo === hi) return lo;
  return outcome(dist, lo, e).expectedCost <= outcome(dist, hi, e).expectedCost ? lo : hi;
}

/**
 * Optimal single-period order quantity and its expected outcome.
 * @example newsvendor({ demand: { distribution: 'normal', mean: 3192, stdDev: 1181 }, price: 190, unitCost: 110,
 *   salvageValue: 90, shortagePenalty: 0, quantities: [] }).quantity // 4185.95 (Cachon & Terwiesch, O'Neill Hammer 3/2)
 */
export function newsvendor(input: NewsvendorInput): NewsvendorResult {
  const e = economics(input);
  const dist = demandDistribution(input.demand);
  const ratio = e.underage / (e.underage + e.overage);
  const warnings: string[] = [];
  if (dist.kind === 'normal' && dist.cdf(0) > 0.01)
    warnings.push(
      `The normal demand puts ${(100 * dist.cdf(0)).toFixed(1)}% probability on negative demand (mean under ~2.3 standard deviations): expected sales and profit are distorted. Use lognormal or Poisson demand for small or skewed volumes.`,
    );
  let q = dist.quantile(ratio);
  if (q < 0) {
    warnings.push('The optimal quantile of the normal demand is negative: ordering nothing is best. Consider a lognormal or Poisson demand for small, skewed volumes.');
    q = 0;
  }
  const rounded = dist.discrete ? q : bestWholeUnit(dist, q, e);
  const best = outcome(dist, q, e);
  return {
    method: `newsvendor-${dist.kind}`,
    formula: 'q* = F⁻¹(c_u/(c_u + c_o)), c_u = p − c + g, c_o = c − v; lost sales E[(D − q)⁺] (Nahmias §5.3; Cachon & Terwiesch ch. 14)',
    warnings,
    criticalRatio: ratio,
    underageCost: e.underage,
    overageCost: e.overage,
    demandMean: dist.mean,
    ...best,
    roundedQuantity: rounded,
    comparisons: input.quantities.map((x) => outcome(dist, x, e)),
  };
}

const TABLE_COLUMNS = ['quantity', 'expectedSales', 'expectedLeftover', 'expectedLostSales', 'expectedProfit', 'expectedCost', 'fillRate', 'inStockProbability'] as const;

export const newsvendorCalculation = defineCalculation({
  name: 'newsvendor',
  summary: 'Newsvendor quantity for a one-shot promo buy',
  description:
    'The right model for a one-shot promo buy: the order quantity that balances the margin lost on a stock-out against the markdown loss on leftovers, for normal, lognormal, Poisson or empirical demand, with expected sales, leftovers, lost sales and profit; and the same figures for any other quantity.',
  input: NewsvendorInput,
  result: NewsvendorResult,
  compute: newsvendor,
  primary: 'quantity',
  table: (result) => comparisonTable<QuantityOutcome>(TABLE_COLUMNS, result, result.comparisons),
  example: { demand: { distribution: 'normal', mean: 3192, stdDev: 1181 }, price: 190, unitCost: 110, salvageValue: 90, quantities: [3192, 4500] },
});

export const BaseStockInput = z
  .strictObject({
    demand: z.discriminatedUnion('distribution', [NormalDemand, PoissonDemand]).meta({ description: 'Demand per period (i.i.d. across periods).' }),
    leadTime: periods('Replenishment lead time L (periods).'),
    reviewPeriod: periods('Review period R (periods), > 0.').gt(0).default(1),
    holdingCost: positiveMoney('Holding cost h per unit left at the end of a period.').optional(),
    backorderCost: positiveMoney('Backorder (or lost-margin) cost b per unit short at the end of a period.').optional(),
    serviceLevel: probability('Target cycle service level instead of costs.').optional(),
  })
  .superRefine((input, ctx) => {
    const costs = input.holdingCost !== undefined || input.backorderCost !== undefined;
    if (!costs && input.serviceLevel === undefined)
      ctx.addIssue({ code: 'custom', path: ['serviceLevel'], message: 'give serviceLevel, or holdingCost and backorderCost' });
    if (costs && input.serviceLevel !== undefined)
      ctx.addIssue({ code: 'custom', path: ['serviceLevel'], message: 'give serviceLevel or costs, not both' });
    if (costs && input.serviceLevel === undefined) {
      if (input.holdingCost === undefined) ctx.addIssue({ code: 'custom', path: ['holdingCost'], message: 'holdingCost is required with backorderCost' });
      if (input.backorderCost === undefined) ctx.addIssue({ code: 'custom', path: ['backorderCost'], message: 'backorderCost is required with holdingCost' });
    }
  }, crossField)
  .meta({ id: 'BaseStockInput', description: 'Periodic-review base-stock (order-up-to) policy: demand per period, lead time, review period, and costs or a service level.' });
export type BaseStockInput = z.output<typeof BaseStockInput>;

export const BaseStockResult = z
  .strictObject({
    ...provenance,
    baseStockLevel: z.number().meta({ description: 'Order-up-to level S (units).' }),
    criticalRatio: z.number().meta({ description: 'b/(b + h), or the service level given.' }),
    protectionInterval: z.number().meta({ description: 'L + R (periods).' }),
    demandOverProtectionMean: z.number(),
    cycleServiceLevel: z.number().meta({ description: 'P(D_{L+R} ≤ S).' }),
    expectedBackorders: z.number().meta({ description: 'E[(D_{L+R} − S)⁺] at the end of a review cycle.' }),
    expectedOnHand: z.number().meta({ description: 'E[(S − D_{L+R})⁺] at the end of a review cycle.' }),
    fillRate: z.number().meta({ description: '1 − (E[(D_{L+R} − S)⁺] − E[(D_L − S)⁺])/(μR).' }),
    expectedCost: z.number().optional().meta({ description: 'h·onHand + b·backorders per review cycle (cost form only).' }),
  })
  .meta({ id: 'BaseStockResult' });
export type BaseStockResult = z.output<typeof BaseStockResult>;

/**
 * Periodic-review base-stock level over the protection interval L + R.
 * @example baseStock({ demand: { distribution: 'normal', mean: 50, stdDev: 8 }, leadTime: 0, reviewPeriod: 1,
 *   holdingCost: 0.18, backorderCost: 0.7 }).baseStockLevel // 56.60 (Snyder & Shen Example 4.1)
 */
export function baseStock(input: BaseStockInput): BaseStockResult {
  const T = input.leadTime + input.reviewPeriod;
  const dist = demandOverPeriods(input.demand, T);
  const costs = input.serviceLevel === undefined;
  const ratio = costs ? input.backorderCost! / (input.backorderCost! + input.holdingCost!) : input.serviceLevel!;
  if (ratio > MAX_SERVICE_LEVEL)
    throw new DomainError(
      'safety-stock.service-level-too-close-to-one',
      `a critical ratio of ${ratio} is above ${MAX_SERVICE_LEVEL}: the answer would only reflect the assumed demand tail`,
      [costs ? 'backorderCost' : 'serviceLevel'],
    );
  const S = Math.max(0, dist.quantile(ratio));
  const backorders = dist.loss(S);
  const onHand = Math.max(0, S - dist.mean + backorders);
  const duringLead = input.leadTime > 0 ? demandOverPeriods(input.demand, input.leadTime).loss(S) : Math.max(0, -S);
  const perReview = input.demand.mean * input.reviewPeriod;
  const result: BaseStockResult = {
    method: `base-stock-${dist.kind}`,
    formula: 'S* = F⁻¹_{L+R}(b/(b + h)); cost = h·E[(S − D)⁺] + b·E[(D − S)⁺] (Snyder & Shen 2019 §4.3; Zipkin 2000 §6.2)',
    warnings: [],
    baseStockLevel: S,
    criticalRatio: ratio,
    protectionInterval: T,
    demandOverProtectionMean: dist.mean,
    cycleServiceLevel: dist.cdf(S),
    expectedBackorders: backorders,
    expectedOnHand: onHand,
    fillRate: perReview > 0 ? Math.min(1, Math.max(0, 1 - (backorders - duringLead) / perReview)) : 1,
  };
  if (costs) result.expectedCost = input.holdingCost! * onHand + input.backorderCost! * backorders;
  return result;
}

export const baseStockCalculation = defineCalculation({
  name: 'base-stock',
  summary: 'Periodic-review base-stock level',
  description: 'Order-up-to level S for periodic review: the newsvendor quantile of demand over the protection interval L + R, from holding and backorder costs or a service level.',
  input: BaseStockInput,
  result: BaseStockResult,
  compute: baseStock,
  primary: 'baseStockLevel',
  table: metricTable,
  example: { demand: { distribution: 'normal', mean: 50, stdDev: 8 }, leadTime: 2, reviewPeriod: 1, holdingCost: 0.18, backorderCost: 0.7 },
});
