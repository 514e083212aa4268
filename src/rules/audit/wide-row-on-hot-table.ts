import type { Rule } from '../../diagnostics/rule.js';
import { formatBytes, formatCount } from '../../format.js';
import type { Table } from '../../model/schema.js';
import type { AuditContext } from './context.js';
import { declaredAt } from './support/declared-at.js';
import { tableLabel } from './support/names.js';

/** Scans in the statistics window from which a table counts as hot. */
export const HOT_SCANS = 10_000;
/** Without statistics (a spec), rows from which a table counts as hot. */
export const HOT_ROWS = 1_000_000;

function hotBecause(table: Table, since: string | null): string | undefined {
  const scans = table.stats && table.stats.seqScans !== null && table.stats.indexScans !== null ? table.stats.seqScans + table.stats.indexScans : undefined;
  if (scans !== undefined) return scans >= HOT_SCANS ? `${formatCount(scans)} scans${since ? ` since ${since}` : ''}` : undefined;
  if (!table.stats && table.volume && table.volume.rows >= HOT_ROWS) return `${formatCount(table.volume.rows)} rows planned`;
  return undefined;
}

export const wideRowOnHotTable: Rule<AuditContext> = {
  meta: {
    set: 'audit',
    name: 'wide-row-on-hot-table',
    code: 'audit/wide-row-on-hot-table',
    severity: 'info',
    summary: `A hot table (${formatCount(HOT_SCANS)} scans or more in the statistics window; without statistics, ${formatCount(HOT_ROWS)} planned rows) has rows wide enough to be stored out of line (TOAST): it holds TOAST bytes, or the storage model moves columns out.`,
    why: 'A value moved out of line is read from another table, through its index, with a decompression, whenever a query asks for it: `SELECT *` on a hot table pays that on every row, and each update of a wide value writes it again in full.',
    help: 'Select only the columns a query needs; move large, rarely read columns (documents, blobs, long JSON) to a 1:1 side table; or pick a cheaper compression (lz4) for them.',
  },
  check: ({ locations, introspection, facts }) =>
    introspection.schema.tables.flatMap((table) => {
      const hot = hotBecause(table, introspection.statsSince);
      if (!hot) return [];
      const wide: string[] = [];
      if (table.stats && table.stats.toastBytes > 0) wide.push(`${formatBytes(table.stats.toastBytes)} is stored out of line (TOAST)`);
      const estimate = facts.rowEstimates.get(table.name);
      if (estimate?.outOfLine.length)
        wide.push(
          `the storage model moves ${estimate.outOfLine.map((c) => `\`${c}\``).join(', ')} out of line (a typical row is about ${formatBytes(estimate.bytes)})`,
        );
      if (!wide.length) return [];
      return [{ ...declaredAt(locations, table), message: `\`${tableLabel(table)}\` is hot (${hot}) and its rows are wide: ${wide.join('; ')}` }];
    }),
};
