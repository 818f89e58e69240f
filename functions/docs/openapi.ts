/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. Lives in
 * the docs function only, so calculation bundles do not carry it.
 */
import * as z from 'zod';
import type { Calculation } from '../../core/calculation.js';
import { domainErrorCodes } from '../../core/errors.js';
import { calculationPath } from '../http/calculation-route.js';
import { scenarioPaths } from './openapi-scenarios.js';

type JsonSchema = Record<string, unknown>;

const COMPONENT_REF = '#/components/schemas/';

/** Converts a schema and lifts its named sub-schemas into `components.schemas`. */
function toComponent(schema: z.ZodType, io: 'input' | 'output', components: Record<string, JsonSchema>): JsonSchema {
  const converted = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
  const text = JSON.stringify(converted).replaceAll('"#/$defs/', `"${COMPONENT_REF}`);
  const { $defs, $schema: _schema, ...root } = JSON.parse(text) as JsonSchema & { $defs?: Record<string, JsonSchema> };
  for (const [id, def] of Object.entries($defs ?? {})) components[id] = def;
  return root;
}

const ProblemSchema: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details.',
  required: ['type', 'title', 'status', 'detail', 'instance'],
  properties: {
    type: { type: 'string', description: 'URI reference naming the problem type, e.g. /problems/validation.' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string', description: 'What went wrong, for a person.' },
    instance: { type: 'string', description: 'urn:request:<X-Request-Id> of this request.' },
    errors: {
      type: 'array',
      description: 'Every invalid field (validation and 422 problems).',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string', description: 'JSON pointer into the body (or the query assembled as an object).' }, message: { type: 'string' } },
      },
    },
  },
};

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: `${COMPONENT_REF}Problem` } } } });

const formatParameters = [
  {
    name: 'format',
    in: 'query',
    required: false,
    description: 'Response form: `json` (default), `csv` (the result table, also chosen by `Accept: text/csv`) or `value` (the primary number as text/plain, for a spreadsheet cell).',
    schema: { type: 'string', enum: ['json', 'csv', 'value'] },
  },
  {
    name: 'field',
    in: 'query',
    required: false,
    description: 'With format=value: which numeric field to return (dotted path, e.g. `reorderPoint` or `comparisons.0.quantity`).',
    schema: { type: 'string' },
  },
];

function queryParameters(inputSchema: JsonSchema, components: Record<string, JsonSchema>): unknown[] {
  const resolved = typeof inputSchema.$ref === 'string' ? components[inputSchema.$ref.slice(COMPONENT_REF.length)]! : inputSchema;
  const properties = (resolved.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((resolved.required ?? []) as string[]);
  return Object.entries(properties).map(([name, schema]) => {
    const nested = schema.type !== 'number' && schema.type !== 'string' && schema.type !== 'boolean' && !(schema.type === 'array' && (schema.items as JsonSchema)?.type === 'number');
    return {
      name,
      in: 'query',
      required: required.has(name),
      description: nested
        ? `Nested object: give its fields as \`${name}.<field>\` parameters (e.g. \`${name}.distribution=normal&${name}.mean=100\`); lists comma-separated.`
        : `${(schema.description as string | undefined) ?? ''}${schema.type === 'array' ? ' Comma-separated.' : ''}`.trim(),
      schema: nested ? { type: 'string' } : schema,
      ...(schema.type === 'array' ? { style: 'form', explode: false } : {}),
    };
  });
}

export function buildOpenApiDocument(calculations: readonly Calculation[], version: string): JsonSchema {
  const components: Record<string, JsonSchema> = { Problem: ProblemSchema };
  const paths: Record<string, unknown> = {};
  const errors = {
    '400': problem('Invalid input: every bad field is listed in `errors` by JSON pointer.'),
    '413': problem('Body larger than the limit (1 MiB by default), more than 5 s of work (request.too-much-work), or an answer over 6 MB (response.too-large).'),
    '415': problem('POST body not sent as application/json.'),
    '422': problem('Valid input with no meaningful answer (e.g. a service level too close to 1).'),
    '500': problem('Internal error; no internals are exposed.'),
  };
  for (const calc of calculations) {
    const input = toComponent(calc.input, 'input', components);
    const result = toComponent(calc.result, 'output', components);
    const responses = {
      '200': {
        description: `The result. Primary number (format=value): \`${calc.primary}\`.`,
        headers: { 'X-Request-Id': { schema: { type: 'string' } } },
        content: {
          'application/json': { schema: result },
          'text/csv': { schema: { type: 'string', description: 'The result table (format=csv or Accept: text/csv).' } },
          'text/plain': { schema: { type: 'string', description: 'One number (format=value).' } },
        },
      },
      ...errors,
    };
    paths[calculationPath(calc)] = {
      post: {
        operationId: `${camel(calc.name)}`,
        summary: calc.summary,
        description: calc.description,
        tags: ['calculations'],
        security: [{}, { apiKey: [] }],
        parameters: formatParameters,
        requestBody: { required: true, content: { 'application/json': { schema: input, example: calc.example } } },
        responses,
      },
      get: {
        operationId: `${camel(calc.name)}Query`,
        summary: `${calc.summary} (query form for spreadsheets)`,
        description: `The same calculation with its input as query parameters, e.g. for =WEBSERVICE() or =IMPORTDATA(). ${calc.description}`,
        tags: ['spreadsheet'],
        security: [{}, { apiKey: [] }],
        parameters: [...queryParameters(input, components), ...formatParameters],
        responses,
      },
    };
  }
  Object.assign(paths, scenarioPaths((schema, io) => toComponent(schema, io, components)));
  paths['/healthz'] = { get: { operationId: 'health', summary: 'Liveness check', tags: ['meta'], responses: { '200': { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } } } } };
  paths['/openapi.json'] = { get: { operationId: 'openapi', summary: 'This document', tags: ['meta'], responses: { '200': { description: 'OpenAPI 3.1 document' } } } };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Peakplan API',
      version,
      description:
        'Promo-season stock and cost calculators for cross-border sellers. JSON under /v1; every error is RFC 9457 application/problem+json. ' +
        `Problem types: ${['validation', 'not-found', 'method-not-allowed', 'unsupported-media-type', 'body-too-large', 'internal', ...domainErrorCodes].join(', ')}.`,
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'calculations', description: 'JSON calculations (POST).' },
      { name: 'spreadsheet', description: 'The same calculations as GET with query parameters; add format=csv or format=value.' },
      { name: 'scenarios', description: 'Saved what-if scenarios: need a secret API key (Authorization: Bearer sk_…); the tenant is the key’s.' },
      { name: 'meta' },
    ],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'sk_… secret keys (servers, spreadsheets) or pk_… publishable keys (browsers: calculations only, from their allowed origins). Calculations accept calls without a key unless the deployment sets API_KEYS=required.',
        },
      },
    },
  };
}

const camel = (name: string) => name.replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase());
