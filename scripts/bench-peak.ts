/**
 * Peak-window accuracy: the forecast judged on the decision it feeds, the units a seller stocks for
 * the November / holiday-peak window, on real public weekly retail data, next to the simple methods a
 * seller would use (seasonal naive; last year × growth). Figures only: nothing is asserted, exit 0.
 *
 *   npm run bench:peak                                   retail + short-history M3, 2 worker threads
 *   npm run bench:accuracy -- --section peak             the same, through the accuracy bench
 *   npm run bench:peak -- --limit 20                     the first 20 series of each file (and of M3)
 *   npm run bench:peak -- --methods auto,seasonal-naive  a subset (the harness's own baseline is
 *                                                        'last-year-growth')
 *   npm run bench:peak -- --only retail|m3  --lengths 87,104  --workers 1   (default lengths 52, 87, 104)
 *   npm run bench:peak -- --json /tmp/peak.json          every table row also as JSON (to compare runs)
 *
 * Data
 * - Weekly retail: every *.json in PEAKPLAN_RETAIL_DIR (default /work/data/retail, then <repo>/test/data)
 *   shaped { source, licence, frequency: 'week', series: [{ id, start: 'YYYY-MM-DD', values, holidayWeeks? }] },
 *   `start` being the date that labels week 0 (week i is labelled start + 7i days). Made by
 *   scripts/reference/retail_data.py, whose header says where each raw file comes from and under which
 *   licence. Without such a directory the section prints why it is skipped.
 * - Short-history analogue: the M3 monthly series (PEAKPLAN_M3_DIR, default <repo>/../shared/data,
 *   m3_monthly.json; Makridakis & Hibon 2000, IJF 16:451–476), each training part truncated to its
 *   last 24 + (i mod 7) points (24–30, i = the series' 0-based index), forecast 18 months ahead and
 *   scored on the published 18-month test part.
 *
 * Cut-off and windows (weekly retail; dates are the labels of the weeks, which for the Walmart data
 * are the Fridays ending Saturday–Friday weeks). For a history length L and a year Y:
 * - origin = the last week labelled on or before Y-09-30; the history is the L weeks ending there
 *   (for Walmart 2011: 2010-02-05 … 2011-09-30 = 87 weeks, 8 weeks before the Thanksgiving week);
 * - Thanksgiving week = the week whose 7 days (label − 6 … label) hold Thanksgiving, the fourth
 *   Thursday of November (5 U.S.C. § 6103(a)); Christmas week end = the last week labelled on or
 *   before Y-12-24;
 * - November window = the weeks labelled Y-11-01 … Y-11-30;
 * - peak window = Thanksgiving week … the last week labelled on or before Y-12-24 (Walmart 2011:
 *   11-25 … 12-23, 5 weeks: Black Friday to the last shopping week before Christmas);
 * - horizon = origin + 1 … the peak window's last week. Y is the latest year whose peak window lies
 *   inside the data and that leaves L weeks before the origin; a series without one is counted and skipped.
 * - peak series = peak-window mean ≥ 1.25 × the mean of the history's weeks labelled June–August
 *   (the split the issue uses; decided on the actuals, for reporting only).
 *
 * Measures per method, over the series of a row (Σ over series of window sums F and actuals A):
 * window WAPE = Σ|F − A| / ΣA; weekly WAPE = Σ over series and window weeks |f_t − a_t| / Σ a_t;
 * bias = ΣF / ΣA − 1; under = share of series with F < A; cover 80/95 = share of series whose A lies
 * in the window's 80 % / 95 % interval — the interval the result reports for the window
 * (`windows[i].lower/upper` by level) when present, else the normal approximation F ± z·σ with the
 * window's simulated standard deviation (`windows[i].stdDev`, z = Φ⁻¹(0.9), Φ⁻¹(0.975)); the basis
 * used is printed. Time = seconds per series inside forecast() (input parsing and the 1,000
 * simulated paths included). M3 rows add sMAPE and MASE (core/forecast/accuracy.ts; MASE scaled by
 * the in-sample seasonal-naive error, lag 12, of the truncated history) and use the 18-month total
 * as the window.
 *
 * Methods: the engine's `forecast(ForecastInput.parse({ history, horizon, frequency: 'week', start,
 * method, windows, seed: 1 }))` for each of ENGINE_METHODS that the engine knows (others are skipped
 * with one note), and the harness's own last-year × growth baseline (`lastYearGrowth` below), computed
 * here, not by the engine. A method that throws (422 = DomainError, err = other) or returns a
 * non-finite forecast is replaced by the last value (naive) for that series, without an interval,
 * and counted as a fallback.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';
import { DomainError } from '../core/errors.js';
import { meanAbsoluteScaledError, symmetricMeanAbsolutePercentageError } from '../core/forecast/accuracy.js';
import { addPeriods } from '../core/forecast/calendar.js';
import { ForecastInput, forecast } from '../core/forecast/forecast.js';
import { FORECAST_METHODS } from '../core/forecast/methods.js';
import { normalQuantile } from '../core/stats/normal.js';
import { runTasks, serveTasks } from './bench/worker-pool.js';
import { textTable } from './build.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Engine methods to run, in print order. Names the engine does not (yet) know are skipped with a
 * note, so the list can name candidates before they land.
 */
