/**
 * Cash-flow timeline speed: a 365-day daily campaign with 1,000 sales lines, 200 purchase orders,
 * 300 payments and 10 stress scenarios (base + 10 simulations), timed warm. Figures only.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cashFlowCalculation } from '../../core/cash/timeline.js';
import { addPeriods } from '../../core/forecast/calendar.js';

export function cashSpeedBench(): string {
  const start = '2026-08-01';
  const categories = ['freight', 'duties', 'ads', 'warehouse'] as const;
  const input = cashFlowCalculation.input.parse({
    startDate: start,
    horizonDays: 365,
    granularity: 'week',
    openingCash: 50_000,
    creditLine: { limit: 100_000, annualRate: 0.12 },
    purchaseOrders: Array.from({ length: 200 }, (_, i) => ({ orderDate: addPeriods(start, 'day', i % 60), amount: 1000 + i, depositShare: 0.3, balanceDate: addPeriods(start, 'day', (i % 60) + 30) })),
    payments: Array.from({ length: 300 }, (_, i) => ({ date: addPeriods(start, 'day', i % 300), amount: 50 + i, category: categories[i % 4]! })),
    sales: Array.from({ length: 1000 }, (_, i) => ({ date: addPeriods(start, 'day', 60 + (i % 300)), units: 5 + (i % 7), price: 20 + (i % 13) })),
    returnRate: 0.08,
    returnLagDays: 14,
    payout: { cycleDays: 14, delayDays: 7, reserveShare: 0.1, reserveReleaseDays: 30, feeRate: 0.01 },
    stress: Array.from({ length: 10 }, (_, i) => ({ name: `stress ${i + 1}`, demandFactor: 0.7 + i * 0.05, delayDays: i, payoutHoldDays: (i % 3) * 7 })),
  });
  for (let i = 0; i < 3; i++) cashFlowCalculation.compute(input); // warm-up
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    cashFlowCalculation.compute(input);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return `cash-flow, 365 days × (base + 10 stress scenarios), 1,000 sales lines, 200 POs, 300 payments: median ${times[5]!.toFixed(1)} ms, best ${times[0]!.toFixed(1)} ms over 10 warm runs (target well under 100 ms)`;
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) console.log(cashSpeedBench());
