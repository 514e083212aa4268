import type { Diagnostic, SourceLocation } from '../diagnostics/diagnostic.js';
import { runRuleSet } from '../diagnostics/rule.js';
import type { Dialect } from '../dialects/dialect.js';
import { defaultDialect, getDialect } from '../dialects/registry.js';
import type { Introspection } from '../model/introspection.js';
import type { Security } from '../model/parts/security.js';
import type { Schema } from '../model/schema.js';
import { type AuditContext, type AuditFacts, type RowEstimate, SIGNED_INTEGER_MAX, type Tenancy } from '../rules/audit/context.js';
import { auditRules } from '../rules/audit/index.js';
import { loadSpecFile } from '../spec/load-spec.js';
import { readSourceFile } from '../spec/read-source.js';
import { parseYaml } from '../spec/yaml-document.js';
import { designFromSpec } from './design.js';
import { introspect, type IntrospectTargetOptions } from './introspect.js';

export interface AuditOptions extends IntrospectTargetOptions {
  /** How tenants share the database, when the caller knows (a spec states its own). */
  readonly tenancy?: Tenancy;
}

export type AuditResult =
  | { readonly ok: true; readonly diagnostics: readonly Diagnostic[]; readonly introspection: Introspection }
  /** The input could not be read as a spec (its diagnostics say where and why): nothing was audited. */
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** What `audit` reads an input as: a spec by its extension, a SQL file, or a connection URL. */
export type AuditInput = 'spec' | 'sql-file' | 'url';

export function auditInputKind(target: string): AuditInput | undefined {
  if (/\.ya?ml$/i.test(target)) return 'spec';
  if (/\.sql$/i.test(target)) return 'sql-file';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return 'url';
  return undefined;
}

/**
 * Audits a spec (as `design` would build it), a SQL file or a live database (through
 * `introspect`). A spec with errors gives them back, `ok: false`; a target of no known kind, or an
 * introspection that fails, throws (the CLI tells them apart: bad input, or engine and connection).
 */
export async function audit(target: string, options: AuditOptions = {}): Promise<AuditResult> {
  const kind = auditInputKind(target);
  if (kind === undefined) throw new AuditInputError(target);
  if (kind === 'spec') return auditSpecFile(target, options);
  const { tenancy, ...introspectOptions } = options;
  const read = await introspect(target, introspectOptions);
  if (!read.ok) throw new AuditReadError(read.failure, read.message);
  const introspection = read.introspection;
  return { ok: true, introspection, diagnostics: auditIntrospection(introspection, tenancy ? { tenancy } : {}) };
}

/** The SQL file or database could not be read: `input` when the target is wrong (exit 2), `engine` when the database failed (exit 3). The message is safe to print. */
export class AuditReadError extends Error {
  constructor(
    readonly failure: 'input' | 'engine',
    message: string,
  ) {
    super(message);
  }
}

/** The input is neither a spec, a SQL file nor a connection URL. */
export class AuditInputError extends Error {
  constructor(readonly target: string) {
    super(`\`${target}\` is not a spec (.yaml), a SQL file (.sql) or a connection URL (postgres://…, mysql://…)`);
  }
}

/**
 * The core of the audit: every audit rule on one introspection, with the facts of its dialect.
 * Findings about a table point at its CREATE TABLE when the introspection read a SQL file, or at
 * the places given (a spec's entities).
 */
export function auditIntrospection(
  introspection: Introspection,
  options: { readonly tenancy?: Tenancy; readonly locations?: ReadonlyMap<string, SourceLocation> } = {},
): Diagnostic[] {
  const context: AuditContext = {
    introspection,
    facts: auditFacts(introspection),
    locations: options.locations ?? statementLocations(introspection),
    ...(options.tenancy ? { tenancy: options.tenancy } : {}),
  };
  return runRuleSet(auditRules, context);
}

/** An identifier of a statement's summary, unquoted: `"Order"` -> `Order`. */
const unquote = (part: string) => (part.startsWith('"') && part.endsWith('"') ? part.slice(1, -1).replaceAll('""', '"') : part);

/**
 * Each table's CREATE TABLE in the SQL file read (its summary names it, `CREATE TABLE public.orders`),
 * keyed as findings name tables: `namespace.name`, and the bare name in the default namespace.
 */
