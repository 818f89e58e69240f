/**
 * Cash timeline of one promo campaign: a day-by-day simulation of supplier deposits and balances,
 * freight, duties and import VAT (and its reclaim), monthly fees, marketing spend, marketplace
 * payouts (settlement cycle, delay after delivery, reserve, refunds, fees, currency conversion) and
 * an optional revolving credit line, with the funding need, the day cash turns positive for good,
 * profit, ROI, the campaign's cash conversion cycle, NPV, IRR and stress scenarios.
 *
 * Conventions and sources:
 * - Day t = 0 … horizonDays − 1 is `startDate` + t calendar days. Every flow is booked on its day;
 *   within a day all flows are netted, then the credit line draws or repays once. Costs are in the
 *   account currency; prices, payouts, fees and refunds in the selling currency, converted at
 *   fx.rate × (1 + fxMove) (fx.rate = 1 without fx).
 * - Marketplace settlement, with the rules of ./presets.ts (marketplace presets with their published
 *   sources, or explicit fields): a sale of day s (moved to s + delayDays by a shipping-delay stress)
 *   is delivered on s + deliveryDays and becomes eligible on (delivery, or the sale for
 *   eligibleFrom 'sale') + delayDays (+ stress payoutHoldDays) = e; it is paid on the first payout
 *   date on or after e, payout dates being firstPayoutDate (default startDate) + k·cycleDays, k ≥ 0,
 *   and the cash is in the bank transferDays later. A share reserveShare is held and released on the
 *   first payout date on or after e + reserveReleaseDays (+ transferDays). Returned units (return
 *   rate × gross, per SKU) are refunded returnLagDays after delivery and debited on the first payout
 *   date on or after that day. feeRate × (payout or release) is deducted on the same day, and when
 *   the selling and account currencies differ conversionCostRate × (payout − fee) too (charged on
 *   capture, not on refunds, as Shopify's conversion-fee page describes). Payouts and releases are
 *   shown gross, refunds, fees and conversion costs as their own outflow columns.
 * - Sales come from dated lines, per-SKU daily units, or per-SKU forecasts in the /v1/forecast
 *   shape (a weekly period spread evenly over its 7 days); see ./sales.ts.
 * - Shipments: freight on departure + freightDaysAfterDeparture; duties and import VAT on the import
 *   date; when the seller is registered (importVatReclaimDays given) the VAT comes back
 *   importVatReclaimDays after import (an inflow). A shipping-delay stress moves the import date.
 * - Monthly fees: on `from` and the same day of each following month (clamped to the month's end, as
 *   spreadsheet EDATE), or on the 1st of each month; ad ramps: warm-up weeks × 7 days at one daily
 *   amount before the event, another on event days, another for afterDays after it.
 * - Shipping-delay stress and the event window: every sale moves delayDays later; a sale dated on
 *   an event day that the delay pushes past the event end is lost to the share eventLossShare (the
 *   buyers of a promotion do not wait for it; default: all lost), and the rest is sold on the later
 *   day. Sales outside the window only move.
 * - Credit line: drawn automatically when the day's closing cash would fall below 0 (up to the
 *   limit), repaid first from any positive cash; interest = drawn balance at the end of the previous
 *   day × annualRate/365, paid daily. This is a daily periodic rate equal to the annual rate divided
 *   by the number of periods in a year, as US Truth in Lending (Regulation Z, 12 CFR 1026.14(b))
 *   relates the annual percentage rate to a periodic rate, with the Actual/365 (Fixed) day count
 *   (2006 ISDA Definitions, Section 4.16(d)). With this rule the drawn amount is exactly
 *   clamp(−position, 0, limit), where position = opening cash + cumulative net flows.
 * - Funding need: peakFundingNeed = max(0, −min_t position_t), the largest cash shortfall before
 *   credit: the cumulative financing requirement of a cash budget (Brealey, Myers & Allen,
 *   *Principles of Corporate Finance*, 13th ed., short-term financial planning). peakCashInvested =
 *   max(0, −min_t cumulative net) counts the opening cash used too.
 * - profit = total inflows − total outflows in the horizon; ROI = profit / outflows excluding
 *   interest (financing cost counted in profit, not in the base); roiOnPeakCash = profit /
 *   peakCashInvested.
 * - Cash conversion cycle of the campaign: the cash cycle of Ross, Westerfield & Jordan,
 *   *Fundamentals of Corporate Finance*, ch. 18 ("The Operating and Cash Cycles"): operating cycle =
 *   inventory period + accounts receivable period, "the time period between the acquisition of
 *   inventory and the collection of cash from receivables"; cash cycle = operating cycle − accounts payable period,
 *   "the number of days that pass before we collect the cash from a sale, measured from when we
 *   actually pay for the inventory". Here it is measured on the campaign's dated flows instead of
 *   balance-sheet averages (the textbook's day-by-day example, buy day 0, pay day 30, sell day 60,
 *   collect day 105 → cash cycle 75, is a test). The inventory period starts when the seller owns the
 *   goods: a purchase order's shipmentDate (under FOB/EXW terms goods in transit are the buyer's
 *   inventory), else its orderDate. With value-weighted mean days — Ā (inventory start, weights PO
 *   amounts), P̄ (supplier payments: deposits and balances), D̄ (sale deliveries, weights gross
 *   sales), C̄ (the day each sale's payout and reserve release are in the bank, weights their
 *   amounts) — DIO = D̄ − Ā, DSO = C̄ − D̄, DPO = P̄ − Ā (negative when suppliers are paid before
 *   shipment: prepayment lengthens the cycle), CCC = DIO + DSO − DPO = C̄ − P̄. The CCC does not
 *   depend on where the inventory period starts; only its split into DIO and DPO does. Refunds are
 *   not in the weights.
 * - NPV and IRR of the daily operating flows (credit draws, repayments and interest excluded: the
 *   discount rate prices the money), discounted to startDate with the XNPV convention
 *   (1 + r)^(−t/365), r an effective annual rate; IRR is XIRR, annual (OpenFormula §6.12.47/48;
 *   Excel XNPV/XIRR), by ./finance.ts.
 */
