/**
 * Input and result schemas of the promo plan (`POST /v1/plan`, ./promo-plan.ts). The input is
 * composed of the three chained calculations' own schemas — the stock plan's (promo, modes,
 * policies, SKUs), the landed cost's (shipment, freight, warehouse, selling, SKU costs) and the cash
 * flow's (opening cash, credit line, payout, stress, ramps) — minus what the plan derives from the
 * earlier steps (quantities, import dates, purchase orders, shipments, sales). The result holds each
 * step's result as that calculation returns it. The cross-field rules of every chained schema are
 * applied too (./promo-plan-inputs.ts `validatePromoPlan`), with their paths pointing into this input.
 */
import * as z from 'zod';
import { CashFlowInput, CashFlowResult, MAX_HORIZON_DAYS } from '../cash/cash-flow-schema.js';
import { MAX_UNITS } from '../cost/fields.js';
import { COST_LINES, LandedCostFreight, LandedCostInput, LandedCostItem, LandedCostResult, LandedCostShipment, LandedCostSku, LandedCostWarehouse, MIN_PRICE, type CostLineName } from '../cost/schema.js';
import { MAX_MONEY, provenance } from '../schema.js';
import { MAX_MODE_NAME, MAX_PLAN_SKUS, StockPlanInput, StockPlanResult, StockPlanSku } from './stock-plan-schema.js';

/** Longest average storage stay a plan accepts (days): keeps every derived payment within the cash flow's date range. */
export const MAX_PLAN_STORAGE_DAYS = 365;
/** Longest checklist lead time (days before the promo start). */
export const MAX_CHECKLIST_DAYS = 365;

/** Default days before the promo start to register the marketplace deal (see the checklist's field description for the source). */
export const DEFAULT_REGISTRATION_DAYS = 60;
/** Default days before the promo start the content (images, video, A+ copy) must be live: a week before the ad test starts. */
export const DEFAULT_CONTENT_READY_DAYS = 28;
/** Default days before the promo start the ad test starts: three weeks, a week more than the 14-day minimum. */
export const DEFAULT_AD_TEST_START_DAYS = 21;
/** Minimum ad test (days): DESIGN.md §2, "content and ad testing at least two weeks ahead". */
export const MIN_AD_TEST_DAYS = 14;
/** Default share of the expected promo revenue above which one SKU "carries the event". */
export const DEFAULT_HERO_SHARE_LIMIT = 0.5;
/** Default supplier deposit share: the common 30 % deposit / 70 % balance T/T term (an assumption: set your supplier's). */
export const DEFAULT_DEPOSIT_SHARE = 0.3;
/** Default days from import to the import-VAT reclaim (an assumption: the next monthly VAT return, filed within the month after import). */
export const DEFAULT_VAT_RECLAIM_DAYS = 30;

const sp = StockPlanInput.shape;
const cf = CashFlowInput.shape;
const lc = LandedCostInput.shape;

const days = (description: string, max: number, fallback: number) => z.int().min(0).max(max).default(fallback).meta({ description });

// ---------------------------------------------------------------------------------------------
// SKUs

export const PromoPlanSkuCosts = LandedCostItem.omit({ sku: true, quantity: true, price: true })
  .extend({
    unitsPerCarton: z
      .int()
      .min(1)
      .max(100_000)
      .optional()
      .meta({ description: "Units in a carton (1…100,000): needed with measuredPer carton and with warehouse.inboundPerCarton. Default the SKU's casePack." }),
    contentUnits: z
      .int()
      .min(1)
      .max(MAX_UNITS)
      .optional()
      .meta({ description: `Units over which contentCost is spread (1…${MAX_UNITS}); default the SKU's quantity to produce, all modes together, so the content is counted once across the modes' shipments.` }),
  })
  .meta({
    id: 'PromoPlanSkuCosts',
    description: 'The SKU as the landed cost sees it (LandedCostItem without sku, quantity and price, which the plan sets): purchase cost and its currency, size and weight, duty, commission override, content.',
  });
