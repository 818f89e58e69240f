/**
 * The derived inputs of the promo plan: how a plan request and the results of the earlier steps
 * become the requests of the stock plan, the landed cost (one per transport mode) and the cash
 * flow, and how their paths map back into the plan request. No formula of the chained calculations
 * is repeated here: each builder only moves, sums, splits and dates the figures those calculations
 * return. The rules, each with its source (or marked as this service's assumption):
 *
 * Stock plan — the plan's `asOf`, `currency`, `promo`, `stockPlan.*` and each SKU's stock-plan
 * fields, as given. Two defaults from the SKU's costs: `unitCost` = costs.unitCost × the rate of
 * its currency in landedCost.fxRates (the landed cost's product line), and `unitWeightKg` = the
 * costs' weight per unit in kg (only when a mode is costed per kg).
 *
 * Landed cost — one request per transport mode that ships units:
 * - items: the SKUs with the units that mode ships (Σ of their batches of that mode), the promo
 *   price, and their costs; `unitsPerCarton` defaults to the case pack; `contentUnits` defaults to
 *   the SKU's whole quantity to produce, so a SKU split over sea and air carries its content cost
 *   once in total (each mode its units' share).
 * - importDate: the earliest expected landing of the mode's batches, landing = planned ship day +
 *   origin handling + mean transit (the stock plan's expected arrival before warehouse receiving:
 *   goods clear customs on landing, then are checked in). It selects the dated VAT and low-value rules.
 * - freight: landedCost.freightByMode[mode] — one consolidated shipment per mode is costed (the
 *   quote applies to the mode's whole volume); its cost is paid batch by batch in the cash flow.
 * - warehouse: the tariff given, storage from the earliest expected arrival of the mode's batches
 *   (after receiving), for `storageDays` = given, or from that arrival to the mean day of the
 *   plan's expected sales (a unit stays from its arrival to its sale), 0…365.
 *
 * Cash flow — in the account currency (cashFlow.fx.accountCurrency, converted at its rate; else
 * `currency`), from asOf:
 * - purchase orders: one per SKU batch, amount = units × unit cost (× its currency's rate into
 *   `currency` × the account rate; exactly units × unitCost when the cost is in the account
 *   currency), ordered on the batch's latest order date (asOf when passed) with the deposit
 *   cashFlow.depositShare, shipped on its planned ship date, balance cashFlow.balanceDaysAfterShipment
 *   later. Batches with the same order and ship dates are one order (same cash, fewer lines).
 * - shipments: per mode and ship date, each batch's share (its units ÷ the SKU's units by that
 *   mode) of the SKU's landed-cost line totals: freight = freight + insurance lines, paid at
 *   departure + cashFlow.freightDaysAfterDeparture; duties = duty (when the seller pays it, DDP) +
 *   clearance lines and importVat = the import VAT line (DDP), on the landing day; the VAT is
 *   reclaimed cashFlow.importVatReclaimDays later when the landed cost reclaims it.
 * - payments: warehouse inbound on each shipment's arrival; storage billed in arrears for each
 *   30-day period of the stay (arrival + 30, + 60, …, the last on arrival + storageDays), each
 *   period's share of the storage line in proportion to its days (as monthly 3PL and FBA storage
 *   bills); ads = the landed-cost ad line per unit × the units expected to sell, evenly over
 *   the promo days — unless cashFlow.adRamps are given, which replace it; content = every SKU's
 *   contentCost on the checklist's content-ready date (asOf when passed); the caller's payments.
 * - sales: per SKU, the stock plan's expected sales (mean demand − expected lost sales) over the
 *   coverage window at the promo price, spread by the forecast's periods when the demand came from
 *   a dated forecast whose window the stock plan found by the dates (each period's forecast evenly
 *   over its days, as the cash flow spreads a weekly forecast), otherwise the stock plan's daily demand after the promo on the cover days and the
 *   rest evenly over the promo days (evenly over the window when that is the same).
 * - marketplace fee, counted once: the landed cost's per-sale deductions — VAT in the price,
 *   commission, payment fees, last mile and outbound (fulfilment), and the cash part of returns
 *   (return rate × (return shipping + handling); the unsellable write-off is stock, not cash) —
 *   become payout.feeRate = Σ expected units × deductions per unit ÷ Σ expected revenue, deducted
 *   from every payout as Amazon deducts referral and FBA fees from the settlement, so the cash
 *   profit and the landed-cost contribution carry the same fees. payout.conversionCostRate stays
 *   the preset's (or yours) — it is not in the landed cost unless selling.fxConversionRate is set.
 *   Refunds: cashFlow.returnRate (default the landed cost's) of the gross, as the cash flow does.
 * - horizon: until the last payout, reserve release and refund of the window's sales (sale day +
 *   delivery + delay + cycle + transfer + max(reserve release, return lag)), stress delays and
 *   holds included, or the last derived flow, at most 730 days.
 */
