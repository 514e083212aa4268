import type { DdlOptions } from '../dialect.js';
import { renderIndexCondition } from '../index-condition.js';
import type {
  AggregateView,
  Check,
  Column,
  ForeignKey,
  Index,
  IndexCondition,
  IndexKey,
  Partitioning,
  Schema,
  Table,
  Trigger,
  ViewColumn,
} from '../../model/schema.js';
import { quotePgIdentifier as q, quotePgLiteral } from './quote.js';
import { postgresColumnType } from './types.js';

/**
 * The whole schema as one PostgreSQL 15+ script, in one transaction: enum types, tables in
 * dependency order, foreign keys that point forward (cycles) added afterwards, indexes, the
 * triggers that keep derived tables in step, materialized views with their unique indexes, comments.
 */
export function emitPostgresDdl(schema: Schema, options: DdlOptions = {}): string {
  const out: string[] = ['BEGIN;', ''];
  for (const e of schema.enums) out.push(`CREATE TYPE ${q(e.name)} AS ENUM (${e.values.map(quotePgLiteral).join(', ')});`);
  if (schema.enums.length) out.push('');

  const created = new Set<string>();
  const later: { table: Table; fk: ForeignKey }[] = [];
  for (const table of creationOrder(schema.tables)) {
    const inline = table.foreignKeys.filter((fk) => !fk.deferrable && (created.has(fk.refTable) || fk.refTable === table.name));
    for (const fk of table.foreignKeys) if (!inline.includes(fk)) later.push({ table, fk });
    out.push(createTable(table, inline), '');
    if (table.partitioning) out.push(createPartitions(table.name, table.partitioning), '');
    created.add(table.name);
  }
  for (const { table, fk } of later) out.push(`ALTER TABLE ${q(table.name)} ADD ${foreignKey(fk)};`);
  if (later.length) out.push('');

  const indexes = schema.tables.flatMap((t) => t.indexes);
  for (const index of indexes) out.push(`${createIndex(index)};`);
  if (indexes.length) out.push('');

  for (const table of schema.tables) for (const trigger of table.triggers ?? []) out.push(createTrigger(schema, table, trigger), '');
  for (const view of schema.views ?? []) out.push(createView(view), '');

  if (options.comments !== false) {
    const comments = [...schema.tables.flatMap(commentStatements), ...(schema.views ?? []).map(viewComment)];
    out.push(...comments);
    if (comments.length) out.push('');
  }
  out.push('COMMIT;');
  return out.join('\n') + '\n';
}

export function emitPostgresIndexes(schema: Schema): string {
  return schema.tables
    .flatMap((t) => t.indexes)
    .map((index) => `${createIndex(index)};\n`)
    .join('');
}

/** Tables whose references are already created come first; on a cycle, spec order decides. */
export function creationOrder(tables: readonly Table[]): Table[] {
  const remaining = [...tables];
  const done = new Set<string>();
  const order: Table[] = [];
  while (remaining.length) {
    const ready = remaining.findIndex((t) =>
      t.foreignKeys.every((fk) => fk.refTable === t.name || done.has(fk.refTable) || !tables.some((x) => x.name === fk.refTable)),
    );
    const [next] = remaining.splice(ready >= 0 ? ready : 0, 1);
    order.push(next!);
    done.add(next!.name);
  }
  return order;
}

/** `name`: the table as the statement names it (schema-qualified by migration plans). */
export function createTable(table: Table, inlineForeignKeys: readonly ForeignKey[], name = q(table.name)): string {
  const lines = table.columns.map(columnDefinition);
  lines.push(`CONSTRAINT ${q(table.primaryKey.name)} PRIMARY KEY (${list(table.primaryKey.columns)})`);
  for (const u of table.uniques) lines.push(`CONSTRAINT ${q(u.name)} UNIQUE (${list(u.columns)})`);
  for (const fk of inlineForeignKeys) lines.push(foreignKey(fk));
  for (const c of table.checks) lines.push(check(c));
  const partitioned = table.partitioning ? ` PARTITION BY RANGE (${q(table.partitioning.column)})` : '';
  return `CREATE TABLE ${name} (\n${lines.map((l) => `  ${l}`).join(',\n')}\n)${partitioned};`;
}

const PARTITION_NAME_FORMAT = { day: 'YYYY_MM_DD', week: 'IYYY_"w"IW', month: 'YYYY_MM', year: 'YYYY' } as const;

