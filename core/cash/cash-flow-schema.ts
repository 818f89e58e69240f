/**
 * Input and result schemas of the `cash-flow` calculation (./timeline.ts), with every bound the
 * simulation relies on to keep its numbers finite and its work bounded.
 */
import * as z from 'zod';
import { addPeriods, isIsoDate } from '../forecast/calendar.js';
import { MAX_MONEY, MAX_QUANTITY, provenance, crossField } from '../schema.js';
import { dayNumber } from './finance.js';
import { payoutPresetIds, type PayoutRuleField } from './presets.js';

/** Longest horizon, in days (two years). */
export const MAX_HORIZON_DAYS = 730;
/** Every date of a request lies within this many days after startDate (four years). */
export const MAX_DATE_OFFSET_DAYS = 1460;
/** Most items in each dated input list (purchase orders, shipments, payments, sales lines). */
export const MAX_TIMELINE_ITEMS = 1000;
/** Most SKUs with their own daily sales or forecast. */
export const MAX_SKUS = 2000;
/** Most days of sales (or forecast periods of a day) per SKU. */
export const MAX_SKU_DAYS = 730;
/** Most weekly forecast periods per SKU (104 weeks = 728 days). */
export const MAX_SKU_WEEKS = 104;
/** Most recurring payments and ad ramps. */
export const MAX_RECURRING = 100;
export const MAX_AD_RAMPS = 20;
/** Most stress scenarios in one request. */
export const MAX_STRESS_SCENARIOS = 20;
/** Longest lag (days) of any settlement parameter or stress delay. */
export const MAX_LAG_DAYS = 365;
/** Largest annual rate (interest, discount) accepted, as a fraction: 10 = 1000 %. */
export const MAX_ANNUAL_RATE = 10;
/** Largest stress multiplier (demand, ad cost). */
export const MAX_FACTOR = 10;
/** Largest exchange rate (account-currency units per selling-currency unit), e.g. 1e6 for a very weak account currency. */
export const MAX_FX_RATE = 1e6;

const money = (description: string) => z.number().min(0).max(MAX_MONEY).meta({ description: `${description} At most ${MAX_MONEY}.` });
const units = (description: string) => z.number().min(0).max(MAX_QUANTITY).meta({ description: `${description} 0…${MAX_QUANTITY}.` });
const share = (description: string) => z.number().min(0).max(1).meta({ description });
const lagDays = (description: string) => z.number().int().min(0).max(MAX_LAG_DAYS).meta({ description });
const date = (description: string) =>
  z
    .string()
    .refine((s) => isIsoDate(s) && dayNumber(s) !== undefined, { message: 'expected a valid calendar date YYYY-MM-DD from 1900-01-01' })
    .meta({ description });
const label = z.string().max(200).optional().meta({ description: 'Free text, for the caller only (at most 200 characters).' });
const currency = (description: string) => z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as USD').meta({ description });

export const paymentCategories = ['freight', 'duties', 'warehouse', 'ads', 'content', 'other'] as const;
export type PaymentCategory = (typeof paymentCategories)[number];

const PurchaseOrder = z
  .strictObject({
    label,
    orderDate: date('Order date: the deposit is paid on this day.'),
    amount: money('Order value (account currency).'),
    depositShare: share('Share of the amount paid at orderDate, 0…1; the rest (the balance) is paid at balanceDate, or balanceDaysAfterShipment after shipmentDate.'),
    balanceDate: date('Day the balance is paid, on or after orderDate. Give this or shipmentDate.').optional(),
    shipmentDate: date('Day the goods ship from the supplier, on or after orderDate. With it the balance is paid balanceDaysAfterShipment later (supplier terms "balance N days after shipment"), and the campaign’s inventory period starts on it.').optional(),
    balanceDaysAfterShipment: lagDays('Days after shipmentDate the balance is paid, 0…365 (0: at shipment).').optional(),
  })
  .meta({ id: 'CashFlowPurchaseOrder', description: 'A supplier order: deposit at order, balance at a date or N days after shipment.' });

const Shipment = z
  .strictObject({
    label,
    departureDate: date('Day the goods leave (freight is due on it, or freightDaysAfterDeparture later).'),
    importDate: date('Day the goods clear customs at destination, on or after departureDate: duties and import VAT are paid on it.'),
    freight: money('Freight cost (account currency).').default(0),
    freightDaysAfterDeparture: lagDays('Freight payment terms: days after departure, 0…365 (0: paid at departure).').default(0),
    duties: money('Customs duties paid at import (account currency).').default(0),
    importVat: money('Import VAT/GST paid at import (account currency); reclaimed importVatReclaimDays later when the seller is registered.').default(0),
  })
  .meta({ id: 'CashFlowShipment', description: 'One shipment: freight at departure (or on terms), duties and import VAT at import.' });

