/**
 * Promotions and stock-outs in the history, and promo windows in the future.
 *
 * Past promo and stock-out periods must not distort the baseline: they are treated as missing and
 * filled like any other gap. Filling follows R `forecast::na.interp` (Hyndman & Athanasopoulos,
 * FPP 2nd ed. §12.9): linear interpolation for non-seasonal series; for seasonal series with at
 * least two full seasons, the seasonal pattern is estimated from the known points (deviations from
 * a centred moving average, averaged by season position) and the seasonally adjusted series is
 * interpolated linearly, then reseasonalised. The uplift of a past promo is actual ÷ baseline over
 * its window (the standard "lift" of promotion analytics, e.g. Cooper et al. 1999, "PromoCast",
 * Marketing Science 18:301–316). Future windows multiply the baseline forecast and its interval
 * bounds by the uplift; optional pre-event (pull-forward) and post-event (hangover) windows
 * multiply the periods just before and after (Van Heerde, Leeflang & Wittink 2004 on
 * pre- and post-promotion dips).
 */

export interface PastEvent {
  /** First and last period of the event, 0-based indexes into the history, inclusive. */
  start: number;
  end: number;
  kind: 'promo' | 'stockout';
  label?: string;
}

export interface FutureEvent {
  /** First and last forecast period (1 = the first period after the history), inclusive. */
  start: number;
  end: number;
  /** Demand multiplier during the event; when absent, the uplift learned from past promos. */
  uplift?: number;
  /** Periods before the event whose demand is multiplied by `preFactor` (pull-forward dip). */
  prePeriods?: number;
  preFactor?: number;
  /** Periods after the event whose demand is multiplied by `postFactor` (hangover dip). */
  postPeriods?: number;
  postFactor?: number;
  label?: string;
}

export interface MeasuredUplift {
  start: number;
  end: number;
  label?: string;
  actual: number;
  baseline: number;
  uplift: number;
}

/** Linear interpolation of missing values; leading/trailing gaps take the nearest known value. */
export function interpolateLinear(values: ReadonlyArray<number | null>): number[] {
  const out = new Array<number>(values.length);
  let previous = -1;
  for (let i = 0; i <= values.length; i++) {
    const v = i < values.length ? values[i] : undefined;
    if (i < values.length && (v === null || v === undefined)) continue;
    const right = i < values.length ? (v as number) : undefined;
    const left = previous >= 0 ? (values[previous] as number) : undefined;
    for (let j = previous + 1; j < i; j++) {
      if (left === undefined) out[j] = right!;
      else if (right === undefined) out[j] = left;
      else out[j] = left + ((right - left) * (j - previous)) / (i - previous);
    }
    if (i < values.length) {
      out[i] = right!;
      previous = i;
    }
  }
  return out;
}

/** Seasonal index by position (additive), from the known points' deviation from a centred moving average. */
function seasonalIndex(filled: readonly number[], known: readonly boolean[], m: number): number[] {
  const n = filled.length;
  const half = Math.floor(m / 2);
  const sums = new Array<number>(m).fill(0);
  const counts = new Array<number>(m).fill(0);
  for (let t = half; t < n - half; t++) {
    if (!known[t]) continue;
    // centred moving average of order m (2×m when m is even)
    let s = 0;
    if (m % 2 === 1) {
      for (let k = -half; k <= half; k++) s += filled[t + k]!;
      s /= m;
    } else {
      for (let k = -half + 1; k < half; k++) s += filled[t + k]!;
      s = (s + 0.5 * (filled[t - half]! + filled[t + half]!)) / m;
    }
    sums[t % m]! += filled[t]! - s;
    counts[t % m]! += 1;
  }
  const index = sums.map((s, i) => (counts[i]! > 0 ? s / counts[i]! : 0));
  const mean = index.reduce((a, b) => a + b, 0) / m;
  return index.map((v) => v - mean);
}

/** Fills missing values (null) as forecast::na.interp does; `seasonLength` 1 means linear only. */
export function fillMissing(values: ReadonlyArray<number | null>, seasonLength: number): number[] {
  const known = values.map((v) => v !== null);
  const linear = interpolateLinear(values);
  if (seasonLength <= 1 || values.length < 2 * seasonLength || known.every(Boolean)) return linear;
  const index = seasonalIndex(linear, known, seasonLength);
  const adjusted = values.map((v, t) => (v === null ? null : v - index[t % seasonLength]!));
  return interpolateLinear(adjusted).map((v, t) => (known[t] ? (values[t] as number) : v + index[t % seasonLength]!));
}

/** History with promo and stock-out periods removed (null), ready for filling. */
export function maskEvents(values: ReadonlyArray<number | null>, events: readonly PastEvent[]): Array<number | null> {
  const masked = [...values];
  for (const e of events) for (let t = Math.max(0, e.start); t <= Math.min(values.length - 1, e.end); t++) masked[t] = null;
  return masked;
}

/**
 * Uplift of each past promo: actual ÷ baseline over its (known) periods. A promo whose actual is
 * ≤ 0 (returns exceeding sales, bad data) or whose baseline is ≤ 0 measures nothing and is left
 * out, so no uplift is ever ≤ 0.
 */
export function measureUplifts(values: ReadonlyArray<number | null>, baseline: readonly number[], events: readonly PastEvent[]): MeasuredUplift[] {
  const out: MeasuredUplift[] = [];
  for (const e of events) {
    if (e.kind !== 'promo') continue;
    let actual = 0;
    let base = 0;
    for (let t = Math.max(0, e.start); t <= Math.min(values.length - 1, e.end); t++) {
      const v = values[t];
      if (v === null || v === undefined) continue;
      actual += v;
      base += baseline[t]!;
    }
    if (base > 0 && actual > 0) out.push({ start: e.start, end: e.end, ...(e.label ? { label: e.label } : {}), actual, baseline: base, uplift: actual / base });
  }
  return out;
}

/** The uplift learned from past promos: their pooled ratio Σ actual ÷ Σ baseline (undefined when none). */
export function learnedUplift(measured: readonly MeasuredUplift[]): number | undefined {
  const base = measured.reduce((a, m) => a + m.baseline, 0);
  return base > 0 ? measured.reduce((a, m) => a + m.actual, 0) / base : undefined;
}

/**
 * Multipliers per forecast period (index 0 = period 1) from future events; later events override
 * earlier ones on overlapping periods; pre/post windows never override an event period.
 */
export function eventMultipliers(horizon: number, events: readonly FutureEvent[], fallbackUplift: number | undefined): { multipliers: number[]; missingUplift: FutureEvent[] } {
  const multipliers = new Array<number>(horizon).fill(1);
  const inEvent = new Array<boolean>(horizon).fill(false);
  const missingUplift: FutureEvent[] = [];
  const set = (period: number, factor: number, isEvent: boolean) => {
    const i = period - 1;
    if (i < 0 || i >= horizon || (!isEvent && inEvent[i])) return;
    multipliers[i] = factor;
    if (isEvent) inEvent[i] = true;
  };
  for (const e of events) {
    const uplift = e.uplift ?? fallbackUplift;
    if (uplift === undefined) missingUplift.push(e);
    else for (let p = e.start; p <= e.end; p++) set(p, uplift, true);
  }
  for (const e of events) {
    for (let k = 1; k <= (e.prePeriods ?? 0); k++) set(e.start - k, e.preFactor ?? 1, false);
    for (let k = 1; k <= (e.postPeriods ?? 0); k++) set(e.end + k, e.postFactor ?? 1, false);
  }
  return { multipliers, missingUplift };
}
