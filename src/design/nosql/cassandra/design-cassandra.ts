import type { CassandraDesign, CassandraTable, NosqlFinding } from '../../../model/parts/nosql.js';
import type { NosqlContext } from '../input.js';
import type { PatternAccess, ValueSource } from '../pattern-access.js';
import { cqlLiteral, cqlName, cqlType, keyspaceName } from './cql-names.js';
import { chooseBucket, partitionEstimate, PARTITION_LIMIT_BYTES } from './partition-size.js';
import { columnIn, recordTable, tableForPattern, type TablePlan } from './query-tables.js';

/** One SELECT as the restriction check reads it: which columns it restricts, and how. */
export interface SelectShape {
  readonly pattern: string;
  readonly table: TablePlan;
  readonly restrictions: readonly { readonly column: string; readonly op: '=' | 'IN' | 'range' }[];
}

export interface CassandraDesignResult {
  readonly design: CassandraDesign;
  readonly tables: readonly TablePlan[];
  readonly selects: readonly SelectShape[];
}

/**
 * Query-first tables: one per read pattern (reused where a table already serves it), the entity by
 * its key where no table holds it so, partitions sized at the horizon and bucketed past 100 MB, and
 * every logical write spread over the tables that hold the entity.
 */
export function designCassandra(ctx: NosqlContext): CassandraDesignResult {
  const keyspace = keyspaceName(ctx.spec.name);
  const tables: TablePlan[] = [];
  const findings: NosqlFinding[] = [];
  const served = new Map<string, { table: TablePlan; rangeFiltered: boolean }>();
  for (const access of ctx.accesses.filter((a) => a.kind === 'read')) {
    if (access.unsupported) {
      findings.push({
        code: 'nosql/cassandra-no-table',
        severity: 'warning',
        pattern: access.pattern,
        message: `\`${access.pattern}\` gets no query table: ${access.unsupported}`,
        fix: 'rewrite the pattern over one entity (or a parent with its children); dbarchitect then designs its table',
      });
      continue;
    }
    const { table, rangeFiltered } = tableForPattern(tables, access);
    served.set(access.pattern, { table, rangeFiltered });
  }
  for (const entity of ctx.schema.tables) if (!tables.some((t) => holdsByKey(t, entity.name))) tables.push(recordTable(entity));
  for (const t of tables) if (tables.some((o) => o !== t && o.name === t.name)) t.name = `${t.name}_${t.role}`;

  const sized = tables.map((t) => {
    let estimate = partitionEstimate(ctx.schema, ctx.volumes, t);
    if (estimate.bytes > PARTITION_LIMIT_BYTES) {
      t.bucket = chooseBucket(ctx.schema, ctx.volumes, t, estimate);
      t.partitionKey.push('bucket');
      t.columns.set('bucket', { type: t.bucket!.kind === 'time' ? { kind: 'text' } : { kind: 'int32' }, static: false });
      estimate = partitionEstimate(ctx.schema, ctx.volumes, t);
      if (estimate.bytes > PARTITION_LIMIT_BYTES)
        findings.push({
          code: 'nosql/cassandra-large-partition',
          severity: 'warning',
          message: `${t.name}: a partition still holds about ${Math.round(estimate.bytes / 1024 / 1024)} MB after bucketing by ${t.bucket!.unit}`,
          fix: 'add a finer bucket or more key columns to the partition key',
        });
    }
    if (t.partitionKey.length === 0)
      findings.push({
        code: 'nosql/cassandra-single-partition',
        severity: 'warning',
        message: `${t.name} has no partition key column: every row sits in one partition on one replica set`,
        fix: 'look the rows up by a value (the tenant, a parent), or add a bucket column',
      });
    return { table: t, estimate };
  });

  const selects: SelectShape[] = [];
  const patterns: CassandraDesign['patterns'] = [];
  for (const access of ctx.accesses) {
    if (access.kind === 'read') {
      const s = served.get(access.pattern);
      if (!s) continue;
      const { cql, notes, select } = readStatement(keyspace, access, s.table, s.rangeFiltered);
      selects.push(select);
      patterns.push({ pattern: access.pattern, table: s.table.name, cql: [cql], notes });
    } else {
      const holders = tables.filter(
        (t) => t.entity === access.table || t.staticParent?.table === access.table || t.copies.some((c) => c.parent === access.table),
      );
      const { cql, notes } = writeStatements(keyspace, access, holders);
      patterns.push({ pattern: access.pattern, table: holders.map((h) => h.name).join(', '), cql, notes });
    }
  }

  const duplication = ctx.schema.tables.map((entity) => {
    const holding = tables.filter((t) => t.entity === entity || t.staticParent?.table === entity).map((t) => t.name);
    return { entity: entity.name, tables: holding, writesPerInsert: holding.length };
  });
  const design: CassandraDesign = {
    keyspace,
    tables: sized.map(({ table, estimate }) => tableJson(table, estimate)),
    duplication,
    patterns,
    findings,
    evidence: [
      {
        tier: 'derived',
        source: 'rule:cassandra-query-first',
        detail: `${selects.length} SELECTs restrict their table's whole partition key by = or IN and only a clustering prefix, no ALLOW FILTERING (checked by rule; no CQL engine or parser here); partitions sized by Chebotko's formula`,
      },
    ],
  };
  return { design, tables, selects };
}

