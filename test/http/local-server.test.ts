import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { devKeyFile, startDynalite, startServer, type LocalServer } from '../../functions/local-server.js';
import { EMULATORS } from '../scenario-helpers.js';
import tableSchema from '../../infra/table-schema.json' with { type: 'json' };

describe('local server (npm start) on embedded DynamoDB', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, dataDir: null, quiet: true });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('creates the table from infra/table-schema.json', async () => {
    const client = new DynamoDBClient({ endpoint: server.dynamoEndpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'peakplan-local' }));
    client.destroy();
    expect(Table?.KeySchema).toEqual([
      { AttributeName: tableSchema.primaryIndex.hashKey, KeyType: 'HASH' },
      { AttributeName: tableSchema.primaryIndex.rangeKey, KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(Object.keys(tableSchema.globalIndexes));
  });

  it('routes calculations, docs and unknown paths like API Gateway would', async () => {
    const calc = await fetch(`${server.url}/v1/safety-stock?demandMean=2500&demandStdDev=500&leadTime=7&leadTimeStdDev=7&serviceLevel=0.9&format=value`);
    expect(Number(await calc.text())).toBeCloseTo(22491.14, 2);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const js = await fetch(`${server.url}/docs/swagger-ui-bundle.js`);
    expect(js.status).toBe(200);
    expect((await js.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    const missing = await fetch(`${server.url}/nowhere`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    const wrongMethod = await fetch(`${server.url}/v1/eoq`, { method: 'PUT' });
    expect(wrongMethod.status).toBe(405);
  });

  it('serves scenarios with the dev key it made, and keeps that key across restarts of a persisted store', async () => {
    const auth = { Authorization: `Bearer ${server.devKey}` };
    expect(server.devKey).toMatch(/^sk_/);
    const created = await fetch(`${server.url}/v1/scenarios`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'local', kind: 'newsvendor', input: { demand: { distribution: 'poisson', mean: 6 }, price: 25, unitCost: 10 } }),
    });
    expect(created.status).toBe(201);
    const listed = (await (await fetch(`${server.url}/v1/scenarios`, { headers: auth })).json()) as { items: unknown[] };
    expect(listed.items.length).toBe(1);
    expect((await fetch(`${server.url}/v1/scenarios`)).status).toBe(401);

    const dataDir = mkdtempSync(path.join(tmpdir(), 'peakplan-local-')) + '/db';
    try {
      const first = await startServer({ port: 0, dataDir, quiet: true });
      const key = first.devKey;
      await first.close();
      const second = await startServer({ port: 0, dataDir, quiet: true });
      expect(second.devKey).toBe(key);
      expect(readFileSync(devKeyFile(dataDir), 'utf8').trim()).toBe(key);
      await second.close();
    } finally {
      rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  });

  it('npm run keys: create, list and revoke against a data folder', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'peakplan-keys-')) + '/db';
    const keys = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', 'scripts/keys.ts', ...args, '--data-dir', dataDir], { encoding: 'utf8' });
    try {
      const created = keys('create', '--tenant', 'acme', '--label', 'ERP sync');
      const id = /key_[0-9a-f]{16}/.exec(created)![0];
      expect(created).toMatch(/sk_[A-Za-z0-9_-]{32}/);
      expect(keys('list', '--tenant', 'acme')).toContain(`${id}\tacme\tsecret`);
      const revoked = keys('revoke', '--tenant', 'acme', '--id', id);
      expect(revoked).toContain('Revoked');
      // Truthful about running servers' key caches (no "refused at once" everywhere).
      expect(revoked).not.toContain('refused at once');
      expect(revoked).toContain('for at most 60 s');
      expect(keys('list', '--tenant', 'acme')).toContain('revoked');
      expect(() => keys('create', '--tenant', 'acme', '--label', 'w', '--publishable')).toThrow();
    } finally {
      rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  }, 60_000);
});

describe('local server (npm start) on an external DynamoDB endpoint (DYNAMODB_ENDPOINT)', () => {
  for (const emu of [{ name: 'a separate dynalite', start: () => startDynalite(null), skip: undefined as string | undefined }, EMULATORS.find((e) => e.name === 'moto')!]) {
    it.skipIf(emu.skip !== undefined)(`creates its table and serves scenarios on ${emu.name}`, async () => {
      const external = await emu.start();
      const server = await startServer({ port: 0, dataDir: null, quiet: true, dynamoEndpoint: external.endpoint, tableName: `external-${process.pid}` });
      try {
        expect(server.embedded).toBe(false);
        expect(server.dynamoEndpoint).toBe(external.endpoint);
        const auth = { Authorization: `Bearer ${server.devKey}`, 'Content-Type': 'application/json' };
        const created = await fetch(`${server.url}/v1/scenarios`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'external', kind: 'eoq', input: { annualDemand: 1000, orderingCost: 10, holdingCost: 2 } }) });
        expect(created.status).toBe(201);
        const client = new DynamoDBClient({ endpoint: external.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
        const { Table } = await client.send(new DescribeTableCommand({ TableName: `external-${process.pid}` }));
        client.destroy();
        expect(Table?.TableName).toBe(`external-${process.pid}`);
      } finally {
        await server.close();
        await external.close();
      }
    }, 60_000);
  }
});
