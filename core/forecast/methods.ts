/**
 * Fits the method a forecast request names, or chooses one (`auto`):
 * - intermittent histories (Syntetos–Boylan–Croston class intermittent or lumpy, ADI > 1.32):
 *   Croston, SBA, SBJ and TSB with R's and the mean initialisation compete by rolling-origin MSE
 *   (`autoIntermittent`, ./auto-intermittent.ts: SBJ with R's initialisation unless another is
 *   20 % better), and the winner is refitted on the history;
 * - otherwise the ETS model with the lowest AICc as R `forecast::ets` (Hyndman et al. 2008 §7.1),
 *   combined in equal weights with Theta and damped Holt (see `combination`), except for very short
 *   histories where the ETS model is used alone.
 */
import { normalDeviate } from '../stats/random.js';
import { DomainError } from '../errors.js';
import { autoEts, etsLabel, etsSamplePath, fitEts, type EtsFit, type EtsSpec, type EtsParameters, type EtsStates } from './ets.js';
import { autoIntermittent, fitIntermittent, type IntermittentInitialization } from './auto-intermittent.js';
import { classifyDemand, type DemandClassification } from './intermittent.js';
import { driftForecast, meanSquaredFirstDifference, movingAverageForecast, naiveForecast, seasonalNaiveForecast } from './simple.js';
import { thetaForecast } from './theta.js';
import { harmonicRegressionForecast } from './harmonic.js';
import { stlEtsForecast } from './stl.js';
import { defaultGrowthWindow, groupProfileForecast, seasonalNaiveGrowthForecast, withRelativeVariance } from './seasonal.js';
import { SEASONAL_MARGIN, seasonalSwing, selectByRollingOrigin, weightedFit, withEtsOrigins, withThetaOrigins, type Candidate, type SelectionOptions, type WindowEvaluation } from './select.js';
import type { ModelFit, Random } from './types.js';

export const FORECAST_METHODS = [
  'auto',
  'naive',
  'seasonal-naive',
  'seasonal-naive-growth',
  'group-profile',
  'harmonic-regression',
  'stl-ets',
  'drift',
  'moving-average',
  'ses',
  'holt',
  'damped-holt',
  'holt-winters-additive',
  'holt-winters-multiplicative',
  'ets',
  'auto-ets',
  'theta',
  'croston',
  'sba',
  'sbj',
  'tsb',
  'combination',
] as const;
export type ForecastMethod = (typeof FORECAST_METHODS)[number];

export interface FitRequest {
  method: ForecastMethod;
  seasonLength: number;
  horizon: number;
  ets?: { error: 'A' | 'M'; trend: 'N' | 'A' | 'M'; damped: boolean; season: 'N' | 'A' | 'M' } | undefined;
  parameters: {
    alpha?: number | undefined;
    beta?: number | undefined;
    gamma?: number | undefined;
    phi?: number | undefined;
    window?: number | undefined;
    /** Croston family and TSB: the size constant; Croston family: the interval constant; TSB: the probability constant. */
    sizeAlpha?: number | undefined;
    intervalAlpha?: number | undefined;
    probabilityAlpha?: number | undefined;
  };
  /** Croston family and TSB: initial values 'mean' (default) or 'r' (R forecast::croston). */
  initialization?: IntermittentInitialization | undefined;
  initialStates: {
    level?: number | undefined;
    trend?: number | undefined;
    seasonal?: number[] | undefined;
    size?: number | undefined;
    interval?: number | undefined;
    probability?: number | undefined;
  };
  warnings: string[];
  /** Windows (1-based forecast periods) `auto` scores its candidates on; the horizon when absent. */
  windows?: Array<{ start: number; end: number }>;
  /** Period length of the data: weekly data gets the yearly period 365.25/7, daily 7 and 365.25. */
  frequency?: 'day' | 'week' | 'month' | undefined;
  /** Seasonal indices borrowed from a group (length m, mean 1) for the group-profile candidate. */
  seasonalIndices?: number[];
  /** Overrides of the selection's constants (benchmarks and tests). */
  selectionOptions?: Partial<SelectionOptions>;
}

