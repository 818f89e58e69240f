/**
 * Discounted cash flow and working-capital calculations: NPV (periodic and dated), IRR (periodic
 * and dated), loan/annuity payment, and the cash conversion cycle.
 *
 * Sources:
 * - NPV = Σ_t C_t/(1 + r)^t with the first flow at t = 0 (the finance convention): Brealey, Myers &
 *   Allen, *Principles of Corporate Finance*, 13th ed., ch. 2 and 5. Excel's NPV discounts the first
 *   value one whole period (t = 1…n): OASIS OpenDocument v1.2 Part 2 (OpenFormula) §6.12.29 NPV, and
 *   Microsoft's Excel NPV function documentation ("the investment begins one period before the date
 *   of the value1 cash flow").
 * - XNPV = Σ_i P_i/(1 + r)^((d_i − d_1)/365), actual days over a 365-day year, first date = t 0:
 *   OpenFormula §6.12.48 XNPV; Microsoft's Excel XNPV documentation.
 * - IRR / XIRR: the rate at which NPV / XNPV is zero (OpenFormula §6.12.23 IRR, §6.12.47 XIRR;
 *   Microsoft's Excel IRR and XIRR documentation). Flows that never change sign have no IRR; with
 *   k sign changes there are at most k IRRs (Descartes' rule of signs; Brealey, Myers & Allen ch. 5,
 *   "multiple rates of return"). The root is found by the safeguarded Newton–bisection method
 *   `rtsafe` (Press et al., *Numerical Recipes*, 3rd ed., §9.4) on a bracket located by scanning
 *   ln(1 + r) over [−99 %, 1000 %].
 * - PMT: pv·(1 + r)^n + pmt·(1 + r·type)·((1 + r)^n − 1)/r + fv = 0, and pv + pmt·n + fv = 0 at
 *   r = 0 (OpenFormula §6.12.36 PMT and §6.12.1 "common financial formula"; Microsoft's Excel PMT
 *   and PV documentation). Sign convention as Excel: cash received is positive, cash paid out is
 *   negative, so borrowing pv > 0 gives a negative payment.
 * - Cash conversion cycle CCC = DIO + DSO − DPO with DIO = inventory/COGS × days, DSO =
 *   receivables/revenue × days, DPO = payables/COGS × days: Ross, Westerfield & Jaffe, *Corporate
 *   Finance*, ch. 26 ("The operating cycle and the cash cycle"); Brigham & Ehrhardt, *Financial
 *   Management: Theory and Practice*, ch. 16.
 */
import * as z from 'zod';
import { defineCalculation, metricTable } from '../calculation.js';
import { MAX_PERIODS, provenance, crossField } from '../schema.js';

/** Largest absolute money amount accepted by the finance calculations. */
export const MAX_AMOUNT = 1e12;
/** Most cash flows in one request. */
export const MAX_CASH_FLOWS = 1000;
/** Excel's day-count basis for XNPV/XIRR. */
const DAYS_PER_YEAR = 365;
/** Discount factors may grow to e^575 ≈ 1e250 at most, so that 1,000 flows of 1e12 stay finite. */
const MAX_LOG_GROWTH = 575;
const RATE_MIN = -0.99;
const RATE_MAX = 10;

const amount = (description: string) => z.number().min(-MAX_AMOUNT).max(MAX_AMOUNT).meta({ description });
const rate = (description: string) => z.number().gt(RATE_MIN).max(RATE_MAX).meta({ description });

// ---------------------------------------------------------------------------------------------
// Dates

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil), no clock. */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Day number of a valid ISO date (1900-01-01 … 9999-12-31), or undefined. */
export function dayNumber(iso: string): number | undefined {
  const m = ISO_DATE.exec(iso);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1900 || mo < 1 || mo > 12 || d < 1) return undefined;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return d > monthDays ? undefined : daysFromCivil(y, mo, d);
}

