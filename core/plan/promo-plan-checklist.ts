/**
 * The promo plan's dated decisions and its pitfall warnings.
 *
 * Decisions — a dated checklist worked back from the promo start (DESIGN.md §2: "registration,
 * content and ad testing at least two weeks ahead, order-by, ship-by, inbound cut-off,
 * replenishment"):
 * - deal registration: promo start − checklist.registrationDaysBefore (default 60 days: Amazon's
 *   Black Friday / Cyber Monday Lightning Deal submissions closed on 21 September 2018, 63 days
 *   before Black Friday — Seller Labs, "Amazon Lightning Deals Submissions for Black Friday & Cyber
 *   Monday Now Open" — and on 4 October 2019, 56 days before — Sellics, "Amazon Lightning Deals
 *   Deadline for Black Friday and Cyber Monday 2019"; each marketplace publishes its own date);
 * - content ready: promo start − contentReadyDaysBefore (default 28: a week before the ad test, so
 *   the test runs on the final listing; this service's assumption);
 * - ad test start: promo start − adTestStartDaysBefore (default 21, at least minAdTestDays = 14:
 *   "ad testing at least two weeks ahead", DESIGN.md §2);
 * - per batch: order by (latest order date), ship by (latest ship date; "replenishment ship-by" for
 *   a batch due after the inbound cut-off), from the stock plan (core/plan/schedule.ts);
 * - inbound cut-off, promo start and end (stock plan), and the next regular replenishment, due
 *   the day after the coverage window ends (the plan's stock covers demand until then).
 * Status against asOf: overdue before it, due-soon within checklist.dueSoonDays after it, else ok.
 *
 * Pitfalls (DESIGN.md §2 "warnings for the classic pitfalls"):
 * - negative-margin: a SKU's contribution per unit at the promo price is negative (the landed
 *   cost's contribution, quantity-weighted over the modes), or negative for the units of one mode;
 * - missed-cutoff: a batch whose latest ship date has passed by the time it can ship (the stock
 *   plan ships it on the earliest possible day, with a lower P(on time));
 * - hero-sku: one SKU carries more than checklist.heroShareLimit (default 50 %, this service's
 *   threshold) of the expected promo revenue (plans of two or more SKUs);
 * - short-ad-test: less than minAdTestDays between the ad test start (not before asOf) and the
 *   promo start, or an ad ramp whose warm-up is shorter;
 * - cash-runs-out: the base or a stress scenario's lowest balance falls below 0 — the funding need
 *   exceeds the credit line (the cash flow's balance goes negative only then).
 */
import type { CashFlowResult } from '../cash/cash-flow-schema.js';
import type { Decision, DecisionKind, Pitfall, PromoPlanFields, PromoPlanSkuResult } from './promo-plan-schema.js';
import { decisionKinds } from './promo-plan-schema.js';
import type { PlanDays } from './promo-plan-inputs.js';
import { dayOf, isoOf } from './schedule.js';
import type { StockPlanResult } from './stock-plan-schema.js';

