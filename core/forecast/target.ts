/**
 * GMV target breakdown: from a revenue (GMV) target, or from a traffic funnel, to orders, units and
 * revenue in total and per SKU, with whole units and money that add up exactly, the units and
 * revenue kept after returns, and checks against the SKU forecasts and the mix prices.
 *
 * Gross and net: GMV, `orders`, `totalUnits`, `revenue` and every per-SKU `units`/`revenue` are
 * gross, i.e. ordered (what has to be sold and shipped), before returns. `netUnits` and
 * `netRevenue` are net, i.e. kept after returns: gross × (1 − returnRate), with one return rate
 * for every SKU.
 *
 * Sources:
 * - Revenue = traffic × conversion rate × average order value, orders = traffic × conversion rate
 *   = GMV ÷ AOV (conversion rate = transactions ÷ sessions, AOV = revenue ÷ transactions): the
 *   standard e-commerce revenue identity, e.g. M. Clarke, "How to calculate the ecommerce KPIs you
 *   need to hit your revenue target", practicaldatascience.co.uk; Google Analytics metric
 *   definitions (e-commerce conversion rate, average order value).
 * - Units = orders × units per order (units per transaction, basket size): the same identity one
 *   level down (retail "UPT").
 * - GMV is the value of goods ordered, before returns and cancellations (e.g. Investopedia, "Gross
 *   Merchandise Value (GMV)"); net = gross × (1 − return rate).
 * - Whole units and money in minor units are split by the largest-remainder (Hamilton) method:
 *   floor every exact quota, then give the units still missing to the largest fractional
 *   remainders, so the parts add up exactly to the whole and each part is within one unit of its
 *   quota (Balinski & Young, *Fair Representation*, 2nd ed. 2001, Hamilton's method; M. Fowler,
 *   *Patterns of Enterprise Application Architecture* (2002), Money pattern, `allocate`; dinero.js
 *   `allocate`, which also floors and then hands out the leftover minor units, by descending
 *   ratio instead of by remainder). Ties go to the larger weight, then to the earlier SKU.
 * - Minor units of a currency (JPY 0, USD 2, KWD 3 decimals, …): ISO 4217 List One (SIX, the ISO
 *   4217 maintenance agency), column "Minor unit"; codes not in the table below use 2.
 * - Rounding of money: half away from zero ("half-up" in commerce; IEEE 754-2019
 *   roundTiesToAway, Java `RoundingMode.HALF_UP`), once, at the output. Before rounding, a value is
 *   snapped to 15 significant digits (the precision spreadsheets show) so that binary noise such as
 *   1.005 × 100 = 100.49999999999999 does not turn a decimal half into a round-down.
 * - The warning thresholds (target above 1.5× the forecast; mix prices more than 5 % off the AOV)
 *   are planning heuristics of this service, not published standards.
 */
import * as z from 'zod';
import { defineCalculation, type ResultTable } from '../calculation.js';
import { MAX_MONEY, MAX_QUANTITY, positiveMoney, positiveQuantity, provenance, quantity, crossField } from '../schema.js';
import { fromMinorUnits, largestRemainder, minorUnitDigits, roundHalfUp, roundMoney, snap, toMinorUnits } from '../money.js';

// The money helpers moved to core/money.ts (shared with core/cost); re-exported for existing callers.
export { fromMinorUnits, largestRemainder, minorUnitDigits, roundHalfUp, roundMoney, toMinorUnits } from '../money.js';

/** Most SKUs in a mix. */
export const MAX_MIX_SKUS = 1000;
/** Largest implied revenue (units × price) in minor units: exact integer sums need far less than 2^53 ≈ 9e15. */
export const MAX_IMPLIED_MINOR_UNITS = 1e14;
/** How far the shares may add up away from 1 (then they are rescaled to add up to exactly 1). */
export const SHARE_SUM_TOLERANCE = 1e-6;
/** Warn when a SKU's target needs more than this multiple of its forecast. */
export const FORECAST_STRETCH_LIMIT = 1.5;
/** Warn when the mix prices give a GMV more than this fraction away from the target. */
export const PRICE_MISMATCH_TOLERANCE = 0.05;
/** Longest SKU id. */
export const MAX_SKU_LENGTH = 100;
/** How many SKU ids a warning names before "and N more". */
const WARNING_NAMES = 10;

