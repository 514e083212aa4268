import type { Table } from '../../model/schema.js';
import type { ColumnPredicate } from '../../sql/query-shape.js';
import type { ColumnRef, PatternAccess, RangeOperator, ValueSource } from './pattern-access.js';
import { parentOf, type Row, type RowValue, type SyntheticData } from './synthetic-rows.js';

/**
 * What a pattern must return on the synthetic rows, by the SQL's own meaning (filter, join along
 * the reference, order, limit), computed without any NoSQL design: the answer each design's
 * requests are checked against. Aggregates are left to the caller: this returns the rows they fold.
 */
export type Params = ReadonlyMap<string, RowValue>;

export interface AnswerRow {
  readonly entity: string;
  readonly row: Row;
  /** The row's ORDER BY values, as text, when the pattern orders its rows. */
  readonly orderKey?: string;
}

/** The ORDER BY values of a row as one comparable text. */
export const orderKeyOf = (values: readonly (RowValue | undefined)[]): string => JSON.stringify(values.map((v) => comparable(v)));

/** A value for comparing: instants as ISO text, everything else as it is. */
export function comparable(value: RowValue | undefined): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}

const INTERVAL_MS: Record<string, number> = {
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
  month: 2_629_746_000,
  year: 31_556_952_000,
};

/**
 * The SQL the application evaluates for a bound: `now()` (the data's now), `current_date`, and
 * `now() ± interval 'N unit'`. Anything else is reported as unknown (undefined).
 */
export function evaluateExpression(text: string, now: Date): Date | undefined {
  const t = text.trim().toLowerCase();
  const base = /^(now\(\)|current_timestamp|localtimestamp)/.test(t) ? now : /^current_date/.test(t) ? new Date(now.toISOString().slice(0, 10)) : undefined;
  if (!base) return undefined;
  const rest = t.replace(/^(now\(\)|current_timestamp|localtimestamp|current_date)\s*/, '');
  if (!rest) return base;
  const m = /^([+-])\s*interval\s+'\s*(\d+(?:\.\d+)?)\s*(second|minute|hour|day|week|month|year)s?\s*'$/.exec(rest);
  if (!m) return undefined;
  const ms = Number(m[2]) * INTERVAL_MS[m[3]!]!;
  return new Date(base.getTime() + (m[1] === '-' ? -ms : ms));
}

export function evaluateSource(source: ValueSource, params: Params, now: Date): RowValue | undefined {
  if (source.kind === 'param') return params.get(source.name);
  if (source.kind === 'constant') return source.value;
  return evaluateExpression(source.text, now);
}

/** Whether every bound of the pattern has a value the checks can use (a parameter, a literal, or SQL the evaluator knows). */
export function unknownBounds(access: PatternAccess): string[] {
  const sources = [
    ...access.equals.map((e) => e.value),
    ...access.ins.flatMap((i) => i.values),
    ...access.ranges.flatMap((r) => [r.value, ...(r.high ? [r.high] : [])]),
  ];
  return sources.filter((s) => s.kind === 'expression' && evaluateExpression(s.text, new Date(0)) === undefined).map((s) => (s as { text: string }).text);
}

export function compareValues(a: RowValue | undefined, b: RowValue | undefined): number {
  const x = comparable(a);
  const y = comparable(b);
  if (x === y) return 0;
  if (x === null) return 1;
  if (y === null) return -1;
  return x < y ? -1 : 1;
}

function rangeHolds(value: RowValue | undefined, operator: RangeOperator, low: RowValue | undefined, high?: RowValue): boolean {
  if (value === null || value === undefined || low === undefined) return false;
  const c = compareValues(value, low);
  switch (operator) {
    case '>=':
      return c >= 0;
    case '>':
      return c > 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case 'between':
      return c >= 0 && compareValues(value, high) <= 0;
  }
}

