/**
 * Economic order quantity and its variants: finite production rate (EPQ), planned backorders,
 * all-units and incremental quantity discounts, and the cost of any other order quantity.
 *
 * Sources:
 * - EOQ Q* = √(2KD/h), TRC(Q) = KD/Q + hQ/2: Harris (1913); Nahmias, *Production and Operations
 *   Analysis*, 7th ed., §4.5 (pencils example); Chopra & Meindl, 6th ed., Example 11-1.
 * - Finite production rate P: the holding term uses h(1 − D/P) (Nahmias §4.6).
 * - Planned backorders at cost b per unit-year: with f = 1 − D/P (f = 1 without EPQ), the best
 *   backorder level is B = Q·f·h/(h + b), holding h(Qf − B)²/(2Qf), backorders bB²/(2Qf), so
 *   Q* = √(2KD/(f·h·b/(h + b))) (Hillier & Lieberman, *Introduction to Operations Research*,
 *   10th ed., §18.3; Zipkin 2000, §3.4).
 * - All-units discounts: evaluate each price's EOQ, moved up to its tier's minimum, and take the
 *   lowest total annual cost including purchases (Nahmias §4.7; Chopra & Meindl Example 11-8).
 * - Incremental discounts: with C(Q) = R_j + c_j(Q − q_j) in tier j, the tier optimum is
 *   Q_j = √(2D(K + R_j − c_j·q_j)/(I·c_j·f)) for a holding rate I, or √(2D(K + R_j − c_j·q_j)/(h·f))
 *   for a fixed holding cost h; total annual cost D·C(Q)/Q + KD/Q + holding (Nahmias §4.8).
 */
import * as z from 'zod';
import { comparisonTable, defineCalculation } from '../calculation.js';
import { DomainError } from '../errors.js';
import { MAX_LIST, positiveMoney, positiveQuantity, provenance, crossField } from '../schema.js';

const DAYS_PER_YEAR = 365;

export const PriceBreak = z
  .strictObject({
    minQuantity: z.number().min(0).max(1e12).meta({ description: 'Smallest order quantity that gets this price (units); the first break starts at 0.' }),
    unitPrice: positiveMoney('Unit price from minQuantity up (to the next break).'),
  })
  .meta({ id: 'PriceBreak' });

export const EoqInput = z
  .strictObject({
    annualDemand: positiveQuantity('Demand D per year (units per year).').max(1e12),
    orderingCost: positiveMoney('Fixed cost K per order or production setup.'),
    holdingCost: positiveMoney('Holding cost h per unit per year. Alternatively give holdingRate (with unitCost or priceBreaks).').optional(),
    unitCost: positiveMoney('Unit purchase cost c (no price breaks).').optional(),
    holdingRate: z.number().gt(0).max(10).optional().meta({ description: 'Annual holding cost as a fraction I of the unit price (h = I·c).' }),
    backorderCost: positiveMoney('Planned backorders: cost b per unit backordered per year. Omit for no backorders.').optional(),
    productionRate: positiveQuantity('Finite production (or delivery) rate P in units per year, > D (EPQ). Omit for instantaneous replenishment.')
      .max(1e13)
      .optional(),
    priceBreaks: z
      .array(PriceBreak)
      .min(1)
      .max(MAX_LIST)
      .optional()
      .meta({ description: 'Supplier price breaks, ascending minQuantity starting at 0, prices not increasing.' }),
    discountType: z.enum(['all-units', 'incremental']).default('all-units').meta({ description: 'How price breaks apply.' }),
    compareQuantities: z
      .array(positiveQuantity('An order quantity to cost (units).').max(1e12))
      .max(MAX_LIST)
      .default([])
      .meta({ description: `Other order quantities to cost side by side with the optimum (at most ${MAX_LIST}).` }),
  })
  .superRefine((input, ctx) => {
    const hasRate = input.holdingRate !== undefined;
    if (input.holdingCost === undefined && !hasRate)
      ctx.addIssue({ code: 'custom', path: ['holdingCost'], message: 'give holdingCost, or holdingRate with unitCost or priceBreaks' });
    if (input.holdingCost !== undefined && hasRate)
      ctx.addIssue({ code: 'custom', path: ['holdingRate'], message: 'give holdingCost or holdingRate, not both' });
    if (hasRate && input.unitCost === undefined && input.priceBreaks === undefined)
      ctx.addIssue({ code: 'custom', path: ['unitCost'], message: 'unitCost (or priceBreaks) is required with holdingRate' });
    if (input.unitCost !== undefined && input.priceBreaks !== undefined)
      ctx.addIssue({ code: 'custom', path: ['unitCost'], message: 'give unitCost or priceBreaks, not both' });
    const breaks = input.priceBreaks ?? [];
    if (breaks.length > 0 && breaks[0]!.minQuantity !== 0)
      ctx.addIssue({ code: 'custom', path: ['priceBreaks', 0, 'minQuantity'], message: 'the first price break must start at 0' });
    for (let i = 1; i < breaks.length; i++) {
      if (breaks[i]!.minQuantity <= breaks[i - 1]!.minQuantity)
        ctx.addIssue({ code: 'custom', path: ['priceBreaks', i, 'minQuantity'], message: 'minQuantity must increase from one break to the next' });
      if (breaks[i]!.unitPrice > breaks[i - 1]!.unitPrice)
        ctx.addIssue({ code: 'custom', path: ['priceBreaks', i, 'unitPrice'], message: 'unitPrice must not increase with quantity' });
    }
  }, crossField)
  .meta({ id: 'EoqInput', description: 'Annual demand, ordering and holding costs, with optional EPQ rate, planned backorders and price breaks.' });
