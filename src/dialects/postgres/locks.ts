import type { AlterTableCmd, AlterTableStmt, ColumnDef, Constraint, Node, RangeVar } from 'libpg-query';
import { type Blocked, type DialectLocks, type StatementLock, TABLE_LOCK_MODES, type TableLockMode, type TableWork } from '../locks.js';

/**
 * Which lock each DDL statement takes in PostgreSQL, read from libpg-query's parse tree. Written by
 * hand because no library has the table: the facts are PostgreSQL's documentation, "ALTER TABLE"
 * (https://www.postgresql.org/docs/current/sql-altertable.html, the lock each subcommand acquires
 * and when it rewrites or scans) and "Explicit Locking"
 * (https://www.postgresql.org/docs/current/explicit-locking.html, table 13.2: the statements that
 * take each mode and what conflicts with it), plus the pages of CREATE INDEX, DROP INDEX, REINDEX
 * and CREATE TRIGGER for their own forms. PostgreSQL 11 or later is assumed (a constant default is
 * metadata-only from 11, ATTACH PARTITION takes SHARE UPDATE EXCLUSIVE on the parent from 12,
 * DETACH … CONCURRENTLY and REINDEX CONCURRENTLY exist from 14 and 12).
 */
export const SOURCES = [
  'https://www.postgresql.org/docs/current/sql-altertable.html',
  'https://www.postgresql.org/docs/current/explicit-locking.html',
] as const;

/** What each mode blocks for the application: table 13.2's conflicts with reads (ACCESS SHARE) and writes (ROW EXCLUSIVE). */
export const BLOCKS: Readonly<Record<TableLockMode, Blocked>> = {
  AccessShare: 'nothing',
  RowShare: 'nothing',
  RowExclusive: 'nothing',
  ShareUpdateExclusive: 'schema changes',
  Share: 'writes',
  ShareRowExclusive: 'writes',
  Exclusive: 'writes',
  AccessExclusive: 'reads and writes',
};

/**
 * Functions a default may call without a rewrite: immutable or stable ones are evaluated once by
 * ALTER TABLE … ADD COLUMN and stored in the catalog ("ALTER TABLE", Notes: "the default value is
 * evaluated at the time of the statement and the result stored in the table's metadata").
 */
const NON_VOLATILE_FUNCTIONS = new Set([
  'now',
  'statement_timestamp',
  'transaction_timestamp',
  'current_setting',
  'lower',
  'upper',
  'coalesce',
  'make_date',
  'make_timestamp',
  'make_timestamptz',
  'make_interval',
  'to_timestamp',
  'to_date',
  'jsonb_build_object',
  'json_build_object',
  'jsonb_build_array',
  'json_build_array',
  'array_fill',
  'md5',
]);

/** Volatile functions: each row gets its own value, so PostgreSQL rewrites the table to store them. */
const VOLATILE_FUNCTIONS = new Set([
  'random',
  'gen_random_uuid',
  'uuid_generate_v1',
  'uuid_generate_v1mc',
  'uuid_generate_v4',
  'uuidv4',
  'uuidv7',
  'clock_timestamp',
  'timeofday',
  'nextval',
  'setseed',
]);

export type DefaultVolatility = 'constant' | 'stable' | 'volatile' | 'unknown';

/** How a default expression is evaluated: a constant or a stable call costs nothing; a volatile or unknown call may rewrite. */
export function defaultVolatility(expr: Node | undefined): DefaultVolatility {
  if (!expr) return 'constant';
  if ('A_Const' in expr) return 'constant';
  if ('TypeCast' in expr) return defaultVolatility(expr.TypeCast.arg);
  if ('SQLValueFunction' in expr) return 'stable';
  if ('A_Expr' in expr) return worst([defaultVolatility(expr.A_Expr.lexpr), defaultVolatility(expr.A_Expr.rexpr)]);
  if ('A_ArrayExpr' in expr) return worst((expr.A_ArrayExpr.elements ?? []).map(defaultVolatility));
  if ('FuncCall' in expr) {
    const names = expr.FuncCall.funcname ?? [];
    const last = names[names.length - 1];
    const name = last && 'String' in last ? (last.String.sval ?? '') : '';
    const args = worst((expr.FuncCall.args ?? []).map(defaultVolatility));
    if (VOLATILE_FUNCTIONS.has(name)) return 'volatile';
    if (NON_VOLATILE_FUNCTIONS.has(name)) return args === 'constant' ? 'stable' : args;
    return 'unknown';
  }
  return 'unknown';
}

