/**
 * GMV target breakdown (core/forecast/target.ts): hand-built worked examples, currency rounding
 * (JPY 0, USD 2, KWD 3 decimals), and properties of the largest-remainder allocation.
 *
 * The expected numbers below are worked out by hand in the comments (and were cross-checked with
 * exact rational arithmetic, Python `fractions`), not copied from the implementation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import {
  ForecastTargetInput,
  forecastTarget,
  forecastTargetCalculation,
  largestRemainder,
  minorUnitDigits,
  roundHalfUp,
  roundMoney,
  toMinorUnits,
  type ForecastTargetResult,
} from '../../core/forecast/target.js';
import { allFinite, expectClose } from '../helpers.js';
import { workedTarget } from '../fixtures/forecast-target-examples.js';

type Input = z.input<typeof ForecastTargetInput>;
const run = (input: Input): ForecastTargetResult => forecastTarget(ForecastTargetInput.parse(input));
const col = <K extends keyof ForecastTargetResult['skus'][number]>(r: ForecastTargetResult, key: K) => r.skus.map((s) => s[key]);

describe('worked examples', () => {
  it('GMV 100,000 USD, AOV 50, 1.2 units per order, mix 50/30/20 of units (no prices)', () => {
    // orders = 100,000 ÷ 50 = 2,000; units = 2,000 × 1.2 = 2,400;
    // SKU units = 0.5 / 0.3 / 0.2 × 2,400 = 1,200 / 720 / 480 (no remainders);
    // without prices revenue follows units: 50,000 / 30,000 / 20,000.
    const r = run({
      currency: 'USD',
      gmvTarget: 100_000,
      averageOrderValue: 50,
      unitsPerOrder: 1.2,
      mix: [
        { sku: 'A', share: 0.5 },
        { sku: 'B', share: 0.3 },
        { sku: 'C', share: 0.2 },
      ],
    });
    expect(r.method).toBe('gmv-target');
    expect(r.orders).toBe(2000);
    expectClose(r.totalUnitsExact, 2400, 1e-12);
    expect(r.totalUnits).toBe(2400);
    expect(col(r, 'units')).toEqual([1200, 720, 480]);
    expect(col(r, 'revenue')).toEqual([50_000, 30_000, 20_000]);
    expect(r.revenue).toBe(100_000);
    expect(r.averageUnitRevenue).toBe(41.67); // 50 ÷ 1.2 = 41.666…
    // Return rate defaults to 0: net = gross.
    expect(r.netRevenue).toBe(100_000);
    expectClose(r.netUnits, 2400, 1e-12);
    expect(r.priceCheck).toBeUndefined();
    expect(r.forecastCheck).toBeUndefined();
    expect(r.warnings).toEqual([expect.stringContaining('no prices')]);
    expect(r.formula).toContain('largest remainder');
  });

  it('GMV 100,200 USD with prices, forecasts and 10% returns: largest remainder where rounding each SKU would overshoot', () => {
    // orders = 100,200 ÷ 50 = 2,004; units = 2,004 × 1.2 = 2,404.8 → rounded total 2,405.
    // Unit quotas of the 2,405 whole units: 0.5 → 1,202.5, 0.3 → 721.5, 0.2 → 481.
    // Rounding each would give 1,203 + 722 + 481 = 2,406, one too many. Largest remainder: floors
    // 1,202 + 721 + 481 = 2,404; the one missing unit goes to the largest remainder; A and B tie
    // at .5, the tie goes to the larger share (A): 1,203 / 721 / 481.
    // Exact units: 2,404.8 × 0.5 / 0.3 / 0.2 = 1,202.4 / 721.44 / 480.96.
    //
    // Revenue shares ∝ unit share × price = 0.5·40 = 20, 0.3·45 = 13.5, 0.2·60 = 12 (Σ 45.5),
    // i.e. 40/91, 27/91, 24/91. In cents: 10,020,000 × 40/91 = 4,404,395.604…,
    // × 27/91 = 2,972,967.033…, × 24/91 = 2,642,637.363…; floors add up to 10,019,999; the missing
    // cent goes to A (.604): 44,043.96 / 29,729.67 / 26,426.37, total 100,200.00.
    //
    // Net after 10% returns: 90,180.00 → cents × 40/91 = 3,963,956.044, × 27/91 = 2,675,670.330,
    // × 24/91 = 2,378,373.626; floors add up to 9,017,999; the cent goes to C (.626):
    // 39,639.56 / 26,756.70 / 23,783.74. Net units = exact units × 0.9 = 1,082.16 / 649.296 / 432.864.
    //
    // Prices: the mix averages 0.5·40 + 0.3·45 + 0.2·60 = 45.50 per unit, the target assumes
    // 50 ÷ 1.2 = 41.67: implied GMV = 2,404.8 × 45.5 = 109,418.40 (+9,218.40, ratio 1.092),
    // implied AOV 45.5 × 1.2 = 54.60 ≠ 50 → warning. Per SKU: 48,096 / 32,464.80 / 28,857.60.
    //
    // Forecasts 1,000 / 700 / 200: gaps 203 / 21 / 281, ratios 1.203 / 1.03 / 2.405 → C is not
    // backed (> 1.5×); total 2,405 vs 1,900: gap 505, ratio 1.2658.
    const r = run(workedTarget);
    expect(r.orders).toBe(2004);
    expectClose(r.totalUnitsExact, 2404.8, 1e-12);
    expect(r.totalUnits).toBe(2405);
    expect(col(r, 'units')).toEqual([1203, 721, 481]);
    col(r, 'unitsExact').forEach((u, i) => expectClose(u, [1202.4, 721.44, 480.96][i]!, 1e-12));
    expect(col(r, 'shareOfUnits')).toEqual([0.5, 0.3, 0.2]);
    col(r, 'shareOfRevenue').forEach((s, i) => expectClose(s, [40 / 91, 27 / 91, 24 / 91][i]!, 1e-12));
    expect(col(r, 'revenue')).toEqual([44_043.96, 29_729.67, 26_426.37]);
    expect(r.revenue).toBe(100_200);
    expect(r.netRevenue).toBe(90_180);
    expect(col(r, 'netRevenue')).toEqual([39_639.56, 26_756.7, 23_783.74]);
    col(r, 'netUnits').forEach((u, i) => expectClose(u, [1082.16, 649.296, 432.864][i]!, 1e-12));
    expectClose(r.netUnits, 2164.32, 1e-12);
    expect(r.checks).toMatchObject({ unitsSumMatches: true, unitsDifference: 0, revenueSumMatches: true, revenueDifference: 0, netRevenueSumMatches: true, netRevenueDifference: 0 });
    expect(r.priceCheck).toMatchObject({ impliedRevenue: 109_418.4, gap: 9_218.4, mixAverageUnitPrice: 45.5, impliedAverageOrderValue: 54.6, impliedRevenueSumMatches: true });
    expectClose(r.priceCheck!.ratio, 1.092, 1e-12);
    expect(col(r, 'impliedRevenue')).toEqual([48_096, 32_464.8, 28_857.6]);
    expect(col(r, 'forecastGap')).toEqual([203, 21, 281]);
    col(r, 'forecastRatio').forEach((x, i) => expectClose(x!, [1.203, 1.03, 2.405][i]!, 1e-12));
    expect(r.forecastCheck).toMatchObject({ skuCount: 3, targetUnits: 2405, forecastUnits: 1900, gap: 505, notBackedSkus: ['C'] });
    expectClose(r.forecastCheck!.ratio!, 2405 / 1900, 1e-12);
    expect(r.warnings).toHaveLength(2);
    expect(r.warnings[0]).toMatch(/do not reproduce the AOV.*109418\.4.*\+9\.2%.*54\.6 instead of 50/);
    expect(r.warnings[1]).toMatch(/not backed by the forecast for 1 SKU.*C \(2\.40×\)/);
  });

  it('revenue mix: prices turn revenue shares into unit shares; prices that reproduce the AOV raise no warning', () => {
    // GMV 90,000, AOV 60, 1.5 units/order: 1,500 orders, 2,250 units. Revenue 50/50 at prices
    // 30 and 60: unit weights 0.5/30 : 0.5/60 = 2 : 1 → 1,500 and 750 units; revenue 45,000 each.
    // Implied GMV 1,500·30 + 750·60 = 90,000 = target (harmonic mean price 40 = 60 ÷ 1.5).
    const r = run({
      currency: 'EUR',
      gmvTarget: 90_000,
      averageOrderValue: 60,
      unitsPerOrder: 1.5,
      mixBasis: 'revenue',
      mix: [
        { sku: 'cheap', share: 0.5, price: 30 },
        { sku: 'dear', share: 0.5, price: 60 },
      ],
    });
    expect(r.totalUnits).toBe(2250);
    expect(col(r, 'units')).toEqual([1500, 750]);
    col(r, 'shareOfUnits').forEach((s, i) => expectClose(s, [2 / 3, 1 / 3][i]!, 1e-12));
    expect(col(r, 'shareOfRevenue')).toEqual([0.5, 0.5]);
    expect(col(r, 'revenue')).toEqual([45_000, 45_000]);
    expect(r.priceCheck).toMatchObject({ impliedRevenue: 90_000, gap: 0, mixAverageUnitPrice: 40, impliedAverageOrderValue: 60 });
    expect(r.warnings).toEqual([]);
  });

  it('revenue mix whose prices do not reproduce the AOV: warned, with the implied GMV and its gap', () => {
    // Same mix, AOV 50: 1,800 orders, 2,700 units → 1,800 and 900; implied 1,800·30 + 900·60
    // = 108,000 vs 90,000: gap 18,000, ratio 1.2; implied AOV 40 × 1.5 = 60 ≠ 50.
    const r = run({
      currency: 'EUR',
      gmvTarget: 90_000,
      averageOrderValue: 50,
      unitsPerOrder: 1.5,
      mixBasis: 'revenue',
      mix: [
        { sku: 'cheap', share: 0.5, price: 30 },
        { sku: 'dear', share: 0.5, price: 60 },
      ],
    });
    expect(col(r, 'units')).toEqual([1800, 900]);
    expect(r.priceCheck).toMatchObject({ impliedRevenue: 108_000, gap: 18_000, impliedAverageOrderValue: 60 });
    expectClose(r.priceCheck!.ratio, 1.2, 1e-12);
    expect(r.warnings).toEqual([expect.stringMatching(/do not reproduce the AOV.*\+20\.0%/)]);
  });

  it('traffic × conversion rate × AOV', () => {
    // 50,000 sessions × 2.5% = 1,250 orders × 48 = 60,000 GMV; × 1.3 = 1,625 units.
    const r = run({ currency: 'USD', traffic: 50_000, conversionRate: 0.025, averageOrderValue: 48, unitsPerOrder: 1.3, mix: [{ sku: 'only', share: 1 }] });
    expect(r.method).toBe('traffic-funnel');
    expect(r.formula).toContain('traffic × conversion rate × AOV');
    expectClose(r.orders, 1250, 1e-12);
    expect(r.revenue).toBe(60_000);
    expect(r.totalUnits).toBe(1625);
    expect(col(r, 'units')).toEqual([1625]);
  });

  it('forecast check: a zero forecast is not backed, partial forecasts are said to be partial', () => {
    const r = run({
      currency: 'USD',
      gmvTarget: 1000,
      averageOrderValue: 10,
      mix: [
        { sku: 'A', share: 0.5, forecastUnits: 0 },
        { sku: 'B', share: 0.25, forecastUnits: 100 },
        { sku: 'C', share: 0.25 },
      ],
    });
    // 100 units → 50 / 25 / 25.
    expect(r.skus[0]).toMatchObject({ units: 50, forecastUnits: 0, forecastGap: 50 });
    expect(r.skus[0]!.forecastRatio).toBeUndefined();
    expect(r.skus[1]).toMatchObject({ units: 25, forecastGap: -75, forecastRatio: 0.25 });
    expect(r.skus[2]!.forecastGap).toBeUndefined();
    expect(r.forecastCheck).toMatchObject({ skuCount: 2, targetUnits: 75, forecastUnits: 100, gap: -25, ratio: 0.75, notBackedSkus: ['A'] });
    expect(r.warnings.join('\n')).toMatch(/A \(forecast 0\)/);
    expect(r.warnings.join('\n')).toMatch(/given for 2 of 3 SKUs/);
  });

  it('warns when SKUs with a positive share get no whole unit', () => {
    // 2 units over 3 equal SKUs: quotas 0.67 each → 1 / 1 / 0.
    const r = run({ currency: 'USD', gmvTarget: 20, averageOrderValue: 10, mix: [{ sku: 'A', share: 1 / 3 }, { sku: 'B', share: 1 / 3 }, { sku: 'C', share: 1 / 3 }] });
    expect(col(r, 'units')).toEqual([1, 1, 0]);
    expect(r.warnings.join('\n')).toMatch(/1 SKU with a positive share gets 0 whole units out of 2: C/);
  });
});

describe('currency rounding', () => {
  it('knows the ISO 4217 minor units (JPY 0, USD 2, KWD 3, CLF 4, unknown 2)', () => {
    expect([minorUnitDigits('JPY'), minorUnitDigits('USD'), minorUnitDigits('KWD'), minorUnitDigits('CLF'), minorUnitDigits('ZZZ')]).toEqual([0, 2, 3, 4, 2]);
  });

  it('rounds half-up (away from zero) on the decimal value, not on its binary approximation', () => {
    expect(1.005 * 100).toBeLessThan(100.5); // the binary trap
    expect(roundMoney(1.005, 2)).toBe(1.01);
    expect(roundMoney(2.675, 2)).toBe(2.68);
    expect(roundMoney(1.0005, 3)).toBe(1.001);
    expect(roundMoney(1234.5, 0)).toBe(1235);
    expect(roundMoney(-1.005, 2)).toBe(-1.01);
    expect(roundMoney(1.004999, 2)).toBe(1);
    expect(toMinorUnits(0.1 + 0.2, 2)).toBe(30);
    expect(roundHalfUp(2.5)).toBe(3);
    expect(roundHalfUp(-0.4)).toBe(0);
    expect(Object.is(roundHalfUp(-0.4), -0)).toBe(false);
  });

  it('JPY: whole yen, and thirds that add up (rounding each would lose a yen)', () => {
    // ¥1,000,000 ÷ ¥2,500 = 400 orders = 400 units. Shares 0.3333333 / 0.3333333 / 0.3333334:
    // units 133.33332 / 133.33332 / 133.33336 → floors 399, the last unit to C → 133 / 133 / 134;
    // revenue ¥333,333.3 / 333,333.3 / 333,333.4 → floors 999,999, the last yen to C → 333,334.
    const r = run({
      currency: 'JPY',
      gmvTarget: 1_000_000,
      averageOrderValue: 2500,
      returnRate: 0.1,
      mix: [
        { sku: 'A', share: 0.3333333 },
        { sku: 'B', share: 0.3333333 },
        { sku: 'C', share: 0.3333334 },
      ],
    });
    expect(r.minorUnitDigits).toBe(0);
    expect(col(r, 'units')).toEqual([133, 133, 134]);
    expect(col(r, 'revenue')).toEqual([333_333, 333_333, 333_334]);
    // Net ¥900,000: 299,999.97 / 299,999.97 / 300,000.06 → floors 899,998; the two missing yen go to
    // A and B (.97 each; equal shares, so in mix order): 300,000 each.
    expect(r.netRevenue).toBe(900_000);
    expect(col(r, 'netRevenue')).toEqual([300_000, 300_000, 300_000]);
    expect(r.averageUnitRevenue).toBe(2500);
  });

  it('JPY: a target with half a yen rounds half-up once, at the output', () => {
    const r = run({ currency: 'JPY', gmvTarget: 1234.5, averageOrderValue: 1234.5, returnRate: 0.1, mix: [{ sku: 'A', share: 1 }] });
    expect(r.revenue).toBe(1235);
    expect(r.skus[0]!.revenue).toBe(1235);
    // Net: 1,234.5 × 0.9 = 1,111.05 → ¥1,111 (from the exact gross, not from the rounded ¥1,235).
    expect(r.netRevenue).toBe(1111);
  });

  it('KWD: three decimals (fils)', () => {
    // 10 KWD ÷ 2.5 = 4 orders = 4 units; thirds: units 1.33 each → 1 / 1 / 2 (C has the largest
    // remainder, .3333336); revenue 10,000 fils → 3,333.333 / 3,333.333 / 3,333.334 → 3.333 / 3.333 / 3.334.
    const r = run({
      currency: 'KWD',
      gmvTarget: 10,
      averageOrderValue: 2.5,
      mix: [
        { sku: 'A', share: 0.3333333 },
        { sku: 'B', share: 0.3333333 },
        { sku: 'C', share: 0.3333334 },
      ],
    });
    expect(r.minorUnitDigits).toBe(3);
    expect(col(r, 'units')).toEqual([1, 1, 2]);
    expect(col(r, 'revenue')).toEqual([3.333, 3.333, 3.334]);
    expect(r.checks.revenueSumMatches).toBe(true);
    expect(run({ currency: 'KWD', gmvTarget: 1.0005, averageOrderValue: 1, mix: [{ sku: 'A', share: 1 }] }).revenue).toBe(1.001);
  });
});

describe('largest remainder', () => {
  it('splits 10 by 25/25/50 into 3/2/5 (rounding each quota would give 11)', () => {
    expect(largestRemainder(10, [0.25, 0.25, 0.5])).toEqual([3, 2, 5]);
  });
  it('gives ties to the larger weight, then to the earlier entry, and nothing to a zero weight', () => {
    expect(largestRemainder(1, [1, 1])).toEqual([1, 0]);
    // Quotas 0.5 and 1.5: equal remainders, the unit goes to the larger weight.
    expect(largestRemainder(2, [1, 3])).toEqual([0, 2]);
    // Quotas 0.6 / 0.6 / 1.8 / 0: floors 0 / 0 / 1, two missing: C (.8), then A (tie with B, earlier).
    expect(largestRemainder(3, [0.5, 0.5, 1.5, 0])).toEqual([1, 0, 2, 0]);
    expect(largestRemainder(5, [0, 1, 0])).toEqual([0, 5, 0]);
    expect(largestRemainder(0, [1, 2])).toEqual([0, 0]);
  });
  it('always adds up to the total, with every part the floor or ceiling of its quota (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-9, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 50 }).filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = largestRemainder(total, weights);
          const sum = weights.reduce((a, w) => a + w, 0);
          expect(parts.reduce((a, p) => a + p, 0)).toBe(total);
          parts.forEach((p, i) => {
            expect(Number.isInteger(p)).toBe(true);
            const quota = (total * weights[i]!) / sum;
            expect(p).toBeGreaterThanOrEqual(Math.floor(quota * (1 - 1e-12)));
            expect(p).toBeLessThanOrEqual(Math.ceil(quota * (1 + 1e-12)));
            if (weights[i] === 0) expect(p).toBe(0);
          });
        },
      ),
    );
  });
});

/** A valid random input: shares from random weights (rescaled to add up to 1), optional prices and forecasts. */
const currency = fc.constantFrom('USD', 'JPY', 'KWD', 'EUR', 'CLF', 'KRW');
const skuEntry = fc.record({
  weight: fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 100, noNaN: true })),
  price: fc.double({ min: 0.01, max: 10_000, noNaN: true }),
  forecast: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: undefined }),
});
const anyInput = fc
  .record({
    currency,
    gmvTarget: fc.double({ min: 1, max: 1e8, noNaN: true }),
    averageOrderValue: fc.double({ min: 1, max: 10_000, noNaN: true }),
    unitsPerOrder: fc.double({ min: 1, max: 5, noNaN: true }),
    returnRate: fc.double({ min: 0, max: 0.9, noNaN: true }),
    mixBasis: fc.constantFrom('units' as const, 'revenue' as const),
    withPrices: fc.boolean(),
    entries: fc.array(skuEntry, { minLength: 1, maxLength: 40 }).filter((e) => e.some((x) => x.weight > 0)),
  })
  .map(({ entries, withPrices, ...rest }) => {
    const total = entries.reduce((a, e) => a + e.weight, 0);
    const prices = withPrices || rest.mixBasis === 'revenue';
    return {
      ...rest,
      mix: entries.map((e, i) => ({
        sku: `SKU-${i}`,
        share: e.weight / total,
        ...(prices ? { price: e.price } : {}),
        ...(e.forecast !== undefined ? { forecastUnits: e.forecast } : {}),
      })),
    } satisfies Input;
  });

