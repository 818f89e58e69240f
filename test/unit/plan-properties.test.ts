/**
 * Stock-plan properties (fast-check): more on hand never raises the quantity to make; a later
 * cut-off never makes a ship-by date earlier; totals equal the sums of their parts; quantities
 * respect MOQ and case packs; the automatic split is never worse than any single mode; every
 * number is finite.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayOf } from '../../core/plan/schedule.js';
import { arrivalOutcome, autoSplit } from '../../core/plan/shipments.js';
import { StockPlanInput, stockPlan, type StockPlanResult } from '../../core/plan/stock-plan.js';
import { normalDemand } from '../../core/stock/demand.js';
import { allFinite } from '../helpers.js';

const PROMO_START = '2026-11-27';
const AS_OF = '2026-09-01'; // 87 days before the promo start

const modeArb = (name: string) =>
  fc.record({
    name: fc.constant(name),
    transitDays: fc.double({ min: 1, max: 60, noNaN: true }),
    transitStdDevDays: fc.double({ min: 0, max: 10, noNaN: true }),
    distribution: fc.constantFrom('normal', 'lognormal'),
    originHandlingDays: fc.integer({ min: 0, max: 7 }),
    costPerUnit: fc.double({ min: 0, max: 10, noNaN: true }),
  });

const policyArb = fc.oneof(
  fc.record({ type: fc.constant('statistical'), serviceLevel: fc.double({ min: 0.5, max: 0.999, noNaN: true }), measure: fc.constantFrom('cycle', 'fill-rate') }),
  fc.record({ type: fc.constant('newsvendor') }),
  fc.record({ type: fc.constant('multiplier'), factor: fc.double({ min: 0, max: 2, noNaN: true }) }),
);

const skuArb = (i: number) =>
  fc.record({
    sku: fc.constant(`S${i}`),
    demand: fc.record({ source: fc.constant('normal'), mean: fc.double({ min: 0, max: 1e5, noNaN: true }), stdDev: fc.double({ min: 0, max: 3e4, noNaN: true }) }),
    policy: policyArb,
    price: fc.double({ min: 20, max: 100, noNaN: true }),
    unitCost: fc.double({ min: 5, max: 19, noNaN: true }),
    salvageValue: fc.double({ min: 0, max: 4, noNaN: true }),
    onHand: fc.integer({ min: 0, max: 50000 }),
    inTransit: fc.array(fc.record({ quantity: fc.integer({ min: 0, max: 5000 }), arrivalDate: fc.integer({ min: 0, max: 100 }).map((d) => `2026-09-${String(1 + (d % 30)).padStart(2, '0')}`) }), { maxLength: 3 }),
    onOrder: fc.integer({ min: 0, max: 5000 }),
    moq: fc.integer({ min: 0, max: 5000 }),
    casePack: fc.integer({ min: 1, max: 60 }),
    productionLeadTimeDays: fc.integer({ min: 0, max: 60 }),
  });

const sharesArb = (modes: number) =>
  fc.array(fc.record({ mode: fc.integer({ min: 0, max: modes - 1 }), weight: fc.integer({ min: 1, max: 10 }) }), { minLength: 1, maxLength: 4 });

/** A valid plan with 1–3 modes, 1–4 SKUs with normal demand, a given or an automatic split. */
const planArb = fc
  .record({
    modeCount: fc.integer({ min: 1, max: 3 }),
    skuCount: fc.integer({ min: 1, max: 4 }),
    days: fc.integer({ min: 1, max: 10 }),
    coverageDaysAfter: fc.integer({ min: 0, max: 30 }),
    cutoffDaysBefore: fc.integer({ min: 0, max: 80 }),
    onTimeProbability: fc.double({ min: 0.5, max: 0.99, noNaN: true }),
    receivingDays: fc.integer({ min: 0, max: 10 }),
    auto: fc.boolean(),
  })
  .chain((c) =>
    fc.record({
      config: fc.constant(c),
      modes: fc.tuple(modeArb('sea'), modeArb('rail'), modeArb('air')).map((m) => m.slice(0, c.modeCount)),
      skus: fc.tuple(skuArb(0), skuArb(1), skuArb(2), skuArb(3)).map((s) => s.slice(0, c.skuCount)),
      split: sharesArb(c.modeCount),
    }),
  )
  .map(({ config, modes, skus, split }) => {
    const total = split.reduce((a, s) => a + s.weight, 0);
    return {
      asOf: AS_OF,
      promo: { start: PROMO_START, days: config.days, coverageDaysAfter: config.coverageDaysAfter, cutoffDaysBefore: config.cutoffDaysBefore },
      onTimeProbability: config.onTimeProbability,
      modes,
      warehouse: { receivingDays: config.receivingDays },
      shipments: config.auto ? { method: 'auto' } : { method: 'given', batches: split.map((s) => ({ mode: modes[s.mode]!.name, share: s.weight / total })) },
      skus,
    };
  });

