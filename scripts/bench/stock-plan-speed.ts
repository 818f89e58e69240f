/**
 * Stock-up plan speed, figures only (nothing is asserted): 200 SKUs with 104-week histories,
 * each forecast inline (method auto, Black Friday uplift, 500 sample paths for the window's σ)
 * and planned end to end as the API runs it (input parsing, forecasts, ABC, buffers, MOQ and
 * cartons, phased or automatic split by sea and air, outcomes). One cold pass, then the median
 * of warm runs. Target: ≤ 1 s on one core.
 *
 *   npx tsx scripts/bench/stock-plan-speed.ts
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { timeRuns } from './stats.js';
import { StockPlanInput, stockPlan } from '../../core/plan/stock-plan.js';
import { syntheticWeeklySeries } from './forecast-speed.js';

const SKUS = 200;
const WEEKS = 104;
const WARM_RUNS = 5;

/** The request: histories end the week before asOf (Monday 2026-08-17); Black Friday 2026 with two weeks of cover. */
export function stockPlanBenchRequest(skus = SKUS, weeks = WEEKS): unknown {
  const series = syntheticWeeklySeries(skus, weeks, 20261127);
  return {
    asOf: '2026-08-17',
    promo: { start: '2026-11-27', end: '2026-11-30', coverageDaysAfter: 14 },
    modes: [
      { name: 'sea', transitDays: 32, transitStdDevDays: 5, originHandlingDays: 4, costPerKg: 0.9 },
      { name: 'air', transitDays: 6, transitStdDevDays: 1.5, originHandlingDays: 2, costPerKg: 6.5 },
    ],
    warehouse: { receivingDays: 5 },
    shipments: { method: 'given', batches: [{ mode: 'sea', share: 0.7 }, { mode: 'air', share: 0.3, arriveBy: '2026-11-26' }] },
    policies: { A: { type: 'multiplier', factor: 1.3 } },
    skus: series.map((s, i) => ({
      sku: `SKU-${String(i + 1).padStart(4, '0')}`,
      demand: {
        source: 'forecast',
        // 104 weeks from Monday 2024-08-19: the first forecast week starts on asOf. Periods 15–16 hold Black Friday and Cyber Monday.
        request: { history: s.history, frequency: 'week', start: '2024-08-19', futureEvents: [{ start: 15, end: 16, uplift: 2.5, label: 'BFCM' }] },
      },
      price: 20 + (i % 17) * 3,
      unitCost: 6 + (i % 17),
      unitWeightKg: 0.2 + (i % 5) * 0.3,
      onHand: (i * 37) % 400,
      moq: 200,
      casePack: [12, 24, 50][i % 3],
      productionLeadTimeDays: 20 + (i % 3) * 5,
      ...(i % 4 === 3 ? { shipments: { method: 'auto' } } : {}),
    })),
  };
}

export function stockPlanSpeedBench(): string {
  const body = stockPlanBenchRequest();
  const { first, coldMs, medianMs, bestMs } = timeRuns(() => stockPlan(StockPlanInput.parse(body)), WARM_RUNS);
  return (
    `stock plan, ${SKUS} SKUs × ${WEEKS}-week histories forecast inline (auto, 500 paths) + plan: median ${medianMs.toFixed(0)} ms ` +
    `(best ${bestMs.toFixed(0)} ms, ${WARM_RUNS} warm runs; first run ${coldMs.toFixed(0)} ms) — target ≤ 1,000 ms on one core; ` +
    `${first.totals.unitsToProduce} units in ${first.totals.batches} batches`
  );
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) console.log(stockPlanSpeedBench());
