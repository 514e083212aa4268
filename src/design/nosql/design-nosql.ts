import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { nosqlTargetSchema, type Nosql, type NosqlFinding, type NosqlTarget } from '../../model/parts/nosql.js';
import { catalogEngine } from '../technology/catalog.js';
import { designCassandra, restrictionProblems } from './cassandra/design-cassandra.js';
import { designDynamodb, type DynamoDesignResult } from './dynamodb/design-dynamodb.js';
import { executionEvidence, type DynamoExecution } from './dynamodb/execution.js';
import { nosqlContext, type NosqlContext, type NosqlInput } from './input.js';
import { checkMongodb } from './mongodb/check-mongodb.js';
import { designMongodb } from './mongodb/design-mongodb.js';

const NOSQL_TARGETS: readonly NosqlTarget[] = nosqlTargetSchema.options;

/** The engine families whose choice writes a NoSQL design, and the target each writes. */
const FAMILY_TARGET: Readonly<Record<string, NosqlTarget>> = { 'key-value': 'dynamodb', document: 'mongodb', 'wide-column': 'cassandra' };

/** `--target a,b` names, or the chosen engine's family; with why. */
export function nosqlTargets(asked: readonly NosqlTarget[] | undefined, choice: string): { targets: NosqlTarget[]; reason: string } {
  if (asked?.length) return { targets: NOSQL_TARGETS.filter((t) => asked.includes(t)), reason: `asked for with --target ${asked.join(',')}` };
  const engine = catalogEngine(choice);
  const target = engine ? FAMILY_TARGET[engine.family] : undefined;
  return target
    ? {
        targets: [target],
        reason: `the chosen engine, ${engine!.name}, is ${engine!.family === 'key-value' ? 'a key-value store' : `a ${engine!.family} store`}`,
      }
    : { targets: [], reason: '' };
}

/** Runs a DynamoDB design on a local server (engines/dynamodb-local.ts); injected so this folder stays free of engines. */
export type DynamoExecutor = (ctx: NosqlContext, result: DynamoDesignResult) => Promise<DynamoExecution>;

/**
 * The NoSQL part for the targets: each design, its checks (MongoDB's validators and queries in
 * process; DynamoDB's on the local server when an executor is given) and its findings as
 * diagnostics: warnings as they are, a check that failed as an error (the tool wrote it).
 */
export async function designNosql(
  input: NosqlInput,
  targets: readonly NosqlTarget[],
  reason: string,
  diagnostics: Diagnostic[],
  executeDynamo?: DynamoExecutor,
): Promise<Nosql> {
  const ctx = nosqlContext(input);
  const part: Nosql = { reason };
  const fail = (target: string, pattern: string, detail: string) =>
    diagnostics.push({
      code: 'nosql/check-failed',
      severity: 'error',
      message: `the ${target} design of \`${pattern}\` failed its check: ${detail}`,
      fix: 'this is a bug in dbarchitect: please report it with the spec',
    });
  if (targets.includes('dynamodb')) {
    const result = designDynamodb(ctx);
    part.dynamodb = result.design;
    if (executeDynamo) {
      try {
        const run = await executeDynamo(ctx, result);
        result.design.evidence.push(executionEvidence(run));
        for (const p of run.patterns.filter((x) => !x.ok)) fail('DynamoDB', p.pattern, p.detail);
        if (run.requests['Scan']) fail('DynamoDB', '(all)', `${run.requests['Scan']} Scan requests reached the server`);
      } catch (error) {
        diagnostics.push({
          code: 'nosql/dynamodb-not-executed',
          severity: 'warning',
          message: `the DynamoDB design was not executed: the local server failed (${(error as Error).message})`,
          fix: 'run again; dynalite starts in-process on 127.0.0.1 and needs no setup',
        });
      }
    }
  }
  if (targets.includes('mongodb')) {
    const result = designMongodb(ctx);
    const check = checkMongodb(ctx, result);
    result.design.evidence.push(...check.evidence);
    for (const d of check.documents.filter((x) => x.valid < x.total))
      fail('MongoDB', d.collection, `${d.total - d.valid} synthetic documents fail the validator: ${d.errors[0]}`);
    for (const b of check.broken.filter((x) => !x.refused)) fail('MongoDB', b.collection, `a document breaking \`${b.rule}\` passes the validator`);
    for (const p of check.patterns.filter((x) => !x.ok)) fail('MongoDB', p.pattern, p.detail);
    part.mongodb = result.design;
  }
  if (targets.includes('cassandra')) {
    const result = designCassandra(ctx);
    for (const problem of result.selects.flatMap(restrictionProblems)) fail('Cassandra', problem.split(':')[0]!, problem);
    part.cassandra = result.design;
  }
  for (const [target, design] of [
    ['DynamoDB', part.dynamodb],
    ['MongoDB', part.mongodb],
    ['Cassandra', part.cassandra],
  ] as const)
    for (const f of (design?.findings ?? []) as NosqlFinding[])
      if (f.severity === 'warning') diagnostics.push({ code: f.code, severity: 'warning', message: `${target}: ${f.message}`, fix: f.fix });
  return part;
}
