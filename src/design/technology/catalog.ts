import { DOCUMENT_ENGINES } from './catalog/document.js';
import { GRAPH_ENGINES } from './catalog/graph.js';
import { KEY_VALUE_ENGINES } from './catalog/key-value.js';
import { MULTI_MODEL_ENGINES } from './catalog/multi-model.js';
import { NEWSQL_ENGINES } from './catalog/newsql.js';
import { RELATIONAL_ENGINES } from './catalog/relational.js';
import { SEARCH_ENGINES } from './catalog/search.js';
import { TIME_SERIES_ENGINES } from './catalog/time-series.js';
import { WIDE_COLUMN_ENGINES } from './catalog/wide-column.js';
import type { EngineFamily, EngineProfile } from './engine-profile.js';

/** Every engine the selection weighs, one entry per engine (an engine in two families is listed once, with `alsoIn`). */
export const TECHNOLOGY_CATALOG: readonly EngineProfile[] = [
  ...RELATIONAL_ENGINES,
  ...DOCUMENT_ENGINES,
  ...KEY_VALUE_ENGINES,
  ...WIDE_COLUMN_ENGINES,
  ...TIME_SERIES_ENGINES,
  ...NEWSQL_ENGINES,
  ...GRAPH_ENGINES,
  ...SEARCH_ENGINES,
  ...MULTI_MODEL_ENGINES,
];

export function catalogEngine(id: string): EngineProfile | undefined {
  return TECHNOLOGY_CATALOG.find((e) => e.id === id);
}

/** Engines of a family, counting the families they are also in. */
export function enginesInFamily(family: EngineFamily): EngineProfile[] {
  return TECHNOLOGY_CATALOG.filter((e) => e.family === family || e.alsoIn.includes(family));
}
