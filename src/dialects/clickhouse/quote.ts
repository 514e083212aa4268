/**
 * ClickHouse identifiers in double quotes (the SQL standard's form, which ClickHouse accepts beside
 * backticks): every name is quoted, so keywords (`order`, `key`) and mixed case are safe.
 */
export const quoteClickhouseIdentifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** A string literal: ClickHouse escapes a quote, a backslash and a line break with a backslash (one statement stays on its lines). */
export const clickhouseString = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
