/**
 * Which methods a Hono app serves on a path, from its route table: used for 405 + Allow, for
 * OPTIONS, and by the local server to find the app that owns a path (as API Gateway would).
 */
import type { Hono } from 'hono';

interface RoutePattern {
  regex: RegExp;
  methods: Set<string>;
}

const cache = new WeakMap<Hono<any>, RoutePattern[]>();

function patternsOf(app: Hono<any>): RoutePattern[] {
  let patterns = cache.get(app);
  if (patterns) return patterns;
  const byPath = new Map<string, Set<string>>();
  for (const route of app.routes) {
    if (route.method === 'ALL') continue;
    const methods = byPath.get(route.path) ?? new Set<string>();
    methods.add(route.method);
    if (route.method === 'GET') methods.add('HEAD');
    byPath.set(route.path, methods);
  }
  patterns = [...byPath].map(([path, methods]) => ({
    regex: new RegExp('^' + path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\/:[^/]+/g, '/[^/]+').replace(/\/\*$/, '/.*') + '/?$'),
    methods,
  }));
  cache.set(app, patterns);
  return patterns;
}

/** Methods the app serves on this path (empty when the path is unknown), OPTIONS included when any. */
export function allowedMethods(app: Hono<any>, path: string): string[] {
  const methods = new Set<string>();
  for (const p of patternsOf(app)) if (p.regex.test(path)) for (const m of p.methods) methods.add(m);
  if (methods.size > 0) methods.add('OPTIONS');
  return [...methods].sort();
}

/** Whether the app has any route for this path (allocation-free; used per request by the local server). */
export function ownsPath(app: Hono<any>, path: string): boolean {
  for (const p of patternsOf(app)) if (p.regex.test(path)) return true;
  return false;
}
