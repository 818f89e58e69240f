/**
 * Promo plan: a hand-checked plan (fixture handPlan: 2 SKUs, sea + air, one replenishment batch)
 * whose chaining numbers are worked out below — purchase orders and their dates, freight at
 * departure, duty at landing, warehouse, ads and content payments, sales timing, the payout fee,
 * the cash timeline — and a check that every part equals the single calculation run on the input
 * the plan derived. Then VAT reclaim, forecast-shaped sales, ad ramps, decisions and pitfalls,
 * errors with their paths, and the calculation's example, value and table.
 *
 * Worked example (handPlan, as of Tue 1 Sep 2026, promo Fri 27 – Mon 30 Nov, no cover after):
 *
 * Cut-off and batches (stock plan). Cut-off K = 27 Nov − 15 = 12 Nov. Transit is deterministic
 * (σ = 0: F_T⁻¹(p) = the mean), no origin handling, 5 receiving days:
 *   sea  ship-by = K − 5 − 30 = 8 Oct, order-by = 8 Oct − 20 days production = 18 Sep;
 *        landing 8 Oct + 30 = 7 Nov, sellable 12 Nov.
 *   air  ship-by = K − 5 − 5 = 2 Nov, order-by 13 Oct; landing 7 Nov, sellable 12 Nov.
 *   B's air batch is due 28 Nov (arriveBy, a replenishment during the promo): ship-by 28 Nov − 10 =
 *        18 Nov, order-by 29 Oct, landing 23 Nov, sellable 28 Nov.
 * Quantities: demand N(1000, 0) and N(500, 0) with multiplier 1 → 1,000 and 500 units, cartons of 50
 * and 25 → 20 cartons each, split 60/40 → 12 + 8 cartons: A 600 sea + 400 air, B 300 sea + 200 air.
 * Every batch ships on its latest ship date with P(on time) = 1 → no lost sales: expected sales
 * 1,000 and 500.
 *
 * Landed cost per mode. Sea: fees 900 (main) + 100 (clearance) split by goods value A 600 × 10 =
 * 6,000 vs B 300 × 5 = 1,500 → 80 % / 20 %: freight A 720 (1.20/unit), B 180; clearance A 80, B 20.
 * Air: 1,200 split by A 400 × 10 = 4,000 vs B 200 × 5 = 1,000 → A 960, B 240. US duty on the FOB
 * value (no pre-carriage): A 10 % × 10 = 1/unit, B 20 % × 5 = 1/unit; no import VAT in the US.
 * Content of A (500) spread over its 1,000 units → 300 in the sea shipment, 200 by air: once in total.
 * A's landed cost over both modes: sea 6,000 + 720 + 600 + 80 + 300 inbound = 7,700; air 4,000 +
 * 960 + 400 + 200 = 5,560 → (7,700 + 5,560) ÷ 1,000 = 13.26 per unit.
 *
 * Cash flow (USD, opening 15,000, no credit; generic payouts every 14 days from 1 Sep, 7 days after
 * delivery = sale):
 *   POs (deposit 30 % at order, balance at shipment): sea A+B 6,000 + 1,500 = 7,500 ordered 18 Sep,
 *   shipped 8 Oct; air A 4,000 (13 Oct → 2 Nov); air B 1,000 (29 Oct → 18 Nov).
 *   Shipments: sea freight 900 on 8 Oct, duties 600 + 300 + clearance 100 = 1,000 on 7 Nov; air A
 *   freight 960 on 2 Nov, duty 400 on 7 Nov; air B freight 240 on 18 Nov, duty 200 on 23 Nov.
 *   Payments: inbound 0.50/unit on arrival: 12 Nov (600 + 300 + 400) × 0.5 = 650, 28 Nov 100;
 *   ads 2/unit × 1,500 expected = 3,000, 750 on each promo day; content 500 on 30 Oct (28 days
 *   before the promo).
 *   Sales: A 250/day × 40 = 10,000/day, B 125/day × 20 = 2,500/day over the 4 promo days = 50,000.
 *   Payout fee = (A 1,000 × (6 commission + 3 last mile) + B 500 × (3 + 3)) ÷ 50,000 = 12,000 ÷
 *   50,000 = 24 %. Sales of 27–30 Nov are eligible 4–7 Dec → paid on 8 Dec (1 Sep + 7 × 14):
 *   50,000 − 12,000 fee.
 *   Balance: 18 Sep −2,250 → 12,750; 8 Oct −5,250 −900 → 6,600; 13 Oct −1,200 → 5,400; 29 Oct −300
 *   → 5,100; 30 Oct −500 → 4,600; 2 Nov −2,800 −960 → 840; 7 Nov −1,400 → −560; 12 Nov −650 →
 *   −1,210; 18 Nov −940 → −2,150; 23 Nov −200 → −2,350; 27–30 Nov ads and the 100 inbound →
 *   −5,450 on 30 Nov = the peak funding need; 8 Dec +38,000 → 32,550 = 15,000 + profit 17,550.
 *   Horizon: 30 Nov + 0 delivery + 7 delay + 14 cycle + 0 transfer = 21 Dec → 112 days from 1 Sep.
 */
