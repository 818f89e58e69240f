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
import { etsPointForecasts, type EtsFit } from './ets.js';
import { addPeriods, defaultSeasonLength, isIsoDate } from './calendar.js';
import { predictionIntervals, samplePaths, scaleWindow, windowSum, type WindowSum } from './intervals.js';
import { groupSeasonalIndices } from './seasonal.js';
import { calibrateWindow, type WindowEvaluation } from './select.js';
import { FORECAST_METHODS, fitForecast } from './methods.js';
import type { ModelFit } from './types.js';
import { dayIndex, FLAT_PROFILE, learnEvents, learnFromDailyHistory, mapEvents, MAX_BREAKDOWN_DAYS, NAMED_EVENTS, splitIntoDays, type EventsOutcome } from './events.js';
import { eventMultipliers, fillMissing, learnedUplift, maskEvents, measureUplifts } from './promo.js';

/** Longest history accepted (ten years of days is 3,650). */
export const MAX_HISTORY = 5000;
export const MAX_HORIZON = 1000;

const value = z.number().min(-1e12).max(1e12);
/** A smoothing constant in (0, 1), or (0, 1] for the intermittent methods (whose constants may be 1). */
const smoothing = (description: string, closedAbove = false) => (closedAbove ? z.number().gt(0).max(1) : z.number().gt(0).lt(1)).meta({ description });
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

const CROSTON_FAMILY = new Set(['croston', 'sba', 'sbj']);
const ETS_METHODS = new Set(['ses', 'holt', 'damped-holt', 'holt-winters-additive', 'holt-winters-multiplicative', 'ets']);

/**
 * Which fixed parameters a method reads, and the usual ETS constraints on given values (FPP 3rd ed.
 * §8.6; Hyndman, Koehler, Ord & Snyder 2008 §10.1: 0 < α < 1, 0 < β < α, 0 < γ < 1 − α, 0 < φ ≤ 1).
 * A parameter the method does not use is refused rather than ignored, so a typo or a wrong method
 * cannot pass silently; auto takes `alpha` (passed to every candidate, as before) and the
 * intermittent fields (used when it picks an intermittent method). Model-dependent checks (the
 * admissible region of seasonal models) happen in the fit and answer 422 naming the parameters.
 */
