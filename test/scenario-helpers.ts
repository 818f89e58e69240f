/**
 * Scenario tests run on dynalite in-process (no mocks of DynamoDB): one emulator and table per
 * test file, keys for two tenants, and a scenarios app plus a calculation app to call with
 * `fetch`-style requests. Faults are injected at the client's request handler.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AppConfig } from '../functions/http/app.js';
import { startDynalite } from '../functions/local-server.js';
import { createScenariosApp } from '../functions/scenarios/app.js';
import { scenarioDeps } from '../functions/scenarios/deps.js';
import { createDynamoClient, dynamoClientConfig } from '../functions/storage/dynamo.js';
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

/** Whether `moto_server` (the second, independent emulator) is on PATH. */
export function motoAvailable(): boolean {
  return spawnSync('sh', ['-c', 'command -v moto_server'], { stdio: 'ignore' }).status === 0;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A `moto_server` on a free local port, stopped by `close()` (and when this process exits). */
export async function startMoto(): Promise<Emulator> {
  const port = await freePort();
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const kill = () => child.kill('SIGTERM');
  process.once('exit', kill);
  const endpoint = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`);
    try {
      await fetch(endpoint, { signal: AbortSignal.timeout(500) });
      break;
    } catch {
      if (Date.now() - started > 30_000) {
        kill();
        throw new Error('moto_server did not start within 30 s');
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    endpoint,
    close: async () => {
      process.off('exit', kill);
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      kill();
      await exited;
    },
  };
}

/**
 * The emulators a fault test runs on: dynalite in-process (or PEAKPLAN_TEST_DYNAMODB_ENDPOINT), and
 * moto_server when it is on PATH (skipped with a message otherwise).
 */
export const EMULATORS: Array<{ name: string; start: () => Promise<Emulator>; skip?: string }> = [
  { name: process.env.PEAKPLAN_TEST_DYNAMODB_ENDPOINT ? `endpoint ${process.env.PEAKPLAN_TEST_DYNAMODB_ENDPOINT}` : 'dynalite', start: startEmulator },
  motoAvailable() ? { name: 'moto', start: startMoto } : { name: 'moto', start: startMoto, skip: 'moto_server is not on PATH (pip install "moto[server]") — the moto variant is skipped' },
];

/**
 * An HTTP proxy in front of an emulator that can stall: while `stallMs` > 0 each request is held
 * that long before it is forwarded — and forwarded even when the client has given up meanwhile,
 * so a write can land after its caller answered (a late, lost answer).
 */
export class StallingProxy {
  stallMs = 0;
  /** When set, only requests it accepts (by `X-Amz-Target` operation and JSON body) are stalled. */
  stallWhen: ((operation: string, body: string) => boolean) | undefined;
  forwarded = 0;
  private server: Server | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly pending = new Set<Promise<void>>();
  constructor(private readonly target: string) {}

  async start(): Promise<string> {
    const target = new URL(this.target);
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const forward = () => {
          const done = new Promise<void>((resolve) => {
            const out = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
              this.forwarded++;
              if (res.destroyed) {
                answer.resume();
                answer.on('end', resolve);
                return;
              }
              res.writeHead(answer.statusCode ?? 500, answer.headers);
              answer.pipe(res);
              answer.on('end', resolve);
            });
            out.on('error', () => {
              if (!res.destroyed) res.destroy();
              resolve();
            });
            out.end(Buffer.concat(chunks));
          });
          this.pending.add(done);
          void done.then(() => this.pending.delete(done));
        };
        const operation = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
        if (this.stallMs <= 0 || (this.stallWhen && !this.stallWhen(operation, Buffer.concat(chunks).toString('utf8')))) return forward();
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          forward();
        }, this.stallMs);
        this.timers.add(timer);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Resolves once every held request has been forwarded and answered. */
  async drain(): Promise<void> {
    while (this.timers.size > 0 || this.pending.size > 0) await new Promise((r) => setTimeout(r, 50));
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.server?.closeAllConnections();
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }
}

export const TEST_CONFIG: AppConfig = { corsOrigins: '*', maxBodyBytes: 1024 * 1024 };

export type Fault = 'ok' | 'throttle' | 'server-error' | 'timeout' | 'drop-after-write' | 'timeout-after-write' | 'drop-before-send' | 'item-too-large';

/**
 * A request handler that forwards to the real one unless a fault is queued for the next request:
 * a ThrottlingException or 500 answer, a timeout, or a connection dropped before or after the
 * emulator applied the request.
 */
export class FaultyHandler {
  readonly queue: Fault[] = [];
  /** Fault every request while set (after the queue is empty). */
  always: Fault | undefined;
  /** Chooses the fault of each request while set (after the queue is empty, before `always`). */
  pick: (() => Fault) | undefined;
  requests = 0;
  /** Faults injected so far, by kind. */
  readonly injected: Partial<Record<Fault, number>> = {};
  private readonly inner = new NodeHttpHandler({ requestTimeout: 3000 });

  async handle(request: any, options?: any): Promise<{ response: any }> {
    this.requests++;
    const fault = this.queue.shift() ?? this.pick?.() ?? this.always;
    if (fault && fault !== 'ok') this.injected[fault] = (this.injected[fault] ?? 0) + 1;
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
      case 'item-too-large':
        return answer(400, 'ValidationException', 'Item size has exceeded the maximum allowed size');
      case 'server-error':
        return answer(500, 'InternalServerError', 'Internal server error');
      case 'timeout':
        throw Object.assign(new Error('Request timed out'), { name: 'TimeoutError' });
      case 'drop-before-send':
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      case 'drop-after-write': {
        (await this.inner.handle(request, options)).response.body?.resume?.();
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      }
      case 'timeout-after-write': {
        // The emulator applied the request; its answer never reaches the client.
        const { response } = await this.inner.handle(request, options);
        response.body?.resume?.();
        throw Object.assign(new Error('Request timed out'), { name: 'TimeoutError' });
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
      ? new DynamoDBClient({ ...dynamoClientConfig({ endpoint: emulator.endpoint }), requestHandler: options.handler as any })
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
