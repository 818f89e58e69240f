/**
 * Published worked examples (and a few labelled independent reference computations), each with its
 * source, from test/fixtures/stock-examples.ts. Expected values are exact arithmetic (mpmath) of the
 * published inputs; where the book prints rounded figures the fixture keeps them in `publishedValue`,
 * and we check those too with the book's rounding (`publishedTolerance`).
 */
import { describe, expect, it } from 'vitest';
import { eoqCalculation } from '../../core/stock/eoq.js';
import { baseStockCalculation, newsvendorCalculation } from '../../core/stock/newsvendor.js';
import { safetyStockCalculation } from '../../core/stock/safety-stock.js';
import type { Calculation } from '../../core/calculation.js';
import { baseStockExamples, eoqExamples, newsvendorExamples, safetyStockExamples } from '../fixtures/stock-examples.js';

interface Example {
  id: string;
  source: string;
  input: unknown;
  expected: Record<string, number>;
  tolerance: number;
  publishedValue?: Record<string, number>;
  publishedTolerance?: Record<string, number>;
  expectedAtQuantities?: ReadonlyArray<Record<string, number>>;
}

function checkAll(calc: Calculation, examples: readonly Example[]) {
  it.each(examples.map((e) => [e.id, e] as const))('%s', (_, example) => {
    const result = calc.compute(calc.input.parse(example.input)) as Record<string, unknown>;
    for (const [field, expected] of Object.entries(example.expected)) {
      const actual = result[field] as number;
      expect(Math.abs(actual - expected), `${field}: got ${actual}, expected ${expected} (${example.source})`).toBeLessThanOrEqual(example.tolerance);
    }
    for (const [field, published] of Object.entries(example.publishedValue ?? {})) {
      const bound = example.publishedTolerance?.[field] ?? example.tolerance;
      const actual = result[field] as number;
      expect(Math.abs(actual - published), `${field} vs the published ${published}`).toBeLessThanOrEqual(bound + example.tolerance);
    }
    const comparisons = (result.comparisons ?? []) as Array<Record<string, number>>;
    example.expectedAtQuantities?.forEach((row, i) => {
      for (const [field, expected] of Object.entries(row))
        expect(Math.abs(comparisons[i]![field]! - expected), `comparison ${i} ${field}`).toBeLessThanOrEqual(example.tolerance);
    });
  });
}

describe('safety stock worked examples', () => checkAll(safetyStockCalculation, safetyStockExamples as unknown as Example[]));
describe('EOQ worked examples', () => checkAll(eoqCalculation, eoqExamples as unknown as Example[]));
describe('newsvendor worked examples', () => checkAll(newsvendorCalculation, newsvendorExamples as unknown as Example[]));
describe('base-stock worked examples', () => checkAll(baseStockCalculation, baseStockExamples as unknown as Example[]));