import type * as z from 'zod';
import { CashFlowInput, MAX_DATE_OFFSET_DAYS, MAX_HORIZON_DAYS, MAX_SKU_DAYS } from '../cash/cash-flow-schema.js';
import { resolvePayoutRules } from '../cash/presets.js';
import { LandedCostInput, type LandedCostResult, type LandedCostSku } from '../cost/schema.js';
import { toKg } from '../cost/units.js';
import { DomainError } from '../errors.js';
import type { ForecastResult } from '../forecast/forecast.js';
import { datedSpans, periodSpans } from './coverage.js';
import type { PromoPlanFields } from './promo-plan-schema.js';
import { dayOf, expectedArrivalDay, isoOf, modeSchedule } from './schedule.js';
import { MAX_MODES, StockPlanInput, type PlanBatch, type StockPlanResult } from './stock-plan-schema.js';

type Path = Array<string | number>;
type Ctx = z.core.$RefinementCtx<PromoPlanFields>;

const pointer = (path: ReadonlyArray<string | number>) => (path.length === 0 ? '(root)' : `/${path.join('/')}`);

// ---------------------------------------------------------------------------------------------
// Paths of the chained calculations → paths of the plan request

const PLAN_TOP_LEVEL = new Set(['asOf', 'currency', 'promo', 'skus']);

/** A stock-plan path in the plan request: asOf, currency, promo and skus are top level, the rest under stockPlan. */
export function stockPlanPath(path: ReadonlyArray<PropertyKey>): Path {
  const p = path as Path;
  return p.length > 0 && PLAN_TOP_LEVEL.has(String(p[0])) ? [...p] : ['stockPlan', ...p];
}

/** A landed-cost path of mode `mode`'s request in the plan request; `skuOfItem[j]` is the plan SKU index of item j. */
export function landedCostPath(path: ReadonlyArray<PropertyKey>, mode: string, skuOfItem: readonly number[]): Path {
  const [head, ...rest] = path as Path;
  switch (head) {
    case undefined:
      return ['landedCost', 'freightByMode', mode];
    case 'items': {
      const [j, field, ...tail] = rest;
      const i = skuOfItem[Number(j)] ?? 0;
      if (field === undefined || field === 'quantity') return ['skus', i];
      if (field === 'sku' || field === 'price') return ['skus', i, field];
      return ['skus', i, 'costs', field, ...tail];
    }
    case 'freight':
      return ['landedCost', 'freightByMode', mode, ...rest];
    case 'currency':
      return ['currency'];
    case 'shipment':
      return rest[0] === 'importDate' ? ['promo', 'start'] : ['landedCost', 'shipment', ...rest];
    case 'warehouse':
      return rest[0] === 'arrivalDate' ? ['landedCost', 'warehouse'] : ['landedCost', 'warehouse', ...rest];
    default:
      return ['landedCost', head, ...rest];
  }
}

/**
 * A cash-flow path in the plan request; `skuOfSalesSku[k]` is the plan SKU index of the cash flow's
 * SKU k, and the first `derivedPayments` payments are the plan's own (the caller's follow them).
 */
export function cashFlowPath(path: ReadonlyArray<PropertyKey>, skuOfSalesSku: readonly number[] = [], derivedPayments = 0): Path {
  const [head, ...rest] = path as Path;
  switch (head) {
    case 'payments': {
      const k = Number(rest[0]);
      return Number.isInteger(k) && k >= derivedPayments ? ['cashFlow', 'payments', k - derivedPayments, ...rest.slice(1)] : ['skus'];
    }
    case 'startDate':
      return ['asOf'];
    case 'event':
      return ['promo'];
    case 'fx':
      return rest[0] === 'sellingCurrency' ? ['currency'] : ['cashFlow', 'fx', ...rest];
    case 'skus':
      return ['skus', skuOfSalesSku[Number(rest[0])] ?? 0];
    case 'purchaseOrders':
    case 'shipments':
    case 'sales':
      return ['skus'];
    case undefined:
      return ['cashFlow'];
    default:
      return ['cashFlow', head, ...rest];
  }
}

/**
 * Parses a derived input with its calculation's schema. A derived input out of that schema's bounds
 * (e.g. 20 million units of one SKU by sea, over the landed cost's 10 million; a purchase order over
 * the cash flow's 1e9) is a 422 `plan.chained-input-out-of-bounds` at the plan field it comes from.
 */
function parseDerived<S extends z.ZodType>(schema: S, raw: unknown, calc: string, mapPath: (p: ReadonlyArray<PropertyKey>) => Path): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new DomainError(
    'plan.chained-input-out-of-bounds',
    `the ${calc} request built from the plan is outside that calculation's bounds at ${pointer(issue.path as Path)}: ${issue.message}`,
    mapPath(issue.path),
  );
}

// ---------------------------------------------------------------------------------------------
// Dates and currencies

export interface PlanDays {
  asOf: number;
  promoStart: number;
  promoEnd: number;
  coverageEnd: number;
}