const Payment = z
  .strictObject({
    label,
    date: date('Day the payment leaves the account.'),
    amount: money('Amount paid (account currency).'),
    category: z.enum(paymentCategories).meta({ description: 'Outflow category; stress adCostFactor scales the ads category.' }),
  })
  .meta({ id: 'CashFlowPayment' });

const RecurringPayment = z
  .strictObject({
    label,
    category: z.enum(paymentCategories).default('warehouse').meta({ description: 'Outflow category (default warehouse).' }),
    amountPerMonth: money('Amount charged each month (account currency).'),
    from: date('First day of the charges.'),
    to: date('Last day a charge may fall on (inclusive); default the last day of the horizon.').optional(),
    chargeOn: z
      .enum(['same-day', 'first-of-month'])
      .default('same-day')
      .meta({ description: "same-day: on `from` and the same day of every following month (the month's last day where it is shorter, as EDATE); first-of-month: on the 1st of every month from the first 1st on or after `from`." }),
  })
  .meta({ id: 'CashFlowRecurringPayment', description: 'A monthly payment such as warehouse storage fees.' });

const AdRamp = z
  .strictObject({
    label,
    start: date('First event day; default event.start.').optional(),
    end: date('Last event day (inclusive); default event.end.').optional(),
    warmUpWeeks: z.number().int().min(0).max(52).default(0).meta({ description: 'Weeks of warm-up spend before the event, 0…52 (the warm-up must not start before startDate).' }),
    warmUpDaily: money('Daily ad spend during the warm-up (account currency).').default(0),
    eventDaily: money('Daily ad spend on each event day.').default(0),
    afterDays: lagDays('Days of spend after the event, 0…365.').default(0),
    afterDaily: money('Daily ad spend after the event.').default(0),
  })
  .meta({ id: 'CashFlowAdRamp', description: 'Ad spend as a ramp: a daily amount for the warm-up weeks, another on event days, another for the days after (category ads).' });

const SalesLine = z
  .strictObject({
    date: date('Sale date (the delivery date when payout.deliveryDays is 0).'),
    units: units('Units sold (gross, before returns); with price.').optional(),
    price: money('Price per unit received from the buyer (selling currency).').optional(),
    revenue: money('Gross revenue of the line (selling currency), instead of units and price.').optional(),
  })
  .meta({ id: 'CashFlowSalesLine', description: 'Gross sales on one day: units × price, or revenue.' });

const ForecastPeriod = z
  .object({
    date: date('Date of the period (as /v1/forecast labels it).').optional(),
    forecast: units('Point forecast of the period, in units.'),
  })
  .meta({ id: 'CashFlowForecastPeriod', description: 'One period of a /v1/forecast response; its other fields (baseline, intervals) are ignored.' });

const ForecastDay = z
  .object({
    date: date('Day (as /v1/forecast labels it in days).'),
    forecast: units('Point forecast of the day, in units.'),
  })
  .meta({ id: 'CashFlowForecastDay', description: 'One day of a /v1/forecast response’s days; its baseline is ignored.' });

const ForecastSales = z
  .object({
    frequency: z
      .enum(['day', 'week', 'month'])
      .optional()
      .meta({ description: 'Period length; default: inferred from the period dates (1 day apart: day, 7: week). A week is spread evenly over its 7 days unless days are given. Monthly forecasts without days are refused (422): spreading them over days needs a within-month pattern.' }),
    start: date('Date of the first value (with values, or periods without dates).').optional(),
    values: z.array(units('Units in the period.')).min(1).max(MAX_SKU_DAYS).optional().meta({ description: `Point forecasts, one per period from start (at most ${MAX_SKU_DAYS} days or ${MAX_SKU_WEEKS} weeks).` }),
    periods: z
      .array(ForecastPeriod)
      .min(1)
      .max(MAX_SKU_DAYS)
      .optional()
      .meta({ description: `The periods of a /v1/forecast response, in order (at most ${MAX_SKU_DAYS} days or ${MAX_SKU_WEEKS} weeks).` }),
    days: z
      .array(ForecastDay)
      .min(1)
      .max(MAX_SKU_DAYS)
      .optional()
      .meta({
        description: `The days of a /v1/forecast response with dailyBreakdown (consecutive, from the first period’s date through the last period’s last day): used instead of spreading each week evenly, so event days keep their peak; they also make a monthly forecast usable. At most ${MAX_SKU_DAYS}.`,
      }),
  })
  .meta({
    id: 'CashFlowForecastSales',
    description: 'Sales taken from a forecast: either {start, frequency, values}, or the /v1/forecast response itself (its periods with their dates; other fields of the response are ignored).',
  });

