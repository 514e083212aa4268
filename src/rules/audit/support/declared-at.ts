import type { SourceLocation } from '../../../diagnostics/diagnostic.js';
import type { Table } from '../../../model/schema.js';
import { tableLabel } from './names.js';

/** Where the table is declared, as a finding's `location` to spread into it: nothing for a live database. */
export function declaredAt(locations: ReadonlyMap<string, SourceLocation>, table: Pick<Table, 'name' | 'namespace'>): { location?: SourceLocation } {
  const location = locations.get(tableLabel(table));
  return location ? { location } : {};
}
