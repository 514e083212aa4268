/**
 * Query shape extraction: turns one parsed statement (libpg_query JSON AST)
 * into the facts an index advisor needs: which tables are read and written,
 * which columns are filtered and how, how tables join, and how rows are
 * ordered, grouped, projected and limited.
 *
 * The function is pure and total: it never throws on any parsed statement;
 * anything it cannot interpret is simply left out of the shape. Output lists
 * are in source order (sorted by byte offset where a list mixes clauses).
 */
import type {
  A_Const,
  A_Expr,
  A_Indirection,
  BoolExpr,
  BooleanTest,
  ColumnRef,
  CommonTableExpr,
  DeleteStmt,
  FuncCall,
  InsertStmt,
  JoinExpr,
  Node,
  NullTest,
  OnConflictClause,
  RangeVar,
  ResTarget,
  SelectStmt,
  SortBy,
  SubLink,
  TypeCast,
  TypeName,
  UpdateStmt,
  WithClause,
} from 'libpg-query';
import { nodeTag, walkNodes } from './ast-walk.js';

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------

/**
 * Describe one parsed statement (`parseSync(sql).stmts[i].stmt`).
 * Without `resolver`, an unqualified column is attributed to the sole FROM
 * item of its query block, or left unattributed when there are several.
 */
export function extractQueryShape(stmt: Node, resolver?: ColumnResolver): QueryShape {
  if ('ExplainStmt' in stmt && stmt.ExplainStmt.query) return extractQueryShape(stmt.ExplainStmt.query, resolver);
  const builder = new ShapeBuilder(resolver);
  const root = new Scope('main', undefined, undefined);
  if ('SelectStmt' in stmt) {
    const facts = builder.select(stmt.SelectStmt, root);
    return { kind: 'select', ...builder.collected(), ...selectPart(facts) };
  }
  if ('InsertStmt' in stmt) {
    const facts = builder.insert(stmt.InsertStmt, root);
    return compact({
      kind: 'insert',
      ...builder.collected(),
      ...selectPart(facts.source === 'select' ? facts.select : undefined),
      writesTable: facts.writesTable,
      setColumns: facts.setColumns,
      source: facts.source,
      onConflict: facts.onConflict,
      returning: facts.returning,
    });
  }
  if ('UpdateStmt' in stmt) {
    const { writesTable, setColumns, returning } = builder.update(stmt.UpdateStmt, root);
    return { kind: 'update', ...builder.collected(), ...selectPart(undefined), writesTable, setColumns, returning };
  }
  if ('DeleteStmt' in stmt) {
    const { writesTable, returning } = builder.delete(stmt.DeleteStmt, root);
    return { kind: 'delete', ...builder.collected(), ...selectPart(undefined), writesTable, returning };
  }
  return { kind: 'other', statement: nodeTag(stmt) ?? 'unknown', ...builder.collected(), ...selectPart(undefined) };
}

// ---------------------------------------------------------------------------
// Scopes: one per query block, for column resolution and CTE lookup
// ---------------------------------------------------------------------------

/** Finer than ScopeKind: the kind decides the type of a correlation edge. */
type BlockKind = 'main' | 'cte' | 'derived' | 'lateral' | 'scalar' | 'exists' | 'not-exists' | 'in' | 'not-in';

/** A FROM item: base table (`table` set), CTE reference or derived table. */
interface Source {
  readonly alias: string;
  readonly table?: string;
  readonly schema?: string;
  /** Known output columns of a CTE/derived table. */
  readonly columns?: readonly string[];
}

interface CteInfo {
  readonly columns?: readonly string[];
}

class Scope {
  readonly sources: Source[] = [];
  readonly ctes = new Map<string, CteInfo>();
  /** The CTE whose body this block is in, if any. */
  readonly cte: string | undefined;

  /**
   * @param parent  the enclosing block for column resolution (outer query)
   * @param lexical the enclosing block for CTE lookup (a derived table sees the WITH of its query but not its FROM)
   */
  constructor(
    readonly kind: BlockKind,
    readonly parent: Scope | undefined,
    readonly lexical: Scope | undefined,
    cte?: string,
  ) {
    this.cte = cte ?? lexical?.cte;
  }

  child(kind: BlockKind): Scope {
    return new Scope(kind, this, this);
  }

  /** A block at the same level (the other arm of a UNION, the SELECT of an INSERT). */
  sibling(): Scope {
    return new Scope(this.kind, this.parent, this);
  }

  findCte(name: string): CteInfo | undefined {
    for (let s: Scope | undefined = this; s; s = s.lexical) {
      const found = s.ctes.get(name);
      if (found) return found;
    }
    return undefined;
  }
}

function reportedScope(kind: BlockKind): ScopeKind {
  if (kind === 'main' || kind === 'cte' || kind === 'exists' || kind === 'not-exists') return kind;
  return 'subquery';
}

/** The join type of an equality between a block's column and an outer block's column. */
function correlationType(kind: BlockKind): JoinType {
  if (kind === 'exists' || kind === 'in') return 'semi';
  if (kind === 'not-exists' || kind === 'not-in') return 'anti';
  if (kind === 'main' || kind === 'cte') return 'inner';
  return 'correlated';
}

/** A resolved column: `depth` counts blocks outwards from where it was written. */
interface Resolved {
  readonly name: ColumnName;
  readonly source?: Source;
  readonly depth: number;
}

// ---------------------------------------------------------------------------
// Per-block facts used for the shape's main block
// ---------------------------------------------------------------------------

interface TargetInfo {
  readonly use: ProjectedItem;
  /** The resolved column when the entry is a plain column (for IN-subquery edges). */
  readonly column?: Resolved;
  readonly explicitName?: string;
  readonly outputName: string;
  readonly star: boolean;
}

interface SelectFacts {
  readonly targets: readonly TargetInfo[];
  readonly orderBy: readonly OrderItem[];
  readonly groupBy: readonly ColumnUse[];
  readonly aggregates: readonly Aggregate[];
  readonly limit?: RowCount;
  readonly offset?: RowCount;
}

interface WriteFacts {
  readonly writesTable: string;
  readonly setColumns: readonly string[];
  readonly returning: readonly ProjectedItem[];
  readonly outputNames?: readonly string[];
}

interface InsertFacts extends WriteFacts {
  readonly source: InsertShape['source'];
  readonly select?: SelectFacts;
  readonly onConflict?: OnConflict;
}

function selectPart(facts: SelectFacts | undefined) {
  return compact({
    orderBy: facts?.orderBy ?? [],
    limit: facts?.limit,
    offset: facts?.offset,
    groupBy: facts?.groupBy ?? [],
    aggregates: facts?.aggregates ?? [],
    projected: (facts?.targets ?? []).map((t) => t.use),
  });
}

function outputNamesOf(targets: readonly TargetInfo[]): readonly string[] | undefined {
  return targets.some((t) => t.star) ? undefined : targets.map((t) => t.outputName);
}

// ---------------------------------------------------------------------------
// The walker that accumulates tables, predicates and joins
// ---------------------------------------------------------------------------

interface Ctx {
  readonly scope: Scope;
  readonly clause: 'where' | 'on';
  /** Join type of the ON clause being walked. */
  readonly joinType: JoinType;
  readonly negated: boolean;
  readonly inOr: boolean;
}

type Side =
  | { readonly kind: 'column'; readonly col: Resolved }
  | { readonly kind: 'expression'; readonly col: Resolved; readonly text: string }
  | { readonly kind: 'value' };

type ColumnSide = Exclude<Side, { kind: 'value' }>;

/** Items carry their byte offset so the final lists can be put in source order. */
interface Positioned<T> {
  readonly pos: number;
  readonly item: T;
}

