/**
 * Cash-flow inputs beyond the original timeline: a hand-checked campaign with every new flow
 * (purchase order balance after shipment, freight on terms, duties, import VAT and its reclaim,
 * monthly warehouse fees, an ad ramp, a SKU in euros paid out in dollars with fee and conversion
 * cost, a preset overridden field by field, stress with a lost event and an FX move), marketplace
 * presets against their sources' worked examples, sales from forecasts, and the campaign's cash
 * conversion cycle.
 */
import { describe, expect, it } from 'vitest';
import { CashFlowInput, CashFlowResult, cashFlow, prepareCampaign, type CashFlowRow } from '../../core/cash/timeline.js';
import { payoutPresetIds, payoutPresets, payoutRuleDefaults, payoutRuleFields, resolvePayoutRules } from '../../core/cash/presets.js';
import { presentValueEvenlySpaced } from '../../core/cash/finance.js';
import { DomainError } from '../../core/errors.js';
import { forecastCalculation } from '../../core/forecast/forecast.js';
import { allFinite, expectClose } from '../helpers.js';

/**
 * Hand-checked campaign (computed by hand with the rules documented in core/cash/timeline.ts; day 0
 * = 2026-03-01, 60 days, account in USD, sales in EUR at 1.10 USD/EUR, no credit line):
 * - opening cash 5,000
 * - PO 10,000: deposit 30 % = 3,000 on day 0 (03-01); ships day 5 (03-06); balance 7,000 ten days
 *   after shipment, day 15 (03-16)
 * - shipment leaves day 5; freight 1,000 on terms of 5 days → day 10 (03-11); imported day 19
 *   (03-20): duties 400 and import VAT 2,000; registered, reclaimed 30 days later → day 49 (04-19)
 * - warehouse 300 a month from 03-20, same day of month → days 19 (03-20) and 50 (04-20)
 * - event 04-01…04-02 (days 31, 32); ad ramp: 1 warm-up week at 50/day (days 24–30: 350), 200 on
 *   each event day (400), 2 days after at 20 (days 33, 34: 40) → ads 790
 * - SKU A at 25 EUR: 100 units on day 31, 300 on day 32 → 2,500 + 7,500 = 10,000 EUR = 11,000 USD
 * - payout: preset generic (delay 7 days after delivery) with cycleDays 7, transferDays 2,
 *   feeRate 10 %, conversionCostRate 1 % given: payout dates 0, 7, …, 42, 49, 56; both sales are
 *   eligible on days 38 and 39 → paid on day 42 → in the bank on day 44 (04-14): payout 11,000, fee
 *   1,100, conversion 1 % × (11,000 − 1,100) = 99
 * - returns 5 % after 10 days: refund days 41 and 42 → debited on payout day 42 → day 44:
 *   5 % × 10,000 EUR = 500 EUR = 550 USD
 * Balances: day 0: 2,000; day 10: 1,000; day 15: −6,000; day 19: −6,000 − 400 − 2,000 − 300 =
 * −8,700; days 24–30: −50 a day → −9,050; day 31: −9,250; day 32: −9,450; day 33: −9,470; day 34:
 * −9,490; day 44: −9,490 + 11,000 − 1,100 − 99 − 550 = −239; day 49: +2,000 → 1,761; day 50: −300
 * → 1,461 to the end.
 * Inflows 11,000 + 2,000 = 13,000; outflows 3,000 + 7,000 + 1,000 + 400 + 2,000 + 600 + 790 + 1,100
 * + 99 + 550 = 16,539; profit −3,539 (= 1,461 − 5,000). Peak funding need 9,490 on 04-04; lowest
 * cumulative net −14,490 → peak cash invested 14,490. Cumulative net never returns to 0 → no
 * cash-positive date.
 * Cash conversion cycle (Ross, Westerfield & Jaffe, Corporate Finance, ch. 26: cash cycle =
 * inventory period + receivables period − payables period): inventory starts at shipment, day 5;
 * supplier payments 3,000 on day 0 and 7,000 on day 15 → P̄ = 105,000 / 10,000 = 10.5 → DPO =
 * 10.5 − 5 = 5.5; deliveries 2,500 on day 31 and 7,500 on day 32 → D̄ = 317,500 / 10,000 = 31.75 →
 * DIO = 26.75; all cash on day 44 → DSO = 44 − 31.75 = 12.25; CCC = 26.75 + 12.25 − 5.5 = 33.5
 * (= C̄ − P̄ = 44 − 10.5).
 */
