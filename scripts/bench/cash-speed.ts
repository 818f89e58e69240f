/**
 * Cash-flow timeline speed, the shape: 1,000 SKUs (500 with daily units, 500 with daily
 * forecasts; 10 return rates, 3 return lags) over a 365-day daily horizon, with 10 stress scenarios
 * (base + 10 simulations, every stress field used), plus 200 purchase orders, 100 shipments with
 * import VAT, 300 payments, monthly fees, an ad ramp, FX and the Amazon preset. Median of 15 warm
 * runs of the calculation on a validated input; the validation (zod parse of ~365,000 numbers) is
 * timed separately. Figures only.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cashFlowCalculation } from '../../core/cash/timeline.js';
import { addPeriods } from '../../core/forecast/calendar.js';

const RUNS = 15;

/** The bench request: 1,000 SKUs × 365 days, 10 stress scenarios. */
export function cashBenchRequest(): unknown {
  const start = '2026-08-01';
  const day = (d: number) => addPeriods(start, 'day', d);
  const categories = ['freight', 'duties', 'ads', 'content'] as const;
  const demand = (i: number, d: number) => 2 + ((i * 7 + d * 3) % 11) + (d >= 118 && d <= 121 ? 20 : 0);
  return {
    startDate: start,
    horizonDays: 365,
    granularity: 'day',
    openingCash: 50_000,
    creditLine: { limit: 500_000, annualRate: 0.12 },
    event: { start: day(118), end: day(121) },
    purchaseOrders: Array.from({ length: 200 }, (_, i) => ({ orderDate: day(i % 60), amount: 5000 + i, depositShare: 0.3, shipmentDate: day((i % 60) + 30), balanceDaysAfterShipment: 15 })),
    shipments: Array.from({ length: 100 }, (_, i) => ({ departureDate: day(30 + (i % 60)), importDate: day(60 + (i % 60)), freight: 2000, freightDaysAfterDeparture: 30, duties: 800, importVat: 1500 })),
    importVatReclaimDays: 45,
    payments: Array.from({ length: 300 }, (_, i) => ({ date: day(i % 300), amount: 50 + i, category: categories[i % 4]! })),
    recurringPayments: [{ category: 'warehouse', amountPerMonth: 4000, from: day(60), chargeOn: 'first-of-month' }],
    adRamps: [{ warmUpWeeks: 3, warmUpDaily: 500, eventDaily: 3000, afterDays: 14, afterDaily: 300 }],
    skus: Array.from({ length: 1000 }, (_, i) => {
      const values = Array.from({ length: 365 }, (_, d) => demand(i, d));
      const common = { sku: `SKU-${i}`, price: 10 + (i % 50), returnRate: 0.03 + (i % 10) / 100, returnLagDays: 7 + (i % 3) * 7 };
      return i % 2 === 0 ? { ...common, start, units: values } : { ...common, forecast: { start, frequency: 'day', values } };
    }),
    fx: { sellingCurrency: 'EUR', accountCurrency: 'USD', rate: 1.08 },
    payout: { preset: 'amazon-us', deliveryDays: 2 },
    discountRate: 0.1,
    stress: Array.from({ length: 10 }, (_, i) => ({
      name: `stress ${i + 1}`,
      demandFactor: 0.7 + i * 0.05,
      delayDays: i,
      returnRateDelta: i % 2 === 0 ? 0 : 0.05 * i,
      fxMove: -0.02 * i,
      payoutHoldDays: (i % 3) * 7,
      adCostFactor: 1 + i * 0.05,
    })),
  };
}

export function cashSpeedBench(): string {
  const request = cashBenchRequest();
  const parseTimes: number[] = [];
  let input = cashFlowCalculation.input.parse(request);
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    input = cashFlowCalculation.input.parse(request);
    parseTimes.push(performance.now() - t);
  }
  for (let i = 0; i < 5; i++) cashFlowCalculation.compute(input); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    cashFlowCalculation.compute(input);
    times.push(performance.now() - t);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return (
    `cash-flow, 1,000 SKUs × 365 days (daily) × (base + 10 stress scenarios), 200 POs, 100 shipments, 300 payments: ` +
    `median ${median(times).toFixed(1)} ms, best ${Math.min(...times).toFixed(1)} ms over ${RUNS} warm runs (target well under 100 ms); ` +
    `input validation ${median(parseTimes).toFixed(1)} ms more (median of 5)`
  );
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) console.log(cashSpeedBench());
