import { stockPlanCalculation } from './stock-plan.js';

/** The plan function's calculations, in the order the API documents them (the promo plan `/v1/plan` joins them later). */
export const planCalculations = [stockPlanCalculation] as const;
