import { chargeableWeightCalculation } from './chargeable-weight.js';
import { landedCostCalculation } from './landed-cost.js';

/** The cost calculations, in the order the API documents them. */
export const costCalculations = [landedCostCalculation, chargeableWeightCalculation] as const;
