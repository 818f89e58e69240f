// Baseline HTTP server for the warm-throughput benchmark: a bare Hono app on @hono/node-server
// with the same route, parsing the JSON body and answering a small JSON document.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';

export function createBareApp() {
  return new Hono().post('/v1/safety-stock', async (c) => {
    const body = await c.req.json<Record<string, unknown>>();
    return c.json({ ok: true, fields: Object.keys(body).length });
  });
}

export function startBareServer(options: { port: number; host?: string }): Promise<{ url: string; close(): Promise<void> }> {
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: createBareApp().fetch, port: options.port, hostname: host }, (info: AddressInfo) => {
      resolve({
        url: `http://${host}:${info.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}
