/** The schema-guided query-string reader behind every GET form (functions/http/query.ts). */
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { queryToInput } from '../../functions/http/query.js';

const schema = z.strictObject({
  n: z.number(),
  list: z.array(z.number().nullable()).optional(),
  nested: z.strictObject({ flag: z.boolean(), label: z.string() }).optional(),
  items: z.array(z.strictObject({ sku: z.string(), qty: z.number() })).optional(),
  byMode: z.record(z.string(), z.strictObject({ rate: z.number(), currency: z.string() })).optional(),
});

const q = (pairs: Record<string, string | string[]>) => Object.fromEntries(Object.entries(pairs).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));

describe('queryToInput', () => {
  it('parses numbers, booleans, comma lists with nulls, nested keys and indexed arrays', () => {
    const input = queryToInput(schema, q({ n: '1e3', list: '1,,null,2.5', 'nested.flag': 'true', 'nested.label': '007', 'items.1.sku': 'B', 'items.0.sku': 'A', 'items.0.qty': '2', 'items.1.qty': '3', format: 'csv' }));
    expect(schema.parse(input)).toEqual({ n: 1000, list: [1, null, null, 2.5], nested: { flag: true, label: '007' }, items: [{ sku: 'A', qty: 2 }, { sku: 'B', qty: 3 }] });
  });

  it('reads keyed maps (records) by their value schema', () => {
    const input = queryToInput(schema, q({ n: '1', 'byMode.sea.rate': '42', 'byMode.sea.currency': 'USD', 'byMode.air.rate': '5.5', 'byMode.air.currency': 'USD' }));
    expect(schema.parse(input)).toEqual({ n: 1, byMode: { sea: { rate: 42, currency: 'USD' }, air: { rate: 5.5, currency: 'USD' } } });
  });

  it('leaves what does not fit as text, for the schema to report by path', () => {
    const parsed = schema.safeParse(queryToInput(schema, q({ n: 'ten', '__proto__.x': '1' })));
    expect(parsed.success).toBe(false);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(parsed.error!.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['n']));
  });
});
