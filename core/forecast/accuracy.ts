/**
 * Point-forecast accuracy measures for a hold-out period.
 *
 * Sources:
 * - MAE, RMSE, MAPE and MASE as defined by Hyndman & Koehler (2006), "Another look at measures of
 *   forecast accuracy", International Journal of Forecasting 22:679–688, §3:
 *   MAE = mean |e_t|, RMSE = √(mean e_t²), MAPE = mean 100·|e_t / y_t|,
 *   MASE = mean |q_t| with q_t = e_t / ((1/(n − m))·Σ_{i=m+1}^{n} |Y_i − Y_{i−m}|), the scale being the
 *   in-sample mean absolute error of the (seasonal) naive method; m = 1 gives their eq. (2),
 *   the seasonal lag m the seasonal version (Hyndman & Athanasopoulos, FPP 2nd ed. §3.4).
 * - sMAPE as scored in the M3 competition (Makridakis & Hibon 2000, IJF 16:451–476, eq. in §3):
 *   sMAPE = mean 200·|y_t − f_t| / (|y_t| + |f_t|), with absolute values in the denominator as in
 *   the R package Mcomp's vignette "Forecast comparisons using the Mcomp package" (Hyndman); a
 *   term with y_t = f_t = 0 counts as 0 (0/0 := 0, a perfect forecast of a zero).
 * - M3 seasonal lag for the MASE scale: 1 for yearly and "other", 4 quarterly, 12 monthly (the
 *   convention of the Mcomp vignette and of ../shared/data/README.md).
 *
 * Every measure takes the actual values and the forecasts pairwise and ignores a pair when either
 * side is missing (`null`, `undefined`) or not finite (NaN, ±Infinity); with no usable pair the
 * result is NaN. O(n), no allocation.
 */

/** A series as the measures accept it: numbers, with `null` (or NaN) for a missing period. */
export type SeriesValues = ArrayLike<number | null | undefined>;

/** M3 competition categories and their seasonal lag for the MASE scale. */
export type M3Category = 'yearly' | 'quarterly' | 'monthly' | 'other';

/** Lag m of the MASE scale under the M3 convention (Mcomp vignette): yearly/other 1, quarterly 4, monthly 12. */
export function m3SeasonLength(category: M3Category): 1 | 4 | 12 {
  switch (category) {
    case 'quarterly':
      return 4;
    case 'monthly':
      return 12;
    case 'yearly':
    case 'other':
      return 1;
  }
}

/** The value at i when it is a finite number, else NaN. */
function valueAt(series: SeriesValues, index: number): number {
  const value = series[index];
  return typeof value === 'number' && Number.isFinite(value) ? value : Number.NaN;
}

function pairCount(actual: SeriesValues, forecast: SeriesValues): number {
  if (actual.length !== forecast.length)
    throw new RangeError(`actual and forecast must have the same length, got ${actual.length} and ${forecast.length}`);
  return actual.length;
}

/**
 * Mean of term(y, f) over the usable pairs (both values finite), NaN when there are none or when
 * a term is NaN (MAPE at y = 0).
 */
function meanOverPairs(actual: SeriesValues, forecast: SeriesValues, term: (y: number, f: number) => number): number {
  const length = pairCount(actual, forecast);
  let sum = 0;
  let count = 0;
  for (let t = 0; t < length; t++) {
    const y = valueAt(actual, t);
    const f = valueAt(forecast, t);
    if (Number.isNaN(y) || Number.isNaN(f)) continue;
    sum += term(y, f);
    count++;
  }
  return count === 0 ? Number.NaN : sum / count;
}

/** Mean absolute error, mean |y − f| over usable pairs (Hyndman & Koehler 2006, §3.1). @example meanAbsoluteError([1, 2], [2, 4]) // 1.5 */
export function meanAbsoluteError(actual: SeriesValues, forecast: SeriesValues): number {
  return meanOverPairs(actual, forecast, (y, f) => Math.abs(y - f));
}

/** Root mean squared error, √(mean (y − f)²) over usable pairs (Hyndman & Koehler 2006, §3.1). @example rootMeanSquaredError([1, 2], [2, 4]) // 1.5811388300841898 */
export function rootMeanSquaredError(actual: SeriesValues, forecast: SeriesValues): number {
  return Math.sqrt(meanOverPairs(actual, forecast, (y, f) => (y - f) * (y - f)));
}

/**
 * Symmetric MAPE of the M3 competition, in percent: mean 200·|y − f| / (|y| + |f|), with 0/0 := 0
 * (Makridakis & Hibon 2000; absolute denominators as in the Mcomp vignette). Bounded by 200.
 * @example symmetricMeanAbsolutePercentageError([100, 0], [110, 0]) // 4.761904761904762
 */
