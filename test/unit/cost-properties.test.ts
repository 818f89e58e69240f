/**
 * Properties of the landed cost (fast-check): allocations add up exactly to the shipment totals,
 * costs are linear in quantity where they should be, raising the price never lowers the margin,
 * the break-even price zeroes the contribution, every number is finite; plus the exactness of the
 * money fast paths (core/money.ts) against their reference implementations.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { ChargeableWeightInput, chargeableWeight } from '../../core/cost/chargeable-weight.js';
import { landedCost } from '../../core/cost/landed-cost.js';
import { COST_LINES, LandedCostInput, type LandedCostResult } from '../../core/cost/schema.js';
import { DomainError } from '../../core/errors.js';
import { largestRemainder, largestRemainderExact, roundHalfUp, snap } from '../../core/money.js';
import { allFinite } from '../helpers.js';

type Input = z.input<typeof LandedCostInput>;

const money = (max: number) => fc.double({ min: 0, max, noNaN: true }).map((x) => Math.round(x * 100) / 100);
const rateArb = (max = 0.3) => fc.double({ min: 0, max, noNaN: true });
const destination = fc.constantFrom('DE', 'FR', 'PL', 'GB', 'US', 'AU', 'CA', 'JP', 'SA', 'AE', 'MX', 'CN');
const date = fc.constantFrom('2024-03-01', '2025-05-01', '2025-06-15', '2025-08-29', '2026-06-30', '2026-07-01', '2027-01-15');

const item = (i: number) =>
  fc.record({
    sku: fc.constant(`S${i}`),
    quantity: fc.integer({ min: 1, max: 5000 }),
    unitCost: money(500),
    costCurrency: fc.constantFrom('EUR', 'CNY', 'USD'),
    price: fc.double({ min: 0.5, max: 2000, noNaN: true }).map((x) => Math.round(x * 100) / 100),
    measuredPer: fc.constantFrom('unit', 'carton'),
    unitsPerCarton: fc.integer({ min: 1, max: 48 }),
    weight: fc.double({ min: 0.01, max: 40, noNaN: true }),
    length: fc.double({ min: 1, max: 120, noNaN: true }),
    width: fc.double({ min: 1, max: 120, noNaN: true }),
    height: fc.double({ min: 1, max: 120, noNaN: true }),
    dutyRate: rateArb(0.5),
    dutyPerKg: fc.constantFrom(0, 0, 0.5),
    originCountry: fc.constantFrom('CN', 'HK', 'VN', 'DE'),
    contentCost: fc.constantFrom(0, 0, 250),
  });

const shipmentArb = fc
  .tuple(
    fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => item(i)))),
    destination,
    date,
    fc.constantFrom('DDP', 'DDU', 'DAP'),
    fc.constantFrom('bulk', 'parcel-per-order'),
    fc.boolean(),
    fc.constantFrom('sea-lcl', 'sea-fcl', 'air', 'express', 'rail'),
    fc.constantFrom('chargeable-weight', 'volume', 'value'),
    fc.record({ rate: money(60), minimum: money(300), fuel: rateArb(0.3), fee: money(400), insurance: rateArb(0.01) }),
    fc.record({ commission: rateArb(0.2), minimum: money(1), payment: rateArb(0.04), acos: rateArb(0.3), returnRate: rateArb(0.2), unsellable: rateArb(1), upo: fc.constantFrom(1, 1.5, 3) }),
    fc.record({ storageDays: fc.integer({ min: 0, max: 400 }), storageRate: money(40), inbound: money(2), fxBuffer: rateArb(0.05) }),
  )
  .map(([items, dest, importDate, incoterm, consignment, vatRegistered, mode, allocation, f, s, w]): Input => ({
    currency: dest === 'GB' ? 'GBP' : dest === 'US' ? 'USD' : dest === 'JP' ? 'JPY' : 'EUR',
    fxRates: [
      { currency: 'CNY', rate: 0.13 },
      { currency: 'USD', rate: 0.9 },
      { currency: 'EUR', rate: 1 },
      { currency: 'GBP', rate: 1.15 },
      { currency: 'AUD', rate: 0.6 },
    ].filter((r) => r.currency !== (dest === 'GB' ? 'GBP' : dest === 'US' ? 'USD' : dest === 'JP' ? 'JPY' : 'EUR')),
    fxBuffer: w.fxBuffer,
    detail: 'summary',
    shipment: { origin: 'CN', destination: dest, importDate, incoterm, consignment, vatRegistered },
    items: items.map((it) => ({ ...it, costCurrency: it.costCurrency })),
    freight: {
      mode,
      currency: 'USD',
      rate: f.rate,
      ...(mode === 'sea-fcl' ? { containers: 2 } : {}),
      minimumCharge: f.minimum,
      fuelSurchargeRate: f.fuel,
      fees: [
        { name: 'pre', amount: f.fee, stage: 'pre-carriage' },
        { name: 'clearance', amount: f.fee / 2, stage: 'clearance' },
        { name: 'on', amount: f.fee / 3, stage: 'on-carriage' },
      ],
      insuranceRate: f.insurance,
      allocation,
    },
    warehouse: { inboundPerCarton: w.inbound, storageRate: w.storageRate, storageDays: w.storageDays, peakSeasons: [{ from: '10-01', to: '12-31', rate: w.storageRate * 1.5 }], outboundPerUnit: 1 },
    selling: {
      lastMilePerUnit: 3,
      commissionRate: s.commission,
      commissionMinimum: s.minimum,
      paymentRate: s.payment,
      unitsPerOrder: s.upo,
      ads: { basis: 'acos', acos: s.acos, clicksPerOrder: 12 },
      returnRate: s.returnRate,
      unsellableShare: s.unsellable,
      returnShippingPerReturn: 4,
    },
  }));

const run = (input: Input): LandedCostResult => landedCost(LandedCostInput.parse(input));
const minor = (r: LandedCostResult, x: number) => Math.round(x * 10 ** r.minorUnitDigits);

describe('properties', () => {
  it('every SKU figure adds up exactly to the shipment total (each line, costs, revenue, contribution), all finite', () => {
    fc.assert(
      fc.property(shipmentArb, (input) => {
        const r = run(input);
        expect(allFinite(r)).toBe(true);
        for (const name of COST_LINES) {
          const parts = r.skus.reduce((a, s) => a + minor(r, s.lines.find((l) => l.line === name)!.total), 0);
          expect(parts, name).toBe(minor(r, r.totals.lines[name]));
        }
        const sum = (f: (s: LandedCostResult['skus'][number]) => number) => r.skus.reduce((a, s) => a + minor(r, f(s)), 0);
        expect(sum((s) => s.totals.totalCost)).toBe(minor(r, r.totals.totalCost));
        expect(sum((s) => s.totals.netRevenue)).toBe(minor(r, r.totals.netRevenue));
        expect(sum((s) => s.totals.contribution)).toBe(minor(r, r.totals.contribution));
        expect(minor(r, r.shipment.freight.total)).toBe(minor(r, r.totals.lines.freight));
        // Each SKU's line total is within one minor unit of per-unit × quantity (before the per-unit rounding).
        for (const s of r.skus) for (const l of s.lines) expect(Math.abs(l.total - l.perUnit * s.quantity)).toBeLessThanOrEqual(s.quantity * 0.5 * 10 ** -r.minorUnitDigits + 10 ** -r.minorUnitDigits + 1e-6 * Math.abs(l.total));
      }),
      { numRuns: 250 },
    );
  });

  it('raising the price never lowers the margin (bulk consignments: the duties do not depend on the price)', () => {
    fc.assert(
      fc.property(shipmentArb, fc.double({ min: 1, max: 3, noNaN: true }), (input, factor) => {
        const bulk: Input = { ...input, shipment: { ...input.shipment, consignment: 'bulk' } };
        const a = run(bulk);
        const b = run({ ...bulk, items: bulk.items.map((it) => ({ ...it, price: it.price * factor })) });
        a.skus.forEach((s, i) => expect(b.skus[i]!.perUnit.margin).toBeGreaterThanOrEqual(s.perUnit.margin - 1e-9));
      }),
      { numRuns: 150 },
    );
  });

  it('costs are linear in quantity: scaling every quantity keeps every per-unit line (no minimum, fixed fees or cartons)', () => {
    fc.assert(
      fc.property(shipmentArb, fc.integer({ min: 2, max: 7 }), (input, c) => {
        const linear: Input = {
          ...input,
          shipment: { ...input.shipment, consignment: 'bulk', applyLowValueRules: false },
          items: input.items.map((it) => ({ ...it, measuredPer: 'unit', contentCost: 0 })),
          freight: { ...input.freight, mode: 'air', rateBasis: 'chargeable-weight', roundingIncrement: 0, minimumCharge: 0, fees: [] },
          warehouse: { ...input.warehouse!, inboundPerCarton: 0 },
          selling: { ...input.selling!, commissionMinimum: 0 },
        };
        const a = run(linear);
        const b = run({ ...linear, items: linear.items.map((it) => ({ ...it, quantity: it.quantity * c })) });
        a.skus.forEach((s, i) => {
          s.lines.forEach((l, j) => expect(Math.abs(b.skus[i]!.lines[j]!.perUnit - l.perUnit), l.line).toBeLessThanOrEqual(10 ** -a.minorUnitDigits + 1e-9));
          expect(Math.abs(b.skus[i]!.totals.totalCost - c * s.totals.totalCost)).toBeLessThanOrEqual((c * 16 + 16) * 10 ** -a.minorUnitDigits);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('the break-even price gives a contribution of zero (within rounding)', () => {
    fc.assert(
      fc.property(shipmentArb, (input) => {
        // In whole yen the ±0.5 rounding of every line dwarfs the tolerance: cost those in EUR.
        const jpy = input.currency === 'JPY';
        const bulk: Input = {
          ...input,
          shipment: { ...input.shipment, consignment: 'bulk' },
          currency: jpy ? 'EUR' : input.currency,
          fxRates: jpy ? input.fxRates!.filter((r) => r.currency !== 'EUR').concat([{ currency: 'JPY', rate: 0.006 }]) : input.fxRates,
        };
        const r = run(bulk);
        r.skus.forEach((s, i) => {
          const p = s.perUnit.breakEvenPrice;
          if (p === undefined || p < 0.5) return;
          const again = run({ ...bulk, items: bulk.items.map((it, j) => (j === i ? { ...it, price: p } : it)) });
          expect(Math.abs(again.skus[i]!.perUnit.contribution)).toBeLessThanOrEqual(0.2 + 0.01 * p);
        });
      }),
      { numRuns: 80 },
    );
  });

  it('never answers a non-finite number, and fails only with a DomainError, on extreme valid input', () => {
    const extreme = fc.record({
      quantity: fc.constantFrom(1, 10_000_000),
      unitCost: fc.constantFrom(0, 1e-9, 1e9),
      price: fc.constantFrom(1e-6, 0.01, 1e9),
      dim: fc.constantFrom(1e-6, 10_000),
      weight: fc.constantFrom(1e-6, 1e6),
      rate: fc.constantFrom(0, 1e9),
      dutyRate: fc.constantFrom(0, 10),
      currency: fc.constantFrom('EUR', 'JPY', 'KWD'),
    });
    fc.assert(
      fc.property(extreme, (x) => {
        const input: Input = {
          currency: x.currency,
          fxRates: x.currency === 'EUR' ? [] : [{ currency: 'EUR', rate: 1e-9 }],
          shipment: { origin: 'CN', destination: 'DE', importDate: '2026-07-01', consignment: 'parcel-per-order' },
          items: [{ sku: 'X', quantity: x.quantity, unitCost: x.unitCost, price: x.price, weight: x.weight, length: x.dim, width: x.dim, height: x.dim, dutyRate: x.dutyRate }],
          freight: { mode: 'air', rate: x.rate, minimumCharge: 1e9, fuelSurchargeRate: 5 },
          selling: { commissionRate: 1, commissionMinimum: 1e9, unitsPerOrder: 1000, ads: { basis: 'cpc', costPerClick: 1e9, clicksPerOrder: 1e6 } },
        };
        try {
          expect(allFinite(run(input))).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(DomainError);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('chargeable weight is at least the actual and the volumetric weight, and rounds up by less than one increment', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('air', 'express', 'sea-lcl', 'rail'),
        fc.double({ min: 0.1, max: 300, noNaN: true }),
        fc.double({ min: 0.1, max: 300, noNaN: true }),
        fc.double({ min: 0.1, max: 300, noNaN: true }),
        fc.double({ min: 0.01, max: 1000, noNaN: true }),
        fc.integer({ min: 1, max: 50 }),
        (mode, length, width, height, weight, pieces) => {
          const r = chargeableWeight(ChargeableWeightInput.parse({ mode, length, width, height, weight, pieces }));
          // Rounding up first snaps weight ÷ increment to 12 significant digits (core/cost/units.ts), so
          // 50 × 0.010000000000000002 kg = 0.5000000000000001 kg is charged as 0.5 kg (found by fast-check).
          expect(r.chargeableWeight).toBeGreaterThanOrEqual(r.chargeableWeightUnrounded * (1 - 1e-11));
          expect(r.chargeableWeightUnrounded).toBeGreaterThanOrEqual(Math.max(r.actualWeight, r.volumetricWeight) * (1 - 1e-12) - (r.comparison === 'piece' ? 0 : 0));
          expect(r.chargeableWeight - r.chargeableWeightUnrounded).toBeLessThan(r.pieces * Math.max(r.roundingIncrement, 1e-9) + 1e-9);
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 100) },
    );
  });
});

describe('money fast paths give the reference answers', () => {
  const reference = (x: number) => {
    const r = Math.floor(snap(Math.abs(x)) + 0.5);
    return x < 0 && r !== 0 ? -r : r;
  };
  it('roundHalfUp equals floor(snap(|x|) + 0.5) everywhere, including binary halves', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: -1e15, max: 1e15, noNaN: true }),
          fc.integer({ min: -1e9, max: 1e9 }).map((n) => n + 0.5),
          fc.integer({ min: 0, max: 1e6 }).map((n) => (n * 1.005) * 100),
          fc.integer({ min: 0, max: 1e7 }).map((n) => (n / 1000) * 1000),
        ),
        (x) => {
          expect(roundHalfUp(x)).toBe(reference(x));
        },
      ),
      { numRuns: 5000 },
    );
    expect(roundHalfUp(1.005 * 100)).toBe(101);
    expect(roundHalfUp(-2.5)).toBe(-3);
  });

  it('largestRemainder equals largestRemainderExact (ties, integer quotas, zeros, duplicates)', () => {
    const weights = fc.array(
      fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom(0, 1, 2.5, 0.1, 1 / 3, 100), fc.integer({ min: 0, max: 1000 })),
      { minLength: 1, maxLength: 60 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), weights, (total, ws) => {
        expect(largestRemainder(total, ws)).toEqual(largestRemainderExact(total, ws));
      }),
      { numRuns: 3000 },
    );
  });
});
