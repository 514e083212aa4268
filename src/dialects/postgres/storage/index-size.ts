import type { LogicalType } from '../../../model/logical-type.js';
import type { Index, IndexKey, Schema, Table } from '../../../model/schema.js';
import { conditionShare, keyDomain, type RowsOf } from '../../../estimate/key-domain.js';
import { alignTo, estimateBrinBytes, estimateBtree, maxAlign, PAGE_BYTES, storedWidth } from './page-layout.js';
import type { ColumnWidth, IndexGrowth, IndexSizeEstimate, InsertPattern } from '../../storage.js';
import { TENANT_COLUMN } from '../../../model/naming.js';

/** An index as PostgreSQL has it: the primary key's and each unique's, then the model's own indexes. */
export function indexesOf(table: Table): readonly Index[] {
  const constraint = (name: string, columns: readonly string[]): Index => ({
    name,
    table: table.name,
    keys: columns.map((column) => ({ column })),
    include: [],
    where: [],
    method: 'btree',
    unique: true,
    reason: 'constraint',
  });
  return [constraint(table.primaryKey.name, table.primaryKey.columns), ...table.uniques.map((u) => constraint(u.name, u.columns)), ...table.indexes];
}

export interface IndexContext {
  readonly schema: Schema;
  readonly table: Table;
  readonly rows: number;
  readonly rowsOf: RowsOf;
  readonly widths: readonly ColumnWidth[];
  readonly heapPages: number;
  readonly growth: IndexGrowth;
  readonly tenants?: number;
}

/** Random inserts split full leaves 50/50, so leaves average about ln 2 ≈ 69% full (Yao, 1978). */
const RANDOM_INSERT_LEAF_FILL = 69;
/** A page split 50/50 that never receives another insert (it is left of an insertion point) stays half full. */
const LEFT_BEHIND_LEAF_FILL = 50;
/**
 * nbtsplitloc.c splits after the new item, leaving the left page full, when inserts ascend within a
 * group of equal leading keys, but only for small fixed-width tuples: two int8 keys (28 bytes with
 * the line pointer) at most.
 */
const SPLIT_AFTER_NEW_ITEM_MAX_ENTRY = 28;
/** GIN, rough (as the index derivation weighs it): about four bigint-sized entries per row. */
const GIN_ENTRIES_PER_ROW = 4;
/** Hash indexes: 4-byte hash codes in 16-byte tuples, buckets filled to 75% (their default fillfactor). */
const HASH_ENTRY_BYTES = 20;
const HASH_FILL = 0.75;
const HASH_PAGE_SPACE = 8152;

export function estimateIndex(index: Index, ctx: IndexContext): IndexSizeEstimate {
  const { schema, table } = ctx;
  const width = (column: string) => ctx.widths.find((w) => w.column === column);
  const share = Math.min(
    1,
    conditionShare(schema, table, index.where, ctx.rowsOf, (c) => width(c)?.nullFraction, ctx.tenants),
  );
  const entries = Math.round(ctx.rows * share);
  const insertPattern = insertPatternOf(table, index);
  const base = { name: index.name, method: index.method, unique: index.unique, entries, share, insertPattern };

  if (index.method === 'brin') {
    const bytes = estimateBrinBytes(ctx.heapPages);
    return {
      ...base,
      entryBytes: 0,
      deduplicated: false,
      leafPages: bytes / PAGE_BYTES - 1,
      upperPages: 1,
      rowsPerLeaf: Math.max(1, entries),
      insertPattern: 'sequential',
      bytes,
    };
  }
  if (index.method === 'hash') {
    const perPage = Math.floor((HASH_PAGE_SPACE * HASH_FILL) / HASH_ENTRY_BYTES);
    const pages = Math.ceil(entries / perPage) + 2; // metapage and bitmap page
    return {
      ...base,
      entryBytes: HASH_ENTRY_BYTES,
      deduplicated: false,
      leafPages: pages - 2,
      upperPages: 2,
      rowsPerLeaf: perPage,
      insertPattern: 'random',
      bytes: pages * PAGE_BYTES,
    };
  }

  const keyWidths = index.keys.map((k) => keyWidth(k, width));
  const includeWidths = index.include.map((c) => width(c) ?? TYPICAL_EXPRESSION);
  const entryBytes = leafEntryBytes([...keyWidths, ...includeWidths]);
  const fill = leafFillPercent(
    ctx,
    insertPattern,
    entryBytes,
    [...keyWidths, ...includeWidths].every((w) => !w.varlena),
  );

  if (index.method === 'gin') {
    const ginEntry = leafEntryBytes([storedWidth({ kind: 'int64' })]);
    const tree = estimateBtree({ entryBytes: ginEntry, rows: entries * GIN_ENTRIES_PER_ROW, leafFillPercent: fill });
    return {
      ...base,
      entryBytes: GIN_ENTRIES_PER_ROW * ginEntry,
      deduplicated: false,
      leafPages: tree.leafPages,
      upperPages: tree.upperPages,
      rowsPerLeaf: tree.rowsPerLeaf / GIN_ENTRIES_PER_ROW,
      insertPattern: 'random',
      bytes: tree.bytes,
    };
  }

  // B-tree (GiST sized the same way, roughly).
  const domain = dedupDomain(index, ctx);
  const tree = estimateBtree({ entryBytes, rows: entries, leafFillPercent: fill, ...(domain !== undefined ? { deduplicate: { keyDomain: domain } } : {}) });
  return {
    ...base,
    entryBytes,
    deduplicated: domain !== undefined,
    leafPages: tree.leafPages,
    upperPages: tree.upperPages,
    rowsPerLeaf: tree.rowsPerLeaf,
    bytes: tree.bytes,
  };
}