export interface FitOutcome {
  fit: ModelFit;
  method: string;
  formula: string;
  selection?: { criterion: string; reason: string; candidates: Array<{ method: string; model?: string; score: number | null; weight?: number; reason?: string }> };
  /** Rolling-origin evidence behind `auto` (window errors of the weighted forecast) for interval calibration. */
  evaluation?: { origins: number[]; windows: WindowEvaluation[] };
  demandClass?: { adi: number; cv2: number; class: 'smooth' | 'erratic' | 'intermittent' | 'lumpy' };
}

const AUTO_FORMULA =
  'candidates scored by rolling-origin WAPE of the asked window sums, the best within 10 % pooled with weights ∝ 1/error² (Tashman 2000; Kourentzes, Barrow & Petropoulos 2019); members: ETS by AICc (Hyndman et al. 2008), Theta (R thetaf), damped Holt, their combination, seasonal naive, seasonal naive × growth, group profile';
const ETS_FORMULA = 'ETS state-space recursions, parameters and initial states by maximum likelihood (Hyndman, Koehler, Ord & Snyder 2008; FPP 3rd ed. §8)';
const FORMULAS: Record<string, string> = {
  naive: 'ŷ_{T+h} = y_T; Var = σ²h (FPP §5.2, §5.5)',
  'seasonal-naive': 'ŷ_{T+h} = y_{T+h−m(k+1)}, k = ⌊(h−1)/m⌋; Var = σ²(k+1) (FPP §5.2, §5.5)',
  drift: 'ŷ_{T+h} = y_T + h(y_T − y_1)/(T − 1) (FPP §5.2)',
  'seasonal-naive-growth': 'ŷ_{T+h} = g·y_{T+h−m(k+1)}, g = Σ last w periods ÷ Σ the same periods one season earlier (guarded, clamped to [1/4, 4]); Var = σ²(k+1) (FPP §5.2, §5.5)',
  'harmonic-regression':
    'dynamic harmonic regression: y on Fourier terms sin/cos(2πkt/m), k ≤ K, with AR(p) errors, d ∈ {0, 1}; K, p by AICc, d by KPSS (Hyndman & Athanasopoulos FPP3 §10.5, §12.1; R fourier() + Arima)',
  'stl-ets': 'STL (MSTL for several periods) seasonal adjustment, AICc-selected non-seasonal ETS on the adjusted series, seasonal component by seasonal naive (Cleveland et al. 1990; Bandara, Hyndman & Bergmeir 2021; R stlf/mstl)',
  'group-profile': "ŷ_{T+h} = level × group index of period T+h, level = mean of the last w periods ÷ their indices (top-down seasonal indices from the SKU's group: Silver, Pyke & Thomas 2017 §4.6)",
  'moving-average': 'ŷ = mean of the last k values; Var = σ²(1 + 1/k) (FPP §3.3, §5.5)',
  theta: 'SES with drift b/2 on the (seasonally adjusted) series (Assimakopoulos & Nikolopoulos 2000; Hyndman & Billah 2003, R thetaf)',
  croston: 'ẑ/p̂ from separately smoothed sizes and intervals (Croston 1972)',
  sba: '(1 − α/2)·ẑ/p̂ (Syntetos & Boylan 2005)',
  sbj: '(1 − α/(2 − α))·ẑ/p̂ (Shale, Boylan & Johnston 2006)',
  tsb: 'p̂·ẑ with the demand probability smoothed every period (Teunter, Syntetos & Babai 2011)',
  combination:
    'mean of the AICc-selected ETS model, Theta and damped Holt forecasts (forecast combination: Makridakis & Hibon 2000 "Comb S-H-D"; Petropoulos & Svetunkov 2020); intervals of the ETS member re-centred on the combination',
};

const NAMED_ETS: Partial<Record<ForecastMethod, Omit<EtsSpec, 'seasonLength'>>> = {
  ses: { error: 'A', trend: 'N', damped: false, season: 'N' },
  holt: { error: 'A', trend: 'A', damped: false, season: 'N' },
  'damped-holt': { error: 'A', trend: 'A', damped: true, season: 'N' },
  'holt-winters-additive': { error: 'A', trend: 'A', damped: false, season: 'A' },
  'holt-winters-multiplicative': { error: 'M', trend: 'A', damped: false, season: 'M' },
};