const isoDate = z
  .string()
  .refine((s) => dayNumber(s) !== undefined, { message: 'expected a valid calendar date YYYY-MM-DD from 1900-01-01' })
  .meta({ description: 'ISO date YYYY-MM-DD.' });

const cashFlowsSchema = z
  .array(amount('A cash flow: received (+) or paid out (−).'))
  .min(1)
  .max(MAX_CASH_FLOWS)
  .meta({ description: `Cash flows in time order, one per period (or per date), at most ${MAX_CASH_FLOWS}.` });

const datesSchema = z
  .array(isoDate)
  .max(MAX_CASH_FLOWS)
  .optional()
  .meta({ description: 'Optional payment dates, one per cash flow (XNPV/XIRR, actual/365 from the first date). The first date is the earliest.' });

interface DatedInput {
  cashFlows: number[];
  dates?: string[] | undefined;
}

/** Validation shared by NPV and IRR: dates match the flows, none precedes the first (Excel's #NUM! cases). */
function checkDates(input: DatedInput, ctx: z.RefinementCtx): void {
  if (input.dates === undefined) return;
  if (input.dates.length !== input.cashFlows.length) {
    ctx.addIssue({ code: 'custom', path: ['dates'], message: `dates must have one entry per cash flow (${input.cashFlows.length}), got ${input.dates.length}` });
    return;
  }
  const first = dayNumber(input.dates[0] ?? '');
  if (first === undefined) return;
  input.dates.forEach((d, i) => {
    const n = dayNumber(d);
    if (n !== undefined && n < first) ctx.addIssue({ code: 'custom', path: ['dates', i], message: 'no date may precede the first date, which starts the schedule' });
  });
}

/** Time of each flow: periods (start: 0…n−1, end: 1…n) or years since the first date. */
function timesOf(cashFlows: readonly number[], dates: readonly string[] | undefined, timing: 'start' | 'end'): number[] {
  if (dates !== undefined) {
    const first = dayNumber(dates[0]!)!;
    return dates.map((d) => (dayNumber(d)! - first) / DAYS_PER_YEAR);
  }
  const offset = timing === 'end' ? 1 : 0;
  return cashFlows.map((_, i) => i + offset);
}

// ---------------------------------------------------------------------------------------------
// NPV

export const NpvInput = z
  .strictObject({
    rate: rate('Discount rate per period (per year with dates), as a fraction: 0.1 = 10 %. In (−0.99, 10].'),
    cashFlows: cashFlowsSchema,
    timing: z
      .enum(['start', 'end'])
      .default('start')
      .meta({ description: "'start': the first flow is at t = 0 (finance convention). 'end': Excel's NPV, which discounts the first flow one period. Ignored with dates." }),
    dates: datesSchema,
  })
  .superRefine((input, ctx) => {
    checkDates(input, ctx);
    if (input.dates !== undefined && input.dates.length !== input.cashFlows.length) return;
    if (input.dates?.some((d) => dayNumber(d) === undefined)) return;
    const times = timesOf(input.cashFlows, input.dates, input.timing);
    const horizon = Math.max(...times);
    if (horizon * -Math.log1p(input.rate) > MAX_LOG_GROWTH)
      ctx.addIssue({
        code: 'custom',
        path: ['rate'],
        message: `rate ${input.rate} compounds over ${horizon} periods to a discount factor above 1e250; the NPV would not be a finite number. Use fewer periods or a rate closer to 0`,
      });
  }, crossField)
  .meta({ id: 'NpvInput', description: 'Discount rate and cash flows, optionally dated (XNPV).' });
export type NpvInput = z.output<typeof NpvInput>;

export const NpvResult = z
  .strictObject({
    ...provenance,
    npv: z.number().meta({ description: 'Net present value at t = 0 (the first date with dates; one period before the first flow with timing end).' }),
    presentValueOfInflows: z.number().meta({ description: 'Sum of the discounted positive flows.' }),
    presentValueOfOutflows: z.number().meta({ description: 'Sum of the discounted negative flows (≤ 0).' }),
    undiscountedTotal: z.number().meta({ description: 'Plain sum of the flows (the NPV at rate 0).' }),
    horizon: z.number().meta({ description: 'Time of the last flow: periods, or years with dates.' }),
  })
  .meta({ id: 'NpvResult' });
