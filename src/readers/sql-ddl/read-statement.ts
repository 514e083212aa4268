import type { ColumnDef, CommentStmt, Constraint, CreateEnumStmt, CreateStmt, IndexElem, IndexStmt, Node, AlterTableStmt, RangeVar } from 'libpg-query';
import type { Column, Index, Table } from '../../model/schema.js';
import { TENANT_COLUMN } from '../../model/naming.js';
import { byteToCharOffsets } from '../../sql/byte-offsets.js';
import { clauseText } from '../../sql/clause-text.js';
import { printExpr } from '../../sql/query-shape/print-expr.js';
import type { DdlReading, TableRef } from './ddl-reading.js';
import { checkOf, defaultName, foreignKeyOf, stringsOf } from './read-constraint.js';
import { logicalTypeOfName } from './type-name.js';
import { defaultOfText } from './default-text.js';

const refOf = (r: RangeVar | undefined): TableRef => ({ namespace: r?.schemaname ?? 'public', table: r?.relname ?? '' });
const origin = (ref: TableRef) => `sql file (parse tree): ${ref.namespace}.${ref.table}`;
const METHODS = new Set<Index['method']>(['btree', 'hash', 'gin', 'gist', 'spgist', 'brin']);

/**
 * Reads what a CREATE TABLE, CREATE INDEX, ALTER TABLE … ADD CONSTRAINT, CREATE TYPE … AS ENUM or
 * COMMENT ON TABLE/COLUMN says from its parse tree alone, for a statement the embedded engine could
 * not run (best effort: a type the file does not declare stays native; a serial column gets no
 * sequence state; a reference without columns names the referenced key as empty). Anything else
 * (or a form of these it cannot read, such as CREATE TABLE … PARTITION OF) gives undefined.
 * `statement` is the statement's own text, which the tree's byte locations point into.
 */
export function readDdlStatement(stmt: Node, statement: string, enums: ReadonlySet<string>): DdlReading[] | undefined {
  if ('CreateStmt' in stmt) return readCreateTable(stmt.CreateStmt, statement, enums);
  if ('IndexStmt' in stmt) return readCreateIndex(stmt.IndexStmt, statement);
  if ('AlterTableStmt' in stmt) return readAlterTable(stmt.AlterTableStmt, statement);
  if ('CreateEnumStmt' in stmt) return readEnum(stmt.CreateEnumStmt);
  if ('CommentStmt' in stmt) return readComment(stmt.CommentStmt);
  return undefined;
}

