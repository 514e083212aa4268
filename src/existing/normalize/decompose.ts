import type { Column, ForeignKey, Schema, Table } from '../../model/schema.js';
import type { NormalizationFinding } from './normal-forms.js';

/** One new entity a decomposition makes: the determinant as its key, the columns it determines, the ref that replaces them. */
export interface NewEntity {
  readonly name: string;
  readonly key: readonly string[];
  /** Columns moved from the table (besides the key), in the table's order. */
  readonly columns: readonly string[];
  /** Columns unique in the new entity (equivalent determinants). */
  readonly unique: readonly string[];
  /** Where the reference to it lives: the original table or another new entity. */
  readonly referencedFrom: string;
  /** The finding it resolves. */
  readonly finding: NormalizationFinding;
}

export interface Decomposition {
  readonly table: string;
  readonly entities: readonly NewEntity[];
  /** The schema with the table decomposed: the new tables after it, the table keeping references. */
  readonly schema: Schema;
}

/**
 * The decomposition that removes a table's findings: each determinant becomes an entity keyed by
 * it, holding what it determines; a determinant that another one determines in turn (city, by
 * customer) sits in that one's entity, so chains become chains of references. Lossless: each new
 * table is joined back on its key. Returns undefined when there is nothing to decompose.
 */
export function decompose(schema: Schema, tableName: string, findings: readonly NormalizationFinding[]): Decomposition | undefined {
  const table = schema.tables.find((t) => t.name === tableName);
  if (!table || findings.length === 0) return undefined;
  const order = (c: string) => table.columns.findIndex((x) => x.name === c);
  const moved = (f: NormalizationFinding) => new Set([...f.dependents, ...f.equivalents]);
  // A determinant sits under another when the other determines all of its columns.
  const parentOf = new Map<NormalizationFinding, NormalizationFinding>();
  for (const f of findings) {
    const parents = findings.filter((g) => g !== f && f.determinant.every((c) => moved(g).has(c)) && !g.determinant.every((c) => moved(f).has(c)));
    parents.sort((a, b) => moved(b).size - moved(a).size);
    if (parents[0]) parentOf.set(f, parents[0]);
  }
  const depth = (f: NormalizationFinding): number => {
    let d = 0;
    for (let p = parentOf.get(f); p && d < findings.length; p = parentOf.get(p)) d++;
    return d;
  };
  // Each moved column goes to the deepest determinant that determines it.
  const home = new Map<string, NormalizationFinding>();
  for (const f of [...findings].sort((a, b) => depth(a) - depth(b)))
    for (const c of moved(f)) if (!home.has(c) || depth(f) >= depth(home.get(c)!)) home.set(c, f);
  const taken = new Set(schema.tables.map((t) => t.name));
  const names = new Map<NormalizationFinding, string>();
  for (const f of findings) names.set(f, entityName(f.determinant, taken));

  const entities: NewEntity[] = findings.map((f) => {
    const own = [...home].filter(([c, g]) => g === f && !f.determinant.includes(c)).map(([c]) => c);
    const parent = parentOf.get(f);
    return {
      name: names.get(f)!,
      key: [...f.determinant],
      columns: own.sort((a, b) => order(a) - order(b)),
      unique: f.equivalents.filter((c) => home.get(c) === f),
      referencedFrom: parent ? names.get(parent)! : table.name,
      finding: f,
    };
  });

  const column = (name: string): Column => table.columns.find((c) => c.name === name)!;
  const newTables = entities.map((e): Table => {
    const children = entities.filter((x) => x.referencedFrom === e.name);
    const columns = [...new Set([...e.key, ...e.columns])].map((c) => (e.key.includes(c) ? { ...column(c), nullable: false } : column(c)));
    return {
      name: e.name,
      kind: 'entity',
      columns: columns.map((c) => ({ ...c, origin: `decomposition of ${table.name}` })),
      primaryKey: { name: `${e.name}_pkey`, columns: [...e.key] },
      uniques: e.unique.map((c) => ({ name: `${e.name}_${c}_key`, columns: [c] })),
      foreignKeys: children.map((child) => reference(e.name, child)),
      checks: table.checks.filter((k) => k.rule.kind !== 'expression' && columns.some((c) => c.name === (k.rule as { column: string }).column)),
      indexes: [],
      comment: `Split from ${table.name}: (${e.key.join(', ')}) determines ${[...e.columns].join(', ') || 'nothing else'} on ${e.finding.sampleRows} sampled rows.`,
      tenantScoped: false,
      origin: `decomposition of ${table.name}`,
    };
  });
  const leaving = new Set(home.keys());
  for (const e of entities) if (e.referencedFrom !== table.name) for (const c of e.key) leaving.add(c);
  const kept = table.columns.filter((c) => !leaving.has(c.name) || entities.some((e) => e.referencedFrom === table.name && e.key.includes(c.name)));
  const keptNames = new Set(kept.map((c) => c.name));
  // A key column that moves (BCNF: teacher -> course in (student, course)) is replaced in the key by the determinant that took it.
  const top = (f: NormalizationFinding): NormalizationFinding => {
    let at = f;
    for (let i = 0; i < findings.length && parentOf.get(at); i++) at = parentOf.get(at)!;
    return at;
  };
  const primaryKey = [...new Set(table.primaryKey.columns.flatMap((c) => (keptNames.has(c) ? [c] : home.has(c) ? [...top(home.get(c)!).determinant] : [])))];
  const changed: Table = {
    ...table,
    columns: kept,
    primaryKey: { ...table.primaryKey, columns: primaryKey },
    uniques: table.uniques.filter((u) => u.columns.every((c) => keptNames.has(c))),
    checks: table.checks.filter((k) => (k.rule.kind === 'expression' ? k.rule.columns : [k.rule.column]).every((c) => keptNames.has(c))),
    indexes: table.indexes.filter((i) => i.keys.every((k) => !k.column || keptNames.has(k.column))),
    foreignKeys: [
      ...table.foreignKeys.filter((f) => f.columns.every((c) => keptNames.has(c))),
      ...entities.filter((e) => e.referencedFrom === table.name).map((e) => reference(table.name, e)),
    ],
  };
  const index = schema.tables.indexOf(table);
  const tables = [...schema.tables.slice(0, index), changed, ...newTables, ...schema.tables.slice(index + 1)];
  return { table: table.name, entities, schema: { ...schema, tables } };
}

function reference(from: string, to: NewEntity): ForeignKey {
  return {
    name: `${from}_${to.key.join('_')}_fkey`,
    columns: [...to.key],
    refTable: to.name,
    refColumns: [...to.key],
    onDelete: 'restrict',
    deferrable: false,
  };
}

/** `customer_id` -> `customer`, `customer_city` -> `customer_city`, `(country, region)` -> `country_region`; never a name already taken. */
function entityName(determinant: readonly string[], taken: Set<string>): string {
  const base =
    determinant
      .map((c) => c.replace(/_id$/, ''))
      .join('_')
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^[^a-z]+/, '') || 'part';
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
}
