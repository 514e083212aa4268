import type { LogicalType } from '../../../model/logical-type.js';
import type { Column } from '../../../model/schema.js';
import type { ColumnStat } from '../../../model/measured.js';
import { storedWidth } from './page-layout.js';
import type { ColumnWidth } from '../../storage.js';

/** A short varlena (1-byte header) holds up to 127 bytes in all and needs no alignment. */
const SHORT_VARLENA_LIMIT = 127;

export function isVarlena(type: LogicalType): boolean {
  return type.kind === 'string' || type.kind === 'text' || type.kind === 'bytes' || type.kind === 'json' || type.kind === 'decimal';
}

/**
 * A column's stored width: fixed-width types from their length; varlena from the engine's
 * measurement when given, else the typical widths of page-layout.ts (an assumption).
 */
export function columnWidth(column: Column, stat?: ColumnStat): ColumnWidth {
  const typed = storedWidth(column.type);
  const varlena = isVarlena(column.type);
  const nullFraction = column.nullable ? (stat?.nullFraction ?? 0) : 0;
  if (varlena && stat) {
    // pg_stats stores the average rounded down (an int4): half a byte back is the expected value.
    const bytes = stat.avgWidth + 0.5;
    return { column: column.name, bytes, align: bytes <= SHORT_VARLENA_LIMIT ? 1 : 4, varlena, nullFraction, basis: 'measured' };
  }
  return {
    column: column.name,
    bytes: typed.bytes,
    align: typed.align,
    varlena,
    nullFraction,
    basis: varlena || column.type.kind === 'native' ? 'typical' : 'fixed',
  };
}

/**
 * The largest value a column can hold, as CREATE TABLE weighs it to decide whether a table gets a
 * TOAST table (needs_toast_table): varchar(n) at 4 bytes a character (UTF-8), numeric(p) at 2 bytes
 * per 4 digits plus an 8-byte header; undefined for unbounded types.
 */
export function maximumWidth(type: LogicalType): { bytes: number; align: number } | undefined {
  switch (type.kind) {
    case 'string':
    case 'char':
      return { bytes: 4 * type.length + 4, align: 4 };
    case 'decimal':
      return { bytes: 8 + 2 * Math.floor((type.precision + 6) / 4), align: 4 };
    case 'text':
    case 'bytes':
    case 'json':
    case 'native':
      return undefined;
    default:
      return storedWidth(type);
  }
}
