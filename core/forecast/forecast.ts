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
import { provenance } from '../schema.js';
import { seededRandom } from '../stats/random.js';
import { accuracyMeasures } from './accuracy.js';
import { addPeriods, defaultSeasonLength, isIsoDate } from './calendar.js';
import { predictionIntervals, samplePaths, windowSum } from './intervals.js';
import { FORECAST_METHODS, fitForecast } from './methods.js';
import { dayIndex, FLAT_PROFILE, learnEvents, learnFromDailyHistory, mapEvents, MAX_BREAKDOWN_DAYS, NAMED_EVENTS, splitIntoDays, type EventsOutcome } from './events.js';
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

const isoDate = (description: string) => z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD').meta({ description });

const EventOccurrenceSchema = z
  .strictObject({
    start: isoDate('First day of the occurrence (YYYY-MM-DD).'),
    end: isoDate('Last day (inclusive).'),
    intensity: z.number().gt(0).max(1000).optional().meta({ description: 'Strength of this occurrence (> 0), e.g. discount depth 0.3 or ad budget multiple 2: with intensities on past and future occurrences the lift is fitted as 1 + b·intensity.' }),
  })
  .refine((o) => o.end >= o.start, { message: 'end must not be before start', path: ['end'] })
  .meta({ id: 'EventOccurrence' });

const EventSchema = z
  .strictObject({
    name: z
      .enum([...NAMED_EVENTS, 'custom'])
      .meta({ description: 'A named event whose dates the service knows (rules through 2035; Chinese New Year, Ramadan and Eid from sourced tables 2015–2035), or custom (Prime Day, a store sale: give occurrences).' }),
    label: z.string().max(100).optional(),
    occurrences: z
      .array(EventOccurrenceSchema)
      .min(1)
      .max(100)
      .optional()
      .meta({ description: 'Dated occurrences, past and future (required for custom; replaces the calendar dates of a named event). A period holding any event day counts, weighted by its share of event days.' }),
    uplift: z.number().gt(0).max(1000).optional().meta({ description: 'Fixed lift on the event days of future occurrences; default learned: own past occurrences, else pooled over all events, else 1 (see eventUplifts).' }),
    prePeriods: z.int().min(0).max(100).optional().meta({ description: 'Periods before each occurrence with pulled-forward (lower) demand; masked in the history.' }),
    preFactor: z.number().gt(0).max(10).optional().meta({ description: 'Multiplier of those periods; default learned from past occurrences (Σ actual ÷ Σ baseline), else 1.' }),
    postPeriods: z.int().min(0).max(100).optional().meta({ description: 'Periods after each occurrence with a hangover dip; masked in the history.' }),
    postFactor: z.number().gt(0).max(10).optional().meta({ description: 'Multiplier of those periods; default learned from past occurrences, else 1.' }),
    dayShape: z
      .array(z.number().min(0).max(1000))
      .min(1)
      .max(366)
      .optional()
      .meta({ description: 'Relative lift over the days of an occurrence (scaled to mean 1), e.g. [3, 1, 1, 2] for Black Friday to Cyber Monday; default flat, or learned from a daily history.' }),
  })
  .meta({ id: 'ForecastEvent' });