export function statementLocations(introspection: Introspection): Map<string, SourceLocation> {
  const locations = new Map<string, SourceLocation>();
  if (introspection.source.kind !== 'sql-file') return locations;
  for (const statement of introspection.statements ?? []) {
    const named = /^CREATE (?:UNLOGGED )?TABLE (?:IF NOT EXISTS )?(.+)$/i.exec(statement.summary)?.[1];
    if (!named) continue;
    const parts =
      named
        .trim()
        .match(/"(?:[^"]|"")*"|[^.]+/g)
        ?.map(unquote) ?? [];
    const name = parts.at(-1);
    if (!name) continue;
    const location = { file: introspection.source.location, line: statement.line, column: statement.column };
    const namespace = parts.length > 1 ? parts.at(-2)! : undefined;
    if (namespace) locations.set(`${namespace}.${name}`, location);
    if (!namespace || namespace === 'public') locations.set(name, location);
  }
  return locations;
}

/**
 * The engine's facts as plain values: integer ranges, and each table's typical row as the dialect's
 * storage model estimates it (no estimates for a dialect the tool cannot design for, such as MySQL today).
 */
export function auditFacts(introspection: Introspection): AuditFacts {
  const dialect: Dialect | undefined = getDialect(introspection.source.dialect);
  const rowEstimates = new Map<string, RowEstimate>();
  if (dialect) {
    const { schema } = introspection;
    const rows = new Map(schema.tables.map((t) => [t.name, t.stats?.rows ?? t.volume?.rows ?? 0]));
    for (const [table, size] of dialect.storage.estimateTableSizes(schema, rows))
      rowEstimates.set(table, { bytes: size.tuple.tupleBytes, outOfLine: size.tuple.toastedColumns });
  }
  return { integerMax: SIGNED_INTEGER_MAX, rowEstimates };
}

async function auditSpecFile(file: string, options: AuditOptions): Promise<AuditResult> {
  const loaded = await loadSpecFile(file);
  if (!loaded.loaded) return { ok: false, diagnostics: loaded.diagnostics };
  // The schema `design` would build (its indexes, keys and row security), on the dialect it designs for.
  const dialect = defaultDialect();
  const designed = await designFromSpec(loaded.loaded, loaded.diagnostics, { dialect });
  if (!designed.ok) return { ok: false, diagnostics: designed.diagnostics };
  const { design } = designed;
  const introspection: Introspection = {
    schema: withRowSecurity(design.schema, design.security),
    source: { dialect: dialect.name, kind: 'spec', location: file, serverVersion: `none: designed for ${dialect.displayName} from the spec`, namespaces: [] },
    statsSince: null,
  };
  const tenancy = options.tenancy ?? loaded.loaded.spec.requirements.tenancy;
  return { ok: true, introspection, diagnostics: auditIntrospection(introspection, { tenancy, locations: await entityLocations(file, introspection.schema) }) };
}

/** Each table that is an entity of the spec, at its key under `entities` (the tables the design adds have no place of their own). */
async function entityLocations(file: string, schema: Schema): Promise<Map<string, SourceLocation>> {
  const locations = new Map<string, SourceLocation>();
  const source = await readSourceFile(file);
  if (!source.ok) return locations;
  const yaml = parseYaml(file, source.text);
  for (const table of schema.tables) {
    const entity = /^entities\.(.+)$/.exec(table.origin)?.[1];
    if (entity) locations.set(table.name, yaml.locate(['entities', entity], 'key'));
  }
  return locations;
}

/** The design's security script enables row-level security on its tenant tables: the audited schema says so for every table, as a PostgreSQL database would. */
function withRowSecurity(schema: Schema, security: Security): Schema {
  return {
    ...schema,
    tables: schema.tables.map((table) => {
      const policies = security.rowLevelSecurity.filter((p) => p.table === table.name);
      if (!policies.length) return { ...table, rowSecurity: { enabled: false, forced: false, policies: [] } };
      return {
        ...table,
        rowSecurity: {
          enabled: true,
          forced: policies.some((p) => p.force),
          policies: policies.map((p) => ({
            name: p.policy,
            command: 'all' as const,
            permissive: true,
            roles: [],
            using: `${p.column} = current_setting('${p.setting}')`,
          })),
        },
      };
    }),
  };
}
