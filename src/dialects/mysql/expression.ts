import { parsePg } from '../../sql/pg-parser.js';
import { quoteMysqlIdentifier as q, quoteMysqlLiteral } from './quote.js';

/**
 * PostgreSQL expressions (index keys, view groups, checks, defaults: the model keeps them in
 * PostgreSQL's SQL) rewritten as MySQL/MariaDB SQL, for the forms the analyses write: columns and
 * constants, arithmetic and comparisons, lower/upper/coalesce/length, date_trunc, casts, `->>`
 * and `->` on JSON, now() and intervals. Anything else is not guessed at: the caller gets
 * undefined and states a substitution. The result carries the MySQL type of its value where
 * known, so a generated column can be declared with it. Needs the PostgreSQL parser loaded.
 */
export interface MysqlExpression {
  readonly sql: string;
  /** The value's MySQL type (`VARCHAR(254)`, `DATETIME(6)`), when known. */
  readonly type?: string;
}

/** A column's MySQL type by name, for typing expressions over it. */
export type ColumnTypes = (column: string) => string | undefined;

export function translatePgExpression(expression: string, columnTypes: ColumnTypes): MysqlExpression | undefined {
  const parsed = parsePg(`SELECT ${expression}`);
  if (!parsed.ok) return undefined;
  const stmts = parsed.result.stmts ?? [];
  const targets = (stmts[0]?.stmt as { SelectStmt?: { targetList?: unknown[]; fromClause?: unknown } } | undefined)?.SelectStmt;
  if (stmts.length !== 1 || !targets?.targetList || targets.targetList.length !== 1 || targets.fromClause) return undefined;
  const value = (targets.targetList[0] as { ResTarget?: { val?: unknown } }).ResTarget?.val;
  try {
    return node(value, columnTypes);
  } catch (error) {
    if (error instanceof Untranslatable) return undefined;
    throw error;
  }
}

class Untranslatable extends Error {}
const fail = (): never => {
  throw new Untranslatable();
};

type Node = Record<string, any>;

const names = (list: unknown): string[] => ((list as Node[] | undefined) ?? []).map((n) => String(n.String?.sval ?? fail()));

/** DATE_FORMAT patterns that cut a datetime down to the unit date_trunc names. */
const TRUNCATE_FORMAT: Readonly<Record<string, string>> = {
  year: '%Y-01-01',
  month: '%Y-%m-01',
  day: '%Y-%m-%d',
  hour: '%Y-%m-%d %H:00:00',
  minute: '%Y-%m-%d %H:%i:00',
  second: '%Y-%m-%d %H:%i:%s',
};

const INTERVAL_UNITS: Readonly<Record<string, string>> = {
  second: 'SECOND',
  minute: 'MINUTE',
  hour: 'HOUR',
  day: 'DAY',
  week: 'WEEK',
  month: 'MONTH',
  year: 'YEAR',
};

const CAST_TYPES: Readonly<Record<string, { cast: string; type: string }>> = {
  date: { cast: 'DATE', type: 'DATE' },
  text: { cast: 'CHAR', type: 'LONGTEXT' },
  varchar: { cast: 'CHAR', type: 'LONGTEXT' },
  int2: { cast: 'SIGNED', type: 'SMALLINT' },
  int4: { cast: 'SIGNED', type: 'INT' },
  int8: { cast: 'SIGNED', type: 'BIGINT' },
  numeric: { cast: 'DECIMAL(65,30)', type: 'DECIMAL(65,30)' },
  float8: { cast: 'DOUBLE', type: 'DOUBLE' },
  timestamp: { cast: 'DATETIME(6)', type: 'DATETIME(6)' },
  timestamptz: { cast: 'DATETIME(6)', type: 'DATETIME(6)' },
};

const COMPARISONS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);

function node(value: unknown, types: ColumnTypes): MysqlExpression {
  const n = value as Node | undefined;
  if (!n) return fail();
  if (n.ColumnRef) {
    const fields = names(n.ColumnRef.fields);
    if (fields.length !== 1) return fail();
    const type = types(fields[0]!);
    return type === undefined ? fail() : { sql: q(fields[0]!), type };
  }
  if (n.A_Const) return constant(n.A_Const);
  if (n.FuncCall) return call(n.FuncCall, types);
  if (n.TypeCast) return cast(n.TypeCast, types);
  if (n.A_Expr) return operator(n.A_Expr, types);
  if (n.BoolExpr) {
    const args = (n.BoolExpr.args as unknown[]).map((a) => node(a, types).sql);
    if (n.BoolExpr.boolop === 'NOT_EXPR') return { sql: `NOT (${args[0]})`, type: 'BOOLEAN' };
    const joiner = n.BoolExpr.boolop === 'AND_EXPR' ? ' AND ' : n.BoolExpr.boolop === 'OR_EXPR' ? ' OR ' : fail();
    return { sql: `(${args.join(joiner)})`, type: 'BOOLEAN' };
  }
  if (n.NullTest) return { sql: `${node(n.NullTest.arg, types).sql} ${n.NullTest.nulltesttype === 'IS_NULL' ? 'IS NULL' : 'IS NOT NULL'}`, type: 'BOOLEAN' };
  return fail();
}

