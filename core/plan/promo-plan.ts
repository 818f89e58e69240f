/**
 * The promo plan (`POST /v1/plan`): one request that chains forecast → stock-up → landed cost →
 * cash flow for a list of SKUs and answers the seller's question — how many of each SKU to make,
 * how to ship them, by when, and whether the cash lasts.
 *
 * Pipeline (each step is the existing calculation, run on an input built from the plan and the
 * earlier results; the building rules and their sources are in ./promo-plan-inputs.ts):
 * 1. Stock plan (./stock-plan.ts `stockPlan`, with its inline forecasts): quantities, batches per
 *    mode, latest order and ship dates, expected arrivals, expected sales, lost sales and leftover.
 * 2. Landed cost (core/cost `landedCost`), once per transport mode used: the units that mode
 *    ships, its freight quote, its expected landing as the import date. Per SKU the rows of every
 *    mode are returned unchanged, with the per-unit economics quantity-weighted across the modes.
 * 3. Cash flow (core/cash `cashFlow`): purchase orders per batch, freight at departure, duties and
 *    import VAT at landing (reclaimed when registered), warehouse fees, ads, content, the expected
 *    sales by day at the promo price, marketplace payouts with the landed cost's per-sale
 *    deductions as the payout fee, and the caller's stress scenarios; its result is returned unchanged.
 * 4. Decisions and pitfalls (./promo-plan-checklist.ts).
 *
 * Errors of a chained calculation keep their code; their path points into the plan request. A
 * derived input out of a chained calculation's bounds is `plan.chained-input-out-of-bounds` (422).
 * Totals are sums of the parts, money summed in minor units (core/money.ts).
 */
import { defineCalculation, type ResultTable } from '../calculation.js';
import { cashFlow, type CashFlowInput } from '../cash/timeline.js';
import { landedCost } from '../cost/landed-cost.js';
import { COST_LINES, type LandedCostInput, type LandedCostResult, type CostLineName } from '../cost/schema.js';
import { DomainError } from '../errors.js';
import { crossField } from '../schema.js';
import type { ForecastResult } from '../forecast/forecast.js';
import { fromMinorUnits, minorUnitDigits, roundMoney, toMinorUnits } from '../money.js';
import { planDecisions, planPitfalls } from './promo-plan-checklist.js';
import {
  buildCashFlowInput,
  buildLandedCostInputs,
  buildStockPlanInput,
  cashFlowPath,
  landedCostPath,
  lineTotals,
  planDays,
  skuDailySales,
  stockPlanPath,
  validatePromoPlan,
} from './promo-plan-inputs.js';
import { PromoPlanFields, PromoPlanResult, type PromoPlanSkuResult } from './promo-plan-schema.js';
import { isoOf } from './schedule.js';
import { stockPlan, type StockPlanInput } from './stock-plan.js';

export * from './promo-plan-schema.js';

export const PromoPlanInput = PromoPlanFields.superRefine((input, ctx) => validatePromoPlan(input, ctx), crossField).meta({
  id: 'PromoPlanInput',
  description:
    'A promo and its SKUs (demand, stock, supply, costs), the transport modes with their freight quotes, the destination and marketplace fees, the cash position, payout rules and stress scenarios: everything the stock plan, the landed cost and the cash flow need, each part in that calculation’s own shape.',
});
export type PromoPlanInput = PromoPlanFields;

const FORMULA =
  'stock plan (forecast inline → demand over the window → buffer → quantity → batches, order-by/ship-by) → landed cost per mode (its units, its freight, import on expected landing) → cash flow (POs per batch: deposit at order, balance after shipment; freight at departure; duty + clearance and import VAT at landing; inbound, storage, ads, content; expected sales by day at the promo price; payout fee = landed-cost per-sale deductions ÷ price) → decisions worked back from the promo start and pitfall warnings; per-unit economics across modes = Σ mode totals ÷ Σ units';

/** Rethrows a chained calculation's DomainError with its path mapped into the plan request. */
function underPlan<T>(mapPath: (path: ReadonlyArray<string | number>) => Array<string | number>, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof DomainError) throw new DomainError(err.code, err.message, mapPath(err.path), { cause: err });
    throw err;
  }
}

/** The promo plan with the inputs it built for each chained calculation. */
export interface PromoPlanRun {
  result: PromoPlanResult;
  inputs: { stockPlan: StockPlanInput; landedCost: Record<string, LandedCostInput>; cashFlow: CashFlowInput };
}

/**
 * The promo plan and the derived inputs of its steps (the tests run each step on them alone).
 * @example runPromoPlan(PromoPlanInput.parse(planCalculation.example)).result.cashFlow.summary.peakFundingNeed
 */
