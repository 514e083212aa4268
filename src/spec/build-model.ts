import { suggestion } from '../diagnostics/did-you-mean.js';
import type { ProblemList } from './problem.js';
import type { EntitySpec, FieldSpec, Spec } from '../model/spec.js';
import { RATE_UNITS } from './quantities.js';
import type { Decision } from '../model/decision.js';
import { scalarColumnType } from './field-column-type.js';
import type { LogicalType } from '../model/logical-type.js';
import { derivedName, TENANT_COLUMN } from '../model/naming.js';
import { deferrableForeignKeys } from '../model/reference-cycles.js';
import type { Check, Column, EnumType, ForeignKey, Schema, Table } from '../model/schema.js';

export interface ModelResult {
  readonly schema: Schema;
  readonly decisions: Decision[];
}

/**
 * Spec -> dialect-neutral Schema. Pure: the same spec gives the same model, tables in spec order
 * with each entity's relation tables after it.
 */
export function buildModel(spec: Spec, problems: ProblemList): ModelResult {
  const builder = new ModelBuilder(spec, problems);
  return builder.build();
}

interface RefKey {
  readonly column: string;
  readonly type: LogicalType;
}

class ModelBuilder {
  private readonly entities: Map<string, EntitySpec>;
  private readonly tables: Table[] = [];
  private readonly enums: EnumType[] = [];
  private readonly decisions: Decision[] = [];
  private readonly tenancy: boolean;
  private readonly tenantEntity: EntitySpec | undefined;

  constructor(
    private readonly spec: Spec,
    private readonly problems: ProblemList,
  ) {
    this.entities = new Map(spec.entities.map((e) => [e.name, e]));
    this.tenancy = spec.requirements.tenancy === 'shared-schema';
    this.tenantEntity = this.tenancy ? this.entities.get('tenant') : undefined;
  }

  build(): ModelResult {
    for (const entity of this.spec.entities) {
      const table = this.entityTable(entity);
      if (table) this.tables.push(table);
      for (const field of entity.fields) {
        if (field.type.kind === 'many') {
          const relation = this.relationTable(entity, field, field.type.entity);
          if (relation) this.tables.push(relation);
        }
      }
    }
    this.addReferenceTargetUniques();
    const deferrable = deferrableForeignKeys(this.tables);
    for (const table of this.tables) {
      table.foreignKeys = table.foreignKeys.map((fk) => ({ ...fk, deferrable: deferrable.has(`${table.name}.${fk.name}`) }));
    }
    this.decideCycles(deferrable);
    this.decideConventions();
    return { schema: { tables: this.tables, enums: this.enums }, decisions: this.decisions };
  }

  /** The tenant entity holds the tenants: it is global even when the spec does not say so. */
  private isTenantScoped(entity: EntitySpec): boolean {
    return this.tenancy && !entity.global && entity !== this.tenantEntity;
  }

  private idColumnType(): LogicalType {
    const ids = this.spec.conventions.ids;
    return ids === 'uuid' ? { kind: 'uuid' } : ids === 'int' ? { kind: 'int32' } : { kind: 'int64' };
  }

  private idColumn(): Column {
    const type = this.idColumnType();
    return type.kind === 'uuid'
      ? { name: 'id', type, nullable: false, default: { kind: 'random-uuid' }, pii: false, origin: 'conventions.ids' }
      : { name: 'id', type, nullable: false, identity: 'always', pii: false, origin: 'conventions.ids' };
  }

  /** The single column other entities reference, and its type. */
  private refKey(entity: EntitySpec, depth = 0): RefKey | undefined {
    if (!entity.key) return { column: 'id', type: this.idColumnType() };
    const own = entity.key.filter((c) => !(this.isTenantScoped(entity) && c === TENANT_COLUMN));
    if (own.length !== 1 || depth > 8) return undefined;
    const column = own[0]!;
    const field = entity.fields.find((f) => columnName(f) === column);
    if (!field) return column === 'id' ? { column, type: this.idColumnType() } : undefined;
    if (field.type.kind === 'ref') {
      const target = this.entities.get(field.type.entity);
      const inner = target && this.refKey(target, depth + 1);
      return inner && { column, type: inner.type };
    }
    if (field.type.kind === 'many') return undefined;
    return { column, type: scalarColumnType(field, '') };
  }

