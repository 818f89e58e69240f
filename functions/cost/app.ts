import { costCalculations } from '../../core/cost/index.js';
import type { AppConfig } from '../http/app.js';
import { createCalculationApp } from '../http/calculation-route.js';

/** Landed cost and unit economics, and the chargeable-weight helper. */
export const createCostApp = (config: AppConfig) => createCalculationApp(config, costCalculations);
