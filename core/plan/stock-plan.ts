/**
 * The stock-up plan (`POST /v1/stock-plan`): for each SKU, how many units to produce, how to ship
 * them (batches by mode, whole cartons), by when to order and ship, the chance of making the
 * inbound cut-off, and the expected leftover and lost sales, against a promo's coverage window.
 *
 * Pipeline and rules (each helper documents its sources):
 * 1. Dates (schedule.ts): day 0 is `asOf` (an input: the core never reads the clock). The
 *    coverage window runs from the promo start to the promo end plus `coverageDaysAfter`; the
 *    inbound cut-off is `cutoffDaysBefore` (default 15) days before the promo start. A cut-off
 *    before asOf is a 422 (`stock-plan.cutoff-passed`): nothing can arrive in time.
 * 2. Demand over the window, D ~ Normal(μ, σ): given; from a forecast run inline (core/forecast
 *    `forecast()`, with a window over the touched periods for a simulated σ); from a forecast
 *    result (coverage.ts); or from the GMV-target breakdown (core/forecast/target.ts
 *    `forecastTarget()`) with a coefficient of variation.
 * 3. ABC class by revenue μ × price when not given (abc.ts; by units when a SKU has no price).
 * 4. Target stock S by buffer policy (SKU's own, else its class's, else the default by class:
 *    statistical cycle service level 0.98 / 0.95 / 0.90 for A / B / C — differentiated service by
 *    class as Silver, Pyke & Thomas 2017 ch. 2 suggest; the levels themselves are this service's
 *    defaults):
 *    - statistical: S = μ + k·σ_T with σ_T = √(σ² + d²·σ_L²), d the daily demand after the promo
 *      and σ_L the transit spread of the replenishment mode that ends the window (Silver, Pyke &
 *      Thomas 2017 §6.9–6.10, eq. with lead-time variability); k = Φ⁻¹(CSL), or for a fill rate β
 *      the k with σ_T·G(k) = (1 − β)·μ (the whole window is one cycle, Q = μ). Computed by
 *      core/stock/safety-stock.ts `safetyStock()` with the window as one protection period.
 *    - newsvendor: S = F⁻¹(c_u/(c_u + c_o)), c_u = price − cost + penalty, c_o = cost − salvage
 *      (core/stock/newsvendor.ts `newsvendor()`; Nahmias §5.3; Cachon & Terwiesch ch. 14).
 *    - multiplier: S = factor × μ (the playbook's 1.2–1.5× for hero SKUs).
 * 5. Quantity: position X₀ = max(0, on hand + in transit sellable by the cut-off + on order −
 *    sales before the promo); to produce = ⌈S − X₀⌉ when positive, raised to the MOQ (warning:
 *    "MOQ forces overstock"), rounded up to whole cartons.
 * 6. Batches (shipments.ts): a given split, or the automatic one; whole cartons by largest
 *    remainder. Each batch's latest ship date = ⌊due − receiving − handling − F_T⁻¹(p)⌋ at the
 *    target on-time probability p, latest order date = latest ship date − production lead time
 *    (schedule.ts); planned on its latest ship date, or on the earliest possible date (asOf +
 *    production lead time, with a warning) when that has passed; P(on time) at the planned date.
 * 7. Outcomes: expected lost sales over the batches' on-time/late combinations, expected sales,
 *    leftover, fill rate, in-stock probability (shipments.ts `arrivalOutcome`).
 * 8. Warnings: ship-by or order-by date passed, MOQ overstock, SKU or warehouse capacity
 *    exceeded, in-transit stock after the cut-off, normal demand with a large negative tail.
 */
import { defineCalculation, type ResultTable } from '../calculation.js';
import { DomainError } from '../errors.js';
import { addPeriods } from '../forecast/calendar.js';
import { MAX_BREAKDOWN_DAYS } from '../forecast/events.js';
import { forecast, type ForecastResult } from '../forecast/forecast.js';
import { forecastTarget, fromMinorUnits, minorUnitDigits, roundMoney, toMinorUnits } from '../forecast/target.js';
import { normalDemand, type DemandDistribution } from '../stock/demand.js';
import { newsvendor } from '../stock/newsvendor.js';
import { safetyStock } from '../stock/safety-stock.js';
import { abcClasses, type AbcClass } from './abc.js';
import { datedSpans, dayShareWeights, periodSpans, periodStdDevFromInterval, periodsToReach, periodWeights, proratedStdDev, touchedSum, weightedSum, type PeriodWeights } from './coverage.js';
import { arrivalOutcome, autoSplit, splitCartons, type BatchArrival, type ModeOption } from './shipments.js';
import { dayOf, expectedArrivalDay, isoOf, latestShipDay, modeSchedule, onTimeProbability, transitQuantile, type ModeSchedule } from './schedule.js';
import {
  StockPlanInput,
  StockPlanResult,
  type BufferPolicy,
  type PlanBatch,
  type PlanSkuResult,
  type Shipments,
  type StockPlanSku,
} from './stock-plan-schema.js';

export * from './stock-plan-schema.js';

