/**
 * Landed cost (core/cost): worked examples from carrier and customs documentation
 * (test/fixtures/cost-examples.ts, each cited), the low-value rule changes by date, the tax and
 * incoterm positions, break-even figures and the request example (cross-checked independently by
 * scripts/reference/cost_examples.py).
 */
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { ChargeableWeightInput, chargeableWeight, chargeableWeightCalculation } from '../../core/cost/chargeable-weight.js';
import { costCalculations } from '../../core/cost/index.js';
import { LINE_INDEX, landedCost, landedCostCalculation, landedCostTable } from '../../core/cost/landed-cost.js';
import { COST_LINES, LandedCostInput, type LandedCostResult } from '../../core/cost/schema.js';
import { DomainError } from '../../core/errors.js';
import { auGstExamples, chargeableWeightExamples, euImportVatExample, wmFreightExamples } from '../fixtures/cost-examples.js';
import { allFinite, expectClose } from '../helpers.js';
import { exampleExpected } from '../fixtures/cost-reference.js';

type Input = z.input<typeof LandedCostInput>;
const run = (input: Input): LandedCostResult => landedCost(LandedCostInput.parse(input));
const line = (r: LandedCostResult, sku: number, name: (typeof COST_LINES)[number]) => r.skus[sku]!.lines.find((l) => l.line === name)!;
const ruleIds = (r: LandedCostResult) => r.rulesApplied.map((x) => `${x.id}:${x.applies}`);

/** One SKU, no freight, no selling fees: only what the test sets. */
function single(over: { currency?: string; shipment?: Partial<Input['shipment']>; item?: Partial<Input['items'][number]>; freight?: Partial<Input['freight']>; selling?: Input['selling']; fxRates?: Input['fxRates'] }): Input {
  return {
    currency: over.currency ?? 'EUR',
    fxRates: over.fxRates ?? [],
    shipment: { origin: 'US', destination: 'DE', importDate: '2025-06-01', ...over.shipment },
    items: [{ sku: 'A', quantity: 1, unitCost: 100, price: 200, weight: 1, length: 10, width: 10, height: 10, ...over.item }],
    freight: { mode: 'sea-lcl', rate: 0, ...over.freight },
    ...(over.selling ? { selling: over.selling } : {}),
  };
}

describe('chargeable weight: carrier examples', () => {
  it.each(chargeableWeightExamples.map((e) => [e.id, e] as const))('%s', (_, e) => {
    const r = chargeableWeight(ChargeableWeightInput.parse(e.input));
    for (const [key, value] of Object.entries(e.expected)) {
      const actual = r[key as keyof typeof r];
      if (typeof value === 'number') expectClose(actual as number, value, 1e-12, 1e-12, `${e.id} ${key}`);
      else expect(actual, key).toBe(value);
    }
  });

  it('IATA 6,000 cm³/kg and its imperial equivalent 166 in³/lb give the same chargeable weight (±0.05 %)', () => {
    const metric = chargeableWeight(ChargeableWeightInput.parse({ mode: 'air', length: 120, width: 80, height: 100, weight: 50, roundingIncrement: 0 }));
    const inch = 1 / 2.54;
    const imperial = chargeableWeight(
      ChargeableWeightInput.parse({ mode: 'air', measurement: 'imperial', length: 120 * inch, width: 80 * inch, height: 100 * inch, weight: 50 / 0.45359237, roundingIncrement: 0 }),
    );
    expectClose(imperial.chargeableWeight * 0.45359237, metric.chargeableWeight, 5e-4);
    expect(metric.chargeableWeight).toBe(160); // 960,000 cm³ ÷ 6,000
  });

  it('express compares per piece (UPS totals the billable weight of every package); air per consignment', () => {
    // Two pieces: the heavy small one and the light bulky one.
    const heavy = { length: 20, width: 20, height: 20, weight: 10 }; // vol 1.6 kg
    const bulky = { length: 60, width: 50, height: 50, weight: 2 }; // vol 30 kg
    const perPiece = chargeableWeight(ChargeableWeightInput.parse({ mode: 'express', ...heavy })).chargeableWeight + chargeableWeight(ChargeableWeightInput.parse({ mode: 'express', ...bulky })).chargeableWeight;
    expect(perPiece).toBe(40);
    // The same two as one shipment-level comparison: max(12 kg, 31.6 kg) = 31.6 → 32 (next 0.5 kg).
    expect(roundHalf(Math.max(12, (8000 + 150000) / 5000))).toBe(32);
    const pieces = chargeableWeight(ChargeableWeightInput.parse({ mode: 'express', ...bulky, pieces: 3 }));
    expect(pieces.chargeableWeight).toBe(90);
    expect(pieces.comparison).toBe('piece');
  });

  it('overrides divisor and rounding; rail warns about its default ratio', () => {
    const r = chargeableWeight(ChargeableWeightInput.parse({ mode: 'air', length: 30, width: 45, height: 65, weight: 14, volumetricDivisor: 5000, roundingIncrement: 1 }));
    expect(r.volumetricWeight).toBe(17.55);
    expect(r.chargeableWeight).toBe(18);
    const rail = chargeableWeight(ChargeableWeightInput.parse({ mode: 'rail', length: 100, width: 100, height: 100, weight: 200 }));
    expect(rail.revenueTons).toBe(1);
    expect(rail.warnings.join(' ')).toMatch(/Rail/);
  });
});

