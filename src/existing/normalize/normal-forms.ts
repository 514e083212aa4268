import type { Table } from '../../model/schema.js';
import type { FunctionalDependency, TableDependencies } from '../dependencies/discover.js';

export type NormalForm = '2NF' | '3NF' | 'BCNF';

/** One determinant's dependencies that break a normal form, with the evidence from the sample. */
export interface NormalizationFinding {
  readonly table: string;
  /** The lowest normal form these dependencies break (a 2NF violation breaks 3NF and BCNF too). */
  readonly normalForm: NormalForm;
  readonly determinant: readonly string[];
  /** The columns it determines (that belong with it, not with the table's key), equivalents included. */
  readonly dependents: readonly string[];
  /** Other single columns equivalent to the determinant (each determines the other): unique in the new entity. */
  readonly equivalents: readonly string[];
  /** Why it breaks the form, in a sentence. */
  readonly reason: string;
  /** The most sample rows any of its dependencies loses to hold exactly (0 for exact dependencies). */
  readonly violations: number;
  readonly sampleRows: number;
  /** True when the sample is not the whole table: rows outside it may break the dependency. */
  readonly holdsOnlyOnSample: boolean;
}

/** Dependencies set aside, with why, so the report can say what it did not count. */
export interface IgnoredDependency {
  readonly dependency: FunctionalDependency;
  readonly why: 'declared key or unique' | 'unique on the sample' | 'surrogate id' | 'constant';
}

export interface NormalFormAnalysis {
  readonly table: string;
  readonly findings: readonly NormalizationFinding[];
  readonly ignored: readonly IgnoredDependency[];
  /** Column sets unique on the sample but not declared unique: candidate keys the data suggests. */
  readonly sampleKeys: readonly (readonly string[])[];
}

/**
 * 2NF, 3NF and BCNF checked against the dependencies the data shows, with the table's declared
 * keys (primary key, unique constraints, unique indexes). Set aside: dependencies whose left side
 * holds a declared key or a unique column, or is unique on the sample (a key there, not a
 * violation), those of surrogate ids, and of columns constant on the sample. A dependency X → A then
 * breaks 2NF when A is not part of a key and X is part of a composite key, 3NF when A is not part of
 * a key (X a non-key set), and BCNF otherwise (X is not a superkey). Pure and deterministic.
 */