const KIND_ORDER = new Map<DecisionKind, number>(decisionKinds.map((k, i) => [k, i]));
/** x with `digits` decimals and thousands separators (1234.5 → "1,234.50"); toLocaleString is ~100× slower and runs per batch. */
function fmt(x: number, digits = 0): string {
  const [whole, frac] = Math.abs(x).toFixed(digits).split('.') as [string, string | undefined];
  return `${x < 0 && Number(whole + (frac ?? '')) !== 0 ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac !== undefined ? `.${frac}` : ''}`;
}
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** The dated actions of a plan, earliest first. */
export function planDecisions(plan: PromoPlanFields, days: PlanDays, sp: StockPlanResult): Decision[] {
  const c = plan.checklist;
  const out: Decision[] = [];
  const status = (day: number): Decision['status'] => (day < days.asOf ? 'overdue' : day <= days.asOf + c.dueSoonDays ? 'due-soon' : 'ok');
  const add = (day: number, kind: DecisionKind, action: string, source: string, extra: Partial<Decision> = {}) =>
    out.push({ date: isoOf(day), kind, action, ...extra, status: status(day), source });
  const start = days.promoStart;

  add(
    start - c.registrationDaysBefore,
    'deal-registration',
    `Register the promo deals with the marketplace (submissions close weeks before big events; check its deadline).`,
    `checklist.registrationDaysBefore = ${c.registrationDaysBefore} days before the promo (default 60: Amazon BFCM Lightning Deal submissions closed 56–63 days ahead in 2018–2019)`,
  );
  add(start - c.contentReadyDaysBefore, 'content-ready', 'Listing content live: images, video, A+ copy, promo pricing set up (the content is paid on this day).', `checklist.contentReadyDaysBefore = ${c.contentReadyDaysBefore} days before the promo`);
  add(
    start - c.adTestStartDaysBefore,
    'ad-test-start',
    `Start the ad test: keywords, bids and creatives, at least ${c.minAdTestDays} days before the event.`,
    `checklist.adTestStartDaysBefore = ${c.adTestStartDaysBefore} days before the promo (DESIGN: ad testing at least two weeks ahead)`,
  );
  for (const row of sp.skus) {
    for (const b of row.batches) {
      const extra = { sku: row.sku, batch: b.batch, mode: b.mode, units: b.quantity };
      add(
        dayOf(b.latestOrderDate),
        'order-by',
        `Place the production order for ${fmt(b.quantity)} units (${fmt(b.cartons)} carton${b.cartons === 1 ? '' : 's'}) of ${row.sku}, batch ${b.batch} by ${b.mode}.`,
        'stock plan: latest ship date − production lead time',
        extra,
      );
      const replenishment = b.arriveBy !== sp.cutoffDate;
      add(
        dayOf(b.latestShipDate),
        replenishment ? 'replenishment-ship-by' : 'ship-by',
        replenishment
          ? `Ship the replenishment batch ${b.batch} of ${row.sku} (${fmt(b.quantity)} units) by ${b.mode}: sellable by ${b.arriveBy}.`
          : `Hand batch ${b.batch} of ${row.sku} (${fmt(b.quantity)} units) to the ${b.mode} forwarder to make the inbound cut-off ${sp.cutoffDate}.`,
        `stock plan: ⌊due − receiving − handling − F_T⁻¹(${sp.onTimeProbability})⌋`,
        extra,
      );
    }
  }
  add(dayOf(sp.cutoffDate), 'inbound-cutoff', `Inbound cut-off: promo stock received and sellable at the warehouse (${plan.promo.cutoffDaysBefore} days before the promo).`, 'stock plan: promo start − promo.cutoffDaysBefore');
  add(start, 'promo-start', 'Promo starts: deals live, ads at event budgets.', 'promo.start');
  add(days.promoEnd, 'promo-end', 'Promo ends: restore prices, scale ads down.', 'promo.end or promo.days');
  add(days.coverageEnd + 1, 'next-replenishment-due', `The plan covers demand until ${isoOf(days.coverageEnd)}: the next regular replenishment must be sellable by this day.`, 'stock plan: promo end + promo.coverageDaysAfter + 1');

  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! || (a.sku ?? '').localeCompare(b.sku ?? '') || (a.batch ?? 0) - (b.batch ?? 0)));
}