/** A table that holds the entity by its whole key: the entity's rows keyed exactly by it, or a parent stored static under its key. */
function holdsByKey(t: TablePlan, entity: string): boolean {
  if (t.staticParent?.table.name === entity) return true;
  if (t.entity.name !== entity || t.copies.length) return false;
  const key = [...t.partitionKey, ...t.clustering.map((c) => c.column)];
  return (
    key.length === t.entity.primaryKey.columns.length &&
    t.entity.primaryKey.columns.every((c) => key.includes(c)) &&
    t.entity.primaryKey.columns.every((c) => t.partitionKey.includes(c) || t.clustering.some((x) => x.column === c))
  );
}

const marker = (source: ValueSource, column: string): string =>
  source.kind === 'param' ? `:${source.name}` : source.kind === 'constant' ? cqlLiteral(source.value) : `:${column}_value`;

function readStatement(keyspace: string, access: PatternAccess, t: TablePlan, rangeFiltered: boolean): { cql: string; notes: string[]; select: SelectShape } {
  const notes: string[] = [];
  const where: string[] = [];
  const restrictions: SelectShape['restrictions'][number][] = [];
  let hasIn = false;
  for (const column of t.partitionKey) {
    if (column === 'bucket') {
      where.push(`bucket = :bucket`);
      restrictions.push({ column, op: '=' });
      notes.push(
        t.bucket!.kind === 'time'
          ? `one query per ${t.bucket!.unit} bucket of ${t.bucket!.of} the pattern spans${access.limit !== undefined ? `, newest first until ${access.limit} rows` : ''}`
          : `one query per bucket (${t.bucket!.unit}), merged by the application`,
      );
      continue;
    }
    const eq = access.equals.find((e) => columnIn(t, e.column) === column);
    const inList = access.ins.find((i) => columnIn(t, i.column) === column);
    if (eq) {
      where.push(`${cqlName(column)} = ${marker(eq.value, column)}`);
      restrictions.push({ column, op: '=' });
    } else if (inList) {
      where.push(`${cqlName(column)} IN (${inList.values.map((v) => marker(v, column)).join(', ')})`);
      restrictions.push({ column, op: 'IN' });
      hasIn = true;
    }
  }
  const lead = t.clustering[0]?.column;
  const range = access.ranges.find((r) => columnIn(t, r.column) === lead);
  if (range && lead && !t.staticParent) {
    const col = cqlName(lead);
    if (range.operator === 'between') where.push(`${col} >= ${marker(range.value, lead)} AND ${col} <= ${marker(range.high!, `${lead}_high`)}`);
    else where.push(`${col} ${range.operator} ${marker(range.value, lead)}`);
    restrictions.push({ column: lead, op: 'range' });
  }
  const computed = [...access.equals.map((e) => e.value), ...access.ranges.flatMap((r) => [r.value, ...(r.high ? [r.high] : [])])].filter(
    (v) => v.kind === 'expression',
  );
  for (const v of computed) notes.push(`the application binds \`${(v as { text: string }).text}\`, computed before the query`);
  if (rangeFiltered) notes.push('the range is on another column than the clustering order: the application filters the rows');
  const left = access.filters.filter((f) => f.column.table === access.table.name || f.column.table === access.parent?.table.name);
  if (left.length)
    notes.push(
      `the application applies ${left.map((f) => `\`${f.text}\``).join(', ')}: no key holds ${left.length === 1 ? 'it' : 'them'} (never ALLOW FILTERING)`,
    );
  const childConditions = access.children
    ? [...access.equals, ...access.ins, ...access.ranges].filter((c) => c.column.table === access.children!.table.name)
    : [];
  if (childConditions.length) notes.push(`the application keeps the ${access.children!.table.name} rows that meet the conditions on it`);
  if (access.children) notes.push(`the ${access.table.name}'s columns are static: one copy per partition beside its ${access.children.table.name} rows`);

  const grouped = access.groupBy.length > 0;
  let columns = '*';
  if (access.aggregates.length && !grouped && !hasIn)
    columns = access.aggregates.map((a) => `${a.fn}(${a.column ? cqlName(columnIn(t, a.column) ?? a.column.column) : '*'})`).join(', ');
  else if (!access.projected.some((p) => p.column === '*')) {
    const names = [
      ...new Set([
        ...t.entity.primaryKey.columns.filter((c) => t.columns.has(c)),
        ...access.projected.map((p) => columnIn(t, p)).filter((c): c is string => c !== undefined),
      ]),
    ];
    if (names.length) columns = names.map(cqlName).join(', ');
  }
  if (access.aggregates.length && (grouped || hasIn))
    notes.push(
      `the application computes ${access.aggregates.map((a) => `${a.fn}(${a.column?.column ?? '*'})`).join(', ')}${grouped ? `, grouped by ${access.groupBy.join(', ')}` : ''}: CQL groups only by key columns${hasIn ? ' and aggregates within one partition' : ''}`,
    );
  let orderBy = '';
  const ordered = access.orderBy.length && !access.sortedByApplication;
  if (ordered && hasIn)
    notes.push("one partition per IN value: the application merges them in the pattern's order (CQL cannot ORDER BY across an IN on the partition key)");
  else if (ordered) {
    const reversed = access.orderBy.some((o) => {
      const c = t.clustering.find((x) => x.column === columnIn(t, o.column));
      return c && (c.order === 'ASC') !== (o.direction === 'asc');
    });
    if (reversed) orderBy = ` ORDER BY ${t.clustering.map((c) => `${cqlName(c.column)} ${c.order === 'ASC' ? 'DESC' : 'ASC'}`).join(', ')}`;
    else notes.push("rows come in the clustering order, which is the pattern's ORDER BY");
  }
  const limit = access.limit !== undefined && !(access.aggregates.length && !grouped) ? ` LIMIT ${access.limit}` : '';
  const cql = `SELECT ${columns} FROM ${keyspace}.${cqlName(t.name)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}${orderBy}${limit};`;
  return { cql, notes, select: { pattern: access.pattern, table: t, restrictions } };
}