export const ENGINE_METHODS = [
  'auto',
  'seasonal-naive',
  'naive',
  'ses',
  'theta',
  'damped-holt',
  'seasonal-naive-growth',
  'harmonic-regression',
  'stl-ets',
  'mstl',
  'auto-ets',
] as const;
/** The harness's own last-year × growth baseline. */
export const LAST_YEAR_GROWTH = 'last-year-growth';

const LEVELS = [80, 95] as const;
/** History lengths in weeks: one year (the 52-week edge case of issue 11), the 87 of the issue's benchmark, two years. */
const DEFAULT_LENGTHS = [52, 87, 104];
const M3_MIN_POINTS = 24;
const M3_SPAN = 7; // 24 … 30 points
const M3_SEASON = 12;
const WEEK_SEASON = 52;
const GROWTH_BASE = 8;
const PEAK_RATIO = 1.25;

// ---------------------------------------------------------------------------------------------
// The harness's baseline

/**
 * Last year × growth: the forecast for period n − 1 + h (0-based, history y_0 … y_{n−1}) is the value
 * one season earlier, y_{n−1+h−m·⌈h/m⌉}, times g = Σ_{i=n−8}^{n−1} y_i / Σ_{i=n−8−m}^{n−1−m} y_i, the
 * growth of the last 8 periods over the same 8 periods a season before, clamped to [0.5, 2] and set
 * to 1 when that base is ≤ 0 (or too short). This is the seasonal naive method (Hyndman &
 * Athanasopoulos, Forecasting: Principles and Practice, 3rd ed., §5.2) scaled by a year-over-year
 * ratio, as a seller does it in a spreadsheet; with fewer than m points it is the last value.
 * @example lastYearGrowth([10, 20, 30, 40, 11, 22, 33, 44], 2, 4, 4) // growth 110/100 = 1.1 → [12.1, 24.2]
 */
export function lastYearGrowth(history: readonly number[], horizon: number, seasonLength: number, baseLength = GROWTH_BASE): number[] {
  const n = history.length;
  const m = seasonLength;
  if (n < m || m < 1) return new Array<number>(horizon).fill(history[n - 1] ?? 0);
  let growth = 1;
  if (n >= m + baseLength) {
    let recent = 0;
    let base = 0;
    for (let i = n - baseLength; i < n; i++) {
      recent += history[i]!;
      base += history[i - m]!;
    }
    growth = base > 0 ? Math.min(2, Math.max(0.5, recent / base)) : 1;
  }
  return Array.from({ length: horizon }, (_, k) => {
    const h = k + 1;
    return history[n - 1 + h - m * Math.ceil(h / m)]! * growth;
  });
}

