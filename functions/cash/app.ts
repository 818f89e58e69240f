import { financeCalculations } from '../../core/cash/index.js';
import { createApp, type AppConfig } from '../http/app.js';
import { mountCalculation } from '../http/calculation-route.js';

/** Cash and finance calculations under /v1/finance (NPV, IRR, PMT, cash conversion cycle). */
export function createCashApp(config: AppConfig) {
  const app = createApp(config);
  for (const calc of financeCalculations) mountCalculation(app, calc);
  return app;
}