export type PromoPlanSkuCosts = z.output<typeof PromoPlanSkuCosts>;

export const PromoPlanSku = StockPlanSku.extend({
  price: z
    .number()
    .min(MIN_PRICE)
    .max(MAX_MONEY)
    .meta({
      description: `Promo selling price per unit in \`currency\` (${MIN_PRICE} ≤ price ≤ ${MAX_MONEY}, as the landed cost takes it), as listed (VAT-inclusive where the destination shows prices so): the stock plan's revenue and newsvendor price, the landed cost's price and the cash flow's sales price.`,
    }),
  unitCost: z
    .number()
    .min(0)
    .max(MAX_MONEY)
    .optional()
    .meta({ description: "Cost per unit in `currency` for the stock plan's newsvendor buffer and late penalty; default costs.unitCost converted with landedCost.fxRates." }),
  unitWeightKg: z.number().min(0).max(1e5).optional().meta({ description: "Weight per unit (kg, 0…100,000) for a stock-plan mode costed per kg; default the weight in costs (per unit, or per carton ÷ units per carton)." }),
  costs: PromoPlanSkuCosts,
}).meta({
  id: 'PromoPlanSku',
  description: 'One SKU: the stock-plan fields (demand, buffer policy, inventory position, MOQ, case pack, production lead time, split) with a required promo price, and its landed-cost fields in costs.',
});
export type PromoPlanSku = z.output<typeof PromoPlanSku>;

// ---------------------------------------------------------------------------------------------
// Landed cost

export const PromoPlanWarehouse = LandedCostWarehouse.omit({ arrivalDate: true, storageDays: true })
  .extend({
    storageDays: z
      .int()
      .min(0)
      .max(MAX_PLAN_STORAGE_DAYS)
      .optional()
      .meta({ description: `Average days a unit stays in storage before it sells, 0…${MAX_PLAN_STORAGE_DAYS}; default per mode: from the mode's arrival to the mean day of the expected sales.` }),
  })
  .meta({ id: 'PromoPlanWarehouse', description: "Overseas-warehouse tariff (LandedCostWarehouse without arrivalDate: storage starts at each mode's expected arrival)." });

export const PromoPlanLandedCost = z
  .strictObject({
    fxRates: lc.fxRates,
    fxBuffer: lc.fxBuffer,
    detail: lc.detail,
    shipment: LandedCostShipment.omit({ importDate: true }).meta({
      id: 'PromoPlanShipment',
      description: "Route, incoterm and tax position of every mode's shipment (LandedCostShipment without importDate: each mode's import date is its expected landing).",
    }),
    freightByMode: z
      .record(z.string().min(1).max(MAX_MODE_NAME), LandedCostFreight)
      .meta({ description: 'First-leg freight quote per transport mode, keyed by the names of stockPlan.modes: one entry for every mode (at most 8).' }),
    warehouse: PromoPlanWarehouse.optional(),
    selling: lc.selling,
  })
  .meta({
    id: 'PromoPlanLandedCost',
    description:
      'The landed-cost request minus what the plan sets: one landed cost is run per transport mode used, with the units that mode ships, the mode’s freight and its expected landing as the import date. Money in `currency`.',
  });

// ---------------------------------------------------------------------------------------------
// Cash flow

