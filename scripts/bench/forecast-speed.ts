/**
 * Speed of the forecast engine, figures only (nothing is asserted):
 *
 *   a. `forecast()` with method auto, horizon 8, on 1,000 synthetic weekly series of 104 points
 *      (seeded: level + trend + yearly seasonality + noise; every 7th series intermittent with many
 *      zeros), as the API runs it (input parsing, model selection, 1,000 simulated sample paths for
 *      ETS models, intervals, accuracy); a cold pass (fresh process, includes JIT compilation) and
 *      a warm pass, then the model selection and fitting alone (`fitForecast`) for the split.
 *      Target: ≤ 2 s for 1,000 series on one core.
 *   b. Holt-Winters additive with every parameter and initial state fixed (α 0.3, β 0.05, γ 0.1,
 *      m = 12) over 10 million points: the ETS recursion `etsRecursion` on one long series and on
 *      2,000 series × 5,000 points, and `forecast()` with method 'holt-winters-additive' and the
 *      same fixed parameters on 2,000 series × 5,000 points (MAX_HISTORY). Target ≥ 20 million
 *      points/s.
 *
 * Memory: peak RSS is the process high-water mark (`process.resourceUsage().maxRSS`) when a phase
 * raised it, else the sampled maximum of `process.memoryUsage().rss`; heapUsed is sampled between
 * series (and right after each single long call, with its result still referenced).
 *
 *   npx tsx scripts/bench/forecast-speed.ts
 */
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { seededRandom, normalDeviate } from '../../core/stats/random.js';
import { etsRecursion, type EtsSpec } from '../../core/forecast/ets.js';
import { ForecastInput, forecast } from '../../core/forecast/forecast.js';
import { fitForecast } from '../../core/forecast/methods.js';

const SERIES = 1000;
const WEEKS = 104;
const HORIZON = 8;
const HW_POINTS = 10_000_000;
const HW_SERIES = 2000;
const HW_LENGTH = HW_POINTS / HW_SERIES;
const HW_SPEC: EtsSpec = { error: 'A', trend: 'A', damped: false, season: 'A', seasonLength: 12 };
const HW_PARAMETERS = { alpha: 0.3, beta: 0.05, gamma: 0.1 };
const HW_SEASONAL = [-12, -8, -3, 1, 5, 9, 12, 9, 4, 0, -6, -11];
const HW_LEVEL = 100;
const HW_TREND = 0.001;

// ---------------------------------------------------------------------------------------------
// Memory

const MB = 1024 * 1024;

/** Full garbage collection when it can be enabled (tsx runs without --expose-gc). */
const collect: () => void = (() => {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : () => {};
  } catch {
    return () => {};
  }
})();

class MemoryProbe {
  private readonly highWaterBefore = process.resourceUsage().maxRSS * 1024;
  private rssPeak = 0;
  private heapPeak = 0;
  constructor() {
    this.sample();
  }
  sample(): void {
    const { rss, heapUsed } = process.memoryUsage();
    if (rss > this.rssPeak) this.rssPeak = rss;
    if (heapUsed > this.heapPeak) this.heapPeak = heapUsed;
  }
  report(): string {
    this.sample();
    const highWater = process.resourceUsage().maxRSS * 1024;
    const rss = highWater > this.highWaterBefore ? `${(highWater / MB).toFixed(0)} MB (process high-water)` : `${(this.rssPeak / MB).toFixed(0)} MB (sampled; below the earlier high-water ${(this.highWaterBefore / MB).toFixed(0)} MB)`;
    return `peak RSS ${rss}, peak heapUsed ${(this.heapPeak / MB).toFixed(0)} MB (sampled)`;
  }
}

// ---------------------------------------------------------------------------------------------
// Synthetic weekly demand

interface Synthetic {
  history: number[];
  intermittent: boolean;
}

