/**
 * The work budget and the response-size bound, figures only (nothing asserted): for each route
 * and shape of request, the largest request the estimates accept (core/budget), its estimated
 * and its measured time through the HTTP app (validation, compute, serialisation, one warm run
 * after one cold), and its answer size. Recalibrate FORECAST_COST / CALCULATION_COST /
 * RESPONSE_BYTES from these figures when the engine changes. The machine is shared and noisy:
 * read the ratios, not the third digit.
 *
 *   npx tsx scripts/bench/work-budget.ts            (all cases)
 *   npx tsx scripts/bench/work-budget.ts forecast   (cases whose name contains "forecast")
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allCalculations } from '../../core/calculations.js';
import type { Calculation } from '../../core/calculation.js';
import { estimateResponseBytes, estimateWork } from '../../core/budget/estimates.js';
import { RESPONSE_LIMIT_BYTES } from '../../core/budget/response-size.js';
import { WORK_BUDGET_MICROS } from '../../core/budget/work.js';
import { createCashApp } from '../../functions/cash/app.js';
import { createCostApp } from '../../functions/cost/app.js';
import { createForecastApp } from '../../functions/forecast/app.js';
import { createPlanApp } from '../../functions/plan/app.js';
import { cashBenchRequest } from './cash-speed.js';
import { costBenchInput } from './cost-speed.js';
import { syntheticWeeklySeries } from './forecast-speed.js';
import { planBenchRequest } from './plan-speed.js';
import { stockPlanBenchRequest } from './stock-plan-speed.js';

type Json = Record<string, any>;

interface Case {
  name: string;
  route: string;
  /** The request of size k (k from 1 to max). */
  make: (k: number) => Json;
  max: number;
  /** What k counts. */
  unit: string;
}

const config = { corsOrigins: '*' as const, maxBodyBytes: 100e6 };
const apps = { forecast: createForecastApp(config), cash: createCashApp(config), cost: createCostApp(config), plan: createPlanApp(config) };
const appOf = (route: string) => (route.startsWith('forecast') ? apps.forecast : route === 'cash-flow' ? apps.cash : route === 'landed-cost' ? apps.cost : apps.plan);
const calcOf = (route: string) => allCalculations.find((c) => c.name === route) as unknown as Calculation;

function seasonal(n: number, m: number, seed = 1): number[] {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: n }, (_, t) => Math.round(100 + 0.02 * t + 25 * Math.sin((2 * Math.PI * t) / m) + 12 * rnd()));
}

const normalDemand = (r: Json) => ({ ...r, skus: r.skus.map((s: Json) => ({ ...s, demand: { source: 'normal', mean: 500, stdDev: 120 } })) });

const CASES: Case[] = [
  { name: 'forecast auto, season 12, 30 periods', route: 'forecast', unit: 'history points', max: 5000, make: (k) => ({ history: seasonal(k, 12), horizon: 30, seasonLength: 12 }) },
  { name: 'forecast auto, no season, 10,000 paths, window', route: 'forecast', unit: 'horizon periods', max: 1000, make: (k) => ({ history: seasonal(5000, 7).map((v, t) => v + t % 3), horizon: k, simulations: 10000, windows: [{ start: 1, end: k }] }) },
  { name: 'forecast holt-winters-additive m 24, 10,000 paths', route: 'forecast', unit: 'horizon periods', max: 1000, make: (k) => ({ history: seasonal(200, 24), horizon: k, seasonLength: 24, method: 'holt-winters-additive', simulations: 10000, windows: [{ start: 1, end: k }] }) },
  { name: 'forecast ses, 10,000 paths, 50 windows', route: 'forecast', unit: 'horizon periods', max: 1000, make: (k) => ({ history: seasonal(100, 7), horizon: k, method: 'ses', simulations: 10000, windows: Array.from({ length: 50 }, () => ({ start: 1, end: k })) }) },
  {
    name: 'forecast/batch auto, 104 weeks each (defaults)',
    route: 'forecast/batch',
    unit: 'series',
    max: 2000,
    make: (k) => ({ defaults: { horizon: 26, frequency: 'week' }, series: syntheticWeeklySeries(k, 104, 7).map((s, i) => ({ id: `S${i}`, history: s.history })) }),
  },
  {
    name: 'forecast/batch ses, 520 weeks, full detail',
    route: 'forecast/batch',
    unit: 'series',
    max: 2000,
    make: (k) => ({ detail: 'full', defaults: { horizon: 52, method: 'ses' }, series: Array.from({ length: k }, (_, i) => ({ id: `S${i}`, history: seasonal(520, 52, i + 1) })) }),
  },
  { name: 'stock-plan, inline auto forecasts (104 weeks)', route: 'stock-plan', unit: 'SKUs', max: 500, make: (k) => stockPlanBenchRequest(k) as Json },
  { name: 'stock-plan, normal demand', route: 'stock-plan', unit: 'SKUs', max: 2000, make: (k) => normalDemand(stockPlanBenchRequest(k) as Json) },
  { name: 'plan, inline auto forecasts, 2 modes', route: 'plan', unit: 'SKUs', max: 500, make: (k) => planBenchRequest(k) },
  { name: 'plan, normal demand, 2 modes', route: 'plan', unit: 'SKUs', max: 2000, make: (k) => normalDemand(planBenchRequest(k)) },
  { name: 'landed-cost, detail full', route: 'landed-cost', unit: 'items', max: 2000, make: (k) => JSON.parse(JSON.stringify(costBenchInput(k, 'full'))) },
  { name: 'landed-cost, detail summary', route: 'landed-cost', unit: 'items', max: 2000, make: (k) => JSON.parse(JSON.stringify(costBenchInput(k, 'summary'))) },
  {
    name: 'cash-flow 1,000 SKUs x 365 days',
    route: 'cash-flow',
    unit: 'stress scenarios',
    max: 20,
    make: (k) => {
      const r = cashBenchRequest() as Json;
      return { ...r, stress: Array.from({ length: k }, (_, i) => ({ ...r.stress[i % r.stress.length], name: `stress ${i + 1}` })) };
    },
  },
];