export const PromoPlanCashFlow = z
  .strictObject({
    openingCash: cf.openingCash,
    creditLine: cf.creditLine,
    fx: z
      .strictObject({
        accountCurrency: z
          .string()
          .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as CNY')
          .meta({ description: 'Currency of the bank account (ISO 4217): every cash amount of cashFlow is in it.' }),
        rate: z.number().gt(0).max(1e6).meta({ description: 'Account-currency units per unit of `currency` (the selling currency), (0, 1e6].' }),
      })
      .optional()
      .meta({ description: 'The account is in another currency than `currency`: costs are converted at rate and marketplace flows are converted (and charged payout.conversionCostRate) as the cash flow does. Absent: the account is in `currency`.' }),
    payout: cf.payout.omit({ feeRate: true }).meta({
      id: 'PromoPlanPayout',
      description:
        'Marketplace settlement rules (CashFlowPayout without feeRate): a preset, any field of which may be overridden. The fee deducted from payouts is set by the plan from the landed-cost selling lines, so commission and payment fees are counted once.',
    }),
    depositShare: z.number().min(0).max(1).default(DEFAULT_DEPOSIT_SHARE).meta({
      description: `Supplier deposit paid on each purchase order's order date, 0…1 (default ${DEFAULT_DEPOSIT_SHARE}: the common 30 % deposit / 70 % balance T/T term; an assumption — set your supplier's).`,
    }),
    balanceDaysAfterShipment: days('Days after each batch ships that its purchase-order balance is paid, 0…365 (default 0: balance before the goods leave).', 365, 0),
    freightDaysAfterDeparture: days('Freight payment terms, days after departure, 0…365 (default 0: paid at departure).', 365, 0),
    importVatReclaimDays: days(
      `Days after import the import VAT comes back, 0…365, when the landed cost reclaims it (landedCost.shipment VAT-registered); default ${DEFAULT_VAT_RECLAIM_DAYS} (an assumption: the next monthly VAT return).`,
      365,
      DEFAULT_VAT_RECLAIM_DAYS,
    ),
    returnRate: z.number().min(0).max(1).optional().meta({ description: 'Share of sales refunded, 0…1; default landedCost.selling.returnRate.' }),
    returnLagDays: cf.returnLagDays,
    adRamps: cf.adRamps.meta({
      description: 'Your ad spend as ramps around the promo (at most 20). Given: they replace the landed-cost ad cost of the expected sales, which is otherwise paid evenly over the promo days.',
    }),
    payments: cf.payments.meta({ description: 'Other dated payments you expect (at most 1,000), added as given to those the plan derives.' }),
    recurringPayments: cf.recurringPayments,
    discountRate: cf.discountRate,
    stress: cf.stress,
    granularity: z.enum(['day', 'week']).default('week').meta({ description: 'Rows of the cash table: one per day, or per 7 days (default week: a compact answer).' }),
    horizonDays: z
      .int()
      .min(1)
      .max(MAX_HORIZON_DAYS)
      .optional()
      .meta({ description: `Days simulated from asOf, 1…${MAX_HORIZON_DAYS}; default until the last payout, refund and VAT reclaim of the coverage window's sales (stress delays and holds included), at most ${MAX_HORIZON_DAYS}.` }),
  })
  .meta({
    id: 'PromoPlanCashFlow',
    description:
      'The cash-flow request minus what the plan derives (purchase orders, shipments, warehouse, ad and content payments, sales): opening cash, credit line, account currency, payout rules, supplier terms, returns, your own ramps and payments, stress scenarios.',
  });

// ---------------------------------------------------------------------------------------------
// Checklist

