import { validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { allCalculations } from '../../core/calculations.js';
import { createDocsApp } from '../../functions/docs/app.js';
import { domainErrorCodes } from '../../core/errors.js';

const assets = { 'swagger-ui-bundle.js': 'window.SwaggerUIBundle = function () {};', 'swagger-ui.css': 'body{}' };
const app = createDocsApp({ corsOrigins: '*', maxBodyBytes: 1024 * 1024 }, async (name) => new TextEncoder().encode(assets[name]));

type Doc = { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown; example: unknown }> } }>>; components: { schemas: Record<string, unknown> } };

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document (checked by @readme/openapi-parser)', async () => {
    const res = await app.request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Doc;
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it('documents every calculation with POST and GET, and names the schemas like the zod ids', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as Doc;
    for (const calc of allCalculations) {
      const path = doc.paths[`/v1/${calc.name}`]!;
      expect(Object.keys(path).sort()).toEqual(['get', 'post']);
      const id = z.globalRegistry.get(calc.input)?.id as string;
      expect(doc.components.schemas[id]).toBeDefined();
    }
    for (const id of ['NormalDemand', 'PoissonDemand', 'EmpiricalDemand', 'PriceBreak', 'Problem']) expect(doc.components.schemas[id]).toBeDefined();
  });

  it('gives a request example for each calculation that the schema accepts', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as Doc;
    for (const calc of allCalculations) {
      const example = doc.paths[`/v1/${calc.name}`]!.post!.requestBody!.content['application/json']!.example;
      expect(calc.input.safeParse(example).success).toBe(true);
    }
  });
});

describe('docs, problems and health routes', () => {
  it('serves a reference page that loads its script and style from this server, not a CDN', async () => {
    const res = await app.request('/docs');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('src="/docs/swagger-ui-bundle.js"');
    expect(html).toContain('href="/docs/swagger-ui.css"');
    expect(html).not.toMatch(/https?:\/\//);
    const js = await app.request('/docs/swagger-ui-bundle.js');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(await js.text()).toBe(assets['swagger-ui-bundle.js']);
    expect((await app.request('/docs/swagger-ui.css')).headers.get('content-type')).toMatch(/text\/css/);
    expect((await app.request('/docs/other.js')).status).toBe(404);
  });

  it('answers /healthz', async () => {
    expect(await (await app.request('/healthz')).json()).toMatchObject({ status: 'ok' });
  });

  it('documents every problem type, including every domain error code', async () => {
    for (const code of ['validation', 'not-found', 'method-not-allowed', 'unsupported-media-type', 'body-too-large', 'internal', ...domainErrorCodes]) {
      const res = await app.request(`/problems/${code}`);
      expect(res.status, code).toBe(200);
    }
    expect((await app.request('/problems/nope')).status).toBe(404);
  });
});