const JOIN_TYPES: Readonly<Record<string, JoinType>> = {
  JOIN_INNER: 'inner',
  JOIN_LEFT: 'left',
  JOIN_RIGHT: 'right',
  JOIN_FULL: 'full',
};

class ShapeBuilder {
  private readonly tables: Positioned<TableRef>[] = [];
  private readonly predicates: Positioned<ColumnPredicate>[] = [];
  private readonly joins: Positioned<JoinEdge>[] = [];
  private readonly ctes: Positioned<string>[] = [];

  constructor(private readonly resolver: ColumnResolver | undefined) {}

  collected() {
    return {
      tables: inSourceOrder(this.tables),
      predicates: inSourceOrder(this.predicates),
      joins: inSourceOrder(this.joins),
      ctes: inSourceOrder(this.ctes),
    };
  }

  // ----- statements -----

  select(stmt: SelectStmt, scope: Scope): SelectFacts {
    if (stmt.withClause) this.withClause(stmt.withClause, scope);
    if (stmt.op !== undefined && stmt.op !== 'SETOP_NONE') return this.setOperation(stmt, scope);
    for (const item of stmt.fromClause ?? []) this.fromItem(item, scope);
    const targetList = resTargets(stmt.targetList);
    for (const t of targetList) this.subqueries(t.val, scope);
    this.condition(stmt.whereClause, whereCtx(scope));
    const rest = [stmt.groupClause, stmt.havingClause, stmt.sortClause, stmt.valuesLists, stmt.distinctClause];
    for (const part of rest) this.subqueries(part, scope);
    this.subqueries([stmt.limitCount, stmt.limitOffset], scope);

    const targets = targetList.map((t) => this.targetInfo(t, scope));
    return compact({
      targets,
      orderBy: (stmt.sortClause ?? []).map((n) => this.orderItem(n, targets, scope)),
      groupBy: (stmt.groupClause ?? []).flatMap((n) => this.groupItems(n, targets, scope)),
      aggregates: this.aggregates([stmt.targetList, stmt.havingClause, stmt.sortClause], scope),
      limit: rowCount(stmt.limitCount),
      offset: rowCount(stmt.limitOffset),
    });
  }

  /** UNION/INTERSECT/EXCEPT: both arms are read; ORDER BY/LIMIT apply to the result, whose columns come from the left arm. */
  private setOperation(stmt: SelectStmt, scope: Scope): SelectFacts {
    const left = stmt.larg ? this.select(stmt.larg, scope) : undefined;
    const right = stmt.rarg ? this.select(stmt.rarg, scope.sibling()) : undefined;
    // ORDER BY of a set operation can only name output columns: resolve against no FROM items.
    const outputScope = new Scope(scope.kind, undefined, scope);
    const targets = left?.targets ?? [];
    this.subqueries([stmt.sortClause, stmt.limitCount, stmt.limitOffset], scope);
    return compact({
      targets,
      orderBy: (stmt.sortClause ?? []).map((n) => this.orderItem(n, targets, outputScope)),
      groupBy: [...(left?.groupBy ?? []), ...(right?.groupBy ?? [])],
      aggregates: [...(left?.aggregates ?? []), ...(right?.aggregates ?? [])],
      limit: rowCount(stmt.limitCount),
      offset: rowCount(stmt.limitOffset),
    });
  }

  insert(stmt: InsertStmt, scope: Scope): InsertFacts {
    if (stmt.withClause) this.withClause(stmt.withClause, scope);
    const target = this.writeTarget(stmt.relation, scope);
    const selectNode = stmt.selectStmt && 'SelectStmt' in stmt.selectStmt ? stmt.selectStmt.SelectStmt : undefined;
    // The SELECT cannot see the target table, so it gets its own block.
    const select = selectNode ? this.select(selectNode, scope.sibling()) : undefined;
    scope.sources.push(target);
    const onConflict = stmt.onConflictClause ? this.onConflict(stmt.onConflictClause, target, scope) : undefined;
    const returning = this.projection(stmt.returningClause?.exprs, scope);
    return compact({
      writesTable: target.table ?? '',
      setColumns: resTargets(stmt.cols).map((t) => t.name ?? ''),
      source: insertSource(selectNode),
      select,
      onConflict,
      returning: returning.map((t) => t.use),
      outputNames: outputNamesOf(returning),
    });
  }

  update(stmt: UpdateStmt, scope: Scope): WriteFacts {
    if (stmt.withClause) this.withClause(stmt.withClause, scope);
    const target = this.writeTarget(stmt.relation, scope);
    scope.sources.push(target);
    for (const item of stmt.fromClause ?? []) this.fromItem(item, scope);
    const assignments = resTargets(stmt.targetList);
    for (const a of assignments) this.subqueries(assignedValue(a), scope);
    this.condition(stmt.whereClause, whereCtx(scope));
    const returning = this.projection(stmt.returningClause?.exprs, scope);
    return compact({
      writesTable: target.table ?? '',
      setColumns: assignments.map((a) => a.name ?? ''),
      returning: returning.map((t) => t.use),
      outputNames: outputNamesOf(returning),
    });
  }

  delete(stmt: DeleteStmt, scope: Scope): WriteFacts {
    if (stmt.withClause) this.withClause(stmt.withClause, scope);
    const target = this.writeTarget(stmt.relation, scope);
    scope.sources.push(target);
    for (const item of stmt.usingClause ?? []) this.fromItem(item, scope);
    this.condition(stmt.whereClause, whereCtx(scope));
    const returning = this.projection(stmt.returningClause?.exprs, scope);
    return compact({
      writesTable: target.table ?? '',
      setColumns: [],
      returning: returning.map((t) => t.use),
      outputNames: outputNamesOf(returning),
    });
  }

  /** A statement in a CTE body; returns its output column names when known. */
  private statement(node: Node | undefined, scope: Scope): readonly string[] | undefined {
    if (!node) return undefined;
    if ('SelectStmt' in node) return outputNamesOf(this.select(node.SelectStmt, scope).targets);
    if ('InsertStmt' in node) return this.insert(node.InsertStmt, scope).outputNames;
    if ('UpdateStmt' in node) return this.update(node.UpdateStmt, scope).outputNames;
    if ('DeleteStmt' in node) return this.delete(node.DeleteStmt, scope).outputNames;
    return undefined;
  }

  private withClause(clause: WithClause, scope: Scope): void {
    const ctes = (clause.ctes ?? []).flatMap((n) => ('CommonTableExpr' in n ? [n.CommonTableExpr] : []));
    // A recursive CTE refers to itself (and its siblings) inside its body.
    if (clause.recursive) for (const cte of ctes) scope.ctes.set(cte.ctename ?? '', cteInfo(cte, undefined));
    for (const cte of ctes) {
      const name = cte.ctename ?? '';
      const body = new Scope('cte', scope.parent, scope, name);
      const columns = this.statement(cte.ctequery, body);
      scope.ctes.set(name, cteInfo(cte, columns));
      this.ctes.push({ pos: cte.location ?? 0, item: name });
    }
  }

  private onConflict(clause: OnConflictClause, target: Source, scope: Scope): OnConflict {
    const columns = (clause.infer?.indexElems ?? []).flatMap((n) => {
      if (!('IndexElem' in n)) return [];
      const elem = n.IndexElem;
      return [elem.name ?? (elem.expr ? printExpr(elem.expr, { bare: true }) : '')];
    });
    // `excluded` is the proposed row: the target's columns.
    const conflictScope = new Scope(scope.kind, scope.parent, scope);
    conflictScope.sources.push(target, compact({ alias: 'excluded', table: target.table, schema: target.schema }));
    const assignments = resTargets(clause.targetList);
    for (const a of assignments) this.subqueries(assignedValue(a), conflictScope);
    this.subqueries(clause.whereClause, conflictScope);
    return compact({
      action: clause.action === 'ONCONFLICT_UPDATE' ? 'update' : 'nothing',
      columns,
      constraint: clause.infer?.conname,
      setColumns: assignments.map((a) => a.name ?? ''),
    });
  }

