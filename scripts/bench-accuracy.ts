/**
 * Forecast accuracy on the M3 competition data (Makridakis & Hibon 2000, IJF 16:451–476; data from
 * the R package Mcomp, converted in ../shared/data): every series' test horizon is forecast from its
 * training part by each method, and the M3 measures are printed per category and over all 3,003
 * series next to the figures of the original M3 methods and of R's forecast package
 * (../shared/data/m3_benchmark_accuracy.json). Figures only: nothing is asserted, exit code 0 unless
 * something crashes.
 *
 *   npm run bench:accuracy                              all 3,003 series, 2 worker threads
 *   npm run bench:accuracy -- --category monthly        one category (comma-separated list allowed)
 *   npm run bench:accuracy -- --limit 50                the first 50 series of each category
 *   npm run bench:accuracy -- --workers 1               single-threaded (no worker threads)
 *   npm run bench:accuracy -- --section peak            the peak-window section instead (scripts/bench-peak.ts,
 *                                                       also `npm run bench:peak`; its flags follow)
 *   npm run bench:accuracy -- --section all             M3 first, then the peak-window section
 *   npm run bench:accuracy -- --carparts [--subset]     only the car-parts section (scripts/bench-carparts.ts;
 *                                                       it also runs after M3 on a full run)
 *
 * Data directory: PEAKPLAN_M3_DIR, default <repo>/../shared/data.
 *
 * Methods (all through the public calculation `forecast(ForecastInput.parse(…))`, no HTTP, with
 * seasonLength = the category's frequency: 1 yearly/other, 4 quarterly, 12 monthly):
 * naive, seasonal-naive, ses, holt, damped-holt, theta, auto (ETS by AICc, as R `ets`), and
 * comb = the mean of the auto, theta and damped-holt point forecasts (cf. the M3 "Comb S-H-D" of
 * Makridakis & Hibon 2000 and Petropoulos & Svetunkov 2020, IJF 36:110–115). A method that throws
 * (DomainError, i.e. a 422, or anything else) or returns a non-finite forecast is replaced by naive
 * for that series, counted and listed; comb uses the components after that replacement.
 *
 * Measures (core/forecast/accuracy.ts, conventions of ../shared/data/README.md and the Mcomp
 * vignette): sMAPE = mean over series of mean over h of 200·|y − f| / (|y| + |f|); MASE = MAE over
 * the test horizon / in-sample mean |y_t − y_{t−m}|, m = 1 yearly/other, 4 quarterly, 12 monthly.
 *
 * Runtime per method is the time spent inside `forecast()` (including input parsing and the
 * 1,000 simulated sample paths the calculation draws for every ETS model), summed over the
 * worker threads; comb's time is the sum of its three components.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';
import { DomainError } from '../core/errors.js';
import { m3SeasonLength, meanAbsoluteScaledError, symmetricMeanAbsolutePercentageError, type M3Category } from '../core/forecast/accuracy.js';
import { autoEts } from '../core/forecast/ets.js';
import { ForecastInput, forecast } from '../core/forecast/forecast.js';
import type { ForecastMethod } from '../core/forecast/methods.js';
import { runTasks, serveTasks } from './bench/worker-pool.js';
import { carpartsSection } from './bench-carparts.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA_DIR = process.env.PEAKPLAN_M3_DIR ? path.resolve(process.env.PEAKPLAN_M3_DIR) : path.resolve(ROOT, '..', 'shared', 'data');
const CATEGORIES: readonly M3Category[] = ['yearly', 'quarterly', 'monthly', 'other'];

const FITTED_METHODS = ['naive', 'seasonal-naive', 'ses', 'holt', 'damped-holt', 'theta', 'auto'] as const satisfies readonly ForecastMethod[];
type FittedMethod = (typeof FITTED_METHODS)[number];
// `auto` is itself the combination of the AICc-selected ETS model, Theta and damped Holt; the `ets`
// row is the AICc-selected ETS model alone (R ets), `comb` recombines ets + theta + damped-holt here.
const COMB_PARTS = ['theta', 'damped-holt'] as const satisfies readonly FittedMethod[];
const METHODS = [...FITTED_METHODS, 'ets', 'comb'] as const;
type Method = (typeof METHODS)[number];

/** The original M3 method (or R forecast-package figure) each of ours is closest to. */
const ANALOGUE: Record<Method, { key: string; label: string }> = {
  naive: { key: 'NAIVE2', label: 'NAIVE2 (deseas. naive)' },
  'seasonal-naive': { key: 'NAIVE2', label: 'NAIVE2 (deseas. naive)' },
  ses: { key: 'SINGLE', label: 'SINGLE' },
  holt: { key: 'HOLT', label: 'HOLT' },
  'damped-holt': { key: 'DAMPEN', label: 'DAMPEN' },
  theta: { key: 'THETA', label: 'THETA' },
  auto: { key: 'ETS', label: 'forecast::ets (all only)' },
  ets: { key: 'ETS', label: 'forecast::ets (all only)' },
  comb: { key: 'COMB S-H-D', label: 'COMB S-H-D' },
};