import { describe, expect, it } from 'vitest';
import { cashFlow, CashFlowInput } from '../../core/cash/timeline.js';
import { landedCost } from '../../core/cost/landed-cost.js';
import { DomainError } from '../../core/errors.js';
import { PromoPlanInput, planCalculation, promoPlan, runPromoPlan, type PromoPlanResult } from '../../core/plan/promo-plan.js';
import { StockPlanInput, stockPlan } from '../../core/plan/stock-plan.js';
import { skuDailySales } from '../../core/plan/promo-plan-inputs.js';
import { dayOf } from '../../core/plan/schedule.js';
import { handPlan } from '../fixtures/plan-promo-examples.js';
import { allFinite, expectClose } from '../helpers.js';

const run = (body: unknown) => runPromoPlan(PromoPlanInput.parse(body));
const domainError = (body: unknown): DomainError => {
  try {
    run(body);
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a DomainError');
};
const issues = (body: unknown) => {
  const r = PromoPlanInput.safeParse(body);
  expect(r.success).toBe(false);
  return r.error!.issues.map((i) => ({ path: i.path.join('/'), message: i.message }));
};

/** The single calculations' results reassembled from the plan's parts. */
function parts(result: PromoPlanResult) {
  const landed = Object.fromEntries(
    Object.entries(result.landedCost).map(([mode, r]) => [mode, { ...r, skus: result.skus.flatMap((s) => s.landedCost.byMode.filter((m) => m.mode === mode).map((m) => m.row)) }]),
  );
  return { stockPlan: { ...result.stockPlan, skus: result.skus.map((s) => s.stockPlan) }, landedCost: landed, cashFlow: result.cashFlow };
}

describe('a hand-checked plan: 2 SKUs, sea + air', () => {
  const { result, inputs } = run(handPlan());
  const cash = inputs.cashFlow;

  it('plans the batches worked back from the cut-off (stock plan)', () => {
    expect(result.cutoffDate).toBe('2026-11-12');
    const batches = result.skus.map((s) => s.stockPlan.batches.map((b) => [b.mode, b.quantity, b.latestOrderDate, b.latestShipDate, b.expectedArrival, b.pOnTime]));
    expect(batches).toEqual([
      [
        ['sea', 600, '2026-09-18', '2026-10-08', '2026-11-12', 1],
        ['air', 400, '2026-10-13', '2026-11-02', '2026-11-12', 1],
      ],
      [
        ['sea', 300, '2026-09-18', '2026-10-08', '2026-11-12', 1],
        ['air', 200, '2026-10-29', '2026-11-18', '2026-11-28', 1],
      ],
    ]);
    expect(result.skus.map((s) => s.sales.expectedUnits)).toEqual([1000, 500]);
  });

  it('orders each batch on its latest order date: deposit at order, balance at shipment', () => {
    expect(cash.purchaseOrders.map(({ orderDate, amount, depositShare, shipmentDate, balanceDaysAfterShipment }) => ({ orderDate, amount, depositShare, shipmentDate, balanceDaysAfterShipment }))).toEqual([
      { orderDate: '2026-09-18', amount: 7500, depositShare: 0.3, shipmentDate: '2026-10-08', balanceDaysAfterShipment: 0 },
      { orderDate: '2026-10-13', amount: 4000, depositShare: 0.3, shipmentDate: '2026-11-02', balanceDaysAfterShipment: 0 },
      { orderDate: '2026-10-29', amount: 1000, depositShare: 0.3, shipmentDate: '2026-11-18', balanceDaysAfterShipment: 0 },
    ]);
  });

  it('pays freight at departure and duty (+ clearance) at landing, from the landed-cost lines', () => {
    expect(cash.shipments.map(({ departureDate, importDate, freight, freightDaysAfterDeparture, duties, importVat }) => ({ departureDate, importDate, freight, freightDaysAfterDeparture, duties, importVat }))).toEqual([
      { departureDate: '2026-10-08', importDate: '2026-11-07', freight: 900, freightDaysAfterDeparture: 0, duties: 1000, importVat: 0 },
      { departureDate: '2026-11-02', importDate: '2026-11-07', freight: 960, freightDaysAfterDeparture: 0, duties: 400, importVat: 0 },
      { departureDate: '2026-11-18', importDate: '2026-11-23', freight: 240, freightDaysAfterDeparture: 0, duties: 200, importVat: 0 },
    ]);
    expect(cash.importVatReclaimDays).toBeUndefined();
    // The landed cost of each mode imports on its earliest landing.
    expect(inputs.landedCost.sea!.shipment.importDate).toBe('2026-11-07');
    expect(inputs.landedCost.air!.shipment.importDate).toBe('2026-11-07');
    expect(inputs.landedCost.air!.items.map((i) => [i.sku, i.quantity])).toEqual([
      ['A', 400],
      ['B', 200],
    ]);
  });

  it('pays inbound on arrival, the ads over the promo days and the content on the content-ready date', () => {
    expect(cash.payments.map((p) => [p.date, p.category, p.amount])).toEqual([
      ['2026-11-12', 'warehouse', 650],
      ['2026-11-28', 'warehouse', 100],
      ['2026-11-27', 'ads', 750],
      ['2026-11-28', 'ads', 750],
      ['2026-11-29', 'ads', 750],
      ['2026-11-30', 'ads', 750],
      ['2026-10-30', 'content', 500],
    ]);
  });

  it('sells the expected units evenly over the promo days at the promo price, with the landed-cost fees as the payout fee', () => {
    expect(cash.skus.map((s) => [s.sku, s.price, s.start, s.units])).toEqual([
      ['A', 40, '2026-11-27', [250, 250, 250, 250]],
      ['B', 20, '2026-11-27', [125, 125, 125, 125]],
    ]);
    expect(cash.event).toEqual({ start: '2026-11-27', end: '2026-11-30' });
    expect(cash.payout.feeRate).toBe(0.24);
    expect(result.chaining.cashFlow.payoutDeductions).toEqual({ salesVat: 0, commission: 7500, payment: 0, fulfilment: 4500, returns: 0 });
    expect(cash.horizonDays).toBe(112);
  });

  it('gives the worked cash timeline', () => {
    const s = result.cashFlow.summary;
    expect(s.peakFundingNeed).toBe(5450);
    expect(s.peakFundingNeedDate).toBe('2026-11-30');
    expect(s.totalInflows).toBe(50000);
    expect(s.profit).toBe(17550);
    expect(s.cashPositiveDate).toBe('2026-12-08');
    // Weekly rows by default, from 1 Sep: 8 Dec (1 Sep + 14 weeks) starts a row.
    const dec8 = result.cashFlow.table.find((r) => r.date === '2026-12-08')!;
    expect([dec8.inflows.payouts, dec8.outflows.fees, dec8.balance]).toEqual([50000, 12000, 32550]);
  });

  it('counts the content once across the modes and weighs the unit economics by units', () => {
    const a = result.skus[0]!;
    expect(a.landedCost.byMode.map((m) => [m.mode, m.row.lines.find((l) => l.line === 'content')!.total])).toEqual([
      ['sea', 300],
      ['air', 200],
    ]);
    expect(a.landedCost.byMode.map((m) => [m.mode, m.row.perUnit.landedCost])).toEqual([
      ['sea', 12.83],
      ['air', 13.9],
    ]);
    expect(a.landedCost.perUnit!.landedCost).toBe(13.26);
    expect(a.landedCost.totals.landedCost).toBe(13260);
    expect(a.landedCost.perUnit!.lines.freight).toBe(1.68); // (720 + 960) ÷ 1,000
    expect(result.totals.contribution).toBe(17550); // every unit sells: the landed-cost contribution is the cash profit
  });

  it('returns every part as the single calculation returns it for the derived input', () => {
    const whole = parts(result);
    expect(stockPlan(inputs.stockPlan)).toEqual(whole.stockPlan);
    for (const mode of ['sea', 'air']) expect(landedCost(inputs.landedCost[mode]!)).toEqual(whole.landedCost[mode]);
    expect(cashFlow(inputs.cashFlow)).toEqual(whole.cashFlow);
    // The derived inputs are what the single calculations accept as they are.
    expect(StockPlanInput.parse(inputs.stockPlan)).toEqual(inputs.stockPlan);
    expect(CashFlowInput.parse(inputs.cashFlow)).toEqual(inputs.cashFlow);
    // The stock plan gets the plan's fields as given, with the SKU cost as its unit cost.
    expect(inputs.stockPlan.skus.map((s) => [s.sku, s.unitCost, s.price])).toEqual([
      ['A', 10, 40],
      ['B', 5, 20],
    ]);
  });

  it('lists the decisions by date with their status', () => {
    expect(result.decisions.map((d) => [d.date, d.kind, d.sku ?? '', d.status])).toEqual([
      ['2026-09-18', 'order-by', 'A', 'ok'],
      ['2026-09-18', 'order-by', 'B', 'ok'],
      ['2026-09-28', 'deal-registration', '', 'ok'],
      ['2026-10-08', 'ship-by', 'A', 'ok'],
      ['2026-10-08', 'ship-by', 'B', 'ok'],
      ['2026-10-13', 'order-by', 'A', 'ok'],
      ['2026-10-29', 'order-by', 'B', 'ok'],
      ['2026-10-30', 'content-ready', '', 'ok'],
      ['2026-11-02', 'ship-by', 'A', 'ok'],
      ['2026-11-06', 'ad-test-start', '', 'ok'],
      ['2026-11-12', 'inbound-cutoff', '', 'ok'],
      ['2026-11-18', 'replenishment-ship-by', 'B', 'ok'],
      ['2026-11-27', 'promo-start', '', 'ok'],
      ['2026-11-30', 'promo-end', '', 'ok'],
      ['2026-12-01', 'next-replenishment-due', '', 'ok'],
    ]);
  });

  it('warns of the hero SKU and of the cash running out', () => {
    expect(result.pitfalls.map((p) => [p.code, p.sku ?? p.scenario])).toEqual([
      ['hero-sku', 'A'],
      ['cash-runs-out', 'base'],
    ]);
    expect(result.pitfalls[1]!.message).toContain('5,450.00 USD on 2026-11-30');
    expect(result.warnings).toEqual(result.pitfalls.map((p) => p.message));
  });

  it('keeps the totals equal to the sums of the parts', () => {
    expect(result.totals.units).toBe(1500);
    expect(result.totals.landedCost).toBe(result.skus.reduce((a, s) => a + s.landedCost.totals.landedCost, 0));
    expect(result.totals.expectedRevenue).toBe(50000);
    expect(result.totals.peakFundingNeed).toBe(result.cashFlow.summary.peakFundingNeed);
    expect(allFinite(result)).toBe(true);
  });
});

describe('chaining rules beyond the worked example', () => {
  it('pays import VAT at landing and reclaims it after importVatReclaimDays when the landed cost does (DE, VAT-registered)', () => {
    const body = handPlan({ landed: { shipment: { origin: 'CN', destination: 'DE', incoterm: 'DDP', vatRegistered: true } }, cash: { importVatReclaimDays: 40 } });
    const { result, inputs } = run(body);
    expect(inputs.cashFlow.importVatReclaimDays).toBe(40);
    const vatTotal = Object.keys(result.landedCost).reduce((a, mode) => a + result.landedCost[mode]!.totals.lines.importVat, 0);
    expectClose(
      inputs.cashFlow.shipments.reduce((a, s) => a + s.importVat, 0),
      vatTotal,
      1e-12,
      1e-9,
    );
    expectClose(result.cashFlow.summary.importVatPaid, vatTotal, 1e-12, 1e-9);
    expectClose(result.cashFlow.summary.importVatReclaimed, vatTotal, 1e-12, 1e-9);
    // German prices include 19 % VAT: it is part of the payout deductions.
    expectClose(result.chaining.cashFlow.payoutDeductions.salesVat, 50000 - 50000 / 1.19, 1e-6);
  });

  it('shapes the sales by the forecast periods when the demand comes from a dated forecast', () => {
    const body = handPlan() as { skus: Array<Record<string, unknown>> };
    body.skus[1] = {
      ...body.skus[1],
      demand: {
        source: 'forecast-result',
        frequency: 'week',
        result: { periods: [{ period: 1, date: '2026-11-23', forecast: 700 }, { period: 2, date: '2026-11-30', forecast: 350 }] },
      },
    };
    const { result, inputs } = run(body);
    // 27–29 Nov take 3/7 of the week of 23 Nov (100 a day), 30 Nov 1/7 of the next week (50): μ = 350.
    expect(result.skus[1]!.stockPlan.demand.mean).toBe(350);
    expect(result.skus[1]!.forecast.salesShape).toBe('forecast');
    const units = inputs.cashFlow.skus.find((s) => s.sku === 'B')!.units!;
    const e = result.skus[1]!.sales.expectedUnits;
    units.forEach((u, k) => expectClose(u, (e * [100, 100, 100, 50][k]!) / 350, 1e-12));
  });

  it('puts the stock plan’s daily demand after the promo on the cover days and the rest on the promo days', () => {
    const body = handPlan({ promo: { coverageDaysAfter: 6 } }) as { skus: Array<Record<string, unknown>> };
    body.skus[0] = { ...body.skus[0], demand: { source: 'normal', mean: 1000, stdDev: 0, dailyAfterPromo: 50 } };
    const { result, inputs } = run(body);
    const units = inputs.cashFlow.skus[0]!.units!;
    expect(units).toEqual([175, 175, 175, 175, 50, 50, 50, 50, 50, 50]);
    expect(result.skus[0]!.forecast).toMatchObject({ salesShape: 'promo-and-after', promoUnits: 700, afterPromoUnits: 300 });
  });

  it('uses the caller’s ad ramps instead of the landed-cost ad cost', () => {
    const { result, inputs } = run(handPlan({ cash: { adRamps: [{ warmUpWeeks: 3, warmUpDaily: 50, eventDaily: 400 }] } }));
    expect(inputs.cashFlow.payments.filter((p) => p.category === 'ads')).toEqual([]);
    expect(inputs.cashFlow.adRamps).toHaveLength(1);
    expect(result.chaining.cashFlow.adSpendSource).toBe('ad-ramps');
    expect(result.pitfalls.some((p) => p.code === 'short-ad-test')).toBe(false);
  });

  it('converts the costs into the account currency and the sales at the fx rate', () => {
    const { result, inputs } = run(handPlan({ cash: { fx: { accountCurrency: 'CNY', rate: 7 } } }));
    expect(inputs.cashFlow.purchaseOrders[0]!.amount).toBe(7500 * 7);
    expect(inputs.cashFlow.fx).toEqual({ sellingCurrency: 'USD', accountCurrency: 'CNY', rate: 7 });
    expect(result.accountCurrency).toBe('CNY');
    expect(result.cashFlow.summary.grossSales).toBe(50000 * 7);
  });

  it('adds stress scenarios side by side and warns where the cash runs out', () => {
    const { result } = run(handPlan({ cash: { openingCash: 21000, stress: [{ name: 'Ads × 3', adCostFactor: 3 }, { name: 'Late', delayDays: 10 }] } }));
    expect(result.cashFlow.scenarios.map((s) => s.name)).toEqual(['Ads × 3', 'Late']);
    // 21,000 covers the 20,450 paid before the payout, not 6,000 more of ads; a late shipment loses the event's sales after the low point.
    expect(result.cashFlow.summary.peakFundingNeed).toBe(0);
    expect(result.cashFlow.scenarios[0]!.summary.peakFundingNeed).toBe(5450);
    expect(result.cashFlow.scenarios[1]!.summary.lostSales).toBe(50000);
    expect(result.pitfalls.filter((p) => p.code === 'cash-runs-out').map((p) => p.scenario)).toEqual(['Ads × 3']);
  });
});

describe('pitfalls and statuses late in the season', () => {
  it('flags a missed cut-off, a short ad test and due-soon or overdue actions', () => {
    const { result } = run(handPlan({ asOf: '2026-10-20', checklist: { dueSoonDays: 10 } }));
    const codes = result.pitfalls.map((p) => `${p.code}:${p.sku ?? ''}:${p.mode ?? ''}`);
    expect(codes).toContain('missed-cutoff:A:sea');
    expect(codes).toContain('missed-cutoff:B:sea');
    const byKind = (kind: string, sku?: string) => result.decisions.find((d) => d.kind === kind && (sku === undefined || d.sku === sku))!;
    expect(byKind('deal-registration').status).toBe('overdue');
    expect(byKind('content-ready').status).toBe('due-soon'); // 30 Oct is 10 days after 20 Oct
    expect(byKind('ad-test-start').status).toBe('ok');
  });

  it('flags an ad test shorter than the minimum', () => {
    const { result } = run(handPlan({ checklist: { adTestStartDaysBefore: 10 } }));
    expect(result.pitfalls.find((p) => p.code === 'short-ad-test')?.message).toMatch(/runs 10 days .* less than the 14 days/);
  });

  it('flags a negative margin at the promo price', () => {
    const body = handPlan() as { skus: Array<Record<string, unknown>> };
    body.skus[1] = { ...body.skus[1], price: 9 };
    const { result } = run(body);
    const p = result.pitfalls.find((x) => x.code === 'negative-margin')!;
    expect(p.sku).toBe('B');
    expect(p.message).toMatch(/^B loses \d+\.\d\d USD per unit sold at the promo price 9\.00/);
  });
});

describe('errors keep their code, with the path in the plan request', () => {
  it('a cut-off before asOf (stock plan)', () => {
    const err = domainError(handPlan({ asOf: '2026-11-20' }));
    expect(err.code).toBe('stock-plan.cutoff-passed');
    expect(err.path).toEqual(['promo', 'cutoffDaysBefore']);
  });

  it('a destination without rules (landed cost)', () => {
    const err = domainError(handPlan({ landed: { shipment: { origin: 'CN', destination: 'BR' } } }));
    expect(err.code).toBe('landed-cost.destination-not-covered');
    expect(err.path).toEqual(['landedCost', 'shipment', 'destination']);
  });

  it('a derived input out of the chained calculation’s bounds', () => {
    const body = handPlan() as { skus: Array<Record<string, unknown>> };
    body.skus[0] = { ...body.skus[0], demand: { source: 'normal', mean: 30_000_000, stdDev: 0 } };
    const err = domainError(body);
    expect(err.code).toBe('plan.chained-input-out-of-bounds');
    expect(err.path).toEqual(['skus', 0]);
    expect(err.message).toMatch(/landed-cost \(sea\) request .* \/items\/0\/quantity/);
  });

  it('validation: freight quotes per mode, the chained schemas’ own cross-field rules', () => {
    const body = handPlan({ cash: { payout: { cycleDays: 7 }, fx: { accountCurrency: 'USD', rate: 2 } } }) as Record<string, any>;
    delete body.landedCost.freightByMode.air;
    body.landedCost.freightByMode.rail = { mode: 'rail' };
    body.stockPlan.shipments.batches[0].share = 0.5;
    body.skus[0].costs.costCurrency = 'EUR';
    const found = issues(body);
    const at = (path: string) => found.filter((i) => i.path === path).map((i) => i.message);
    expect(at('landedCost/freightByMode')).toEqual(['no freight quote for mode "air": give landedCost.freightByMode.air']);
    expect(at('landedCost/freightByMode/rail')[0]).toMatch(/not a mode of stockPlan.modes/);
    expect(at('stockPlan/shipments/batches')[0]).toMatch(/add up to 0.9/);
    expect(at('skus/0/costs/costCurrency')[0]).toMatch(/no exchange rate for EUR/);
    expect(at('cashFlow/payout/delayDays')[0]).toMatch(/Required without a preset/);
    expect(at('cashFlow/fx/rate')[0]).toMatch(/rate must be 1/);
  });

  it('validation: the payout fee is not an input (it comes from the landed cost)', () => {
    const found = issues(handPlan({ cash: { payout: { preset: 'amazon-us', feeRate: 0.1 } } }));
    expect(found.some((i) => i.path === 'cashFlow/payout' && /feeRate/.test(i.message))).toBe(true);
  });

  it('validation: a coverage window longer than the cash flow takes', () => {
    const found = issues(handPlan({ asOf: '2026-01-01', promo: { start: '2026-02-01', end: undefined, days: 366, coverageDaysAfter: 365 } }));
    expect(found).toContainEqual({ path: 'promo/coverageDaysAfter', message: 'the coverage window (promo and cover after it) is 731 days; the cash flow takes at most 730 days of sales per SKU' });
  });
});

describe('the plan calculation', () => {
  it('answers its example: a Black Friday plan from China to a US warehouse by sea and air', () => {
    const input = PromoPlanInput.parse(planCalculation.example);
    const result = promoPlan(input);
    expect(result.skus.map((s) => s.sku)).toEqual(['HOODIE-BLK-M', 'BEANIE-GRY', 'GLOVES-TOUCH']);
    expect(Object.keys(result.landedCost)).toEqual(['sea', 'air']);
    expect(result.skus[2]!.forecast.salesShape).toBe('forecast');
    expect(result.cashFlow.scenarios).toHaveLength(3);
    expect(planCalculation.primary).toBe('cashFlow.summary.peakFundingNeed');
    expect(result.cashFlow.summary.peakFundingNeed).toBeGreaterThan(0);
    expect(allFinite(result)).toBe(true);
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity|null/);
  });

  it('tabulates one row per SKU with its headline numbers', () => {
    const result = promoPlan(PromoPlanInput.parse(handPlan()));
    const table = planCalculation.table(result);
    expect(table.columns.slice(0, 8)).toEqual(['sku', 'class', 'demandMean', 'expectedSales', 'fillRate', 'quantityToProduce', 'cartons', 'unitsByMode']);
    expect(table.rows.map((r) => [r[0], r[5], r[7], r[8], r[9], r[10]])).toEqual([
      ['A', 1000, 'sea 600 + air 400', '2026-09-18', '2026-10-08', 13.26],
      ['B', 500, 'sea 300 + air 200', '2026-09-18', '2026-10-08', 7.38],
    ]);
  });
});

