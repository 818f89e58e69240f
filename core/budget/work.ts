/**
 * The work budget of a request: an estimate, from the validated input, of the CPU time a
 * calculation will take, so that a request whose documented bounds each hold but whose product
 * would run for minutes is refused before any work (413 `request.too-much-work`, naming the
 * biggest factor and its path) instead of billing a Lambda until its 30 s timeout.
 *
 * The unit is one microsecond of one core on the reference machine (the 2-core development box,
 * measured by `npx tsx scripts/bench/work-budget.ts`, which prints the estimate next to the
 * measured time of the worst accepted request of each route). Every cost constant lives in
 * FORECAST_COST and CALCULATION_COST below, named, so that a faster or slower engine is
 * recalibrated here alone. The estimates are linear models fitted by hand to the measurements
 * (least work of modelling that keeps the worst accepted request near the budget); they are
 * deliberately upper-side: a refused request could have run a little over 5 s, an accepted one
 * never runs for minutes.
 */
import { DomainError } from '../errors.js';

/** The most work one request may take: 5 s of one core on the reference machine. */
export const WORK_BUDGET_MICROS = 5_000_000;

/**
 * Cost model of one forecast (the engine in core/forecast): fitting is linear in the history
 * length times the models the method tries; sample paths are linear in paths × horizon; window
 * sums over paths are linear in paths × window periods.
 */
export const FORECAST_COST = {
  /** Fixed cost of one forecast call (validation of the result, intervals, labels). */
  fixedMicros: 300,
  /**
   * Fitting cost per history point, by method family. `auto` and `combination` count their
   * candidates: today auto fits every admissible ETS model by maximum likelihood (up to 15 with
   * a season, 6 without), plus Theta and damped Holt. Measured warm on the reference machine
   * (quiet), then ×1.5 for the noise between runs: auto on 5,000 points with m = 12 1.3 s
   * (≈ 260 µs/point), auto on 104 non-seasonal weeks ≈ 40 µs/point, a seasonal ETS model at
   * n = 5,000 ≈ 80 µs/point, a non-seasonal one ≈ 15, Theta, naive and Croston families ≈ 8–16.
   */
  fitMicrosPerPoint: {
    autoSeasonal: 400,
    autoNonSeasonal: 60,
    etsSeasonal: 120,
    etsNonSeasonal: 20,
    other: 12,
  },
  /**
   * Simulating one period of one sample path (and its share of the interval quantiles): ≈ 0.3 µs,
   * plus ≈ 0.07 µs per season period for seasonal ETS models (Holt-Winters m = 24, 10,000 paths ×
   * 114 periods: 2.25 s).
   */
  pathStepMicros: 0.3,
  pathStepMicrosPerSeasonPeriod: 0.07,
  /** auto and combination re-centre every path on the combined forecast (one more array per path): auto, 10,000 paths × 443 periods in 3.7 s, ≈ 0.8 µs a step. */
  pathStepFactorCombination: 2.7,
  /** Adding one period of one sample path into a window sum (ses, 50 windows × 10,000 paths × 399 periods: ≈ 1 s). */
  windowMicrosPerPathPeriod: 0.006,
  /** Seasonal ETS models are fitted up to this season length (as R ets); above it auto is non-seasonal. */
  maxEtsSeasonLength: 24,
} as const;

/** Cost constants of the other calculations (µs), measured at their maxima (scripts/bench/work-budget.ts). */
export const CALCULATION_COST = {
  /** Stock plan per SKU without an inline forecast (2,000 SKUs: 0.57 s). */
  stockPlanMicrosPerSku: 300,
  /** Landed cost per item and detail (2,000 items: full 1.45 s, summary 0.72 s). */
  landedCostMicrosPerItemFull: 750,
  landedCostMicrosPerItemSummary: 400,
  /** Cash flow per SKU × simulated day × scenario (base + stress): 1,000 × 365 × 11 in 1.2 s cold, × 21 in 0.27 s warm. */
  cashFlowMicrosPerSkuDayScenario: 0.08,
  /** Promo plan per SKU besides its stock plan, landed costs and cash flow (chained validation, decisions, pitfalls, assembly): 2,000 SKUs × 2 modes in 6.1 s. */
  planMicrosPerSku: 1200,
  /** Days a plan's cash flow runs past the coverage window when horizonDays is left out (payout delays, refunds, VAT reclaim: an upper estimate). */
  planDefaultCashTailDays: 150,
  /** Fixed cost of any request (parsing, routing, serialising a small answer). */
  requestMicros: 200,
} as const;

/** One contribution to a request's work, with the input path it comes from. */
export interface WorkFactor {
  /** JSON path of the input part that causes it, e.g. ['series', 12]. */
  path: Array<string | number>;
  /** What it is, in words the caller can act on, e.g. "forecast of 5,000 points by auto (seasonal)". */
  label: string;
  micros: number;
}

export interface WorkEstimate {
  micros: number;
  /** The parts, largest first (at most a few: the biggest is what the caller reduces). */
  factors: WorkFactor[];
}

/** The shape of one forecast request that its cost depends on. */
export interface ForecastShape {
  historyLength: number;
  method: string;
  seasonLength: number;
  horizon: number;
  simulations: number;
  /** Σ over windows of their length in periods. */
  windowPeriods: number;
  windows: number;
  /** The ETS model of method 'ets', when given. */
  ets?: { error?: string; season?: string } | undefined;
}

const SEASONAL_ETS = new Set(['holt-winters-additive', 'holt-winters-multiplicative']);
const NON_SEASONAL_ETS = new Set(['ses', 'holt', 'damped-holt']);

