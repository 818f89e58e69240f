/**
 * The whole API on one local port, with an embedded DynamoDB (dynalite): every function's app
 * mounted behind a dispatcher that routes like API Gateway (the app that owns the path answers,
 * the docs app is the `$default` route).
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Hono } from 'hono';
import { configFromEnv } from './http/app.js';
import { ownsPath } from './http/routes.js';
import { createDocsApp } from './docs/app.js';
import { createCashApp } from './cash/app.js';
import { createForecastApp } from './forecast/app.js';
import { createStockApp } from './stock/app.js';
import { ensureTable } from './storage/table.js';

const require = createRequire(import.meta.url);

export interface LocalServerOptions {
  port: number;
  host?: string;
  /** Folder where the embedded DynamoDB keeps its data; `null` keeps it in memory. */
  dataDir?: string | null;
  tableName?: string;
  quiet?: boolean;
}

export interface LocalServer {
  url: string;
  dynamoEndpoint: string;
  close(): Promise<void>;
}

interface Dynalite {
  listen(port: number, host: string, cb: (err?: Error) => void): void;
  address(): AddressInfo;
  close(cb: (err?: Error) => void): void;
}

async function startDynalite(dataDir: string | null): Promise<{ endpoint: string; close(): Promise<void> }> {
  const dynalite = require('dynalite') as (opts: Record<string, unknown>) => Dynalite;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(dataDir ? { path: dataDir } : {}) });
  await new Promise<void>((resolve, reject) => server.listen(0, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
  const { port } = server.address();
  return { endpoint: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const swaggerDir = require.resolve('swagger-ui-dist/package.json').replace(/package\.json$/, '');

export async function startServer(options: LocalServerOptions): Promise<LocalServer> {
  const config = configFromEnv(process.env);
  const tableName = options.tableName ?? 'peakplan-local';
  const dynamo = await startDynalite(options.dataDir === undefined ? '.data/dynamodb' : options.dataDir);
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(client, tableName);

  const apps: Hono<any>[] = [createStockApp(config), createForecastApp(config), createCashApp(config)];
  const fallback = createDocsApp(config, (name) => readFile(swaggerDir + name).catch(() => undefined));
  const dispatch = (request: Request) => {
    const url = request.url;
    const start = url.indexOf('/', url.indexOf('//') + 2);
    const query = url.indexOf('?', start);
    const path = url.slice(start, query === -1 ? undefined : query);
    const app = apps.find((a) => ownsPath(a, path)) ?? fallback;
    return app.fetch(request);
  };

  const server = serve({ fetch: dispatch, port: options.port, hostname: options.host ?? '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  return {
    url,
    dynamoEndpoint: dynamo.endpoint,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      client.destroy();
      await dynamo.close();
    },
  };
}