describe('properties (fast-check)', () => {
  it('whole units and rounded revenue always add up exactly to their totals; every number is finite', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const parsed = ForecastTargetInput.safeParse(input);
        fc.pre(parsed.success);
        const r = forecastTarget(parsed.data!);
        const d = r.minorUnitDigits;
        expect(allFinite(r)).toBe(true);
        expect(r.skus.reduce((a, s) => a + s.units, 0)).toBe(r.totalUnits);
        expect(r.skus.reduce((a, s) => a + toMinorUnits(s.revenue, d), 0)).toBe(toMinorUnits(r.revenue, d));
        expect(r.skus.reduce((a, s) => a + toMinorUnits(s.netRevenue, d), 0)).toBe(toMinorUnits(r.netRevenue, d));
        if (r.priceCheck) expect(r.skus.reduce((a, s) => a + toMinorUnits(s.impliedRevenue!, d), 0)).toBe(toMinorUnits(r.priceCheck.impliedRevenue, d));
        expect(r.checks).toMatchObject({ unitsSumMatches: true, unitsDifference: 0, revenueSumMatches: true, revenueDifference: 0, netRevenueSumMatches: true, netRevenueDifference: 0 });
        expect(Number.isInteger(r.totalUnits)).toBe(true);
        expect(Math.abs(r.totalUnits - r.totalUnitsExact)).toBeLessThanOrEqual(0.5 + 1e-9);
        for (const s of r.skus) {
          expect(Number.isInteger(s.units) && s.units >= 0).toBe(true);
          // Hamilton's quota property: within one unit of the exact share of the rounded total.
          expect(Math.abs(s.units - s.shareOfUnits * r.totalUnits)).toBeLessThan(1 + 1e-9);
          // Money is a whole number of minor units.
          expect(toMinorUnits(s.revenue, d) / 10 ** d).toBe(s.revenue);
        }
        expectClose(r.skus.reduce((a, s) => a + s.shareOfUnits, 0), 1, 1e-12);
        expectClose(r.skus.reduce((a, s) => a + s.shareOfRevenue, 0), 1, 1e-12);
        expectClose(r.checks.unitsExactDifference, 0, 0, 1e-9 * r.totalUnitsExact);
      }),
    );
  });

  it('scaling the GMV scales the exact units and leaves the shares alone', () => {
    fc.assert(
      fc.property(anyInput, fc.double({ min: 0.1, max: 10, noNaN: true }), (input, k) => {
        const base = ForecastTargetInput.safeParse(input);
        const scaled = ForecastTargetInput.safeParse({ ...input, gmvTarget: input.gmvTarget * k });
        fc.pre(base.success && scaled.success);
        const a = forecastTarget(base.data!);
        const b = forecastTarget(scaled.data!);
        expectClose(b.totalUnitsExact, k * a.totalUnitsExact, 1e-12);
        expectClose(b.orders, k * a.orders, 1e-12);
        a.skus.forEach((s, i) => {
          expectClose(b.skus[i]!.unitsExact, k * s.unitsExact, 1e-12, 1e-300);
          expect(b.skus[i]!.shareOfUnits).toBe(s.shareOfUnits);
          expect(b.skus[i]!.shareOfRevenue).toBe(s.shareOfRevenue);
        });
        if (a.priceCheck && b.priceCheck) expectClose(b.priceCheck.ratio, a.priceCheck.ratio, 1e-12);
      }),
    );
  });

  it('stays finite at the edges of the accepted ranges (tiny and huge prices, forecasts, targets)', () => {
    const edge = fc.constantFrom(5e-324, 1e-300, 1e-9, 0.01, 1, 1e6, 1e9);
    fc.assert(
      fc.property(
        fc.record({
          currency,
          gmvTarget: fc.constantFrom(0.01, 1, 1e6, 1e9),
          averageOrderValue: edge,
          unitsPerOrder: fc.constantFrom(1, 1.5, 1e3, 1e9),
          mixBasis: fc.constantFrom('units' as const, 'revenue' as const),
          prices: fc.array(edge, { minLength: 2, maxLength: 2 }),
          shares: fc.constantFrom([1, 0], [0, 1], [0.5, 0.5], [1e-7, 1 - 1e-7]),
          forecasts: fc.array(fc.constantFrom(0, 5e-324, 1e-300, 1, 1e9), { minLength: 2, maxLength: 2 }),
        }),
        ({ prices, shares, forecasts, ...rest }) => {
          const parsed = ForecastTargetInput.safeParse({
            ...rest,
            mix: shares.map((share, i) => ({ sku: `S${i}`, share, price: prices[i]!, forecastUnits: forecasts[i]! })),
          });
          if (!parsed.success) return; // e.g. more than 1e9 units: reported as a validation issue
          const r = forecastTarget(parsed.data);
          expect(allFinite(r)).toBe(true);
          expect(r.checks.unitsSumMatches && r.checks.revenueSumMatches && r.checks.netRevenueSumMatches).toBe(true);
        },
      ),
    );
  });
});

