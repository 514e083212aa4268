import type { Node } from 'libpg-query';
import type { Decision } from '../../model/decision.js';
import type { Schema, Table } from '../../model/schema.js';
import { walkNodes } from '../../sql/ast-walk.js';
import type { ParsedPattern } from '../../spec/check-patterns.js';
import { TENANT_COLUMN } from '../../model/naming.js';
import { findCopiedAttributes, type CopiedAttribute } from '../../rules/design/copied-attribute.js';

/**
 * States the normal form the design reaches and records each place it departs from it, with the
 * access patterns that justify it. Only dependencies the spec declares (keys and uniques) are
 * known; the checks below look for the common undeclared ones by name.
 */
export function analyzeNormalization(schema: Schema, patterns: readonly ParsedPattern[]): Decision[] {
  const decisions: Decision[] = [];
  const copied = findCopiedAttributes(schema);
  decisions.push(normalFormDecision(schema, copied));
  const tenant = tenantDenormalization(schema, patterns);
  if (tenant) decisions.push(tenant);
  decisions.push(...documentColumns(schema, patterns));
  return decisions;
}

function normalFormDecision(schema: Schema, copied: readonly CopiedAttribute[]): Decision {
  const reached = copied.length === 0 ? 'BCNF' : '2NF';
  return {
    id: 'normalization/normal-form',
    area: 'normalization',
    title: `The schema is in ${reached} on its declared keys`,
    choice:
      copied.length === 0
        ? 'BCNF (Boyce–Codd normal form) with respect to the declared keys and unique constraints'
        : `2NF: ${copied.length} column(s) repeat an attribute of a referenced table`,
    rationale: [
      'Each entity is one table whose columns describe that entity alone, and every declared key and unique is a candidate key, so every declared dependency is determined by a key.',
      'Many-to-many relations are tables of their own (with a composite key of both references), never lists inside a row.',
      ...copied.map(
        (c) => `\`${c.table}.${c.column}\` looks like a copy of \`${c.source}\` through \`${c.via}\`: a transitive dependency that can drift from its source.`,
      ),
    ],
    alternatives: [
      { option: 'denormalize for reads up front', rejectedBecause: 'no access pattern has been shown to need it; copies cost writes and can disagree' },
    ],
    evidence: [
      {
        tier: 'derived',
        source: 'rule:declared-dependencies',
        detail: 'every primary key and unique constraint is a candidate key; no other functional dependency is declared',
      },
      {
        tier: 'assumed',
        source: 'rule:no-undeclared-dependencies',
        detail: 'dependencies the spec does not declare (a zip code determining a city) cannot be checked from a spec',
      },
    ],
    patterns: [],
  };
}

/** tenant_id on a child table repeats its parent's: kept because every pattern filters by it first. */
function tenantDenormalization(schema: Schema, patterns: readonly ParsedPattern[]): Decision | undefined {
  const children = schema.tables.filter((t) => t.tenantScoped && t.foreignKeys.some((fk) => fk.columns.length > 1 && fk.columns[0] === TENANT_COLUMN));
  if (children.length === 0) return undefined;
  const users = patterns.filter((p) => referencedColumns(p.statement).has(TENANT_COLUMN)).map((p) => p.name);
  return {
    id: 'denormalization/tenant-id',
    area: 'denormalization',
    title: 'tenant_id is repeated in child tables',
    choice: `keep tenant_id on ${children.map((t) => t.name).join(', ')}, guarded by foreign keys that include it`,
    rationale: [
      'The tenant of a child row can be derived through its parent, so storing it again is a denormalization.',
      `It pays: ${users.length} of ${patterns.length} access patterns filter or join on tenant_id, and with it each table can be filtered, indexed and protected by row-level security on its own.`,
      "It cannot drift: the composite foreign keys make the database reject a child whose tenant differs from its parent's.",
    ],
    alternatives: [
      {
        option: 'tenant_id on root tables only',
        rejectedBecause: 'every query on a child table would join to its root to find the tenant, and a row-level security policy would need that join too',
      },
    ],
    evidence: [{ tier: 'derived', source: 'rule:tenant-denormalization', detail: `patterns using tenant_id: ${users.join(', ') || 'none'}` }],
    patterns: users,
  };
}

/** JSON columns break first normal form; kept as documents unless a pattern reaches inside them. */
function documentColumns(schema: Schema, patterns: readonly ParsedPattern[]): Decision[] {
  const decisions: Decision[] = [];
  // Each pattern's tables and columns, collected once: the loops below are tables × patterns.
  const facts = patterns.map((p) => ({ name: p.name, tables: referencedTables(p.statement), columns: referencedColumns(p.statement) }));
  for (const table of schema.tables) {
    for (const column of table.columns.filter((c) => c.type.kind === 'json')) {
      const users = facts.filter((p) => p.tables.has(table.name) && p.columns.has(column.name)).map((p) => p.name);
      decisions.push({
        id: `normalization/${table.name}.${column.name}`,
        area: 'normalization',
        title: `\`${table.name}.${column.name}\` is stored as a JSON document`,
        choice: 'one jsonb document per row',
        rationale: users.length
          ? [`Access patterns reach into it (${users.join(', ')}): if they filter on its keys, promote those keys to columns or index them.`]
          : ['No access pattern filters or sorts on its contents, so splitting it into columns or a child table would add joins and migrations for no query.'],
        alternatives: [
          {
            option: 'normalize into columns or a child table',
            rejectedBecause: users.length ? 'only worth it for the keys the patterns use' : 'nothing queries its parts',
          },
        ],
        evidence: [{ tier: 'derived', source: 'rule:document-column', detail: `${users.length} access pattern(s) reference the column` }],
        patterns: users,
      });
    }
  }
  return decisions;
}

/** Every table a statement names: RangeVars, wrapped or (as INSERT and UPDATE targets) bare. */
function referencedTables(statement: Node): Set<string> {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    const relname = (value as { relname?: unknown }).relname;
    if (typeof relname === 'string') names.add(relname);
    for (const child of Object.values(value)) visit(child);
  };
  visit(statement);
  return names;
}

/** The last name of every column reference in a statement. */
export function referencedColumns(statement: Node): Set<string> {
  const names = new Set<string>();
  walkNodes(statement, (node, tag) => {
    const body = (node as Record<string, unknown>)[tag];
    if (tag === 'ColumnRef') {
      const fields = (body as { fields?: { String?: { sval?: string } }[] }).fields ?? [];
      const last = fields[fields.length - 1]?.String?.sval;
      if (last) names.add(last);
    } else if (tag === 'ResTarget' && typeof (body as { name?: unknown }).name === 'string') {
      names.add((body as { name: string }).name);
    }
  });
  return names;
}
