/**
 * Work and response-size estimates of each calculation from its validated input (the cost
 * models and their constants are in ./work.ts and ./response-size.ts). Calculations not named
 * here are bounded by their schemas alone (closed-form formulas: microseconds).
 */
import { CALCULATION_COST, estimateOf, forecastFactor, forecastShapeOf, type WorkEstimate, type WorkFactor } from './work.js';
import { RESPONSE_BYTES, type SizeEstimate, sizeOf } from './response-size.js';

type Json = Record<string, unknown>;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

const DAY_MS = 86_400_000;
const dayNumber = (iso: unknown): number | undefined => {
  if (typeof iso !== 'string') return undefined;
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isFinite(t) ? Math.floor(t / DAY_MS) : undefined;
};
const PERIOD_DAYS: Record<string, number> = { day: 1, week: 7, month: 28 };

/** Last day of the coverage window (promo end + cover after it), as a day number. */
function coverageEndDay(promo: Json): number | undefined {
  const start = dayNumber(promo.start);
  if (start === undefined) return undefined;
  const end = dayNumber(promo.end) ?? start + (typeof promo.days === 'number' ? promo.days - 1 : 0);
  return end + (typeof promo.coverageDaysAfter === 'number' ? promo.coverageDaysAfter : 0);
}

/**
 * The horizon a stock plan's inline forecast will run (see inlineForecastDemand in
 * core/plan/stock-plan.ts): enough periods to reach the end of the coverage window from the end
 * of the history, at least the request's horizon and its last future event.
 */
function inlineHorizon(request: Json, window: Json, promo: Json): number {
  let needed = typeof window.end === 'number' ? window.end : 1;
  if (typeof window.end !== 'number') {
    const frequency = typeof request.frequency === 'string' ? request.frequency : 'day';
    const first = dayNumber(request.start);
    const end = coverageEndDay(promo);
    if (first !== undefined && end !== undefined) {
      const historyEnd = first + arr(request.history).length * (PERIOD_DAYS[frequency] ?? 1);
      needed = Math.ceil((end + 1 - historyEnd) / (PERIOD_DAYS[frequency] ?? 1)) + 1;
    }
  }
  const events = arr(request.futureEvents).map((e) => (typeof obj(e).end === 'number' ? (obj(e).end as number) : 1));
  return Math.min(1000, Math.max(1, typeof request.horizon === 'number' ? request.horizon : 1, needed, ...events));
}

/** The inline forecasts and per-SKU work of a stock plan's SKUs (also the promo plan's). */
function stockPlanFactors(input: Json, prefix: Array<string | number> = []): WorkFactor[] {
  const promo = obj(input.promo);
  const factors: WorkFactor[] = [];
  const skus = arr(input.skus);
  skus.forEach((sku, i) => {
    const demand = obj(obj(sku).demand);
    if (demand.source !== 'forecast') return;
    const request = obj(demand.request);
    const horizon = inlineHorizon(request, obj(demand.window), promo);
    const shape = forecastShapeOf({ ...request, horizon, windows: [{ start: 1, end: horizon }] }, { simulations: 500 });
    factors.push(forecastFactor(shape, [...prefix, 'skus', i, 'demand', 'request']));
  });
  factors.push({ path: [...prefix, 'skus'], label: `${skus.length} SKUs`, micros: skus.length * CALCULATION_COST.stockPlanMicrosPerSku });
  return factors;
}

function landedItemMicros(detail: unknown, items: number): number {
  const full = detail === 'full' || ((detail === undefined || detail === 'auto') && items <= 100);
  return full ? CALCULATION_COST.landedCostMicrosPerItemFull : CALCULATION_COST.landedCostMicrosPerItemSummary;
}

const cashFactor = (skus: number, days: number, scenarios: number, path: Array<string | number>): WorkFactor => ({
  path,
  label: `a cash flow of ${skus} SKUs × ${days} days × ${scenarios} scenario(s)`,
  micros: skus * days * scenarios * CALCULATION_COST.cashFlowMicrosPerSkuDayScenario,
});

/** Days a promo plan's cash flow simulates: horizonDays, or up to the coverage end plus a payout tail (≤ 730). */
function planCashDays(input: Json): number {
  const cf = obj(input.cashFlow);
  if (typeof cf.horizonDays === 'number') return cf.horizonDays;
  const asOf = dayNumber(input.asOf);
  const end = coverageEndDay(obj(input.promo));
  const days = asOf !== undefined && end !== undefined ? end - asOf + CALCULATION_COST.planDefaultCashTailDays : 730;
  return Math.min(730, Math.max(1, days));
}

