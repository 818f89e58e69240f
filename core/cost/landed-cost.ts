/**
 * `POST /v1/landed-cost`: a shipment of SKUs -> per-SKU and per-unit cost lines with their formula
 * and inputs (as Zonos returns duty and tax lines, extended to every cost), landed cost to the
 * warehouse, total cost per unit sold, contribution and margin, break-even price, break-even ACoS
 * and maximum CPC, shipment totals, and the dated rules that were applied.
 *
 * Method (per unit of a SKU, all in the selling currency; schemas in schema.ts, data in rules.ts):
 * 1. product = unitCost × FX. Freight for the shipment = max(rate × basis quantity, minimum) ×
 *    (1 + fuel surcharge) + fixed fees, on the chargeable weight (units.ts), volume, revenue tons or
 *    containers; split over the SKUs by chargeable weight, volume or value.
 * 2. Customs value on the destination's basis: FOB = goods + pre-carriage; CIF adds the main freight
 *    and insurance (rules.ts). Duty = ad valorem rate × customs value + specific duties, unless a
 *    low-value rule in force on the import date exempts it or replaces it with a flat duty.
 * 3. Import VAT = rate × (customs value + duty + international transport and insurance where the
 *    destination adds them to a FOB value (AU) + on-carriage to the first destination (EU, UK)).
 *    It is not a cost when the seller reclaims it (VAT-registered) or the buyer pays it (DDU/DAP).
 * 4. Warehouse inbound, storage (storage.ts) and outbound; last mile; commission = max(rate ×
 *    price, minimum) + fixed per order; payment fees; ads; content ÷ units; returns = return rate ×
 *    (return shipping + handling + unsellable share × landed cost); FX buffer on foreign-currency
 *    costs.
 * 5. Net revenue = price ÷ (1 + VAT rate) where prices include VAT (EU, UK, AU, …), else the price.
 *    Contribution = net revenue − total cost; margin = contribution ÷ net revenue.
 * 6. Break-even price: every line is affine in the price p within the low-value regime at the given
 *    price (c = F + S·p, the commission max(r·p, m) taken branch by branch), so contribution k·p −
 *    F − S·p = 0 gives p* = F ÷ (k − S), k = 1 ÷ (1 + VAT) (the cost-volume-profit break-even with
 *    price-proportional variable costs: Horngren, Datar & Rajan, *Cost Accounting*, 15th ed., ch. 3,
 *    with the unit contribution margin taken net of the price-linked fees). Break-even ACoS =
 *    contribution before ads ÷ the ACoS base price; maximum CPC = contribution before ads per order ÷
 *    clicks per order.
 *
 * Money: full precision inside; at the output each line's shipment total is rounded half-up to the
 * currency's minor unit and split over the SKUs by largest remainder in proportion to the exact SKU
 * amounts (allocate.ts), so SKU totals add up exactly; per-unit lines are rounded on their own and
 * the per-unit aggregates are sums of the rounded lines.
 */
import { defineCalculation, type ResultTable } from '../calculation.js';
import { DomainError } from '../errors.js';
import { minorUnitDigits, roundHalfUp, roundMoney } from '../money.js';
import { allocateMinor, shares } from './allocate.js';
import { destinationRule, lowValueRule, sameCustomsTerritory, vatRateRow, type DestinationRule, type LowValueRule, type ValuationBasis } from './rules.js';
import {
  COST_LINES,
  LANDED_LINES,
  LandedCostInput,
  LandedCostResult,
  type CostLine,
  type CostLineName,
  type LandedCostSku,
} from './schema.js';
import { storageFactor } from './storage.js';
import { defaultComparison, defaultDivisor, defaultRoundingIncrement, roundUpTo, toCubicMetres, toKg, toLargeVolume, unitLabels } from './units.js';

/** How many SKU ids a warning names before "and N more". */
const WARNING_NAMES = 10;

/** Index of each line in COST_LINES (per-SKU amounts live in typed arrays in this order). */
export const LINE_INDEX = {
  product: 0,
  freight: 1,
  insurance: 2,
  duty: 3,
  importVat: 4,
  clearance: 5,
  warehouseInbound: 6,
  warehouseStorage: 7,
  warehouseOutbound: 8,
  lastMile: 9,
  commission: 10,
  payment: 11,
  ads: 12,
  content: 13,
  returns: 14,
  fxBuffer: 15,
} as const satisfies Record<CostLineName, number>;
const L = LINE_INDEX;
const NL = COST_LINES.length;
const LANDED_INDEXES = COST_LINES.flatMap((l, i) => (LANDED_LINES.has(l) ? [i] : []));
const IS_LANDED = COST_LINES.map((l) => LANDED_LINES.has(l));

export const LINE_FORMULAS: Readonly<Record<CostLineName, string>> = {
  product: 'unitCost × fxRate (purchase cost at the place of export, converted into the selling currency)',
  freight:
    'shipment freight = max(rate × basis quantity, minimum) × (1 + fuel surcharge) + pre-carriage, main and on-carriage fees; SKU share by chargeable weight, volume or value; ÷ quantity (chargeable weight: IATA 6,000 cm³/kg, express 5,000 cm³/kg or 139 in³/lb, sea W/M 1 CBM = 1,000 kg)',
  insurance: 'insurance rate × insured value factor × (goods + pre-carriage + main freight) per unit (Incoterms® 2020 CIF A5: cover of at least 110 % of the price)',
  duty:
    'ad valorem rate × customs value + duty per kg × gross kg + duty per unit; customs value FOB = goods + pre-carriage, CIF adds main freight and insurance (EU UCC Art. 71; 19 U.S.C. 1401a; Customs Act 1901 s161); dated low-value rules may exempt it or replace it by a flat duty per item category (EU from 1 Jul 2026: €3 per parcel)',
  importVat:
    'import VAT rate × (customs value + duty + international transport and insurance not in a FOB value (AU VoTI) + on-carriage to the first destination (EU, UK)) (Directive 2006/112/EC Art. 85–86; GST Act 1999 s13-20; VATA 1994 s21); not a cost when reclaimed or paid by the buyer',
  clearance: 'import clearance fees for the shipment × SKU share ÷ quantity',
  warehouseInbound: 'inbound per unit + inbound per carton × cartons ÷ quantity',
  warehouseStorage: 'unit volume × Σ over the days stored of the day’s rate (monthly rate ÷ days in that month; peak-season rate on peak days) (storage on the daily average volume, as Amazon FBA)',
  warehouseOutbound: 'pick, pack and outbound fee per unit',
  lastMile: 'last-mile delivery per unit',
  commission: 'max(commission rate × price (gross or net of VAT), minimum per unit) + fixed per order ÷ units per order (Amazon: the greater of the referral fee percentage and the per-item minimum)',
  payment: '(payment rate + cross-border + FX conversion surcharge) × gross price + fixed per order ÷ units per order',
  ads: 'attributed share × (ACoS × price on the ACoS base | cost per order ÷ units per order | CPC × clicks per order ÷ units per order)',
  content: 'content production total ÷ the units it is spread over',
  returns: 'return rate × (return shipping + handling + unsellable share × landed cost per unit)',
  fxBuffer: 'FX buffer × the costs per unit incurred in currencies other than the selling currency',
};