/** Thanksgiving Day, the fourth Thursday of November (5 U.S.C. § 6103(a)), as YYYY-MM-DD. @example thanksgiving(2011) // '2011-11-24' */
export function thanksgiving(year: number): string {
  const weekdayOfFirst = new Date(Date.UTC(year, 10, 1)).getUTCDay(); // 0 = Sunday
  const firstThursday = 1 + ((4 - weekdayOfFirst + 7) % 7);
  return `${year}-11-${String(firstThursday + 21).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Tasks

export interface Window {
  name: string;
  /** 1-based horizon periods, inclusive. */
  start: number;
  end: number;
}

export interface Task {
  section: 'retail' | 'm3';
  group: string;
  id: string;
  /** History length L. */
  length: number;
  seasonLength: number;
  /** Date labelling the first history period (retail). */
  start?: string;
  origin?: string;
  history: number[];
  actual: number[];
  windows: Window[];
  peakRatio?: number;
  methods: string[];
}

type Status = 'ok' | 'domain-error' | 'other-error' | 'non-finite';
type BoundsBasis = 'window-bounds' | 'normal' | 'none';

interface Outcome {
  method: string;
  status: Status;
  message?: string;
  model?: string;
  ms: number;
  /** Per task window: forecast sum, actual sum, Σ|f_t − a_t| over its periods, interval by level. */
  windows: Array<{ forecast: number; actual: number; absError: number; bounds: Record<string, [number, number]> | null }>;
  boundsBasis: BoundsBasis;
  smape?: number;
  mase?: number;
}

interface TaskResult {
  section: Task['section'];
  group: string;
  id: string;
  length: number;
  origin?: string;
  windowNames: string[];
  windowSpans: Array<[number, number]>;
  horizon: number;
  peakRatio?: number;
  outcomes: Outcome[];
}

function describeError(err: unknown): string {
  if (err instanceof DomainError) return `${err.code}: ${err.message}`;
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

const sumRange = (values: readonly number[], from: number, to: number) => {
  let s = 0;
  for (let i = from; i <= to; i++) s += values[i]!;
  return s;
};

/** The interval the result reports for a window, by level, if it reports one. */
function reportedBounds(window: unknown, level: number): [number, number] | undefined {
  const w = window as { lower?: Record<string, number>; upper?: Record<string, number> };
  const lo = w.lower?.[String(level)];
  const hi = w.upper?.[String(level)];
  return typeof lo === 'number' && typeof hi === 'number' && Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : undefined;
}

function scoreWindows(task: Task, point: readonly number[]) {
  return task.windows.map((w) => {
    let absError = 0;
    for (let h = w.start; h <= w.end; h++) absError += Math.abs(point[h - 1]! - task.actual[h - 1]!);
    return { forecast: sumRange(point, w.start - 1, w.end - 1), actual: sumRange(task.actual, w.start - 1, w.end - 1), absError };
  });
}

function runTask(task: Task): TaskResult {
  const horizon = task.actual.length;
  const lastValue = new Array<number>(horizon).fill(task.history[task.history.length - 1]!);
  const outcomes: Outcome[] = [];
  for (const method of task.methods) {
    const started = performance.now();
    let point: number[] | undefined;
    let bounds: Outcome['windows'][number]['bounds'][] = task.windows.map(() => null);
    let boundsBasis: BoundsBasis = 'none';
    let status: Status = 'ok';
    let message: string | undefined;
    let model: string | undefined;
    if (method === LAST_YEAR_GROWTH) {
      point = lastYearGrowth(task.history, horizon, task.seasonLength);
    } else {
      try {
        const result = forecast(
          ForecastInput.parse({
            history: task.history,
            horizon,
            method,
            ...(task.start ? { frequency: 'week', start: task.start } : { seasonLength: task.seasonLength }),
            windows: task.windows.map((w) => ({ start: w.start, end: w.end })),
            levels: [...LEVELS],
            seed: 1,
          }),
        );
        point = result.periods.map((p) => p.forecast);
        model = result.model;
        const bad = point.findIndex((v) => !Number.isFinite(v));
        if (bad >= 0 || point.length !== horizon) {
          status = 'non-finite';
          message = point.length !== horizon ? `${point.length} forecasts for horizon ${horizon}` : `forecast[${bad}] = ${point[bad]} (${result.model})`;
          point = undefined;
        } else {
          const reported = result.windows.every((w) => LEVELS.every((l) => reportedBounds(w, l)));
          boundsBasis = reported ? 'window-bounds' : 'normal';
          bounds = result.windows.map((w) => {
            const byLevel: Record<string, [number, number]> = {};
            for (const level of LEVELS) {
              const z = normalQuantile(0.5 + level / 200);
              byLevel[String(level)] = reportedBounds(w, level) ?? [w.sum - z * w.stdDev, w.sum + z * w.stdDev];
            }
            return Object.values(byLevel).every(([lo, hi]) => Number.isFinite(lo) && Number.isFinite(hi)) ? byLevel : null;
          });
          if (bounds.every((b) => b === null)) boundsBasis = 'none';
        }
      } catch (err) {
        status = err instanceof DomainError ? 'domain-error' : 'other-error';
        message = describeError(err);
      }
    }
    const ms = performance.now() - started;
    const used = point ?? lastValue;
    if (!point) {
      bounds = task.windows.map(() => null);
      boundsBasis = 'none';
    }
    const windows = scoreWindows(task, used).map((w, i) => ({ ...w, bounds: bounds[i] ?? null }));
    const outcome: Outcome = { method, status, ms, windows, boundsBasis, ...(message !== undefined ? { message } : {}), ...(model !== undefined ? { model } : {}) };
    if (task.section === 'm3') {
      outcome.smape = symmetricMeanAbsolutePercentageError(task.actual, used);
      outcome.mase = meanAbsoluteScaledError(task.actual, used, task.history, M3_SEASON);
    }
    outcomes.push(outcome);
  }
  return {
    section: task.section,
    group: task.group,
    id: task.id,
    length: task.length,
    ...(task.origin ? { origin: task.origin } : {}),
    windowNames: task.windows.map((w) => w.name),
    windowSpans: task.windows.map((w) => [w.start, w.end]),
    horizon,
    ...(task.peakRatio !== undefined ? { peakRatio: task.peakRatio } : {}),
    outcomes,
  };
}

serveTasks('peak', runTask);

// ---------------------------------------------------------------------------------------------
// Data

interface RetailFile {
  source?: string;
  licence?: string;
  frequency?: string;
  series?: Array<{ id: string; start: string; values: number[]; holidayWeeks?: number[] }>;
}

/** The first retail directory that exists: PEAKPLAN_RETAIL_DIR, /work/data/retail, <repo>/test/data. */
function retailDirectories(): { dirs: string[]; explicit: boolean } {
  if (process.env.PEAKPLAN_RETAIL_DIR) return { dirs: [path.resolve(process.env.PEAKPLAN_RETAIL_DIR)], explicit: true };
  return { dirs: ['/work/data/retail', path.join(ROOT, 'test', 'data')], explicit: false };
}

function loadRetailFiles(): { files: Array<{ name: string; path: string; data: RetailFile }>; tried: string[] } {
  const { dirs } = retailDirectories();
  const tried: string[] = [];
  for (const dir of dirs) {
    tried.push(dir);
    let names: string[];
    try {
      if (!statSync(dir).isDirectory()) continue;
      names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
    } catch {
      continue;
    }
    const files = names.flatMap((name) => {
      try {
        const data = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as RetailFile;
        return data.frequency === 'week' && Array.isArray(data.series) ? [{ name: name.replace(/\.json$/, ''), path: path.join(dir, name), data }] : [];
      } catch {
        return [];
      }
    });
    if (files.length > 0) return { files, tried };
  }
  return { files: [], tried };
}

const monthOf = (iso: string) => Number(iso.slice(5, 7));

/** The task for one weekly series and history length L, or why there is none. */
export function retailTask(group: string, s: { id: string; start: string; values: number[] }, length: number, methods: string[]): Task | string {
  const label = (i: number) => addPeriods(s.start, 'week', i);
  const n = s.values.length;
  const lastYear = Number(label(n - 1).slice(0, 4));
  const firstYear = Number(s.start.slice(0, 4));
  for (let year = lastYear; year >= firstYear; year--) {
    const labels = Array.from({ length: n }, (_, i) => label(i));
    const lastOnOrBefore = (iso: string) => {
      let idx = -1;
      for (let i = 0; i < n && labels[i]! <= iso; i++) idx = i;
      return idx;
    };
    const origin = lastOnOrBefore(`${year}-09-30`);
    const peakEnd = lastOnOrBefore(`${year}-12-24`);
    const tg = thanksgiving(year);
    const tgWeek = labels.findIndex((d) => d >= tg); // first week whose label (its last day) is on or after Thanksgiving
    const novFirst = labels.findIndex((d) => d >= `${year}-11-01`);
    const novLast = lastOnOrBefore(`${year}-11-30`);
    if (origin < 0 || peakEnd <= origin || tgWeek < 0 || tgWeek > peakEnd || addPeriods(labels[tgWeek]!, 'day', -6) > tg) continue;
    if (peakEnd >= n || labels[peakEnd]! < `${year}-12-18`) continue; // the peak window's end must be in the data
    if (novFirst < 0 || novLast < novFirst || novFirst <= origin) continue;
    if (origin + 1 < length) continue;
    const history = s.values.slice(origin + 1 - length, origin + 1);
    const actual = s.values.slice(origin + 1, peakEnd + 1);
    const summer = history.filter((_, i) => [6, 7, 8].includes(monthOf(label(origin + 1 - length + i))));
    const summerMean = summer.reduce((a, b) => a + b, 0) / summer.length;
    const peakMean = sumRange(s.values, tgWeek, peakEnd) / (peakEnd - tgWeek + 1);
    return {
      section: 'retail',
      group,
      id: s.id,
      length,
      seasonLength: WEEK_SEASON,
      start: label(origin + 1 - length),
      origin: labels[origin]!,
      history,
      actual,
      windows: [
        { name: 'november', start: novFirst - origin, end: novLast - origin },
        { name: 'peak', start: tgWeek - origin, end: peakEnd - origin },
      ],
      ...(summer.length > 0 && summerMean > 0 ? { peakRatio: peakMean / summerMean } : {}),
      methods,
    };
  }
  return `no year whose Thanksgiving–Christmas window lies in the data with ${length} weeks before the end of September`;
}

function m3Tasks(limit: number | undefined, methods: string[]): { tasks: Task[]; note?: string } {
  const dir = process.env.PEAKPLAN_M3_DIR ? path.resolve(process.env.PEAKPLAN_M3_DIR) : path.resolve(ROOT, '..', 'shared', 'data');
  const file = path.join(dir, 'm3_monthly.json');
  let data: { series: Array<{ id: string; train: number[]; test: number[] }> };
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return { tasks: [], note: `M3 short-history section skipped: cannot read ${file} (${describeError(err)}); set PEAKPLAN_M3_DIR` };
  }
  const series = limit === undefined ? data.series : data.series.slice(0, limit);
  const tasks = series.map((s, i): Task => {
    const length = Math.min(s.train.length, M3_MIN_POINTS + (i % M3_SPAN));
    return {
      section: 'm3',
      group: 'M3 monthly',
      id: s.id,
      length,
      seasonLength: M3_SEASON,
      history: s.train.slice(-length),
      actual: s.test,
      windows: [{ name: 'horizon', start: 1, end: s.test.length }],
      methods,
    };
  });
  return { tasks };
}

// ---------------------------------------------------------------------------------------------
// Aggregation and printing

interface Row {
  n: number;
  wape: number;
  weeklyWape: number;
  bias: number;
  under: number;
  cover: Record<string, number>;
  covered: number;
  ms: number;
  fallbacks: Record<Status, number>;
  smape?: number;
  mase?: number;
  maseExcluded?: number;
}

export function aggregate(results: readonly TaskResult[], method: string, windowIndex: number): Row {
  let absSum = 0;
  let weeklyAbs = 0;
  let forecastSum = 0;
  let actualSum = 0;
  let under = 0;
  let withBounds = 0;
  const inside: Record<string, number> = Object.fromEntries(LEVELS.map((l) => [String(l), 0]));
  let ms = 0;
  let smape = 0;
  let mase = 0;
  let maseCount = 0;
  const fallbacks: Record<Status, number> = { ok: 0, 'domain-error': 0, 'other-error': 0, 'non-finite': 0 };
  for (const r of results) {
    const o = r.outcomes.find((x) => x.method === method)!;
    const w = o.windows[windowIndex]!;
    absSum += Math.abs(w.forecast - w.actual);
    weeklyAbs += w.absError;
    forecastSum += w.forecast;
    actualSum += w.actual;
    if (w.forecast < w.actual) under++;
    if (w.bounds) {
      withBounds++;
      for (const level of LEVELS) {
        const [lo, hi] = w.bounds[String(level)]!;
        if (w.actual >= lo && w.actual <= hi) inside[String(level)]!++;
      }
    }
    ms += o.ms;
    fallbacks[o.status]++;
    if (o.smape !== undefined) smape += o.smape;
    if (o.mase !== undefined && Number.isFinite(o.mase)) {
      mase += o.mase;
      maseCount++;
    }
  }
  const n = results.length;
  return {
    n,
    wape: absSum / actualSum,
    weeklyWape: weeklyAbs / actualSum,
    bias: forecastSum / actualSum - 1,
    under: under / n,
    cover: Object.fromEntries(LEVELS.map((l) => [String(l), withBounds > 0 ? inside[String(l)]! / withBounds : Number.NaN])),
    covered: withBounds,
    ms,
    fallbacks,
    ...(results[0]?.section === 'm3' ? { smape: smape / n, mase: mase / maseCount, maseExcluded: n - maseCount } : {}),
  };
}

const pct = (v: number, digits = 1) => (Number.isFinite(v) ? `${(100 * v).toFixed(digits)}` : '—');
const signedPct = (v: number) => (Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${(100 * v).toFixed(1)}` : '—');