/**
 * How full the leaves are: CREATE INDEX and appends at the right edge leave them at fillfactor 90;
 * random inserts about 69%; inserts that ascend within each tenant leave every tenant's pages but
 * the last tenant's half full, unless PostgreSQL splits after the new item.
 */
function leafFillPercent(ctx: IndexContext, pattern: InsertPattern, entryBytes: number, fixedWidth: boolean): number {
  if (ctx.growth === 'bulk' || pattern === 'sequential') return 90;
  if (pattern === 'random') return RANDOM_INSERT_LEAF_FILL;
  if (fixedWidth && entryBytes <= SPLIT_AFTER_NEW_ITEM_MAX_ENTRY) return 90;
  const tenants = keyDomain(ctx.schema, ctx.table, [TENANT_COLUMN], ctx.rowsOf, ctx.tenants);
  const points = Number.isFinite(tenants) ? Math.max(1, tenants) : 1;
  return (90 + LEFT_BEHIND_LEAF_FILL * (points - 1)) / points;
}

/** One leaf entry: 8-byte index tuple header plus the values, each at its alignment, MAXALIGNed, plus the line pointer. */
export function leafEntryBytes(widths: readonly { readonly bytes: number; readonly align: number }[]): number {
  let offset = 8;
  for (const w of widths) offset = alignTo(offset, w.align) + w.bytes;
  return maxAlign(offset) + 4;
}

/** An expression's type is unknown here: a typical text value. */
const TYPICAL_EXPRESSION = { ...storedWidth({ kind: 'text' }), varlena: true } as const;

function keyWidth(key: IndexKey, width: (column: string) => ColumnWidth | undefined): { bytes: number; align: number; varlena: boolean } {
  return (key.column !== undefined ? width(key.column) : undefined) ?? TYPICAL_EXPRESSION;
}

/**
 * Deduplication (PostgreSQL 13+) applies to non-unique B-trees without INCLUDE columns whose key
 * types compare by image (not numeric, float, jsonb); the key domain must be known (key-domain.ts).
 */
function dedupDomain(index: Index, ctx: IndexContext): number | undefined {
  if (index.method !== 'btree' || index.unique || index.include.length > 0) return undefined;
  const columns: string[] = [];
  for (const key of index.keys) {
    if (key.column === undefined) return undefined;
    const type = ctx.table.columns.find((c) => c.name === key.column)?.type;
    if (!type || !deduplicable(type)) return undefined;
    columns.push(key.column);
  }
  const domain = keyDomain(ctx.schema, ctx.table, columns, ctx.rowsOf, ctx.tenants);
  return Number.isFinite(domain) ? domain : undefined;
}

function deduplicable(type: LogicalType): boolean {
  return !['decimal', 'float', 'json', 'native'].includes(type.kind);
}

/**
 * An index whose first key (after the tenant column) only grows, an identity or a `now()` default
 * in ascending order, takes inserts at its end (per tenant when the tenant leads); any other takes
 * them anywhere.
 */
export function insertPatternOf(table: Table, index: Pick<Index, 'keys' | 'method'>): InsertPattern {
  if (index.method === 'brin') return 'sequential';
  if (index.method !== 'btree') return 'random';
  let i = 0;
  while (table.tenantScoped && index.keys[i]?.column === TENANT_COLUMN) i++;
  const key = index.keys[i];
  const column = key?.column !== undefined ? table.columns.find((c) => c.name === key.column) : undefined;
  const increasing = column !== undefined && (column.identity !== undefined || column.default?.kind === 'now') && key?.order !== 'desc';
  if (!increasing) return 'random';
  return i > 0 ? 'per-tenant-sequential' : 'sequential';
}