  private tenantColumn(origin: string): Column {
    const type = this.tenantEntity ? (this.refKey(this.tenantEntity)?.type ?? this.idColumnType()) : this.idColumnType();
    return { name: TENANT_COLUMN, type, nullable: false, pii: false, origin, comment: 'The tenant that owns this row (shared-schema tenancy).' };
  }

  private tenantForeignKey(table: string): ForeignKey[] {
    if (!this.tenantEntity) return [];
    const key = this.refKey(this.tenantEntity);
    if (!key) return [];
    return [
      {
        name: derivedName(table, [TENANT_COLUMN], 'fkey'),
        columns: [TENANT_COLUMN],
        refTable: this.tenantEntity.name,
        refColumns: [key.column],
        onDelete: 'restrict',
        deferrable: false,
      },
    ];
  }

  private entityTable(entity: EntitySpec): Table | undefined {
    const path = ['entities', entity.name];
    const scoped = this.isTenantScoped(entity);
    const columns: Column[] = [];
    const columnOrigins = new Map<string, string[]>();
    const addColumn = (column: Column, fieldPath: (string | number)[]) => {
      const clash = columnOrigins.get(column.name);
      if (clash) {
        this.problems.error(
          fieldPath,
          'spec/column-clash',
          `this field makes the column \`${column.name}\`, which ${clash.join('.')} already makes`,
          'rename the field (a `ref` field `x` makes the column `x_id`; `id`, `tenant_id`, `created_at` and `updated_at` may be added by conventions)',
          { at: 'key' },
        );
        return;
      }
      columnOrigins.set(column.name, fieldPath.map(String));
      columns.push(column);
    };

    if (!entity.key) addColumn(this.idColumn(), ['conventions', 'ids']);
    if (scoped) addColumn(this.tenantColumn('requirements.tenancy'), ['requirements', 'tenancy']);

    const foreignKeys: ForeignKey[] = scoped ? this.tenantForeignKey(entity.name) : [];
    const checks: Check[] = [];
    for (const field of entity.fields) {
      const fieldPath = [...path, 'fields', field.name];
      if (field.type.kind === 'many') continue;
      if (field.type.kind === 'ref') {
        const target = this.entities.get(field.type.entity);
        if (!target) continue; // reported by the spec checks
        const key = this.refKey(target);
        if (!key) {
          this.problems.error(
            fieldPath,
            'spec/ref-to-composite-key',
            `\`${target.name}\` has a composite key, so a single reference column cannot point at it`,
            `give \`${target.name}\` a surrogate id (remove its \`key\`), or reference its parts with separate fields`,
          );
          continue;
        }
        const column = `${field.name}_id`;
        addColumn(
          {
            name: column,
            type: key.type,
            nullable: !field.required,
            pii: field.pii,
            ...(field.distinct !== undefined ? { distinct: field.distinct } : {}),
            origin: fieldPath.join('.'),
            ...(field.description ? { comment: field.description } : {}),
          },
          fieldPath,
        );
        foreignKeys.push(this.referenceForeignKey(entity.name, scoped, column, target, key, field));
        continue;
      }
      const enumName = `${entity.name}_${field.name}`;
      if (field.type.kind === 'enum') this.enums.push({ name: enumName, values: [...field.type.values] });
      addColumn(
        {
          name: field.name,
          type: scalarColumnType(field, enumName),
          nullable: !field.required,
          ...(field.default !== undefined ? { default: { kind: 'literal', value: field.default } } : {}),
          pii: field.pii,
          ...(field.distinct !== undefined ? { distinct: field.distinct } : {}),
          origin: fieldPath.join('.'),
          ...(field.description ? { comment: field.description } : {}),
        },
        fieldPath,
      );
      if (field.min !== undefined || field.max !== undefined)
        checks.push({
          name: derivedName(entity.name, [field.name], 'check'),
          rule: {
            kind: 'range',
            column: field.name,
            ...(field.min !== undefined ? { min: field.min } : {}),
            ...(field.max !== undefined ? { max: field.max } : {}),
          },
        });
      if (field.type.kind === 'email' || field.type.kind === 'phone')
        checks.push({ name: derivedName(entity.name, [field.name], 'format_check'), rule: { kind: 'format', column: field.name, format: field.type.kind } });
    }
    if (this.spec.conventions.timestamps) {
      // Rows of an append-only entity are never updated, so they get no updated_at.
      for (const name of entity.appendOnly ? ['created_at'] : ['created_at', 'updated_at'])
        addColumn(
          { name, type: { kind: 'timestamp', withTimeZone: true }, nullable: false, default: { kind: 'now' }, pii: false, origin: 'conventions.timestamps' },
          ['conventions', 'timestamps'],
        );
    }

    const known = columns.map((c) => c.name);
    const checkColumns = (list: readonly string[], listPath: (string | number)[]) => {
      let ok = true;
      list.forEach((name, i) => {
        if (known.includes(name)) return;
        ok = false;
        const asRef = entity.fields.find((f) => f.name === name && f.type.kind === 'ref');
        const fix = asRef ? `a \`ref\` field's column is \`${name}_id\`` : suggestion(name, known, 'a column:');
        this.problems.error([...listPath, i], 'spec/unknown-column', `\`${entity.name}\` has no column \`${name}\``, fix);
      });
      return ok;
    };

    const primaryKey = entity.key ?? (scoped ? [TENANT_COLUMN, 'id'] : ['id']);
    if (entity.key) {
      checkColumns(entity.key, [...path, 'key']);
      if (new Set(entity.key).size !== entity.key.length)
        this.problems.error([...path, 'key'], 'spec/duplicate-column', 'the key names a column twice', 'list each column once');
    }
    for (const column of columns) if (primaryKey.includes(column.name)) column.nullable = false;

    const uniques: Table['uniques'] = [];
    const addUnique = (list: string[]) => {
      const same = (a: readonly string[]) => a.length === list.length && a.every((c, i) => c === list[i]);
      if (same(primaryKey) || uniques.some((u) => same(u.columns))) return;
      uniques.push({ name: derivedName(entity.name, list, 'key'), columns: list });
    };
    entity.unique.forEach((list, i) => {
      if (checkColumns(list, [...path, 'unique', i])) addUnique([...list]);
    });
    for (const field of entity.fields) {
      if (!field.unique || field.type.kind === 'many') continue;
      const column = columnName(field);
      addUnique(scoped ? [TENANT_COLUMN, column] : [column]);
      if (scoped) this.decideTenantUnique(entity.name, column);
    }

    return {
      name: entity.name,
      kind: 'entity',
      columns,
      primaryKey: { name: derivedName(entity.name, [], 'pkey'), columns: primaryKey },
      uniques,
      foreignKeys,
      checks,
      indexes: [],
      ...(entity.description ? { comment: entity.description } : {}),
      tenantScoped: scoped,
      ...(entity.rows !== undefined || entity.growth
        ? {
            volume: {
              rows: entity.rows ?? 0,
              growthPerMonth: Math.round((entity.growth?.perSecond ?? 0) * RATE_UNITS.month),
              ...(entity.retention ? { retentionSeconds: entity.retention.seconds } : {}),
              appendOnly: entity.appendOnly,
            },
          }
        : {}),
      origin: path.join('.'),
    };
  }

