import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { plannerFor } from '../dialects/registry.js';
import { diffHooksFor, diffSchemas, RenameHintError } from '../existing/diff/index.js';
import type { MigrationPlan } from '../existing/plan/plan.js';
import { planMigration } from '../existing/plan/plan-migration.js';
import type { RenameHint, SchemaDiff } from '../model/change.js';
import { loadSchemaSide } from './diff-sides.js';
import type { PlanValidation } from '../existing/plan/plan.js';
import { validatePlan } from './validate-plan.js';

export interface DiffOptions {
  /** Confirmed renames, as the CLI takes them: `orders=purchases`, `orders.total=orders.amount`. */
  readonly renames?: readonly string[];
  /** Rows per backfill batch (default 10,000). */
  readonly batchRows?: number;
  /** Apply the plan (and its reverse) to a copy of the source on embedded PostgreSQL and diff the results (default true). */
  readonly validate?: boolean;
  /**
   * Validate on this server instead, in a scratch database created and dropped there (PostgreSQL:
   * needs CREATEDB). A MySQL/MariaDB plan is always checked on a server: this one, or else the
   * `from` side's own when it is live.
   */
  readonly validateDb?: string;
}

export type DiffResult =
  | { readonly ok: true; readonly plan: MigrationPlan; readonly validation?: PlanValidation }
  /** `input`: a side or a flag is wrong (exit 2); `engine`: a database could not be reached or read (exit 3). Safe to print. */
  | { readonly ok: false; readonly failure: 'input' | 'engine'; readonly message: string; readonly diagnostic?: Diagnostic };

const RENAME = /^([^=\s]+)=([^=\s]+)$/;

/** `--rename` texts as hints; a malformed one is an input failure that says how to write it. */
export function parseRenames(texts: readonly string[]): { hints: RenameHint[] } | { error: string } {
  const hints: RenameHint[] = [];
  for (const text of texts) {
    const match = RENAME.exec(text);
    if (!match) return { error: `--rename \`${text}\`: write old=new (a table: orders=purchases; a column: orders.total=orders.amount)` };
    hints.push({ from: match[1]!, to: match[2]! });
  }
  return { hints };
}

/**
 * The migration from one schema to another: both read (a spec, a SQL file or a live database, read
 * only), diffed, planned in expand/migrate/contract steps, and by default validated on a copy.
 */
export async function diff(fromTarget: string, toTarget: string, options: DiffOptions = {}): Promise<DiffResult> {
  const renames = parseRenames(options.renames ?? []);
  if ('error' in renames) return { ok: false, failure: 'input', message: renames.error };
  const from = await loadSchemaSide(fromTarget);
  if (!from.ok) return from;
  const to = await loadSchemaSide(toTarget);
  if (!to.ok) return to;
  const dialectName = from.dialect === to.dialect ? from.dialect : undefined;
  if (dialectName === undefined)
    return {
      ok: false,
      failure: 'input',
      message: `${fromTarget} is ${from.dialect} and ${toTarget} is ${to.dialect}: diff compares two schemas of one engine (moving engines is \`dbarchitect switch-engine\`)`,
    };
  const dialect = plannerFor(dialectName);
  if (!dialect)
    return {
      ok: false,
      failure: 'input',
      message: `migration plans for ${dialectName} are not written yet; PostgreSQL and MySQL/MariaDB are supported (the schemas were read)`,
    };
  const hooks = await diffHooksFor(dialectName);
  let changes: SchemaDiff;
  try {
    changes = diffSchemas(from.schema, to.schema, { renames: renames.hints, hooks });
  } catch (error) {
    if (error instanceof RenameHintError) return { ok: false, failure: 'input', message: error.message };
    throw error;
  }
  // Only a live database's statistics size its tables: a file's were made a moment ago (a spec's volumes stay).
  const sized = from.side.kind === 'live' ? from.schema : { ...from.schema, tables: from.schema.tables.map(({ stats: _stats, ...t }) => t) };
  const plan = planMigration(changes, {
    dialect,
    from: { schema: sized, side: from.side },
    to: { schema: to.schema, side: to.side },
    ...(options.batchRows !== undefined ? { batchRows: options.batchRows } : {}),
  });
  if (options.validate === false || plan.steps.length === 0) return { ok: true, plan };
  // Only PostgreSQL has an embedded engine; a MySQL plan is checked on a server, the source's own when none is named.
  const validateDb = options.validateDb ?? (dialectName !== 'postgres' && from.side.kind === 'live' ? fromTarget : undefined);
  if (validateDb === undefined && dialectName !== 'postgres')
    return {
      ok: false,
      failure: 'input',
      message: `a ${dialect.displayName} plan is checked on a server: give --validate-db mysql://… (a scratch database is made there and dropped), or --no-validate`,
    };
  try {
    const validation = await validatePlan(
      plan,
      { schema: from.schema, ...(from.sqlText !== undefined ? { sqlText: from.sqlText } : {}) },
      to.schema,
      dialect,
      hooks,
      validateDb,
    );
    return { ok: true, plan, validation };
  } catch (error) {
    // The validation server could not be reached or refused the scratch database (messages are redacted).
    if (validateDb !== undefined) return { ok: false, failure: 'engine', message: (error as Error).message };
    throw error;
  }
}
