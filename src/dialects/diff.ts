import type { Check, ForeignKey, Index, NativeObject, Schema } from '../model/schema.js';

/**
 * The dialect's half of the schema differ (Atlas's `DiffDriver`): one spelling for what the
 * database stores alike, so a spec's design, its DDL read back from a database and the same DDL
 * read from a file compare equal. The generic differ (`existing/diff/`) matches and orders; the
 * dialect only says when two spellings are the same and what the model's intent becomes in the
 * database.
 */
export interface DialectDiff {
  /** An expression (a default's, a generated column's, an index key's, a policy's) as a comparison key. */
  expressionKey(sql: string): string;
  /** A check's condition as a key: a spec's range or format rule and the catalog's text of it agree. */
  checkKey(check: Check): string;
  /** A partial index's condition (structured `where` and raw `predicate` alike) as a key; '' for a full index. */
  indexPredicateKey(index: Pick<Index, 'where' | 'predicate'>): string;
  /**
   * The objects the database holds beside the tables for a schema: its `native` list, plus what
   * the model's triggers, pre-aggregate views and partitioning become, as executable SQL.
   */
  nativeObjects(schema: Schema): NativeObject[];
  /** A native object's definition as a key, so the catalog's reprint of a statement equals the statement. */
  nativeKey(object: NativeObject): string;
  /** A partition the design's upkeep makes and drops by date (named from its bounds): never compared. */
  isManagedPartition(object: NativeObject): boolean;
  /** A reference's rule as the database enforces it, where two spellings are one (InnoDB: RESTRICT is NO ACTION); absent: as written. */
  foreignKeyRuleKey?(rule: ForeignKey['onDelete']): string;
}
