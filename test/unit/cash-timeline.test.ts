/**
 * Cash timeline: the original hand-checked campaign (with and without a credit line), weekly
 * buckets, and validation rules. New flows (presets, FX, forecasts, shipments, VAT, monthly fees,
 * ad ramps, event loss, CCC) are hand-checked in cash-flows.test.ts; properties are in
 * cash-properties.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { CashFlowInput, CashFlowResult, cashFlow, cashFlowCalculation, type CashFlowRow } from '../../core/cash/timeline.js';
import { expectClose } from '../helpers.js';

/**
 * Hand-checked campaign, day 0 = 2026-01-01, 60 days, no credit line:
 * - opening cash 10,000
 * - PO 20,000: deposit 30 % = 6,000 on day 0 (01-01); balance 14,000 on day 10 (01-11)
 * - freight 2,000 on day 12 (01-13)
 * - 600 units × 50 = 30,000 delivered on day 20 (01-21)
 * - payouts every 14 days from day 0 (days 0, 14, 28, 42, 56); delay 7 → eligible day 27 → paid
 *   day 28 (01-29): 90 % = 27,000, fee 1 % = 270
 * - reserve 10 % = 3,000, released 14 days after eligibility (day 41) → next payout day 42 (02-12),
 *   fee 1 % = 30
 * - returns 10 % of 600 units = 60 × 50 = 3,000 refunded day 20 + 10 = 30 → debited on payout day 42
 * Balances: day 0: 10,000 − 6,000 = 4,000; day 10: 4,000 − 14,000 = −10,000; day 12: −10,000 − 2,000
 * = −12,000; day 28: −12,000 + 27,000 − 270 = 14,730; day 42: 14,730 + 3,000 − 30 − 3,000 = 14,700.
 * Peak funding need 12,000 on 01-13; lowest balance −12,000 on 01-13; cumulative net (balance −
 * 10,000) is first ≥ 0 on day 28 (4,730) and stays so → cashPositiveDate 01-29.
 * Inflows 27,000 + 3,000 = 30,000; outflows 6,000 + 14,000 + 2,000 + 3,000 + 270 + 30 = 25,300;
 * profit 4,700; ROI 4,700 / 25,300. Lowest cumulative net −22,000 (day 12) → peak cash invested
 * 22,000, ROI on it 4,700 / 22,000.
 * Cash conversion cycle: inventory starts at the order (no shipmentDate), day 0; supplier payments
 * 6,000 on day 0 and 14,000 on day 10 → P̄ = 140,000 / 20,000 = 7 → DPO = 7. Sales of 30,000
 * delivered day 20 → DIO = 20; cash: 27,000 on day 28 and 3,000 on day 42 → C̄ = (756,000 +
 * 126,000) / 30,000 = 29.4 → DSO = 9.4; CCC = 20 + 9.4 − 7 = 22.4 (= C̄ − P̄).
 */
const handInput = {
  startDate: '2026-01-01',
  horizonDays: 60,
  openingCash: 10000,
  purchaseOrders: [{ label: 'PO', orderDate: '2026-01-01', amount: 20000, depositShare: 0.3, balanceDate: '2026-01-11' }],
  payments: [{ date: '2026-01-13', amount: 2000, category: 'freight' }],
  sales: [{ date: '2026-01-21', units: 600, price: 50 }],
  returnRate: 0.1,
  returnLagDays: 10,
  payout: { cycleDays: 14, delayDays: 7, reserveShare: 0.1, reserveReleaseDays: 14, feeRate: 0.01 },
};

const balanceOn = (rows: readonly CashFlowRow[], date: string) => rows.find((r) => r.date === date)!.balance;

