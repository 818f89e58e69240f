/**
 * Input and result schemas of the stock-up plan (`POST /v1/stock-plan`). The rules that use these
 * fields, and their sources, are documented in ./stock-plan.ts and the helpers it cites.
 */
import * as z from 'zod';
import { isIsoDate } from '../forecast/calendar.js';
import { ForecastInput, MAX_HORIZON } from '../forecast/forecast.js';
import { ForecastTargetInput } from '../forecast/target.js';
import { MAX_QUANTITY, money, probability, provenance, quantity, crossField } from '../schema.js';
import { MAX_SERVICE_LEVEL } from '../stock/safety-stock.js';
import { dayOf } from './schedule.js';
import { MAX_BATCHES } from './shipments.js';

/** Most SKUs in one plan. */
export const MAX_PLAN_SKUS = 2000;
/** Most SKUs forecast inline in one plan (each runs the forecast engine). */
export const MAX_INLINE_FORECASTS = 500;
/** Longest history of an inline forecast (five years of weeks). */
export const MAX_INLINE_HISTORY = 260;
/** Most transport modes. */
export const MAX_MODES = 8;
/** Most in-transit shipments per SKU. */
export const MAX_IN_TRANSIT = 50;
/** Longest span from asOf to the end of the coverage window (two years). */
export const MAX_PLAN_DAYS = 730;
/** Longest lead-time component (production, handling, transit, receiving), cover or cut-off, in days. */
export const MAX_LEAD_DAYS = 365;
/** Longest promo. */
export const MAX_PROMO_DAYS = 366;
/** Default sample paths of an inline forecast: σ of a window sum to ≈ 1/√(2·500) = 3.2 % (half the cost of the /v1/forecast default of 1,000). */
export const PLAN_FORECAST_SIMULATIONS = 500;
/** Largest playbook multiplier. */
export const MAX_MULTIPLIER = 10;
/** Largest coefficient of variation accepted for a target's demand. */
export const MAX_CV = 10;
/** Largest coefficient of variation of a lognormal transit time (σ² = ln(1 + cv²) ≤ ln 101 keeps every quantile finite). */
export const MAX_LOGNORMAL_CV = 10;
/** Longest SKU id and mode name. */
export const MAX_SKU_LENGTH = 100;
export const MAX_MODE_NAME = 40;

const MIN_YEAR = '1900';
/** Day number of a valid date from 1900 on, or undefined (the refinements below run on invalid fields too). */
const dayNumber = (s: string): number | undefined => (isIsoDate(s) && s >= MIN_YEAR ? dayOf(s) : undefined);
const isoDate = (description: string) =>
  z
    .string()
    .refine((s) => dayNumber(s) !== undefined, { message: 'expected a valid calendar date YYYY-MM-DD from 1900-01-01' })
    .meta({ description });
const days = (description: string, max = MAX_LEAD_DAYS) => z.number().min(0).max(max).meta({ description });
const modeName = (description: string) => z.string().min(1).max(MAX_MODE_NAME).meta({ description });

// ---------------------------------------------------------------------------------------------
// Demand over the coverage window

const PlanForecastWindow = z
  .strictObject({
    start: z.int().min(1).max(MAX_HORIZON).meta({ description: 'First forecast period (1 = first period after the history).' }),
    end: z.int().min(1).max(MAX_HORIZON).meta({ description: 'Last forecast period (inclusive).' }),
  })
  .refine((w) => w.end >= w.start, { message: 'end must not be before start', path: ['end'] })
  .meta({
    id: 'StockPlanForecastWindow',
    description: 'The forecast periods that make up the coverage window, whole periods, when you do not want them found from the dates.',
  });

/** Input side of the inline forecast request: ForecastInput whose horizon may be left out. */
type PlanForecastRequestInput = Omit<z.input<typeof ForecastInput>, 'horizon'> & { horizon?: number };
/** The inline forecast request after validation: ForecastInput with an optional minimum horizon. */
export type PlanForecastRequest = Omit<ForecastInput, 'horizon'> & { horizon?: number };

/**
 * ForecastInput with a horizon that only sets a minimum (the plan raises it to reach the end of
 * the coverage window) and fewer default sample paths. Its refinements are ForecastInput's.
 */
