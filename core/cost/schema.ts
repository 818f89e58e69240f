/**
 * Input and result schemas of `POST /v1/landed-cost` (the calculation is in landed-cost.ts).
 * Every amount is in an ISO 4217 currency: `currency` (the selling and reporting currency) unless a
 * block names its own, converted with `fxRates`. Rates are fractions (0.19 = 19 %).
 */
import * as z from 'zod';
import { MAX_MONEY, provenance, crossField } from '../schema.js';
import { comparisonField, divisorField, freightModeField, measurementField, roundingField } from './chargeable-weight.js';
import { MAX_UNITS, countryCode, currencyCode, dimension, isoDate, pieceWeight, rate } from './fields.js';
import { isMonthDay } from './storage.js';

/** Most SKUs in one shipment. */
export const MAX_SKUS = 2000;
/** Most exchange rates in one request. */
export const MAX_FX_RATES = 50;
/** Most fixed freight fees. */
export const MAX_FEES = 50;
/** Most peak seasons of a storage tariff. */
export const MAX_PEAK_SEASONS = 12;
/** Longest storage, in days (3 years). */
export const MAX_STORAGE_DAYS = 1095;
/** Largest ad valorem duty rate (1000 %: punitive and stacked tariffs exceed 100 %). */
export const MAX_DUTY_RATE = 10;
/** Longest SKU id. */
export const MAX_SKU_LENGTH = 100;
/** Smallest selling price (margins and ratios divide by it). */
export const MIN_PRICE = 1e-6;

const money = (description: string) => z.number().min(0).max(MAX_MONEY).meta({ description });

export const COST_LINES = [
  'product',
  'freight',
  'insurance',
  'duty',
  'importVat',
  'clearance',
  'warehouseInbound',
  'warehouseStorage',
  'warehouseOutbound',
  'lastMile',
  'commission',
  'payment',
  'ads',
  'content',
  'returns',
  'fxBuffer',
] as const;
export type CostLineName = (typeof COST_LINES)[number];
/** Lines that make up the landed cost to the warehouse (up to and including the inbound fee). */
export const LANDED_LINES: ReadonlySet<CostLineName> = new Set(['product', 'freight', 'insurance', 'duty', 'importVat', 'clearance', 'warehouseInbound']);

// ---------------------------------------------------------------------------------------------
// Input

export const FxRate = z
  .strictObject({
    currency: currencyCode('The foreign currency (ISO 4217).'),
    rate: z.number().min(1e-9).max(1e9).meta({ description: 'Units of `currency` (the selling currency) per 1 unit of this currency, e.g. CNY → EUR 0.128.' }),
  })
  .meta({ id: 'FxRate', description: 'An exchange rate into the selling currency.' });

