import type { Dialect } from '../../../dialects/dialect.js';
import type { SqlSession } from '../../../dialects/session.js';
import type { Index, Schema } from '../../../model/schema.js';
import { type WhatIfEngine, WhatIfUnavailable } from './engine.js';
import { explainQuery, PINNED_SETTINGS } from './explain.js';
import { createIndexSql } from './index-sql.js';
import { rootName, uniqueNames } from './partitions.js';

/** hypopg names a hypothetical index `<oid>btree_table_columns` in plans. */
const HYPOTHETICAL_NAME = /^<(\d+)>/;

/**
 * What-if costing on a PostgreSQL server with hypopg: hypothetical indexes live in this session's
 * memory only, so nothing is written (the session may be read-only) and no other session sees
 * them. hypopg 1.3 cannot hide a real index, so dropping one is not costed here.
 */
export async function startHypopg(db: SqlSession, dialect: Dialect, schema: Schema): Promise<WhatIfEngine> {
  const installed = await db.query<{ schema: string }>(
    `SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'hypopg'`,
  );
  if (installed.length === 0)
    throw new WhatIfUnavailable(
      'hypopg is not installed in this database: run CREATE EXTENSION hypopg as a superuser (Debian: apt-get install postgresql-15-hypopg); it only imagines indexes, in the advising session',
    );
  // Its functions by their schema: the session's search_path is the advised schema's.
  const fn = (name: string) => `${dialect.quoteIdentifier(installed[0]!.schema)}.${name}`;
  for (const statement of PINNED_SETTINGS) await db.exec(statement);
  await db.query(`SELECT ${fn('hypopg_reset')}()`);
  const oids = new Map<string, number>();
  const names = new Map<number, string>();
  /** A partition's index, as plans name it -> its partitioned parent's. */
  const roots = await dialect.catalog.partitionRoots(db);
  /** Candidates hypopg refused (a method or a table it cannot imagine an index on): never visible. */
  const refused = new Set<string>();
  return {
    method: 'hypopg',
    canHide: false,
    async configure(indexes, hidden = []) {
      if (hidden.length) throw new Error('hypopg 1.3 cannot hide an existing index');
      const wanted = new Set(indexes.map((i) => i.name));
      for (const [name, oid] of [...oids]) {
        if (wanted.has(name)) continue;
        await db.query(`SELECT ${fn('hypopg_drop_index')}($1)`, [oid]);
        oids.delete(name);
        names.delete(oid);
      }
      for (const index of indexes) {
        if (oids.has(index.name) || refused.has(index.name)) continue;
        const rows = await db
          .query<{ oid: number }>(`SELECT indexrelid::int8::float8 AS oid FROM ${fn('hypopg_create_index')}($1)`, [createIndexSql(dialect, schema, index)])
          .catch(() => undefined);
        if (!rows?.length) {
          refused.add(index.name);
          continue;
        }
        const oid = Number(rows[0]!.oid);
        oids.set(index.name, oid);
        names.set(oid, index.name);
      }
    },
    async explain(query) {
      const plan = await explainQuery(db, query);
      const used = plan.indexesUsed.map((n) => {
        const oid = HYPOTHETICAL_NAME.exec(n)?.[1];
        return oid !== undefined ? (names.get(Number(oid)) ?? n) : rootName(roots, n);
      });
      return { ...plan, indexesUsed: uniqueNames(used) };
    },
    async builtBytes() {
      return undefined;
    },
    async close() {
      await db.query(`SELECT ${fn('hypopg_reset')}()`).catch(() => undefined);
    },
  };
}