const fraction = (description: string) => z.number().min(0).max(1).meta({ description });

export const ForecastTargetMixItem = z
  .strictObject({
    sku: z.string().min(1).max(MAX_SKU_LENGTH).meta({ description: 'SKU id, unique within the mix.' }),
    share: fraction('Share of the SKU in [0, 1]: of units (mixBasis units) or of revenue (mixBasis revenue). The shares add up to 1 (±1e-6).'),
    price: positiveMoney('Selling price per unit during the event, in `currency`. Required for every SKU with mixBasis revenue; with mixBasis units give it for every SKU or for none.').optional(),
    forecastUnits: quantity('Baseline forecast of gross units for this SKU over the same period, to check the target against.').optional(),
  })
  .meta({ id: 'ForecastTargetMixItem', description: 'One SKU of the mix.' });

export const ForecastTargetInput = z
  .strictObject({
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code: three capital letters, e.g. USD')
      .meta({ description: 'ISO 4217 code of every money amount, in and out (e.g. USD, JPY, KWD); sets the rounding (minor unit).' }),
    gmvTarget: positiveMoney('Gross revenue (GMV, ordered value before returns) to reach, in `currency`. Give this with averageOrderValue, or give traffic and conversionRate instead.').optional(),
    traffic: positiveQuantity('Sessions (visits) expected over the period; GMV = traffic × conversionRate × averageOrderValue.').optional(),
    conversionRate: z.number().gt(0).max(1).meta({ description: 'Orders per session, a fraction in (0, 1] (2 % = 0.02). With traffic.' }).optional(),
    averageOrderValue: positiveMoney('Average order value (gross, in `currency`); orders = GMV ÷ AOV. Always required.').optional(),
    unitsPerOrder: z.number().min(1).max(MAX_QUANTITY).default(1).meta({ description: 'Average units per order (≥ 1); units = orders × unitsPerOrder.' }),
    returnRate: z.number().min(0).lt(1).default(0).meta({ description: 'Fraction of gross (ordered) units and revenue returned, in [0, 1); net (kept) = gross × (1 − returnRate).' }),
    mixBasis: z.enum(['units', 'revenue']).default('units').meta({ description: 'Whether the mix shares are shares of units or shares of revenue (then every SKU needs a price).' }),
    mix: z
      .array(ForecastTargetMixItem)
      .min(1)
      .max(MAX_MIX_SKUS)
      .meta({ description: `The SKU mix (1 to ${MAX_MIX_SKUS} SKUs).` }),
  })
  .superRefine((input, ctx) => {
    // Zod runs this refinement after non-aborting field issues (a bound broken) too: the rules that
    // compute with the numbers run only when every field is valid on its own, so a share of 1.5
    // is reported once, at its own path, and not again as a wrong sum.
    const fieldsValid = ctx.issues.length === 0;
    const digits = minorUnitDigits(input.currency);
    const minorUnit = 10 ** -digits;
    // Where the GMV comes from.
    let gmv: number | undefined;
    let orders: number | undefined;
    if (input.gmvTarget !== undefined && (input.traffic !== undefined || input.conversionRate !== undefined))
      ctx.addIssue({ code: 'custom', path: [input.traffic !== undefined ? 'traffic' : 'conversionRate'], message: 'give gmvTarget, or traffic with conversionRate, not both' });
    else if (input.gmvTarget === undefined && input.traffic === undefined)
      ctx.addIssue({ code: 'custom', path: ['gmvTarget'], message: 'give gmvTarget (with averageOrderValue), or traffic, conversionRate and averageOrderValue' });
    else if (input.gmvTarget === undefined && input.conversionRate === undefined)
      ctx.addIssue({ code: 'custom', path: ['conversionRate'], message: 'conversionRate is required with traffic' });
    if (input.averageOrderValue === undefined)
      ctx.addIssue({ code: 'custom', path: ['averageOrderValue'], message: 'averageOrderValue is required: orders = GMV ÷ averageOrderValue' });
    else if (input.gmvTarget !== undefined && input.traffic === undefined && input.conversionRate === undefined) {
      gmv = input.gmvTarget;
      orders = gmv / input.averageOrderValue;
    } else if (input.gmvTarget === undefined && input.traffic !== undefined && input.conversionRate !== undefined) {
      orders = input.traffic * input.conversionRate;
      gmv = orders * input.averageOrderValue;
    }
    // The bounds that keep every result finite and every allocation in exact integers.
    if (fieldsValid && gmv !== undefined && orders !== undefined) {
      const where = input.gmvTarget !== undefined ? 'gmvTarget' : 'traffic';
      if (gmv > MAX_MONEY)
        ctx.addIssue({ code: 'custom', path: [where], message: `traffic × conversionRate × averageOrderValue = ${gmv} ${input.currency}, more than the ${MAX_MONEY} accepted` });
      else if (snap(gmv) < minorUnit)
        ctx.addIssue({ code: 'custom', path: [where], message: `the GMV (${gmv} ${input.currency}) is less than one minor unit (${minorUnit} ${input.currency})` });
      const units = orders * input.unitsPerOrder;
      const onAov = input.gmvTarget !== undefined && orders > MAX_QUANTITY;
      if (units > MAX_QUANTITY)
        ctx.addIssue({
          code: 'custom',
          path: [onAov ? 'averageOrderValue' : 'unitsPerOrder'],
          message: `the target needs ${units} units (${orders} orders × ${input.unitsPerOrder} units per order), more than the ${MAX_QUANTITY} accepted${onAov ? `: is averageOrderValue in ${input.currency}, not in minor units?` : ''}`,
        });
    }
    // The mix.
    const shareSum = input.mix.reduce((a, item) => a + item.share, 0);
    if (fieldsValid && !(Math.abs(shareSum - 1) <= SHARE_SUM_TOLERANCE))
      ctx.addIssue({ code: 'custom', path: ['mix'], message: `the mix shares (mix/*/share) add up to ${shareSum}, not 1 (±${SHARE_SUM_TOLERANCE})` });
    const seen = new Map<string, number>();
    input.mix.forEach((item, i) => {
      const first = seen.get(item.sku);
      if (first === undefined) seen.set(item.sku, i);
      else ctx.addIssue({ code: 'custom', path: ['mix', i, 'sku'], message: `duplicate SKU "${item.sku}" (also at mix/${first})` });
    });
    const priced = input.mix.filter((item) => item.price !== undefined).length;
    // Revenue the prices imply (units × price) is counted in minor units: keep it far below 2^53 so
    // the largest-remainder sums stay exact integers.
    if (fieldsValid && orders !== undefined && priced > 0) {
      const maxPrice = Math.max(...input.mix.map((item) => item.price ?? 0));
      const impliedMinor = orders * input.unitsPerOrder * maxPrice * 10 ** minorUnitDigits(input.currency);
      if (impliedMinor > MAX_IMPLIED_MINOR_UNITS)
        ctx.addIssue({
          code: 'custom',
          path: ['mix'],
          message: `the target units at the mix's highest price imply more than ${MAX_IMPLIED_MINOR_UNITS / 10 ** minorUnitDigits(input.currency)} ${input.currency} of revenue: check the prices and averageOrderValue`,
        });
    }
    if (input.mixBasis === 'revenue' || (priced > 0 && priced < input.mix.length))
      input.mix.forEach((item, i) => {
        if (item.price === undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['mix', i, 'price'],
            message: input.mixBasis === 'revenue' ? 'price is required for every SKU when mixBasis is revenue (it converts revenue to units)' : 'give price for every SKU of the mix or for none',
          });
      });
  }, crossField)
  .meta({
    id: 'ForecastTargetInput',
    description: 'A GMV target (or traffic × conversion rate × AOV), the average order value, units per order, return rate and the SKU mix.',
  });
