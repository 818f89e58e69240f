/**
 * Saved scenarios: what a tenant stores (a named, tagged input of one calculation), the request
 * bodies that change it, and the store interface the DynamoDB adapter (functions/storage) and the
 * in-memory test model implement. Pure: no I/O here.
 */
import * as z from 'zod';
import type { Calculation } from '../calculation.js';
import { allCalculations } from '../calculations.js';
import { isScenarioId } from './ids.js';

/** Largest serialised `input` of a scenario: keeps every item (head, version) well under DynamoDB's 400 KB. */
export const MAX_SCENARIO_INPUT_BYTES = 300_000;
/** Largest serialised stored result; a bigger one is returned by `run` but not stored. */
export const MAX_STORED_RESULT_BYTES = 300_000;
export const MAX_TAGS = 20;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_COMPARE = 20;
/**
 * Most scenario items one list page reads: a `tag` filter that matches few of them gives a short or
 * empty page with a `next` cursor instead of reading the tenant's whole list in one request.
 */
export const MAX_LIST_ITEMS_READ = 200;
/** How long an Idempotency-Key is remembered, per tenant. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** The scenario kind of a calculation: its URL segment with `/` as `-` (`forecast/target` → `forecast-target`). */
export const kindOf = (calc: Calculation) => calc.name.replaceAll('/', '-');

const calculationsByKind = new Map<string, Calculation>(allCalculations.map((c) => [kindOf(c as Calculation), c as Calculation]));
export const scenarioKinds = [...calculationsByKind.keys()] as [string, ...string[]];
export const calculationOfKind = (kind: string): Calculation | undefined => calculationsByKind.get(kind);

const Name = z.string().trim().min(1).max(200).meta({ description: 'Scenario name, 1–200 characters.' });
const Tag = z
  .string()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _.:/-]{0,49}$/u, 'a tag is 1–50 letters, digits, spaces or _ . : / -, starting with a letter or digit')
  .meta({ description: 'A label to filter by, e.g. `bf-2026`.' });
const Tags = z
  .array(Tag)
  .max(MAX_TAGS)
  .refine((tags) => new Set(tags).size === tags.length, 'tags must be unique')
  .meta({ description: `At most ${MAX_TAGS} distinct tags.` });
const Kind = z.enum(scenarioKinds).meta({ description: 'The calculation whose input this is (its endpoint name, `/` written as `-`).' });
const Input = z.unknown().meta({ description: "The calculation's request body, validated with that calculation's own schema." });

export const CreateScenarioBody = z
  .strictObject({ name: Name, kind: Kind, input: Input, tags: Tags.default([]) })
  .meta({ id: 'CreateScenario', description: 'A scenario to save.' });
export const ReplaceScenarioBody = z
  .strictObject({ name: Name, kind: Kind, input: Input, tags: Tags.default([]) })
  .meta({ id: 'ReplaceScenario', description: 'The whole new content of a scenario (its kind cannot change).' });
export const PatchScenarioBody = z
  .strictObject({ name: Name.optional(), tags: Tags.optional() })
  .refine((b) => b.name !== undefined || b.tags !== undefined, 'send name, tags or both')
  .meta({ id: 'PatchScenario', description: 'Rename or retag a scenario.' });
export const ListScenariosQuery = z.strictObject({
  kind: Kind.optional(),
  tag: Tag.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE).meta({ description: `Page size, 1–${MAX_PAGE_SIZE}.` }),
  cursor: z.string().max(2000).optional().meta({ description: 'The `next` cursor of the previous page.' }),
});
const ScenarioId = z.string().refine(isScenarioId, 'not a scenario id (scn_ followed by 26 characters)');
export const CompareScenariosBody = z
  .strictObject({
    ids: z
      .array(ScenarioId)
      .min(2)
      .max(MAX_COMPARE)
      .refine((ids) => new Set(ids).size === ids.length, 'ids must be unique'),
  })
  .meta({ id: 'CompareScenarios', description: `2–${MAX_COMPARE} scenarios of the same kind to run and compare.` });
