import type { Column } from '../../model/schema.js';
import { parsePg } from '../../sql/pg-parser.js';
import { quoteSqliteIdentifier as q, quoteSqliteLiteral } from './quote.js';
import { TIMESTAMP_FORMAT, TIMESTAMPTZ_FORMAT } from './types.js';

/** The columns an expression may name, so `date_trunc` keeps the column's text form. */
export type ColumnLookup = (name: string) => Column | undefined;

type Node = Record<string, unknown>;

/**
 * A PostgreSQL expression (an index key, a view's group key, a generated column, a default, a check,
 * all written in PostgreSQL syntax) as SQLite SQL, or undefined when it uses something this
 * translation does not know: the caller then states a substitution. Only forms whose meaning is the
 * same on both engines are translated; nothing is guessed.
 */
export function translatePgExpression(sql: string, columns: ColumnLookup): string | undefined {
  const parsed = parsePg(`SELECT ${sql}`);
  if (!parsed.ok) return undefined;
  const stmts = parsed.result.stmts ?? [];
  const select = stmts.length === 1 ? (stmts[0]!.stmt as Node)['SelectStmt'] : undefined;
  const targets = (select as { targetList?: Node[] } | undefined)?.targetList;
  if (!targets || targets.length !== 1) return undefined;
  const value = (targets[0]!['ResTarget'] as { val?: Node } | undefined)?.val;
  return value ? expr(value, columns) : undefined;
}

/** Functions that mean the same in both engines, PostgreSQL name -> SQLite name. */
const SAME_FUNCTIONS: Readonly<Record<string, string>> = {
  lower: 'lower',
  upper: 'upper',
  abs: 'abs',
  length: 'length',
  char_length: 'length',
  btrim: 'trim',
  ltrim: 'ltrim',
  rtrim: 'rtrim',
  replace: 'replace',
  nullif: 'nullif',
  substr: 'substr',
  round: 'round',
};

const OPERATORS = new Set(['+', '-', '*', '/', '%', '||', '=', '<>', '!=', '<', '>', '<=', '>=', '->', '->>']);
const CASTS: Readonly<Record<string, string>> = {
  text: 'TEXT',
  varchar: 'TEXT',
  int2: 'INTEGER',
  int4: 'INTEGER',
  int8: 'INTEGER',
  float8: 'REAL',
  float4: 'REAL',
};

/** date_trunc units as strftime formats: the truncated instant in the column's own text form. */
const TRUNCATED: Readonly<Record<string, string>> = {
  year: '%Y-01-01T00:00:00.000',
  month: '%Y-%m-01T00:00:00.000',
  day: '%Y-%m-%dT00:00:00.000',
  hour: '%Y-%m-%dT%H:00:00.000',
  minute: '%Y-%m-%dT%H:%M:00.000',
};

function expr(node: Node, columns: ColumnLookup): string | undefined {
  const [kind, body] = Object.entries(node)[0] ?? [];
  const n = body as Node;
  switch (kind) {
    case 'ColumnRef': {
      const fields = (n['fields'] as Node[]).map((f) => (f['String'] as { sval?: string } | undefined)?.sval);
      const name = fields.at(-1);
      // alias.column is the same column: the expressions translated here read one table.
      const column = name !== undefined && fields.length <= 2 ? columns(name) : undefined;
      // A scaled decimal (stored times 10^scale) means something else next to a constant: not translated.
      if (!column || isScaled(column)) return undefined;
      return q(column.name);
    }
    case 'A_Const':
      return constant(n);
    case 'FuncCall':
      return call(n, columns);
    case 'CoalesceExpr': {
      const args = (n['args'] as Node[]).map((a) => expr(a, columns));
      return args.every((a) => a !== undefined) ? `coalesce(${args.join(', ')})` : undefined;
    }
    case 'A_Expr':
      return operator(n, columns);
    case 'TypeCast': {
      const names = ((n['typeName'] as Node)['names'] as Node[]).map((x) => (x['String'] as { sval: string }).sval);
      const target = CASTS[names.at(-1)!];
      const inner = expr(n['arg'] as Node, columns);
      return target && inner !== undefined ? `CAST(${inner} AS ${target})` : undefined;
    }
    case 'BoolExpr': {
      const args = (n['args'] as Node[]).map((a) => expr(a, columns));
      if (args.some((a) => a === undefined)) return undefined;
      if (n['boolop'] === 'NOT_EXPR') return `NOT (${args[0]})`;
      return args.map((a) => `(${a})`).join(n['boolop'] === 'AND_EXPR' ? ' AND ' : ' OR ');
    }
    case 'NullTest': {
      const arg = expr(n['arg'] as Node, columns);
      return arg === undefined ? undefined : `${arg} IS ${n['nulltesttype'] === 'IS_NOT_NULL' ? 'NOT ' : ''}NULL`;
    }
    default:
      return undefined;
  }
}