function readCreateTable(s: CreateStmt, statement: string, enums: ReadonlySet<string>): DdlReading[] | undefined {
  if (s.partbound || s.ofTypename || (s.inhRelations?.length ?? 0) > 0) return undefined;
  const ref = refOf(s.relation);
  const char = byteToCharOffsets(statement);
  const columns: Column[] = [];
  const extra: DdlReading[] = [];
  let primaryKey: Table['primaryKey'] = { name: '', columns: [] };
  const uniques: Table['uniques'] = [];
  for (const element of s.tableElts ?? []) {
    if ('ColumnDef' in element) {
      const def: ColumnDef = element.ColumnDef;
      const name = def.colname ?? '';
      const { type, serial } = logicalTypeOfName(def.typeName ?? {}, enums);
      let nullable = def.is_not_null !== true;
      let column: Column = { name, type, nullable, pii: false, origin: `${origin(ref)}.${name}` };
      if (serial) column = { ...column, default: { kind: 'sequence', sequence: qualifiedSeq(ref, name) } };
      for (const node of def.constraints ?? []) {
        if (!('Constraint' in node)) continue;
        const c: Constraint = node.Constraint;
        const at = char(c.location ?? def.location ?? 0);
        switch (c.contype) {
          case 'CONSTR_NOTNULL':
          case 'CONSTR_PRIMARY':
            nullable = false;
            if (c.contype === 'CONSTR_PRIMARY') primaryKey = { name: c.conname ?? defaultName(ref.table, [], 'pkey'), columns: [name] };
            break;
          case 'CONSTR_UNIQUE':
            uniques.push({ name: c.conname ?? defaultName(ref.table, [name], 'key'), columns: [name] });
            break;
          case 'CONSTR_DEFAULT': {
            const text = clauseText(statement, at, 'DEFAULT');
            if (text !== undefined) column = { ...column, default: defaultOfText(text, type) };
            break;
          }
          case 'CONSTR_IDENTITY':
            nullable = false;
            column = { ...column, identity: c.generated_when === 'a' ? 'always' : 'by-default' };
            break;
          case 'CONSTR_GENERATED': {
            const text = clauseText(statement, at, 'AS');
            if (text !== undefined) column = { ...column, generated: { expression: text, stored: c.generated_kind !== 'v' } };
            break;
          }
          case 'CONSTR_FOREIGN':
            extra.push({ kind: 'foreign-key', ref, foreignKey: foreignKeyOf(c, ref.table, ref.namespace, [name]) });
            break;
          case 'CONSTR_CHECK':
            extra.push({
              kind: 'check',
              ref,
              check: { ...checkOf(c, ref.table, statement, [name]), name: c.conname ?? defaultName(ref.table, [name], 'check') },
            });
            break;
          // In a column's clauses the grammar gives DEFERRABLE and INITIALLY … as nodes of their own, after the REFERENCES they qualify.
          case 'CONSTR_ATTR_DEFERRABLE':
          case 'CONSTR_ATTR_DEFERRED': {
            const last = extra.at(-1);
            if (last?.kind === 'foreign-key')
              extra[extra.length - 1] = {
                ...last,
                foreignKey: {
                  ...last.foreignKey,
                  deferrable: true,
                  initiallyDeferred: c.contype === 'CONSTR_ATTR_DEFERRED' || last.foreignKey.initiallyDeferred === true,
                },
              };
            break;
          }
        }
      }
      columns.push({ ...column, nullable });
    } else if ('Constraint' in element) {
      const reading = tableConstraint(
        element.Constraint,
        ref,
        statement,
        columns.map((c) => c.name),
      );
      if (reading?.kind === 'primary-key') primaryKey = { name: reading.name, columns: [...reading.columns] };
      else if (reading?.kind === 'unique') uniques.push({ name: reading.name, columns: [...reading.columns] });
      else if (reading) extra.push(reading);
    }
  }
  const pkColumns = new Set(primaryKey.columns);
  const fkColumns = new Set(extra.flatMap((r) => (r.kind === 'foreign-key' ? r.foreignKey.columns : [])));
  const table: Table = {
    name: ref.table,
    ...(ref.namespace !== 'public' ? { namespace: ref.namespace } : {}),
    kind: pkColumns.size > 0 && [...pkColumns].every((c) => fkColumns.has(c)) ? 'relation' : 'entity',
    columns: columns.map((c) => (pkColumns.has(c.name) ? { ...c, nullable: false } : c)),
    primaryKey,
    uniques,
    foreignKeys: [],
    checks: [],
    indexes: [],
    tenantScoped: columns.some((c) => c.name === TENANT_COLUMN),
    origin: origin(ref),
  };
  return [{ kind: 'table', ref, table }, ...extra];
}

/** A table constraint (in CREATE TABLE or ALTER TABLE … ADD CONSTRAINT); exclusion and others give undefined. */
function tableConstraint(c: Constraint, ref: TableRef, statement: string, columns: readonly string[]): DdlReading | undefined {
  const keys = stringsOf(c.keys);
  switch (c.contype) {
    case 'CONSTR_PRIMARY':
      return { kind: 'primary-key', ref, name: c.conname ?? defaultName(ref.table, [], 'pkey'), columns: keys };
    case 'CONSTR_UNIQUE':
      return { kind: 'unique', ref, name: c.conname ?? defaultName(ref.table, keys, 'key'), columns: keys };
    case 'CONSTR_FOREIGN':
      return { kind: 'foreign-key', ref, foreignKey: foreignKeyOf(c, ref.table, ref.namespace) };
    case 'CONSTR_CHECK':
      return { kind: 'check', ref, check: checkOf(c, ref.table, statement, columns) };
    default:
      return undefined;
  }
}

