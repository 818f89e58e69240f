/**
 * Demand over the coverage window (promo start through the end of the cover wanted after the
 * promo) from forecast periods: which periods the window touches, how much of each, and the
 * window's mean and standard deviation.
 *
 * Rules (this service's, documented here):
 * - Period i of a daily, weekly or monthly forecast covers the calendar days from its date up to
 *   (not including) the next period's date (calendar.ts `addPeriods`). Its weight wᵢ is the share
 *   of its days inside the window (1 for periods wholly inside, 0 outside); demand is assumed
 *   spread evenly over a period's days. The window mean is μ = Σ wᵢ·ŷᵢ with ŷᵢ the point forecast
 *   (promo uplift included). A window aligned to period boundaries (daily data, or weekly data
 *   with a promo from Monday) has every weight 0 or 1 and needs no proration.
 * - When the forecast carries its own daily split (/v1/forecast `days`, from `dailyBreakdown`:
 *   weekday profile and event days, core/forecast/events.ts `splitIntoDays`), a period cut by the
 *   window weighs the share of its forecast on the days inside instead of its share of days
 *   (`dayShareWeights`): a coverage window that ends on the Friday of a Black Friday week takes
 *   that day's peak, not 5/7 of the week.
 * - The window's standard deviation comes from the forecast's own sum over the touched periods
 *   (`windows` of the forecast result: simulated sample paths keep the correlation between the
 *   periods' errors; Hyndman & Athanasopoulos, FPP 3rd ed. §5.5 and §8.7). When the window cuts
 *   periods, σ is scaled by μ / Σ ŷᵢ over the touched periods (the coefficient of variation of
 *   the whole-period sum is kept).
 * - When a pasted forecast result has no window sum for exactly those periods, σ is bounded from
 *   the per-period prediction intervals: σᵢ = (upperᵢ − ŷᵢ)/z_{(1+L)/2} at the highest interval
 *   level L given, and σ ≤ Σ wᵢ·σᵢ (the standard deviation of a sum never exceeds the sum of the
 *   standard deviations — Minkowski's inequality; equality for perfectly correlated errors, which
 *   level-driven forecasts approach). It is labelled `interval-bound`: the buffer errs on the
 *   side of more stock. Send `windows` with the forecast request (or forecast inline) for the
 *   simulated figure.
 */
import { addPeriods, type Frequency } from '../forecast/calendar.js';
import { normalQuantile } from '../stats/normal.js';
import { dayOf } from './schedule.js';

export interface PeriodWeights {
  /** 1-based first and last forecast period the window touches. */
  first: number;
  last: number;
  /** Weight of each period first..last (index 0 = period `first`). */
  weights: number[];
}

/** Day span [startDay, endDay) of each of `count` periods from `firstDate`. */
export function periodSpans(firstDate: string, frequency: Frequency, count: number): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = dayOf(firstDate);
  for (let i = 1; i <= count; i++) {
    const end = dayOf(addPeriods(firstDate, frequency, i));
    spans.push([start, end]);
    start = end;
  }
  return spans;
}

/** Day spans of periods given by their start dates: each ends where the next begins, the last one period after its start. */
export function datedSpans(dates: readonly string[], frequency: Frequency): Array<[number, number]> {
  return dates.map((d, i) => [dayOf(d), i + 1 < dates.length ? dayOf(dates[i + 1]!) : dayOf(addPeriods(d, frequency, 1))]);
}

/**
 * Share of each period's days inside [fromDay, toDay) (toDay exclusive), for the periods that
 * touch it; undefined when the window starts before the first period or ends after the last.
 * @example periodWeights([[0, 7], [7, 14], [14, 21]], 3, 17) // { first: 1, last: 3, weights: [4/7, 1, 3/7] }
 */