/** Sample paths for every ETS fit (also the linear classes), so window sums keep their correlation. */
function withEtsSimulator(fit: EtsFit, horizon: number): ModelFit {
  if (fit.simulate || horizon <= 0) return fit;
  const sd = Math.sqrt(Math.max(0, fit.sigma2));
  const parameters = { ...fit.parameters } as unknown as EtsParameters;
  const final = fit.states.final as unknown as EtsStates;
  const states: EtsStates = { ...final, ...(final.seasonal ? { seasonal: [...final.seasonal] } : {}) };
  fit.simulate = (count: number, random: Random) => {
    const draws = new Float64Array(horizon);
    const paths: number[][] = [];
    for (let p = 0; p < count; p++) {
      for (let i = 0; i < horizon; i++) draws[i] = sd * normalDeviate(random);
      paths.push(etsSamplePath(fit.spec, parameters, states, draws));
    }
    return paths;
  };
  return fit;
}

/**
 * Turns fitEts's "parameters out of range" for given parameters (valid one by one but outside the
 * admissible region of this model, HKOS ch. 10) into a 422 naming them.
 */
function etsParametersChecked<T>(given: readonly string[], run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof RangeError && given.length > 0 && /parameters out of range/.test(err.message))
      throw new DomainError(
        'forecast.model-not-applicable',
        `${err.message}: the given ${given.join(', ')} lie outside the admissible region of this model (Hyndman et al. 2008 ch. 10); change them or let them be estimated`,
        given.length === 1 ? ['parameters', given[0]!] : ['parameters'],
        { cause: err },
      );
    throw err;
  }
}

function fitNamedEts(y: number[], spec: Omit<EtsSpec, 'seasonLength'>, request: FitRequest, path: string): ModelFit {
  const m = spec.season === 'N' ? 1 : request.seasonLength;
  if (spec.season !== 'N') {
    if (m <= 1) throw new DomainError('forecast.seasonality-not-possible', 'a seasonal model needs seasonLength (or frequency) greater than 1', [path]);
    if (m > 24) throw new DomainError('forecast.seasonality-not-possible', `seasonal ETS models support season lengths up to 24 (as R ets); for m = ${m} use theta, which adjusts any season length by decomposition`, ['seasonLength']);
    if (y.length < 2 * m) throw new DomainError('forecast.not-enough-history', `a seasonal model needs at least two full seasons (${2 * m} periods), the history has ${y.length}`, ['history']);
  }
  if ((spec.error === 'M' || spec.trend === 'M' || spec.season === 'M') && y.some((v) => v <= 0))
    throw new DomainError('forecast.multiplicative-needs-positive-data', 'multiplicative components need a history of strictly positive values (after cleaning); use an additive model', [path]);
  const { alpha, beta, gamma, phi } = request.parameters;
  const initial = request.initialStates;
  const given = (['alpha', 'beta', 'gamma', 'phi'] as const).filter((k) => request.parameters[k] !== undefined);
  const fit = etsParametersChecked(given, () => fitEts(y, { ...spec, seasonLength: m }, {
    horizon: request.horizon,
    ...(alpha !== undefined ? { alpha } : {}),
    ...(beta !== undefined ? { beta } : {}),
    ...(gamma !== undefined ? { gamma } : {}),
    ...(phi !== undefined ? { phi } : {}),
    initial: {
      ...(initial.level !== undefined ? { level: initial.level } : {}),
      ...(initial.trend !== undefined ? { trend: initial.trend } : {}),
      ...(initial.seasonal !== undefined ? { seasonal: initial.seasonal } : {}),
    },
  }));
  return withEtsSimulator(fit, request.horizon);
}