export type NpvResult = z.output<typeof NpvResult>;

/** Discount factor (1 + r)^−t, computed as exp(−t·ln(1 + r)) to stay accurate for small r. */
const discount = (r: number, t: number) => Math.exp(-t * Math.log1p(r));

/**
 * Net present value, periodic (NPV) or dated (XNPV).
 * @example netPresentValue({ rate: 0.1, cashFlows: [-10000, 3000, 4200, 6800], timing: 'end' }).npv // 1188.44 (Excel NPV help)
 */
export function netPresentValue(input: NpvInput): NpvResult {
  const times = timesOf(input.cashFlows, input.dates, input.timing);
  let inflows = 0;
  let outflows = 0;
  input.cashFlows.forEach((c, i) => {
    const pv = c * discount(input.rate, times[i]!);
    if (pv >= 0) inflows += pv;
    else outflows += pv;
  });
  const warnings: string[] = [];
  if (input.dates !== undefined && input.timing === 'end')
    warnings.push("timing 'end' is ignored with dates: XNPV discounts every flow from the first date, which is t = 0.");
  const dated = input.dates !== undefined;
  return {
    method: dated ? 'xnpv' : input.timing === 'end' ? 'npv-excel-end' : 'npv-start',
    formula: dated
      ? 'XNPV = Σ P_i/(1 + r)^((d_i − d_1)/365) (OpenFormula §6.12.48; Excel XNPV)'
      : input.timing === 'end'
        ? 'NPV = Σ_{t=1..n} C_t/(1 + r)^t (OpenFormula §6.12.29; Excel NPV)'
        : 'NPV = Σ_{t=0..n−1} C_t/(1 + r)^t (Brealey, Myers & Allen ch. 2)',
    warnings,
    npv: inflows + outflows,
    presentValueOfInflows: inflows,
    presentValueOfOutflows: outflows,
    undiscountedTotal: input.cashFlows.reduce((a, b) => a + b, 0),
    horizon: Math.max(...times),
  };
}

// ---------------------------------------------------------------------------------------------
// IRR

/** Number of sign changes in the flows, zeros skipped. */
export function signChanges(cashFlows: ArrayLike<number>): number {
  let changes = 0;
  let last = 0;
  for (let i = 0; i < cashFlows.length; i++) {
    const c = cashFlows[i]!;
    if (c === 0) continue;
    if (last !== 0 && Math.sign(c) !== last) changes++;
    last = Math.sign(c);
  }
  return changes;
}

export const IrrInput = z
  .strictObject({
    cashFlows: cashFlowsSchema,
    dates: datesSchema,
    guess: z
      .number()
      .gt(RATE_MIN)
      .max(RATE_MAX)
      .default(0.1)
      .meta({ description: 'Starting rate (default 0.1 as Excel). With several IRRs, the one whose bracket is nearest the guess is returned.' }),
  })
  .superRefine((input, ctx) => {
    checkDates(input, ctx);
    if (signChanges(input.cashFlows) === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['cashFlows'],
        message: 'the cash flows must change sign at least once (at least one negative and one positive flow); otherwise no rate makes the NPV zero and there is no IRR',
      });
  }, crossField)
  .meta({ id: 'IrrInput', description: 'Cash flows (periodic, or dated for XIRR) with an optional starting guess.' });
export type IrrInput = z.output<typeof IrrInput>;