const handInput = {
  startDate: '2026-03-01',
  horizonDays: 60,
  openingCash: 5000,
  event: { start: '2026-04-01', end: '2026-04-02' },
  purchaseOrders: [{ label: 'PO', orderDate: '2026-03-01', amount: 10000, depositShare: 0.3, shipmentDate: '2026-03-06', balanceDaysAfterShipment: 10 }],
  shipments: [{ departureDate: '2026-03-06', importDate: '2026-03-20', freight: 1000, freightDaysAfterDeparture: 5, duties: 400, importVat: 2000 }],
  importVatReclaimDays: 30,
  recurringPayments: [{ amountPerMonth: 300, from: '2026-03-20' }],
  adRamps: [{ warmUpWeeks: 1, warmUpDaily: 50, eventDaily: 200, afterDays: 2, afterDaily: 20 }],
  skus: [{ sku: 'A', price: 25, start: '2026-04-01', units: [100, 300] }],
  returnRate: 0.05,
  returnLagDays: 10,
  fx: { sellingCurrency: 'EUR', accountCurrency: 'USD', rate: 1.1 },
  payout: { preset: 'generic', cycleDays: 7, transferDays: 2, feeRate: 0.1, conversionCostRate: 0.01 },
};

const at = (rows: readonly CashFlowRow[], date: string) => rows.find((r) => r.date === date)!;