export function normalFormAnalysis(table: Table, found: TableDependencies): NormalFormAnalysis {
  const keys = declaredKeys(table);
  const surrogate = new Set(table.columns.filter((c) => c.identity || c.default?.kind === 'random-uuid' || c.default?.kind === 'sequence').map((c) => c.name));
  if (table.primaryKey.columns.length === 1 && table.primaryKey.columns[0] === 'id') surrogate.add('id');
  const isSuperkey = (columns: readonly string[]) => keys.some((k) => k.every((c) => columns.includes(c)));
  const prime = new Set(keys.flat());
  const constant = new Set([...found.constantColumns, ...found.nullColumns]);

  const ignored: IgnoredDependency[] = [];
  const sampleKeys: string[][] = [];
  const kept: FunctionalDependency[] = [];
  for (const d of found.dependencies) {
    if (d.lhs.length === 0 || constant.has(d.rhs) || d.lhs.some((c) => constant.has(c))) ignored.push({ dependency: d, why: 'constant' });
    else if (d.lhs.some((c) => surrogate.has(c)) || surrogate.has(d.rhs)) ignored.push({ dependency: d, why: 'surrogate id' });
    else if (isSuperkey(d.lhs)) ignored.push({ dependency: d, why: 'declared key or unique' });
    else if (d.lhsUniqueOnSample) {
      ignored.push({ dependency: d, why: 'unique on the sample' });
      if (!sampleKeys.some((k) => k.join() === d.lhs.join())) sampleKeys.push([...d.lhs]);
    } else kept.push(d);
  }

  const groups = new Map<string, FunctionalDependency[]>();
  for (const d of kept) {
    const key = d.lhs.join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const position = (c: string) => found.columns.indexOf(c);
  const merged = mergeEquivalents([...groups.values()], position);
  const findings = merged.map(({ determinant, dependencies, equivalents }): NormalizationFinding => {
    const form = (d: FunctionalDependency): NormalForm =>
      prime.has(d.rhs) ? 'BCNF' : keys.some((k) => k.length > 1 && d.lhs.every((c) => k.includes(c)) && d.lhs.length < k.length) ? '2NF' : '3NF';
    const forms = dependencies.map(form);
    const normalForm: NormalForm = forms.includes('2NF') ? '2NF' : forms.includes('3NF') ? '3NF' : 'BCNF';
    const dependents = [...new Set(dependencies.map((d) => d.rhs))].sort((a, b) => position(a) - position(b));
    const names = `(${determinant.join(', ')})`;
    const reason =
      normalForm === '2NF'
        ? `${names} is part of the key (${keys.find((k) => determinant.every((c) => k.includes(c)))?.join(', ')}) and alone determines ${dependents.join(', ')}`
        : normalForm === '3NF'
          ? `${names} is not a key and determines ${dependents.join(', ')}, none of them part of a key`
          : `${names} is not a key yet determines ${dependents.join(', ')}, part of a key`;
    return {
      table: table.name,
      normalForm,
      determinant,
      dependents,
      equivalents,
      reason,
      violations: Math.max(0, ...dependencies.map((d) => d.violations)),
      sampleRows: found.sampleRows,
      holdsOnlyOnSample: !found.sampleIsWholeTable,
    };
  });
  const rank = { '2NF': 0, '3NF': 1, BCNF: 2 } as const;
  findings.sort((a, b) => rank[a.normalForm] - rank[b.normalForm] || position(a.determinant[0]!) - position(b.determinant[0]!));
  return { table: table.name, findings, ignored, sampleKeys };
}

/** The primary key and every unique constraint or full unique index on plain columns. */
export function declaredKeys(table: Table): string[][] {
  return [
    ...(table.primaryKey.columns.length ? [[...table.primaryKey.columns]] : []),
    ...table.uniques.map((u) => [...u.columns]),
    ...table.indexes.filter((i) => i.unique && i.where.length === 0 && !i.predicate && i.keys.every((k) => k.column)).map((i) => i.keys.map((k) => k.column!)),
  ];
}

interface Group {
  readonly determinant: string[];
  readonly dependencies: FunctionalDependency[];
  readonly equivalents: string[];
}

/**
 * Single-column determinants that determine each other (customer_id and customer_email) describe
 * one thing: one group, led by the column named like a reference (`*_id`), else the first column.
 */
function mergeEquivalents(groups: readonly FunctionalDependency[][], position: (c: string) => number): Group[] {
  const out: Group[] = groups.map((g) => ({ determinant: [...g[0]!.lhs], dependencies: [...g], equivalents: [] }));
  const determines = (g: Group, c: string) => g.dependencies.some((d) => d.rhs === c);
  const rankOf = (c: string) => (c.endsWith('_id') ? 0 : 1) * 10_000 + position(c);
  for (let i = 0; i < out.length; i++) {
    if (out[i]!.determinant.length !== 1) continue;
    for (let j = out.length - 1; j > i; j--) {
      const a = out[i]!;
      const b = out[j]!;
      if (b.determinant.length !== 1 || !determines(a, b.determinant[0]!) || !determines(b, a.determinant[0]!)) continue;
      const [lead, other] = rankOf(a.determinant[0]!) <= rankOf(b.determinant[0]!) ? [a, b] : [b, a];
      const dependencies = [...lead.dependencies, ...other.dependencies.filter((d) => d.rhs !== lead.determinant[0] && !determines(lead, d.rhs))];
      out[i] = { determinant: lead.determinant, dependencies, equivalents: [...lead.equivalents, ...other.equivalents, other.determinant[0]!] };
      out.splice(j, 1);
    }
  }
  return out;
}