export const IrrResult = z
  .strictObject({
    ...provenance,
    irr: z.number().meta({ description: 'Internal rate of return per period (per year with dates). When converged is false, the rate in [−99 %, 1000 %] where |NPV| relative to the gross present value is smallest.' }),
    converged: z.boolean().meta({ description: 'True when a root was bracketed and solved to full precision.' }),
    iterations: z.number().meta({ description: 'Newton/bisection iterations after bracketing.' }),
    npvAtIrr: z.number().meta({ description: 'NPV (XNPV) at the returned rate, as a check; ≈ 0 when converged.' }),
    signChanges: z.number().meta({ description: 'Sign changes in the flows: an upper bound on the number of IRRs.' }),
    bracketsFound: z.number().meta({ description: 'Sign changes of the NPV found on the scan of [−99 %, 1000 %] (distinct IRRs found).' }),
  })
  .meta({ id: 'IrrResult' });
export type IrrResult = z.output<typeof IrrResult>;

const GRID_POINTS = 400;
const MAX_ITERATIONS = 200;

/**
 * NPV scaled by (1 + r)^ref (same sign as the NPV) and its derivative, for a reference time ref:
 * ref = 0 for r ≥ 0 keeps every factor ≤ 1, ref = last time for r < 0 keeps every factor ≤ 1.
 * Also returns the gross value Σ|C|·factor, for a scale-free measure of |NPV|.
 */
function scaledNpv(flows: ArrayLike<number>, times: ArrayLike<number>, r: number, ref: number): { f: number; df: number; gross: number } {
  const l = Math.log1p(r);
  let f = 0;
  let df = 0;
  let gross = 0;
  for (let i = 0; i < flows.length; i++) {
    const e = ref - times[i]!;
    const w = Math.exp(e * l);
    f += flows[i]! * w;
    gross += Math.abs(flows[i]!) * w;
    df += (flows[i]! * e * w) / (1 + r);
  }
  return { f, df, gross };
}

/** What the bracketed search found: the rate, whether it converged, and how. */
interface IrrSolution {
  irr: number;
  converged: boolean;
  iterations: number;
  /** Distinct roots found on the scan. */
  found: number;
  /** No sign change on the scan: irr is the grid rate with the smallest relative NPV. */
  noRoot: boolean;
}

/**
 * The search shared by IRR and XIRR: scan x = ln(1 + r) evenly over [ln 0.01, ln 11] for sign
 * changes of the relative NPV (`relative`, NPV / gross present value), pick the root nearest the
 * guess, refine it with rtsafe (Numerical Recipes §9.4) on the exact scaled NPV.
 */