function fallbackText(row: Row): string {
  const parts: string[] = [];
  if (row.fallbacks['domain-error']) parts.push(`${row.fallbacks['domain-error']} 422`);
  if (row.fallbacks['other-error']) parts.push(`${row.fallbacks['other-error']} err`);
  if (row.fallbacks['non-finite']) parts.push(`${row.fallbacks['non-finite']} NaN`);
  return parts.length ? parts.join(', ') : '0';
}

function coverText(row: Row, level: number): string {
  if (row.covered === 0) return '—';
  const v = pct(row.cover[String(level)]!, 0);
  return row.covered < row.n ? `${v} (${row.covered})` : v;
}

function methodLabel(method: string): string {
  return method === LAST_YEAR_GROWTH ? 'last-year × growth (harness)' : method;
}

function retailTable(results: readonly TaskResult[], methods: readonly string[], windowIndex: number): string {
  const rows = methods.map((m) => {
    const a = aggregate(results, m, windowIndex);
    return [methodLabel(m), pct(a.wape), pct(a.weeklyWape), signedPct(a.bias), pct(a.under, 0), coverText(a, 80), coverText(a, 95), (a.ms / 1000 / a.n).toFixed(4), fallbackText(a)];
  });
  return textTable(['method', 'WAPE %', 'weekly WAPE %', 'bias %', 'under %', 'cover 80', 'cover 95', 's/series', 'fallbacks'], rows, new Set([1, 2, 3, 4, 5, 6, 7]));
}

