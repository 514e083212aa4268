import { describeType, type LogicalType } from '../../model/logical-type.js';
import { TENANT_COLUMN } from '../../model/naming.js';
import type { Column, ForeignKey, Schema, Table } from '../../model/schema.js';
import { fieldOfColumn } from './field-of-column.js';
import type { PlannedEntity, PlannedField, PlannedSpec } from './planned-spec.js';
import { durationText, monthlyRateText, quantityText } from './quantity-text.js';
import { relationFields, type RelationField, type SchemaShape } from './relation-tables.js';

export interface PlanOptions {
  /** The spec's `name` (a slug). */
  readonly name: string;
  readonly description?: string;
  /** Conventions to write with instead of the ones read from the schema (a fragment follows its whole spec's). */
  readonly conventions?: { readonly tenancy: boolean; readonly ids: PlannedSpec['ids']; readonly timestamps: boolean };
}

type Ids = PlannedSpec['ids'];
const ID_TYPES: Record<Ids, LogicalType['kind']> = { bigint: 'int64', uuid: 'uuid', int: 'int32' };

/**
 * A schema (from a spec or read from a database) as the spec that builds it again, following the
 * spec's own rules in spec/build-model.ts backwards: the surrogate `id` and `tenant_id` columns
 * and the timestamps become conventions, single-column references to a key named `<field>_id`
 * become `ref` fields, pure link tables named `<entity>_<field>` become `many` fields. Whatever
 * has no spelling in the spec becomes a note beside the place it belongs to. Pure.
 */
export function planSpec(schema: Schema, options: PlanOptions): PlannedSpec {
  const notes: string[] = [];
  const tenantTable = schema.tables.find((t) => t.name === 'tenant');
  const others = schema.tables.filter((t) => t !== tenantTable);
  const tenancy = options.conventions?.tenancy ?? (others.length > 0 && others.filter(hasTenantColumn).length * 2 > others.length);
  const isScoped = (t: Table) => tenancy && t !== tenantTable && hasTenantColumn(t);
  const shape: SchemaShape = { schema, tenancy, isScoped, refKey: (t) => refKeyOf(t, isScoped(t)) };
  const relations = relationFields(shape);
  const relationTables = new Set(relations.map((r) => r.table.name));
  const entityTables = schema.tables.filter((t) => !relationTables.has(t.name));
  const ids = options.conventions?.ids ?? idsConvention(entityTables, isScoped);
  const timestamps =
    options.conventions?.timestamps ??
    (entityTables.length > 0 && entityTables.every((t) => isTimestampColumn(t.columns.find((c) => c.name === 'created_at'))));

  const entities = entityTables.map((table) =>
    planEntity(table, {
      schema,
      ids,
      tenancy,
      timestamps,
      scoped: isScoped(table),
      isTenantTable: table === tenantTable,
      shape,
      relations: relations.filter((r) => r.owner.name === table.name),
      relationTables,
    }),
  );
  if (tenancy && !tenantTable) notes.push('shared-schema tenancy without a `tenant` table: tenant_id references nothing in the spec');
  if (tenancy && tenantTable) {
    const key = refKeyOf(tenantTable, false);
    for (const table of schema.tables.filter(isScoped)) {
      const column = table.columns.find((c) => c.name === TENANT_COLUMN)!;
      if (key && describeType(column.type) !== describeType(key.type))
        notes.push(`${table.name}.tenant_id is ${describeType(column.type)}; the spec types it as the tenant's key (${describeType(key.type)})`);
    }
  }
  for (const view of schema.views ?? [])
    notes.push(`materialized view ${view.name} (a pre-aggregate of ${view.table}): the design chooses these from access patterns`);
  for (const object of schema.native ?? []) notes.push(`${object.kind} ${object.name}${object.table ? ` on ${object.table}` : ''}: ${object.reason}`);
  const usedEnums = new Set(schema.tables.flatMap((t) => t.columns.flatMap((c) => (c.type.kind === 'enum' ? [c.type.name] : []))));
  for (const type of schema.enums) if (!usedEnums.has(type.name)) notes.push(`enum type ${type.name} is used by no column: not written`);
  return {
    name: options.name,
    ...(options.description ? { description: options.description } : {}),
    tenancy,
    ids,
    timestamps,
    entities,
    notes,
  };
}