export const LandedCostItem = z
  .strictObject({
    sku: z.string().min(1).max(MAX_SKU_LENGTH).meta({ description: 'SKU id, unique within the shipment.' }),
    quantity: z.number().int().min(1).max(MAX_UNITS).meta({ description: `Units shipped (and sold), 1…${MAX_UNITS}.` }),
    unitCost: money('Purchase cost per unit at the place of export (FOB/FCA price), in costCurrency.'),
    costCurrency: currencyCode('Currency of unitCost; default `currency`.').optional(),
    price: z.number().min(MIN_PRICE).max(MAX_MONEY).meta({ description: `Selling price per unit in \`currency\`, as listed: VAT-inclusive where selling.pricesIncludeVat (EU, UK, AU, …); at least ${MIN_PRICE}.` }),
    measuredPer: z.enum(['unit', 'carton']).default('unit').meta({ description: 'Whether weight and dimensions are of one unit (as packed) or of one carton of unitsPerCarton units.' }),
    unitsPerCarton: z.number().int().min(1).max(100_000).optional().meta({ description: 'Units in a carton: needed with measuredPer carton and with warehouse.inboundPerCarton. A partial last carton counts as a whole one.' }),
    weight: pieceWeight('Actual gross weight of one unit or one carton (measuredPer), kg or lb.'),
    length: dimension('Length of one unit or carton, cm or in.'),
    width: dimension('Width of one unit or carton, cm or in.'),
    height: dimension('Height of one unit or carton, cm or in.'),
    hsCode: z
      .string()
      .regex(/^\d{4,10}$/, 'must be 4 to 10 digits, without dots')
      .optional()
      .meta({ description: 'HS / tariff code (informational; one SKU is one item category for the EU flat duty).' }),
    originCountry: countryCode('Country of origin of the goods (ISO alpha-2); default shipment.origin. Origin-specific rules (e.g. the US China/Hong Kong de minimis exclusion) use it.').optional(),
    dutyRate: rate('Ad valorem customs duty rate on the customs value, a fraction (0.047 = 4.7 %), given by the caller from the tariff.', MAX_DUTY_RATE).default(0),
    dutyPerKg: money('Specific duty per kg of gross weight, in dutyCurrency (added to the ad valorem duty).').default(0),
    dutyPerUnit: money('Specific duty per unit, in dutyCurrency (added).').default(0),
    dutyCurrency: currencyCode('Currency of dutyPerKg and dutyPerUnit; default `currency`.').optional(),
    commissionRate: rate('Platform commission rate for this SKU (category rate), overriding selling.commissionRate.').optional(),
    contentCost: money('Content production for this SKU (photos, video, A+), a total in `currency`, amortised over contentUnits.').default(0),
    contentUnits: z.number().int().min(1).max(MAX_UNITS).optional().meta({ description: 'Units over which contentCost is spread; default quantity.' }),
  })
  .meta({ id: 'LandedCostItem', description: 'One SKU of the shipment.' });

export const LandedCostShipment = z
  .strictObject({
    origin: countryCode('Country the goods are shipped from (export), ISO alpha-2, e.g. CN.'),
    destination: countryCode('Country of import (the warehouse or the consumer), ISO alpha-2, e.g. DE.'),
    importDate: isoDate('Date of import (customs clearance), YYYY-MM-DD: selects the VAT rates and low-value rules in force.'),
    incoterm: z.enum(['DDP', 'DDU', 'DAP']).default('DDP').meta({ description: 'DDP: the seller pays import duty and VAT; DDU/DAP: the buyer does (they are shown but not counted in the seller’s cost).' }),
    consignment: z
      .enum(['bulk', 'parcel-per-order'])
      .default('bulk')
      .meta({ description: 'bulk: one consignment into an overseas warehouse (low-value thresholds test the whole shipment); parcel-per-order: every order ships as its own B2C parcel of unitsPerOrder units of one SKU (thresholds test the parcel, whose value is the selling price net of VAT).' }),
    measurement: measurementField,
    vatRegistered: z.boolean().default(false).meta({ description: 'The seller is VAT/GST-registered in the destination.' }),
    reclaimsImportVat: z.boolean().optional().meta({ description: 'The seller reclaims import VAT as input tax (then it is cash flow, not cost); default vatRegistered.' }),
    vatCollectedAtSale: z
      .boolean()
      .default(true)
      .meta({ description: 'parcel-per-order: VAT is charged on the sale (marketplace as deemed supplier, EU IOSS, UK and AU low-value schemes), so none is charged at the border under the thresholds.' }),
    applyLowValueRules: z.boolean().default(true).meta({ description: 'Apply the dated de minimis / low-value rules (false: ordinary duty and import VAT on everything).' }),
    valuationBasis: z.enum(['CIF', 'FOB']).optional().meta({ description: 'Override the destination’s customs valuation basis (CIF: EU, UK, JP, SA, AE, MX; FOB: US, AU, CA). Required for destinations not on file.' }),
    importVatRate: rate('Override the import VAT/GST rate (default: the destination’s standard rate on importDate). Required for destinations not on file.').optional(),
  })
  .meta({ id: 'LandedCostShipment', description: 'Route, date, incoterm and tax position of the shipment.' });