// ---------------------------------------------------------------------------------------------
// Data

interface M3File {
  horizon: number;
  frequency: number;
  series: Array<{ id: string; category?: string; train: number[]; test: number[] }>;
}

interface Task {
  category: M3Category;
  id: string;
  seasonLength: number;
  train: number[];
  test: number[];
}

function loadTasks(categories: readonly M3Category[], limit: number | undefined): Task[] {
  const tasks: Task[] = [];
  for (const category of categories) {
    const file = path.join(DATA_DIR, `m3_${category}.json`);
    const data = JSON.parse(readFileSync(file, 'utf8')) as M3File;
    const series = limit === undefined ? data.series : data.series.slice(0, limit);
    for (const s of series) tasks.push({ category, id: s.id, seasonLength: data.frequency, train: s.train, test: s.test });
  }
  return tasks;
}

// ---------------------------------------------------------------------------------------------
// One series (runs in the workers)

type Status = 'ok' | 'domain-error' | 'other-error' | 'non-finite';

interface MethodOutcome {
  smape: number;
  mase: number;
  ms: number;
  status: Status;
  /** Error code and message, or what was not finite. */
  message?: string;
  /** The fitted model as the calculation reports it (auto only). */
  model?: string;
}

interface SeriesOutcome {
  category: M3Category;
  id: string;
  n: number;
  outcomes: Record<Method, MethodOutcome>;
}

function describeError(err: unknown): string {
  if (err instanceof DomainError) return `${err.code}: ${err.message}`;
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

function runSeries(task: Task): SeriesOutcome {
  const horizon = task.test.length;
  const scaleLag = m3SeasonLength(task.category);
  const forecasts = new Map<FittedMethod, number[]>();
  const outcomes = {} as Record<Method, MethodOutcome>;
  const score = (f: number[]) => ({
    smape: symmetricMeanAbsolutePercentageError(task.test, f),
    mase: meanAbsoluteScaledError(task.test, f, task.train, scaleLag),
  });
  // Last-value forecast for the (unexpected) case that naive itself fails.
  const lastValue = new Array<number>(horizon).fill(task.train[task.train.length - 1]!);

  for (const method of FITTED_METHODS) {
    const started = performance.now();
    let point: number[] | undefined;
    let status: Status = 'ok';
    let message: string | undefined;
    let model: string | undefined;
    try {
      const result = forecast(ForecastInput.parse({ history: task.train, horizon, method, seasonLength: task.seasonLength }));
      point = result.periods.map((p) => p.forecast);
      if (method === 'auto') model = result.model;
      const bad = point.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0 || point.length !== horizon) {
        status = 'non-finite';
        message = point.length !== horizon ? `${point.length} forecasts for horizon ${horizon}` : `forecast[${bad}] = ${point[bad]} (${result.model})`;
        point = undefined;
      }
    } catch (err) {
      status = err instanceof DomainError ? 'domain-error' : 'other-error';
      message = describeError(err);
    }
    const ms = performance.now() - started;
    const used = point ?? forecasts.get('naive') ?? lastValue;
    forecasts.set(method, used);
    outcomes[method] = { ...score(used), ms, status, ...(message !== undefined ? { message } : {}), ...(model !== undefined ? { model } : {}) };
  }

  const etsStarted = performance.now();
  let etsForecast: number[];
  try {
    const { best } = autoEts(task.train, task.seasonLength, { horizon, search: 'r' });
    etsForecast = best.forecast.map((v) => (task.train.every((y) => y >= 0) ? Math.max(0, v) : v));
    outcomes.ets = { ...score(etsForecast), ms: performance.now() - etsStarted, status: 'ok', model: best.method };
  } catch (err) {
    etsForecast = forecasts.get('naive') ?? lastValue;
    outcomes.ets = { ...score(etsForecast), ms: performance.now() - etsStarted, status: 'other-error', message: describeError(err) };
  }
  const parts = [etsForecast, ...COMB_PARTS.map((m) => forecasts.get(m)!)];
  const comb = Array.from({ length: horizon }, (_, h) => parts.reduce((s, f) => s + f[h]!, 0) / parts.length);
  const fellBack = COMB_PARTS.filter((m) => outcomes[m].status !== 'ok');
  outcomes.comb = {
    ...score(comb),
    ms: outcomes.ets.ms + COMB_PARTS.reduce((s, m) => s + outcomes[m].ms, 0),
    status: fellBack.length === 0 ? 'ok' : 'domain-error',
    ...(fellBack.length > 0 ? { message: `component(s) replaced by naive: ${fellBack.join(', ')}` } : {}),
  };
  return { category: task.category, id: task.id, n: task.train.length, outcomes };
}

