import type { Node } from 'libpg-query';
import { nodeTag } from './ast-walk.js';

/** What a statement of a script is, from its parse tree: how a reader of SQL files treats it. */
export interface StatementClass {
  /** `CREATE TABLE public.orders`, `ALTER TABLE public.orders OWNER`, `COPY public.orders`. */
  readonly summary: string;
  /**
   * `schema`: it defines something (a table, an index, a function…); `privileges`: ownership and
   * grants, which name roles; `session`: settings for the rest of the script (SET, set_config);
   * `data`: rows and sequence positions (COPY, INSERT, setval); `other`: anything else.
   */
  readonly role: 'schema' | 'privileges' | 'session' | 'data' | 'other';
}

type Body = Record<string, unknown>;
const names = (list: unknown): string => ((list as { String?: { sval: string } }[] | undefined) ?? []).map((n) => n.String?.sval ?? '?').join('.');
const relation = (value: unknown): string => {
  const r = value as { schemaname?: string; relname?: string } | undefined;
  return r?.relname ? (r.schemaname ? `${r.schemaname}.${r.relname}` : r.relname) : '';
};
const OBJECT_WORDS: Readonly<Record<string, string>> = {
  OBJECT_TABLE: 'TABLE',
  OBJECT_COLUMN: 'COLUMN',
  OBJECT_INDEX: 'INDEX',
  OBJECT_VIEW: 'VIEW',
  OBJECT_MATVIEW: 'MATERIALIZED VIEW',
  OBJECT_SEQUENCE: 'SEQUENCE',
  OBJECT_TYPE: 'TYPE',
  OBJECT_DOMAIN: 'DOMAIN',
  OBJECT_FUNCTION: 'FUNCTION',
  OBJECT_PROCEDURE: 'PROCEDURE',
  OBJECT_SCHEMA: 'SCHEMA',
  OBJECT_EXTENSION: 'EXTENSION',
  OBJECT_TRIGGER: 'TRIGGER',
  OBJECT_TABCONSTRAINT: 'CONSTRAINT',
  OBJECT_DATABASE: 'DATABASE',
};
const objectWord = (objtype: unknown) => OBJECT_WORDS[String(objtype)] ?? String(objtype ?? '').replace(/^OBJECT_/, '');
/** The object a COMMENT or an ALTER … OWNER names: a list of names, or one name. */
const objectName = (object: unknown): string => {
  const o = object as { List?: { items: unknown }; String?: { sval: string }; ObjectWithArgs?: { objname: unknown } } | undefined;
  if (o?.ObjectWithArgs) return names(o.ObjectWithArgs.objname);
  return o?.List ? names(o.List.items) : (o?.String?.sval ?? relation(object));
};