export const StockPlanForecastRequest = (ForecastInput as unknown as z.ZodObject)
  .safeExtend({
    horizon: z
      .int()
      .min(1)
      .max(MAX_HORIZON)
      .optional()
      .meta({ description: `Minimum periods to forecast (1..${MAX_HORIZON}); raised to reach the end of the coverage window (and the last future event). Default: exactly that.` }),
    simulations: z
      .int()
      .min(100)
      .max(10000)
      .default(PLAN_FORECAST_SIMULATIONS)
      .meta({ description: `Sample paths for the window's standard deviation (default ${PLAN_FORECAST_SIMULATIONS}: standard error of σ ≈ 3 %).` }),
  })
  .meta({
    id: 'StockPlanForecastRequest',
    description: `A /v1/forecast request run inline (history at most ${MAX_INLINE_HISTORY} periods). Give frequency and start so the plan can find the coverage window's periods from the dates, or give window. Its windows are replaced by the coverage window.`,
  }) as unknown as z.ZodType<PlanForecastRequest, PlanForecastRequestInput>;

const NormalWindowDemand = z
  .strictObject({
    source: z.literal('normal'),
    mean: quantity('Mean demand μ over the coverage window (units): the promo plus the cover after it.'),
    stdDev: quantity('Standard deviation σ of that demand (units).'),
    dailyAfterPromo: quantity('Mean daily demand after the promo (units/day), for the lead-time term of a statistical buffer with a replenishmentMode; default μ ÷ coverage days.').optional(),
  })
  .meta({ id: 'StockPlanNormalDemand', description: 'Demand over the coverage window given as mean and standard deviation (normal).' });

const InlineForecastDemand = z
  .strictObject({
    source: z.literal('forecast'),
    request: StockPlanForecastRequest,
    window: PlanForecastWindow.optional(),
  })
  .meta({ id: 'StockPlanInlineForecastDemand', description: 'Demand from a forecast run inline: the sum of the point forecasts over the coverage window, σ from simulated sample paths.' });

const PastedPeriod = z
  .object({
    period: z.int().min(1).max(MAX_HORIZON),
    date: isoDate('Start date of the period.').optional(),
    forecast: z.number().min(-MAX_QUANTITY).max(MAX_QUANTITY).meta({ description: 'Point forecast (units).' }),
    upper: z
      .record(z.string().max(20), z.number().min(-MAX_QUANTITY).max(MAX_QUANTITY))
      .optional()
      .meta({ description: 'Upper interval bounds by level in percent, e.g. {"80": 120, "95": 131}.' }),
  })
  .meta({ id: 'StockPlanForecastPeriod', description: 'A forecast period; other fields (baseline, lower) are accepted and ignored.' });

const PastedSum = z.object({
  start: z.int().min(1).max(MAX_HORIZON),
  end: z.int().min(1).max(MAX_HORIZON),
  sum: z.number().min(-1e15).max(1e15),
  stdDev: z.number().min(0).max(1e15),
  basis: z.enum(['simulated', 'independent-errors']),
});

export const StockPlanForecastResult = z
  .object({
    model: z.string().max(500).optional(),
    periods: z.array(PastedPeriod).min(1).max(MAX_HORIZON).meta({ description: `Periods 1..n in order (at most ${MAX_HORIZON}).` }),
    windows: z.array(PastedSum).max(50).default([]).meta({ description: 'Window sums with their standard deviation, as /v1/forecast returns them.' }),
    horizonTotal: z.object({ sum: z.number().min(-1e15).max(1e15), stdDev: z.number().min(0).max(1e15), basis: z.enum(['simulated', 'independent-errors']) }).optional(),
    days: z
      .array(z.object({ date: isoDate('Day.'), forecast: z.number().min(-MAX_QUANTITY).max(MAX_QUANTITY) }))
      .max(7 * MAX_HORIZON)
      .optional()
      .meta({ description: 'The daily split of a /v1/forecast result with dailyBreakdown: a period cut by the coverage window weighs the forecast of its days inside the window instead of its share of days.' }),
  })
  .meta({
    id: 'StockPlanForecastResult',
    description: 'A /v1/forecast result as returned (or an item result of /v1/forecast/batch). Fields not listed here (fitted, parameters, …) are accepted and ignored.',
  });

const ForecastResultDemand = z
  .strictObject({
    source: z.literal('forecast-result'),
    frequency: z.enum(['day', 'week', 'month']).optional().meta({ description: 'Period length of the forecast; required unless window is given.' }),
    result: StockPlanForecastResult,
    window: PlanForecastWindow.optional(),
  })
  .meta({ id: 'StockPlanForecastResultDemand', description: 'Demand from a forecast result you already have.' });

const TargetDemand = z
  .strictObject({
    source: z.literal('target'),
    cv: z.number().min(0).max(MAX_CV).optional().meta({ description: `Coefficient of variation σ/μ of the SKU's target units (0..${MAX_CV}), e.g. 0.3.` }),
    stdDev: quantity('Standard deviation of the SKU target units (units).').optional(),
  })
  .meta({ id: 'StockPlanTargetDemand', description: 'Demand = the SKU units of the request `target` breakdown (GMV → orders → units), with a spread you give.' });

