import type { Change } from '../../../model/change.js';
import type { NativeObject } from '../../../model/schema.js';
import type { StepDraft, StepReverse } from '../../migration.js';
import { qualified } from './names.js';

type Of<K extends Change['kind']> = Extract<Change, { kind: K }>;

/** The DROP for the kinds of native object whose name alone identifies them; others cannot be dropped by the plan. */
const DROPS: Readonly<Record<string, string>> = {
  view: 'DROP VIEW',
  'materialized-view': 'DROP MATERIALIZED VIEW',
  partition: 'DROP TABLE',
  sequence: 'DROP SEQUENCE',
  domain: 'DROP DOMAIN',
  extension: 'DROP EXTENSION',
  index: 'DROP INDEX',
};

const strip = (sql: string) => sql.trim().replace(/;\s*$/, '');

function dropOf(o: NativeObject): StepReverse {
  const drop = DROPS[o.kind];
  return drop
    ? { sql: [`${drop} ${qualified(o.name)}`], transactional: true }
    : { irreversible: `a ${o.kind} is dropped by its own statement, which the model does not keep` };
}

export function addNative(change: Of<'add-native'>): StepDraft[] {
  return [
    {
      phase: 'expand',
      title: `create ${change.object.kind} ${change.object.name}`,
      ...(change.object.table ? { table: change.object.table } : {}),
      sql: [strip(change.object.sql)],
      transactional: true,
      reverse: dropOf(change.object),
      hazards: ['native-sql'],
    },
  ];
}

export function dropNative(change: Of<'drop-native'>): StepDraft[] {
  const drop = dropOf(change.object);
  if (!('sql' in drop))
    return [
      {
        phase: 'contract',
        title: `drop ${change.object.kind} ${change.object.name} (by hand)`,
        sql: [],
        transactional: true,
        reverse: { sql: [strip(change.object.sql)], transactional: true },
        hazards: ['native-sql'],
        note: `${drop.irreversible}: drop it by hand; its definition is kept as the reverse`,
      },
    ];
  return [
    {
      phase: 'contract',
      title: `drop ${change.object.kind} ${change.object.name}`,
      ...(change.object.table ? { table: change.object.table } : {}),
      sql: drop.sql,
      transactional: true,
      reverse: {
        sql: [strip(change.object.sql)],
        transactional: true,
        ...(change.object.kind === 'partition' ? { lost: `the rows of ${change.object.name}` } : {}),
      },
      hazards: ['native-sql', ...(change.object.kind === 'partition' ? (['data-loss'] as const) : [])],
      ...(change.object.kind === 'partition' ? { dataLoss: `the rows of partition ${change.object.name}` } : {}),
    },
  ];
}