const ORDER: DefaultVolatility[] = ['constant', 'stable', 'unknown', 'volatile'];
const worst = (all: DefaultVolatility[]): DefaultVolatility => all.reduce((a, b) => (ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a), 'constant');

export const relationName = (r: RangeVar | undefined): string => (r ? [r.schemaname, r.relname].filter(Boolean).join('.') : '');

const SERIAL_TYPES = new Set(['serial', 'serial2', 'serial4', 'serial8', 'smallserial', 'bigserial']);

/** The type's last name (`int4`, `varchar`, `serial`), without the pg_catalog qualifier. */
export function typeNameOf(def: ColumnDef): string {
  const names = def.typeName?.names ?? [];
  const last = names[names.length - 1];
  return last && 'String' in last ? (last.String.sval ?? '') : '';
}

const constraintsOf = (def: ColumnDef): Constraint[] => (def.constraints ?? []).flatMap((c) => ('Constraint' in c ? [c.Constraint] : []));

function lock(action: string, relation: string, mode: TableLockMode, work: TableWork, extra: Partial<StatementLock> = {}): StatementLock {
  return { action, relation, object: 'table', mode, blocks: BLOCKS[mode], work, inTransaction: true, ...extra };
}

/** ADD COLUMN: metadata-only unless a default or identity must be stored in every row ("ALTER TABLE", Notes). */
function addColumn(table: string, def: ColumnDef): StatementLock {
  const constraints = constraintsOf(def);
  if (SERIAL_TYPES.has(typeNameOf(def))) return lock('ADD COLUMN serial', table, 'AccessExclusive', 'rewrite');
  if (constraints.some((c) => c.contype === 'CONSTR_IDENTITY')) return lock('ADD COLUMN … GENERATED AS IDENTITY', table, 'AccessExclusive', 'rewrite');
  if (constraints.some((c) => c.contype === 'CONSTR_GENERATED')) return lock('ADD COLUMN … GENERATED ALWAYS AS … STORED', table, 'AccessExclusive', 'rewrite');
  const defaultExpr = constraints.find((c) => c.contype === 'CONSTR_DEFAULT')?.raw_expr;
  const volatility = defaultVolatility(defaultExpr);
  if (volatility === 'volatile') return lock('ADD COLUMN … DEFAULT volatile', table, 'AccessExclusive', 'rewrite');
  if (volatility === 'unknown')
    return lock('ADD COLUMN … DEFAULT function', table, 'AccessExclusive', 'rewrite', { unless: 'the function is stable or immutable (then metadata-only)' });
  const checks = constraints.some((c) => c.contype === 'CONSTR_CHECK' || c.contype === 'CONSTR_FOREIGN' || c.contype === 'CONSTR_UNIQUE');
  return lock(defaultExpr ? 'ADD COLUMN … DEFAULT constant' : 'ADD COLUMN', table, 'AccessExclusive', checks ? 'scan' : 'metadata');
}

/** ADD CONSTRAINT: a foreign key takes SHARE ROW EXCLUSIVE on both tables; the rest ACCESS EXCLUSIVE; NOT VALID skips the scan. */
function addConstraint(table: string, c: Constraint): StatementLock[] {
  const notValid = c.skip_validation === true;
  switch (c.contype) {
    case 'CONSTR_FOREIGN': {
      const work: TableWork = notValid ? 'metadata' : 'scan';
      return [
        lock(`ADD FOREIGN KEY${notValid ? ' … NOT VALID' : ''}`, table, 'ShareRowExclusive', work),
        lock(`ADD FOREIGN KEY${notValid ? ' … NOT VALID' : ''} (referenced table)`, relationName(c.pktable), 'ShareRowExclusive', work),
      ];
    }
    case 'CONSTR_CHECK':
      return [lock(`ADD CHECK${notValid ? ' … NOT VALID' : ''}`, table, 'AccessExclusive', notValid ? 'metadata' : 'scan')];
    case 'CONSTR_PRIMARY':
    case 'CONSTR_UNIQUE': {
      const kind = c.contype === 'CONSTR_PRIMARY' ? 'PRIMARY KEY' : 'UNIQUE';
      // USING INDEX adopts an index built beforehand (CONCURRENTLY): no build under the lock.
      if (c.indexname) return [lock(`ADD ${kind} USING INDEX`, table, 'AccessExclusive', 'metadata')];
      return [lock(`ADD ${kind}`, table, 'AccessExclusive', 'scan')];
    }
    case 'CONSTR_EXCLUSION':
      return [lock('ADD EXCLUDE', table, 'AccessExclusive', 'scan')];
    default:
      return [lock('ADD CONSTRAINT', table, 'AccessExclusive', 'metadata')];
  }
}

