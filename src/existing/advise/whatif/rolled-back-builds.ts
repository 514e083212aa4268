import type { Dialect } from '../../../dialects/dialect.js';
import type { SqlSession } from '../../../dialects/session.js';
import type { Index, Schema } from '../../../model/schema.js';
import type { WhatIfEngine } from './engine.js';
import { explainQuery, PINNED_SETTINGS } from './explain.js';
import { createIndexSql } from './index-sql.js';
import { indexFamily, rootName, uniqueNames } from './partitions.js';

/**
 * What-if costing with real indexes, for an engine without hypopg (PGlite) on data the tool
 * loaded itself: one transaction, rolled back at the end, in which each candidate is built once
 * and then shown to or hidden from the planner by its `pg_index.indisvalid` flag (the planner
 * skips an index that is not valid, as it does one that a failed concurrent build left). Existing
 * indexes are hidden the same way, so dropping one is costed too. Needs a superuser session.
 */
export async function startRolledBackBuilds(db: SqlSession, dialect: Dialect, schema: Schema): Promise<WhatIfEngine> {
  for (const statement of PINNED_SETTINGS) await db.exec(statement);
  await db.exec('BEGIN');
  /** Candidate name -> its relation's name and the oids of it and its partitions' indexes. */
  const built = new Map<string, { relation: string; oids: number[] }>();
  /** Index names in plans (a candidate's relation, a partition's index) -> the model's name. */
  const physical = new Map(await dialect.catalog.partitionRoots(db));
  /** Existing indexes this engine has ever hidden, with their partitions' indexes: their flags are ours to restore. */
  const existing = new Map<string, number[]>();
  /** Candidates the engine refused to build (an expression it cannot index): never visible. */
  const refused = new Set<string>();
  let visible = new Set<number>();
  let toggled = new Set<number>();
  const oidOf = async (relation: string) => {
    const rows = await db.query<{ oid: number | null }>('SELECT to_regclass($1)::oid::int8::float8 AS oid', [relation]);
    const oid = rows[0]?.oid;
    if (oid === null || oid === undefined) throw new Error(`no index ${relation}`);
    return Number(oid);
  };
  return {
    method: 'rolled-back-builds',
    canHide: true,
    async configure(indexes, hidden = []) {
      for (const index of indexes) {
        if (built.has(index.name) || refused.has(index.name)) continue;
        const relation = `dbarchitect_whatif_${built.size + refused.size + 1}`;
        await db.exec('SAVEPOINT dbarchitect_build');
        try {
          await db.exec(createIndexSql(dialect, schema, { ...index, name: relation }));
          await db.exec('RELEASE SAVEPOINT dbarchitect_build');
        } catch {
          await db.exec('ROLLBACK TO SAVEPOINT dbarchitect_build');
          refused.add(index.name);
          continue;
        }
        const family = await indexFamily(db, await oidOf(relation));
        built.set(index.name, { relation, oids: family.map((f) => f.oid) });
        for (const f of family) physical.set(f.name, index.name);
      }
      for (const name of hidden)
        if (!existing.has(name))
          existing.set(
            name,
            (await indexFamily(db, await oidOf(name))).map((f) => f.oid),
          );
      const hiddenOids = new Set(hidden.flatMap((n) => existing.get(n)!));
      const show = new Set([...indexes.flatMap((i) => built.get(i.name)?.oids ?? []), ...[...existing.values()].flat().filter((oid) => !hiddenOids.has(oid))]);
      const all = new Set([...[...built.values()].flatMap((b) => b.oids), ...[...existing.values()].flat()]);
      if (sameSet(show, visible) && sameSet(all, toggled)) return;
      await db.query('UPDATE pg_index SET indisvalid = (indexrelid = ANY($1::oid[])) WHERE indexrelid = ANY($2::oid[])', [[...show], [...all]]);
      visible = show;
      toggled = all;
    },
    async explain(query) {
      // A query the planner refuses must not end the transaction that holds the builds.
      await db.exec('SAVEPOINT dbarchitect_explain');
      try {
        const plan = await explainQuery(db, query);
        await db.exec('RELEASE SAVEPOINT dbarchitect_explain');
        return { ...plan, indexesUsed: uniqueNames(plan.indexesUsed.map((n) => rootName(physical, n))) };
      } catch (error) {
        await db.exec('ROLLBACK TO SAVEPOINT dbarchitect_explain');
        throw error;
      }
    },
    async builtBytes(name) {
      const relation = built.get(name)?.relation;
      if (!relation) return undefined;
      const rows = await db.query<{ b: number }>('SELECT pg_relation_size($1::regclass)::float8 AS b', [relation]);
      return Number(rows[0]?.b ?? 0);
    },
    async close() {
      await db.exec('ROLLBACK').catch(() => undefined);
    },
  };
}

const sameSet = (a: ReadonlySet<number>, b: ReadonlySet<number>) => a.size === b.size && [...a].every((x) => b.has(x));
