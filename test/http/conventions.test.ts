import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../../functions/http/app.js';
import { createStockApp } from '../../functions/stock/app.js';

const config = { corsOrigins: '*' as const, maxBodyBytes: 1024 * 1024 };
const app = createStockApp(config);

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

const chopra = { demandMean: 2500, demandStdDev: 500, leadTime: 2, serviceLevel: 0.9 };

async function expectProblem(res: Response, status: number, type: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ type: `/problems/${type}`, status });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  expect(body.instance).toBe(`urn:request:${res.headers.get('x-request-id')}`);
  return body as { errors?: Array<{ path: string; message: string }>; detail: string };
}

describe('HTTP conventions', () => {
  it('answers a valid calculation with 200 JSON, a request id and the method and formula used', async () => {
    const res = await post('/v1/safety-stock', chopra);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]+$/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.method).toBe('cycle-service-level');
    expect(body.formula).toContain('Φ⁻¹');
  });

  it('keeps a well-formed incoming X-Request-Id and replaces a malformed one', async () => {
    expect((await post('/v1/safety-stock', chopra, { 'x-request-id': 'abc-123' })).headers.get('x-request-id')).toBe('abc-123');
    expect((await post('/v1/safety-stock', chopra, { 'x-request-id': 'bad id <script>' })).headers.get('x-request-id')).not.toContain('<');
  });

  it('returns 400 naming every invalid field by JSON pointer', async () => {
    const body = await expectProblem(await post('/v1/newsvendor', { demand: { distribution: 'normal', mean: -1 }, price: 'x', quantities: [1, -2] }), 400, 'validation');
    const paths = body.errors!.map((e) => e.path).sort();
    expect(paths).toEqual(['/demand/mean', '/demand/stdDev', '/price', '/quantities/1'].sort());
    expect(body.detail).toContain('/demand/mean');
  });

  it('returns 400 for unknown fields, malformed JSON, an empty body and a non-object body', async () => {
    expect((await expectProblem(await post('/v1/safety-stock', { ...chopra, leadtime: 3 }), 400, 'validation')).errors![0]!.message).toMatch(/leadtime/);
    await expectProblem(await post('/v1/safety-stock', '{"demandMean": 1,'), 400, 'validation');
    await expectProblem(await post('/v1/safety-stock', ''), 400, 'validation');
    const arr = await expectProblem(await post('/v1/safety-stock', '[1,2]'), 400, 'validation');
    expect(arr.errors![0]!.path).toBe('');
  });

  it('returns 404 problem+json for an unknown route', async () => {
    await expectProblem(await app.request('/v1/no-such-thing'), 404, 'not-found');
  });

  it('returns 405 with Allow for a wrong method', async () => {
    const res = await app.request('/v1/eoq', { method: 'DELETE' });
    await expectProblem(res, 405, 'method-not-allowed');
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
  });

  it('returns 413 when the body is over the limit', async () => {
    const small = createStockApp({ ...config, maxBodyBytes: 100 });
    const res = await small.request('/v1/safety-stock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...chopra, pad: 'x'.repeat(200) }) });
    await expectProblem(res, 413, 'body-too-large');
  });

  it('returns 415 for a body that is not JSON', async () => {
    await expectProblem(await post('/v1/safety-stock', 'demandMean=1', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported-media-type');
    const res = await app.request('/v1/safety-stock', { method: 'POST', body: JSON.stringify(chopra) });
    expect(res.status).toBe(415);
  });

  it('accepts JSON media types with parameters and +json suffixes', async () => {
    expect((await post('/v1/safety-stock', chopra, { 'content-type': 'application/json; charset=utf-8' })).status).toBe(200);
    expect((await post('/v1/safety-stock', chopra, { 'content-type': 'application/vnd.peakplan+json' })).status).toBe(200);
  });

  it('returns 422 for valid but impossible input, naming the field', async () => {
    const body = await expectProblem(await post('/v1/safety-stock', { ...chopra, serviceLevel: 0.9999999 }), 422, 'safety-stock.service-level-too-close-to-one');
    expect(body.errors).toEqual([{ path: '/serviceLevel', message: expect.stringContaining('0.999999') }]);
    await expectProblem(await post('/v1/newsvendor', { demand: { distribution: 'poisson', mean: 5 }, price: 5, unitCost: 6 }), 422, 'newsvendor.unprofitable');
    await expectProblem(await post('/v1/eoq', { annualDemand: 1000, orderingCost: 10, holdingCost: 1, productionRate: 900 }), 422, 'eoq.production-rate-not-above-demand');
  });

  it('returns 500 problem+json without internals when a handler fails', async () => {
    const broken = createApp(config);
    broken.get('/boom', () => {
      throw new Error('secret connection string xyz');
    });
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await broken.request('/boom');
    spy.mockRestore();
    const body = await expectProblem(res, 500, 'internal');
    expect(JSON.stringify(body)).not.toContain('secret');
  });
});

describe('CORS and security headers', () => {
  it('answers a preflight from any origin by default and exposes X-Request-Id', async () => {
    const res = await app.request('/v1/safety-stock', {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
    const actual = await post('/v1/safety-stock', chopra, { origin: 'https://shop.example' });
    expect(actual.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
  });

  it('allows only configured origins when a list is given', async () => {
    const strict = createStockApp({ ...config, corsOrigins: ['https://partner.example'] });
    const ok = await strict.request('/v1/safety-stock?demandMean=1&demandStdDev=1&leadTime=1&serviceLevel=0.9', { headers: { origin: 'https://partner.example' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://partner.example');
    const other = await strict.request('/v1/safety-stock?demandMean=1&demandStdDev=1&leadTime=1&serviceLevel=0.9', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sets secure headers without forbidding cross-origin reads', async () => {
    const res = await post('/v1/safety-stock', chopra);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('answers OPTIONS on an unknown path with 404', async () => {
    expect((await app.request('/v1/unknown', { method: 'OPTIONS' })).status).toBe(404);
  });
});

describe('spreadsheet forms', () => {
  const query = 'demandMean=2500&demandStdDev=500&leadTime=2&serviceLevel=0.9';

  it('GET with query parameters gives the same result as POST', async () => {
    const viaGet = await (await app.request(`/v1/safety-stock?${query}`)).json();
    const viaPost = await (await post('/v1/safety-stock', chopra)).json();
    expect(viaGet).toEqual(viaPost);
  });

  it('GET validates exactly like POST, naming the query field', async () => {
    const body = await expectProblem(await app.request('/v1/safety-stock?demandMean=abc&demandStdDev=500&leadTime=2&serviceLevel=2'), 400, 'validation');
    expect(body.errors!.map((e) => e.path).sort()).toEqual(['/demandMean', '/serviceLevel']);
  });

  it('GET takes comma-separated lists and dotted nested fields', async () => {
    const res = await app.request('/v1/newsvendor?demand.distribution=empirical&demand.samples=10,20,30,40&price=10&unitCost=4&quantities=10,20');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { quantity: number; comparisons: unknown[] };
    expect(body.quantity).toBe(30);
    expect(body.comparisons).toHaveLength(2);
  });

  it('format=value returns the primary number as text/plain, or the named field', async () => {
    const res = await app.request(`/v1/safety-stock?${query}&format=value`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(Number(await res.text())).toBeCloseTo(906.19, 2);
    const rop = await app.request(`/v1/safety-stock?${query}&format=value&field=reorderPoint`);
    expect(Number(await rop.text())).toBeCloseTo(5906.19, 2);
    await expectProblem(await app.request(`/v1/safety-stock?${query}&format=value&field=policy`), 400, 'validation');
  });

  it('format=csv and Accept: text/csv return the result table', async () => {
    const res = await app.request(`/v1/safety-stock?${query}&format=csv`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe('metric,value');
    expect(lines).toContainEqual(expect.stringMatching(/^safetyStock,906\.19/));
    const viaAccept = await post('/v1/eoq', { annualDemand: 12000, orderingCost: 4000, holdingCost: 100, compareQuantities: [1200] }, { accept: 'text/csv' });
    const rows = (await viaAccept.text()).trim().split('\r\n');
    expect(rows[0]).toBe('case,quantity,unitPrice,ordersPerYear,orderingCostPerYear,holdingCostPerYear,backorderCostPerYear,totalRelevantCost,totalCost');
    expect(rows).toHaveLength(3);
  });

  it('reports __proto__ and constructor keys as unknown fields and never touches Object.prototype', async () => {
    const res = await app.request(`/v1/safety-stock?${query}&__proto__.polluted=1&constructor.prototype.polluted=1`);
    const body = await expectProblem(res, 400, 'validation');
    expect(JSON.stringify(body.errors)).toMatch(/__proto__|constructor/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects an unknown format', async () => {
    await expectProblem(await app.request(`/v1/safety-stock?${query}&format=xml`), 400, 'validation');
  });

  it('HEAD behaves like GET without a body', async () => {
    const res = await app.request(`/v1/safety-stock?${query}`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.text()).toBe('');
  });

  it('plain OPTIONS (no preflight) lists the allowed methods', async () => {
    const res = await app.request('/v1/newsvendor', { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
  });
});

describe('finite results', () => {
  it('turns a non-finite number in a result into a 422 naming where it is', async () => {
    const { assertFinite } = await import('../../functions/http/calculation-route.js');
    expect(() => assertFinite({ a: 1, b: [2, { c: Number.POSITIVE_INFINITY }] })).toThrow(/\/b\/1\/c/);
    expect(() => assertFinite({ a: 1, b: [2, { c: 3 }], s: 'x' })).not.toThrow();
  });
});