/** Deterministic weekly series: smooth ones with level, trend, yearly seasonality and noise; every 7th intermittent. */
export function syntheticWeeklySeries(count = SERIES, length = WEEKS, seed = 20240617): Synthetic[] {
  const random = seededRandom(seed);
  const uniform = (a: number, b: number) => a + (b - a) * random();
  const out: Synthetic[] = [];
  for (let i = 0; i < count; i++) {
    const history = new Array<number>(length);
    if (i % 7 === 3) {
      // Intermittent: demand in a fraction p of the weeks, sizes around a mean (many zeros).
      const p = uniform(0.1, 0.45);
      const size = uniform(1, 20);
      for (let t = 0; t < length; t++) history[t] = random() < p ? Math.max(1, Math.round(size * (0.4 + 1.2 * random()))) : 0;
    } else {
      const level = Math.exp(uniform(Math.log(20), Math.log(2000)));
      const trend = level * uniform(-0.003, 0.006);
      const amplitude = level * uniform(0, 0.4);
      const phase = uniform(0, 2 * Math.PI);
      const phase2 = uniform(0, 2 * Math.PI);
      const noise = level * uniform(0.04, 0.25);
      for (let t = 0; t < length; t++) {
        const season = amplitude * (Math.sin((2 * Math.PI * t) / 52 + phase) + 0.3 * Math.sin((4 * Math.PI * t) / 52 + phase2));
        history[t] = Math.max(0, Math.round(level + trend * t + season + noise * normalDeviate(random)));
      }
    }
    out.push({ history, intermittent: i % 7 === 3 });
  }
  return out;
}

