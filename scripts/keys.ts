/**
 * API keys from the command line.
 *
 *   npm run keys -- create --tenant acme --label "ERP sync" [--publishable --origin https://shop.example …] [--scope scenarios:read …]
 *   npm run keys -- list [--tenant acme]
 *   npm run keys -- revoke --tenant acme --id key_0123456789abcdef
 *
 * Where the keys live:
 * - default: the local store of `npm start` (DATA_DIR, default .data/dynamodb). If the local server
 *   is running, its embedded DynamoDB is used through the endpoint it advertises; otherwise the data
 *   folder is opened directly.
 * - `--table <name>` (or TABLE_NAME): a deployed stage's table, with the usual AWS credentials and
 *   region from the environment (AWS_PROFILE, AWS_REGION, …); `--endpoint` for any other emulator.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { endpointFile, startDynalite } from '../functions/local-server.js';
import { createDynamoClient } from '../functions/storage/dynamo.js';
import { DynamoKeyStore, KEY_CACHE_MS, SCOPES, type Scope } from '../functions/storage/key-store.js';
import { ensureTable } from '../functions/storage/table.js';

// The AWS SDK warns on Node < 22 about releases from 2027 on; the lockfile pins today's SDK and
// Lambda runs nodejs22.x, so the local tools keep quiet about it (set the variable to false to see it).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `Usage:
  npm run keys -- create --tenant <id> --label <text> [--publishable --origin <https://…> …] [--scope <scope> …]
  npm run keys -- list [--tenant <id>]
  npm run keys -- revoke --tenant <id> --id <key_…>
Options: --table <name> (deployed table, AWS credentials from the environment), --endpoint <url>, --data-dir <dir>
Scopes: ${SCOPES.join(', ')} (secret keys get all by default; publishable keys only calculations)`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    tenant: { type: 'string' },
    label: { type: 'string' },
    id: { type: 'string' },
    publishable: { type: 'boolean', default: false },
    origin: { type: 'string', multiple: true },
    scope: { type: 'string', multiple: true },
    table: { type: 'string' },
    endpoint: { type: 'string' },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

interface Target {
  client: DynamoDBClient;
  table: string;
  where: string;
  close(): Promise<void>;
}

async function reachable(endpoint: string): Promise<boolean> {
  try {
    await fetch(endpoint, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

async function openTarget(): Promise<Target> {
  const table = values.table ?? process.env.TABLE_NAME;
  if (table) {
    const client = createDynamoClient(values.endpoint ? { endpoint: values.endpoint } : {});
    return { client, table, where: `table ${table}${values.endpoint ? ` at ${values.endpoint}` : ' on AWS'}`, close: async () => client.destroy() };
  }
  const dataDir = values['data-dir'] ?? process.env.DATA_DIR ?? '.data/dynamodb';
  if (existsSync(endpointFile(dataDir))) {
    const running = JSON.parse(readFileSync(endpointFile(dataDir), 'utf8')) as { endpoint: string; tableName: string };
    if (await reachable(running.endpoint)) {
      const client = createDynamoClient({ endpoint: running.endpoint });
      return { client, table: running.tableName, where: `the running local server's store (${dataDir})`, close: async () => client.destroy() };
    }
  }
  // No server running: open the data folder with an embedded dynalite of our own.
  const server = await startDynalite(dataDir);
  const client = createDynamoClient({ endpoint: server.endpoint });
  await ensureTable(client, 'peakplan-local');
  return {
    client,
    table: 'peakplan-local',
    where: `the local store in ${dataDir}`,
    close: async () => {
      client.destroy();
      await server.close();
    },
  };
}

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const command = positionals[0];
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  if (!['create', 'list', 'revoke'].includes(command)) fail(`unknown command ${command}`);
  const scopes = values.scope?.map((scope) => {
    if (!(SCOPES as readonly string[]).includes(scope)) fail(`unknown scope ${scope}`);
    return scope as Scope;
  });
  if (command !== 'list' && !values.tenant) fail('--tenant is required');
  const target = await openTarget();
  try {
    const keys = new DynamoKeyStore(target.client, target.table);
    if (command === 'create') {
      if (!values.label) fail('--label is required');
      const { key, info } = await keys.create({
        tenant: values.tenant!,
        label: values.label,
        kind: values.publishable ? 'publishable' : 'secret',
        origins: values.origin ?? [],
        ...(scopes ? { scopes } : {}),
      });
      console.log(`Created ${info.kind} key ${info.keyId} for tenant ${info.tenant} in ${target.where}
  label:   ${info.label}
  scopes:  ${info.scopes.join(', ')}${info.origins.length ? `\n  origins: ${info.origins.join(', ')}` : ''}

  ${key}

This is the only time the key is shown; only its SHA-256 hash is stored.`);
    } else if (command === 'list') {
      const all = await keys.list(values.tenant);
      if (all.length === 0) console.log(`No keys${values.tenant ? ` for tenant ${values.tenant}` : ''} in ${target.where}.`);
      for (const k of all)
        console.log([k.keyId, k.tenant, k.kind, `…${k.last4}`, k.revokedAt ? `revoked ${k.revokedAt}` : 'active', k.createdAt, JSON.stringify(k.label), k.scopes.join(' '), k.origins.join(' ')].join('\t'));
    } else {
      if (!values.id) fail('--id is required (see `list`)');
      const done = await keys.revoke(values.tenant!, values.id);
      if (!done) fail(`tenant ${values.tenant} has no key ${values.id}`);
      // Truthful about the cache: this process has no way to reach the caches of running servers.
      console.log(`Revoked ${values.id} in ${target.where}.
A server instance that has not checked this key in the last ${KEY_CACHE_MS / 1000} s refuses it from now on; one that has
(the running \`npm start\` server, a warm Lambda) keeps accepting it from its key cache for at most ${KEY_CACHE_MS / 1000} s more.
Restart the local server to make it refuse the key at once.`);
    }
  } finally {
    await target.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
