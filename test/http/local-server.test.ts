import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type LocalServer } from '../../functions/local-server.js';
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
});
