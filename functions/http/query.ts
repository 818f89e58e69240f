/**
 * Turns a query string into the object a calculation's schema expects, guided by that schema:
 * `a.b=1` nests (`a.0.b=1` is item 0 of array a), numbers are parsed where the schema wants numbers, lists are comma-separated
 * (or repeated keys; an empty item or `null` is null where the schema accepts null, e.g. a missing
 * period in a history), `true`/`false` become booleans. Anything that does not fit is left as text,
 * so the schema reports it by path exactly as it would for a JSON body.
 */
import type * as z from 'zod';

/** Query parameters that steer the response and are not part of the input. */
export const RESERVED_QUERY_KEYS = new Set(['format', 'field']);

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

type Def = { type: string; [k: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** Strips wrappers (optional, default, nullable, pipe, readonly) down to the schema that decides the shape. */
function unwrap(schema: unknown): Def {
  let def = defOf(schema);
  for (;;) {
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'readonly' || def.type === 'prefault' || def.type === 'catch')
      def = defOf(def.innerType);
    else if (def.type === 'pipe') def = defOf(def.in);
    else return def;
  }
}

/** The schema of field `key` inside an object, a record (keyed map) or any option of a union of objects. */
function fieldSchemas(def: Def, key: string): unknown[] {
  if (def.type === 'object') {
    const shape = def.shape as Record<string, unknown>;
    return Object.hasOwn(shape, key) ? [shape[key]] : [];
  }
  if (def.type === 'record') return [def.valueType];
  if (def.type === 'union') return (def.options as unknown[]).flatMap((o) => fieldSchemas(unwrap(o), key));
  return [];
}

/** Whether null is accepted (a nullable wrapper anywhere above the shape-deciding schema). */
function acceptsNull(schema: unknown): boolean {
  let def = defOf(schema);
  for (;;) {
    if (def.type === 'nullable') return true;
    if (def.type === 'optional' || def.type === 'default' || def.type === 'readonly' || def.type === 'prefault' || def.type === 'catch') def = defOf(def.innerType);
    else if (def.type === 'pipe') def = defOf(def.in);
    else return false;
  }
}

function coerce(schemas: unknown[], value: unknown): unknown {
  if (schemas.length === 0) return value;
  const defs = schemas.map(unwrap);
  if (typeof value === 'string' && (value === '' || value === 'null') && schemas.some(acceptsNull)) return null;
  if (typeof value === 'string') {
    const arrayDef = defs.find((d) => d.type === 'array');
    if (arrayDef) {
      const items = value === '' ? [] : value.split(',').map((s) => s.trim());
      return items.map((item) => coerce([arrayDef.element], item));
    }
    if (defs.some((d) => d.type === 'number') && NUMBER.test(value.trim())) return Number(value.trim());
    if (defs.some((d) => d.type === 'boolean') && (value === 'true' || value === 'false')) return value === 'true';
    return value;
  }
  if (Array.isArray(value)) {
    const arrayDef = defs.find((d) => d.type === 'array');
    if (arrayDef) return value.flatMap((v) => (typeof v === 'string' && v.includes(',') ? (coerce(schemas, v) as unknown[]) : [coerce([arrayDef.element], v)]));
    return value;
  }
  if (value !== null && typeof value === 'object') {
    // `mix.0.sku=A&mix.1.sku=B`: numeric keys where the schema wants an array become its items, in
    // index order (gaps closed, so a huge index cannot allocate a huge array).
    const arrayDef = defs.find((d) => d.type === 'array');
    const keys = Object.keys(value);
    if (arrayDef && keys.length > 0 && keys.every((k) => /^\d{1,6}$/.test(k)))
      return keys
        .map(Number)
        .sort((a, b) => a - b)
        .map((k) => coerce([arrayDef.element], (value as Record<string, unknown>)[String(k)]));
    const out: Record<string, unknown> = Object.create(null);
    for (const [k, v] of Object.entries(value)) out[k] = coerce(defs.flatMap((d) => fieldSchemas(d, k)), v);
    return out;
  }
  return value;
}

/**
 * Builds the input object from query parameters (each key may repeat) for the given schema.
 * @example queryToInput(schema, { demandMean: ['10'], 'demand.mean': ['5'] }) // { demandMean: 10, demand: { mean: 5 } }
 */
export function queryToInput(schema: z.ZodType, query: Record<string, string[]>): unknown {
  // Prototype-less objects: a key such as `__proto__.x` must become an (unknown, reported) field,
  // never a write to Object.prototype.
  const raw: Record<string, unknown> = Object.create(null);
  for (const [key, values] of Object.entries(query)) {
    if (RESERVED_QUERY_KEYS.has(key)) continue;
    const parts = key.split('.');
    let node = raw;
    for (const part of parts.slice(0, -1)) {
      const next = Object.hasOwn(node, part) ? node[part] : undefined;
      if (next === null || typeof next !== 'object' || Array.isArray(next)) node[part] = Object.create(null);
      node = node[part] as Record<string, unknown>;
    }
    node[parts.at(-1)!] = values.length === 1 ? values[0] : values;
  }
  return coerce([schema], raw);
}
