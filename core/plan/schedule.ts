/**
 * Working back from the warehouse cut-off: transit-time distributions per transport mode, the
 * latest ship and order dates for a target on-time probability, the on-time probability of a
 * given ship date, and the expected arrival.
 *
 * Conventions:
 * - Days are whole UTC calendar days, counted as day numbers (days since 1970-01-01, as `dayNumber`
 *   of core/cash/finance.ts); dates in and out are ISO `YYYY-MM-DD`.
 * - A batch shipped (handed to the forwarder at origin) on day s is sellable at the warehouse at
 *   s + H + T + R: H the origin handling days (trucking to port, export clearance, waiting for the
 *   departure), T the random transit time, R the warehouse receiving (check-in) days. H and R are
 *   planning constants; T carries the uncertainty. It is on time for a due day K (the inbound
 *   cut-off, or a later arrive-by date for a replenishment batch) when s + H + T + R ≤ K, so
 *   P(on time) = F_T(K − s − H − R).
 * - The latest ship day for a target on-time probability p is the last whole day s with
 *   F_T(K − s − H − R) ≥ p: s* = ⌊K − H − R − F_T⁻¹(p)⌋; the latest order day is s* minus the
 *   supplier's production lead time (deterministic here: put the supplier's unreliability into
 *   originHandlingDays or the transit spread).
 *
 * Sources:
 * - Lead time as a random variable with mean and standard deviation, and planning against its
 *   quantile rather than its mean: Silver, Pyke & Thomas, *Inventory and Production Management in
 *   Supply Chains*, 4th ed. (2017), §6.10 (variable lead times); Chopra & Meindl, *Supply Chain
 *   Management*, 6th ed., §12.3.
 * - Transit T ~ Normal(mean, sd) by default, as the lead-time variability of the safety-stock
 *   calculation (core/stock/safety-stock.ts). `lognormal` moment-matches the same mean and sd
 *   (σ² = ln(1 + s²/m²), μ = ln m − σ²/2; Johnson, Kotz & Balakrishnan, *Continuous Univariate
 *   Distributions* vol. 1, 2nd ed., ch. 14): never negative and skewed to the right, as delays
 *   (port congestion, rolled bookings) are. Both come from core/stock/demand.ts.
 */
import { addPeriods } from '../forecast/calendar.js';
import { lognormalDemand, normalDemand, type DemandDistribution } from '../stock/demand.js';

const DAY_MS = 86_400_000;

/**
 * Day number (days since 1970-01-01, as `dayNumber` of core/cash/finance.ts) of a valid ISO date,
 * including the extended years (`+010000-01-01`) that date arithmetic can reach.
 */
export function dayOf(iso: string): number {
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (!Number.isFinite(t)) throw new Error(`dayOf: ${iso} is not a valid date`);
  return Math.round(t / DAY_MS);
}

/** ISO date of a day number. @example isoOf(20784) // '2026-11-27' */
export function isoOf(day: number): string {
  return addPeriods('1970-01-01', 'day', day);
}

/** A transport mode ready for scheduling. */
export interface ModeSchedule {
  readonly name: string;
  /** Origin handling H (days). */
  readonly handlingDays: number;
  /** Warehouse receiving R (days). */
  readonly receivingDays: number;
  readonly transitMeanDays: number;
  readonly transitStdDevDays: number;
  /** Distribution of the transit time T (days). */
  readonly transit: DemandDistribution;
}

export interface ModeTimes {
  name: string;
  transitDays: number;
  transitStdDevDays: number;
  distribution: 'normal' | 'lognormal';
  originHandlingDays: number;
  receivingDays: number;
}

export function modeSchedule(mode: ModeTimes): ModeSchedule {
  // A spread below 1e-6 of the mean is no spread, and a mean below 1e-3 days (86 s) is none either: both would
  // underflow the lognormal's σ² = ln(1 + s²/m²). Such modes are the point (or normal) transit time.
  const lognormal = mode.distribution === 'lognormal' && mode.transitDays >= 1e-3 && mode.transitStdDevDays > 1e-6 * mode.transitDays;
  return {
    name: mode.name,
    handlingDays: mode.originHandlingDays,
    receivingDays: mode.receivingDays,
    transitMeanDays: mode.transitDays,
    transitStdDevDays: mode.transitStdDevDays,
    transit: lognormal ? lognormalDemand(mode.transitDays, mode.transitStdDevDays) : normalDemand(mode.transitDays, mode.transitStdDevDays),
  };
}

/** Tolerance for whole-day rounding of computed day positions (binary noise only). */
const DAY_EPSILON = 1e-9;

/**
 * Transit quantile F_T⁻¹(p) in days.
 * @example transitQuantile(modeSchedule({ name: 'sea', transitDays: 30, transitStdDevDays: 5, distribution: 'normal', originHandlingDays: 0, receivingDays: 5 }), 0.95) // 38.224
 */
export function transitQuantile(mode: ModeSchedule, p: number): number {
  return mode.transit.quantile(p);
}

/**
 * Latest whole ship day s* = ⌊K − H − R − F_T⁻¹(p)⌋ for due day K and on-time probability p.
 * @example latestShipDay(sea30±5 with R = 5, K, 0.95) // K − 44 (⌊K − 5 − 38.22⌋)
 */
export function latestShipDay(mode: ModeSchedule, dueDay: number, p: number): number {
  return Math.floor(dueDay - mode.handlingDays - mode.receivingDays - transitQuantile(mode, p) + DAY_EPSILON);
}

/** P(on time) = F_T(K − s − H − R) for a batch shipped on day s. */
export function onTimeProbability(mode: ModeSchedule, dueDay: number, shipDay: number): number {
  const p = mode.transit.cdf(dueDay - shipDay - mode.handlingDays - mode.receivingDays);
  return Math.min(1, Math.max(0, p));
}

/** Expected sellable day s + H + E[T] + R, rounded half up to a whole day. */
export function expectedArrivalDay(mode: ModeSchedule, shipDay: number): number {
  return Math.floor(shipDay + mode.handlingDays + mode.transitMeanDays + mode.receivingDays + 0.5 + DAY_EPSILON);
}
