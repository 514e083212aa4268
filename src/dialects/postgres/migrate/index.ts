import { type Change, tableKey } from '../../../model/change.js';
import type { DialectMigration, LockedStep, MigrationContext, StepDraft } from '../../migration.js';
import { parsePg } from '../../../sql/pg-parser.js';
import { locksOf } from '../locks.js';
import { addColumn, alterColumnType, alterDefault, alterNullability, dropColumn, renameColumn } from './columns.js';
import { addConstraint, addIndex, dropConstraintStep, dropIndex } from './constraints.js';
import { addEnum, addEnumValue, dropEnum, replaceEnum } from './enums.js';
import { addNative, dropNative } from './native.js';
import { postgresMigrationScript } from './script.js';
import { addPolicy, alterRowSecurity, dropPolicyStep } from './policies.js';
import { addTable, dropTable, renameTable } from './tables.js';

/** The table an index change acts on: the one that holds the index on its side of the diff. */
function indexTable(change: Extract<Change, { kind: 'add-index' | 'drop-index' }>, context: MigrationContext): string {
  const schema = change.kind === 'add-index' ? context.to : context.from;
  const table = schema.tables.find((t) => t.indexes.some((i) => i.name === change.index.name && i.table === change.index.table));
  return table ? tableKey(table) : change.index.table;
}

function drafts(change: Change, context: MigrationContext): StepDraft[] {
  switch (change.kind) {
    case 'add-enum':
      return addEnum(change);
    case 'drop-enum':
      return dropEnum(change);
    case 'add-enum-value':
      return addEnumValue(change, context);
    case 'replace-enum':
      return replaceEnum(change, context);
    case 'add-table':
      return addTable(change);
    case 'drop-table':
      return dropTable(change);
    case 'rename-table':
      return renameTable(change, context);
    case 'add-column':
      return addColumn(change, context);
    case 'drop-column':
      return dropColumn(change);
    case 'rename-column':
      return renameColumn(change, context);
    case 'alter-column-type':
      return alterColumnType(change, context);
    case 'alter-column-nullability':
      return alterNullability(change);
    case 'alter-column-default':
      return alterDefault(change);
    case 'add-index':
      return addIndex(change, context, indexTable(change, context));
    case 'drop-index':
      return dropIndex(change, context, indexTable(change, context));
    case 'add-constraint':
      return addConstraint(change, context);
    case 'drop-constraint':
      return dropConstraintStep(change, context);
    case 'alter-row-security':
      return alterRowSecurity(change, context);
    case 'add-policy':
      return addPolicy(change, context);
    case 'drop-policy':
      return dropPolicyStep(change, context);
    case 'add-native':
      return addNative(change);
    case 'drop-native':
      return dropNative(change);
  }
}

/** Each statement's locks, from the lock table over its parse tree: the one source the lint rules read too. */
function withLocks(draft: StepDraft): LockedStep {
  const statements = [...draft.sql, ...(draft.batch ? [draft.batch.sql] : [])];
  const locks = statements.flatMap((sql) => {
    const parsed = parsePg(sql);
    if (!parsed.ok) throw new Error(`the planner wrote SQL PostgreSQL's parser refuses (${parsed.message}): ${sql}`);
    return (parsed.result.stmts ?? []).flatMap((s) => (s.stmt ? locksOf(s.stmt) : []));
  });
  return { ...draft, locks };
}

/** The parser must be loaded (`Dialect.prepare`) before planning. */
export const postgresMigration: DialectMigration = {
  stepsFor: (change, context) => drafts(change, context).map(withLocks),
  script: postgresMigrationScript,
};