export const PromoPlanChecklist = z
  .strictObject({
    registrationDaysBefore: days(
      `Days before the promo start to register the marketplace deal, 0…${MAX_CHECKLIST_DAYS}; default ${DEFAULT_REGISTRATION_DAYS}: Amazon's Black Friday / Cyber Monday Lightning Deal submissions closed 21 Sep 2018 (63 days ahead, Seller Labs) and 4 Oct 2019 (56 days ahead, Sellics) — check your marketplace's deadline.`,
      MAX_CHECKLIST_DAYS,
      DEFAULT_REGISTRATION_DAYS,
    ),
    contentReadyDaysBefore: days(
      `Days before the promo start the listing content (images, video, A+ copy) must be live, 0…${MAX_CHECKLIST_DAYS}; default ${DEFAULT_CONTENT_READY_DAYS}: a week before the ad test starts, so the test measures the final listing. The content cost is paid on that day.`,
      MAX_CHECKLIST_DAYS,
      DEFAULT_CONTENT_READY_DAYS,
    ),
    adTestStartDaysBefore: days(
      `Days before the promo start the ad test starts, 0…${MAX_CHECKLIST_DAYS}; default ${DEFAULT_AD_TEST_START_DAYS}. Below minAdTestDays (or less time left after asOf) is a warning.`,
      MAX_CHECKLIST_DAYS,
      DEFAULT_AD_TEST_START_DAYS,
    ),
    minAdTestDays: days(`Shortest acceptable ad test in days, 0…${MAX_CHECKLIST_DAYS}; default ${MIN_AD_TEST_DAYS} (DESIGN: ad testing at least two weeks ahead of the event).`, MAX_CHECKLIST_DAYS, MIN_AD_TEST_DAYS),
    dueSoonDays: days('A dated action within this many days after asOf is due-soon, 0…365 (default 14).', 365, 14),
    heroShareLimit: z
      .number()
      .gt(0)
      .max(1)
      .default(DEFAULT_HERO_SHARE_LIMIT)
      .meta({ description: `Warn when one SKU carries more than this share of the expected promo revenue, (0, 1]; default ${DEFAULT_HERO_SHARE_LIMIT} (this service's threshold).` }),
  })
  .prefault({})
  .meta({ id: 'PromoPlanChecklist', description: 'Lead times of the promo checklist worked back from the promo start, and the thresholds of its warnings.' });

// ---------------------------------------------------------------------------------------------
// Input

export const PromoPlanFields = z.strictObject({
  asOf: sp.asOf,
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code: three capital letters, e.g. USD')
    .default('USD')
    .meta({ description: 'ISO 4217 selling and reporting currency: prices, the stock plan’s costs and every landed-cost amount (other currencies through landedCost.fxRates).' }),
  promo: sp.promo,
  stockPlan: z
    .strictObject({
      onTimeProbability: sp.onTimeProbability,
      modes: sp.modes,
      warehouse: sp.warehouse,
      shipments: sp.shipments,
      policies: sp.policies,
      abc: sp.abc,
      target: sp.target,
    })
    .meta({ id: 'PromoPlanStockPlan', description: 'The stock-plan request minus asOf, currency, promo and skus: transport modes, warehouse receiving, the split into batches, buffer policies, ABC cut-offs, GMV target.' }),
  skus: z.array(PromoPlanSku).min(1).max(MAX_PLAN_SKUS).meta({ description: `1…${MAX_PLAN_SKUS} SKUs (at most 500 forecast inline). The request as a whole must also fit the work budget (about 5 s of computing: 413 request.too-much-work) and its JSON answer 6 MB (413 response.too-large).` }),
  landedCost: PromoPlanLandedCost,
  cashFlow: PromoPlanCashFlow,
  checklist: PromoPlanChecklist,
});
export type PromoPlanFields = z.output<typeof PromoPlanFields>;

// ---------------------------------------------------------------------------------------------
// Result

const PlanSkuRow = StockPlanResult.shape.skus.element;

const LinesPerUnit = z
  .strictObject(Object.fromEntries(COST_LINES.map((l) => [l, z.number()])) as Record<CostLineName, z.ZodNumber>)
  .meta({ id: 'PromoPlanLinesPerUnit', description: "Every cost line per unit, quantity-weighted across the modes (Σ over modes of the SKU's line total ÷ Σ units), rounded to the minor unit; lines not counted in cost included as the landed cost shows them." });