export const RunScenarioBody = z
  .strictObject({ store: z.boolean().default(false).meta({ description: 'Keep the result as the scenario’s latest result.' }) })
  .meta({ id: 'RunScenario' });

export type CreateScenarioBody = z.output<typeof CreateScenarioBody>;
export type ReplaceScenarioBody = z.output<typeof ReplaceScenarioBody>;
export type PatchScenarioBody = z.output<typeof PatchScenarioBody>;

/** One version of a scenario as stored. Versions are immutable; the head is the latest one. */
export interface ScenarioRecord {
  id: string;
  name: string;
  kind: string;
  tags: string[];
  /** The input exactly as the caller sent it (defaults are applied when it runs, by the engine of the day). */
  input: unknown;
  version: number;
  createdAt: string;
  updatedAt: string;
  /**
   * Token of the write that made this version (read from the store, never shown): a change's token
   * is derived from its base version and request body, so a retry of a change that landed after its
   * answer was lost recognises it (RFC 9110 §13.1.1: 2xx when the change has already succeeded).
   */
  writeId?: string;
}

/** A scenario without its input, as lists show it. */
export type ScenarioHeader = Omit<ScenarioRecord, 'input' | 'writeId'>;

/** A result kept by `run` with `store: true`. */
export interface StoredResult {
  scenarioVersion: number;
  engineVersion: string;
  computedAt: string;
  result: unknown;
}

/** What the first request with an Idempotency-Key produced (or is producing). */
export interface IdempotencyRecord {
  requestHash: string;
  scenarioId: string;
  createdAtMs: number;
  expiresAtMs: number;
  /** Present once the first request finished. */
  response?: { status: number; body: string; etag?: string; location?: string };
  /**
   * Set when the request that claimed the key failed without knowing whether its scenario was
   * written (a timeout, a lost answer): a retry takes the claim over at once and finishes it with
   * the same scenario id, instead of waiting for the claim to go stale.
   */
  failedAtMs?: number;
}

export interface ListQuery {
  kind?: string;
  tag?: string;
  limit: number;
  /** Id of the last scenario of the previous page (newest first, so the next page is older). */
  after?: string;
}

/** One list page: at most `limit` items, whether more may follow, and where the next page starts. */
export interface ListPage {
  items: ScenarioHeader[];
  more: boolean;
  /**
   * Id after which the next page starts (when `more`): the last item's, or — when the page stopped
   * after reading MAX_LIST_ITEMS_READ items that the tag filter mostly skipped — the last id read.
   */
  resumeAfter?: string;
}

/**
 * The persistence a scenario service needs. Every write is a single-item conditional write:
 * `create` fails if the id exists, `replace`/`remove` fail unless the head is still at the version
 * the caller read. Failures are DomainErrors (`scenario.version-mismatch`, `store.unavailable`, …).
 */
export interface ScenarioStore {
  /** Writes a new head; returns false when an item with this id already exists (nothing written). */
  create(tenant: string, scenario: ScenarioRecord): Promise<boolean>;
  get(tenant: string, id: string): Promise<ScenarioRecord | undefined>;
  list(tenant: string, query: ListQuery): Promise<ListPage>;
  /**
   * Keeps `current` as an immutable version, then moves the head to `next` (tagged `writeId`) iff it
   * is still at current.version; a version item left behind because the head has gone is removed.
   */
  replace(tenant: string, current: ScenarioRecord, next: ScenarioRecord, writeId: string): Promise<void>;
  /** Deletes the head iff it is at `version`, then its versions and result. */
  remove(tenant: string, id: string, version: number): Promise<void>;
  /** Stored earlier versions (below `belowVersion`), oldest first. */
  versions(tenant: string, id: string, belowVersion: number): Promise<ScenarioRecord[]>;
  /** Stores the latest result; removes it again when the scenario was deleted meanwhile. */
  putResult(tenant: string, id: string, result: StoredResult): Promise<void>;
  getResult(tenant: string, id: string): Promise<StoredResult | undefined>;
  /** Stores the record iff no live one exists for the key; otherwise returns the live one. */
  claimIdempotencyKey(tenant: string, key: string, record: IdempotencyRecord, nowMs: number): Promise<{ claimed: true } | { claimed: false; existing: IdempotencyRecord }>;
  completeIdempotencyKey(tenant: string, key: string, record: IdempotencyRecord): Promise<void>;
  /**
   * Deletes an unfinished claim for `scenarioId` (only when its scenario surely was not written):
   * the key may then be used again, with any body.
   */
  releaseIdempotencyKey(tenant: string, key: string, scenarioId: string): Promise<void>;
  /** Marks an unfinished claim for `scenarioId` as failed (`failedAtMs`), so a retry takes it over at once. */
  markIdempotencyKeyFailed(tenant: string, key: string, scenarioId: string, nowMs: number): Promise<void>;
}