export const StockPlanDemand = z
  .discriminatedUnion('source', [NormalWindowDemand, InlineForecastDemand, ForecastResultDemand, TargetDemand])
  .meta({ id: 'StockPlanDemand', description: 'Where the demand over the coverage window comes from.' });
export type StockPlanDemand = z.output<typeof StockPlanDemand>;

// ---------------------------------------------------------------------------------------------
// Buffer policies

const StatisticalPolicy = z
  .strictObject({
    type: z.literal('statistical'),
    serviceLevel: probability(`Target in (0, 1): cycle service level P(no stock-out over the window), or fill rate (share of demand served) with measure fill-rate. At most ${MAX_SERVICE_LEVEL} (422 above).`),
    measure: z.enum(['cycle', 'fill-rate']).default('cycle').meta({ description: 'What serviceLevel means.' }),
    replenishmentMode: modeName('Mode of the next regular replenishment after the window: its transit spread makes the end of the window uncertain (adds d²·σ_L² to the variance). Default: none.').optional(),
  })
  .meta({ id: 'StatisticalBufferPolicy', description: 'Target stock = μ + k·σ for a cycle service level or a fill rate.' });

const NewsvendorPolicy = z
  .strictObject({
    type: z.literal('newsvendor'),
    shortagePenalty: money('Extra penalty per unit short beyond the lost margin (ranking, goodwill).').default(0),
  })
  .meta({ id: 'NewsvendorBufferPolicy', description: "One-shot promo buy: the newsvendor quantity from the SKU's price, unitCost and salvageValue." });

const MultiplierPolicy = z
  .strictObject({
    type: z.literal('multiplier'),
    factor: z.number().min(0).max(MAX_MULTIPLIER).meta({ description: `Target stock = factor × mean demand (0..${MAX_MULTIPLIER}); the playbook's 1.2–1.5 for hero SKUs, less for the long tail.` }),
  })
  .meta({ id: 'MultiplierBufferPolicy', description: 'Playbook multiplier of the forecast.' });

export const BufferPolicy = z
  .discriminatedUnion('type', [StatisticalPolicy, NewsvendorPolicy, MultiplierPolicy])
  .meta({ id: 'BufferPolicy', description: 'How much stock to hold for the coverage window.' });
export type BufferPolicy = z.output<typeof BufferPolicy>;

// ---------------------------------------------------------------------------------------------
// Modes, shipments, SKUs

const TransportMode = z
  .strictObject({
    name: modeName('Name the shipment splits refer to, e.g. sea, rail, air, express (unique).'),
    transitDays: days('Mean transit time (days), departure to arrival at the destination warehouse.'),
    transitStdDevDays: days('Standard deviation of the transit time (days).', 180).default(0),
    distribution: z.enum(['normal', 'lognormal']).default('normal').meta({ description: `Distribution of the transit time (lognormal: right-skewed delays; needs transitStdDevDays ≤ ${MAX_LOGNORMAL_CV} × transitDays).` }),
    originHandlingDays: days('Days from handing the goods over at origin to departure (trucking, export clearance, consolidation).', 120).default(0),
    receivingDays: days('Warehouse receiving (check-in) days for this mode; default warehouse.receivingDays.', 120).optional(),
    costPerUnit: money('Freight cost per unit by this mode (currency).').optional(),
    costPerKg: money("Freight cost per kg by this mode (currency), times the SKU's unitWeightKg.").optional(),
  })
  .meta({ id: 'TransportMode', description: 'A transport mode: transit time mean and spread, handling, receiving and cost.' });
export type TransportMode = z.output<typeof TransportMode>;

const SplitBatch = z
  .strictObject({
    mode: modeName('Transport mode of the batch (a modes name).'),
    share: z.number().gt(0).max(1).meta({ description: 'Share of the quantity to produce in (0, 1]; the shares add up to 1 (±1e-6).' }),
    arriveBy: isoDate('Date the batch must be sellable by; default the inbound cut-off. A later date (up to the end of the coverage window) for a batch held back for replenishment.').optional(),
  })
  .meta({ id: 'ShipmentBatch' });

export const Shipments = z
  .discriminatedUnion('method', [
    z
      .strictObject({
        method: z.literal('given'),
        batches: z.array(SplitBatch).min(1).max(MAX_BATCHES).meta({ description: `1..${MAX_BATCHES} batches, e.g. 70 % by sea then 30 % by air.` }),
      })
      .meta({ id: 'GivenShipments', description: 'A split you choose.' }),
    z
      .strictObject({
        method: z.literal('auto'),
        modes: z.array(modeName('A mode name.')).min(1).max(MAX_MODES).optional().meta({ description: 'Modes to choose among (default all).' }),
      })
      .meta({ id: 'AutoShipments', description: 'Chosen per SKU to minimise freight plus the expected cost of arriving late; needs a cost for each mode and a late penalty for each SKU.' }),
  ])
  .meta({ id: 'Shipments', description: 'How the quantity to produce is split into batches by mode.' });