function fitNamed(method: Exclude<ForecastMethod, 'auto' | 'auto-ets'>, y: number[], request: FitRequest): ModelFit {
  const { horizon, seasonLength, parameters } = request;
  switch (method) {
    case 'naive':
      return naiveForecast(y, { horizon });
    case 'seasonal-naive':
      return seasonalNaiveForecast(y, { horizon, seasonLength });
    case 'drift':
      return driftForecast(y, { horizon });
    case 'seasonal-naive-growth':
      if (seasonLength < 2) throw new DomainError('forecast.seasonality-not-possible', 'seasonal-naive-growth needs seasonLength (or frequency) greater than 1', ['seasonLength']);
      if (y.length < seasonLength) throw new DomainError('forecast.not-enough-history', `seasonal-naive-growth needs at least one season (${seasonLength} periods), the history has ${y.length}`, ['history']);
      return seasonalNaiveGrowthForecast(y, { horizon, seasonLength });
    case 'harmonic-regression':
      return harmonicRegressionForecast(y, { horizon, periods: harmonicPeriods(request) });
    case 'stl-ets':
      return stlEtsForecast(y, { horizon, periods: stlPeriods(request, y.length) });
    case 'group-profile':
      if (!request.seasonalIndices) throw new DomainError('forecast.model-not-applicable', 'group-profile needs seasonalProfile or groupHistory (and a season length above 1)', ['seasonalProfile']);
      return groupProfileForecast(y, { horizon, seasonLength: request.seasonalIndices.length, indices: request.seasonalIndices });
    case 'moving-average':
      return movingAverageForecast(y, { horizon, window: parameters.window ?? Math.min(y.length, Math.max(seasonLength, 3)) });
    case 'theta':
      return thetaForecast(y, {
        horizon,
        seasonLength,
        ...(parameters.alpha !== undefined ? { alpha: parameters.alpha } : {}),
        ...(request.initialStates.level !== undefined ? { initialLevel: request.initialStates.level } : {}),
      });
    case 'croston':
    case 'sba':
    case 'sbj':
    case 'tsb':
      if (y.some((v) => v < 0)) throw new DomainError('forecast.negative-demand', `${method} needs non-negative demand`, ['history']);
      return fitIntermittent(method, y, request);
    case 'ets':
      return fitNamedEts(y, request.ets!, request, 'ets');
    case 'combination':
      return combination(y, request);
    default:
      return fitNamedEts(y, NAMED_ETS[method]!, request, 'method');
  }
}

/**
 * Equal-weight combination of the AICc-selected ETS model, Theta and damped Holt (on M3, 3,003
 * series: 12.71 sMAPE / 1.385 MASE against 13.07 / 1.425 for ETS alone and 12.79 / 1.419 for
 * Theta; `npm run bench:accuracy`). The forecast is the mean of the members; fitted values likewise; the
 * uncertainty is the ETS member's, re-centred on the combination (a documented approximation:
 * combining reduces the error variance, so these intervals are conservative).
 */
function combination(y: number[], request: FitRequest, selectedEts?: EtsFit): ModelFit {
  const horizon = request.horizon;
  const ets = withEtsSimulator(selectedEts ?? autoEts(y, request.seasonLength, { horizon, search: 'r' }).best, horizon);
  const members: ModelFit[] = [ets, thetaForecast(y, { horizon, seasonLength: request.seasonLength })];
  if (y.length > 9) members.push(fitEts(y, { error: 'A', trend: 'A', damped: true, season: 'N', seasonLength: 1 }, { horizon }));
  const mean = (arrays: number[][], i: number) => arrays.reduce((a, arr) => a + arr[i]!, 0) / arrays.length;
  const forecast = ets.forecast.map((_, h) => mean(members.map((m) => m.forecast), h));
  const shift = forecast.map((f, h) => f - ets.forecast[h]!);
  const fitted = y.map((_, t) => {
    const defined = members.map((m) => m.fitted[t]!).filter(Number.isFinite);
    return defined.length > 0 ? defined.reduce((a, b) => a + b, 0) / defined.length : Number.NaN;
  });
  const simulate = ets.simulate;
  return {
    method: `combination(${members.map((m) => m.method).join(', ')})`,
    fitted,
    residuals: y.map((v, t) => v - fitted[t]!),
    forecast,
    ...(ets.forecastVariance ? { forecastVariance: ets.forecastVariance } : {}),
    ...(simulate ? { simulate: (count: number, random: Random) => simulate(count, random).map((path) => path.map((v, h) => v + shift[h]!)) } : {}),
    parameters: Object.fromEntries(Object.entries(ets.parameters).map(([k, v]) => [`ets.${k}`, v])),
    states: ets.states,
    sigma2: ets.sigma2,
  };
}