export function runPromoPlan(plan: PromoPlanInput): PromoPlanRun {
  const days = planDays(plan);
  const digits = minorUnitDigits(plan.currency);
  const minor = (x: number) => toMinorUnits(x, digits);
  const money = (m: number) => fromMinorUnits(m, digits);

  // 1. Stock plan.
  const spInput = buildStockPlanInput(plan);
  const forecasts = new Map<number, ForecastResult>();
  const sp = underPlan(stockPlanPath, () => stockPlan(spInput, { forecast: (i, r) => forecasts.set(i, r) }));
  const sales = sp.skus.map((row, i) => skuDailySales(plan, days, i, row, forecasts.get(i)));
  let unitDays = 0;
  let unitSum = 0;
  sales.forEach((s) => s.daily.forEach((u, k) => ((unitDays += u * (days.promoStart + k)), (unitSum += u))));
  const meanSaleDay = unitSum > 0 ? unitDays / unitSum : (days.promoStart + days.coverageEnd) / 2;

  // 2. Landed cost per mode.
  const shipments = buildLandedCostInputs(plan, sp, meanSaleDay);
  const results = new Map<string, LandedCostResult>(shipments.map((s) => [s.mode, underPlan((p) => landedCostPath(p, s.mode, s.skuOfItem), () => landedCost(s.input))]));

  // 3. Cash flow.
  const cash = buildCashFlowInput(plan, days, sp, shipments, results, sales);
  const cf = underPlan((p) => cashFlowPath(p, cash.skuOfSalesSku, cash.derivedPayments), () => cashFlow(cash.input));

  // Per SKU.
  const byModeOf = plan.skus.map(() => [] as PromoPlanSkuResult['landedCost']['byMode']);
  for (const s of shipments) results.get(s.mode)!.skus.forEach((row, j) => byModeOf[s.skuOfItem[j]!]!.push({ mode: s.mode, row }));
  const partial = sp.skus.map((row, i) => {
    const byMode = byModeOf[i]!;
    const t = { units: 0, grossRevenue: 0, netRevenue: 0, landedCost: 0, totalCost: 0, contribution: 0, importVatReclaimable: 0 };
    for (const { row: r } of byMode) {
      t.units += r.quantity;
      for (const k of ['grossRevenue', 'netRevenue', 'landedCost', 'totalCost', 'contribution', 'importVatReclaimable'] as const) t[k] += minor(r.totals[k]);
    }
    const totals = { units: t.units, grossRevenue: money(t.grossRevenue), netRevenue: money(t.netRevenue), landedCost: money(t.landedCost), totalCost: money(t.totalCost), contribution: money(t.contribution), importVatReclaimable: money(t.importVatReclaimable) };
    let perUnit: PromoPlanSkuResult['landedCost']['perUnit'];
    let contributionPerUnit = 0;
    if (byMode.length > 0 && t.units > 0) {
      const q = t.units;
      const lineSum = (line: CostLineName) => byMode.reduce((a, m) => a + (lineTotals(m.row)[line]?.total ?? 0), 0);
      const lines = Object.fromEntries(COST_LINES.map((l) => [l, roundMoney(lineSum(l) / q, digits)])) as Record<CostLineName, number>;
      contributionPerUnit = totals.contribution / q;
      const weighted = (f: (r: (typeof byMode)[number]['row']) => number) => byMode.reduce((a, m) => a + m.row.quantity * f(m.row), 0) / q;
      const allBreakEven = byMode.every((m) => m.row.perUnit.breakEvenPrice !== undefined);
      perUnit = {
        landedCost: roundMoney(totals.landedCost / q, digits),
        totalCost: roundMoney(totals.totalCost / q, digits),
        netRevenue: roundMoney(totals.netRevenue / q, digits),
        contribution: roundMoney(contributionPerUnit, digits),
        contributionBeforeAds: roundMoney((totals.contribution + lineSum('ads')) / q, digits),
        margin: totals.netRevenue > 0 ? totals.contribution / totals.netRevenue : 0,
        ...(allBreakEven ? { breakEvenPrice: roundMoney(weighted((r) => r.perUnit.breakEvenPrice!), digits) } : {}),
        breakEvenAcos: weighted((r) => r.perUnit.breakEvenAcos),
        lines,
      };
    }
    const sku = plan.skus[i]!;
    const forecast = forecasts.get(i);
    const promoDays = days.promoEnd - days.promoStart + 1;
    const daily = sales[i]!.daily;
    const promoUnits = daily.slice(0, promoDays).reduce((a, x) => a + x, 0);
    const accuracy = forecast ? Object.fromEntries(Object.entries(forecast.accuracy).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]))) : undefined;
    return {
      sku: row.sku,
      forecast: {
        source: row.demand.source,
        mean: row.demand.mean,
        stdDev: row.demand.stdDev,
        ...(forecast ? { method: forecast.method } : {}),
        ...(row.demand.model !== undefined ? { model: row.demand.model } : {}),
        ...(accuracy && Object.keys(accuracy).length > 0 ? { accuracy } : {}),
        salesShape: sales[i]!.shape,
        promoUnits,
        afterPromoUnits: Math.max(0, row.expectedSales - promoUnits),
      },
      stockPlan: row,
      landedCost: { byMode, ...(perUnit ? { perUnit } : {}), totals },
      revenueMinor: minor(row.expectedSales * sku.price),
      contributionMinor: perUnit ? minor(row.expectedSales * contributionPerUnit) : 0,
      price: sku.price,
    };
  });
  const revenueMinor = partial.reduce((a, s) => a + s.revenueMinor, 0);
  const skus: PromoPlanSkuResult[] = partial.map(({ revenueMinor: r, contributionMinor: c, price, ...s }) => ({
    ...s,
    sales: { expectedUnits: s.stockPlan.expectedSales, price, expectedRevenue: money(r), expectedContribution: money(c), revenueShare: revenueMinor > 0 ? r / revenueMinor : 0 },
  }));

  // Decisions, pitfalls, totals.
  const decisions = planDecisions(plan, days, sp);
  const pitfalls = planPitfalls(plan, days, sp, skus, cf);
  const sumModes = (f: (r: LandedCostResult) => number) => money([...results.values()].reduce((a, r) => a + minor(f(r)), 0));
  const { skus: _spSkus, ...stockPlanRest } = sp;
  const landedCostByMode = Object.fromEntries([...results].map(([mode, r]) => {
    const { skus: _rows, ...rest } = r;
    return [mode, rest];
  }));
  const summary = cf.summary;
  const result: PromoPlanResult = {
    method: 'promo-plan',
    formula: FORMULA,
    warnings: [...pitfalls.map((p) => p.message), ...cash.notes],
    currency: plan.currency,
    accountCurrency: cash.accountCurrency,
    asOf: plan.asOf,
    promoStart: sp.promoStart,
    promoEnd: sp.promoEnd,
    coverageEnd: sp.coverageEnd,
    cutoffDate: sp.cutoffDate,
    skus,
    stockPlan: stockPlanRest,
    landedCost: landedCostByMode,
    cashFlow: cf,
    decisions,
    pitfalls,
    chaining: {
      landedCost: shipments.map((s) => ({
        mode: s.mode,
        importDate: isoOf(s.importDay),
        arrivalDate: isoOf(s.arrivalDay),
        storageDays: s.storageDays,
        storageDaysSource: s.storageDaysSource,
        skus: s.skuOfItem.length,
        units: s.units.reduce((a, x) => a + x, 0),
      })),
      cashFlow: {
        accountCurrency: cash.accountCurrency,
        fxRate: cash.fxRate,
        horizonDays: cash.input.horizonDays,
        purchaseOrders: cash.purchaseOrders,
        shipments: cash.shipments,
        payments: cash.payments,
        salesSkus: cash.skuOfSalesSku.length,
        purchaseCost: cash.purchaseCost,
        payoutDeductionRate: cash.payoutDeductionRate,
        payoutDeductionSource: cash.payoutDeductionSource,
        payoutDeductions: cash.payoutDeductions,
        adSpend: cash.adSpend,
        adSpendSource: cash.adSpendSource,
        contentSpend: cash.contentSpend,
        returnRate: cash.returnRate,
        ...(cash.importVatReclaimDays !== undefined ? { importVatReclaimDays: cash.importVatReclaimDays } : {}),
      },
    },
    totals: {
      skus: skus.length,
      units: sp.totals.unitsToProduce,
      cartons: sp.totals.cartons,
      batches: sp.totals.batches,
      demandMean: sp.totals.demandMean,
      expectedSalesUnits: sp.totals.expectedSales,
      expectedLeftoverUnits: sp.totals.expectedLeftover,
      grossRevenue: sumModes((r) => r.totals.grossRevenue),
      netRevenue: sumModes((r) => r.totals.netRevenue),
      landedCost: sumModes((r) => r.totals.landedCost),
      totalCost: sumModes((r) => r.totals.totalCost),
      contribution: sumModes((r) => r.totals.contribution),
      freight: sumModes((r) => r.totals.lines.freight),
      duty: sumModes((r) => r.totals.lines.duty),
      expectedRevenue: money(revenueMinor),
      expectedContribution: money(partial.reduce((a, s) => a + s.contributionMinor, 0)),
      peakFundingNeed: summary.peakFundingNeed,
      ...(summary.peakFundingNeedDate !== undefined ? { peakFundingNeedDate: summary.peakFundingNeedDate } : {}),
      ...(summary.cashPositiveDate !== undefined ? { cashPositiveDate: summary.cashPositiveDate } : {}),
      profit: summary.profit,
      ...(summary.roi !== undefined ? { roi: summary.roi } : {}),
    },
  };
  return {
    result,
    inputs: { stockPlan: spInput, landedCost: Object.fromEntries(shipments.map((s) => [s.mode, s.input])), cashFlow: cash.input },
  };
}

