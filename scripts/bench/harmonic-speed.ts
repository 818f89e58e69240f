/**
 * Speed of the dynamic harmonic regression candidate (core/forecast/harmonic.ts), figures only
 * (nothing is asserted): 1,000 seeded random weekly series × 104 points (level + yearly
 * seasonality with a peak + trend + AR(1) noise), each a full fit (K, d, p and trend searched,
 * horizon 13) plus 8 `fromOrigin` calls (origins n − 20 … n − 13, horizon 13), as the rolling-origin
 * selection calls it. Prints the median and the mean time per series over 3 passes after a warm-up
 * pass, then one pass with `mlRefits: 1`, and the machine's cross-product rate (to scale the figure
 * on a shared machine). Target: ≤ 0.5 ms per series on one core.
 *
 *   npx tsx scripts/bench/harmonic-speed.ts
 */
import { performance } from 'node:perf_hooks';
import { DHR_ML_REFITS, harmonicRegressionForecast } from '../../core/forecast/harmonic.js';
import { normalDeviate, seededRandom } from '../../core/stats/random.js';

const SERIES = 1000;
const WEEKS = 104;
const HORIZON = 13;
const ORIGINS = 8;
const PASSES = 3;
const PERIOD = 365.25 / 7;

function weeklySeries(seed: number): number[] {
  const random = seededRandom(seed);
  const level = 50 + 200 * random();
  const amplitude = level * 0.4 * random();
  const peakWeek = 40 + 8 * random();
  const slope = (random() - 0.5) * 0.01 * level;
  let noise = 0;
  return Array.from({ length: WEEKS }, (_, t) => {
    noise = 0.5 * noise + 0.1 * level * normalDeviate(random);
    const distance = Math.min(Math.abs((t % PERIOD) - peakWeek), PERIOD - Math.abs((t % PERIOD) - peakWeek));
    return Math.max(0, level + slope * t + amplitude * Math.exp(-(distance * distance) / 8) + noise);
  });
}

const series = Array.from({ length: SERIES }, (_, i) => weeklySeries(1000 + i));
let checksum = 0;
function runPass(mlRefits?: number): number[] {
  const times: number[] = [];
  for (const y of series) {
    const start = performance.now();
    const fit = harmonicRegressionForecast(y, { horizon: HORIZON, periods: [PERIOD], ...(mlRefits ? { mlRefits } : {}) });
    checksum += fit.forecast[0]!;
    for (let o = 0; o < ORIGINS; o++) checksum += fit.fromOrigin(WEEKS - HORIZON - 7 + o, HORIZON)[0]!;
    times.push(performance.now() - start);
  }
  return times;
}

const median = (values: number[]): number => {
  const sorted = values.slice().sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * Machine speed, to scale the figure on a shared machine: multiply-adds per second of the dense
 * k × k cross-product loop that dominates the fit (k = 26, 104 rows), after its own warm-up.
 */
function crossProductRate(): number {
  const rows = 104;
  const k = 26;
  const random = seededRandom(1);
  const w = Float64Array.from({ length: rows * k }, () => random());
  const a = new Float64Array(k * k);
  const repeat = (count: number): void => {
    for (let rep = 0; rep < count; rep++)
      for (let t = 0; t < rows; t++) {
        const r = t * k;
        for (let i = 0; i < k; i++) {
          const wi = w[r + i]!;
          for (let j = 0; j < k; j++) a[i * k + j] = a[i * k + j]! + wi * w[r + j]!;
        }
      }
  };
  repeat(200);
  const start = performance.now();
  repeat(2000);
  checksum += a[0]!;
  return (2000 * rows * k * k) / ((performance.now() - start) * 1000);
}

runPass(); // warm-up (JIT)
const perSeriesMedians: number[] = [];
const passTotals: number[] = [];
for (let pass = 0; pass < PASSES; pass++) {
  const times = runPass();
  perSeriesMedians.push(median(times));
  passTotals.push(times.reduce((a, b) => a + b, 0));
}
const oneRefit = median(runPass(1));
const methods = new Map<string, number>();
for (const y of series.slice(0, 200)) {
  const label = harmonicRegressionForecast(y, { horizon: HORIZON, periods: [PERIOD] }).method.replace(/K=\d+/, 'K=·');
  methods.set(label, (methods.get(label) ?? 0) + 1);
}
console.log(`harmonic regression: ${SERIES} weekly series × ${WEEKS} points, full fit + ${ORIGINS} fromOrigin (horizon ${HORIZON}), ${PASSES} warm passes`);
console.log(`  median per series ${median(perSeriesMedians).toFixed(3)} ms; mean per series ${(median(passTotals) / SERIES).toFixed(3)} ms; ${(median(passTotals) / 1000).toFixed(2)} s per 1,000 series (target ≤ 0.5 ms per series)`);
console.log(`  with one ML refit instead of ${DHR_ML_REFITS} (option mlRefits: 1): median per series ${oneRefit.toFixed(3)} ms (one pass)`);
console.log(`  machine: ${crossProductRate().toFixed(0)} million multiply-adds/s on the k × k cross-product loop (an idle core does several hundred to ~1,000)`);
console.log(`  models chosen on the first 200: ${[...methods].map(([m, c]) => `${m} ×${c}`).join('; ')}`);
console.log(`  (checksum ${checksum.toFixed(3)})`);