import { defineCalculation, type ResultTable } from '../calculation.js';
import { addPeriods } from '../forecast/calendar.js';
import {
  CashFlowInput,
  CashFlowResult,
  deltaKeys,
  inflowCategories,
  outflowCategories,
  type CashFlowDelta,
  type CashFlowRow,
  type CashFlowSummary,
  type PaymentCategory,
  type PayoutRulesEcho,
  type StressScenario,
} from './cash-flow-schema.js';
import { dayNumber, internalRateOfReturnEvenlySpaced, presentValueEvenlySpaced, signChanges } from './finance.js';
import { resolvePayoutRules, type PayoutRules, type ResolvedPayout } from './presets.js';
import { buildSalesBook, refundBase, type SalesBook } from './sales.js';

export {
  CashFlowInput,
  CashFlowResult,
  MAX_HORIZON_DAYS,
  MAX_SKUS,
  MAX_SKU_DAYS,
  MAX_STRESS_SCENARIOS,
  MAX_TIMELINE_ITEMS,
  inflowCategories,
  outflowCategories,
  paymentCategories,
  type CashFlowRow,
  type CashFlowSummary,
  type StressScenario,
} from './cash-flow-schema.js';

/** Day-count basis of interest and discounting (Actual/365 Fixed). */
const DAYS_PER_YEAR = 365;

const categories = [...inflowCategories, ...outflowCategories] as const;
type Category = (typeof categories)[number];
const NCAT = categories.length;
const FIRST_OUTFLOW = inflowCategories.length;
const C = Object.fromEntries(categories.map((k, i) => [k, i])) as Record<Category, number>;

/** The neutral scenario: the base case. */
export const NEUTRAL: StressScenario = { name: 'base', demandFactor: 1, delayDays: 0, eventLossShare: 1, returnRateDelta: 0, fxMove: 0, payoutHoldDays: 0, adCostFactor: 1 };

// ---------------------------------------------------------------------------------------------
// Preparation: everything that does not depend on the scenario, once per request.

interface ImportFlow {
  day: number;
  duties: number;
  vat: number;
}

