/**
 * Query shapes: what one parsed statement reads, writes, filters, joins, orders and groups.
 * The extraction is a set of functions over one context object (context.ts), one file per
 * clause; this index is what the rest of the code may use.
 */
export { extractQueryShape } from './extract.js';
export { printExpr } from './print-expr.js';
export type {
  Aggregate,
  BoundColumn,
  ColumnName,
  ColumnPredicate,
  ColumnResolver,
  ColumnUse,
  Constant,
  DeleteShape,
  InsertShape,
  JoinEdge,
  JoinType,
  OnConflict,
  OrderItem,
  OtherShape,
  PredicateOp,
  ProjectedItem,
  QueryShape,
  RowCount,
  ScopeKind,
  SelectShape,
  TableRef,
  UpdateShape,
  ValueRef,
} from './types.js';