export function planDays(plan: PromoPlanFields): PlanDays {
  const promoStart = dayOf(plan.promo.start);
  const promoEnd = plan.promo.end !== undefined ? dayOf(plan.promo.end) : promoStart + plan.promo.days! - 1;
  return { asOf: dayOf(plan.asOf), promoStart, promoEnd, coverageEnd: promoEnd + plan.promo.coverageDaysAfter };
}

/** Units of `currency` per unit of `c` from landedCost.fxRates (undefined when no rate is given). */
function rateInto(plan: PromoPlanFields, c: string | undefined): number | undefined {
  if (c === undefined || c === plan.currency) return 1;
  return plan.landedCost.fxRates.find((r) => r.currency === c)?.rate;
}

// ---------------------------------------------------------------------------------------------
// Stock plan

/** The stock-plan request of a plan (see the file comment). */
export function stockPlanRequest(plan: PromoPlanFields): z.input<typeof StockPlanInput> {
  const perKg = plan.stockPlan.modes.some((m) => m.costPerKg !== undefined);
  const measurement = plan.landedCost.shipment.measurement;
  return {
    asOf: plan.asOf,
    currency: plan.currency,
    promo: plan.promo,
    ...plan.stockPlan,
    skus: plan.skus.map((s) => {
      const { costs, ...fields } = s;
      const out: Record<string, unknown> = { ...fields };
      if (s.unitCost === undefined) {
        const rate = rateInto(plan, costs.costCurrency);
        if (rate !== undefined) out.unitCost = costs.unitCost * rate;
      }
      if (s.unitWeightKg === undefined && perKg) {
        const perUnit = costs.measuredPer === 'carton' ? costs.weight / (costs.unitsPerCarton ?? s.casePack) : costs.weight;
        const kg = toKg(perUnit, measurement);
        if (kg <= 1e5) out.unitWeightKg = kg;
      }
      return out as z.input<typeof StockPlanInput>['skus'][number];
    }),
  };
}

export function buildStockPlanInput(plan: PromoPlanFields): StockPlanInput {
  return parseDerived(StockPlanInput, stockPlanRequest(plan), 'stock-plan', stockPlanPath);
}

// ---------------------------------------------------------------------------------------------
// Expected sales by day

export type SalesShape = 'forecast' | 'promo-and-after' | 'even';

export interface SkuSales {
  /** Units expected to sell on each day of the coverage window (index 0 = promo start). */
  daily: number[];
  shape: SalesShape;
}

/**
 * Day weights over [from, to] from period spans and point forecasts: the forecast's own days when
 * it carries them (/v1/forecast `days`: weekday profile and event days), else each period's
 * forecast evenly over its days.
 */
function forecastDayWeights(spans: ReadonlyArray<readonly [number, number]>, forecasts: readonly number[], from: number, to: number, days?: ReadonlyArray<{ date: string; forecast: number }>): number[] {
  const byDay = new Map<number, number>();
  for (const x of days ?? []) byDay.set(dayOf(x.date), x.forecast);
  const w = new Array<number>(to - from + 1).fill(0);
  let k = 0;
  for (let d = from; d <= to; d++) {
    while (k < spans.length && spans[k]![1] <= d) k++;
    if (k >= spans.length) break;
    const [a, b] = spans[k]!;
    if (d >= a) w[d - from] = Math.max(0, byDay.get(d) ?? forecasts[k]! / (b - a));
  }
  return w;
}

/**
 * A SKU's expected sales by day of the coverage window (see the file comment): its stock-plan
 * expected sales, shaped by its forecast's periods when it has dated ones.
 */
export function skuDailySales(plan: PromoPlanFields, days: PlanDays, index: number, row: StockPlanResult['skus'][number], forecast: ForecastResult | undefined): SkuSales {
  const sku = plan.skus[index]!;
  const n = days.coverageEnd - days.promoStart + 1;
  let weights: number[] | undefined;
  let shape: SalesShape = 'forecast';
  const d = sku.demand;
  // Only when the stock plan found the window from the dates too (no explicit window of periods).
  if (d.source === 'forecast' && !d.window && forecast && d.request.frequency !== undefined && forecast.periods[0]?.date !== undefined)
    weights = forecastDayWeights(periodSpans(forecast.periods[0].date, d.request.frequency, forecast.periods.length), forecast.periods.map((p) => p.forecast), days.promoStart, days.coverageEnd, forecast.days);
  else if (d.source === 'forecast-result' && !d.window && d.frequency !== undefined && d.result.periods.every((p) => p.date !== undefined))
    weights = forecastDayWeights(datedSpans(d.result.periods.map((p) => p.date!), d.frequency), d.result.periods.map((p) => p.forecast), days.promoStart, days.coverageEnd, d.result.days);
  let total = weights ? weights.reduce((a, x) => a + x, 0) : 0;
  if (!weights || !(total > 0)) {
    const promoDays = days.promoEnd - days.promoStart + 1;
    const afterDays = n - promoDays;
    const daily = row.demand.dailyAfterPromo;
    const promoTotal = Math.max(0, row.demand.mean - daily * afterDays);
    weights = Array.from({ length: n }, (_, k) => (k < promoDays ? promoTotal / promoDays : daily));
    total = weights.reduce((a, x) => a + x, 0);
    shape = afterDays > 0 && Math.abs(promoTotal / promoDays - daily) > 1e-9 * Math.max(1, daily) ? 'promo-and-after' : 'even';
    if (!(total > 0)) {
      weights = new Array<number>(n).fill(1);
      total = n;
      shape = 'even';
    }
  }
  const expected = row.expectedSales;
  return { daily: weights.map((w) => (expected * w) / total), shape };
}

