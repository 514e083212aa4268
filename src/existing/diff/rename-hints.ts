import { type RenameHint, tableKey } from '../../model/change.js';
import type { Schema, Table } from '../../model/schema.js';

/** Hints that name nothing to rename: each problem says which hint, what is wrong, and what to write instead. */
export class RenameHintError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`rename hints do not fit the schemas:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'RenameHintError';
  }
}

/** The confirmed renames, by the names of both sides. */
export interface ConfirmedRenames {
  /** Source table key -> target table key. */
  readonly tables: ReadonlyMap<string, string>;
  /** Target table key -> (source column -> target column). */
  readonly columns: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

const hintText = (hint: RenameHint) => `${hint.from}=${hint.to}`;

/** Splits `table.column` at its last dot (a table may be `schema.table`). */
function splitColumn(ref: string): { table: string; column: string } | undefined {
  const dot = ref.lastIndexOf('.');
  return dot > 0 && dot < ref.length - 1 ? { table: ref.slice(0, dot), column: ref.slice(dot + 1) } : undefined;
}

/**
 * Reads the hints against both schemas: `old=new` for a table, `table.old=table.new` for a column
 * (each side with its own table name, so a column of a renamed table is `old_table.a=new_table.b`).
 * Throws a RenameHintError listing every hint that names something missing or not renamed.
 */
export function confirmRenames(from: Schema, to: Schema, hints: readonly RenameHint[]): ConfirmedRenames {
  const source = new Map(from.tables.map((t) => [tableKey(t), t]));
  const target = new Map(to.tables.map((t) => [tableKey(t), t]));
  const problems: string[] = [];
  const tables = new Map<string, string>();
  const columnHints: RenameHint[] = [];
  for (const hint of hints) {
    if (source.has(hint.from) || target.has(hint.to)) {
      if (!source.has(hint.from)) problems.push(`${hintText(hint)}: the source has no table ${hint.from}`);
      else if (!target.has(hint.to)) problems.push(`${hintText(hint)}: the target has no table ${hint.to}`);
      else if (target.has(hint.from)) problems.push(`${hintText(hint)}: table ${hint.from} is still in the target, so it is not renamed`);
      else if (source.has(hint.to)) problems.push(`${hintText(hint)}: table ${hint.to} is already in the source, so nothing is renamed to it`);
      else if (tables.has(hint.from) || [...tables.values()].includes(hint.to))
        problems.push(`${hintText(hint)}: table ${hint.from} or ${hint.to} is in another hint too`);
      else tables.set(hint.from, hint.to);
      continue;
    }
    columnHints.push(hint);
  }
  const columns = new Map<string, Map<string, string>>();
  for (const hint of columnHints) {
    const [a, b] = [splitColumn(hint.from), splitColumn(hint.to)];
    if (!a || !b) {
      problems.push(
        `${hintText(hint)}: no such table on either side, and not table.column on both sides; write old=new for a table or table.old=table.new for a column`,
      );
      continue;
    }
    const [fromTable, toTable] = [source.get(a.table), target.get(b.table)];
    if (!fromTable) problems.push(`${hintText(hint)}: the source has no table ${a.table}`);
    else if (!toTable) problems.push(`${hintText(hint)}: the target has no table ${b.table}`);
    else if ((tables.get(a.table) ?? (target.has(a.table) ? a.table : undefined)) !== b.table)
      problems.push(
        `${hintText(hint)}: a column is renamed within its table, and ${a.table} becomes ${tables.get(a.table) ?? (target.has(a.table) ? a.table : 'no table of the target')}, not ${b.table}`,
      );
    else if (!hasColumn(fromTable, a.column)) problems.push(`${hintText(hint)}: table ${a.table} of the source has no column ${a.column}`);
    else if (!hasColumn(toTable, b.column)) problems.push(`${hintText(hint)}: table ${b.table} of the target has no column ${b.column}`);
    else if (hasColumn(toTable, a.column)) problems.push(`${hintText(hint)}: column ${a.column} is still in ${b.table} in the target, so it is not renamed`);
    else if (hasColumn(fromTable, b.column)) problems.push(`${hintText(hint)}: column ${b.column} is already in ${a.table} in the source`);
    else {
      const renamed = columns.get(b.table) ?? new Map<string, string>();
      if (renamed.has(a.column) || [...renamed.values()].includes(b.column))
        problems.push(`${hintText(hint)}: column ${a.column} or ${b.column} is in another hint too`);
      else renamed.set(a.column, b.column);
      columns.set(b.table, renamed);
    }
  }
  if (problems.length) throw new RenameHintError(problems);
  return { tables, columns };
}

const hasColumn = (table: Table, name: string) => table.columns.some((c) => c.name === name);

/** A table key as namespace and name: `billing.orders` -> { namespace: billing, name: orders }. */
function splitKey(key: string): Pick<Table, 'name' | 'namespace'> {
  const dot = key.indexOf('.');
  return dot < 0 ? { name: key } : { namespace: key.slice(0, dot), name: key.slice(dot + 1) };
}

/** A reference's table key: bare names are in the referencing table's namespace. */
export function referencedKey(table: Pick<Table, 'namespace'>, refTable: string): string {
  return refTable.includes('.') || !table.namespace ? refTable : `${table.namespace}.${refTable}`;
}

/**
 * The source as the database holds it after the confirmed renames ran: tables and columns under
 * their new names, and every key, reference, index and check that named them following, as
 * PostgreSQL's and MySQL's RENAME carry them along.
 */
export function applyRenames(schema: Schema, renames: ConfirmedRenames): Schema {
  if (renames.tables.size === 0 && renames.columns.size === 0) return schema;
  const newKey = (key: string) => renames.tables.get(key) ?? key;
  const columnMapOf = (key: string) => renames.columns.get(newKey(key));
  const tables = schema.tables.map((table): Table => {
    const key = newKey(tableKey(table));
    const mine = columnMapOf(tableKey(table));
    const col = (name: string) => mine?.get(name) ?? name;
    const cols = (names: readonly string[]) => names.map(col);
    const { name, namespace } = splitKey(key);
    return {
      ...table,
      name,
      ...(namespace !== undefined ? { namespace } : {}),
      columns: table.columns.map((c) => ({ ...c, name: col(c.name) })),
      primaryKey: { ...table.primaryKey, columns: cols(table.primaryKey.columns) },
      uniques: table.uniques.map((u) => ({ ...u, columns: cols(u.columns) })),
      foreignKeys: table.foreignKeys.map((fk) => {
        const ref = referencedKey(table, fk.refTable);
        const theirs = columnMapOf(ref);
        const refKey = newKey(ref);
        const refNamespace = splitKey(refKey).namespace;
        return {
          ...fk,
          columns: cols(fk.columns),
          refTable: refNamespace === namespace ? splitKey(refKey).name : refKey,
          refColumns: fk.refColumns.map((c) => theirs?.get(c) ?? c),
          ...(fk.setNullColumns ? { setNullColumns: cols(fk.setNullColumns) } : {}),
        };
      }),
      checks: table.checks.map((c) => ({
        ...c,
        rule: c.rule.kind === 'expression' ? { ...c.rule, columns: cols(c.rule.columns) } : { ...c.rule, column: col(c.rule.column) },
      })),
      indexes: table.indexes.map((i) => ({
        ...i,
        table: name,
        keys: i.keys.map((k) => (k.column !== undefined ? { ...k, column: col(k.column) } : k)),
        include: cols(i.include),
        where: i.where.map((w) => ({ ...w, column: col(w.column) })),
      })),
      ...(table.partitioning ? { partitioning: { ...table.partitioning, column: col(table.partitioning.column) } } : {}),
    };
  });
  const native = schema.native?.map((n) => (n.table !== undefined && renames.tables.has(n.table) ? { ...n, table: newKey(n.table) } : n));
  return { ...schema, tables, ...(native ? { native } : {}) };
}