  // ----- FROM -----

  /** Registers the FROM item's sources in `scope`; returns them in order. */
  private fromItem(node: Node, scope: Scope): Source[] {
    if ('RangeVar' in node) return [this.rangeVar(node.RangeVar, scope)];
    if ('JoinExpr' in node) return this.joinExpr(node.JoinExpr, scope);
    if ('RangeSubselect' in node) {
      const { lateral, subquery, alias } = node.RangeSubselect;
      // Only LATERAL subqueries see the FROM items before them.
      const inner = lateral ? scope.child('lateral') : new Scope('derived', scope.parent, scope);
      const facts = subquery && 'SelectStmt' in subquery ? this.select(subquery.SelectStmt, inner) : undefined;
      const columns = aliasColumns(alias?.colnames) ?? (facts ? outputNamesOf(facts.targets) : undefined);
      return [addSource(scope, compact({ alias: alias?.aliasname ?? '', columns }))];
    }
    if ('RangeTableSample' in node) {
      const { relation, args, repeatable } = node.RangeTableSample;
      this.subqueries([args, repeatable], scope);
      return relation ? this.fromItem(relation, scope) : [];
    }
    if ('RangeFunction' in node) {
      const { functions, alias } = node.RangeFunction;
      this.subqueries(functions, scope);
      const name = alias?.aliasname ?? firstFunctionName(functions) ?? '';
      return [addSource(scope, compact({ alias: name, columns: aliasColumns(alias?.colnames) }))];
    }
    this.subqueries(node, scope);
    return [];
  }

  private rangeVar(rv: RangeVar, scope: Scope): Source {
    const name = rv.relname ?? '';
    const alias = rv.alias?.aliasname ?? name;
    const cte = rv.schemaname === undefined ? scope.findCte(name) : undefined;
    if (cte) return addSource(scope, compact({ alias, columns: cte.columns }));
    this.recordTable(rv, scope, false);
    return addSource(scope, compact({ alias, table: name, schema: rv.schemaname }));
  }

  private joinExpr(join: JoinExpr, scope: Scope): Source[] {
    const left = join.larg ? this.fromItem(join.larg, scope) : [];
    const right = join.rarg ? this.fromItem(join.rarg, scope) : [];
    const type = JOIN_TYPES[join.jointype ?? ''] ?? 'inner';
    const pos = maxLocation(join.rarg); // USING comes after the right input; JoinExpr has no location
    for (const column of stringValues(join.usingClause)) this.usingEdge(column, left, right, type, pos);
    this.condition(join.quals, { scope, clause: 'on', joinType: type, negated: false, inOr: false });
    return [...left, ...right];
  }

  /** USING (col): col of the left input = col of the right input, when each side has one possible owner. */
  private usingEdge(column: string, left: Source[], right: Source[], type: JoinType, pos: number): void {
    const l = this.soleOwner(column, left);
    const r = this.soleOwner(column, right);
    if (!l || !r) return;
    this.joins.push({ pos, item: { left: bound(l, column), right: bound(r, column), type, clause: 'using' } });
  }

  private soleOwner(column: string, sources: readonly Source[]): Source | undefined {
    const candidates = sources.filter((s) => this.couldOwn(s, column) !== 'no');
    return candidates.length === 1 ? candidates[0] : undefined;
  }

  private writeTarget(rv: RangeVar | undefined, scope: Scope): Source {
    const relation = rv ?? {};
    const name = relation.relname ?? '';
    this.recordTable(relation, scope, true);
    return compact({ alias: relation.alias?.aliasname ?? name, table: name, schema: relation.schemaname });
  }

  private recordTable(rv: RangeVar, scope: Scope, target: boolean): void {
    const name = rv.relname ?? '';
    const item: TableRef = compact({
      table: name,
      schema: rv.schemaname,
      alias: rv.alias?.aliasname ?? name,
      scope: reportedScope(scope.kind),
      inCte: scope.cte,
      target: target || undefined,
    });
    this.tables.push({ pos: rv.location ?? 0, item });
  }

  // ----- conditions (WHERE, ON) -----

  private condition(node: Node | undefined, ctx: Ctx): void {
    if (!node) return;
    if ('BoolExpr' in node) return this.boolExpr(node.BoolExpr, ctx);
    if ('A_Expr' in node) return this.comparison(node.A_Expr, ctx);
    if ('NullTest' in node) return this.nullTest(node.NullTest, ctx);
    if ('BooleanTest' in node) return this.booleanTest(node.BooleanTest, ctx);
    if ('SubLink' in node) return this.subLinkCondition(node.SubLink, ctx);
    if ('ColumnRef' in node) {
      // A bare boolean column: `where active` is active = true, `where not deleted` is deleted = false.
      const side = this.side(node, ctx.scope);
      const value: ValueRef = { kind: 'constant', value: !ctx.negated };
      if (side.kind !== 'value') this.addPredicate(side, 'eq', '=', value, ctx.negated, ctx, locationOf(node));
      return;
    }
    this.subqueries(node, ctx.scope);
  }

  private boolExpr(expr: BoolExpr, ctx: Ctx): void {
    const args = expr.args ?? [];
    if (expr.boolop === 'NOT_EXPR') {
      for (const arg of args) this.condition(arg, { ...ctx, negated: !ctx.negated });
      return;
    }
    // De Morgan: under NOT, AND behaves as OR and vice versa.
    const disjunction = (expr.boolop === 'OR_EXPR') !== ctx.negated;
    for (const arg of args) this.condition(arg, { ...ctx, inOr: ctx.inOr || disjunction });
  }

  private comparison(expr: A_Expr, ctx: Ctx): void {
    const { lexpr, rexpr } = expr;
    this.subqueries([lexpr, rexpr], ctx.scope);
    const op = operatorName(expr.name);
    const pos = expr.location ?? locationOf(lexpr);
    switch (expr.kind) {
      case 'AEXPR_OP':
        return this.binary(lexpr, op, rexpr, ctx, pos);
      case 'AEXPR_DISTINCT':
        return this.binary(lexpr, 'IS DISTINCT FROM', rexpr, ctx, pos);
      case 'AEXPR_NOT_DISTINCT':
        return this.binary(lexpr, 'IS NOT DISTINCT FROM', rexpr, ctx, pos);
      case 'AEXPR_IN': {
        const notIn = op === '<>';
        return this.onLeft(lexpr, 'in', notIn ? 'NOT IN' : 'IN', this.value(rexpr, ctx.scope), notIn, ctx, pos);
      }
      case 'AEXPR_OP_ANY':
      case 'AEXPR_OP_ALL':
        return this.quantified(expr, op, ctx, pos);
      case 'AEXPR_LIKE':
      case 'AEXPR_ILIKE': {
        const text = LIKE_OPERATORS[op] ?? op;
        return this.onLeft(lexpr, 'like', text, this.value(rexpr, ctx.scope), op.startsWith('!'), ctx, pos);
      }
      case 'AEXPR_SIMILAR': {
        const not = op.startsWith('!');
        const text = not ? 'NOT SIMILAR TO' : 'SIMILAR TO';
        return this.onLeft(lexpr, 'other', text, this.value(rexpr, ctx.scope), not, ctx, pos);
      }
      case 'AEXPR_BETWEEN':
      case 'AEXPR_NOT_BETWEEN':
      case 'AEXPR_BETWEEN_SYM':
      case 'AEXPR_NOT_BETWEEN_SYM': {
        const not = expr.kind.includes('NOT');
        const text = `${not ? 'NOT ' : ''}BETWEEN${expr.kind.endsWith('SYM') ? ' SYMMETRIC' : ''}`;
        return this.onLeft(lexpr, 'range', text, this.between(rexpr, ctx.scope), not, ctx, pos);
      }
      default:
        return;
    }
  }