/**
 * Headline figures of a result for side-by-side comparison: the calculation's primary number,
 * then every number found at the top level and one object level down (e.g. `summary.peakFundingNeed`),
 * in the result's own order, at most 40.
 */
export function headlineFigures(calc: Calculation, result: unknown): Record<string, number> {
  const figures: Record<string, number> = {};
  const primary = numberAt(result, calc.primary);
  if (primary !== undefined) figures[calc.primary] = primary;
  const visit = (node: unknown, prefix: string, depth: number) => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (Object.keys(figures).length >= 40) return;
      const path = prefix + key;
      if (typeof value === 'number') figures[path] ??= value;
      else if (depth < 1) visit(value, path + '.', depth + 1);
    }
  };
  visit(result, '', 0);
  return figures;
}

function numberAt(result: unknown, dotted: string): number | undefined {
  let node: unknown = result;
  for (const part of dotted.split('.')) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'number' ? node : undefined;
}

/** Response shapes, for the OpenAPI document. */
export const ScenarioSummarySchema = z
  .object({
    id: z.string().meta({ description: 'scn_ + ULID: time-sortable, newest ids sort last.' }),
    name: z.string(),
    kind: z.string(),
    tags: z.array(z.string()),
    version: z.int().min(1).meta({ description: 'Starts at 1; every change adds one. The ETag is "v<version>".' }),
    createdAt: z.string().meta({ description: 'ISO 8601 UTC.' }),
    updatedAt: z.string().meta({ description: 'ISO 8601 UTC, when this version was written.' }),
  })
  .meta({ id: 'ScenarioSummary' });
export const ScenarioSchema = ScenarioSummarySchema.extend({
  input: z.unknown().meta({ description: 'The input as saved.' }),
  inputIssues: z
    .array(z.object({ path: z.string(), message: z.string() }))
    .optional()
    .meta({ description: "Present when the saved input no longer passes today's schema of its calculation; update it with PUT." }),
}).meta({ id: 'Scenario' });
export const ScenarioListSchema = z
  .object({ items: z.array(ScenarioSummarySchema), next: z.string().optional().meta({ description: `Cursor of the next (older) page; absent on the last page. A page reads at most ${MAX_LIST_ITEMS_READ} scenarios, so with a \`tag\` filter it may hold fewer than \`limit\` items, or none, and still have \`next\`.` }) })
  .meta({ id: 'ScenarioList' });
export const RunResultSchema = z
  .object({
    scenario: ScenarioSummarySchema,
    engineVersion: z.string(),
    computedAt: z.string(),
    stored: z.boolean(),
    warnings: z.array(z.string()),
    result: z.unknown().meta({ description: "The calculation's result, exactly as its own endpoint returns it." }),
  })
  .meta({ id: 'ScenarioRun' });
export const CompareResultSchema = z
  .object({
    kind: z.string(),
    engineVersion: z.string(),
    columns: z.array(z.string()).meta({ description: 'Every headline figure name (dotted paths of the result).' }),
    scenarios: z.array(
      ScenarioSummarySchema.extend({
        figures: z.record(z.string(), z.number()),
        differenceToFirst: z.record(z.string(), z.number()),
      }),
    ),
  })
  .meta({ id: 'ScenarioComparison' });
