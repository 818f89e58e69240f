/**
 * `landed-cost/chargeable-weight`: one carton (or N identical pieces), a transport mode -> its
 * volume, volumetric weight and the weight the carrier charges. Small enough for a spreadsheet
 * cell: `GET /v1/landed-cost/chargeable-weight?mode=air&length=65&width=45&height=30&weight=14&format=value`.
 * Formulas and sources: core/cost/units.ts.
 */
import * as z from 'zod';
import { defineCalculation, metricTable } from '../calculation.js';
import { provenance } from '../schema.js';
import { MAX_UNITS, dimension, pieceWeight } from './fields.js';
import {
  FREIGHT_MODES,
  chargeableWeight as computeChargeable,
  defaultComparison,
  defaultDivisor,
  defaultRoundingIncrement,
  pieceVolume,
  toCubicMetres,
  toKg,
  toLargeVolume,
  unitLabels,
} from './units.js';

/** Largest volumetric divisor accepted (cm³/kg or in³/lb). */
export const MAX_DIVISOR = 1e6;
/** Largest rounding increment of a chargeable weight (kg or lb). */
export const MAX_ROUNDING_INCREMENT = 1000;

export const freightModeField = z
  .enum(FREIGHT_MODES)
  .meta({ description: 'Transport mode: sea-fcl (full container), sea-lcl (consolidated, W/M), rail, air (IATA), express (courier: DHL, FedEx, UPS).' });

export const measurementField = z
  .enum(['metric', 'imperial'])
  .default('metric')
  .meta({ description: 'Units of every size and weight: metric = cm, kg, m³ (CBM); imperial = in, lb, ft³.' });

export const divisorField = z
  .number()
  .gt(0)
  .max(MAX_DIVISOR)
  .meta({
    description:
      'Volumetric divisor overriding the mode default: cm³ per kg (metric) or in³ per lb (imperial). Defaults: air 6000 cm³/kg = 166 in³/lb (IATA), express 5000 cm³/kg or 139 in³/lb (DHL, FedEx, UPS), sea and rail 1000 cm³/kg (1 CBM = 1,000 kg, W/M).',
  });

export const roundingField = z
  .number()
  .min(0)
  .max(MAX_ROUNDING_INCREMENT)
  .meta({ description: 'The carrier rounds the chargeable weight up to a multiple of this (kg or lb; 0 = no rounding). Defaults: air and express 0.5 kg or 1 lb, sea and rail 0.' });

export const comparisonField = z
  .enum(['piece', 'shipment'])
  .meta({ description: 'Compare actual and volumetric weight per piece and add the results (express default: DHL per piece, UPS totals the billable weight of all packages) or once for the whole shipment (air, sea, rail default: IATA consignment).' });

export const ChargeableWeightInput = z
  .strictObject({
    mode: freightModeField,
    measurement: measurementField,
    length: dimension('Length of one piece (carton), cm or in.'),
    width: dimension('Width of one piece, cm or in.'),
    height: dimension('Height of one piece, cm or in.'),
    weight: pieceWeight('Actual gross weight of one piece, kg or lb.'),
    pieces: z.number().int().min(1).max(MAX_UNITS).default(1).meta({ description: `Number of identical pieces, 1…${MAX_UNITS}.` }),
    volumetricDivisor: divisorField.optional(),
    roundingIncrement: roundingField.optional(),
    comparison: comparisonField.optional(),
  })
  .meta({ id: 'ChargeableWeightInput', description: 'Piece dimensions and weight, number of pieces and transport mode.' });
export type ChargeableWeightInput = z.output<typeof ChargeableWeightInput>;

export const ChargeableWeightResult = z
  .strictObject({
    ...provenance,
    mode: z.enum(FREIGHT_MODES),
    measurement: z.enum(['metric', 'imperial']),
    weightUnit: z.enum(['kg', 'lb']),
    volumeUnit: z.enum(['m3', 'ft3']).meta({ description: 'Unit of `volume`: cubic metres (CBM) or cubic feet.' }),
    pieces: z.number(),
    volumetricDivisor: z.number().meta({ description: 'Divisor applied, cm³/kg or in³/lb.' }),
    roundingIncrement: z.number().meta({ description: 'Rounding applied to the chargeable weight (0 = none).' }),
    comparison: z.enum(['piece', 'shipment']),
    volume: z.number().meta({ description: 'Total volume, m³ or ft³.' }),
    volumeCbm: z.number().meta({ description: 'Total volume in cubic metres (CBM), whatever the measurement system.' }),
    actualWeight: z.number().meta({ description: 'Total gross weight, kg or lb.' }),
    volumetricWeight: z.number().meta({ description: 'Total volume ÷ divisor, kg or lb.' }),
    chargeableWeightUnrounded: z.number().meta({ description: 'The greater of actual and volumetric weight before the carrier rounding.' }),
    chargeableWeight: z.number().meta({ description: 'The weight the carrier charges: greater of actual and volumetric weight, rounded up to roundingIncrement.' }),
    basis: z.enum(['actual', 'volumetric']).meta({ description: 'Which weight governs.' }),
    revenueTons: z
      .number()
      .optional()
      .meta({ description: 'Sea and rail: revenue tons (freight tons) = chargeable weight in kg ÷ 1,000, i.e. max(metric tons, CBM) with the W/M ratio.' }),
  })
  .meta({ id: 'ChargeableWeightResult' });
