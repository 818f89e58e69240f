import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EoqInput, economicOrderQuantity } from '../../core/stock/eoq.js';
import { BaseStockInput, baseStock, NewsvendorInput, newsvendor } from '../../core/stock/newsvendor.js';
import { SafetyStockInput, safetyStock } from '../../core/stock/safety-stock.js';
import { DomainError } from '../../core/errors.js';
import { allFinite, expectClose } from '../helpers.js';

const level = fc.double({ min: 0.5, max: 0.999999, noNaN: true });
/** 0 or a realistic magnitude (subnormal inputs only test float underflow, not the formulas). */
const qty = fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1e6, noNaN: true }));
const periods = fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 365, noNaN: true }));
const positive = fc.double({ min: 0.01, max: 1e5, noNaN: true });

const ssInput = fc.record({
  demandMean: qty,
  demandStdDev: qty,
  leadTime: fc.double({ min: 0.1, max: 365, noNaN: true }),
  leadTimeStdDev: periods,
  reviewPeriod: periods,
  serviceLevel: level,
});

/** Runs a calculation and treats its documented 422s as acceptable outcomes. */
function computeOrDomainError<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    if (err instanceof DomainError) return undefined;
    throw err;
  }
}

describe('safety stock properties', () => {
  it('is non-decreasing in service level, lead time and both deviations', () => {
    fc.assert(
      fc.property(ssInput, level, periods, qty, periods, (base, otherLevel, dL, dSd, dSl) => {
        const ss = (over: Partial<typeof base>) => safetyStock(SafetyStockInput.parse({ ...base, ...over })).safetyStock;
        const at = ss({});
        const tol = 1e-9 * (1 + Math.abs(at));
        expect(ss({ serviceLevel: Math.max(base.serviceLevel, otherLevel) })).toBeGreaterThanOrEqual(at - tol);
        expect(ss({ leadTime: base.leadTime + dL })).toBeGreaterThanOrEqual(at - tol);
        expect(ss({ demandStdDev: Math.min(1e9, base.demandStdDev + dSd) })).toBeGreaterThanOrEqual(at - tol);
        expect(ss({ leadTimeStdDev: Math.min(3650, base.leadTimeStdDev + dSl) })).toBeGreaterThanOrEqual(at - tol);
      }),
    );
  });
  it('fill-rate answers reproduce their target, and evaluating the reorder point gives the service level back', () => {
    fc.assert(
      fc.property(ssInput, fc.double({ min: 1, max: 1e6, noNaN: true }), (base, Q) => {
        const sized = safetyStock(SafetyStockInput.parse({ ...base, serviceLevelType: 'fill-rate', orderQuantity: Q }));
        if (sized.demandOverProtectionStdDev > 0) expectClose(sized.fillRate!, base.serviceLevel, 1e-9, 1e-9);
        const cycle = safetyStock(SafetyStockInput.parse(base));
        const { serviceLevel: _, ...rest } = base;
        const evaluated = safetyStock(SafetyStockInput.parse({ ...rest, reorderPoint: cycle.reorderPoint }));
        // ROP − d·T cancels when σ_T ≪ d·T, so allow the rounding of d·T (a few ulps) seen through φ/σ_T.
        const rounding = (8 * Number.EPSILON * cycle.reorderPoint) / Math.max(cycle.demandOverProtectionStdDev, 1e-300);
        if (cycle.demandOverProtectionStdDev > 0) expectClose(evaluated.cycleServiceLevel, base.serviceLevel, 1e-9, Math.max(1e-9, rounding));
      }),
    );
  });
  it('returns only finite numbers for any valid input', () => {
    const any = fc.record({
      demandMean: fc.double({ min: 0, max: 1e9, noNaN: true }),
      demandStdDev: fc.double({ min: 0, max: 1e9, noNaN: true }),
      leadTime: fc.double({ min: 1e-6, max: 3650, noNaN: true }),
      leadTimeStdDev: fc.double({ min: 0, max: 3650, noNaN: true }),
      reviewPeriod: fc.double({ min: 0, max: 3650, noNaN: true }),
      serviceLevel: fc.double({ min: 1e-9, max: 0.999999, noNaN: true }),
      serviceLevelType: fc.constantFrom('cycle', 'fill-rate'),
      orderQuantity: fc.double({ min: 1e-6, max: 1e9, noNaN: true }),
    });
    fc.assert(
      fc.property(any, (input) => {
        expect(allFinite(safetyStock(SafetyStockInput.parse(input)))).toBe(true);
      }),
    );
  });
});

