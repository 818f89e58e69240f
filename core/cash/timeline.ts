/**
 * Cash timeline of one promo campaign in one currency: a day-by-day simulation of supplier
 * deposits and balances, landed costs, marketing spend, marketplace payouts (with reserve, refunds
 * and fees) and an optional revolving credit line, with the funding need, the day cash turns
 * positive for good, profit, ROI, NPV, IRR and stress scenarios.
 *
 * Conventions and sources:
 * - Day t = 0 … horizonDays − 1 is `startDate` + t calendar days. Every flow is booked on its day;
 *   within a day all flows are netted, then the credit line draws or repays once.
 * - Marketplace settlement (typical marketplace settlement, documented here as the model's data,
 *   not taken from a published source): a sale delivered on day s becomes eligible for
 *   disbursement on day e = s + payout.delayDays (+ stress payoutHoldDays); it is paid on the first
 *   payout date on or after e, payout dates being firstPayoutDate (default startDate) + k·cycleDays,
 *   k ≥ 0 (e.g. a 14-day settlement cycle). A share reserveShare of it is held back and released on
 *   the first payout date on or after e + reserveReleaseDays. Returned units (returnRate of the
 *   units, at the sale price) are refunded returnLagDays after the sale and debited on the first
 *   payout date on or after that day. feeRate × (payout + reserve release) is deducted on the same
 *   payout date (marketplace / currency-conversion cost). Payouts and releases are shown gross, with
 *   refunds and fees as their own outflow columns; the cash effect on the payout date is the same.
 * - Credit line: drawn automatically when the day's closing cash would fall below 0 (up to the
 *   limit), repaid first from any positive cash; interest = drawn balance at the end of the previous
 *   day × annualRate/365, paid daily. This is the daily-balance method with a daily periodic rate of
 *   APR/365 used for revolving credit (US Truth in Lending, Regulation Z, 12 CFR Part 1026, "daily
 *   periodic rate") and the Actual/365 (Fixed) day count (ISDA 2006 Definitions). With this rule the
 *   drawn amount is exactly clamp(−position, 0, limit), where position = opening cash + cumulative
 *   net flows: the credit line never holds cash it does not need.
 * - Funding need: peakFundingNeed = max(0, −min_t position_t), the largest cash shortfall before
 *   credit (what a lender or the owner must put in): the cumulative financing requirement of a cash
 *   budget (Brealey, Myers & Allen, *Principles of Corporate Finance*, 13th ed., short-term
 *   financial planning).
 * - profit = total inflows − total outflows in the horizon; ROI = profit / outflows excluding
 *   interest (cash return on the money put into the campaign; financing cost counted in profit,
 *   not in the base, so that ROI is not inflated by borrowing).
 * - NPV and IRR of the daily operating flows (credit draws, repayments and interest excluded: the
 *   discount rate prices the money), discounted to startDate with the XNPV convention
 *   (1 + r)^(−t/365), r an effective annual rate; IRR is XIRR, annual (OpenFormula §6.12.47/48;
 *   Excel XNPV/XIRR), computed by `netPresentValue`/`internalRateOfReturn` of ./finance.ts.
 */
import * as z from 'zod';
import { defineCalculation, type ResultTable } from '../calculation.js';
import { addPeriods, isIsoDate } from '../forecast/calendar.js';
import { MAX_MONEY, MAX_QUANTITY, provenance } from '../schema.js';
import { dayNumber, internalRateOfReturn, netPresentValue, signChanges } from './finance.js';

/** Longest horizon, in days (two years). */
export const MAX_HORIZON_DAYS = 730;
/** Most items in each input list (purchase orders, payments, sales). */
export const MAX_TIMELINE_ITEMS = 1000;
/** Most stress scenarios in one request. */
export const MAX_STRESS_SCENARIOS = 20;
/** Longest lag (days) of any settlement parameter or stress delay. */
export const MAX_LAG_DAYS = 365;
/** Largest annual rate (interest, discount) accepted, as a fraction: 10 = 1000 %. */
export const MAX_ANNUAL_RATE = 10;
/** Largest stress multiplier (demand, ad cost). */
export const MAX_FACTOR = 10;
/** Day-count basis of interest and discounting (Actual/365 Fixed). */
const DAYS_PER_YEAR = 365;

