/**
 * The forecast calculation: history in, point forecasts with prediction intervals, fitted values,
 * parameters, states, information criteria, in-sample accuracy and window sums out, with past
 * promotions and stock-outs cleaned out of the baseline and future promo windows applied.
 *
 * Methods are fitted by ./methods.ts (ETS family, naive family, moving average, Theta, Croston
 * family); this file validates, cleans, labels and assembles. Sources are cited where each
 * formula lives (methods, intervals.ts, promo.ts, accuracy.ts).
 */
import * as z from 'zod';
import { defineCalculation, type ResultTable } from '../calculation.js';
import { provenance, crossField } from '../schema.js';
import { seededRandom } from '../stats/random.js';
import { accuracyMeasures } from './accuracy.js';
import { addPeriods, defaultSeasonLength, isIsoDate } from './calendar.js';
import { predictionIntervals, samplePaths, windowSum } from './intervals.js';
import { FORECAST_METHODS, fitForecast } from './methods.js';
import { eventMultipliers, fillMissing, learnedUplift, maskEvents, measureUplifts } from './promo.js';

/** Longest history accepted (ten years of days is 3,650). */
export const MAX_HISTORY = 5000;
export const MAX_HORIZON = 1000;

const value = z.number().min(-1e12).max(1e12);
const smoothing = (description: string) => z.number().gt(0).lt(1).meta({ description });
const historyIndex = z.int().min(0).max(MAX_HISTORY - 1);
const horizonPeriod = z.int().min(1).max(MAX_HORIZON);

const PastEventSchema = z
  .strictObject({
    start: historyIndex.meta({ description: 'First period of the event: 0-based index into history.' }),
    end: historyIndex.meta({ description: 'Last period (inclusive).' }),
    kind: z.enum(['promo', 'stockout']).meta({ description: 'promo: demand was lifted (uplift measured); stockout: demand was censored.' }),
    label: z.string().max(100).optional(),
  })
  .refine((e) => e.end >= e.start, { message: 'end must not be before start', path: ['end'] })
  .meta({ id: 'PastEvent' });

const FutureEventSchema = z
  .strictObject({
    start: horizonPeriod.meta({ description: 'First forecast period of the event (1 = first period after the history).' }),
    end: horizonPeriod.meta({ description: 'Last forecast period (inclusive).' }),
    uplift: z.number().gt(0).max(1000).optional().meta({ description: 'Demand multiplier during the event; default: learned from past promos.' }),
    prePeriods: z.int().min(0).max(100).optional().meta({ description: 'Periods before the event with pulled-forward (lower) demand.' }),
    preFactor: z.number().gt(0).max(10).optional().meta({ description: 'Multiplier for those periods, e.g. 0.8.' }),
    postPeriods: z.int().min(0).max(100).optional().meta({ description: 'Periods after the event with a hangover dip.' }),
    postFactor: z.number().gt(0).max(10).optional().meta({ description: 'Multiplier for those periods, e.g. 0.7.' }),
    label: z.string().max(100).optional(),
  })
  .refine((e) => e.end >= e.start, { message: 'end must not be before start', path: ['end'] })
  .meta({ id: 'FutureEvent' });