function solveIrr(flows: ArrayLike<number>, times: ArrayLike<number>, guess: number, relative: (r: number) => number): IrrSolution {
  let horizon = 0;
  for (let i = 0; i < times.length; i++) horizon = Math.max(horizon, times[i]!);
  const refFor = (r: number) => (r >= 0 ? 0 : horizon);

  const xLo = Math.log1p(RATE_MIN) + 1e-9;
  const xHi = Math.log1p(RATE_MAX);
  const grid: Array<{ r: number; v: number }> = [];
  for (let k = 0; k <= GRID_POINTS; k++) {
    const r = Math.expm1(xLo + ((xHi - xLo) * k) / GRID_POINTS);
    grid.push({ r, v: relative(r) });
  }
  const xGuess = Math.log1p(guess);
  const brackets: Array<[number, number]> = [];
  const exact: number[] = [];
  for (let k = 0; k < grid.length; k++) {
    const a = grid[k]!;
    if (a.v === 0) exact.push(a.r);
    const b = grid[k + 1];
    if (b && a.v !== 0 && b.v !== 0 && Math.sign(a.v) !== Math.sign(b.v)) brackets.push([a.r, b.r]);
  }
  const found = brackets.length + exact.length;
  const done = (irr: number, converged: boolean, iterations: number, noRoot = false): IrrSolution => ({ irr, converged, iterations, found, noRoot });

  // Choose the candidate (exact grid root or bracket) nearest the guess in ln(1 + r).
  const distance = (r: number) => Math.abs(Math.log1p(r) - xGuess);
  let bestExact: number | undefined;
  for (const r of exact) if (bestExact === undefined || distance(r) < distance(bestExact)) bestExact = r;
  let bestBracket: [number, number] | undefined;
  for (const b of brackets) if (!bestBracket || Math.min(distance(b[0]), distance(b[1])) < Math.min(distance(bestBracket[0]), distance(bestBracket[1]))) bestBracket = b;
  if (bestExact !== undefined && (!bestBracket || distance(bestExact) <= Math.min(distance(bestBracket[0]), distance(bestBracket[1])))) return done(bestExact, true, 0);

  if (!bestBracket) {
    let best = grid[0]!;
    for (const g of grid) if (Math.abs(g.v) < Math.abs(best.v)) best = g;
    return done(best.r, false, 0, true);
  }

  // rtsafe on the bracket (Numerical Recipes §9.4): Newton steps, bisection when Newton leaves the
  // bracket or does not halve the step.
  let [lo, hi] = bestBracket;
  const ref = refFor((lo + hi) / 2);
  const fAt = (r: number) => scaledNpv(flows, times, r, ref);
  if (fAt(lo).f > 0) [lo, hi] = [hi, lo]; // now f(lo) < 0 < f(hi)
  let r = Math.min(Math.max(guess, Math.min(lo, hi)), Math.max(lo, hi));
  if (r === guess && (r === lo || r === hi)) r = (lo + hi) / 2;
  let dxOld = Math.abs(hi - lo);
  let dx = dxOld;
  let { f, df } = fAt(r);
  for (let it = 1; it <= MAX_ITERATIONS; it++) {
    const newtonOut = ((r - hi) * df - f) * ((r - lo) * df - f) > 0;
    if (newtonOut || Math.abs(2 * f) > Math.abs(dxOld * df)) {
      dxOld = dx;
      dx = (hi - lo) / 2;
      r = lo + dx;
    } else {
      dxOld = dx;
      dx = f / df;
      r -= dx;
    }
    if (Math.abs(dx) <= 4 * Number.EPSILON * (1 + Math.abs(r))) return done(r, true, it);
    ({ f, df } = fAt(r));
    if (f === 0) return done(r, true, it);
    if (f < 0) lo = r;
    else hi = r;
  }
  return done(r, false, MAX_ITERATIONS);
}

/**
 * Internal rate of return (IRR, or XIRR with dates).
 * @example internalRateOfReturn({ cashFlows: [-70000, 12000, 15000, 18000, 21000, 26000], guess: 0.1 }).irr // 0.0866 (Excel IRR help)
 */
export function internalRateOfReturn(input: IrrInput): IrrResult {
  const flows = input.cashFlows;
  const times = timesOf(flows, input.dates, 'start');
  const horizon = Math.max(...times);
  const refFor = (r: number) => (r >= 0 ? 0 : horizon);
  const relative = (r: number) => {
    const s = scaledNpv(flows, times, r, refFor(r));
    return s.gross > 0 ? s.f / s.gross : 0;
  };
  const solution = solveIrr(flows, times, input.guess, relative);

  const changes = signChanges(flows);
  const warnings: string[] = [];
  if (changes > 1)
    warnings.push(
      `The cash flows change sign ${changes} times, so up to ${changes} IRRs may exist (Descartes' rule of signs); ${solution.found} found in [−99 %, 1000 %]. The one nearest the guess is returned; judge the project by its NPV instead.`,
    );
  if (solution.noRoot)
    warnings.push('No rate in [−99 %, 1000 %] makes the NPV zero: the IRR, if any, lies outside that range (or two roots fall too close together to separate). irr is the rate with the smallest relative NPV.');
  else if (!solution.converged) warnings.push(`The solver stopped after ${MAX_ITERATIONS} iterations without reaching full precision.`);
  const dated = input.dates !== undefined;
  const npvAt = (r: number) => flows.reduce((sum, c, i) => sum + c * discount(r, times[i]!), 0);
  return {
    method: dated ? 'xirr-newton-bisection' : 'irr-newton-bisection',
    formula: dated
      ? 'XIRR: r such that Σ P_i/(1 + r)^((d_i − d_1)/365) = 0 (OpenFormula §6.12.47; Excel XIRR), solved by rtsafe (Numerical Recipes §9.4)'
      : 'IRR: r such that Σ_{t=0..n−1} C_t/(1 + r)^t = 0 (OpenFormula §6.12.23; Excel IRR), solved by rtsafe (Numerical Recipes §9.4)',
    warnings,
    irr: solution.irr,
    converged: solution.converged,
    iterations: solution.iterations,
    npvAtIrr: npvAt(solution.irr),
    signChanges: changes,
    bracketsFound: solution.found,
  };
}

