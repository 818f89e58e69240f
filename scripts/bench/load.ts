/** Warm-throughput helpers: server child processes and autocannon runs. */
import autocannon, { type Result } from 'autocannon';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../build.js';
import { percentileSorted } from './stats.js';

const SERVE_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'serve.ts');

export interface ServerChild {
  kind: string;
  /** Base URL on 127.0.0.1. */
  url: string;
  /** URL the server reported. */
  reportedUrl: string;
  pid: number;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts `serve.ts <kind>` in its own process (so the server does not share a thread with autocannon). */
export async function startServerChild(kind: 'peakplan' | 'bare', timeoutMs = 30_000): Promise<ServerChild> {
  const port = await freePort();
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', SERVE_SCRIPT, kind, String(port)], {
    cwd: ROOT,
    env: { ...process.env, CORS_ORIGINS: process.env.CORS_ORIGINS ?? '*' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const reportedUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${kind} server did not start within ${timeoutMs} ms\nstderr: ${stderr}`));
    }, timeoutMs);
    const onData = (d: string): void => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      try {
        resolve(String((JSON.parse(out.slice(0, nl)) as { url: unknown }).url));
      } catch {
        reject(new Error(`${kind} server printed ${out.slice(0, nl)}`));
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} server exited (code ${code}) before listening\nstderr: ${stderr}`));
    });
  });
  child.stdout.resume(); // keep draining anything printed later

  return {
    kind,
    url: `http://127.0.0.1:${port}`,
    reportedUrl,
    pid: child.pid ?? -1,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface LoadRun {
  result: Result;
  /** Requests per second (autocannon's mean of per-second samples). */
  rps: number;
  /** Latencies of 2xx responses in ms, sub-millisecond resolution, ascending. */
  latencies: Float64Array;
}

/** One autocannon run; latencies are recorded from its per-response events (its own histogram is whole ms). */
export function runLoad(options: { url: string; method: string; body?: string; connections: number; durationSec: number }): Promise<LoadRun> {
  return new Promise((resolve, reject) => {
    const samples: number[] = [];
    const instance = autocannon(
      {
        url: options.url,
        method: options.method,
        headers: options.body !== undefined ? { 'content-type': 'application/json' } : {},
        ...(options.body !== undefined ? { body: options.body } : {}),
        connections: options.connections,
        duration: options.durationSec,
        timeout: 10,
      },
      (err, result) => {
        if (err) return reject(err);
        resolve({ result, rps: result.requests.average, latencies: Float64Array.from(samples).sort() });
      },
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode >= 200 && statusCode < 300) samples.push(responseTime);
    });
  });
}

export const latencyPercentile = percentileSorted;