const money = (description: string) => z.number().min(0).max(MAX_MONEY).meta({ description });
const share = (description: string) => z.number().min(0).max(1).meta({ description });
const lagDays = (description: string) => z.number().int().min(0).max(MAX_LAG_DAYS).meta({ description });
const date = (description: string) =>
  z
    .string()
    .refine((s) => isIsoDate(s) && dayNumber(s) !== undefined, { message: 'expected a valid calendar date YYYY-MM-DD from 1900-01-01' })
    .meta({ description });
const label = z.string().max(200).optional().meta({ description: 'Free text shown nowhere in the numbers (at most 200 characters).' });

export const paymentCategories = ['freight', 'duties', 'warehouse', 'ads', 'content', 'other'] as const;
export type PaymentCategory = (typeof paymentCategories)[number];

const PurchaseOrder = z.strictObject({
  label,
  orderDate: date('Order date: the deposit is paid on this day.'),
  amount: money('Order value (currency units).'),
  depositShare: share('Share of the amount paid at orderDate, 0…1; the rest is paid at balanceDate.'),
  balanceDate: date('Day the balance (1 − depositShare) × amount is paid; on or after orderDate.'),
});

const Payment = z.strictObject({
  label,
  date: date('Day the payment leaves the account.'),
  amount: money('Amount paid (currency units).'),
  category: z.enum(paymentCategories).meta({ description: 'Outflow category; stress adCostFactor scales the ads category.' }),
});

const Sale = z.strictObject({
  date: date('Delivery date of the units sold.'),
  units: z.number().min(0).max(MAX_QUANTITY).meta({ description: 'Units delivered (gross, before returns).' }),
  price: money('Price per unit received from the buyer (currency units).'),
});

const StressScenario = z.strictObject({
  name: z.string().min(1).max(100).meta({ description: 'Scenario name (at most 100 characters).' }),
  demandFactor: z.number().min(0).max(MAX_FACTOR).default(1).meta({ description: `Multiplies the units of every sale, 0…${MAX_FACTOR}.` }),
  delayDays: lagDays('Every sale is delivered this many days later, 0…365.').default(0),
  returnRateDelta: z.number().min(-1).max(1).default(0).meta({ description: 'Added to returnRate (the sum is clamped to 0…1).' }),
  payoutHoldDays: lagDays('Extra days before sales become eligible for payout (an account hold), 0…365.').default(0),
  adCostFactor: z.number().min(0).max(MAX_FACTOR).default(1).meta({ description: `Multiplies payments of category ads, 0…${MAX_FACTOR}.` }),
});
export type StressScenario = z.output<typeof StressScenario>;

