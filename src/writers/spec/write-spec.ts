import { basename, extname } from 'node:path';
import type { Introspection } from '../../model/introspection.js';
import type { Schema } from '../../model/schema.js';
import { buildModel } from '../../spec/build-model.js';
import { normalizeSpec } from '../../spec/normalize-spec.js';
import { ProblemList } from '../../spec/problem.js';
import { parseYaml } from '../../spec/yaml-document.js';
import { planSpec } from './plan-spec.js';
import { renderSpec } from './render-spec.js';
import { schemaDifferences } from './schema-differences.js';
import { withSpecNames } from './spec-names.js';

export interface SpecWriterOptions {
  /** The spec's `name`; by default a slug of the database or file name. */
  readonly name?: string;
  readonly description?: string;
}

export interface WrittenSpec {
  /** The spec YAML, with comments. */
  readonly text: string;
  /** What the spec cannot say or says differently, each with its place (the comment block at the top; each also beside its place). */
  readonly notes: readonly string[];
  /** Where the model the spec builds differs from the schema written (schemaDifferences): listed at the top too. */
  readonly differences: readonly string[];
}

/**
 * An introspected database (or any schema) as a spec that `dbarchitect design` accepts. The spec
 * written is read back here (spec/normalize-spec, spec/build-model) and the model it builds compared
 * with the schema, so every difference is listed at the top of the file: nothing is lost silently.
 */
export function writeSpec(input: Introspection | Schema, options: SpecWriterOptions = {}): WrittenSpec {
  const introspection = 'schema' in input ? input : undefined;
  const { schema, renames } = withSpecNames(introspection ? introspection.schema : (input as Schema));
  const name = options.name ?? (introspection ? specSlug(introspection.source.location) : 'existing-database');
  const plan = planSpec(schema, { name, ...(options.description ? { description: options.description } : {}) });
  const placed = plan.entities.flatMap((e) => [
    ...e.notes.map((n) => `${e.name}: ${n}`),
    ...e.fields.flatMap((f) => f.notes.map((n) => `${e.name}.${f.name}: ${n}`)),
  ]);
  const notes = [...renames.map((r) => `renamed to a spec name: ${r}`), ...plan.notes, ...placed];
  const draft = renderSpec(plan, []);
  const rebuilt = rebuild(draft);
  const differences = rebuilt.problems.length ? rebuilt.problems : schemaDifferences(schema, rebuilt.schema ?? { tables: [], enums: [] });
  const header = [
    `Written by dbarchitect from ${introspection ? `${introspection.source.kind === 'live' ? 'the database' : 'the file'} ${introspection.source.location}` : 'a schema'}.`,
    ...(notes.length ? ['', 'What the spec cannot say (kept here, not lost):', ...notes.map((n) => `- ${n}`)] : []),
    ...(differences.length ? ['', 'The model this spec builds differs from the source in:', ...differences.map((d) => `- ${d}`)] : []),
  ];
  return { text: renderSpec(plan, header), notes, differences };
}

/** The spec read back the way the loader reads it, without the access-pattern SQL (there is none). */
function rebuild(text: string): { schema?: Schema; problems: string[] } {
  const yaml = parseYaml('spec.yaml', text);
  const problems = new ProblemList();
  const spec = normalizeSpec(yaml.value, problems);
  const model = spec ? buildModel(spec, problems) : undefined;
  const errors = problems.items.filter((p) => p.severity === 'error').map((p) => `spec error at ${p.path.join('.')}: ${p.message}`);
  return { ...(model ? { schema: model.schema } : {}), problems: errors };
}

/** `postgres://u@host/shop_prod` -> `shop-prod`; `dumps/Legacy CRM.sql` -> `legacy-crm`. */
export function specSlug(location: string): string {
  const path = /^[a-z]+:\/\//i.test(location)
    ? (location
        .replace(/[?#].*$/, '')
        .split('/')
        .pop() ?? '')
    : basename(location, extname(location));
  const slug = path
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!slug) return 'existing-database';
  return /^[a-z]/.test(slug) ? slug : `db-${slug}`;
}
