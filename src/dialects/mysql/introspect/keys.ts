/** One table across the databases read: its database (namespace) and name, joined by a character no name holds. */
export const tableKey = (namespace: string, table: string): string => `${namespace}\u0000${table}`;

/** Rows grouped by their table, each group in the order the rows came. */
export function byTable<R extends { readonly namespace: string; readonly tableName: string }>(rows: readonly R[]): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const key = tableKey(row.namespace, row.tableName);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** Code-unit order: the same on every server, whatever information_schema's collation sorts by. */
export const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** information_schema gives counts as numbers, BIGINTs past 2^53 as strings and absent values as NULL. */
export const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