/** The per-line formula in symbols (each SKU line; the full text with sources is in LINE_FORMULAS). */
export const LINE_EXPRESSIONS: Readonly<Record<CostLineName, string>> = {
  product: 'unitCost × fxRate',
  freight: '(pre-carriage + main + on-carriage) × allocationShare ÷ quantity',
  insurance: 'insuranceRate × insuredValueFactor × (goods + freightToDestination)',
  duty: 'dutyRate × customsValue + dutyPerKg × grossKgPerUnit + dutyPerUnit (or the low-value rule)',
  importVat: 'importVatRate × (customsValue + duty + internationalTransportAdded + onCarriageAdded)',
  clearance: 'shipmentClearance × allocationShare ÷ quantity',
  warehouseInbound: 'inboundPerUnit + inboundPerCarton × cartons ÷ quantity',
  warehouseStorage: 'unitVolume × ratePerVolume',
  warehouseOutbound: 'outboundPerUnit',
  lastMile: 'lastMilePerUnit',
  commission: 'max(commissionRate × price on base, minimum) + fixedPerOrder ÷ unitsPerOrder',
  payment: '(paymentRate + crossBorderRate + fxConversionRate) × price + fixedPerOrder ÷ unitsPerOrder',
  ads: 'attributedShare × (acos × price on acosBase | costPerOrder ÷ unitsPerOrder | costPerClick × clicksPerOrder ÷ unitsPerOrder)',
  content: 'contentCost ÷ contentUnits',
  returns: 'returnRate × (returnShipping + handling + unsellableShare × landedCostPerUnit)',
  fxBuffer: 'fxBuffer × foreignCostPerUnit',
};

/** Below this many SKUs, detail auto gives every line its formula and inputs. */
export const AUTO_FULL_DETAIL_MAX_SKUS = 100;

const FORMULA =
  'landed cost = product + freight + insurance + duty + import VAT (unless reclaimed or paid by the buyer) + clearance + inbound; total cost per unit sold = landed + storage + outbound + last mile + commission + payment + ads + content + returns + FX buffer; net revenue = price ÷ (1 + VAT rate) for VAT-inclusive prices; contribution = net revenue − total cost, margin = contribution ÷ net revenue; break-even price p* = F ÷ (k − S) with every cost affine in the price (F + S·p) and k = 1 ÷ (1 + VAT rate) (cost-volume-profit break-even, Horngren et al. ch. 3); break-even ACoS = contribution before ads ÷ price; max CPC = contribution before ads per order ÷ clicks per order; money rounded half-up to the ISO 4217 minor unit at the output, shipment totals split by largest remainder';

/** "A, B, C and 4 more" */
function nameList(names: readonly string[]): string {
  const shown = names.slice(0, WARNING_NAMES).join(', ');
  return names.length > WARNING_NAMES ? `${shown} and ${names.length - WARNING_NAMES} more` : shown;
}

const fmt = (x: number, digits: number) => x.toFixed(digits);


interface RuleUse {
  rule: LowValueRule;
  applies: boolean;
  skus: string[];
  values: number[];
}

/**
 * Per-SKU working state. `v[j]` is line j per unit at the SKU's price, `s[j]` its derivative with
 * respect to the price (every line is affine in the price within one low-value regime).
 */
interface SkuWork {
  q: number;
  share: number;
  v: Float64Array;
  s: Float64Array;
  /** Customs value per unit and its derivative in the price. */
  cv: number;
  cvS: number;
  commissionRate: number;
  reclaimable: boolean;
  inputs: Array<Record<string, number | string | boolean> | undefined> | undefined;
  rules: string[];
  /** Threshold tests that depend on the price (parcel-per-order), for the break-even check. */
  priceThresholds: Array<{ applies: boolean; valueAt: (p: number) => number; limit: number }>;
}

/**
 * Landed cost and unit economics of a shipment.
 * @example landedCost(LandedCostInput.parse(landedCostCalculation.example)).skus[0].perUnit.landedCost
 */