  /** `col op value`, `value op col` (flipped), or `a.x = b.y` (a join edge). */
  private binary(lexpr: Node | undefined, operator: string, rexpr: Node | undefined, ctx: Ctx, pos: number): void {
    const left = this.side(lexpr, ctx.scope);
    const right = this.side(rexpr, ctx.scope);
    if (left.kind === 'column' && right.kind === 'column' && this.joinEdge(left.col, right.col, operator, ctx, pos)) return;
    if (left.kind !== 'value') {
      this.addPredicate(left, comparisonOp(operator), operator, this.value(rexpr, ctx.scope), false, ctx, pos);
      return;
    }
    const flipped = FLIPPED_OPERATORS[operator];
    if (right.kind !== 'value' && flipped !== undefined) {
      this.addPredicate(right, comparisonOp(flipped), flipped, this.value(lexpr, ctx.scope), false, ctx, pos);
    }
  }

  /** `x = ANY($1)` is an IN list; `x <> ALL($1)` a NOT IN; `$1 = ANY(tags)` tests an array column. */
  private quantified(expr: A_Expr, op: string, ctx: Ctx, pos: number): void {
    const isAll = expr.kind === 'AEXPR_OP_ALL';
    const isIn = isAll ? op === '<>' || op === '!=' : op === '=';
    const operator = `${op} ${isAll ? 'ALL' : 'ANY'}`;
    const left = this.side(expr.lexpr, ctx.scope);
    if (left.kind !== 'value') {
      const value = this.value(expr.rexpr, ctx.scope);
      this.addPredicate(left, isIn ? 'in' : 'other', operator, value, isIn && isAll, ctx, pos);
      return;
    }
    const right = this.side(expr.rexpr, ctx.scope);
    if (right.kind !== 'value') {
      this.addPredicate(right, 'other', `${operator} (column)`, this.value(expr.lexpr, ctx.scope), false, ctx, pos);
    }
  }

  private onLeft(
    lexpr: Node | undefined,
    op: PredicateOp,
    operator: string,
    value: ValueRef,
    negatedBySyntax: boolean,
    ctx: Ctx,
    pos: number,
  ): void {
    const side = this.side(lexpr, ctx.scope);
    if (side.kind !== 'value') this.addPredicate(side, op, operator, value, negatedBySyntax, ctx, pos);
  }

  private nullTest(test: NullTest, ctx: Ctx): void {
    const side = this.side(test.arg, ctx.scope);
    if (side.kind === 'value') return this.subqueries(test.arg, ctx.scope);
    const isNull = test.nulltesttype !== 'IS_NOT_NULL';
    const pos = test.location ?? locationOf(test.arg);
    this.addPredicate(side, isNull ? 'is-null' : 'is-not-null', isNull ? 'IS NULL' : 'IS NOT NULL', { kind: 'none' }, false, ctx, pos);
  }

  private booleanTest(test: BooleanTest, ctx: Ctx): void {
    const side = this.side(test.arg, ctx.scope);
    if (side.kind === 'value') return this.subqueries(test.arg, ctx.scope);
    const type = test.booltesttype ?? 'IS_TRUE';
    const operator = type.replace(/_/g, ' ');
    const negatedBySyntax = type.startsWith('IS_NOT');
    const pos = test.location ?? locationOf(test.arg);
    if (type.endsWith('UNKNOWN')) {
      // IS UNKNOWN is IS NULL for booleans.
      const op = negatedBySyntax ? 'is-not-null' : 'is-null';
      return this.addPredicate(side, op, operator, { kind: 'none' }, false, ctx, pos);
    }
    const value: ValueRef = { kind: 'constant', value: type.endsWith('TRUE') };
    this.addPredicate(side, 'eq', operator, value, negatedBySyntax, ctx, pos);
  }

  private subLinkCondition(link: SubLink, ctx: Ctx): void {
    const type = link.subLinkType;
    if (type === 'EXISTS_SUBLINK') {
      this.subquery(link.subselect, ctx.scope.child(ctx.negated ? 'not-exists' : 'exists'));
      return;
    }
    if (type !== 'ANY_SUBLINK' && type !== 'ALL_SUBLINK') {
      this.subqueries(link.testexpr, ctx.scope);
      this.subquery(link.subselect, ctx.scope.child('scalar'));
      return;
    }
    this.inSubquery(link, ctx);
  }

  /** `x IN (SELECT y ...)`: a predicate on x plus, when y is a plain column, a semi (anti for NOT IN) join edge. */
  private inSubquery(link: SubLink, ctx: Ctx): void {
    const isAll = link.subLinkType === 'ALL_SUBLINK';
    const op = link.operName ? operatorName(link.operName) : '=';
    const isIn = isAll ? op === '<>' || op === '!=' : op === '=';
    const negated = ctx.negated !== (isIn && isAll);
    const operator = link.operName ? `${op} ${isAll ? 'ALL' : 'ANY'}` : 'IN';
    this.subqueries(link.testexpr, ctx.scope);
    const kind: BlockKind = isIn ? (negated ? 'not-in' : 'in') : 'scalar';
    const facts = this.subquery(link.subselect, ctx.scope.child(kind));
    const pos = link.location ?? locationOf(link.testexpr);
    const tested = link.testexpr && 'RowExpr' in link.testexpr ? (link.testexpr.RowExpr.args ?? []) : [link.testexpr];
    tested.forEach((node, i) => {
      const side = this.side(node, ctx.scope);
      if (side.kind === 'value') return;
      this.addPredicate(side, isIn ? 'in' : 'other', operator, { kind: 'subquery' }, negated !== ctx.negated, ctx, pos);
      const inner = facts?.targets[i]?.column;
      if (isIn && side.kind === 'column' && side.col.source && inner?.source && inner.depth === 0) {
        const edge: JoinEdge = compact({
          left: bound(side.col.source, side.col.name.column),
          right: bound(inner.source, inner.name.column),
          type: negated ? 'anti' : 'semi',
          clause: 'where',
          inOr: ctx.inOr || undefined,
        });
        this.joins.push({ pos, item: edge });
      }
    });
  }

  /** Records an equality between columns of two different FROM items; false if it is not one. */
  private joinEdge(a: Resolved, b: Resolved, operator: string, ctx: Ctx, pos: number): boolean {
    if (operator !== '=' || ctx.negated || !a.source || !b.source || a.source === b.source) return false;
    let type: JoinType;
    let outerFirst: boolean;
    if (a.depth !== b.depth) {
      type = correlationType(ctx.scope.kind);
      outerFirst = a.depth > b.depth;
    } else {
      type = ctx.clause === 'on' ? ctx.joinType : 'inner';
      outerFirst = sourceOrder(ctx.scope, a) <= sourceOrder(ctx.scope, b);
    }
    const [left, right] = outerFirst ? [a, b] : [b, a];
    const edge: JoinEdge = compact({
      left: bound(left.source as Source, left.name.column),
      right: bound(right.source as Source, right.name.column),
      type,
      clause: ctx.clause,
      inOr: ctx.inOr || undefined,
    });
    this.joins.push({ pos, item: edge });
    return true;
  }

  private addPredicate(
    side: ColumnSide,
    op: PredicateOp,
    operator: string,
    value: ValueRef,
    negatedBySyntax: boolean,
    ctx: Ctx,
    pos: number,
  ): void {
    const negated = ctx.negated !== negatedBySyntax;
    const item: ColumnPredicate = compact({
      ...side.col.name,
      expression: side.kind === 'expression' ? side.text : undefined,
      op,
      operator,
      value,
      constantValue: value.kind === 'constant' ? value.value : undefined,
      constantValues: constantsOf(value),
      negated: negated || undefined,
      inOr: ctx.inOr || undefined,
      scope: reportedScope(ctx.scope.kind),
      clause: ctx.clause,
    });
    this.predicates.push({ pos, item });
  }