export type Shipments = z.output<typeof Shipments>;

const InTransit = z
  .strictObject({
    quantity: quantity('Units in the shipment.'),
    arrivalDate: isoDate('Date the units are sellable at the warehouse.'),
  })
  .meta({ id: 'InTransitShipment' });

export const StockPlanSku = z
  .strictObject({
    sku: z.string().min(1).max(MAX_SKU_LENGTH).meta({ description: 'SKU id, unique in the plan.' }),
    demand: StockPlanDemand,
    class: z.enum(['A', 'B', 'C']).optional().meta({ description: 'ABC class; default by revenue over the window (see abc).' }),
    policy: BufferPolicy.optional().meta({ description: "This SKU's buffer policy; default the policy of its class." }),
    price: money('Selling price per unit during the promo (currency): revenue for ABC, margin, newsvendor.').optional(),
    unitCost: money('Cost per unit (currency): margin and newsvendor.').optional(),
    salvageValue: money('Value recovered per leftover unit (markdown, liquidation) for the newsvendor.').default(0),
    latePenaltyPerUnit: money('Cost of a sale lost because a batch arrived late (currency); default price − unitCost.').optional(),
    unitWeightKg: z.number().min(0).max(1e5).optional().meta({ description: 'Weight per unit (kg) for per-kg freight.' }),
    unitVolumeM3: z.number().min(0).max(1e3).optional().meta({ description: 'Volume per unit (m³) for the warehouse capacity check.' }),
    onHand: quantity('Units on hand at the destination warehouse now.').default(0),
    inTransit: z.array(InTransit).max(MAX_IN_TRANSIT).default([]).meta({ description: `Shipments on their way (at most ${MAX_IN_TRANSIT}); only those sellable by the cut-off count.` }),
    onOrder: quantity('Units ordered from the supplier and not yet shipped; counted as arriving by the cut-off.').default(0),
    salesBeforePromo: quantity('Units expected to sell from this stock between now and the promo start.').default(0),
    moq: quantity('Minimum order quantity of the supplier (units); 0 for none.').default(0),
    casePack: z.int().min(1).max(1e6).default(1).meta({ description: 'Units per carton: the quantity is rounded up to whole cartons.' }),
    productionLeadTimeDays: days('Days from order to goods ready at origin.').default(0),
    maxUnits: quantity('Most units of this SKU the warehouse may hold (capacity, inventory limit).').optional(),
    shipments: Shipments.optional().meta({ description: "This SKU's split; default the plan's shipments." }),
  })
  .meta({ id: 'StockPlanSku', description: 'One SKU: demand, policy, economics, inventory position and supply constraints.' });
export type StockPlanSku = z.output<typeof StockPlanSku>;

const StockPlanFields = z.strictObject({
    asOf: isoDate("Today's date: the plan's day 0 (no order or shipment is planned before it)."),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code: three capital letters, e.g. USD')
      .default('USD')
      .meta({ description: 'ISO 4217 code of every money amount (prices, costs, freight); sets the rounding of freight costs.' }),
    promo: z
      .strictObject({
        start: isoDate('First day of the promo.'),
        end: isoDate('Last day of the promo (inclusive); or give days.').optional(),
        days: z.int().min(1).max(MAX_PROMO_DAYS).optional().meta({ description: `Promo length in days (1..${MAX_PROMO_DAYS}); or give end.` }),
        coverageDaysAfter: z.int().min(0).max(MAX_LEAD_DAYS).default(0).meta({ description: 'Days after the promo the stock must also cover (until the next replenishment).' }),
        cutoffDaysBefore: z.int().min(0).max(MAX_LEAD_DAYS).default(15).meta({ description: 'Inbound cut-off: stock must be sellable this many days before the promo start (marketplaces close inbound ~15 days before big events).' }),
      })
      .meta({ id: 'StockPlanPromo', description: 'The event and its coverage window.' }),
    onTimeProbability: probability(`Target probability (0, 1) of arriving by the due date, for the latest ship and order dates; at most ${MAX_SERVICE_LEVEL}.`).default(0.95),
    modes: z.array(TransportMode).min(1).max(MAX_MODES).meta({ description: `Transport modes (1..${MAX_MODES}).` }),
    warehouse: z
      .strictObject({
        receivingDays: days('Receiving (check-in) days at the destination warehouse, for every mode without its own.', 120).default(0),
        capacityUnits: quantity('Most units (all SKUs) the warehouse space holds; exceeded → warning.').optional(),
        capacityM3: z.number().min(0).max(1e9).optional().meta({ description: 'Most volume (m³) the warehouse space holds; uses unitVolumeM3.' }),
      })
      .prefault({})
      .meta({ id: 'StockPlanWarehouse' }),
    shipments: Shipments.optional().meta({ description: 'Default split for every SKU; default everything by the first mode.' }),
    policies: z
      .strictObject({ A: BufferPolicy.optional(), B: BufferPolicy.optional(), C: BufferPolicy.optional() })
      .prefault({})
      .meta({
        id: 'StockPlanClassPolicies',
        description: 'Buffer policy per ABC class; defaults: statistical cycle service level 0.98 (A), 0.95 (B), 0.90 (C).',
      }),
    abc: z
      .strictObject({
        aShare: z.number().gt(0).max(1).default(0.8).meta({ description: 'Cumulative revenue share closing class A.' }),
        bShare: z.number().gt(0).max(1).default(0.95).meta({ description: 'Cumulative revenue share closing class B (≥ aShare).' }),
      })
      .prefault({})
      .meta({ id: 'StockPlanAbc', description: 'ABC cut-offs for SKUs without a class.' }),
    target: ForecastTargetInput.optional().meta({ description: "GMV target breakdown for SKUs with demand source 'target'." }),
    skus: z.array(StockPlanSku).min(1).max(MAX_PLAN_SKUS).meta({ description: `1..${MAX_PLAN_SKUS} SKUs (at most ${MAX_INLINE_FORECASTS} forecast inline). The request as a whole must also fit the work budget (about 5 s of computing: 413 request.too-much-work) and its JSON answer 6 MB (413 response.too-large).` }),
});

