import { cashConversionCycleCalculation, irrCalculation, npvCalculation, pmtCalculation } from './finance.js';

/** The cash and finance calculations, in the order the API documents them. */
export const financeCalculations = [npvCalculation, irrCalculation, pmtCalculation, cashConversionCycleCalculation] as const;