export const FreightFee = z
  .strictObject({
    name: z.string().min(1).max(100).meta({ description: 'What the fee is, e.g. "export customs", "THC", "documents", "delivery to warehouse".' }),
    amount: money('Fee for the whole shipment, in freight.currency.'),
    stage: z
      .enum(['pre-carriage', 'main', 'on-carriage', 'clearance'])
      .default('main')
      .meta({
        description:
          'pre-carriage: to the port/airport of export (in the customs value, CIF or FOB); main: international leg (in a CIF customs value); on-carriage: after the border to the warehouse (in the EU/UK import VAT base only); clearance: import customs clearance, brokerage (in neither).',
      }),
  })
  .meta({ id: 'FreightFee', description: 'A fixed freight fee.' });

export const LandedCostFreight = z
  .strictObject({
    mode: freightModeField,
    currency: currencyCode('Currency of the freight quote; default `currency`.').optional(),
    rateBasis: z
      .enum(['chargeable-weight', 'volume', 'revenue-ton', 'container'])
      .optional()
      .meta({
        description:
          'What `rate` is per: chargeable kg (lb imperial), CBM (ft³), revenue ton W/M (max of metric tons and CBM), or container. Default: sea-lcl revenue-ton, sea-fcl container, others chargeable-weight.',
      }),
    rate: money('Freight rate per rateBasis unit, in freight.currency.').default(0),
    containers: z.number().int().min(1).max(1000).optional().meta({ description: 'Number of containers (rateBasis container).' }),
    minimumCharge: money('Minimum base freight for the shipment (before fuel surcharge).').default(0),
    fuelSurchargeRate: rate('Fuel surcharge (BAF/FSC) as a fraction of the base freight after the minimum.', 5).default(0),
    fees: z.array(FreightFee).max(MAX_FEES).default([]).meta({ description: `Fixed fees (at most ${MAX_FEES}).` }),
    insuranceRate: rate('Cargo insurance premium rate on the insured value.').default(0),
    insuredValueFactor: z
      .number()
      .min(1)
      .max(2)
      .default(1.1)
      .meta({ description: 'Insured value = factor × (goods + freight to the destination); 1.1 = CIF + 10 % (Incoterms® 2020 CIF A5 minimum cover).' }),
    volumetricDivisor: divisorField.optional(),
    roundingIncrement: roundingField.optional(),
    comparison: comparisonField.optional(),
    allocation: z
      .enum(['chargeable-weight', 'volume', 'value'])
      .default('chargeable-weight')
      .meta({ description: 'How shipment-level freight and fees are split over the SKUs: by each SKU’s chargeable weight, its volume, or its goods value. Parts add up exactly to the total.' }),
  })
  .meta({ id: 'LandedCostFreight', description: 'First-leg freight, fees and insurance for the whole shipment.' });

export const PeakSeasonSchema = z
  .strictObject({
    from: z.string().refine(isMonthDay, { message: 'expected MM-DD' }).meta({ description: 'First day, MM-DD (every year).' }),
    to: z.string().refine(isMonthDay, { message: 'expected MM-DD' }).meta({ description: 'Last day, MM-DD (inclusive); before from = wraps over the year end.' }),
    rate: money('Storage rate in the season, per CBM (ft³) per storagePeriod.'),
  })
  .meta({ id: 'PeakSeason', description: 'A recurring peak-season storage rate, e.g. 10-01 to 12-31.' });

export const LandedCostWarehouse = z
  .strictObject({
    currency: currencyCode('Currency of the warehouse tariff; default `currency`.').optional(),
    arrivalDate: isoDate('First day in storage; default shipment.importDate.').optional(),
    inboundPerUnit: money('Receiving fee per unit.').default(0),
    inboundPerCarton: money('Receiving fee per carton (needs unitsPerCarton on every SKU).').default(0),
    storageRate: money('Storage rate per CBM (metric) or ft³ (imperial) per storagePeriod, off peak.').default(0),
    storagePeriod: z.enum(['day', 'month']).default('month').meta({ description: 'Period of the storage rates; a monthly rate is prorated by the days of each calendar month.' }),
    peakSeasons: z.array(PeakSeasonSchema).max(MAX_PEAK_SEASONS).default([]).meta({ description: `Peak-season rates (at most ${MAX_PEAK_SEASONS}).` }),
    storageDays: z.number().int().min(0).max(MAX_STORAGE_DAYS).default(0).meta({ description: `Average days a unit stays in storage before it sells, 0…${MAX_STORAGE_DAYS}.` }),
    outboundPerUnit: money('Pick, pack and outbound fee per unit.').default(0),
  })
  .meta({ id: 'LandedCostWarehouse', description: 'Overseas-warehouse tariff.' });

