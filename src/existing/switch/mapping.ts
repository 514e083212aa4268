import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { CollationSpec, SourceColumnFacts, SourceDataFacts, TransferTable } from '../../dialects/transfer.js';
import type { ForeignKey, Schema } from '../../model/schema.js';

/** What the switch reads of the source beyond the model: each column's declaration and collation, and counts over its rows. */
export interface SwitchFacts {
  readonly columns: readonly SourceColumnFacts[];
  readonly data: readonly SourceDataFacts[];
}

/** One column whose meaning changes on the way, stated: what it was, what it becomes, why, and what it risks. */
export interface ColumnMapping {
  readonly table: string;
  readonly column: string;
  /** The source's declaration: `int(10) unsigned`. */
  readonly from: string;
  /** The target's, as its DDL writes it: `bigint`. */
  readonly to: string;
  /** The rule, by name: `unsigned-int`, `zero-date`, `case-insensitive-collation`, …. */
  readonly rule: string;
  readonly why: string;
  /** What can go wrong because of it, when something can. */
  readonly risk?: string;
}

/** An identity column, and the value its sequence must hand out next after the copy (past the source's counter and every copied value). */
export interface IdentityRestart {
  readonly table: string;
  readonly column: string;
  /** The source's next AUTO_INCREMENT value; the copy restarts past the larger of it and the copied maximum. */
  readonly sourceNext: string;
}

/** How the rows move: tables in dependency order, the identities to restart, the foreign keys added after the copy. */
export interface TransferPlan {
  readonly tables: readonly TransferTable[];
  readonly identities: readonly IdentityRestart[];
  readonly foreignKeys: readonly { readonly table: string; readonly foreignKeys: readonly ForeignKey[] }[];
}

export interface SwitchMapping {
  /** The target schema in the one model: what `Dialect.emitDdl` writes for the target. */
  readonly schema: Schema;
  /** The same tables without their foreign keys: created before the copy, the keys added after it. */
  readonly schemaBeforeCopy: Schema;
  readonly collations: readonly CollationSpec[];
  readonly mappings: readonly ColumnMapping[];
  readonly transfer: TransferPlan;
  readonly diagnostics: readonly Diagnostic[];
}
