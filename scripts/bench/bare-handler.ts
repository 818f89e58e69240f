// Baseline Lambda handler for the cold-start benchmark: the smallest Hono app on the same route,
// bundled exactly like the real handlers (see scripts/build.ts bundleOptions).
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';

export const handler = handle(new Hono().post('/v1/safety-stock', (c) => c.json({ ok: true })));
