import { stockCalculations } from '../../core/stock/index.js';
import { createApp, type AppConfig } from '../http/app.js';
import { mountCalculation } from '../http/calculation-route.js';

/** Safety stock, EOQ, newsvendor and base stock under /v1. */
export function createStockApp(config: AppConfig) {
  const app = createApp(config);
  for (const calc of stockCalculations) mountCalculation(app, calc);
  return app;
}