/** A request turned into day-indexed arrays, shared by every scenario. */
export interface PreparedCampaign {
  input: CashFlowInput;
  horizon: number;
  payout: ResolvedPayout;
  /** First payout day (offset from startDate). */
  anchor: number;
  fxRate: number;
  conversion: boolean;
  /** Scenario-independent outflows, NCAT × horizon (category-major). */
  fixed: Float64Array;
  /** Net of the scenario-independent flows after the horizon (≤ 0). */
  fixedAfterHorizon: number;
  /** Ad spend by day (scaled by adCostFactor) and after the horizon. */
  ads: Float64Array;
  adsAfterHorizon: number;
  imports: ImportFlow[];
  sales: SalesBook;
  /** Event window [first, last] day, or undefined. */
  event: [number, number] | undefined;
  /** Purchase orders for the cash conversion cycle: Σ amount, Σ amount·inventory start day, Σ payment·day. */
  purchases: { amount: number; startWeighted: number; paymentWeighted: number };
}

/** Days of monthly charges from `from` to `to` (inclusive), on the same day of month or the 1st. */
function monthlyDays(from: string, to: number, chargeOn: 'same-day' | 'first-of-month'): number[] {
  let first = from;
  if (chargeOn === 'first-of-month' && !from.endsWith('-01')) first = `${addPeriods(from, 'month', 1).slice(0, 8)}01`;
  const days: number[] = [];
  for (let k = 0; ; k++) {
    const day = dayNumber(addPeriods(first, 'month', k))!;
    if (day > to) return days;
    days.push(day);
  }
}

/** Prepares a validated request for simulation. */
export function prepareCampaign(input: CashFlowInput): PreparedCampaign {
  const H = input.horizonDays;
  const start = dayNumber(input.startDate)!;
  const offset = (d: string) => dayNumber(d)! - start;
  const fixed = new Float64Array(NCAT * H);
  let fixedAfterHorizon = 0;
  const addFixed = (category: Category, day: number, amount: number) => {
    if (amount === 0) return;
    if (day < H) fixed[C[category] * H + day] = fixed[C[category] * H + day]! + amount;
    else fixedAfterHorizon -= amount;
  };
  const ads = new Float64Array(H);
  let adsAfterHorizon = 0;
  const addAds = (day: number, amount: number) => {
    if (amount === 0) return;
    if (day < H) ads[day] = ads[day]! + amount;
    else adsAfterHorizon += amount;
  };
  const addPayment = (category: PaymentCategory, day: number, amount: number) => (category === 'ads' ? addAds(day, amount) : addFixed(category, day, amount));

  const purchases = { amount: 0, startWeighted: 0, paymentWeighted: 0 };
  for (const po of input.purchaseOrders) {
    const orderDay = offset(po.orderDate);
    const shipDay = po.shipmentDate === undefined ? undefined : offset(po.shipmentDate);
    const balanceDay = po.balanceDate !== undefined && po.balanceDaysAfterShipment === undefined ? offset(po.balanceDate) : shipDay! + (po.balanceDaysAfterShipment ?? 0);
    const deposit = po.amount * po.depositShare;
    const balance = po.amount * (1 - po.depositShare);
    addFixed('deposits', orderDay, deposit);
    addFixed('balances', balanceDay, balance);
    purchases.amount += po.amount;
    purchases.startWeighted += po.amount * (shipDay ?? orderDay);
    purchases.paymentWeighted += deposit * orderDay + balance * balanceDay;
  }
  for (const p of input.payments) addPayment(p.category, offset(p.date), p.amount);
  const lastDay = H - 1;
  for (const r of input.recurringPayments) {
    const to = r.to === undefined ? lastDay : offset(r.to);
    for (const day of monthlyDays(r.from, to + start, r.chargeOn)) addPayment(r.category, day - start, r.amountPerMonth);
  }
  for (const ramp of input.adRamps) {
    const first = offset((ramp.start ?? input.event?.start)!);
    const last = offset((ramp.end ?? input.event?.end)!);
    for (let d = first - 7 * ramp.warmUpWeeks; d < first; d++) addAds(d, ramp.warmUpDaily);
    for (let d = first; d <= last; d++) addAds(d, ramp.eventDaily);
    for (let d = last + 1; d <= last + ramp.afterDays; d++) addAds(d, ramp.afterDaily);
  }
  const imports: ImportFlow[] = [];
  for (const s of input.shipments) {
    addFixed('freight', offset(s.departureDate) + s.freightDaysAfterDeparture, s.freight);
    if (s.duties > 0 || s.importVat > 0) imports.push({ day: offset(s.importDate), duties: s.duties, vat: s.importVat });
  }

  const payout = resolvePayoutRules(input.payout);
  const fx = input.fx;
  return {
    input,
    horizon: H,
    payout,
    anchor: input.payout.firstPayoutDate === undefined ? 0 : offset(input.payout.firstPayoutDate),
    fxRate: fx?.rate ?? 1,
    conversion: fx !== undefined && fx.sellingCurrency !== fx.accountCurrency,
    fixed,
    fixedAfterHorizon,
    ads,
    adsAfterHorizon,
    imports,
    sales: buildSalesBook(input),
    event: input.event ? [offset(input.event.start), offset(input.event.end)] : undefined,
    purchases,
  };
}