interface EntityContext {
  readonly schema: Schema;
  readonly ids: Ids;
  readonly tenancy: boolean;
  readonly timestamps: boolean;
  readonly scoped: boolean;
  readonly isTenantTable: boolean;
  readonly shape: SchemaShape;
  readonly relations: readonly RelationField[];
  readonly relationTables: ReadonlySet<string>;
}

function planEntity(table: Table, context: EntityContext): PlannedEntity {
  const { schema, scoped } = context;
  const notes: string[] = [];
  const idColumn = table.columns.find((c) => c.name === 'id');
  const conventionKey = scoped ? [TENANT_COLUMN, 'id'] : ['id'];
  const conventionId =
    idColumn !== undefined && !idColumn.nullable && idColumn.type.kind === ID_TYPES[context.ids] && sameList(table.primaryKey.columns, conventionKey);
  if (conventionId) notes.push(...idGenerationNotes(idColumn, context.ids));
  const updated = table.columns.find((c) => c.name === 'updated_at');
  const skip = new Set<string>([
    ...(conventionId ? ['id'] : []),
    ...(scoped ? [TENANT_COLUMN] : []),
    ...(context.timestamps && isTimestampColumn(table.columns.find((c) => c.name === 'created_at'))
      ? ['created_at', ...(isTimestampColumn(updated) ? ['updated_at'] : [])]
      : []),
  ]);
  if (context.timestamps) {
    for (const name of ['created_at', 'updated_at']) {
      const column = table.columns.find((c) => c.name === name);
      if (column && skip.has(name) && column.default?.kind !== 'now')
        notes.push(`${name} has no default now() in the database; the timestamps convention gives it one`);
    }
  }

  const handled = new Set<ForeignKey>();
  if (scoped) for (const fk of table.foreignKeys) if (sameList(fk.columns, [TENANT_COLUMN]) && fk.refTable === 'tenant') handled.add(fk);
  const references = new Map<string, { fk: ForeignKey; field: string; target: Table }>();
  for (const fk of table.foreignKeys) {
    if (handled.has(fk)) continue;
    const ref = asReference(table, fk, context);
    if (ref && !references.has(ref.column)) {
      references.set(ref.column, { fk, field: ref.field, target: ref.target });
      handled.add(fk);
    }
  }

  const uniqueFields = new Set<string>();
  const uniques: string[][] = [];
  const uniqueSets = [
    ...table.uniques.map((u) => ({ columns: u.columns, index: undefined as string | undefined })),
    ...table.indexes
      .filter((i) => i.unique && i.where.length === 0 && !i.predicate && i.keys.every((k) => k.column))
      .map((i) => ({ columns: leading(i), index: i.name })),
  ];
  for (const { columns, index } of uniqueSets) {
    if (sameList(columns, table.primaryKey.columns) || uniques.some((u) => sameList(u, columns))) continue;
    if (index) notes.push(`unique index ${index} is written as a unique constraint`);
    const single = scoped ? (columns.length === 2 && columns[0] === TENANT_COLUMN ? columns[1] : undefined) : columns.length === 1 ? columns[0] : undefined;
    if (single !== undefined && !skip.has(single) && !uniqueFields.has(single)) uniqueFields.add(single);
    else uniques.push([...columns]);
  }

  const singleColumnChecks = (column: string) => table.checks.filter((c) => c.rule.kind !== 'expression' && c.rule.column === column);
  const fields: PlannedField[] = [];
  for (const column of table.columns) {
    if (skip.has(column.name)) continue;
    const reference = references.get(column.name);
    const field = reference
      ? referenceField(column, reference, context)
      : fieldOfColumn(column, column.name, { schema, checks: singleColumnChecks(column.name) });
    fields.push(uniqueFields.has(column.name) ? { ...field, unique: true } : field);
    if (reference) for (const check of singleColumnChecks(column.name)) notes.push(`check ${check.name} on the reference ${column.name} is not kept`);
  }
  for (const relation of context.relations)
    fields.push({
      name: relation.field,
      type: `many(${relation.target.name})`,
      required: false,
      ...(relation.description ? { description: relation.description } : {}),
      notes: [],
    });
  for (const column of table.columns.filter((c) => skip.has(c.name)))
    for (const check of singleColumnChecks(column.name)) notes.push(`check ${check.name} on ${column.name} is not kept`);

  for (const fk of table.foreignKeys.filter((f) => !handled.has(f)))
    notes.push(
      `foreign key ${fk.name} (${fk.columns.join(', ')}) -> ${fk.refTable} (${fk.refColumns.join(', ')}) is not written: the spec says single-column references named <field>_id to a key`,
    );
  for (const check of table.checks.filter((c) => c.rule.kind === 'expression'))
    notes.push(`check ${check.name}: ${check.rule.kind === 'expression' ? check.rule.sql : ''} (the spec says only min/max and formats)`);
  for (const check of table.checks.filter((c) => c.notValid)) notes.push(`check ${check.name} is NOT VALID in the database`);
  const otherIndexes = table.indexes.filter((i) => !uniqueSets.some((u) => u.index === i.name));
  if (otherIndexes.length) notes.push(`indexes not written (the design chooses indexes from access patterns): ${otherIndexes.map((i) => i.name).join(', ')}`);
  if (table.namespace) notes.push(`in the database schema ${table.namespace}; the spec has one namespace`);
  if (table.partitioning) notes.push(`partitioned by ${table.partitioning.method} on ${table.partitioning.column}: the design decides partitioning`);
  if (table.triggers?.length) notes.push(`triggers ${table.triggers.map((t) => t.name).join(', ')}: the design decides history and snapshots`);
  if (table.rowSecurity?.enabled)
    notes.push(
      `row-level security on${table.rowSecurity.policies.length ? ` with policies ${table.rowSecurity.policies.map((p) => p.name).join(', ')}` : ''}: the security design writes its own`,
    );

  let key: string[] | undefined;
  if (!conventionId) {
    if (table.primaryKey.columns.length > 0) key = [...table.primaryKey.columns];
    else if (idColumn) {
      key = ['id'];
      notes.push('no primary key in the database: written with key [id]');
    } else notes.push('no primary key in the database: the spec gives it a surrogate id');
  }

  const rows = table.stats?.rows ?? table.volume?.rows;
  const volume = table.volume;
  // With timestamps, a table with created_at but no updated_at is append-only (a table with neither gets both).
  const appendOnly = volume?.appendOnly === true || (context.timestamps && skip.has('created_at') && !skip.has('updated_at'));
  if (context.timestamps && !skip.has('updated_at') && table.columns.some((c) => c.name === 'updated_at'))
    notes.push('updated_at is not a NOT NULL timestamp with time zone: written as a field, and the entity as append-only');
  return {
    name: table.name,
    ...(table.comment ? { description: table.comment } : {}),
    ...(key ? { key } : {}),
    unique: uniques,
    ...(rows !== undefined && rows !== null && rows > 0 ? { rows: quantityText(rows) } : {}),
    ...(volume && volume.growthPerMonth > 0 ? { growth: monthlyRateText(volume.growthPerMonth) } : {}),
    ...(volume?.retentionSeconds ? { retention: durationText(volume.retentionSeconds) } : {}),
    ...(appendOnly ? { appendOnly: true } : {}),
    ...(context.tenancy && !context.isTenantTable && !scoped ? { global: true } : {}),
    fields,
    notes,
  };
}