describe('input rules', () => {
  const base: Input = { currency: 'USD', gmvTarget: 1000, averageOrderValue: 10, mix: [{ sku: 'A', share: 1 }] };
  const issues = (input: unknown) => {
    const parsed = ForecastTargetInput.safeParse(input);
    return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('/')}: ${i.message}`);
  };

  it('accepts shares that add up to 1 within 1e-6 and rescales them', () => {
    const r = run({ ...base, mix: [{ sku: 'A', share: 0.5 }, { sku: 'B', share: 0.4999995 }] });
    expect(r.checks.shareSum).toBeCloseTo(0.9999995, 12);
    expectClose(r.skus[0]!.shareOfUnits + r.skus[1]!.shareOfUnits, 1, 1e-15);
    expect(r.totalUnits).toBe(100);
    expect(col(r, 'units')).toEqual([50, 50]);
  });

  it('names the field of every broken rule', () => {
    expect(issues({ ...base, mix: [{ sku: 'A', share: 0.5 }, { sku: 'B', share: 0.4 }] })).toEqual([expect.stringMatching(/^mix: .*add up to 0\.9/)]);
    expect(issues({ ...base, mix: [{ sku: 'A', share: 0.5 }, { sku: 'A', share: 0.5 }] })).toEqual([expect.stringMatching(/^mix\/1\/sku: duplicate SKU "A"/)]);
    expect(issues({ ...base, mixBasis: 'revenue', mix: [{ sku: 'A', share: 0.5, price: 1 }, { sku: 'B', share: 0.5 }] })).toEqual([expect.stringMatching(/^mix\/1\/price: price is required/)]);
    expect(issues({ ...base, mix: [{ sku: 'A', share: 0.5, price: 1 }, { sku: 'B', share: 0.5 }] })).toEqual([expect.stringMatching(/^mix\/1\/price: give price for every SKU/)]);
    expect(issues({ ...base, traffic: 100, conversionRate: 0.1 })).toEqual([expect.stringMatching(/^traffic: give gmvTarget, or traffic/)]);
    expect(issues({ ...base, gmvTarget: undefined })).toEqual([expect.stringMatching(/^gmvTarget: give gmvTarget/)]);
    expect(issues({ ...base, gmvTarget: undefined, traffic: 100 })).toEqual([expect.stringMatching(/^conversionRate: conversionRate is required/)]);
    expect(issues({ ...base, averageOrderValue: undefined })).toEqual([expect.stringMatching(/^averageOrderValue: averageOrderValue is required/)]);
    expect(issues({ ...base, averageOrderValue: 1e-6 })).toEqual([]); // exactly 1e9 units: the bound itself is accepted
    expect(issues({ ...base, averageOrderValue: 1e-7 })).toEqual([expect.stringMatching(/^averageOrderValue: the target needs 10000000000 units .*is averageOrderValue in USD/)]);
    expect(issues({ ...base, gmvTarget: 0.004 })).toEqual([expect.stringMatching(/^gmvTarget: .*less than one minor unit \(0\.01 USD\)/)]);
    expect(issues({ ...base, gmvTarget: undefined, traffic: 1e9, conversionRate: 1, averageOrderValue: 1e9 })).toEqual([expect.stringMatching(/^traffic: .*more than the 1000000000 accepted/)]);
    expect(issues({ ...base, currency: 'usd' })).toEqual([expect.stringMatching(/^currency: must be an ISO 4217/)]);
    expect(issues({ ...base, mix: [] })).toHaveLength(1);
    expect(issues({ ...base, mix: [{ sku: 'A', share: 1.5 }] })).toEqual([expect.stringMatching(/^mix\/0\/share/)]);
    expect(issues({ ...base, unitsPerOrder: 0.5 })).toEqual([expect.stringMatching(/^unitsPerOrder/)]);
    expect(issues({ ...base, returnRate: 1 })).toEqual([expect.stringMatching(/^returnRate/)]);
  });

  it('takes up to 1000 SKUs', () => {
    const mix = Array.from({ length: 1000 }, (_, i) => ({ sku: `S${i}`, share: 0.001 }));
    const r = run({ ...base, gmvTarget: 12_345.67, averageOrderValue: 3.21, mix });
    expect(r.skus).toHaveLength(1000);
    expect(r.checks.unitsSumMatches && r.checks.revenueSumMatches).toBe(true);
    expect(issues({ ...base, mix: [...mix, { sku: 'X', share: 0 }] })).toHaveLength(1);
  });
});

describe('calculation declaration', () => {
  it('is forecast/target with totalUnits as the primary number and one CSV row per SKU', () => {
    expect(forecastTargetCalculation.name).toBe('forecast/target');
    expect(forecastTargetCalculation.primary).toBe('totalUnits');
    const r = forecastTargetCalculation.compute(forecastTargetCalculation.input.parse(forecastTargetCalculation.example));
    expect(ForecastTargetInput.safeParse(forecastTargetCalculation.example).success).toBe(true);
    const table = forecastTargetCalculation.table(r);
    expect(table.columns[0]).toBe('sku');
    expect(table.rows).toHaveLength(forecastTargetCalculation.example.mix.length);
    expect(table.rows.map((row) => row[0])).toEqual(['TEE-BLK-M', 'TEE-WHT-M', 'CAP-NAVY']);
    expect(forecastTargetCalculation.result.safeParse(r).success).toBe(true);
  });
});