const adsCommon = {
  attributedShare: rate('Share of units sold through ads (1 = every sale carries the ad cost).').default(1),
  clicksPerOrder: z.number().min(1).max(1e6).optional().meta({ description: 'Ad clicks per order (1 ÷ conversion rate); gives maxCpc.' }),
};

export const LandedCostAds = z
  .discriminatedUnion('basis', [
    z.strictObject({ basis: z.literal('acos').meta({ description: 'Ad cost = ACoS × price.' }), acos: rate('Advertising cost of sales, ad spend ÷ ad sales (0.12 = 12 %).'), ...adsCommon }),
    z.strictObject({ basis: z.literal('cost-per-order').meta({ description: 'A fixed ad cost per order.' }), costPerOrder: money('Ad cost per order, in `currency`.'), ...adsCommon }),
    z.strictObject({
      basis: z.literal('cpc').meta({ description: 'Cost per click × clicks per order.' }),
      costPerClick: money('Cost per click, in `currency`.'),
      attributedShare: adsCommon.attributedShare,
      clicksPerOrder: z.number().min(1).max(1e6).meta({ description: 'Ad clicks per order (1 ÷ conversion rate).' }),
    }),
  ])
  .meta({ id: 'LandedCostAds', description: 'Advertising: ACoS, cost per order, or CPC × clicks per order.' });

export const LandedCostSelling = z
  .strictObject({
    pricesIncludeVat: z.boolean().optional().meta({ description: 'Prices include VAT/GST (net revenue = price ÷ (1 + salesVatRate)); default by destination: yes in the EU, UK, AU, JP, SA, AE, MX; no in the US and CA.' }),
    salesVatRate: rate('VAT/GST rate on the sale; default the destination’s standard rate on importDate.').optional(),
    unitsPerOrder: z.number().min(1).max(1000).default(1).meta({ description: 'Average units per order (spreads per-order fees; the units in a parcel with parcel-per-order).' }),
    lastMilePerUnit: money('Last-mile delivery per unit (e.g. FBA fulfilment fee or carrier label), in `currency`.').default(0),
    commissionRate: rate('Platform commission (referral fee) rate.').default(0),
    commissionMinimum: money('Minimum commission per unit (e.g. Amazon per-item minimum referral fee).').default(0),
    commissionFixedPerOrder: money('Fixed commission per order.').default(0),
    commissionBase: z.enum(['gross', 'net']).default('gross').meta({ description: 'Commission on the price including VAT (gross: Amazon EU referral fees are on the total sales price) or excluding it (net).' }),
    paymentRate: rate('Payment processing fee rate on the gross price.').default(0),
    paymentFixedPerOrder: money('Fixed payment fee per order.').default(0),
    crossBorderRate: rate('Cross-border payment surcharge rate on the gross price.').default(0),
    fxConversionRate: rate('Currency conversion surcharge rate on the gross price.').default(0),
    ads: LandedCostAds.optional(),
    acosBase: z.enum(['gross', 'net']).default('net').meta({ description: 'Price ACoS applies to and break-even ACoS divides by: net of VAT (default) or gross.' }),
    returnRate: rate('Share of units sold that are returned (a fraction below 1).').default(0),
    unsellableShare: rate('Share of returns that cannot be resold (their landed cost is lost).').default(0),
    returnShippingPerReturn: money('Return shipping paid by the seller per return.').default(0),
    returnHandlingPerReturn: money('Handling (inspection, repacking, restocking) per return.').default(0),
  })
  .meta({ id: 'LandedCostSelling', description: 'Marketplace fees, ads and returns, in `currency`.' });

