/**
 * A pool of worker threads for the local server: the calculation and scenario routes run in the
 * workers (functions/local-worker.ts), the main thread only accepts connections, dispatches and
 * answers `/healthz` and the docs, so one request computing for seconds blocks nothing else.
 * Each request goes to the worker with the fewest requests in flight. A worker that dies answers
 * its requests 503 and is replaced.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface WorkerSetup {
  dynamoEndpoint: string;
  tableName: string;
}

export interface WorkerRequest {
  id: number;
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body: ArrayBuffer | null;
}

export interface WorkerReply {
  id: number;
  status: number;
  headers: Array<[string, string]>;
  body: ArrayBuffer | null;
  error?: string;
}

export interface WorkerPool {
  readonly size: number;
  fetch(request: Request): Promise<Response>;
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  pending: Map<number, (reply: WorkerReply) => void>;
}

/** The worker module: the .js file once built; under tsx and vitest the .ts source, loaded through tsx's API. */
const workerFile = new URL(import.meta.url.endsWith('.ts') ? './local-worker.ts' : './local-worker.js', import.meta.url);

/**
 * What the Worker runs: the module itself, or for a TypeScript source a two-line bootstrap that
 * registers the tsx loader in the worker first (the loader of the parent thread does not reach
 * worker threads).
 */
function workerEntry(): URL {
  if (!workerFile.pathname.endsWith('.ts')) return workerFile;
  // The ESM entry of tsx's API (require.resolve gives the CommonJS one, whose relative imports break from a data: URL).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const source = `import { register } from ${JSON.stringify(tsx)};\nregister();\nawait import(${JSON.stringify(workerFile.href)});\n`;
  return new URL(`data:text/javascript,${encodeURIComponent(source)}`);
}

const unavailable = (id: number, why: string): WorkerReply => ({
  id,
  status: 503,
  headers: [['content-type', 'application/problem+json'], ['retry-after', '1']],
  body: new TextEncoder().encode(JSON.stringify({ type: '/problems/store.unavailable', title: 'Service unavailable', status: 503, detail: `The local worker stopped (${why}); retry.` })).buffer as ArrayBuffer,
});

export function createWorkerPool(size: number, setup: WorkerSetup): WorkerPool {
  let nextId = 1;
  let closing = false;
  const slots: Slot[] = [];
  const entry = workerEntry();

  const spawn = (index: number): void => {
    const worker = new Worker(entry, { workerData: setup });
    const slot: Slot = { worker, pending: new Map() };
    worker.on('message', (reply: WorkerReply) => {
      const resolve = slot.pending.get(reply.id);
      slot.pending.delete(reply.id);
      resolve?.(reply.status === 500 && reply.error ? unavailable(reply.id, reply.error) : reply);
    });
    const fail = (why: string) => {
      for (const [id, resolve] of slot.pending) resolve(unavailable(id, why));
      slot.pending.clear();
      if (!closing && slots[index] === slot) spawn(index);
    };
    worker.on('error', (err) => fail(err.message));
    worker.on('exit', (code) => fail(`exit ${code}`));
    slots[index] = slot;
  };
  for (let i = 0; i < size; i++) spawn(i);

  return {
    size,
    async fetch(request: Request): Promise<Response> {
      const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.arrayBuffer();
      const reply = await new Promise<WorkerReply>((resolve) => {
        slot.pending.set(id, resolve);
        const message: WorkerRequest = { id, method: request.method, url: request.url, headers: [...request.headers], body };
        slot.worker.postMessage(message, body ? [body] : []);
      });
      const empty = reply.status === 204 || reply.status === 304 || request.method === 'HEAD';
      return new Response(empty ? null : reply.body, { status: reply.status, headers: reply.headers });
    },
    async close(): Promise<void> {
      closing = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