/** Default buffer policy of each class when the request gives none. */
export const DEFAULT_CLASS_POLICIES: Readonly<Record<AbcClass, BufferPolicy>> = {
  A: { type: 'statistical', serviceLevel: 0.98, measure: 'cycle' },
  B: { type: 'statistical', serviceLevel: 0.95, measure: 'cycle' },
  C: { type: 'statistical', serviceLevel: 0.9, measure: 'cycle' },
};

const FORMULA =
  'D ~ N(μ, σ) over the coverage window; S = μ + k·σ_T (σ_T = √(σ² + d²σ_L²); k = Φ⁻¹(CSL) or σ_T·G(k) = (1 − β)μ) | F⁻¹(c_u/(c_u + c_o)) | factor·μ; ' +
  'Q = ⌈max(S − X₀, 0)⌉ → MOQ → whole cartons; ship-by = ⌊cut-off − receiving − handling − F_T⁻¹(p)⌋, order-by = ship-by − production; ' +
  'E[lost] = Σ_S P(S)·σG((X₀ + Σ_{b∈S} q_b − μ)/σ) over on-time/late batches (Silver, Pyke & Thomas 2017 §6.7–6.10 and ch. 2; Nahmias §5.3)';

/** Whole number of units above x, tolerant of binary noise (100.00000000001 → 100). */
function ceilUnits(x: number): number {
  if (!(x > 0)) return 0;
  const snapped = Number(x.toPrecision(12));
  return Math.ceil(snapped);
}

const fmt = (x: number, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits });

/** Rethrows a DomainError of a reused calculation with its path under `prefix`. */
function underPath<T>(prefix: Array<string | number>, run: () => T, map?: (path: ReadonlyArray<string | number>) => Array<string | number>): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof DomainError) throw new DomainError(err.code, err.message, [...prefix, ...(map ? map(err.path) : err.path)], { cause: err });
    throw err;
  }
}

interface PlanDates {
  asOf: number;
  promoStart: number;
  promoEnd: number;
  coverageEnd: number;
  coverageDays: number;
  cutoff: number;
}

interface WindowDemand {
  source: PlanSkuResult['demand']['source'];
  mean: number;
  stdDev: number;
  stdDevBasis: PlanSkuResult['demand']['stdDevBasis'];
  dailyAfterPromo: number;
  firstPeriod?: number;
  lastPeriod?: number;
  model?: string;
  warnings: string[];
}

function planDates(input: StockPlanInput): PlanDates {
  const asOf = dayOf(input.asOf);
  const promoStart = dayOf(input.promo.start);
  const promoEnd = input.promo.end !== undefined ? dayOf(input.promo.end) : promoStart + input.promo.days! - 1;
  const coverageEnd = promoEnd + input.promo.coverageDaysAfter;
  const cutoff = promoStart - input.promo.cutoffDaysBefore;
  if (cutoff < asOf)
    throw new DomainError(
      'stock-plan.cutoff-passed',
      `the inbound cut-off ${isoOf(cutoff)} (${input.promo.cutoffDaysBefore} days before the promo start ${input.promo.start}) is before asOf ${input.asOf}: no shipment can arrive in time. Lower promo.cutoffDaysBefore if the warehouse still accepts stock, or plan for a later event.`,
      ['promo', 'cutoffDaysBefore'],
    );
  return { asOf, promoStart, promoEnd, coverageEnd, coverageDays: coverageEnd - promoStart + 1, cutoff };
}

function notCovered(path: Array<string | number>, what: string, dates: PlanDates): DomainError {
  return new DomainError(
    'stock-plan.forecast-does-not-cover-window',
    `${what} does not cover the coverage window ${isoOf(dates.promoStart)} – ${isoOf(dates.coverageEnd)}`,
    path,
  );
}

/** Daily demand after the promo from forecast periods, or the window average when there is no cover after it. */
function dailyAfter(dates: PlanDates, mean: number, spans: ReadonlyArray<readonly [number, number]> | undefined, forecasts: readonly number[], days?: ReadonlyArray<{ date: string; forecast: number }>): number {
  const afterDays = dates.coverageEnd - dates.promoEnd;
  if (afterDays <= 0 || !spans) return mean / dates.coverageDays;
  const w = days ? dayShareWeights(spans, days, dates.promoEnd + 1, dates.coverageEnd + 1) : periodWeights(spans, dates.promoEnd + 1, dates.coverageEnd + 1);
  return w ? Math.max(0, weightedSum(forecasts, w)) / afterDays : mean / dates.coverageDays;
}

