/**
 * Creates the single table from `infra/table-schema.json`, the same key facts infra/table.ts gives
 * SST, so the embedded DynamoDB of `npm start` and the tests cannot drift from the deployed table.
 */
import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import tableSchema from '../../infra/table-schema.json' with { type: 'json' };

type KeyPair = { hashKey: string; rangeKey?: string };

const keySchema = ({ hashKey, rangeKey }: KeyPair) => [
  { AttributeName: hashKey, KeyType: 'HASH' as const },
  ...(rangeKey ? [{ AttributeName: rangeKey, KeyType: 'RANGE' as const }] : []),
];

/** Creates the table if it does not exist yet; resolves once it is ACTIVE. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException) && (err as { name?: string }).name !== 'ResourceNotFoundException') throw err;
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: Object.entries(tableSchema.attributes).map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType: AttributeType as 'S' | 'N' | 'B' })),
      KeySchema: keySchema(tableSchema.primaryIndex),
      GlobalSecondaryIndexes: Object.entries(tableSchema.globalIndexes).map(([IndexName, index]) => ({
        IndexName,
        KeySchema: keySchema(index),
        Projection: { ProjectionType: 'ALL' as const },
      })),
    }),
  );
  for (let i = 0; i < 100; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`table ${tableName} did not become ACTIVE`);
}