export const StockPlanInput = StockPlanFields.superRefine((input, ctx) => validatePlan(input, ctx), crossField).meta({
    id: 'StockPlanInput',
    description: 'A promo, transport modes, buffer policies and the SKUs to stock up: demand, inventory position and supply constraints.',
  });
export type StockPlanInput = z.output<typeof StockPlanInput>;

type Ctx = z.core.$RefinementCtx<z.output<typeof StockPlanFields>>;

/** Cross-field rules: names that must exist, shares that add up, what each policy and split needs. */
function validatePlan(input: z.output<typeof StockPlanFields>, ctx: Ctx): void {
  const issue = (path: Array<string | number>, message: string) => ctx.addIssue({ code: 'custom', path, message });
  const promo = input.promo;
  if (promo.end === undefined && promo.days === undefined) issue(['promo', 'end'], 'give end or days');
  if (promo.end !== undefined && promo.days !== undefined) issue(['promo', 'days'], 'give end or days, not both');
  const start = dayNumber(promo.start);
  const asOf = dayNumber(input.asOf);
  const end = promo.end !== undefined ? dayNumber(promo.end) : start !== undefined && promo.days !== undefined ? start + promo.days - 1 : undefined;
  if (start !== undefined && end !== undefined && end < start) issue(['promo', 'end'], 'end must not be before start');
  const coverageEnd = end !== undefined ? end + promo.coverageDaysAfter : undefined;
  if (asOf !== undefined && coverageEnd !== undefined && coverageEnd - asOf > MAX_PLAN_DAYS)
    issue(['promo', 'start'], `the coverage window ends ${coverageEnd - asOf} days after asOf, more than the ${MAX_PLAN_DAYS} accepted`);
  if (input.onTimeProbability > MAX_SERVICE_LEVEL) issue(['onTimeProbability'], `must be at most ${MAX_SERVICE_LEVEL}`);
  if (input.abc.bShare < input.abc.aShare) issue(['abc', 'bShare'], 'must not be below aShare');

  const modes = new Map<string, TransportMode>();
  input.modes.forEach((m, i) => {
    if (modes.has(m.name)) issue(['modes', i, 'name'], `duplicate mode "${m.name}"`);
    modes.set(m.name, m);
    if (m.distribution === 'lognormal' && m.transitStdDevDays > MAX_LOGNORMAL_CV * m.transitDays)
      issue(['modes', i, 'transitStdDevDays'], `a lognormal transit time needs transitStdDevDays ≤ ${MAX_LOGNORMAL_CV} × transitDays (and transitDays > 0)`);
  });
  const checkMode = (name: string | undefined, path: Array<string | number>) => {
    if (name !== undefined && !modes.has(name)) issue(path, `unknown mode "${name}" (modes: ${[...modes.keys()].join(', ')})`);
  };
  const checkShipments = (s: Shipments | undefined, path: Array<string | number>) => {
    if (!s) return;
    if (s.method === 'auto') {
      s.modes?.forEach((m, i) => checkMode(m, [...path, 'modes', i]));
      return;
    }
    s.batches.forEach((b, i) => {
      checkMode(b.mode, [...path, 'batches', i, 'mode']);
      if (b.arriveBy !== undefined) {
        const due = dayNumber(b.arriveBy);
        if (due !== undefined && asOf !== undefined && due < asOf) issue([...path, 'batches', i, 'arriveBy'], 'must not be before asOf');
        if (due !== undefined && coverageEnd !== undefined && due > coverageEnd) issue([...path, 'batches', i, 'arriveBy'], 'must not be after the end of the coverage window');
      }
    });
    const sum = s.batches.reduce((a, b) => a + b.share, 0);
    if (!(Math.abs(sum - 1) <= 1e-6)) issue([...path, 'batches'], `the shares add up to ${sum}, not 1`);
  };
  checkShipments(input.shipments, ['shipments']);
  const checkPolicy = (p: BufferPolicy | undefined, path: Array<string | number>) => {
    if (p?.type === 'statistical') checkMode(p.replenishmentMode, [...path, 'replenishmentMode']);
    if (p?.type === 'statistical' && p.serviceLevel > MAX_SERVICE_LEVEL) issue([...path, 'serviceLevel'], `must be at most ${MAX_SERVICE_LEVEL}`);
  };
  for (const c of ['A', 'B', 'C'] as const) checkPolicy(input.policies[c], ['policies', c]);
  const newsvendorClasses = (['A', 'B', 'C'] as const).filter((c) => input.policies[c]?.type === 'newsvendor');

  const targetSkus = new Set(input.target?.mix.map((m) => m.sku) ?? []);
  const seen = new Map<string, number>();
  let inline = 0;
  input.skus.forEach((sku, i) => {
    const at = (...rest: Array<string | number>) => ['skus', i, ...rest];
    const first = seen.get(sku.sku);
    if (first !== undefined) issue(at('sku'), `duplicate SKU "${sku.sku}" (also at skus/${first})`);
    else seen.set(sku.sku, i);
    checkPolicy(sku.policy, at('policy'));
    checkShipments(sku.shipments, at('shipments'));

    const d = sku.demand;
    if (d.source === 'forecast') {
      inline++;
      if (d.request.history.length > MAX_INLINE_HISTORY) issue(at('demand', 'request', 'history'), `an inline forecast takes at most ${MAX_INLINE_HISTORY} periods of history`);
      if (!d.window && (d.request.frequency === undefined || d.request.start === undefined))
        issue(at('demand', 'request', d.request.frequency === undefined ? 'frequency' : 'start'), 'give frequency and start so the coverage window can be found from the dates, or give demand.window');
    }
    if (d.source === 'forecast-result') {
      d.result.periods.forEach((p, k) => {
        if (p.period !== k + 1) issue(at('demand', 'result', 'periods', k, 'period'), `expected period ${k + 1}: periods must be 1..n in order`);
      });
      if (!d.window) {
        if (d.frequency === undefined) issue(at('demand', 'frequency'), 'give frequency (or window) to find the coverage window from the dates');
        const missing = d.result.periods.findIndex((p) => p.date === undefined);
        if (missing >= 0) issue(at('demand', 'result', 'periods', missing, 'date'), 'every period needs its date to find the coverage window (or give window)');
      }
    }
    if (d.source === 'target') {
      if ((d.cv === undefined) === (d.stdDev === undefined)) issue(at('demand', 'cv'), 'give cv or stdDev (one of them)');
      if (!input.target) issue(at('demand', 'source'), "demand source 'target' needs the request's target breakdown");
      else if (!targetSkus.has(sku.sku)) issue(at('sku'), `SKU "${sku.sku}" is not in target.mix`);
    }

    // Newsvendor needs prices wherever it may apply (own policy, or the class policy of a given or computed class).
    const mayNewsvendor =
      sku.policy?.type === 'newsvendor' || (sku.policy === undefined && (sku.class !== undefined ? newsvendorClasses.includes(sku.class) : newsvendorClasses.length > 0));
    if (mayNewsvendor) {
      const why = sku.policy ? 'its policy is newsvendor' : `a newsvendor class policy may apply (${newsvendorClasses.join(', ')})`;
      if (sku.price === undefined) issue(at('price'), `price is required: ${why}`);
      if (sku.unitCost === undefined) issue(at('unitCost'), `unitCost is required: ${why}`);
    }

    // The automatic split needs a cost for every candidate mode and a late penalty.
    const shipments = sku.shipments ?? input.shipments;
    if (shipments?.method === 'auto') {
      if (sku.latePenaltyPerUnit === undefined && (sku.price === undefined || sku.unitCost === undefined))
        issue(at('latePenaltyPerUnit'), 'the automatic split needs latePenaltyPerUnit (or price and unitCost for the margin)');
      for (const name of shipments.modes ?? [...modes.keys()]) {
        const m = modes.get(name);
        if (!m) continue;
        if (m.costPerUnit === undefined && m.costPerKg === undefined) issue(at('shipments'), `the automatic split needs costPerUnit or costPerKg for mode "${name}"`);
        else if (m.costPerKg !== undefined && sku.unitWeightKg === undefined) issue(at('unitWeightKg'), `mode "${name}" is costed per kg: the SKU needs unitWeightKg`);
      }
    }
  });
  if (inline > MAX_INLINE_FORECASTS) issue(['skus'], `at most ${MAX_INLINE_FORECASTS} SKUs may be forecast inline, ${inline} are`);
}