/** One long Holt-Winters-like series (m = 12) for the recursion benchmark. */
function longSeasonalSeries(length: number, seed = 7): Float64Array {
  const random = seededRandom(seed);
  const y = new Float64Array(length);
  for (let t = 0; t < length; t++) y[t] = HW_LEVEL + HW_SEASONAL[t % 12]! + 4 * (random() + random() + random() - 1.5);
  return y;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const quantile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
const fmt = (v: number, digits = 2) => v.toFixed(digits);
const fmtInt = (v: number) => Math.round(v).toLocaleString('en-US');

interface PassResult {
  seconds: number;
  perSeriesMs: number[];
  memory: string;
  models: Map<string, number>;
}

function autoPass(series: readonly Synthetic[], full: boolean): PassResult {
  collect();
  const memory = new MemoryProbe();
  const perSeriesMs: number[] = [];
  const models = new Map<string, number>();
  const started = performance.now();
  for (const [i, s] of series.entries()) {
    const t0 = performance.now();
    let model: string;
    if (full) {
      model = forecast(ForecastInput.parse({ history: s.history, horizon: HORIZON, method: 'auto', frequency: 'week' })).model;
    } else {
      model = fitForecast(s.history, { method: 'auto', seasonLength: 52, horizon: HORIZON, parameters: {}, initialStates: {}, warnings: [] }).fit.method;
    }
    perSeriesMs.push(performance.now() - t0);
    models.set(model, (models.get(model) ?? 0) + 1);
    if (i % 10 === 0) memory.sample();
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, perSeriesMs, memory: memory.report(), models };
}

function describePass(label: string, r: PassResult): string {
  const sorted = [...r.perSeriesMs].sort((a, b) => a - b);
  return [
    `${label}: ${fmt(r.seconds)} s for ${fmtInt(r.perSeriesMs.length)} series = ${fmtInt(r.perSeriesMs.length / r.seconds)} series/s`,
    `    per series: median ${fmt(quantile(sorted, 0.5))} ms, p95 ${fmt(quantile(sorted, 0.95))} ms, max ${fmt(sorted[sorted.length - 1]!)} ms`,
    `    ${r.memory}`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// The benchmark

export async function forecastSpeedBench(): Promise<string> {
  const lines: string[] = [];
  const out = (s = '') => lines.push(s);
  const baseline = process.memoryUsage();
  const load = () => os.loadavg().map((v) => v.toFixed(2)).join(' ');
  out(`Forecast engine speed (Node ${process.version}, one thread, ${os.cpus().length} CPUs; baseline RSS ${(baseline.rss / MB).toFixed(0)} MB, heapUsed ${(baseline.heapUsed / MB).toFixed(0)} MB)`);
  out(`load average at start ${load()} (other processes on the machine skew the timings)`);

  // a. auto on 1,000 weekly series.
  const series = syntheticWeeklySeries();
  const intermittent = series.filter((s) => s.intermittent).length;
  out();
  out(`a. forecast() method auto, horizon ${HORIZON}, frequency week (m = 52), ${fmtInt(SERIES)} synthetic weekly series × ${WEEKS} points (${intermittent} intermittent), seeded`);
  const cold = autoPass(series, true);
  const warm = autoPass(series, true);
  const fitOnly = autoPass(series, false);
  out(describePass('  cold pass (incl. JIT)  ', cold));
  out(describePass('  warm pass              ', warm));
  out(describePass('  fitForecast only (warm)', fitOnly));
  out(`  share of the warm forecast() time outside model selection/fitting (parsing, 1,000 sample paths, intervals, accuracy): ${fmt((100 * (warm.seconds - fitOnly.seconds)) / warm.seconds, 0)} %`);
  out(`  models chosen: ${[...warm.models.entries()].sort((a, b) => b[1] - a[1]).map(([m, c]) => `${m} ${c}`).join(', ')}`);
  out(`  target ≤ 2 s for 1,000 series on one core: warm ${fmt(warm.seconds)} s (${warm.seconds <= 2 ? 'within' : 'over'}), cold ${fmt(cold.seconds)} s (${cold.seconds <= 2 ? 'within' : 'over'})`);

  // b. Holt-Winters additive, fixed parameters, 10 million points.
  out();
  out(`b. Holt-Winters additive, fixed α ${HW_PARAMETERS.alpha}, β ${HW_PARAMETERS.beta}, γ ${HW_PARAMETERS.gamma}, fixed initial states, m = 12, ${fmtInt(HW_POINTS)} points`);
  const long = longSeasonalSeries(HW_POINTS);
  const initial = { level: HW_LEVEL, trend: HW_TREND, seasonal: HW_SEASONAL };
  // Warm-up of the recursion (JIT), not timed.
  for (let i = 0; i < 20; i++) etsRecursion(long.subarray(i * 10_000, (i + 1) * 10_000), HW_SPEC, HW_PARAMETERS, initial, 12);

  {
    collect();
    const memory = new MemoryProbe();
    let check = 0;
    const started = performance.now();
    for (let s = 0; s < HW_SERIES; s++) {
      const result = etsRecursion(long.subarray(s * HW_LENGTH, (s + 1) * HW_LENGTH), HW_SPEC, HW_PARAMETERS, initial, 12);
      check += result.forecast[0]!;
      if (s % 50 === 0) memory.sample();
    }
    const seconds = (performance.now() - started) / 1000;
    out(`  etsRecursion, ${fmtInt(HW_SERIES)} series × ${fmtInt(HW_LENGTH)} points: ${fmt(seconds, 3)} s = ${fmt(HW_POINTS / seconds / 1e6, 1)} million points/s (mean forecast[0] ${fmt(check / HW_SERIES, 3)})`);
    out(`    ${memory.report()}`);
  }
  {
    collect();
    const memory = new MemoryProbe();
    const started = performance.now();
    const result = etsRecursion(long, HW_SPEC, HW_PARAMETERS, initial, 12);
    const seconds = (performance.now() - started) / 1000;
    memory.sample();
    out(`  etsRecursion, one series of ${fmtInt(HW_POINTS)} points: ${fmt(seconds, 3)} s = ${fmt(HW_POINTS / seconds / 1e6, 1)} million points/s (forecast[0] ${fmt(result.forecast[0]!, 3)})`);
    out(`    ${memory.report()} (the input alone is ${fmtInt((HW_POINTS * 8) / MB)} MB; fitted values and innovations are returned as two ${fmtInt(HW_POINTS)}-element arrays)`);
  }
  {
    // The API path: inputs as plain arrays (as parsed JSON would be), everything fixed.
    const histories = Array.from({ length: HW_SERIES }, (_, s) => Array.from(long.subarray(s * HW_LENGTH, (s + 1) * HW_LENGTH)));
    const request = (history: number[]) =>
      ForecastInput.parse({
        history,
        horizon: 12,
        method: 'holt-winters-additive',
        seasonLength: 12,
        parameters: HW_PARAMETERS,
        initialStates: initial,
      });
    for (let s = 0; s < 5; s++) forecast(request(histories[s]!)); // warm-up
    collect();
    const memory = new MemoryProbe();
    let parseMs = 0;
    let check = 0;
    const started = performance.now();
    for (let s = 0; s < HW_SERIES; s++) {
      const t0 = performance.now();
      const input = request(histories[s]!);
      parseMs += performance.now() - t0;
      check += forecast(input).periods[0]!.forecast;
      if (s % 50 === 0) memory.sample();
    }
    const seconds = (performance.now() - started) / 1000;
    const rate = HW_POINTS / seconds;
    out(
      `  forecast() method holt-winters-additive (all fixed, default 1,000 sample paths), ${fmtInt(HW_SERIES)} series × ${fmtInt(HW_LENGTH)} points: ${fmt(seconds, 2)} s = ${fmt(rate / 1e6, 1)} million points/s, of which ForecastInput.parse ${fmt(parseMs / 1000, 2)} s (mean forecast[0] ${fmt(check / HW_SERIES, 3)})`,
    );
    out(`    ${memory.report()}`);
  }
  out(`  target ≥ 20 million points/s: see the etsRecursion lines (the recursion itself); the forecast() line adds parsing, fitted values, simulation and accuracy per series`);
  out(`load average at end ${load()}`);
  return lines.join('\n');
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  forecastSpeedBench().then(
    (report) => console.log(report),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