export function landedCost(input: LandedCostInput): LandedCostResult {
  const currency = input.currency;
  const digits = minorUnitDigits(currency);
  const { shipment, freight: fr, selling } = input;
  const items = input.items;
  const n = items.length;
  const m = shipment.measurement;
  const labels = unitLabels(m);
  const warnings: string[] = [];
  const full = input.detail === 'full' || (input.detail === 'auto' && n <= AUTO_FULL_DETAIL_MAX_SKUS);
  if (input.detail === 'auto' && !full)
    warnings.push(`More than ${AUTO_FULL_DETAIL_MAX_SKUS} SKUs: the cost lines carry amounts only (detail summary); ask for detail full to get every formula and its inputs.`);

  // Exchange rates into the selling currency.
  const rates = new Map<string, number>(input.fxRates.map((r) => [r.currency, r.rate]));
  const fx = (c: string | undefined): number => (c === undefined || c === currency ? 1 : rates.get(c)!);
  const fxNeeded = (c: string, why: string): number => {
    if (c === currency) return 1;
    const r = rates.get(c);
    if (r === undefined) throw new DomainError('landed-cost.fx-rate-missing', `${why} is in ${c}: add { "currency": "${c}", "rate": … } to fxRates (units of ${currency} per 1 ${c})`, ['fxRates']);
    return r;
  };
  const foreign = (c: string | undefined) => c !== undefined && c !== currency;

  // Destination: valuation basis, import VAT and sales VAT.
  const imported = !sameCustomsTerritory(shipment.origin, shipment.destination);
  const dest: DestinationRule | undefined = destinationRule(shipment.destination, shipment.importDate);
  const vatRow = vatRateRow(shipment.destination, shipment.importDate);
  const valuationBasis: ValuationBasis | undefined = shipment.valuationBasis ?? dest?.valuationBasis;
  const importVatRate = shipment.importVatRate ?? vatRow?.rate ?? 0;
  if (imported && (valuationBasis === undefined || (shipment.importVatRate === undefined && vatRow === undefined))) {
    const missing = [valuationBasis === undefined ? 'shipment.valuationBasis' : '', shipment.importVatRate === undefined && vatRow === undefined ? 'shipment.importVatRate' : ''].filter(Boolean).join(' and ');
    throw new DomainError(
      'landed-cost.destination-not-covered',
      `no customs valuation basis or VAT/GST rate is on file for ${shipment.destination} on ${shipment.importDate}: give ${missing} (and selling.salesVatRate, selling.pricesIncludeVat)`,
      ['shipment', 'destination'],
    );
  }
  const pricesIncludeVat = selling.pricesIncludeVat ?? dest?.pricesIncludeVat ?? false;
  const salesVatRate = selling.salesVatRate ?? vatRow?.rate ?? shipment.importVatRate ?? (pricesIncludeVat ? undefined : 0);
  if (salesVatRate === undefined)
    throw new DomainError('landed-cost.destination-not-covered', `prices include VAT but no VAT rate is on file for ${shipment.destination} on ${shipment.importDate}: give selling.salesVatRate`, ['selling', 'salesVatRate']);
  const k = pricesIncludeVat ? 1 / (1 + salesVatRate) : 1;
  const reclaims = shipment.reclaimsImportVat ?? shipment.vatRegistered;
  const sellerPaysImport = shipment.incoterm === 'DDP';
  const addsIntl = valuationBasis === 'FOB' && (dest?.vatBaseAddsInternationalTransport ?? false);
  const addsOn = dest?.vatBaseAddsOnCarriage ?? false;
  const parcels = shipment.consignment === 'parcel-per-order';
  const upo = selling.unitsPerOrder;

  // Which lines count in the seller's cost, and who pays them: the same for every SKU.
  const inCost = new Array<boolean>(NL).fill(true);
  inCost[L.duty] = sellerPaysImport;
  inCost[L.importVat] = sellerPaysImport && !reclaims;
  const paidBy = COST_LINES.map((l) => ((l === 'duty' || l === 'importVat') && !sellerPaysImport ? 'buyer' : 'seller') as 'seller' | 'buyer');

  // 1. Physical quantities and the shipment's chargeable weight.
  const divisor = fr.volumetricDivisor ?? defaultDivisor(fr.mode, m);
  const increment = fr.roundingIncrement ?? defaultRoundingIncrement(fr.mode, m);
  const comparison = fr.comparison ?? defaultComparison(fr.mode);
  const basis = fr.rateBasis ?? (fr.mode === 'sea-lcl' ? 'revenue-ton' : fr.mode === 'sea-fcl' ? 'container' : 'chargeable-weight');
  const unitVolume = new Float64Array(n);
  const unitWeightKg = new Float64Array(n);
  const skuActual = new Float64Array(n);
  const skuVolume = new Float64Array(n);
  const skuChargeable = new Float64Array(n);
  let totalActual = 0;
  let totalVolume = 0;
  let pieceChargeable = 0;
  let partialCartons = 0;
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    const perCarton = item.measuredPer === 'carton';
    const upc = item.unitsPerCarton ?? 1;
    const pieces = perCarton ? Math.ceil(item.quantity / upc) : item.quantity;
    if (item.unitsPerCarton !== undefined && item.quantity % item.unitsPerCarton !== 0) partialCartons++;
    const pv = item.length * item.width * item.height;
    unitVolume[i] = perCarton ? pv / upc : pv;
    unitWeightKg[i] = toKg(perCarton ? item.weight / upc : item.weight, m);
    skuActual[i] = pieces * item.weight;
    skuVolume[i] = pieces * pv;
    const perPiece = Math.max(item.weight, pv / divisor);
    skuChargeable[i] = comparison === 'piece' ? pieces * perPiece : Math.max(skuActual[i]!, skuVolume[i]! / divisor);
    pieceChargeable += pieces * roundUpTo(perPiece, increment);
    totalActual += skuActual[i]!;
    totalVolume += skuVolume[i]!;
  }
  const volumetricWeight = totalVolume / divisor;
  const chargeable = comparison === 'piece' ? pieceChargeable : roundUpTo(Math.max(totalActual, volumetricWeight), increment);
  const revenueTons = toKg(chargeable, m) / 1000;

  // Shipment freight in the selling currency.
  const fxF = fx(fr.currency);
  const basisQuantity = basis === 'chargeable-weight' ? chargeable : basis === 'volume' ? toLargeVolume(totalVolume, m) : basis === 'revenue-ton' ? revenueTons : (fr.containers ?? 0);
  const baseCharge = fr.rate * basisQuantity * fxF;
  const minimum = fr.minimumCharge * fxF;
  const afterMinimum = Math.max(baseCharge, minimum);
  const fuel = fr.fuelSurchargeRate * afterMinimum;
  const feeTotal = (stage: string) => fr.fees.reduce((a, f) => (f.stage === stage ? a + f.amount : a), 0) * fxF;
  const pre = feeTotal('pre-carriage');
  const mainFees = feeTotal('main');
  const on = feeTotal('on-carriage');
  const clearance = feeTotal('clearance');
  const main = afterMinimum + fuel + mainFees;

  // Allocation key.
  let weights: ArrayLike<number>;
  if (fr.allocation === 'volume') weights = skuVolume;
  else if (fr.allocation === 'value') {
    const values = items.map((item) => item.quantity * item.unitCost * fx(item.costCurrency));
    weights = values;
    if (!values.some((w) => w > 0)) {
      weights = items.map((item) => item.quantity);
      warnings.push('Freight allocation by value: every SKU has a purchase cost of 0, so the freight is split by units instead.');
    }
  } else weights = skuChargeable;
  const share = shares(Array.from(weights));

  // 2. Per-SKU lines before the low-value rules.
  const wh = input.warehouse;
  const fxW = fx(wh?.currency);
  const storage = wh && wh.storageDays > 0 ? storageFactor(wh.arrivalDate ?? shipment.importDate, wh.storageDays, wh.storageRate, wh.storagePeriod, wh.peakSeasons) : undefined;
  const acosBeta = selling.acosBase === 'gross' ? 1 : k;
  const commissionBeta = selling.commissionBase === 'gross' ? 1 : k;
  const paymentRate = selling.paymentRate + selling.crossBorderRate + selling.fxConversionRate;
  const ads = selling.ads;
  const commissionFixed = selling.commissionFixedPerOrder / upo;

  const work: SkuWork[] = new Array(n);
  const vAll = new Float64Array(n * NL);
  const sAll = new Float64Array(n * NL);
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    const q = item.quantity;
    const sh = share[i]!;
    const price = item.price;
    const v = vAll.subarray(i * NL, (i + 1) * NL);
    const s = sAll.subarray(i * NL, (i + 1) * NL);
    const product = item.unitCost * fx(item.costCurrency);
    const prePu = (pre * sh) / q;
    const mainPu = (main * sh) / q;
    const onPu = (on * sh) / q;
    const insurance = fr.insuranceRate * fr.insuredValueFactor * (product + prePu + mainPu);
    v[L.product] = product;
    v[L.freight] = prePu + mainPu + onPu;
    v[L.insurance] = insurance;
    v[L.clearance] = (clearance * sh) / q;
    const cartons = item.unitsPerCarton !== undefined ? Math.ceil(q / item.unitsPerCarton) : undefined;
    if (wh) {
      v[L.warehouseInbound] = (wh.inboundPerUnit + (cartons !== undefined ? (wh.inboundPerCarton * cartons) / q : 0)) * fxW;
      v[L.warehouseStorage] = storage ? toLargeVolume(unitVolume[i]!, m) * storage.ratePerVolume * fxW : 0;
      v[L.warehouseOutbound] = wh.outboundPerUnit * fxW;
    }
    v[L.lastMile] = selling.lastMilePerUnit;
    v[L.payment] = paymentRate * price + selling.paymentFixedPerOrder / upo;
    s[L.payment] = paymentRate;
    if (ads?.basis === 'acos') {
      s[L.ads] = ads.attributedShare * ads.acos * acosBeta;
      v[L.ads] = s[L.ads]! * price;
    } else if (ads?.basis === 'cost-per-order') v[L.ads] = (ads.attributedShare * ads.costPerOrder) / upo;
    else if (ads?.basis === 'cpc') v[L.ads] = (ads.attributedShare * ads.costPerClick * ads.clicksPerOrder) / upo;
    v[L.content] = item.contentCost / (item.contentUnits ?? q);
    const commissionRate = item.commissionRate ?? selling.commissionRate;
    const pct = commissionRate * commissionBeta * price;
    v[L.commission] = Math.max(pct, selling.commissionMinimum) + commissionFixed;
    s[L.commission] = pct >= selling.commissionMinimum ? commissionRate * commissionBeta : 0;
    // Customs value: goods (purchase cost, or the net selling price of a B2C parcel) + pre-carriage (+ main freight and insurance for CIF).
    const cif = valuationBasis === 'CIF' ? mainPu + insurance : 0;
    const cv = imported ? (parcels ? k * price : product) + prePu + cif : 0;
    const cvS = imported && parcels ? k : 0;
    const w: SkuWork = { q, share: sh, v, s, cv, cvS, commissionRate, reclaimable: sellerPaysImport && reclaims && imported, inputs: full ? new Array(NL) : undefined, rules: [], priceThresholds: [] };
    if (w.inputs) {
      const inputs = w.inputs;
      inputs[L.product] = { unitCost: item.unitCost, costCurrency: item.costCurrency ?? currency, fxRate: fx(item.costCurrency) };
      inputs[L.freight] = { allocation: fr.allocation, allocationShare: sh, shipmentFreight: pre + main + on, preCarriagePerUnit: prePu, mainPerUnit: mainPu, onCarriagePerUnit: onPu, quantity: q };
      inputs[L.insurance] = { insuranceRate: fr.insuranceRate, insuredValueFactor: fr.insuredValueFactor, goods: product, freightToDestination: prePu + mainPu };
      inputs[L.clearance] = { shipmentClearance: clearance, allocationShare: sh, quantity: q };
      if (wh) {
        inputs[L.warehouseInbound] = { inboundPerUnit: wh.inboundPerUnit, inboundPerCarton: wh.inboundPerCarton, cartons: cartons ?? 0, quantity: q, fxRate: fxW };
        inputs[L.warehouseStorage] = { unitVolume: toLargeVolume(unitVolume[i]!, m), volumeUnit: labels.volume, storageDays: wh.storageDays, ratePerVolume: storage?.ratePerVolume ?? 0, peakDays: storage?.peakDays ?? 0, fxRate: fxW };
        inputs[L.warehouseOutbound] = { outboundPerUnit: wh.outboundPerUnit, fxRate: fxW };
      }
      inputs[L.lastMile] = { lastMilePerUnit: selling.lastMilePerUnit };
      inputs[L.commission] = { commissionRate, base: selling.commissionBase, price, minimum: selling.commissionMinimum, fixedPerOrder: selling.commissionFixedPerOrder, unitsPerOrder: upo };
      inputs[L.payment] = { paymentRate: selling.paymentRate, crossBorderRate: selling.crossBorderRate, fxConversionRate: selling.fxConversionRate, price, fixedPerOrder: selling.paymentFixedPerOrder, unitsPerOrder: upo };
      inputs[L.ads] = !ads
        ? { basis: 'none' }
        : ads.basis === 'acos'
          ? { basis: 'acos', acos: ads.acos, acosBase: selling.acosBase, price, attributedShare: ads.attributedShare }
          : ads.basis === 'cost-per-order'
            ? { basis: 'cost-per-order', costPerOrder: ads.costPerOrder, unitsPerOrder: upo, attributedShare: ads.attributedShare }
            : { basis: 'cpc', costPerClick: ads.costPerClick, clicksPerOrder: ads.clicksPerOrder, unitsPerOrder: upo, attributedShare: ads.attributedShare };
      inputs[L.content] = { contentCost: item.contentCost, contentUnits: item.contentUnits ?? q };
    }
    work[i] = w;
  }

  // 3. Low-value rules: the deciding rule per topic (by origin), its threshold tested on the
  //    consignment value on the rule's basis, converted into the threshold currency.
  const ruleUses = new Map<string, RuleUse>();
  const note = (rule: LowValueRule, applies: boolean, sku: string, value: number) => {
    const key = applies ? rule.id : `${rule.id}|not`;
    let use = ruleUses.get(key);
    if (!use) ruleUses.set(key, (use = { rule, applies, skus: [], values: [] }));
    use.skus.push(sku);
    if (Number.isFinite(value)) use.values.push(value);
  };
  let bulkGoods = 0;
  let bulkCustoms = 0;
  for (const w of work) {
    bulkGoods += w.q * w.v[L.product]!;
    bulkCustoms += w.q * w.cv;
  }
  /** Consignment value on a basis, in the selling currency, as a function of the SKU's price. */
  const consignmentValue = (w: SkuWork, price: number, on: NonNullable<LowValueRule['threshold']>['basis']): ((p: number) => number) => {
    if (!parcels) return () => (on === 'customs-value' ? bulkCustoms : bulkGoods);
    if (on === 'customs-value') return (p: number) => upo * (w.cv + w.cvS * (p - price));
    return (p: number) => upo * k * p;
  };
  const ruleCache = new Map<string, LowValueRule | undefined>();
  const decidingRule = (topic: LowValueRule['topic'], origin: string) => {
    const key = `${topic}|${origin}`;
    if (!ruleCache.has(key)) ruleCache.set(key, lowValueRule(topic, shipment.destination, shipment.importDate, origin, shipment.consignment, shipment.vatCollectedAtSale));
    return ruleCache.get(key);
  };
  const dutyEffect = new Array<LowValueRule | undefined>(n);
  const vatEffect = new Array<LowValueRule | undefined>(n);
  if (imported && shipment.applyLowValueRules)
    for (let i = 0; i < n; i++) {
      const item = items[i]!;
      const w = work[i]!;
      for (const topic of ['duty', 'import-vat'] as const) {
        const rule = decidingRule(topic, item.originCountry ?? shipment.origin);
        if (!rule) continue;
        let applies = true;
        let value = Number.NaN;
        if (rule.threshold) {
          const t = rule.threshold;
          const rate = fxNeeded(t.currency, `the threshold of rule ${rule.id}`);
          const valueAt = consignmentValue(w, item.price, t.basis);
          value = valueAt(item.price) / rate;
          applies = value <= t.amount;
          if (parcels) w.priceThresholds.push({ applies, valueAt: (p) => valueAt(p) / rate, limit: t.amount });
        }
        note(rule, applies, item.sku, value);
        if (applies) {
          w.rules.push(rule.id);
          if (topic === 'duty') dutyEffect[i] = rule;
          else vatEffect[i] = rule;
        }
      }
    }

  // 4. Duty and import VAT, then the lines that depend on the landed cost.
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    const w = work[i]!;
    const { v, s } = w;
    const rule = dutyEffect[i];
    if (imported) {
      if (rule?.effect === 'flat-per-item-category' && rule.flatAmount) v[L.duty] = (rule.flatAmount.amount * fxNeeded(rule.flatAmount.currency, `the flat duty of rule ${rule.id}`)) / upo;
      else if (rule?.effect !== 'exempt') {
        v[L.duty] = item.dutyRate * w.cv + (item.dutyPerKg * unitWeightKg[i]! + item.dutyPerUnit) * fx(item.dutyCurrency);
        s[L.duty] = item.dutyRate * w.cvS;
      }
    }
    const mainPu = (main * w.share) / w.q;
    const onPu = (on * w.share) / w.q;
    const intl = addsIntl ? mainPu + v[L.insurance]! : 0;
    const onCarriage = addsOn ? onPu : 0;
    const vatNotCharged = vatEffect[i]?.effect === 'not-charged-at-border';
    const vatBase = w.cv + v[L.duty]! + intl + onCarriage;
    if (imported && !vatNotCharged) {
      v[L.importVat] = importVatRate * vatBase;
      s[L.importVat] = importVatRate * (w.cvS + s[L.duty]!);
    }
    let landedV = 0;
    let landedS = 0;
    for (const j of LANDED_INDEXES)
      if (inCost[j]) {
        landedV += v[j]!;
        landedS += s[j]!;
      }
    v[L.returns] = selling.returnRate * (selling.returnShippingPerReturn + selling.returnHandlingPerReturn + selling.unsellableShare * landedV);
    s[L.returns] = selling.returnRate * selling.unsellableShare * landedS;
    let foreignCost = 0;
    if (foreign(item.costCurrency)) foreignCost += v[L.product]!;
    if (foreign(fr.currency)) foreignCost += v[L.freight]! + v[L.insurance]! + v[L.clearance]!;
    if (foreign(wh?.currency)) foreignCost += v[L.warehouseInbound]! + v[L.warehouseStorage]! + v[L.warehouseOutbound]!;
    v[L.fxBuffer] = input.fxBuffer * foreignCost;
    if (w.inputs) {
      const inputs = w.inputs;
      inputs[L.duty] = !imported
        ? { imported: false }
        : rule?.effect === 'exempt'
          ? { rule: rule.id, customsValue: w.cv, exempt: true }
          : rule?.effect === 'flat-per-item-category'
            ? { rule: rule.id, flatDutyPerParcel: rule.flatAmount?.amount ?? 0, flatDutyCurrency: rule.flatAmount?.currency ?? '', itemCategoriesPerParcel: 1, unitsPerParcel: upo }
            : { valuationBasis: valuationBasis ?? '', customsValue: w.cv, dutyRate: item.dutyRate, dutyPerKg: item.dutyPerKg, grossKgPerUnit: unitWeightKg[i]!, dutyPerUnit: item.dutyPerUnit, dutyFxRate: fx(item.dutyCurrency) };
      inputs[L.importVat] = !imported
        ? { imported: false }
        : vatNotCharged
          ? { rule: vatEffect[i]!.id, chargedAtBorder: false }
          : { importVatRate, customsValue: w.cv, duty: v[L.duty]!, internationalTransportAdded: intl, onCarriageAdded: onCarriage, vatBase, reclaimed: w.reclaimable };
      inputs[L.returns] = { returnRate: selling.returnRate, returnShipping: selling.returnShippingPerReturn, handling: selling.returnHandlingPerReturn, unsellableShare: selling.unsellableShare, landedCostPerUnit: landedV };
      inputs[L.fxBuffer] = { fxBuffer: input.fxBuffer, foreignCostPerUnit: foreignCost };
    }
  }

  // 5. Rounding: each line's shipment total in minor units, split over the SKUs by largest remainder.
  const allocated = COST_LINES.map((line, j) => allocateMinor(work.map((w) => w.q * w.v[j]!), digits, line));
  const gross = allocateMinor(items.map((item) => item.quantity * item.price), digits, 'gross revenue');
  const net = allocateMinor(items.map((item) => item.quantity * k * item.price), digits, 'net revenue');
  const scaleMinor = 10 ** digits;
  const money = (minor: number) => (minor === 0 ? 0 : minor / scaleMinor);
  const minor = (x: number) => roundHalfUp(x * scaleMinor);
  const clicks = ads?.clicksPerOrder;

  const losing: string[] = [];
  const noBreakEven: string[] = [];
  const crossing: string[] = [];
  let exactContribution = 0;
  let exactNet = 0;
  let landedSum = 0;
  let costSum = 0;
  let reclaimSum = 0;
  const skus: LandedCostSku[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    const w = work[i]!;
    const { v, s } = w;
    const price = item.price;
    const lines: CostLine[] = new Array(NL);
    let landedMinor = 0;
    let costMinor = 0;
    let landedTotal = 0;
    let costTotal = 0;
    let exactCost = 0;
    // Break-even: F + S·p' over every costed line but the commission, then both commission branches.
    let F = commissionFixed;
    let S = 0;
    for (let j = 0; j < NL; j++) {
      const perUnitMinor = minor(v[j]!);
      const totalPart = allocated[j]!.parts[i]!;
      const counted = inCost[j]!;
      const landedLine = IS_LANDED[j]!;
      if (counted) {
        costMinor += perUnitMinor;
        costTotal += totalPart;
        exactCost += v[j]!;
        if (landedLine) {
          landedMinor += perUnitMinor;
          landedTotal += totalPart;
        }
        if (j !== L.commission) {
          F += v[j]! - s[j]! * price;
          S += s[j]!;
        }
      }
      // One object shape for every line (absent fields are undefined, which JSON leaves out): V8 builds them fastest.
      lines[j] = {
        line: COST_LINES[j]!,
        perUnit: money(perUnitMinor),
        total: money(totalPart),
        paidBy: paidBy[j]!,
        inCost: counted,
        reclaimable: j === L.importVat && w.reclaimable ? true : undefined,
        currency: w.inputs ? currency : undefined,
        inLandedCost: w.inputs ? landedLine : undefined,
        formula: w.inputs ? LINE_EXPRESSIONS[COST_LINES[j]!] : undefined,
        inputs: w.inputs ? (w.inputs[j] ?? {}) : undefined,
      };
    }
    const priceMinor = minor(price);
    const netMinor = minor(k * price);
    const exactNetPu = k * price;
    const contribution = exactNetPu - exactCost;
    exactContribution += w.q * contribution;
    exactNet += w.q * exactNetPu;
    if (contribution < 0) losing.push(item.sku);
    const cba = contribution + v[L.ads]!;

    F = Math.max(F, 0);
    const a = w.commissionRate * commissionBeta;
    const minCommission = selling.commissionMinimum;
    let breakEven: number | undefined;
    if (k - S - a > 0) {
      const pA = F / (k - S - a);
      if (a * pA >= minCommission) breakEven = pA;
    }
    if (k - S > 0) {
      const pB = (F + minCommission) / (k - S);
      if (a * pB <= minCommission && (breakEven === undefined || pB < breakEven)) breakEven = pB;
    }
    if (breakEven === undefined) noBreakEven.push(item.sku);
    else if (w.priceThresholds.some((t) => t.valueAt(breakEven) <= t.limit !== t.applies)) crossing.push(item.sku);

    const perUnit: LandedCostSku['perUnit'] = {
      price: money(priceMinor),
      salesVat: money(priceMinor - netMinor),
      netRevenue: money(netMinor),
      customsValue: money(minor(w.cv)),
      landedCost: money(landedMinor),
      totalCost: money(costMinor),
      contribution: money(netMinor - costMinor),
      contributionBeforeAds: money(netMinor - costMinor + minor(v[L.ads]!)),
      margin: contribution / exactNetPu,
      breakEvenPrice: breakEven !== undefined ? money(minor(breakEven)) : undefined,
      breakEvenAcos: cba / (acosBeta * price),
      maxCpc: clicks !== undefined ? money(minor((cba * upo) / clicks)) : undefined,
    };
    const grossTotal = gross.parts[i]!;
    const netTotal = net.parts[i]!;
    const reclaimTotal = w.reclaimable ? allocated[L.importVat]!.parts[i]! : 0;
    landedSum += landedTotal;
    costSum += costTotal;
    reclaimSum += reclaimTotal;
    const sku: LandedCostSku = {
      sku: item.sku,
      quantity: w.q,
      cartons: item.unitsPerCarton !== undefined ? Math.ceil(w.q / item.unitsPerCarton) : undefined,
      originCountry: item.originCountry ?? shipment.origin,
      actualWeight: skuActual[i]!,
      volume: toLargeVolume(skuVolume[i]!, m),
      chargeableWeight: skuChargeable[i]!,
      allocationShare: w.share,
      lines,
      perUnit,
      totals: {
        grossRevenue: money(grossTotal),
        salesVat: money(grossTotal - netTotal),
        netRevenue: money(netTotal),
        landedCost: money(landedTotal),
        totalCost: money(costTotal),
        contribution: money(netTotal - costTotal),
        importVatReclaimable: money(reclaimTotal),
      },
      rules: w.rules,
    };
    skus[i] = sku;
  }

  // 6. Rules applied and warnings.
  const rulesApplied: LandedCostResult['rulesApplied'] = [];
  if (imported) {
    if (dest && shipment.valuationBasis === undefined)
      rulesApplied.push({ id: dest.id, topic: 'valuation', description: dest.description, source: dest.source, validFrom: dest.validFrom, ...(dest.validTo ? { validTo: dest.validTo } : {}), applies: true, detail: `customs value on a ${valuationBasis} basis` });
    else
      rulesApplied.push({ id: 'caller-valuation-basis', topic: 'valuation', description: `Customs valuation basis ${valuationBasis} given by the caller.`, source: 'shipment.valuationBasis', validFrom: shipment.importDate, applies: true, detail: `customs value on a ${valuationBasis} basis` });
  }
  const vatRowImport = imported && shipment.importVatRate === undefined;
  const vatRowSales = pricesIncludeVat && selling.salesVatRate === undefined;
  if (vatRow && (vatRowImport || vatRowSales))
    rulesApplied.push({
      id: vatRow.id,
      topic: 'vat-rate',
      description: `Standard VAT/GST rate of ${shipment.destination}: ${+(vatRow.rate * 100).toFixed(2)} %.`,
      source: vatRow.source,
      validFrom: vatRow.validFrom,
      ...(vatRow.validTo ? { validTo: vatRow.validTo } : {}),
      applies: true,
      detail: [vatRowImport ? 'import VAT' : '', vatRowSales ? 'sales VAT in the price' : ''].filter(Boolean).join(' and '),
    });
  const standing = rulesApplied.map((r) => r.id);
  for (const sku of skus) sku.rules.unshift(...standing);
  for (const use of ruleUses.values()) {
    const t = use.rule.threshold;
    let detail = `no threshold: ${use.rule.effect === 'due' ? 'ordinary duty on every consignment' : use.rule.effect}`;
    if (t) {
      const lo = use.values.reduce((a, x) => Math.min(a, x), Number.POSITIVE_INFINITY);
      const hi = use.values.reduce((a, x) => Math.max(a, x), Number.NEGATIVE_INFINITY);
      const value = !parcels ? `consignment value ${fmt(lo, 2)} ${t.currency}` : lo === hi ? `parcel value ${fmt(lo, 2)} ${t.currency}` : `parcel values ${fmt(lo, 2)}–${fmt(hi, 2)} ${t.currency}`;
      detail = `${value} (${t.basis}) ${use.applies ? '≤' : '>'} threshold ${t.amount} ${t.currency}`;
      if (t.basis === 'fair-retail-value') warnings.push(`Rule ${use.rule.id}: the fair retail value is approximated by the ${parcels ? 'selling price' : 'goods value (purchase cost)'}.`);
    }
    rulesApplied.push({
      id: use.rule.id,
      topic: use.rule.topic,
      description: use.rule.description,
      source: use.rule.source,
      validFrom: use.rule.validFrom,
      ...(use.rule.validTo ? { validTo: use.rule.validTo } : {}),
      applies: use.applies,
      detail,
      ...(use.skus.length < n ? { skus: use.skus } : {}),
    });
  }

  if (!imported) warnings.push(`${shipment.origin} and ${shipment.destination} are in one customs territory: no duty or import VAT.`);
  if (imported && !sellerPaysImport) warnings.push(`Incoterm ${shipment.incoterm}: the buyer pays import duty and VAT; they are shown (paidBy buyer) but not counted in the seller’s cost.`);
  if (imported && sellerPaysImport && !reclaims && allocated[L.importVat]!.total > 0)
    warnings.push('Import VAT is counted as a cost: the seller does not reclaim it (not VAT-registered, or reclaimsImportVat false). VAT-registered sellers reclaim it as input tax.');
  if (input.fxBuffer > 0) {
    const currencies = [...new Set([...items.map((it) => it.costCurrency), fr.currency, wh?.currency].filter((c): c is string => foreign(c)))];
    warnings.push(
      currencies.length > 0 ? `FX buffer of ${+(input.fxBuffer * 100).toFixed(4)} % added to the costs in ${currencies.join(', ')}.` : 'fxBuffer is set but every cost is in the selling currency: the buffer adds nothing.',
    );
  }
  if (fr.mode === 'rail' && fr.volumetricDivisor === undefined)
    warnings.push('Rail has no published standard volumetric ratio; the sea W/M ratio 1 CBM = 1,000 kg is used. Pass freight.volumetricDivisor with your operator’s ratio.');
  if (partialCartons > 0) warnings.push(`${partialCartons} SKU${partialCartons === 1 ? '' : 's'} fill a partial last carton; it counts as a whole carton (weight, volume and per-carton fees).`);
  if (items.some((it) => it.dutyPerKg > 0)) warnings.push('Specific duty per kg is applied to the gross weight of the unit as packed (tariffs usually mean net weight).');
  if (losing.length > 0) warnings.push(`Negative contribution for ${losing.length} SKU${losing.length === 1 ? '' : 's'}: ${nameList(losing)}. Every unit sold at this price loses money.`);
  if (noBreakEven.length > 0) warnings.push(`No break-even price for ${nameList(noBreakEven)}: the price-linked fees (VAT, commission, payment, ACoS) take the whole price.`);
  if (crossing.length > 0) warnings.push(`The break-even price of ${nameList(crossing)} crosses a low-value threshold; the rules would differ there (the break-even assumes the rules at the given price).`);
  if (basis === 'container' && fr.mode !== 'sea-fcl') warnings.push('The freight rate is per container but the mode is not sea-fcl.');
  if (minimum > baseCharge) warnings.push(`The minimum freight charge (${fmt(minimum, digits)} ${currency}) is above the base freight (${fmt(baseCharge, digits)} ${currency}).`);

  const lineTotals = Object.fromEntries(COST_LINES.map((l, j) => [l, money(allocated[j]!.total)])) as Record<CostLineName, number>;
  const units = items.reduce((a, it) => a + it.quantity, 0);
  return {
    method: 'landed-cost',
    formula: FORMULA,
    warnings,
    currency,
    minorUnitDigits: digits,
    shipment: {
      origin: shipment.origin,
      destination: shipment.destination,
      importDate: shipment.importDate,
      incoterm: shipment.incoterm,
      consignment: shipment.consignment,
      imported,
      ...(imported && valuationBasis ? { valuationBasis } : {}),
      importVatRate: imported ? importVatRate : 0,
      salesVatRate: pricesIncludeVat ? salesVatRate : 0,
      pricesIncludeVat,
      importVatReclaimed: imported && sellerPaysImport && reclaims,
      measurement: m,
      weightUnit: labels.weight,
      volumeUnit: labels.volume,
      units,
      actualWeight: totalActual,
      volume: toLargeVolume(totalVolume, m),
      volumeCbm: toCubicMetres(totalVolume, m),
      volumetricDivisor: divisor,
      volumetricWeight,
      chargeableWeight: chargeable,
      revenueTons,
      freight: {
        mode: fr.mode,
        rateBasis: basis,
        basisQuantity,
        rate: fr.rate,
        baseCharge: roundMoney(baseCharge, digits),
        minimumApplied: minimum > baseCharge,
        fuelSurcharge: roundMoney(fuel, digits),
        preCarriage: roundMoney(pre, digits),
        mainFees: roundMoney(mainFees, digits),
        onCarriage: roundMoney(on, digits),
        clearance: lineTotals.clearance,
        insurance: lineTotals.insurance,
        total: lineTotals.freight,
      },
    },
    skus,
    totals: {
      units,
      lines: lineTotals,
      grossRevenue: money(gross.total),
      salesVat: money(gross.total - net.total),
      netRevenue: money(net.total),
      landedCost: money(landedSum),
      totalCost: money(costSum),
      contribution: money(net.total - costSum),
      margin: exactNet > 0 ? exactContribution / exactNet : 0,
      importVatReclaimable: money(reclaimSum),
      paidByBuyer: sellerPaysImport ? 0 : money(allocated[L.duty]!.total + allocated[L.importVat]!.total),
    },
    lineFormulas: LINE_FORMULAS,
    rulesApplied,
  };
}