export type ForecastTargetInput = z.output<typeof ForecastTargetInput>;

const ForecastTargetSku = z
  .strictObject({
    sku: z.string(),
    shareOfUnits: z.number().meta({ description: 'Share of the gross units (exact; the given share with mixBasis units, rescaled to add up to 1).' }),
    shareOfRevenue: z.number().meta({ description: 'Share of the gross revenue (exact). With mixBasis units it is price-weighted when the mix has prices, else equal to shareOfUnits.' }),
    unitsExact: z.number().meta({ description: 'Gross (ordered) units, exact: shareOfUnits × totalUnitsExact.' }),
    units: z.number().meta({ description: 'Gross units as whole units: shareOfUnits × totalUnits split by largest remainder, so the SKUs add up exactly to totalUnits.' }),
    revenue: z.number().meta({ description: 'Gross revenue in `currency`: shareOfRevenue × revenue in minor units, by largest remainder, so the SKUs add up exactly to revenue.' }),
    netUnits: z.number().meta({ description: 'Expected net (kept) units after returns: unitsExact × (1 − returnRate).' }),
    netRevenue: z.number().meta({ description: 'Net (kept) revenue after returns, by largest remainder so the SKUs add up exactly to netRevenue.' }),
    price: z.number().optional().meta({ description: 'The price given.' }),
    impliedRevenue: z.number().optional().meta({ description: 'unitsExact × price, by largest remainder so the SKUs add up exactly to priceCheck.impliedRevenue (when the mix has prices).' }),
    forecastUnits: z.number().optional().meta({ description: 'The forecast given.' }),
    forecastGap: z.number().optional().meta({ description: 'units − forecastUnits: whole units the target needs beyond the forecast (negative when the forecast is higher).' }),
    forecastRatio: z.number().optional().meta({ description: 'units ÷ forecastUnits (absent when forecastUnits is 0, or so small that the ratio is too large to represent).' }),
  })
  .meta({ id: 'ForecastTargetSku' });
