import type { LogicalType } from '../model/logical-type.js';
import type { ForeignKey, Table } from '../model/schema.js';

/** A referenced table read for an INSERT's foreign-key values; `p0` first, the others joined to it. */
export interface ParentDraw {
  readonly alias: string;
  readonly fk: ForeignKey;
  /** Written columns whose value is this parent's referenced column. */
  readonly sources: readonly { readonly column: string; readonly refColumn: string }[];
  /** Columns this foreign key shares with an earlier one (the tenant): both parents must agree on them. */
  readonly joins: readonly { readonly refColumn: string; readonly alias: string; readonly otherRefColumn: string }[];
}

export type KeyValue = { readonly kind: 'parent'; readonly alias: string; readonly refColumn: string } | { readonly kind: 'made-up'; readonly column: string };

/** A key made of drawn parents (and made-up values): the combination drawn must not exist yet. */
export interface AbsentKey {
  readonly name: string;
  readonly columns: readonly { readonly column: string; readonly value: KeyValue }[];
  /** Index of the last parent it depends on: where in the draw the condition can be checked. */
  readonly level: number;
}

export interface WrittenPlan {
  readonly parents: readonly ParentDraw[];
  /** Columns given a value that no row has yet, so every key containing them is new. */
  readonly fresh: readonly string[];
  readonly absentKeys: readonly AbsentKey[];
  /** Written columns neither drawn nor fresh: made up from their type. */
  readonly madeUp: readonly string[];
}

/**
 * How the written columns of an INSERT get values that reference existing rows and collide with
 * no key: foreign keys are drawn from their parents (parents sharing a column, such as the
 * tenant, drawn together); a key with a column of its own gets a fresh value there; a key made only
 * of references (a join table, a one-to-one extension) gets a combination of parents not in the
 * table. Keys filled by the database (identity, random UUID) need nothing. Pure.
 */
export function planWrittenValues(table: Table, writtenColumns: readonly string[]): WrittenPlan {
  const written = new Set(writtenColumns);
  const count = (fk: ForeignKey) => fk.columns.filter((c) => written.has(c)).length;
  const fks = table.foreignKeys.filter((fk) => count(fk) > 0).sort((a, b) => count(b) - count(a));
  const sourcedBy = new Map<string, { alias: string; refColumn: string }>();
  const parents: ParentDraw[] = fks.map((fk, i) => {
    const alias = `p${i}`;
    const sources: { column: string; refColumn: string }[] = [];
    const joins: { refColumn: string; alias: string; otherRefColumn: string }[] = [];
    fk.columns.forEach((column, k) => {
      if (!written.has(column)) return;
      const refColumn = fk.refColumns[k]!;
      const earlier = sourcedBy.get(column);
      if (earlier) joins.push({ refColumn, alias: earlier.alias, otherRefColumn: earlier.refColumn });
      else {
        sourcedBy.set(column, { alias, refColumn });
        sources.push({ column, refColumn });
      }
    });
    return { alias, fk, sources, joins };
  });

  const fresh: string[] = [];
  const absentKeys: AbsentKey[] = [];
  for (const key of [table.primaryKey, ...table.uniques]) {
    const missing = key.columns.filter((c) => !written.has(c));
    if (missing.some((c) => filledFresh(table, c)) || key.columns.some((c) => fresh.includes(c))) continue;
    const own = key.columns.find((c) => written.has(c) && !sourcedBy.has(c) && freshCapable(table.columns.find((x) => x.name === c)?.type));
    if (own) {
      fresh.push(own);
      continue;
    }
    // A column set by a literal or a default cannot be varied here; the engine will tell.
    if (missing.length) continue;
    const columns = key.columns.map((column) => {
      const parent = sourcedBy.get(column);
      return { column, value: parent ? ({ kind: 'parent', ...parent } as const) : ({ kind: 'made-up', column } as const) };
    });
    const level = Math.max(-1, ...columns.map((c) => (c.value.kind === 'parent' ? Number(c.value.alias.slice(1)) : -1)));
    if (level >= 0) absentKeys.push({ name: key.name, columns, level });
  }
  const madeUp = writtenColumns.filter((c) => !sourcedBy.has(c) && !fresh.includes(c));
  return { parents, fresh, absentKeys, madeUp };
}

/** The database gives the column a new value on each insert. */
function filledFresh(table: Table, name: string): boolean {
  const column = table.columns.find((c) => c.name === name);
  return !!column && (column.identity !== undefined || column.default?.kind === 'random-uuid');
}

/** Types of which a value no row has can be found (see fresh-value.ts). */
function freshCapable(type: LogicalType | undefined): boolean {
  switch (type?.kind) {
    case 'string':
    case 'text':
    case 'int16':
    case 'int32':
    case 'int64':
    case 'decimal':
    case 'float':
    case 'uuid':
    case 'date':
    case 'timestamp':
      return true;
    default:
      return false;
  }
}
