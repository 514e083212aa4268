import type { Change } from '../../../model/change.js';
import type { StepDraft } from '../../migration.js';
import { quoteMysqlIdentifier as q } from '../quote.js';

type Of<K extends Change['kind']> = Extract<Change, { kind: K }>;

/** How a native object of a MySQL database is dropped, by its kind (views, triggers, routines); undefined when the model cannot say. */
function dropStatement(object: Of<'add-native'>['object']): string | undefined {
  const name = object.name.split('.').map(q).join('.');
  switch (object.kind) {
    case 'view':
      return `DROP VIEW IF EXISTS ${name}`;
    case 'trigger':
      return `DROP TRIGGER IF EXISTS ${name}`;
    case 'function':
      return `DROP FUNCTION IF EXISTS ${name}`;
    case 'procedure':
      return `DROP PROCEDURE IF EXISTS ${name}`;
    default:
      return undefined;
  }
}

export function addNative(change: Of<'add-native'>): StepDraft[] {
  const drop = dropStatement(change.object);
  return [
    {
      phase: 'expand',
      title: `create ${change.object.kind} ${change.object.name}`,
      sql: [change.object.sql],
      transactional: false,
      reverse: drop ? { sql: [drop], transactional: false } : { irreversible: `the model cannot say how to remove a ${change.object.kind}` },
      hazards: ['native-sql'],
    },
  ];
}

export function dropNative(change: Of<'drop-native'>): StepDraft[] {
  const drop = dropStatement(change.object);
  if (!drop) throw new Error(`MySQL/MariaDB plans cannot drop a ${change.object.kind} (${change.object.name}): the model cannot say how`);
  return [
    {
      phase: 'contract',
      title: `drop ${change.object.kind} ${change.object.name}`,
      sql: [drop],
      transactional: false,
      reverse: { sql: [change.object.sql], transactional: false },
      hazards: ['native-sql'],
    },
  ];
}