function sbcClass(c: DemandClassification): FitOutcome['demandClass'] | undefined {
  return c.category === 'no-demand' || !Number.isFinite(c.adi) ? undefined : { adi: c.adi, cv2: Number.isFinite(c.cv2) ? c.cv2 : 0, class: c.category };
}

function autoSelect(y: number[], request: FitRequest): FitOutcome {
  const nonNegative = y.every((v) => v >= 0);
  const classification = nonNegative ? classifyDemand(y) : undefined;
  const demandClass = classification ? sbcClass(classification) : undefined;
  if (classification?.category === 'no-demand')
    return { fit: naiveForecast(y, { horizon: request.horizon }), method: 'auto', formula: FORMULAS.naive!, selection: { criterion: 'rule', reason: 'no demand in the history: forecast 0', candidates: [] } };

  if (demandClass && (demandClass.class === 'intermittent' || demandClass.class === 'lumpy') && y.length >= 8) {
    const chosen = autoIntermittent(y, request);
    return {
      fit: chosen.fit,
      method: 'auto',
      formula: FORMULAS[chosen.method]!,
      selection: {
        criterion: chosen.criterion,
        reason: `${demandClass.class} demand (ADI ${demandClass.adi.toFixed(2)} > 1.32): ${chosen.reason}`,
        candidates: chosen.candidates.filter((c) => Number.isFinite(c.score)),
      },
      demandClass,
    };
  }

  return autoRegular(y, request, demandClass);
}

/**
 * `auto` for regular demand: the candidates a seller's history supports, scored by rolling origin on
 * the caller's windows and combined by those scores (./select.ts). Non-seasonal members (ETS by
 * AICc as R `ets`, Theta as R `thetaf`, damped Holt, their equal-weight combination "Comb S-H-D")
 * are always there; with m ≥ 2 and at least one season the seasonal ones join: seasonal naive,
 * seasonal naive × growth (./seasonal.ts), and the group profile when the caller gives one.
 */
/**
 * A fit whose error variance could not be estimated (too few points, e.g. ETS on 2 observations)
 * gets the random-walk variance σ²·h with σ² the mean squared first difference (0 for a single
 * point), and says so, so that every history length answers with finite intervals.
 */
function withFiniteVariance(fit: ModelFit, y: readonly number[]): ModelFit {
  const variance = fit.forecastVariance;
  if (Number.isFinite(fit.sigma2) && fit.sigma2 >= 0 && (!variance || variance.every((v) => Number.isFinite(v) && v >= 0))) return fit;
  const sigma2 = y.length > 1 ? meanSquaredFirstDifference(y) : 0;
  const { simulate: _dropped, ...rest } = fit;
  return { ...rest, sigma2, forecastVariance: fit.forecast.map((_, h) => sigma2 * (h + 1)), varianceBasis: y.length > 1 ? 'first-differences' : 'none' };
}

/** Periods of the harmonic regression: 365.25/7 for weekly data, 7 and 365.25 for daily, else m. */
function harmonicPeriods(request: FitRequest): number[] {
  const m = request.seasonLength;
  if (m <= 1) throw new DomainError('forecast.seasonality-not-possible', 'harmonic-regression needs seasonLength (or frequency) greater than 1', ['seasonLength']);
  if (request.frequency === 'week' && m === 52) return [365.25 / 7];
  if (request.frequency === 'day' && m === 7) return [7, 365.25];
  return [m];
}

