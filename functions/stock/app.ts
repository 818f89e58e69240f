import { stockCalculations } from '../../core/stock/index.js';
import type { AppConfig } from '../http/app.js';
import { createCalculationApp } from '../http/calculation-route.js';

/** Safety stock, EOQ, newsvendor and base stock under /v1. */
export const createStockApp = (config: AppConfig) => createCalculationApp(config, stockCalculations);
