import { forecastBatchCalculation } from './batch.js';
import { forecastCalculation } from './forecast.js';
import { forecastTargetCalculation } from './target.js';

/** The forecast function's calculations, in the order the API documents them. */
export const forecastCalculations = [forecastCalculation, forecastBatchCalculation, forecastTargetCalculation] as const;
