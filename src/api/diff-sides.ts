import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PlanSide } from '../existing/plan/plan.js';
import type { Schema } from '../model/schema.js';
import { designFromFile } from './design.js';
import { introspect } from './introspect.js';

export type SchemaSide =
  | {
      readonly ok: true;
      readonly schema: Schema;
      readonly side: PlanSide;
      /** The dialect the schema is in (a spec designs for the default one, PostgreSQL). */
      readonly dialect: string;
      /** A SQL file's own text: a plan's check loads it as it is, not a rewrite of it. */
      readonly sqlText?: string;
    }
  | { readonly ok: false; readonly failure: 'input' | 'engine'; readonly message: string; readonly diagnostic?: Diagnostic };

const SPEC_FILE = /\.ya?ml$/i;

/** One side of a diff: a spec (designed in-process), a SQL file or a live database (read only). */
export async function loadSchemaSide(target: string): Promise<SchemaSide> {
  if (SPEC_FILE.test(target)) {
    const designed = await designFromFile(target);
    if (!designed.ok) {
      const first = designed.diagnostics.find((d) => d.severity === 'error');
      return {
        ok: false,
        failure: 'input',
        message: `${target}: the spec has errors; run \`dbarchitect check ${target}\``,
        ...(first ? { diagnostic: first } : {}),
      };
    }
    return { ok: true, schema: designed.design.schema, side: { kind: 'spec', location: target }, dialect: 'postgres' };
  }
  const read = await introspect(target);
  if (!read.ok) return read;
  const { source } = read.introspection;
  // Read from a database or a file, the native objects are known even when there are none (a spec says nothing of them).
  const schema: Schema = { ...read.introspection.schema, native: read.introspection.schema.native ?? [] };
  const side: PlanSide = { kind: source.kind === 'live' ? 'live' : 'sql-file', location: source.location };
  if (source.kind !== 'sql-file') return { ok: true, schema, side, dialect: source.dialect };
  return { ok: true, schema, side, dialect: source.dialect, sqlText: await readFile(target, 'utf8') };
}