type ForecastTargetSku = z.output<typeof ForecastTargetSku>;

export const ForecastTargetResult = z
  .strictObject({
    ...provenance,
    currency: z.string(),
    minorUnitDigits: z.number().meta({ description: 'Decimals of the currency minor unit (ISO 4217) that money is rounded to.' }),
    mixBasis: z.enum(['units', 'revenue']),
    revenue: z.number().meta({ description: 'Gross revenue = GMV (ordered, before returns), rounded half-up to the minor unit.' }),
    orders: z.number().meta({ description: 'Gross orders, exact: GMV ÷ AOV (or traffic × conversionRate).' }),
    averageOrderValue: z.number(),
    unitsPerOrder: z.number(),
    averageUnitRevenue: z.number().meta({ description: 'Gross revenue per unit the target assumes: AOV ÷ unitsPerOrder, rounded to the minor unit.' }),
    totalUnitsExact: z.number().meta({ description: 'Gross (ordered) units, exact: orders × unitsPerOrder.' }),
    totalUnits: z.number().meta({ description: 'Gross units rounded half-up to a whole unit; the per-SKU units add up to it. The primary number.' }),
    returnRate: z.number(),
    netUnits: z.number().meta({ description: 'Expected net (kept) units after returns, exact: totalUnitsExact × (1 − returnRate).' }),
    netRevenue: z.number().meta({ description: 'Net (kept) revenue after returns: GMV × (1 − returnRate), rounded to the minor unit.' }),
    skus: z.array(ForecastTargetSku).meta({ description: 'One entry per SKU, in the order of the mix.' }),
    checks: z
      .strictObject({
        shareSum: z.number().meta({ description: 'Sum of the shares as given (they are rescaled to add up to exactly 1).' }),
        unitsSumMatches: z.boolean().meta({ description: 'Σ skus.units = totalUnits.' }),
        unitsDifference: z.number().meta({ description: 'Σ skus.units − totalUnits (0).' }),
        unitsExactDifference: z.number().meta({ description: 'Σ skus.unitsExact − totalUnitsExact: floating-point noise only (~1e-12 relative).' }),
        revenueSumMatches: z.boolean().meta({ description: 'Σ skus.revenue = revenue, counted in minor units.' }),
        revenueDifference: z.number().meta({ description: 'Σ skus.revenue − revenue, counted in minor units (0).' }),
        netRevenueSumMatches: z.boolean().meta({ description: 'Σ skus.netRevenue = netRevenue, counted in minor units.' }),
        netRevenueDifference: z.number().meta({ description: 'Σ skus.netRevenue − netRevenue, counted in minor units (0).' }),
      })
      .meta({ description: 'The per-SKU figures add up to the totals.' }),
    priceCheck: z
      .strictObject({
        impliedRevenue: z.number().meta({ description: 'GMV the mix prices give: Σ unitsExact × price.' }),
        gap: z.number().meta({ description: 'impliedRevenue − revenue (negative: the prices fall short of the target).' }),
        ratio: z.number().meta({ description: 'impliedRevenue ÷ GMV.' }),
        mixAverageUnitPrice: z.number().meta({ description: 'Units-weighted average price of the mix, Σ shareOfUnits × price.' }),
        impliedAverageOrderValue: z.number().meta({ description: 'mixAverageUnitPrice × unitsPerOrder, to compare with averageOrderValue.' }),
        impliedRevenueSumMatches: z.boolean().meta({ description: 'Σ skus.impliedRevenue = impliedRevenue, counted in minor units.' }),
      })
      .optional()
      .meta({ description: 'When the mix has prices: whether they reproduce the AOV (a mix whose prices do not is a common planning mistake).' }),
    forecastCheck: z
      .strictObject({
        skuCount: z.number().meta({ description: 'SKUs with a forecast.' }),
        targetUnits: z.number().meta({ description: 'Σ units of those SKUs.' }),
        forecastUnits: z.number().meta({ description: 'Σ forecastUnits.' }),
        gap: z.number().meta({ description: 'targetUnits − forecastUnits.' }),
        ratio: z.number().optional().meta({ description: 'targetUnits ÷ forecastUnits (absent when the forecasts add up to 0, or the ratio is too large to represent).' }),
        notBackedSkus: z.array(z.string()).meta({ description: `SKUs whose target is more than ${FORECAST_STRETCH_LIMIT}× their forecast (or whose forecast is 0).` }),
      })
      .optional()
      .meta({ description: 'When some SKUs have forecastUnits: the target against the forecast.' }),
  })
  .meta({ id: 'ForecastTargetResult' });