/** Demand over the window from an inline forecast request. */
function inlineForecastDemand(sku: StockPlanSku & { demand: { source: 'forecast' } }, index: number, dates: PlanDates, observer?: StockPlanObserver): WindowDemand {
  const { request, window } = sku.demand;
  const path = ['skus', index, 'demand'];
  const n = request.history.length;
  let spans: Array<[number, number]> | undefined;
  let weights: PeriodWeights | undefined;
  let needed: number;
  let firstDate: string | undefined;
  if (window) {
    needed = window.end;
    weights = { first: window.start, last: window.end, weights: new Array<number>(window.end - window.start + 1).fill(1) };
  } else {
    firstDate = addPeriods(request.start!, request.frequency!, n);
    if (dayOf(firstDate) > dates.promoStart) throw notCovered([...path, 'request', 'start'], `the forecast (its first period starts ${firstDate})`, dates);
    needed = periodsToReach(firstDate, request.frequency!, dates.coverageEnd + 1, 1000);
    if (dayOf(addPeriods(firstDate, request.frequency!, needed)) < dates.coverageEnd + 1) throw notCovered([...path, 'request', 'horizon'], 'a forecast of 1,000 periods', dates);
  }
  const horizon = Math.max(request.horizon ?? 1, needed, ...request.futureEvents.map((e) => e.end));
  if (horizon > 1000) throw notCovered([...path, 'request', 'horizon'], 'a forecast of 1,000 periods', dates);
  if (!window) {
    spans = periodSpans(firstDate!, request.frequency!, horizon);
    weights = periodWeights(spans, dates.promoStart, dates.coverageEnd + 1)!;
  }
  // With events or a weekday profile, the forecast is split into days (the promo plan shapes daily sales with them)
  // and a period cut by the window weighs its days' forecasts.
  const split = !window && request.frequency !== 'day' && (request.events.length > 0 || request.dayProfile !== undefined) && spans![spans!.length - 1]![1] - spans![0]![0] <= MAX_BREAKDOWN_DAYS;
  const result: ForecastResult = underPath([...path, 'request'], () => forecast({ ...request, horizon, windows: [{ start: weights!.first, end: weights!.last }], ...(split ? { dailyBreakdown: true } : {}) }));
  observer?.forecast?.(index, result);
  const days = split ? result.days : undefined;
  const w = days ? dayShareWeights(spans!, days, dates.promoStart, dates.coverageEnd + 1)! : weights!;
  const forecasts = result.periods.map((p) => p.forecast);
  const mean = weightedSum(forecasts, w);
  const sum = result.windows[0]!;
  const stdDev = proratedStdDev(sum.stdDev, mean, touchedSum(forecasts, w), w);
  const warnings = result.warnings.map((x) => `Forecast: ${x}`);
  if (result.intervalMethod === 'none' && stdDev === 0) warnings.push('The forecast model gives no uncertainty: σ = 0, the buffer holds no safety stock.');
  return {
    source: 'forecast',
    mean,
    stdDev,
    stdDevBasis: sum.basis,
    dailyAfterPromo: dailyAfter(dates, mean, spans, forecasts, days),
    firstPeriod: w.first,
    lastPeriod: w.last,
    model: result.model,
    warnings,
  };
}

/** Demand over the window from a pasted forecast result. */
function pastedForecastDemand(sku: StockPlanSku & { demand: { source: 'forecast-result' } }, index: number, dates: PlanDates): WindowDemand {
  const { result, window, frequency } = sku.demand;
  const path = ['skus', index, 'demand'];
  const forecasts = result.periods.map((p) => p.forecast);
  let spans: Array<[number, number]> | undefined;
  let w: PeriodWeights | undefined;
  if (window) {
    if (window.end > result.periods.length) throw notCovered([...path, 'window', 'end'], `the forecast result (${result.periods.length} periods)`, dates);
    w = { first: window.start, last: window.end, weights: new Array<number>(window.end - window.start + 1).fill(1) };
  } else {
    // The dates as given (a month may start on a clamped day), each period ending where the next begins.
    spans = datedSpans(
      result.periods.map((p) => p.date!),
      frequency!,
    );
    if (spans.some(([a, b]) => b <= a)) throw notCovered([...path, 'result', 'periods'], 'the forecast result (its period dates are not increasing)', dates);
    w = result.days ? dayShareWeights(spans, result.days, dates.promoStart, dates.coverageEnd + 1) : periodWeights(spans, dates.promoStart, dates.coverageEnd + 1);
    if (!w) throw notCovered([...path, 'result', 'periods'], `the forecast result (${result.periods[0]!.date} – ${isoOf(spans[spans.length - 1]![1] - 1)})`, dates);
  }
  const mean = weightedSum(forecasts, w);
  const warnings: string[] = [];
  const exact = result.windows.find((s) => s.start === w.first && s.end === w.last);
  let stdDev: number;
  let basis: WindowDemand['stdDevBasis'];
  if (exact) {
    stdDev = proratedStdDev(exact.stdDev, mean, touchedSum(forecasts, w), w);
    basis = exact.basis;
  } else if (w.first === 1 && w.last === result.periods.length && result.horizonTotal?.basis === 'simulated') {
    stdDev = proratedStdDev(result.horizonTotal.stdDev, mean, touchedSum(forecasts, w), w);
    basis = 'simulated';
  } else {
    const sigmas = result.periods.map((p) => periodStdDevFromInterval(p.forecast, p.upper));
    stdDev = weightedSum(sigmas, w);
    basis = stdDev > 0 ? 'interval-bound' : 'none';
    if (basis === 'none') warnings.push('The forecast result has no intervals or window sum for the coverage window: σ = 0, the buffer holds no safety stock.');
  }
  return {
    source: 'forecast-result',
    mean,
    stdDev,
    stdDevBasis: basis,
    dailyAfterPromo: dailyAfter(dates, mean, spans, forecasts, window ? undefined : result.days),
    firstPeriod: w.first,
    lastPeriod: w.last,
    ...(result.model !== undefined ? { model: result.model } : {}),
    warnings,
  };
}