// ---------------------------------------------------------------------------------------------
// Worker side (scripts/bench/worker-pool.ts: the same module answers its chunks on a worker)

serveTasks('m3', runSeries);

// ---------------------------------------------------------------------------------------------
// Reference figures

interface Reference {
  /** By method key → category (or 'all') → figures. */
  byMethod: Record<string, Partial<Record<M3Category | 'all', { n: number; sMAPE: number; MASE: number }>>>;
  /** forecast-package figures on all series (Mcomp vignette). */
  ets?: { sMAPE: number; MASE: number };
  arima?: { sMAPE: number; MASE: number };
  etsArima?: { sMAPE: number; MASE: number };
  /** Published M3 sMAPE on all series (Makridakis & Hibon 2000, as quoted in the Mcomp vignette). */
  publishedSmape: Record<string, number>;
}

function loadReference(): Reference | undefined {
  try {
    const json = JSON.parse(readFileSync(path.join(DATA_DIR, 'm3_benchmark_accuracy.json'), 'utf8')) as {
      recomputed_from_original_forecasts?: { by_method?: Reference['byMethod'] };
      published?: Record<string, unknown>;
    };
    const published = json.published ?? {};
    const hyndman = (published['Hyndman_Mcomp_vignette_forecast_package_all_3003_series'] ?? {}) as Record<string, { sMAPE: number; MASE: number }>;
    const mh = (published['Makridakis_Hibon_2000_all_3003_series_avg_sMAPE_as_quoted_in_Mcomp_vignette'] ?? {}) as Record<string, number>;
    const ref: Reference = { byMethod: json.recomputed_from_original_forecasts?.by_method ?? {}, publishedSmape: mh };
    if (hyndman['ETS (forecast::ets)']) ref.ets = hyndman['ETS (forecast::ets)'];
    if (hyndman['AutoARIMA (forecast::auto.arima)']) ref.arima = hyndman['AutoARIMA (forecast::auto.arima)'];
    if (hyndman['ETS+ARIMA average']) ref.etsArima = hyndman['ETS+ARIMA average'];
    return ref;
  } catch (err) {
    console.log(`(reference figures unavailable: ${describeError(err)})`);
    return undefined;
  }
}

function analogueFigures(ref: Reference | undefined, method: Method, group: M3Category | 'all'): { sMAPE: number; MASE: number } | undefined {
  if (!ref) return undefined;
  const key = ANALOGUE[method].key;
  if (key === 'ETS') return group === 'all' ? ref.ets : undefined;
  return ref.byMethod[key]?.[group];
}

// ---------------------------------------------------------------------------------------------
// Aggregation and printing