export const ForecastInput = z
  .strictObject({
    history: z
      .array(value.nullable())
      .min(1)
      .max(MAX_HISTORY)
      .meta({ description: `Past demand per period, oldest first; null for a missing period. At most ${MAX_HISTORY} points; with simulations × horizon they must fit the work budget (about 5 s of computing: 413 request.too-much-work).` }),
    horizon: horizonPeriod.meta({ description: `Periods to forecast (1..${MAX_HORIZON}).` }),
    method: z.enum(FORECAST_METHODS).default('auto').meta({ description: 'Forecasting method; auto chooses and reports why.' }),
    frequency: z.enum(['day', 'week', 'month']).optional().meta({ description: 'Period length; labels periods with dates (with start) and sets the default season length (7, 52, 12).' }),
    start: z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD').optional().meta({ description: 'Date (YYYY-MM-DD) of the first history period.' }),
    seasonLength: z.int().min(1).max(366).optional().meta({ description: 'Season length m (1 = none); default from frequency, else 1.' }),
    ets: z
      .strictObject({
        error: z.enum(['A', 'M']),
        trend: z.enum(['N', 'A', 'M']),
        damped: z.boolean().default(false),
        season: z.enum(['N', 'A', 'M']),
      })
      .optional()
      .meta({ description: "ETS model for method 'ets' (FPP notation ETS(error, trend, season))." }),
    parameters: z
      .strictObject({
        alpha: smoothing('Level smoothing α.').optional(),
        beta: smoothing('Trend smoothing β (= α·β*, FPP notation).').optional(),
        gamma: smoothing('Seasonal smoothing γ.').optional(),
        phi: z.number().gt(0).max(1).optional().meta({ description: 'Damping φ.' }),
        window: z.int().min(1).max(MAX_HISTORY).optional().meta({ description: 'Moving-average window.' }),
      })
      .default({})
      .meta({ description: 'Fixed parameters; the others are estimated.' }),
    initialStates: z
      .strictObject({
        level: value.optional(),
        trend: value.optional(),
        seasonal: z.array(value).max(366).optional().meta({ description: 'Initial seasonal states, oldest first (m values).' }),
        size: z.number().gt(0).max(1e12).optional().meta({ description: 'Croston family and TSB: initial demand size estimate.' }),
        interval: z.number().min(1).max(MAX_HISTORY).optional().meta({ description: 'Croston family: initial inter-demand interval estimate (periods).' }),
        probability: z.number().gt(0).max(1).optional().meta({ description: 'TSB: initial demand probability estimate.' }),
      })
      .default({})
      .meta({ description: 'Known initial states; the others are estimated.' }),
    levels: z.array(z.number().gt(0).lt(100)).max(5).default([80, 95]).meta({ description: 'Prediction interval levels in percent.' }),
    seed: z.int().min(0).max(4294967295).default(1).meta({ description: 'Seed of the simulation (simulated intervals and window sums).' }),
    simulations: z.int().min(100).max(10000).default(1000).meta({ description: 'Sample paths for simulated intervals and window sums.' }),
    windows: z
      .array(z.strictObject({ start: horizonPeriod, end: horizonPeriod }).meta({ id: 'ForecastWindow' }))
      .max(50)
      .default([])
      .meta({ description: 'Forecast windows (1-based periods, inclusive) whose total demand and its standard deviation you need, e.g. the promo window for safety stock.' }),
    pastEvents: z.array(PastEventSchema).max(200).default([]).meta({ description: 'Past promotions and stock-outs to clean out of the baseline.' }),
    futureEvents: z.array(FutureEventSchema).max(50).default([]).meta({ description: 'Future promo windows with their uplift (given or learned).' }),
  })
  .superRefine((input, ctx) => {
    if (input.history.every((v) => v === null)) ctx.addIssue({ code: 'custom', path: ['history'], message: 'history needs at least one known value' });
    if (input.method === 'ets' && !input.ets) ctx.addIssue({ code: 'custom', path: ['ets'], message: "method 'ets' needs the ets model (error, trend, season)" });
    input.pastEvents.forEach((e, i) => {
      if (e.end >= input.history.length) ctx.addIssue({ code: 'custom', path: ['pastEvents', i, 'end'], message: `must be below the history length ${input.history.length}` });
    });
    input.futureEvents.forEach((e, i) => {
      if (e.end > input.horizon) ctx.addIssue({ code: 'custom', path: ['futureEvents', i, 'end'], message: `must not exceed the horizon ${input.horizon}` });
    });
    input.windows.forEach((w, i) => {
      if (w.end < w.start) ctx.addIssue({ code: 'custom', path: ['windows', i, 'end'], message: 'end must not be before start' });
      if (w.end > input.horizon) ctx.addIssue({ code: 'custom', path: ['windows', i, 'end'], message: `must not exceed the horizon ${input.horizon}` });
    });
  }, crossField)
  .meta({ id: 'ForecastInput', description: 'A demand history and what to forecast.' });
export type ForecastInput = z.output<typeof ForecastInput>;

const Bounds = z.record(z.string(), z.number()).meta({ description: 'By level in percent, e.g. {"80": 12.3, "95": 10.1}.' });