export type EoqInput = z.output<typeof EoqInput>;

const CostBreakdown = {
  quantity: z.number().meta({ description: 'Order quantity Q (units).' }),
  unitPrice: z.number().optional().meta({ description: 'Average unit price paid at Q (when a price is known).' }),
  ordersPerYear: z.number().meta({ description: 'D/Q.' }),
  cycleTimeYears: z.number().meta({ description: 'Q/D.' }),
  cycleTimeDays: z.number().meta({ description: '365·Q/D.' }),
  orderingCostPerYear: z.number().meta({ description: 'K·D/Q.' }),
  holdingCostPerYear: z.number(),
  backorderCostPerYear: z.number(),
  purchaseCostPerYear: z.number().optional().meta({ description: 'D × average unit price (when a price is known).' }),
  totalRelevantCost: z.number().meta({ description: 'Ordering + holding + backorder cost per year.' }),
  totalCost: z.number().optional().meta({ description: 'Total relevant cost + purchase cost per year (when a price is known).' }),
  maxInventory: z.number().meta({ description: 'Peak on-hand inventory Q·f − B.' }),
  maxBackorder: z.number().meta({ description: 'Planned maximum backorder B (0 without backorders).' }),
};

const Comparison = z
  .strictObject({
    ...CostBreakdown,
    costIncrease: z.number().meta({ description: 'Total cost (or total relevant cost) above the optimum, per year.' }),
    costIncreasePercent: z.number().meta({ description: 'costIncrease as a percentage of the optimum.' }),
  })
  .meta({ id: 'EoqComparison' });

const TierCandidate = z
  .strictObject({
    minQuantity: z.number(),
    unitPrice: z.number(),
    unconstrainedQuantity: z.number().meta({ description: 'The tier formula’s optimum before moving it into the tier.' }),
    quantity: z.number().meta({ description: 'Best quantity within the tier.' }),
    totalCost: z.number(),
  })
  .meta({ id: 'EoqTierCandidate' });

export const EoqResult = z
  .strictObject({
    ...provenance,
    ...CostBreakdown,
    roundedQuantity: z.number().meta({ description: 'Best whole-unit order quantity next to Q.' }),
    tiers: z.array(TierCandidate).meta({ description: 'Each price tier’s best quantity and cost (price breaks only).' }),
    comparisons: z.array(Comparison),
  })
  .meta({ id: 'EoqResult' });
export type EoqResult = z.output<typeof EoqResult>;
type CostBreakdown = Omit<EoqResult, 'method' | 'formula' | 'warnings' | 'roundedQuantity' | 'tiers' | 'comparisons'>;

interface Tier {
  minQuantity: number;
  unitPrice: number;
  /** Cost of buying minQuantity units (incremental discounts). */
  costAtMin: number;
}

/** The cost model shared by the optimum and the comparisons. */
class EoqModel {
  readonly D: number;
  readonly K: number;
  /** 1 − D/P, or 1 without a production rate. */
  readonly f: number;
  readonly tiers: Tier[];