/** A foreign key the spec can write as `ref(target)` on its column, and the field's name. */
function asReference(table: Table, fk: ForeignKey, context: EntityContext): { column: string; field: string; target: Table } | undefined {
  const target = context.schema.tables.find((t) => t.name === fk.refTable);
  if (!target || context.relationTables.has(target.name)) return undefined;
  const key = context.shape.refKey(target);
  if (!key) return undefined;
  const bothScoped = context.scoped && context.shape.isScoped(target);
  const tenantCarrying = bothScoped && sameList(fk.columns.slice(0, 1), [TENANT_COLUMN]) && sameList(fk.refColumns.slice(0, 1), [TENANT_COLUMN]);
  const columns = tenantCarrying ? fk.columns.slice(1) : fk.columns;
  const refColumns = tenantCarrying ? fk.refColumns.slice(1) : fk.refColumns;
  if (columns.length !== 1 || refColumns.length !== 1 || refColumns[0] !== key.column) return undefined;
  const column = columns[0]!;
  const field = column.endsWith('_id') ? column.slice(0, -3) : '';
  if (!/^[a-z][a-z0-9_]*$/.test(field)) return undefined;
  if (table.columns.some((c) => c.name === field)) return undefined;
  return { column, field, target };
}

function referenceField(column: Column, reference: { fk: ForeignKey; field: string; target: Table }, context: EntityContext): PlannedField {
  const { fk, field, target } = reference;
  const notes: string[] = [];
  const key = context.shape.refKey(target)!;
  if (describeType(column.type) !== describeType(key.type))
    notes.push(`${describeType(column.type)} in the database; a ref column takes the type of ${target.name}'s key (${describeType(key.type)})`);
  if (context.scoped && context.shape.isScoped(target) && fk.columns.length === 1)
    notes.push("the database's reference does not carry tenant_id; the spec's does under shared-schema tenancy");
  let onDelete: PlannedField['onDelete'];
  if (fk.onDelete === 'cascade') onDelete = 'cascade';
  else if (fk.onDelete === 'set-null' && column.nullable) onDelete = 'set_null';
  else if (fk.onDelete === 'no-action')
    notes.push('ON DELETE NO ACTION in the database, written as restrict (checked at once rather than at the end of the statement)');
  else if (fk.onDelete !== 'restrict') notes.push(`ON DELETE ${fk.onDelete} in the database, written as restrict`);
  if (fk.onUpdate && fk.onUpdate !== 'no-action') notes.push(`ON UPDATE ${fk.onUpdate}: the spec cannot say it`);
  if (fk.notValid) notes.push('the foreign key is NOT VALID in the database');
  return {
    name: field,
    type: `ref(${target.name})`,
    required: !column.nullable,
    ...(onDelete ? { onDelete } : {}),
    ...(column.pii ? { pii: true } : {}),
    ...(column.distinct !== undefined ? { distinct: column.distinct } : {}),
    ...(column.comment ? { description: column.comment } : {}),
    notes,
  };
}