const Sku = z
  .strictObject({
    sku: z.string().min(1).max(100).meta({ description: 'SKU code (at most 100 characters).' }),
    price: money('Selling price per unit (selling currency).'),
    returnRate: share('Share of units returned and refunded for this SKU, 0…1; default the request’s returnRate.').optional(),
    returnLagDays: lagDays('Days from delivery to refund for this SKU, 0…365; default the request’s returnLagDays.').optional(),
    start: date('Date of the first value of units.').optional(),
    units: z.array(units('Units sold on the day.')).min(1).max(MAX_SKU_DAYS).optional().meta({ description: `Units sold per day from start (at most ${MAX_SKU_DAYS} days). Give this or forecast.` }),
    forecast: ForecastSales.optional(),
  })
  .meta({ id: 'CashFlowSku', description: 'One SKU: price, return overrides, and its daily units or a forecast. Days before startDate are ignored (with a warning).' });

const StressScenario = z
  .strictObject({
    name: z.string().min(1).max(100).meta({ description: 'Scenario name (at most 100 characters).' }),
    demandFactor: z.number().min(0).max(MAX_FACTOR).default(1).meta({ description: `Multiplies every sale, 0…${MAX_FACTOR}.` }),
    delayDays: lagDays('The shipment is this many days late, 0…365: every sale moves this many days later, and so do duties, import VAT and its reclaim. With an event window, event-day sales pushed past its end are lost to the share eventLossShare.').default(0),
    eventLossShare: share('Share of the event-day sales pushed past the event end by delayDays that is lost (default 1: all of it; 0: sold later instead).').default(1),
    returnRateDelta: z.number().min(-1).max(1).default(0).meta({ description: 'Added to every return rate, in fraction points (0.05 = +5 points; each sum clamped to 0…1).' }),
    fxMove: z.number().min(-0.9).max(1).default(0).meta({ description: 'Relative move of the selling currency against the account currency, −0.9…1 (−0.1 = 10 % weaker): every marketplace flow is converted at rate × (1 + fxMove).' }),
    payoutHoldDays: lagDays('Extra days before sales become eligible for payout (an account hold), 0…365.').default(0),
    adCostFactor: z.number().min(0).max(MAX_FACTOR).default(1).meta({ description: `Multiplies ad spend (payments of category ads and ad ramps), 0…${MAX_FACTOR}.` }),
  })
  .meta({ id: 'CashFlowStressScenario' });
export type StressScenario = z.output<typeof StressScenario>;

const Payout = z
  .strictObject({
    preset: z
      .enum(payoutPresetIds)
      .optional()
      .meta({ description: 'Marketplace preset (sourced, dated rules; see payoutRules in the result). Every other field given here overrides the preset’s.' }),
    cycleDays: z.number().int().min(1).max(MAX_LAG_DAYS).optional().meta({ description: 'Days between payout dates (14: every two weeks; 1: daily), 1…365. Required without a preset.' }),
    delayDays: lagDays('Days from delivery (or sale, see eligibleFrom) until the funds may be paid out, 0…365. Required without a preset.').optional(),
    eligibleFrom: z.enum(['delivery', 'sale']).optional().meta({ description: 'What delayDays counts from: delivery (marketplaces) or the sale/payment (card processors). Default delivery.' }),
    deliveryDays: lagDays('Days from the sale date to delivery, 0…365 (default 0: sale dates are delivery dates).').optional(),
    transferDays: lagDays('Days from the payout date until the money is in the bank, 0…365 (default 0).').optional(),
    reserveShare: share('Share of each eligible amount held back, 0…1 (default 0).').optional(),
    reserveReleaseDays: lagDays('Days after eligibility when the reserve is released (on the next payout date), 0…365 (default 0).').optional(),
    feeRate: share('Marketplace fee deducted from every payout and reserve release (e.g. a referral fee), 0…1 (default 0).').optional(),
    conversionCostRate: share('Currency-conversion cost on each converted payout net of the fee, 0…1 (default 0); applied only when fx is given with two different currencies.').optional(),
    firstPayoutDate: date('First payout date (default startDate); payouts fall every cycleDays from it, never before it.').optional(),
  })
  .meta({ id: 'CashFlowPayout', description: 'Marketplace settlement rules: a preset, any field of which may be overridden, or every rule given.' });
export type PayoutInput = z.output<typeof Payout>;