  // ----- subqueries anywhere in an expression -----

  /** Walks every subquery under `root`, each once, in a child block of `scope`. */
  private subqueries(root: unknown, scope: Scope): void {
    walkNodes(root, (node) => {
      if (!('SubLink' in node)) return true;
      const link = node.SubLink;
      const kind: BlockKind =
        link.subLinkType === 'EXISTS_SUBLINK'
          ? 'exists'
          : link.subLinkType === 'ANY_SUBLINK' && (!link.operName || operatorName(link.operName) === '=')
            ? 'in'
            : 'scalar';
      this.subqueries(link.testexpr, scope);
      this.subquery(link.subselect, scope.child(kind));
      return false;
    });
  }

  private subquery(node: Node | undefined, scope: Scope): SelectFacts | undefined {
    return node && 'SelectStmt' in node ? this.select(node.SelectStmt, scope) : undefined;
  }

  // ----- column resolution -----

  private resolve(ref: ColumnRef, scope: Scope): Resolved | undefined {
    const names = (ref.fields ?? []).map((f) => ('String' in f ? (f.String.sval ?? '') : undefined));
    const column = names[names.length - 1];
    if (column === undefined || names.some((n) => n === undefined)) return undefined; // a star
    if (names.length === 1) return this.resolveBare(column, scope);
    const qualifier = names[names.length - 2] as string;
    const schema = names.length >= 3 ? names[names.length - 3] : undefined;
    let depth = 0;
    for (let s: Scope | undefined = scope; s; s = s.parent, depth++) {
      const source = s.sources.find(
        (src) => src.alias === qualifier && (schema === undefined || src.schema === undefined || src.schema === schema),
      );
      if (source) return { name: bound(source, column), source, depth };
    }
    return { name: { alias: qualifier, column }, depth: 0 };
  }

  /** The only FROM item of the nearest block that could own the column; outer blocks when none here can. */
  private resolveBare(column: string, scope: Scope): Resolved {
    let depth = 0;
    for (let s: Scope | undefined = scope; s; s = s.parent, depth++) {
      const candidates = s.sources.filter((src) => this.couldOwn(src, column) !== 'no');
      const [only] = candidates;
      if (only && candidates.length === 1) return { name: bound(only, column), source: only, depth };
      if (candidates.length > 1) break;
    }
    return { name: { column }, depth: 0 };
  }

  private couldOwn(source: Source, column: string): 'yes' | 'no' | 'maybe' {
    const known = source.table !== undefined ? this.resolver?.(source.table) : source.columns;
    if (known === undefined) return 'maybe';
    return known.includes(column) ? 'yes' : 'no';
  }

  /** Classifies one side of a comparison: a column, an expression over exactly one column, or a value. */
  private side(node: Node | undefined, scope: Scope): Side {
    if (!node) return { kind: 'value' };
    if ('ColumnRef' in node) {
      const col = this.resolve(node.ColumnRef, scope);
      return col ? { kind: 'column', col } : { kind: 'value' };
    }
    if (containsSubLink(node)) return { kind: 'value' };
    const cols = this.columnsIn(node, scope);
    const [only] = cols;
    if (only && cols.length === 1) return { kind: 'expression', col: only, text: printExpr(node, { bare: true }) };
    return { kind: 'value' };
  }

  /** Distinct columns referenced by an expression, outside subqueries, in source order. */
  private columnsIn(node: unknown, scope: Scope): Resolved[] {
    const seen = new Map<string, Resolved>();
    walkNodes(node, (n) => {
      if ('SubLink' in n) return false;
      if (!('ColumnRef' in n)) return true;
      const col = this.resolve(n.ColumnRef, scope);
      const key = `${col?.name.alias ?? ''}.${col?.name.column ?? ''}`;
      if (col && !seen.has(key)) seen.set(key, col);
      return false;
    });
    return [...seen.values()];
  }

  private value(node: Node | undefined, scope: Scope): ValueRef {
    if (!node) return { kind: 'none' };
    if ('ParamRef' in node) return { kind: 'param', index: node.ParamRef.number ?? 0 };
    if ('A_Const' in node) return constantValue(node.A_Const) ?? expressionValue(node);
    if ('ColumnRef' in node) {
      const col = this.resolve(node.ColumnRef, scope);
      return col ? { kind: 'column', ...col.name } : expressionValue(node);
    }
    if ('SubLink' in node) return { kind: 'subquery' };
    if ('List' in node) return { kind: 'list', items: (node.List.items ?? []).map((n) => this.value(n, scope)) };
    if ('A_ArrayExpr' in node) return { kind: 'list', items: (node.A_ArrayExpr.elements ?? []).map((n) => this.value(n, scope)) };
    if ('TypeCast' in node) return this.castValue(node.TypeCast, node, scope);
    return expressionValue(node);
  }

  /** `'paid'::status` and `$1::uuid` keep their value; other casts stay expressions. */
  private castValue(cast: TypeCast, node: Node, scope: Scope): ValueRef {
    const arg = cast.arg;
    if (arg && 'A_Const' in arg) {
      const constant = constantValue(arg.A_Const);
      if (constant?.kind === 'constant') return { ...constant, cast: printTypeName(cast.typeName) };
    }
    if (arg && ('ParamRef' in arg || 'A_ArrayExpr' in arg)) return this.value(arg, scope);
    return expressionValue(node);
  }

  private between(node: Node | undefined, scope: Scope): ValueRef {
    const items = node && 'List' in node ? (node.List.items ?? []) : [];
    return { kind: 'between', low: this.value(items[0], scope), high: this.value(items[1], scope) };
  }

  // ----- select list, ORDER BY, GROUP BY, aggregates -----

  private targetInfo(target: ResTarget, scope: Scope): TargetInfo {
    const node = target.val;
    const star = node !== undefined && 'ColumnRef' in node && isStar(node.ColumnRef);
    const column = node && 'ColumnRef' in node && !star ? this.resolve(node.ColumnRef, scope) : undefined;
    const use: ProjectedItem = star ? this.starUse(node, scope) : compact({ ...this.use(node, scope), name: target.name });
    return compact({ use, column, explicitName: target.name, outputName: target.name ?? outputName(node), star });
  }

  private projection(list: Node[] | undefined, scope: Scope): TargetInfo[] {
    const targets = resTargets(list);
    for (const t of targets) this.subqueries(t.val, scope);
    return targets.map((t) => this.targetInfo(t, scope));
  }