/**
 * The promo plan.
 * @example promoPlan(PromoPlanInput.parse(planCalculation.example)).totals.units
 */
export function promoPlan(plan: PromoPlanInput): PromoPlanResult {
  return runPromoPlan(plan).result;
}

const TABLE_COLUMNS = [
  'sku',
  'class',
  'demandMean',
  'expectedSales',
  'fillRate',
  'quantityToProduce',
  'cartons',
  'unitsByMode',
  'latestOrderDate',
  'firstShipByDate',
  'landedCostPerUnit',
  'totalCostPerUnit',
  'price',
  'contributionPerUnit',
  'margin',
  'breakEvenPrice',
  'expectedRevenue',
  'expectedContribution',
  'revenueShare',
  'expectedLeftover',
] as const;

/** One row per SKU with its headline numbers (blank where the SKU has none, e.g. nothing to produce). */
function promoPlanTable(result: PromoPlanResult): ResultTable {
  const rows = result.skus.map((s) => {
    const sp = s.stockPlan;
    const unit = s.landedCost.perUnit;
    const shipBy = sp.batches.map((b) => b.latestShipDate).reduce<string | undefined>((a, d) => (a === undefined || d < a ? d : a), undefined);
    return [
      s.sku,
      sp.class,
      sp.demand.mean,
      sp.expectedSales,
      sp.fillRate,
      sp.quantityToProduce,
      sp.cartons,
      s.landedCost.byMode.map((m) => `${m.mode} ${m.row.quantity}`).join(' + '),
      sp.latestOrderDate ?? '',
      shipBy ?? '',
      unit?.landedCost ?? '',
      unit?.totalCost ?? '',
      s.sales.price,
      unit?.contribution ?? '',
      unit?.margin ?? '',
      unit?.breakEvenPrice ?? '',
      s.sales.expectedRevenue,
      s.sales.expectedContribution,
      s.sales.revenueShare,
      sp.expectedLeftover,
    ];
  });
  return { columns: [...TABLE_COLUMNS], rows };
}