export const CashFlowInput = z
  .strictObject({
    startDate: date('First day of the timeline (day 0).'),
    horizonDays: z.number().int().min(1).max(MAX_HORIZON_DAYS).meta({ description: `Days simulated, 1…${MAX_HORIZON_DAYS}.` }),
    granularity: z.enum(['day', 'week']).default('day').meta({ description: 'Rows of the output table: one per day, or one per 7 days from startDate (the simulation is daily either way).' }),
    openingCash: money('Cash on hand at the start of day 0 (currency units).'),
    creditLine: z
      .strictObject({
        limit: money('Largest amount that may be drawn.'),
        annualRate: z.number().min(0).max(MAX_ANNUAL_RATE).meta({ description: 'Annual interest rate as a fraction (0.12 = 12 %), charged daily at annualRate/365 on the drawn amount.' }),
      })
      .optional()
      .meta({ description: 'Revolving credit line, drawn automatically when cash would go below 0 and repaid first from positive cash.' }),
    purchaseOrders: z.array(PurchaseOrder).max(MAX_TIMELINE_ITEMS).default([]).meta({ description: `Supplier orders (at most ${MAX_TIMELINE_ITEMS}).` }),
    payments: z.array(Payment).max(MAX_TIMELINE_ITEMS).default([]).meta({ description: `Other outflows (at most ${MAX_TIMELINE_ITEMS}).` }),
    sales: z.array(Sale).max(MAX_TIMELINE_ITEMS).default([]).meta({ description: `Gross sales by delivery date (at most ${MAX_TIMELINE_ITEMS}).` }),
    returnRate: share('Share of units returned and refunded, 0…1.').default(0),
    returnLagDays: lagDays('Days from delivery to refund, 0…365.').default(0),
    payout: z
      .strictObject({
        cycleDays: z.number().int().min(1).max(MAX_LAG_DAYS).meta({ description: 'Days between payout dates (e.g. 14), 1…365.' }),
        delayDays: lagDays('Days from delivery until the funds are eligible for payout, 0…365.'),
        reserveShare: share('Share of each eligible amount held back, 0…1.').default(0),
        reserveReleaseDays: lagDays('Days after eligibility when the reserve is released (on the next payout date), 0…365.').default(0),
        firstPayoutDate: date('First payout date (default startDate); payouts fall every cycleDays from it, never before it.').optional(),
        feeRate: share('Cost deducted from every payout and reserve release (marketplace / FX), as a fraction.').default(0),
      })
      .meta({ description: 'Marketplace settlement rules (typical marketplace settlement).' }),
    discountRate: z.number().min(0).max(MAX_ANNUAL_RATE).optional().meta({ description: 'Effective annual discount rate for the NPV, as a fraction (flows discounted (1 + r)^(−days/365)).' }),
    stress: z.array(StressScenario).max(MAX_STRESS_SCENARIOS).default([]).meta({ description: `Stress scenarios compared with the base (at most ${MAX_STRESS_SCENARIOS}).` }),
  })
  .superRefine((input, ctx) => {
    const start = dayNumber(input.startDate);
    if (start === undefined) return;
    const notBefore = (d: string, path: Array<string | number>) => {
      const n = dayNumber(d);
      if (n !== undefined && n < start) ctx.addIssue({ code: 'custom', path, message: `date ${d} is before startDate ${input.startDate}` });
    };
    input.purchaseOrders.forEach((po, i) => {
      notBefore(po.orderDate, ['purchaseOrders', i, 'orderDate']);
      const o = dayNumber(po.orderDate);
      const b = dayNumber(po.balanceDate);
      if (o !== undefined && b !== undefined && b < o) ctx.addIssue({ code: 'custom', path: ['purchaseOrders', i, 'balanceDate'], message: 'balanceDate must be on or after orderDate' });
    });
    input.payments.forEach((p, i) => notBefore(p.date, ['payments', i, 'date']));
    input.sales.forEach((s, i) => notBefore(s.date, ['sales', i, 'date']));
    if (input.payout.firstPayoutDate !== undefined) notBefore(input.payout.firstPayoutDate, ['payout', 'firstPayoutDate']);
  })
  .meta({ id: 'CashFlowInput', description: 'One promo campaign: opening cash, credit line, purchase orders, payments, sales, marketplace settlement rules and stress scenarios.' });
export type CashFlowInput = z.output<typeof CashFlowInput>;

export const inflowCategories = ['payouts', 'reserveReleases'] as const;
export const outflowCategories = ['deposits', 'balances', ...paymentCategories, 'refunds', 'fees', 'interest'] as const;
export type InflowCategory = (typeof inflowCategories)[number];
export type OutflowCategory = (typeof outflowCategories)[number];

const amounts = <K extends string>(keys: readonly K[], what: string) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, z.number().meta({ description: `${what}: ${k} (currency units, ≥ 0).` })])) as Record<K, z.ZodNumber>);

const CashFlowRow = z
  .strictObject({
    date: z.string().meta({ description: 'Day, or first day of the 7-day bucket.' }),
    inflows: amounts(inflowCategories, 'Inflow').meta({ description: 'Gross marketplace disbursements.' }),
    outflows: amounts(outflowCategories, 'Outflow').meta({ description: 'Outflows by category, each ≥ 0.' }),
    net: z.number().meta({ description: 'Inflows − outflows in the row (interest included, credit draws excluded).' }),
    balance: z.number().meta({ description: 'Cash at the end of the row (after credit draws and repayments); below 0 only when the credit line is exhausted or absent.' }),
    creditDrawn: z.number().meta({ description: 'Credit drawn at the end of the row (0…limit).' }),
  })
  .meta({ id: 'CashFlowRow' });
