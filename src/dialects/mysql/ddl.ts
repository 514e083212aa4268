import type { DdlSubstitution } from '../ddl-target.js';
import type { ForeignKey, Schema, Table } from '../../model/schema.js';
import { tableContext } from './ddl-context.js';
import { mysqlForeignKey } from './ddl-foreign-keys.js';
import { createMysqlTable } from './ddl-table.js';
import { mysqlTriggers } from './ddl-triggers.js';
import { mysqlView } from './ddl-views.js';
import { quoteMysqlIdentifier as q } from './quote.js';

/** The schema as MySQL/MariaDB statements, one each, and what the script could not express. */
export interface MysqlDdl {
  readonly statements: readonly string[];
  readonly substitutions: readonly DdlSubstitution[];
}

/** Tables whose references are already created come first; on a cycle, spec order decides. */
function creationOrder(tables: readonly Table[]): Table[] {
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

/**
 * One script for MySQL 8.0+ and MariaDB 10.11+: tables in dependency order (each with its keys,
 * indexes, checks and comments inside its CREATE TABLE, so InnoDB never adds an index of its own),
 * foreign keys that point forward added afterwards, then triggers and views. MySQL commits each
 * DDL statement, so the script is not one transaction: that is the first substitution.
 */
export function emitMysqlDdl(schema: Schema): MysqlDdl {
  const substitutions: DdlSubstitution[] = [
    {
      feature: 'transactional DDL',
      object: 'schema',
      alternative:
        'MySQL commits each DDL statement: a script that fails part-way leaves the statements before it applied; run it on an empty database and drop that database if it fails',
    },
  ];
  const statements: string[] = [];
  const triggers: string[] = [];
  const created = new Set<string>();
  const later: { table: Table; fk: ForeignKey }[] = [];
  for (const table of creationOrder(schema.tables)) {
    const ctx = tableContext(schema, table, substitutions);
    const inline = table.foreignKeys.filter((fk) => created.has(fk.refTable) || fk.refTable === table.name);
    for (const fk of table.foreignKeys) if (!inline.includes(fk)) later.push({ table, fk });
    const { statement, triggers: fkTriggers } = createMysqlTable(ctx, inline);
    statements.push(statement);
    triggers.push(...fkTriggers);
    created.add(table.name);
  }
  for (const { table, fk } of later) {
    const declared = mysqlForeignKey(fk, tableContext(schema, table, substitutions));
    statements.push(`ALTER TABLE ${q(table.name)} ADD ${declared.clause};`);
    triggers.push(...declared.triggers);
  }
  statements.push(...triggers);
  for (const table of schema.tables) for (const trigger of table.triggers ?? []) statements.push(...mysqlTriggers(schema, table, trigger, substitutions));
  for (const view of schema.views ?? []) {
    const statement = mysqlView(schema, view, substitutions);
    if (statement) statements.push(statement);
  }
  for (const object of schema.native ?? [])
    if (object.dialect !== 'mysql')
      substitutions.push({
        feature: `${object.dialect} ${object.kind}`,
        object: object.name,
        alternative: `not created: its ${object.dialect} SQL has no MySQL translation here (${object.reason}); recreate it by hand if the application needs it`,
      });
    else statements.push(object.sql.trim().endsWith(';') ? object.sql.trim() : `${object.sql.trim()};`);
  return { statements, substitutions: merged(substitutions) };
}

/** One line per feature and alternative: the objects it concerns listed together (tables that share a loss). */
function merged(substitutions: readonly DdlSubstitution[]): DdlSubstitution[] {
  const byKey = new Map<string, { feature: string; objects: string[]; alternative: string }>();
  for (const s of substitutions) {
    const key = `${s.feature}\u0000${s.alternative}`;
    const entry = byKey.get(key);
    if (entry) entry.objects.push(s.object);
    else byKey.set(key, { feature: s.feature, objects: [s.object], alternative: s.alternative });
  }
  return [...byKey.values()].map((e) => ({ feature: e.feature, object: e.objects.join(', '), alternative: e.alternative }));
}