// ---------------------------------------------------------------------------------------------
// Landed cost per mode

export interface ModeBatch {
  skuIndex: number;
  /** Item index of the SKU in the mode's landed-cost request. */
  item: number;
  batch: PlanBatch;
  shipDay: number;
  landingDay: number;
  arrivalDay: number;
}

export interface ModeShipment {
  mode: string;
  /** Plan SKU index of each item. */
  skuOfItem: number[];
  /** Units of each item (Σ of its batches of this mode). */
  units: number[];
  batches: ModeBatch[];
  importDay: number;
  arrivalDay: number;
  storageDays: number;
  storageDaysSource: 'given' | 'derived' | 'none';
  input: LandedCostInput;
}

/** One landed-cost request per transport mode that ships units (see the file comment). */
export function buildLandedCostInputs(plan: PromoPlanFields, sp: StockPlanResult, meanSaleDay: number): ModeShipment[] {
  const landing = new Map(
    plan.stockPlan.modes.map((m) => [
      m.name,
      modeSchedule({ name: m.name, transitDays: m.transitDays, transitStdDevDays: m.transitStdDevDays, distribution: m.distribution, originHandlingDays: m.originHandlingDays, receivingDays: 0 }),
    ]),
  );
  const shipments: ModeShipment[] = [];
  for (const mode of plan.stockPlan.modes) {
    const skuOfItem: number[] = [];
    const units: number[] = [];
    const batches: ModeBatch[] = [];
    sp.skus.forEach((row, i) => {
      let item = -1;
      for (const batch of row.batches) {
        if (batch.mode !== mode.name || batch.quantity <= 0) continue;
        if (item < 0) {
          item = skuOfItem.length;
          skuOfItem.push(i);
          units.push(0);
        }
        units[item]! += batch.quantity;
        const shipDay = dayOf(batch.plannedShipDate);
        batches.push({ skuIndex: i, item, batch, shipDay, landingDay: expectedArrivalDay(landing.get(mode.name)!, shipDay), arrivalDay: dayOf(batch.expectedArrival) });
      }
    });
    if (skuOfItem.length === 0) continue;
    const importDay = Math.min(...batches.map((b) => b.landingDay));
    const arrivalDay = Math.min(...batches.map((b) => b.arrivalDay));
    const wh = plan.landedCost.warehouse;
    const storageDaysSource = !wh ? 'none' : wh.storageDays !== undefined ? 'given' : 'derived';
    const storageDays = !wh ? 0 : (wh.storageDays ?? Math.min(365, Math.max(0, Math.round(meanSaleDay - arrivalDay))));
    const items = skuOfItem.map((i, j) => {
      const sku = plan.skus[i]!;
      const c = sku.costs;
      const item: Record<string, unknown> = { ...c, sku: sku.sku, quantity: units[j], price: sku.price };
      if (c.unitsPerCarton === undefined && sku.casePack <= 100_000) item.unitsPerCarton = sku.casePack;
      if (c.contentUnits === undefined && c.contentCost > 0) item.contentUnits = sp.skus[i]!.quantityToProduce;
      return item;
    });
    const raw = {
      currency: plan.currency,
      fxRates: plan.landedCost.fxRates,
      fxBuffer: plan.landedCost.fxBuffer,
      detail: plan.landedCost.detail,
      shipment: { ...plan.landedCost.shipment, importDate: isoOf(importDay) },
      items,
      freight: plan.landedCost.freightByMode[mode.name],
      ...(wh ? { warehouse: { ...wh, arrivalDate: isoOf(arrivalDay), storageDays } } : {}),
      selling: plan.landedCost.selling,
    };
    const input = parseDerived(LandedCostInput, raw, `landed-cost (${mode.name})`, (p) => landedCostPath(p, mode.name, skuOfItem));
    shipments.push({ mode: mode.name, skuOfItem, units, batches, importDay, arrivalDay, storageDays, storageDaysSource, input });
  }
  return shipments;
}

// ---------------------------------------------------------------------------------------------
// Cash flow

const lineTotalsCache = new WeakMap<LandedCostSku, Record<string, { total: number; paidBy: 'seller' | 'buyer' }>>();