export type CashFlowRow = z.output<typeof CashFlowRow>;

const summaryShape = {
  peakFundingNeed: z.number().meta({ description: 'max(0, −lowest position before credit): the largest cash shortfall (position = opening cash + cumulative net flows).' }),
  peakFundingNeedDate: z.string().optional().meta({ description: 'Day of the peak funding need (the first such day); absent when the need is 0.' }),
  lowestBalance: z.number().meta({ description: 'Lowest end-of-day cash balance after credit.' }),
  lowestBalanceDate: z.string().meta({ description: 'First day with the lowest balance.' }),
  maxCreditDrawn: z.number().meta({ description: 'Largest credit drawn at any end of day.' }),
  endingBalance: z.number().meta({ description: 'Cash at the end of the horizon (after credit).' }),
  endingCreditDrawn: z.number().meta({ description: 'Credit still drawn at the end of the horizon.' }),
  cashPositiveDate: z.string().optional().meta({ description: 'First day from which cumulative net cash flow stays ≥ 0 until the horizon end; absent when it ends below 0.' }),
  totalInflows: z.number().meta({ description: 'Sum of all inflows in the horizon.' }),
  totalOutflows: z.number().meta({ description: 'Sum of all outflows in the horizon, interest included.' }),
  profit: z.number().meta({ description: 'totalInflows − totalOutflows (cash profit within the horizon).' }),
  roi: z.number().optional().meta({ description: 'profit / (totalOutflows − interestPaid), a fraction; absent when there are no outflows.' }),
  interestPaid: z.number().meta({ description: 'Interest paid on the credit line.' }),
  pendingAfterHorizon: z.number().meta({ description: 'Net of the flows scheduled after the horizon end (payouts, releases, fees, refunds, payments): not in the totals.' }),
  npv: z.number().optional().meta({ description: 'NPV at discountRate of the daily operating flows, at startDate; absent without discountRate.' }),
  irr: z.number().optional().meta({ description: 'Annual XIRR of the daily operating flows; absent when the flows do not change sign or no root lies in [−99 %, 1000 %].' }),
};
const CashFlowSummary = z.strictObject(summaryShape).meta({ id: 'CashFlowSummary' });
export type CashFlowSummary = z.output<typeof CashFlowSummary>;

const deltaKeys = ['peakFundingNeed', 'lowestBalance', 'maxCreditDrawn', 'endingBalance', 'totalInflows', 'totalOutflows', 'profit', 'roi', 'interestPaid', 'npv', 'irr'] as const;
type DeltaKey = (typeof deltaKeys)[number];
const CashFlowDelta = z
  .strictObject(Object.fromEntries(deltaKeys.map((k) => [k, z.number().optional().meta({ description: `Scenario ${k} − base ${k}; absent when either is absent.` })])) as Record<DeltaKey, z.ZodOptional<z.ZodNumber>>)
  .meta({ id: 'CashFlowDelta' });

const CashFlowScenario = z
  .strictObject({
    name: z.string(),
    summary: CashFlowSummary,
    difference: CashFlowDelta.meta({ description: 'Scenario minus base, field by field.' }),
  })
  .meta({ id: 'CashFlowScenario' });

export const CashFlowResult = z
  .strictObject({
    ...provenance,
    table: z.array(CashFlowRow).meta({ description: `One row per day or per week (at most ${MAX_HORIZON_DAYS}).` }),
    summary: CashFlowSummary,
    scenarios: z.array(CashFlowScenario).meta({ description: 'One entry per stress scenario, in input order.' }),
  })
  .meta({ id: 'CashFlowResult' });
export type CashFlowResult = z.output<typeof CashFlowResult>;

// ---------------------------------------------------------------------------------------------
// Simulation

