import type { Column, ForeignKey, Index, IndexCondition, Schema, Table } from '../../model/schema.js';
import { describeForeignKey, describeIndex, missingIndexFeatures, schemaDdlNotes, tableDdlNotes } from './ddl-notes.js';
import { type NamePlan, pascalCase, planNames, relationKey, snakeCase } from './names.js';
import { GENERATED_BY, type OrmFile } from './orm-file.js';
import { PYTHON_KEYWORDS, pyComment, pyLiteral, pyString } from './python-names.js';

/** Names a Django model's own attributes take (`id`, which only a primary key may be called, is renamed per model). */
const MODEL_ATTRIBUTES = [
  'pk',
  'objects',
  'save',
  'delete',
  'check',
  'clean',
  'clean_fields',
  'full_clean',
  'validate_unique',
  'refresh_from_db',
  'from_db',
  'serializable_value',
  'get_deferred_fields',
  'DoesNotExist',
  'MultipleObjectsReturned',
  'Meta',
];

const ON_DELETE = { restrict: 'RESTRICT', cascade: 'CASCADE', 'set-null': 'SET_NULL', 'set-default': 'SET_DEFAULT', 'no-action': 'DO_NOTHING' } as const;

/** Django checks index names against this length (models.E034); a longer name of the DDL's stays in a comment. */
const DJANGO_INDEX_NAME_LIMIT = 30;

/** The field Django uses as the model's primary key: a column, or a surrogate Django adds (a key of several columns). */
type DjangoKey = { kind: 'column'; column: string } | { kind: 'surrogate'; field: string };

/**
 * `models.py` for Django 3.2 and later: a model per table with `db_table` and `db_column` keeping
 * the database names, TextChoices per enum, ForeignKey relations with related names, unique
 * constraints and indexes in Meta. Django before 5.2 has no key of several columns and no foreign
 * key of several columns: where the DDL has one, the model says what Django declares instead.
 */