interface Aggregate {
  count: number;
  smape: number;
  mase: number;
  /** Series whose MASE is not finite (zero in-sample scale), left out of the MASE mean. */
  maseExcluded: number;
  ms: number;
  statuses: Record<Status, number>;
}

function aggregate(results: readonly SeriesOutcome[], method: Method): Aggregate {
  let smape = 0;
  let mase = 0;
  let maseCount = 0;
  let ms = 0;
  const statuses: Record<Status, number> = { ok: 0, 'domain-error': 0, 'other-error': 0, 'non-finite': 0 };
  for (const r of results) {
    const o = r.outcomes[method];
    smape += o.smape;
    if (Number.isFinite(o.mase)) {
      mase += o.mase;
      maseCount++;
    }
    ms += o.ms;
    statuses[o.status]++;
  }
  return { count: results.length, smape: smape / results.length, mase: mase / maseCount, maseExcluded: results.length - maseCount, ms, statuses };
}

function textTable(header: string[], rows: string[][], rightAligned: (i: number) => boolean): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (rightAligned(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const f2 = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(2));
const f3 = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(3));

function fallbackText(a: Aggregate, method: Method): string {
  const failed = a.count - a.statuses.ok;
  if (failed === 0) return '0';
  if (method === 'comb') return `${failed} (part)`;
  const parts: string[] = [];
  if (a.statuses['domain-error']) parts.push(`${a.statuses['domain-error']} 422`);
  if (a.statuses['other-error']) parts.push(`${a.statuses['other-error']} err`);
  if (a.statuses['non-finite']) parts.push(`${a.statuses['non-finite']} NaN`);
  return parts.join(', ');
}

function categoryTable(results: readonly SeriesOutcome[], group: M3Category | 'all', ref: Reference | undefined): string {
  const rows = METHODS.map((method) => {
    const a = aggregate(results, method);
    const analogue = analogueFigures(ref, method, group);
    return [
      method === 'comb' ? 'comb (ets+theta+dHolt)' : method === 'ets' ? 'ets (AICc, alone)' : method === 'auto' ? 'auto (ets+theta+dHolt)' : method,
      f2(a.smape),
      f3(a.mase) + (a.maseExcluded ? ` (${a.maseExcluded} excl.)` : ''),
      fallbackText(a, method),
      (a.ms / 1000).toFixed(1),
      (a.ms / a.count).toFixed(2),
      ANALOGUE[method].label,
      f2(analogue?.sMAPE),
      f3(analogue?.MASE),
    ];
  });
  const table = textTable(['method', 'sMAPE', 'MASE', 'fallbacks', 'time s', 'ms/series', 'M3 analogue', 'sMAPE', 'MASE'], rows, (i) => i !== 0 && i !== 3 && i !== 6);
  const refs: string[] = [];
  if (ref) {
    const pick = (key: string, label: string) => {
      const v = ref.byMethod[key]?.[group];
      if (v) refs.push(`${label} ${f2(v.sMAPE)} / ${f3(v.MASE)}`);
    };
    if (group === 'all') {
      if (ref.ets) refs.push(`ETS (forecast::ets) ${f2(ref.ets.sMAPE)} / ${f2(ref.ets.MASE)}`);
      if (ref.arima) refs.push(`auto.arima ${f2(ref.arima.sMAPE)} / ${f2(ref.arima.MASE)}`);
      if (ref.etsArima) refs.push(`ETS+ARIMA mean ${f2(ref.etsArima.sMAPE)} / ${f2(ref.etsArima.MASE)}`);
    }
    pick('THETA', 'Theta');
    pick('ForecastPro', 'ForecastPro');
    pick('ForcX', 'ForecastX');
    pick('B-J auto', 'B-J auto');
    pick('COMB S-H-D', 'Comb S-H-D');
  }
  const refLine = refs.length
    ? `\nreference (sMAPE / MASE; M3 methods recomputed from their original submissions${group === 'all' ? ', forecast package as in the Mcomp vignette' : ''}):\n  ${refs.join(';  ')}`
    : '';
  const notes: string[] = [];
  if (group !== 'all') notes.push('forecast::ets and auto.arima figures exist for all 3,003 series only');
  if (group !== 'yearly' && group !== 'other')
    notes.push('the M3 NAIVE2, SINGLE, HOLT, DAMPEN and COMB S-H-D ran on seasonally adjusted data (classical decomposition), ours naive/ses/holt/damped-holt do not: compare those on yearly/other');
  return table + refLine + notes.map((n) => `\n(${n})`).join('');
}