function constant(n: Node): string | undefined {
  if (n['isnull']) return 'NULL';
  const value = n['sval'] ?? n['ival'] ?? n['fval'] ?? n['boolval'];
  if (value === undefined) return undefined;
  const inner = Object.values(value as Node)[0];
  if ('sval' in n) return quoteSqliteLiteral(String(inner ?? ''));
  if ('boolval' in n) return inner ? '1' : '0';
  return String(inner ?? 0);
}

function call(n: Node, columns: ColumnLookup): string | undefined {
  const name = (n['funcname'] as Node[]).map((x) => (x['String'] as { sval: string }).sval).at(-1)!;
  const rawArgs = (n['args'] as Node[] | undefined) ?? [];
  if (name === 'now' && rawArgs.length === 0) return `strftime('${TIMESTAMPTZ_FORMAT}', 'now')`;
  if (name === 'date_trunc' && rawArgs.length === 2) return dateTrunc(rawArgs[0]!, rawArgs[1]!, columns);
  const sqlite = SAME_FUNCTIONS[name];
  if (!sqlite || n['agg_star'] || n['agg_distinct'] || n['over']) return undefined;
  const args = rawArgs.map((a) => expr(a, columns));
  return args.every((a) => a !== undefined) ? `${sqlite}(${args.join(', ')})` : undefined;
}

/** `date_trunc('day', placed_at)`: the instant at the start of its day, in the column's text form (with `Z` for timestamptz). */
function dateTrunc(unitNode: Node, argNode: Node, columns: ColumnLookup): string | undefined {
  const unit = ((unitNode['A_Const'] as Node | undefined)?.['sval'] as { sval?: string } | undefined)?.sval;
  const ref = argNode['ColumnRef'] as Node | undefined;
  const name = ref ? ((ref['fields'] as Node[]).at(-1)?.['String'] as { sval?: string } | undefined)?.sval : undefined;
  const column = name !== undefined ? columns(name) : undefined;
  if (!unit || !column || column.type.kind !== 'timestamp') return undefined;
  const zone = column.type.withTimeZone ? 'Z' : '';
  if (unit === 'week') return `strftime('${TRUNCATED.day}${zone}', ${q(column.name)}, '-6 days', 'weekday 1')`;
  const format = TRUNCATED[unit];
  return format ? `strftime('${format}${zone}', ${q(column.name)})` : undefined;
}

function operator(n: Node, columns: ColumnLookup): string | undefined {
  if (n['kind'] !== 'AEXPR_OP') return undefined;
  const op = (n['name'] as Node[]).map((x) => (x['String'] as { sval: string }).sval).join('.');
  if (!OPERATORS.has(op) || !n['lexpr']) return undefined;
  const left = expr(n['lexpr'] as Node, columns);
  const right = expr(n['rexpr'] as Node, columns);
  if (left === undefined || right === undefined) return undefined;
  return `(${left} ${op === '!=' ? '<>' : op} ${right})`;
}

const isScaled = (column: Column): boolean => column.type.kind === 'money' || (column.type.kind === 'decimal' && column.type.scale > 0);

/** An instant `seconds` before the moment the statement runs, in the text form of a timestamp column. */
export function secondsAgo(seconds: number, withTimeZone: boolean): string {
  const span = seconds % 86_400 === 0 ? `${seconds / 86_400} days` : seconds % 3600 === 0 ? `${seconds / 3600} hours` : `${seconds} seconds`;
  return `strftime('${withTimeZone ? TIMESTAMPTZ_FORMAT : TIMESTAMP_FORMAT}', 'now', '-${span}')`;
}