/**
 * NPV of flows at evenly spaced times t_i = i·step years (i = 0…n−1), e.g. daily flows with
 * step = 1/365 (XNPV's actual/365 convention from the first day): Σ C_i (1 + r)^(−t_i).
 * @example presentValueEvenlySpaced([-100, 0, 110], 1, 0.1) // −100 + 110/1.21 = −9.0909…
 */
export function presentValueEvenlySpaced(flows: ArrayLike<number>, step: number, rate: number): number {
  let inflows = 0;
  let outflows = 0;
  for (let i = 0; i < flows.length; i++) {
    const pv = flows[i]! * discount(rate, i * step);
    if (pv >= 0) inflows += pv;
    else outflows += pv;
  }
  return inflows + outflows;
}

/**
 * IRR of flows at evenly spaced times t_i = i·step years (XIRR of daily flows with step 1/365):
 * the same search as `internalRateOfReturn`, with the scan's NPVs by Horner's rule in
 * q = (1 + r)^(−step) (one exponential per scanned rate instead of one per flow; Horner's rule is
 * backward stable, Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., §5.1), and the
 * root refined on the exact NPV. Returns undefined when no root lies in [−99 %, 1000 %] or the
 * refinement did not converge.
 */
export function internalRateOfReturnEvenlySpaced(flows: ArrayLike<number>, step: number, guess = 0.1): number | undefined {
  const n = flows.length;
  if (n === 0 || signChanges(flows) === 0) return undefined;
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) times[i] = i * step;
  const relative = (r: number) => {
    const l = Math.log1p(r);
    let f = 0;
    let gross = 0;
    if (r >= 0) {
      // Σ C_i q^i, q = (1 + r)^−step ≤ 1 (reference time 0).
      const q = Math.exp(-step * l);
      for (let i = n - 1; i >= 0; i--) {
        f = f * q + flows[i]!;
        gross = gross * q + Math.abs(flows[i]!);
      }
    } else {
      // Σ C_i p^(n−1−i), p = (1 + r)^step < 1 (reference time: the last flow).
      const p = Math.exp(step * l);
      for (let i = 0; i < n; i++) {
        f = f * p + flows[i]!;
        gross = gross * p + Math.abs(flows[i]!);
      }
    }
    return gross > 0 ? f / gross : 0;
  };
  const solution = solveIrr(flows, times, guess, relative);
  return solution.converged && Number.isFinite(solution.irr) ? solution.irr : undefined;
}

// ---------------------------------------------------------------------------------------------
// PMT

export const PmtInput = z
  .strictObject({
    rate: rate('Interest rate per payment period (e.g. 0.08/12 for 8 % a year paid monthly). In (−0.99, 10].'),
    nper: z.number().min(1).max(MAX_CASH_FLOWS).meta({ description: `Number of payment periods, 1…${MAX_CASH_FLOWS}.` }),
    pv: amount('Present value: the loan amount received (+) or the amount invested (−).'),
    fv: amount('Future value: the balance wanted after the last payment (default 0, a loan paid off).').default(0),
    type: z
      .union([z.literal(0), z.literal(1)])
      .default(0)
      .meta({ description: '0: payments at the end of each period (default); 1: at the beginning.' }),
  })
  .meta({ id: 'PmtInput', description: 'Excel PMT(rate, nper, pv, fv, type) arguments.' });
export type PmtInput = z.output<typeof PmtInput>;

