import type { MigrationPhase, StepDraft } from '../../migration.js';
import { quotePgIdentifier as q } from '../quote.js';
import { qualified, temporaryName } from './names.js';

/**
 * NOT NULL on a live table without a scan under ACCESS EXCLUSIVE ("ALTER TABLE", SET NOT NULL: the
 * scan is skipped when a valid CHECK constraint proves the column has no NULL, PostgreSQL 12+):
 * a CHECK added NOT VALID (brief lock), validated under SHARE UPDATE EXCLUSIVE (reads and writes go
 * on), then SET NOT NULL and the CHECK dropped.
 */
export function notNullSteps(table: string, column: string, phase: MigrationPhase = 'migrate'): StepDraft[] {
  const t = qualified(table);
  const c = q(column);
  const check = q(temporaryName(`${table.split('.').pop()}_${column}`, 'not_null'));
  const addCheck = `ALTER TABLE ${t} ADD CONSTRAINT ${check} CHECK (${c} IS NOT NULL) NOT VALID`;
  return [
    {
      phase,
      title: `check ${table}.${column} IS NOT NULL for new rows (NOT VALID)`,
      table,
      sql: [addCheck],
      transactional: true,
      reverse: { sql: [`ALTER TABLE ${t} DROP CONSTRAINT ${check}`], transactional: true },
      hazards: [],
    },
    {
      phase,
      title: `validate that no row of ${table} has ${column} NULL`,
      table,
      sql: [`ALTER TABLE ${t} VALIDATE CONSTRAINT ${check}`],
      transactional: true,
      reverse: { sql: [], transactional: true },
      hazards: ['correctness'],
      note: 'fails when a row still has NULL: fill those rows and run the plan again (apply resumes here)',
    },
    {
      phase,
      title: `set ${table}.${column} NOT NULL (proven by the check, no scan)`,
      table,
      sql: [`ALTER TABLE ${t} ALTER COLUMN ${c} SET NOT NULL`, `ALTER TABLE ${t} DROP CONSTRAINT ${check}`],
      transactional: true,
      reverse: { sql: [`ALTER TABLE ${t} ALTER COLUMN ${c} DROP NOT NULL`, addCheck], transactional: true },
      hazards: [],
      lighterWork: { work: 'metadata', because: 'the validated CHECK proves no row is NULL (PostgreSQL 12+ skips the scan)' },
    },
  ];
}