/** Whether the estimates accept the request (validated as the route does). */
function accepted(c: Case, k: number): { ok: boolean; micros: number; bytes?: number } {
  const calc = calcOf(c.route);
  const parsed = calc.input.parse(c.make(k));
  const work = estimateWork(c.route, parsed);
  const size = estimateResponseBytes(c.route, parsed);
  return { ok: work.micros <= WORK_BUDGET_MICROS && (size === undefined || size.bytes <= RESPONSE_LIMIT_BYTES), micros: work.micros, ...(size ? { bytes: size.bytes } : {}) };
}

/** The largest k the estimates accept (binary search: the estimates grow with k). */
function largestAccepted(c: Case): number {
  if (accepted(c, c.max).ok) return c.max;
  let lo = 0;
  let hi = c.max;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (accepted(c, mid).ok) lo = mid;
    else hi = mid;
  }
  return lo;
}

async function timeRequest(c: Case, body: string): Promise<{ ms: number; status: number; bytes: number; detail: string }> {
  const t = performance.now();
  const res = await appOf(c.route).request(`/v1/${c.route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await res.text();
  return { ms: performance.now() - t, status: res.status, bytes: Buffer.byteLength(text), detail: res.status === 200 ? '' : text.slice(0, 160) };
}

export async function workBudgetBench(filter = ''): Promise<string> {
  const rows: string[] = [];
  const header = `${'case'.padEnd(50)} ${'worst accepted'.padStart(22)}  est s  meas s  answer MB  status | refused at max: est s, est MB`;
  console.log(header);
  for (const c of CASES) {
    if (filter && !c.name.includes(filter)) continue;
    const k = largestAccepted(c);
    if (k === 0) {
      console.log(`${c.name.padEnd(50)} nothing accepted`);
      continue;
    }
    const est = accepted(c, k);
    const body = JSON.stringify(c.make(k));
    await timeRequest(c, body); // cold: JIT and heap
    const warm = await timeRequest(c, body);
    const atMax = k < c.max ? accepted(c, c.max) : undefined;
    const line =
      `${c.name.padEnd(50)} ${`${k} ${c.unit}`.padStart(22)} ${(est.micros / 1e6).toFixed(2).padStart(6)} ${(warm.ms / 1000).toFixed(2).padStart(7)} ${(warm.bytes / 1e6).toFixed(2).padStart(10)}  ${String(warm.status).padStart(6)}` +
      (atMax ? ` | ${c.max}: ${(atMax.micros / 1e6).toFixed(1)} s${atMax.bytes !== undefined ? `, ${(atMax.bytes / 1e6).toFixed(1)} MB` : ''}` : '') +
      (warm.detail ? `  ${warm.detail}` : '');
    console.log(line);
    rows.push(line);
  }
  return [header, ...rows].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`Work budget ${WORK_BUDGET_MICROS / 1e6} s, response limit ${RESPONSE_LIMIT_BYTES / 1e6} MB (core/budget). Worst accepted request per case, one warm run after a cold one:\n`);
  await workBudgetBench(process.argv[2] ?? '');
}
