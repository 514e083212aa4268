import type { NativeObject } from '../../../model/schema.js';
import type { SqlSession } from '../../session.js';
import { quoteMysqlIdentifier as q } from '../quote.js';

export interface TriggerRow {
  readonly namespace: string;
  readonly name: string;
  readonly tableName: string;
  readonly event: string;
  readonly timing: string;
  readonly body: string;
}

export const TRIGGERS_SQL = `SELECT TRIGGER_SCHEMA AS namespace, TRIGGER_NAME AS name, EVENT_OBJECT_TABLE AS tableName, EVENT_MANIPULATION AS event,
  ACTION_TIMING AS timing, ACTION_STATEMENT AS body
FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA IN (?)`;

/** Triggers as native objects: the model's triggers are the history and running-total kinds it writes itself, not any body. */
export async function readTriggers(db: SqlSession, namespaces: readonly string[]): Promise<(NativeObject & { readonly namespace: string })[]> {
  return (await db.query<TriggerRow>(TRIGGERS_SQL, [namespaces])).map((t) => ({
    namespace: t.namespace,
    kind: 'trigger',
    name: t.name,
    table: t.tableName,
    dialect: 'mysql',
    sql: `CREATE TRIGGER ${q(t.name)} ${t.timing} ${t.event} ON ${q(t.tableName)} FOR EACH ROW ${t.body}`,
    reason: "a trigger's own body: the model's triggers are the history and running-total kinds it writes itself",
  }));
}