function windowDemand(sku: StockPlanSku, index: number, dates: PlanDates, targetUnits: ReadonlyMap<string, number>, observer?: StockPlanObserver): WindowDemand {
  const d = sku.demand;
  let demand: WindowDemand;
  switch (d.source) {
    case 'normal':
      demand = { source: 'normal', mean: d.mean, stdDev: d.stdDev, stdDevBasis: 'given', dailyAfterPromo: d.dailyAfterPromo ?? d.mean / dates.coverageDays, warnings: [] };
      break;
    case 'target': {
      const mean = targetUnits.get(sku.sku)!;
      demand = {
        source: 'target',
        mean,
        stdDev: d.stdDev ?? d.cv! * mean,
        stdDevBasis: d.stdDev !== undefined ? 'given' : 'coefficient-of-variation',
        dailyAfterPromo: mean / dates.coverageDays,
        warnings: [],
      };
      break;
    }
    case 'forecast':
      demand = inlineForecastDemand(sku as StockPlanSku & { demand: typeof d }, index, dates, observer);
      break;
    case 'forecast-result':
      demand = pastedForecastDemand(sku as StockPlanSku & { demand: typeof d }, index, dates);
      break;
  }
  if (demand.mean < 0) {
    demand.warnings.push(`The forecast over the window is negative (${fmt(demand.mean, 2)}): demand taken as 0.`);
    demand.mean = 0;
  }
  demand.dailyAfterPromo = Math.max(0, demand.dailyAfterPromo);
  return demand;
}

interface Target {
  stock: number;
  stdDevToCover: number;
  policy: PlanSkuResult['policy'];
}

/** Target stock of one SKU under its policy. */
function targetStock(
  sku: StockPlanSku,
  index: number,
  demand: WindowDemand,
  policy: BufferPolicy,
  source: PlanSkuResult['policy']['source'],
  cls: AbcClass,
  modes: ReadonlyMap<string, ModeSchedule>,
): Target {
  const policyPath = source === 'sku' ? ['skus', index, 'policy'] : source === 'class' ? ['policies', cls] : ['skus', index, 'class'];
  const { mean, stdDev } = demand;
  switch (policy.type) {
    case 'statistical': {
      const sigmaL = policy.replenishmentMode !== undefined ? modes.get(policy.replenishmentMode)!.transitStdDevDays : 0;
      const sigmaT = Math.hypot(stdDev, demand.dailyAfterPromo * sigmaL);
      const out: PlanSkuResult['policy'] = {
        type: 'statistical',
        source,
        serviceLevel: policy.serviceLevel,
        measure: policy.measure,
        ...(policy.replenishmentMode !== undefined ? { replenishmentMode: policy.replenishmentMode } : {}),
      };
      if (mean === 0 && sigmaT === 0) return { stock: 0, stdDevToCover: 0, policy: out };
      const fillRate = policy.measure === 'fill-rate';
      if (fillRate && mean === 0) return { stock: 0, stdDevToCover: sigmaT, policy: out };
      // The whole window is one protection period (T = 1) with demand N(μ, σ_T).
      const ss = underPath(policyPath, () =>
        safetyStock({
          demandMean: mean,
          demandStdDev: sigmaT,
          leadTime: 1,
          leadTimeStdDev: 0,
          reviewPeriod: 0,
          serviceLevel: policy.serviceLevel,
          serviceLevelType: policy.measure,
          ...(fillRate ? { orderQuantity: mean } : {}),
        }),
      );
      // (1 − β)·μ can underflow to 0 for a vanishing μ (< 1e-300): then G(k) = 0 needs k → ∞; k = 40 (G(40) < 1e-300) is as good.
      const stock = Number.isFinite(ss.reorderPoint) ? ss.reorderPoint : mean + 40 * sigmaT;
      return { stock: Math.max(0, stock), stdDevToCover: sigmaT, policy: out };
    }
    case 'newsvendor': {
      const result = underPath(
        ['skus', index],
        () =>
          newsvendor({
            demand: { distribution: 'normal', mean, stdDev },
            price: sku.price!,
            unitCost: sku.unitCost!,
            salvageValue: sku.salvageValue,
            shortagePenalty: policy.shortagePenalty,
            quantities: [],
          }),
        (path) => (path[0] === 'demand' ? ['demand'] : [...path]),
      );
      return { stock: Math.max(0, result.quantity), stdDevToCover: stdDev, policy: { type: 'newsvendor', source, criticalRatio: result.criticalRatio } };
    }
    case 'multiplier':
      return { stock: policy.factor * mean, stdDevToCover: stdDev, policy: { type: 'multiplier', source, factor: policy.factor } };
  }
}

/** Freight cost per unit of a mode for a SKU, or undefined when the mode has no cost for it. */
function freightPerUnit(mode: StockPlanInput['modes'][number], sku: StockPlanSku): number | undefined {
  if (mode.costPerUnit === undefined && mode.costPerKg === undefined) return undefined;
  if (mode.costPerKg !== undefined && sku.unitWeightKg === undefined) return undefined;
  return (mode.costPerUnit ?? 0) + (mode.costPerKg ?? 0) * (sku.unitWeightKg ?? 0);
}

interface ModeTiming {
  latestShip: number;
  plannedShip: number;
  pOnTime: number;
  arrival: number;
}