function constant(c: Node): MysqlExpression {
  if (c.isnull) return { sql: 'NULL' };
  if (c.sval) return { sql: quoteMysqlLiteral(String(c.sval.sval ?? '')), type: 'LONGTEXT' };
  if (c.ival) return { sql: String(c.ival.ival ?? 0), type: 'BIGINT' };
  if (c.fval) return { sql: String(c.fval.fval), type: 'DOUBLE' };
  if (c.boolval) return { sql: c.boolval.boolval ? 'TRUE' : 'FALSE', type: 'BOOLEAN' };
  return fail();
}

function stringConstant(value: unknown): string {
  const c = (value as Node | undefined)?.A_Const;
  return c?.sval ? String(c.sval.sval ?? '') : fail();
}

function call(f: Node, types: ColumnTypes): MysqlExpression {
  const name = names(f.funcname).at(-1)!.toLowerCase();
  if (f.agg_star || f.agg_distinct || f.over || f.agg_filter) return fail();
  const args = (f.args as unknown[] | undefined) ?? [];
  const each = () => args.map((a) => node(a, types));
  switch (name) {
    case 'lower':
    case 'upper': {
      const [arg] = each();
      return args.length === 1 ? { sql: `${name.toUpperCase()}(${arg!.sql})`, ...(arg!.type ? { type: arg!.type } : {}) } : fail();
    }
    case 'btrim':
    case 'trim': {
      const [arg] = each();
      return args.length === 1 ? { sql: `TRIM(${arg!.sql})`, ...(arg!.type ? { type: arg!.type } : {}) } : fail();
    }
    case 'length':
    case 'char_length':
      return args.length === 1 ? { sql: `CHAR_LENGTH(${each()[0]!.sql})`, type: 'INT' } : fail();
    case 'abs': {
      const [arg] = each();
      return args.length === 1 ? { sql: `ABS(${arg!.sql})`, ...(arg!.type ? { type: arg!.type } : {}) } : fail();
    }
    case 'coalesce': {
      const parts = each();
      return { sql: `COALESCE(${parts.map((p) => p.sql).join(', ')})`, ...(parts[0]?.type ? { type: parts[0].type } : {}) };
    }
    case 'now':
      return args.length === 0 ? { sql: 'NOW(6)', type: 'DATETIME(6)' } : fail();
    case 'date_trunc': {
      if (args.length !== 2) return fail();
      const unit = stringConstant(args[0]).toLowerCase();
      const arg = node(args[1], types).sql;
      if (unit === 'week') return { sql: `CAST(DATE(${arg}) - INTERVAL WEEKDAY(${arg}) DAY AS DATETIME(6))`, type: 'DATETIME(6)' };
      const format = TRUNCATE_FORMAT[unit] ?? fail();
      return { sql: `CAST(DATE_FORMAT(${arg}, ${quoteMysqlLiteral(format)}) AS DATETIME(6))`, type: 'DATETIME(6)' };
    }
    default:
      return fail();
  }
}

function cast(c: Node, types: ColumnTypes): MysqlExpression {
  const type = names(c.typeName?.names).at(-1)!.toLowerCase();
  if (type === 'interval') return interval(stringConstant(c.arg));
  const target = CAST_TYPES[type] ?? fail();
  return { sql: `CAST(${node(c.arg, types).sql} AS ${target.cast})`, type: target.type };
}

/** `'5 minutes'` -> `INTERVAL 5 MINUTE`: one number and one unit, as the patterns write windows. */
function interval(text: string): MysqlExpression {
  const match = /^\s*(\d+)\s*([a-z]+?)s?\s*$/i.exec(text) ?? fail();
  const unit = INTERVAL_UNITS[match[2]!.toLowerCase()] ?? fail();
  return { sql: `INTERVAL ${match[1]} ${unit}` };
}

function operator(e: Node, types: ColumnTypes): MysqlExpression {
  const op = names(e.name).at(-1)!;
  if (e.kind === 'AEXPR_IN') {
    const items = (((e.rexpr as Node | undefined)?.List?.items as unknown[] | undefined) ?? fail()).map((i) => node(i, types).sql);
    return { sql: `${node(e.lexpr, types).sql} ${op === '<>' ? 'NOT IN' : 'IN'} (${items.join(', ')})`, type: 'BOOLEAN' };
  }
  if (e.kind !== 'AEXPR_OP') return fail();
  if (!e.lexpr) return op === '-' ? { sql: `-${node(e.rexpr, types).sql}` } : fail();
  const left = node(e.lexpr, types);
  const right = node(e.rexpr, types);
  if (op === '->>' || op === '->') {
    const key = right.sql.startsWith("'") ? stringConstant(e.rexpr) : fail();
    const path = quoteMysqlLiteral(`$."${key.replace(/["\\]/g, '\\$&')}"`);
    return op === '->>'
      ? { sql: `JSON_UNQUOTE(JSON_EXTRACT(${left.sql}, ${path}))`, type: 'LONGTEXT' }
      : { sql: `JSON_EXTRACT(${left.sql}, ${path})`, type: 'JSON' };
  }
  if (op === '||') return { sql: `CONCAT(${left.sql}, ${right.sql})`, type: 'LONGTEXT' };
  if (COMPARISONS.has(op)) return { sql: `${left.sql} ${op === '!=' ? '<>' : op} ${right.sql}`, type: 'BOOLEAN' };
  if (ARITHMETIC.has(op)) return { sql: `(${left.sql} ${op} ${right.sql})`, ...(left.type ? { type: left.type } : {}) };
  return fail();
}