export const ForecastResult = z
  .strictObject({
    ...provenance,
    model: z.string().meta({ description: 'The fitted model, e.g. ETS(A,Ad,N) or SBA.' }),
    selection: z
      .strictObject({
        criterion: z.string(),
        reason: z.string(),
        candidates: z.array(z.strictObject({ method: z.string(), score: z.number() })),
      })
      .optional()
      .meta({ description: 'For method auto: the candidates and why the model was chosen.' }),
    demandClass: z
      .strictObject({ adi: z.number(), cv2: z.number(), class: z.enum(['smooth', 'erratic', 'intermittent', 'lumpy']) })
      .optional()
      .meta({ description: 'Syntetos–Boylan classification of the history (ADI cut-off 1.32, CV² 0.49).' }),
    seasonLength: z.number(),
    intervalMethod: z.enum(['analytical', 'simulated', 'none']),
    periods: z.array(
      z.strictObject({
        period: z.number(),
        date: z.string().optional(),
        forecast: z.number(),
        baseline: z.number().meta({ description: 'Forecast before future promo multipliers.' }),
        lower: Bounds,
        upper: Bounds,
      }),
    ),
    fittedStart: z.number().meta({ description: 'Index of the first history period with a fitted value (earlier ones have none).' }),
    fitted: z.array(z.number()).meta({ description: 'One-step fitted values from fittedStart on.' }),
    residuals: z.array(z.number()).meta({ description: 'history − fitted from fittedStart on (cleaned history where events were removed).' }),
    parameters: z.record(z.string(), z.number()),
    states: z.strictObject({ initial: z.record(z.string(), z.union([z.number(), z.array(z.number())])), final: z.record(z.string(), z.union([z.number(), z.array(z.number())])) }),
    sigma2: z.number(),
    informationCriteria: z.strictObject({ logLik: z.number(), aic: z.number(), aicc: z.number(), bic: z.number() }).optional(),
    accuracy: z
      .strictObject({ mae: z.number(), rmse: z.number(), smape: z.number(), mase: z.number().optional() })
      .meta({ description: 'In-sample one-step accuracy; MASE scaled by the seasonal naive in-sample error.' }),
    windows: z.array(z.strictObject({ start: z.number(), end: z.number(), sum: z.number(), stdDev: z.number(), basis: z.enum(['simulated', 'independent-errors']) })),
    horizonTotal: z
      .strictObject({ sum: z.number(), stdDev: z.number(), basis: z.enum(['simulated', 'independent-errors']) })
      .meta({ description: 'Total over the horizon. Its stdDev is simulated (correlation kept) when windows are requested or intervals are simulated; otherwise √Σσ²_h, which ignores the correlation between periods: add a window 1..horizon for the exact figure.' }),
    uplifts: z
      .array(z.strictObject({ start: z.number(), end: z.number(), label: z.string().optional(), actual: z.number(), baseline: z.number(), uplift: z.number() }))
      .meta({ description: 'Measured uplift of each past promo (actual ÷ baseline).' }),
    learnedUplift: z.number().optional().meta({ description: 'Pooled uplift of past promos, used for future events without their own.' }),
  })
  .meta({ id: 'ForecastResult' });
export type ForecastResult = z.output<typeof ForecastResult>;

const finiteOr = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : undefined);

/**
 * Forecast one series.
 * @example forecast(ForecastInput.parse({ history: [10, 12, 11, 13], horizon: 2, method: 'naive' })).periods[0].forecast // 13
 */
