/**
 * ABC classification by annual (here: coverage-window) revenue, the Pareto rule of inventory
 * management: a few SKUs carry most of the revenue and deserve the tightest control.
 *
 * Rule: sort the SKUs by value (revenue = mean demand × price), largest first (ties keep the
 * input order); a SKU is A while the cumulative share of the SKUs before it is below `aShare`
 * (default 0.8), B while it is below `bShare` (default 0.95), C otherwise. So the largest SKU is
 * always A, the SKU that crosses 80 % is still A, and SKUs without value are C.
 *
 * Sources: Silver, Pyke & Thomas, *Inventory and Production Management in Supply Chains*, 4th ed.
 * (2017), ch. 2 (the distribution-by-value / ABC classification; A items ≈ 20 % of the SKUs and
 * ≈ 80 % of the value, C items the long tail); the 80 / 15 / 5 % cut-offs are the usual
 * convention of practice, not a law.
 */
export type AbcClass = 'A' | 'B' | 'C';

export interface AbcThresholds {
  /** Cumulative value share that closes class A (e.g. 0.8). */
  aShare: number;
  /** Cumulative value share that closes class B (e.g. 0.95), ≥ aShare. */
  bShare: number;
}

/**
 * Class of each value (≥ 0) by cumulative share.
 * @example abcClasses([50, 30, 10, 6, 4], { aShare: 0.8, bShare: 0.95 }) // ['A', 'A', 'B', 'B', 'C']
 */
export function abcClasses(values: readonly number[], thresholds: AbcThresholds): AbcClass[] {
  const total = values.reduce((a, v) => a + v, 0);
  const classes: AbcClass[] = values.map(() => 'C');
  if (!(total > 0)) return classes;
  const order = values.map((_, i) => i).sort((a, b) => values[b]! - values[a]! || a - b);
  let before = 0;
  for (const i of order) {
    const share = before / total;
    if (values[i]! > 0) classes[i] = share < thresholds.aShare ? 'A' : share < thresholds.bShare ? 'B' : 'C';
    before += values[i]!;
  }
  return classes;
}
