// The single DynamoDB table (single-table design).
//
// Its key schema lives in ./table-schema.json, in DynamoDB's own vocabulary
// (attribute types "S" | "N" | "B", projection "ALL" | "KEYS_ONLY"). The local
// server creates the same table in its embedded DynamoDB from that same file, so
// the deployed table and the local one cannot drift. This file only translates
// the JSON into the args of SST's `sst.aws.Dynamo` component.
import schemaJson from "./table-schema.json" with { type: "json" };

/** Shape of table-schema.json (assigning the JSON to it type-checks the file). */
export type TableSchema = {
  /** Key attributes only, with DynamoDB attribute types. */
  attributes: Record<string, string>;
  primaryIndex: { hashKey: string; rangeKey?: string };
  globalIndexes?: Record<string, { hashKey: string; rangeKey?: string; projection?: string }>;
  /** Name of the numeric (epoch seconds) TTL attribute. */
  ttl?: string;
};

export const schema: TableSchema = schemaJson;

type SstFieldType = "string" | "number" | "binary";
type SstProjection = "all" | "keys-only";

const FIELD_TYPES: Record<string, SstFieldType> = {
  S: "string",
  N: "number",
  B: "binary",
};
const PROJECTIONS: Record<string, SstProjection> = {
  ALL: "all",
  KEYS_ONLY: "keys-only",
};

function fieldType(name: string, type: string): SstFieldType {
  const t = FIELD_TYPES[type];
  if (!t) throw new Error(`table-schema.json: attribute "${name}" has unknown type "${type}"`);
  return t;
}

function projection(index: string, value: string | undefined): SstProjection {
  if (value === undefined) return "all";
  const p = PROJECTIONS[value];
  if (!p) throw new Error(`table-schema.json: index "${index}" has unknown projection "${value}"`);
  return p;
}

const fields = Object.fromEntries(
  Object.entries(schema.attributes).map(([name, type]) => [name, fieldType(name, type)]),
);

const globalIndexes = Object.fromEntries(
  Object.entries(schema.globalIndexes ?? {}).map(([name, index]) => [
    name,
    {
      hashKey: index.hashKey,
      rangeKey: index.rangeKey,
      projection: projection(name, index.projection),
    },
  ]),
);

export const table = new sst.aws.Dynamo("Table", {
  fields,
  primaryIndex: {
    hashKey: schema.primaryIndex.hashKey,
    rangeKey: schema.primaryIndex.rangeKey,
  },
  globalIndexes,
  ttl: schema.ttl,
});
