import type { Node } from 'libpg-query';
import type { Schema } from '../model/schema.js';
import type { QueryShape, ValueRef } from '../sql/query-shape.js';

/** The column a parameter is compared with or written to, so a realistic value can be drawn for it. */
export interface ParameterTarget {
  /** 1-based, as in `$1`. */
  readonly index: number;
  readonly table?: string;
  readonly column?: string;
  /** Compared with a range operator: any existing value is a fair bound. */
  readonly range?: boolean;
  /** Which end of a range the parameter bounds (`>=`/`>`: lower; `<`/`<=`: upper). */
  readonly bound?: 'lower' | 'upper';
  /** Written by an INSERT: drawn from the referenced row when the column is a foreign key. */
  readonly written?: boolean;
  /** `column = ANY($n)`: the parameter is an array of the column's values. */
  readonly array?: boolean;
}

/**
 * Finds, for each parameter of a pattern, the column it stands for: from the predicates of the
 * query shape, and for INSERT … VALUES from the position of the parameter in the row.
 */
export function parameterTargets(shape: QueryShape, statement: Node, paramCount: number, schema: Schema): ParameterTarget[] {
  const found = new Map<number, ParameterTarget>();
  const aliasTable = new Map(shape.tables.map((t) => [t.alias, t.table]));
  const visitValue = (value: ValueRef, target: Omit<ParameterTarget, 'index'>) => {
    if (value.kind === 'param' && !found.has(value.index)) found.set(value.index, { index: value.index, ...target });
    else if (value.kind === 'list') value.items.forEach((item) => visitValue(item, target));
    else if (value.kind === 'between') {
      visitValue(value.low, { ...target, range: true, bound: 'lower' });
      visitValue(value.high, { ...target, range: true, bound: 'upper' });
    }
  };
  for (const p of shape.predicates) {
    const table = p.table ?? (p.alias ? aliasTable.get(p.alias) : undefined);
    if (!table || p.expression) continue;
    const bound = p.operator === '>' || p.operator === '>=' ? 'lower' : p.operator === '<' || p.operator === '<=' ? 'upper' : undefined;
    visitValue(p.value, {
      table,
      column: p.column,
      ...(p.op === 'range' ? { range: true, ...(bound ? { bound } : {}) } : {}),
      ...(p.op === 'in' && p.value.kind === 'param' ? { array: true } : {}),
    });
  }
  if (shape.kind === 'insert') {
    const insert = (statement as { InsertStmt?: InsertAst }).InsertStmt;
    const columns = (insert?.cols ?? []).map((c) => c.ResTarget?.name);
    const row = insert?.selectStmt?.SelectStmt?.valuesLists?.[0]?.List?.items ?? [];
    row.forEach((item, position) => {
      const number = item.ParamRef?.number;
      const column = columns[position];
      if (number !== undefined && column && !found.has(number)) found.set(number, { index: number, table: shape.writesTable, column, written: true });
    });
  }
  if (shape.kind === 'update') {
    // `SET column = $n`: a value of that column (an existing one is a fair value to write).
    const update = (statement as { UpdateStmt?: UpdateAst }).UpdateStmt;
    for (const target of update?.targetList ?? []) {
      const number = target.ResTarget?.val?.ParamRef?.number;
      const column = target.ResTarget?.name;
      if (number !== undefined && column && !found.has(number)) found.set(number, { index: number, table: shape.writesTable, column });
    }
  }
  const out: ParameterTarget[] = [];
  for (let index = 1; index <= paramCount; index++) out.push(found.get(index) ?? { index });
  return out.map((t) => (t.table && !schema.tables.some((x) => x.name === t.table) ? { index: t.index } : t));
}

type UpdateAst = { targetList?: { ResTarget?: { name?: string; val?: { ParamRef?: { number?: number } } } }[] };

type InsertAst = {
  cols?: { ResTarget?: { name?: string } }[];
  selectStmt?: { SelectStmt?: { valuesLists?: { List?: { items?: { ParamRef?: { number?: number } }[] } }[] } };
};