/** Whether the method may fit a seasonal ETS model for this season length. */
function seasonalEts(shape: ForecastShape): boolean {
  const m = shape.seasonLength;
  if (m <= 1 || m > FORECAST_COST.maxEtsSeasonLength) return false;
  if (shape.method === 'auto' || shape.method === 'combination' || SEASONAL_ETS.has(shape.method)) return true;
  return shape.method === 'ets' && shape.ets?.season !== undefined && shape.ets.season !== 'N';
}

/** Whether the forecast draws sample paths: for window sums, and for models without analytical variance (multiplicative ETS, which auto may choose). */
function drawsPaths(shape: ForecastShape): boolean {
  if (shape.windows > 0) return true;
  if (shape.method === 'auto' || shape.method === 'combination' || shape.method === 'holt-winters-multiplicative') return true;
  return shape.method === 'ets' && (shape.ets?.error === 'M' || shape.ets?.season === 'M');
}

/** Estimated work (µs) of one forecast of this shape. */
export function forecastWork(shape: ForecastShape): number {
  const c = FORECAST_COST;
  const seasonal = seasonalEts(shape);
  const perPoint =
    shape.method === 'auto' || shape.method === 'combination'
      ? seasonal
        ? c.fitMicrosPerPoint.autoSeasonal
        : c.fitMicrosPerPoint.autoNonSeasonal
      : shape.method === 'ets' || SEASONAL_ETS.has(shape.method) || NON_SEASONAL_ETS.has(shape.method)
        ? seasonal
          ? c.fitMicrosPerPoint.etsSeasonal
          : c.fitMicrosPerPoint.etsNonSeasonal
        : c.fitMicrosPerPoint.other;
  let micros = c.fixedMicros + shape.historyLength * perPoint;
  if (drawsPaths(shape)) {
    const combined = shape.method === 'auto' || shape.method === 'combination' ? c.pathStepFactorCombination : 1;
    const step = combined * (c.pathStepMicros + (seasonal ? c.pathStepMicrosPerSeasonPeriod * shape.seasonLength : 0));
    micros += shape.simulations * shape.horizon * step + shape.simulations * shape.windowPeriods * c.windowMicrosPerPathPeriod;
  }
  return micros;
}

const SEASON_OF_FREQUENCY: Record<string, number> = { day: 7, week: 52, month: 12 };
const int = (v: unknown, fallback: number, lo: number, hi: number) => (typeof v === 'number' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, Math.round(v))) : fallback);

/**
 * The forecast shape of a request object, validated or not (batch items are validated one by
 * one after the estimate, so a field that is missing or invalid takes its schema default, and a
 * history that is not an array counts as empty: such an item fails validation and costs nothing).
 */
export function forecastShapeOf(fields: Record<string, unknown>, defaults: { simulations?: number } = {}): ForecastShape {
  const history = Array.isArray(fields.history) ? fields.history.length : 0;
  const frequency = typeof fields.frequency === 'string' ? fields.frequency : undefined;
  const seasonLength = int(fields.seasonLength, (frequency && SEASON_OF_FREQUENCY[frequency]) || 1, 1, 366);
  const horizon = int(fields.horizon, 1, 1, 1000);
  const windows = Array.isArray(fields.windows) ? (fields.windows as unknown[]) : [];
  let windowPeriods = 0;
  for (const w of windows) {
    const o = (w ?? {}) as Record<string, unknown>;
    windowPeriods += Math.max(1, int(o.end, horizon, 1, 1000) - int(o.start, 1, 1, 1000) + 1);
  }
  const ets = fields.ets && typeof fields.ets === 'object' ? (fields.ets as { error?: string; season?: string }) : undefined;
  return {
    historyLength: history,
    method: typeof fields.method === 'string' ? fields.method : 'auto',
    seasonLength,
    horizon,
    simulations: int(fields.simulations, defaults.simulations ?? 1000, 100, 10000),
    windowPeriods,
    windows: windows.length,
    ets,
  };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export function forecastFactor(shape: ForecastShape, path: Array<string | number>): WorkFactor {
  const seasonal = seasonalEts(shape) ? `, season ${shape.seasonLength}` : '';
  const paths = drawsPaths(shape) ? `, ${fmt(shape.simulations)} sample paths × ${fmt(shape.horizon)} periods` : '';
  return { path, label: `a forecast of ${fmt(shape.historyLength)} points by ${shape.method}${seasonal}${paths}`, micros: forecastWork(shape) };
}

/** Sums factors into an estimate, keeping the largest few. */
export function estimateOf(factors: WorkFactor[], keep = 3): WorkEstimate {
  let micros = CALCULATION_COST.requestMicros;
  for (const f of factors) micros += f.micros;
  const sorted = [...factors].sort((a, b) => b.micros - a.micros).slice(0, keep);
  return { micros, factors: sorted };
}

/** Refuses an estimate above the budget: 413 `request.too-much-work` naming the biggest factor and its path. */
export function assertWithinWorkBudget(estimate: WorkEstimate, budgetMicros = WORK_BUDGET_MICROS, advice = 'split it into smaller requests'): void {
  if (estimate.micros <= budgetMicros) return;
  const top = estimate.factors[0];
  const seconds = (estimate.micros / 1e6).toFixed(1);
  const where = top ? ` The biggest part is ${top.label} (≈ ${(top.micros / 1e6).toFixed(1)} s)${top.path.length ? ` at /${top.path.join('/')}` : ''}.` : '';
  throw new DomainError(
    'request.too-much-work',
    `this request would take about ${seconds} s of computing, more than the ${(budgetMicros / 1e6).toFixed(0)} s one request may take.${where} Reduce it (fewer series, points, sample paths, SKUs, days or scenarios) or ${advice}.`,
    top?.path ?? [],
  );
}
