/**
 * Cash timeline properties (fast-check) over random campaigns with every kind of input: balance
 * accounting and the credit line, payout holds, neutral stress, FX scaling, import VAT conservation,
 * monthly fees, the cash conversion cycle, weekly buckets, finiteness and schema conformance.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CashFlowInput, CashFlowResult, NEUTRAL, cashFlow, inflowCategories, outflowCategories, prepareCampaign, simulate, simulateCampaign, type StressScenario } from '../../core/cash/timeline.js';
import { payoutPresetIds } from '../../core/cash/presets.js';
import { allFinite } from '../helpers.js';

const H_MAX = 90;
const dayArb = fc.integer({ min: 0, max: H_MAX + 20 });
const dateOf = (d: number) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10);
const money = fc.double({ min: 0, max: 1e6, noNaN: true });
const fraction = (max = 1) => fc.double({ min: 0, max, noNaN: true });
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const ruleFields = {
  cycleDays: fc.integer({ min: 1, max: 30 }),
  delayDays: fc.integer({ min: 0, max: 30 }),
  eligibleFrom: fc.constantFrom('delivery', 'sale'),
  deliveryDays: fc.integer({ min: 0, max: 10 }),
  transferDays: fc.integer({ min: 0, max: 7 }),
  reserveShare: fraction(),
  reserveReleaseDays: fc.integer({ min: 0, max: 60 }),
  feeRate: fraction(0.3),
  conversionCostRate: fraction(0.05),
};
const payoutArb = fc.oneof(
  fc.record(ruleFields),
  fc.record({ preset: fc.constantFrom(...payoutPresetIds), ...ruleFields }, { requiredKeys: ['preset'] }),
);

const skuArb = fc.record({
  price: fraction(200),
  returnRate: opt(fraction()),
  returnLagDays: opt(fc.integer({ min: 0, max: 30 })),
  start: fc.integer({ min: -10, max: H_MAX }),
  daily: fc.boolean(),
  values: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 30 }),
});

const inputArb = fc
  .record({
    horizonDays: fc.integer({ min: 1, max: H_MAX }),
    openingCash: money,
    credit: opt(fc.record({ limit: money, annualRate: fraction(2) })),
    event: opt(fc.record({ start: fc.integer({ min: 0, max: H_MAX }), length: fc.integer({ min: 0, max: 5 }) })),
    pos: fc.array(fc.record({ o: dayArb, ship: opt(fc.integer({ min: 0, max: 30 })), gap: fc.integer({ min: 0, max: 60 }), amount: money, depositShare: fraction() }), { maxLength: 4 }),
    shipments: fc.array(fc.record({ d: dayArb, transit: fc.integer({ min: 0, max: 30 }), freight: money, terms: fc.integer({ min: 0, max: 30 }), duties: money, vat: money }), { maxLength: 3 }),
    vatReclaimDays: opt(fc.integer({ min: 0, max: 60 })),
    payments: fc.array(fc.record({ d: dayArb, amount: money, category: fc.constantFrom('freight', 'duties', 'warehouse', 'ads', 'content', 'other') }), { maxLength: 6 }),
    recurring: fc.array(fc.record({ from: dayArb, length: opt(fc.integer({ min: 0, max: 100 })), amount: money, chargeOn: fc.constantFrom('same-day', 'first-of-month') }), { maxLength: 2 }),
    ramp: opt(fc.record({ weeks: fc.integer({ min: 0, max: 3 }), warm: money, on: money, afterDays: fc.integer({ min: 0, max: 10 }), after: money })),
    sales: fc.array(fc.record({ d: dayArb, units: fc.integer({ min: 0, max: 5000 }), price: fraction(500) }), { maxLength: 6 }),
    skus: fc.array(skuArb, { maxLength: 3 }),
    returnRate: fraction(),
    returnLagDays: fc.integer({ min: 0, max: 30 }),
    fx: opt(fc.record({ rate: fc.double({ min: 0.01, max: 100, noNaN: true }) })),
    payout: payoutArb,
    firstPayout: opt(fc.integer({ min: 0, max: 20 })),
    discountRate: opt(fraction()),
    granularity: fc.constantFrom('day', 'week'),
  })
  .map((r) => {
    const event = r.event ? { start: dateOf(r.event.start), end: dateOf(r.event.start + r.event.length) } : undefined;
    return CashFlowInput.parse({
      startDate: '2026-01-01',
      horizonDays: r.horizonDays,
      granularity: r.granularity,
      openingCash: r.openingCash,
      creditLine: r.credit,
      event,
      purchaseOrders: r.pos.map((p) =>
        p.ship === undefined
          ? { orderDate: dateOf(p.o), amount: p.amount, depositShare: p.depositShare, balanceDate: dateOf(p.o + p.gap) }
          : { orderDate: dateOf(p.o), amount: p.amount, depositShare: p.depositShare, shipmentDate: dateOf(p.o + p.ship), balanceDaysAfterShipment: p.gap },
      ),
      shipments: r.shipments.map((s) => ({ departureDate: dateOf(s.d), importDate: dateOf(s.d + s.transit), freight: s.freight, freightDaysAfterDeparture: s.terms, duties: s.duties, importVat: s.vat })),
      importVatReclaimDays: r.vatReclaimDays,
      payments: r.payments.map((p) => ({ date: dateOf(p.d), amount: p.amount, category: p.category })),
      recurringPayments: r.recurring.map((x) => ({ amountPerMonth: x.amount, from: dateOf(x.from), to: x.length === undefined ? undefined : dateOf(x.from + x.length), chargeOn: x.chargeOn })),
      adRamps:
        r.ramp && r.event
          ? [{ warmUpWeeks: Math.min(r.ramp.weeks, Math.floor(r.event.start / 7)), warmUpDaily: r.ramp.warm, eventDaily: r.ramp.on, afterDays: r.ramp.afterDays, afterDaily: r.ramp.after }]
          : [],
      sales: r.sales.map((s) => ({ date: dateOf(s.d), units: s.units, price: s.price })),
      skus: r.skus.map((s, i) => ({
        sku: `S${i}`,
        price: s.price,
        returnRate: s.returnRate,
        returnLagDays: s.returnLagDays,
        ...(s.daily ? { start: dateOf(s.start), units: s.values } : { forecast: { start: dateOf(s.start), frequency: 'week', values: s.values.slice(0, 5) } }),
      })),
      returnRate: r.returnRate,
      returnLagDays: r.returnLagDays,
      fx: r.fx ? { sellingCurrency: 'EUR', accountCurrency: 'USD', rate: r.fx.rate } : undefined,
      payout: { ...r.payout, firstPayoutDate: r.firstPayout === undefined ? undefined : dateOf(r.firstPayout) },
      discountRate: r.discountRate,
    });
  });

const stressArb = fc.record({
  name: fc.constant('s'),
  demandFactor: fraction(10),
  delayDays: fc.integer({ min: 0, max: 60 }),
  eventLossShare: fraction(),
  returnRateDelta: fc.double({ min: -1, max: 1, noNaN: true }),
  fxMove: fc.double({ min: -0.9, max: 1, noNaN: true }),
  payoutHoldDays: fc.integer({ min: 0, max: 60 }),
  adCostFactor: fraction(10),
});

/** Tolerance for sums of up to a few hundred amounts of up to ~1e9. */
const tol = (scale: number) => 1e-9 * Math.max(1, scale);
const sumOf = (xs: Float64Array, from: number, to: number) => xs.subarray(from, to).reduce((a, b) => a + b, 0);

