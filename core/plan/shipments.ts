/**
 * Phased shipments: splitting a production quantity into whole-carton batches, the expected sales,
 * lost sales and leftover when each batch may miss its cut-off, and the automatic choice of the
 * split between transport modes.
 *
 * Rules and sources:
 * - Whole cartons by largest remainder (Hamilton's method, core/forecast/target.ts
 *   `largestRemainder`): the batches add up exactly to the cartons to produce.
 * - Late arrival: a batch that misses its due day does not serve the promo (the marketplace closes
 *   inbound); its units are still delivered later and end up as leftover. Batches are late
 *   independently of each other (different bookings or departures), batch b on time with
 *   probability π_b. With the stock already in position X₀, the stock serving the window is
 *   A = X₀ + Σ_b q_b·B_b, B_b ~ Bernoulli(π_b), and over the 2ⁿ on-time/late combinations
 *   E[lost] = Σ_S P(S)·E[(D − A_S)⁺] with E[(D − a)⁺] the first-order loss of the demand
 *   distribution (normal: σ·G((a − μ)/σ); Silver, Pyke & Thomas 2017 §6.7 and App. III; Nahmias,
 *   *Production and Operations Analysis*, 7th ed., §5.3). This is exact for the mixture; plugging
 *   the expected available stock X₀ + Σ q_b·π_b into the loss function instead would understate
 *   the lost sales (the loss function is convex: Jensen's inequality).
 *   Expected sales = μ − E[lost]; expected leftover after the window = all stock − expected sales
 *   (= E[(A − D)⁺] + the late units); fill rate = expected sales / μ.
 * - Automatic split (this service's rule): for a quantity Q already fixed by the buffer policy,
 *   choose the modes and shares minimising expected freight + late cost, where
 *   freight = Σ q_m·c_m (cost per unit of the mode: per unit, plus per kg × unit weight) and
 *   late cost = u·(E[lost] − E[lost | every batch on time]), u the late penalty per unit (default
 *   the unit margin, price − unit cost: a sale lost to a late batch loses its margin). The
 *   candidates are every single mode and every pair of modes with the second mode's share in
 *   steps of 5 % (as playbooks split: "70 % by sea, 30 % by air"). With a linear freight cost the
 *   optimum is often a single mode: the cheapest one that can still make the cut-off, with a
 *   faster mode mixed in when the cheap one is likely to be late and the margin is worth it.
 */
import { largestRemainder } from '../forecast/target.js';
import type { DemandDistribution } from '../stock/demand.js';

/** Most batches in a split (2ⁿ arrival combinations are enumerated). */
export const MAX_BATCHES = 6;
/** Share step of the automatic split between two modes. */
export const AUTO_SHARE_STEP = 0.05;

export interface BatchArrival {
  quantity: number;
  /** Probability that the batch is sellable by its due day. */
  pOnTime: number;
}

export interface ArrivalOutcome {
  /** E[(D − A)⁺] over the arrival combinations. */
  expectedLost: number;
  /** E[(D − A)⁺] when every batch is on time. */
  expectedLostAllOnTime: number;
  /** X₀ + Σ q_b·π_b. */
  expectedAvailable: number;
  /** P(D ≤ A): no stock-out in the window. */
  inStockProbability: number;
}

/**
 * Expected lost sales and in-stock probability when each batch is on time independently.
 * @example arrivalOutcome(normalDemand(100, 0), 0, [{ quantity: 100, pOnTime: 0.5 }]).expectedLost // 50
 */
export function arrivalOutcome(demand: DemandDistribution, base: number, batches: readonly BatchArrival[]): ArrivalOutcome {
  const n = batches.length;
  let expectedLost = 0;
  let inStock = 0;
  let expectedAvailable = base;
  for (const b of batches) expectedAvailable += b.quantity * b.pOnTime;
  for (let mask = 0; mask < 1 << n; mask++) {
    let p = 1;
    let available = base;
    for (let b = 0; b < n && p > 0; b++) {
      const batch = batches[b]!;
      if (mask & (1 << b)) {
        p *= batch.pOnTime;
        available += batch.quantity;
      } else p *= 1 - batch.pOnTime;
    }
    if (p === 0) continue;
    expectedLost += p * demand.loss(available);
    inStock += p * demand.cdf(available);
  }
  let total = base;
  for (const b of batches) total += b.quantity;
  return {
    expectedLost: Math.max(0, expectedLost),
    expectedLostAllOnTime: Math.max(0, demand.loss(total)),
    expectedAvailable,
    inStockProbability: Math.min(1, Math.max(0, inStock)),
  };
}

/** Whole cartons per batch by largest remainder of the shares. */
export function splitCartons(cartons: number, shares: readonly number[]): number[] {
  return largestRemainder(cartons, shares);
}

/** What the automatic split needs to know about one mode for one SKU. */
export interface ModeOption {
  /** Index of the mode in the request. */
  index: number;
  /** Freight cost per unit (currency). */
  costPerUnit: number;
  /** On-time probability of a batch by this mode at its planned ship day. */
  pOnTime: number;
}

export interface AutoSplit {
  /** Modes (indices into the options' `index`) and their cartons, in candidate order; zero-carton modes left out. */
  parts: Array<{ index: number; share: number; cartons: number }>;
  freight: number;
  lateCost: number;
  expectedCost: number;
  candidates: number;
}

/**
 * The split of `cartons` cartons of `unitsPerCarton` units minimising freight + late cost.
 * Ties keep the earlier candidate: single modes (in request order) come first, so an equal-cost
 * mix never replaces a single mode.
 */
export function autoSplit(
  demand: DemandDistribution,
  base: number,
  cartons: number,
  unitsPerCarton: number,
  options: readonly ModeOption[],
  latePenaltyPerUnit: number,
): AutoSplit {
  const candidates: Array<Array<{ option: ModeOption; share: number }>> = options.map((o) => [{ option: o, share: 1 }]);
  const steps = Math.round(1 / AUTO_SHARE_STEP);
  for (let i = 0; i < options.length; i++)
    for (let j = i + 1; j < options.length; j++)
      for (let k = 1; k < steps; k++) {
        const second = k / steps;
        candidates.push([
          { option: options[i]!, share: 1 - second },
          { option: options[j]!, share: second },
        ]);
      }
  const allOnTimeLost = demand.loss(base + cartons * unitsPerCarton);
  let best: AutoSplit | undefined;
  for (const candidate of candidates) {
    const split = splitCartons(
      cartons,
      candidate.map((c) => c.share),
    );
    const batches: BatchArrival[] = [];
    let freight = 0;
    candidate.forEach((c, k) => {
      const q = split[k]! * unitsPerCarton;
      if (q <= 0) return;
      freight += q * c.option.costPerUnit;
      batches.push({ quantity: q, pOnTime: c.option.pOnTime });
    });
    const lost = arrivalOutcome(demand, base, batches).expectedLost;
    const lateCost = latePenaltyPerUnit * Math.max(0, lost - allOnTimeLost);
    const expectedCost = freight + lateCost;
    if (!best || expectedCost < best.expectedCost - 1e-9 * Math.max(1, Math.abs(best.expectedCost)))
      best = {
        parts: candidate.map((c, k) => ({ index: c.option.index, share: c.share, cartons: split[k]! })).filter((p) => p.cartons > 0),
        freight,
        lateCost,
        expectedCost,
        candidates: candidates.length,
      };
  }
  return best!;
}
