import type { DialectDiff } from '../diff.js';
import type { NativeObject, Schema } from '../../model/schema.js';
import { checkCondition, createTriggerFunction, createTriggerStatement, createViewStatement, indexPredicate } from './ddl.js';
import { quotePgIdentifier as q } from './quote.js';
import { collapseSpace, pgExpressionKey, pgSqlKey } from './sql-key.js';

/**
 * The names the design's partition upkeep gives (`ddl.ts` PARTITION_NAME_FORMAT): `<table>_p2026_03`,
 * `_p2026_03_14`, `_p2026_w11`, `_p2026`. Such partitions come and go with the date the DDL or the
 * retention job ran, so two databases of one design hold different ones.
 */
const MANAGED_SUFFIX = /_p(\d{4}(_\d{2}){0,2}|\d{4}_w\d{2})$/;

const bare = (name: string): string => name.slice(name.lastIndexOf('.') + 1);

export const postgresDiff: DialectDiff = {
  expressionKey: pgExpressionKey,
  checkKey: (check) => pgExpressionKey(checkCondition(check)),
  indexPredicateKey: (index) => {
    const predicate = indexPredicate(index);
    return predicate === undefined ? '' : pgExpressionKey(predicate);
  },
  nativeObjects,
  nativeKey: (object) => (object.kind === 'partitioning' ? collapseSpace(object.sql) : pgSqlKey(object.sql)),
  isManagedPartition: (object) =>
    object.kind === 'partition' && object.table !== undefined && bare(object.name).startsWith(`${bare(object.table)}_p`) && MANAGED_SUFFIX.test(object.name),
};

/**
 * What the model's own structures are once the DDL ran, named as the introspector names them:
 * a trigger's function (`name()`) and trigger, a pre-aggregate's materialized view, a partitioned
 * table's key and default partition. The view's unique index is not listed: the introspector reads
 * no index of a materialized view.
 */
function nativeObjects(schema: Schema): NativeObject[] {
  const made = (kind: string, name: string, sql: string, reason: string, table?: string): NativeObject => ({
    kind,
    name,
    ...(table !== undefined ? { table } : {}),
    dialect: 'postgres',
    sql,
    reason,
  });
  const partitioning: NativeObject[] = [];
  const functions: NativeObject[] = [];
  const triggers: NativeObject[] = [];
  for (const table of schema.tables) {
    if (table.partitioning) {
      partitioning.push(
        made('partitioning', table.name, `PARTITION BY RANGE (${q(table.partitioning.column)})`, "the design's time partitioning", table.name),
        made(
          'partition',
          `${table.name}_default`,
          `CREATE TABLE ${q(`${table.name}_default`)} PARTITION OF ${q(table.name)} DEFAULT;`,
          'the partition the design makes for rows outside the window',
          table.name,
        ),
      );
    }
    for (const trigger of table.triggers ?? []) {
      functions.push(
        made('function', `${trigger.name}()`, createTriggerFunction(schema, table, trigger), `the function of the design's ${trigger.kind} trigger`),
      );
      triggers.push(made('trigger', trigger.name, createTriggerStatement(table, trigger), `the design's ${trigger.kind} trigger`, table.name));
    }
  }
  const views = (schema.views ?? []).map((v) => made('materialized-view', v.name, createViewStatement(v), "the design's pre-aggregate"));
  return [...(schema.native ?? []), ...partitioning, ...views, ...functions, ...triggers];
}