function readCreateIndex(s: IndexStmt, statement: string): DdlReading[] | undefined {
  const method = (s.accessMethod ?? 'btree') as Index['method'];
  if (!METHODS.has(method) || !s.idxname) return undefined;
  const ref = refOf(s.relation);
  const keys = (s.indexParams ?? []).map((p) => {
    const e: IndexElem = (p as { IndexElem: IndexElem }).IndexElem;
    const opclass = stringsOf(e.opclass).pop();
    return {
      ...(e.name ? { column: e.name } : { expression: printExpr(e.expr) }),
      ...(e.ordering === 'SORTBY_DESC' ? { order: 'desc' as const } : {}),
      ...(opclass ? { opclass } : {}),
    };
  });
  const predicate = s.whereClause ? clauseText(statement, 0, 'WHERE') : undefined;
  const index: Index = {
    name: s.idxname,
    table: ref.table,
    keys,
    include: (s.indexIncludingParams ?? []).map((p) => (p as { IndexElem: IndexElem }).IndexElem.name ?? ''),
    where: [],
    method,
    unique: s.unique === true,
    ...(predicate !== undefined ? { predicate } : {}),
    reason: `sql file (parse tree): ${ref.namespace}.${s.idxname}`,
  };
  return [{ kind: 'index', ref, index }];
}

/** ALTER TABLE … ADD CONSTRAINT (one or several); any other sub-command makes the statement unreadable here. */
function readAlterTable(s: AlterTableStmt, statement: string): DdlReading[] | undefined {
  const ref = refOf(s.relation);
  const out: DdlReading[] = [];
  for (const cmd of s.cmds ?? []) {
    const c = (cmd as { AlterTableCmd?: { subtype?: string; def?: Node } }).AlterTableCmd;
    if (c?.subtype !== 'AT_AddConstraint' || !c.def || !('Constraint' in c.def)) return undefined;
    const reading = tableConstraint(c.def.Constraint, ref, statement, []);
    if (!reading) return undefined;
    out.push(reading);
  }
  return out.length ? out : undefined;
}

function readEnum(s: CreateEnumStmt): DdlReading[] {
  const names = stringsOf(s.typeName);
  const name = names[0] === 'public' ? names.slice(1).join('.') : names.join('.');
  return [{ kind: 'enum', enumType: { name, values: stringsOf(s.vals) } }];
}

function readComment(s: CommentStmt): DdlReading[] | undefined {
  const items = stringsOf((s.object as { List?: { items?: Node[] } } | undefined)?.List?.items);
  const text = s.comment ?? null;
  if (s.objtype === 'OBJECT_TABLE' && items.length >= 1) {
    const [namespace, table] = items.length === 1 ? ['public', items[0]!] : [items[0]!, items[1]!];
    return [{ kind: 'comment', ref: { namespace, table }, text }];
  }
  if (s.objtype === 'OBJECT_COLUMN' && items.length >= 2) {
    const [namespace, table, column] = items.length === 2 ? ['public', items[0]!, items[1]!] : [items[0]!, items[1]!, items[2]!];
    return [{ kind: 'comment', ref: { namespace, table }, column, text }];
  }
  return undefined;
}

/** A serial column's sequence, named as PostgreSQL names it. */
const qualifiedSeq = (ref: TableRef, column: string) => `${ref.namespace === 'public' ? '' : `${ref.namespace}.`}${ref.table}_${column}_seq`;
