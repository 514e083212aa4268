import type { RuleSet } from '../../diagnostics/rule.js';
import type { LintContext } from './context.js';
import { requireConcurrentIndex } from './require-concurrent-index.js';
import { concurrentIndexInTransaction } from './concurrent-index-in-transaction.js';
import { constraintWithoutNotValid } from './constraint-without-not-valid.js';
import { constraintBuildsIndex } from './constraint-builds-index.js';
import { setNotNull } from './set-not-null.js';
import { requiredColumn } from './required-column.js';
import { volatileDefault } from './volatile-default.js';
import { serialColumnAdded } from './serial-column-added.js';
import { columnTypeChange } from './column-type-change.js';
import { renameColumnOrTable } from './rename-column-or-table.js';
import { dropData } from './drop-data.js';
import { truncateCascade } from './truncate-cascade.js';
import { missingLockTimeout } from './missing-lock-timeout.js';
import { missingStatementTimeout } from './missing-statement-timeout.js';
import { transactionNesting } from './transaction-nesting.js';
import { unfinishedTransaction } from './unfinished-transaction.js';
import { charColumn } from './char-column.js';
import { preferBigint } from './prefer-bigint.js';
import { preferText } from './prefer-text.js';
import { preferTimestamptz } from './prefer-timestamptz.js';
import { partitionAttachDetach } from './partition-attach-detach.js';
import { enumValueOrder } from './enum-value-order.js';
import { longIdentifier } from './long-identifier.js';
import { unusedIgnore } from './unused-ignore.js';
import { preferIdentity } from './prefer-identity.js';

/** The migration lint rules, each listed once, in the order their findings are reported on one line. */
export const lintRules: RuleSet<LintContext> = {
  name: 'lint',
  summary:
    "Rules over a hand-written SQL migration, run by `dbarchitect lint`: the locks each statement takes on PostgreSQL (src/dialects/postgres/locks.ts), whether it rewrites or scans a table that has rows, the transaction and timeouts it runs under, and the types it chooses. With `--spec`, the severity of a rewrite or scan follows the table's rows and write rate: info under 100,000 rows, error from 1,000,000 rows or 100 writes/s.",
  rules: [
    requireConcurrentIndex,
    concurrentIndexInTransaction,
    constraintWithoutNotValid,
    constraintBuildsIndex,
    setNotNull,
    requiredColumn,
    volatileDefault,
    serialColumnAdded,
    columnTypeChange,
    renameColumnOrTable,
    dropData,
    truncateCascade,
    missingLockTimeout,
    missingStatementTimeout,
    transactionNesting,
    unfinishedTransaction,
    charColumn,
    preferBigint,
    preferText,
    preferTimestamptz,
    partitionAttachDetach,
    enumValueOrder,
    longIdentifier,
    unusedIgnore,
    preferIdentity,
    // new-rule: next rule
  ],
};