// ---------------------------------------------------------------------------------------------
// Result

const PlanBatch = z
  .strictObject({
    batch: z.number().meta({ description: 'Batch number within the SKU (1-based).' }),
    mode: z.string(),
    share: z.number().meta({ description: 'Share asked for (given, or chosen by the automatic split); the cartons follow it by largest remainder.' }),
    arriveBy: z.string().meta({ description: 'Due date: the inbound cut-off, or the arriveBy given.' }),
    quantity: z.number().meta({ description: 'Units (whole cartons).' }),
    cartons: z.number(),
    latestOrderDate: z.string().meta({ description: 'Latest ship date − production lead time.' }),
    latestShipDate: z.string().meta({ description: 'Last day to hand over at origin for P(on time) ≥ onTimeProbability: ⌊due − receiving − handling − F_T⁻¹(p)⌋.' }),
    plannedShipDate: z.string().meta({ description: 'The latest ship date, or the earliest possible one (asOf + production lead time) when that has passed.' }),
    expectedArrival: z.string().meta({ description: 'Planned ship date + handling + mean transit + receiving.' }),
    pOnTime: z.number().meta({ description: 'P(sellable by the due date) when shipped on the planned date.' }),
    freightCost: z.number().optional().meta({ description: 'Units × the mode cost per unit, rounded to the currency minor unit (when the mode has a cost).' }),
  })
  .meta({ id: 'StockPlanBatch' });
