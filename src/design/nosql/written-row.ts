import type { Schema, Table } from '../../model/schema.js';
import type { Row, RowValue, SyntheticData } from './synthetic-rows.js';

/**
 * The row after an UPDATE sets `columns`: each takes a value it did not have (the next enum value,
 * one more, a suffix, now), the same for every target so each is checked against the same row.
 */
export function updatedRow(schema: Schema, table: Table, row: Row, columns: readonly string[], data: SyntheticData): Row {
  const out: Record<string, RowValue> = { ...row };
  for (const name of columns) {
    const column = table.columns.find((c) => c.name === name);
    const old = row[name];
    switch (column?.type.kind) {
      case 'enum': {
        const values = schema.enums.find((e) => e.name === (column.type as { name: string }).name)?.values ?? [];
        out[name] = values[(values.indexOf(String(old)) + 1) % Math.max(1, values.length)] ?? old ?? null;
        break;
      }
      case 'int16':
      case 'int32':
      case 'int64':
      case 'decimal':
      case 'money':
      case 'float':
        out[name] = typeof old === 'number' ? old + 1 : 1;
        break;
      case 'bool':
        out[name] = !(old === true);
        break;
      case 'timestamp':
        out[name] = data.now;
        break;
      case 'json':
        out[name] = { updated: true };
        break;
      default: {
        // A prefix keeps an email an email; a phone number changes its last digit.
        const text = String(old ?? '');
        const next = text.startsWith('+') ? text.slice(0, -1) + String((Number(text.at(-1)) + 1) % 10) : `u${text}`;
        out[name] = column?.type.kind === 'string' ? next.slice(0, column.type.length) : next;
      }
    }
  }
  return out;
}