export function predicateHolds(p: ColumnPredicate, value: RowValue | undefined, bound: RowValue | undefined): boolean {
  switch (p.op) {
    case 'neq':
      return value !== null && value !== undefined && compareValues(value, bound) !== 0;
    case 'is-null':
      return (value === null || value === undefined) !== (p.negated === true);
    case 'is-not-null':
      return (value !== null && value !== undefined) !== (p.negated === true);
    case 'like': {
      if (typeof bound !== 'string' || typeof value !== 'string') return false;
      const regex = new RegExp(
        `^${bound
          .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          .replace(/%/g, '.*')
          .replace(/_/g, '.')}$`,
        's',
      );
      return regex.test(value) !== (p.negated === true);
    }
    default:
      return true;
  }
}

/** Rows of the driver (joined to their parent, when the pattern copies parent columns) that meet every condition. */
function matching(access: PatternAccess, data: SyntheticData, params: Params): { row: Row; parent?: Row }[] {
  const driver = access.table;
  const tuples = (data.rows.get(driver.name) ?? []).map((row) => ({ row, ...(access.parent ? { parent: parentOf(data, access.parent.fk, row) } : {}) }));
  const valueOf = (t: { row: Row; parent?: Row }, ref: ColumnRef) =>
    ref.table === driver.name ? t.row[ref.column] : ref.table === access.parent?.table.name ? t.parent?.[ref.column] : undefined;
  const onDriverSide = (ref: ColumnRef) => ref.table === driver.name || ref.table === access.parent?.table.name;
  return tuples.filter((t) => {
    if (access.parent && !t.parent) return false;
    for (const e of access.equals)
      if (onDriverSide(e.column) && compareValues(valueOf(t, e.column), evaluateSource(e.value, params, data.now)) !== 0) return false;
    for (const i of access.ins)
      if (onDriverSide(i.column) && !i.values.some((v) => compareValues(valueOf(t, i.column), evaluateSource(v, params, data.now)) === 0)) return false;
    for (const r of access.ranges)
      if (
        onDriverSide(r.column) &&
        !rangeHolds(valueOf(t, r.column), r.operator, evaluateSource(r.value, params, data.now), r.high ? evaluateSource(r.high, params, data.now) : undefined)
      )
        return false;
    for (const f of access.filters)
      if (onDriverSide(f.column) && !predicateHolds(f.predicate, valueOf(t, f.column), f.value ? evaluateSource(f.value, params, data.now) : undefined))
        return false;
    return true;
  });
}

/** Child rows under a parent row that meet the pattern's conditions on the child. */
function childrenOf(access: PatternAccess, data: SyntheticData, parent: Row, params: Params): Row[] {
  const { table, fk } = access.children!;
  return (data.rows.get(table.name) ?? []).filter((row) => {
    if (!fk.columns.every((c, i) => compareValues(row[c], parent[fk.refColumns[i]!]) === 0)) return false;
    for (const e of access.equals)
      if (e.column.table === table.name && compareValues(row[e.column.column], evaluateSource(e.value, params, data.now)) !== 0) return false;
    for (const i of access.ins)
      if (i.column.table === table.name && !i.values.some((v) => compareValues(row[i.column.column], evaluateSource(v, params, data.now)) === 0)) return false;
    for (const r of access.ranges)
      if (
        r.column.table === table.name &&
        !rangeHolds(row[r.column.column], r.operator, evaluateSource(r.value, params, data.now), r.high ? evaluateSource(r.high, params, data.now) : undefined)
      )
        return false;
    for (const f of access.filters)
      if (f.column.table === table.name && !predicateHolds(f.predicate, row[f.column.column], f.value ? evaluateSource(f.value, params, data.now) : undefined))
        return false;
    return true;
  });
}

