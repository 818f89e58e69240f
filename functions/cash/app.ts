import { financeCalculations } from '../../core/cash/index.js';
import type { AppConfig } from '../http/app.js';
import { createCalculationApp } from '../http/calculation-route.js';

/** The cash-flow timeline and the finance helpers (NPV, IRR, PMT, cash conversion cycle). */
export const createCashApp = (config: AppConfig) => createCalculationApp(config, financeCalculations);