  /** Under shared-schema tenancy both sides carry the tenant, so the key includes it: no cross-tenant references. */
  private referenceForeignKey(
    source: string,
    sourceScoped: boolean,
    column: string,
    target: EntitySpec,
    key: RefKey,
    field: FieldSpec | undefined,
  ): ForeignKey {
    const bothScoped = sourceScoped && this.isTenantScoped(target);
    const columns = bothScoped ? [TENANT_COLUMN, column] : [column];
    const onDelete = field?.onDelete ?? 'cascade';
    return {
      name: derivedName(source, [column], 'fkey'),
      columns,
      refTable: target.name,
      refColumns: bothScoped ? [TENANT_COLUMN, key.column] : [key.column],
      onDelete,
      ...(onDelete === 'set-null' && bothScoped ? { setNullColumns: [column] } : {}),
      deferrable: false,
    };
  }

  private relationTable(owner: EntitySpec, field: FieldSpec, targetName: string): Table | undefined {
    const fieldPath = ['entities', owner.name, 'fields', field.name];
    const target = this.entities.get(targetName);
    if (!target) return undefined;
    const name = `${owner.name}_${field.name}`;
    if (this.entities.has(name)) {
      this.problems.error(
        fieldPath,
        'spec/relation-name-clash',
        `the relation table \`${name}\` for this \`many\` field has the name of an entity`,
        'rename the field or the entity',
        { at: 'key' },
      );
      return undefined;
    }
    const ownerKey = this.refKey(owner);
    const targetKey = this.refKey(target);
    if (!ownerKey || !targetKey) {
      this.problems.error(
        fieldPath,
        'spec/ref-to-composite-key',
        'a `many` relation needs both entities to have a single-column key',
        'give both entities a surrogate id (remove `key`)',
      );
      return undefined;
    }
    const ownerColumn = `${owner.name}_id`;
    let targetColumn = `${target.name}_id`;
    if (targetColumn === ownerColumn) targetColumn = `${singular(field.name)}_id`;
    if (targetColumn === ownerColumn) targetColumn = `related_${target.name}_id`;
    const scoped = this.isTenantScoped(owner) || this.isTenantScoped(target);
    const origin = fieldPath.join('.');
    const columns: Column[] = [
      ...(scoped ? [this.tenantColumn('requirements.tenancy')] : []),
      { name: ownerColumn, type: ownerKey.type, nullable: false, pii: false, origin },
      { name: targetColumn, type: targetKey.type, nullable: false, pii: false, origin },
    ];
    const foreignKeys = [
      ...(scoped ? this.tenantForeignKey(name) : []),
      this.referenceForeignKey(name, scoped, ownerColumn, owner, ownerKey, undefined),
      this.referenceForeignKey(name, scoped, targetColumn, target, targetKey, undefined),
    ];
    return {
      name,
      kind: 'relation',
      columns,
      primaryKey: { name: derivedName(name, [], 'pkey'), columns: columns.map((c) => c.name) },
      uniques: [],
      foreignKeys: foreignKeys.map((fk) => (fk.refTable === owner.name || fk.refTable === target.name ? { ...fk, onDelete: 'cascade' as const } : fk)),
      checks: [],
      indexes: [],
      comment: `Links ${owner.name} to ${target.name} (the \`${field.name}\` relation)${field.description ? `: ${field.description}` : ''}.`,
      tenantScoped: scoped,
      origin,
    };
  }