export function symmetricMeanAbsolutePercentageError(actual: SeriesValues, forecast: SeriesValues): number {
  return meanOverPairs(actual, forecast, (y, f) => {
    const denominator = Math.abs(y) + Math.abs(f);
    return denominator > 0 ? (200 * Math.abs(y - f)) / denominator : 0;
  });
}

/**
 * Mean absolute percentage error in percent, mean 100·|y − f| / |y| (Hyndman & Koehler 2006,
 * §3.2). MAPE is undefined when an actual value is 0 (their §3.2), so the result is NaN when any
 * usable pair has y = 0 — e.g. for every intermittent series.
 * @example meanAbsolutePercentageError([100, 200], [110, 180]) // 10
 */
export function meanAbsolutePercentageError(actual: SeriesValues, forecast: SeriesValues): number {
  return meanOverPairs(actual, forecast, (y, f) => (y === 0 ? Number.NaN : (100 * Math.abs(y - f)) / Math.abs(y)));
}

/**
 * The MASE scale: in-sample mean absolute (seasonal) difference (1/(n − m))·Σ |y_t − y_{t−m}|
 * (Hyndman & Koehler 2006, §3.4), over the pairs (t, t − m) where both values are present.
 * NaN when no such pair exists (history shorter than m + 1).
 * @example maseScale([1, 3, 2, 6], 1) // 2.3333333333333335
 */
export function maseScale(insample: SeriesValues, seasonLength: number): number {
  if (!Number.isInteger(seasonLength) || seasonLength < 1) throw new RangeError(`seasonLength must be an integer ≥ 1, got ${seasonLength}`);
  let sum = 0;
  let count = 0;
  for (let t = seasonLength; t < insample.length; t++) {
    const difference = valueAt(insample, t) - valueAt(insample, t - seasonLength);
    if (Number.isNaN(difference)) continue;
    sum += Math.abs(difference);
    count++;
  }
  return count === 0 ? Number.NaN : sum / count;
}

/**
 * Mean absolute scaled error: out-of-sample MAE divided by {@link maseScale} of the history
 * (Hyndman & Koehler 2006, §3.4; lag m per {@link m3SeasonLength} for the M3 convention).
 * Infinity when the history is constant at lag m (scale 0) and the forecast errs; NaN when both are 0.
 * @example meanAbsoluteScaledError([5, 7], [6, 6], [1, 3, 2, 6], 1) // 0.42857142857142855
 */
export function meanAbsoluteScaledError(actual: SeriesValues, forecast: SeriesValues, insample: SeriesValues, seasonLength: number): number {
  return meanAbsoluteError(actual, forecast) / maseScale(insample, seasonLength);
}

/** All the measures of this module for one hold-out period. */
export interface AccuracyMeasures {
  /** Number of usable (actual, forecast) pairs. */
  count: number;
  mae: number;
  rmse: number;
  /** Percent; NaN when an actual is 0. */
  mape: number;
  /** Percent, M3 definition. */
  smape: number;
  /** NaN when no history is given. */
  mase: number;
}

/**
 * Every measure at once. `insample` (the history the forecast was made from) and `seasonLength`
 * (default 1) give the MASE scale.
 * @example forecastAccuracy([5, 7], [6, 6], { insample: [1, 3, 2, 6] }).mase // 0.42857142857142855
 */
export function forecastAccuracy(actual: SeriesValues, forecast: SeriesValues, options: { insample?: SeriesValues; seasonLength?: number } = {}): AccuracyMeasures {
  const length = pairCount(actual, forecast);
  let count = 0;
  for (let t = 0; t < length; t++) if (!Number.isNaN(valueAt(actual, t) - valueAt(forecast, t))) count++;
  const mae = meanAbsoluteError(actual, forecast);
  return {
    count,
    mae,
    rmse: rootMeanSquaredError(actual, forecast),
    mape: meanAbsolutePercentageError(actual, forecast),
    smape: symmetricMeanAbsolutePercentageError(actual, forecast),
    mase: options.insample === undefined ? Number.NaN : mae / maseScale(options.insample, options.seasonLength ?? 1),
  };
}

/**
 * In-sample accuracy of one-step fitted values: {@link forecastAccuracy} of `fitted` against the
 * history itself, MASE scaled by the history's own mean absolute lag-m difference (the in-sample
 * seasonal naive error, Hyndman & Koehler 2006, §3.4). Undefined fitted values (NaN) are skipped.
 * @example accuracyMeasures([1, 3, 2, 6], [NaN, 1, 3, 2], 1).mase // 1
 */
export function accuracyMeasures(history: SeriesValues, fitted: SeriesValues, seasonLength = 1): AccuracyMeasures {
  return forecastAccuracy(history, fitted, { insample: history, seasonLength });
}