/** A SKU row's line totals by line name (computed once per row). */
export function lineTotals(row: LandedCostSku): Record<string, { total: number; paidBy: 'seller' | 'buyer' }> {
  let totals = lineTotalsCache.get(row);
  if (!totals) lineTotalsCache.set(row, (totals = Object.fromEntries(row.lines.map((l) => [l.line, { total: l.total, paidBy: l.paidBy }]))));
  return totals;
}

export interface CashFlowBuild {
  input: CashFlowInput;
  /** Plan SKU index of each cash-flow SKU. */
  skuOfSalesSku: number[];
  /** The derived payments come first in input.payments, the caller's after them. */
  derivedPayments: number;
  accountCurrency: string;
  fxRate: number;
  purchaseOrders: number;
  shipments: number;
  payments: number;
  purchaseCost: number;
  payoutDeductionRate: number;
  payoutDeductionSource: 'landed-cost' | 'payout-rules';
  payoutDeductions: { salesVat: number; commission: number; payment: number; fulfilment: number; returns: number };
  adSpend: number;
  adSpendSource: 'landed-cost' | 'ad-ramps' | 'none';
  contentSpend: number;
  returnRate: number;
  importVatReclaimDays?: number;
  notes: string[];
}

/** Sums amounts by key, keeping the first-seen order. */
class Ledger<T> {
  readonly entries = new Map<string, T>();
  add(key: string, make: () => T, update: (entry: T) => void): void {
    let entry = this.entries.get(key);
    if (!entry) this.entries.set(key, (entry = make()));
    update(entry);
  }
}

