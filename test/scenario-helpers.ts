/**
 * Scenario tests run on dynalite in-process (no mocks of DynamoDB): one emulator and table per
 * test file, keys for two tenants, and a scenarios app plus a calculation app to call with
 * `fetch`-style requests. Faults are injected at the client's request handler.
 */
import { Readable } from 'node:stream';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AppConfig } from '../functions/http/app.js';
import { startDynalite } from '../functions/local-server.js';
import { createScenariosApp } from '../functions/scenarios/app.js';
import { scenarioDeps } from '../functions/scenarios/deps.js';
import { createDynamoClient } from '../functions/storage/dynamo.js';
import { DynamoKeyStore } from '../functions/storage/key-store.js';
import { ensureTable } from '../functions/storage/table.js';

export interface Emulator {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * dynalite in-process; or, with PEAKPLAN_TEST_DYNAMODB_ENDPOINT set (e.g. a `moto_server`), that
 * endpoint, to double-check the adapter against a second, independent emulator.
 */
export async function startEmulator(): Promise<Emulator> {
  const external = process.env.PEAKPLAN_TEST_DYNAMODB_ENDPOINT;
  if (external) return { endpoint: external, close: async () => undefined };
  return startDynalite(null);
}

export const TEST_CONFIG: AppConfig = { corsOrigins: '*', maxBodyBytes: 1024 * 1024 };

export type Fault = 'ok' | 'throttle' | 'server-error' | 'timeout' | 'drop-after-write' | 'drop-before-send';

/**
 * A request handler that forwards to the real one unless a fault is queued for the next request:
 * a ThrottlingException or 500 answer, a timeout, or a connection dropped before or after the
 * emulator applied the request.
 */
export class FaultyHandler {
  readonly queue: Fault[] = [];
  /** Fault every request while set (after the queue is empty). */
  always: Fault | undefined;
  requests = 0;
  private readonly inner = new NodeHttpHandler({ requestTimeout: 3000 });

  async handle(request: any, options?: any): Promise<{ response: any }> {
    this.requests++;
    const fault = this.queue.shift() ?? this.always;
    const answer = (statusCode: number, type: string, message: string) => ({
      response: {
        statusCode,
        reason: 'fault',
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': type },
        body: Readable.from([Buffer.from(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message }))]),
      },
    });
    switch (fault) {
      case 'throttle':
        return answer(400, 'ThrottlingException', 'Rate of requests exceeds the allowed throughput.');
      case 'server-error':
        return answer(500, 'InternalServerError', 'Internal server error');
      case 'timeout':
        throw Object.assign(new Error('Request timed out'), { name: 'TimeoutError' });
      case 'drop-before-send':
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      case 'drop-after-write': {
        await this.inner.handle(request, options);
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      }
      default:
        return this.inner.handle(request, options);
    }
  }

  updateHttpClientConfig(): void {}
  httpHandlerConfigs() {
    return {};
  }
  destroy(): void {
    this.inner.destroy();
  }
}

export interface ScenarioEnv {
  table: string;
  client: DynamoDBClient;
  keys: DynamoKeyStore;
  keyA: string;
  keyB: string;
  call(path: string, init?: { method?: string; key?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  app: ReturnType<typeof createScenariosApp>;
}

let tableCounter = 0;

/** A fresh table with tenants `acme` and `globex` (one secret key each) and a scenarios app on it. */
export async function scenarioEnv(emulator: Emulator, options: { handler?: FaultyHandler; client?: DynamoDBClient } = {}): Promise<ScenarioEnv> {
  const table = `scenarios-${process.pid}-${++tableCounter}`;
  const admin = createDynamoClient({ endpoint: emulator.endpoint });
  await ensureTable(admin, table);
  const client =
    options.client ??
    (options.handler
      ? new DynamoDBClient({ endpoint: emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' }, maxAttempts: 3, requestHandler: options.handler as any })
      : admin);
  const adminKeys = new DynamoKeyStore(admin, table);
  const keyA = (await adminKeys.create({ tenant: 'acme', label: 'test A' })).key;
  const keyB = (await adminKeys.create({ tenant: 'globex', label: 'test B' })).key;
  const keys = new DynamoKeyStore(client, table);
  const app = createScenariosApp({ ...TEST_CONFIG, keys }, scenarioDeps(client, table, keys));
  const call: ScenarioEnv['call'] = (path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    const key = init.key === undefined ? keyA : init.key;
    if (key !== null) headers.Authorization = `Bearer ${key}`;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    return Promise.resolve(
      app.fetch(new Request(`http://local${path}`, { method: init.method ?? (init.body === undefined ? 'GET' : 'POST'), headers, ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) })),
    );
  };
  return { table, client, keys: adminKeys, keyA, keyB, call, app };
}

/** A small valid EOQ input (Chopra & Meindl's Best Buy example numbers). */
export const eoqInput = (annualDemand = 12_000) => ({ annualDemand, orderingCost: 4000, holdingCost: 100 });
