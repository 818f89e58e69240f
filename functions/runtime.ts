/**
 * Configuration of a deployed function from its environment: the HTTP conventions
 * (functions/http/app.ts `configFromEnv`) plus, when the function is linked to the table
 * (`TABLE_NAME`, and `DYNAMODB_ENDPOINT` for an emulator), the DynamoDB client and the API-key
 * verifier that calculation endpoints use when `API_KEYS=required` (or when a key is sent).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { configFromEnv, type AppConfig } from './http/app.js';
import { createDynamoClient } from './storage/dynamo.js';
import { DynamoKeyStore } from './storage/key-store.js';

export interface Runtime {
  config: AppConfig;
  table?: { client: DynamoDBClient; name: string; keys: DynamoKeyStore };
}

export function runtimeFromEnv(env: Record<string, string | undefined>): Runtime {
  const config = configFromEnv(env);
  const name = env.TABLE_NAME;
  if (!name) return { config };
  const client = createDynamoClient(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {});
  const keys = new DynamoKeyStore(client, name);
  return { config: { ...config, keys }, table: { client, name, keys } };
}

/** The configuration of a calculation function: with the key verifier when the table is linked. */
export const calculationConfig = (env: Record<string, string | undefined>): AppConfig => runtimeFromEnv(env).config;
