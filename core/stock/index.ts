import { eoqCalculation } from './eoq.js';
import { baseStockCalculation, newsvendorCalculation } from './newsvendor.js';
import { safetyStockCalculation } from './safety-stock.js';

/** The stock calculations, in the order the API documents them. */
export const stockCalculations = [safetyStockCalculation, eoqCalculation, newsvendorCalculation, baseStockCalculation] as const;
