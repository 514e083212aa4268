/**
 * ClickHouse identifiers are case-sensitive and quoted always, in double quotes (ClickHouse also
 * takes backticks, which sqlfluff 1.4.5's clickhouse dialect does not read): `"order"`, `"key"`.
 */
export function quoteClickHouseIdentifier(name: string): string {
  return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function quoteClickHouseLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
