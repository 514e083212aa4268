import type { Column, Table, Trigger } from '../../model/schema.js';

const ORIGIN = 'modeling/history';

/** The history table's own columns come first, prefixed so they never clash with the copied ones. */
const HISTORY_COLUMNS: readonly Column[] = [
  { name: 'history_id', type: { kind: 'int64' }, nullable: false, identity: 'always', pii: false, origin: ORIGIN },
  { name: 'history_operation', type: { kind: 'string', length: 6 }, nullable: false, pii: false, comment: 'UPDATE or DELETE', origin: ORIGIN },
  { name: 'history_by', type: { kind: 'string', length: 63 }, nullable: false, pii: false, comment: 'The database role that made the change.', origin: ORIGIN },
  { name: 'history_at', type: { kind: 'timestamp', withTimeZone: true }, nullable: false, default: { kind: 'now' }, pii: false, origin: ORIGIN },
];

export interface HistoryStructure {
  readonly table: Table;
  /** Goes on the audited table: it writes the old row into `table` on UPDATE or DELETE. */
  readonly trigger: Trigger;
}

/**
 * rule:history-for-compliance, its structure: `<table>_history` holds every old version of a row
 * (all its columns, without identity or defaults, as they were) plus the operation, the role and the
 * time; an AFTER UPDATE OR DELETE row trigger on the audited table writes it. No foreign keys: the
 * history outlives the rows it describes. No secondary index: no access pattern reads the trail;
 * one that does gets its index from the index analysis like any other.
 */
export function historyStructureOf(audited: Table): HistoryStructure {
  const name = `${audited.name}_history`;
  const copied: Column[] = audited.columns.map(({ identity: _identity, default: _default, comment: _comment, ...column }) => ({ ...column, origin: ORIGIN }));
  const trigger = `${audited.name}_history_trigger`;
  const table: Table = {
    name,
    kind: 'entity',
    columns: [...HISTORY_COLUMNS, ...copied],
    primaryKey: { name: `${name}_pkey`, columns: ['history_id'] },
    uniques: [],
    foreignKeys: [],
    checks: [],
    indexes: [],
    comment: `Old versions of ${audited.name} rows, written by the trigger ${trigger} on UPDATE or DELETE`,
    tenantScoped: audited.tenantScoped,
    origin: ORIGIN,
  };
  return { table, trigger: { kind: 'history', name: trigger, historyTable: name, origin: ORIGIN } };
}
