import { forecastCalculations } from '../../core/forecast/index.js';
import type { AppConfig } from '../http/app.js';
import { createCalculationApp } from '../http/calculation-route.js';

/** Forecast routes accept bodies up to 5 MB (many series per request), under Lambda's 6 MB synchronous limit. */
export const FORECAST_MAX_BODY_BYTES = 5 * 1024 * 1024;

/** Forecast, forecast batch and GMV target breakdown under /v1/forecast. */
export function createForecastApp(config: AppConfig) {
  return createCalculationApp({ ...config, maxBodyBytes: Math.max(config.maxBodyBytes, FORECAST_MAX_BODY_BYTES) }, forecastCalculations);
}