export type ChargeableWeightResult = z.output<typeof ChargeableWeightResult>;

/**
 * Volumetric and chargeable weight of N identical pieces.
 * @example chargeableWeight(ChargeableWeightInput.parse({ mode: 'air', length: 65, width: 45, height: 30, weight: 14 })).chargeableWeight // 15
 */
export function chargeableWeight(input: ChargeableWeightInput): ChargeableWeightResult {
  const m = input.measurement;
  const divisor = input.volumetricDivisor ?? defaultDivisor(input.mode, m);
  const increment = input.roundingIncrement ?? defaultRoundingIncrement(input.mode, m);
  const comparison = input.comparison ?? defaultComparison(input.mode);
  const labels = unitLabels(m);
  const c = computeChargeable({ pieces: input.pieces, weight: input.weight, volume: pieceVolume(input.length, input.width, input.height), divisor, increment, comparison });
  const warnings: string[] = [];
  if (input.mode === 'rail' && input.volumetricDivisor === undefined)
    warnings.push('Rail has no published standard volumetric ratio; the sea W/M ratio 1 CBM = 1,000 kg is used. Pass volumetricDivisor with your operator’s ratio.');
  const sea = input.mode === 'sea-fcl' || input.mode === 'sea-lcl' || input.mode === 'rail';
  const result: ChargeableWeightResult = {
    method: `chargeable-weight-${input.mode}`,
    formula: `volumetric weight = L × W × H ÷ ${+divisor.toPrecision(6)} ${labels.divisor}; chargeable weight = max(actual, volumetric)${comparison === 'piece' ? ' per piece, summed' : ' of the shipment'}${increment > 0 ? `, rounded up to the next ${increment} ${labels.weight}` : ''} (${sourceOf(input.mode)})`,
    warnings,
    mode: input.mode,
    measurement: m,
    weightUnit: labels.weight,
    volumeUnit: labels.volume,
    pieces: input.pieces,
    volumetricDivisor: divisor,
    roundingIncrement: increment,
    comparison,
    volume: toLargeVolume(c.volume, m),
    volumeCbm: toCubicMetres(c.volume, m),
    actualWeight: c.actualWeight,
    volumetricWeight: c.volumetricWeight,
    chargeableWeightUnrounded: c.chargeableUnrounded,
    chargeableWeight: c.chargeableWeight,
    basis: c.basis,
  };
  if (sea) result.revenueTons = toKg(c.chargeableWeight, m) / 1000;
  return result;
}

function sourceOf(mode: ChargeableWeightInput['mode']): string {
  switch (mode) {
    case 'air':
      return 'IATA TACT Rules 3.3: 6,000 cm³ or 366 in³ per kg, 166 in³ per lb';
    case 'express':
      return 'DHL Express ÷ 5000 cm/kg or ÷ 139 in/lb per piece; FedEx Express international ÷ 5000; UPS international ÷ 139, packages totalled';
    default:
      return 'ocean LCL W/M: 1 revenue ton = 1 metric ton or 1 m³, whichever is greater';
  }
}

export const chargeableWeightCalculation = defineCalculation({
  name: 'landed-cost/chargeable-weight',
  summary: 'Volumetric and chargeable weight of a carton for air, express, sea or rail',
  description:
    'Volume, volumetric weight (L × W × H ÷ the mode’s divisor: IATA air 6000 cm³/kg, express 5000 cm³/kg or 139 in³/lb, sea W/M 1 CBM = 1,000 kg; overridable) and the chargeable weight the carrier bills (the greater of actual and volumetric weight, per piece or per shipment, rounded up to the carrier’s increment). Usable from a spreadsheet with GET and format=value.',
  input: ChargeableWeightInput,
  result: ChargeableWeightResult,
  compute: chargeableWeight,
  primary: 'chargeableWeight',
  table: metricTable,
  example: { mode: 'air', measurement: 'metric', length: 65, width: 45, height: 30, weight: 14, pieces: 1 },
});