/** Periods of STL: as the harmonic regression, keeping only those with two full cycles of history. */
function stlPeriods(request: FitRequest, n: number): number[] {
  const periods = harmonicPeriods(request).filter((p) => n >= 2 * Math.floor(p));
  if (periods.length === 0) throw new DomainError('forecast.not-enough-history', `stl-ets needs two full seasons (${2 * request.seasonLength} periods), the history has ${n}`, ['history']);
  return periods;
}

const COMBINATION_MEMBERS = new Set(['ets', 'theta', 'damped-holt']);
const MEMBER_CHALLENGE_MIN_HISTORY = 150;

/** Whether a candidate's forecast carries a seasonal pattern. */
function isSeasonalFit(name: string, fit: ModelFit): boolean {
  if (name === 'theta') return fit.parameters.seasonal === 1;
  if (name === 'damped-holt') return false;
  return true;
}

function autoRegular(y: number[], request: FitRequest, demandClass: FitOutcome['demandClass']): FitOutcome {
  const { horizon, seasonLength: m } = request;
  const pool: Candidate[] = [];
  const skipped: Array<{ method: string; reason: string }> = [];
  const tryAdd = (name: string, make: () => ModelFit) => {
    try {
      const fit = withFiniteVariance(make(), y);
      pool.push({ name, fit, seasonal: isSeasonalFit(name, fit) });
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      skipped.push({ method: name, reason: err.message });
    }
  };
  const { best, candidates: etsTable } = autoEts(y, m, { horizon, search: 'r' });
  const etsCount = etsTable.filter((c) => c.aicc !== null && Number.isFinite(c.aicc)).length;
  pool.push({ name: 'ets', fit: withFiniteVariance(withEtsOrigins(withEtsSimulator(best, horizon) as EtsFit, y), y), seasonal: best.spec.season !== 'N' });
  if (y.length >= 3) tryAdd('theta', () => withThetaOrigins(thetaForecast(y, { horizon, seasonLength: m }), y, m));
  if (y.length > 9) tryAdd('damped-holt', () => withEtsOrigins(withEtsSimulator(fitEts(y, { error: 'A', trend: 'A', damped: true, season: 'N', seasonLength: 1 }, { horizon }), horizon) as EtsFit, y));
  if (pool.length === 3)
    pool.push({
      name: 'combination',
      fit: { ...weightedFit(pool.map((c) => ({ ...c, weight: 1 })), y), method: `combination(${pool.map((c) => c.fit.method).join(', ')})` },
      seasonal: pool.some((c) => c.seasonal),
      incumbent: true,
    });
  else pool[0]!.incumbent = true;
  if (m >= 2 && y.length >= m) {
    tryAdd('seasonal-naive', () => withRelativeVariance(seasonalNaiveForecast(y, { horizon, seasonLength: m }), m));
    if (y.length >= m + defaultGrowthWindow(m)) tryAdd('seasonal-naive-growth', () => seasonalNaiveGrowthForecast(y, { horizon, seasonLength: m }));
  }
  // STL + ETS joins where it can be evaluated (two seasons before the first origin and room for
  // the windows after it). The harmonic regression is offered as a method of its own but not in
  // auto: on the Walmart peak window it smooths the sharp holiday weeks away (87 weeks: WAPE 17.8 %
  // against 3.8 % for seasonal naive × growth, auto 4.3 % without it, 4.5 % with it) and it costs
  // ~4 ms per weekly series.
  const lastEnd = Math.max(horizon, ...(request.windows ?? []).map((w) => w.end));
  if (m >= 2 && y.length >= 2 * m + Math.min(lastEnd, horizon) + 2) tryAdd('stl-ets', () => stlEtsForecast(y, { horizon, periods: stlPeriods(request, y.length) }));
  if (request.seasonalIndices) {
    const indices = request.seasonalIndices;
    tryAdd('group-profile', () => groupProfileForecast(y, { horizon, seasonLength: indices.length, indices }));
  }
  // The combination's own members replace it only on long histories (hourly data, where one bad
  // member can wreck an equal-weight average): on short ones a few origins pick the wrong member
  // (M3 yearly, 14–41 points: 16.47 sMAPE when they may, 16.16 for the combination).
  if (y.length < MEMBER_CHALLENGE_MIN_HISTORY) for (const c of pool) if (COMBINATION_MEMBERS.has(c.name)) c.canChallenge = false;
  const windows = request.windows && request.windows.length > 0 ? request.windows : [{ start: 1, end: horizon }];
  const swing = m >= 2 ? seasonalSwing(y, m, windows) : 0;
  const selection = selectByRollingOrigin(y, pool, windows, { seasonalMargin: SEASONAL_MARGIN, swing, seasonLength: m, ...request.selectionOptions });
  const etsNote = `ETS member: ${etsLabel(best.spec)}, lowest AICc of ${etsCount} admissible models${m > 24 ? ` (non-seasonal: ETS seasonal models stop at m = 24, as in R)` : ''}`;
  return {
    fit: selection.fit,
    method: 'auto',
    formula: AUTO_FORMULA,
    selection: {
      criterion: selection.criterion,
      reason: `${selection.reason}. ${etsNote}${demandClass ? `; ${demandClass.class} demand` : ''}.`,
      candidates: [...selection.candidates, ...skipped.map((c) => ({ method: c.method, model: c.method, score: null, weight: 0, reason: c.reason }))],
    },
    evaluation: { origins: selection.origins, windows: selection.windows },
    ...(demandClass ? { demandClass } : {}),
  };
}