  private starUse(node: Node | undefined, scope: Scope): ProjectedItem {
    const fields = node && 'ColumnRef' in node ? (node.ColumnRef.fields ?? []) : [];
    const qualifier = stringValues(fields).at(-1);
    if (qualifier === undefined) return { star: true };
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const source = s.sources.find((src) => src.alias === qualifier);
      if (source) return compact({ alias: source.alias, table: source.table, star: true as const });
    }
    return { alias: qualifier, star: true };
  }

  private use(node: Node | undefined, scope: Scope): ColumnUse {
    if (!node) return {};
    if ('ColumnRef' in node) {
      const col = this.resolve(node.ColumnRef, scope);
      if (col) return col.name;
    }
    const cols = this.columnsIn(node, scope);
    const [only] = cols;
    if (only && cols.length === 1) return { ...only.name, expression: printExpr(node, { bare: true }) };
    return compact({ expression: printExpr(node), refs: cols.length > 0 ? cols.map((c) => c.name) : undefined });
  }

  /** ORDER BY n and ORDER BY output-alias refer to the select list (PostgreSQL prefers output names here). */
  private orderItem(node: Node, targets: readonly TargetInfo[], scope: Scope): OrderItem {
    const sort: SortBy = 'SortBy' in node ? node.SortBy : { node };
    const desc = sort.sortby_dir === 'SORTBY_DESC' || (sort.sortby_dir === 'SORTBY_USING' && operatorName(sort.useOp) === '>');
    const nulls: OrderItem['nulls'] =
      sort.sortby_nulls === 'SORTBY_NULLS_FIRST' ? 'first' : sort.sortby_nulls === 'SORTBY_NULLS_LAST' ? 'last' : undefined;
    const order: Pick<OrderItem, 'direction' | 'nulls'> = compact({ direction: desc ? 'desc' : 'asc', nulls });
    const ordinal = ordinalOf(sort.node);
    if (ordinal !== undefined) {
      const target = targets[ordinal - 1];
      return target && !target.star ? { ...withoutName(target.use), ...order } : { ordinal, ...order };
    }
    const named = targetNamed(sort.node, targets);
    if (named) return { ...withoutName(named.use), ...order };
    return { ...this.use(sort.node, scope), ...order };
  }

  /** GROUP BY n and GROUP BY output-alias (when no input column could have that name) refer to the select list. */
  private groupItems(node: Node, targets: readonly TargetInfo[], scope: Scope): ColumnUse[] {
    if ('GroupingSet' in node) return (node.GroupingSet.content ?? []).flatMap((n) => this.groupItems(n, targets, scope));
    const ordinal = ordinalOf(node);
    if (ordinal !== undefined) {
      const target = targets[ordinal - 1];
      return target && !target.star ? [withoutName(target.use)] : [{ expression: String(ordinal) }];
    }
    const named = targetNamed(node, targets);
    if (named && 'ColumnRef' in node) {
      const input = this.resolve(node.ColumnRef, scope);
      const inputKnown = input?.source !== undefined && this.couldOwn(input.source, input.name.column) === 'yes';
      if (!inputKnown) return [withoutName(named.use)];
    }
    return [this.use(node, scope)];
  }

  private aggregates(roots: unknown[], scope: Scope): Aggregate[] {
    const found: Aggregate[] = [];
    walkNodes(roots, (node) => {
      if ('SubLink' in node) return false;
      if (!('FuncCall' in node)) return true;
      const call = node.FuncCall;
      if (call.over || !isAggregate(call)) return true; // window functions are not grouping aggregates
      const [first] = call.args ?? [];
      found.push(
        compact({
          fn: functionName(call),
          column: first ? this.use(first, scope) : undefined,
          star: call.agg_star || undefined,
          distinct: call.agg_distinct || undefined,
        }),
      );
      return false;
    });
    return found;
  }
}

// ---------------------------------------------------------------------------
// Small helpers over AST nodes
// ---------------------------------------------------------------------------

const LIKE_OPERATORS: Readonly<Record<string, string>> = {
  '~~': 'LIKE',
  '!~~': 'NOT LIKE',
  '~~*': 'ILIKE',
  '!~~*': 'NOT ILIKE',
};

/** The operator as seen with the sides swapped; absent when there is no such operator. */
const FLIPPED_OPERATORS: Readonly<Record<string, string>> = {
  '=': '=',
  '<>': '<>',
  '!=': '!=',
  '<': '>',
  '>': '<',
  '<=': '>=',
  '>=': '<=',
  'IS DISTINCT FROM': 'IS DISTINCT FROM',
  'IS NOT DISTINCT FROM': 'IS NOT DISTINCT FROM',
  '@>': '<@',
  '<@': '@>',
  '&&': '&&',
};

function comparisonOp(operator: string): PredicateOp {
  if (operator === '=' || operator === 'IS NOT DISTINCT FROM') return 'eq';
  if (operator === '<>' || operator === '!=' || operator === 'IS DISTINCT FROM') return 'neq';
  if (operator === '<' || operator === '<=' || operator === '>' || operator === '>=') return 'range';
  return 'other';
}

/** Functions that aggregate even without DISTINCT/ORDER BY/FILTER/* markers. */
const AGGREGATES = new Set([
  'count', 'sum', 'avg', 'min', 'max', 'array_agg', 'string_agg', 'bool_and', 'bool_or', 'every',
  'bit_and', 'bit_or', 'bit_xor', 'json_agg', 'jsonb_agg', 'json_object_agg', 'jsonb_object_agg',
  'xmlagg', 'stddev', 'stddev_pop', 'stddev_samp', 'variance', 'var_pop', 'var_samp', 'corr',
  'covar_pop', 'covar_samp', 'regr_count', 'mode', 'percentile_cont', 'percentile_disc', 'any_value',
  'range_agg', 'range_intersect_agg',
]);

function isAggregate(call: FuncCall): boolean {
  const marked = call.agg_star || call.agg_distinct || call.agg_order || call.agg_filter || call.agg_within_group;
  return Boolean(marked) || AGGREGATES.has(functionName(call));
}

function functionName(call: FuncCall): string {
  return stringValues(call.funcname).at(-1) ?? '';
}

function firstFunctionName(functions: Node[] | undefined): string | undefined {
  let name: string | undefined;
  walkNodes(functions, (node) => {
    if (name !== undefined) return false;
    if ('FuncCall' in node) name = functionName(node.FuncCall);
    return name === undefined;
  });
  return name;
}

function whereCtx(scope: Scope): Ctx {
  return { scope, clause: 'where', joinType: 'inner', negated: false, inOr: false };
}

function addSource(scope: Scope, source: Source): Source {
  scope.sources.push(source);
  return source;
}

function bound(source: Source, column: string): BoundColumn {
  return compact({ alias: source.alias, table: source.table, column });
}

/** Position of the column's FROM item in the block that owns it (for edge orientation). */
function sourceOrder(scope: Scope, col: Resolved): number {
  let s: Scope | undefined = scope;
  for (let d = 0; d < col.depth && s; d++) s = s.parent;
  return s?.sources.indexOf(col.source as Source) ?? 0;
}

function cteInfo(cte: CommonTableExpr, bodyColumns: readonly string[] | undefined): CteInfo {
  return compact({ columns: aliasColumns(cte.aliascolnames) ?? bodyColumns });
}

function aliasColumns(colnames: Node[] | undefined): readonly string[] | undefined {
  return colnames && colnames.length > 0 ? stringValues(colnames) : undefined;
}

function insertSource(select: SelectStmt | undefined): InsertShape['source'] {
  if (!select) return 'default-values';
  return select.valuesLists && select.valuesLists.length > 0 ? 'values' : 'select';
}

function resTargets(list: Node[] | undefined): ResTarget[] {
  return (list ?? []).flatMap((n) => ('ResTarget' in n ? [n.ResTarget] : []));
}

/** `SET (a, b) = (...)` repeats the source for every column: walk it once. */
function assignedValue(target: ResTarget): Node | undefined {
  const val = target.val;
  if (val && 'MultiAssignRef' in val) return val.MultiAssignRef.colno === 1 ? val.MultiAssignRef.source : undefined;
  return val;
}

function stringValues(nodes: Node[] | undefined): string[] {
  return (nodes ?? []).flatMap((n) => ('String' in n ? [n.String.sval ?? ''] : []));
}

function operatorName(name: Node[] | undefined): string {
  return stringValues(name).at(-1) ?? '';
}

function isStar(ref: ColumnRef): boolean {
  return (ref.fields ?? []).some((f) => 'A_Star' in f);
}

function containsSubLink(node: Node): boolean {
  let found = false;
  walkNodes(node, (n) => {
    if ('SubLink' in n) found = true;
    return !found;
  });
  return found;
}

function ordinalOf(node: Node | undefined): number | undefined {
  if (!node || !('A_Const' in node) || !node.A_Const.ival) return undefined;
  return node.A_Const.ival.ival ?? 0;
}

