import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { NosqlContext } from '../design/nosql/input.js';
import { syntheticRows, type SyntheticData } from '../design/nosql/synthetic-rows.js';
import { applicationAnswer } from '../design/nosql/dynamodb/application-answer.js';
import { dynamoChecks, judgeRead, judgeWrite, type DynamoCheck } from '../design/nosql/dynamodb/checks.js';
import type { DynamoDesignResult } from '../design/nosql/dynamodb/design-dynamodb.js';
import { keyAttributes, syntheticItems, withCopies, type Item } from '../design/nosql/dynamodb/items.js';
import { readRequests, writeRequest, type DynamoRequest } from '../design/nosql/dynamodb/requests.js';
import type { PlannedOperation } from '../design/nosql/dynamodb/planned.js';
import type { DynamoExecution, DynamoPatternRun } from '../design/nosql/dynamodb/execution.js';

const require = createRequire(import.meta.url);
type DynaliteFactory = (options: { createTableMs?: number; deleteTableMs?: number; updateTableMs?: number }) => Server;
const dynalite = require('dynalite') as DynaliteFactory;
const DYNALITE_VERSION = (require('dynalite/package.json') as { version: string }).version;

/** A DynamoDB-compatible server (dynalite, in memory) on a random loopback port, with a client for it. */
export interface DynamoLocal {
  /** `dynalite 4.0.0` */
  readonly version: string;
  /** Requests the server received, by operation (`Query`, `GetItem`, … `Scan`), counted at the server. */
  readonly requests: Readonly<Record<string, number>>;
  send(
    request: DynamoRequest | { operation: 'BatchWriteItem' | 'CreateTable' | 'DescribeTable'; input: Record<string, unknown> },
  ): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

const COMMANDS = {
  GetItem: GetItemCommand,
  Query: QueryCommand,
  PutItem: PutItemCommand,
  UpdateItem: UpdateItemCommand,
  DeleteItem: DeleteItemCommand,
  BatchWriteItem: BatchWriteItemCommand,
  CreateTable: CreateTableCommand,
  DescribeTable: DescribeTableCommand,
} as const;

export async function startDynamoLocal(): Promise<DynamoLocal> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const requests: Record<string, number> = {};
  server.prependListener('request', (req) => {
    const target =
      String(req.headers['x-amz-target'] ?? '')
        .split('.')
        .at(-1) ?? '';
    if (target) requests[target] = (requests[target] ?? 0) + 1;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const client = quietClient(port);
  return {
    version: `dynalite ${DYNALITE_VERSION}`,
    requests,
    async send(request) {
      const Command = COMMANDS[request.operation] as unknown as new (input: unknown) => Parameters<DynamoDBClient['send']>[0];
      return (await client.send(new Command(request.input))) as unknown as Record<string, unknown>;
    },
    async close() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The SDK warns once per process that its next versions need Node 22; on Node 20 that warning
 * would reach the CLI's stderr. Its own switch turns off that one warning, only while the client
 * is made (when it is emitted).
 */
function quietClient(port: number): DynamoDBClient {
  const key = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';
  const before = process.env[key];
  process.env[key] = 'true';
  try {
    // Dummy credentials: the local server checks none; nothing leaves loopback.
    return new DynamoDBClient({
      region: 'local',
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
  } finally {
    if (before === undefined) delete process.env[key];
    else process.env[key] = before;
  }
}

/**
 * Runs a single-table design on the local server: creates the table from table.json's input, puts
 * the synthetic items, runs every read pattern's requests and compares what the application ends
 * with to the SQL's answer on the same rows, then runs the writes and reads each item back.
 */
export async function executeDynamoDesign(
  ctx: NosqlContext,
  result: DynamoDesignResult,
  data: SyntheticData = syntheticRows(ctx.schema),
): Promise<DynamoExecution> {
  const local = await startDynamoLocal();
  try {
    const table = result.design.table;
    await local.send({ operation: 'CreateTable', input: table as unknown as Record<string, unknown> });
    await waitActive(local, table.TableName);
    const items = syntheticItems(ctx.schema, result.plans, data);
    for (let i = 0; i < items.length; i += 25)
      await local.send({
        operation: 'BatchWriteItem',
        input: { RequestItems: { [table.TableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } },
      });
    const checks = dynamoChecks(ctx, result, data);
    const runs = new Map<string, DynamoPatternRun>();
    // Reads first, on the items as put; then the writes, each read back.
    for (const check of checks.filter((c) => c.access.kind === 'read')) runs.set(check.pattern, await runRead(ctx, result, local, check, data));
    for (const check of checks.filter((c) => c.access.kind !== 'read')) runs.set(check.pattern, await runWrite(ctx, result, local, check, data));
    return { engine: local.version, items: items.length, patterns: checks.map((c) => runs.get(c.pattern)!), requests: { ...local.requests } };
  } finally {
    await local.close();
  }
}

async function waitActive(local: DynamoLocal, name: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const out = (await local.send({ operation: 'DescribeTable', input: { TableName: name } })) as {
      Table?: { TableStatus?: string; GlobalSecondaryIndexes?: { IndexStatus?: string }[] };
    };
    if (out.Table?.TableStatus === 'ACTIVE' && (out.Table.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === 'ACTIVE')) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`table ${name} did not become ACTIVE on the local server`);
}

/** All the items one request's pages return: pages are followed unless LIMIT was reached (a filter makes the application read on). */
async function itemsOf(local: DynamoLocal, request: DynamoRequest, op: PlannedOperation, sent: string[]): Promise<Item[]> {
  sent.push(request.operation);
  if (request.operation === 'GetItem') {
    const out = (await local.send(request)) as { Item?: Item };
    return out.Item ? [out.Item] : [];
  }
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  for (;;) {
    const out = (await local.send({ ...request, input: { ...request.input, ...(start ? { ExclusiveStartKey: start } : {}) } })) as {
      Items?: Item[];
      LastEvaluatedKey?: Record<string, unknown>;
    };
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
    const enough = op.limit !== undefined && (!op.filter || items.length >= op.limit);
    if (!start || enough) break;
    sent.push(request.operation);
  }
  return op.limit !== undefined ? items.slice(0, op.limit) : items;
}

async function runRead(ctx: NosqlContext, result: DynamoDesignResult, local: DynamoLocal, check: DynamoCheck, data: SyntheticData): Promise<DynamoPatternRun> {
  const sent: string[] = [];
  if (check.skipped) return { pattern: check.pattern, ok: true, detail: 'not run', operations: sent, skipped: check.skipped };
  const consistent = ctx.spec.requirements.consistency === 'strong';
  const perOperation: Item[][] = [];
  for (const op of check.planned.operations) {
    const items: Item[] = [];
    for (const request of readRequests(result.design.table.TableName, result.plans.get(op.entity)!, op, check.params, data.now, consistent))
      items.push(...(await itemsOf(local, request, op, sent)));
    perOperation.push(items);
  }
  const actual = applicationAnswer(check.access, check.planned, result.plans, perOperation, check.params, data);
  const verdict = judgeRead(ctx, check, actual);
  return { pattern: check.pattern, ok: verdict.ok, detail: verdict.detail, operations: sent };
}

async function runWrite(ctx: NosqlContext, result: DynamoDesignResult, local: DynamoLocal, check: DynamoCheck, data: SyntheticData): Promise<DynamoPatternRun> {
  const sent: string[] = [];
  if (check.skipped) return { pattern: check.pattern, ok: true, detail: 'not run', operations: sent, skipped: check.skipped };
  const tableName = result.design.table.TableName;
  const plan = result.plans.get(check.access.table.name)!;
  const row = check.after ?? check.before!;
  const found: Item[][] = [];
  try {
    for (const op of check.planned.operations) {
      if (op.operation === 'GetItem' || op.operation === 'Query') {
        const items: Item[] = [];
        for (const request of readRequests(tableName, result.plans.get(op.entity)!, op, check.params, data.now, true))
          items.push(...(await itemsOf(local, request, op, sent)));
        found.push(items);
        continue;
      }
      const keys = op.forEachItemOf !== undefined ? (found[op.forEachItemOf] ?? []) : [undefined];
      for (const keyItem of keys) {
        const request = writeRequest(tableName, plan, op, check.params, data, row, keyItem);
        sent.push(request.operation);
        await local.send(request);
      }
      found.push([]);
    }
  } catch (error) {
    return { pattern: check.pattern, ok: false, detail: `the server refused a request: ${(error as Error).message}`, operations: sent };
  }
  // Read the item back by its base key (the key a write never changes).
  const key = keyAttributes(plan, plan.base, { pk: 'PK', sk: 'SK' }, withCopies(plan, check.before ?? row, data));
  sent.push('GetItem');
  const out = (await local.send({ operation: 'GetItem', input: { TableName: tableName, Key: key, ConsistentRead: true } })) as { Item?: Item };
  const verdict = judgeWrite(ctx, result, check, data, out.Item);
  return { pattern: check.pattern, ok: verdict.ok, detail: verdict.detail, operations: sent };
}