export type ForecastTargetResult = z.output<typeof ForecastTargetResult>;

/** "A, B, C and 4 more" */
function nameList(names: readonly string[]): string {
  const shown = names.slice(0, WARNING_NAMES).join(', ');
  return names.length > WARNING_NAMES ? `${shown} and ${names.length - WARNING_NAMES} more` : shown;
}

/**
 * shareᵢ × priceᵢ (direction 1) or shareᵢ ÷ priceᵢ (direction −1), up to a common factor: each
 * price is taken relative to the highest (lowest) price among the SKUs with a positive share, so
 * no term overflows and that SKU keeps its share, so the weights never all vanish.
 */
function priceWeights(shares: readonly number[], prices: readonly number[], direction: 1 | -1): number[] {
  let ref = direction === 1 ? 0 : Number.POSITIVE_INFINITY;
  shares.forEach((s, i) => {
    if (s > 0) ref = direction === 1 ? Math.max(ref, prices[i]!) : Math.min(ref, prices[i]!);
  });
  return shares.map((s, i) => (s > 0 ? s * (direction === 1 ? prices[i]! / ref : ref / prices[i]!) : 0));
}

const normalize = (weights: readonly number[]): number[] => {
  const sum = weights.reduce((a, w) => a + w, 0);
  return weights.map((w) => w / sum);
};