/** Latest and planned ship days and the on-time probability of a batch by `mode` due on `due`. */
function timing(mode: ModeSchedule, due: number, earliestShip: number, p: number): ModeTiming {
  const latestShip = latestShipDay(mode, due, p);
  const plannedShip = Math.max(latestShip, earliestShip);
  return { latestShip, plannedShip, pOnTime: onTimeProbability(mode, due, plannedShip), arrival: expectedArrivalDay(mode, plannedShip) };
}

interface PlanContext {
  input: StockPlanInput;
  dates: PlanDates;
  modes: Map<string, ModeSchedule>;
  modeInputs: Map<string, StockPlanInput['modes'][number]>;
  digits: number;
}

/** Everything for one SKU once its demand and class are known. */
function planSku(ctx: PlanContext, sku: StockPlanSku, index: number, demand: WindowDemand, cls: AbcClass, classSource: PlanSkuResult['classSource']): PlanSkuResult {
  const { input, dates, modes, modeInputs, digits } = ctx;
  const warnings = [...demand.warnings];
  const own = sku.policy;
  const classPolicy = input.policies[cls];
  const policy = own ?? classPolicy ?? DEFAULT_CLASS_POLICIES[cls];
  const policySource = own ? 'sku' : classPolicy ? 'class' : 'default';
  const target = targetStock(sku, index, demand, policy, policySource, cls, modes);
  const dist: DemandDistribution = normalDemand(demand.mean, target.stdDevToCover);
  if (target.stdDevToCover > 0 && dist.cdf(0) > 0.01)
    warnings.push(
      `The normal demand puts ${(100 * dist.cdf(0)).toFixed(1)}% probability below 0 (μ = ${fmt(demand.mean, 1)} < 2.3σ = ${fmt(2.3 * target.stdDevToCover, 1)}): the buffer and the expected figures are only rough for so uncertain a volume.`,
    );

  // Inventory position.
  let inTransitByCutoff = 0;
  let inTransitAfterCutoff = 0;
  for (const t of sku.inTransit) {
    if (dayOf(t.arrivalDate) <= dates.cutoff) inTransitByCutoff += t.quantity;
    else inTransitAfterCutoff += t.quantity;
  }
  if (inTransitAfterCutoff > 0)
    warnings.push(`${fmt(inTransitAfterCutoff)} in-transit units arrive after the cut-off ${isoOf(dates.cutoff)}: not counted for the promo.`);
  const position = Math.max(0, sku.onHand + inTransitByCutoff + sku.onOrder - sku.salesBeforePromo);

  // Quantity to produce.
  const net = Math.max(0, target.stock - position);
  const whole = ceilUnits(net);
  const moqApplied = whole > 0 && whole < sku.moq;
  const cartons = Math.ceil((moqApplied ? sku.moq : whole) / sku.casePack);
  const quantity = cartons * sku.casePack;
  if (moqApplied)
    warnings.push(
      `MOQ forces overstock: the MOQ of ${fmt(sku.moq)} raises the quantity from ${fmt(whole)} to ${fmt(sku.moq)}${quantity > sku.moq ? ` (${fmt(quantity)} in whole cartons)` : ''}, ${fmt(position + quantity - target.stock, 1)} units above the target stock.`,
    );

  // Batches.
  const earliestShip = dates.asOf + sku.productionLeadTimeDays;
  const p = input.onTimeProbability;
  const shipments: Shipments = sku.shipments ?? input.shipments ?? { method: 'given', batches: [{ mode: input.modes[0]!.name, share: 1 }] };
  const parts: Array<{ mode: string; share: number; cartons: number; due: number }> = [];
  let split: PlanSkuResult['split'] = { method: quantity > 0 ? shipments.method : 'none' };
  if (quantity === 0) {
    // nothing to ship
  } else if (shipments.method === 'given') {
    const perBatch = splitCartons(
      cartons,
      shipments.batches.map((b) => b.share),
    );
    shipments.batches.forEach((b, k) => {
      if (perBatch[k]! > 0) parts.push({ mode: b.mode, share: b.share, cartons: perBatch[k]!, due: b.arriveBy !== undefined ? dayOf(b.arriveBy) : dates.cutoff });
    });
  } else {
    const names = shipments.modes ?? input.modes.map((m) => m.name);
    const options: ModeOption[] = names.map((name, k) => ({
      index: k,
      costPerUnit: freightPerUnit(modeInputs.get(name)!, sku) ?? 0,
      pOnTime: timing(modes.get(name)!, dates.cutoff, earliestShip, p).pOnTime,
    }));
    const penalty = sku.latePenaltyPerUnit ?? Math.max(0, sku.price! - sku.unitCost!);
    const best = autoSplit(dist, position, cartons, sku.casePack, options, penalty);
    for (const part of best.parts) parts.push({ mode: names[part.index]!, share: part.share, cartons: part.cartons, due: dates.cutoff });
    split = { method: 'auto', expectedCost: roundMoney(best.expectedCost, digits), lateCost: roundMoney(best.lateCost, digits), candidates: best.candidates };
  }

  const batches: PlanBatch[] = [];
  const arrivals: BatchArrival[] = [];
  let freightMinor = 0;
  let freightKnown = parts.length > 0;
  parts.forEach((part, k) => {
    const mode = modes.get(part.mode)!;
    const t = timing(mode, part.due, earliestShip, p);
    const units = part.cartons * sku.casePack;
    const perUnit = freightPerUnit(modeInputs.get(part.mode)!, sku);
    const batch: PlanBatch = {
      batch: k + 1,
      mode: part.mode,
      share: part.share,
      arriveBy: isoOf(part.due),
      quantity: units,
      cartons: part.cartons,
      latestOrderDate: isoOf(t.latestShip - sku.productionLeadTimeDays),
      latestShipDate: isoOf(t.latestShip),
      plannedShipDate: isoOf(t.plannedShip),
      expectedArrival: isoOf(t.arrival),
      pOnTime: t.pOnTime,
    };
    if (perUnit !== undefined) {
      batch.freightCost = roundMoney(units * perUnit, digits);
      freightMinor += toMinorUnits(batch.freightCost, digits);
    } else freightKnown = false;
    batches.push(batch);
    arrivals.push({ quantity: units, pOnTime: t.pOnTime });
    if (t.latestShip < earliestShip) {
      const passed = t.latestShip < dates.asOf ? `the latest ship date ${batch.latestShipDate} has passed` : `the latest order date ${batch.latestOrderDate} has passed (production takes ${fmt(sku.productionLeadTimeDays)} days)`;
      warnings.push(
        `Batch ${k + 1} (${part.mode}): ${passed}; shipping on the earliest date ${batch.plannedShipDate} gives P(on time by ${batch.arriveBy}) = ${t.pOnTime.toFixed(3)} instead of ${p}.`,
      );
    }
  });

  // Outcomes.
  const outcome = arrivalOutcome(dist, position, arrivals);
  const expectedSales = Math.max(0, demand.mean - outcome.expectedLost);
  const peakStockUnits = sku.onHand + inTransitByCutoff + inTransitAfterCutoff + sku.onOrder + quantity;
  if (sku.maxUnits !== undefined && peakStockUnits > sku.maxUnits)
    warnings.push(`Capacity exceeded: the SKU's stock peaks at ${fmt(peakStockUnits)} units, above its maxUnits of ${fmt(sku.maxUnits)}.`);
  const latestOrder = batches.length > 0 ? batches.map((b) => b.latestOrderDate).reduce((a, b) => (b < a ? b : a)) : undefined;

  return {
    sku: sku.sku,
    class: cls,
    classSource,
    demand: {
      source: demand.source,
      mean: demand.mean,
      stdDev: demand.stdDev,
      stdDevBasis: demand.stdDevBasis,
      dailyAfterPromo: demand.dailyAfterPromo,
      stdDevToCover: target.stdDevToCover,
      ...(demand.firstPeriod !== undefined ? { firstPeriod: demand.firstPeriod, lastPeriod: demand.lastPeriod! } : {}),
      ...(demand.model !== undefined ? { model: demand.model } : {}),
    },
    policy: target.policy,
    targetStock: target.stock,
    safetyStock: target.stock - demand.mean,
    position: { onHand: sku.onHand, inTransitByCutoff, inTransitAfterCutoff, onOrder: sku.onOrder, salesBeforePromo: sku.salesBeforePromo, total: position },
    netRequirement: net,
    quantityToProduce: quantity,
    cartons,
    casePack: sku.casePack,
    moqApplied,
    ...(latestOrder !== undefined ? { latestOrderDate: latestOrder } : {}),
    split,
    batches,
    expectedAvailable: outcome.expectedAvailable,
    expectedSales,
    expectedLostSales: outcome.expectedLost,
    lateArrivalLostSales: Math.max(0, outcome.expectedLost - outcome.expectedLostAllOnTime),
    expectedLeftover: Math.max(0, position + quantity - expectedSales),
    fillRate: demand.mean > 0 ? Math.min(1, expectedSales / demand.mean) : 1,
    inStockProbability: outcome.inStockProbability,
    ...(freightKnown ? { freightCost: fromMinorUnits(freightMinor, digits) } : {}),
    peakStockUnits,
    warnings,
  };
}