export type PlanBatch = z.output<typeof PlanBatch>;

const PlanSkuResult = z
  .strictObject({
    sku: z.string(),
    class: z.enum(['A', 'B', 'C']),
    classSource: z.enum(['given', 'abc-revenue', 'abc-units']),
    demand: z
      .strictObject({
        source: z.enum(['normal', 'forecast', 'forecast-result', 'target']),
        mean: z.number().meta({ description: 'Mean demand μ over the coverage window (units).' }),
        stdDev: z.number().meta({ description: 'Its standard deviation σ (units).' }),
        stdDevBasis: z.enum(['given', 'simulated', 'independent-errors', 'interval-bound', 'coefficient-of-variation', 'none']).meta({ description: 'How σ was obtained (see coverage.ts).' }),
        dailyAfterPromo: z.number().meta({ description: 'Mean daily demand after the promo (units/day).' }),
        stdDevToCover: z.number().meta({ description: 'σ including the uncertain end of the window (statistical policy with a replenishmentMode), else σ.' }),
        firstPeriod: z.number().optional().meta({ description: 'First forecast period in the window.' }),
        lastPeriod: z.number().optional().meta({ description: 'Last forecast period in the window.' }),
        model: z.string().optional().meta({ description: 'Forecast model used.' }),
      })
      .meta({ id: 'StockPlanSkuDemand' }),
    policy: z
      .strictObject({
        type: z.enum(['statistical', 'newsvendor', 'multiplier']),
        source: z.enum(['sku', 'class', 'default']),
        serviceLevel: z.number().optional(),
        measure: z.enum(['cycle', 'fill-rate']).optional(),
        replenishmentMode: z.string().optional(),
        factor: z.number().optional(),
        criticalRatio: z.number().optional().meta({ description: 'Newsvendor c_u/(c_u + c_o).' }),
      })
      .meta({ id: 'StockPlanSkuPolicy' }),
    targetStock: z.number().meta({ description: 'Stock the policy wants for the window (units, not rounded).' }),
    safetyStock: z.number().meta({ description: 'targetStock − μ.' }),
    position: z
      .strictObject({
        onHand: z.number(),
        inTransitByCutoff: z.number().meta({ description: 'In-transit units sellable by the cut-off (counted).' }),
        inTransitAfterCutoff: z.number().meta({ description: 'In-transit units arriving after the cut-off (not counted; they end up as leftover or later stock).' }),
        onOrder: z.number(),
        salesBeforePromo: z.number(),
        total: z.number().meta({ description: 'max(0, onHand + inTransitByCutoff + onOrder − salesBeforePromo).' }),
      })
      .meta({ id: 'StockPlanPosition' }),
    netRequirement: z.number().meta({ description: 'max(0, targetStock − position) (units, not rounded).' }),
    quantityToProduce: z.number().meta({ description: 'Units to produce: the net requirement rounded up to a whole unit, raised to the MOQ, rounded up to whole cartons; 0 when the position covers the target.' }),
    cartons: z.number(),
    casePack: z.number(),
    moqApplied: z.boolean().meta({ description: 'Whether the MOQ raised the quantity.' }),
    latestOrderDate: z.string().optional().meta({ description: 'Earliest latest order date of the batches: the production order must be placed by then.' }),
    split: z
      .strictObject({
        method: z.enum(['given', 'auto', 'none']),
        expectedCost: z.number().optional().meta({ description: 'Automatic split: freight + late cost of the chosen split.' }),
        lateCost: z.number().optional().meta({ description: 'Automatic split: late penalty × lost sales caused by late batches.' }),
        candidates: z.number().optional().meta({ description: 'Automatic split: splits compared.' }),
      })
      .meta({ id: 'StockPlanSplit' }),
    batches: z.array(PlanBatch),
    expectedAvailable: z.number().meta({ description: 'position + Σ batch quantity × pOnTime: expected stock serving the window.' }),
    expectedSales: z.number().meta({ description: 'μ − expected lost sales.' }),
    expectedLostSales: z.number().meta({ description: 'E[(D − available)⁺] over the on-time/late combinations of the batches.' }),
    lateArrivalLostSales: z.number().meta({ description: 'The part of the expected lost sales caused by batches arriving late.' }),
    expectedLeftover: z.number().meta({ description: 'All stock (position + quantity to produce) − expected sales: left after the window, late batches included.' }),
    fillRate: z.number().meta({ description: 'Expected sales ÷ μ (1 when μ = 0).' }),
    inStockProbability: z.number().meta({ description: 'P(no stock-out over the window), late batches included.' }),
    freightCost: z.number().optional().meta({ description: "Σ of the batches' freight cost." }),
    peakStockUnits: z.number().meta({ description: 'onHand + every in-transit + onOrder + quantity to produce: what the warehouse must hold at most.' }),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'StockPlanSkuResult' });
