/**
 * The public shape of one statement: what an index advisor, a cache planner or a
 * sharding analysis needs to know about it. Plain readonly data, built by `extract.ts`.
 */

/** Where a table reference or predicate sits in the statement. */
export type ScopeKind = 'main' | 'subquery' | 'exists' | 'not-exists' | 'cte';

/** A literal value. Numeric literals that a JS number cannot hold exactly become expression values instead. */
export type Constant = string | number | boolean | null;

/** Column names of a table, when the caller knows the schema. */
export type ColumnResolver = (table: string) => readonly string[] | undefined;

/** A column reference. `alias` is the range-table name it was resolved to (the table name when unaliased). */
export interface ColumnName {
  readonly alias?: string;
  readonly table?: string;
  readonly column: string;
}

/** A column whose FROM item is known (join edges need both ends bound). `table` is absent for CTE/derived sources. */
export interface BoundColumn {
  readonly alias: string;
  readonly table?: string;
  readonly column: string;
}

export interface TableRef {
  readonly table: string;
  readonly schema?: string;
  readonly alias: string;
  readonly scope: ScopeKind;
  /** Name of the CTE whose body holds this reference. */
  readonly inCte?: string;
  /** The INSERT/UPDATE/DELETE target. */
  readonly target?: true;
}

export type PredicateOp = 'eq' | 'range' | 'in' | 'is-null' | 'is-not-null' | 'like' | 'neq' | 'other';

/** The non-column side of a predicate. */
export type ValueRef =
  | { readonly kind: 'param'; readonly index: number }
  | { readonly kind: 'constant'; readonly value: Constant; readonly cast?: string }
  | ({ readonly kind: 'column' } & ColumnName)
  | { readonly kind: 'expression'; readonly text: string; readonly params: readonly number[] }
  | { readonly kind: 'list'; readonly items: readonly ValueRef[] }
  | { readonly kind: 'between'; readonly low: ValueRef; readonly high: ValueRef }
  | { readonly kind: 'subquery' }
  | { readonly kind: 'none' };

export interface ColumnPredicate {
  readonly alias?: string;
  readonly table?: string;
  readonly column: string;
  /** Set when the filtered side is an expression over the column, e.g. `lower(email)`; printed without qualifiers. */
  readonly expression?: string;
  readonly op: PredicateOp;
  /** SQL spelling with the column on the left: '=', '>=', 'IN', 'NOT IN', '= ANY', 'LIKE', 'BETWEEN', 'IS NULL', ... */
  readonly operator: string;
  readonly value: ValueRef;
  /** The literal when `value` is a constant: a partial-index candidate. */
  readonly constantValue?: Constant;
  /** The literals when `value` is a list of constants (IN lists). */
  readonly constantValues?: readonly Constant[];
  /** Logically negated: NOT IN, NOT LIKE, NOT BETWEEN, or under an odd number of NOTs. */
  readonly negated?: true;
  /** Under a disjunction (after De Morgan), so not usable alone as an index condition. */
  readonly inOr?: true;
  readonly scope: ScopeKind;
  readonly clause: 'where' | 'on';
}

/** 'correlated' is a per-row lookup from a scalar, array or LATERAL subquery. */
export type JoinType = 'inner' | 'left' | 'right' | 'full' | 'semi' | 'anti' | 'correlated';

/**
 * An equality between columns of two FROM items. `left` is the outer side:
 * the earlier FROM item for joins, the outer query for (NOT) EXISTS / IN subqueries.
 */
export interface JoinEdge {
  readonly left: BoundColumn;
  readonly right: BoundColumn;
  readonly type: JoinType;
  readonly clause: 'on' | 'using' | 'where';
  readonly inOr?: true;
}

/**
 * A column or expression used in SELECT, GROUP BY, ORDER BY or an aggregate.
 * alias/table/column are set when exactly one column is involved (even inside
 * an expression); `refs` lists the columns of an expression over several.
 */
export interface ColumnUse {
  readonly alias?: string;
  readonly table?: string;
  readonly column?: string;
  readonly expression?: string;
  readonly refs?: readonly ColumnName[];
}

export interface ProjectedItem extends ColumnUse {
  /** Output name given with AS. */
  readonly name?: string;
  /** `*` or `alias.*`. */
  readonly star?: true;
}

export interface OrderItem extends ColumnUse {
  readonly direction: 'asc' | 'desc';
  /** Only when written; PostgreSQL's default is NULLS LAST for ASC, NULLS FIRST for DESC. */
  readonly nulls?: 'first' | 'last';
  /** Only when an ordinal could not be resolved (e.g. it points into `*`). */
  readonly ordinal?: number;
}

export interface Aggregate {
  readonly fn: string;
  /** The first argument. */
  readonly column?: ColumnUse;
  readonly star?: true;
  readonly distinct?: true;
}

export type RowCount = number | 'param';

export interface OnConflict {
  readonly action: 'nothing' | 'update';
  /** Conflict target columns/expressions: they need a unique index. */
  readonly columns: readonly string[];
  readonly constraint?: string;
  readonly setColumns: readonly string[];
}

interface ShapeBase {
  readonly tables: readonly TableRef[];
  readonly predicates: readonly ColumnPredicate[];
  readonly joins: readonly JoinEdge[];
  /** Main query block only (the SELECT of an INSERT ... SELECT). */
  readonly orderBy: readonly OrderItem[];
  readonly limit?: RowCount;
  readonly offset?: RowCount;
  readonly groupBy: readonly ColumnUse[];
  readonly aggregates: readonly Aggregate[];
  readonly projected: readonly ProjectedItem[];
  /** Every CTE defined anywhere in the statement, in source order. */
  readonly ctes: readonly string[];
}

export interface SelectShape extends ShapeBase {
  readonly kind: 'select';
}

export interface InsertShape extends ShapeBase {
  readonly kind: 'insert';
  readonly writesTable: string;
  readonly setColumns: readonly string[];
  readonly source: 'values' | 'select' | 'default-values';
  readonly onConflict?: OnConflict;
  readonly returning: readonly ProjectedItem[];
}

export interface UpdateShape extends ShapeBase {
  readonly kind: 'update';
  readonly writesTable: string;
  readonly setColumns: readonly string[];
  readonly returning: readonly ProjectedItem[];
}

export interface DeleteShape extends ShapeBase {
  readonly kind: 'delete';
  readonly writesTable: string;
  readonly returning: readonly ProjectedItem[];
}

/** Any statement that is not SELECT/INSERT/UPDATE/DELETE (DDL, SET, MERGE, ...): everything empty. */
export interface OtherShape extends ShapeBase {
  readonly kind: 'other';
  readonly statement: string;
}

export type QueryShape = SelectShape | InsertShape | UpdateShape | DeleteShape | OtherShape;
