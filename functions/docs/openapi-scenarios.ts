/**
 * The saved-scenario routes in the OpenAPI document, from the zod schemas that validate them.
 */
import * as z from 'zod';
import {
  CompareResultSchema,
  CompareScenariosBody,
  CreateScenarioBody,
  PatchScenarioBody,
  ReplaceScenarioBody,
  RunResultSchema,
  RunScenarioBody,
  ScenarioListSchema,
  ScenarioSchema,
  scenarioKinds,
} from '../../core/scenario/model.js';

type JsonSchema = Record<string, unknown>;
type Convert = (schema: z.ZodType, io: 'input' | 'output') => JsonSchema;

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const json = (schema: JsonSchema, description: string, headers: Record<string, unknown> = {}) => ({ description, headers, content: { 'application/json': { schema } } });
const etagHeader = { ETag: { description: 'Version tag "v<version>": send it back in If-Match to change the scenario.', schema: { type: 'string' } } };

const idParam = { name: 'id', in: 'path', required: true, description: 'Scenario id (scn_…).', schema: { type: 'string', pattern: '^scn_[0-9A-HJKMNP-TV-Z]{26}$' } };
const ifMatchParam = { name: 'If-Match', in: 'header', required: true, description: 'ETag of the version the change is based on ("v3"), or * for whatever version is current (reapplied if another writer moves it meanwhile; never 412). Missing: 428; stale: 412 — unless the current version is this very change already applied (a retry after a lost answer), which answers 200.', schema: { type: 'string' } };

const common = {
  '400': problem('Invalid request: every bad field by JSON pointer (the input is checked with its calculation’s own schema, under /input).'),
  '401': problem('Missing, invalid or revoked API key.'),
  '403': problem('The key may not do this (publishable key, or missing scope).'),
  '404': problem('No such scenario for this key’s tenant (another tenant’s scenarios are always 404).'),
  '503': problem('The store throttled or did not answer after retries; nothing was half-written. Retry after Retry-After.'),
};

export function scenarioPaths(convert: Convert): Record<string, unknown> {
  const scenario = convert(ScenarioSchema, 'output');
  const security = [{ apiKey: [] }];
  const tags = ['scenarios'];
  const op = (operationId: string, summary: string, extra: Record<string, unknown>) => ({ operationId, summary, tags, security, ...extra });
  const body = (schema: z.ZodType, example?: unknown) => ({ required: true, content: { 'application/json': { schema: convert(schema, 'input'), ...(example ? { example } : {}) } } });
  return {
    '/v1/scenarios': {
      post: op('createScenario', 'Save a scenario', {
        description: `Saves the input of one calculation (kinds: ${scenarioKinds.join(', ')}). With an Idempotency-Key header, a retry with the same key and body (within 24 h) returns the first response (Idempotent-Replayed: true); the same key with another body is 422; a retry while the first is still running waits briefly, then 409.`,
        parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, description: '1–255 visible ASCII characters, unique per request you mean to make once.', schema: { type: 'string' } }],
        requestBody: body(CreateScenarioBody, { name: 'Black Friday hero, EOQ', kind: 'eoq', input: { annualDemand: 12000, orderingCost: 4000, holdingCost: 100 }, tags: ['bf-2026'] }),
        responses: {
          '201': json(scenario, 'Saved, version 1.', { ...etagHeader, Location: { schema: { type: 'string' } } }),
          ...common,
          '409': problem('The first request with this Idempotency-Key is still running.'),
          '413': problem('The input is larger than a scenario holds (300,000 bytes of JSON).'),
          '422': problem('Idempotency-Key reused with another body.'),
        },
      }),
      get: op('listScenarios', 'List scenarios, newest first', {
        parameters: [
          { name: 'kind', in: 'query', required: false, schema: { type: 'string', enum: scenarioKinds } },
          { name: 'tag', in: 'query', required: false, schema: { type: 'string' } },
          { name: 'limit', in: 'query', required: false, description: 'Page size 1–100, default 20.', schema: { type: 'integer', minimum: 1, maximum: 100 } },
          { name: 'cursor', in: 'query', required: false, description: 'The `next` of the previous page; signed, only valid for the same key’s tenant and filters.', schema: { type: 'string' } },
        ],
        responses: { '200': json(convert(ScenarioListSchema, 'output'), 'One page.'), ...common },
      }),
    },
    '/v1/scenarios/compare': {
      post: op('compareScenarios', 'Run scenarios of one kind and compare their headline figures', {
        requestBody: body(CompareScenariosBody),
        responses: { '200': json(convert(CompareResultSchema, 'output'), 'Side by side, with the difference to the first.'), ...common, '422': problem('Different kinds, or a saved input today’s engine rejects.') },
      }),
    },
    '/v1/scenarios/{id}': {
      get: op('getScenario', 'Read a scenario', {
        parameters: [idParam, { name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } }],
        responses: { '200': json(scenario, 'The current version.', etagHeader), '304': { description: 'Not modified (If-None-Match matched).' }, ...common },
      }),
      put: op('replaceScenario', 'Replace a scenario (new version)', {
        parameters: [idParam, ifMatchParam],
        requestBody: body(ReplaceScenarioBody),
        responses: { '200': json(scenario, 'The new version.', etagHeader), ...common, '412': problem('Stale If-Match.'), '413': problem('Input too large.'), '422': problem('The kind cannot change.'), '428': problem('If-Match missing.') },
      }),
      patch: op('patchScenario', 'Rename or retag a scenario (new version)', {
        parameters: [idParam, ifMatchParam],
        requestBody: body(PatchScenarioBody),
        responses: { '200': json(scenario, 'The new version.', etagHeader), ...common, '412': problem('Stale If-Match.'), '428': problem('If-Match missing.') },
      }),
      delete: op('deleteScenario', 'Delete a scenario and its versions', {
        parameters: [idParam, ifMatchParam],
        responses: { '204': { description: 'Deleted.' }, ...common, '412': problem('Stale If-Match.'), '428': problem('If-Match missing.') },
      }),
    },
    '/v1/scenarios/{id}/versions': {
      get: op('listScenarioVersions', 'Every version, oldest first', { parameters: [idParam], responses: { '200': json(convert(ScenarioListSchema, 'output'), 'Versions (no cursor: all of them).'), ...common } }),
    },
    '/v1/scenarios/{id}/versions/{n}': {
      get: op('getScenarioVersion', 'One version', {
        parameters: [idParam, { name: 'n', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
        responses: { '200': json(scenario, 'That version, immutable.', etagHeader), ...common },
      }),
    },
    '/v1/scenarios/{id}/run': {
      post: op('runScenario', 'Run the saved input through today’s engine', {
        parameters: [idParam],
        requestBody: { required: false, content: { 'application/json': { schema: convert(RunScenarioBody, 'input') } } },
        responses: { '200': json(convert(RunResultSchema, 'output'), 'The result, with the engine version.'), ...common, '422': problem('The saved input no longer passes the calculation’s schema, or has no meaningful answer.') },
      }),
    },
    '/v1/scenarios/{id}/result': {
      get: op('getScenarioResult', 'The latest stored result', { parameters: [idParam], responses: { '200': json(convert(RunResultSchema, 'output'), 'Stored result; `current` says whether it matches the head version and today’s engine.'), ...common } }),
    },
  };
}