/** The rows the pattern returns (before LIMIT when `unlimited`), parents before their children. */
export function referenceAnswer(access: PatternAccess, data: SyntheticData, params: Params, unlimited = false): AnswerRow[] {
  const found = matching(access, data, params);
  if (access.children) {
    const out: AnswerRow[] = [];
    for (const t of found) {
      out.push({ entity: access.table.name, row: t.row });
      for (const child of childrenOf(access, data, t.row, params)) out.push({ entity: access.children.table.name, row: child });
    }
    return out;
  }
  const valueOf = (t: { row: Row; parent?: Row }, ref: ColumnRef) => (ref.table === access.table.name ? t.row[ref.column] : t.parent?.[ref.column]);
  if (access.orderBy.length && !access.sortedByApplication)
    found.sort((a, b) => {
      for (const o of access.orderBy) {
        const c = compareValues(valueOf(a, o.column), valueOf(b, o.column));
        if (c !== 0) return o.direction === 'asc' ? c : -c;
      }
      return 0;
    });
  const limited = !unlimited && access.limit !== undefined ? found.slice(0, access.limit) : found;
  const ordered = access.orderBy.length > 0 && !access.sortedByApplication;
  return limited.map((t) => ({
    entity: access.table.name,
    row: t.row,
    ...(ordered ? { orderKey: orderKeyOf(access.orderBy.map((o) => valueOf(t, o.column))) } : {}),
  }));
}

/**
 * Parameter values that make the pattern return rows: taken from each candidate row of the driver
 * (its values for the equality parameters; the row's own value as a range bound), keeping the
 * candidate whose answer is largest, so LIMIT and ORDER BY have rows to work on.
 */
export function chooseParams(access: PatternAccess, data: SyntheticData): Params {
  const driver = access.table;
  const rows = data.rows.get(driver.name) ?? [];
  let best: { params: Map<string, RowValue>; size: number } | undefined;
  for (const row of rows.slice(0, 120)) {
    const parent = access.parent ? parentOf(data, access.parent.fk, row) : undefined;
    const valueOf = (ref: ColumnRef) =>
      ref.table === driver.name ? row[ref.column] : ref.table === access.parent?.table.name ? parent?.[ref.column] : undefined;
    const params = new Map<string, RowValue>();
    for (const e of access.equals) if (e.value.kind === 'param') params.set(e.value.name, valueOf(e.column) ?? null);
    for (const i of access.ins) for (const v of i.values) if (v.kind === 'param' && !params.has(v.name)) params.set(v.name, valueOf(i.column) ?? null);
    for (const r of access.ranges) {
      const own = valueOf(r.column) ?? null;
      if (r.value.kind === 'param') params.set(r.value.name, r.operator === '>' ? shift(own, -1) : r.operator === '<' ? shift(own, 1) : own);
      if (r.high?.kind === 'param') params.set(r.high.name, maxOf(rows, r.column.column) ?? own);
    }
    for (const f of access.filters)
      if (f.value?.kind === 'param' && !params.has(f.value.name)) params.set(f.value.name, f.predicate.op === 'neq' ? '__none__' : (valueOf(f.column) ?? null));
    const size = referenceAnswer(access, data, params, true).length;
    if (!best || size > best.size) best = { params, size };
  }
  return best?.params ?? new Map();
}

/** A bound just past a value, so a strict comparison still keeps the row it came from. */
function shift(value: RowValue, direction: number): RowValue {
  if (value instanceof Date) return new Date(value.getTime() + direction * 1000);
  if (typeof value === 'number') return value + direction * 0.5;
  return value;
}

function maxOf(rows: readonly Row[], column: string): RowValue | undefined {
  return rows.reduce<RowValue | undefined>((m, r) => (m === undefined || compareValues(r[column], m) > 0 ? r[column] : m), undefined);
}

/** The identity of an answer row: its entity and primary-key values. */
export function rowIdentity(table: Table, row: Row): string {
  return `${table.name}:${table.primaryKey.columns.map((c) => String(comparable(row[c]))).join('/')}`;
}