const SkuLandedCost = z
  .strictObject({
    byMode: z
      .array(
        z.strictObject({
          mode: z.string().meta({ description: 'Transport mode (a stockPlan.modes name).' }),
          row: LandedCostSku,
        }),
      )
      .meta({ description: 'One entry per mode that ships units of the SKU, with its row of that mode’s landed-cost result unchanged (empty when the SKU needs no production).' }),
    perUnit: z
      .strictObject({
        landedCost: z.number(),
        totalCost: z.number(),
        netRevenue: z.number(),
        contribution: z.number().meta({ description: 'Net revenue − total cost per unit sold.' }),
        contributionBeforeAds: z.number(),
        margin: z.number().meta({ description: 'Contribution ÷ net revenue over all modes (full precision).' }),
        breakEvenPrice: z.number().optional().meta({ description: "Quantity-weighted mean of the modes' break-even prices (exact when the price-linked cost share is the same for every mode, as in a bulk consignment); absent when a mode has none." }),
        breakEvenAcos: z.number().meta({ description: 'Quantity-weighted mean of the modes’ break-even ACoS (exact: linear in the per-unit amounts).' }),
        lines: LinesPerUnit,
      })
      .optional()
      .meta({ description: 'Per unit sold, quantity-weighted across the modes: Σ_m (SKU total of mode m) ÷ Σ_m units, i.e. each mode’s per-unit figure weighted by the units it ships; money rounded to the minor unit. Absent without landed-cost rows.' }),
    totals: z
      .strictObject({
        units: z.number(),
        grossRevenue: z.number(),
        netRevenue: z.number(),
        landedCost: z.number(),
        totalCost: z.number(),
        contribution: z.number(),
        importVatReclaimable: z.number(),
      })
      .meta({ description: 'Sums of the mode rows’ totals (every shipped unit sold at the promo price).' }),
  })
  .meta({ id: 'PromoPlanSkuLandedCost' });

const SkuForecast = z
  .strictObject({
    source: z.enum(['normal', 'forecast', 'forecast-result', 'target']),
    mean: z.number().meta({ description: 'Mean demand over the coverage window (units).' }),
    stdDev: z.number().meta({ description: 'Its standard deviation (units).' }),
    method: z.string().optional().meta({ description: 'Forecast method run inline.' }),
    model: z.string().optional().meta({ description: 'Forecast model.' }),
    accuracy: z.record(z.string(), z.number()).optional().meta({ description: 'In-sample accuracy of the inline forecast (MAE, RMSE, sMAPE, MASE).' }),
    salesShape: z
      .enum(['forecast', 'promo-and-after', 'even'])
      .meta({ description: "How the expected sales are spread over the days of the window: by the forecast's periods; the stock plan's daily demand after the promo and the rest evenly over the promo days; or evenly." }),
    promoUnits: z.number().meta({ description: 'Expected sales on the promo days (units).' }),
    afterPromoUnits: z.number().meta({ description: 'Expected sales on the cover days after the promo (units).' }),
  })
  .meta({ id: 'PromoPlanSkuForecast', description: 'Forecast summary of the SKU.' });

const SkuSales = z
  .strictObject({
    expectedUnits: z.number().meta({ description: 'Units expected to sell over the coverage window (the stock plan’s expectedSales).' }),
    price: z.number(),
    expectedRevenue: z.number().meta({ description: 'expectedUnits × price, rounded to the minor unit.' }),
    expectedContribution: z.number().meta({ description: 'expectedUnits × the contribution per unit (quantity-weighted over the modes), rounded; 0 without landed-cost rows.' }),
    revenueShare: z.number().meta({ description: 'Share of the plan’s expected revenue.' }),
  })
  .meta({ id: 'PromoPlanSkuSales' });

const PromoPlanSkuResult = z
  .strictObject({
    sku: z.string(),
    forecast: SkuForecast,
    stockPlan: PlanSkuRow,
    landedCost: SkuLandedCost,
    sales: SkuSales,
  })
  .meta({ id: 'PromoPlanSkuResult', description: "One SKU: its forecast summary, its stock-plan row unchanged, its landed-cost rows per mode unchanged with the quantity-weighted unit economics, and its expected sales." });
