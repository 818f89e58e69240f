import { financeCalculations } from '../../core/cash/index.js';
import type { AppConfig } from '../http/app.js';
import { createCalculationApp } from '../http/calculation-route.js';

/**
 * Cash routes accept bodies up to 5 MB: a campaign with 1,000 SKUs of 365 daily values is about
 * 1–2 MB of JSON. Under Lambda's 6 MB synchronous limit.
 */
export const CASH_MAX_BODY_BYTES = 5 * 1024 * 1024;

/** The cash-flow timeline and the finance helpers (NPV, IRR, PMT, cash conversion cycle). */
export const createCashApp = (config: AppConfig) => createCalculationApp({ ...config, maxBodyBytes: Math.max(config.maxBodyBytes, CASH_MAX_BODY_BYTES) }, financeCalculations);