const run = (body: unknown): StockPlanResult => stockPlan(StockPlanInput.parse(body));

describe('stock plan properties', () => {
  it('totals equal the sums of their parts; batches add up to whole cartons that respect MOQ; every number is finite', () => {
    fc.assert(
      fc.property(planArb, (body) => {
        const r = run(body);
        expect(allFinite(r)).toBe(true);
        let units = 0;
        let cartons = 0;
        let batches = 0;
        let freight = 0;
        for (const [i, s] of r.skus.entries()) {
          const input = body.skus[i]!;
          expect(s.batches.reduce((a, b) => a + b.quantity, 0)).toBe(s.quantityToProduce);
          expect(s.batches.reduce((a, b) => a + b.cartons, 0)).toBe(s.cartons);
          expect(s.quantityToProduce).toBe(s.cartons * input.casePack);
          expect(s.quantityToProduce).toBeGreaterThanOrEqual(s.netRequirement - 1e-6);
          if (s.quantityToProduce > 0) expect(s.quantityToProduce).toBeGreaterThanOrEqual(input.moq);
          if (s.netRequirement === 0) expect(s.quantityToProduce).toBe(0);
          expect(s.quantityToProduce - s.casePack).toBeLessThan(Math.max(Math.ceil(s.netRequirement), input.moq));
          for (const b of s.batches) {
            expect(b.pOnTime).toBeGreaterThanOrEqual(0);
            expect(b.pOnTime).toBeLessThanOrEqual(1);
            expect(b.latestOrderDate <= b.latestShipDate).toBe(true);
            expect(b.plannedShipDate >= b.latestShipDate || b.plannedShipDate >= r.asOf).toBe(true);
          }
          expect(s.fillRate).toBeLessThanOrEqual(1);
          expect(s.expectedLostSales).toBeGreaterThanOrEqual(s.lateArrivalLostSales - 1e-9);
          units += s.quantityToProduce;
          cartons += s.cartons;
          batches += s.batches.length;
          freight += s.freightCost ?? 0;
        }
        expect(r.totals.unitsToProduce).toBe(units);
        expect(r.totals.cartons).toBe(cartons);
        expect(r.totals.batches).toBe(batches);
        if (r.totals.freightCost !== undefined) expect(r.totals.freightCost).toBeCloseTo(freight, 6);
        expect(r.totals.byMode.reduce((a, m) => a + m.units, 0)).toBe(units);
        expect(r.totals.byMode.reduce((a, m) => a + m.cartons, 0)).toBe(cartons);
        expect(r.totals.byMode.reduce((a, m) => a + m.batches, 0)).toBe(batches);
        expect(r.totals.byClass.reduce((a, c) => a + c.unitsToProduce, 0)).toBe(units);
        expect(r.totals.byClass.reduce((a, c) => a + c.skus, 0)).toBe(r.skus.length);
        expect(r.totals.expectedLostSales).toBeCloseTo(
          r.skus.reduce((a, s) => a + s.expectedLostSales, 0),
          6,
        );
      }),
      { numRuns: 200 },
    );
  });

  it('more on hand never raises the quantity to make', () => {
    fc.assert(
      fc.property(planArb, fc.integer({ min: 0, max: 1 }), fc.integer({ min: 1, max: 20000 }), (body, which, extra) => {
        const i = Math.min(which, body.skus.length - 1);
        const more = structuredClone(body);
        more.skus[i]!.onHand += extra;
        const before = run(body).skus[i]!;
        const after = run(more).skus[i]!;
        expect(after.quantityToProduce).toBeLessThanOrEqual(before.quantityToProduce);
        expect(after.targetStock).toBe(before.targetStock);
      }),
      { numRuns: 150 },
    );
  });

  it('a later cut-off never makes a ship-by date earlier', () => {
    fc.assert(
      fc.property(planArb, fc.integer({ min: 1, max: 30 }), (body, later) => {
        const laterBody = structuredClone(body);
        laterBody.promo.cutoffDaysBefore = Math.max(0, body.promo.cutoffDaysBefore - later);
        const a = run(body);
        const b = run(laterBody);
        expect(dayOf(b.cutoffDate)).toBeGreaterThanOrEqual(dayOf(a.cutoffDate));
        a.modes.forEach((m, k) => expect(b.modes[k]!.latestShipDate >= m.latestShipDate).toBe(true));
        // Per batch of the given splits (due at the cut-off), mode by mode.
        if (body.shipments.method === 'given')
          a.skus.forEach((s, k) => {
            for (const batch of s.batches) {
              const same = b.skus[k]!.batches.find((x) => x.mode === batch.mode);
              if (same) {
                expect(same.latestShipDate >= batch.latestShipDate).toBe(true);
                expect(same.latestOrderDate >= batch.latestOrderDate).toBe(true);
              }
            }
          });
      }),
      { numRuns: 150 },
    );
  });

  it('expected leftover − expected lost sales = all stock − μ when demand has no negative tail', () => {
    fc.assert(
      fc.property(planArb, (body) => {
        for (const sku of body.skus) sku.demand.stdDev = Math.min(sku.demand.stdDev, sku.demand.mean / 4);
        const r = run(body);
        for (const s of r.skus) {
          const identity = s.position.total + s.quantityToProduce - s.demand.mean;
          expect(Math.abs(s.expectedLeftover - s.expectedLostSales - identity)).toBeLessThanOrEqual(1e-7 * Math.max(1, s.demand.mean, s.position.total + s.quantityToProduce));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the automatic split costs no more than any single mode', () => {
    const option = fc.record({ costPerUnit: fc.double({ min: 0, max: 20, noNaN: true }), pOnTime: fc.double({ min: 0, max: 1, noNaN: true }) });
    fc.assert(
      fc.property(
        fc.array(option, { minLength: 1, maxLength: 4 }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 300, noNaN: true }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 1, max: 12 }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (opts, mean, sd, base, cartons, pack, penalty) => {
          const demand = normalDemand(mean, sd);
          const options = opts.map((o, index) => ({ index, ...o }));
          const best = autoSplit(demand, base, cartons, pack, options, penalty);
          expect(best.parts.reduce((a, p) => a + p.cartons, 0)).toBe(cartons);
          const allOnTime = demand.loss(base + cartons * pack);
          for (const o of options) {
            const lost = arrivalOutcome(demand, base, [{ quantity: cartons * pack, pOnTime: o.pOnTime }]).expectedLost;
            const single = cartons * pack * o.costPerUnit + penalty * Math.max(0, lost - allOnTime);
            expect(best.expectedCost).toBeLessThanOrEqual(single + 1e-9 * Math.max(1, single));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