export function forecast(input: ForecastInput): ForecastResult {
  const seasonLength = input.seasonLength ?? defaultSeasonLength(input.frequency);
  const warnings: string[] = [];
  let masked = maskEvents(input.history, input.pastEvents);
  if (masked.every((v) => v === null)) {
    warnings.push('The events cover every known period: fitted on the history as it is.');
    masked = [...input.history];
  }
  const baselineHistory = fillMissing(masked, seasonLength);
  const missing = input.history.filter((v) => v === null).length;
  if (missing > 0) warnings.push(`${missing} missing period(s) filled by interpolation before fitting.`);
  const uplifts = measureUplifts(input.history, baselineHistory, input.pastEvents);
  const pooled = learnedUplift(uplifts);

  const fitted = fitForecast(baselineHistory, {
    method: input.method,
    seasonLength,
    horizon: input.horizon,
    ets: input.ets,
    parameters: input.parameters,
    initialStates: input.initialStates,
    warnings,
  });
  const fit = fitted.fit;
  const random = seededRandom(input.seed);
  // Sample paths are drawn when the intervals need them (no analytical variance) or when window
  // sums are asked for: paths keep the correlation between periods that a sum needs. Drawing them
  // is most of the cost of a forecast, so the horizon total of a request without windows uses
  // the per-period variances (labelled independent-errors).
  const paths = !fit.forecastVariance || input.windows.length > 0 ? samplePaths(fit, input.simulations, random) : undefined;
  const { intervals, method: intervalMethod } = predictionIntervals(fit, input.levels, paths);

  const { multipliers, missingUplift } = eventMultipliers(input.horizon, input.futureEvents, pooled);
  for (const e of missingUplift)
    warnings.push(`Future event at periods ${e.start}–${e.end} has no uplift and no past promo to learn one from: forecast left at baseline.`);
  const nonNegative = baselineHistory.every((v) => v >= 0);
  const clamp = (v: number) => (nonNegative ? Math.max(0, v) : v);

  const periods = fit.forecast.map((f, i) => {
    const lower: Record<string, number> = {};
    const upper: Record<string, number> = {};
    for (const [level, iv] of intervals) {
      lower[String(level)] = clamp(iv.lower[i]! * multipliers[i]!);
      upper[String(level)] = clamp(iv.upper[i]! * multipliers[i]!);
    }
    return {
      period: i + 1,
      ...(input.start && input.frequency ? { date: addPeriods(input.start, input.frequency, input.history.length + i) } : {}),
      forecast: clamp(f * multipliers[i]!),
      baseline: clamp(f),
      lower,
      upper,
    };
  });

  let fittedStart = fit.fitted.findIndex((v) => Number.isFinite(v));
  if (fittedStart < 0) fittedStart = fit.fitted.length;
  const total = windowSum(fit, 1, input.horizon, multipliers, paths);
  const accuracy = accuracyMeasures(baselineHistory, fit.fitted, seasonLength);
  const ic = fit.logLik !== undefined && fit.aic !== undefined && fit.aicc !== undefined && fit.bic !== undefined ? { logLik: fit.logLik, aic: fit.aic, aicc: fit.aicc, bic: fit.bic } : undefined;

  return {
    method: fitted.method,
    formula: fitted.formula,
    warnings,
    model: fit.method,
    ...(fitted.selection ? { selection: fitted.selection } : {}),
    ...(fitted.demandClass ? { demandClass: fitted.demandClass } : {}),
    seasonLength,
    intervalMethod,
    periods,
    fittedStart,
    fitted: fit.fitted.slice(fittedStart).map((v) => (Number.isFinite(v) ? v : 0)),
    residuals: fit.residuals.slice(fittedStart).map((v) => (Number.isFinite(v) ? v : 0)),
    parameters: Object.fromEntries(Object.entries(fit.parameters).filter(([, v]) => Number.isFinite(v))),
    states: fit.states,
    sigma2: Number.isFinite(fit.sigma2) ? fit.sigma2 : 0,
    ...(ic && Object.values(ic).every(Number.isFinite) ? { informationCriteria: ic } : {}),
    accuracy: { mae: accuracy.mae, rmse: accuracy.rmse, smape: accuracy.smape, ...(finiteOr(accuracy.mase) !== undefined ? { mase: accuracy.mase! } : {}) },
    windows: input.windows.map((w) => windowSum(fit, w.start, w.end, multipliers, paths)),
    horizonTotal: { sum: total.sum, stdDev: total.stdDev, basis: total.basis },
    uplifts,
    ...(pooled !== undefined ? { learnedUplift: pooled } : {}),
  };
}

function forecastTable(result: ForecastResult): ResultTable {
  const levels = Object.keys(result.periods[0]?.lower ?? {});
  const columns = ['period', 'date', 'forecast', ...levels.flatMap((l) => [`lower${l}`, `upper${l}`])];
  return {
    columns,
    rows: result.periods.map((p) => [p.period, p.date ?? '', p.forecast, ...levels.flatMap((l) => [p.lower[l]!, p.upper[l]!])]),
  };
}

export const forecastCalculation = defineCalculation({
  name: 'forecast',
  summary: 'Demand forecast with prediction intervals',
  description:
    'Forecast a demand history: ETS family (SES, Holt, damped, Holt-Winters, any ETS model), naive, seasonal naive, moving average, Theta, Croston/SBA/SBJ/TSB for intermittent demand, or auto; prediction intervals, fitted values, parameters, states, information criteria, accuracy, window sums; past promos and stock-outs cleaned out, future promo uplifts applied.',
  input: ForecastInput,
  result: ForecastResult,
  compute: forecast,
  primary: 'horizonTotal.sum',
  table: forecastTable,
  example: { history: [120, 132, 128, 141, 150, 139, 160, 171, 158, 180, 192, 185], horizon: 6, frequency: 'month', start: '2025-11-01', windows: [{ start: 1, end: 3 }] },
});