function autoModels(results: readonly SeriesOutcome[]): string {
  const counts = new Map<string, number>();
  for (const r of results) {
    const model = r.outcomes.auto.model ?? `(${r.outcomes.auto.status})`;
    counts.set(model, (counts.get(model) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([m, c]) => `${m} ${c}`)
    .join(', ');
}

/** Whether ours is below the reference, with both values shown one decimal finer than the reference. */
function verdict(ours: number, reference: number, decimals: number): string {
  const r = (v: number) => Number(v.toFixed(decimals));
  const shown = `${ours.toFixed(decimals + 1)} vs ${reference.toFixed(decimals)}`;
  if (ours < reference) return r(ours) === r(reference) ? `yes, barely (${shown}; equal at ${decimals} dp)` : `yes (${shown})`;
  return r(ours) === r(reference) ? `no (${shown}; equal at ${decimals} dp)` : `no (${shown})`;
}

function problemReport(results: readonly SeriesOutcome[]): string {
  const lines: string[] = [];
  // Fallbacks, grouped by method and message.
  for (const method of FITTED_METHODS) {
    const failed = results.filter((r) => r.outcomes[method].status !== 'ok');
    if (failed.length === 0) continue;
    const byMessage = new Map<string, string[]>();
    for (const r of failed) {
      const o = r.outcomes[method];
      // Collapse numbers so identical causes group together.
      const key = `${o.status}: ${(o.message ?? '').replace(/-?\d+(\.\d+)?(e[+-]?\d+)?/g, '#')}`;
      const ids = byMessage.get(key) ?? [];
      ids.push(`${r.id} (n=${r.n})`);
      byMessage.set(key, ids);
    }
    for (const [key, ids] of byMessage)
      lines.push(`  ${method}: ${ids.length} × ${key}\n    ${ids.slice(0, 12).join(', ')}${ids.length > 12 ? `, … (${ids.length - 12} more)` : ''}`);
  }
  if (lines.length === 0) lines.push('  none: every method returned finite forecasts for every series');

  // Series where auto is far worse than naive (candidates for selection or estimation problems).
  const worse = results
    .map((r) => ({ r, gap: r.outcomes.auto.smape - r.outcomes.naive.smape, maseGap: r.outcomes.auto.mase - r.outcomes.naive.mase }))
    .filter((x) => x.gap > 10 || x.maseGap > 2)
    .sort((a, b) => b.gap - a.gap);
  lines.push(`\nauto much worse than naive (sMAPE +10 points or MASE +2): ${worse.length} series`);
  for (const { r } of worse.slice(0, 10)) {
    const o = r.outcomes;
    lines.push(
      `  ${r.id} ${r.category} n=${r.n}: auto ${o.auto.model ?? '?'} sMAPE ${f2(o.auto.smape)} MASE ${f2(o.auto.mase)} | naive ${f2(o.naive.smape)} / ${f2(o.naive.mase)} | theta ${f2(o.theta.smape)} / ${f2(o.theta.mase)} | damped ${f2(o['damped-holt'].smape)} / ${f2(o['damped-holt'].mase)}`,
    );
  }
  // Slowest series per method (auto and theta matter most).
  for (const method of ['auto', 'theta', 'damped-holt'] as const) {
    const slow = [...results].sort((a, b) => b.outcomes[method].ms - a.outcomes[method].ms).slice(0, 5);
    lines.push(`\nslowest ${method}: ${slow.map((r) => `${r.id} (${r.category}, n=${r.n}) ${r.outcomes[method].ms.toFixed(1)} ms`).join('; ')}`);
  }
  return lines.join('\n');
}

function parseArgs(argv: string[]): { categories: M3Category[]; limit: number | undefined; workers: number; carparts: boolean; subset: boolean } {
  let categories: M3Category[] = [...CATEGORIES];
  let limit: number | undefined;
  let workers = Math.min(2, Math.max(1, os.availableParallelism?.() ?? os.cpus().length));
  let carparts = false;
  let subset = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i] ?? '';
    if (flag === '--category') {
      const wanted = value().split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
      const unknown = wanted.filter((c) => !CATEGORIES.includes(c as M3Category));
      if (unknown.length) throw new Error(`unknown category ${unknown.join(', ')}; use ${CATEGORIES.join(', ')}`);
      categories = wanted as M3Category[];
    } else if (flag === '--limit') {
      limit = Number(value());
      if (!Number.isInteger(limit) || limit < 1) throw new Error('--limit needs a positive integer');
    } else if (flag === '--workers') {
      workers = Number(value());
      if (!Number.isInteger(workers) || workers < 1) throw new Error('--workers needs a positive integer');
    } else if (flag === '--carparts') carparts = true;
    else if (flag === '--subset') subset = true;
    else throw new Error(`unknown argument ${arg} (use --category, --limit, --workers, --carparts, --subset)`);
  }
  return { categories, limit, workers, carparts, subset };
}