  constructor(readonly input: EoqInput) {
    this.D = input.annualDemand;
    this.K = input.orderingCost;
    this.f = input.productionRate === undefined ? 1 : 1 - this.D / input.productionRate;
    const breaks = input.priceBreaks ?? (input.unitCost !== undefined ? [{ minQuantity: 0, unitPrice: input.unitCost }] : []);
    let costAtMin = 0;
    this.tiers = breaks.map((b, i) => {
      if (i > 0) costAtMin += breaks[i - 1]!.unitPrice * (b.minQuantity - breaks[i - 1]!.minQuantity);
      return { minQuantity: b.minQuantity, unitPrice: b.unitPrice, costAtMin };
    });
  }

  get incremental(): boolean {
    return this.input.discountType === 'incremental' && this.tiers.length > 1;
  }

  tierOf(Q: number): Tier | undefined {
    let found: Tier | undefined;
    for (const t of this.tiers) if (Q >= t.minQuantity) found = t;
    return found;
  }

  /** Average unit price paid for an order of Q units, if prices are known. */
  averagePrice(Q: number): number | undefined {
    const t = this.tierOf(Q);
    if (!t) return undefined;
    return this.incremental ? (t.costAtMin + t.unitPrice * (Q - t.minQuantity)) / Q : t.unitPrice;
  }

  /** Holding cost per unit-year h at a given unit price (fixed h, or I × price). */
  holdingAt(price: number | undefined): number {
    return this.input.holdingCost ?? this.input.holdingRate! * price!;
  }

  costs(Q: number): CostBreakdown {
    const { D, K, f } = this;
    const price = this.averagePrice(Q);
    const h = this.holdingAt(price);
    const b = this.input.backorderCost;
    const B = b === undefined ? 0 : (Q * f * h) / (h + b);
    const peak = Q * f - B;
    const holding = (h * peak * peak) / (2 * Q * f);
    const backorder = b === undefined ? 0 : (b * B * B) / (2 * Q * f);
    const ordering = (K * D) / Q;
    const relevant = ordering + holding + backorder;
    const out: CostBreakdown = {
      quantity: Q,
      ordersPerYear: D / Q,
      cycleTimeYears: Q / D,
      cycleTimeDays: (DAYS_PER_YEAR * Q) / D,
      orderingCostPerYear: ordering,
      holdingCostPerYear: holding,
      backorderCostPerYear: backorder,
      totalRelevantCost: relevant,
      maxInventory: peak,
      maxBackorder: B,
    };
    if (price !== undefined) {
      out.unitPrice = price;
      out.purchaseCostPerYear = D * price;
      out.totalCost = relevant + D * price;
    }
    return out;
  }

  /** The cost the optimum minimises: total cost when prices are known, else total relevant cost. */
  objective(Q: number): number {
    const c = this.costs(Q);
    return c.totalCost ?? c.totalRelevantCost;
  }

  /** Unconstrained optimum for a fixed holding cost h: √(2KD/(f·h·b/(h + b))). */
  classicQuantity(h: number, extraFixed = 0): number {
    const b = this.input.backorderCost;
    const effective = b === undefined ? this.f * h : (this.f * h * b) / (h + b);
    return Math.sqrt((2 * (this.K + extraFixed) * this.D) / effective);
  }
}

/**
 * Economic order quantity with its costs.
 * @example economicOrderQuantity({ annualDemand: 12000, orderingCost: 4000, holdingCost: 100, discountType: 'all-units',
 *   compareQuantities: [] }).quantity // 979.80 (Chopra & Meindl Example 11-1)
 */