// ---------------------------------------------------------------------------------------------
// Simulation of one scenario

/** Daily simulation of one scenario: flows by category and day, end-of-day balance and credit, and the summary. */
export interface Simulation {
  /** Flows, NCAT × horizon, category-major in the order inflowCategories, outflowCategories. */
  flows: Float64Array;
  net: Float64Array;
  balance: Float64Array;
  credit: Float64Array;
  summary: CashFlowSummary;
  warnings: string[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Runs the daily timeline of a prepared campaign under one stress scenario (NEUTRAL for the base).
 * @example simulateCampaign(prepareCampaign(CashFlowInput.parse(cashFlowCalculation.example)), NEUTRAL).summary.peakFundingNeed
 */
export function simulateCampaign(prep: PreparedCampaign, stress: StressScenario): Simulation {
  const { input, horizon: H } = prep;
  const rules: PayoutRules = prep.payout.rules;
  const flows = new Float64Array(NCAT * H);
  flows.set(prep.fixed);
  let afterHorizon = prep.fixedAfterHorizon;
  const addIn = (category: number, day: number, amount: number) => {
    if (amount === 0) return;
    if (day < H) flows[category * H + day] = flows[category * H + day]! + amount;
    else afterHorizon += amount;
  };
  const addOut = (category: number, day: number, amount: number) => {
    if (amount === 0) return;
    if (day < H) flows[category * H + day] = flows[category * H + day]! + amount;
    else afterHorizon -= amount;
  };

  // Ads, scaled.
  const adsAt = C.ads * H;
  for (let t = 0; t < H; t++) flows[adsAt + t] = flows[adsAt + t]! + prep.ads[t]! * stress.adCostFactor;
  afterHorizon -= prep.adsAfterHorizon * stress.adCostFactor;

  // Import-dated flows move with a late shipment.
  let importVatPaid = 0;
  let importVatReclaimed = 0;
  let importVatReclaimAfterHorizon = 0;
  const reclaimDays = input.importVatReclaimDays;
  for (const m of prep.imports) {
    const day = m.day + stress.delayDays;
    addOut(C.duties, day, m.duties);
    addOut(C.importVat, day, m.vat);
    if (day < H) importVatPaid += m.vat;
    if (reclaimDays !== undefined) {
      addIn(C.vatRefunds, day + reclaimDays, m.vat);
      if (day + reclaimDays < H) importVatReclaimed += m.vat;
      else importVatReclaimAfterHorizon += m.vat;
    }
  }

  // Sales → payouts, reserve releases, fees, conversion costs; refunds.
  const { sales, anchor } = prep;
  const S = sales.span;
  const cycle = rules.cycleDays;
  const payoutDay = (e: number) => (e <= anchor ? anchor : anchor + Math.ceil((e - anchor) / cycle) * cycle) + rules.transferDays;
  const fx = prep.fxRate * (1 + stress.fxMove);
  const conversion = prep.conversion ? rules.conversionCostRate : 0;
  const d = stress.delayDays;
  const factor = new Float64Array(S);
  const [eventFirst, eventLast] = prep.event ?? [1, 0];
  const lateFactor = stress.demandFactor * (1 - stress.eventLossShare);
  for (let s = 0; s < S; s++) factor[s] = d > 0 && s >= eventFirst && s <= eventLast && s + d > eventLast ? lateFactor : stress.demandFactor;
  const eligibleLag = (rules.eligibleFrom === 'delivery' ? rules.deliveryDays : 0) + rules.delayDays + stress.payoutHoldDays;
  const keep = 1 - rules.reserveShare;
  let salesValue = 0; // selling currency
  let lost = 0;
  let deliveryWeighted = 0;
  let cashWeighted = 0;
  for (let s = 0; s < S; s++) {
    const g = sales.total[s]!;
    if (g === 0) continue;
    const v = g * factor[s]!;
    lost += g * stress.demandFactor - v;
    if (v === 0) continue;
    salesValue += v;
    const saleDay = s + d;
    const eligible = saleDay + eligibleLag;
    const paidDay = payoutDay(eligible);
    const paid = v * keep;
    const paidAccount = paid * fx;
    addIn(C.payouts, paidDay, paidAccount);
    addOut(C.fees, paidDay, paidAccount * rules.feeRate);
    addOut(C.fxCosts, paidDay, paidAccount * (1 - rules.feeRate) * conversion);
    const held = v - paid;
    let releaseDay = paidDay;
    if (held > 0) {
      releaseDay = payoutDay(eligible + rules.reserveReleaseDays);
      const heldAccount = held * fx;
      addIn(C.reserveReleases, releaseDay, heldAccount);
      addOut(C.fees, releaseDay, heldAccount * rules.feeRate);
      addOut(C.fxCosts, releaseDay, heldAccount * (1 - rules.feeRate) * conversion);
    }
    deliveryWeighted += v * (saleDay + rules.deliveryDays);
    cashWeighted += paid * paidDay + held * releaseDay;
  }
  const base = new Float64Array(S);
  for (const group of sales.lagGroups) {
    refundBase(group, stress.returnRateDelta, base);
    const lag = d + rules.deliveryDays + group.lagDays;
    for (let s = 0; s < S; s++) {
      const b = base[s]!;
      if (b === 0) continue;
      addOut(C.refunds, payoutDay(s + lag), b * factor[s]! * fx);
    }
  }

  // Daily cash and credit.
  const limit = input.creditLine?.limit ?? 0;
  const dailyRate = (input.creditLine?.annualRate ?? 0) / DAYS_PER_YEAR;
  const interestAt = C.interest * H;
  const net = new Float64Array(H);
  const balance = new Float64Array(H);
  const credit = new Float64Array(H);
  const cumulative = new Float64Array(H);
  const operating = new Float64Array(H);
  let cash = input.openingCash;
  let drawn = 0;
  let position = input.openingCash;
  let lowestPosition = Infinity;
  let lowestPositionDay = 0;
  let lowestBalance = Infinity;
  let lowestBalanceDay = 0;
  let maxDrawn = 0;
  let totalIn = 0;
  let totalOut = 0;
  let interestPaid = 0;
  for (let t = 0; t < H; t++) {
    const interest = drawn * dailyRate;
    flows[interestAt + t] = interest;
    interestPaid += interest;
    let inflow = 0;
    for (let c = 0; c < FIRST_OUTFLOW; c++) inflow += flows[c * H + t]!;
    let outflow = 0;
    for (let c = FIRST_OUTFLOW; c < NCAT; c++) outflow += flows[c * H + t]!;
    const dayNet = inflow - outflow;
    totalIn += inflow;
    totalOut += outflow;
    net[t] = dayNet;
    operating[t] = dayNet + interest;
    position += dayNet;
    cumulative[t] = position - input.openingCash;
    const pre = cash + dayNet;
    if (pre < 0) {
      const draw = Math.min(-pre, limit - drawn);
      drawn += draw;
      cash = pre + draw;
    } else {
      const repay = Math.min(pre, drawn);
      drawn -= repay;
      cash = pre - repay;
    }
    balance[t] = cash;
    credit[t] = drawn;
    if (position < lowestPosition) {
      lowestPosition = position;
      lowestPositionDay = t;
    }
    if (cash < lowestBalance) {
      lowestBalance = cash;
      lowestBalanceDay = t;
    }
    if (drawn > maxDrawn) maxDrawn = drawn;
  }

  // First day from which the cumulative net stays ≥ 0 to the end.
  let positiveFrom: number | undefined;
  for (let t = H - 1; t >= 0 && cumulative[t]! >= 0; t--) positiveFrom = t;
  const dateAt = (t: number) => addPeriods(input.startDate, 'day', t);

  const warnings: string[] = [];
  const peakFundingNeed = Math.max(0, -lowestPosition);
  if (input.creditLine && peakFundingNeed > limit)
    warnings.push(`The funding need (${round2(peakFundingNeed)}) exceeds the credit limit (${round2(limit)}): the balance goes below 0 on some days.`);
  if (afterHorizon !== 0)
    warnings.push(`Flows netting ${round2(afterHorizon)} fall after the horizon end (late payouts, reserve releases, VAT reclaims, refunds or payments) and are not in the totals.`);

  const profit = totalIn - totalOut;
  const outflowsExInterest = totalOut - interestPaid;
  const peakCashInvested = Math.max(0, -(lowestPosition - input.openingCash));
  const summary: CashFlowSummary = {
    peakFundingNeed,
    lowestBalance,
    lowestBalanceDate: dateAt(lowestBalanceDay),
    maxCreditDrawn: maxDrawn,
    endingBalance: cash,
    endingCreditDrawn: drawn,
    totalInflows: totalIn,
    totalOutflows: totalOut,
    profit,
    peakCashInvested,
    interestPaid,
    grossSales: salesValue * fx,
    lostSales: lost * fx,
    importVatPaid,
    importVatReclaimed,
    importVatReclaimAfterHorizon,
    pendingAfterHorizon: afterHorizon,
  };
  if (peakFundingNeed > 0) summary.peakFundingNeedDate = dateAt(lowestPositionDay);
  if (positiveFrom !== undefined) summary.cashPositiveDate = dateAt(positiveFrom);
  if (outflowsExInterest > MIN_RATIO_BASE) summary.roi = profit / outflowsExInterest;
  if (peakCashInvested > MIN_RATIO_BASE) summary.roiOnPeakCash = profit / peakCashInvested;

  // Cash conversion cycle of the campaign (value-weighted mean days, see the file comment).
  const { purchases } = prep;
  const inventoryStart = purchases.amount > 0 ? purchases.startWeighted / purchases.amount : undefined;
  if (inventoryStart !== undefined) summary.dpo = purchases.paymentWeighted / purchases.amount - inventoryStart;
  if (salesValue * fx > MIN_RATIO_BASE) {
    const delivered = deliveryWeighted / salesValue;
    summary.dso = cashWeighted / salesValue - delivered;
    if (inventoryStart !== undefined) summary.dio = delivered - inventoryStart;
  }
  if (summary.dio !== undefined && summary.dso !== undefined && summary.dpo !== undefined) summary.cashConversionCycle = summary.dio + summary.dso - summary.dpo;

  if (input.discountRate !== undefined) summary.npv = presentValueEvenlySpaced(operating, 1 / DAYS_PER_YEAR, input.discountRate);
  if (signChanges(operating) > 0) {
    const irr = internalRateOfReturnEvenlySpaced(operating, 1 / DAYS_PER_YEAR, 0.1);
    if (irr !== undefined) summary.irr = irr;
    else warnings.push('No annual IRR in [−99 %, 1000 %] was found for the operating flows; irr is omitted.');
  }
  return { flows, net, balance, credit, summary, warnings };
}

/**
 * Smallest amount (account currency) used as the base of a ratio (ROI, value-weighted days): a
 * millionth of a unit, far below any currency's minor unit. Below it the ratio is omitted rather
 * than blown up by a rounding-level denominator (found by fast-check with 5e-324 amounts).
 */
const MIN_RATIO_BASE = 1e-6;

/**
 * Runs the daily timeline for one stress scenario (NEUTRAL for the base): prepares and simulates.
 * @example simulate(CashFlowInput.parse(cashFlowCalculation.example)).summary.peakFundingNeed
 */
export function simulate(input: CashFlowInput, stress: StressScenario = NEUTRAL): Simulation & { days: CashFlowRow[] } {
  const run = simulateCampaign(prepareCampaign(input), stress);
  return { ...run, days: dailyRows(input.startDate, run) };
}

// ---------------------------------------------------------------------------------------------
// Rows and result

/** One row per day, from the typed arrays of a simulation. */
export function dailyRows(startDate: string, run: Simulation): CashFlowRow[] {
  const H = run.net.length;
  const rows: CashFlowRow[] = [];
  for (let t = 0; t < H; t++) {
    const inflows = {} as CashFlowRow['inflows'];
    for (const k of inflowCategories) inflows[k] = run.flows[C[k] * H + t]!;
    const outflows = {} as CashFlowRow['outflows'];
    for (const k of outflowCategories) outflows[k] = run.flows[C[k] * H + t]!;
    rows.push({ date: addPeriods(startDate, 'day', t), inflows, outflows, net: run.net[t]!, balance: run.balance[t]!, creditDrawn: run.credit[t]! });
  }
  return rows;
}

/** Sums day rows into 7-day buckets from startDate; balance and credit are those at the bucket's last day. */
export function weeklyRows(days: readonly CashFlowRow[]): CashFlowRow[] {
  const rows: CashFlowRow[] = [];
  for (let i = 0; i < days.length; i += 7) {
    const bucket = days.slice(i, i + 7);
    const last = bucket[bucket.length - 1]!;
    const inflows = Object.fromEntries(inflowCategories.map((k) => [k, 0])) as CashFlowRow['inflows'];
    const outflows = Object.fromEntries(outflowCategories.map((k) => [k, 0])) as CashFlowRow['outflows'];
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

function difference(s: CashFlowSummary, base: CashFlowSummary): CashFlowDelta {
  const d: CashFlowDelta = {};
  for (const k of deltaKeys) {
    const a = s[k];
    const b = base[k];
    if (a !== undefined && b !== undefined) d[k] = a - b;
  }
  const days = (a: string | undefined, b: string | undefined) => (a !== undefined && b !== undefined ? dayNumber(a)! - dayNumber(b)! : undefined);
  const peak = days(s.peakFundingNeedDate, base.peakFundingNeedDate);
  if (peak !== undefined) d.peakFundingNeedDateDays = peak;
  const positive = days(s.cashPositiveDate, base.cashPositiveDate);
  if (positive !== undefined) d.cashPositiveDateDays = positive;
  return d;
}

function payoutEcho(prep: PreparedCampaign): PayoutRulesEcho {
  const { rules, preset, fromInput, fromPreset, fromDefault } = prep.payout;
  return {
    ...(preset ? { preset: preset.id, presetName: preset.name, asOf: preset.asOf } : {}),
    ...rules,
    conversionApplied: prep.conversion,
    firstPayoutDate: prep.input.payout.firstPayoutDate ?? prep.input.startDate,
    fromInput: [...fromInput],
    fromPreset: [...fromPreset],
    fromDefault: [...fromDefault],
    sources: (preset?.sources ?? []).map((s) => ({ ...s, fields: [...s.fields] })),
    assumptions: (preset?.assumptions ?? []).map((a) => ({ ...a })),
  };
}

/**
 * Daily cash timeline of a promo campaign, its funding need and stress scenarios.
 * @example cashFlow(CashFlowInput.parse(cashFlowCalculation.example)).summary.peakFundingNeed
 */
export function cashFlow(input: CashFlowInput): CashFlowResult {
  const prep = prepareCampaign(input);
  const base = simulateCampaign(prep, NEUTRAL);
  const scenarios = input.stress.map((s) => {
    const run = simulateCampaign(prep, s);
    return { name: s.name, summary: run.summary, difference: difference(run.summary, base.summary) };
  });
  const warnings = [...base.warnings];
  if (prep.sales.unitsBeforeStart > 0)
    warnings.push(`${round2(prep.sales.unitsBeforeStart)} units of SKU sales or forecasts are dated before startDate and are ignored.`);
  if (!input.event && input.stress.some((s) => s.delayDays > 0))
    warnings.push('A stress scenario delays the shipment but the request has no event window: sales only move later, none are lost. Give event to count the missed event days.');
  const days = dailyRows(input.startDate, base);
  return {
    method: 'daily-cash-timeline',
    formula:
      'position_t = opening + Σ_{τ≤t} (inflows − outflows); payout on the first payout date ≥ delivery + delay (marketplace presets with sources); credit drawn = clamp(−position_t, 0, limit), interest = drawn_{t−1}·rate/365 (12 CFR 1026.14(b) periodic rate; ISDA 2006 §4.16(d) Actual/365 Fixed); peakFundingNeed = max(0, −min_t position_t); CCC = DIO + DSO − DPO on value-weighted flow dates (Ross, Westerfield & Jordan, Fundamentals ch. 18); NPV/IRR = XNPV/XIRR of the operating flows (OpenFormula §6.12.47/48)',
    warnings,
    currency: { ...(input.fx ? { account: input.fx.accountCurrency, selling: input.fx.sellingCurrency } : {}), fxRate: prep.fxRate },
    payoutRules: payoutEcho(prep),
    table: input.granularity === 'week' ? weeklyRows(days) : days,
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

/** Weekly point forecast of a hero SKU as /v1/forecast labels it (periods with dates), for the example. */
const heroForecast = [
  ['2026-11-02', 140],
  ['2026-11-09', 150],
  ['2026-11-16', 170],
  ['2026-11-23', 520],
  ['2026-11-30', 310],
  ['2026-12-07', 190],
  ['2026-12-14', 160],
  ['2026-12-21', 120],
] as const;

export const cashFlowCalculation = defineCalculation({
  name: 'cash-flow',
  summary: 'Daily cash timeline and funding need of a promo campaign',
  description:
    'Simulates one promo campaign day by day: supplier deposits and balances (at a date or N days after shipment), freight, duties, import VAT and its reclaim, monthly warehouse fees, ad spend (dated or as a warm-up/event/after ramp), content, sales (dated lines, per-SKU daily units or /v1/forecast results) in a selling currency converted to the account currency, marketplace payouts with sourced presets (Amazon, TikTok Shop, Shopify Payments, generic; overridable field by field), reserve, refunds, fees and conversion costs, and an optional revolving credit line. Returns the daily or weekly table, the peak funding need and its date, the date cash turns positive for good, profit, ROI, interest, the campaign’s cash conversion cycle, NPV and IRR, and the same figures under stress scenarios (demand, shipping delay with lost event days, returns, FX, payout hold, ad cost) with their differences.',
  input: CashFlowInput,
  result: CashFlowResult,
  compute: cashFlow,
  primary: 'summary.peakFundingNeed',
  table: cashFlowTable,
  example: {
    startDate: '2026-08-01',
    horizonDays: 180,
    granularity: 'week',
    openingCash: 15000,
    creditLine: { limit: 40000, annualRate: 0.12 },
    event: { start: '2026-11-27', end: '2026-11-30' },
    purchaseOrders: [{ label: 'Holiday stock', orderDate: '2026-08-03', amount: 32000, depositShare: 0.3, shipmentDate: '2026-09-01', balanceDaysAfterShipment: 0 }],
    shipments: [{ label: 'Sea freight to Los Angeles', departureDate: '2026-09-01', importDate: '2026-10-06', freight: 3200, duties: 1800 }],
    recurringPayments: [{ label: '3PL storage', category: 'warehouse', amountPerMonth: 600, from: '2026-10-06', chargeOn: 'first-of-month' }],
    adRamps: [{ label: 'Black Friday / Cyber Monday ads', warmUpWeeks: 2, warmUpDaily: 150, eventDaily: 600, afterDays: 7, afterDaily: 100 }],
    payments: [{ label: 'Product video', date: '2026-10-15', amount: 1500, category: 'content' }],
    skus: [
      { sku: 'HERO-1', price: 39.99, returnRate: 0.08, forecast: { frequency: 'week', periods: heroForecast.map(([date, forecast]) => ({ date, forecast })) } },
      { sku: 'ACC-2', price: 14.99, start: '2026-11-20', units: [20, 22, 25, 30, 35, 90, 110, 95, 80, 40, 30, 28, 25, 22] },
    ],
    returnRate: 0.05,
    returnLagDays: 14,
    payout: { preset: 'amazon-us', deliveryDays: 3 },
    discountRate: 0.1,
    stress: [
      { name: 'Ship 10 days late', delayDays: 10 },
      { name: 'Weak demand, payout hold', demandFactor: 0.7, payoutHoldDays: 14 },
      { name: 'Ads +30 %, returns +5 points', adCostFactor: 1.3, returnRateDelta: 0.05 },
    ],
  },
});