const TABLE_LINES = COST_LINES;

/** One row per SKU: quantity, every cost line per unit (amounts counted in cost; 0 when not), and the unit economics. */
export function landedCostTable(result: LandedCostResult): ResultTable {
  const columns = [
    'sku',
    'quantity',
    ...TABLE_LINES,
    'importVatReclaimable',
    'landedCost',
    'totalCost',
    'price',
    'salesVat',
    'netRevenue',
    'contribution',
    'margin',
    'breakEvenPrice',
    'breakEvenAcos',
    'maxCpc',
    'totalContribution',
  ];
  const rows = result.skus.map((s) => {
    const byLine = new Map(s.lines.map((l) => [l.line, l]));
    const vat = byLine.get('importVat');
    return [
      s.sku,
      s.quantity,
      ...TABLE_LINES.map((l) => {
        const line = byLine.get(l);
        return line && line.inCost ? line.perUnit : 0;
      }),
      vat?.reclaimable ? vat.perUnit : 0,
      s.perUnit.landedCost,
      s.perUnit.totalCost,
      s.perUnit.price,
      s.perUnit.salesVat,
      s.perUnit.netRevenue,
      s.perUnit.contribution,
      s.perUnit.margin,
      s.perUnit.breakEvenPrice ?? '',
      s.perUnit.breakEvenAcos,
      s.perUnit.maxCpc ?? '',
      s.totals.contribution,
    ];
  });
  return { columns, rows };
}