describe('cash timeline: hand-checked campaign', () => {
  const result = cashFlow(CashFlowInput.parse(handInput));
  const rows = result.table;

  it('books every flow on its day', () => {
    expect(rows).toHaveLength(60);
    expect(rows[0]!.outflows.deposits).toBeCloseTo(6000, 9);
    expect(rows[10]!.outflows.balances).toBeCloseTo(14000, 9);
    expect(rows[12]!.outflows.freight).toBe(2000);
    expect(rows[28]!.inflows.payouts).toBeCloseTo(27000, 9);
    expect(rows[28]!.outflows.fees).toBeCloseTo(270, 9);
    expect(rows[42]!.inflows.reserveReleases).toBeCloseTo(3000, 9);
    expect(rows[42]!.outflows.fees).toBeCloseTo(30, 9);
    expect(rows[42]!.outflows.refunds).toBeCloseTo(3000, 9);
    const flowDays = rows.flatMap((r, t) => (r.net !== 0 ? [t] : []));
    expect(flowDays).toEqual([0, 10, 12, 28, 42]);
  });

  it('has the hand-computed balances', () => {
    const expected: Array<[string, number]> = [
      ['2026-01-01', 4000],
      ['2026-01-10', 4000],
      ['2026-01-11', -10000],
      ['2026-01-13', -12000],
      ['2026-01-28', -12000],
      ['2026-01-29', 14730],
      ['2026-02-12', 14700],
      ['2026-03-01', 14700],
    ];
    for (const [date, balance] of expected) expectClose(balanceOn(rows, date), balance, 1e-12, 1e-9, date);
    expect(rows.every((r) => r.creditDrawn === 0)).toBe(true);
  });

  it('has the hand-computed summary', () => {
    const s = result.summary;
    expectClose(s.peakFundingNeed, 12000, 1e-12, 1e-9);
    expect(s.peakFundingNeedDate).toBe('2026-01-13');
    expectClose(s.lowestBalance, -12000, 1e-12, 1e-9);
    expect(s.lowestBalanceDate).toBe('2026-01-13');
    expect(s.cashPositiveDate).toBe('2026-01-29');
    expectClose(s.totalInflows, 30000, 1e-12, 1e-9);
    expectClose(s.totalOutflows, 25300, 1e-12, 1e-9);
    expectClose(s.profit, 4700, 1e-12, 1e-9);
    expectClose(s.roi!, 4700 / 25300, 1e-12);
    expectClose(s.peakCashInvested, 22000, 1e-12);
    expectClose(s.roiOnPeakCash!, 4700 / 22000, 1e-12);
    expectClose(s.dpo!, 7, 1e-12);
    expectClose(s.dio!, 20, 1e-12);
    expectClose(s.dso!, 9.4, 1e-12);
    expectClose(s.cashConversionCycle!, 22.4, 1e-12);
    expectClose(s.grossSales, 30000, 1e-12);
    expect(s.lostSales).toBe(0);
    expect(s.interestPaid).toBe(0);
    expect(s.pendingAfterHorizon).toBe(0);
    expect(s.npv).toBeUndefined();
    // 4,700 earned on ~22,000 within about a month annualises above 1000 %: no IRR in range.
    expect(s.irr).toBeUndefined();
    expect(result.warnings).toEqual(['No annual IRR in [−99 %, 1000 %] was found for the operating flows; irr is omitted.']);
    expect(cashFlowCalculation.table(result).rows).toHaveLength(60);
    expect(result.payoutRules.fromInput).toEqual(['cycleDays', 'delayDays', 'reserveShare', 'reserveReleaseDays', 'feeRate']);
    expect(result.payoutRules.preset).toBeUndefined();
    expect(result.currency).toEqual({ fxRate: 1 });
  });

  it('with a discount rate of 0 the NPV is the undiscounted profit', () => {
    const r = cashFlow(CashFlowInput.parse({ ...handInput, discountRate: 0 }));
    expectClose(r.summary.npv!, 4700, 1e-12, 1e-9);
  });

  it('the NPV at the IRR is zero', () => {
    const cheaper = { ...handInput, sales: [{ date: '2026-01-21', units: 600, price: 43 }] };
    const irr = cashFlow(CashFlowInput.parse(cheaper)).summary.irr!;
    expect(irr).toBeGreaterThan(0);
    const npv = cashFlow(CashFlowInput.parse({ ...cheaper, discountRate: irr })).summary.npv!;
    expect(Math.abs(npv)).toBeLessThan(1e-6);
  });

  /**
   * Same campaign with a credit line of 15,000 at 36.5 % a year (0.1 % a day):
   * day 10: cash would be −10,000 → draw 10,000, cash 0;
   * day 11: interest 10,000 × 0.001 = 10 → draw 10 → drawn 10,010;
   * day 12: interest 10.01 + freight 2,000 → drawn 12,020.01;
   * days 13…27: interest = drawn × 0.001, drawn × 1.001 each day → drawn_27 = 12,020.01 × 1.001^15;
   * day 28: interest drawn_27 × 0.001; cash 27,000 − 270 − drawn_27 × 1.001 = 26,730 − 12,020.01 × 1.001^16.
   * Position (cash − drawn) is lowest on day 27: peak need = 12,020.01 × 1.001^15 on 01-28.
   * Interest paid = 12,020.01 × 1.001^16 − 12,000 (drawn principal 12,000).
   */
  it('draws, charges and repays the credit line', () => {
    const r = cashFlow(CashFlowInput.parse({ ...handInput, creditLine: { limit: 15000, annualRate: 0.365 } }));
    const t = r.table;
    expectClose(t[10]!.creditDrawn, 10000, 1e-12);
    expectClose(t[11]!.creditDrawn, 10010, 1e-12);
    expectClose(t[12]!.creditDrawn, 12020.01, 1e-12);
    expectClose(t[27]!.creditDrawn, 12020.01 * 1.001 ** 15, 1e-12);
    expect(t.slice(10, 28).every((row) => row.balance === 0)).toBe(true);
    expectClose(t[28]!.balance, 26730 - 12020.01 * 1.001 ** 16, 1e-12);
    expect(t[28]!.creditDrawn).toBe(0);
    expectClose(r.summary.peakFundingNeed, 12020.01 * 1.001 ** 15, 1e-12);
    expect(r.summary.peakFundingNeedDate).toBe('2026-01-28');
    expectClose(r.summary.interestPaid, 12020.01 * 1.001 ** 16 - 12000, 1e-9);
    expectClose(r.summary.maxCreditDrawn, 12020.01 * 1.001 ** 15, 1e-12);
    expect(r.summary.lowestBalance).toBe(0);
    expectClose(r.summary.roi!, (4700 - r.summary.interestPaid) / 25300, 1e-12);
  });

  it('sums weeks and keeps the end-of-week balance', () => {
    const weekly = cashFlow(CashFlowInput.parse({ ...handInput, granularity: 'week' })).table;
    expect(weekly).toHaveLength(9);
    expect(weekly[1]!.date).toBe('2026-01-08');
    // Week 2 = days 7–13: PO balance 14,000 (day 10) + freight 2,000 (day 12) → net −16,000; balance at day 13 = −12,000.
    expectClose(weekly[1]!.net, -16000, 1e-12);
    expectClose(weekly[1]!.outflows.balances, 14000, 1e-12);
    expectClose(weekly[1]!.balance, -12000, 1e-12);
    // Week 5 = days 28–34 holds the payout; week 9 = days 56–59 (partial) ends at 14,700.
    expectClose(weekly[4]!.inflows.payouts, 27000, 1e-12);
    expectClose(weekly[8]!.balance, 14700, 1e-12);
  });
});