/** The cash-flow request of a plan (see the file comment). */
export function buildCashFlowInput(
  plan: PromoPlanFields,
  days: PlanDays,
  sp: StockPlanResult,
  shipments: readonly ModeShipment[],
  results: ReadonlyMap<string, LandedCostResult>,
  sales: readonly SkuSales[],
): CashFlowBuild {
  const cash = plan.cashFlow;
  const selling = plan.landedCost.selling;
  const accountCurrency = cash.fx?.accountCurrency ?? plan.currency;
  const r = cash.fx?.rate ?? 1;
  const notes: string[] = [];
  const lastDay = days.asOf + MAX_DATE_OFFSET_DAYS;
  // Flows the horizon cannot reach are "after the horizon" whatever their date: keep every date in the cash flow's range.
  const dated = (day: number) => isoOf(Math.min(lastDay, Math.max(days.asOf, day)));

  // Purchase orders: batches by order and ship day.
  const unitCostAccount = plan.skus.map((s) => {
    const c = s.costs;
    if ((c.costCurrency ?? plan.currency) === accountCurrency) return c.unitCost;
    return c.unitCost * (rateInto(plan, c.costCurrency) ?? 0) * r;
  });
  const orders = new Ledger<{ orderDay: number; shipDay: number; amount: number; batches: number; skus: Set<number> }>();
  sp.skus.forEach((row, i) => {
    for (const b of row.batches) {
      if (b.quantity <= 0) continue;
      const orderDay = Math.max(days.asOf, dayOf(b.latestOrderDate));
      const shipDay = dayOf(b.plannedShipDate);
      orders.add(
        `${orderDay}|${shipDay}`,
        () => ({ orderDay, shipDay, amount: 0, batches: 0, skus: new Set() }),
        (o) => {
          o.amount += b.quantity * unitCostAccount[i]!;
          o.batches++;
          o.skus.add(i);
        },
      );
    }
  });
  const purchaseOrders = [...orders.entries.values()].map((o) => ({
    label: `Order ${isoOf(o.orderDay)}, ship ${isoOf(o.shipDay)}: ${o.batches} batch${o.batches === 1 ? '' : 'es'} of ${o.skus.size} SKU${o.skus.size === 1 ? '' : 's'}`,
    orderDate: isoOf(o.orderDay),
    amount: o.amount,
    depositShare: cash.depositShare,
    shipmentDate: isoOf(o.shipDay),
    balanceDaysAfterShipment: cash.balanceDaysAfterShipment,
  }));

  // Shipments and warehouse payments: each batch's share of its SKU's line totals of that mode.
  const groups = new Ledger<{ mode: string; shipDay: number; landingDay: number; arrivalDay: number; storageDays: number; freight: number; duties: number; vat: number; inbound: number; storage: number }>();
  let reclaims = false;
  for (const s of shipments) {
    const result = results.get(s.mode)!;
    if (result.shipment.importVatReclaimed) reclaims = true;
    const totals = result.skus.map(lineTotals);
    for (const b of s.batches) {
      const t = totals[b.item]!;
      const share = b.batch.quantity / s.units[b.item]!;
      const amount = (line: string, sellerOnly = false) => {
        const x = t[line];
        return !x || (sellerOnly && x.paidBy !== 'seller') ? 0 : share * x.total * r;
      };
      groups.add(
        `${s.mode}|${b.shipDay}`,
        () => ({ mode: s.mode, shipDay: b.shipDay, landingDay: b.landingDay, arrivalDay: b.arrivalDay, storageDays: s.storageDays, freight: 0, duties: 0, vat: 0, inbound: 0, storage: 0 }),
        (g) => {
          g.freight += amount('freight') + amount('insurance');
          g.duties += amount('duty', true) + amount('clearance');
          g.vat += amount('importVat', true);
          g.inbound += amount('warehouseInbound');
          g.storage += amount('warehouseStorage');
        },
      );
    }
  }
  const payments = new Ledger<{ day: number; category: 'warehouse' | 'ads' | 'content'; label: string; amount: number }>();
  const pay = (day: number, category: 'warehouse' | 'ads' | 'content', label: string, amount: number) => {
    if (!(amount > 0)) return;
    payments.add(
      `${day}|${category}|${label}`,
      () => ({ day, category, label, amount: 0 }),
      (p) => (p.amount += amount),
    );
  };
  const cashShipments = [...groups.entries.values()].map((g) => {
    pay(g.arrivalDay, 'warehouse', 'Warehouse inbound', g.inbound);
    if (g.storage > 0 && g.storageDays > 0)
      for (let from = 0; from < g.storageDays; from += 30) {
        const to = Math.min(from + 30, g.storageDays);
        pay(g.arrivalDay + to, 'warehouse', 'Warehouse storage (30-day periods, in arrears)', (g.storage * (to - from)) / g.storageDays);
      }
    return {
      label: `${g.mode}: ship ${isoOf(g.shipDay)}, land ${isoOf(g.landingDay)}`,
      departureDate: dated(g.shipDay),
      importDate: dated(g.landingDay),
      freight: g.freight,
      freightDaysAfterDeparture: cash.freightDaysAfterDeparture,
      duties: g.duties,
      importVat: g.vat,
    };
  });

  // Per-sale deductions (payout fee), ads per unit, from the SKUs' landed-cost rows over all modes.
  const rowsOf = new Map<number, LandedCostSku[]>();
  for (const s of shipments) results.get(s.mode)!.skus.forEach((row, j) => rowsOf.set(s.skuOfItem[j]!, [...(rowsOf.get(s.skuOfItem[j]!) ?? []), row]));
  const deductions = { salesVat: 0, commission: 0, payment: 0, fulfilment: 0, returns: 0 };
  const returnCashPerUnit = selling.returnRate * (selling.returnShippingPerReturn + selling.returnHandlingPerReturn);
  let revenueWithRows = 0;
  let adsSelling = 0;
  let stockOnly = 0;
  sp.skus.forEach((row, i) => {
    const e = row.expectedSales;
    if (!(e > 0)) return;
    const rows = rowsOf.get(i);
    if (!rows) {
      stockOnly++;
      return;
    }
    const q = rows.reduce((a, x) => a + x.quantity, 0);
    const sum = (line: string) => rows.reduce((a, x) => a + (lineTotals(x)[line]?.total ?? 0), 0) / q;
    deductions.salesVat += (e * rows.reduce((a, x) => a + x.totals.salesVat, 0)) / q;
    deductions.commission += e * sum('commission');
    deductions.payment += e * sum('payment');
    deductions.fulfilment += e * (sum('lastMile') + sum('warehouseOutbound'));
    deductions.returns += e * returnCashPerUnit;
    adsSelling += e * sum('ads');
    revenueWithRows += e * plan.skus[i]!.price;
  });
  const payoutInput = { ...cash.payout };
  let payoutDeductionRate: number;
  let payoutDeductionSource: CashFlowBuild['payoutDeductionSource'];
  if (revenueWithRows > 0) {
    const raw = (deductions.salesVat + deductions.commission + deductions.payment + deductions.fulfilment + deductions.returns) / revenueWithRows;
    payoutDeductionRate = Math.min(1, Math.max(0, raw));
    payoutDeductionSource = 'landed-cost';
    if (raw > 1) notes.push(`The per-sale deductions of the landed cost (${(raw * 100).toFixed(1)} % of the price) exceed the price; the payout fee is capped at 100 %.`);
    if (stockOnly > 0) notes.push(`${stockOnly} SKU(s) sell only from stock (nothing to produce, no landed-cost row): their payouts carry the plan's average deduction rate of ${(payoutDeductionRate * 100).toFixed(2)} %.`);
  } else {
    payoutDeductionRate = resolvePayoutRules(cash.payout).rules.feeRate;
    payoutDeductionSource = 'payout-rules';
    if (sp.totals.expectedSales > 0) notes.push("No SKU with expected sales has a landed-cost row (nothing to produce): payouts carry the payout preset's fee rate.");
  }

  // Ads and content.
  let adSpend = 0;
  let adSpendSource: CashFlowBuild['adSpendSource'] = 'none';
  if (cash.adRamps.length > 0) {
    adSpendSource = 'ad-ramps';
    if (adsSelling > 0) notes.push('cashFlow.adRamps replace the landed-cost ad cost of the expected sales in the cash flow (the landed cost still counts its ads line).');
  } else if (adsSelling > 0) {
    adSpend = adsSelling * r;
    adSpendSource = 'landed-cost';
    const promoDays = days.promoEnd - days.promoStart + 1;
    for (let d = days.promoStart; d <= days.promoEnd; d++) pay(d, 'ads', 'Ads: landed-cost ad cost of the expected sales, evenly over the promo days', adSpend / promoDays);
  }
  const contentSpend = plan.skus.reduce((a, s) => a + s.costs.contentCost, 0) * r;
  pay(Math.max(days.asOf, days.promoStart - plan.checklist.contentReadyDaysBefore), 'content', 'Content production (all SKUs), due on the content-ready date', contentSpend);

  // Sales.
  const skuOfSalesSku: number[] = [];
  const skus = sales.flatMap((s, i) => {
    if (!(sp.skus[i]!.expectedSales > 0)) return [];
    skuOfSalesSku.push(i);
    return [{ sku: plan.skus[i]!.sku, price: plan.skus[i]!.price, start: isoOf(days.promoStart), units: s.daily }];
  });

  // Horizon.
  const returnRate = cash.returnRate ?? selling.returnRate;
  const rules = resolvePayoutRules(cash.payout).rules;
  const stressLag = Math.max(0, ...cash.stress.map((s) => s.delayDays + s.payoutHoldDays));
  const payoutLag = rules.deliveryDays + rules.delayDays + rules.cycleDays + rules.transferDays + Math.max(rules.reserveReleaseDays, cash.returnLagDays);
  const derivedPayments = [...payments.entries.values()];
  const lastFlow = Math.max(
    days.coverageEnd + payoutLag + stressLag,
    ...purchaseOrders.map((o) => dayOf(o.shipmentDate) + cash.balanceDaysAfterShipment),
    ...cashShipments.map((s) => dayOf(s.importDate) + (reclaims ? cash.importVatReclaimDays : 0)),
    ...derivedPayments.map((p) => p.day),
  );
  const horizonDays = cash.horizonDays ?? Math.min(MAX_HORIZON_DAYS, lastFlow - days.asOf + 1);

  const raw = {
    startDate: plan.asOf,
    horizonDays,
    granularity: cash.granularity,
    openingCash: cash.openingCash,
    ...(cash.creditLine ? { creditLine: cash.creditLine } : {}),
    event: { start: isoOf(days.promoStart), end: isoOf(days.promoEnd) },
    purchaseOrders,
    shipments: cashShipments,
    ...(reclaims ? { importVatReclaimDays: cash.importVatReclaimDays } : {}),
    payments: [...derivedPayments.map((p) => ({ label: p.label, date: dated(p.day), amount: p.amount, category: p.category })), ...cash.payments],
    recurringPayments: cash.recurringPayments,
    adRamps: cash.adRamps,
    skus,
    returnRate,
    returnLagDays: cash.returnLagDays,
    ...(cash.fx ? { fx: { sellingCurrency: plan.currency, accountCurrency: cash.fx.accountCurrency, rate: cash.fx.rate } } : {}),
    payout: { ...payoutInput, feeRate: payoutDeductionRate },
    ...(cash.discountRate !== undefined ? { discountRate: cash.discountRate } : {}),
    stress: cash.stress,
  };
  const input = parseDerived(CashFlowInput, raw, 'cash-flow', (p) => cashFlowPath(p, skuOfSalesSku, derivedPayments.length));
  return {
    input,
    skuOfSalesSku,
    derivedPayments: derivedPayments.length,
    accountCurrency,
    fxRate: r,
    purchaseOrders: purchaseOrders.length,
    shipments: cashShipments.length,
    payments: derivedPayments.length,
    purchaseCost: purchaseOrders.reduce((a, o) => a + o.amount, 0),
    payoutDeductionRate,
    payoutDeductionSource,
    payoutDeductions: deductions,
    adSpend,
    adSpendSource,
    contentSpend,
    returnRate,
    ...(reclaims ? { importVatReclaimDays: cash.importVatReclaimDays } : {}),
    notes,
  };
}

