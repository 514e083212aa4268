import type { Dialect } from '../../../dialects/dialect.js';
import type { SqlSession } from '../../../dialects/session.js';
import type { Index, Schema } from '../../../model/schema.js';
import type { WhatIfEngine } from './engine.js';
import { explainQuery, PINNED_SETTINGS } from './explain.js';
import { createIndexSql } from './index-sql.js';

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
  /** Candidate name -> its relation's name and oid. */
  const built = new Map<string, { relation: string; oid: number }>();
  const physical = new Map<string, string>();
  /** Existing indexes this engine has ever hidden, by oid: their flag is ours to restore. */
  const existing = new Map<string, number>();
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
        if (built.has(index.name)) continue;
        const relation = `dbarchitect_whatif_${built.size + 1}`;
        await db.exec(createIndexSql(dialect, schema, { ...index, name: relation }));
        built.set(index.name, { relation, oid: await oidOf(relation) });
        physical.set(relation, index.name);
      }
      for (const name of hidden) if (!existing.has(name)) existing.set(name, await oidOf(name));
      const hiddenOids = new Set(hidden.map((n) => existing.get(n)!));
      const show = new Set([...indexes.map((i) => built.get(i.name)!.oid), ...[...existing.values()].filter((oid) => !hiddenOids.has(oid))]);
      const all = new Set([...[...built.values()].map((b) => b.oid), ...existing.values()]);
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
        return { ...plan, indexesUsed: plan.indexesUsed.map((n) => physical.get(n) ?? n) };
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