function parameterIssues(input: {
  method: string;
  ets?: { trend: string; damped: boolean; season: string } | undefined;
  parameters: Record<string, number | undefined>;
  initialization?: string | undefined;
}): Array<{ path: (string | number)[]; message: string }> {
  const { method, parameters } = input;
  const given = Object.keys(parameters).filter((k) => parameters[k] !== undefined);
  const intermittentMethod = CROSTON_FAMILY.has(method) || method === 'tsb';
  const spec = method === 'ets' ? input.ets : { ses: { trend: 'N', damped: false, season: 'N' }, holt: { trend: 'A', damped: false, season: 'N' }, 'damped-holt': { trend: 'A', damped: true, season: 'N' }, 'holt-winters-additive': { trend: 'A', damped: false, season: 'A' }, 'holt-winters-multiplicative': { trend: 'A', damped: false, season: 'M' } }[method];
  const allowed = new Set<string>();
  if (ETS_METHODS.has(method)) {
    allowed.add('alpha');
    if (spec && spec.trend !== 'N') allowed.add('beta');
    if (spec && spec.season !== 'N') allowed.add('gamma');
    if (spec && spec.damped) allowed.add('phi');
  } else if (method === 'theta') allowed.add('alpha');
  else if (method === 'moving-average') allowed.add('window');
  else if (CROSTON_FAMILY.has(method)) ['alpha', 'sizeAlpha', 'intervalAlpha'].forEach((k) => allowed.add(k));
  else if (method === 'tsb') ['alpha', 'sizeAlpha', 'probabilityAlpha'].forEach((k) => allowed.add(k));
  else if (method === 'auto') ['alpha', 'sizeAlpha', 'intervalAlpha', 'probabilityAlpha'].forEach((k) => allowed.add(k));
  const issues: Array<{ path: (string | number)[]; message: string }> = [];
  for (const key of given) if (!allowed.has(key)) issues.push({ path: ['parameters', key], message: `method '${method}'${method === 'ets' && input.ets ? ` (this ETS model)` : ''} does not use ${key}` });
  if (input.initialization !== undefined && !intermittentMethod && method !== 'auto') issues.push({ path: ['initialization'], message: `only the Croston family, TSB and auto use initialization, not '${method}'` });
  if (intermittentMethod || method === 'auto') {
    const other = method === 'tsb' ? 'probabilityAlpha' : 'intervalAlpha';
    // The optimiser searches both constants together, so half a pair cannot be honoured.
    if (parameters.alpha === undefined) {
      const others = method === 'auto' ? (['intervalAlpha', 'probabilityAlpha'] as const) : ([other] as const);
      const missing = others.filter((k) => parameters[k] === undefined);
      if (parameters.sizeAlpha !== undefined && missing.length > 0) issues.push({ path: ['parameters', 'sizeAlpha'], message: `give ${missing.join(' and ')} (or alpha) too: the two constants are fixed or estimated together` });
      for (const k of others) if (parameters[k] !== undefined && parameters.sizeAlpha === undefined) issues.push({ path: ['parameters', k], message: 'give sizeAlpha (or alpha) too: the two constants are fixed or estimated together' });
    }
    if (method === 'tsb' && parameters.probabilityAlpha !== undefined && (parameters.sizeAlpha ?? parameters.alpha) !== undefined && parameters.probabilityAlpha > (parameters.sizeAlpha ?? parameters.alpha)!)
      issues.push({ path: ['parameters', 'probabilityAlpha'], message: 'must not exceed the size constant (TSB, β ≤ α as tsintermittent)' });
  }
  if (!intermittentMethod && parameters.alpha !== undefined && !(parameters.alpha < 1)) issues.push({ path: ['parameters', 'alpha'], message: `must be below 1 for method '${method}' (0 < α < 1; only the Croston family and TSB accept 1)` });
  if (ETS_METHODS.has(method)) {
    const { alpha, beta, gamma } = parameters;
    if (alpha !== undefined && beta !== undefined && allowed.has('beta') && !(beta < alpha)) issues.push({ path: ['parameters', 'beta'], message: `must be below alpha (${alpha}): 0 < β < α` });
    if (alpha !== undefined && gamma !== undefined && allowed.has('gamma') && !(gamma < 1 - alpha)) issues.push({ path: ['parameters', 'gamma'], message: `must be below 1 − alpha (${1 - alpha}): 0 < γ < 1 − α` });
    if (alpha === undefined && beta !== undefined && gamma !== undefined && allowed.has('beta') && allowed.has('gamma') && !(beta + gamma < 1))
      issues.push({ path: ['parameters', 'gamma'], message: 'beta + gamma must be below 1 (β < α < 1 − γ)' });
  }
  return issues;
}
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
      .meta({ description: `Past demand per period, oldest first; null for a missing period. At most ${MAX_HISTORY} points; with simulations × horizon they must fit the work budget (about 5 s of computing: 413 request.too-much-work).` }),
    horizon: horizonPeriod.meta({ description: `Periods to forecast (1..${MAX_HORIZON}).` }),
    method: z
      .enum(FORECAST_METHODS)
      .default('auto')
      .meta({
        description:
          "Forecasting method. auto: intermittent demand → Croston family by rolling-origin MSE; otherwise every candidate the history supports (the ETS/Theta/damped-Holt combination as incumbent, its members, seasonal naive, seasonal naive × growth, STL+ETS, group profile) scored by rolling-origin WAPE of the asked windows' totals; a challenger must beat the incumbent by 50 %; seasonal and level-only forecasts are never averaged; with under two seasons of history a seasonal candidate is preferred when last season's asked periods stood far from the current level (see selection.reason). auto-ets is the AICc-selected ETS model alone (R ets() by default).",
      }),
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
        alpha: smoothing(
          'Level smoothing α, 0 < α < 1 (ETS, Theta). Croston family and TSB: both constants (size and interval, or size and probability), 0 < α ≤ 1.',
          true,
        ).optional(),
        beta: smoothing('ETS trend smoothing β (= α·β*, FPP notation), 0 < β < α when α is also given.').optional(),
        gamma: smoothing('ETS seasonal smoothing γ, 0 < γ < 1 − α when α is also given.').optional(),
        phi: z.number().gt(0).max(1).optional().meta({ description: 'ETS damping φ, 0 < φ ≤ 1 (estimated values lie in [0.8, 0.98], as R ets).' }),
        window: z.int().min(1).max(MAX_HISTORY).optional().meta({ description: 'Moving-average window.' }),
        sizeAlpha: smoothing('Croston family and TSB: demand-size smoothing constant (Schultz 1987; R tsintermittent crost w[1]); needs intervalAlpha / probabilityAlpha (or alpha) for the other one.', true).optional(),
        intervalAlpha: smoothing('Croston, SBA, SBJ: inter-demand interval smoothing constant (R tsintermittent crost w[2]); its value also sets the SBA/SBJ bias factor.', true).optional(),
        probabilityAlpha: smoothing('TSB: demand-probability smoothing constant β (Teunter, Syntetos & Babai 2011).', true).optional(),
      })
      .default({})
      .meta({
        description:
          'Fixed parameters; the others are estimated. A parameter the chosen method does not use is refused (400 naming it). ETS constants are honoured anywhere in the documented range; estimated ones are searched in R ets\'s limits (α, β, γ in [1e-4, 0.9999], φ in [0.8, 0.98]).',
      }),
    initialization: z
      .enum(['mean', 'r'])
      .optional()
      .meta({
        description:
          "Croston family and TSB (and auto on intermittent demand): initial estimates. 'mean' (default for the named methods): first demand size and mean inter-demand interval (TSB: share of periods with demand), tsintermittent init 'mean'. 'r': first size and first interval (TSB: 1 if the first period has demand, else 0), as R forecast::croston (ses with initial = 'simple') and tsintermittent init 'naive'. Ignored when initialStates gives the full pair. auto: limits its candidates to this initialisation.",
      }),
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
    seasonalProfile: z
      .array(z.number().gt(0).max(1000))
      .min(2)
      .max(366)
      .optional()
      .meta({
        description:
          'Seasonal indices borrowed from a group (category or portfolio), one per season position, position 0 = the season position of the first history period; normalised to mean 1. Gives auto a group-profile candidate (deseasonalised level × index), for SKUs with less than a season of history. Length must equal the season length.',
      }),
    groupHistory: z
      .array(z.number().min(0).max(1e12))
      .max(MAX_HISTORY)
      .optional()
      .meta({
        description:
          "History of the SKU's group (category or portfolio total, same periods, ending in the same period as history); its seasonal indices become auto's group-profile candidate. At least one season.",
      }),
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
    for (const issue of parameterIssues(input)) ctx.addIssue({ code: 'custom', ...issue });
    input.pastEvents.forEach((e, i) => {
      if (e.end >= input.history.length) ctx.addIssue({ code: 'custom', path: ['pastEvents', i, 'end'], message: `must be below the history length ${input.history.length}` });
    });
    input.futureEvents.forEach((e, i) => {
      if (e.end > input.horizon) ctx.addIssue({ code: 'custom', path: ['futureEvents', i, 'end'], message: `must not exceed the horizon ${input.horizon}` });
    });
    if (input.seasonalProfile && input.groupHistory) ctx.addIssue({ code: 'custom', path: ['groupHistory'], message: 'give seasonalProfile or groupHistory, not both' });
    const m = input.seasonLength ?? defaultSeasonLength(input.frequency);
    if (input.seasonalProfile && input.seasonalProfile.length !== m)
      ctx.addIssue({ code: 'custom', path: ['seasonalProfile'], message: `needs one index per season position: ${m} values (the season length), got ${input.seasonalProfile.length}` });
    if (input.groupHistory && input.groupHistory.length < m)
      ctx.addIssue({ code: 'custom', path: ['groupHistory'], message: `needs at least one season (${m} periods), got ${input.groupHistory.length}` });
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
  }, crossField)
  .meta({ id: 'ForecastInput', description: 'A demand history and what to forecast.' });
