import type { Index, IndexCondition, IndexKey, Table } from '../../model/schema.js';
import type { TableAccess } from './table-access.js';
import { formatCount, formatRate } from '../../format.js';

/** An index one access pattern would like, with the reasons for each part of its key. */
export interface Candidate {
  readonly table: string;
  readonly keys: readonly IndexKey[];
  /** How many leading keys are equalities (their order among themselves does not matter). */
  readonly equalityCount: number;
  readonly include: readonly string[];
  readonly where: readonly IndexCondition[];
  readonly method: Index['method'];
  readonly patterns: readonly string[];
  /** Plain-words reasons per pattern, shown in the decision. */
  readonly reasons: readonly string[];
}

/** A pattern at or above this rate is hot: worth a covering index for index-only scans. */
export const HOT_RATE_PER_SECOND = 50;
/** Covering is for a few narrow columns; wide ones belong in the heap. */
const MAX_INCLUDE = 4;
const BRIN_MIN_ROWS = 10_000_000;

/**
 * The index that serves one table access: B-tree keys in equality → sort → range order, partial on
 * constant conditions of low-cardinality columns, covering when the pattern is hot; GIN for JSON
 * containment; BRIN for a time range on a large append-only table.
 */
export function candidatesFor(access: TableAccess, table: Table, rows: number): Candidate[] {
  const out: Candidate[] = [];
  const columnType = (c: string) => table.columns.find((x) => x.name === c)?.type;

  for (const column of access.containment) {
    out.push({
      table: table.name,
      keys: [{ column, opclass: 'jsonb_path_ops' }],
      equalityCount: 0,
      include: [],
      where: [],
      method: 'gin',
      patterns: [access.pattern],
      reasons: [`${access.pattern}: searches \`${column}\` by JSON containment (@>), which only a GIN index serves`],
    });
  }

  const equality = [...access.equality, ...access.inLists.filter((c) => !access.equality.includes(c))];
  const range = access.ranges.find((c) => !equality.includes(c));
  if (
    range &&
    equality.length === 0 &&
    access.sort.length === 0 &&
    table.volume?.appendOnly &&
    rows >= BRIN_MIN_ROWS &&
    columnType(range)?.kind === 'timestamp'
  ) {
    out.push({
      table: table.name,
      keys: [{ column: range }],
      equalityCount: 0,
      include: [],
      where: [],
      method: 'brin',
      patterns: [access.pattern],
      reasons: [
        `${access.pattern}: a time range over an append-only table of ${formatCount(rows)} rows, stored in time order: a BRIN index is a few pages where a B-tree would be gigabytes`,
      ],
    });
    return out;
  }

  const keys: IndexKey[] = equality.map((column) => ({ column }));
  const parts: string[] = [];
  if (equality.length) parts.push(`equality on ${equality.join(', ')}`);
  for (const expression of access.expressions) keys.push({ expression });
  if (access.expressions.length) parts.push(`equality on ${access.expressions.join(', ')}`);
  const sort = access.sort.filter((s) => !equality.includes(s.column));
  for (const s of sort) keys.push({ column: s.column, ...(s.order === 'desc' ? { order: 'desc' as const } : {}) });
  if (sort.length)
    parts.push(
      `rows come out in ORDER BY ${sort.map((s) => `${s.column}${s.order === 'desc' ? ' desc' : ''}`).join(', ')} order${access.limit !== undefined ? `, so LIMIT ${access.limit === 'param' ? 'n' : access.limit} stops after that many entries` : ', with no sort step'}`,
    );
  if (range && !sort.some((s) => s.column === range)) {
    keys.push({ column: range });
    parts.push(`${sort.length ? 'then' : ''} a range on ${range}`.trim());
  }
  if (keys.length === 0 && access.conditions.length) {
    // Only constant conditions: index the condition columns themselves rather than a partial index of everything.
    for (const c of access.conditions) keys.push({ column: c.column });
    parts.push(`filters on ${access.conditions.map((c) => c.column).join(', ')}`);
  }
  if (keys.length === 0) return out;

  const keyColumns = new Set(keys.flatMap((k) => (k.column ? [k.column] : [])));
  const where = keys.some((k) => access.conditions.some((c) => c.column === k.column)) ? [] : access.conditions;
  if (where.length)
    parts.push(`only rows where ${where.map(describeCondition).join(' and ')} (a partial index: smaller, and only the rows this pattern reads)`);

  let include: string[] = [];
  if (access.ratePerSecond >= HOT_RATE_PER_SECOND && !access.star) {
    const rest = access.needed.filter((c) => !keyColumns.has(c) && !where.some((w) => w.column === c));
    const narrow = rest.every((c) => isNarrow(columnType(c)));
    if (rest.length > 0 && rest.length <= MAX_INCLUDE && narrow) {
      include = rest;
      parts.push(`includes ${rest.join(', ')} so the pattern is answered by an index-only scan`);
    }
  }
  out.push({
    table: table.name,
    keys,
    equalityCount: equality.length + access.expressions.length,
    include,
    where,
    method: 'btree',
    patterns: [access.pattern],
    reasons: [`${access.pattern} (${formatRate(access.ratePerSecond)}): ${parts.join('; ')}`],
  });
  return out;
}

function isNarrow(type: Table['columns'][number]['type'] | undefined): boolean {
  if (!type) return false;
  if (type.kind === 'string') return type.length <= 100;
  return !['text', 'json', 'bytes', 'native'].includes(type.kind);
}

export function describeCondition(c: IndexCondition): string {
  const values = c.values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v)));
  switch (c.op) {
    case 'eq':
      return `${c.column} = ${values[0]}`;
    case 'neq':
      return `${c.column} <> ${values[0]}`;
    case 'in':
      return `${c.column} in (${values.join(', ')})`;
    case 'not-in':
      return `${c.column} not in (${values.join(', ')})`;
    case 'is-null':
      return `${c.column} is null`;
    case 'is-not-null':
      return `${c.column} is not null`;
  }
}