export const LandedCostInput = z
  .strictObject({
    currency: currencyCode('Selling and reporting currency (ISO 4217): every result amount, rounded to its minor unit.'),
    fxRates: z.array(FxRate).max(MAX_FX_RATES).default([]).meta({ description: `Exchange rates into \`currency\` for every other currency used (at most ${MAX_FX_RATES}).` }),
    fxBuffer: rate('FX buffer: a fraction added to every cost incurred in another currency than `currency` (for adverse moves until payment).', 0.5).default(0),
    detail: z
      .enum(['auto', 'full', 'summary'])
      .default('auto')
      .meta({ description: 'full: every cost line with its formula and inputs; summary: amounts only (about a third of the size, for large shipments); auto: full up to 100 SKUs, summary above.' }),
    shipment: LandedCostShipment,
    items: z.array(LandedCostItem).min(1).max(MAX_SKUS).meta({ description: `The SKUs (1…${MAX_SKUS}); in full detail the JSON answer holds about 1,000 (413 response.too-large above: use summary or ?format=csv).` }),
    freight: LandedCostFreight,
    warehouse: LandedCostWarehouse.optional(),
    selling: LandedCostSelling.prefault({}),
  })
  .superRefine((input, ctx) => {
    // Currencies used must have a rate (or be the selling currency); rates are unique.
    const rates = new Set<string>();
    input.fxRates.forEach((r, i) => {
      if (r.currency === input.currency) ctx.addIssue({ code: 'custom', path: ['fxRates', i, 'currency'], message: `${r.currency} is the selling currency: it needs no rate` });
      else if (rates.has(r.currency)) ctx.addIssue({ code: 'custom', path: ['fxRates', i, 'currency'], message: `duplicate rate for ${r.currency}` });
      rates.add(r.currency);
    });
    const need = (c: string | undefined, path: Array<string | number>) => {
      if (c !== undefined && c !== input.currency && !rates.has(c)) ctx.addIssue({ code: 'custom', path, message: `no exchange rate for ${c}: add { "currency": "${c}", "rate": … } to fxRates` });
    };
    need(input.freight.currency, ['freight', 'currency']);
    need(input.warehouse?.currency, ['warehouse', 'currency']);
    const seen = new Map<string, number>();
    input.items.forEach((item, i) => {
      const first = seen.get(item.sku);
      if (first === undefined) seen.set(item.sku, i);
      else ctx.addIssue({ code: 'custom', path: ['items', i, 'sku'], message: `duplicate SKU "${item.sku}" (also at items/${first})` });
      need(item.costCurrency, ['items', i, 'costCurrency']);
      need(item.dutyCurrency, ['items', i, 'dutyCurrency']);
      if (item.measuredPer === 'carton' && item.unitsPerCarton === undefined)
        ctx.addIssue({ code: 'custom', path: ['items', i, 'unitsPerCarton'], message: 'unitsPerCarton is required when weight and dimensions are per carton' });
      if ((input.warehouse?.inboundPerCarton ?? 0) > 0 && item.unitsPerCarton === undefined)
        ctx.addIssue({ code: 'custom', path: ['items', i, 'unitsPerCarton'], message: 'unitsPerCarton is required with warehouse.inboundPerCarton' });
    });
    const basis = input.freight.rateBasis ?? (input.freight.mode === 'sea-fcl' ? 'container' : undefined);
    if (basis === 'container' && input.freight.containers === undefined)
      ctx.addIssue({ code: 'custom', path: ['freight', 'containers'], message: 'containers is required when the rate is per container (sea-fcl default)' });
    if (input.shipment.reclaimsImportVat === true && !input.shipment.vatRegistered)
      ctx.addIssue({ code: 'custom', path: ['shipment', 'reclaimsImportVat'], message: 'only a VAT-registered seller reclaims import VAT: set vatRegistered true' });
  }, crossField)
  .meta({
    id: 'LandedCostInput',
    description: 'A shipment of SKUs: route and date, freight, overseas warehouse, marketplace fees, ads and returns, with exchange rates into the selling currency.',
  });
export type LandedCostInput = z.output<typeof LandedCostInput>;

// ---------------------------------------------------------------------------------------------
// Result

const inputValue = z.union([z.number(), z.string(), z.boolean()]);