function m3Table(results: readonly TaskResult[], methods: readonly string[]): string {
  const rows = methods.map((m) => {
    const a = aggregate(results, m, 0);
    return [
      methodLabel(m),
      a.smape!.toFixed(2),
      a.mase!.toFixed(3) + (a.maseExcluded ? ` (${a.maseExcluded} excl.)` : ''),
      pct(a.wape),
      signedPct(a.bias),
      pct(a.under, 0),
      coverText(a, 80),
      coverText(a, 95),
      (a.ms / 1000 / a.n).toFixed(4),
      fallbackText(a),
    ];
  });
  return textTable(['method', 'sMAPE', 'MASE', 'total WAPE %', 'bias %', 'under %', 'cover 80', 'cover 95', 's/series', 'fallbacks'], rows, new Set([1, 2, 3, 4, 5, 6, 7, 8]));
}

function basisNote(results: readonly TaskResult[], methods: readonly string[]): string {
  const counts: Record<BoundsBasis, number> = { 'window-bounds': 0, normal: 0, none: 0 };
  for (const r of results) for (const o of r.outcomes) if (methods.includes(o.method) && o.method !== LAST_YEAR_GROWTH) counts[o.boundsBasis]++;
  const missing = new Map<string, number>();
  for (const r of results)
    for (const o of r.outcomes)
      if (o.status === 'ok' && o.method !== LAST_YEAR_GROWTH && methods.includes(o.method) && o.windows.some((w) => !w.bounds))
        missing.set(o.method, (missing.get(o.method) ?? 0) + 1);
  const parts = [];
  if (missing.size) parts.push(`non-finite window interval (finite point forecast): ${[...missing].map(([m, c]) => `${m} ${c}`).join(', ')}`);
  if (counts['window-bounds']) parts.push(`${counts['window-bounds']} from the result's window lower/upper`);
  if (counts.normal) parts.push(`${counts.normal} by the normal approximation sum ± z·stdDev of the window`);
  if (counts.none) parts.push(`${counts.none} without (fallbacks and non-finite intervals)`);
  return `intervals: ${parts.join('; ')}; last-year × growth has none`;
}

