/**
 * Stock-up plan: hand-worked examples of the cut-off, ship-by and order-by logic, phased shipments
 * and their expected outcomes, the automatic split, the buffer policies, ABC, every demand source,
 * and the validation and domain errors.
 */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../core/errors.js';
import { forecast, ForecastInput } from '../../core/forecast/forecast.js';
import { abcClasses } from '../../core/plan/abc.js';
import { periodWeights } from '../../core/plan/coverage.js';
import { dayOf, isoOf } from '../../core/plan/schedule.js';
import { arrivalOutcome } from '../../core/plan/shipments.js';
import { StockPlanInput, stockPlan, stockPlanCalculation } from '../../core/plan/stock-plan.js';
import { normalDemand } from '../../core/stock/demand.js';
import { normalCdf, normalLoss, normalQuantile } from '../../core/stats/normal.js';
import { autoExample, phasedExample } from '../fixtures/plan-stock-examples.js';
import { allFinite, expectClose } from '../helpers.js';

const plan = (body: unknown) => stockPlan(StockPlanInput.parse(body));
const domainError = (body: unknown): DomainError => {
  try {
    plan(body);
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a DomainError');
};
const issues = (body: unknown) => {
  const r = StockPlanInput.safeParse(body);
  expect(r.success).toBe(false);
  return r.error!.issues.map((i) => ({ path: i.path.join('/'), message: i.message }));
};

/**
 * Worked example 1 — phased shipment, 70 % sea / 30 % air, as of 2026-09-01 (fixture phasedExample).
 *
 * Dates. Promo 27–30 Nov, 14 days of cover → coverage window 27 Nov – 14 Dec (18 days). Cut-off
 * 15 days before 27 Nov = 12 Nov (K).
 *
 * Sea, T ~ N(30, 5²), receiving R = 5, handling H = 0, p = 0.95 (z = 1.64485):
 *   F_T⁻¹(0.95) = 30 + 5·1.64485 = 38.224 days; latest ship = ⌊K − 5 − 38.224⌋ = K − 44 = 29 Sep;
 *   P(on time) shipping 29 Sep: T ≤ K − s − R = 44 − 5 = 39 → Φ((39 − 30)/5) = Φ(1.8) = 0.96407;
 *   latest order = 29 Sep − 20 days of production = 9 Sep; expected arrival 29 Sep + 30 + 5 = 3 Nov.
 * Air, T ~ N(5, 1²): F_T⁻¹(0.95) = 6.645; latest ship = ⌊K − 5 − 6.645⌋ = K − 12 = 31 Oct;
 *   P(on time) = Φ((12 − 5 − 5)/1) = Φ(2) = 0.97725; latest order 11 Oct; expected arrival 10 Nov.
 *
 * Quantity. Demand N(1000, 200²); multiplier 1.2 → target stock 1,200. Position: 150 on hand +
 * 100 in transit arriving 1 Nov (≤ K, counted) = 250; 50 arriving 20 Nov are after the cut-off
 * (not counted, warned). Net 950 ≥ MOQ 500; cartons of 24 → ⌈950/24⌉ = 40 cartons = 960 units.
 * Split 40 cartons 70/30 → 28 + 12 cartons = 672 + 288 units.
 *
 * Outcomes over the four on-time/late combinations (L(a) = 200·G((a − 1000)/200)):
 *   both on time   π_s·π_a         available 250 + 672 + 288 = 1210
 *   sea late       (1 − π_s)·π_a   available 250 + 288 = 538
 *   air late       π_s·(1 − π_a)   available 250 + 672 = 922
 *   both late      (1 − π_s)(1 − π_a) available 250
 *   E[lost] = Σ P·L(available) = 33.857; all on time it would be L(1210) = 15.136, so late
 *   arrivals cost 18.72 expected sales. Expected sales 966.14; leftover 1210 − 966.14 = 243.86;
 *   fill rate 0.96614; expected available 250 + 672·π_s + 288·π_a = 1179.30.
 */
describe('worked example 1: phased shipment against the cut-off', () => {
  const result = plan(phasedExample());
  const sku = result.skus[0]!;
  const ps = normalCdf(1.8);
  const pa = normalCdf(2);

  it('works the dates back from the cut-off', () => {
    expect(result.promoStart).toBe('2026-11-27');
    expect(result.promoEnd).toBe('2026-11-30');
    expect(result.coverageEnd).toBe('2026-12-14');
    expect(result.coverageDays).toBe(18);
    expect(result.cutoffDate).toBe('2026-11-12');
    expectClose(result.modes[0]!.transitQuantileDays, 30 + 5 * normalQuantile(0.95), 1e-12);
    expect(result.modes.map((m) => m.latestShipDate)).toEqual(['2026-09-29', '2026-10-31']);
    expect(result.modes.map((m) => m.doorToDoorMeanDays)).toEqual([35, 10]);
  });

  it('sizes the quantity: target − position, MOQ, whole cartons', () => {
    expect(sku.targetStock).toBeCloseTo(1200, 9);
    expect(sku.position).toEqual({ onHand: 150, inTransitByCutoff: 100, inTransitAfterCutoff: 50, onOrder: 0, salesBeforePromo: 0, total: 250 });
    expect(sku.netRequirement).toBeCloseTo(950, 9);
    expect(sku.moqApplied).toBe(false);
    expect(sku.cartons).toBe(40);
    expect(sku.quantityToProduce).toBe(960);
    expect(sku.peakStockUnits).toBe(150 + 100 + 50 + 960);
    expect(sku.warnings.some((w) => w.includes('50 in-transit units arrive after the cut-off 2026-11-12'))).toBe(true);
  });

  it('splits 70/30 in whole cartons with the hand-computed dates and probabilities', () => {
    expect(sku.batches.map((b) => [b.mode, b.cartons, b.quantity, b.arriveBy, b.latestShipDate, b.latestOrderDate, b.plannedShipDate, b.expectedArrival])).toEqual([
      ['sea', 28, 672, '2026-11-12', '2026-09-29', '2026-09-09', '2026-09-29', '2026-11-03'],
      ['air', 12, 288, '2026-11-12', '2026-10-31', '2026-10-11', '2026-10-31', '2026-11-10'],
    ]);
    expectClose(sku.batches[0]!.pOnTime, ps, 1e-12);
    expectClose(sku.batches[1]!.pOnTime, pa, 1e-12);
    expect(sku.latestOrderDate).toBe('2026-09-09');
    expect(sku.batches.map((b) => b.freightCost)).toEqual([336, 864]);
    expect(sku.freightCost).toBe(1200);
  });

  it('has the hand-computed expected lost sales, sales, leftover and fill rate', () => {
    const L = (a: number) => 200 * normalLoss((a - 1000) / 200);
    const lost = ps * pa * L(1210) + (1 - ps) * pa * L(538) + ps * (1 - pa) * L(922) + (1 - ps) * (1 - pa) * L(250);
    expectClose(lost, 33.857185418487795, 1e-9); // the figure in the comment above
    expectClose(sku.expectedLostSales, lost, 1e-12);
    expectClose(sku.lateArrivalLostSales, lost - L(1210), 1e-12);
    expectClose(sku.expectedSales, 1000 - lost, 1e-12);
    expectClose(sku.expectedLeftover, 1210 - (1000 - lost), 1e-12);
    expectClose(sku.fillRate, (1000 - lost) / 1000, 1e-12);
    expectClose(sku.expectedAvailable, 250 + 672 * ps + 288 * pa, 1e-12);
    // Plugging the expected available stock into the loss function would understate lost sales (Jensen).
    expect(L(sku.expectedAvailable)).toBeLessThan(sku.expectedLostSales);
  });

  it('gives one CSV row per batch', () => {
    const table = stockPlanCalculation.table(result);
    expect(table.rows).toHaveLength(2);
    expect(table.rows[0]!.slice(0, 12)).toEqual(['HERO', 'A', 1, 'sea', 672, 28, '2026-11-12', '2026-09-09', '2026-09-29', '2026-09-29', '2026-11-03', ps]);
  });
});

/**
 * Worked example 2 — the same SKU planned too late.
 * (a) As of 20 Sep: production (20 days) ends 10 Oct, after sea's latest ship date 29 Sep (which
 *     itself is still ahead), so the latest order date 9 Sep has passed. Sea is planned on the
 *     earliest ship date 10 Oct: T ≤ 12 Nov − 10 Oct − 5 = 28 → Φ((28 − 30)/5) = Φ(−0.4) = 0.34458.
 *     Air's latest order date 11 Oct is still ahead: planned 31 Oct, Φ(2).
 * (b) As of 5 Oct: the sea ship-by date 29 Sep itself has passed; earliest ship 25 Oct →
 *     T ≤ 18 − 5 = 13 → Φ(−3.4) = 0.000337. Air is still on plan (31 Oct ≥ 25 Oct).
 *     Shipping today by sea (no production) would give Φ((38 − 5 − 30)/5) = Φ(0.6) = 0.72575.
 * (c) As of 13 Nov the cut-off (12 Nov) has passed: 422 stock-plan.cutoff-passed.
 */
describe('worked example 2: ship-by and order-by dates already passed', () => {
  it('(a) warns that the order-by date has passed and plans the earliest ship date', () => {
    const sku = plan(phasedExample({ asOf: '2026-09-20' })).skus[0]!;
    const sea = sku.batches[0]!;
    expect(sea.latestShipDate).toBe('2026-09-29');
    expect(sea.plannedShipDate).toBe('2026-10-10');
    expectClose(sea.pOnTime, normalCdf(-0.4), 1e-12);
    expect(sku.batches[1]!.plannedShipDate).toBe('2026-10-31');
    expect(sku.warnings.filter((w) => w.startsWith('Batch'))).toEqual([
      'Batch 1 (sea): the latest order date 2026-09-09 has passed (production takes 20 days); shipping on the earliest date 2026-10-10 gives P(on time by 2026-11-12) = 0.345 instead of 0.95.',
    ]);
  });

  it('(b) warns that the ship-by date has passed', () => {
    const result = plan(phasedExample({ asOf: '2026-10-05' }));
    const sku = result.skus[0]!;
    expect(sku.batches[0]!.plannedShipDate).toBe('2026-10-25');
    expectClose(sku.batches[0]!.pOnTime, normalCdf(-3.4), 1e-12);
    expect(sku.batches[1]!.plannedShipDate).toBe('2026-10-31');
    expect(sku.warnings.some((w) => w.startsWith('Batch 1 (sea): the latest ship date 2026-09-29 has passed'))).toBe(true);
    expectClose(result.modes[0]!.pOnTimeIfShippedToday, normalCdf(0.6), 1e-12);
    expect(result.warnings).toContain('1 SKU(s) have a latest order date before asOf: see their warnings.');
  });

  it('(c) answers stock-plan.cutoff-passed when the cut-off is before asOf', () => {
    const err = domainError(phasedExample({ asOf: '2026-11-13' }));
    expect(err.code).toBe('stock-plan.cutoff-passed');
    expect(err.path).toEqual(['promo', 'cutoffDaysBefore']);
    // On the cut-off day itself the plan still runs (air cannot make it: P ≈ 0).
    expect(plan(phasedExample({ asOf: '2026-11-12', sku: { productionLeadTimeDays: 0 } })).skus[0]!.batches[1]!.pOnTime).toBeLessThan(1e-6);
  });
});

/**
 * Worked example 3 — replenishment batch held back: 70 % by sea for the cut-off, 30 % by air due
 * only on 26 Nov (the day before the promo). Air's latest ship = ⌊26 Nov − 5 − 6.645⌋ = 14 Nov, after
 * the cut-off itself; P(on time) = Φ(2) again.
 */
describe('worked example 3: a held-back batch with its own arrive-by date', () => {
  it('works the held-back batch back from its own date', () => {
    const body = phasedExample();
    body.shipments.batches[1] = { mode: 'air', share: 0.3, arriveBy: '2026-11-26' } as never;
    const air = plan(body).skus[0]!.batches[1]!;
    expect(air.arriveBy).toBe('2026-11-26');
    expect(air.latestShipDate).toBe('2026-11-14');
    expect(air.latestOrderDate).toBe('2026-10-25');
    expectClose(air.pOnTime, normalCdf(2), 1e-12);
  });
});

/**
 * Worked example 4 — automatic split (fixture autoExample): deterministic demand 100, sea on time
 * with probability 1/2 at 1 per unit, air on time for sure at 4 per unit. With a share x by sea,
 * expected cost = 100x·1 + 100(1 − x)·4 + u·E[late lost] = 400 − 300x + u·50x.
 * u = 10: 400 + 200x → all air, cost 400, no late cost.
 * u = 5:  400 − 50x  → all sea, freight 100 + late cost 250 = 350.
 * u = 6:  400 for every x → the tie keeps the first single mode (sea).
 */
describe('worked example 4: automatic split between sea and air', () => {
  it('goes all air when a late unit costs 10', () => {
    const sku = plan(autoExample(10)).skus[0]!;
    expect(sku.quantityToProduce).toBe(100);
    expect(sku.batches.map((b) => [b.mode, b.quantity])).toEqual([['air', 100]]);
    expect(sku.split).toMatchObject({ method: 'auto', expectedCost: 400, lateCost: 0 });
    expect(sku.expectedLostSales).toBe(0);
  });

  it('goes all sea when a late unit costs 5', () => {
    const sku = plan(autoExample(5)).skus[0]!;
    expect(sku.batches.map((b) => [b.mode, b.quantity, b.pOnTime])).toEqual([['sea', 100, 0.5]]);
    expect(sku.split).toMatchObject({ method: 'auto', expectedCost: 350, lateCost: 250 });
    expect(sku.expectedLostSales).toBe(50);
    expect(sku.warnings.some((w) => w.includes('Batch 1 (sea): the latest ship date'))).toBe(true);
  });

  it('keeps the single first mode on a tie', () => {
    const sku = plan(autoExample(6)).skus[0]!;
    expect(sku.batches.map((b) => b.mode)).toEqual(['sea']);
    expect(sku.split.expectedCost).toBe(400);
  });

  it('compares every single mode and every pair in 5 % steps', () => {
    expect(plan(autoExample(10)).skus[0]!.split.candidates).toBe(2 + 19);
  });
});

describe('buffer policies', () => {
  const base = (policy: unknown, extra: Record<string, unknown> = {}) =>
    plan({
      asOf: '2026-09-01',
      promo: { start: '2026-11-27', end: '2026-11-30', coverageDaysAfter: 14 },
      modes: [{ name: 'sea', transitDays: 30 }],
      skus: [{ sku: 'S', demand: { source: 'normal', mean: 1000, stdDev: 200, dailyAfterPromo: 50 }, policy, ...extra }],
    }).skus[0]!;

  it('statistical cycle service level: S = μ + Φ⁻¹(CSL)·σ', () => {
    expectClose(base({ type: 'statistical', serviceLevel: 0.95 }).targetStock, 1000 + 200 * normalQuantile(0.95), 1e-12);
  });

  it('statistical fill rate: σ·G(k) = (1 − β)·μ, and the plan reaches β when every batch is on time', () => {
    const sku = base({ type: 'statistical', serviceLevel: 0.99, measure: 'fill-rate' }, { casePack: 1 });
    const k = (sku.targetStock - 1000) / 200;
    expectClose(200 * normalLoss(k), 0.01 * 1000, 1e-9);
    // Sea has no spread and makes the cut-off for sure: the fill rate is the target (whole units round up).
    expect(sku.batches[0]!.pOnTime).toBe(1);
    expect(sku.fillRate).toBeGreaterThanOrEqual(0.99);
    expect(sku.fillRate).toBeLessThan(0.9901);
  });

  it('statistical with a replenishment mode: σ_T = √(σ² + d²·σ_L²)', () => {
    const body = {
      asOf: '2026-09-01',
      promo: { start: '2026-11-27', end: '2026-11-30', coverageDaysAfter: 14 },
      modes: [
        { name: 'sea', transitDays: 30, transitStdDevDays: 5 },
        { name: 'rail', transitDays: 20, transitStdDevDays: 4 },
      ],
      skus: [{ sku: 'S', demand: { source: 'normal', mean: 1000, stdDev: 200, dailyAfterPromo: 50 }, policy: { type: 'statistical', serviceLevel: 0.9, replenishmentMode: 'rail' } }],
    };
    const sku = plan(body).skus[0]!;
    expectClose(sku.demand.stdDevToCover, Math.hypot(200, 50 * 4), 1e-12);
    expectClose(sku.targetStock, 1000 + normalQuantile(0.9) * Math.hypot(200, 200), 1e-12);
    expect(sku.policy).toEqual({ type: 'statistical', source: 'sku', serviceLevel: 0.9, measure: 'cycle', replenishmentMode: 'rail' });
  });

  it('newsvendor: S = μ + σ·Φ⁻¹(c_u/(c_u + c_o)) with c_u = 30 − 10, c_o = 10 − 5', () => {
    const sku = base({ type: 'newsvendor' }, { price: 30, unitCost: 10, salvageValue: 5 });
    expect(sku.policy.criticalRatio).toBeCloseTo(0.8, 12);
    expectClose(sku.targetStock, 1000 + 200 * normalQuantile(0.8), 1e-12);
  });

  it('newsvendor errors keep their code with the SKU path', () => {
    const err = (() => {
      try {
        base({ type: 'newsvendor' }, { price: 8, unitCost: 9 });
      } catch (e) {
        return e as DomainError;
      }
      throw new Error('expected an error');
    })();
    expect(err.code).toBe('newsvendor.unprofitable');
    expect(err.path).toEqual(['skus', 0, 'price']);
  });

  it('multiplier and the class defaults', () => {
    expect(base({ type: 'multiplier', factor: 1.5 }).targetStock).toBe(1500);
    const def = base(undefined, { class: 'C' });
    expect(def.policy).toEqual({ type: 'statistical', source: 'default', serviceLevel: 0.9, measure: 'cycle' });
  });

  it('MOQ forces overstock, with a warning', () => {
    const sku = base({ type: 'multiplier', factor: 1 }, { onHand: 900, moq: 500, casePack: 12 });
    expect(sku.netRequirement).toBe(100);
    expect(sku.moqApplied).toBe(true);
    expect(sku.quantityToProduce).toBe(504); // 500 → 42 cartons of 12
    expect(sku.warnings.some((w) => w.startsWith('MOQ forces overstock: the MOQ of 500 raises the quantity from 100 to 500 (504 in whole cartons)'))).toBe(true);
  });

  it('nothing to produce when the position covers the target', () => {
    const sku = base({ type: 'multiplier', factor: 1 }, { onHand: 600, onOrder: 500 });
    expect(sku.quantityToProduce).toBe(0);
    expect(sku.batches).toEqual([]);
    expect(sku.split.method).toBe('none');
    expect(sku.latestOrderDate).toBeUndefined();
  });

  it('warns when the SKU or the warehouse capacity is exceeded', () => {
    const result = plan({
      asOf: '2026-09-01',
      promo: { start: '2026-11-27', days: 4 },
      modes: [{ name: 'sea', transitDays: 30 }],
      warehouse: { capacityUnits: 1000, capacityM3: 1 },
      skus: [{ sku: 'S', demand: { source: 'normal', mean: 1000, stdDev: 0 }, policy: { type: 'multiplier', factor: 1.1 }, maxUnits: 1000, unitVolumeM3: 0.01 }],
    });
    expect(result.skus[0]!.warnings).toContain("Capacity exceeded: the SKU's stock peaks at 1,100 units, above its maxUnits of 1,000.");
    expect(result.warnings).toContain("Capacity exceeded: the plan's stock peaks at 1,100 units, above the warehouse capacity of 1,000 units.");
    expect(result.warnings).toContain("Capacity exceeded: the plan's stock peaks at 11 m³, above the warehouse capacity of 1 m³.");
  });
});

describe('ABC classification by revenue', () => {
  it('A while the share before the SKU is under 80 %, B under 95 %, C after', () => {
    expect(abcClasses([50, 30, 10, 6, 4], { aShare: 0.8, bShare: 0.95 })).toEqual(['A', 'A', 'B', 'B', 'C']);
    expect(abcClasses([4, 6, 10, 30, 50], { aShare: 0.8, bShare: 0.95 })).toEqual(['C', 'B', 'B', 'A', 'A']);
    expect(abcClasses([90, 6, 4], { aShare: 0.8, bShare: 0.95 })).toEqual(['A', 'B', 'C']);
    expect(abcClasses([0, 0], { aShare: 0.8, bShare: 0.95 })).toEqual(['C', 'C']);
  });

  it('classifies the SKUs of a plan by μ × price, or by units when a price is missing', () => {
    const skus = [50, 30, 10, 6, 4].map((mean, i) => ({ sku: `S${i}`, demand: { source: 'normal', mean: mean * 10, stdDev: 0 }, price: 10 }));
    const body = { asOf: '2026-09-01', promo: { start: '2026-11-27', days: 4 }, modes: [{ name: 'sea', transitDays: 30 }], skus };
    const result = plan(body);
    expect(result.skus.map((s) => s.class)).toEqual(['A', 'A', 'B', 'B', 'C']);
    expect(result.skus.every((s) => s.classSource === 'abc-revenue')).toBe(true);
    expect(result.totals.byClass.map((c) => [c.class, c.skus])).toEqual([['A', 2], ['B', 2], ['C', 1]]);
    const noPrice = plan({ ...body, skus: skus.map((s, i) => (i === 4 ? { ...s, price: undefined } : s)) });
    expect(noPrice.skus[0]!.classSource).toBe('abc-units');
    expect(noPrice.warnings[0]).toMatch(/by mean demand \(units\)/);
  });
});

/**
 * Demand from a weekly forecast result: weeks starting Mon 23 Nov, 30 Nov, 7 Dec, 14 Dec with
 * forecasts 700, 350, 210, 140. The window 27 Nov – 14 Dec covers 3/7 of the first week (Fri–Sun),
 * two whole weeks and 1/7 of the last: μ = 300 + 350 + 210 + 20 = 880.
 * σ without a window sum, from the 95 % upper bounds (σᵢ = 70, 35, 21, 14): bound 3/7·70 + 35 + 21
 * + 1/7·14 = 88. With a window sum over weeks 1–4 (sum 1,400, σ 100): σ = 100·880/1,400.
 * Daily demand after the promo (1–14 Dec): (6/7·350 + 210 + 1/7·140)/14 = 530/14.
 */
describe('demand from a forecast result', () => {
  const z95 = normalQuantile(0.975);
  const periods = [700, 350, 210, 140].map((f, i) => ({ period: i + 1, date: isoOf(dayOf('2026-11-23') + 7 * i), forecast: f, baseline: f, lower: { '95': 0 }, upper: { '80': f, '95': f + z95 * f * 0.1 } }));
  const body = (result: unknown) => ({
    asOf: '2026-09-01',
    promo: { start: '2026-11-27', end: '2026-11-30', coverageDaysAfter: 14 },
    modes: [{ name: 'sea', transitDays: 30 }],
    skus: [{ sku: 'S', class: 'B', demand: { source: 'forecast-result', frequency: 'week', result } }],
  });

  it('prorates the weeks cut by the window and bounds σ from the intervals', () => {
    expect(periodWeights([[0, 7], [7, 14], [14, 21]], 3, 17)).toEqual({ first: 1, last: 3, weights: [4 / 7, 1, 3 / 7] });
    const d = plan(body({ periods, fitted: [1, 2], anything: 'ignored' })).skus[0]!.demand;
    expectClose(d.mean, 880, 1e-12);
    expectClose(d.stdDev, 88, 1e-12);
    expect(d.stdDevBasis).toBe('interval-bound');
    expect([d.firstPeriod, d.lastPeriod]).toEqual([1, 4]);
    expectClose(d.dailyAfterPromo, 530 / 14, 1e-12);
  });

  /**
   * With the forecast's days (dailyBreakdown): week 1 (23–29 Nov 2026, Thanksgiving on the 26th)
   * split Mon–Thu 50 each, Black Friday 300, Sat 100, Sun 100. The window from Friday takes 500 of
   * its 700 (weight 5/7 instead of 3/7): μ = 500 + 350 + 210 + 20 = 1,080; σ bound
   * 5/7·70 + 35 + 21 + 2 = 108. Week 4 has no days given: its share of days (1/7) stays.
   */
  it('weights a week cut by the window by its days’ forecasts when the result carries days', () => {
    const days = [50, 50, 50, 50, 300, 100, 100].map((forecast, k) => ({ date: isoOf(dayOf('2026-11-23') + k), forecast, baseline: 100 }));
    const d = plan(body({ periods, days })).skus[0]!.demand;
    expectClose(d.mean, 1080, 1e-12);
    expectClose(d.stdDev, 108, 1e-12);
    expectClose(d.dailyAfterPromo, 530 / 14, 1e-12);
  });

  it('splits an inline weekly forecast with events by day for a window cut mid-week', () => {
    const history = new Array<number>(104).fill(100);
    history[46] = 200;
    history[99] = 200;
    const request = { history, frequency: 'week', start: '2024-11-25', method: 'naive', events: [{ name: 'black-friday' }] };
    // History 2024-11-25 .. 2026-11-16; BF 2024-11-29 is week 0, 2025-11-28 week 52: move the 200s there.
    request.history = new Array<number>(104).fill(100);
    request.history[0] = 200;
    request.history[52] = 200;
    const result = plan({
      asOf: '2026-09-01',
      promo: { start: '2026-11-27', end: '2026-11-30', coverageDaysAfter: 0 },
      modes: [{ name: 'sea', transitDays: 30 }],
      skus: [{ sku: 'S', class: 'B', demand: { source: 'forecast', request } }],
    });
    // Week of 23 Nov (Fri–Sun in the window): 100/7·2 + 800/7 = 1000/7; Monday 30 Nov: 100/7 → μ = 1100/7 (prorating by days: 3/7·200 + 1/7·100 = 700/7).
    expectClose(result.skus[0]!.demand.mean, 1100 / 7, 1e-9);
  });

  it('uses the simulated window sum of the touched periods when the result has it', () => {
    const d = plan(body({ periods, windows: [{ start: 1, end: 4, sum: 1400, stdDev: 100, basis: 'simulated' }] })).skus[0]!.demand;
    expectClose(d.stdDev, (100 * 880) / 1400, 1e-12);
    expect(d.stdDevBasis).toBe('simulated');
  });

  it('takes explicit whole periods from window', () => {
    const result = plan({ ...body({ periods: periods.map(({ date: _d, ...p }) => p) }), skus: [{ sku: 'S', class: 'B', demand: { source: 'forecast-result', result: { periods: periods.map(({ date: _d, ...p }) => p) }, window: { start: 2, end: 3 } } }] });
    expect(result.skus[0]!.demand.mean).toBe(560);
  });

  it('answers stock-plan.forecast-does-not-cover-window when the periods end too early', () => {
    const err = domainError(body({ periods: periods.slice(0, 3) }));
    expect(err.code).toBe('stock-plan.forecast-does-not-cover-window');
    expect(err.path).toEqual(['skus', 0, 'demand', 'result', 'periods']);
  });
});

/**
 * Inline forecast, daily: history of 30 days from 1 Oct 2026, so the forecast starts 31 Oct
 * (period 1) and the promo 27–30 Nov is periods 28–31; the horizon is raised to 31.
 */
describe('demand from an inline forecast', () => {
  const history = Array.from({ length: 30 }, (_, t) => 10 + ((t * 7) % 5));
  const request = { history, frequency: 'day', start: '2026-10-01', method: 'ses', futureEvents: [{ start: 28, end: 31, uplift: 3 }] };
  const body = (req: unknown) => ({
    asOf: '2026-10-31',
    promo: { start: '2026-11-27', days: 4, cutoffDaysBefore: 5 },
    modes: [{ name: 'air', transitDays: 5 }],
    skus: [{ sku: 'S', class: 'A', demand: { source: 'forecast', request: req } }],
  });

  it('sums the point forecasts over the window and takes σ from the forecast’s own window sum', () => {
    const d = plan(body(request)).skus[0]!.demand;
    const direct = forecast(ForecastInput.parse({ ...request, horizon: 31, simulations: 500, windows: [{ start: 28, end: 31 }] }));
    expect([d.firstPeriod, d.lastPeriod]).toEqual([28, 31]);
    expectClose(d.mean, direct.periods.slice(27, 31).reduce((a, p) => a + p.forecast, 0), 1e-12);
    expectClose(d.stdDev, direct.windows[0]!.stdDev, 1e-12);
    expect(d.stdDevBasis).toBe('simulated');
    expect(d.model).toBe('ETS(A,N,N)');
    expect(d.source).toBe('forecast');
  });

  it('answers forecast errors with their code under the SKU path', () => {
    const err = domainError(body({ ...request, method: 'holt-winters-additive', seasonLength: 24 }));
    expect(err.code).toBe('forecast.not-enough-history');
    expect(err.path).toEqual(['skus', 0, 'demand', 'request', 'history']);
  });

  it('answers stock-plan.forecast-does-not-cover-window when the history runs past the promo start', () => {
    const err = domainError(body({ ...request, start: '2026-11-01' }));
    expect(err.code).toBe('stock-plan.forecast-does-not-cover-window');
  });
});

describe('demand from a GMV target', () => {
  it("takes the SKU's whole units of the breakdown, σ = cv × units", () => {
    const result = plan({
      asOf: '2026-09-01',
      promo: { start: '2026-11-27', days: 4 },
      modes: [{ name: 'sea', transitDays: 30 }],
      target: { currency: 'USD', gmvTarget: 100000, averageOrderValue: 50, unitsPerOrder: 1.2, mix: [{ sku: 'HERO', share: 0.5 }, { sku: 'B', share: 0.3 }, { sku: 'C', share: 0.2 }] },
      skus: [
        { sku: 'HERO', demand: { source: 'target', cv: 0.25 } },
        { sku: 'C', demand: { source: 'target', stdDev: 10 } },
      ],
    });
    expect(result.skus.map((s) => [s.demand.mean, s.demand.stdDev, s.demand.stdDevBasis])).toEqual([
      [1200, 300, 'coefficient-of-variation'],
      [480, 10, 'given'],
    ]);
  });
});

describe('validation', () => {
  const ok = phasedExample();
  it('accepts the fixtures and the calculation example', () => {
    expect(StockPlanInput.safeParse(ok).success).toBe(true);
    expect(StockPlanInput.safeParse(stockPlanCalculation.example).success).toBe(true);
    expect(allFinite(plan(stockPlanCalculation.example))).toBe(true);
  });

  it('names every cross-field problem by path', () => {
    const bad = {
      ...ok,
      promo: { start: '2026-11-27' },
      modes: [...ok.modes, ok.modes[0]],
      shipments: { method: 'given', batches: [{ mode: 'boat', share: 0.6 }] },
      skus: [
        { ...ok.skus[0], policy: { type: 'newsvendor' } },
        { ...ok.skus[0], shipments: { method: 'auto' } },
        { sku: 'F', demand: { source: 'forecast', request: { history: [1, 2, 3] } } },
        { sku: 'T', demand: { source: 'target', cv: 0.2 } },
      ],
    };
    const found = issues(bad);
    const paths = found.map((i) => i.path);
    for (const p of [
      'promo/end',
      'modes/2/name',
      'shipments/batches/0/mode',
      'shipments/batches',
      'skus/0/price',
      'skus/0/unitCost',
      'skus/1/sku',
      'skus/1/latePenaltyPerUnit',
      'skus/2/demand/request/frequency',
      'skus/3/demand/source',
    ])
      expect(paths, p).toContain(p);
  });

  it('bounds inline forecasts and the plan span', () => {
    const long = { ...ok, skus: [{ sku: 'F', demand: { source: 'forecast', request: { history: new Array(261).fill(1), frequency: 'week', start: '2021-01-04' } } }] };
    expect(issues(long).map((i) => i.path)).toContain('skus/0/demand/request/history');
    expect(issues({ ...ok, asOf: '2024-01-01' }).map((i) => i.path)).toContain('promo/start');
    expect(issues({ ...ok, unknown: 1 })[0]!.message).toMatch(/unknown/);
  });

  it('arrival outcomes: a sure batch adds its units, an impossible one adds none', () => {
    const d = normalDemand(100, 0);
    expect(arrivalOutcome(d, 0, [{ quantity: 100, pOnTime: 0.5 }]).expectedLost).toBe(50);
    expect(arrivalOutcome(d, 40, [{ quantity: 60, pOnTime: 1 }, { quantity: 10, pOnTime: 0 }])).toEqual({ expectedLost: 0, expectedLostAllOnTime: 0, expectedAvailable: 100, inStockProbability: 1 });
  });
});