describe('EOQ properties', () => {
  const eoqBase = fc.record({ annualDemand: positive, orderingCost: positive, holdingCost: positive });
  it('the optimum costs no more than any compared quantity, and ordering equals holding cost at the plain EOQ', () => {
    fc.assert(
      fc.property(eoqBase, fc.array(fc.double({ min: 0.01, max: 1e7, noNaN: true }), { maxLength: 5 }), (base, others) => {
        const r = economicOrderQuantity(EoqInput.parse({ ...base, compareQuantities: others }));
        expectClose(r.orderingCostPerYear, r.holdingCostPerYear, 1e-9);
        for (const c of r.comparisons) expect(c.costIncrease).toBeGreaterThanOrEqual(-1e-9 * r.totalRelevantCost);
      }),
    );
  });
  it('planned backorders and a finite production rate never raise the cost and never shrink the lot', () => {
    fc.assert(
      fc.property(eoqBase, positive, fc.double({ min: 1.01, max: 100, noNaN: true }), (base, backorderCost, rateFactor) => {
        const plain = economicOrderQuantity(EoqInput.parse(base));
        const withBackorders = economicOrderQuantity(EoqInput.parse({ ...base, backorderCost }));
        const epq = economicOrderQuantity(EoqInput.parse({ ...base, productionRate: base.annualDemand * rateFactor }));
        expect(withBackorders.totalRelevantCost).toBeLessThanOrEqual(plain.totalRelevantCost * (1 + 1e-12));
        expect(withBackorders.quantity).toBeGreaterThanOrEqual(plain.quantity * (1 - 1e-12));
        expect(epq.totalRelevantCost).toBeLessThanOrEqual(plain.totalRelevantCost * (1 + 1e-12));
        expect(epq.quantity).toBeGreaterThanOrEqual(plain.quantity * (1 - 1e-12));
      }),
    );
  });
  it('the chosen price tier is at least as cheap as every tier candidate', () => {
    const breaks = fc
      .array(fc.record({ step: fc.double({ min: 1, max: 1e5, noNaN: true }), discount: fc.double({ min: 0, max: 0.2, noNaN: true }) }), { minLength: 1, maxLength: 5 })
      .map((steps) => {
        let min = 0;
        let price = 10;
        return [{ minQuantity: 0, unitPrice: price }, ...steps.map((s) => ({ minQuantity: (min += s.step), unitPrice: (price *= 1 - s.discount) }))];
      });
    fc.assert(
      fc.property(eoqBase, breaks, fc.constantFrom('all-units', 'incremental'), fc.double({ min: 0.01, max: 1, noNaN: true }), (base, priceBreaks, discountType, holdingRate) => {
        const { holdingCost: _, ...rest } = base;
        const r = economicOrderQuantity(EoqInput.parse({ ...rest, holdingRate, priceBreaks, discountType }));
        expect(allFinite(r)).toBe(true);
        for (const t of r.tiers) expect(r.totalCost!).toBeLessThanOrEqual(t.totalCost * (1 + 1e-12));
      }),
    );
  });
});

// Normal demand with its mean at least 4σ above 0: otherwise it puts real probability on negative
// demand and the model itself (not our code) stops making sense; the calculation warns about that.
const normalDemand = fc
  .record({ mean: fc.double({ min: 0.01, max: 1e6, noNaN: true }), cv: fc.double({ min: 0, max: 0.25, noNaN: true }) })
  .map(({ mean, cv }) => ({ distribution: 'normal' as const, mean, stdDev: mean * cv }));