async function main(argv: string[]): Promise<void> {
  const { categories, limit, workers, carparts, subset } = parseArgs(argv);
  if (carparts) {
    carpartsSection({ subset });
    return;
  }
  const tasks = loadTasks(categories, limit);
  const ref = loadReference();
  const full = limit === undefined && categories.length === CATEGORIES.length;
  const counts = categories.map((c) => `${tasks.filter((t) => t.category === c).length} ${c}`).join(', ');
  console.log('M3 accuracy benchmark: Peakplan forecast engine against the M3 competition methods');
  console.log(`data: ${DATA_DIR} (${counts}; ${tasks.length} series${full ? '' : ', SUBSET: figures not comparable with the references'})`);
  console.log(
    `run: ${workers > 1 ? `${workers} worker threads` : 'single thread'}, Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}`,
  );
  console.log('measures: sMAPE = mean over series of mean_h 200|y−f|/(|y|+|f|); MASE = test MAE / in-sample mean |y_t − y_{t−m}|, m = 1 yearly/other, 4 quarterly, 12 monthly');
  console.log("methods: forecast(ForecastInput.parse({ history: train, horizon, method, seasonLength })) with seasonLength = the category's frequency; auto = ETS by AICc combined with theta and damped-holt; ets = the AICc-selected ETS alone; comb = mean of ets, theta, damped-holt recomputed here");
  console.log('fallbacks: a method that throws (422 = DomainError, err = other) or returns non-finite values is replaced by naive for that series; time = inside forecast(), summed over threads');

  const started = performance.now();
  const results = await runTasks(import.meta.url, 'm3', tasks, workers, runSeries, { chunk: 20, label: 'series' });
  const wall = (performance.now() - started) / 1000;
  const order = new Map(tasks.map((t, i) => [t.id, i]));
  results.sort((a, b) => order.get(a.id)! - order.get(b.id)!);

  const groups: Array<M3Category | 'all'> = [...categories, ...(categories.length > 1 ? (['all'] as const) : [])];
  for (const group of groups) {
    const subset = group === 'all' ? results : results.filter((r) => r.category === group);
    if (subset.length === 0) continue;
    const h = subset[0] ? tasks.find((t) => t.id === subset[0]!.id)!.test.length : 0;
    const title = group === 'all' ? `all categories (${subset.length} series)` : `${group} (${subset.length} series, h = ${h}, m = ${m3SeasonLength(group)})`;
    console.log(`\n=== ${title} ${'='.repeat(Math.max(0, 88 - title.length))}\n`);
    console.log(categoryTable(subset, group, ref));
    console.log(`auto chose: ${autoModels(subset)}`);
  }

  console.log(`\n=== fallbacks, outliers and slow series ${'='.repeat(50)}\n`);
  console.log(problemReport(results));

  const all = (method: Method) => aggregate(results, method);
  const auto = all('auto');
  const comb = all('comb');
  const theta = all('theta');
  const totalMs = METHODS.filter((m) => m !== 'comb').reduce((s, m) => s + all(m).ms, 0);
  const thetaRef = ref?.byMethod.THETA?.all;
  const combRef = ref?.byMethod['COMB S-H-D']?.all;
  const lines: string[] = [];
  lines.push(`Peakplan on M3 (${tasks.length} series${full ? '' : ', subset'}; sMAPE / MASE, M3 conventions; scripts/bench-accuracy.ts):`);
  for (const method of METHODS) {
    const a = all(method);
    lines.push(`  ${method.padEnd(15)} ${f2(a.smape)} / ${f3(a.mase)}   fallbacks ${fallbackText(a, method)}`);
  }
  if (ref?.ets) {
    lines.push(
      `auto vs ETS (forecast::ets) ${f2(ref.ets.sMAPE)} / ${f2(ref.ets.MASE)}: beats sMAPE ${verdict(auto.smape, ref.ets.sMAPE, 2)}; beats MASE ${verdict(auto.mase, ref.ets.MASE, 2)}${full ? '' : ' [subset: not comparable]'}`,
    );
  }
  if (thetaRef) {
    lines.push(
      `comb vs Theta ${f2(thetaRef.sMAPE)} / ${f3(thetaRef.MASE)} (≈ 1.40): beats sMAPE ${verdict(comb.smape, thetaRef.sMAPE, 2)}; beats MASE ${verdict(comb.mase, thetaRef.MASE, 3)}${full ? '' : ' [subset: not comparable]'}`,
    );
    lines.push(`theta vs M3 Theta: ${f2(theta.smape)} / ${f3(theta.mase)} vs ${f2(thetaRef.sMAPE)} / ${f3(thetaRef.MASE)}`);
  }
  if (combRef) lines.push(`comb vs M3 Comb S-H-D ${f2(combRef.sMAPE)} / ${f3(combRef.MASE)}: ${f2(comb.smape)} / ${f3(comb.mase)}`);
  if (categories.length > 1) {
    lines.push(
      `auto per category: ${categories
        .map((c) => {
          const a = aggregate(
            results.filter((r) => r.category === c),
            'auto',
          );
          return `${c} ${f2(a.smape)} / ${f3(a.mase)}`;
        })
        .join(', ')}`,
    );
  }
  lines.push(
    `runtime: ${wall.toFixed(1)} s wall on ${workers > 1 ? `${workers} worker threads` : '1 thread'}; compute ${(totalMs / 1000).toFixed(1)} s, of which auto ${(auto.ms / 1000).toFixed(1)} s (${(auto.ms / auto.count).toFixed(1)} ms/series), theta ${(theta.ms / 1000).toFixed(1)} s`,
  );
  console.log(`\n=== summary ${'='.repeat(78)}\n`);
  console.log(lines.join('\n'));
  console.log(`\ntotal time: ${wall.toFixed(1)} s (load average at end ${os.loadavg().map((v) => v.toFixed(2)).join(' ')})`);
  if (full) carpartsSection({ subset });
}