const roundHalf = (x: number) => Math.ceil(x * 2) / 2;

describe('W/M sea freight (LCL)', () => {
  it.each(wmFreightExamples.map((e) => [e.id, e] as const))('%s', (_, e) => {
    const r = run({
      currency: 'USD',
      shipment: { origin: 'US', destination: 'US', importDate: '2025-06-01' },
      items: [{ sku: 'CARGO', quantity: e.pieces, unitCost: 0, price: 1, weight: e.weightKg, length: e.dimensionsCm[0], width: e.dimensionsCm[1], height: e.dimensionsCm[2] }],
      freight: { mode: 'sea-lcl', rate: e.ratePerRevenueTon },
    });
    expectClose(r.shipment.revenueTons, e.expectedRevenueTons, 1e-12);
    expect(r.shipment.freight.total).toBe(e.expectedFreight);
    expect(r.totals.lines.freight).toBe(e.expectedFreight);
    expect(r.skus[0]!.lines[LINE_INDEX.freight]!.total).toBe(e.expectedFreight);
  });
});

describe('EU import VAT on CIF + duty (zoll.de worked example)', () => {
  const e = euImportVatExample;
  const r = run(
    single({
      shipment: { origin: 'US', destination: 'DE', importDate: '2025-06-01', vatRegistered: false },
      item: { unitCost: e.exWorks, dutyRate: e.dutyRate, price: 20000 },
      freight: {
        mode: 'sea-lcl',
        rate: 0,
        fees: [
          { name: 'freight to Rotterdam', amount: e.freightToBorder, stage: 'main' },
          { name: 'Rotterdam–Berlin', amount: e.onCarriage, stage: 'on-carriage' },
        ],
      },
    }),
  );
  it(e.id, () => {
    expect(r.skus[0]!.perUnit.customsValue).toBe(e.expected.customsValue);
    expect(line(r, 0, 'duty').perUnit).toBe(e.expected.duty);
    const vat = line(r, 0, 'importVat');
    expect(vat.inputs?.vatBase).toBeCloseTo(e.expected.vatBase, 9);
    expect(vat.perUnit).toBe(e.expected.importVat);
    expect(line(r, 0, 'duty').perUnit + vat.perUnit).toBe(e.expected.total);
    expect(vat.inCost).toBe(true); // not VAT-registered: import VAT is a cost
    expect(r.rulesApplied.map((x) => x.id)).toEqual(expect.arrayContaining(['eu-valuation-cif-vat-base', 'de-vat-19', 'eu-duty-relief-150']));
    expect(r.rulesApplied.find((x) => x.id === 'eu-duty-relief-150')?.applies).toBe(false); // €10,000 > €150
  });

  it('a VAT-registered importer reclaims it: shown, reclaimable, not in cost', () => {
    const reg = run(single({ shipment: { origin: 'US', destination: 'DE', importDate: '2025-06-01', vatRegistered: true }, item: { unitCost: e.exWorks, dutyRate: e.dutyRate, price: 20000 }, freight: { mode: 'sea-lcl', rate: 0, fees: [{ name: 'f', amount: 1200 }, { name: 'o', amount: 300, stage: 'on-carriage' }] } }));
    const vat = line(reg, 0, 'importVat');
    expect(vat).toMatchObject({ perUnit: 2227.56, inCost: false, reclaimable: true, paidBy: 'seller' });
    expect(reg.totals.importVatReclaimable).toBe(2227.56);
    expect(reg.skus[0]!.perUnit.landedCost).toBe(10000 + 1500 + 224);
  });

  it('DDU: duty and VAT are the buyer’s, shown but not in the seller’s cost', () => {
    const ddu = run(single({ shipment: { origin: 'US', destination: 'DE', importDate: '2025-06-01', incoterm: 'DDU' }, item: { unitCost: e.exWorks, dutyRate: e.dutyRate, price: 20000 }, freight: { mode: 'sea-lcl', rate: 0, fees: [{ name: 'f', amount: 1200 }, { name: 'o', amount: 300, stage: 'on-carriage' }] } }));
    expect(line(ddu, 0, 'duty')).toMatchObject({ perUnit: 224, paidBy: 'buyer', inCost: false });
    expect(line(ddu, 0, 'importVat')).toMatchObject({ perUnit: 2227.56, paidBy: 'buyer', inCost: false });
    expect(ddu.totals.paidByBuyer).toBe(2451.56);
    expect(ddu.warnings.join(' ')).toMatch(/DDU/);
  });
});