/** The writes a logical write becomes: one per table holding the entity (as rows, static columns or copies), in one logged batch. */
function writeStatements(keyspace: string, access: PatternAccess, holders: readonly TablePlan[]): { cql: string[]; notes: string[] } {
  const notes: string[] = [];
  const statements: string[] = [];
  const entity = access.table;
  for (const t of holders) {
    const name = `${keyspace}.${cqlName(t.name)}`;
    const key = [...t.partitionKey, ...t.clustering.map((c) => c.column)];
    const own = (column: string) => t.columns.get(column);
    if (t.copies.some((c) => c.parent === entity) && t.entity !== entity) {
      const copy = t.copies.find((c) => c.parent === entity)!;
      const touched = access.kind === 'update' ? [...copy.columns].filter(([column]) => access.sets.includes(column)) : [];
      if (touched.length)
        notes.push(
          `${t.name} copies ${touched.map(([c]) => c).join(', ')}: the application rewrites each ${t.entity.name} row of the ${entity.name} (they sit in other partitions)`,
        );
      continue;
    }
    const asParent = t.staticParent?.table === entity;
    if (access.kind === 'insert') {
      const columns = asParent
        ? [...t.partitionKey.filter((c) => c !== 'bucket'), ...[...t.columns].filter(([, c]) => c.static).map(([n]) => n)]
        : [...t.columns.keys()].filter((c) => c !== 'bucket' && !own(c)?.static);
      const withBucket = t.bucket ? [...columns, 'bucket'] : columns;
      statements.push(`INSERT INTO ${name} (${withBucket.map(cqlName).join(', ')}) VALUES (${withBucket.map((c) => `:${c}`).join(', ')});`);
    } else if (access.kind === 'update') {
      const sets = access.sets
        .map((c) => (asParent ? ([...t.columns].find(([, x]) => x.from === `${entity.name}.${c}`)?.[0] ?? c) : c))
        .filter((c) => t.columns.has(c));
      const movesKey = sets.filter((c) => key.includes(c));
      if (movesKey.length) {
        notes.push(`${t.name} has ${movesKey.join(', ')} in its primary key: the update deletes the row under its old key and inserts it under the new one`);
        statements.push(`DELETE FROM ${name} WHERE ${key.map((c) => `${cqlName(c)} = :old_${c}`).join(' AND ')};`);
        const all = [...t.columns.keys()].filter((c) => !own(c)?.static);
        statements.push(`INSERT INTO ${name} (${all.map(cqlName).join(', ')}) VALUES (${all.map((c) => `:${c}`).join(', ')});`);
      } else if (sets.length) {
        const where = (asParent ? t.partitionKey : key).map((c) => `${cqlName(c)} = :${c}`).join(' AND ');
        statements.push(`UPDATE ${name} SET ${sets.map((c) => `${cqlName(c)} = :${c}`).join(', ')} WHERE ${where};`);
      }
    } else {
      const where = (asParent ? t.partitionKey : key).map((c) => `${cqlName(c)} = :${c}`).join(' AND ');
      statements.push(`DELETE FROM ${name} WHERE ${where};`);
    }
  }
  if (access.kind !== 'insert')
    notes.push(`the key of each table's row comes from the ${entity.name} (read it first from its record table when the pattern's condition is not its key)`);
  if (statements.length > 1) {
    notes.unshift(`${statements.length} writes for one ${access.kind}: a logged batch keeps the ${holders.length} tables in step`);
    return { cql: ['BEGIN BATCH', ...statements.map((s) => `  ${s}`), 'APPLY BATCH;'], notes };
  }
  return { cql: statements, notes };
}

