/**
 * Promo-plan properties (fast-check), through the whole plan: the totals equal the sums of their
 * parts (and every part equals its single calculation on the derived input); stress factors at
 * their neutral values give the base case; more on hand never raises the quantity to make; a
 * later cut-off never makes a ship-by date earlier; every number is finite.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cashFlow } from '../../core/cash/timeline.js';
import { landedCost } from '../../core/cost/landed-cost.js';
import { PromoPlanInput, runPromoPlan, type PromoPlanResult } from '../../core/plan/promo-plan.js';
import { stockPlan } from '../../core/plan/stock-plan.js';
import { allFinite, expectClose } from '../helpers.js';

const CNY = 0.14;

const skuArb = (i: number) =>
  fc.record({
    mean: fc.double({ min: 0, max: 20000, noNaN: true }),
    cv: fc.double({ min: 0, max: 0.4, noNaN: true }),
    policy: fc.oneof(
      fc.record({ type: fc.constant('multiplier'), factor: fc.double({ min: 0.5, max: 1.6, noNaN: true }) }),
      fc.record({ type: fc.constant('statistical'), serviceLevel: fc.double({ min: 0.5, max: 0.99, noNaN: true }) }),
      fc.record({ type: fc.constant('newsvendor') }),
    ),
    price: fc.double({ min: 5, max: 80, noNaN: true }),
    unitCost: fc.double({ min: 0.5, max: 30, noNaN: true }),
    inCny: fc.boolean(),
    weight: fc.double({ min: 0.05, max: 5, noNaN: true }),
    side: fc.integer({ min: 5, max: 60 }),
    dutyRate: fc.double({ min: 0, max: 0.4, noNaN: true }),
    contentCost: fc.constantFrom(0, 0, 750),
    onHand: fc.integer({ min: 0, max: 8000 }),
    moq: fc.integer({ min: 0, max: 3000 }),
    casePack: fc.integer({ min: 1, max: 60 }),
    production: fc.integer({ min: 0, max: 40 }),
    seaShare: fc.constantFrom(1, 0.8, 0.7, 0.5, 0),
  }).map((s) => ({
    sku: `S${i}`,
    demand: { source: 'normal', mean: s.mean, stdDev: s.cv * s.mean },
    policy: s.policy,
    // Above the unit cost, so that a newsvendor buffer has a profitable answer.
    price: Math.max(s.price, s.unitCost * 1.5 + 1),
    onHand: s.onHand,
    moq: s.moq,
    casePack: s.casePack,
    productionLeadTimeDays: s.production,
    shipments: {
      method: 'given',
      batches: s.seaShare === 1 ? [{ mode: 'sea', share: 1 }] : s.seaShare === 0 ? [{ mode: 'air', share: 1 }] : [{ mode: 'sea', share: s.seaShare }, { mode: 'air', share: 1 - s.seaShare }],
    },
    costs: {
      unitCost: s.inCny ? Math.round((s.unitCost / CNY) * 100) / 100 : s.unitCost,
      ...(s.inCny ? { costCurrency: 'CNY' } : {}),
      weight: s.weight,
      length: s.side,
      width: 20,
      height: 10,
      dutyRate: s.dutyRate,
      contentCost: s.contentCost,
    },
  }));

const stressArb = fc.record({
  name: fc.constantFrom('late', 'weak', 'hold', 'fx'),
  demandFactor: fc.double({ min: 0.3, max: 1.5, noNaN: true }),
  delayDays: fc.integer({ min: 0, max: 20 }),
  payoutHoldDays: fc.integer({ min: 0, max: 21 }),
  adCostFactor: fc.double({ min: 0.5, max: 2, noNaN: true }),
});

/** A valid plan: Black Friday 2026 as of 1 Sep, sea + air to the US, 1–3 SKUs with normal demand. */
const planArb = fc
  .record({
    days: fc.integer({ min: 1, max: 5 }),
    coverageDaysAfter: fc.integer({ min: 0, max: 20 }),
    cutoffDaysBefore: fc.integer({ min: 5, max: 30 }),
    seaTransit: fc.double({ min: 20, max: 40, noNaN: true }),
    seaSd: fc.double({ min: 0, max: 6, noNaN: true }),
    airTransit: fc.double({ min: 3, max: 8, noNaN: true }),
    receivingDays: fc.integer({ min: 0, max: 7 }),
    skuCount: fc.integer({ min: 1, max: 3 }),
    skus: fc.tuple(skuArb(0), skuArb(1), skuArb(2)),
    commissionRate: fc.double({ min: 0, max: 0.2, noNaN: true }),
    lastMile: fc.double({ min: 0, max: 6, noNaN: true }),
    acos: fc.double({ min: 0, max: 0.3, noNaN: true }),
    returnRate: fc.double({ min: 0, max: 0.2, noNaN: true }),
    storageRate: fc.constantFrom(0, 27.5),
    openingCash: fc.integer({ min: 0, max: 400000 }),
    credit: fc.boolean(),
    preset: fc.constantFrom('amazon-us', 'tiktok-shop-us', 'shopify-payments-us', 'generic'),
    fx: fc.boolean(),
    stress: fc.array(stressArb, { maxLength: 2 }),
  })
  .map((c) => ({
    asOf: '2026-09-01',
    currency: 'USD',
    promo: { start: '2026-11-27', days: c.days, coverageDaysAfter: c.coverageDaysAfter, cutoffDaysBefore: c.cutoffDaysBefore },
    stockPlan: {
      modes: [
        { name: 'sea', transitDays: c.seaTransit, transitStdDevDays: c.seaSd, originHandlingDays: 3 },
        { name: 'air', transitDays: c.airTransit, transitStdDevDays: 1 },
      ],
      warehouse: { receivingDays: c.receivingDays },
    },
    skus: c.skus.slice(0, c.skuCount),
    landedCost: {
      fxRates: [{ currency: 'CNY', rate: CNY }],
      shipment: { origin: 'CN', destination: 'US', incoterm: 'DDP' },
      freightByMode: {
        sea: { mode: 'sea-lcl', rate: 95, fees: [{ name: 'drayage', amount: 300, stage: 'on-carriage' }, { name: 'brokerage', amount: 150, stage: 'clearance' }], insuranceRate: 0.003 },
        air: { mode: 'air', rate: 6.5, fuelSurchargeRate: 0.1 },
      },
      warehouse: { inboundPerUnit: 0.3, storageRate: c.storageRate, peakSeasons: [{ from: '10-01', to: '12-31', rate: 2 * c.storageRate }], outboundPerUnit: 0.2 },
      selling: { lastMilePerUnit: c.lastMile, commissionRate: c.commissionRate, ads: { basis: 'acos', acos: c.acos }, returnRate: c.returnRate, returnShippingPerReturn: 3 },
    },
    cashFlow: {
      openingCash: c.openingCash,
      ...(c.credit ? { creditLine: { limit: 100000, annualRate: 0.12 } } : {}),
      ...(c.fx ? { fx: { accountCurrency: 'CNY', rate: 1 / CNY } } : {}),
      payout: { preset: c.preset, deliveryDays: 2 },
      returnLagDays: 14,
      stress: c.stress.map((s, k) => ({ ...s, name: `${s.name} ${k}` })),
    },
  }));