describe('AU GST on the value of the taxable importation (ABF examples)', () => {
  it(auGstExamples[0].id, () => {
    const e = auGstExamples[0];
    const r = run({
      currency: 'AUD',
      shipment: { origin: 'JP', destination: 'AU', importDate: '2025-03-01' },
      items: [{ sku: 'CAMERA', quantity: e.quantity, unitCost: e.unitCostAud, dutyRate: e.dutyRate, price: 400, weight: 1, length: 20, width: 15, height: 10 }],
      freight: { mode: 'air', rate: 0, fees: [{ name: 'international transport and insurance', amount: e.transportAndInsuranceAud }] },
    });
    expect(r.skus[0]!.perUnit.customsValue * e.quantity).toBe(e.expected.customsValue); // FOB: T&I not in the customs value
    expect(line(r, 0, 'duty').total).toBe(e.expected.duty);
    expect(line(r, 0, 'importVat').total).toBe(e.expected.gst);
    expectClose(line(r, 0, 'importVat').inputs!.vatBase as number, e.expected.voti / e.quantity, 1e-12);
    expect(r.rulesApplied.find((x) => x.id === 'au-low-value-gst-1000')).toMatchObject({ applies: false }); // A$1,200 > A$1,000
  });

  it(auGstExamples[1].id, () => {
    const e = auGstExamples[1];
    const r = run({
      currency: 'AUD',
      fxRates: [{ currency: 'USD', rate: 1 / e.usdPerAud }],
      shipment: { origin: 'US', destination: 'AU', importDate: '2025-03-01' },
      items: [{ sku: 'AMP', quantity: 1, unitCost: e.unitCostUsd, costCurrency: 'USD', dutyRate: e.dutyRate, price: 2500, weight: 8, length: 50, width: 40, height: 20 }],
      freight: { mode: 'express', currency: 'USD', rate: 0, fees: [{ name: 'postage and insurance', amount: e.postageAndInsuranceUsd }] },
    });
    expect(r.skus[0]!.perUnit.customsValue).toBe(e.expected.customsValue);
    expect(line(r, 0, 'freight').perUnit).toBe(130);
    expect(line(r, 0, 'duty').perUnit).toBe(e.expected.duty);
    expect(line(r, 0, 'importVat').perUnit).toBe(e.expected.gst);
    expectClose(line(r, 0, 'importVat').inputs!.vatBase as number, e.expected.voti, 1e-12);
  });
});