export const CostLine = z
  .strictObject({
    line: z.enum(COST_LINES),
    perUnit: z.number().meta({ description: 'Per unit sold, rounded to the minor unit.' }),
    total: z.number().meta({ description: 'For all units of the SKU; the SKU totals of a line add up exactly to the shipment total of that line.' }),
    paidBy: z.enum(['seller', 'buyer']),
    inCost: z.boolean().meta({ description: 'Counted in the seller’s cost (false when the buyer pays it, or when import VAT is reclaimed).' }),
    currency: z.string().optional().meta({ description: 'Currency of the amounts (detail full; always the request’s currency).' }),
    inLandedCost: z.boolean().optional().meta({ description: 'Part of the landed cost to the warehouse (detail full).' }),
    reclaimable: z.boolean().optional().meta({ description: 'Import VAT the seller reclaims as input tax (cash flow only).' }),
    formula: z.string().optional().meta({ description: 'How the line is computed, in the names of `inputs` (detail full); the full formula with its source is in lineFormulas.' }),
    inputs: z.record(z.string(), inputValue).optional().meta({ description: 'The inputs of the formula for this SKU, per unit unless named otherwise (detail full).' }),
  })
  .meta({ id: 'CostLine', description: 'One cost line of a SKU.' });
export type CostLine = z.output<typeof CostLine>;

const lineTotalsShape = Object.fromEntries(COST_LINES.map((l) => [l, z.number()])) as Record<CostLineName, z.ZodNumber>;

export const RuleApplied = z
  .strictObject({
    id: z.string(),
    topic: z.enum(['valuation', 'vat-rate', 'duty', 'import-vat']),
    description: z.string(),
    source: z.string(),
    validFrom: z.string(),
    validTo: z.string().optional(),
    applies: z.boolean().meta({ description: 'false: the rule was consulted but its threshold is exceeded (the ordinary treatment applies).' }),
    detail: z.string().meta({ description: 'What was compared, e.g. the consignment value against the threshold.' }),
    skus: z.array(z.string()).optional().meta({ description: 'SKUs the rule was consulted for (absent: all).' }),
  })
  .meta({ id: 'RuleApplied', description: 'A dated rule used by the calculation.' });

export const LandedCostSku = z
  .strictObject({
    sku: z.string(),
    quantity: z.number(),
    cartons: z.number().optional(),
    originCountry: z.string(),
    actualWeight: z.number().meta({ description: 'Gross weight shipped for this SKU, kg or lb.' }),
    volume: z.number().meta({ description: 'Volume shipped, m³ or ft³.' }),
    chargeableWeight: z.number().meta({ description: 'This SKU’s own chargeable weight (unrounded; the chargeable-weight allocation key).' }),
    allocationShare: z.number().meta({ description: 'Share of the shipment-level freight and fees (full precision).' }),
    lines: z.array(CostLine),
    perUnit: z
      .strictObject({
        price: z.number(),
        salesVat: z.number().meta({ description: 'VAT/GST in the price (0 when prices exclude it).' }),
        netRevenue: z.number().meta({ description: 'price − salesVat.' }),
        customsValue: z.number().meta({ description: 'Customs value on the destination’s basis (0 without an import).' }),
        landedCost: z.number().meta({ description: 'Sum of the landed lines counted in cost: product, freight, insurance, duty, import VAT, clearance, inbound.' }),
        totalCost: z.number().meta({ description: 'Sum of every line counted in cost, per unit sold.' }),
        contribution: z.number().meta({ description: 'netRevenue − totalCost.' }),
        contributionBeforeAds: z.number().meta({ description: 'contribution + ads.' }),
        margin: z.number().meta({ description: 'Contribution margin = contribution ÷ net revenue (full precision).' }),
        breakEvenPrice: z.number().optional().meta({ description: 'Listed price at which the contribution is 0 (absent when no price breaks even: price-linked fees take all of it).' }),
        breakEvenAcos: z.number().meta({ description: 'Contribution before ads ÷ the ACoS base price: the ACoS at which an ad-driven sale breaks even (negative: no ad spend is affordable).' }),
        maxCpc: z.number().optional().meta({ description: 'Contribution before ads per order ÷ clicks per order (with ads.clicksPerOrder).' }),
      })
      .meta({ description: 'Per unit sold; money rounded to the minor unit, aggregates are sums of the rounded lines.' }),
    totals: z
      .strictObject({
        grossRevenue: z.number(),
        salesVat: z.number(),
        netRevenue: z.number(),
        landedCost: z.number(),
        totalCost: z.number(),
        contribution: z.number(),
        importVatReclaimable: z.number(),
      })
      .meta({ description: 'For all units of the SKU (sums of the line totals).' }),
    rules: z.array(z.string()).meta({ description: 'Ids of the rules (rulesApplied) that apply to this SKU.' }),
  })
  .meta({ id: 'LandedCostSku', description: 'Breakdown of one SKU.' });
