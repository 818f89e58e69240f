/**
 * One worker thread of the local server (functions/local-pool.ts): the calculation and scenario
 * apps, answering the requests the main thread forwards, so that a request computing for seconds
 * never blocks `/healthz`, the docs or the other requests. Lambda runs one request per instance,
 * so only the local server needs this.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Hono } from 'hono';
import { configFromEnv } from './http/app.js';
import { ownsPath } from './http/routes.js';
import { createCashApp } from './cash/app.js';
import { createCostApp } from './cost/app.js';
import { createForecastApp } from './forecast/app.js';
import { createPlanApp } from './plan/app.js';
import { createStockApp } from './stock/app.js';
import { createScenariosApp } from './scenarios/app.js';
import { scenarioDeps } from './scenarios/deps.js';
import { createDynamoClient } from './storage/dynamo.js';
import { DynamoKeyStore } from './storage/key-store.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './local-pool.js';

const setup = workerData as WorkerSetup;
const client = createDynamoClient({ endpoint: setup.dynamoEndpoint });
const keys = new DynamoKeyStore(client, setup.tableName);
const config = { ...configFromEnv(process.env), keys };
const apps: Hono<any>[] = [
  createStockApp(config),
  createForecastApp(config),
  createCashApp(config),
  createCostApp(config),
  createPlanApp(config),
  createScenariosApp(config, scenarioDeps(client, setup.tableName, keys)),
];

async function answer(message: WorkerRequest): Promise<WorkerReply> {
  const path = new URL(message.url).pathname;
  const app = apps.find((a) => ownsPath(a, path));
  if (!app) return { id: message.id, status: 404, headers: [], body: null };
  const request = new Request(message.url, { method: message.method, headers: message.headers, ...(message.body ? { body: message.body } : {}) });
  const response = await app.fetch(request);
  const body = response.body ? await response.arrayBuffer() : null;
  return { id: message.id, status: response.status, headers: [...response.headers], body };
}

parentPort!.on('message', (message: WorkerRequest) => {
  answer(message).then(
    (reply) => parentPort!.postMessage(reply, reply.body ? [reply.body] : []),
    (err: unknown) => parentPort!.postMessage({ id: message.id, status: 500, headers: [], body: null, error: String(err) } satisfies WorkerReply),
  );
});