export const CashFlowInput = z
  .strictObject({
    startDate: date('First day of the timeline (day 0).'),
    horizonDays: z.number().int().min(1).max(MAX_HORIZON_DAYS).meta({ description: `Days simulated, 1…${MAX_HORIZON_DAYS}. Every date of the request lies within ${MAX_DATE_OFFSET_DAYS} days after startDate.` }),
    granularity: z.enum(['day', 'week']).default('day').meta({ description: 'Rows of the output table: one per day, or one per 7 days from startDate (the simulation is daily either way).' }),
    openingCash: money('Cash on hand at the start of day 0 (account currency).'),
    creditLine: z
      .strictObject({
        limit: money('Largest amount that may be drawn.'),
        annualRate: z.number().min(0).max(MAX_ANNUAL_RATE).meta({ description: 'Annual interest rate as a fraction (0.12 = 12 %), 0…10, charged daily at annualRate/365 on the drawn amount.' }),
      })
      .optional()
      .meta({ description: 'Revolving credit line, drawn automatically when cash would go below 0 and repaid first from positive cash.' }),
    event: z
      .strictObject({ start: date('First event day (sale date).'), end: date('Last event day (inclusive).') })
      .optional()
      .meta({ description: 'The promo event window: the default window of ad ramps, and the window whose late sales a shipping-delay stress loses.' }),
    purchaseOrders: z.array(PurchaseOrder).max(MAX_TIMELINE_ITEMS).default([]).meta({ description: `Supplier orders (at most ${MAX_TIMELINE_ITEMS}).` }),
    shipments: z.array(Shipment).max(MAX_TIMELINE_ITEMS).default([]).meta({ description: `Shipments with freight, duties and import VAT (at most ${MAX_TIMELINE_ITEMS}).` }),
    importVatReclaimDays: lagDays('Registered for VAT/GST: import VAT is reclaimed (an inflow) this many days after import, 0…365, e.g. at the next VAT return. Absent: not registered, import VAT is a cost.').optional(),
    payments: z.array(Payment).max(MAX_TIMELINE_ITEMS).default([]).meta({ description: `Other dated outflows: freight, duties, warehouse, ads, content production, other (at most ${MAX_TIMELINE_ITEMS}).` }),
    recurringPayments: z.array(RecurringPayment).max(MAX_RECURRING).default([]).meta({ description: `Monthly payments such as warehouse fees (at most ${MAX_RECURRING}).` }),
    adRamps: z.array(AdRamp).max(MAX_AD_RAMPS).default([]).meta({ description: `Ad spend ramps around the event (at most ${MAX_AD_RAMPS}).` }),
    sales: z.array(SalesLine).max(MAX_TIMELINE_ITEMS).default([]).meta({ description: `Gross sales lines by date, with the request’s return rate (at most ${MAX_TIMELINE_ITEMS}).` }),
    skus: z.array(Sku).max(MAX_SKUS).default([]).meta({ description: `Sales per SKU: daily units or a forecast, with a price (at most ${MAX_SKUS} SKUs).` }),
    returnRate: share('Share of units returned and refunded, 0…1 (SKUs may override it).').default(0),
    returnLagDays: lagDays('Days from delivery to refund, 0…365; the refund is debited on the next payout.').default(0),
    fx: z
      .strictObject({
        sellingCurrency: currency('Currency of prices, payouts, fees and refunds (ISO 4217).'),
        accountCurrency: currency('Currency of the account, of every cost and of every figure in the result (ISO 4217).'),
        rate: z.number().gt(0).max(MAX_FX_RATE).meta({ description: `Account-currency units per selling-currency unit, (0, ${MAX_FX_RATE}].` }),
      })
      .optional()
      .meta({ description: 'Selling in another currency than the account’s: marketplace flows are converted at rate (stress fxMove moves it) and charged payout.conversionCostRate. Absent: one currency.' }),
    payout: Payout,
    discountRate: z.number().min(0).max(MAX_ANNUAL_RATE).optional().meta({ description: 'Effective annual discount rate for the NPV, as a fraction, 0…10 (flows discounted (1 + r)^(−days/365)).' }),
    stress: z.array(StressScenario).max(MAX_STRESS_SCENARIOS).default([]).meta({ description: `Stress scenarios compared with the base (at most ${MAX_STRESS_SCENARIOS}).` }),
  })
  .superRefine((input, ctx) => {
    const start = dayNumber(input.startDate);
    if (start === undefined) return;
    const last = start + MAX_DATE_OFFSET_DAYS;
    const offsetOf = (d: string | undefined) => (d === undefined ? undefined : dayNumber(d));
    const inRange = (d: string | undefined, path: Array<string | number>, notBeforeStart = true) => {
      const n = offsetOf(d);
      if (n === undefined) return;
      if (notBeforeStart && n < start) ctx.addIssue({ code: 'custom', path, message: `date ${d} is before startDate ${input.startDate}` });
      if (n > last) ctx.addIssue({ code: 'custom', path, message: `date ${d} is more than ${MAX_DATE_OFFSET_DAYS} days after startDate` });
    };
    const notBefore = (later: string | undefined, earlier: string | undefined, path: Array<string | number>, message: string) => {
      const a = offsetOf(later);
      const b = offsetOf(earlier);
      if (a !== undefined && b !== undefined && a < b) ctx.addIssue({ code: 'custom', path, message });
    };

    if (input.event) {
      inRange(input.event.start, ['event', 'start']);
      inRange(input.event.end, ['event', 'end']);
      notBefore(input.event.end, input.event.start, ['event', 'end'], 'end must not be before start');
    }
    input.purchaseOrders.forEach((po, i) => {
      const at = (k: string) => ['purchaseOrders', i, k];
      inRange(po.orderDate, at('orderDate'));
      inRange(po.balanceDate, at('balanceDate'));
      inRange(po.shipmentDate, at('shipmentDate'));
      notBefore(po.balanceDate, po.orderDate, at('balanceDate'), 'balanceDate must be on or after orderDate');
      notBefore(po.shipmentDate, po.orderDate, at('shipmentDate'), 'shipmentDate must be on or after orderDate');
      if (po.balanceDate !== undefined && po.shipmentDate !== undefined && po.balanceDaysAfterShipment !== undefined)
        ctx.addIssue({ code: 'custom', path: at('balanceDaysAfterShipment'), message: 'give balanceDate or balanceDaysAfterShipment, not both' });
      if (po.balanceDate === undefined && po.shipmentDate === undefined && po.balanceDaysAfterShipment === undefined)
        ctx.addIssue({ code: 'custom', path: at('balanceDate'), message: 'give balanceDate, or shipmentDate (with balanceDaysAfterShipment) for the balance' });
      if (po.balanceDaysAfterShipment !== undefined && po.shipmentDate === undefined)
        ctx.addIssue({ code: 'custom', path: at('shipmentDate'), message: 'balanceDaysAfterShipment needs shipmentDate' });
    });
    input.shipments.forEach((s, i) => {
      inRange(s.departureDate, ['shipments', i, 'departureDate']);
      inRange(s.importDate, ['shipments', i, 'importDate']);
      notBefore(s.importDate, s.departureDate, ['shipments', i, 'importDate'], 'importDate must be on or after departureDate');
    });
    input.payments.forEach((p, i) => inRange(p.date, ['payments', i, 'date']));
    input.recurringPayments.forEach((r, i) => {
      inRange(r.from, ['recurringPayments', i, 'from']);
      inRange(r.to, ['recurringPayments', i, 'to']);
      notBefore(r.to, r.from, ['recurringPayments', i, 'to'], 'to must not be before from');
    });
    input.adRamps.forEach((r, i) => {
      const s = r.start ?? input.event?.start;
      const e = r.end ?? input.event?.end;
      if (s === undefined || e === undefined) {
        ctx.addIssue({ code: 'custom', path: ['adRamps', i, 'start'], message: 'give start and end, or the request’s event window' });
        return;
      }
      inRange(r.start, ['adRamps', i, 'start']);
      inRange(r.end, ['adRamps', i, 'end']);
      notBefore(e, s, ['adRamps', i, 'end'], 'end must not be before start');
      const sn = dayNumber(s);
      if (sn !== undefined && sn - 7 * r.warmUpWeeks < start)
        ctx.addIssue({ code: 'custom', path: ['adRamps', i, 'warmUpWeeks'], message: `the warm-up would start on ${addPeriods(s, 'day', -7 * r.warmUpWeeks)}, before startDate ${input.startDate}` });
    });
    input.sales.forEach((s, i) => {
      inRange(s.date, ['sales', i, 'date']);
      const hasUnits = s.units !== undefined || s.price !== undefined;
      if (s.revenue !== undefined && hasUnits) ctx.addIssue({ code: 'custom', path: ['sales', i, 'revenue'], message: 'give units and price, or revenue, not both' });
      else if (s.revenue === undefined && (s.units === undefined || s.price === undefined))
        ctx.addIssue({ code: 'custom', path: ['sales', i, s.units === undefined ? 'units' : 'price'], message: 'give units and price, or revenue' });
    });
    input.skus.forEach((sku, i) => {
      const at = (...k: Array<string | number>) => ['skus', i, ...k];
      if ((sku.units === undefined) === (sku.forecast === undefined)) {
        ctx.addIssue({ code: 'custom', path: at('units'), message: 'give units (with start) or forecast' });
        return;
      }
      if (sku.units !== undefined) {
        if (sku.start === undefined) ctx.addIssue({ code: 'custom', path: at('start'), message: 'units need their start date' });
        else inRange(sku.start, at('start'), false);
        return;
      }
      if (sku.start !== undefined) ctx.addIssue({ code: 'custom', path: at('start'), message: 'start belongs inside forecast' });
      const f = sku.forecast!;
      if ((f.values === undefined) === (f.periods === undefined)) {
        ctx.addIssue({ code: 'custom', path: at('forecast', 'values'), message: 'give values (with start and frequency) or the periods of a /v1/forecast response' });
        return;
      }
      const shape = forecastShape(f);
      if (typeof shape === 'string') {
        ctx.addIssue({ code: 'custom', path: at('forecast', shape.startsWith('periods') ? 'periods' : shape.split(' ')[0]!), message: shape });
        return;
      }
      inRange(shape.start, at('forecast', 'start'), false);
      if (f.days) {
        const problem = forecastDaysProblem(f.days, shape);
        if (problem) ctx.addIssue({ code: 'custom', path: at('forecast', 'days', ...problem.path), message: problem.message });
      }
      if (shape.frequency === 'week' && shape.count > MAX_SKU_WEEKS)
        ctx.addIssue({ code: 'custom', path: at('forecast', f.values ? 'values' : 'periods'), message: `at most ${MAX_SKU_WEEKS} weekly periods (${7 * MAX_SKU_WEEKS} days)` });
    });
    if (input.payout.preset === undefined) {
      if (input.payout.cycleDays === undefined) ctx.addIssue({ code: 'custom', path: ['payout', 'cycleDays'], message: 'Required without a preset: days between payout dates' });
      if (input.payout.delayDays === undefined) ctx.addIssue({ code: 'custom', path: ['payout', 'delayDays'], message: 'Required without a preset: days from delivery to eligibility' });
    }
    inRange(input.payout.firstPayoutDate, ['payout', 'firstPayoutDate']);
    if (input.fx && input.fx.sellingCurrency === input.fx.accountCurrency && input.fx.rate !== 1)
      ctx.addIssue({ code: 'custom', path: ['fx', 'rate'], message: 'the two currencies are the same: rate must be 1' });
  }, crossField)
  .meta({
    id: 'CashFlowInput',
    description:
      'One promo campaign: opening cash, credit line, purchase orders, shipments (freight, duties, import VAT), payments, monthly fees, ad ramps, sales (lines, per-SKU daily units or forecasts), currencies, marketplace payout rules (preset or explicit) and stress scenarios.',
  });
