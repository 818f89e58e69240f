/**
 * Units, volumetric weight and chargeable weight for first-leg freight.
 *
 * A measurement system fixes every physical unit of a request: `metric` = centimetres, kilograms,
 * cubic metres (CBM); `imperial` = inches, pounds, cubic feet. Volumetric divisors are in cm³/kg
 * (metric) or in³/lb (imperial).
 *
 * Sources:
 * - Exact conversion factors: 1 in = 2.54 cm and 1 lb = 0.45359237 kg (International Yard and Pound
 *   Agreement, 1959; NIST SP 811 (2008) appendix B.9); 1 ft³ = 1,728 in³ = 28,316.846592 cm³.
 * - Air cargo: volumetric weight = L × W × H ÷ 6,000 cm³ per kg, i.e. 366 in³ per kg or 166 in³
 *   per lb (IATA TACT Rules 3.3, as quoted by carriers, e.g. the HL Cargo and Sankyu Air
 *   glossaries: "6000 cubic centimeters per kilogram, 366 cubic inches per kilogram, 166 cubic
 *   inches per pound"); chargeable weight = the greater of gross and volumetric weight. Weights are
 *   commonly rounded up to the next 0.5 kg (Pengellys, NZ forwarder fact sheet: 87,750 cm³ ÷ 6,000
 *   = 14.625 kg, charged as 15 kg) or the next whole lb.
 *   Note: 366 in³ is the IATA factor per **kilogram**; per pound it is 166 in³ (6,000 cm³/kg =
 *   6,000 × 0.45359237 ÷ 16.387064 in³/lb = 166.07).
 * - Express: DHL Express "Length × Width × Height / 5000 per piece (cm/kg); / 139 (in/lb)"
 *   (dhlexpressestonia.ee volumetric weight calculator; goglobal.dhl-usa.com), rounded up to the
 *   next 0.5 kg; FedEx Express international ÷ 5,000 (ask.fedex.com, "How is dimensional weight
 *   calculated?"); UPS international ÷ 139 in³/lb, each fraction increased to the next whole pound,
 *   and "for multiple-package shipments, total the billable weight of all packages" (ups.com,
 *   "Determine billable weight"). Express carriers therefore compare weights per piece.
 * - Sea freight LCL "W/M": the freight is charged on revenue tons, the greater of the gross weight
 *   in metric tons and the volume in cubic metres, i.e. 1 CBM = 1,000 kg (R.W. Shipping, "Computation
 *   of LCL rates": W = 1,000 kg, M = 1 m³; howtoexportimport.com LCL examples).
 * - Rail: no published standard ratio; operators quote their own (often per CBM). The default here
 *   is the sea W/M ratio (1 CBM = 1,000 kg), flagged in a warning; pass `volumetricDivisor`.
 */

export type Measurement = 'metric' | 'imperial';
export type FreightMode = 'sea-fcl' | 'sea-lcl' | 'rail' | 'air' | 'express';
export const FREIGHT_MODES = ['sea-fcl', 'sea-lcl', 'rail', 'air', 'express'] as const satisfies readonly FreightMode[];

/** Centimetres per inch (exact). */
export const CM_PER_INCH = 2.54;
/** Kilograms per pound (exact). */
export const KG_PER_LB = 0.45359237;
/** Cubic centimetres per cubic inch (exact: 2.54³). */
export const CM3_PER_IN3 = CM_PER_INCH ** 3;
/** Cubic centimetres per cubic metre. */
export const CM3_PER_M3 = 1e6;
/** Cubic inches per cubic foot. */
export const IN3_PER_FT3 = 1728;

/** The units of a measurement system, for labels. */
export function unitLabels(m: Measurement): { length: 'cm' | 'in'; weight: 'kg' | 'lb'; volume: 'm3' | 'ft3'; divisor: 'cm3/kg' | 'in3/lb' } {
  return m === 'metric' ? { length: 'cm', weight: 'kg', volume: 'm3', divisor: 'cm3/kg' } : { length: 'in', weight: 'lb', volume: 'ft3', divisor: 'in3/lb' };
}

/** Weight in kilograms of a weight in the system's unit. */
export const toKg = (weight: number, m: Measurement): number => (m === 'metric' ? weight : weight * KG_PER_LB);
/** Cubic metres of a volume in the system's small unit (cm³ or in³). */
export const toCubicMetres = (volume: number, m: Measurement): number => (m === 'metric' ? volume / CM3_PER_M3 : (volume * CM3_PER_IN3) / CM3_PER_M3);
/** Volume in the system's large unit (m³ or ft³) of a volume in its small unit (cm³ or in³). */
export const toLargeVolume = (volume: number, m: Measurement): number => (m === 'metric' ? volume / CM3_PER_M3 : volume / IN3_PER_FT3);

