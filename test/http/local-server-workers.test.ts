/**
 * The local server keeps answering while a heavy request computes: calculations run in worker
 * threads (functions/local-pool.ts), /healthz and the docs on the main thread. Asserts the order
 * in which the answers complete, never timings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type LocalServer } from '../../functions/local-server.js';

/** A forecast of about 2 s: auto on 3,000 monthly points (inside the work budget). */
function heavyForecastBody(): string {
  const history = Array.from({ length: 3000 }, (_, t) => 100 + 20 * Math.sin((2 * Math.PI * t) / 12) + ((t * 7919) % 13));
  return JSON.stringify({ history, horizon: 12, seasonLength: 12, method: 'auto' });
}

describe('local server with worker threads', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, dataDir: null, quiet: true, workers: 2 });
    // Both workers loaded before the race (the first request of a worker imports the apps).
    await Promise.all([fetch(`${server.url}/v1/safety-stock?demandMean=1&demandStdDev=1&leadTime=1&serviceLevel=0.9`), fetch(`${server.url}/v1/eoq?annualDemand=1000&orderingCost=10&holdingCost=1`)]);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it('answers /healthz and a light calculation while a heavy forecast is in flight', async () => {
    const order: string[] = [];
    const heavy = fetch(`${server.url}/v1/forecast`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: heavyForecastBody() }).then(async (r) => {
      order.push('heavy');
      return { status: r.status, body: (await r.json()) as { periods: unknown[] } };
    });
    // Give the worker the heavy request first, then ask the others.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const health = fetch(`${server.url}/healthz`).then((r) => {
      order.push('healthz');
      return r.status;
    });
    const light = fetch(`${server.url}/v1/safety-stock?demandMean=2500&demandStdDev=500&leadTime=7&leadTimeStdDev=7&serviceLevel=0.9&format=value`).then(async (r) => {
      order.push('light');
      return Number(await r.text());
    });
    const [h, l, big] = await Promise.all([health, light, heavy]);
    expect(h).toBe(200);
    expect(l).toBeCloseTo(22491.14, 2);
    expect(big.status).toBe(200);
    expect(big.body.periods).toHaveLength(12);
    expect(order.indexOf('healthz')).toBeLessThan(order.indexOf('heavy'));
    expect(order.indexOf('light')).toBeLessThan(order.indexOf('heavy'));
  }, 60_000);

  it('passes request bodies, headers and problem answers through the workers unchanged', async () => {
    const res = await fetch(`${server.url}/v1/eoq`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'abc-123' }, body: '{"annualDemand": -1}' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    const head = await fetch(`${server.url}/v1/eoq?annualDemand=1000&orderingCost=10&holdingCost=1`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });
});