export const PmtResult = z
  .strictObject({
    ...provenance,
    payment: z.number().meta({ description: 'Payment per period, with Excel’s sign: negative when cash is paid out (a loan pv > 0 gives a negative payment).' }),
    totalPaid: z.number().meta({ description: 'payment × nper, with the same sign as the payment.' }),
    totalInterest: z.number().meta({ description: '−payment × nper − pv − fv: interest paid (> 0, a loan) or earned (< 0, a savings goal) over the term; 0 at rate 0.' }),
  })
  .meta({ id: 'PmtResult' });
export type PmtResult = z.output<typeof PmtResult>;

/**
 * Excel PMT. For r > 0 with d = (1 + r)^−n: pmt = −[r/(1 − d)]·(pv + fv·d)/(1 + r·type); for r < 0
 * with g = (1 + r)^n: pmt = −[r/(g − 1)]·(pv·g + fv)/(1 + r·type). Both are the PMT equation
 * rearranged so that no power exceeds 1, and r/(…) is formed first so that tiny rates stay exact.
 * @example payment({ rate: 0.08 / 12, nper: 10, pv: 10000, fv: 0, type: 0 }).payment // −1037.03 (Excel PMT help)
 */
export function payment(input: PmtInput): PmtResult {
  const { rate: r, nper: n, pv, fv, type } = input;
  let pmt: number;
  if (r === 0) pmt = -(pv + fv) / n;
  else if (r > 0) {
    const nl = -n * Math.log1p(r);
    const d = Math.exp(nl);
    pmt = (-(r / -Math.expm1(nl)) * (pv + fv * d)) / (1 + r * type);
  } else {
    const nl = n * Math.log1p(r);
    const g = Math.exp(nl);
    pmt = (-(r / Math.expm1(nl)) * (pv * g + fv)) / (1 + r * type);
  }
  const warnings: string[] = [];
  if (pv !== 0 && fv !== 0 && Math.sign(pv) === Math.sign(fv))
    warnings.push('pv and fv have the same sign: in Excel’s convention this means receiving both (or paying both), which is unusual; check the signs.');
  return {
    method: r === 0 ? 'pmt-zero-rate' : 'pmt',
    formula:
      r === 0
        ? 'PMT = −(pv + fv)/nper at rate 0 (OpenFormula §6.12.36; Excel PMT)'
        : 'pv·(1 + r)^n + pmt·(1 + r·type)·((1 + r)^n − 1)/r + fv = 0 solved for pmt (OpenFormula §6.12.36; Excel PMT)',
    warnings,
    payment: pmt,
    totalPaid: pmt * n,
    totalInterest: -pmt * n - pv - fv,
  };
}

// ---------------------------------------------------------------------------------------------
// Cash conversion cycle

const balance = (description: string) => z.number().min(0).max(MAX_AMOUNT).meta({ description });
const flowAmount = (description: string) => z.number().min(0.01).max(MAX_AMOUNT).meta({ description });

export const CashConversionCycleInput = z
  .strictObject({
    inventory: balance('Average inventory balance over the period (at cost).'),
    receivables: balance('Average accounts receivable balance.'),
    payables: balance('Average accounts payable balance.'),
    revenue: flowAmount('Revenue (net sales) over the period, at least 0.01.'),
    costOfGoodsSold: flowAmount('Cost of goods sold over the period, at least 0.01.'),
    days: z.number().gt(0).max(MAX_PERIODS).default(365).meta({ description: 'Length of the period in days (365 for a year, 90 for a quarter).' }),
  })
  .meta({ id: 'CashConversionCycleInput', description: 'Average working-capital balances and the period’s revenue and COGS.' });
export type CashConversionCycleInput = z.output<typeof CashConversionCycleInput>;

export const CashConversionCycleResult = z
  .strictObject({
    ...provenance,
    dio: z.number().meta({ description: 'Days inventory outstanding: inventory/COGS × days.' }),
    dso: z.number().meta({ description: 'Days sales outstanding: receivables/revenue × days.' }),
    dpo: z.number().meta({ description: 'Days payables outstanding: payables/COGS × days.' }),
    operatingCycle: z.number().meta({ description: 'DIO + DSO: days from buying stock to collecting cash.' }),
    ccc: z.number().meta({ description: 'Cash conversion cycle DIO + DSO − DPO, in days.' }),
  })
  .meta({ id: 'CashConversionCycleResult' });
