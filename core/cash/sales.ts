/**
 * Sales of a cash-flow request as day-indexed gross values (selling currency), built once per
 * request and shared by every scenario: sales lines, per-SKU daily units and per-SKU forecasts
 * (daily; a forecast's own days when it carries them — /v1/forecast with dailyBreakdown, whose
 * weekday profile and event days give Black Friday its peak; else weekly spread evenly over the 7
 * days of each week) become one total per sale day
 * plus, for refunds, sums grouped by return lag.
 *
 * Refunds of a series with return rate ρ are ρ′·gross, ρ′ = clamp(ρ + δ, 0, 1) under a stress
 * δ = returnRateDelta. Grouped by lag ℓ: Σ ρ′_k g_k = Σ ρ_k g_k + δ·Σ g_k + Σ_{clamped k} (ρ′_k − ρ_k − δ)·g_k,
 * so a scenario costs one pass per lag group plus one per series whose rate is clamped, instead of
 * one per series.
 */
import { DomainError } from '../errors.js';
import { dayNumber } from './finance.js';
import { forecastShape, type CashFlowInput } from './cash-flow-schema.js';

/**
 * The sales of one SKU (or one sales line): `values` from index `skip` on, day `first` onwards;
 * gross on day first + k = values[skip + k] × price, or for a weekly series
 * values[⌊(skip + k)/7⌋]/7 × price (a week spread evenly over its days). Kept by reference to the
 * request's arrays: no copy per SKU.
 */
export interface SalesSeries {
  first: number;
  skip: number;
  days: number;
  values: readonly number[];
  price: number;
  weekly: boolean;
  returnRate: number;
}

/** Gross of a series on its k-th day. */
const grossAt = (s: SalesSeries, k: number) => (s.weekly ? (s.values[Math.floor((s.skip + k) / 7)]! / 7) * s.price : s.values[s.skip + k]! * s.price);

/** Series sharing one return lag: their refund bases summed per day. */
export interface LagGroup {
  lagDays: number;
  /** Σ returnRate × gross by sale day. */
  weighted: Float64Array;
  /** Σ gross by sale day. */
  gross: Float64Array;
  series: SalesSeries[];
}

export interface SalesBook {
  /** Length of the day arrays: one past the last sale day, at least the horizon. */
  span: number;
  /** Gross sales by sale day (selling currency). */
  total: Float64Array;
  lagGroups: LagGroup[];
  /** Units (in SKUs' daily units or forecasts) dated before startDate, ignored. */
  unitsBeforeStart: number;
}

/**
 * Builds the sales book of a request.
 * @throws DomainError `cash-flow.forecast-frequency-not-supported` for a monthly forecast without days
 */
export function buildSalesBook(input: CashFlowInput): SalesBook {
  const start = dayNumber(input.startDate)!;
  const series: Array<SalesSeries & { lagDays: number }> = [];
  let unitsBeforeStart = 0;

  for (const line of input.sales) {
    const revenue = line.revenue ?? line.units! * line.price!;
    series.push({ first: dayNumber(line.date)! - start, skip: 0, days: 1, values: [revenue], price: 1, weekly: false, returnRate: input.returnRate, lagDays: input.returnLagDays });
  }

  input.skus.forEach((sku, i) => {
    const returnRate = sku.returnRate ?? input.returnRate;
    const lagDays = sku.returnLagDays ?? input.returnLagDays;
    let offset: number;
    let values: readonly number[];
    let weekly = false;
    if (sku.units !== undefined) {
      offset = dayNumber(sku.start!)! - start;
      values = sku.units;
    } else {
      const shape = forecastShape(sku.forecast!);
      if (typeof shape === 'string') throw new Error(`unvalidated forecast: ${shape}`);
      if (sku.forecast!.days) {
        // The forecast's own daily split (weekday profile and event days), validated to cover its periods.
        offset = dayNumber(shape.start)! - start;
        values = sku.forecast!.days.map((d) => d.forecast);
      } else if (shape.frequency === 'month')
        throw new DomainError(
          'cash-flow.forecast-frequency-not-supported',
          `SKU ${sku.sku}: a monthly forecast cannot be spread over days without a within-month sales pattern; forecast by day or week, send the forecast's days (dailyBreakdown), or give daily units`,
          ['skus', i, 'forecast', 'frequency'],
        );
      else {
        offset = dayNumber(shape.start)! - start;
        values = sku.forecast!.values ?? sku.forecast!.periods!.map((p) => p.forecast);
        weekly = shape.frequency === 'week';
      }
    }
    const length = weekly ? values.length * 7 : values.length;
    const skip = Math.min(length, Math.max(0, -offset));
    for (let j = 0; j < skip; j++) unitsBeforeStart += weekly ? values[Math.floor(j / 7)]! / 7 : values[j]!;
    if (skip < length) series.push({ first: offset + skip, skip, days: length - skip, values, price: sku.price, weekly, returnRate, lagDays });
  });

  let span = input.horizonDays;
  for (const s of series) span = Math.max(span, s.first + s.days);
  const total = new Float64Array(span);
  const groups = new Map<number, LagGroup>();
  for (const s of series) {
    let group = groups.get(s.lagDays);
    if (!group) {
      group = { lagDays: s.lagDays, weighted: new Float64Array(span), gross: new Float64Array(span), series: [] };
      groups.set(s.lagDays, group);
    }
    const { gross: groupGross, weighted } = group;
    for (let k = 0; k < s.days; k++) {
      const day = s.first + k;
      const g = grossAt(s, k);
      total[day] = total[day]! + g;
      groupGross[day] = groupGross[day]! + g;
      weighted[day] = weighted[day]! + s.returnRate * g;
    }
    group.series.push(s);
  }
  return { span, total, lagGroups: [...groups.values()].sort((a, b) => a.lagDays - b.lagDays), unitsBeforeStart };
}

/**
 * Refund base of a lag group by sale day under a return-rate shift δ: Σ clamp(ρ_k + δ, 0, 1)·g_k,
 * written into `out` (length span).
 */
export function refundBase(group: LagGroup, delta: number, out: Float64Array): Float64Array {
  const { weighted, gross } = group;
  for (let d = 0; d < out.length; d++) out[d] = weighted[d]! + delta * gross[d]!;
  if (delta === 0) return out;
  for (const s of group.series) {
    const shifted = s.returnRate + delta;
    const clamped = Math.min(1, Math.max(0, shifted));
    if (clamped === shifted) continue;
    const correction = clamped - shifted;
    for (let k = 0; k < s.days; k++) out[s.first + k] = out[s.first + k]! + correction * grossAt(s, k);
  }
  // Rounding of the corrections must not take a refund outside 0…gross.
  for (let d = 0; d < out.length; d++) out[d] = Math.min(gross[d]!, Math.max(0, out[d]!));
  return out;
}
