import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { tableKey } from '../model/change.js';
import type { Schema, TableStats } from '../model/schema.js';
import type { PlanSide } from '../existing/plan/plan.js';
import { defaultDialect } from '../dialects/registry.js';
import { designFromFile } from './design.js';
import { introspect, type IntrospectResult, type IntrospectTargetOptions } from './introspect.js';

export type SchemaSide =
  | {
      readonly ok: true;
      readonly schema: Schema;
      readonly side: PlanSide;
      /** The dialect whose database (or design) the schema is: it chooses the differ's comparison (`diffHooksFor`). */
      readonly dialect: string;
      /** A live database's statistics by table key, for the plan's estimates; a spec's volumes are on its tables. */
      readonly statsByTable?: ReadonlyMap<string, TableStats>;
      /** A SQL file's own text: a plan's check loads it as it is, not a rewrite of it. */
      readonly sqlText?: string;
    }
  /** As `introspect` fails: `input` (exit 2) names the file and the place; `engine` (exit 3); no passwords. */
  | (Extract<IntrospectResult, { ok: false }> & { readonly diagnostics?: readonly Diagnostic[] });

const SPEC_FILE = /\.ya?ml$/i;

/**
 * One side of a diff: a spec (`.yaml`/`.yml`, designed in-process as `design` does, without a
 * database: the designed schema), a SQL file (loaded into embedded PostgreSQL and read back) or a
 * live database by its URL (read in a read-only session, see `introspect`).
 */
export async function loadSchemaSide(target: string, options: IntrospectTargetOptions = {}): Promise<SchemaSide> {
  if (SPEC_FILE.test(target)) return designedSide(target);
  const read = await introspect(target, options);
  if (!read.ok) return read;
  const { schema, source } = read.introspection;
  const stats = source.kind === 'live' ? schema.tables.filter((t) => t.stats).map((t) => [tableKey(t), t.stats!] as const) : [];
  return {
    ok: true,
    schema,
    side: { kind: source.kind, location: source.location },
    dialect: source.dialect,
    // A file's tables were made a moment ago: their statistics say nothing of a real database.
    ...(stats.length ? { statsByTable: new Map(stats) } : {}),
    ...(source.kind === 'sql-file' ? { sqlText: await readFile(target, 'utf8') } : {}),
  };
}

async function designedSide(file: string): Promise<SchemaSide> {
  const dialect = defaultDialect();
  const designed = await designFromFile(file, { dialect });
  const errors = designed.diagnostics.filter((d) => d.severity === 'error');
  if (!designed.ok || errors.length) {
    const first = errors[0];
    const place = first?.location ? `${first.location.file}:${first.location.line}:${first.location.column}` : file;
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '';
    return {
      ok: false,
      failure: 'input',
      message: first ? `${place}: ${first.message}${first.fix ? `; ${first.fix}` : ''}${more}` : `${file}: the spec could not be designed`,
      ...(first ? { diagnostic: first } : {}),
      diagnostics: errors,
    };
  }
  return { ok: true, schema: designed.design.schema, side: { kind: 'spec', location: file }, dialect: dialect.name };
}