/** The classic promo pitfalls found in a plan. */
export function planPitfalls(plan: PromoPlanFields, days: PlanDays, sp: StockPlanResult, skus: readonly PromoPlanSkuResult[], cash: CashFlowResult): Pitfall[] {
  const out: Pitfall[] = [];
  const c = plan.checklist;
  const currency = plan.currency;

  // Negative margin at the promo price.
  for (const s of skus) {
    const unit = s.landedCost.perUnit;
    if (!unit) continue;
    if (unit.contribution < 0) {
      const be = unit.breakEvenPrice !== undefined ? `; break-even price ${fmt(unit.breakEvenPrice, 2)}` : '; no price breaks even';
      out.push({
        code: 'negative-margin',
        sku: s.sku,
        message: `${s.sku} loses ${fmt(-unit.contribution, 2)} ${currency} per unit sold at the promo price ${fmt(s.sales.price, 2)} (contribution margin ${pct(unit.margin)}${be}).`,
      });
      continue;
    }
    for (const { mode, row } of s.landedCost.byMode)
      if (row.perUnit.contribution < 0)
        out.push({
          code: 'negative-margin',
          sku: s.sku,
          mode,
          message: `${s.sku} loses ${fmt(-row.perUnit.contribution, 2)} ${currency} per unit on the ${fmt(row.quantity)} units shipped by ${mode} (contribution margin ${pct(row.perUnit.margin)}), though it earns on average.`,
        });
  }

  // A missed cut-off.
  for (const row of sp.skus)
    for (const b of row.batches)
      if (b.latestShipDate < b.plannedShipDate)
        out.push({
          code: 'missed-cutoff',
          sku: row.sku,
          mode: b.mode,
          message: `${row.sku} batch ${b.batch} (${b.mode}): the latest ship date ${b.latestShipDate} has passed by the time it can ship (${b.plannedShipDate}); P(sellable by ${b.arriveBy}) = ${b.pOnTime.toFixed(3)} instead of ${sp.onTimeProbability}. Ship by a faster mode, or expect it late.`,
        });

  // One hero SKU carrying the event.
  if (skus.length >= 2) {
    const top = skus.reduce((a, s) => (s.sales.revenueShare > a.sales.revenueShare ? s : a));
    if (top.sales.revenueShare > c.heroShareLimit)
      out.push({
        code: 'hero-sku',
        sku: top.sku,
        message: `${top.sku} carries ${pct(top.sales.revenueShare)} of the expected promo revenue (limit ${pct(c.heroShareLimit)}): a stock-out, a suppressed listing or a lost Buy Box on it sinks the event. Spread the push over more SKUs or hold more buffer for it.`,
      });
  }

  // Too short an ad test.
  const testStart = Math.max(days.asOf, days.promoStart - c.adTestStartDaysBefore);
  const testDays = days.promoStart - testStart;
  if (testDays < c.minAdTestDays)
    out.push({
      code: 'short-ad-test',
      message: `The ad test runs ${testDays} day${testDays === 1 ? '' : 's'} before the promo (${testStart > days.promoStart - c.adTestStartDaysBefore ? 'asOf is past the planned start' : `adTestStartDaysBefore = ${c.adTestStartDaysBefore}`}): less than the ${c.minAdTestDays} days needed to learn which keywords and bids convert.`,
    });
  plan.cashFlow.adRamps.forEach((ramp, i) => {
    const warmUp = ramp.warmUpWeeks * 7;
    if (warmUp < c.minAdTestDays)
      out.push({ code: 'short-ad-test', message: `Ad ramp ${i + 1}${ramp.label ? ` (${ramp.label})` : ''} warms up for ${warmUp} days before the event: less than ${c.minAdTestDays} days of testing.` });
  });

  // Cash running out (base and stress scenarios).
  const limit = plan.cashFlow.creditLine?.limit ?? 0;
  const account = plan.cashFlow.fx?.accountCurrency ?? currency;
  const runsOut = (scenario: string, s: CashFlowResult['summary']) => {
    if (!(s.lowestBalance < 0)) return;
    out.push({
      code: 'cash-runs-out',
      scenario,
      message: `${scenario === 'base' ? 'In the base case' : `Under stress "${scenario}"`} the cash runs out: the funding need peaks at ${fmt(s.peakFundingNeed, 2)} ${account}${s.peakFundingNeedDate ? ` on ${s.peakFundingNeedDate}` : ''}, ${fmt(s.peakFundingNeed - limit, 2)} beyond the credit line of ${fmt(limit, 2)}; the balance falls to ${fmt(s.lowestBalance, 2)} on ${s.lowestBalanceDate}.`,
    });
  };
  runsOut('base', cash.summary);
  for (const s of cash.scenarios) runsOut(s.name, s.summary);
  return out;
}
