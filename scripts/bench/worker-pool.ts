/**
 * A small worker-thread pool for the accuracy benchmarks: the tasks are sent in chunks to N workers
 * that run `handle` on each, and the results come back in task order. The worker side is the same
 * module as the main side: call `serveTasks(tag, handle)` at the top level of the benchmark module
 * (it does nothing on the main thread or in a worker started for another tag) and
 * `runTasks(moduleUrl, tag, tasks, workers, handle)` from its main function.
 *
 * Workers are started from an eval'd bootstrap that registers tsx's ESM hooks inside the worker and
 * then imports the module. (On Node 20, `new Worker(file.ts, { execArgv: ['--import', 'tsx'] })`
 * fails with ERR_UNKNOWN_FILE_EXTENSION: the hooks are not yet active when the worker's entry
 * module is loaded.)
 */
import { performance } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

type ToWorker<T> = { type: 'tasks'; tasks: T[] } | { type: 'exit' };
type FromWorker<R> = { type: 'done'; results: R[] };

/** Source of a worker that loads `moduleUrl` (a .ts file) through tsx. */
export function workerBootstrap(moduleUrl: string): string {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl)}); });`;
}

/** On a worker started by `runTasks` with this tag: answer every chunk of tasks with `handle`. */
export function serveTasks<T, R>(tag: string, handle: (task: T) => R): void {
  if (isMainThread || !parentPort || (workerData as { tag?: string } | null)?.tag !== tag) return;
  const port = parentPort;
  port.on('message', (message: ToWorker<T>) => {
    if (message.type === 'exit') {
      port.close();
      return;
    }
    const reply: FromWorker<R> = { type: 'done', results: message.tasks.map(handle) };
    port.postMessage(reply);
  });
}

function progress(label: string, done: number, total: number, started: number): void {
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(`\r  ${label}: ${done}/${total}, ${seconds.toFixed(0)} s`);
}

/**
 * Runs `handle` over the tasks, on `workers` worker threads (each loading `moduleUrl`, which must call
 * `serveTasks(tag, handle)`), or inline when workers ≤ 1. Results are in task order. Progress goes to stderr.
 */
export async function runTasks<T, R>(
  moduleUrl: string,
  tag: string,
  tasks: readonly T[],
  workers: number,
  handle: (task: T) => R,
  { chunk = 10, label = 'tasks' }: { chunk?: number; label?: string } = {},
): Promise<R[]> {
  const started = performance.now();
  if (workers <= 1 || tasks.length <= chunk) {
    const results: R[] = [];
    for (const [i, task] of tasks.entries()) {
      results.push(handle(task));
      if (i % 20 === 0) progress(label, i, tasks.length, started);
    }
    progress(label, tasks.length, tasks.length, started);
    process.stderr.write('\n');
    return results;
  }
  const bootstrap = workerBootstrap(moduleUrl);
  const results = new Array<R>(tasks.length);
  let next = 0;
  let done = 0;
  return await new Promise<R[]>((resolve, reject) => {
    let running = 0;
    const feed = (worker: Worker, offsets: number[]): void => {
      if (next >= tasks.length) {
        worker.postMessage({ type: 'exit' } satisfies ToWorker<T>);
        return;
      }
      const from = next;
      const slice = tasks.slice(from, from + chunk);
      next += slice.length;
      offsets.push(from);
      worker.postMessage({ type: 'tasks', tasks: slice } satisfies ToWorker<T>);
    };
    for (let w = 0; w < Math.min(workers, Math.ceil(tasks.length / chunk)); w++) {
      const worker = new Worker(bootstrap, { eval: true, workerData: { tag } });
      const offsets: number[] = [];
      running++;
      worker.on('message', (message: FromWorker<R>) => {
        const from = offsets.shift()!;
        message.results.forEach((r, i) => {
          results[from + i] = r;
        });
        done += message.results.length;
        progress(label, done, tasks.length, started);
        feed(worker, offsets);
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        running--;
        if (code !== 0) reject(new Error(`worker exited with code ${code}`));
        else if (running === 0) {
          process.stderr.write('\n');
          resolve(results);
        }
      });
      feed(worker, offsets);
    }
  });
}