/** The select-list entry whose AS name a bare identifier matches. */
function targetNamed(node: Node | undefined, targets: readonly TargetInfo[]): TargetInfo | undefined {
  if (!node || !('ColumnRef' in node)) return undefined;
  const fields = node.ColumnRef.fields ?? [];
  const [only] = stringValues(fields);
  if (fields.length !== 1 || only === undefined) return undefined;
  return targets.find((t) => t.explicitName === only && !t.star);
}

function withoutName(use: ProjectedItem): ColumnUse {
  const { name: _name, star: _star, ...rest } = use;
  return rest;
}

/** The column name PostgreSQL gives an unnamed select-list entry. */
function outputName(node: Node | undefined): string {
  if (!node) return '?column?';
  if ('ColumnRef' in node) return stringValues(node.ColumnRef.fields).at(-1) ?? '?column?';
  if ('FuncCall' in node) return functionName(node.FuncCall);
  if ('TypeCast' in node) {
    const inner = outputName(node.TypeCast.arg);
    return inner !== '?column?' ? inner : (stringValues(node.TypeCast.typeName?.names).at(-1) ?? inner);
  }
  return '?column?';
}

function rowCount(node: Node | undefined): RowCount | undefined {
  if (!node) return undefined;
  if ('ParamRef' in node) return 'param';
  if ('TypeCast' in node) return rowCount(node.TypeCast.arg);
  if ('A_Const' in node) {
    const value = constantValue(node.A_Const);
    return value?.kind === 'constant' && typeof value.value === 'number' ? value.value : undefined;
  }
  return undefined;
}

/**
 * libpg_query omits zero/false/empty fields, so `0` arrives as `{ ival: {} }`
 * and `false` as `{ boolval: {} }`. Returns undefined for bit strings.
 */
function constantValue(c: A_Const): ValueRef | undefined {
  if (c.isnull) return { kind: 'constant', value: null };
  if (c.sval) return { kind: 'constant', value: c.sval.sval ?? '' };
  if (c.ival) return { kind: 'constant', value: c.ival.ival ?? 0 };
  if (c.boolval) return { kind: 'constant', value: c.boolval.boolval ?? false };
  if (c.fval) {
    const text = c.fval.fval ?? '0';
    const n = Number(text);
    // Keep numbers JSON-safe and exact: 9007199254740993 stays an expression.
    const exact = Number.isFinite(n) && (!/^-?\d+$/.test(text) || Number.isSafeInteger(n));
    return exact ? { kind: 'constant', value: n } : undefined;
  }
  return undefined;
}

function expressionValue(node: Node): ValueRef {
  const params = new Set<number>();
  walkNodes(node, (n) => {
    if ('ParamRef' in n) params.add(n.ParamRef.number ?? 0);
    return !('SubLink' in n);
  });
  return { kind: 'expression', text: printExpr(node), params: [...params].sort((a, b) => a - b) };
}

function constantsOf(value: ValueRef): Constant[] | undefined {
  if (value.kind !== 'list' || value.items.length === 0) return undefined;
  const constants: Constant[] = [];
  for (const item of value.items) {
    if (item.kind !== 'constant') return undefined;
    constants.push(item.value);
  }
  return constants;
}

function locationOf(node: unknown): number {
  let min = Number.POSITIVE_INFINITY;
  walkNodes(node, (n) => {
    const loc = (Object.values(n)[0] as { location?: unknown }).location;
    if (typeof loc === 'number' && loc >= 0 && loc < min) min = loc;
  });
  return Number.isFinite(min) ? min : 0;
}

function maxLocation(node: unknown): number {
  let max = 0;
  walkNodes(node, (n) => {
    const loc = (Object.values(n)[0] as { location?: unknown }).location;
    if (typeof loc === 'number' && loc > max) max = loc;
  });
  return max;
}

function inSourceOrder<T>(items: readonly Positioned<T>[]): T[] {
  return [...items].sort((a, b) => a.pos - b.pos).map((p) => p.item); // Array#sort is stable
}

/** Drops undefined-valued keys so shapes compare and serialise cleanly. */
function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = v;
  return out as T;
}

// ---------------------------------------------------------------------------
// Expression printer
// ---------------------------------------------------------------------------
// libpg-query 18 (WASM build) exports parse/fingerprint/normalize/scan but no
// deparse (see node_modules/libpg-query/wasm/index.d.ts), and pulling in a
// separate deparser package is out of scope here, so this prints the handful
// of expression node kinds that occur in predicates, select lists and keys.
// Output is deterministic, not byte-identical to the source: nested operator
// expressions get parentheses, casts print as `x::type` (typed literals such
// as `interval '30 days'` as written), and pg_catalog prefixes are dropped.
// Unknown node kinds print as `<NodeTag>`.

interface PrintOptions {
  /** Print column references without their qualifier (for expressions attributed to one table). */
  readonly bare?: boolean;
}

/** Reserved and type/function-name keywords: quoted when used as identifiers. */
const KEYWORDS = new Set(
  ('all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create ' +
    'current_catalog current_date current_role current_time current_timestamp current_user default deferrable desc ' +
    'distinct do else end except false fetch for foreign from grant group having in initially intersect into lateral ' +
    'leading limit localtime localtimestamp not null offset on only or order placing primary references returning ' +
    'select session_user some symmetric system_user table then to trailing true union unique user using variadic when ' +
    'where window with authorization binary collation concurrently cross current_schema freeze full ilike inner is ' +
    'isnull join left like natural notnull outer overlaps right similar tablesample verbose').split(' '),
);

function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) && !KEYWORDS.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Prints a small expression as SQL text; see the note above. */
export function printExpr(node: Node | undefined, options: PrintOptions = {}): string {
  if (!node) return '';
  const p = (n: Node | undefined) => printExpr(n, options);
  const operand = (n: Node | undefined) => (n && ('A_Expr' in n || 'BoolExpr' in n) ? `(${p(n)})` : p(n));
  const list = (ns: Node[] | undefined) => (ns ?? []).map(p).join(', ');

  if ('ColumnRef' in node) return printColumnRef(node.ColumnRef, options);
  if ('ParamRef' in node) return `$${node.ParamRef.number ?? 0}`;
  if ('A_Const' in node) return printConst(node.A_Const);
  if ('TypeCast' in node) return printCast(node.TypeCast, operand);
  if ('FuncCall' in node) return printFuncCall(node.FuncCall, p);
  if ('A_Expr' in node) return printAExpr(node.A_Expr, p, operand);
  if ('BoolExpr' in node) {
    const args = node.BoolExpr.args ?? [];
    if (node.BoolExpr.boolop === 'NOT_EXPR') return `NOT ${operand(args[0])}`;
    return args.map(operand).join(node.BoolExpr.boolop === 'OR_EXPR' ? ' OR ' : ' AND ');
  }
  if ('NullTest' in node) {
    return `${operand(node.NullTest.arg)} ${node.NullTest.nulltesttype === 'IS_NOT_NULL' ? 'IS NOT NULL' : 'IS NULL'}`;
  }
  if ('BooleanTest' in node) {
    return `${operand(node.BooleanTest.arg)} ${(node.BooleanTest.booltesttype ?? 'IS_TRUE').replace(/_/g, ' ')}`;
  }
  if ('SubLink' in node) return printSubLink(node.SubLink, operand);
  if ('CoalesceExpr' in node) return `COALESCE(${list(node.CoalesceExpr.args)})`;
  if ('MinMaxExpr' in node) return `${node.MinMaxExpr.op === 'IS_LEAST' ? 'LEAST' : 'GREATEST'}(${list(node.MinMaxExpr.args)})`;
  if ('SQLValueFunction' in node) return (node.SQLValueFunction.op ?? '').replace(/^SVFOP_/, '').replace(/_N$/, '');
  if ('A_ArrayExpr' in node) return `ARRAY[${list(node.A_ArrayExpr.elements)}]`;
  if ('RowExpr' in node) return `ROW(${list(node.RowExpr.args)})`;
  if ('List' in node) return list(node.List.items);
  if ('CollateClause' in node) {
    return `${operand(node.CollateClause.arg)} COLLATE ${stringValues(node.CollateClause.collname).map(quoteIdent).join('.')}`;
  }
  if ('NamedArgExpr' in node) return `${quoteIdent(node.NamedArgExpr.name ?? '')} => ${p(node.NamedArgExpr.arg)}`;
  if ('CaseExpr' in node) return printCase(node.CaseExpr, p);
  if ('A_Indirection' in node) return printIndirection(node.A_Indirection, p);
  if ('A_Star' in node) return '*';
  return `<${nodeTag(node) ?? 'unknown'}>`;
}