/** Optional callbacks for a caller that builds on the plan's intermediate results (the promo plan, ./promo-plan.ts). */
export interface StockPlanObserver {
  /** Receives each inline forecast as run (the SKU's index and the forecast result), e.g. to shape the SKU's daily sales. */
  forecast?(skuIndex: number, result: ForecastResult): void;
}

/**
 * The stock-up plan for every SKU of the request.
 * @example stockPlan(StockPlanInput.parse(stockPlanCalculation.example)).totals.unitsToProduce
 */
export function stockPlan(input: StockPlanInput, observer?: StockPlanObserver): StockPlanResult {
  const dates = planDates(input);
  const digits = minorUnitDigits(input.currency);
  const modeInputs = new Map(input.modes.map((m) => [m.name, m]));
  const modes = new Map(
    input.modes.map((m) => [
      m.name,
      modeSchedule({
        name: m.name,
        transitDays: m.transitDays,
        transitStdDevDays: m.transitStdDevDays,
        distribution: m.distribution,
        originHandlingDays: m.originHandlingDays,
        receivingDays: m.receivingDays ?? input.warehouse.receivingDays,
      }),
    ]),
  );
  const warnings: string[] = [];

  // Demand.
  const targetUnits = new Map<string, number>();
  if (input.target && input.skus.some((s) => s.demand.source === 'target')) {
    const breakdown = underPath(['target'], () => forecastTarget(input.target!));
    for (const s of breakdown.skus) targetUnits.set(s.sku, s.units);
  }
  const demands = input.skus.map((sku, i) => windowDemand(sku, i, dates, targetUnits, observer));

  // Classes.
  const unclassified = input.skus.filter((s) => s.class === undefined);
  // Revenue over the window of every SKU (classified ones too: they count in the cumulative shares).
  const byRevenue = input.skus.every((s) => s.price !== undefined);
  const values = input.skus.map((s, i) => demands[i]!.mean * (byRevenue ? s.price! : 1));
  const computed = abcClasses(values, input.abc);
  if (unclassified.length > 0 && !byRevenue)
    warnings.push('Not every SKU has a price: the ABC classes are by mean demand (units) instead of revenue.');

  const ctx: PlanContext = { input, dates, modes, modeInputs, digits };
  const skus = input.skus.map((sku, i) =>
    planSku(ctx, sku, i, demands[i]!, sku.class ?? computed[i]!, sku.class !== undefined ? 'given' : byRevenue ? 'abc-revenue' : 'abc-units'),
  );

  // Totals.
  const sum = (f: (s: PlanSkuResult) => number) => skus.reduce((a, s) => a + f(s), 0);
  const allBatches = skus.flatMap((s) => s.batches);
  const freightKnown = skus.every((s) => s.quantityToProduce === 0 || s.freightCost !== undefined) && allBatches.length > 0;
  const byMode = input.modes
    .map((m) => {
      const of = allBatches.filter((b) => b.mode === m.name);
      const known = of.every((b) => b.freightCost !== undefined);
      return {
        mode: m.name,
        batches: of.length,
        units: of.reduce((a, b) => a + b.quantity, 0),
        cartons: of.reduce((a, b) => a + b.cartons, 0),
        ...(known && of.length > 0 ? { freightCost: fromMinorUnits(of.reduce((a, b) => a + toMinorUnits(b.freightCost!, digits), 0), digits) } : {}),
      };
    })
    .filter((m) => m.batches > 0);
  const byClass = (['A', 'B', 'C'] as const)
    .map((c) => {
      const of = skus.filter((s) => s.class === c);
      return { class: c, skus: of.length, demandMean: of.reduce((a, s) => a + s.demand.mean, 0), unitsToProduce: of.reduce((a, s) => a + s.quantityToProduce, 0) };
    })
    .filter((c) => c.skus > 0);
  const demandMean = sum((s) => s.demand.mean);
  const expectedSales = sum((s) => s.expectedSales);
  const peakStockUnits = sum((s) => s.peakStockUnits);
  const earliest = (dates: string[]) => (dates.length > 0 ? dates.reduce((a, b) => (b < a ? b : a)) : undefined);
  const firstOrderByDate = earliest(skus.flatMap((s) => (s.latestOrderDate !== undefined ? [s.latestOrderDate] : [])));
  const firstShipByDate = earliest(allBatches.map((b) => b.latestShipDate));

  // Warehouse capacity.
  const capacity = input.warehouse;
  if (capacity.capacityUnits !== undefined && peakStockUnits > capacity.capacityUnits)
    warnings.push(`Capacity exceeded: the plan's stock peaks at ${fmt(peakStockUnits)} units, above the warehouse capacity of ${fmt(capacity.capacityUnits)} units.`);
  if (capacity.capacityM3 !== undefined) {
    const withVolume = input.skus.filter((s) => s.unitVolumeM3 !== undefined);
    const volume = skus.reduce((a, s, i) => a + s.peakStockUnits * (input.skus[i]!.unitVolumeM3 ?? 0), 0);
    if (volume > capacity.capacityM3) warnings.push(`Capacity exceeded: the plan's stock peaks at ${fmt(volume, 1)} m³, above the warehouse capacity of ${fmt(capacity.capacityM3, 1)} m³.`);
    if (withVolume.length < input.skus.length)
      warnings.push(`${input.skus.length - withVolume.length} SKU(s) have no unitVolumeM3 and are left out of the volume check.`);
  }
  const overdue = skus.filter((s) => s.latestOrderDate !== undefined && dayOf(s.latestOrderDate) < dates.asOf).length;
  if (overdue > 0) warnings.push(`${overdue} SKU(s) have a latest order date before asOf: see their warnings.`);

  return {
    method: 'stock-plan',
    formula: FORMULA,
    warnings,
    currency: input.currency,
    asOf: input.asOf,
    promoStart: isoOf(dates.promoStart),
    promoEnd: isoOf(dates.promoEnd),
    coverageEnd: isoOf(dates.coverageEnd),
    coverageDays: dates.coverageDays,
    cutoffDate: isoOf(dates.cutoff),
    onTimeProbability: input.onTimeProbability,
    modes: input.modes.map((m) => {
      const mode = modes.get(m.name)!;
      return {
        name: m.name,
        transitQuantileDays: transitQuantile(mode, input.onTimeProbability),
        doorToDoorMeanDays: mode.handlingDays + mode.transitMeanDays + mode.receivingDays,
        latestShipDate: isoOf(latestShipDay(mode, dates.cutoff, input.onTimeProbability)),
        pOnTimeIfShippedToday: onTimeProbability(mode, dates.cutoff, dates.asOf),
      };
    }),
    skus,
    totals: {
      skus: skus.length,
      demandMean,
      unitsToProduce: sum((s) => s.quantityToProduce),
      cartons: sum((s) => s.cartons),
      batches: allBatches.length,
      expectedSales,
      expectedLostSales: sum((s) => s.expectedLostSales),
      expectedLeftover: sum((s) => s.expectedLeftover),
      fillRate: demandMean > 0 ? Math.min(1, expectedSales / demandMean) : 1,
      peakStockUnits,
      ...(freightKnown ? { freightCost: fromMinorUnits(skus.reduce((a, s) => a + toMinorUnits(s.freightCost ?? 0, digits), 0), digits) } : {}),
      ...(firstOrderByDate !== undefined ? { firstOrderByDate } : {}),
      ...(firstShipByDate !== undefined ? { firstShipByDate } : {}),
      byMode,
      byClass,
    },
  };
}