describe('hand-checked campaign with every new flow', () => {
  const result = cashFlow(CashFlowInput.parse(handInput));
  const rows = result.table;

  it('books every flow on its day', () => {
    expect(at(rows, '2026-03-01').outflows.deposits).toBeCloseTo(3000, 9);
    expect(at(rows, '2026-03-11').outflows.freight).toBe(1000);
    expect(at(rows, '2026-03-16').outflows.balances).toBeCloseTo(7000, 9);
    const imported = at(rows, '2026-03-20').outflows;
    expect([imported.duties, imported.importVat, imported.warehouse]).toEqual([400, 2000, 300]);
    for (const d of ['2026-03-25', '2026-03-31']) expect(at(rows, d).outflows.ads).toBe(50);
    for (const d of ['2026-04-01', '2026-04-02']) expect(at(rows, d).outflows.ads).toBe(200);
    for (const d of ['2026-04-03', '2026-04-04']) expect(at(rows, d).outflows.ads).toBe(20);
    const paid = at(rows, '2026-04-14');
    expectClose(paid.inflows.payouts, 11000, 1e-12);
    expectClose(paid.outflows.fees, 1100, 1e-12);
    expectClose(paid.outflows.fxCosts, 99, 1e-12);
    expectClose(paid.outflows.refunds, 550, 1e-12);
    expect(at(rows, '2026-04-19').inflows.vatRefunds).toBe(2000);
    expect(at(rows, '2026-04-20').outflows.warehouse).toBe(300);
    const flowDays = rows.flatMap((r, t) => (r.net !== 0 ? [t] : []));
    expect(flowDays).toEqual([0, 10, 15, 19, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 44, 49, 50]);
  });

  it('has the hand-computed balances', () => {
    const expected: Array<[string, number]> = [
      ['2026-03-01', 2000],
      ['2026-03-11', 1000],
      ['2026-03-16', -6000],
      ['2026-03-20', -8700],
      ['2026-03-31', -9050],
      ['2026-04-01', -9250],
      ['2026-04-02', -9450],
      ['2026-04-03', -9470],
      ['2026-04-04', -9490],
      ['2026-04-13', -9490],
      ['2026-04-14', -239],
      ['2026-04-19', 1761],
      ['2026-04-20', 1461],
      ['2026-04-29', 1461],
    ];
    for (const [date, balance] of expected) expectClose(at(rows, date).balance, balance, 1e-12, 1e-9, date);
  });

  it('has the hand-computed summary and cash conversion cycle', () => {
    const s = result.summary;
    expectClose(s.peakFundingNeed, 9490, 1e-12);
    expect(s.peakFundingNeedDate).toBe('2026-04-04');
    expect(s.lowestBalanceDate).toBe('2026-04-04');
    expect(s.cashPositiveDate).toBeUndefined();
    expectClose(s.totalInflows, 13000, 1e-12);
    expectClose(s.totalOutflows, 16539, 1e-12);
    expectClose(s.profit, -3539, 1e-12);
    expectClose(s.roi!, -3539 / 16539, 1e-12);
    expectClose(s.peakCashInvested, 14490, 1e-12);
    expectClose(s.roiOnPeakCash!, -3539 / 14490, 1e-12);
    expectClose(s.grossSales, 11000, 1e-12);
    expect(s.lostSales).toBe(0);
    expect([s.importVatPaid, s.importVatReclaimed, s.importVatReclaimAfterHorizon, s.pendingAfterHorizon]).toEqual([2000, 2000, 0, 0]);
    expectClose(s.dpo!, 5.5, 1e-12);
    expectClose(s.dio!, 26.75, 1e-12);
    expectClose(s.dso!, 12.25, 1e-12);
    expectClose(s.cashConversionCycle!, 33.5, 1e-12);
    expect(result.currency).toEqual({ account: 'USD', selling: 'EUR', fxRate: 1.1 });
  });

  it('echoes the payout rules: the preset, the fields given and where each came from', () => {
    const p = result.payoutRules;
    expect(p.preset).toBe('generic');
    expect(p.fromInput).toEqual(['cycleDays', 'transferDays', 'feeRate', 'conversionCostRate']);
    expect(p.fromPreset).toEqual(['delayDays', 'eligibleFrom', 'deliveryDays', 'reserveShare', 'reserveReleaseDays']);
    expect(p.fromDefault).toEqual([]);
    expect([p.cycleDays, p.delayDays, p.transferDays, p.feeRate, p.conversionCostRate, p.conversionApplied]).toEqual([7, 7, 2, 0.1, 0.01, true]);
    expect(p.firstPayoutDate).toBe('2026-03-01');
    expect(p.assumptions.length).toBeGreaterThan(0);
  });

  /**
   * Stress "late, weaker euro": the shipment is 3 days late and the euro 10 % weaker (1.10 × 0.9 =
   * 0.99). Both event-day sales (days 31, 32) move to days 34, 35, past the event end (day 32): all
   * lost (eventLossShare 1) → lost 10,000 EUR × 0.99 = 9,900 USD, no sales, no refunds. Duties and
   * VAT move to day 22 (03-23), the reclaim to day 52 (04-22). Outflows 3,000 + 7,000 + 1,000 + 400 +
   * 2,000 + 600 + 790 = 14,790; inflows 2,000; profit −12,790. Balances: … day 34: −9,490; day 50
   * (warehouse): −9,790 (the lowest); day 52: −7,790.
   */
  it('a late shipment loses the event days it pushes past the event end; the FX move converts at rate × (1 + fxMove)', () => {
    const r = cashFlow(CashFlowInput.parse({ ...handInput, stress: [{ name: 'late, weaker euro', delayDays: 3, fxMove: -0.1 }] }));
    const s = r.scenarios[0]!.summary;
    expectClose(s.lostSales, 9900, 1e-12);
    expect(s.grossSales).toBe(0);
    expectClose(s.totalOutflows, 14790, 1e-12);
    expectClose(s.totalInflows, 2000, 1e-12);
    expectClose(s.profit, -12790, 1e-12);
    expectClose(s.peakFundingNeed, 9790, 1e-12);
    expect(s.peakFundingNeedDate).toBe('2026-04-20');
    expectClose(s.endingBalance, -7790, 1e-12);
    expect(s.dso).toBeUndefined();
    expect(s.cashConversionCycle).toBeUndefined();
    const d = r.scenarios[0]!.difference;
    expectClose(d.peakFundingNeed!, 300, 1e-12);
    expectClose(d.profit!, -12790 + 3539, 1e-12);
    expectClose(d.lostSales!, 9900, 1e-12);
    expect(d.peakFundingNeedDateDays).toBe(16);
    expect(d.cashConversionCycle).toBeUndefined();
  });

  /**
   * Stress "one day late, half lost": day 31 → 32, still in the event: kept; day 32 → 33, past the
   * end: half lost (eventLossShare 0.5) → 3,750 EUR lost = 4,125 USD; sold 2,500 + 3,750 EUR = 6,875
   * USD. Payouts: eligible days 39 and 40 → payout day 42 → bank day 44: 6,875, fee 687.5, conversion
   * 1 % × 6,187.5 = 61.875. Refunds: delivery 32 + 10 = 42 → payout 42 → day 44: 5 % × 2,500 × 1.1 =
   * 137.5; delivery 33 + 10 = 43 → payout 49 → day 51: 5 % × 3,750 × 1.1 = 206.25.
   */
  it('keeps the sales a delay leaves inside the event and loses only the given share of the rest', () => {
    const r = cashFlow(CashFlowInput.parse({ ...handInput, granularity: 'day', stress: [{ name: 'one day late, half lost', delayDays: 1, eventLossShare: 0.5 }] }));
    const s = r.scenarios[0]!.summary;
    expectClose(s.lostSales, 4125, 1e-12);
    expectClose(s.grossSales, 6875, 1e-12);
    // The table of a scenario is not returned: run the same shifts as a base and compare.
    const shifted = cashFlow(
      CashFlowInput.parse({
        ...handInput,
        skus: [{ sku: 'A', price: 25, start: '2026-04-02', units: [100, 150] }],
        shipments: [{ ...handInput.shipments[0]!, importDate: '2026-03-21' }],
      }),
    );
    const paid = at(shifted.table, '2026-04-14');
    expectClose(paid.inflows.payouts, 6875, 1e-12);
    expectClose(paid.outflows.fees, 687.5, 1e-12);
    expectClose(paid.outflows.fxCosts, 61.875, 1e-12);
    expectClose(paid.outflows.refunds, 137.5, 1e-12);
    expectClose(at(shifted.table, '2026-04-21').outflows.refunds, 206.25, 1e-12);
    expectClose(shifted.summary.profit, s.profit, 1e-12);
    expectClose(shifted.summary.peakFundingNeed, s.peakFundingNeed, 1e-12);
  });
});