export type CashFlowInput = z.output<typeof CashFlowInput>;
export type ForecastSalesInput = z.output<typeof ForecastSales>;

/** Start, frequency and number of periods of a forecast, or the reason it has none. */
export function forecastShape(f: ForecastSalesInput): { start: string; frequency: 'day' | 'week' | 'month'; count: number } | string {
  if (f.values) {
    if (f.start === undefined || f.frequency === undefined) return `${f.start === undefined ? 'start' : 'frequency'} is needed with values`;
    return { start: f.start, frequency: f.frequency, count: f.values.length };
  }
  const periods = f.periods!;
  const dated = periods.every((p) => p.date !== undefined);
  if (!dated && periods.some((p) => p.date !== undefined)) return 'periods: either every period has a date or none';
  const start = f.start ?? periods[0]!.date;
  if (start === undefined) return 'start is needed when the periods have no dates (forecast without start and frequency)';
  let frequency = f.frequency;
  if (frequency === undefined) {
    if (!dated || periods.length < 2) return 'frequency is needed: it cannot be inferred from fewer than two dated periods';
    const gap = dayNumber(periods[1]!.date!)! - dayNumber(periods[0]!.date!)!;
    frequency = gap === 1 ? 'day' : gap === 7 ? 'week' : gap >= 28 && gap <= 31 ? 'month' : undefined;
    if (frequency === undefined) return `periods: dates ${gap} days apart are neither daily nor weekly`;
  }
  if (dated) {
    if (periods[0]!.date !== start) return 'periods: the first period’s date differs from start';
    for (let i = 1; i < periods.length; i++)
      if (periods[i]!.date !== addPeriods(start, frequency, i)) return `periods: period ${i + 1} is dated ${periods[i]!.date}, expected ${addPeriods(start, frequency, i)} for ${frequency === 'day' ? 'daily' : `${frequency}ly`} periods`;
  }
  return { start, frequency, count: periods.length };
}