const NEUTRAL: StressScenario = { name: 'base', demandFactor: 1, delayDays: 0, returnRateDelta: 0, payoutHoldDays: 0, adCostFactor: 1 };

interface DayFlows {
  inflows: Record<InflowCategory, number>;
  outflows: Record<OutflowCategory, number>;
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Daily simulation of one scenario: day rows with end-of-day balance and credit, and the summary. */
export interface Simulation {
  days: CashFlowRow[];
  summary: CashFlowSummary;
  warnings: string[];
}

/** First payout day (offset from start) on or after day e: anchor + k·cycle, k ≥ 0. */
function nextPayoutDay(e: number, anchor: number, cycle: number): number {
  return e <= anchor ? anchor : anchor + Math.ceil((e - anchor) / cycle) * cycle;
}

/**
 * Runs the daily timeline for one stress scenario (NEUTRAL for the base).
 * @example simulate(CashFlowInput.parse(cashFlowCalculation.example)).summary.peakFundingNeed
 */
export function simulate(input: CashFlowInput, stress: StressScenario = NEUTRAL): Simulation {
  const H = input.horizonDays;
  const start = dayNumber(input.startDate)!;
  const offset = (d: string) => dayNumber(d)! - start;
  const flows: DayFlows[] = Array.from({ length: H }, () => ({ inflows: zeros(inflowCategories), outflows: zeros(outflowCategories) }));
  let pendingAfterHorizon = 0;
  const addIn = (day: number, k: InflowCategory, v: number) => {
    if (v === 0) return;
    const f = flows[day];
    if (f) f.inflows[k] += v;
    else pendingAfterHorizon += v;
  };
  const addOut = (day: number, k: OutflowCategory, v: number) => {
    if (v === 0) return;
    const f = flows[day];
    if (f) f.outflows[k] += v;
    else pendingAfterHorizon -= v;
  };

  for (const po of input.purchaseOrders) {
    addOut(offset(po.orderDate), 'deposits', po.amount * po.depositShare);
    addOut(offset(po.balanceDate), 'balances', po.amount * (1 - po.depositShare));
  }
  for (const p of input.payments) addOut(offset(p.date), p.category, p.category === 'ads' ? p.amount * stress.adCostFactor : p.amount);

  const pay = input.payout;
  const anchor = pay.firstPayoutDate === undefined ? 0 : offset(pay.firstPayoutDate);
  const returnRate = Math.min(1, Math.max(0, input.returnRate + stress.returnRateDelta));
  for (const s of input.sales) {
    const day = offset(s.date) + stress.delayDays;
    const gross = s.units * stress.demandFactor * s.price;
    const eligible = day + pay.delayDays + stress.payoutHoldDays;
    const payoutDay = nextPayoutDay(eligible, anchor, pay.cycleDays);
    const releaseDay = nextPayoutDay(eligible + pay.reserveReleaseDays, anchor, pay.cycleDays);
    const held = gross * pay.reserveShare;
    const paid = gross - held;
    addIn(payoutDay, 'payouts', paid);
    addOut(payoutDay, 'fees', paid * pay.feeRate);
    addIn(releaseDay, 'reserveReleases', held);
    addOut(releaseDay, 'fees', held * pay.feeRate);
    addOut(nextPayoutDay(day + input.returnLagDays, anchor, pay.cycleDays), 'refunds', gross * returnRate);
  }

  // Daily cash and credit.
  const limit = input.creditLine?.limit ?? 0;
  const dailyRate = (input.creditLine?.annualRate ?? 0) / DAYS_PER_YEAR;
  let cash = input.openingCash;
  let drawn = 0;
  let position = input.openingCash;
  let lowestPosition = { value: Infinity, day: 0 };
  let lowestBalance = { value: Infinity, day: 0 };
  let maxDrawn = 0;
  let totalIn = 0;
  let totalOut = 0;
  let interestPaid = 0;
  const cumulative: number[] = [];
  const operating: number[] = [];
  const days: CashFlowRow[] = [];
  for (let t = 0; t < H; t++) {
    const f = flows[t]!;
    f.outflows.interest = drawn * dailyRate;
    interestPaid += f.outflows.interest;
    const inflow = f.inflows.payouts + f.inflows.reserveReleases;
    let outflow = 0;
    for (const k of outflowCategories) outflow += f.outflows[k];
    const net = inflow - outflow;
    totalIn += inflow;
    totalOut += outflow;
    operating.push(net + f.outflows.interest);
    position += net;
    cumulative.push(position - input.openingCash);
    const pre = cash + net;
    if (pre < 0) {
      const draw = Math.min(-pre, limit - drawn);
      drawn += draw;
      cash = pre + draw;
    } else {
      const repay = Math.min(pre, drawn);
      drawn -= repay;
      cash = pre - repay;
    }
    if (position < lowestPosition.value) lowestPosition = { value: position, day: t };
    if (cash < lowestBalance.value) lowestBalance = { value: cash, day: t };
    maxDrawn = Math.max(maxDrawn, drawn);
    days.push({ date: addPeriods(input.startDate, 'day', t), inflows: { ...f.inflows }, outflows: { ...f.outflows }, net, balance: cash, creditDrawn: drawn });
  }

  // First day from which the cumulative net stays ≥ 0 to the end.
  let positiveFrom: number | undefined;
  for (let t = H - 1; t >= 0 && cumulative[t]! >= 0; t--) positiveFrom = t;

  const warnings: string[] = [];
  const peakFundingNeed = Math.max(0, -lowestPosition.value);
  if (input.creditLine && peakFundingNeed > limit)
    warnings.push(`The funding need (${round2(peakFundingNeed)}) exceeds the credit limit (${round2(limit)}): the balance goes below 0 on some days.`);
  if (pendingAfterHorizon !== 0)
    warnings.push(`Flows netting ${round2(pendingAfterHorizon)} fall after the horizon end (late payouts, reserve releases, refunds or payments) and are not in the totals.`);

  const outflowsExInterest = totalOut - interestPaid;
  const profit = totalIn - totalOut;
  const summary: CashFlowSummary = {
    peakFundingNeed,
    lowestBalance: lowestBalance.value,
    lowestBalanceDate: days[lowestBalance.day]!.date,
    maxCreditDrawn: maxDrawn,
    endingBalance: cash,
    endingCreditDrawn: drawn,
    totalInflows: totalIn,
    totalOutflows: totalOut,
    profit,
    interestPaid,
    pendingAfterHorizon,
  };
  if (peakFundingNeed > 0) summary.peakFundingNeedDate = days[lowestPosition.day]!.date;
  if (positiveFrom !== undefined) summary.cashPositiveDate = days[positiveFrom]!.date;
  if (outflowsExInterest > 0) summary.roi = profit / outflowsExInterest;
  const dates = days.map((d) => d.date);
  if (input.discountRate !== undefined) summary.npv = netPresentValue({ rate: input.discountRate, cashFlows: operating, timing: 'start', dates }).npv;
  if (signChanges(operating) > 0) {
    const irr = internalRateOfReturn({ cashFlows: operating, dates, guess: 0.1 });
    if (irr.converged && Number.isFinite(irr.irr)) summary.irr = irr.irr;
    else warnings.push('No annual IRR in [−99 %, 1000 %] was found for the operating flows; irr is omitted.');
  }
  return { days, summary, warnings };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Sums day rows into 7-day buckets from startDate; balance and credit are those at the bucket's last day. */
export function weeklyRows(days: readonly CashFlowRow[]): CashFlowRow[] {
  const rows: CashFlowRow[] = [];
  for (let i = 0; i < days.length; i += 7) {
    const bucket = days.slice(i, i + 7);
    const last = bucket[bucket.length - 1]!;
    const inflows = zeros(inflowCategories);
    const outflows = zeros(outflowCategories);
    let net = 0;
    for (const d of bucket) {
      for (const k of inflowCategories) inflows[k] += d.inflows[k];
      for (const k of outflowCategories) outflows[k] += d.outflows[k];
      net += d.net;
    }
    rows.push({ date: bucket[0]!.date, inflows, outflows, net, balance: last.balance, creditDrawn: last.creditDrawn });
  }
  return rows;
}

function difference(s: CashFlowSummary, base: CashFlowSummary): z.output<typeof CashFlowDelta> {
  const d: z.output<typeof CashFlowDelta> = {};
  for (const k of deltaKeys) {
    const a = s[k];
    const b = base[k];
    if (a !== undefined && b !== undefined) d[k] = a - b;
  }
  return d;
}

/**
 * Daily cash timeline of a promo campaign, its funding need and stress scenarios.
 * @example cashFlow(CashFlowInput.parse(cashFlowCalculation.example)).summary.peakFundingNeed
 */
export function cashFlow(input: CashFlowInput): CashFlowResult {
  const base = simulate(input);
  const scenarios = input.stress.map((s) => {
    const run = simulate(input, s);
    return { name: s.name, summary: run.summary, difference: difference(run.summary, base.summary) };
  });
  return {
    method: 'daily-cash-timeline',
    formula:
      'position_t = opening + Σ_{τ≤t} (inflows − outflows); credit drawn = clamp(−position_t, 0, limit), interest = drawn_{t−1}·rate/365 (daily periodic rate, Reg Z; Actual/365 Fixed); peakFundingNeed = max(0, −min_t position_t); NPV/IRR = XNPV/XIRR of the operating flows (OpenFormula §6.12.47/48)',
    warnings: base.warnings,
    table: input.granularity === 'week' ? weeklyRows(base.days) : base.days,
    summary: base.summary,
    scenarios,
  };
}

const TABLE_COLUMNS = ['date', ...inflowCategories, ...outflowCategories, 'net', 'balance', 'creditDrawn'];

function cashFlowTable(result: CashFlowResult): ResultTable {
  return {
    columns: TABLE_COLUMNS,
    rows: result.table.map((r) => [r.date, ...inflowCategories.map((k) => r.inflows[k]), ...outflowCategories.map((k) => r.outflows[k]), r.net, r.balance, r.creditDrawn]),
  };
}

export const cashFlowCalculation = defineCalculation({
  name: 'cash-flow',
  summary: 'Daily cash timeline and funding need of a promo campaign',
  description:
    'Simulates one promo campaign day by day in one currency: supplier deposits and balances, freight, duties, warehouse, ads and content, marketplace payouts with delay, reserve, refunds and fees, and an optional revolving credit line. Returns the daily or weekly table, the peak funding need and its date, the lowest balance, the date cash turns positive for good, profit, ROI, interest, NPV and IRR, and the same summary under stress scenarios.',
  input: CashFlowInput,
  result: CashFlowResult,
  compute: cashFlow,
  primary: 'summary.peakFundingNeed',
  table: cashFlowTable,
  example: {
    startDate: '2026-09-01',
    horizonDays: 120,
    granularity: 'week',
    openingCash: 10000,
    creditLine: { limit: 30000, annualRate: 0.12 },
    purchaseOrders: [{ label: 'Holiday stock', orderDate: '2026-09-01', amount: 20000, depositShare: 0.3, balanceDate: '2026-09-30' }],
    payments: [
      { label: 'Sea freight', date: '2026-10-10', amount: 2000, category: 'freight' },
      { label: 'Import duties', date: '2026-10-20', amount: 1200, category: 'duties' },
      { label: 'Black Friday ads', date: '2026-11-15', amount: 3000, category: 'ads' },
    ],
    sales: [
      { date: '2026-11-20', units: 300, price: 50 },
      { date: '2026-11-27', units: 600, price: 45 },
      { date: '2026-12-05', units: 300, price: 50 },
    ],
    returnRate: 0.08,
    returnLagDays: 14,
    payout: { cycleDays: 14, delayDays: 7, reserveShare: 0.1, reserveReleaseDays: 14, feeRate: 0.01 },
    discountRate: 0.1,
    stress: [
      { name: 'Late delivery', delayDays: 10 },
      { name: 'Weak demand, account hold', demandFactor: 0.7, payoutHoldDays: 14 },
    ],
  },
});