/** The single column others reference, as spec/build-model.ts's refKey sees it (the key without the tenant). */
export function refKeyOf(table: Table, scoped: boolean): { column: string; type: LogicalType } | undefined {
  const own = table.primaryKey.columns.filter((c) => !(scoped && c === TENANT_COLUMN));
  if (own.length !== 1) return undefined;
  const column = table.columns.find((c) => c.name === own[0]);
  return column && { column: column.name, type: column.type };
}

/** The id type most entities use; ties go to bigint, the spec's default, then uuid. */
function idsConvention(tables: readonly Table[], isScoped: (t: Table) => boolean): Ids {
  const counts: Record<Ids, number> = { bigint: 0, uuid: 0, int: 0 };
  for (const table of tables) {
    const id = table.columns.find((c) => c.name === 'id');
    if (!id || !sameList(table.primaryKey.columns, isScoped(table) ? [TENANT_COLUMN, 'id'] : ['id'])) continue;
    for (const ids of Object.keys(ID_TYPES) as Ids[]) if (id.type.kind === ID_TYPES[ids]) counts[ids]++;
  }
  return (['bigint', 'uuid', 'int'] as const).reduce((best, ids) => (counts[ids] > counts[best] ? ids : best), 'bigint' as Ids);
}

function idGenerationNotes(id: Column, ids: Ids): string[] {
  if (ids === 'uuid') return id.default?.kind === 'random-uuid' ? [] : ['id has no gen_random_uuid() default in the database; the spec generates it'];
  if (id.identity === 'always') return [];
  if (id.identity === 'by-default') return ['id is GENERATED BY DEFAULT in the database; the spec makes it GENERATED ALWAYS'];
  if (id.default?.kind === 'sequence') return ['id is a serial (a sequence default) in the database; the spec makes it an identity column'];
  return ['id gets no generated value in the database; the spec makes it an identity column'];
}

function hasTenantColumn(table: Table): boolean {
  const column = table.columns.find((c) => c.name === TENANT_COLUMN);
  return column !== undefined && !column.nullable;
}

function isTimestampColumn(column: Column | undefined): boolean {
  return column !== undefined && !column.nullable && column.type.kind === 'timestamp' && column.type.withTimeZone;
}

function leading(index: Table['indexes'][number]): string[] {
  return index.keys.map((k) => k.column!);
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