describe('import VAT, monthly fees, purchase-order terms', () => {
  const base = { startDate: '2026-01-01', horizonDays: 90, openingCash: 0, payout: { preset: 'generic' as const } };

  it('without VAT registration the import VAT is a cost: nothing is reclaimed', () => {
    const r = cashFlow(CashFlowInput.parse({ ...base, shipments: [{ departureDate: '2026-01-01', importDate: '2026-01-10', importVat: 500 }] }));
    expect(r.summary.importVatPaid).toBe(500);
    expect(r.summary.importVatReclaimed).toBe(0);
    expect(r.summary.importVatReclaimAfterHorizon).toBe(0);
    expect(r.table.every((row) => row.inflows.vatRefunds === 0)).toBe(true);
  });

  it('a reclaim after the horizon end is reported, not counted', () => {
    const r = cashFlow(CashFlowInput.parse({ ...base, importVatReclaimDays: 90, shipments: [{ departureDate: '2026-01-01', importDate: '2026-01-10', importVat: 500 }] }));
    expect(r.summary.importVatPaid).toBe(500);
    expect(r.summary.importVatReclaimed).toBe(0);
    expect(r.summary.importVatReclaimAfterHorizon).toBe(500);
    expect(r.summary.pendingAfterHorizon).toBe(500);
    expect(r.summary.totalInflows).toBe(0);
  });

  it('monthly fees fall on the same day of month (clamped to the month end, as EDATE) or on the 1st', () => {
    const r = cashFlow(
      CashFlowInput.parse({
        ...base,
        horizonDays: 120,
        recurringPayments: [
          { category: 'warehouse', amountPerMonth: 100, from: '2026-01-31' },
          { category: 'other', amountPerMonth: 7, from: '2026-01-15', to: '2026-03-31', chargeOn: 'first-of-month' },
        ],
      }),
    );
    const days = (k: 'warehouse' | 'other') => r.table.filter((row) => row.outflows[k] > 0).map((row) => row.date);
    expect(days('warehouse')).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
    expect(days('other')).toEqual(['2026-02-01', '2026-03-01']);
  });

  it('a balance N days after shipment, or at a date', () => {
    const r = cashFlow(
      CashFlowInput.parse({
        ...base,
        purchaseOrders: [
          { orderDate: '2026-01-01', amount: 1000, depositShare: 0.4, shipmentDate: '2026-01-20', balanceDaysAfterShipment: 30 },
          { orderDate: '2026-01-05', amount: 500, depositShare: 0, shipmentDate: '2026-01-20', balanceDate: '2026-01-25' },
        ],
      }),
    );
    const balances = r.table.filter((row) => row.outflows.balances > 0).map((row) => [row.date, row.outflows.balances]);
    expect(balances).toEqual([
      ['2026-01-25', 500],
      ['2026-02-19', 600],
    ]);
  });
});