function problemLines(results: readonly TaskResult[]): string[] {
  const byKey = new Map<string, string[]>();
  for (const r of results)
    for (const o of r.outcomes) {
      if (o.status === 'ok') continue;
      const key = `${o.method}: ${o.status}: ${(o.message ?? '').replace(/-?\d+(\.\d+)?(e[+-]?\d+)?/g, '#')}`;
      byKey.set(key, [...(byKey.get(key) ?? []), `${r.id} (n=${r.length})`]);
    }
  return [...byKey].map(([key, ids]) => `  ${ids.length} × ${key}\n    ${ids.slice(0, 8).join(', ')}${ids.length > 8 ? `, … (${ids.length - 8} more)` : ''}`);
}

function modelCounts(results: readonly TaskResult[], method: string): string {
  const counts = new Map<string, number>();
  for (const r of results) {
    const o = r.outcomes.find((x) => x.method === method);
    const model = o?.model ?? `(${o?.status ?? 'absent'})`;
    counts.set(model, (counts.get(model) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([m, c]) => `${m} ${c}`).join(', ');
}

function verdictLines(results: readonly TaskResult[], methods: readonly string[], label: string): string[] {
  if (!methods.includes('auto')) return [];
  const peakIndex = results[0]!.windowNames.indexOf('peak');
  const all = (m: string, rs = results) => aggregate(rs, m, peakIndex);
  const peakSeries = results.filter((r) => (r.peakRatio ?? 0) >= PEAK_RATIO);
  const auto = all('auto');
  const refs = ['seasonal-naive', LAST_YEAR_GROWTH].filter((m) => methods.includes(m)).map((m) => ({ m, a: all(m) }));
  const lines = [`${label}, peak window: auto WAPE ${pct(auto.wape)} %, bias ${signedPct(auto.bias)} %, cover ${pct(auto.cover['80']!, 0)}/${pct(auto.cover['95']!, 0)}`];
  for (const { m, a } of refs) lines.push(`  vs ${methodLabel(m)}: WAPE ${pct(a.wape)} %, bias ${signedPct(a.bias)} %`);
  if (refs.length) {
    const best = Math.min(...refs.map((r) => r.a.wape));
    lines.push(`  issue 11 "done when" (informational): auto WAPE ≤ 1.1 × best of those (${pct(1.1 * best)} %): ${auto.wape <= 1.1 * best ? 'met' : 'not met'}`);
  }
  lines.push(`  total bias within ±5 %: ${Math.abs(auto.bias) <= 0.05 ? 'met' : 'not met'} (${signedPct(auto.bias)} %)`);
  if (peakSeries.length) {
    const p = all('auto', peakSeries);
    lines.push(`  peak-series bias ≥ −10 %: ${p.bias >= -0.1 ? 'met' : 'not met'} (${signedPct(p.bias)} % on ${peakSeries.length} series)`);
  }
  const c80 = auto.cover['80']!;
  const c95 = auto.cover['95']!;
  lines.push(`  coverage within 5 points of 80/95: ${Math.abs(c80 - 0.8) <= 0.05 && Math.abs(c95 - 0.95) <= 0.05 ? 'met' : 'not met'} (${pct(c80, 0)}/${pct(c95, 0)})`);
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Main

interface Options {
  limit: number | undefined;
  methods: string[] | undefined;
  workers: number;
  lengths: number[];
  only: 'retail' | 'm3' | undefined;
  /** Also write every table row as JSON here. */
  json: string | undefined;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { limit: undefined, methods: undefined, workers: Math.min(2, Math.max(1, os.availableParallelism?.() ?? os.cpus().length)), lengths: DEFAULT_LENGTHS, only: undefined, json: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i] ?? '';
    const positive = (name: string, v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${name} needs a positive integer`);
      return n;
    };
    if (flag === '--limit') options.limit = positive('--limit', value());
    else if (flag === '--workers') options.workers = positive('--workers', value());
    else if (flag === '--methods') options.methods = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (flag === '--lengths') options.lengths = value().split(',').map((s) => positive('--lengths', s.trim()));
    else if (flag === '--json') options.json = value();
    else if (flag === '--only') {
      const v = value();
      if (v !== 'retail' && v !== 'm3') throw new Error('--only takes retail or m3');
      options.only = v;
    } else throw new Error(`unknown argument ${arg} (use --limit, --methods, --workers, --lengths, --only, --json)`);
  }
  return options;
}

/** Runs the peak-window section with the given command-line arguments (also called by bench-accuracy.ts --section peak). */
export async function runPeakBench(argv: readonly string[]): Promise<void> {
  const options = parseArgs(argv);
  const known = new Set<string>(FORECAST_METHODS);
  const wanted = options.methods ?? [...ENGINE_METHODS, LAST_YEAR_GROWTH];
  const unknown = wanted.filter((m) => m !== LAST_YEAR_GROWTH && !known.has(m));
  const methods = wanted.filter((m) => m === LAST_YEAR_GROWTH || known.has(m));
  console.log('Peak-window benchmark: the window the seller stocks for, on public weekly retail data, and M3 monthly cut to 24–30 points');
  console.log(
    `run: ${options.workers > 1 ? `${options.workers} worker threads` : 'single thread'}, Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}`,
  );
  console.log(`methods: ${methods.map(methodLabel).join(', ')}`);
  if (unknown.length) console.log(`(skipped, not known to the engine: ${unknown.join(', ')})`);
  console.log('windows: November = weeks labelled Nov 1–30; peak = Thanksgiving week … last week labelled ≤ Dec 24; history ends with the last week labelled ≤ Sep 30');
  console.log('WAPE = Σ|F−A|/ΣA of window sums over series; weekly WAPE = Σ|f−a| over series × window weeks / Σa; bias = ΣF/ΣA − 1; under = share of series with F < A');
  const started = performance.now();

  const tasks: Task[] = [];
  const notes: string[] = [];
  if (options.only !== 'm3') {
    const { files, tried } = loadRetailFiles();
    if (files.length === 0) {
      notes.push(`weekly retail section skipped: no *.json with frequency 'week' in ${tried.join(' or ')} (set PEAKPLAN_RETAIL_DIR; build the files with scripts/reference/retail_data.py)`);
    }
    for (const f of files) {
      console.log(`data: ${f.path}: ${f.data.series!.length} series; source: ${f.data.source ?? '?'}; licence: ${f.data.licence ?? '?'}`);
      const series = options.limit === undefined ? f.data.series! : f.data.series!.slice(0, options.limit);
      for (const length of options.lengths) {
        let skipped = 0;
        let reason = '';
        for (const s of series) {
          const t = retailTask(f.name, s, length, methods);
          if (typeof t === 'string') {
            skipped++;
            reason = t;
          } else tasks.push(t);
        }
        if (skipped) notes.push(`${f.name}, ${length} weeks: ${skipped} of ${series.length} series skipped (${reason})`);
      }
    }
  }
  if (options.only !== 'retail') {
    const m3 = m3Tasks(options.limit, methods);
    if (m3.note) notes.push(m3.note);
    tasks.push(...m3.tasks);
    if (m3.tasks.length) console.log(`data: M3 monthly, ${m3.tasks.length} series truncated to their last 24–30 training points, horizon 18`);
  }
  for (const n of notes) console.log(`(${n})`);
  if (tasks.length === 0) {
    console.log('\nnothing to run.');
    return;
  }

  const chunk = 4;
  const threads = tasks.length > chunk ? options.workers : 1; // runTasks runs a single chunk inline
  const results = await runTasks(import.meta.url, 'peak', tasks, options.workers, runTask, { chunk, label: 'series × lengths' });
  const wall = (performance.now() - started) / 1000;

  const summary: string[] = [];
  const jsonRows: Array<Record<string, unknown>> = [];
  const record = (section: string, group: string, length: number, window: string, split: string, rs: readonly TaskResult[]) => {
    for (const m of methods) {
      const a = aggregate(rs, m, rs[0]!.windowNames.indexOf(window));
      jsonRows.push({ section, group, length, window, split, method: m, n: a.n, wape: a.wape, weeklyWape: a.weeklyWape, bias: a.bias, under: a.under, cover80: a.covered ? a.cover['80'] : null, cover95: a.covered ? a.cover['95'] : null, withInterval: a.covered, secondsPerSeries: a.ms / 1000 / a.n, fallbacks: a.n - a.fallbacks.ok, ...(a.smape !== undefined ? { smape: a.smape, mase: a.mase } : {}) });
    }
  };
  const groups = [...new Set(results.filter((r) => r.section === 'retail').map((r) => `${r.group}\u0000${r.length}`))];
  for (const key of groups) {
    const [group, lengthText] = key.split('\u0000') as [string, string];
    const subset = results.filter((r) => r.section === 'retail' && r.group === group && r.length === Number(lengthText));
    const origins = [...new Set(subset.map((r) => r.origin))].sort();
    const title = `${group}, history ${lengthText} weeks (${subset.length} series, origin ${origins.join(', ')}, horizon ${[...new Set(subset.map((r) => r.horizon))].join('/')})`;
    console.log(`\n=== ${title} ${'='.repeat(Math.max(0, 96 - title.length))}`);
    const peak = subset.filter((r) => (r.peakRatio ?? 0) >= PEAK_RATIO);
    const nonPeak = subset.filter((r) => (r.peakRatio ?? 0) < PEAK_RATIO);
    subset[0]!.windowNames.forEach((name, wi) => {
      const [s, e] = subset[0]!.windowSpans[wi]!;
      console.log(`\n${name === 'peak' ? 'Peak window (Thanksgiving week … last week ≤ Dec 24)' : 'November window (weeks labelled in November)'}: horizon weeks ${s}–${e}`);
      for (const [label, rs] of [
        ['all series', subset],
        [`peak series (peak-window mean ≥ ${PEAK_RATIO} × Jun–Aug mean)`, peak],
        ['non-peak series', nonPeak],
      ] as const) {
        if (rs.length === 0) continue;
        console.log(`\n  ${label}: ${rs.length}`);
        console.log(retailTable(rs, methods, wi).replace(/^/gm, '  '));
        record('retail', group, Number(lengthText), name, label.startsWith('peak') ? 'peak' : label.startsWith('non') ? 'non-peak' : 'all', rs);
      }
    });
    console.log(`\n${basisNote(subset, methods)}`);
    if (methods.includes('auto')) console.log(`auto chose: ${modelCounts(subset, 'auto')}`);
    summary.push(...verdictLines(subset, methods, `${group} ${lengthText} weeks`));
  }

  const m3 = results.filter((r) => r.section === 'm3');
  if (m3.length) {
    const title = `M3 monthly cut to 24–30 points (${m3.length} series, h = 18, m = 12)`;
    console.log(`\n=== ${title} ${'='.repeat(Math.max(0, 96 - title.length))}\n`);
    console.log(m3Table(m3, methods));
    record('m3', 'M3 monthly', 0, 'horizon', 'all', m3);
    console.log(`window = the 18-month total; ${basisNote(m3, methods)}`);
    if (methods.includes('auto')) console.log(`auto chose: ${modelCounts(m3, 'auto')}`);
    const best = methods
      .filter((m) => m !== 'auto')
      .map((m) => ({ m, a: aggregate(m3, m, 0) }))
      .sort((a, b) => a.a.wape - b.a.wape)[0];
    if (best && methods.includes('auto')) {
      const auto = aggregate(m3, 'auto', 0);
      summary.push(`M3 monthly 24–30 points: auto sMAPE ${auto.smape!.toFixed(2)} / MASE ${auto.mase!.toFixed(3)} / total WAPE ${pct(auto.wape)} %; best other by total WAPE ${methodLabel(best.m)} ${pct(best.a.wape)} %`);
    }
  }

  const problems = problemLines(results);
  console.log(`\n=== fallbacks ${'='.repeat(86)}\n`);
  console.log(problems.length ? problems.join('\n') : '  none: every method returned finite forecasts for every series');
  const computeMs = results.reduce((s, r) => s + r.outcomes.reduce((t, o) => t + o.ms, 0), 0);
  console.log(`\n=== summary ${'='.repeat(88)}\n`);
  if (summary.length) console.log(summary.join('\n'));
  if (options.json) {
    writeFileSync(options.json, `${JSON.stringify({ node: process.version, cpus: os.cpus().length, wallSeconds: wall, methods, rows: jsonRows }, null, 1)}\n`);
    console.log(`rows written to ${options.json}`);
  }
  console.log(`runtime: ${wall.toFixed(1)} s wall on ${threads > 1 ? `${threads} worker threads` : '1 thread'}, compute ${(computeMs / 1000).toFixed(1)} s; load average at end ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}`);
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMainThread && invokedDirectly) {
  runPeakBench(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