/** One ALTER TABLE subcommand. The default is ACCESS EXCLUSIVE "unless explicitly noted" ("ALTER TABLE", Description). */
function alterTableCmd(table: string, cmd: AlterTableCmd): StatementLock[] {
  const def = cmd.def;
  switch (cmd.subtype) {
    case 'AT_AddColumn':
      return def && 'ColumnDef' in def ? [addColumn(table, def.ColumnDef)] : [];
    case 'AT_AddConstraint':
      return def && 'Constraint' in def ? addConstraint(table, def.Constraint) : [];
    case 'AT_ValidateConstraint':
      return [lock('VALIDATE CONSTRAINT', table, 'ShareUpdateExclusive', 'scan')];
    case 'AT_AlterColumnType':
      return [
        lock('ALTER COLUMN … TYPE', table, 'AccessExclusive', 'rewrite', {
          unless: 'the old type is binary coercible to the new one (varchar(n) to a longer varchar or to text): then only the indexes on it may be rebuilt',
        }),
      ];
    case 'AT_SetNotNull':
      return [
        lock('ALTER COLUMN … SET NOT NULL', table, 'AccessExclusive', 'scan', { unless: 'a valid CHECK (column IS NOT NULL) proves it (PostgreSQL 12+)' }),
      ];
    case 'AT_DropNotNull':
      return [lock('ALTER COLUMN … DROP NOT NULL', table, 'AccessExclusive', 'metadata')];
    case 'AT_ColumnDefault':
      return [lock(def ? 'ALTER COLUMN … SET DEFAULT' : 'ALTER COLUMN … DROP DEFAULT', table, 'AccessExclusive', 'metadata')];
    case 'AT_DropColumn':
      return [lock('DROP COLUMN', table, 'AccessExclusive', 'metadata')];
    case 'AT_DropConstraint':
      return [lock('DROP CONSTRAINT', table, 'AccessExclusive', 'metadata')];
    case 'AT_AddIdentity':
      return [lock('ALTER COLUMN … ADD GENERATED AS IDENTITY', table, 'AccessExclusive', 'metadata')];
    case 'AT_SetStatistics':
    case 'AT_SetOptions':
    case 'AT_ResetOptions':
    case 'AT_ClusterOn':
    case 'AT_DropCluster':
      return [
        lock(cmd.subtype === 'AT_SetStatistics' ? 'ALTER COLUMN … SET STATISTICS' : 'SET/RESET option, CLUSTER ON', table, 'ShareUpdateExclusive', 'metadata'),
      ];
    case 'AT_SetRelOptions':
    case 'AT_ResetRelOptions':
      // fillfactor, autovacuum and toast parameters take SHARE UPDATE EXCLUSIVE; the table is not rewritten.
      return [lock('SET (storage parameter)', table, 'ShareUpdateExclusive', 'metadata')];
    case 'AT_EnableTrig':
    case 'AT_DisableTrig':
    case 'AT_EnableAlwaysTrig':
    case 'AT_EnableReplicaTrig':
    case 'AT_EnableTrigAll':
    case 'AT_DisableTrigAll':
    case 'AT_EnableTrigUser':
    case 'AT_DisableTrigUser':
      return [lock('ENABLE/DISABLE TRIGGER', table, 'ShareRowExclusive', 'metadata')];
    case 'AT_SetTableSpace':
    case 'AT_SetLogged':
    case 'AT_SetUnLogged':
    case 'AT_SetAccessMethod':
      return [lock('SET TABLESPACE / LOGGED / UNLOGGED / ACCESS METHOD', table, 'AccessExclusive', 'rewrite')];
    case 'AT_AttachPartition': {
      const partition = def && 'PartitionCmd' in def ? relationName(def.PartitionCmd.name) : '';
      // The parent: SHARE UPDATE EXCLUSIVE; the partition: ACCESS EXCLUSIVE and a scan to prove the bound, unless a CHECK implies it.
      return [
        lock('ATTACH PARTITION (parent)', table, 'ShareUpdateExclusive', 'metadata'),
        lock('ATTACH PARTITION', partition, 'AccessExclusive', 'scan', { unless: 'a valid CHECK constraint on the partition implies its bound' }),
      ];
    }
    case 'AT_DetachPartition': {
      const concurrent = def && 'PartitionCmd' in def && def.PartitionCmd.concurrent === true;
      const partition = def && 'PartitionCmd' in def ? relationName(def.PartitionCmd.name) : '';
      const mode: TableLockMode = concurrent ? 'ShareUpdateExclusive' : 'AccessExclusive';
      const action = concurrent ? 'DETACH PARTITION … CONCURRENTLY' : 'DETACH PARTITION';
      return [
        lock(`${action} (parent)`, table, mode, 'metadata', { inTransaction: !concurrent }),
        lock(action, partition, mode, 'metadata', { inTransaction: !concurrent }),
      ];
    }
    case 'AT_DetachPartitionFinalize':
      return [lock('DETACH PARTITION … FINALIZE', table, 'ShareUpdateExclusive', 'metadata', { inTransaction: false })];
    default:
      return [lock(cmd.subtype ? cmd.subtype.replace(/^AT_/, '') : 'ALTER TABLE', table, 'AccessExclusive', 'metadata')];
  }
}