export type PromoPlanSkuResult = z.output<typeof PromoPlanSkuResult>;

export const decisionKinds = [
  'deal-registration',
  'content-ready',
  'ad-test-start',
  'order-by',
  'ship-by',
  'replenishment-ship-by',
  'inbound-cutoff',
  'promo-start',
  'promo-end',
  'next-replenishment-due',
] as const;
export type DecisionKind = (typeof decisionKinds)[number];

const Decision = z
  .strictObject({
    date: z.string().meta({ description: 'The day the action is due (YYYY-MM-DD).' }),
    kind: z.enum(decisionKinds),
    action: z.string().meta({ description: 'What to do, in words.' }),
    sku: z.string().optional(),
    batch: z.number().optional().meta({ description: 'Batch number within the SKU (stock plan).' }),
    mode: z.string().optional(),
    units: z.number().optional(),
    status: z.enum(['ok', 'due-soon', 'overdue']).meta({ description: 'overdue: before asOf; due-soon: within checklist.dueSoonDays after asOf; ok: later.' }),
    source: z.string().meta({ description: 'Where the date comes from (the stock plan, or the checklist lead time and its source).' }),
  })
  .meta({ id: 'PromoPlanDecision' });
export type Decision = z.output<typeof Decision>;

export const pitfallCodes = ['negative-margin', 'missed-cutoff', 'hero-sku', 'short-ad-test', 'cash-runs-out'] as const;
export type PitfallCode = (typeof pitfallCodes)[number];

const Pitfall = z
  .strictObject({
    code: z.enum(pitfallCodes),
    message: z.string(),
    sku: z.string().optional(),
    mode: z.string().optional(),
    scenario: z.string().optional().meta({ description: 'Stress scenario name (cash-runs-out), or "base".' }),
  })
  .meta({ id: 'PromoPlanPitfall', description: 'One of the classic promo pitfalls found in the plan.' });
export type Pitfall = z.output<typeof Pitfall>;

const Chaining = z
  .strictObject({
    landedCost: z.array(
      z.strictObject({
        mode: z.string(),
        importDate: z.string().meta({ description: 'Earliest expected landing (ship + handling + mean transit) of the mode’s batches: the landed cost’s import date.' }),
        arrivalDate: z.string().meta({ description: 'Earliest expected arrival at the warehouse (after receiving): storage starts.' }),
        storageDays: z.number(),
        storageDaysSource: z.enum(['given', 'derived', 'none']),
        skus: z.number(),
        units: z.number(),
      }),
    ),
    cashFlow: z.strictObject({
      accountCurrency: z.string(),
      fxRate: z.number().meta({ description: 'Account-currency units per unit of `currency` (1 without cashFlow.fx).' }),
      horizonDays: z.number(),
      purchaseOrders: z.number().meta({ description: 'Purchase orders: batches grouped by order and ship date.' }),
      shipments: z.number().meta({ description: 'Shipments: batches grouped by mode and ship date.' }),
      payments: z.number().meta({ description: 'Derived dated payments (warehouse inbound and storage, ads, content), before yours are added.' }),
      salesSkus: z.number().meta({ description: 'SKUs with expected sales in the cash flow.' }),
      purchaseCost: z.number().meta({ description: 'Σ purchase-order amounts (account currency).' }),
      payoutDeductionRate: z.number().meta({ description: 'payout.feeRate set by the plan: the landed-cost per-sale deductions ÷ the price, weighted by expected revenue.' }),
      payoutDeductionSource: z.enum(['landed-cost', 'payout-rules']),
      payoutDeductions: z
        .strictObject({ salesVat: z.number(), commission: z.number(), payment: z.number(), fulfilment: z.number(), returns: z.number() })
        .meta({ description: 'The deductions behind the rate, over the expected sales (in `currency`): VAT in the price, commission, payment fees, last mile + outbound, and the cash part of returns (return rate × (return shipping + handling)).' }),
      adSpend: z.number().meta({ description: 'Ad spend the plan paid over the promo days (account currency; 0 when your adRamps are used).' }),
      adSpendSource: z.enum(['landed-cost', 'ad-ramps', 'none']),
      contentSpend: z.number().meta({ description: 'Σ contentCost paid on the content-ready date (account currency).' }),
      returnRate: z.number(),
      importVatReclaimDays: z.number().optional().meta({ description: 'Present when the landed cost reclaims import VAT.' }),
    }),
  })
  .meta({ id: 'PromoPlanChaining', description: 'How the derived inputs of the landed cost and the cash flow were built (counts and rates; the rules are in the method description).' });