/**
 * `--section m3` (default) runs the M3 benchmark above, `--section peak` the peak-window benchmark of
 * scripts/bench-peak.ts (loaded only then, so its worker side never starts here), `--section all` both
 * (the peak section gets only --limit and --workers).
 */
async function runSections(argv: string[]): Promise<void> {
  const at = argv.findIndex((a) => a === '--section' || a.startsWith('--section='));
  const section = at < 0 ? 'm3' : argv[at]!.includes('=') ? argv[at]!.slice('--section='.length) : (argv[at + 1] ?? '');
  const rest = at < 0 ? argv : argv.filter((_, i) => i !== at && (argv[at]!.includes('=') || i !== at + 1));
  if (section !== 'm3' && section !== 'peak' && section !== 'all') throw new Error(`unknown section ${section}; use m3, peak or all`);
  if (section === 'm3' || section === 'all') {
    await main(rest);
  }
  if (section === 'peak' || section === 'all') {
    const { runPeakBench } = await import('./bench-peak.js');
    const peakArgs = section === 'peak' ? rest : rest.filter((a, i) => ['--limit', '--workers'].some((f) => a.startsWith(f) || rest[i - 1] === f));
    if (section === 'all') console.log('\n');
    await runPeakBench(peakArgs);
  }
}

if (isMainThread) {
  runSections(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