  /**
   * A foreign key needs a unique constraint on exactly the referenced columns. Tenant-scoped
   * surrogate keys are (tenant_id, id), so a reference that carries no tenant gets a unique on id.
   */
  private addReferenceTargetUniques(): void {
    for (const table of this.tables) {
      for (const fk of table.foreignKeys) {
        const target = this.tables.find((t) => t.name === fk.refTable);
        if (!target) continue;
        const covers = (cols: readonly string[]) => cols.length === fk.refColumns.length && cols.every((c) => fk.refColumns.includes(c));
        if (covers(target.primaryKey.columns) || target.uniques.some((u) => covers(u.columns))) continue;
        target.uniques.push({ name: derivedName(target.name, fk.refColumns, 'key'), columns: [...fk.refColumns] });
      }
    }
  }

  private decideTenantUnique(table: string, column: string): void {
    this.decisions.push({
      id: `constraints/${table}.${column}`,
      area: 'constraints',
      title: `\`${table}.${column}\` is unique per tenant`,
      choice: `UNIQUE (tenant_id, ${column})`,
      rationale: ['Under shared-schema tenancy each tenant has its own namespace of values; two tenants may both use the same value.'],
      alternatives: [
        {
          option: `UNIQUE (${column}) across all tenants`,
          rejectedBecause:
            "one tenant could learn that another tenant uses a value, and could not reuse it; list the columns under the entity's `unique` to get this",
        },
      ],
      evidence: [{ tier: 'assumed', source: 'rule:tenant-scoped-unique', detail: 'the spec marks the field `unique: true` without saying across what' }],
      patterns: [],
    });
  }

