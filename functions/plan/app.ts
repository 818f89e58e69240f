import { planCalculations } from '../../core/plan/index.js';
import type { AppConfig } from '../http/app.js';
import { createCalculationApp } from '../http/calculation-route.js';

/** Plan routes accept bodies up to 5 MB (hundreds of SKUs with inline forecast histories), under Lambda's 6 MB synchronous limit. */
export const PLAN_MAX_BODY_BYTES = 5 * 1024 * 1024;

/** The stock-up plan (and later the promo plan) under /v1. */
export function createPlanApp(config: AppConfig) {
  return createCalculationApp({ ...config, maxBodyBytes: Math.max(config.maxBodyBytes, PLAN_MAX_BODY_BYTES) }, planCalculations);
}