const Totals = z
  .strictObject({
    skus: z.number(),
    units: z.number().meta({ description: 'Units to produce: Σ SKU quantities = stockPlan.totals.unitsToProduce = Σ over modes of the landed-cost units.' }),
    cartons: z.number(),
    batches: z.number(),
    demandMean: z.number(),
    expectedSalesUnits: z.number(),
    expectedLeftoverUnits: z.number(),
    grossRevenue: z.number().meta({ description: 'Landed cost: every shipped unit sold at the promo price (Σ over modes).' }),
    netRevenue: z.number(),
    landedCost: z.number().meta({ description: 'Σ over modes of the landed cost to the warehouse.' }),
    totalCost: z.number(),
    contribution: z.number().meta({ description: 'Σ over modes of the landed-cost contribution (every shipped unit sold).' }),
    freight: z.number().meta({ description: 'Σ of the freight lines.' }),
    duty: z.number().meta({ description: 'Σ of the duty lines.' }),
    expectedRevenue: z.number().meta({ description: 'Σ SKU expected revenue.' }),
    expectedContribution: z.number().meta({ description: 'Σ SKU expected contribution.' }),
    peakFundingNeed: z.number().meta({ description: 'cashFlow.summary.peakFundingNeed (account currency).' }),
    peakFundingNeedDate: z.string().optional(),
    cashPositiveDate: z.string().optional(),
    profit: z.number().meta({ description: 'cashFlow.summary.profit: cash profit within the horizon (account currency).' }),
    roi: z.number().optional(),
  })
  .meta({ id: 'PromoPlanTotals', description: 'The whole plan; every figure is a sum of the parts (or the cash flow’s own figure).' });

export const PromoPlanResult = z
  .strictObject({
    ...provenance,
    currency: z.string(),
    accountCurrency: z.string(),
    asOf: z.string(),
    promoStart: z.string(),
    promoEnd: z.string(),
    coverageEnd: z.string(),
    cutoffDate: z.string(),
    skus: z.array(PromoPlanSkuResult),
    stockPlan: StockPlanResult.omit({ skus: true }).meta({ id: 'PromoPlanStockPlanResult', description: 'The stock-plan result without its skus (they are in skus[].stockPlan, in order).' }),
    landedCost: z
      .record(z.string(), LandedCostResult.omit({ skus: true }).meta({ id: 'PromoPlanLandedCostResult', description: 'A mode’s landed-cost result without its skus (they are in skus[].landedCost.byMode).' }))
      .meta({ description: 'One landed-cost result per mode used, keyed by mode name.' }),
    cashFlow: CashFlowResult,
    decisions: z.array(Decision).meta({ description: 'Dated actions, earliest first: checklist worked back from the promo start, and every batch’s order-by and ship-by.' }),
    pitfalls: z.array(Pitfall),
    chaining: Chaining,
    totals: Totals,
  })
  .meta({ id: 'PromoPlanResult', description: 'The promo plan: per SKU forecast, stock-up and landed cost; per mode the landed-cost result; the cash-flow result unchanged (timeline, peak funding need, stress scenarios); dated decisions; pitfalls; totals.' });
export type PromoPlanResult = z.output<typeof PromoPlanResult>;