/**
 * The partitions around the moment the DDL runs, made by a DO block so the script stays the same
 * text whenever it is generated; a default partition catches rows outside the window.
 */
function createPartitions(table: string, p: Partitioning): string {
  const name = quotePgLiteral(table);
  return [
    'DO $$',
    'DECLARE',
    '  bound timestamptz;',
    'BEGIN',
    `  FOR i IN ${1 - p.history}..${p.premake} LOOP`,
    `    bound := date_trunc('${p.interval}', now()) + make_interval(${p.interval === 'week' ? 'weeks' : `${p.interval}s`} => i);`,
    `    EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', ${name} || '_p' || to_char(bound, '${PARTITION_NAME_FORMAT[p.interval].replace(/"/g, '"')}'), ${name}, bound, bound + interval '1 ${p.interval}');`,
    '  END LOOP;',
    'END $$;',
    `CREATE TABLE ${q(`${table}_default`)} PARTITION OF ${q(table)} DEFAULT;`,
  ].join('\n');
}

export function columnDefinition(column: Column): string {
  const parts = [q(column.name), postgresColumnType(column.type)];
  if (!column.nullable) parts.push('NOT NULL');
  if (column.identity) parts.push(`GENERATED ${column.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`);
  if (column.generated) parts.push(`GENERATED ALWAYS AS (${column.generated.expression})${column.generated.stored ? ' STORED' : ''}`);
  if (column.default) parts.push(`DEFAULT ${defaultValue(column)}`);
  return parts.join(' ');
}

export function defaultValue(column: Column): string {
  const value = column.default!;
  switch (value.kind) {
    case 'now':
      return 'now()';
    case 'random-uuid':
      return 'gen_random_uuid()';
    case 'literal':
      if (typeof value.value === 'string') return quotePgLiteral(value.value);
      return String(value.value);
    case 'sequence':
      return `nextval(${quotePgLiteral(value.sequence)}::regclass)`;
    case 'expression':
      return value.sql;
  }
}

const REFERENTIAL_ACTION: Record<ForeignKey['onDelete'], string> = {
  restrict: 'RESTRICT',
  cascade: 'CASCADE',
  'set-null': 'SET NULL',
  'set-default': 'SET DEFAULT',
  'no-action': '',
};

/** ` ON DELETE …` / ` ON UPDATE …`, nothing for NO ACTION (the default). */
function referentialAction(event: 'DELETE' | 'UPDATE', action: ForeignKey['onDelete'] | undefined): string {
  const sql = action ? REFERENTIAL_ACTION[action] : '';
  return sql ? ` ON ${event} ${sql}` : '';
}

export function foreignKey(fk: ForeignKey): string {
  const setNullColumns = fk.onDelete === 'set-null' && fk.setNullColumns ? ` (${list(fk.setNullColumns)})` : '';
  // The spec's deferrable references are always initially deferred; an introspected one says which.
  const deferrable = fk.deferrable ? (fk.initiallyDeferred === false ? ' DEFERRABLE INITIALLY IMMEDIATE' : ' DEFERRABLE INITIALLY DEFERRED') : '';
  const notValid = fk.notValid ? ' NOT VALID' : '';
  return `CONSTRAINT ${q(fk.name)} FOREIGN KEY (${list(fk.columns)}) REFERENCES ${q(fk.refTable)} (${list(fk.refColumns)})${referentialAction('DELETE', fk.onDelete)}${setNullColumns}${referentialAction('UPDATE', fk.onUpdate)}${deferrable}${notValid}`;
}