describe('low-value rules by import date', () => {
  const us = (importDate: string, origin = 'DE') =>
    run(single({ currency: 'USD', shipment: { origin, destination: 'US', importDate }, item: { unitCost: 500, dutyRate: 0.05, price: 900 } }));

  it('US: $800 de minimis until 28 Aug 2025, suspended for every origin from 29 Aug 2025 (EO 14324)', () => {
    const before = us('2025-08-28');
    expect(line(before, 0, 'duty').perUnit).toBe(0);
    expect(ruleIds(before)).toContain('us-de-minimis-800:true');
    const after = us('2025-08-29');
    expect(line(after, 0, 'duty').perUnit).toBe(25);
    expect(ruleIds(after)).toContain('us-de-minimis-suspended:true');
    expect(after.rulesApplied.find((x) => x.id === 'us-de-minimis-suspended')?.source).toMatch(/14324/);
  });

  it('US: China and Hong Kong lost the de minimis on 2 May 2025 (EO 14256); other origins kept it until 29 Aug', () => {
    expect(line(us('2025-05-01', 'CN'), 0, 'duty').perUnit).toBe(0);
    const cn = us('2025-05-02', 'CN');
    expect(line(cn, 0, 'duty').perUnit).toBe(25);
    expect(ruleIds(cn)).toContain('us-de-minimis-suspended-cn-hk:true');
    expect(line(us('2025-05-02', 'VN'), 0, 'duty').perUnit).toBe(0);
    expect(line(us('2025-05-02', 'VN'), 0, 'importVat').perUnit).toBe(0); // no import VAT in the US
  });

  it('US: a consignment above $800 pays duty before the suspension too (FOB value: freight not included)', () => {
    const r = run(single({ currency: 'USD', shipment: { origin: 'DE', destination: 'US', importDate: '2024-01-10' }, item: { unitCost: 900, dutyRate: 0.05, price: 1500 }, freight: { mode: 'air', rate: 0, fees: [{ name: 'air', amount: 100 }] } }));
    expect(line(r, 0, 'duty').perUnit).toBe(45);
    expect(r.rulesApplied.find((x) => x.id === 'us-de-minimis-800')?.applies).toBe(false);
  });

  const euParcel = (importDate: string, unitsPerOrder = 1, price = 40) =>
    run(
      single({
        shipment: { origin: 'CN', destination: 'DE', importDate, consignment: 'parcel-per-order' },
        item: { unitCost: 8, dutyRate: 0.12, price },
        freight: { mode: 'express', rate: 0 },
        selling: { unitsPerOrder },
      }),
    );

  it('EU B2C parcel ≤ €150: duty relief until 30 Jun 2026, then a flat €3 per item category per parcel', () => {
    const june = euParcel('2026-06-30');
    expect(line(june, 0, 'duty').perUnit).toBe(0);
    expect(ruleIds(june)).toEqual(expect.arrayContaining(['eu-duty-relief-150:true', 'eu-ioss-no-import-vat:true']));
    const july = euParcel('2026-07-01');
    expect(line(july, 0, 'duty').perUnit).toBe(3);
    expect(ruleIds(july)).toContain('eu-flat-duty-3-per-item-category:true');
    expect(line(july, 0, 'importVat').perUnit).toBe(0); // IOSS: VAT charged on the sale, not at the border
    expect(line(euParcel('2026-07-01', 2), 0, 'duty').perUnit).toBe(1.5); // two units of one item category per parcel
  });

  it('EU parcel above €150: ordinary duty and import VAT on the parcel (selling price net of VAT as its value)', () => {
    const r = euParcel('2026-07-01', 1, 238); // 238 ÷ 1.19 = 200 > 150
    expect(r.skus[0]!.perUnit.customsValue).toBe(200);
    expect(line(r, 0, 'duty').perUnit).toBe(24);
    expect(line(r, 0, 'importVat').perUnit).toBe(42.56); // 19 % × (200 + 24)
    expect(ruleIds(r)).toContain('eu-flat-duty-3-per-item-category:false');
  });

  it('EU bulk consignment of €100: relieved until 30 Jun 2026, ordinary duty from 1 Jul 2026', () => {
    const bulk = (d: string) => run(single({ shipment: { origin: 'CN', destination: 'FR', importDate: d }, item: { unitCost: 100, dutyRate: 0.1, price: 300 } }));
    expect(line(bulk('2026-06-30'), 0, 'duty').perUnit).toBe(0);
    const after = bulk('2026-07-01');
    expect(line(after, 0, 'duty').perUnit).toBe(10);
    expect(ruleIds(after)).toContain('eu-duty-relief-abolished:true');
  });

  it('UK £135: below it VAT is charged at the sale (no import VAT, no duty); above it both apply', () => {
    const uk = (price: number) =>
      run(single({ currency: 'GBP', shipment: { origin: 'CN', destination: 'GB', importDate: '2025-11-01', consignment: 'parcel-per-order' }, item: { unitCost: 20, dutyRate: 0.12, price }, freight: { mode: 'express', rate: 0 } }));
    const low = uk(60);
    expect([line(low, 0, 'duty').perUnit, line(low, 0, 'importVat').perUnit]).toEqual([0, 0]);
    expect(ruleIds(low)).toEqual(expect.arrayContaining(['gb-low-value-vat-135:true', 'gb-duty-relief-135:true']));
    expect(low.skus[0]!.perUnit.salesVat).toBe(10); // 60 − 60 ÷ 1.2
    const high = uk(200); // 166.67 net > 135
    expect(line(high, 0, 'duty').perUnit).toBe(20);
    expect(line(high, 0, 'importVat').perUnit).toBe(37.33); // 20 % × (166.67 + 20)
  });

  it('AU A$1,000: no duty or GST at the border below it', () => {
    const au = (price: number) => run(single({ currency: 'AUD', shipment: { origin: 'CN', destination: 'AU', importDate: '2025-11-01', consignment: 'parcel-per-order' }, item: { unitCost: 20, dutyRate: 0.05, price }, freight: { mode: 'express', rate: 0 } }));
    const low = au(110);
    expect([line(low, 0, 'duty').perUnit, line(low, 0, 'importVat').perUnit]).toEqual([0, 0]);
    const high = au(1320); // 1,200 > 1,000
    expect(line(high, 0, 'duty').perUnit).toBe(60);
    expect(line(high, 0, 'importVat').perUnit).toBe(126); // 10 % × (1,200 + 60)
  });

  it('applyLowValueRules false: ordinary treatment, no low-value rule listed', () => {
    const r = run(single({ currency: 'USD', shipment: { origin: 'DE', destination: 'US', importDate: '2025-06-01', applyLowValueRules: false }, item: { unitCost: 500, dutyRate: 0.05 } }));
    expect(line(r, 0, 'duty').perUnit).toBe(25);
    expect(r.rulesApplied.every((x) => x.topic === 'valuation' || x.topic === 'vat-rate')).toBe(true);
  });
});

