/**
 * The whole API on one local port, with an embedded DynamoDB (dynalite) or an external endpoint
 * (`dynamoEndpoint`, e.g. a moto_server): every function's app
 * mounted behind a dispatcher that routes like API Gateway (the app that owns the path answers,
 * the docs app is the `$default` route).
 */
import { createRequire } from 'node:module';
import { readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { configFromEnv } from './http/app.js';
import { ownsPath } from './http/routes.js';
import { createDocsApp } from './docs/app.js';
import { createCashApp } from './cash/app.js';
import { createCostApp } from './cost/app.js';
import { createPlanApp } from './plan/app.js';
import { createForecastApp } from './forecast/app.js';
import { createStockApp } from './stock/app.js';
import { createScenariosApp } from './scenarios/app.js';
import { scenarioDeps } from './scenarios/deps.js';
import { createDynamoClient } from './storage/dynamo.js';
import { DynamoKeyStore } from './storage/key-store.js';
import { ensureTable } from './storage/table.js';
import { createWorkerPool } from './local-pool.js';

const require = createRequire(import.meta.url);

export interface LocalServerOptions {
  port: number;
  host?: string;
  /** Folder where the embedded DynamoDB keeps its data; `null` keeps it in memory. */
  dataDir?: string | null;
  tableName?: string;
  quiet?: boolean;
  /**
   * An external DynamoDB endpoint (moto_server, DynamoDB Local, …) instead of the embedded dynalite
   * (`DYNAMODB_ENDPOINT` for `npm start`); the table is created there if missing.
   */
  dynamoEndpoint?: string;
  /**
   * Worker threads that run the calculation and scenario routes, so that a long request never
   * blocks `/healthz`, the docs or other requests (functions/local-pool.ts); 0 runs them on the
   * main thread. Default LOCAL_WORKERS, else 2.
   */
  workers?: number;
}

export interface LocalServer {
  url: string;
  dynamoEndpoint: string;
  /** Whether the endpoint is the embedded dynalite (false: an external one was given). */
  embedded: boolean;
  tableName: string;
  /** A secret key of tenant `dev`, made on the first start and kept next to the data. */
  devKey: string;
  close(): Promise<void>;
}

interface Dynalite {
  listen(port: number, host: string, cb: (err?: Error) => void): void;
  address(): AddressInfo;
  close(cb: (err?: Error) => void): void;
}

/** An embedded DynamoDB (dynalite) on a free local port: data in `dataDir`, or in memory with null. */
export async function startDynalite(dataDir: string | null): Promise<{ endpoint: string; close(): Promise<void> }> {
  const dynalite = require('dynalite') as (opts: Record<string, unknown>) => Dynalite;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(dataDir ? { path: dataDir } : {}) });
  await new Promise<void>((resolve, reject) => server.listen(0, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
  const { port } = server.address();
  return { endpoint: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const swaggerDir = require.resolve('swagger-ui-dist/package.json').replace(/package\.json$/, '');

/** Files kept next to the embedded database: the dev key and, while running, the emulator's endpoint (for `npm run keys`). */
export const devKeyFile = (dataDir: string) => `${dataDir}.dev-key`;
export const endpointFile = (dataDir: string) => `${dataDir}.endpoint`;

/** Reuses the dev tenant's key saved by an earlier start (if still valid) or makes a new one. */
async function ensureDevKey(keys: DynamoKeyStore, dataDir: string | null): Promise<string> {
  if (dataDir) {
    const saved = (await readFile(devKeyFile(dataDir), 'utf8').catch(() => '')).trim();
    if (saved && (await keys.verify(saved))) return saved;
  }
  const { key } = await keys.create({ tenant: 'dev', label: 'npm start dev key' });
  if (dataDir) await writeFile(devKeyFile(dataDir), key + '\n', { mode: 0o600 });
  return key;
}

export async function startServer(options: LocalServerOptions): Promise<LocalServer> {
  const tableName = options.tableName ?? 'peakplan-local';
  const dataDir = options.dataDir === undefined ? '.data/dynamodb' : options.dataDir;
  const dynamo = options.dynamoEndpoint ? { endpoint: options.dynamoEndpoint, close: async () => undefined } : await startDynalite(dataDir);
  const client = createDynamoClient({ endpoint: dynamo.endpoint });
  await ensureTable(client, tableName);
  const keys = new DynamoKeyStore(client, tableName);
  const config = { ...configFromEnv(process.env), keys };
  const devKey = await ensureDevKey(keys, dataDir);
  if (dataDir) await writeFile(endpointFile(dataDir), JSON.stringify({ endpoint: dynamo.endpoint, tableName }) + '\n');

  const apps: Hono<any>[] = [createStockApp(config), createForecastApp(config), createCashApp(config), createCostApp(config), createPlanApp(config), createScenariosApp(config, scenarioDeps(client, tableName, keys))];
  const workers = options.workers ?? (Number.isInteger(Number(process.env.LOCAL_WORKERS)) && process.env.LOCAL_WORKERS ? Number(process.env.LOCAL_WORKERS) : 2);
  const pool = workers > 0 ? createWorkerPool(workers, { dynamoEndpoint: dynamo.endpoint, tableName }) : undefined;
  const fallback = createDocsApp(config, (name) => readFile(swaggerDir + name).catch(() => undefined));
  const dispatch = (request: Request) => {
    const url = request.url;
    const start = url.indexOf('/', url.indexOf('//') + 2);
    const query = url.indexOf('?', start);
    const path = url.slice(start, query === -1 ? undefined : query);
    const app = apps.find((a) => ownsPath(a, path));
    if (app && pool) return pool.fetch(request);
    return (app ?? fallback).fetch(request);
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
    embedded: !options.dynamoEndpoint,
    tableName,
    devKey,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool?.close();
      if (dataDir) await rm(endpointFile(dataDir), { force: true });
      client.destroy();
      await dynamo.close();
    },
  };
}