/** Minor-unit sum of amounts that are already rounded to the minor unit (exact integers). */
const minorSum = (amounts: readonly number[], digits: number): number => amounts.reduce((a, x) => a + toMinorUnits(x, digits), 0);

/**
 * Breaks a GMV target down into orders, units and revenue, in total and per SKU.
 * @example forecastTarget(ForecastTargetInput.parse({ currency: 'USD', gmvTarget: 100000, averageOrderValue: 50, unitsPerOrder: 1.2,
 *   mix: [{ sku: 'A', share: 0.5 }, { sku: 'B', share: 0.3 }, { sku: 'C', share: 0.2 }] })).skus.map((s) => s.units) // [1200, 720, 480]
 */
export function forecastTarget(input: ForecastTargetInput): ForecastTargetResult {
  const digits = minorUnitDigits(input.currency);
  const aov = input.averageOrderValue!;
  const upo = input.unitsPerOrder;
  const fromTraffic = input.gmvTarget === undefined;
  const orders = fromTraffic ? input.traffic! * input.conversionRate! : input.gmvTarget! / aov;
  const gmv = fromTraffic ? orders * aov : input.gmvTarget!;
  const totalUnitsExact = orders * upo;
  const totalUnits = roundHalfUp(totalUnitsExact);
  const keep = 1 - input.returnRate;
  const warnings: string[] = [];

  // Unit and revenue shares: the given shares rescaled to add up to 1, converted through the prices.
  const shares = input.mix.map((item) => item.share);
  const shareSum = shares.reduce((a, s) => a + s, 0);
  const hasPrices = input.mix.every((item) => item.price !== undefined);
  const prices = input.mix.map((item) => item.price ?? 0);
  const price = (i: number) => prices[i]!;
  let unitShares: number[];
  let revenueShares: number[];
  if (input.mixBasis === 'revenue') {
    revenueShares = normalize(shares);
    unitShares = normalize(priceWeights(shares, prices, -1)); // ∝ shareᵢ ÷ priceᵢ
  } else {
    unitShares = normalize(shares);
    revenueShares = hasPrices ? normalize(priceWeights(shares, prices, 1)) : unitShares; // ∝ shareᵢ × priceᵢ
  }

  // Whole units and money, split by largest remainder.
  const units = largestRemainder(totalUnits, unitShares);
  const revenueMinor = toMinorUnits(gmv, digits);
  const revenue = largestRemainder(revenueMinor, revenueShares);
  const netRevenueMinor = toMinorUnits(gmv * keep, digits);
  const netRevenue = largestRemainder(netRevenueMinor, revenueShares);

  let priceCheck: ForecastTargetResult['priceCheck'];
  let impliedBySku: number[] | undefined;
  if (hasPrices) {
    const mixAverageUnitPrice = unitShares.reduce((a, w, i) => a + w * price(i), 0);
    const impliedRevenue = totalUnitsExact * mixAverageUnitPrice;
    const impliedMinor = toMinorUnits(impliedRevenue, digits);
    impliedBySku = largestRemainder(
      impliedMinor,
      unitShares.map((w, i) => w * price(i)),
    ).map((m) => fromMinorUnits(m, digits));
    const ratio = impliedRevenue / gmv;
    priceCheck = {
      impliedRevenue: fromMinorUnits(impliedMinor, digits),
      gap: fromMinorUnits(impliedMinor - revenueMinor, digits),
      ratio,
      mixAverageUnitPrice: roundMoney(mixAverageUnitPrice, digits),
      impliedAverageOrderValue: roundMoney(mixAverageUnitPrice * upo, digits),
      impliedRevenueSumMatches: minorSum(impliedBySku, digits) === impliedMinor,
    };
    if (Math.abs(ratio - 1) > PRICE_MISMATCH_TOLERANCE)
      warnings.push(
        `The mix prices do not reproduce the AOV: at their units-weighted average of ${priceCheck.mixAverageUnitPrice} ${input.currency} per unit, the target units bring ${priceCheck.impliedRevenue} ${input.currency}, ${ratio >= 1 ? '+' : '−'}${(100 * Math.abs(ratio - 1)).toFixed(1)}% against the target ${fromMinorUnits(revenueMinor, digits)} ${input.currency} (an AOV of ${priceCheck.impliedAverageOrderValue} instead of ${aov} at ${upo} units per order). Check averageOrderValue, unitsPerOrder or the prices (promo discounts, vouchers).`,
      );
  } else {
    warnings.push(
      `The mix has no prices: revenue is split in proportion to units (every unit at the average unit revenue of ${roundMoney(aov / upo, digits)} ${input.currency}), and the mix cannot be checked against the AOV.`,
    );
  }

  const skus: ForecastTargetSku[] = input.mix.map((item, i) => {
    const row: ForecastTargetSku = {
      sku: item.sku,
      shareOfUnits: unitShares[i]!,
      shareOfRevenue: revenueShares[i]!,
      unitsExact: totalUnitsExact * unitShares[i]!,
      units: units[i]!,
      revenue: fromMinorUnits(revenue[i]!, digits),
      netUnits: totalUnitsExact * unitShares[i]! * keep,
      netRevenue: fromMinorUnits(netRevenue[i]!, digits),
    };
    if (item.price !== undefined) row.price = item.price;
    if (impliedBySku) row.impliedRevenue = impliedBySku[i]!;
    if (item.forecastUnits !== undefined) {
      row.forecastUnits = item.forecastUnits;
      row.forecastGap = row.units - item.forecastUnits;
      const ratio = row.units / item.forecastUnits;
      if (item.forecastUnits > 0 && Number.isFinite(ratio)) row.forecastRatio = ratio;
    }
    return row;
  });

  let forecastCheck: ForecastTargetResult['forecastCheck'];
  const forecasted = skus.filter((s) => s.forecastUnits !== undefined);
  if (forecasted.length > 0) {
    const targetUnits = forecasted.reduce((a, s) => a + s.units, 0);
    const forecastUnits = forecasted.reduce((a, s) => a + s.forecastUnits!, 0);
    const notBacked = forecasted.filter((s) => s.units > 0 && (s.forecastRatio === undefined || s.forecastRatio > FORECAST_STRETCH_LIMIT));
    const ratio = targetUnits / forecastUnits;
    forecastCheck = {
      skuCount: forecasted.length,
      targetUnits,
      forecastUnits,
      gap: targetUnits - forecastUnits,
      ...(forecastUnits > 0 && Number.isFinite(ratio) ? { ratio } : {}),
      notBackedSkus: notBacked.map((s) => s.sku),
    };
    if (notBacked.length > 0)
      warnings.push(
        `The target is not backed by the forecast for ${notBacked.length} SKU${notBacked.length === 1 ? '' : 's'} (more than ${FORECAST_STRETCH_LIMIT}× the forecast): ${nameList(
          notBacked.map((s) => `${s.sku} (${s.forecastRatio === undefined ? 'forecast 0' : `${s.forecastRatio.toFixed(2)}×`})`),
        )}.`,
      );
    if (forecastCheck.ratio === undefined ? targetUnits > 0 : forecastCheck.ratio > FORECAST_STRETCH_LIMIT)
      warnings.push(`In total the target needs ${targetUnits} units against a forecast of ${forecastUnits}: it is not backed by the forecast.`);
    if (forecasted.length < skus.length)
      warnings.push(`forecastUnits is given for ${forecasted.length} of ${skus.length} SKUs: the forecast check covers only those.`);
  }

  const starved = skus.filter((s, i) => s.units === 0 && unitShares[i]! > 0);
  if (starved.length > 0)
    warnings.push(`${starved.length} SKU${starved.length === 1 ? '' : 's'} with a positive share get${starved.length === 1 ? 's' : ''} 0 whole units out of ${totalUnits}: ${nameList(starved.map((s) => s.sku))}.`);

  const unitsSum = units.reduce((a, u) => a + u, 0);
  const revenueDiff = minorSum(skus.map((s) => s.revenue), digits) - revenueMinor;
  const netRevenueDiff = minorSum(skus.map((s) => s.netRevenue), digits) - netRevenueMinor;
  const source = fromTraffic ? 'GMV = traffic × conversion rate × AOV, orders = traffic × conversion rate' : 'orders = GMV ÷ AOV';
  const split =
    input.mixBasis === 'revenue'
      ? 'unit share ∝ revenue share ÷ price'
      : hasPrices
        ? 'revenue share ∝ unit share × price'
        : 'revenue share = unit share';
  const result: ForecastTargetResult = {
    method: fromTraffic ? 'traffic-funnel' : 'gmv-target',
    formula: `${source}; units = orders × units per order; SKU units = unit share × units, ${split}; SKU revenue = revenue share × GMV; whole units and minor units by largest remainder (Hamilton; Fowler's Money.allocate); net = gross × (1 − return rate); money rounded half-up to the ISO 4217 minor unit`,
    warnings,
    currency: input.currency,
    minorUnitDigits: digits,
    mixBasis: input.mixBasis,
    revenue: fromMinorUnits(revenueMinor, digits),
    orders,
    averageOrderValue: aov,
    unitsPerOrder: upo,
    averageUnitRevenue: roundMoney(aov / upo, digits),
    totalUnitsExact,
    totalUnits,
    returnRate: input.returnRate,
    netUnits: totalUnitsExact * keep,
    netRevenue: fromMinorUnits(netRevenueMinor, digits),
    skus,
    checks: {
      shareSum,
      unitsSumMatches: unitsSum === totalUnits,
      unitsDifference: unitsSum - totalUnits,
      unitsExactDifference: skus.reduce((a, s) => a + s.unitsExact, 0) - totalUnitsExact,
      revenueSumMatches: revenueDiff === 0,
      revenueDifference: fromMinorUnits(revenueDiff, digits),
      netRevenueSumMatches: netRevenueDiff === 0,
      netRevenueDifference: fromMinorUnits(netRevenueDiff, digits),
    },
  };
  if (priceCheck) result.priceCheck = priceCheck;
  if (forecastCheck) result.forecastCheck = forecastCheck;
  return result;
}