export function economicOrderQuantity(input: EoqInput): EoqResult {
  if (input.productionRate !== undefined && input.productionRate <= input.annualDemand)
    throw new DomainError(
      'eoq.production-rate-not-above-demand',
      `productionRate (${input.productionRate}/year) must exceed annualDemand (${input.annualDemand}/year): otherwise production never stops and there is no lot size to choose`,
      ['productionRate'],
    );
  const model = new EoqModel(input);
  if (model.incremental && input.backorderCost !== undefined)
    throw new DomainError('eoq.unsupported-combination', 'incremental discounts with planned backorders are not supported; use all-units discounts or drop backorderCost', [
      'backorderCost',
    ]);

  const warnings: string[] = [];
  const tiers: z.output<typeof TierCandidate>[] = [];
  let Q: number;
  if (model.tiers.length <= 1) {
    Q = model.classicQuantity(model.holdingAt(model.tiers[0]?.unitPrice));
  } else {
    let best = Number.POSITIVE_INFINITY;
    Q = 0;
    model.tiers.forEach((t, i) => {
      const next = model.tiers[i + 1]?.minQuantity ?? Number.POSITIVE_INFINITY;
      let unconstrained: number;
      if (model.incremental) {
        const fixed = t.costAtMin - t.unitPrice * t.minQuantity; // R_j − c_j·q_j ≥ 0
        unconstrained = model.classicQuantity(model.holdingAt(t.unitPrice), fixed);
      } else unconstrained = model.classicQuantity(model.holdingAt(t.unitPrice));
      // Move the optimum into its tier. Incremental costs are continuous across a break, so the
      // upper edge is a valid candidate; an all-units tier whose optimum lies past its upper edge
      // is dominated by the next (cheaper or equal) tier and is skipped.
      let candidate: number;
      if (model.incremental) candidate = Math.min(Math.max(unconstrained, t.minQuantity), next);
      else if (unconstrained >= next) return;
      else candidate = Math.max(unconstrained, t.minQuantity);
      const cost = model.objective(candidate);
      tiers.push({ minQuantity: t.minQuantity, unitPrice: t.unitPrice, unconstrainedQuantity: unconstrained, quantity: candidate, totalCost: cost });
      if (cost < best) {
        best = cost;
        Q = candidate;
      }
    });
  }

  const optimum = model.costs(Q);
  const bestCost = model.objective(Q);
  const lo = Math.max(1, Math.floor(Q));
  const hi = Math.max(1, Math.ceil(Q));
  const roundedQuantity = model.objective(lo) <= model.objective(hi) ? lo : hi;
  if (Q < 1) warnings.push('The optimal order quantity is below one unit: order costs are negligible next to holding costs.');

  const variant = [
    input.productionRate !== undefined ? 'epq' : 'eoq',
    input.backorderCost !== undefined ? 'planned-backorders' : undefined,
    model.tiers.length > 1 ? `${input.discountType}-discount` : undefined,
  ]
    .filter(Boolean)
    .join('-');

  return {
    method: variant,
    formula: formulaFor(model),
    warnings,
    ...optimum,
    roundedQuantity,
    tiers,
    comparisons: input.compareQuantities.map((q) => {
      const c = model.costs(q);
      const increase = model.objective(q) - bestCost;
      return { ...c, costIncrease: increase, costIncreasePercent: bestCost > 0 ? (100 * increase) / bestCost : 0 };
    }),
  };
}

function formulaFor(model: EoqModel): string {
  const parts = ['Q* = √(2KD/h_e)'];
  const b = model.input.backorderCost !== undefined;
  const f = model.input.productionRate !== undefined;
  if (!b && !f) parts.push('h_e = h (Harris 1913; Nahmias §4.5)');
  else parts.push(`h_e = ${f ? '(1 − D/P)·' : ''}h${b ? '·b/(h + b)' : ''} (${f ? 'EPQ, Nahmias §4.6' : ''}${f && b ? '; ' : ''}${b ? 'planned backorders, Hillier & Lieberman §18.3' : ''})`);
  if (model.tiers.length > 1)
    parts.push(model.incremental ? 'incremental discounts: Q_j = √(2D(K + R_j − c_j·q_j)/h_j), best tier by total cost (Nahmias §4.8)' : 'all-units discounts: best tier by total cost incl. purchases (Nahmias §4.7)');
  return parts.join('; ');
}

const TABLE_COLUMNS = ['quantity', 'unitPrice', 'ordersPerYear', 'orderingCostPerYear', 'holdingCostPerYear', 'backorderCostPerYear', 'totalRelevantCost', 'totalCost'] as const;

export const eoqCalculation = defineCalculation({
  name: 'eoq',
  summary: 'Economic order quantity',
  description:
    'EOQ with its annual costs, for instantaneous or finite-rate replenishment (EPQ), with or without planned backorders and supplier price breaks (all-units or incremental), and the cost of any other order quantity.',
  input: EoqInput,
  result: EoqResult,
  compute: economicOrderQuantity,
  primary: 'quantity',
  table: (result) => comparisonTable<CostBreakdown>(TABLE_COLUMNS, result, result.comparisons),
  example: {
    annualDemand: 120000,
    orderingCost: 100,
    holdingRate: 0.2,
    priceBreaks: [
      { minQuantity: 0, unitPrice: 3 },
      { minQuantity: 5000, unitPrice: 2.96 },
      { minQuantity: 10000, unitPrice: 2.92 },
    ],
    compareQuantities: [5000],
  },
});
