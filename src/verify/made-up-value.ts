import type { LogicalType } from '../model/logical-type.js';
import type { Schema, Table } from '../model/schema.js';

/**
 * A value for a parameter that no seeded row supplies: typed for its column and within the
 * column's checks (format, range), so the statement is not rejected for the made-up value itself.
 */
export function madeUpValue(schema: Schema, table: Table | undefined, column: string | undefined): unknown {
  const type = column ? table?.columns.find((c) => c.name === column)?.type : undefined;
  const rule = (kind: 'format' | 'range') => table?.checks.map((c) => c.rule).find((r) => r.kind === kind && r.column === column);
  const format = rule('format');
  if (format?.kind === 'format') return format.format === 'email' ? 'sample@example.com' : '+15550000000';
  const range = rule('range');
  if (range?.kind === 'range' && isNumeric(type))
    return range.min !== undefined && range.min > 1 ? range.min : range.max !== undefined && range.max < 1 ? range.max : 1;
  return byType(type, schema);
}

function isNumeric(type: LogicalType | undefined): boolean {
  return type?.kind === 'int16' || type?.kind === 'int32' || type?.kind === 'int64' || type?.kind === 'decimal' || type?.kind === 'float';
}

function byType(type: LogicalType | undefined, schema: Schema): unknown {
  switch (type?.kind) {
    case 'string':
      return 'x'.repeat(Math.min(type.length, 8));
    case 'text':
      return 'sample';
    case 'int16':
    case 'int32':
    case 'int64':
    case 'decimal':
    case 'float':
      return 1;
    case 'bool':
      return true;
    case 'date':
      return '2026-01-01';
    case 'time':
      return '12:00:00';
    case 'timestamp':
      return '2026-01-01T00:00:00Z';
    case 'json':
      return '{}';
    case 'uuid':
      return '00000000-0000-4000-8000-000000000000';
    case 'enum':
      return schema.enums.find((e) => e.name === type.name)?.values[0] ?? null;
    default:
      // A parameter with no column (LIMIT :n, OFFSET :n): a typical page size.
      return 10;
  }
}
