import type { ForeignKey } from '../../model/schema.js';
import { keyTextColumns, type TableContext } from './ddl-context.js';
import { autoIncrementColumn, columnDefinition, MAX_TABLE_COMMENT } from './ddl-columns.js';
import { mysqlCheck } from './ddl-checks.js';
import { mysqlForeignKey } from './ddl-foreign-keys.js';
import { mysqlIndex, type MysqlIndex } from './ddl-indexes.js';
import { mysqlName } from './names.js';
import { quoteMysqlIdentifier as q, quoteMysqlLiteral } from './quote.js';
import { KEY_TEXT_LENGTH, typeLoss } from './target-types.js';

/**
 * InnoDB, utf8mb4 and utf8mb4_bin: the collation both servers have that compares as PostgreSQL's
 * unique keys do (case and accents matter) and orders by code point; the servers' defaults
 * (utf8mb4_0900_ai_ci on MySQL 8, which MariaDB 10.11 lacks) ignore case.
 */
export const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin';

const list = (columns: readonly string[]) => columns.map(q).join(', ');
const startsWith = (leading: readonly string[], columns: readonly string[]) => columns.every((c, i) => leading[i] === c);

/** One table's CREATE TABLE (keys, indexes and checks inside it) and the triggers its foreign keys need. */
export function createMysqlTable(ctx: TableContext, inlineForeignKeys: readonly ForeignKey[]): { statement: string; triggers: string[] } {
  const { table } = ctx;
  statedTypeSubstitutions(ctx);
  const auto = autoIncrementColumn(ctx);
  const lines = table.columns.map((c) => columnDefinition(c, ctx, c.name === auto));

  const indexes: MysqlIndex[] = [];
  for (const index of table.indexes) {
    const translated = mysqlIndex(index, ctx);
    if (!translated) continue;
    const same = indexes.find((i) => !i.unique && !translated.unique && i.parts.join() === translated.parts.join());
    if (same) {
      ctx.substitute('duplicate index', index.name, `not created: as MySQL writes it, it has the same key as ${same.name} (${translated.parts.join(', ')})`);
      continue;
    }
    indexes.push(translated);
  }
  lines.push(...indexes.flatMap((i) => i.generatedColumns));
  lines.push(`PRIMARY KEY (${list(table.primaryKey.columns)})`);
  for (const u of table.uniques) lines.push(`UNIQUE KEY ${q(u.name)} (${list(u.columns)})`);
  for (const i of indexes) lines.push(`${i.unique ? 'UNIQUE ' : ''}KEY ${q(i.name)} (${i.parts.join(', ')})`);

  // Every key's whole leading columns: InnoDB needs an index that starts with an AUTO_INCREMENT column and with each foreign key's columns.
  const leadings: string[][] = [[...table.primaryKey.columns], ...table.uniques.map((u) => [...u.columns]), ...indexes.map((i) => [...i.leading])];
  if (auto !== undefined && !leadings.some((l) => l[0] === auto)) {
    const name = mysqlName(`${table.name}_${auto}_auto_idx`);
    lines.push(`KEY ${q(name)} (${q(auto)})`);
    leadings.push([auto]);
    ctx.substitute(
      'AUTO_INCREMENT column not first in the primary key',
      `${table.name}.${auto}`,
      'AUTO_INCREMENT must lead an index and the primary key starts with another column: an index on the column alone (<table>_<column>_auto_idx) is added',
    );
  }
  for (const fk of table.foreignKeys) {
    if (leadings.some((l) => startsWith(l, fk.columns))) continue;
    // The index InnoDB would create on its own, named and declared so the script says what the table holds.
    lines.push(`KEY ${q(fk.name)} (${list(fk.columns)})`);
    leadings.push([...fk.columns]);
  }
  const triggers: string[] = [];
  for (const fk of inlineForeignKeys) {
    const declared = mysqlForeignKey(fk, ctx);
    lines.push(declared.clause);
    triggers.push(...declared.triggers);
  }
  for (const check of table.checks) {
    const declared = mysqlCheck(check, ctx, auto);
    if (declared) lines.push(declared);
  }
  const comment = table.comment ? ` COMMENT=${quoteMysqlLiteral(table.comment.slice(0, MAX_TABLE_COMMENT))}` : '';
  return { statement: `CREATE TABLE ${q(table.name)} (\n${lines.map((l) => `  ${l}`).join(',\n')}\n) ${TABLE_OPTIONS}${comment};`, triggers };
}

/** The table's losses that come from its types, its partitioning and its security, each stated once. */
function statedTypeSubstitutions(ctx: TableContext): void {
  const { table } = ctx;
  if (table.columns.some((c) => c.type.kind === 'timestamp' && c.type.withTimeZone))
    ctx.substitute(
      'timestamp with time zone',
      table.name,
      "its timestamptz columns are DATETIME(6) holding UTC: the application writes and reads UTC (TIMESTAMP would convert by the session's time zone, but ends in 2038)",
    );
  if (table.columns.some((c) => c.identity === 'always'))
    ctx.substitute('GENERATED ALWAYS identity', table.name, 'AUTO_INCREMENT, which also takes a value a statement gives: the application never supplies one');
  for (const column of keyTextColumns(ctx.schema, table))
    ctx.substitute(
      'text in a key',
      `${table.name}.${column.name}`,
      `${column.type.kind === 'bytes' ? 'VARBINARY' : 'VARCHAR'}(${KEY_TEXT_LENGTH}): InnoDB keys a TEXT or BLOB only by a prefix, which would make the key unique in its first characters alone; longer values are rejected`,
    );
  for (const column of table.columns) {
    const loss = typeLoss(column.type);
    if (loss) ctx.substitute(loss.feature, `${table.name}.${column.name}`, loss.alternative);
  }
  if (table.partitioning) {
    const p = table.partitioning;
    const retention = p.retentionSeconds
      ? `rows past the retention are removed by a scheduled batched DELETE … WHERE ${p.column} < NOW(6) - INTERVAL ${p.retentionSeconds} SECOND LIMIT 10000`
      : 'all rows stay in one table';
    ctx.substitute(
      'range partitioning',
      table.name,
      `not partitioned: a partitioned InnoDB table can have no foreign keys, and the partitions around "now" would need SQL run at apply time; ${retention} (or drop the foreign keys and PARTITION BY RANGE COLUMNS (${p.column}))`,
    );
  }
  const policies = table.rowSecurity?.policies ?? [];
  if (table.tenantScoped || policies.length)
    ctx.substitute(
      'row-level security',
      table.name,
      policies.length
        ? `its policies (${policies.map((p) => p.name).join(', ')}) are not created: MySQL has no row-level security; the application applies their conditions to every statement`
        : 'MySQL has no row-level security: the application filters every statement by tenant_id (or grants only views that filter it)',
    );
}