function alterTable(stmt: AlterTableStmt): StatementLock[] {
  if (stmt.objtype !== 'OBJECT_TABLE') return [];
  const table = relationName(stmt.relation);
  return (stmt.cmds ?? []).flatMap((c) => ('AlterTableCmd' in c ? alterTableCmd(table, c.AlterTableCmd) : []));
}

const lastName = (items: readonly Node[] | undefined): string =>
  (items ?? [])
    .map((i) => ('String' in i ? (i.String.sval ?? '') : ''))
    .filter(Boolean)
    .join('.');

/** The locks of one parsed statement (a RawStmt's `stmt`). */
export function locksOf(statement: Node): StatementLock[] {
  if ('AlterTableStmt' in statement) return alterTable(statement.AlterTableStmt);
  if ('IndexStmt' in statement) {
    const s = statement.IndexStmt;
    const table = relationName(s.relation);
    // CREATE INDEX: SHARE (writes wait for the whole build); CONCURRENTLY: SHARE UPDATE EXCLUSIVE, outside a transaction block.
    return s.concurrent
      ? [lock('CREATE INDEX CONCURRENTLY', table, 'ShareUpdateExclusive', 'scan', { inTransaction: false })]
      : [lock('CREATE INDEX', table, 'Share', 'scan')];
  }
  if ('DropStmt' in statement) {
    const s = statement.DropStmt;
    const names = (s.objects ?? []).map((o) => ('List' in o ? lastName(o.List.items) : ''));
    if (s.removeType === 'OBJECT_INDEX')
      return names.map((n) =>
        s.concurrent
          ? lock('DROP INDEX CONCURRENTLY', n, 'ShareUpdateExclusive', 'metadata', { object: 'index', inTransaction: false })
          : lock('DROP INDEX', n, 'AccessExclusive', 'metadata', { object: 'index' }),
      );
    if (s.removeType === 'OBJECT_TABLE') return names.map((n) => lock('DROP TABLE', n, 'AccessExclusive', 'metadata'));
    return [];
  }
  if ('ReindexStmt' in statement) {
    const s = statement.ReindexStmt;
    const concurrent = (s.params ?? []).some((p) => 'DefElem' in p && p.DefElem.defname === 'concurrently');
    const name = relationName(s.relation);
    const object = s.kind === 'REINDEX_OBJECT_INDEX' ? 'index' : 'table';
    if (s.kind !== 'REINDEX_OBJECT_INDEX' && s.kind !== 'REINDEX_OBJECT_TABLE') return [];
    // REINDEX: SHARE on the table and ACCESS EXCLUSIVE on the index (queries that would use it wait too); the index is rebuilt into a new file.
    return concurrent
      ? [lock('REINDEX … CONCURRENTLY', name, 'ShareUpdateExclusive', object === 'index' ? 'rewrite' : 'scan', { object, inTransaction: false })]
      : [lock('REINDEX', name, object === 'index' ? 'AccessExclusive' : 'Share', object === 'index' ? 'rewrite' : 'scan', { object })];
  }
  if ('TruncateStmt' in statement)
    return (statement.TruncateStmt.relations ?? []).map((r) =>
      lock('TRUNCATE', 'RangeVar' in r ? relationName(r.RangeVar) : '', 'AccessExclusive', 'metadata'),
    );
  if ('RenameStmt' in statement) {
    const s = statement.RenameStmt;
    if (s.renameType === 'OBJECT_INDEX')
      return [lock('ALTER INDEX … RENAME', relationName(s.relation), 'ShareUpdateExclusive', 'metadata', { object: 'index' })];
    if (s.renameType === 'OBJECT_TABLE' || s.renameType === 'OBJECT_COLUMN' || s.renameType === 'OBJECT_TABCONSTRAINT')
      return [
        lock(`RENAME ${s.renameType.replace('OBJECT_', '').replace('TABCONSTRAINT', 'CONSTRAINT')}`, relationName(s.relation), 'AccessExclusive', 'metadata'),
      ];
    return [];
  }
  if ('CreateTrigStmt' in statement) return [lock('CREATE TRIGGER', relationName(statement.CreateTrigStmt.relation), 'ShareRowExclusive', 'metadata')];
  if ('CreateStmt' in statement) {
    // A new table locks only the tables its foreign keys reference (SHARE ROW EXCLUSIVE), with no scan: the new table is empty.
    const s = statement.CreateStmt;
    const referenced = (s.tableElts ?? []).flatMap((e) => {
      if ('Constraint' in e && e.Constraint.contype === 'CONSTR_FOREIGN') return [e.Constraint];
      if ('ColumnDef' in e) return constraintsOf(e.ColumnDef).filter((c) => c.contype === 'CONSTR_FOREIGN');
      return [];
    });
    return referenced.map((c) => lock('CREATE TABLE … REFERENCES (referenced table)', relationName(c.pktable), 'ShareRowExclusive', 'metadata'));
  }
  if ('VacuumStmt' in statement) {
    const s = statement.VacuumStmt;
    const full = (s.options ?? []).some((o) => 'DefElem' in o && o.DefElem.defname === 'full');
    const tables = (s.rels ?? []).flatMap((r) => ('VacuumRelation' in r ? [relationName(r.VacuumRelation.relation)] : []));
    return tables.map((t) =>
      full
        ? lock('VACUUM FULL', t, 'AccessExclusive', 'rewrite', { inTransaction: false })
        : lock(s.is_vacuumcmd ? 'VACUUM' : 'ANALYZE', t, 'ShareUpdateExclusive', 'scan'),
    );
  }
  if ('ClusterStmt' in statement && statement.ClusterStmt.relation)
    return [lock('CLUSTER', relationName(statement.ClusterStmt.relation), 'AccessExclusive', 'rewrite')];
  if ('RefreshMatViewStmt' in statement) {
    const s = statement.RefreshMatViewStmt;
    return [
      s.concurrent
        ? lock('REFRESH MATERIALIZED VIEW CONCURRENTLY', relationName(s.relation), 'Exclusive', 'rewrite')
        : lock('REFRESH MATERIALIZED VIEW', relationName(s.relation), 'AccessExclusive', 'rewrite'),
    ];
  }
  if ('LockStmt' in statement) {
    const s = statement.LockStmt;
    const mode = LOCK_MODE_NUMBERS[(s.mode ?? 8) - 1] ?? 'AccessExclusive';
    return (s.relations ?? []).map((r) => lock('LOCK TABLE', 'RangeVar' in r ? relationName(r.RangeVar) : '', mode, 'metadata'));
  }
  return [];
}

/** LOCK TABLE's mode as libpg-query gives it: PostgreSQL's lock numbers 1 (ACCESS SHARE) to 8 (ACCESS EXCLUSIVE). */
// TABLE_LOCK_MODES lists the modes weakest first, which is PostgreSQL's numbering from 1.
const LOCK_MODE_NUMBERS: readonly TableLockMode[] = TABLE_LOCK_MODES;

export const postgresLocks: DialectLocks = { source: SOURCES, locksOf };