export function periodWeights(spans: ReadonlyArray<readonly [number, number]>, fromDay: number, toDay: number): PeriodWeights | undefined {
  if (spans.length === 0 || fromDay < spans[0]![0] || toDay > spans[spans.length - 1]![1] || toDay <= fromDay) return undefined;
  let first = 0;
  let last = 0;
  const weights: number[] = [];
  spans.forEach(([a, b], i) => {
    const overlap = Math.min(b, toDay) - Math.max(a, fromDay);
    if (overlap <= 0) return;
    if (first === 0) first = i + 1;
    last = i + 1;
    weights.push(overlap === b - a ? 1 : overlap / (b - a));
  });
  return first === 0 ? undefined : { first, last, weights };
}

/**
 * periodWeights with the weight of each cut period taken from its days' forecasts: Σ forecast of
 * its days inside [fromDay, toDay) ÷ Σ forecast of its days (the day-count share when its days are
 * missing or sum to 0). Whole periods keep weight 1, so Σ wᵢ·ŷᵢ is the days' sum over the window.
 */
export function dayShareWeights(
  spans: ReadonlyArray<readonly [number, number]>,
  days: ReadonlyArray<{ date: string; forecast: number }>,
  fromDay: number,
  toDay: number,
): PeriodWeights | undefined {
  const w = periodWeights(spans, fromDay, toDay);
  if (!w || days.length === 0) return w;
  const byDay = new Map<number, number>();
  for (const d of days) byDay.set(dayOf(d.date), d.forecast);
  const weights = w.weights.map((weight, k) => {
    if (weight === 1) return 1;
    const [a, b] = spans[w.first - 1 + k]!;
    let inside = 0;
    let total = 0;
    for (let d = a; d < b; d++) {
      const v = byDay.get(d);
      if (v === undefined) return weight;
      total += v;
      if (d >= fromDay && d < toDay) inside += v;
    }
    return total > 0 ? inside / total : weight;
  });
  return { first: w.first, last: w.last, weights };
}

/** Number of periods from `firstDate` needed to reach day `toDay` (exclusive), at most `max`. */
export function periodsToReach(firstDate: string, frequency: Frequency, toDay: number, max: number): number {
  let n = 1;
  while (n < max && dayOf(addPeriods(firstDate, frequency, n)) < toDay) n++;
  return n;
}

/** Σ wᵢ·xᵢ over the touched periods (x indexed from period 1). */
export function weightedSum(values: readonly number[], w: PeriodWeights): number {
  let sum = 0;
  w.weights.forEach((weight, k) => (sum += weight * values[w.first - 1 + k]!));
  return sum;
}

/** Σ xᵢ over the touched periods. */
export function touchedSum(values: readonly number[], w: PeriodWeights): number {
  let sum = 0;
  for (let i = w.first; i <= w.last; i++) sum += values[i - 1]!;
  return sum;
}

/** σ of the prorated window from σ of the whole touched periods: scaled by μ / Σ ŷ (kept when every weight is 1). */
export function proratedStdDev(wholeStdDev: number, mean: number, wholeMean: number, w: PeriodWeights): number {
  if (w.weights.every((x) => x === 1)) return wholeStdDev;
  return wholeMean > 0 ? wholeStdDev * (mean / wholeMean) : wholeStdDev;
}

/**
 * Per-period standard deviation from a prediction interval: (upper − forecast)/z_{(1+L)/2} at the
 * highest level L (percent, 1 ≤ L < 100) with a bound; 0 when there is none.
 */
export function periodStdDevFromInterval(forecast: number, upper: Readonly<Record<string, number>> | undefined): number {
  if (!upper) return 0;
  let best: { level: number; value: number } | undefined;
  for (const [key, value] of Object.entries(upper)) {
    const level = Number(key);
    if (Number.isFinite(level) && level >= 1 && level < 100 && (!best || level > best.level)) best = { level, value };
  }
  if (!best) return 0;
  return Math.max(0, best.value - forecast) / normalQuantile(0.5 + best.level / 200);
}