/** Format checks are deliberately loose: they catch garbage, not every invalid address. */
const FORMAT_PATTERNS = { email: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', phone: '^\\+[1-9][0-9]{6,14}$' } as const;

export function check(c: Check): string {
  return `CONSTRAINT ${q(c.name)} CHECK (${checkCondition(c)})${c.notValid ? ' NOT VALID' : ''}`;
}

/** A check's condition as PostgreSQL SQL (the differ compares it with what the catalog prints). */
export function checkCondition(c: Check): string {
  const rule = c.rule;
  let condition: string;
  if (rule.kind === 'range') {
    const parts = [rule.min !== undefined ? `${q(rule.column)} >= ${rule.min}` : '', rule.max !== undefined ? `${q(rule.column)} <= ${rule.max}` : ''].filter(
      Boolean,
    );
    condition = parts.join(' AND ');
  } else if (rule.kind === 'format') {
    condition = `${q(rule.column)} ~${rule.format === 'email' ? '*' : ''} ${quotePgLiteral(FORMAT_PATTERNS[rule.format])}`;
  } else {
    condition = rule.sql;
  }
  return condition;
}

/** `options.table`: the table as the statement names it; `concurrently` for migrations of a live table. */
export function createIndex(
  index: Index,
  options: { readonly table?: string; readonly concurrently?: boolean; readonly name?: string; readonly ifNotExists?: boolean } = {},
): string {
  const method = index.method === 'btree' ? '' : ` USING ${index.method}`;
  const keys = index.keys.map(indexKey).join(', ');
  const include = index.include.length ? ` INCLUDE (${list(index.include)})` : '';
  const predicate = indexPredicate(index);
  const where = predicate !== undefined ? ` WHERE ${predicate}` : '';
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${options.concurrently ? 'CONCURRENTLY ' : ''}${options.ifNotExists ? 'IF NOT EXISTS ' : ''}${options.name ?? q(index.name)} ON ${options.table ?? q(index.table)}${method} (${keys})${include}${where}`;
}

/** A partial index's condition as PostgreSQL SQL, or undefined for a full index. */
export function indexPredicate(index: Pick<Index, 'where' | 'predicate'>): string | undefined {
  const conditions = [...index.where.map(condition), ...(index.predicate ? [`(${index.predicate})`] : [])];
  return conditions.length ? conditions.join(' AND ') : undefined;
}

function indexKey(key: IndexKey): string {
  const target = key.column !== undefined ? q(key.column) : `(${key.expression})`;
  return `${target}${key.opclass ? ` ${key.opclass}` : ''}${key.order === 'desc' ? ' DESC' : ''}`;
}

function literal(value: string | number | boolean): string {
  return typeof value === 'string' ? quotePgLiteral(value) : String(value);
}

const condition = (c: IndexCondition): string => renderIndexCondition(c, { quote: q, literal });

/** The scheduled statements that keep the materialized views within their staleness, one per view. */
export function emitPostgresRefreshJobs(schema: Schema): string {
  return (schema.views ?? []).map((v) => `${refreshStatement(v)} -- every ${v.refreshEverySeconds} s\n`).join('');
}

const refreshStatement = (view: AggregateView) => refreshOf(view.name);
const refreshOf = (name: string) => `REFRESH MATERIALIZED VIEW CONCURRENTLY ${q(name)};`;

/** A PL/pgSQL function per trigger, named like it, and the row trigger that calls it after the write. */
export function createTrigger(schema: Schema, table: Table, trigger: Trigger): string {
  return `${createTriggerFunction(schema, table, trigger)}\n${createTriggerStatement(table, trigger)}`;
}

/** The trigger's PL/pgSQL function, named like the trigger. */
export function createTriggerFunction(schema: Schema, table: Table, trigger: Trigger): string {
  const body = trigger.kind === 'history' ? historyBody(schema, table, trigger.historyTable) : runningTotalBody(trigger);
  return [`CREATE FUNCTION ${q(trigger.name)}() RETURNS trigger LANGUAGE plpgsql AS $fn$`, 'BEGIN', `  ${body}`, '  RETURN NULL;', 'END', '$fn$;'].join('\n');
}

/** The row trigger that calls the function after the write. */
export function createTriggerStatement(table: Pick<Table, 'name'>, trigger: Trigger): string {
  const events = trigger.kind === 'history' ? 'UPDATE OR DELETE' : 'INSERT';
  return `CREATE TRIGGER ${q(trigger.name)} AFTER ${events} ON ${q(table.name)} FOR EACH ROW EXECUTE FUNCTION ${q(trigger.name)}();`;
}

/** The old row, column by column (the history table has the source's columns after its own), with the operation and the role. */
function historyBody(schema: Schema, table: Table, historyTable: string): string {
  const history = schema.tables.find((t) => t.name === historyTable);
  const copied = table.columns.filter((c) => history?.columns.some((h) => h.name === c.name)).map((c) => c.name);
  return `INSERT INTO ${q(historyTable)} (history_operation, history_by, ${list(copied)}) VALUES (TG_OP, current_user, ${copied.map((c) => `OLD.${q(c)}`).join(', ')});`;
}

function runningTotalBody(trigger: Extract<Trigger, { kind: 'running-total' }>): string {
  const columns = [...trigger.keyColumns, ...trigger.totals.map((t) => t.column), trigger.asOfColumn];
  const values = [
    ...trigger.keyColumns.map((c) => `NEW.${q(c)}`),
    ...trigger.totals.map((t) => (t.fn === 'count' ? '1' : `coalesce(NEW.${q(t.source!)}, 0)`)),
    'now()',
  ];
  const updates = [
    ...trigger.totals.map((t) => `${q(t.column)} = s.${q(t.column)} + EXCLUDED.${q(t.column)}`),
    `${q(trigger.asOfColumn)} = EXCLUDED.${q(trigger.asOfColumn)}`,
  ];
  return `INSERT INTO ${q(trigger.snapshotTable)} AS s (${list(columns)}) VALUES (${values.join(', ')})\n    ON CONFLICT (${list(trigger.keyColumns)}) DO UPDATE SET ${updates.join(', ')};`;
}

/** The view and the unique index over its group keys that REFRESH … CONCURRENTLY requires. */
function createView(view: AggregateView): string {
  const groups = view.columns.filter((c): c is Extract<ViewColumn, { kind: 'group' }> => c.kind === 'group');
  return [createViewStatement(view), `CREATE UNIQUE INDEX ${q(view.uniqueIndex)} ON ${q(view.name)} (${list(groups.map((g) => g.name))});`].join('\n');
}

/** The materialized view alone, without its unique index. */
export function createViewStatement(view: AggregateView): string {
  const groups = view.columns.filter((c): c is Extract<ViewColumn, { kind: 'group' }> => c.kind === 'group');
  const select = view.columns.map((c) => (c.kind === 'group' && c.column === c.name ? q(c.name) : `${viewExpression(c)} AS ${q(c.name)}`)).join(', ');
  const conditions = [
    ...view.where.map(condition),
    ...(view.window ? [`${q(view.window.column)} >= now() - interval '${intervalText(view.window.seconds)}'`] : []),
  ];
  const where = conditions.length ? `\n  WHERE ${conditions.join(' AND ')}` : '';
  const groupBy = groups.length ? `\n  GROUP BY ${groups.map(viewExpression).join(', ')}` : '';
  return `CREATE MATERIALIZED VIEW ${q(view.name)} AS\n  SELECT ${select}\n  FROM ${q(view.table)}${where}${groupBy};`;
}

function viewExpression(c: ViewColumn): string {
  if (c.kind === 'group') return c.expression !== undefined ? c.expression : q(c.column!);
  return `${c.fn}(${c.column !== undefined ? q(c.column) : '*'})`;
}

/** Whole days or hours when the window is one, so the view reads like the pattern it serves. */
function intervalText(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} days`;
  if (seconds % 3600 === 0) return `${seconds / 3600} hours`;
  return `${seconds} seconds`;
}

function viewComment(view: AggregateView): string {
  return `COMMENT ON MATERIALIZED VIEW ${q(view.name)} IS ${quotePgLiteral(`Pre-aggregate (${view.origin}); refreshed every ${view.refreshEverySeconds} s by a scheduled ${refreshStatement(view)}`)};`;
}

function commentStatements(table: Table): string[] {
  const out: string[] = [];
  if (table.comment) out.push(`COMMENT ON TABLE ${q(table.name)} IS ${quotePgLiteral(table.comment)};`);
  for (const column of table.columns) {
    const text = [column.pii ? 'PII: personal data.' : '', column.comment ?? ''].filter(Boolean).join(' ');
    if (text) out.push(`COMMENT ON COLUMN ${q(table.name)}.${q(column.name)} IS ${quotePgLiteral(text)};`);
  }
  return out;
}

const list = (columns: readonly string[]) => columns.map(q).join(', ');

/** REFRESH … CONCURRENTLY lets reads go on during a refresh, and needs a unique index over the view's key. */
export function postgresMaterializedView(name: string, uniqueKey: readonly string[]) {
  return {
    uniqueIndex: `CREATE UNIQUE INDEX ${q(`${name}_key`)} ON ${q(name)} (${uniqueKey.map(q).join(', ')});`,
    refresh: refreshOf(name),
  };
}