export type PlanSkuResult = z.output<typeof PlanSkuResult>;

export const StockPlanResult = z
  .strictObject({
    ...provenance,
    currency: z.string(),
    asOf: z.string(),
    promoStart: z.string(),
    promoEnd: z.string(),
    coverageEnd: z.string().meta({ description: 'Last day of the coverage window.' }),
    coverageDays: z.number(),
    cutoffDate: z.string().meta({ description: 'Inbound cut-off: promo start − cutoffDaysBefore.' }),
    onTimeProbability: z.number(),
    modes: z
      .array(
        z.strictObject({
          name: z.string(),
          transitQuantileDays: z.number().meta({ description: 'F_T⁻¹(onTimeProbability).' }),
          doorToDoorMeanDays: z.number().meta({ description: 'handling + mean transit + receiving.' }),
          latestShipDate: z.string().meta({ description: 'Latest ship date for the cut-off at onTimeProbability.' }),
          pOnTimeIfShippedToday: z.number().meta({ description: 'P(sellable by the cut-off) when shipped on asOf.' }),
        }),
      )
      .meta({ description: 'Each mode worked back from the cut-off.' }),
    skus: z.array(PlanSkuResult),
    totals: z
      .strictObject({
        skus: z.number(),
        demandMean: z.number(),
        unitsToProduce: z.number().meta({ description: 'Σ quantityToProduce (the primary number).' }),
        cartons: z.number(),
        batches: z.number(),
        expectedSales: z.number(),
        expectedLostSales: z.number(),
        expectedLeftover: z.number(),
        fillRate: z.number().meta({ description: 'Σ expected sales ÷ Σ μ.' }),
        peakStockUnits: z.number(),
        freightCost: z.number().optional(),
        firstOrderByDate: z.string().optional().meta({ description: 'Earliest latest order date over all SKUs.' }),
        firstShipByDate: z.string().optional().meta({ description: 'Earliest latest ship date over all batches.' }),
        byMode: z.array(z.strictObject({ mode: z.string(), batches: z.number(), units: z.number(), cartons: z.number(), freightCost: z.number().optional() })),
        byClass: z.array(z.strictObject({ class: z.enum(['A', 'B', 'C']), skus: z.number(), demandMean: z.number(), unitsToProduce: z.number() })),
      })
      .meta({ id: 'StockPlanTotals', description: 'Sums over the SKUs; byMode and byClass add up to the totals.' }),
  })
  .meta({ id: 'StockPlanResult' });
export type StockPlanResult = z.output<typeof StockPlanResult>;
