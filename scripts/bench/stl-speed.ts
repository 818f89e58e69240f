/**
 * Speed of the STL + ETS candidate (core/forecast/stl.ts), figures only (nothing is asserted):
 *
 *   a. 1,000 synthetic weekly series × 104 points (seeded: level + trend + yearly seasonality with a
 *      November-like peak + noise), period 52: one full `stlEtsForecast` (horizon 13) plus 8
 *      `fromOrigin` calls (origins spread over the allowed range — with 104 points that is only
 *      origin 104 — horizon 13), per series. Target ≤ 1 ms per series on one core.
 *   b. 200 synthetic daily series × 730 points, periods [7, 365.25], the same work (horizon 28).
 *   a2. the same with the ETS search restricted to additive errors (3 models instead of R's 6).
 *   c. the parts: the decomposition alone (MSTL) on the weekly series, and the ETS selection alone.
 *
 * Times are medians over series of a warm pass (after a full cold pass for JIT compilation).
 *
 *   npx tsx scripts/bench/stl-speed.ts
 */
import { performance } from 'node:perf_hooks';
import { autoEts, type AutoEtsOptions } from '../../core/forecast/ets.js';
import { mstl, stlEtsForecast } from '../../core/forecast/stl.js';
import { normalDeviate, seededRandom } from '../../core/stats/random.js';
import { median, ms } from './stats.js';

const ORIGINS = 8;

function weeklySeries(random: () => number, n: number): number[] {
  const level = 50 + 500 * random();
  const growth = (random() - 0.3) * 0.004;
  const amplitude = 0.1 + 0.4 * random();
  const peak = 1 + 2 * random();
  return Array.from({ length: n }, (_, t) => {
    const week = t % 52;
    const seasonal = 1 + amplitude * Math.sin((2 * Math.PI * week) / 52) + (week === 47 ? peak : week === 48 ? peak / 2 : 0);
    return Math.max(0.5, level * (1 + growth * t) * seasonal * (1 + 0.1 * normalDeviate(random)));
  });
}

function dailySeries(random: () => number, n: number): number[] {
  const level = 20 + 200 * random();
  const weekly = [0.9, 0.95, 1, 1, 1.05, 1.3, 1.2];
  return Array.from({ length: n }, (_, t) => {
    const yearly = 1 + 0.3 * Math.sin((2 * Math.PI * t) / 365.25);
    return Math.max(0.5, level * weekly[t % 7]! * yearly * (1 + 0.15 * normalDeviate(random)));
  });
}

/** Origins for the rolling-origin calls: `count` values spread over [minOrigin, n] (repeats when the range is short). */
function origins(minOrigin: number, n: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => (count === 1 ? n : Math.round(minOrigin + ((n - minOrigin) * i) / (count - 1))));
}

function timePerSeries(all: number[][], run: (y: number[]) => void): number[] {
  const times: number[] = [];
  for (const y of all) {
    const t = performance.now();
    run(y);
    times.push(performance.now() - t);
  }
  return times;
}

function fullCandidate(periods: number[], horizon: number, etsSearch: Omit<AutoEtsOptions, 'horizon'> = {}): (y: number[]) => void {
  return (y) => {
    const fit = stlEtsForecast(y, { horizon, periods, etsSearch });
    for (const origin of origins(fit.minOrigin!, y.length, ORIGINS)) fit.fromOrigin!(origin, horizon);
  };
}

function report(label: string, all: number[][], run: (y: number[]) => void): void {
  const cold = performance.now();
  for (const y of all) run(y);
  const coldTotal = performance.now() - cold;
  const warm = timePerSeries(all, run);
  const total = warm.reduce((s, v) => s + v, 0);
  console.log(`${label}: median ${ms(median(warm), 3)} ms/series, warm total ${ms(total, 0)} ms, cold total ${ms(coldTotal, 0)} ms (${all.length} series)`);
}

const random = seededRandom(20261208);
const weekly = Array.from({ length: 1000 }, () => weeklySeries(random, 104));
const daily = Array.from({ length: 200 }, () => dailySeries(random, 730));

/** A fixed 10⁷ multiply-add loop (about 10 ms on an idle core): how loaded the machine was. */
function calibrationMs(): number {
  const a = new Float64Array(1000).map((_, i) => i * 0.001);
  let sum = 0;
  const t = performance.now();
  for (let k = 0; k < 10_000; k++) for (let i = 0; i < 1000; i++) sum += a[i]! * a[i]!;
  const elapsed = performance.now() - t;
  return sum > 0 ? elapsed : Number.NaN;
}

console.log(`node ${process.version}; one core; ${ORIGINS} fromOrigin calls per series; calibration loop (10⁷ multiply-adds) ${ms(calibrationMs(), 1)} ms`);
report('a. weekly 104 pts, [52], stlEtsForecast + 8 fromOrigin (h 13)', weekly, fullCandidate([52], 13));
report('a2. the same with etsSearch { additiveOnly: true } (3 ETS models instead of 6)', weekly, fullCandidate([52], 13, { additiveOnly: true }));
report('b. daily 730 pts, [7, 365.25], stlEtsForecast + 8 fromOrigin (h 28)', daily, fullCandidate([7, 365.25], 28));
report('c1. weekly: MSTL decomposition alone', weekly, (y) => void mstl(y, [52]));
report('c2. weekly: fromOrigin alone (8 calls at origin 104)', weekly.slice(0, 200), (() => {
  const fits = new Map<number[], ReturnType<typeof stlEtsForecast>>();
  return (y: number[]) => {
    let fit = fits.get(y);
    if (fit === undefined) {
      fit = stlEtsForecast(y, { horizon: 13, periods: [52] });
      fits.set(y, fit);
      return;
    }
    for (let i = 0; i < ORIGINS; i++) fit.fromOrigin!(104, 13);
  };
})());
report('c3. weekly: autoEts(adjusted, 1) alone', weekly, (() => {
  const adjusted = new Map<number[], Float64Array>();
  return (y: number[]) => {
    let a = adjusted.get(y);
    if (a === undefined) {
      a = mstl(y, [52]).seasonallyAdjusted;
      adjusted.set(y, a);
    }
    autoEts(a, 1, { horizon: 13 });
  };
})());
report('d. daily: MSTL decomposition alone', daily, (y) => void mstl(y, [7, 365.25]));
console.log(`calibration loop again: ${ms(calibrationMs(), 1)} ms`);
