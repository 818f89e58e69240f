/**
 * HTTP fuzz test: thousands of random, malformed and near-valid bodies and query strings against
 * every route. Never a 5xx, every error is problem+json, every number in a 200 is finite.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allCalculations } from '../../core/calculations.js';
import { createCashApp } from '../../functions/cash/app.js';
import { createCostApp } from '../../functions/cost/app.js';
import { createForecastApp } from '../../functions/forecast/app.js';
import { createPlanApp } from '../../functions/plan/app.js';
import { ownsPath } from '../../functions/http/routes.js';
import { createDocsApp } from '../../functions/docs/app.js';
import { createStockApp } from '../../functions/stock/app.js';
import { allFinite } from '../helpers.js';

const config = { corsOrigins: '*' as const, maxBodyBytes: 64 * 1024 };
const stock = createStockApp(config);
const docs = createDocsApp(config, async () => undefined);
const forecastApp = createForecastApp(config);
const cashApp = createCashApp(config);
const costApp = createCostApp(config);
const planApp = createPlanApp(config);

const fieldNames = ['rate', 'cashFlows', 'dates', 'timing', 'guess', 'nper', 'pv', 'fv', 'type', 'inventory', 'receivables', 'payables', 'revenue', 'costOfGoodsSold', 'days', 'history', 'horizon', 'method', 'frequency', 'start', 'seasonLength', 'ets', 'parameters', 'initialStates', 'levels', 'seed', 'simulations', 'windows', 'pastEvents', 'futureEvents', 'series', 'defaults', 'detail', 'gmvTarget', 'averageOrderValue', 'currency', 'mix', 'unitsPerOrder', 'returnRate', 'demandMean', 'demandStdDev', 'leadTime', 'leadTimeStdDev', 'reviewPeriod', 'serviceLevel', 'serviceLevelType', 'orderQuantity', 'reorderPoint',
  'annualDemand', 'orderingCost', 'holdingCost', 'unitCost', 'holdingRate', 'backorderCost', 'productionRate', 'priceBreaks', 'discountType', 'compareQuantities',
  'startDate', 'horizonDays', 'granularity', 'openingCash', 'creditLine', 'event', 'purchaseOrders', 'importVatReclaimDays', 'payments', 'recurringPayments', 'adRamps', 'sales', 'returnLagDays', 'fx', 'payout', 'discountRate', 'stress',
  'demand', 'price', 'salvageValue', 'shortagePenalty', 'overageCost', 'underageCost', 'quantities',
  'fxRates', 'fxBuffer', 'shipment', 'items', 'freight', 'warehouse', 'selling', 'mode', 'measurement', 'length', 'width', 'height', 'weight', 'pieces', 'volumetricDivisor', 'roundingIncrement', 'comparison',
  'asOf', 'promo', 'modes', 'skus', 'onTimeProbability', 'warehouse', 'shipments', 'policies', 'abc', 'target',
  'stockPlan', 'landedCost', 'cashFlow', 'checklist'];

const edgeNumber = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -1e3, max: 1e6, noNaN: true }),
  fc.constantFrom(0, -0, 1, 0.5, 0.9, 0.999999, 0.9999999, 1e-300, 5e-324, 1e9, 1e12, 1e15, 3650, -1, 1.7976931348623157e308),
  fc.integer({ min: -10, max: 100000 }),
);
const demand = fc.oneof(
  fc.record({ distribution: fc.constantFrom('normal', 'lognormal', 'poisson', 'empirical', 'weird'), mean: edgeNumber, stdDev: edgeNumber }, { requiredKeys: ['distribution'] }),
  fc.record({ distribution: fc.constant('empirical'), samples: fc.array(edgeNumber, { maxLength: 30 }), values: fc.array(edgeNumber, { maxLength: 5 }), probabilities: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }) }, { requiredKeys: ['distribution'] }),
);
const fieldValue = fc.oneof(
  edgeNumber,
  edgeNumber,
  edgeNumber,
  fc.constantFrom('cycle', 'fill-rate', 'all-units', 'incremental', 'normal', '', 'NaN', 'Infinity', '1e999'),
  fc.array(edgeNumber, { maxLength: 8 }),
  fc.array(fc.record({ minQuantity: edgeNumber, unitPrice: edgeNumber }), { maxLength: 5 }),
  demand,
  fc.jsonValue({ maxDepth: 2 }),
  fc.constant(null),
  fc.boolean(),
);
const nearValidBody = fc.dictionary(fc.constantFrom(...fieldNames), fieldValue, { maxKeys: 10 });
const anyBody = fc.oneof(
  nearValidBody.map((b) => JSON.stringify(b)),
  nearValidBody.map((b) => JSON.stringify(b)),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('', '{', 'null', '[]', '"x"', '{"demandMean":1e999}', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}', '\u0000', '{"a":'.repeat(500)),
);
const queryValue = fc.oneof(
  edgeNumber.map(String),
  fc.constantFrom('', 'abc', 'NaN', 'Infinity', '-Infinity', '1,2,3', '1,,2', ',', 'true', '%', '1e999', 'normal', 'empirical', 'cycle', 'fill-rate', 'csv', 'value', 'json'),
  fc.string({ maxLength: 20 }),
);
const queryKey = fc.oneof(fc.constantFrom(...fieldNames, 'demand.distribution', 'demand.mean', 'demand.stdDev', 'demand.samples', 'demand.values', 'demand.probabilities', 'format', 'field', 'priceBreaks.0.minQuantity', 'a..b', '.', '__proto__', '__proto__.x', 'constructor.prototype'), fc.string({ maxLength: 12 }));
const queryString = fc.array(fc.tuple(queryKey, queryValue), { maxLength: 12 }).map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));

const paths = [...allCalculations.map((c) => `/v1/${c.name}`), '/v1/unknown', '/', '/healthz', '/openapi.json', '/docs'];
const methods = fc.constantFrom('GET', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS');
const contentTypes = fc.constantFrom('application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', '', 'application/merge-patch+json');

async function check(res: Response, method: string, path: string): Promise<void> {
  expect(res.status).toBeLessThan(500);
  if (method === 'HEAD' || res.status === 204) return;
  const type = res.headers.get('content-type') ?? '';
  const text = await res.text();
  if (res.status >= 400) {
    expect(type).toBe('application/problem+json');
    const problem = JSON.parse(text) as { status: number; type: string; title: string };
    expect(problem.status).toBe(res.status);
    expect(problem.type).toMatch(/^\/problems\//);
    return;
  }
  // Calculation results never carry null, NaN or Infinity (the OpenAPI document legitimately says "null").
  if (path.startsWith('/v1/')) expect(text).not.toMatch(/\bNaN\b|Infinity|null/);
  if (type.startsWith('application/json')) expect(allFinite(JSON.parse(text))).toBe(true);
  if (type.startsWith('text/plain')) expect(Number.isFinite(Number(text))).toBe(true);
}

/** The app that owns the path, as the local server and API Gateway route it. */
function route(path: string) {
  return [stock, forecastApp, cashApp, costApp, planApp].find((app) => ownsPath(app, path)) ?? docs;
}

describe('HTTP fuzz', () => {
  it('never answers 5xx or a non-finite number to random bodies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), methods, contentTypes, anyBody, fc.option(queryString), async (path, method, type, body, query) => {
        const url = query ? `${path}?${query}` : path;
        const init: RequestInit = { method, headers: type ? { 'content-type': type } : {} };
        if (method !== 'GET' && method !== 'HEAD') init.body = body;
        await check(await route(path).request(url, init), method, path);
      }),
      { numRuns: Number(process.env.PEAKPLAN_FUZZ_RUNS ?? 3000) },
    );
  });

  it('never answers 5xx or a non-finite number to random query strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), queryString, async (path, query) => {
        await check(await route(path).request(`${path}?${query}`), 'GET', path);
      }),
      { numRuns: Number(process.env.PEAKPLAN_FUZZ_RUNS ?? 3000) },
    );
  });
});
