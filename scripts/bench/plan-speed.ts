/**
 * Promo plan speed, figures only (nothing is asserted): the stock-plan bench's 200 SKUs with
 * 104-week histories (each forecast inline: method auto, Black Friday uplift, 500 sample paths),
 * chained end to end as the API runs it — input parsing (the plan's schema and the cross-checks of
 * the three chained schemas), stock plan, a landed cost per mode (sea LCL and air, 200 SKUs each),
 * the cash flow with three stress scenarios, decisions and pitfalls. One cold pass, then the median
 * of warm runs. Target: ≤ 1 s on one core.
 *
 *   npx tsx scripts/bench/plan-speed.ts
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { timeRuns } from './stats.js';
import { PromoPlanInput, runPromoPlan } from '../../core/plan/promo-plan.js';
import { stockPlanBenchRequest } from './stock-plan-speed.js';

const SKUS = 200;
const WEEKS = 104;
const WARM_RUNS = 7;
const CNY_PER_USD = 1 / 0.14;

type Json = Record<string, unknown>;

/** The stock-plan bench request as a promo plan: costs from China in CNY, sea LCL and air to a US warehouse, Amazon US payouts. */
export function planBenchRequest(skus = SKUS, weeks = WEEKS): Json {
  const sp = stockPlanBenchRequest(skus, weeks) as Json & { skus: Array<Json & { unitCost: number; unitWeightKg: number }> };
  return {
    asOf: sp.asOf,
    currency: 'USD',
    promo: sp.promo,
    stockPlan: { modes: sp.modes, warehouse: sp.warehouse, shipments: sp.shipments, policies: sp.policies },
    skus: sp.skus.map((s, i) => ({
      ...s,
      costs: {
        unitCost: Math.round(s.unitCost * CNY_PER_USD * 100) / 100,
        costCurrency: 'CNY',
        weight: s.unitWeightKg,
        length: 20 + (i % 7) * 5,
        width: 15 + (i % 5) * 3,
        height: 5 + (i % 3) * 4,
        dutyRate: [0.12, 0.25, 0.315][i % 3],
        contentCost: i % 10 === 0 ? 600 : 0,
      },
    })),
    landedCost: {
      fxRates: [{ currency: 'CNY', rate: 0.14 }],
      fxBuffer: 0.02,
      shipment: { origin: 'CN', destination: 'US', incoterm: 'DDP' },
      freightByMode: {
        sea: { mode: 'sea-lcl', rate: 95, fees: [{ name: 'drayage', amount: 420, stage: 'on-carriage' }, { name: 'brokerage', amount: 175, stage: 'clearance' }], insuranceRate: 0.003 },
        air: { mode: 'air', rate: 6.8, fuelSurchargeRate: 0.12, fees: [{ name: 'brokerage', amount: 140, stage: 'clearance' }] },
      },
      warehouse: { inboundPerUnit: 0.35, storageRate: 27.5, peakSeasons: [{ from: '10-01', to: '12-31', rate: 84.8 }] },
      selling: { lastMilePerUnit: 4.3, commissionRate: 0.15, ads: { basis: 'acos', acos: 0.15, attributedShare: 0.4 }, returnRate: 0.07, unsellableShare: 0.2, returnHandlingPerReturn: 2 },
    },
    cashFlow: {
      openingCash: 500000,
      creditLine: { limit: 500000, annualRate: 0.12 },
      payout: { preset: 'amazon-us', deliveryDays: 2 },
      returnLagDays: 21,
      discountRate: 0.1,
      stress: [
        { name: 'Shipment 10 days late', delayDays: 10 },
        { name: 'Demand −30 %', demandFactor: 0.7 },
        { name: 'Payout held 14 days', payoutHoldDays: 14 },
      ],
    },
  };
}

export function planSpeedBench(): string {
  const body = planBenchRequest();
  const { first, coldMs, medianMs, bestMs } = timeRuns(() => runPromoPlan(PromoPlanInput.parse(body)).result, WARM_RUNS);
  const bytes = JSON.stringify(first).length;
  return (
    `promo plan, ${SKUS} SKUs × ${WEEKS}-week histories forecast inline + stock plan + landed cost (sea, air) + cash flow (3 stress): median ${medianMs.toFixed(0)} ms ` +
    `(best ${bestMs.toFixed(0)} ms, ${WARM_RUNS} warm runs; first run ${coldMs.toFixed(0)} ms) — target ≤ 1,000 ms on one core; ` +
    `${first.totals.units} units, peak funding ${Math.round(first.totals.peakFundingNeed)} USD, response ${(bytes / 1e6).toFixed(2)} MB`
  );
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) console.log(planSpeedBench());
