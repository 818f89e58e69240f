import { expect } from 'vitest';

/** Asserts |actual − expected| ≤ max(rel·|expected|, abs). */
export function expectClose(actual: number, expected: number, rel: number, abs = 0, label = ''): void {
  const tolerance = Math.max(rel * Math.abs(expected), abs);
  if (!(Math.abs(actual - expected) <= tolerance))
    expect.fail(`${label} expected ${expected}, got ${actual} (difference ${Math.abs(actual - expected)} > tolerance ${tolerance})`);
}

/** Every number inside a JSON value is finite. */
export function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (value !== null && typeof value === 'object') return Object.values(value).every(allFinite);
  return true;
}
