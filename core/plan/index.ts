import { planCalculation } from './promo-plan.js';
import { stockPlanCalculation } from './stock-plan.js';

/** The plan function's calculations, in the order the API documents them: the stock-up plan and the promo plan that chains it with the landed cost and the cash flow. */
export const planCalculations = [stockPlanCalculation, planCalculation] as const;