/** Why the days of a forecast do not cover its periods day by day (undefined when they do). */
function forecastDaysProblem(days: ReadonlyArray<{ date: string }>, shape: { start: string; frequency: 'day' | 'week' | 'month'; count: number }): { path: Array<string | number>; message: string } | undefined {
  const first = dayNumber(shape.start)!;
  const expected = dayNumber(addPeriods(shape.start, shape.frequency, shape.count))! - first;
  if (days.length !== expected) return { path: [], message: `the periods span ${expected} days, days has ${days.length}` };
  for (let k = 0; k < days.length; k++)
    if (dayNumber(days[k]!.date) !== first + k) return { path: [k, 'date'], message: `expected ${addPeriods(shape.start, 'day', k)} (consecutive days from the first period)` };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Result

export const inflowCategories = ['payouts', 'reserveReleases', 'vatRefunds'] as const;
export const outflowCategories = ['deposits', 'balances', 'freight', 'duties', 'importVat', 'warehouse', 'ads', 'content', 'other', 'refunds', 'fees', 'fxCosts', 'interest'] as const;
export type InflowCategory = (typeof inflowCategories)[number];
export type OutflowCategory = (typeof outflowCategories)[number];

const amounts = <K extends string>(keys: readonly K[], what: string) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, z.number().meta({ description: `${what}: ${k} (account currency, ≥ 0).` })])) as Record<K, z.ZodNumber>);

