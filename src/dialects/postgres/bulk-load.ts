import {
  postgresAddConstraint,
  postgresCreateIndex,
  postgresDropConstraint,
  postgresDropIndex,
  postgresKeysQuery,
  postgresSecondaryIndexesQuery,
  type PostgresKeyDefinition,
} from './seed-sql.js';
import type { SqlSession } from '../session.js';

/** What a bulk load dropped, in the order to add it back. */
export interface SetAside {
  /** Primary keys and uniques: added back first, foreign keys depend on them. */
  readonly keys: readonly PostgresKeyDefinition[];
  readonly indexes: readonly { readonly name: string; readonly definition: string }[];
  readonly foreignKeys: readonly PostgresKeyDefinition[];
}

/**
 * Inside the caller's transaction, drops the foreign keys, primary keys, uniques and plain
 * secondary indexes of the tables, keeping the keys of `keepKeysOf` (inserts with ON CONFLICT need
 * them, and so does an UPDATE that finds rows by key) and the indexes of `keepIndexesOf`. Check constraints and NOT NULL stay: they
 * cost little per row.
 */
export async function setAsideForLoad(
  engine: SqlSession,
  tables: readonly string[],
  keepKeysOf: ReadonlySet<string>,
  keepIndexesOf: ReadonlySet<string> = new Set(),
): Promise<SetAside> {
  const all = await engine.query<PostgresKeyDefinition>(postgresKeysQuery(tables));
  const foreignKeys = all.filter((k) => k.kind === 'f');
  const keys = all.filter((k) => k.kind !== 'f' && !keepKeysOf.has(k.relname));
  const indexes = await engine.query<{ name: string; definition: string }>(postgresSecondaryIndexesQuery(tables.filter((t) => !keepIndexesOf.has(t))));
  for (const fk of foreignKeys) await engine.exec(postgresDropConstraint(fk));
  for (const key of keys) await engine.exec(postgresDropConstraint(key));
  for (const index of indexes) await engine.exec(postgresDropIndex(index));
  return { keys, indexes, foreignKeys };
}

/**
 * Adds back what setAsideForLoad dropped, each checked against every row: keys (one sort each),
 * indexes, then ANALYZE (`analyze`: the validation joins are planned on statistics), then foreign
 * keys (one join each). `onStep` names the step, for an error message.
 */
export async function restoreAfterLoad(
  engine: SqlSession,
  setAside: SetAside,
  analyze: string,
  onStep: (step: string) => void = () => undefined,
): Promise<void> {
  for (const key of setAside.keys) {
    onStep(`table ${key.relname} (adding back ${key.name})`);
    await engine.exec(postgresAddConstraint(key));
  }
  for (const index of setAside.indexes) {
    onStep(`building index ${index.name}`);
    await engine.exec(postgresCreateIndex(index));
  }
  onStep('analyze');
  await engine.exec(analyze);
  for (const fk of setAside.foreignKeys) {
    onStep(`table ${fk.relname} (validating foreign key ${fk.name})`);
    await engine.exec(postgresAddConstraint(fk));
  }
}
