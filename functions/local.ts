/**
 * `npm start`: the whole API on http://127.0.0.1:8787 (PORT overrides, HOST to listen elsewhere),
 * data in .data/dynamodb, or in an external DynamoDB at DYNAMODB_ENDPOINT (e.g. `moto_server -p
 * 5055` and DYNAMODB_ENDPOINT=http://127.0.0.1:5055; the table peakplan-local is created there if
 * missing). Ctrl-C stops it cleanly.
 */
import { mkdirSync } from 'node:fs';
import { devKeyFile, startServer } from './local-server.js';

// The AWS SDK warns on Node < 22 about releases from 2027 on; the lockfile pins today's SDK and
// Lambda runs nodejs22.x, so the local tools keep quiet about it (set the variable to false to see it).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const port = Number(process.env.PORT ?? 8787);
const dataDir = process.env.DATA_DIR ?? '.data/dynamodb';
mkdirSync(dataDir, { recursive: true });

const dynamoEndpoint = process.env.DYNAMODB_ENDPOINT || undefined;
const server = await startServer({
  port,
  host: process.env.HOST ?? '127.0.0.1',
  dataDir,
  ...(dynamoEndpoint ? { dynamoEndpoint } : {}),
});
console.log(`Peakplan API listening on ${server.url}
  API reference: ${server.url}/docs
  OpenAPI:       ${server.url}/openapi.json
  Try:           curl -s '${server.url}/v1/safety-stock?demandMean=2500&demandStdDev=500&leadTime=7&leadTimeStdDev=7&serviceLevel=0.9'
  DynamoDB:      ${server.embedded ? `embedded dynalite at ${server.dynamoEndpoint}, data in ${dataDir}` : `external endpoint ${server.dynamoEndpoint} (DYNAMODB_ENDPOINT), table ${server.tableName}`}
  Dev API key (tenant "dev", saved in ${devKeyFile(dataDir)}):
                 ${server.devKey}
  Scenarios:     curl -s -H 'Authorization: Bearer ${server.devKey}' ${server.url}/v1/scenarios
  Calculation endpoints are open locally (API_KEYS=required to require a key); npm run keys -- --help
Press Ctrl-C to stop.`);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  await server.close();
  console.log('Stopped.');
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