/**
 * Method `auto-ets`: the ETS model with the lowest AICc alone, what R `forecast::ets(y)` does by
 * default (model "ZZZ", additive/multiplicative error, trend none/additive/damped, season
 * none/additive/multiplicative when 1 < m ≤ 24, multiplicative trend excluded, restricted models
 * excluded; Hyndman et al. 2008 §7.2; FPP 3rd ed. §8.6), estimated with R's Nelder–Mead set-up
 * (search 'r') so the choice and the estimates follow R's. Fixed parameters do not apply (each
 * candidate model has its own); the candidates and their AICc are reported.
 */
function autoEtsAlone(y: number[], request: FitRequest): FitOutcome {
  const { best, candidates } = autoEts(y, request.seasonLength, { horizon: request.horizon, search: 'r' });
  const scored = candidates.filter((c): c is typeof c & { aicc: number } => c.aicc !== null && Number.isFinite(c.aicc)).map((c) => ({ method: c.label, score: c.aicc }));
  if (request.seasonLength > 24) request.warnings.push(`Season length ${request.seasonLength} is above 24: ETS models are non-seasonal here (as R ets).`);
  return {
    fit: withEtsSimulator(best, request.horizon),
    method: 'auto-ets',
    formula: ETS_FORMULA,
    selection: { criterion: 'AICc', reason: `${etsLabel(best.spec)} has the lowest AICc among ${scored.length} admissible ETS models (R ets default)`, candidates: scored },
  };
}

/** Runs a method, turning its "cannot fit this history" RangeErrors into a 422 the caller can act on. */
function applicable<T>(method: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof RangeError)
      throw new DomainError('forecast.model-not-applicable', `${method} cannot be fitted to this history: ${err.message}. Try method auto, naive or a simpler model.`, ['history'], { cause: err });
    throw err;
  }
}

/** Fits the requested method on a gap-free history. */
export function fitForecast(y: number[], request: FitRequest): FitOutcome {
  if (request.method === 'auto') {
    const outcome = applicable('auto', () => autoSelect(y, request));
    return { ...outcome, fit: withFiniteVariance(outcome.fit, y) };
  }
  if (request.method === 'auto-ets') {
    const outcome = applicable('auto-ets', () => autoEtsAlone(y, request));
    return { ...outcome, fit: withFiniteVariance(outcome.fit, y) };
  }
  const fit = withFiniteVariance(
    applicable(request.method, () => fitNamed(request.method as Exclude<ForecastMethod, 'auto' | 'auto-ets'>, y, request)),
    y,
  );
  const isEts = request.method === 'ets' || NAMED_ETS[request.method] !== undefined;
  if (request.method === 'combination') return { fit, method: request.method, formula: FORMULAS.combination! };
  return { fit, method: request.method, formula: isEts ? ETS_FORMULA : FORMULAS[request.method]! };
}
