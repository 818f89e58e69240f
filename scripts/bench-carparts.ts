/**
 * Intermittent-demand accuracy on the car-parts data (Hyndman, Koehler, Ord & Snyder 2008,
 * "Forecasting with exponential smoothing", R package expsmooth `carparts`: 2,674 monthly series,
 * Jan 1998 – Mar 2002; ../shared/data/carparts.json, first 39 months in, last 12 out, as the Monash
 * archive). Every series is forecast 12 months ahead through the public calculation
 * `forecast(ForecastInput.parse(…))` by Croston, SBA, SBJ and TSB with the default ('mean') and R's
 * ('r') initialisation, constants optimised by in-sample MSE, and by `auto`; R's own default
 * `croston(y, alpha = 0.1)` is included as "croston α=0.1 (R default)".
 *
 * Measures (core/forecast/accuracy.ts): MASE = test MAE / in-sample mean |y_t − y_{t−m}| with m = 1
 * (Hyndman & Koehler 2006 eq. 2, the usual choice for intermittent data) and m = 12 (the M3 monthly
 * convention of ../shared/data/README.md), averaged over the series whose scale is positive and
 * whose test period has a value; sMAPE as M3 (0/0 counts 0); RMSE per series, averaged (MASE
 * rewards forecasts shrunk towards 0 on intermittent data — the zero forecast scores 0.48 on the
 * subset — so a squared measure is shown next to it). A request that fails (422, e.g. an
 * interpolated gap below zero) falls back to naive for that series and is counted.
 * `--subset` restricts to the 1,046 series of Snyder, Ord & Beaumont (2012, IJF 28:485–496)
 * (flag `sob2012_subset`). Figures only: nothing is asserted.
 *
 *   npm run bench:accuracy -- --carparts [--subset]      (or: npx tsx scripts/bench-carparts.ts [--subset])
 *
 * Data directory: PEAKPLAN_M3_DIR, default <repo>/../shared/data; without carparts.json the section
 * prints why it is skipped and returns.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { meanAbsoluteScaledError, rootMeanSquaredError, symmetricMeanAbsolutePercentageError } from '../core/forecast/accuracy.js';
import { ForecastInput, forecast } from '../core/forecast/forecast.js';

interface CarpartsSeries {
  id: string;
  complete: boolean;
  sob2012_subset: boolean;
  train: (number | null)[];
  test: (number | null)[];
}

interface Variant {
  label: string;
  request: Record<string, unknown>;
}

const VARIANTS: Variant[] = [
  ...(['croston', 'sba', 'sbj', 'tsb'] as const).flatMap((method) => [
    { label: `${method} (mean init)`, request: { method } },
    { label: `${method} (r init)`, request: { method, initialization: 'r' } },
  ]),
  { label: 'croston α=0.1 (R default)', request: { method: 'croston', initialization: 'r', parameters: { alpha: 0.1 } } },
  { label: 'auto', request: { method: 'auto' } },
];

interface Tally {
  mase1: number;
  mase12: number;
  smape: number;
  rmse: number;
  countRmse: number;
  count1: number;
  count12: number;
  countSmape: number;
  fallbacks: number;
  ms: number;
  unsupported: boolean;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function carpartsSection(options: { subset?: boolean } = {}): void {
  const dataDir = process.env.PEAKPLAN_M3_DIR ? path.resolve(process.env.PEAKPLAN_M3_DIR) : path.resolve(ROOT, '..', 'shared', 'data');
  const file = path.join(dataDir, 'carparts.json');
  console.log(`\n=== car parts (intermittent demand) ${'='.repeat(54)}\n`);
  if (!existsSync(file)) {
    console.log(`skipped: ${file} not found (set PEAKPLAN_M3_DIR to the folder holding carparts.json)`);
    return;
  }
  const all = (JSON.parse(readFileSync(file, 'utf8')) as { series: CarpartsSeries[] }).series;
  const series = options.subset ? all.filter((s) => s.sob2012_subset) : all;
  console.log(`data: ${file} (${series.length} series${options.subset ? ', Snyder–Ord–Beaumont 2012 subset' : ''}; 39 months in, 12 out)`);
  const tallies = new Map<string, Tally>(VARIANTS.map((v) => [v.label, { mase1: 0, mase12: 0, smape: 0, rmse: 0, countRmse: 0, count1: 0, count12: 0, countSmape: 0, fallbacks: 0, ms: 0, unsupported: false }]));
  const chosen = new Map<string, number>();
  const started = performance.now();
  for (const s of series) {
    if (!s.train.some((v) => v !== null)) continue;
    const known = s.train.filter((v): v is number => v !== null);
    const naive = new Array<number>(12).fill(known[known.length - 1]!);
    for (const variant of VARIANTS) {
      const tally = tallies.get(variant.label)!;
      if (tally.unsupported) continue;
      const parsed = ForecastInput.safeParse({ history: s.train, horizon: 12, seasonLength: 12, ...variant.request });
      if (!parsed.success) {
        // an option this version of the engine does not have (e.g. when run on an older commit)
        tally.unsupported = true;
        continue;
      }
      const t0 = performance.now();
      let point = naive;
      try {
        const result = forecast(parsed.data);
        point = result.periods.map((p) => p.forecast);
        if (variant.label === 'auto') chosen.set(result.model, (chosen.get(result.model) ?? 0) + 1);
      } catch {
        tally.fallbacks++;
      }
      tally.ms += performance.now() - t0;
      const m1 = meanAbsoluteScaledError(s.test, point, s.train, 1);
      const m12 = meanAbsoluteScaledError(s.test, point, s.train, 12);
      const sm = symmetricMeanAbsolutePercentageError(s.test, point);
      if (Number.isFinite(m1)) {
        tally.mase1 += m1;
        tally.count1++;
      }
      if (Number.isFinite(m12)) {
        tally.mase12 += m12;
        tally.count12++;
      }
      const rm = rootMeanSquaredError(s.test, point);
      if (Number.isFinite(rm)) {
        tally.rmse += rm;
        tally.countRmse++;
      }
      if (Number.isFinite(sm)) {
        tally.smape += sm;
        tally.countSmape++;
      }
    }
  }
  const wall = (performance.now() - started) / 1000;
  const rows = [...tallies.entries()].map(([label, t]) =>
    t.unsupported
      ? `  ${label.padEnd(28)} n/a (option not in this version)`
      : `  ${label.padEnd(28)} MASE(m=1) ${(t.mase1 / t.count1).toFixed(3)} [${t.count1}]  MASE(m=12) ${(t.mase12 / t.count12).toFixed(3)} [${t.count12}]  sMAPE ${(t.smape / t.countSmape).toFixed(2)}  RMSE ${(t.rmse / t.countRmse).toFixed(3)}  fallbacks ${t.fallbacks}  ${(t.ms / Math.max(1, t.count1)).toFixed(2)} ms/series`,
  );
  console.log('method (constants by in-sample MSE unless given)   [series scored]');
  console.log(rows.join('\n'));
  const top = [...chosen.entries()].sort((a, b) => b[1] - a[1]);
  console.log(`auto chose: ${top.map(([model, n]) => `${model} ${n}`).join(', ')}`);
  console.log(`time: ${wall.toFixed(1)} s (single thread)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) carpartsSection({ subset: process.argv.includes('--subset') });
