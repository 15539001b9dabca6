import { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { AUDIT_TABLE_DESIGN, PROFILE_TABLE_DESIGN, TableDesign, createTableInput } from '../../src/audit';
import { DOCUMENT_TRANSLATION } from '../../src/aws/clients';

/** A dynalite server on a free 127.0.0.1 port (in memory), with clients pointed at it. */
export interface LocalDynamoDb {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
  /** Creates a table from a design and returns its name. */
  createTable(design: TableDesign, name?: string): Promise<string>;
  /** Creates a fresh audit table and profile table. */
  createTables(): Promise<{ readonly audit: string; readonly profile: string }>;
  stop(): Promise<void>;
}

let tableCounter = 0;

/** Starts dynalite on 127.0.0.1 (port chosen by the OS). Call `stop()` in `afterAll`. */
export async function startLocalDynamoDb(): Promise<LocalDynamoDb> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
  });
  const doc = DynamoDBDocumentClient.from(client, DOCUMENT_TRANSLATION);
  const createTable = async (design: TableDesign, name?: string): Promise<string> => {
    const tableName = name ?? `aad-test-${++tableCounter}-${Date.now()}`;
    await client.send(new CreateTableCommand(createTableInput(design, tableName)));
    return tableName;
  };
  return {
    endpoint,
    client,
    doc,
    createTable,
    createTables: async () => ({
      audit: await createTable(AUDIT_TABLE_DESIGN),
      profile: await createTable(PROFILE_TABLE_DESIGN),
    }),
    stop: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