export const ForecastInput = z
  .strictObject({
    history: z
      .array(value.nullable())
      .min(1)
      .max(MAX_HISTORY)
      .meta({ description: `Past demand per period, oldest first; null for a missing period. At most ${MAX_HISTORY} points.` }),
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
    events: z
      .array(EventSchema)
      .max(50)
      .default([])
      .meta({ description: 'Named and dated events (needs start and frequency): masked in the history, each learns its own lift, applied to the forecast periods and days they touch.' }),
    dayProfile: z
      .array(z.number().min(0).max(1000))
      .length(7)
      .refine((p) => p.some((v) => v > 0), 'at least one day must weigh more than 0')
      .optional()
      .meta({ description: 'Relative demand by weekday, Monday first, for splitting weekly or monthly periods into days; default learned from dailyHistory, else flat (every day the same).' }),
    dailyHistory: z
      .strictObject({
        start: isoDate('Date (YYYY-MM-DD) of the first day.'),
        values: z.array(value.nullable()).min(14).max(MAX_HISTORY).meta({ description: 'Demand per day, oldest first; null for a missing day.' }),
      })
      .optional()
      .meta({ description: 'Daily sales (e.g. last season by day) for a weekly or monthly forecast: the weekday profile (unless dayProfile is given) and the day shape of multi-day events are learned from it.' }),
    dailyBreakdown: z.boolean().default(false).meta({ description: `Also return the forecast split into dated days (days), event days carrying their lift; needs start and frequency, at most ${MAX_BREAKDOWN_DAYS} days.` }),
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
    const dated = input.start !== undefined && input.frequency !== undefined;
    if (!dated && (input.events.length > 0 || input.dailyBreakdown))
      ctx.addIssue({ code: 'custom', path: [input.start === undefined ? 'start' : 'frequency'], message: `${input.events.length > 0 ? 'events' : 'dailyBreakdown'} need start (date of the first history period) and frequency` });
    input.events.forEach((e, i) => {
      if (e.name === 'custom' && !e.occurrences) ctx.addIssue({ code: 'custom', path: ['events', i, 'occurrences'], message: 'a custom event needs its occurrences' });
      e.occurrences?.forEach((o, k) => {
        if (dayIndex(o.end) - dayIndex(o.start) > 366) ctx.addIssue({ code: 'custom', path: ['events', i, 'occurrences', k, 'end'], message: 'an occurrence lasts at most 367 days' });
      });
    });
    if (dated && input.dailyBreakdown && isIsoDate(input.start!)) {
      const days = dayIndex(addPeriods(input.start!, input.frequency!, input.history.length + input.horizon)) - dayIndex(addPeriods(input.start!, input.frequency!, input.history.length));
      if (days > MAX_BREAKDOWN_DAYS) ctx.addIssue({ code: 'custom', path: ['dailyBreakdown'], message: `the horizon spans ${days} days; a daily breakdown covers at most ${MAX_BREAKDOWN_DAYS}` });
    }
    input.windows.forEach((w, i) => {
      if (w.end < w.start) ctx.addIssue({ code: 'custom', path: ['windows', i, 'end'], message: 'end must not be before start' });
      if (w.end > input.horizon) ctx.addIssue({ code: 'custom', path: ['windows', i, 'end'], message: `must not exceed the horizon ${input.horizon}` });
    });
  })
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
    eventUplifts: z
      .array(
        z.strictObject({
          name: z.string(),
          label: z.string().optional(),
          start: z.string(),
          end: z.string(),
          firstPeriod: z.number().meta({ description: 'First forecast period the occurrence touches.' }),
          lastPeriod: z.number(),
          shares: z
            .array(z.strictObject({ period: z.number(), share: z.number() }))
            .meta({ description: 'Each touched forecast period with the event’s share of it: its event days weighted by the weekday profile and the day shape, ÷ all its days.' }),
          intensity: z.number().optional(),
          uplift: z.number().meta({ description: 'Lift on the event days (1 = none); a period holding a share s of event days is multiplied by 1 + (uplift − 1)·s.' }),
          source: z.enum(['own-history', 'pooled', 'prior', 'given']).meta({ description: 'Where the lift comes from: past occurrences of this event, all past events pooled, the prior 1 (none to learn from), or given.' }),
          model: z.enum(['ratio', 'intensity']).meta({ description: 'ratio: 1 + Σ(actual − baseline) ÷ Σ event baseline; intensity: 1 + slope·intensity.' }),
          slope: z.number().optional(),
          occurrencesUsed: z.number(),
          preFactor: z.number().optional(),
          postFactor: z.number().optional(),
          dayShape: z.array(z.number()).optional().meta({ description: 'Lift shape over the occurrence’s days (mean 1) when not flat: given or learned from a daily history.' }),
        }),
      )
      .optional()
      .meta({ description: 'For events: each future occurrence with its lift and where the lift came from.' }),
    eventHistory: z
      .array(
        z.strictObject({
          name: z.string(),
          label: z.string().optional(),
          start: z.string(),
          end: z.string(),
          intensity: z.number().optional(),
          firstPeriod: z.number().meta({ description: 'First history index (0-based) the occurrence touches.' }),
          lastPeriod: z.number(),
          actual: z.number(),
          baseline: z.number(),
          eventBaseline: z.number().meta({ description: 'Σ event share × baseline: the part of the baseline the lift applies to.' }),
          uplift: z.number().meta({ description: '1 + (actual − baseline) ÷ eventBaseline.' }),
          used: z.boolean().meta({ description: 'false: left out (actual or baseline ≤ 0).' }),
          shares: z.array(z.strictObject({ period: z.number(), share: z.number() })).meta({ description: 'Each touched history period (0-based) with the event’s share of it.' }),
        }),
      )
      .optional()
      .meta({ description: 'For events: each past occurrence as measured.' }),
    dayProfile: z.array(z.number()).optional().meta({ description: 'Weekday profile (Monday first, mean 1 unless given) used to split periods into days.' }),
    dayProfileSource: z.enum(['given', 'learned', 'default']).optional().meta({ description: 'given (dayProfile), learned (from dailyHistory: median ratio to the centred 7-day mean, event days left out) or default (flat).' }),
    days: z
      .array(z.strictObject({ date: z.string(), forecast: z.number(), baseline: z.number() }))
      .optional()
      .meta({ description: 'With dailyBreakdown: the forecast by day; each period’s days sum to its forecast (and baseline). Cash-flow and stock plans use them instead of an even split.' }),
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
  const fromDaily = input.dailyHistory ? learnFromDailyHistory(input.dailyHistory, input.events) : undefined;
  if (input.dailyHistory && !input.dayProfile && !fromDaily?.dayProfile) warnings.push('dailyHistory is too short or too sparse to learn a weekday profile (each weekday needs 2 full centred weeks): days weigh the same.');
  const dayProfile = input.dayProfile ?? fromDaily?.dayProfile;
  const dayProfileSource = input.dayProfile ? 'given' : fromDaily?.dayProfile ? 'learned' : 'default';
  const eventSpecs = input.events.map((e, i) => (fromDaily?.shapes[i] ? { ...e, dayShape: fromDaily.shapes[i] } : e));
  const eventsInput =
    input.events.length > 0 && input.start && input.frequency
      ? { history: input.history, horizon: input.horizon, start: input.start, frequency: input.frequency, events: eventSpecs, ...(dayProfile ? { dayProfile } : {}) }
      : undefined;
  const eventsContext = eventsInput ? mapEvents(eventsInput) : undefined;
  for (const t of eventsContext?.masked ?? []) masked[t] = null;
  if (masked.every((v) => v === null)) {
    warnings.push('The events cover every known period: fitted on the history as it is.');
    masked = [...input.history];
  }
  const baselineHistory = fillMissing(masked, seasonLength);
  const missing = input.history.filter((v) => v === null).length;
  if (missing > 0) warnings.push(`${missing} missing period(s) filled by interpolation before fitting.`);
  const uplifts = measureUplifts(input.history, baselineHistory, input.pastEvents);
  const unmeasured = input.pastEvents.filter((e) => e.kind === 'promo').length - uplifts.length;
  if (unmeasured > 0) warnings.push(`${unmeasured} past promo(s) have an actual or baseline ≤ 0 (returns exceeding sales, or no demand): left out of the learned uplift.`);
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
  // Events: their lifts multiply the futureEvents multipliers (1 where there are none).
  let events: EventsOutcome | undefined;
  if (eventsInput && eventsContext) {
    events = learnEvents(
      eventsInput,
      eventsContext,
      baselineHistory,
      uplifts.map((u) => ({ actual: u.actual, baseline: u.baseline, eventBaseline: u.baseline })),
    );
    warnings.push(...events.warnings);
    events.multipliers.forEach((m, i) => (multipliers[i] = multipliers[i]! * m));
  }
  // From the known history: a seasonal fill of masked periods may dip below 0 on a non-negative series.
  const nonNegative = input.history.every((v) => v === null || v >= 0);
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
    ...(events ? { eventUplifts: events.future, eventHistory: events.past } : {}),
    ...(events || input.dailyBreakdown || input.dailyHistory ? { dayProfile: [...(dayProfile ?? FLAT_PROFILE)], dayProfileSource } : {}),
    ...(input.dailyBreakdown && input.start && input.frequency
      ? {
          days: splitIntoDays({
            start: addPeriods(input.start, input.frequency, input.history.length),
            frequency: input.frequency,
            forecast: periods.map((p) => p.forecast),
            baseline: periods.map((p) => p.baseline),
            ...(dayProfile ? { dayProfile } : {}),
            ...(events ? { dayLifts: events.dayLifts } : {}),
          }),
        }
      : {}),
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