export type ForecastInput = z.output<typeof ForecastInput>;

const Bounds = z.record(z.string(), z.number()).meta({ description: 'By level in percent, e.g. {"80": 12.3, "95": 10.1}.' });

const Calibration = z
  .strictObject({
    origins: z.number().meta({ description: 'Rolling origins the interval was calibrated on.' }),
    evaluatedStart: z.number().meta({ description: 'The window as evaluated on the history (moved nearer when the history is too short).' }),
    evaluatedEnd: z.number(),
    scale: z.number().meta({ description: 'Factor applied to the simulated interval half-widths and stdDev (1 = as simulated).' }),
    coverage: Bounds.meta({ description: 'Share of origins whose actual total fell inside the calibrated interval, by level (in-sample, optimistic).' }),
  })
  .meta({ description: "For method auto: the window interval's calibration on the rolling origins." });

const WindowTotal = {
  sum: z.number(),
  stdDev: z.number(),
  basis: z.enum(['simulated', 'independent-errors']),
  lower: Bounds,
  upper: Bounds,
  calibration: Calibration.optional(),
};

export const ForecastResult = z
  .strictObject({
    ...provenance,
    model: z.string().meta({ description: 'The fitted model, e.g. ETS(A,Ad,N) or SBA.' }),
    selection: z
      .strictObject({
        criterion: z.string(),
        reason: z.string(),
        candidates: z.array(
          z.strictObject({
            method: z.string(),
            model: z.string().optional().meta({ description: 'The fitted model behind the candidate.' }),
            score: z.number().optional().meta({ description: 'Its score under the criterion (absent when it could not be scored).' }),
            weight: z.number().optional().meta({ description: 'Its weight in the forecast (0 = not used).' }),
            reason: z.string().optional().meta({ description: 'Why it was not scored.' }),
          }),
        ),
      })
      .optional()
      .meta({ description: 'For methods auto and auto-ets: every candidate with its score (the criterion says which) and weight, and why the forecast is what it is.' }),
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
        forecast: z.number().meta({
          description:
            'Forecast mean (with future promo multipliers). For ETS models with a multiplicative error and season it is the conditional mean of HKOS §6.3 (R forecast.ets, class 3), above the point forecast for h > m; for models with a multiplicative trend (no closed form) it is the point forecast, as R.',
        }),
        pointForecast: z.number().optional().meta({
          description:
            'ETS models with a multiplicative component only: the point forecast, i.e. the model recursion with the future errors set to 0 (HKOS §2.3; R forecast.ets is the same number where it reports the point forecast), with the same promo multipliers as forecast.',
        }),
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
    windows: z.array(z.strictObject({ start: z.number(), end: z.number(), ...WindowTotal })),
    horizonTotal: z
      .strictObject(WindowTotal)
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

/** Point forecasts of an ETS fit with a multiplicative error, trend or season (undefined for any other fit). */
function multiplicativeEtsPointForecasts(fit: ModelFit, horizon: number): number[] | undefined {
  if (!('spec' in fit)) return undefined;
  const ets = fit as EtsFit;
  const { error, trend, season } = ets.spec;
  if (error !== 'M' && trend !== 'M' && season !== 'M') return undefined;
  const point = etsPointForecasts(ets.spec, ets.smoothingParameters, ets.finalStates, horizon);
  return point.every(Number.isFinite) ? point : undefined;
}

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
  // Additive seasonal interpolation can dip below 0 next to zeros; a history of non-negative
  // demand stays non-negative (else the intermittent methods would refuse it, 422).
  const knownNonNegative = masked.every((v) => v === null || v >= 0);
  const baselineHistory = fillMissing(masked, seasonLength).map((v) => (knownNonNegative ? Math.max(0, v) : v));
  const missing = input.history.filter((v) => v === null).length;
  if (missing > 0) warnings.push(`${missing} missing period(s) filled by interpolation before fitting.`);
  const uplifts = measureUplifts(input.history, baselineHistory, input.pastEvents);
  const unmeasured = input.pastEvents.filter((e) => e.kind === 'promo').length - uplifts.length;
  if (unmeasured > 0) warnings.push(`${unmeasured} past promo(s) have an actual or baseline ≤ 0 (returns exceeding sales, or no demand): left out of the learned uplift.`);
  const pooled = learnedUplift(uplifts);

  const known = input.history.filter((v): v is number => v !== null);
  if (known.every((v) => v === known[0]))
    warnings.push(known[0] === 0 ? 'The history is all zero: the forecast is 0 with no interval; check the data.' : 'The history is constant: the forecast repeats it with no interval width; check the data.');
  const fitted = fitForecast(baselineHistory, {
    method: input.method,
    seasonLength,
    horizon: input.horizon,
    ets: input.ets,
    parameters: input.parameters,
    initialStates: input.initialStates,
    initialization: input.initialization,
    warnings,
    windows: input.windows,
    frequency: input.frequency,
    ...(seasonalIndicesFor(input, seasonLength) ?? {}),
  });
  const fit = fitted.fit;
  if (fit.varianceBasis === 'first-differences')
    warnings.push(`Only ${baselineHistory.length} period(s), too few to estimate the model's error variance: the interval width is assumed from the period-to-period variation.`);
  if (fit.varianceBasis === 'none') warnings.push('A single period: no variability can be estimated, the interval has no width.');
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

  const point = multiplicativeEtsPointForecasts(fit, input.horizon);
  const periods = fit.forecast.map((f, i) => {
    const lower: Record<string, number> = {};
    const upper: Record<string, number> = {};
    for (const [level, iv] of intervals) {
      const a = clamp(iv.lower[i]! * multipliers[i]!);
      const b = clamp(iv.upper[i]! * multipliers[i]!);
      lower[String(level)] = Math.min(a, b);
      upper[String(level)] = Math.max(a, b);
    }
    return {
      period: i + 1,
      ...(input.start && input.frequency ? { date: addPeriods(input.start, input.frequency, input.history.length + i) } : {}),
      forecast: clamp(f * multipliers[i]!),
      ...(point ? { pointForecast: clamp(point[i]! * multipliers[i]!) } : {}),
      baseline: clamp(f),
      lower,
      upper,
    };
  });

  let fittedStart = fit.fitted.findIndex((v) => Number.isFinite(v));
  if (fittedStart < 0) fittedStart = fit.fitted.length;
  const windowOptions = { levels: input.levels, nonNegative };
  const calibrated = (start: number, end: number) => calibratedWindow(windowSum(fit, start, end, multipliers, paths, windowOptions), fitted.evaluation?.windows, nonNegative);
  const total = calibrated(1, input.horizon);
  const accuracy = accuracyMeasures(baselineHistory, fit.fitted, seasonLength);
  const ic = fit.logLik !== undefined && fit.aic !== undefined && fit.aicc !== undefined && fit.bic !== undefined ? { logLik: fit.logLik, aic: fit.aic, aicc: fit.aicc, bic: fit.bic } : undefined;

  return {
    method: fitted.method,
    formula: fitted.formula,
    warnings,
    model: fit.method,
    ...(fitted.selection
      ? {
          selection: {
            criterion: fitted.selection.criterion,
            reason: fitted.selection.reason,
            candidates: fitted.selection.candidates.map((c) => ({
              method: c.method,
              ...(c.model !== undefined ? { model: c.model } : {}),
              ...(c.score !== null && Number.isFinite(c.score) ? { score: c.score } : {}),
              ...(c.weight !== undefined ? { weight: c.weight } : {}),
              ...(c.reason !== undefined ? { reason: c.reason } : {}),
            })),
          },
        }
      : {}),
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
    windows: input.windows.map((w) => calibrated(w.start, w.end)),
    horizonTotal: { sum: total.sum, stdDev: total.stdDev, basis: total.basis, lower: total.lower, upper: total.upper, ...(total.calibration ? { calibration: total.calibration } : {}) },
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

/** The group-profile indices aligned to the SKU's periods (position 0 = its first period). */
function seasonalIndicesFor(input: ForecastInput, m: number): { seasonalIndices: number[] } | undefined {
  if (m < 2) return undefined;
  if (input.seasonalProfile) {
    const mean = input.seasonalProfile.reduce((a, b) => a + b, 0) / m;
    return { seasonalIndices: input.seasonalProfile.map((v) => v / mean) };
  }
  if (!input.groupHistory) return undefined;
  const byGroupPosition = groupSeasonalIndices(input.groupHistory, m);
  // The group history ends in the SKU's last period: SKU period t is group period t + (G − n).
  const shift = input.groupHistory.length - input.history.length;
  return { seasonalIndices: Array.from({ length: m }, (_, t) => byGroupPosition[(((t + shift) % m) + m) % m]!) };
}

/** A window total with its interval calibrated on the rolling origins of `auto` when they cover it. */
function calibratedWindow(window: WindowSum, evaluations: readonly WindowEvaluation[] | undefined, nonNegative: boolean): WindowSum & { calibration?: z.output<typeof Calibration> } {
  const evaluation = evaluations?.find((e) => e.start === window.start && e.end === window.end);
  if (!evaluation || evaluation.relativeErrors.length === 0 || !(window.sum > 0) || !(window.stdDev > 0)) return window;
  const halfWidths = Object.keys(window.lower).map((level) => ({ level: Number(level), lower: (window.sum - window.lower[level]!) / window.sum, upper: (window.upper[level]! - window.sum) / window.sum }));
  const c = calibrateWindow(evaluation.relativeErrors, window.stdDev / window.sum, halfWidths);
  return {
    ...scaleWindow(window, c.scale, nonNegative),
    calibration: { origins: c.origins, evaluatedStart: evaluation.evaluatedStart, evaluatedEnd: evaluation.evaluatedEnd, scale: c.scale, coverage: c.coverage },
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
    'Forecast a demand history: ETS family (SES, Holt, damped, Holt-Winters, any ETS model, the AICc-selected one), naive, seasonal naive, moving average, Theta, Croston/SBA/SBJ/TSB for intermittent demand, or auto; prediction intervals, fitted values, parameters, states, information criteria, accuracy, window sums; past promos and stock-outs cleaned out, future promo uplifts applied.',
  input: ForecastInput,
  result: ForecastResult,
  compute: forecast,
  primary: 'horizonTotal.sum',
  table: forecastTable,
  example: { history: [120, 132, 128, 141, 150, 139, 160, 171, 158, 180, 192, 185], horizon: 6, frequency: 'month', start: '2025-11-01', windows: [{ start: 1, end: 3 }] },
});
