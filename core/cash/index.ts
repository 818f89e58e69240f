import { cashConversionCycleCalculation, irrCalculation, npvCalculation, pmtCalculation } from './finance.js';
import { cashFlowCalculation } from './timeline.js';

/** The cash and finance calculations, in the order the API documents them. */
export const financeCalculations = [cashFlowCalculation, npvCalculation, irrCalculation, pmtCalculation, cashConversionCycleCalculation] as const;
