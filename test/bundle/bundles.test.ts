/**
 * The deployable bundles, built exactly as `npm run build` (and SST) build them, invoked through
 * their Lambda handlers with API Gateway HTTP API (payload 2.0) events.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, bundleOne, discoverGroups, type BundleResult } from '../../scripts/build.js';
import { createDynamoClient } from '../../functions/storage/dynamo.js';
import { DynamoKeyStore } from '../../functions/storage/key-store.js';
import { ensureTable } from '../../functions/storage/table.js';
import { startEmulator } from '../scenario-helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'peakplan-bundles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; headers: Record<string, string>; body: string }>;

function event(method: string, rawPath: string, rawQueryString = '', body?: string, headers: Record<string, string> = {}) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers: { host: 'api.example', 'content-type': 'application/json', ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}), ...headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example',
      domainPrefix: 'api',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.1', userAgent: 'vitest' },
      requestId: 'req',
      routeKey: '$default',
      stage: '$default',
      time: '25/Nov/2026:00:00:00 +0000',
      timeEpoch: 1795564800000,
    },
    body,
    isBase64Encoded: false,
  };
}

/** Builds and imports a bundle; `inRepo` puts it under dist/ so that its external @aws-sdk imports resolve from node_modules. */
async function load(group: string, inRepo = false): Promise<{ result: BundleResult; handler: Handler }> {
  const entry = (await discoverGroups()).find((g) => g.group === group)!.entry;
  const result = await bundleOne(group, entry, path.join(inRepo ? path.join(ROOT, 'dist', 'test-bundles') : dir, group, 'index.mjs'));
  const mod = (await import(pathToFileURL(result.outfile).href)) as { handler: Handler };
  return { result, handler: mod.handler };
}

describe('Lambda bundles', () => {
  it('stock: answers POST and GET forms, loads the AWS SDK only lazily, carries no JSON-Schema generator', async () => {
    const { result, handler } = await load('stock');
    // The key store imports the SDK on the first request with a key (never at cold start).
    expect(result.awsSdkImports.every((i) => i.kind === 'dynamic-import')).toBe(true);
    const jsonSchemaBytes = result.inputs.filter((i) => /to-json-schema|json-schema-processors/.test(i.path)).reduce((a, i) => a + i.bytes, 0);
    expect(jsonSchemaBytes).toBeLessThan(2000); // the stubs only, not zod's ~16 KB generator
    const body = JSON.stringify({ demandMean: 2500, demandStdDev: 500, leadTime: 7, leadTimeStdDev: 7, serviceLevel: 0.9 });
    const post = await handler(event('POST', '/v1/safety-stock', '', body), {});
    expect(post.statusCode).toBe(200);
    expect(JSON.parse(post.body).safetyStock).toBeCloseTo(22491.1387, 3);
    const get = await handler(event('GET', '/v1/newsvendor', 'demand.distribution=poisson&demand.mean=6&price=25&unitCost=10&format=value'), {});
    expect(get.body).toBe('6'); // Poisson(6), critical ratio 15/25 = 0.6, P(D ≤ 6) = 0.606
    const bad = await handler(event('POST', '/v1/eoq', '', '{"annualDemand":-1}'), {});
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toBe('application/problem+json');
  });

  it('docs: serves a valid OpenAPI document and health', async () => {
    const { handler } = await load('docs');
    const doc = await handler(event('GET', '/openapi.json'), {});
    expect(doc.statusCode).toBe(200);
    expect(JSON.parse(doc.body).openapi).toBe('3.1.0');
    expect((await handler(event('GET', '/healthz'), {})).statusCode).toBe(200);
    expect((await handler(event('GET', '/nowhere'), {})).statusCode).toBe(404);
  });

  it('scenarios: saves, reads and refuses a stale update through the Lambda handler on an emulator', async () => {
    const emulator = await startEmulator();
    try {
      const admin = createDynamoClient({ endpoint: emulator.endpoint });
      await ensureTable(admin, 'bundle-test');
      const { key } = await new DynamoKeyStore(admin, 'bundle-test').create({ tenant: 'acme', label: 'bundle test' });
      process.env.TABLE_NAME = 'bundle-test';
      process.env.DYNAMODB_ENDPOINT = emulator.endpoint;
      const { result, handler } = await load('scenarios', true);
      expect(result.awsSdkImports.some((i) => i.kind !== 'dynamic-import')).toBe(true);
      const auth = { authorization: `Bearer ${key}` };
      const created = await handler(event('POST', '/v1/scenarios', '', JSON.stringify({ name: 'bundle', kind: 'eoq', input: { annualDemand: 12000, orderingCost: 4000, holdingCost: 100 } }), auth), {});
      expect(created.statusCode).toBe(201);
      const id = JSON.parse(created.body).id as string;
      const run = await handler(event('POST', `/v1/scenarios/${id}/run`, '', '{}', auth), {});
      expect(JSON.parse(run.body).result.quantity).toBeCloseTo(979.795897, 5);
      const stale = await handler(event('PATCH', `/v1/scenarios/${id}`, '', '{"name":"x"}', { ...auth, 'if-match': '"v9"' }), {});
      expect(stale.statusCode).toBe(412);
      expect((await handler(event('GET', `/v1/scenarios/${id}`), {})).statusCode).toBe(401);
      admin.destroy();
    } finally {
      delete process.env.TABLE_NAME;
      delete process.env.DYNAMODB_ENDPOINT;
      await emulator.close();
    }
  });
});