describe('cash timeline: validation', () => {
  it('accepts the documented example, which shows a preset, an ad ramp and a forecast-fed SKU', () => {
    const example = cashFlowCalculation.input.parse(cashFlowCalculation.example);
    expect(example.payout.preset).toBeDefined();
    expect(example.adRamps.length).toBeGreaterThan(0);
    expect(example.skus.some((s) => s.forecast?.periods !== undefined)).toBe(true);
    const r = cashFlowCalculation.compute(example);
    expect(CashFlowResult.safeParse(r).success).toBe(true);
    expect(r.scenarios).toHaveLength(3);
    expect(r.summary.peakFundingNeed).toBeGreaterThan(0);
    expect(r.payoutRules.preset).toBe('amazon-us');
    expect(r.summary.lostSales).toBe(0);
    expect(r.scenarios[0]!.summary.lostSales).toBeGreaterThan(0);
  });
  const po = { orderDate: '2026-01-05', amount: 1, depositShare: 0.5 };
  const payout = handInput.payout;
  it.each([
    ['horizon above 730 days', { ...handInput, horizonDays: 731 }],
    ['a payment before startDate', { ...handInput, payments: [{ date: '2025-12-31', amount: 1, category: 'ads' }] }],
    ['a date more than 1,460 days after startDate', { ...handInput, payments: [{ date: '2030-01-01', amount: 1, category: 'ads' }] }],
    ['a balance before its order', { ...handInput, purchaseOrders: [{ ...po, balanceDate: '2026-01-04' }] }],
    ['a purchase order without balance terms', { ...handInput, purchaseOrders: [po] }],
    ['balance days without a shipment date', { ...handInput, purchaseOrders: [{ ...po, balanceDaysAfterShipment: 10 }] }],
    ['a shipment before its order', { ...handInput, purchaseOrders: [{ ...po, shipmentDate: '2026-01-04' }] }],
    ['an import before departure', { ...handInput, shipments: [{ departureDate: '2026-01-10', importDate: '2026-01-09' }] }],
    ['an invalid date', { ...handInput, startDate: '2026-02-30' }],
    ['an unknown category', { ...handInput, payments: [{ date: '2026-01-02', amount: 1, category: 'bribes' }] }],
    ['21 stress scenarios', { ...handInput, stress: Array.from({ length: 21 }, (_, i) => ({ name: `s${i}` })) }],
    ['an fxMove below −90 %', { ...handInput, stress: [{ name: 'x', fxMove: -0.95 }] }],
    ['a payout without preset, cycle or delay', { ...handInput, payout: { feeRate: 0.1 } }],
    ['an unknown preset', { ...handInput, payout: { preset: 'ebay' } }],
    ['an unknown payout field', { ...handInput, payout: { ...payout, speed: 3 } }],
    ['a sales line with units and revenue', { ...handInput, sales: [{ date: '2026-01-21', units: 1, price: 1, revenue: 5 }] }],
    ['a sales line with units but no price', { ...handInput, sales: [{ date: '2026-01-21', units: 1 }] }],
    ['an ad ramp without a window', { ...handInput, adRamps: [{ eventDaily: 10 }] }],
    ['an ad ramp whose warm-up starts before startDate', { ...handInput, adRamps: [{ start: '2026-01-10', end: '2026-01-11', warmUpWeeks: 2, warmUpDaily: 1 }] }],
    ['an event ending before it starts', { ...handInput, event: { start: '2026-01-10', end: '2026-01-09' } }],
    ['a SKU with both units and forecast', { ...handInput, skus: [{ sku: 'A', price: 1, start: '2026-01-01', units: [1], forecast: { start: '2026-01-01', frequency: 'day', values: [1] } }] }],
    ['a SKU with units but no start', { ...handInput, skus: [{ sku: 'A', price: 1, units: [1] }] }],
    ['731 days of units', { ...handInput, skus: [{ sku: 'A', price: 1, start: '2026-01-01', units: Array.from({ length: 731 }, () => 1) }] }],
    ['105 weekly forecast periods', { ...handInput, skus: [{ sku: 'A', price: 1, forecast: { start: '2026-01-01', frequency: 'week', values: Array.from({ length: 105 }, () => 1) } }] }],
    ['2,001 SKUs', { ...handInput, skus: Array.from({ length: 2001 }, (_, i) => ({ sku: `S${i}`, price: 1, start: '2026-01-01', units: [1] })) }],
    ['forecast values without frequency', { ...handInput, skus: [{ sku: 'A', price: 1, forecast: { start: '2026-01-01', values: [1] } }] }],
    ['forecast periods 3 days apart', { ...handInput, skus: [{ sku: 'A', price: 1, forecast: { periods: [{ date: '2026-01-01', forecast: 1 }, { date: '2026-01-04', forecast: 1 }] } }] }],
    ['forecast periods with a gap', { ...handInput, skus: [{ sku: 'A', price: 1, forecast: { periods: [{ date: '2026-01-01', forecast: 1 }, { date: '2026-01-02', forecast: 1 }, { date: '2026-01-04', forecast: 1 }] } }] }],
    ['a negative forecast', { ...handInput, skus: [{ sku: 'A', price: 1, forecast: { start: '2026-01-01', frequency: 'day', values: [-1] } }] }],
    ['fx with the same currency and a rate other than 1', { ...handInput, fx: { sellingCurrency: 'USD', accountCurrency: 'USD', rate: 1.1 } }],
    ['a currency that is not an ISO code', { ...handInput, fx: { sellingCurrency: 'euro', accountCurrency: 'USD', rate: 1.1 } }],
  ])('rejects %s', (_, input) => {
    expect(CashFlowInput.safeParse(input).success).toBe(false);
  });
});
