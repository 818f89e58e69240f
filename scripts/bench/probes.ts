/**
 * The request each benchmark sends: one per calculation group (add an entry when a group is added;
 * a group without one is probed with GET / and its status shown as-is).
 */
export interface Probe {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

export const SAFETY_STOCK_BODY = JSON.stringify({ demandMean: 2500, demandStdDev: 500, leadTime: 7, leadTimeStdDev: 7, serviceLevel: 0.9 });

export const SAFETY_STOCK_PROBE: Probe = { method: 'POST', path: '/v1/safety-stock', body: SAFETY_STOCK_BODY };

/** A two-year weekly history forecast with method auto: the forecast function's first real request. */
export const FORECAST_PROBE: Probe = {
  method: 'POST',
  path: '/v1/forecast',
  body: JSON.stringify({ history: Array.from({ length: 104 }, (_, t) => 100 + t + 20 * Math.sin((2 * Math.PI * t) / 52) + ((t * 37) % 11)), horizon: 8, frequency: 'week' }),
};

export const PROBES: Readonly<Record<string, Probe>> = {
  stock: SAFETY_STOCK_PROBE,
  forecast: FORECAST_PROBE,
  cash: { method: 'POST', path: '/v1/finance/npv', body: JSON.stringify({ rate: 0.1, cashFlows: [-10000, 3000, 4200, 6800] }) },
  cost: { method: 'GET', path: '/v1/landed-cost/chargeable-weight?mode=air&length=65&width=45&height=30&weight=14' },
  // A two-SKU Black Friday plan with normal demand, 70/30 sea/air (the inline forecast is the forecast probe's cost).
  plan: {
    method: 'POST',
    path: '/v1/stock-plan',
    body: JSON.stringify({
      asOf: '2026-09-01',
      promo: { start: '2026-11-27', end: '2026-11-30', coverageDaysAfter: 14 },
      modes: [
        { name: 'sea', transitDays: 30, transitStdDevDays: 5 },
        { name: 'air', transitDays: 5, transitStdDevDays: 1 },
      ],
      warehouse: { receivingDays: 5 },
      shipments: { method: 'given', batches: [{ mode: 'sea', share: 0.7 }, { mode: 'air', share: 0.3 }] },
      skus: [
        { sku: 'A', demand: { source: 'normal', mean: 1000, stdDev: 200 }, price: 30, onHand: 150, moq: 500, casePack: 24, productionLeadTimeDays: 20 },
        { sku: 'B', demand: { source: 'normal', mean: 300, stdDev: 90 }, price: 20, casePack: 12, productionLeadTimeDays: 20 },
      ],
    }),
  },
};

export const FALLBACK_PROBE: Probe = { method: 'GET', path: '/' };

export function probeFor(group: string): { probe: Probe; known: boolean } {
  const probe = PROBES[group];
  return probe ? { probe, known: true } : { probe: FALLBACK_PROBE, known: false };
}

/** API Gateway access-log time, e.g. `09/Apr/2015:12:34:56 +0000`. */
export function gatewayTime(epochMs: number): string {
  const d = new Date(epochMs);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** An API Gateway HTTP API (payload format 2.0) event for the probe. */
export function httpApiV2Event(probe: Probe, epochMs = Date.now()) {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-length': String(Buffer.byteLength(probe.body ?? '')),
    host: 'abc123defg.execute-api.us-east-1.amazonaws.com',
    'user-agent': 'peakplan-bench/1.0',
    'x-amzn-trace-id': 'Root=1-67891233-abcdef012345678912345678',
    'x-forwarded-for': '203.0.113.10',
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
  };
  if (probe.body !== undefined) headers['content-type'] = 'application/json';
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: probe.path,
    rawQueryString: '',
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123defg',
      domainName: 'abc123defg.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abc123defg',
      http: { method: probe.method, path: probe.path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.10', userAgent: 'peakplan-bench/1.0' },
      requestId: 'JKJaXmPLvHcESHA=',
      routeKey: '$default',
      stage: '$default',
      time: gatewayTime(epochMs),
      timeEpoch: epochMs,
    },
    ...(probe.body !== undefined ? { body: probe.body } : {}),
    isBase64Encoded: false,
  };
}