const estimators: Record<string, (input: Json) => WorkEstimate> = {
  forecast: (input) => estimateOf([forecastFactor(forecastShapeOf(input), [])]),
  'forecast/batch': (input) => {
    const defaults = obj(input.defaults);
    return estimateOf(arr(input.series).map((item, i) => forecastFactor(forecastShapeOf({ ...defaults, ...obj(item) }), ['series', i])));
  },
  'stock-plan': (input) => estimateOf(stockPlanFactors(input)),
  'landed-cost': (input) => {
    const items = arr(input.items).length;
    return estimateOf([{ path: ['items'], label: `${items} items`, micros: items * landedItemMicros(input.detail, items) }]);
  },
  'cash-flow': (input) => {
    const skus = arr(input.skus).length;
    return estimateOf([cashFactor(Math.max(1, skus), typeof input.horizonDays === 'number' ? input.horizonDays : 1, 1 + arr(input.stress).length, ['skus'])]);
  },
  plan: (input) => {
    const skus = arr(input.skus).length;
    const lc = obj(input.landedCost);
    const modes = Math.max(1, Object.keys(obj(lc.freightByMode)).length);
    const stress = arr(obj(input.cashFlow).stress).length;
    return estimateOf([
      ...stockPlanFactors(input),
      { path: ['landedCost', 'freightByMode'], label: `landed costs of ${skus} SKUs × ${modes} mode(s)`, micros: skus * modes * landedItemMicros(lc.detail, skus) },
      cashFactor(skus, planCashDays(input), 1 + stress, ['cashFlow']),
      { path: ['skus'], label: `${skus} SKUs`, micros: skus * CALCULATION_COST.planMicrosPerSku },
    ]);
  },
};

/** Estimated work of a calculation request (calculations without an estimator: the fixed request cost). */
export function estimateWork(calculation: string, input: unknown): WorkEstimate {
  const estimator = estimators[calculation];
  return estimator ? estimator(obj(input)) : estimateOf([]);
}

const sizers: Record<string, (input: Json) => SizeEstimate> = {
  'landed-cost': (input) => {
    const items = arr(input.items).length;
    const full = input.detail === 'full' || ((input.detail === undefined || input.detail === 'auto') && items <= 100);
    return sizeOf(items * (full ? RESPONSE_BYTES.landedCostItemFull : RESPONSE_BYTES.landedCostItemSummary), ['items'], `${items} items in ${full ? 'full' : 'summary'} detail`, 'detail "summary"');
  },
  plan: (input) => {
    const skus = arr(input.skus).length;
    const lc = obj(input.landedCost);
    const modes = Math.max(1, Object.keys(obj(lc.freightByMode)).length);
    const full = lc.detail === 'full' || ((lc.detail === undefined || lc.detail === 'auto') && skus <= 100);
    const perSku = RESPONSE_BYTES.planSku + modes * (full ? RESPONSE_BYTES.landedCostItemFull : RESPONSE_BYTES.landedCostItemSummary);
    return sizeOf(skus * perSku, ['skus'], `${skus} SKUs × ${modes} mode(s) in ${full ? 'full' : 'summary'} detail`, 'landedCost.detail "summary"');
  },
  'forecast/batch': (input) => {
    const defaults = obj(input.defaults);
    const full = input.detail === 'full';
    let bytes = 0;
    for (const item of arr(input.series)) {
      const fields = { ...defaults, ...obj(item) };
      const shape = forecastShapeOf(fields);
      const levels = Array.isArray(fields.levels) ? fields.levels.length : 2;
      bytes += RESPONSE_BYTES.forecastSeries + shape.horizon * (RESPONSE_BYTES.forecastPeriod + levels * RESPONSE_BYTES.forecastPeriodPerLevel) + (full ? shape.historyLength * RESPONSE_BYTES.forecastFullPerPoint : 0);
    }
    return sizeOf(bytes, ['series'], `${arr(input.series).length} series${full ? ' in full detail' : ''}`, full ? 'detail "summary"' : 'a shorter horizon or fewer levels');
  },
};

/** Estimated JSON response size of a calculation request (undefined for calculations whose answer is small at every bound). */
export function estimateResponseBytes(calculation: string, input: unknown): SizeEstimate | undefined {
  return sizers[calculation]?.(obj(input));
}
