import type { Schema } from '../../model/schema.js';
import type { TableDependencies } from '../dependencies/discover.js';
import { decompose, type Decomposition } from './decompose.js';
import { normalFormAnalysis, type NormalFormAnalysis } from './normal-forms.js';

/** What the data says about one table: its dependencies, the normal forms they break, and the decomposition that removes them. */
export interface TableNormalization {
  readonly table: string;
  readonly dependencies: TableDependencies;
  readonly analysis: NormalFormAnalysis;
  readonly decomposition?: Decomposition;
}

/** One table's dependencies (discoverTableDependencies) against its declared keys in the schema. */
export function normalizeTable(schema: Schema, dependencies: TableDependencies): TableNormalization {
  const table = schema.tables.find((t) => t.name === dependencies.table);
  if (!table) throw new Error(`normalizeTable: the schema has no table ${dependencies.table}`);
  const analysis = normalFormAnalysis(table, dependencies);
  const decomposition = decompose(schema, table.name, analysis.findings);
  return { table: table.name, dependencies, analysis, ...(decomposition ? { decomposition } : {}) };
}
