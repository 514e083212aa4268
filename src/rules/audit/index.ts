import type { RuleSet } from '../../diagnostics/rule.js';
import type { AuditContext } from './context.js';
import { noPrimaryKey } from './no-primary-key.js';
import { missingFkIndex } from './missing-fk-index.js';
import { duplicateIndex } from './duplicate-index.js';
import { redundantPrefixIndex } from './redundant-prefix-index.js';
import { unusedIndex } from './unused-index.js';
import { integerKeyNearOverflow } from './integer-key-near-overflow.js';
import { integerKeyPastHalf } from './integer-key-past-half.js';
import { timestampWithoutTimeZone } from './timestamp-without-time-zone.js';
import { floatOrMoneyTypeForMoney } from './float-or-money-type-for-money.js';
import { arbitraryVarcharLimit } from './arbitrary-varchar-limit.js';
import { fixedLengthChar } from './fixed-length-char.js';
import { nullableUniqueColumn } from './nullable-unique-column.js';
import { nullableRequiredFk } from './nullable-required-fk.js';
import { serialInsteadOfIdentity } from './serial-instead-of-identity.js';
import { enumLikeTextWithoutCheck } from './enum-like-text-without-check.js';
import { tenantTableWithoutRls } from './tenant-table-without-rls.js';
import { piiWithoutHandling } from './pii-without-handling.js';
import { tableWithoutStatistics } from './table-without-statistics.js';
import { invalidIndex } from './invalid-index.js';
import { notValidConstraint } from './not-valid-constraint.js';
import { wideRowOnHotTable } from './wide-row-on-hot-table.js';
import { inconsistentNaming } from './inconsistent-naming.js';

/** The audit rules, each listed once, in the order their findings are reported. */
export const auditRules: RuleSet<AuditContext> = {
  name: 'audit',
  summary:
    'Rules over an existing database as introspected (or a spec as designed), with its statistics where the database keeps them, run by `dbarchitect audit`. Where a fix can be given from the names alone, the help ends with its SQL (`SQL: …`).',
  rules: [
    noPrimaryKey,
    missingFkIndex,
    duplicateIndex,
    redundantPrefixIndex,
    unusedIndex,
    integerKeyNearOverflow,
    integerKeyPastHalf,
    timestampWithoutTimeZone,
    floatOrMoneyTypeForMoney,
    arbitraryVarcharLimit,
    fixedLengthChar,
    nullableUniqueColumn,
    nullableRequiredFk,
    serialInsteadOfIdentity,
    enumLikeTextWithoutCheck,
    tenantTableWithoutRls,
    piiWithoutHandling,
    tableWithoutStatistics,
    invalidIndex,
    notValidConstraint,
    wideRowOnHotTable,
    inconsistentNaming,
    // new-rule: next rule
  ],
};