function printColumnRef(ref: ColumnRef, options: PrintOptions): string {
  const parts = (ref.fields ?? []).map((f) => ('A_Star' in f ? '*' : quoteIdent('String' in f ? (f.String.sval ?? '') : '')));
  return options.bare && parts.length > 1 ? (parts.at(-1) as string) : parts.join('.');
}

function printConst(c: A_Const): string {
  if (c.isnull) return 'NULL';
  if (c.sval) return quoteLiteral(c.sval.sval ?? '');
  if (c.ival) return String(c.ival.ival ?? 0);
  if (c.fval) return c.fval.fval ?? '0';
  if (c.boolval) return c.boolval.boolval ? 'true' : 'false';
  if (c.bsval) {
    const bits = c.bsval.bsval ?? '';
    return `${bits.slice(0, 1).toUpperCase()}'${bits.slice(1)}'`;
  }
  return 'NULL';
}

function printTypeName(type: TypeName | undefined): string {
  const names = stringValues(type?.names);
  const path = names[0] === 'pg_catalog' ? names.slice(1) : names;
  const mods = (type?.typmods ?? []).map((m) => printExpr(m)).join(', ');
  const bounds = '[]'.repeat(type?.arrayBounds?.length ?? 0);
  return `${path.map(quoteIdent).join('.')}${mods ? `(${mods})` : ''}${bounds}`;
}

/** `interval '30 days'` (type written before the literal) prints as written; other casts as `x::type`. */
function printCast(cast: TypeCast, operand: (n: Node | undefined) => string): string {
  const type = printTypeName(cast.typeName);
  const arg = cast.arg;
  const typeAt = cast.typeName?.location ?? -1;
  if (arg && 'A_Const' in arg && arg.A_Const.sval && typeAt >= 0 && typeAt < (arg.A_Const.location ?? -1)) {
    return `${type} ${printConst(arg.A_Const)}`;
  }
  return `${operand(arg)}::${type}`;
}

function printFuncCall(call: FuncCall, p: (n: Node | undefined) => string): string {
  const names = stringValues(call.funcname);
  const path = names[0] === 'pg_catalog' && names.length > 1 ? names.slice(1) : names;
  const args = call.agg_star ? '*' : (call.args ?? []).map(p).join(', ');
  const order = call.agg_order?.length ? ` ORDER BY ${call.agg_order.map((s) => printSortBy(s, p)).join(', ')}` : '';
  const filter = call.agg_filter ? ` FILTER (WHERE ${p(call.agg_filter)})` : '';
  const over = call.over ? ' OVER (...)' : '';
  return `${path.map(quoteIdent).join('.')}(${call.agg_distinct ? 'DISTINCT ' : ''}${args}${order})${filter}${over}`;
}

function printSortBy(node: Node, p: (n: Node | undefined) => string): string {
  if (!('SortBy' in node)) return p(node);
  const dir = node.SortBy.sortby_dir === 'SORTBY_DESC' ? ' DESC' : '';
  return `${p(node.SortBy.node)}${dir}`;
}

function printAExpr(e: A_Expr, p: (n: Node | undefined) => string, operand: (n: Node | undefined) => string): string {
  const op = operatorName(e.name);
  const l = operand(e.lexpr);
  const r = operand(e.rexpr);
  switch (e.kind) {
    case 'AEXPR_OP':
      return e.lexpr ? `${l} ${op} ${r}` : `${op}${r}`;
    case 'AEXPR_OP_ANY':
      return `${l} ${op} ANY (${p(e.rexpr)})`;
    case 'AEXPR_OP_ALL':
      return `${l} ${op} ALL (${p(e.rexpr)})`;
    case 'AEXPR_DISTINCT':
      return `${l} IS DISTINCT FROM ${r}`;
    case 'AEXPR_NOT_DISTINCT':
      return `${l} IS NOT DISTINCT FROM ${r}`;
    case 'AEXPR_NULLIF':
      return `NULLIF(${p(e.lexpr)}, ${p(e.rexpr)})`;
    case 'AEXPR_IN':
      return `${l} ${op === '<>' ? 'NOT IN' : 'IN'} (${p(e.rexpr)})`;
    case 'AEXPR_LIKE':
    case 'AEXPR_ILIKE':
      return `${l} ${LIKE_OPERATORS[op] ?? op} ${r}`;
    case 'AEXPR_SIMILAR':
      return `${l} ${op.startsWith('!') ? 'NOT SIMILAR TO' : 'SIMILAR TO'} ${r}`;
    default: {
      const kind = e.kind ?? 'AEXPR_BETWEEN';
      const items = e.rexpr && 'List' in e.rexpr ? (e.rexpr.List.items ?? []) : [];
      const word = `${kind.includes('NOT') ? 'NOT ' : ''}BETWEEN${kind.endsWith('SYM') ? ' SYMMETRIC' : ''}`;
      return `${l} ${word} ${operand(items[0])} AND ${operand(items[1])}`;
    }
  }
}

function printSubLink(link: SubLink, operand: (n: Node | undefined) => string): string {
  switch (link.subLinkType) {
    case 'EXISTS_SUBLINK':
      return 'EXISTS (subquery)';
    case 'ANY_SUBLINK':
      return link.operName
        ? `${operand(link.testexpr)} ${operatorName(link.operName)} ANY (subquery)`
        : `${operand(link.testexpr)} IN (subquery)`;
    case 'ALL_SUBLINK':
      return `${operand(link.testexpr)} ${operatorName(link.operName)} ALL (subquery)`;
    case 'ARRAY_SUBLINK':
      return 'ARRAY(subquery)';
    default:
      return '(subquery)';
  }
}

function printCase(c: { arg?: Node; args?: Node[]; defresult?: Node }, p: (n: Node | undefined) => string): string {
  const whens = (c.args ?? []).map((w) => ('CaseWhen' in w ? ` WHEN ${p(w.CaseWhen.expr)} THEN ${p(w.CaseWhen.result)}` : '')).join('');
  return `CASE${c.arg ? ` ${p(c.arg)}` : ''}${whens}${c.defresult ? ` ELSE ${p(c.defresult)}` : ''} END`;
}

function printIndirection(ind: A_Indirection, p: (n: Node | undefined) => string): string {
  const steps = ind.indirection ?? [];
  const base = p(ind.arg);
  // A field selection needs the parentheses: (d).f, not d.f (which would mean table d).
  const needsParens = !(ind.arg && 'ColumnRef' in ind.arg) || (steps[0] !== undefined && !('A_Indices' in steps[0]));
  return `${needsParens ? `(${base})` : base}${steps.map((step) => printStep(step, p)).join('')}`;
}

function printStep(node: Node, p: (n: Node | undefined) => string): string {
  if ('A_Indices' in node) {
    const { is_slice, lidx, uidx } = node.A_Indices;
    return is_slice ? `[${p(lidx)}:${p(uidx)}]` : `[${p(uidx)}]`;
  }
  if ('String' in node) return `.${quoteIdent(node.String.sval ?? '')}`;
  return '.*';
}