/** Cassandra's largest TTL: 20 years. */
const MAX_TTL_SECONDS = 630_720_000;

function tableJson(t: TablePlan, estimate: ReturnType<typeof partitionEstimate>): CassandraTable {
  const retention = t.entity.volume?.retentionSeconds;
  const ttl = retention !== undefined && !t.staticParent ? Math.min(MAX_TTL_SECONDS, Math.round(retention)) : undefined;
  return {
    name: t.name,
    entity: t.entity.name,
    role: t.role,
    patterns: [...t.patterns],
    partitionKey: [...t.partitionKey],
    clustering: t.clustering.map((c) => ({ ...c })),
    columns: [...t.columns].map(([name, c]) => ({ name, type: cqlType(c.type), static: c.static, ...(c.from ? { from: c.from } : {}) })),
    ...(t.bucket ? { bucket: { ...t.bucket } } : {}),
    partition: { rows: estimate.rows, rowBytes: estimate.rowBytes, bytes: estimate.bytes, limitBytes: PARTITION_LIMIT_BYTES, basis: estimate.basis },
    ...(ttl !== undefined ? { ttlSeconds: ttl } : {}),
  };
}

/** Restrictions CQL refuses without ALLOW FILTERING: a partition key column left open, or clustering restricted out of order. */
export function restrictionProblems(select: SelectShape): string[] {
  const t = select.table;
  const problems: string[] = [];
  const by = new Map(select.restrictions.map((r) => [r.column, r.op]));
  for (const [i, c] of t.partitionKey.entries()) {
    const op = by.get(c);
    if (!op) problems.push(`${select.pattern}: partition key column ${c} of ${t.name} is not restricted`);
    else if (op === 'IN' && i !== t.partitionKey.length - 1)
      problems.push(`${select.pattern}: IN on ${c}, which is not the last partition key column of ${t.name}`);
    else if (op === 'range') problems.push(`${select.pattern}: a range on partition key column ${c} of ${t.name}`);
  }
  const clustering = t.clustering.map((c) => c.column);
  let open = false;
  for (const c of clustering) {
    const op = by.get(c);
    if (open && op) problems.push(`${select.pattern}: ${c} of ${t.name} is restricted after a clustering column left open or ranged`);
    if (!op || op === 'range') open = true;
  }
  for (const r of select.restrictions)
    if (!t.partitionKey.includes(r.column) && !clustering.includes(r.column)) problems.push(`${select.pattern}: ${r.column} of ${t.name} is not a key column`);
  return problems;
}