const CashFlowRow = z
  .strictObject({
    date: z.string().meta({ description: 'Day, or first day of the 7-day bucket.' }),
    inflows: amounts(inflowCategories, 'Inflow').meta({ description: 'Marketplace payouts and reserve releases (gross of fees and refunds), import VAT reclaimed.' }),
    outflows: amounts(outflowCategories, 'Outflow').meta({ description: 'Outflows by category, each ≥ 0; fees, fxCosts and refunds are deducted from payouts, interest is charged on the credit line.' }),
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
  peakCashInvested: z.number().meta({ description: 'max(0, −lowest cumulative net flow): the most cash the campaign ties up at once, opening cash included.' }),
  roiOnPeakCash: z.number().optional().meta({ description: 'profit / peakCashInvested: return on the cash invested; absent when none is tied up.' }),
  interestPaid: z.number().meta({ description: 'Interest paid on the credit line.' }),
  grossSales: z.number().meta({ description: 'Gross sales value of the scenario (after demand factor and lost event sales), converted to the account currency, including sales whose cash lands after the horizon.' }),
  lostSales: z.number().meta({ description: 'Gross sales value lost because a shipping delay pushed event-day sales past the event end (0 in the base).' }),
  importVatPaid: z.number().meta({ description: 'Import VAT paid within the horizon.' }),
  importVatReclaimed: z.number().meta({ description: 'Import VAT reclaimed within the horizon.' }),
  importVatReclaimAfterHorizon: z.number().meta({ description: 'Import VAT whose reclaim falls after the horizon end (in pendingAfterHorizon, not in the totals).' }),
  pendingAfterHorizon: z.number().meta({ description: 'Net of the flows scheduled after the horizon end (payouts, releases, reclaims, fees, refunds, payments): not in the totals.' }),
  dio: z.number().optional().meta({ description: 'Campaign days inventory outstanding: value-weighted mean sale-delivery day − mean inventory start day (PO shipmentDate, else orderDate). Absent without purchase orders or sales.' }),
  dso: z.number().optional().meta({ description: 'Campaign days sales outstanding: value-weighted mean day the payout cash is in the bank − mean delivery day. Absent without sales.' }),
  dpo: z.number().optional().meta({ description: 'Campaign days payables outstanding: value-weighted mean supplier payment day − mean inventory start day (negative when suppliers are paid before shipment). Absent without purchase orders.' }),
  cashConversionCycle: z.number().optional().meta({ description: 'DIO + DSO − DPO: days from paying the supplier to collecting the sales cash, value-weighted. Absent when a part is absent.' }),
  npv: z.number().optional().meta({ description: 'NPV at discountRate of the daily operating flows, at startDate; absent without discountRate.' }),
  irr: z.number().optional().meta({ description: 'Annual XIRR of the daily operating flows; absent when the flows do not change sign or no root lies in [−99 %, 1000 %].' }),
};
const CashFlowSummary = z.strictObject(summaryShape).meta({ id: 'CashFlowSummary' });
export type CashFlowSummary = z.output<typeof CashFlowSummary>;

export const deltaKeys = [
  'peakFundingNeed',
  'lowestBalance',
  'maxCreditDrawn',
  'endingBalance',
  'totalInflows',
  'totalOutflows',
  'profit',
  'roi',
  'peakCashInvested',
  'roiOnPeakCash',
  'interestPaid',
  'grossSales',
  'lostSales',
  'cashConversionCycle',
  'npv',
  'irr',
] as const;
type DeltaKey = (typeof deltaKeys)[number];
export const CashFlowDelta = z
  .strictObject({
    ...(Object.fromEntries(deltaKeys.map((k) => [k, z.number().optional().meta({ description: `Scenario ${k} − base ${k}; absent when either is absent.` })])) as Record<DeltaKey, z.ZodOptional<z.ZodNumber>>),
    peakFundingNeedDateDays: z.number().optional().meta({ description: 'Days the peak funding need moves (scenario date − base date); absent when either has none.' }),
    cashPositiveDateDays: z.number().optional().meta({ description: 'Days the cash-positive date moves (scenario − base); absent when either has none.' }),
  })
  .meta({ id: 'CashFlowDelta' });
export type CashFlowDelta = z.output<typeof CashFlowDelta>;

const CashFlowScenario = z
  .strictObject({
    name: z.string().meta({ description: 'The stress scenario’s name.' }),
    summary: CashFlowSummary,
    difference: CashFlowDelta.meta({ description: 'Scenario minus base, field by field.' }),
  })
  .meta({ id: 'CashFlowScenario' });

const fieldList = z.array(z.string());
const PayoutRulesEcho = z
  .strictObject({
    preset: z.string().optional().meta({ description: 'The preset applied, if any.' }),
    presetName: z.string().optional().meta({ description: 'The preset’s name.' }),
    asOf: z.string().optional().meta({ description: 'Date the preset’s figures were checked against its sources.' }),
    cycleDays: z.number().meta({ description: 'Days between payout dates.' }),
    delayDays: z.number().meta({ description: 'Days from the eligibility anchor to eligibility.' }),
    eligibleFrom: z.enum(['delivery', 'sale']).meta({ description: 'What delayDays counts from.' }),
    deliveryDays: z.number().meta({ description: 'Days from sale to delivery.' }),
    transferDays: z.number().meta({ description: 'Days from payout to the bank.' }),
    reserveShare: z.number().meta({ description: 'Share held as a reserve.' }),
    reserveReleaseDays: z.number().meta({ description: 'Days after eligibility the reserve is released.' }),
    feeRate: z.number().meta({ description: 'Marketplace fee on payouts and releases.' }),
    conversionCostRate: z.number().meta({ description: 'Currency-conversion cost on converted payouts net of the fee.' }),
    conversionApplied: z.boolean().meta({ description: 'Whether conversionCostRate is charged (fx given with two different currencies).' }),
    firstPayoutDate: z.string().meta({ description: 'The first payout date; payouts fall every cycleDays from it.' }),
    fromInput: fieldList.meta({ description: 'Rule fields given in the request (these override the preset).' }),
    fromPreset: fieldList.meta({ description: 'Rule fields taken from the preset.' }),
    fromDefault: fieldList.meta({ description: 'Rule fields left at their default.' }),
    sources: z
      .array(
        z.strictObject({
          fields: fieldList.meta({ description: 'Rule fields the page supports.' }),
          title: z.string().meta({ description: 'Title of the page, with its publisher.' }),
          url: z.string().meta({ description: 'Address of the page.' }),
          published: z.string().optional().meta({ description: 'The page’s own date, when it shows one.' }),
          says: z.string().meta({ description: 'What the page says that gives the figure, paraphrased.' }),
        }),
      )
      .meta({ description: 'The preset’s published sources, with the fields each supports.' }),
    assumptions: z
      .array(z.strictObject({ field: z.string().meta({ description: 'The rule field.' }), reasoning: z.string().meta({ description: 'The value chosen and why.' }) })).meta({ description: 'Preset figures not published by the marketplace: the value chosen and why.' }),
  })
  .meta({ id: 'CashFlowPayoutRules', description: 'The payout rules applied, field by field, and where each came from.' });
export type PayoutRulesEcho = z.output<typeof PayoutRulesEcho>;
export type { PayoutRuleField };

export const CashFlowResult = z
  .strictObject({
    ...provenance,
    currency: z
      .strictObject({
        account: z.string().optional().meta({ description: 'Account currency (with fx).' }),
        selling: z.string().optional().meta({ description: 'Selling currency (with fx).' }),
        fxRate: z.number().meta({ description: 'Account-currency units per selling-currency unit in the base case.' }),
      })
      .meta({ description: 'Currencies: every amount of the result is in the account currency; fxRate converts the selling currency (1 without fx).' }),
    payoutRules: PayoutRulesEcho,
    table: z.array(CashFlowRow).meta({ description: `One row per day or per week (at most ${MAX_HORIZON_DAYS}).` }),
    summary: CashFlowSummary,
    scenarios: z.array(CashFlowScenario).meta({ description: 'One entry per stress scenario, in input order.' }),
  })
  .meta({ id: 'CashFlowResult' });
export type CashFlowResult = z.output<typeof CashFlowResult>;
