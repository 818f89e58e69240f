/** The DynamoDB client every store uses (settings and error mapping in ./dynamo-call.ts). */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamoClientConfig, type DynamoOptions } from './dynamo-call.js';

export * from './dynamo-call.js';

export function createDynamoClient(options: DynamoOptions = {}): DynamoDBClient {
  return new DynamoDBClient(dynamoClientConfig(options));
}