describe('destinations, rates and errors', () => {
  it('standard VAT rates by date: DE 16 % in H2 2020, EE 24 % from 1 Jul 2025, RO 21 % from 1 Aug 2025', () => {
    const vat = (destination: string, importDate: string) => run(single({ shipment: { origin: 'CN', destination, importDate }, item: { unitCost: 1000 } })).shipment.importVatRate;
    expect(vat('DE', '2020-12-31')).toBe(0.16);
    expect(vat('DE', '2021-01-01')).toBe(0.19);
    expect(vat('EE', '2025-06-30')).toBe(0.22);
    expect(vat('EE', '2025-07-01')).toBe(0.24);
    expect(vat('RO', '2025-07-31')).toBe(0.19);
    expect(vat('RO', '2025-08-01')).toBe(0.21);
    expect(vat('FI', '2024-09-01')).toBe(0.255);
  });

  it('a destination not on file needs the caller’s valuation basis and VAT rate (422), then works', () => {
    const input = single({ shipment: { origin: 'CN', destination: 'BR', importDate: '2025-06-01' } });
    expect(() => run(input)).toThrow(DomainError);
    try {
      run(input);
    } catch (err) {
      expect((err as DomainError).code).toBe('landed-cost.destination-not-covered');
    }
    const ok = run(single({ shipment: { origin: 'CN', destination: 'BR', importDate: '2025-06-01', valuationBasis: 'CIF', importVatRate: 0.17 }, item: { dutyRate: 0.1 } }));
    expect(line(ok, 0, 'duty').perUnit).toBe(10);
    expect(line(ok, 0, 'importVat').perUnit).toBe(18.7);
    expect(ok.rulesApplied[0]!.id).toBe('caller-valuation-basis');
  });

  it('a threshold in another currency needs its exchange rate (422 landed-cost.fx-rate-missing)', () => {
    const input = single({ currency: 'USD', shipment: { origin: 'CN', destination: 'DE', importDate: '2026-07-01', consignment: 'parcel-per-order' }, item: { price: 50 } });
    expect(() => run(input)).toThrow(/fxRates/);
    const ok = run({ ...input, fxRates: [{ currency: 'EUR', rate: 1.1 }] });
    expect(line(ok, 0, 'duty').perUnit).toBe(3.3); // €3 at 1.1 USD per EUR
  });

  it('no import inside one customs territory (FR → DE, or domestic)', () => {
    const r = run(single({ shipment: { origin: 'FR', destination: 'DE', importDate: '2025-06-01' }, item: { dutyRate: 0.1 } }));
    expect(r.shipment.imported).toBe(false);
    expect([line(r, 0, 'duty').perUnit, line(r, 0, 'importVat').perUnit]).toEqual([0, 0]);
    expect(r.skus[0]!.perUnit.salesVat).toBe(31.93); // 200 − 200 ÷ 1.19
  });

  it('rejects inconsistent input with a 400-style issue at the field', () => {
    const bad = LandedCostInput.safeParse({
      ...single({}),
      items: [
        { sku: 'A', quantity: 1, unitCost: 1, costCurrency: 'CNY', price: 2, weight: 1, length: 1, width: 1, height: 1, measuredPer: 'carton' },
        { sku: 'A', quantity: 1, unitCost: 1, price: 2, weight: 1, length: 1, width: 1, height: 1 },
      ],
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('/'));
    expect(paths).toEqual(expect.arrayContaining(['items/0/costCurrency', 'items/0/unitsPerCarton', 'items/1/sku']));
  });
});

describe('selling, break-even and rounding', () => {
  it('worked unit economics (hand-computed): commission minimum, payment, ACoS, returns, content', () => {
    // US, no import (US → US): price 20, unit cost 6, last mile 4, commission 15 % (min 0.30) + 0.99 per order,
    // payment 2.9 % + 0.30 per order, ACoS 10 % on every sale, returns 10 % × (5 + 1 + 50 % × 6), content 100 over 100 units.
    const r = run({
      currency: 'USD',
      shipment: { origin: 'US', destination: 'US', importDate: '2025-06-01' },
      items: [{ sku: 'X', quantity: 100, unitCost: 6, price: 20, weight: 1, length: 10, width: 10, height: 10, contentCost: 100 }],
      freight: { mode: 'sea-lcl', rate: 0 },
      selling: {
        lastMilePerUnit: 4,
        commissionRate: 0.15,
        commissionMinimum: 0.3,
        commissionFixedPerOrder: 0.99,
        paymentRate: 0.029,
        paymentFixedPerOrder: 0.3,
        ads: { basis: 'acos', acos: 0.1, clicksPerOrder: 20 },
        returnRate: 0.1,
        unsellableShare: 0.5,
        returnShippingPerReturn: 5,
        returnHandlingPerReturn: 1,
      },
    });
    const s = r.skus[0]!;
    const byLine = Object.fromEntries(s.lines.map((l) => [l.line, l.perUnit]));
    expect(byLine).toMatchObject({ product: 6, lastMile: 4, commission: 3.99, payment: 0.88, ads: 2, content: 1, returns: 0.9 });
    // total 6 + 4 + 3.99 + 0.88 + 2 + 1 + 0.9 = 18.77; contribution 1.23
    expect(s.perUnit.totalCost).toBe(18.77);
    expect(s.perUnit.contribution).toBe(1.23);
    expectClose(s.perUnit.margin, 1.23 / 20, 1e-12);
    // Break-even: F = 6 + 4 + 0.99 + 0.3 + 1 + 0.9 = 13.19; S = 0.15 + 0.029 + 0.1 = 0.279 → p* = 13.19 ÷ 0.721 = 18.294…
    expect(s.perUnit.breakEvenPrice).toBe(18.29);
    expectClose(s.perUnit.breakEvenAcos, (1.23 + 2) / 20, 1e-12);
    expect(s.perUnit.maxCpc).toBe(0.16); // 3.23 ÷ 20 clicks
  });

  it('contribution at the break-even price is zero (within rounding), for the example SKUs', () => {
    const base = landedCostCalculation.example as Input;
    const r = run(base);
    r.skus.forEach((s, i) => {
      const p = s.perUnit.breakEvenPrice!;
      const again = run({ ...base, items: base.items.map((it, j) => (j === i ? { ...it, price: p } : it)) });
      expect(Math.abs(again.skus[i]!.perUnit.contribution)).toBeLessThanOrEqual(0.05);
    });
  });

  it('commission minimum: break-even on the minimum branch when the percentage is below it', () => {
    const r = run({
      currency: 'USD',
      shipment: { origin: 'US', destination: 'US', importDate: '2025-06-01' },
      items: [{ sku: 'CHEAP', quantity: 10, unitCost: 1, price: 3, weight: 0.1, length: 5, width: 5, height: 5 }],
      freight: { mode: 'sea-lcl', rate: 0 },
      selling: { commissionRate: 0.08, commissionMinimum: 1 },
    });
    // cost = 1 + max(0.08 p, 1): p* = 2 (0.08 × 2 = 0.16 < 1)
    expect(r.skus[0]!.perUnit.breakEvenPrice).toBe(2);
    expect(r.skus[0]!.lines[LINE_INDEX.commission]!.perUnit).toBe(1);
  });

  it('no break-even when the price-linked fees take the whole price', () => {
    const r = run({
      currency: 'USD',
      shipment: { origin: 'US', destination: 'US', importDate: '2025-06-01' },
      items: [{ sku: 'Z', quantity: 1, unitCost: 1, price: 10, weight: 1, length: 1, width: 1, height: 1 }],
      freight: { mode: 'sea-lcl', rate: 0 },
      selling: { commissionRate: 0.6, ads: { basis: 'acos', acos: 0.5 } },
    });
    expect(r.skus[0]!.perUnit.breakEvenPrice).toBeUndefined();
    expect(r.warnings.join(' ')).toMatch(/No break-even/);
    expect(r.warnings.join(' ')).toMatch(/Negative contribution/);
  });

  it('JPY has no minor unit and KWD three decimals', () => {
    const jpy = run(single({ currency: 'JPY', shipment: { origin: 'CN', destination: 'JP', importDate: '2025-06-01' }, item: { unitCost: 1234.5, price: 3333, dutyRate: 0.033 } }));
    for (const l of jpy.skus[0]!.lines) expect(Number.isInteger(l.perUnit)).toBe(true);
    expect(line(jpy, 0, 'product').perUnit).toBe(1235);
    const kwd = run(single({ currency: 'KWD', shipment: { origin: 'KW', destination: 'KW', importDate: '2025-06-01' }, item: { unitCost: 1.23456, price: 3 } }));
    expect(line(kwd, 0, 'product').perUnit).toBe(1.235);
  });

  it('storage over a peak season and monthly proration, inbound per carton, FX buffer on foreign costs', () => {
    const r = run({
      currency: 'EUR',
      fxRates: [{ currency: 'CNY', rate: 0.125 }],
      fxBuffer: 0.02,
      shipment: { origin: 'DE', destination: 'DE', importDate: '2026-11-16' },
      items: [{ sku: 'BOX', quantity: 10, unitCost: 80, costCurrency: 'CNY', price: 50, measuredPer: 'carton', unitsPerCarton: 4, weight: 8, length: 50, width: 40, height: 40 }],
      freight: { mode: 'sea-lcl', rate: 0 },
      warehouse: { inboundPerCarton: 2, storageRate: 20, peakSeasons: [{ from: '12-01', to: '01-31', rate: 30 }], storageDays: 30, outboundPerUnit: 1 },
    });
    // 3 cartons (partial last one) × 2 ÷ 10 units = 0.60; unit volume 0.08 m³ ÷ 4 = 0.02 m³;
    // 15 Nov days at 20/30 + 15 Dec days at 30/31 = 10 + 14.516… = 24.516… per m³ → 0.49 per unit.
    expect(line(r, 0, 'warehouseInbound').perUnit).toBe(0.6);
    expectClose(line(r, 0, 'warehouseStorage').inputs!.ratePerVolume as number, 10 + (15 * 30) / 31, 1e-12);
    expect(line(r, 0, 'warehouseStorage').perUnit).toBe(0.49);
    expect(line(r, 0, 'fxBuffer').perUnit).toBe(0.2); // 2 % × product 10 (CNY); warehouse is in EUR
    expect(r.skus[0]!.cartons).toBe(3);
    expect(r.warnings.join(' ')).toMatch(/partial last carton/);
  });
});

describe('the request example (China → Germany, sea LCL, DDP, VAT-registered)', () => {
  const r = run(landedCostCalculation.example as Input);

  it('matches the independent reference (scripts/reference/cost_examples.py)', () => {
    r.skus.forEach((s, i) => {
      const ref = exampleExpected.skus[i]!;
      for (const l of s.lines) expectClose(l.perUnit, ref.perUnit[l.line], 0, 0.005 + 1e-9, `${s.sku} ${l.line}`);
      expect(s.perUnit.breakEvenPrice).toBe(ref.breakEvenPrice);
    });
    expectClose(r.shipment.revenueTons, exampleExpected.revenueTons, 1e-12);
    expect(r.totals.contribution).toBe(exampleExpected.totalContribution);
  });

  it('SKU totals add up exactly to the shipment totals, line by line and in aggregate', () => {
    const cents = (x: number) => Math.round(x * 100);
    for (const name of COST_LINES) expect(r.skus.reduce((a, s) => a + cents(line(r, r.skus.indexOf(s), name).total), 0), name).toBe(cents(r.totals.lines[name]));
    expect(r.skus.reduce((a, s) => a + cents(s.totals.totalCost), 0)).toBe(cents(r.totals.totalCost));
    expect(cents(r.totals.netRevenue) - cents(r.totals.totalCost)).toBe(cents(r.totals.contribution));
    expect(r.shipment.freight.total).toBe(r.totals.lines.freight);
    expect(allFinite(r)).toBe(true);
  });

  it('lists the rules it applied and gives every line its formula and inputs', () => {
    expect(r.rulesApplied.map((x) => x.id)).toEqual(['eu-valuation-cif-vat-base', 'de-vat-19', 'eu-duty-relief-abolished']);
    for (const s of r.skus) for (const l of s.lines) expect(l.formula && l.inputs && l.currency === 'EUR').toBeTruthy();
    expect(Object.keys(r.lineFormulas)).toEqual([...COST_LINES]);
  });

  it('CSV: one row per SKU with the cost lines as columns', () => {
    const t = landedCostTable(r);
    expect(t.rows).toHaveLength(3);
    expect(t.columns).toEqual(expect.arrayContaining(['sku', ...COST_LINES, 'landedCost', 'totalCost', 'margin', 'breakEvenPrice']));
    const row = t.rows[0]!;
    expect(row[t.columns.indexOf('importVat')]).toBe(0); // reclaimed: not a cost
    expect(row[t.columns.indexOf('importVatReclaimable')]).toBe(r.skus[0]!.lines[LINE_INDEX.importVat]!.perUnit);
  });

  it('summary detail drops formulas and inputs; auto switches above 100 SKUs', () => {
    const summary = run({ ...(landedCostCalculation.example as Input), detail: 'summary' });
    expect(summary.skus[0]!.lines[0]!.formula).toBeUndefined();
    expect(summary.skus.map((s) => s.perUnit)).toEqual(r.skus.map((s) => s.perUnit));
  });
});

describe('calculation wiring', () => {
  it('both calculations parse their own example and keep LINE_INDEX in line order', () => {
    for (const calc of costCalculations) expect(calc.input.safeParse(calc.example).success).toBe(true);
    COST_LINES.forEach((l, i) => expect(LINE_INDEX[l]).toBe(i));
    expect(chargeableWeightCalculation.compute(chargeableWeightCalculation.input.parse(chargeableWeightCalculation.example)).chargeableWeight).toBe(15);
  });
});
