import { financeCalculations } from './cash/index.js';
import { costCalculations } from './cost/index.js';
import { forecastCalculations } from './forecast/index.js';
import { planCalculations } from './plan/index.js';
import { stockCalculations } from './stock/index.js';

/** Every calculation of the API, in documentation order. */
export const allCalculations = [...stockCalculations, ...forecastCalculations, ...financeCalculations, ...costCalculations, ...planCalculations] as const;
