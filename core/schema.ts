/**
 * Shared bounded number schemas. Every number a caller sends is finite (zod rejects NaN and
 * ±Infinity) and bounded, so that every result stays finite and every stored input stays small.
 */
import * as z from 'zod';

/** Largest quantity accepted anywhere (units, units per period). */
export const MAX_QUANTITY = 1e9;
/** Largest money amount accepted (any currency, per unit or per order). */
export const MAX_MONEY = 1e9;
/** Longest time span accepted, in periods (10 years of days). */
export const MAX_PERIODS = 3650;
/** Most entries in a list input (comparison quantities, price breaks). */
export const MAX_LIST = 100;

export const quantity = (description: string) => z.number().min(0).max(MAX_QUANTITY).meta({ description });
export const positiveQuantity = (description: string) => z.number().gt(0).max(MAX_QUANTITY).meta({ description });
export const money = (description: string) => z.number().min(0).max(MAX_MONEY).meta({ description });
export const positiveMoney = (description: string) => z.number().gt(0).max(MAX_MONEY).meta({ description });
export const periods = (description: string) => z.number().min(0).max(MAX_PERIODS).meta({ description });
export const probability = (description: string) => z.number().gt(0).lt(1).meta({ description });

/** The fields every result carries to say how it was produced. */
export const provenance = {
  method: z.string().meta({ description: 'Name of the method that produced the result.' }),
  formula: z.string().meta({ description: 'The formula applied, with its source.' }),
  warnings: z.array(z.string()).meta({ description: 'Things the caller should know about this result (empty when none).' }),
};

/**
 * Option of every cross-field refinement, `.superRefine(check, crossField)`: the check runs only
 * when the value passed every other check. Zod v4 runs refinements after continuable issues (a
 * failed min, max, regex or refine), so without it a cross-field check would read a date that is
 * not a date or the first item of an empty list and throw (a 500 instead of the 400 already
 * found). Zod 4 docs, "Refinements": `when` decides whether a refinement runs.
 */
export const crossField = { when: (payload: z.core.ParsePayload) => payload.issues.length === 0 };
