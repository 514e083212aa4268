import type { Schema, Table } from '../../model/schema.js';
import type { DdlReading, TableRef } from './ddl-reading.js';

const sameTable = (t: Table, ref: TableRef) => t.name === ref.table && (t.namespace ?? 'public') === ref.namespace;

/**
 * Adds parse-tree readings to a schema read from the engine's catalog, in file order: tables and
 * enums are added, constraints, indexes and comments go onto their table (whether the engine made
 * it or a reading did). Returns the schema and which readings found no table to go on.
 */
export function applyReadings(schema: Schema, readings: readonly DdlReading[]): { schema: Schema; unapplied: Set<DdlReading> } {
  const tables = [...schema.tables];
  const enums = [...schema.enums];
  const unapplied = new Set<DdlReading>();
  const update = (ref: TableRef, change: (t: Table) => Table, reading: DdlReading) => {
    const at = tables.findIndex((t) => sameTable(t, ref));
    if (at < 0) unapplied.add(reading);
    else tables[at] = change(tables[at]!);
  };
  for (const r of readings) {
    switch (r.kind) {
      case 'table':
        if (tables.some((t) => sameTable(t, r.ref))) unapplied.add(r);
        else tables.push(r.table);
        break;
      case 'enum':
        if (enums.some((e) => e.name === r.enumType.name)) unapplied.add(r);
        else enums.push(r.enumType);
        break;
      case 'index':
        update(r.ref, (t) => ({ ...t, indexes: [...t.indexes, r.index] }), r);
        break;
      case 'primary-key':
        update(
          r.ref,
          (t) => ({
            ...t,
            primaryKey: { name: r.name, columns: [...r.columns] },
            columns: t.columns.map((c) => (r.columns.includes(c.name) ? { ...c, nullable: false } : c)),
          }),
          r,
        );
        break;
      case 'unique':
        update(r.ref, (t) => ({ ...t, uniques: [...t.uniques, { name: r.name, columns: [...r.columns] }] }), r);
        break;
      case 'foreign-key':
        update(
          r.ref,
          (t) => {
            const foreignKeys = [...t.foreignKeys, r.foreignKey];
            const fk = new Set(foreignKeys.flatMap((f) => f.columns));
            const relation = t.primaryKey.columns.length > 0 && t.primaryKey.columns.every((c) => fk.has(c));
            return { ...t, foreignKeys, kind: relation ? 'relation' : 'entity' };
          },
          r,
        );
        break;
      case 'check': {
        update(r.ref, (t) => ({ ...t, checks: [...t.checks, namedColumns(r.check, t)] }), r);
        break;
      }
      case 'comment':
        update(
          r.ref,
          (t) => {
            if (r.column === undefined) return withComment(t, r.text);
            if (!t.columns.some((c) => c.name === r.column)) {
              unapplied.add(r);
              return t;
            }
            return { ...t, columns: t.columns.map((c) => (c.name === r.column ? withComment(c, r.text) : c)) };
          },
          r,
        );
        break;
    }
  }
  const ordered = [...tables].sort((a, b) => (a.namespace ?? 'public').localeCompare(b.namespace ?? 'public') || a.name.localeCompare(b.name));
  return { schema: { ...schema, tables: ordered, enums }, unapplied };
}

function withComment<T extends { comment?: string }>(item: T, text: string | null): T {
  const { comment: _old, ...rest } = item;
  return (text === null ? rest : { ...rest, comment: text }) as T;
}

/** An ALTER TABLE's check learns its columns from the table it lands on. */
function namedColumns(check: Table['checks'][number], table: Table): Table['checks'][number] {
  if (check.rule.kind !== 'expression' || check.rule.columns.length) return check;
  const sql = check.rule.sql;
  const columns = table.columns.map((c) => c.name).filter((name) => new RegExp(`(^|[^a-z0-9_])${name}([^a-z0-9_]|$)`, 'i').test(sql));
  return { ...check, rule: { ...check.rule, columns } };
}