export const landedCostCalculation = defineCalculation({
  name: 'landed-cost',
  summary: 'Landed cost and unit economics of a shipment of SKUs',
  description:
    'What one unit costs once it sits in the overseas warehouse and what is left after it sells: product, first-leg freight on chargeable weight, insurance, duty and import VAT/GST on the destination’s valuation basis with the dated low-value rules (US de minimis suspension, EU €150 relief and €3 flat duty, UK £135, AU A$1,000), clearance, warehouse inbound/storage/outbound, last mile, commission, payment fees, ads, content, returns and FX buffer — each line with its formula and inputs, per unit and per SKU; landed cost, total cost, contribution and margin, break-even price, break-even ACoS and maximum CPC; shipment totals that the SKU figures add up to exactly; the rules applied.',
  input: LandedCostInput,
  result: LandedCostResult,
  compute: landedCost,
  primary: 'skus.0.perUnit.landedCost',
  table: landedCostTable,
  example: {
    currency: 'EUR',
    fxRates: [
      { currency: 'CNY', rate: 0.128 },
      { currency: 'USD', rate: 0.92 },
    ],
    fxBuffer: 0.02,
    detail: 'auto',
    shipment: { origin: 'CN', destination: 'DE', importDate: '2026-09-15', incoterm: 'DDP', consignment: 'bulk', vatRegistered: true },
    items: [
      { sku: 'LAMP-01', quantity: 400, unitCost: 58, costCurrency: 'CNY', price: 34.99, measuredPer: 'carton', unitsPerCarton: 8, weight: 9.6, length: 40, width: 30, height: 35, hsCode: '940520', dutyRate: 0.047 },
      { sku: 'MUG-SET', quantity: 600, unitCost: 22, costCurrency: 'CNY', price: 19.99, measuredPer: 'carton', unitsPerCarton: 12, weight: 11.5, length: 45, width: 35, height: 30, hsCode: '691200', dutyRate: 0.12 },
      { sku: 'YOGA-MAT', quantity: 300, unitCost: 7.5, costCurrency: 'USD', price: 29.99, unitsPerCarton: 10, weight: 1.1, length: 61, width: 12, height: 12, hsCode: '392690', dutyRate: 0.065, contentCost: 600 },
    ],
    freight: {
      mode: 'sea-lcl',
      currency: 'USD',
      rate: 85,
      minimumCharge: 85,
      fuelSurchargeRate: 0.08,
      fees: [
        { name: 'origin trucking and export customs', amount: 180, stage: 'pre-carriage' },
        { name: 'destination THC and documents', amount: 160, stage: 'main' },
        { name: 'port to warehouse trucking', amount: 240, stage: 'on-carriage' },
        { name: 'import customs clearance', amount: 110, stage: 'clearance' },
      ],
      insuranceRate: 0.003,
      allocation: 'chargeable-weight',
    },
    warehouse: {
      currency: 'EUR',
      arrivalDate: '2026-09-22',
      inboundPerCarton: 0.6,
      storageRate: 26,
      storagePeriod: 'month',
      peakSeasons: [{ from: '10-01', to: '12-31', rate: 39 }],
      storageDays: 60,
      outboundPerUnit: 0.9,
    },
    selling: {
      lastMilePerUnit: 3.9,
      commissionRate: 0.15,
      commissionMinimum: 0.3,
      paymentRate: 0,
      ads: { basis: 'acos', acos: 0.12, attributedShare: 0.5, clicksPerOrder: 10 },
      returnRate: 0.05,
      unsellableShare: 0.3,
      returnShippingPerReturn: 4,
      returnHandlingPerReturn: 1,
    },
  },
});