const anyDemand = fc.oneof(
  normalDemand,
  fc
    .record({ mean: fc.double({ min: 0.01, max: 1e6, noNaN: true }), cv: fc.double({ min: 0.01, max: 3, noNaN: true }) })
    .map(({ mean, cv }) => ({ distribution: 'lognormal' as const, mean, stdDev: mean * cv })),
  fc.record({ distribution: fc.constant('poisson' as const), mean: fc.double({ min: 0.01, max: 1e5, noNaN: true }) }),
  fc.record({ distribution: fc.constant('empirical' as const), samples: fc.array(fc.integer({ min: 0, max: 10000 }), { minLength: 1, maxLength: 50 }) }),
);

describe('newsvendor properties', () => {
  const prices = fc.record({ unitCost: fc.double({ min: 1, max: 100, noNaN: true }), margin: fc.double({ min: 0.01, max: 100, noNaN: true }), salvageShare: fc.double({ min: 0, max: 0.99, noNaN: true }) });
  it('the quantity is non-decreasing in price and non-increasing in unit cost', () => {
    fc.assert(
      fc.property(anyDemand, prices, fc.double({ min: 0, max: 50, noNaN: true }), (demand, p, bump) => {
        const q = (price: number, unitCost: number) =>
          newsvendor(NewsvendorInput.parse({ demand, price, unitCost, salvageValue: p.unitCost * p.salvageShare })).quantity;
        const base = q(p.unitCost + p.margin, p.unitCost);
        const tol = 1e-9 * (1 + base);
        expect(q(p.unitCost + p.margin + bump, p.unitCost)).toBeGreaterThanOrEqual(base - tol);
        const dearer = Math.min(p.unitCost + bump, p.unitCost + p.margin - 1e-6);
        if (dearer > p.unitCost) expect(q(p.unitCost + p.margin, dearer)).toBeLessThanOrEqual(base + tol);
      }),
    );
  });
  it('the optimum has the best expected profit among compared quantities, and sales + leftover = quantity', () => {
    fc.assert(
      fc.property(anyDemand, prices, fc.array(fc.double({ min: 0, max: 2e6, noNaN: true }), { maxLength: 5 }), (demand, p, quantities) => {
        const r = newsvendor(NewsvendorInput.parse({ demand, price: p.unitCost + p.margin, unitCost: p.unitCost, salvageValue: p.unitCost * p.salvageShare, quantities }));
        expect(allFinite(r)).toBe(true);
        for (const c of [r, ...r.comparisons]) expectClose(c.expectedSales + c.expectedLeftover, c.quantity, 1e-9, 1e-9 * r.demandMean + 1e-9);
        for (const c of r.comparisons) expect(c.expectedProfit!).toBeLessThanOrEqual(r.expectedProfit! + 1e-7 * (1 + Math.abs(r.expectedProfit!)));
      }),
    );
  });
  it('base stock is non-decreasing in backorder cost and lead time', () => {
    fc.assert(
      fc.property(fc.oneof(normalDemand, fc.record({ distribution: fc.constant('poisson' as const), mean: fc.double({ min: 0.01, max: 1e4, noNaN: true }) })), periods, positive, positive, (demand, leadTime, h, b) => {
        const S = (over: object) => computeOrDomainError(() => baseStock(BaseStockInput.parse({ demand, leadTime, holdingCost: h, backorderCost: b, ...over })));
        const base = S({});
        const more = S({ backorderCost: b * 2 });
        const longer = S({ leadTime: leadTime + 1 });
        if (base && more) expect(more.baseStockLevel).toBeGreaterThanOrEqual(base.baseStockLevel - 1e-9 * (1 + base.baseStockLevel));
        if (base && longer) expect(longer.baseStockLevel).toBeGreaterThanOrEqual(base.baseStockLevel - 1e-9 * (1 + base.baseStockLevel));
        if (base) expect(allFinite(base)).toBe(true);
      }),
    );
  });
});