export type CashConversionCycleResult = z.output<typeof CashConversionCycleResult>;

/**
 * Cash conversion cycle.
 * @example cashConversionCycle({ inventory: 50000, receivables: 30000, payables: 40000, revenue: 500000, costOfGoodsSold: 365000, days: 365 }).ccc // 50 + 21.9 − 40 = 31.9
 */
export function cashConversionCycle(input: CashConversionCycleInput): CashConversionCycleResult {
  const dio = (input.inventory / input.costOfGoodsSold) * input.days;
  const dso = (input.receivables / input.revenue) * input.days;
  const dpo = (input.payables / input.costOfGoodsSold) * input.days;
  const ccc = dio + dso - dpo;
  const warnings: string[] = [];
  if (ccc < 0) warnings.push('The cycle is negative: suppliers are paid after customers pay, so suppliers finance the operating cycle.');
  if (dio > input.days) warnings.push('Inventory covers more than the whole period: check that the balances and COGS refer to the same period.');
  return {
    method: 'cash-conversion-cycle',
    formula: 'CCC = DIO + DSO − DPO; DIO = inventory/COGS·days, DSO = receivables/revenue·days, DPO = payables/COGS·days (Ross, Westerfield & Jaffe ch. 26; Brigham & Ehrhardt ch. 16)',
    warnings,
    dio,
    dso,
    dpo,
    operatingCycle: dio + dso,
    ccc,
  };
}

// ---------------------------------------------------------------------------------------------
// Calculations

export const npvCalculation = defineCalculation({
  name: 'finance/npv',
  summary: 'Net present value (NPV, XNPV)',
  description:
    "Net present value of periodic cash flows, with the first flow at t = 0 (finance convention) or one period out (Excel's NPV), or of dated flows (Excel's XNPV, actual/365 from the first date).",
  input: NpvInput,
  result: NpvResult,
  compute: netPresentValue,
  primary: 'npv',
  table: metricTable,
  example: { rate: 0.1, cashFlows: [-10000, 3000, 4200, 6800], timing: 'start' },
});

export const irrCalculation = defineCalculation({
  name: 'finance/irr',
  summary: 'Internal rate of return (IRR, XIRR)',
  description:
    'The rate at which the NPV (or XNPV with dates) of the flows is zero, found by a bracketed Newton–bisection search over −99 %…1000 %. The flows must change sign; several sign changes mean several IRRs may exist.',
  input: IrrInput,
  result: IrrResult,
  compute: internalRateOfReturn,
  primary: 'irr',
  table: metricTable,
  example: { cashFlows: [-70000, 12000, 15000, 18000, 21000, 26000] },
});

export const pmtCalculation = defineCalculation({
  name: 'finance/pmt',
  summary: 'Loan or annuity payment (PMT)',
  description: "Excel's PMT: the constant payment per period for a loan or savings plan, with the total paid and the total interest. Negative payments are cash paid out.",
  input: PmtInput,
  result: PmtResult,
  compute: payment,
  primary: 'payment',
  table: metricTable,
  example: { rate: 0.08 / 12, nper: 10, pv: 10000 },
});

export const cashConversionCycleCalculation = defineCalculation({
  name: 'finance/cash-conversion-cycle',
  summary: 'Cash conversion cycle',
  description: 'Days inventory, sales and payables outstanding from average balances, and the cash conversion cycle DIO + DSO − DPO.',
  input: CashConversionCycleInput,
  result: CashConversionCycleResult,
  compute: cashConversionCycle,
  primary: 'ccc',
  table: metricTable,
  example: { inventory: 50000, receivables: 30000, payables: 40000, revenue: 500000, costOfGoodsSold: 365000 },
});