/** A divisor in cm³/kg expressed in in³/lb: d · (kg per lb) ÷ (cm³ per in³). */
export const metricDivisorToImperial = (cm3PerKg: number): number => (cm3PerKg * KG_PER_LB) / CM3_PER_IN3;

/** The sea W/M ratio 1 m³ = 1,000 kg as a divisor: 1,000 cm³/kg. */
export const SEA_DIVISOR_CM3_PER_KG = 1000;

/** Default volumetric divisor per mode, in the measurement system's units, with its source. */
export function defaultDivisor(mode: FreightMode, m: Measurement): number {
  switch (mode) {
    case 'air':
      return m === 'metric' ? 6000 : 166; // IATA: 6,000 cm³/kg = 166 in³/lb
    case 'express':
      return m === 'metric' ? 5000 : 139; // DHL/FedEx/UPS international
    case 'sea-fcl':
    case 'sea-lcl':
    case 'rail':
      return m === 'metric' ? SEA_DIVISOR_CM3_PER_KG : metricDivisorToImperial(SEA_DIVISOR_CM3_PER_KG); // 1 CBM = 1,000 kg
  }
}

/** Default rounding increment of the chargeable weight (0 = none): 0.5 kg / 1 lb for air and express. */
export function defaultRoundingIncrement(mode: FreightMode, m: Measurement): number {
  return mode === 'air' || mode === 'express' ? (m === 'metric' ? 0.5 : 1) : 0;
}

/** Whether the mode compares actual and volumetric weight per piece (express) or per consignment. */
export const defaultComparison = (mode: FreightMode): 'piece' | 'shipment' => (mode === 'express' ? 'piece' : 'shipment');

/**
 * x rounded up to the next multiple of `increment` (no rounding when increment is 0). The ratio is
 * snapped to 12 significant digits first, so 14.5 ÷ 0.5 = 29.000000000000004 stays 29.
 * @example roundUpTo(14.625, 0.5) // 15
 */
export function roundUpTo(x: number, increment: number): number {
  if (!(increment > 0)) return x;
  const ratio = x / increment;
  const snapped = ratio === 0 ? 0 : Number(ratio.toPrecision(12));
  return Math.ceil(snapped) * increment;
}

/** L × W × H of one piece, in cm³ or in³. */
export const pieceVolume = (length: number, width: number, height: number): number => length * width * height;

export interface ChargeableWeight {
  /** Gross (actual) weight, kg or lb. */
  actualWeight: number;
  /** Total volume in cm³ or in³. */
  volume: number;
  /** volume ÷ divisor, kg or lb. */
  volumetricWeight: number;
  /** max(actual, volumetric), before rounding (per piece and summed, or per shipment). */
  chargeableUnrounded: number;
  /** After rounding up to the increment. */
  chargeableWeight: number;
  /** Which weight governs: actual or volumetric (for per-piece comparison, the one that governs the sum of the larger ones). */
  basis: 'actual' | 'volumetric';
}

/**
 * Chargeable weight of `pieces` identical pieces: per piece (each piece's greater weight, rounded,
 * then summed: express, UPS "total the billable weight of all packages") or per shipment (the
 * greater of the total weights, then rounded: IATA consignment).
 * @example chargeableWeight({ pieces: 1, weight: 14, volume: 30 * 45 * 65, divisor: 6000, increment: 0.5, comparison: 'shipment' }).chargeableWeight // 15
 */
export function chargeableWeight(a: { pieces: number; weight: number; volume: number; divisor: number; increment: number; comparison: 'piece' | 'shipment' }): ChargeableWeight {
  const actualWeight = a.pieces * a.weight;
  const volume = a.pieces * a.volume;
  const volumetricWeight = volume / a.divisor;
  const volumetric = volumetricWeight > actualWeight;
  if (a.comparison === 'piece') {
    const perPiece = Math.max(a.weight, a.volume / a.divisor);
    return { actualWeight, volume, volumetricWeight, chargeableUnrounded: a.pieces * perPiece, chargeableWeight: a.pieces * roundUpTo(perPiece, a.increment), basis: volumetric ? 'volumetric' : 'actual' };
  }
  const unrounded = Math.max(actualWeight, volumetricWeight);
  return { actualWeight, volume, volumetricWeight, chargeableUnrounded: unrounded, chargeableWeight: roundUpTo(unrounded, a.increment), basis: volumetric ? 'volumetric' : 'actual' };
}