  private decideCycles(deferrable: Set<string>): void {
    if (deferrable.size === 0) return;
    const list = [...deferrable].sort();
    this.decisions.push({
      id: 'constraints/deferrable-cycles',
      area: 'constraints',
      title: 'Required references that form a cycle are checked at commit',
      choice: `DEFERRABLE INITIALLY DEFERRED on ${list.join(', ')}`,
      rationale: [
        'Each row on the cycle needs the other to exist first; with the check at commit both rows are inserted in one transaction.',
        'The constraints are added after all tables exist, so the DDL runs in any order.',
      ],
      alternatives: [
        { option: 'make one side of the cycle optional', rejectedBecause: 'the spec declares both references required' },
        { option: 'immediate constraints', rejectedBecause: 'no row of the cycle could ever be inserted' },
      ],
      evidence: [{ tier: 'derived', source: 'rule:required-reference-cycle', detail: 'strongly connected components of the required foreign keys' }],
      patterns: [],
    });
  }

  private decideConventions(): void {
    const ids = this.spec.conventions.ids;
    this.decisions.push({
      id: 'keys/surrogate-ids',
      area: 'keys',
      title: 'Surrogate primary keys',
      choice:
        ids === 'uuid'
          ? 'uuid, generated by the database (random, version 4)'
          : `${ids === 'int' ? '32' : '64'}-bit integers from an identity column (GENERATED ALWAYS)`,
      rationale: [
        'Entities without an explicit `key` get a surrogate `id`: natural values (emails, SKUs) change and are kept as unique constraints instead.',
        ids === 'uuid'
          ? 'UUIDs can be made by clients and do not reveal counts, at 16 bytes a key and scattered inserts into the B-tree.'
          : 'Identity integers are compact (8 bytes), ordered (inserts append to the B-tree) and cannot be set by mistake (GENERATED ALWAYS).',
      ],
      alternatives: [
        { option: 'natural keys', rejectedBecause: 'they change, and every reference would have to change with them' },
        ids === 'uuid'
          ? { option: 'bigint identity', rejectedBecause: 'the spec asks for uuid ids' }
          : { option: 'uuid', rejectedBecause: 'twice the size in every key and index, and random insert order' },
      ],
      evidence: [{ tier: 'derived', source: 'rule:surrogate-key', detail: `conventions.ids = ${ids}` }],
      patterns: [],
    });
    if (this.tenancy) {
      const scoped = this.tables.filter((t) => t.tenantScoped).map((t) => t.name);
      this.decisions.push({
        id: 'tenancy/shared-schema',
        area: 'tenancy',
        title: 'Shared-schema tenancy with tenant-carrying keys',
        choice: `tenant_id on ${scoped.length} tables, leading each primary key; foreign keys between tenant tables include tenant_id`,
        rationale: [
          "Every query of a tenant filters by tenant_id first, so keys that start with it keep a tenant's rows together in each index.",
          'A foreign key on (tenant_id, x_id) can only point at a row of the same tenant: a cross-tenant reference is rejected by the database, not by application code.',
          this.tenantEntity
            ? `tenant_id references \`${this.tenantEntity.name}\`.`
            : 'No entity is named `tenant`, so tenant_id references nothing; add a `tenant` entity to have the database check it.',
        ],
        alternatives: [
          {
            option: 'tenant_id only on root entities',
            rejectedBecause: 'every child query would join up to the root to filter by tenant, and row-level security could not be a simple policy',
          },
          { option: 'foreign keys on the id alone', rejectedBecause: "a row could reference another tenant's row" },
        ],
        evidence: [
          {
            tier: 'derived',
            source: 'rule:tenant-composite-keys',
            detail: `requirements.tenancy = shared-schema${this.spec.requirements.tenants ? `, ${this.spec.requirements.tenants} tenants` : ''}`,
          },
        ],
        patterns: [],
      });
    }
  }
}

function columnName(field: FieldSpec): string {
  return field.type.kind === 'ref' ? `${field.name}_id` : field.name;
}

function singular(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 3) return word.slice(0, -1);
  return word;
}