export type LandedCostSku = z.output<typeof LandedCostSku>;

export const LandedCostResult = z
  .strictObject({
    ...provenance,
    currency: z.string(),
    minorUnitDigits: z.number(),
    shipment: z
      .strictObject({
        origin: z.string(),
        destination: z.string(),
        importDate: z.string(),
        incoterm: z.string(),
        consignment: z.string(),
        imported: z.boolean().meta({ description: 'false when origin and destination are in one customs territory (no duty or import VAT).' }),
        valuationBasis: z.enum(['CIF', 'FOB']).optional(),
        importVatRate: z.number(),
        salesVatRate: z.number(),
        pricesIncludeVat: z.boolean(),
        importVatReclaimed: z.boolean(),
        measurement: z.enum(['metric', 'imperial']),
        weightUnit: z.enum(['kg', 'lb']),
        volumeUnit: z.enum(['m3', 'ft3']),
        units: z.number(),
        actualWeight: z.number(),
        volume: z.number(),
        volumeCbm: z.number(),
        volumetricDivisor: z.number(),
        volumetricWeight: z.number(),
        chargeableWeight: z.number().meta({ description: 'Shipment chargeable weight after the carrier rounding.' }),
        revenueTons: z.number().meta({ description: 'Chargeable weight in kg ÷ 1,000 (W/M revenue tons with the sea ratio).' }),
        freight: z
          .strictObject({
            mode: z.string(),
            rateBasis: z.string(),
            basisQuantity: z.number().meta({ description: 'Chargeable weight, volume, revenue tons or containers the rate applies to.' }),
            rate: z.number(),
            baseCharge: z.number(),
            minimumApplied: z.boolean(),
            fuelSurcharge: z.number(),
            preCarriage: z.number(),
            mainFees: z.number(),
            onCarriage: z.number(),
            clearance: z.number(),
            insurance: z.number(),
            total: z.number().meta({ description: 'Freight line total: base (after minimum) + fuel + pre-carriage, main and on-carriage fees.' }),
          })
          .meta({ description: 'Shipment-level freight in `currency`, rounded; allocated to the SKUs in their freight, clearance and insurance lines.' }),
      })
      .meta({ description: 'The shipment as costed.' }),
    skus: z.array(LandedCostSku),
    totals: z
      .strictObject({
        units: z.number(),
        lines: z.strictObject(lineTotalsShape).meta({ description: 'Shipment total of every line (also the lines not counted in cost).' }),
        grossRevenue: z.number(),
        salesVat: z.number(),
        netRevenue: z.number(),
        landedCost: z.number(),
        totalCost: z.number(),
        contribution: z.number(),
        margin: z.number(),
        importVatReclaimable: z.number(),
        paidByBuyer: z.number().meta({ description: 'Duty and import VAT the buyer pays (DDU/DAP).' }),
      })
      .meta({ description: 'The whole shipment (sums of the SKU totals).' }),
    lineFormulas: z.strictObject(Object.fromEntries(COST_LINES.map((l) => [l, z.string()])) as Record<CostLineName, z.ZodString>).meta({ description: 'The formula and source of every line.' }),
    rulesApplied: z.array(RuleApplied),
  })
  .meta({ id: 'LandedCostResult' });
export type LandedCostResult = z.output<typeof LandedCostResult>;
