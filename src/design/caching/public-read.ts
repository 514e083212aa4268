import type { Schema, Table } from '../../model/schema.js';
import type { QueryShape } from '../../sql/query-shape.js';
import type { PatternParameter } from './pattern-parameters.js';
import { TENANT_COLUMN } from '../../model/naming.js';

/** Why a read is or is not the same for every visitor: the condition for caching it at a CDN. */
export interface PublicReadCheck {
  readonly isPublic: boolean;
  readonly reason: string;
}

/**
 * rule:cdn-public-read. A read can be cached at the edge only when its result does not depend on who
 * asks: it reads no tenant-scoped table, none of its parameters identifies a tenant or a person (a
 * table holding personal data), and it returns no personal data. The spec cannot say whether the
 * endpoint needs authentication, so a public read is an assumption the report states.
 */
export function checkPublicRead(shape: QueryShape, parameters: readonly PatternParameter[], schema: Schema): PublicReadCheck {
  const tables = unique(shape.tables.map((t) => t.table))
    .map((name) => schema.tables.find((t) => t.name === name))
    .filter((t): t is Table => t !== undefined);
  const scoped = tables.filter((t) => t.tenantScoped).map((t) => t.name);
  if (scoped.length) return { isPublic: false, reason: `it reads tenant-scoped ${list(scoped)}: results differ per tenant` };

  const personal = (table: Table | undefined) => Boolean(table?.columns.some((c) => c.pii));
  for (const p of parameters) {
    const bound = p.column;
    if (!bound) continue;
    const table = schema.tables.find((t) => t.name === bound.table);
    const target = table?.foreignKeys.find((fk) => fk.columns.includes(bound.column))?.refTable;
    if (bound.column === TENANT_COLUMN) return { isPublic: false, reason: `:${p.name} identifies a tenant` };
    if (target && personal(schema.tables.find((t) => t.name === target)))
      return { isPublic: false, reason: `:${p.name} identifies a \`${target}\`, which holds personal data` };
    if (personal(table) && table?.primaryKey.columns.includes(bound.column))
      return { isPublic: false, reason: `:${p.name} identifies a \`${table.name}\`, which holds personal data` };
  }
  const returnsPersonal = shape.projected.some((item) => {
    if (item.star)
      return tables.some((t) => (item.alias === undefined || shape.tables.some((r) => r.alias === item.alias && r.table === t.name)) && personal(t));
    return Boolean(schema.tables.find((t) => t.name === item.table)?.columns.find((c) => c.name === item.column)?.pii);
  });
  if (returnsPersonal) return { isPublic: false, reason: 'it returns personal data (pii columns)' };
  return { isPublic: true, reason: 'no tenant- or user-specific parameter, no personal data in the result: the same for every visitor' };
}

const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];
const list = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(', ');