describe('cash timeline: properties', () => {
  it('balance = opening cash + cumulative net flows + credit drawn, and credit = clamp(−position, 0, limit)', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { days } = simulate(input);
        let cumulative = 0;
        let scale = input.openingCash;
        const limit = input.creditLine?.limit ?? 0;
        for (const d of days) {
          let inflow = 0;
          let outflow = 0;
          for (const k of inflowCategories) inflow += d.inflows[k];
          for (const k of outflowCategories) outflow += d.outflows[k];
          cumulative += d.net;
          scale += inflow + outflow;
          const position = input.openingCash + cumulative;
          const ok =
            Math.abs(d.net - (inflow - outflow)) <= tol(inflow + outflow) &&
            Math.abs(d.balance - (position + d.creditDrawn)) <= tol(scale) &&
            Math.abs(d.creditDrawn - Math.min(limit, Math.max(0, -position))) <= tol(scale) &&
            d.creditDrawn >= 0 &&
            d.creditDrawn <= limit &&
            outflowCategories.every((k) => d.outflows[k] >= 0) &&
            inflowCategories.every((k) => d.inflows[k] >= 0);
          if (!ok) expect.fail(`accounting broken on ${d.date}: ${JSON.stringify(d)}, position ${position}`);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('delaying payouts (payoutHoldDays > 0) never raises the minimum balance nor lowers the funding need', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 1, max: 60 }), (input, hold) => {
        const base = simulate(input).summary;
        const held = simulate(input, { ...NEUTRAL, name: 'hold', payoutHoldDays: hold }).summary;
        const scale = tol(input.openingCash + base.totalInflows + base.totalOutflows);
        expect(held.lowestBalance).toBeLessThanOrEqual(base.lowestBalance + scale);
        expect(held.peakFundingNeed).toBeGreaterThanOrEqual(base.peakFundingNeed - scale);
      }),
      { numRuns: 200 },
    );
  });

  it('a demand factor of 1, delay 0, FX move 0 (any event loss share) reproduces the base exactly', () => {
    fc.assert(
      fc.property(inputArb, fraction(), (input, eventLossShare) => {
        const neutral: StressScenario = { name: 'neutral', demandFactor: 1, delayDays: 0, eventLossShare, returnRateDelta: 0, fxMove: 0, payoutHoldDays: 0, adCostFactor: 1 };
        const r = cashFlow({ ...input, stress: [neutral] });
        const s = r.scenarios[0]!;
        expect(s.summary).toEqual(r.summary);
        for (const v of Object.values(s.difference)) expect(v).toBe(0);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 100) },
    );
  });

  it('an FX move scales every marketplace flow by (1 + fxMove) and leaves costs alone', () => {
    fc.assert(
      fc.property(inputArb, fc.double({ min: -0.9, max: 1, noNaN: true }), (input, fxMove) => {
        const prep = prepareCampaign(input);
        const H = input.horizonDays;
        const a = simulateCampaign(prep, NEUTRAL).flows;
        const b = simulateCampaign(prep, { ...NEUTRAL, fxMove }).flows;
        const categories = [...inflowCategories, ...outflowCategories];
        categories.forEach((k, c) => {
          if (k === 'interest') return;
          const before = sumOf(a, c * H, (c + 1) * H);
          const after = sumOf(b, c * H, (c + 1) * H);
          const expected = ['payouts', 'reserveReleases', 'refunds', 'fees', 'fxCosts'].includes(k) ? before * (1 + fxMove) : before;
          expect(Math.abs(after - expected)).toBeLessThanOrEqual(tol(Math.abs(before) * 2));
        });
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 100) },
    );
  });

  it('sales are conserved: sold + lost = demand factor × (1 + fxMove) × base gross sales', () => {
    fc.assert(
      fc.property(inputArb, stressArb, (input, stress) => {
        const base = simulate(input).summary;
        const s = simulate(input, stress).summary;
        const expected = base.grossSales * stress.demandFactor * (1 + stress.fxMove);
        expect(Math.abs(s.grossSales + s.lostSales - expected)).toBeLessThanOrEqual(tol(expected * 4));
        if (stress.delayDays === 0 || input.event === undefined || stress.eventLossShare === 0) expect(s.lostSales).toBe(0);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 100) },
    );
  });

  it('import VAT is conserved: every amount paid comes back, within the horizon or reported after it', () => {
    fc.assert(
      fc.property(inputArb, stressArb, fc.integer({ min: 0, max: 60 }), (input, stress, reclaimDays) => {
        const registered = { ...input, importVatReclaimDays: reclaimDays };
        const start = Date.UTC(2026, 0, 1);
        const vatTotal = input.shipments.reduce((s, x) => s + x.importVat, 0);
        const vatInHorizon = input.shipments.reduce((s, x) => s + ((Date.parse(x.importDate) - start) / 86400000 + stress.delayDays < input.horizonDays ? x.importVat : 0), 0);
        for (const s of [simulate(registered).summary, simulate(registered, stress).summary]) {
          expect(Math.abs(s.importVatReclaimed + s.importVatReclaimAfterHorizon - vatTotal)).toBeLessThanOrEqual(tol(vatTotal));
          expect(s.importVatReclaimed).toBeLessThanOrEqual(s.importVatPaid + tol(vatTotal));
        }
        const stressed = simulate(registered, stress).summary;
        expect(Math.abs(stressed.importVatPaid - vatInHorizon)).toBeLessThanOrEqual(tol(vatTotal));
        const unregistered = simulate({ ...input, importVatReclaimDays: undefined }, stress).summary;
        expect(unregistered.importVatReclaimed + unregistered.importVatReclaimAfterHorizon).toBe(0);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 100) },
    );
  });

  it('monthly fees: one charge per month on the same day (EDATE) or the 1st, within from…to and the horizon', () => {
    const arb = fc.record({
      horizonDays: fc.integer({ min: 1, max: 730 }),
      from: fc.integer({ min: 0, max: 400 }),
      length: opt(fc.integer({ min: 0, max: 800 })),
      amount: fc.double({ min: 0.01, max: 1e6, noNaN: true }),
      chargeOn: fc.constantFrom('same-day', 'first-of-month'),
    });
    fc.assert(
      fc.property(arb, (r) => {
        const input = CashFlowInput.parse({
          startDate: '2026-01-01',
          horizonDays: r.horizonDays,
          openingCash: 0,
          recurringPayments: [{ amountPerMonth: r.amount, from: dateOf(r.from), to: r.length === undefined ? undefined : dateOf(r.from + r.length), chargeOn: r.chargeOn }],
          payout: { cycleDays: 1, delayDays: 0 },
        });
        // Independent count with Date arithmetic.
        const last = Math.min(r.horizonDays - 1, r.length === undefined ? Infinity : r.from + r.length);
        const from = new Date(Date.UTC(2026, 0, 1 + r.from));
        const expected: number[] = [];
        for (let k = 0; ; k++) {
          let t: Date;
          if (r.chargeOn === 'first-of-month') t = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + k + (from.getUTCDate() === 1 ? 0 : 1), 1));
          else {
            const monthEnd = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + k + 1, 0)).getUTCDate();
            t = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + k, Math.min(from.getUTCDate(), monthEnd)));
          }
          const day = (t.getTime() - Date.UTC(2026, 0, 1)) / 86400000;
          if (day > last) break;
          expected.push(day);
        }
        const { days } = simulate(input);
        const charged = days.flatMap((d, t) => (d.outflows.warehouse > 0 ? [t] : []));
        expect(charged).toEqual(expected);
        for (const t of charged) expect(days[t]!.outflows.warehouse).toBe(r.amount);
      }),
      { numRuns: 200 },
    );
  });

  it('the cash conversion cycle is DIO + DSO − DPO, and DSO ≥ 0 when payouts count from delivery', () => {
    fc.assert(
      fc.property(inputArb, stressArb, (input, stress) => {
        const s = simulate(input, stress).summary;
        if (s.cashConversionCycle !== undefined) expect(s.cashConversionCycle).toBe(s.dio! + s.dso! - s.dpo!);
        if (s.dso !== undefined && prepareCampaign(input).payout.rules.eligibleFrom === 'delivery') expect(s.dso).toBeGreaterThanOrEqual(0);
        if (s.grossSales === 0) expect(s.dso).toBeUndefined();
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 100) },
    );
  });

  it('weekly rows add up to the daily rows and end on the same balances', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const daily = cashFlow({ ...input, granularity: 'day' }).table;
        const weekly = cashFlow({ ...input, granularity: 'week' }).table;
        expect(weekly).toHaveLength(Math.ceil(input.horizonDays / 7));
        weekly.forEach((w, i) => {
          const bucket = daily.slice(i * 7, i * 7 + 7);
          const net = bucket.reduce((a, d) => a + d.net, 0);
          expect(Math.abs(w.net - net)).toBeLessThanOrEqual(tol(bucket.reduce((a, d) => a + Math.abs(d.net), 0)));
          expect(w.balance).toBe(bucket.at(-1)!.balance);
        });
      }),
      { numRuns: 50 },
    );
  });

  it('every output number is finite and the result matches its schema, under any stress', () => {
    fc.assert(
      fc.property(inputArb, fc.array(stressArb, { maxLength: 3 }), (input, stress) => {
        const r = cashFlow({ ...input, stress });
        expect(allFinite(r)).toBe(true);
        expect(CashFlowResult.safeParse(r).success).toBe(true);
        expect(JSON.stringify(r)).not.toMatch(/null|NaN|Infinity/);
        for (const s of r.scenarios) expect(s.summary.lostSales).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 100) },
    );
  });

  it('stays finite at the bounds: 730 days, the largest amounts, rates, FX and factors', () => {
    const big = 1e9;
    const input = CashFlowInput.parse({
      startDate: '2026-01-01',
      horizonDays: 730,
      openingCash: 0,
      creditLine: { limit: big, annualRate: 10 },
      event: { start: dateOf(100), end: dateOf(110) },
      purchaseOrders: Array.from({ length: 50 }, (_, i) => ({ orderDate: dateOf(i), amount: big, depositShare: 0.5, shipmentDate: dateOf(i + 30), balanceDaysAfterShipment: 365 })),
      shipments: Array.from({ length: 50 }, (_, i) => ({ departureDate: dateOf(i), importDate: dateOf(i + 60), freight: big, duties: big, importVat: big })),
      importVatReclaimDays: 365,
      recurringPayments: [{ amountPerMonth: big, from: dateOf(0), to: dateOf(1460) }],
      adRamps: [{ warmUpWeeks: 14, warmUpDaily: big, eventDaily: big, afterDays: 365, afterDaily: big }],
      sales: Array.from({ length: 50 }, (_, i) => ({ date: dateOf(100 + i), units: big, price: big })),
      skus: Array.from({ length: 20 }, (_, i) => ({ sku: `S${i}`, price: big, start: dateOf(730), units: Array.from({ length: 730 }, () => big) })),
      fx: { sellingCurrency: 'EUR', accountCurrency: 'USD', rate: 1e6 },
      payout: { preset: 'amazon-us', reserveShare: 0.5, reserveReleaseDays: 365 },
      discountRate: 10,
      stress: [{ name: 'x10', demandFactor: 10, adCostFactor: 10, fxMove: 1, delayDays: 365, returnRateDelta: 1 }],
    });
    const r = cashFlow(input);
    expect(allFinite(r)).toBe(true);
    expect(CashFlowResult.safeParse(r).success).toBe(true);
  });
});