/**
 * The promo plan's expected sales by day follow a forecast's own days: a weekly forecast result
 * of 700 for the week of Monday 23 Nov 2026 whose days are Mon–Thu 50, Black Friday 300, Sat and
 * Sun 100, and 350 for the next week without days. Promo 27–30 Nov with 6 days after (to 6 Dec):
 * the window weights are 300, 100, 100 (the days), then 350/7 = 50 for each day of the next week
 * (total 850); with 850 expected sales each weight is sold as is (evenly over 7 days it would have
 * been 100 on Black Friday).
 */
describe('expected sales by day from a forecast with days', () => {
  it('puts the Black Friday peak on its day', () => {
    const days = [50, 50, 50, 50, 300, 100, 100].map((forecast, k) => ({ date: `2026-11-${23 + k}`, forecast }));
    const plan = { skus: [{ demand: { source: 'forecast-result', frequency: 'week', result: { periods: [{ period: 1, date: '2026-11-23', forecast: 700 }, { period: 2, date: '2026-11-30', forecast: 350 }], windows: [], days } } }] } as unknown as Parameters<typeof skuDailySales>[0];
    const start = dayOf('2026-11-27');
    const row = { expectedSales: 850, demand: { mean: 850, dailyAfterPromo: 50 } } as unknown as Parameters<typeof skuDailySales>[3];
    const sales = skuDailySales(plan, { asOf: start - 60, promoStart: start, promoEnd: start + 3, coverageEnd: start + 9 }, 0, row, undefined);
    expect(sales.shape).toBe('forecast');
    [300, 100, 100, 50, 50, 50, 50, 50, 50, 50].forEach((v, k) => expectClose(sales.daily[k]!, v, 1e-12));
  });
});