// ---------------------------------------------------------------------------------------------
// Validation: the chained schemas' own cross-field rules, on the caller's parts

/** Adds the issues of a chained schema's parse under the plan's paths (each path and message once). */
function reissue(ctx: Ctx, seen: Set<string>, result: { success: boolean; error?: z.ZodError }, mapPath: (p: ReadonlyArray<PropertyKey>) => Path): void {
  if (result.success || !result.error) return;
  for (const issue of result.error.issues) {
    const path = mapPath(issue.path);
    const key = `${pointer(path)}|${issue.message}`;
    if (seen.has(key) || seen.has(pointer(path))) continue;
    seen.add(key);
    ctx.addIssue({ code: 'custom', path, message: issue.message });
  }
}

/**
 * Cross-field rules of the plan: every mode has a freight quote (and only those), the window fits
 * the cash flow's per-SKU days, and the stock-plan, landed-cost and cash-flow schemas accept the
 * caller's parts (their own refinements, with paths into the plan request).
 */
export function validatePromoPlan(plan: PromoPlanFields, ctx: Ctx): void {
  // Fields with an issue of their own that did not abort the parse (a number out of range) are
  // already reported: the chained schemas would repeat it (raw issues carry no message yet: by path).
  const seen = new Set<string>(ctx.issues.map((i) => pointer((i.path ?? []) as Path)));
  const issue = (path: Path, message: string) => {
    seen.add(`${pointer(path)}|${message}`);
    ctx.addIssue({ code: 'custom', path, message });
  };
  const modes = plan.stockPlan.modes.map((m) => m.name);
  const freight = plan.landedCost.freightByMode;
  const keys = Object.keys(freight);
  for (const name of modes) if (!Object.hasOwn(freight, name)) issue(['landedCost', 'freightByMode'], `no freight quote for mode "${name}": give landedCost.freightByMode.${name}`);
  for (const key of keys) if (!modes.includes(key)) issue(['landedCost', 'freightByMode', key], `"${key}" is not a mode of stockPlan.modes (${modes.join(', ')})`);
  if (keys.length > MAX_MODES) issue(['landedCost', 'freightByMode'], `at most ${MAX_MODES} modes`);

  // 1. The stock plan (its promo rules included).
  reissue(ctx, seen, StockPlanInput.safeParse(stockPlanRequest(plan)), stockPlanPath);
  const promo = plan.promo;
  if ((promo.end === undefined) === (promo.days === undefined)) return; // reported by the stock plan
  const days = planDays(plan);
  const window = days.coverageEnd - days.promoStart + 1;
  if (window > MAX_SKU_DAYS) issue(['promo', 'coverageDaysAfter'], `the coverage window (promo and cover after it) is ${window} days; the cash flow takes at most ${MAX_SKU_DAYS} days of sales per SKU`);

  // 2. The landed cost: every SKU's costs with the first mode's freight, each other mode's freight with one SKU.
  const importDate = plan.promo.start;
  const item = (i: number) => {
    const s = plan.skus[i]!;
    return { ...s.costs, sku: s.sku, quantity: 1, price: s.price, ...(s.costs.unitsPerCarton === undefined && s.casePack <= 100_000 ? { unitsPerCarton: s.casePack } : {}) };
  };
  const wh = plan.landedCost.warehouse;
  const probe = (mode: string, skuIndexes: number[]) => ({
    currency: plan.currency,
    fxRates: plan.landedCost.fxRates,
    fxBuffer: plan.landedCost.fxBuffer,
    detail: plan.landedCost.detail,
    shipment: { ...plan.landedCost.shipment, importDate },
    items: skuIndexes.map(item),
    freight: freight[mode],
    ...(wh ? { warehouse: { ...wh, storageDays: wh.storageDays ?? 0 } } : {}),
    selling: plan.landedCost.selling,
  });
  const probed = modes.filter((m) => Object.hasOwn(freight, m));
  probed.forEach((mode, k) => {
    const skuIndexes = k === 0 ? plan.skus.map((_, i) => i) : [0];
    reissue(ctx, seen, LandedCostInput.safeParse(probe(mode, skuIndexes)), (p) => landedCostPath(p, mode, skuIndexes));
  });

  // 3. The cash flow: the caller's parts (payout, fx, credit line, ramps, payments, stress) around the promo.
  const cash = plan.cashFlow;
  const cashProbe = {
    startDate: plan.asOf,
    horizonDays: cash.horizonDays ?? MAX_HORIZON_DAYS,
    granularity: cash.granularity,
    openingCash: cash.openingCash,
    ...(cash.creditLine ? { creditLine: cash.creditLine } : {}),
    // A promo already under way or passed is the stock plan's 422 (cut-off passed), not a date error here.
    event: { start: isoOf(Math.max(days.asOf, days.promoStart)), end: isoOf(Math.max(days.asOf, days.promoStart, days.promoEnd)) },
    payments: cash.payments,
    recurringPayments: cash.recurringPayments,
    adRamps: cash.adRamps,
    returnRate: cash.returnRate ?? 0,
    returnLagDays: cash.returnLagDays,
    ...(cash.fx ? { fx: { sellingCurrency: plan.currency, accountCurrency: cash.fx.accountCurrency, rate: cash.fx.rate } } : {}),
    payout: cash.payout,
    ...(cash.discountRate !== undefined ? { discountRate: cash.discountRate } : {}),
    stress: cash.stress,
  };
  reissue(ctx, seen, CashFlowInput.safeParse(cashProbe), (p) => cashFlowPath(p));
}