export function writeDjango(schema: Schema): OrmFile[] {
  const names = planNames(schema, {
    type: pascalCase,
    member: snakeCase,
    reservedTypes: new Set([...PYTHON_KEYWORDS, 'models', 'Q', 'timezone', 'uuid', 'NativeField']),
    reservedMembers: new Set([...PYTHON_KEYWORDS, ...MODEL_ATTRIBUTES]),
    escape: (n) => `${n}_field`,
  });
  const keys = new Map(schema.tables.map((t) => [t.name, djangoKey(t)]));
  const lines = [
    pyComment(GENERATED_BY),
    pyComment('Django 3.2 and later. Defaults are Python-side (Django before 5.0 writes no database defaults); on_delete is applied by'),
    pyComment('Django, which creates its foreign keys DEFERRABLE INITIALLY DEFERRED; the DDL has the database actions.'),
    ...schemaDdlNotes(schema).map((n) => pyComment(`The DDL also has ${n}, which these models do not declare.`)),
    'import uuid',
    '',
    'from django.db import models',
    'from django.db.models import Q',
    'from django.utils import timezone',
    '',
    '',
    'class NativeField(models.Field):',
    '    """A database type Django has no field for, created by its SQL name."""',
    '',
    '    def __init__(self, *args, sql, **kwargs):',
    '        self.sql = sql',
    '        super().__init__(*args, **kwargs)',
    '',
    '    def db_type(self, connection):',
    '        return self.sql',
    '',
    '    def deconstruct(self):',
    '        name, path, args, kwargs = super().deconstruct()',
    '        kwargs["sql"] = self.sql',
    '        return name, path, args, kwargs',
  ];
  for (const e of schema.enums) {
    lines.push('', '', pyComment(`PostgreSQL enum type ${e.name} in the DDL; Django stores its values in a varchar.`));
    lines.push(`class ${names.enums.get(e.name)}(models.TextChoices):`);
    for (const [member, value] of choiceMembers(e.values)) lines.push(`    ${member} = ${pyString(value)}`);
  }
  for (const table of schema.tables) lines.push('', '', ...model(schema, table, names, keys));
  const code = lines.join('\n');
  // The imports only models use are dropped when nothing uses them.
  const body = code.slice(code.indexOf('class NativeField'));
  const used = code
    .replace(/\nimport uuid\n\n/, /uuid\.uuid4/.test(body) ? '\nimport uuid\n\n' : '\n')
    .replace('from django.db.models import Q\n', /\bQ\(/.test(body) ? 'from django.db.models import Q\n' : '')
    .replace('from django.utils import timezone\n', /timezone\.now/.test(body) ? 'from django.utils import timezone\n' : '');
  return [{ path: 'models.py', text: `${used}\n` }];
}

function choiceMembers(values: readonly string[]): [string, string][] {
  const taken = new Set<string>();
  return values.map((value) => {
    let member = snakeCase(value).toUpperCase();
    if (/^[0-9]/.test(member)) member = `V_${member}`;
    for (let n = 2; taken.has(member); n++) member = `${snakeCase(value).toUpperCase()}_${n}`;
    taken.add(member);
    return [member, value];
  });
}

/** A single-column key is Django's; of several columns, one the database fills by itself stands in, else a surrogate Django adds. */
function djangoKey(table: Table): DjangoKey {
  const pk = table.primaryKey.columns;
  if (pk.length === 1) return { kind: 'column', column: pk[0]! };
  const generated = pk.find((c) => {
    const column = table.columns.find((col) => col.name === c);
    return column?.identity !== undefined || column?.default?.kind === 'random-uuid';
  });
  if (generated) return { kind: 'column', column: generated };
  const taken = new Set(table.columns.map((c) => snakeCase(c.name)));
  let field = 'id';
  for (let n = 2; taken.has(field); n++) field = n === 2 ? 'django_id' : `django_id${n}`;
  return { kind: 'surrogate', field };
}

/** A foreign key as one Django relation: the referencing column that matches the referenced model's Django key. */
function relationColumn(schema: Schema, fk: ForeignKey, keys: Map<string, DjangoKey>): { column: string; toField?: string } | undefined {
  const target = schema.tables.find((t) => t.name === fk.refTable);
  if (!target) return undefined;
  const key = keys.get(target.name)!;
  if (key.kind === 'column') {
    const i = fk.refColumns.indexOf(key.column);
    if (i >= 0) return { column: fk.columns[i]! };
  }
  // A single referenced column that is unique by itself: ForeignKey(to_field=…).
  if (fk.refColumns.length === 1 && target.uniques.some((u) => u.columns.length === 1 && u.columns[0] === fk.refColumns[0]))
    return { column: fk.columns[0]!, toField: fk.refColumns[0]! };
  return undefined;
}

function model(schema: Schema, table: Table, names: NamePlan, keys: Map<string, DjangoKey>): string[] {
  const fields = new Map(names.fields.get(table.name)!);
  const key = keys.get(table.name)!;
  // `id` may name only the primary key in Django.
  for (const [column, field] of fields)
    if (field === 'id' && !(key.kind === 'column' && key.column === column)) fields.set(column, uniqueField('id_field', fields, names, table));
  const comments = tableDdlNotes(table).map((n) => `the DDL has ${n}, which this model does not declare`);
  const pkColumns = table.primaryKey.columns;
  if (pkColumns.length > 1)
    comments.push(
      `the DDL's primary key ${table.primaryKey.name} is (${pkColumns.join(', ')}); Django before 5.2 has one-column keys: ` +
        (key.kind === 'column'
          ? `${key.column}, which the database fills by itself, is Django's key, and (${pkColumns.join(', ')}) is declared unique`
          : `Django adds its own ${key.field} column (not in the DDL) as its key, and (${pkColumns.join(', ')}) is declared unique`),
    );

  // Which columns become relations, and the relation's field name (the column stays its db_column).
  const relations = new Map<string, { fk: ForeignKey; toField?: string }>();
  for (const fk of table.foreignKeys) {
    const found = relationColumn(schema, fk, keys);
    if (!found || relations.has(found.column)) {
      comments.push(
        `the DDL has foreign key ${describeForeignKey(fk)}: Django cannot relate on ${fk.columns.length > 1 ? 'several columns' : 'it'}; the columns are plain fields`,
      );
      continue;
    }
    relations.set(found.column, { fk, ...(found.toField ? { toField: found.toField } : {}) });
    if (fk.columns.length > 1) comments.push(`the DDL has foreign key ${describeForeignKey(fk)}: Django relates on ${found.column} alone (its target's key)`);
    if (fk.onDelete === 'set-null' && fk.setNullColumns) comments.push(`${fk.name}: ON DELETE SET NULL (${fk.setNullColumns.join(', ')}) in the DDL`);
  }
  const fieldName = (column: string) => {
    const r = relations.get(column);
    return r ? names.relations.get(relationKey(table.name, r.fk))!.forward : fields.get(column)!;
  };

  const body: string[] = [];
  if (key.kind === 'surrogate') body.push(`${key.field} = models.BigAutoField(primary_key=True)`);
  for (const column of table.columns) {
    const isKey = key.kind === 'column' && key.column === column.name;
    const relation = relations.get(column.name);
    const { code, note } = relation ? relationField(table, column, relation.fk, names, isKey, relation.toField) : fieldCode(schema, column, names, isKey);
    if (note) comments.push(`${column.name}: ${note}`);
    body.push(`${fieldName(column.name)} = ${code}`);
  }

  const constraints: string[] = [];
  const indexes: string[] = [];
  if (pkColumns.length > 1)
    constraints.push(`models.UniqueConstraint(fields=[${pkColumns.map((c) => pyString(fieldName(c))).join(', ')}], name=${pyString(table.primaryKey.name)})`);
  for (const u of table.uniques)
    constraints.push(`models.UniqueConstraint(fields=[${u.columns.map((c) => pyString(fieldName(c))).join(', ')}], name=${pyString(u.name)})`);
  for (const index of table.indexes) {
    const declared = indexCode(index, fieldName);
    if (typeof declared === 'string') comments.push(`the DDL has ${describeIndex(index)}: ${declared}`);
    else (index.unique ? constraints : indexes).push(declared.code);
  }
  const meta = [`db_table = ${pyString(table.namespace ? `"${table.namespace}"."${table.name}"` : table.name)}`];
  if (constraints.length) meta.push('constraints = [', ...constraints.map((c) => `    ${c},`), ']');
  if (indexes.length) meta.push('indexes = [', ...indexes.map((c) => `    ${c},`), ']');
  return [
    ...comments.map(pyComment),
    `class ${names.classes.get(table.name)}(models.Model):`,
    ...body.map((l) => `    ${l}`),
    '',
    '    class Meta:',
    ...meta.map((m) => `        ${m}`),
  ];
}

function uniqueField(name: string, fields: Map<string, string>, names: NamePlan, table: Table): string {
  const taken = new Set([...fields.values(), ...[...names.relations].filter(([k]) => k.startsWith(`${table.name}.`)).map(([, r]) => r.forward)]);
  let out = name;
  for (let n = 2; taken.has(out); n++) out = `${name}${n}`;
  return out;
}

/** The index as Django declares it, or why it stays a comment. */
function indexCode(index: Index, fieldName: (c: string) => string): { code: string } | string {
  const missing = missingIndexFeatures(index, { partial: true, include: true, descending: !index.unique, opclass: true });
  if (missing) return `Django cannot declare ${missing.join(', ')} here`;
  if (index.predicate) return 'its condition is SQL Django cannot declare';
  if (index.keys.some((k) => k.opclass) && index.keys.some((k) => !k.opclass)) return 'Django takes an operator class for every key or none';
  if (!index.unique && index.name.length > DJANGO_INDEX_NAME_LIMIT)
    return `Django limits index names to ${DJANGO_INDEX_NAME_LIMIT} characters (models.E034); declare it under a shorter name or leave it to the DDL`;
  const keys = index.keys.map((k) => pyString(`${k.order === 'desc' ? '-' : ''}${fieldName(k.column!)}`));
  const options = [
    `fields=[${keys.join(', ')}]`,
    `name=${pyString(index.name)}`,
    ...(index.where.length ? [`condition=${index.where.map((c) => condition(c, fieldName)).join(' & ')}`] : []),
    ...(index.include.length ? [`include=[${index.include.map((c) => pyString(fieldName(c))).join(', ')}]`] : []),
    ...(index.keys.some((k) => k.opclass) ? [`opclasses=[${index.keys.map((k) => pyString(k.opclass!)).join(', ')}]`] : []),
  ];
  return { code: `models.${index.unique ? 'UniqueConstraint' : 'Index'}(${options.join(', ')})` };
}

function condition(c: IndexCondition, fieldName: (c: string) => string): string {
  const field = fieldName(c.column);
  const list = `[${c.values.map(pyLiteral).join(', ')}]`;
  switch (c.op) {
    case 'eq':
      return `Q(${field}=${pyLiteral(c.values[0]!)})`;
    case 'neq':
      return `~Q(${field}=${pyLiteral(c.values[0]!)})`;
    case 'in':
      return `Q(${field}__in=${list})`;
    case 'not-in':
      return `~Q(${field}__in=${list})`;
    case 'is-null':
      return `Q(${field}__isnull=True)`;
    case 'is-not-null':
      return `Q(${field}__isnull=False)`;
  }
}

function relationField(
  table: Table,
  column: Column,
  fk: ForeignKey,
  names: NamePlan,
  isKey: boolean,
  toField: string | undefined,
): { code: string; note?: string } {
  const relation = names.relations.get(relationKey(table.name, fk))!;
  const target = fk.refTable === table.name ? '"self"' : pyString(names.classes.get(fk.refTable)!);
  const oneToOne = isKey || (fk.columns.length === 1 && relation.oneToOne);
  const args = [
    target,
    `on_delete=models.${ON_DELETE[fk.onDelete]}`,
    ...(toField ? [`to_field=${pyString(names.fields.get(fk.refTable)!.get(toField)!)}`] : []),
    ...(isKey ? ['primary_key=True'] : []),
    ...(column.nullable ? ['null=True', 'blank=True'] : []),
    `db_column=${pyString(column.name)}`,
    `related_name=${pyString(relation.backward)}`,
  ];
  return { code: `models.${oneToOne ? 'OneToOneField' : 'ForeignKey'}(${args.join(', ')})` };
}

function fieldCode(schema: Schema, column: Column, names: NamePlan, isKey: boolean): { code: string; note?: string } {
  const t = column.type;
  let field: string;
  const args: string[] = [];
  let note: string | undefined;
  const intKey = isKey && column.identity !== undefined;
  switch (t.kind) {
    case 'string':
      field = 'CharField';
      args.push(`max_length=${t.length}`);
      break;
    case 'char':
      field = 'CharField';
      args.push(`max_length=${t.length}`);
      note = `char(${t.length}) in the DDL (blank-padded); Django declares varchar`;
      break;
    case 'text':
      field = 'TextField';
      break;
    case 'int16':
      field = intKey ? 'SmallAutoField' : 'SmallIntegerField';
      break;
    case 'int32':
      field = intKey ? 'AutoField' : 'IntegerField';
      break;
    case 'int64':
      field = intKey ? 'BigAutoField' : 'BigIntegerField';
      break;
    case 'decimal':
      field = 'DecimalField';
      args.push(`max_digits=${t.precision}`, `decimal_places=${t.scale}`);
      break;
    case 'money':
      field = 'DecimalField';
      args.push('max_digits=19', 'decimal_places=2');
      note = 'money in the DDL; Django has no money field';
      break;
    case 'float':
      field = 'FloatField';
      break;
    case 'bool':
      field = 'BooleanField';
      break;
    case 'date':
      field = 'DateField';
      break;
    case 'time':
      field = 'TimeField';
      break;
    case 'timestamp':
      field = 'DateTimeField';
      if (!t.withTimeZone) note = 'timestamp without time zone in the DDL; Django writes the zone its USE_TZ setting says';
      break;
    case 'json':
      field = 'JSONField';
      break;
    case 'uuid':
      field = 'UUIDField';
      break;
    case 'bytes':
      field = 'BinaryField';
      break;
    case 'enum': {
      const choices = names.enums.get(t.name);
      const values = schema.enums.find((e) => e.name === t.name)?.values ?? [];
      field = 'CharField';
      args.push(`max_length=${Math.max(1, ...values.map((v) => v.length))}`);
      if (choices) args.push(`choices=${choices}.choices`);
      break;
    }
    case 'native':
      field = 'NativeField';
      args.push(`sql=${pyString(t.sql)}`);
      note = `${t.sql} (${t.dialect}) declared by its SQL name`;
      break;
  }
  if (isKey) args.push('primary_key=True');
  if (column.nullable) args.push('null=True', 'blank=True');
  if (column.identity && !intKey) note = `GENERATED ${column.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY in the DDL; Django does not fill it`;
  if (column.generated)
    note = `generated as (${column.generated.expression}) in the DDL; Django writes every field on save, so save without it (update_fields) or use GeneratedField (Django 5.0)`;
  const value = column.default;
  if (value && !column.identity) {
    if (value.kind === 'now') args.push('default=timezone.now');
    else if (value.kind === 'random-uuid') args.push('default=uuid.uuid4');
    else if (value.kind === 'literal') args.push(`default=${pyLiteral(value.value)}`);
    else note = `the database default is ${value.kind === 'sequence' ? `nextval('${value.sequence}')` : value.sql}, which Django does not declare`;
  }
  args.push(`db_column=${pyString(column.name)}`);
  if (column.comment) args.push(`help_text=${pyString(column.comment)}`);
  const code = `${field === 'NativeField' ? '' : 'models.'}${field}(${args.join(', ')})`;
  return note ? { code, note } : { code };
}
