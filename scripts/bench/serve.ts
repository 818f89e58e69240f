/**
 * Child process for the warm-throughput benchmark: `node --import tsx scripts/bench/serve.ts <kind> <port>`
 * where kind is `peakplan` (functions/local-server.ts, in-memory DynamoDB) or `bare` (bare-server.ts).
 * Prints one JSON line `{"url": ...}` once listening; closes the server and exits when stdin ends
 * (the parent closing the pipe or dying) or on SIGTERM/SIGINT.
 */
import { startBareServer } from './bare-server.js';

const [kind, portArg] = process.argv.slice(2);
const port = Number(portArg ?? '0');
const host = '127.0.0.1';

async function start(): Promise<{ url: string; close(): Promise<void> }> {
  if (kind === 'peakplan') {
    const { startServer } = await import('../../functions/local-server.js');
    return startServer({ port, host, dataDir: null, quiet: true });
  }
  if (kind === 'bare') return startBareServer({ port, host });
  throw new Error(`unknown server kind ${String(kind)} (expected peakplan or bare)`);
}

const server = await start();
let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  const force = setTimeout(() => process.exit(0), 3000);
  force.unref();
  try {
    await server.close();
  } finally {
    process.exit(0);
  }
}
process.stdin.on('end', () => void shutdown());
process.stdin.on('close', () => void shutdown());
process.stdin.resume();
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);