const TABLE_COLUMNS = [
  'sku',
  'class',
  'batch',
  'mode',
  'quantity',
  'cartons',
  'arriveBy',
  'latestOrderDate',
  'latestShipDate',
  'plannedShipDate',
  'expectedArrival',
  'pOnTime',
  'freightCost',
  'skuQuantityToProduce',
  'skuExpectedLeftover',
  'skuExpectedLostSales',
] as const;

/** One row per batch; a SKU with nothing to produce gets one row with batch 0 and quantity 0. */
function stockPlanTable(result: StockPlanResult): ResultTable {
  const rows: ResultTable['rows'] = [];
  for (const s of result.skus) {
    const tail = [s.quantityToProduce, s.expectedLeftover, s.expectedLostSales];
    if (s.batches.length === 0) rows.push([s.sku, s.class, 0, '', 0, 0, '', '', '', '', '', '', '', ...tail]);
    for (const b of s.batches)
      rows.push([s.sku, s.class, b.batch, b.mode, b.quantity, b.cartons, b.arriveBy, b.latestOrderDate, b.latestShipDate, b.plannedShipDate, b.expectedArrival, b.pOnTime, b.freightCost ?? '', ...tail]);
  }
  return { columns: [...TABLE_COLUMNS], rows };
}

export const stockPlanCalculation = defineCalculation({
  name: 'stock-plan',
  summary: 'Stock-up plan: quantity to produce, batches by mode, order-by and ship-by dates',
  description:
    'For each SKU of a promo: demand over the coverage window (given, forecast inline, from a forecast result or a GMV target), a buffer policy (statistical, newsvendor or playbook multiplier; per SKU or per ABC class), the inventory position (on hand, in transit, on order), MOQ and case packs, and phased shipments by transport mode worked back from the inbound cut-off: quantity to produce, batches with cartons, latest order and ship dates, expected arrival and the probability of making the cut-off, expected leftover and lost sales, warnings. CSV: one row per batch.',
  input: StockPlanInput,
  result: StockPlanResult,
  compute: stockPlan,
  primary: 'totals.unitsToProduce',
  table: stockPlanTable,
  example: {
    asOf: '2026-08-17',
    currency: 'USD',
    promo: { start: '2026-11-27', end: '2026-11-30', coverageDaysAfter: 14, cutoffDaysBefore: 15 },
    onTimeProbability: 0.95,
    modes: [
      { name: 'sea', transitDays: 32, transitStdDevDays: 5, originHandlingDays: 4, costPerKg: 0.9 },
      { name: 'air', transitDays: 6, transitStdDevDays: 1.5, originHandlingDays: 2, costPerKg: 6.5 },
    ],
    warehouse: { receivingDays: 5, capacityUnits: 20000 },
    shipments: { method: 'given', batches: [{ mode: 'sea', share: 0.7 }, { mode: 'air', share: 0.3, arriveBy: '2026-11-26' }] },
    policies: { A: { type: 'multiplier', factor: 1.3 }, C: { type: 'statistical', serviceLevel: 0.85 } },
    skus: [
      {
        sku: 'HOODIE-BLK-M',
        demand: { source: 'normal', mean: 4200, stdDev: 900 },
        price: 39.9,
        unitCost: 11.5,
        unitWeightKg: 0.6,
        onHand: 650,
        inTransit: [{ quantity: 800, arrivalDate: '2026-10-20' }],
        moq: 1000,
        casePack: 24,
        productionLeadTimeDays: 25,
      },
      {
        sku: 'BEANIE-GRY',
        demand: { source: 'normal', mean: 1500, stdDev: 420 },
        price: 14.9,
        unitCost: 3.2,
        unitWeightKg: 0.15,
        onHand: 300,
        moq: 500,
        casePack: 50,
        productionLeadTimeDays: 20,
        shipments: { method: 'auto' },
      },
      {
        sku: 'SCARF-RED',
        demand: { source: 'normal', mean: 380, stdDev: 150 },
        price: 19.9,
        unitCost: 5.1,
        unitWeightKg: 0.2,
        onHand: 120,
        moq: 300,
        casePack: 30,
        productionLeadTimeDays: 20,
      },
    ],
  },
});