describe('marketplace presets', () => {
  it('every preset has a date, its rules within the schema bounds, and a source or an assumption for each figure it sets', () => {
    for (const id of payoutPresetIds) {
      const preset = payoutPresets[id];
      expect(preset.id).toBe(id);
      expect(preset.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(CashFlowInput.safeParse({ startDate: '2026-01-01', horizonDays: 1, openingCash: 0, payout: preset.rules }).success, id).toBe(true);
      const covered = new Set([...preset.sources.flatMap((s) => s.fields), ...preset.assumptions.map((a) => a.field)]);
      for (const field of payoutRuleFields) {
        const isDefault = field !== 'cycleDays' && field !== 'delayDays' && preset.rules[field] === payoutRuleDefaults[field];
        if (!isDefault) expect(covered.has(field), `${id}.${field} has neither a source nor an assumption`).toBe(true);
      }
      for (const s of preset.sources) {
        expect(s.url).toMatch(/^https?:\/\//);
        expect(s.says.length).toBeGreaterThan(20);
      }
    }
    for (const id of ['amazon-us', 'tiktok-shop-us', 'shopify-payments-us'] as const) expect(payoutPresets[id].sources.length).toBeGreaterThan(0);
  });

  it('explicit fields win over the preset, field by field', () => {
    const r = resolvePayoutRules({ preset: 'amazon-us', feeRate: 0.08, transferDays: 0 });
    expect(r.rules).toEqual({ ...payoutPresets['amazon-us'].rules, feeRate: 0.08, transferDays: 0 });
    expect(r.fromInput).toEqual(['transferDays', 'feeRate']);
    expect(r.fromPreset).toHaveLength(payoutRuleFields.length - 2);
    const plain = resolvePayoutRules({ cycleDays: 14, delayDays: 7 });
    expect(plain.rules).toEqual({ cycleDays: 14, delayDays: 7, ...payoutRuleDefaults });
    expect(plain.fromDefault).toEqual(payoutRuleFields.filter((f) => f !== 'cycleDays' && f !== 'delayDays'));
  });

  /** Amazon Seller Central help 202124090: "sold January 1, delivered January 6 → available for disbursement from January 14" (DD+7). */
  it('amazon-us reproduces the DD+7 example of Amazon’s help page', () => {
    const r = cashFlow(
      CashFlowInput.parse({
        startDate: '2026-01-01',
        horizonDays: 30,
        openingCash: 0,
        sales: [{ date: '2026-01-01', revenue: 100 }],
        payout: { preset: 'amazon-us', deliveryDays: 5, cycleDays: 1, transferDays: 0, feeRate: 0 },
      }),
    );
    expect(r.table.find((row) => row.inflows.payouts > 0)!.date).toBe('2026-01-14');
  });

  it('amazon-us on its 14-day cycle pays a sale delivered on day 0 on day 14 and has it in the bank 5 days later', () => {
    const r = cashFlow(CashFlowInput.parse({ startDate: '2026-01-01', horizonDays: 30, openingCash: 0, sales: [{ date: '2026-01-01', revenue: 100 }], payout: { preset: 'amazon-us' } }));
    const paid = r.table.find((row) => row.inflows.payouts > 0)!;
    expect(paid.date).toBe('2026-01-20');
    expect(paid.outflows.fees).toBeCloseTo(15, 12);
    expect(paid.outflows.fxCosts).toBe(0); // one currency: no conversion
    expect(r.payoutRules.conversionApplied).toBe(false);
    expect(r.payoutRules.sources.map((s) => s.url)).toContain('https://sellercentral.amazon.com.au/gp/help/external/202124090');
  });

  it('shopify-payments-us counts from the sale (payment), not the delivery', () => {
    const r = cashFlow(CashFlowInput.parse({ startDate: '2026-01-01', horizonDays: 30, openingCash: 0, sales: [{ date: '2026-01-01', revenue: 100 }], payout: { preset: 'shopify-payments-us', deliveryDays: 6 } }));
    // paid 2 days after the sale (daily payouts), in the bank 2 days later: 2026-01-05.
    expect(r.table.find((row) => row.inflows.payouts > 0)!.date).toBe('2026-01-05');
  });
});

describe('sales from forecasts', () => {
  const base = { startDate: '2026-03-01', horizonDays: 60, openingCash: 0, payout: { preset: 'generic' as const } };

  it('spreads a weekly /v1/forecast response evenly over the days of each week, ignoring its other fields', () => {
    const response = {
      method: 'damped-holt',
      model: 'ETS(A,Ad,N)',
      periods: [
        { period: 1, date: '2026-03-30', forecast: 70, baseline: 70, lower: { 80: 60 }, upper: { 80: 80 } },
        { period: 2, date: '2026-04-06', forecast: 140, baseline: 140, lower: { 80: 120 }, upper: { 80: 160 } },
      ],
    };
    const input = CashFlowInput.parse({ ...base, skus: [{ sku: 'A', price: 3, forecast: response }] });
    expect(input.skus[0]!.forecast).toEqual({ periods: [{ date: '2026-03-30', forecast: 70 }, { date: '2026-04-06', forecast: 140 }] });
    const total = prepareCampaign(input).sales.total;
    for (let d = 29; d <= 35; d++) expectClose(total[d]!, 30, 1e-14); // 70/7 = 10 units × 3
    for (let d = 36; d <= 42; d++) expectClose(total[d]!, 60, 1e-14);
    expect(total[28]).toBe(0);
    expect(total[43]).toBe(0);
  });

  it('takes a real /v1/forecast result as it comes (daily, dated periods)', () => {
    const history = Array.from({ length: 28 }, (_, i) => 20 + (i % 7) * 3);
    const forecast = forecastCalculation.compute(forecastCalculation.input.parse({ history, horizon: 14, frequency: 'day', start: '2026-02-01', method: 'seasonal-naive' }));
    expect(forecast.periods[0]!.date).toBe('2026-03-01');
    const input = CashFlowInput.parse({ ...base, skus: [{ sku: 'A', price: 2, returnRate: 0.1, forecast }] });
    const total = prepareCampaign(input).sales.total;
    forecast.periods.forEach((p, d) => expectClose(total[d]!, p.forecast * 2, 1e-14));
    const r = cashFlow(input);
    expect(CashFlowResult.safeParse(r).success).toBe(true);
    expectClose(r.summary.grossSales, forecast.periods.reduce((s, p) => s + p.forecast * 2, 0), 1e-12);
  });

  it('takes {start, frequency, values} and ignores days before startDate, with a warning', () => {
    const input = CashFlowInput.parse({ ...base, skus: [{ sku: 'A', price: 1, forecast: { start: '2026-02-27', frequency: 'day', values: [5, 6, 7, 8] } }] });
    const total = prepareCampaign(input).sales.total;
    expect([total[0], total[1]]).toEqual([7, 8]);
    expect(cashFlow(input).warnings).toContain('11 units of SKU sales or forecasts are dated before startDate and are ignored.');
  });

  /**
   * Hand-checked: weekly history of a constant 100 from Monday 2023-01-02 whose Black Friday weeks
   * sold 200 (a 1/7 share of the week → daily lift L = 1 + 100/(100/7) = 8). The forecast week of
   * Monday 2025-11-24 is 200: six days of 100/7 and Black Friday (11-28) 800/7, which the cash
   * flow must keep instead of 200/7 a day. At price 7: 100 a day, 800 on Black Friday.
   */
  it('uses the days of a forecast with dailyBreakdown: the Black Friday day carries its peak', () => {
    const history = new Array<number>(104).fill(100);
    history[46] = 200;
    history[99] = 200;
    const forecast = forecastCalculation.compute(
      forecastCalculation.input.parse({ history, horizon: 52, frequency: 'week', start: '2023-01-02', method: 'naive', events: [{ name: 'black-friday' }], dailyBreakdown: true }),
    );
    expect(forecast.periods[47]).toMatchObject({ date: '2025-11-24', forecast: 200 });
    const input = CashFlowInput.parse({ ...base, startDate: '2025-11-24', skus: [{ sku: 'A', price: 7, forecast }] });
    const total = prepareCampaign(input).sales.total;
    const weekOf = Array.from(total.slice(0, 7));
    [100, 100, 100, 100, 800, 100, 100].forEach((v, k) => expectClose(weekOf[k]!, v, 1e-12));
    expectClose(weekOf.reduce((a, b) => a + b, 0), 1400, 1e-12);
    // Without the days the same week is spread evenly: 200 a day.
    const even = CashFlowInput.parse({ ...base, startDate: '2025-11-24', skus: [{ sku: 'A', price: 7, forecast: { periods: forecast.periods } }] });
    expectClose(prepareCampaign(even).sales.total[4]!, 200, 1e-12);
  });

  it('refuses days that do not cover the periods day by day (400 naming the day)', () => {
    const periods = [{ date: '2026-03-02', forecast: 7 }];
    const days = Array.from({ length: 7 }, (_, k) => ({ date: `2026-03-0${k + 2}`, forecast: 1 }));
    expect(CashFlowInput.safeParse({ ...base, skus: [{ sku: 'A', price: 1, forecast: { periods, frequency: 'week', days } }] }).success).toBe(true);
    const short = CashFlowInput.safeParse({ ...base, skus: [{ sku: 'A', price: 1, forecast: { periods, frequency: 'week', days: days.slice(1) } }] });
    expect(short.error!.issues.map((i) => i.path)).toEqual([['skus', 0, 'forecast', 'days']]);
    const gap = CashFlowInput.safeParse({ ...base, skus: [{ sku: 'A', price: 1, forecast: { periods, frequency: 'week', days: [...days.slice(0, 6), { date: '2026-03-09', forecast: 1 }] } }] });
    expect(gap.error!.issues.map((i) => i.path)).toEqual([['skus', 0, 'forecast', 'days', 6, 'date']]);
    // A monthly forecast with its days is usable.
    const monthDays = Array.from({ length: 31 }, (_, k) => ({ date: `2026-03-${String(k + 1).padStart(2, '0')}`, forecast: 1 }));
    const monthly = CashFlowInput.parse({ ...base, skus: [{ sku: 'A', price: 1, forecast: { periods: [{ date: '2026-03-01', forecast: 31 }], frequency: 'month', days: monthDays } }] });
    expect(cashFlow(monthly).summary.grossSales).toBeCloseTo(31, 12);
  });

  it('refuses a monthly forecast with a domain error (422), naming the field', () => {
    const input = CashFlowInput.parse({ ...base, skus: [{ sku: 'A', price: 1, forecast: { periods: [{ date: '2026-03-01', forecast: 30 }, { date: '2026-04-01', forecast: 30 }] } }] });
    try {
      cashFlow(input);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe('cash-flow.forecast-frequency-not-supported');
      expect((err as DomainError).path).toEqual(['skus', 0, 'forecast', 'frequency']);
    }
  });
});

/**
 * Ross, Westerfield & Jordan, Fundamentals of Corporate Finance (McGraw-Hill), ch. 18, "Defining the
 * Operating and Cash Cycles" (as reproduced at www.ajjacobson.us/hill-companies/defining-the-operating-and-cash-cycles.html
 * and info-duv.html): on day 0 we buy $1,000 of inventory on credit; we pay the bill 30 days later;
 * 30 more days later the inventory is sold for $1,400; the buyer pays 45 days after that. Inventory
 * period 60 days, receivables period 45, operating cycle 105; payables period 30; cash cycle 75.
 */
describe('the campaign cash conversion cycle on the textbook’s day-by-day example', () => {
  it('gives DIO 60, DSO 45, DPO 30 and a cash cycle of 75 days', () => {
    const r = cashFlow(
      CashFlowInput.parse({
        startDate: '2026-01-01',
        horizonDays: 120,
        openingCash: 0,
        purchaseOrders: [{ orderDate: '2026-01-01', amount: 1000, depositShare: 0, shipmentDate: '2026-01-01', balanceDate: '2026-01-31' }],
        sales: [{ date: '2026-03-02', revenue: 1400 }],
        payout: { cycleDays: 1, delayDays: 45 },
      }),
    );
    const s = r.summary;
    expect([s.dio, s.dso, s.dpo, s.cashConversionCycle]).toEqual([60, 45, 30, 75]);
    expect(s.dio! + s.dso!).toBe(105);
    expect(r.table[105]!.inflows.payouts).toBe(1400);
  });
});

describe('NPV and IRR of the new flows', () => {
  it('the NPV at the reported IRR is zero', () => {
    const input = CashFlowInput.parse({ ...handInput, skus: [{ sku: 'A', price: 40, start: '2026-04-01', units: [100, 300] }] });
    const r = cashFlow(input);
    expect(r.summary.irr).toBeDefined();
    const npv = cashFlow(CashFlowInput.parse({ ...handInput, skus: input.skus, discountRate: r.summary.irr })).summary.npv!;
    expect(Math.abs(npv)).toBeLessThan(1e-6);
    expect(allFinite(r)).toBe(true);
    // The operating flows exclude interest: with no credit line, NPV at 0 is the profit.
    expectClose(cashFlow(CashFlowInput.parse({ ...handInput, discountRate: 0 })).summary.npv!, -3539, 1e-12);
    expectClose(presentValueEvenlySpaced([-100, 0, 110], 1, 0.1), -100 + 110 / 1.21, 1e-15);
  });
});