/** Classifies one parsed statement; the summary names the statement and its object. */
export function classifyStatement(stmt: Node): StatementClass {
  const tag = nodeTag(stmt) ?? 'Unknown';
  const b = (stmt as unknown as Record<string, Body>)[tag] ?? {};
  const schema = (summary: string): StatementClass => ({ summary, role: 'schema' });
  switch (tag) {
    case 'CreateStmt':
      return schema(`CREATE TABLE ${relation(b.relation)}${b.partbound ? ' PARTITION' : ''}`);
    case 'IndexStmt':
      return schema(`CREATE INDEX ${b.idxname ?? ''} ON ${relation(b.relation)}`.replace('  ', ' '));
    case 'AlterTableStmt': {
      const cmds = ((b.cmds as { AlterTableCmd?: Body }[]) ?? []).map((c) => String(c.AlterTableCmd?.subtype ?? ''));
      const what = objectWord(b.objtype);
      if (cmds.length > 0 && cmds.every((c) => c === 'AT_ChangeOwner')) return { summary: `ALTER ${what} ${relation(b.relation)} OWNER`, role: 'privileges' };
      return schema(`ALTER ${what} ${relation(b.relation)}${cmds.length === 1 ? ` ${cmds[0]!.replace(/^AT_/, '')}` : ''}`);
    }
    case 'CreateEnumStmt':
      return schema(`CREATE TYPE ${names(b.typeName)} AS ENUM`);
    case 'CommentStmt':
      return schema(`COMMENT ON ${objectWord(b.objtype)} ${objectName(b.object)}`);
    case 'CreateFunctionStmt':
      return schema(`CREATE ${b.is_procedure ? 'PROCEDURE' : 'FUNCTION'} ${names(b.funcname)}`);
    case 'CreateTrigStmt':
      return schema(`CREATE TRIGGER ${b.trigname} ON ${relation(b.relation)}`);
    case 'ViewStmt':
      return schema(`CREATE VIEW ${relation(b.view)}`);
    case 'CreateTableAsStmt':
      return schema(`CREATE ${b.objtype === 'OBJECT_MATVIEW' ? 'MATERIALIZED VIEW' : 'TABLE'} ${relation((b.into as Body | undefined)?.rel)}`);
    case 'CreateDomainStmt':
      return schema(`CREATE DOMAIN ${names(b.domainname)}`);
    case 'CreateSeqStmt':
      return schema(`CREATE SEQUENCE ${relation(b.sequence)}`);
    case 'AlterSeqStmt':
      return schema(`ALTER SEQUENCE ${relation(b.sequence)}`);
    case 'CreateSchemaStmt':
      return schema(`CREATE SCHEMA ${b.schemaname ?? ''}`);
    case 'CreateExtensionStmt':
      return schema(`CREATE EXTENSION ${b.extname}`);
    case 'CompositeTypeStmt':
      return schema(`CREATE TYPE ${relation(b.typevar)}`);
    case 'CreatePolicyStmt':
      return schema(`CREATE POLICY ${b.policy_name} ON ${relation(b.table)}`);
    case 'RuleStmt':
      return schema(`CREATE RULE ${b.rulename} ON ${relation(b.relation)}`);
    case 'AlterOwnerStmt':
      return { summary: `ALTER ${objectWord(b.objectType)} ${objectName(b.object)} OWNER`, role: 'privileges' };
    case 'GrantStmt':
      return { summary: `${b.is_grant ? 'GRANT' : 'REVOKE'} ON ${objectWord(b.objtype)}`, role: 'privileges' };
    case 'GrantRoleStmt':
    case 'AlterDefaultPrivilegesStmt':
    case 'CreateRoleStmt':
    case 'AlterRoleStmt':
      return { summary: tagWords(tag), role: 'privileges' };
    case 'VariableSetStmt':
      return { summary: `SET ${b.name ?? ''}`.trim(), role: 'session' };
    case 'CopyStmt':
      return { summary: `COPY ${relation(b.relation)}`, role: 'data' };
    case 'InsertStmt':
      return { summary: `INSERT INTO ${relation(b.relation)}`, role: 'data' };
    case 'SelectStmt': {
      const called = selectedFunction(b);
      if (called === 'set_config') return { summary: 'SELECT set_config', role: 'session' };
      if (called === 'setval') return { summary: 'SELECT setval', role: 'data' };
      return { summary: called ? `SELECT ${called}` : 'SELECT', role: 'other' };
    }
    default:
      return { summary: tagWords(tag), role: 'other' };
  }
}

/** `SELECT pg_catalog.set_config(…)`: the function a one-call SELECT calls (pg_dump's way to set things). */
function selectedFunction(select: Body): string | undefined {
  const targets = (select.targetList as { ResTarget?: { val?: { FuncCall?: { funcname: unknown } } } }[] | undefined) ?? [];
  if (targets.length !== 1 || select.fromClause) return undefined;
  const fn = targets[0]?.ResTarget?.val?.FuncCall;
  return fn ? names(fn.funcname).split('.').pop() : undefined;
}

/** `CreateExtensionStmt` → `CREATE EXTENSION`: the statement's kind when nothing better is known. */
const tagWords = (tag: string): string =>
  tag
    .replace(/Stmt$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toUpperCase();
