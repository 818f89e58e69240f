/** Percentile by linear interpolation between closest ranks (p in [0, 100]) of an ascending array. */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const rank = (p / 100) * (n - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (b - a) * (rank - lo);
}

export function percentile(values: ArrayLike<number>, p: number): number {
  return percentileSorted(Float64Array.from(values).sort(), p);
}

export const median = (values: ArrayLike<number>): number => percentile(values, 50);

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((s, v) => s + v, 0) / values.length;
}

export const ms = (v: number, digits = 1): string => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');
export const ratio = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(2)}x` : 'n/a');

/** Runs `run` once cold, then `warmRuns` times; the first result, its time and the warm times' median and best (ms). */
export function timeRuns<T>(run: () => T, warmRuns: number): { first: T; coldMs: number; medianMs: number; bestMs: number } {
  let t = performance.now();
  const first = run();
  const coldMs = performance.now() - t;
  const times: number[] = [];
  for (let i = 0; i < warmRuns; i++) {
    t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  return { first, coldMs, medianMs: median(times), bestMs: Math.min(...times) };
}