export const planCalculation = defineCalculation({
  name: 'plan',
  summary: 'Promo plan: forecast → stock-up → landed cost → cash flow in one call, with dated decisions and pitfalls',
  description:
    'One request for the whole promo: per SKU the forecast summary, the stock-up plan (quantity, batches by mode, order-by and ship-by dates against the inbound cut-off), the landed cost and unit economics of the units each mode ships (and across modes), and the expected sales; for the plan the cash timeline with the peak funding need, the cash-positive date, profit, ROI and the stress scenarios side by side; the dated decisions worked back from the event (deal registration, content, ad test, order-by, ship-by, inbound cut-off, promo, next replenishment) with their status; warnings for the classic pitfalls (negative margin at the promo price, a missed cut-off, one hero SKU carrying the event, too short an ad test, cash running out under stress). Every part is the result the single calculation (/v1/stock-plan, /v1/landed-cost, /v1/cash-flow) returns for the input the plan derives; the rules are in the schema descriptions and the source. CSV: one row per SKU.',
  input: PromoPlanInput,
  result: PromoPlanResult,
  compute: promoPlan,
  primary: 'cashFlow.summary.peakFundingNeed',
  table: promoPlanTable,
  example: {
    asOf: '2026-09-01',
    currency: 'USD',
    promo: { start: '2026-11-27', end: '2026-11-30', coverageDaysAfter: 14, cutoffDaysBefore: 15 },
    stockPlan: {
      onTimeProbability: 0.95,
      modes: [
        { name: 'sea', transitDays: 30, transitStdDevDays: 5, originHandlingDays: 4 },
        { name: 'air', transitDays: 6, transitStdDevDays: 1.5, originHandlingDays: 2 },
      ],
      warehouse: { receivingDays: 5 },
      shipments: { method: 'given', batches: [{ mode: 'sea', share: 0.7 }, { mode: 'air', share: 0.3 }] },
      policies: { A: { type: 'multiplier', factor: 1.3 } },
    },
    skus: [
      {
        sku: 'HOODIE-BLK-M',
        demand: { source: 'normal', mean: 4200, stdDev: 900 },
        price: 39.9,
        onHand: 650,
        inTransit: [{ quantity: 800, arrivalDate: '2026-10-20' }],
        moq: 1000,
        casePack: 24,
        productionLeadTimeDays: 21,
        costs: { unitCost: 78, costCurrency: 'CNY', measuredPer: 'carton', weight: 16.5, length: 60, width: 40, height: 45, hsCode: '611020', dutyRate: 0.315, contentCost: 2400 },
      },
      {
        sku: 'BEANIE-GRY',
        demand: { source: 'normal', mean: 1500, stdDev: 420 },
        price: 14.9,
        onHand: 300,
        moq: 500,
        casePack: 50,
        productionLeadTimeDays: 20,
        costs: { unitCost: 16, costCurrency: 'CNY', measuredPer: 'carton', weight: 8.5, length: 50, width: 40, height: 30, hsCode: '650500', dutyRate: 0.27 },
      },
      {
        sku: 'GLOVES-TOUCH',
        demand: {
          source: 'forecast',
          request: {
            history: [62, 58, 55, 60, 57, 61, 66, 63, 70, 68, 74, 79, 77, 83, 88, 86, 95, 101, 98, 106, 112, 109, 118, 125, 121, 130],
            frequency: 'week',
            start: '2026-03-02',
            method: 'damped-holt',
            futureEvents: [{ start: 13, end: 14, uplift: 2.5, label: 'BFCM' }],
          },
        },
        price: 19.9,
        moq: 300,
        casePack: 60,
        productionLeadTimeDays: 20,
        costs: { unitCost: 21, costCurrency: 'CNY', measuredPer: 'carton', weight: 7.2, length: 45, width: 35, height: 30, hsCode: '611693', dutyRate: 0.33 },
      },
    ],
    landedCost: {
      fxRates: [{ currency: 'CNY', rate: 0.14 }],
      fxBuffer: 0.02,
      shipment: { origin: 'CN', destination: 'US', incoterm: 'DDP' },
      freightByMode: {
        sea: {
          mode: 'sea-lcl',
          rate: 95,
          minimumCharge: 95,
          fees: [
            { name: 'origin trucking and export customs', amount: 220, stage: 'pre-carriage' },
            { name: 'destination THC and documents', amount: 180, stage: 'main' },
            { name: 'port to warehouse drayage', amount: 350, stage: 'on-carriage' },
            { name: 'customs brokerage and ISF', amount: 150, stage: 'clearance' },
          ],
          insuranceRate: 0.003,
        },
        air: {
          mode: 'air',
          rate: 6.8,
          fuelSurchargeRate: 0.12,
          fees: [
            { name: 'airport handling', amount: 120, stage: 'main' },
            { name: 'airport to warehouse', amount: 180, stage: 'on-carriage' },
            { name: 'customs brokerage', amount: 120, stage: 'clearance' },
          ],
          insuranceRate: 0.003,
        },
      },
      warehouse: { inboundPerUnit: 0.35, storageRate: 27.5, peakSeasons: [{ from: '10-01', to: '12-31', rate: 84.8 }], outboundPerUnit: 0 },
      selling: {
        lastMilePerUnit: 4.75,
        commissionRate: 0.15,
        commissionMinimum: 0.3,
        ads: { basis: 'acos', acos: 0.15, attributedShare: 0.4, clicksPerOrder: 12 },
        returnRate: 0.08,
        unsellableShare: 0.2,
        returnHandlingPerReturn: 2,
      },
    },
    cashFlow: {
      openingCash: 40000,
      creditLine: { limit: 60000, annualRate: 0.12 },
      payout: { preset: 'amazon-us', deliveryDays: 2 },
      depositShare: 0.3,
      balanceDaysAfterShipment: 0,
      returnLagDays: 21,
      discountRate: 0.1,
      stress: [
        { name: 'Ship 10 days late', delayDays: 10 },
        { name: 'Demand −30 %', demandFactor: 0.7 },
        { name: 'Payout held 14 days', payoutHoldDays: 14 },
      ],
    },
    checklist: { registrationDaysBefore: 60, contentReadyDaysBefore: 28, adTestStartDaysBefore: 21 },
  },
});