const run = (body: unknown) => runPromoPlan(PromoPlanInput.parse(body));
const cents = (x: number) => Math.round(x * 100);

describe('promo plan properties', () => {
  it('totals equal the sums of their parts, every part equals its single calculation, every number is finite', () => {
    fc.assert(
      fc.property(planArb, (body) => {
        const { result: r, inputs } = run(body);
        expect(allFinite(r)).toBe(true);
        const skus = r.skus;
        const modes = Object.values(r.landedCost);
        const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);
        // Units and cartons: SKUs = stock plan totals = landed-cost shipments.
        expect(r.totals.units).toBe(sum(skus.map((s) => s.stockPlan.quantityToProduce)));
        expect(r.totals.units).toBe(r.stockPlan.totals.unitsToProduce);
        expect(r.totals.units).toBe(sum(modes.map((m) => m.totals.units)));
        expect(r.totals.cartons).toBe(sum(skus.map((s) => s.stockPlan.cartons)));
        for (const s of skus) expect(s.landedCost.totals.units).toBe(s.stockPlan.quantityToProduce);
        // Money: SKUs = modes = totals, to the cent.
        for (const k of ['landedCost', 'totalCost', 'contribution', 'grossRevenue', 'netRevenue'] as const) {
          expect(cents(r.totals[k])).toBe(sum(skus.map((s) => cents(s.landedCost.totals[k]))));
          expect(cents(r.totals[k])).toBe(sum(modes.map((m) => cents(m.totals[k]))));
        }
        expect(cents(r.totals.expectedRevenue)).toBe(sum(skus.map((s) => cents(s.sales.expectedRevenue))));
        expect(cents(r.totals.expectedContribution)).toBe(sum(skus.map((s) => cents(s.sales.expectedContribution))));
        if (r.totals.expectedRevenue > 0) expectClose(sum(skus.map((s) => s.sales.revenueShare)), 1, 1e-9);
        expect(r.totals.peakFundingNeed).toBe(r.cashFlow.summary.peakFundingNeed);
        expect(r.totals.profit).toBe(r.cashFlow.summary.profit);
        // The cash flow pays every unit, and every shipment's freight, as the landed cost has them.
        const fx = r.chaining.cashFlow.fxRate;
        const po = sum(inputs.cashFlow.purchaseOrders.map((o) => o.amount));
        const units = (s: (typeof skus)[number]) => s.stockPlan.quantityToProduce;
        const product = sum(skus.map((s, i) => units(s) * (body.skus[i]!.costs.costCurrency === 'CNY' ? body.skus[i]!.costs.unitCost * (fx === 1 ? CNY : 1) : body.skus[i]!.costs.unitCost * fx)));
        expectClose(po, product, 1e-9, 1e-6);
        const freight = sum(modes.map((m) => m.totals.lines.freight + m.totals.lines.insurance));
        expectClose(sum(inputs.cashFlow.shipments.map((s) => s.freight)), freight * fx, 1e-9, 1e-6);
        // Sales in the cash flow = the stock plan's expected sales.
        for (const cs of inputs.cashFlow.skus) {
          const s = skus.find((x) => x.sku === cs.sku)!;
          expectClose(sum(cs.units!), s.stockPlan.expectedSales, 1e-9, 1e-9);
        }
        expectClose(r.cashFlow.summary.grossSales, sum(skus.map((s) => s.stockPlan.expectedSales * s.sales.price)) * fx, 1e-9, 1e-6);
        // Decisions are in date order.
        for (let k = 1; k < r.decisions.length; k++) expect(r.decisions[k - 1]!.date <= r.decisions[k]!.date).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('every part is what the single calculation returns for the derived input', () => {
    fc.assert(
      fc.property(planArb, (body) => {
        const { result: r, inputs } = run(body);
        expect(stockPlan(inputs.stockPlan)).toEqual({ ...r.stockPlan, skus: r.skus.map((s) => s.stockPlan) });
        for (const [mode, input] of Object.entries(inputs.landedCost))
          expect(landedCost(input)).toEqual({ ...r.landedCost[mode], skus: r.skus.flatMap((s) => s.landedCost.byMode.filter((m) => m.mode === mode).map((m) => m.row)) });
        expect(cashFlow(inputs.cashFlow)).toEqual(r.cashFlow);
      }),
      { numRuns: 25 },
    );
  });

  it('with the stress factors at their neutral values the stress case equals the base case', () => {
    fc.assert(
      fc.property(planArb, fc.double({ min: 0, max: 1, noNaN: true }), (body, eventLossShare) => {
        const plan: { cashFlow: { stress: unknown[] } } = structuredClone(body);
        plan.cashFlow.stress = [{ name: 'neutral (defaults)' }, { name: 'neutral (explicit)', demandFactor: 1, delayDays: 0, eventLossShare, returnRateDelta: 0, fxMove: 0, payoutHoldDays: 0, adCostFactor: 1 }];
        const r: PromoPlanResult = run(plan).result;
        for (const s of r.cashFlow.scenarios) {
          expect(s.summary).toEqual(r.cashFlow.summary);
          for (const v of Object.values(s.difference)) expect(v).toBe(0);
        }
        expect(r.pitfalls.filter((p) => p.code === 'cash-runs-out' && p.scenario !== 'base')).toHaveLength(r.pitfalls.some((p) => p.code === 'cash-runs-out' && p.scenario === 'base') ? 2 : 0);
      }),
      { numRuns: 40 },
    );
  });

  it('more on hand never raises the quantity to make', () => {
    fc.assert(
      fc.property(planArb, fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 20000 }), (body, which, extra) => {
        const i = Math.min(which, body.skus.length - 1);
        const more = structuredClone(body);
        more.skus[i]!.onHand += extra;
        const before = run(body).result;
        const after = run(more).result;
        expect(after.skus[i]!.stockPlan.quantityToProduce).toBeLessThanOrEqual(before.skus[i]!.stockPlan.quantityToProduce);
        expect(after.totals.units).toBeLessThanOrEqual(before.totals.units);
      }),
      { numRuns: 40 },
    );
  });

  it('a later cut-off never makes a ship-by date earlier', () => {
    fc.assert(
      fc.property(planArb, fc.integer({ min: 1, max: 5 }), (body, later) => {
        const laterBody = structuredClone(body);
        laterBody.promo.cutoffDaysBefore = body.promo.cutoffDaysBefore - later;
        const a = run(body).result;
        const b = run(laterBody).result;
        expect(b.cutoffDate > a.cutoffDate).toBe(true);
        const shipBy = (r: PromoPlanResult) => new Map(r.decisions.filter((d) => d.kind === 'ship-by').map((d) => [`${d.sku}|${d.mode}`, d.date]));
        const before = shipBy(a);
        for (const [key, date] of shipBy(b)) if (before.has(key)) expect(date >= before.get(key)!).toBe(true);
        a.skus.forEach((s, k) => {
          for (const batch of s.stockPlan.batches) {
            const same = b.skus[k]!.stockPlan.batches.find((x) => x.mode === batch.mode);
            if (same) expect(same.latestShipDate >= batch.latestShipDate).toBe(true);
          }
        });
      }),
      { numRuns: 40 },
    );
  });
});