const TABLE_COLUMNS = [
  'shareOfUnits',
  'shareOfRevenue',
  'unitsExact',
  'units',
  'revenue',
  'netUnits',
  'netRevenue',
  'price',
  'impliedRevenue',
  'forecastUnits',
  'forecastGap',
  'forecastRatio',
] as const satisfies ReadonlyArray<keyof ForecastTargetSku>;

/** One row per SKU, blank where a SKU has no value (no price, no forecast). */
function skuTable(result: ForecastTargetResult): ResultTable {
  return { columns: ['sku', ...TABLE_COLUMNS], rows: result.skus.map((s) => [s.sku, ...TABLE_COLUMNS.map((c) => s[c] ?? '')]) };
}

export const forecastTargetCalculation = defineCalculation({
  name: 'forecast/target',
  summary: 'GMV target breakdown into orders, units and revenue per SKU',
  description:
    'Breaks a promo GMV target (or traffic × conversion rate × AOV) into orders, gross units and revenue, and per SKU from a mix of unit or revenue shares: whole units and money rounded to the currency minor unit that add up exactly to the totals (largest remainder), net units and revenue after returns, the gap to each SKU forecast, and whether the mix prices reproduce the AOV.',
  input: ForecastTargetInput,
  result: ForecastTargetResult,
  compute: forecastTarget,
  primary: 'totalUnits',
  table: skuTable,
  example: {
    currency: 'USD',
    gmvTarget: 100000,
    averageOrderValue: 50,
    unitsPerOrder: 1.2,
    returnRate: 0.08,
    mixBasis: 'units',
    mix: [
      { sku: 'TEE-BLK-M', share: 0.5, price: 40, forecastUnits: 1100 },
      { sku: 'TEE-WHT-M', share: 0.3, price: 42, forecastUnits: 700 },
      { sku: 'CAP-NAVY', share: 0.2, price: 45, forecastUnits: 250 },
    ],
  },
});
