import type { Column, IndexCondition, Schema, Table } from '../../model/schema.js';
import { describeIndex, missingIndexFeatures, schemaDdlNotes, sqlLiteral, tableDdlNotes } from './ddl-notes.js';
import { type NamePlan, pascalCase, planNames, relationKey, snakeCase } from './names.js';
import { GENERATED_BY, type OrmFile } from './orm-file.js';
import { referencedFirst } from './table-order.js';
import { PYTHON_KEYWORDS, pyComment, pyLiteral, pyString } from './python-names.js';

/** What the module imports from `sqlalchemy`. */
const SQLALCHEMY_IMPORTS = [
  'BigInteger',
  'Boolean',
  'CHAR',
  'Column',
  'Computed',
  'Date',
  'DateTime',
  'Enum',
  'Float',
  'ForeignKeyConstraint',
  'Identity',
  'Index',
  'Integer',
  'JSON',
  'LargeBinary',
  'Numeric',
  'PrimaryKeyConstraint',
  'SmallInteger',
  'String',
  'Text',
  'Time',
  'UniqueConstraint',
  'and_',
  'false',
  'func',
  'text',
  'true',
];

/** Where the import list goes once the models are written. */
const IMPORTS_HERE = '    @imports@';

/** Names the module itself defines or imports: no model class may take one. */
const MODULE_NAMES = ['Base', 'Native', 'JSONB', 'UUID', 'MONEY', 'UserDefinedType', 'postgresql', 'declarative_base', 'relationship', ...SQLALCHEMY_IMPORTS];

/** Attributes declarative classes keep for themselves. */
const DECLARATIVE_RESERVED = ['metadata', 'registry', 'query', 'query_class'];

const ACTIONS = { restrict: 'RESTRICT', cascade: 'CASCADE', 'set-null': 'SET NULL', 'set-default': 'SET DEFAULT', 'no-action': 'NO ACTION' } as const;

/**
 * `models.py` for SQLAlchemy 1.4 and 2.0 (declarative classes with `Column`, the style both read):
 * keys, uniques, foreign keys and indexes in `__table_args__` with the DDL's names, and both sides of
 * every relation with `overlaps` where composite keys share a column (the tenant).
 */
export function writeSqlalchemy(schema: Schema): OrmFile[] {
  const names = planNames(schema, {
    type: pascalCase,
    member: snakeCase,
    reservedTypes: new Set([...PYTHON_KEYWORDS, ...MODULE_NAMES]),
    reservedMembers: new Set([...PYTHON_KEYWORDS, ...DECLARATIVE_RESERVED]),
    escape: (n) => `${n}_`,
  });
  const enumVars = new Map<string, string>();
  const taken = new Set<string>();
  for (const e of schema.enums) {
    let name = `${snakeCase(e.name)}_enum`;
    for (let n = 2; taken.has(name); n++) name = `${snakeCase(e.name)}_enum${n}`;
    taken.add(name);
    enumVars.set(e.name, name);
  }

  const lines = [
    pyComment(GENERATED_BY),
    pyComment('SQLAlchemy 1.4 and 2.0. Defaults are the database defaults (server_default), as the DDL has them.'),
    ...schemaDdlNotes(schema).map((n) => pyComment(`The DDL also has ${n}, which these models do not declare.`)),
    'from sqlalchemy import (',
    IMPORTS_HERE,
    ')',
    'from sqlalchemy.dialects import postgresql',
    'from sqlalchemy.orm import declarative_base, relationship',
    'from sqlalchemy.types import UserDefinedType',
    '',
    'Base = declarative_base()',
    '',
    pyComment("PostgreSQL's own types, with a generic stand-in on other databases."),
    'JSONB = JSON().with_variant(postgresql.JSONB(), "postgresql")',
    'UUID = String(36).with_variant(postgresql.UUID(as_uuid=True), "postgresql")',
    'MONEY = Numeric(19, 2).with_variant(postgresql.MONEY(), "postgresql")',
    '',
    '',
    'class Native(UserDefinedType):',
    '    """A database type SQLAlchemy has no class for, written into the DDL by its SQL name."""',
    '',
    '    cache_ok = True',
    '',
    '    def __init__(self, sql):',
    '        self.sql = sql',
    '',
    '    def get_col_spec(self, **kw):',
    '        return self.sql',
    '',
    '',
    ...schema.enums.map(
      (e) => `${enumVars.get(e.name)} = Enum(${[...e.values.map(pyString), `name=${pyString(e.name)}`, 'metadata=Base.metadata'].join(', ')})`,
    ),
  ];
  for (const table of referencedFirst(schema)) lines.push('', '', ...modelClass(schema, table, names, enumVars));
  // Only what the models use is imported (the stand-in types always use JSON, String and Numeric).
  const code = lines.join('\n');
  const imports = SQLALCHEMY_IMPORTS.filter((n) => new RegExp(`\\b${n}\\b`).test(code.slice(code.indexOf(IMPORTS_HERE) + IMPORTS_HERE.length)));
  return [{ path: 'models.py', text: `${code.replace(IMPORTS_HERE, imports.map((n) => `    ${n},`).join('\n'))}\n` }];
}

function modelClass(schema: Schema, table: Table, names: NamePlan, enumVars: Map<string, string>): string[] {
  const fields = names.fields.get(table.name)!;
  const attr = (c: string) => fields.get(c)!;
  const comments = tableDdlNotes(table).map((n) => `the DDL has ${n}, which this model does not declare`);
  const body: string[] = [`__tablename__ = ${pyString(table.name)}`, ''];
  for (const column of table.columns) {
    const { code, note } = columnCode(column, enumVars);
    if (note) comments.push(`${column.name}: ${note}`);
    body.push(`${attr(column.name)} = ${code}`);
  }

  const args: string[] = [`PrimaryKeyConstraint(${[...table.primaryKey.columns.map(attr), `name=${pyString(table.primaryKey.name)}`].join(', ')})`];
  for (const u of table.uniques) args.push(`UniqueConstraint(${[...u.columns.map(attr), `name=${pyString(u.name)}`].join(', ')})`);
  for (const fk of table.foreignKeys) {
    const ref = (c: string) => pyString(`${fk.refTable}.${c}`);
    const options = [
      `name=${pyString(fk.name)}`,
      ...(fk.onDelete !== 'no-action' ? [`ondelete=${pyString(ACTIONS[fk.onDelete])}`] : []),
      ...(fk.onUpdate && fk.onUpdate !== 'no-action' ? [`onupdate=${pyString(ACTIONS[fk.onUpdate])}`] : []),
      ...(fk.deferrable ? ['deferrable=True', `initially=${pyString(fk.initiallyDeferred === false ? 'IMMEDIATE' : 'DEFERRED')}`] : []),
    ];
    args.push(`ForeignKeyConstraint([${fk.columns.map(attr).join(', ')}], [${fk.refColumns.map(ref).join(', ')}], ${options.join(', ')})`);
    if (fk.onDelete === 'set-null' && fk.setNullColumns)
      comments.push(`${fk.name}: ON DELETE SET NULL (${fk.setNullColumns.join(', ')}) in the DDL; SQLAlchemy says SET NULL of every column`);
  }
  for (const index of table.indexes) {
    // Expression keys are PostgreSQL SQL: kept out of the model so it also creates its tables elsewhere.
    const missing = missingIndexFeatures(index, { partial: true, include: true, method: true, opclass: true, descending: true });
    if (missing) {
      comments.push(`the DDL has ${describeIndex(index)}: not declared here (${missing.join(', ')})`);
      continue;
    }
    const keys = index.keys.map((k) => `${attr(k.column!)}${k.order === 'desc' ? '.desc()' : ''}`);
    const options = [
      ...(index.unique ? ['unique=True'] : []),
      ...(index.method !== 'btree' ? [`postgresql_using=${pyString(index.method)}`] : []),
      ...(index.include.length ? [`postgresql_include=[${index.include.map(pyString).join(', ')}]`] : []),
      ...(index.keys.some((k) => k.opclass)
        ? [`postgresql_ops={${index.keys.filter((k) => k.opclass).map((k) => `${pyString(k.column!)}: ${pyString(k.opclass!)}`)}}`]
        : []),
      ...whereOption(index.where, index.predicate, attr),
    ];
    args.push(`Index(${[pyString(index.name), ...keys, ...options].join(', ')})`);
  }
  const tableOptions = [
    ...(table.namespace ? [`"schema": ${pyString(table.namespace)}`] : []),
    ...(table.comment ? [`"comment": ${pyString(table.comment)}`] : []),
  ];
  if (tableOptions.length) args.push(`{${tableOptions.join(', ')}}`);
  body.push('', '__table_args__ = (', ...args.map((a) => `    ${a},`), ')');

  const relations = relationLines(schema, table, names);
  if (relations.length) body.push('', ...relations);
  return [...comments.map(pyComment), `class ${names.classes.get(table.name)}(Base):`, ...body.map((l) => (l ? `    ${l}` : ''))];
}

/** `postgresql_where=` from the partial index's conditions, as column expressions (SQLAlchemy quotes and binds them). */
function whereOption(where: readonly IndexCondition[], predicate: string | undefined, attr: (c: string) => string): string[] {
  const parts = where.map((c) => {
    const column = attr(c.column);
    const list = () => `[${c.values.map(pyLiteral).join(', ')}]`;
    switch (c.op) {
      case 'eq':
        return `${column} == ${pyLiteral(c.values[0]!)}`;
      case 'neq':
        return `${column} != ${pyLiteral(c.values[0]!)}`;
      case 'in':
        return `${column}.in_(${list()})`;
      case 'not-in':
        return `${column}.notin_(${list()})`;
      case 'is-null':
        return `${column}.is_(None)`;
      case 'is-not-null':
        return `${column}.isnot(None)`;
    }
  });
  if (predicate) parts.push(`text(${pyString(`(${predicate})`)})`);
  if (!parts.length) return [];
  return [`postgresql_where=${parts.length === 1 ? parts[0] : `and_(${parts.join(', ')})`}`];
}

function columnCode(column: Column, enumVars: Map<string, string>): { code: string; note?: string } {
  const t = column.type;
  let type: string;
  let note: string | undefined;
  switch (t.kind) {
    case 'string':
      type = `String(${t.length})`;
      break;
    case 'text':
      type = 'Text';
      break;
    case 'char':
      type = `CHAR(${t.length})`;
      break;
    case 'int16':
      type = 'SmallInteger';
      break;
    case 'int32':
      type = 'Integer';
      break;
    case 'int64':
      type = 'BigInteger';
      break;
    case 'decimal':
      type = `Numeric(${t.precision}, ${t.scale})`;
      break;
    case 'float':
      // FLOAT(53) is double precision in PostgreSQL.
      type = 'Float(53)';
      break;
    case 'money':
      type = 'MONEY';
      break;
    case 'bool':
      type = 'Boolean';
      break;
    case 'date':
      type = 'Date';
      break;
    case 'time':
      type = 'Time';
      break;
    case 'timestamp':
      type = `DateTime(timezone=${t.withTimeZone ? 'True' : 'False'})`;
      break;
    case 'json':
      type = 'JSONB';
      break;
    case 'uuid':
      type = 'UUID';
      break;
    case 'bytes':
      type = 'LargeBinary';
      break;
    case 'enum':
      type = enumVars.get(t.name) ?? `Native(${pyString(t.name)})`;
      break;
    case 'native':
      type = `Native(${pyString(t.sql)})`;
      note = `${t.sql} (${t.dialect}) declared by its SQL name`;
      break;
  }
  const parts = [pyString(column.name), type];
  if (column.identity) parts.push(`Identity(${column.identity === 'always' ? 'always=True' : ''})`);
  if (column.generated) parts.push(`Computed(${pyString(column.generated.expression)}, persisted=${column.generated.stored ? 'True' : 'False'})`);
  parts.push(`nullable=${column.nullable ? 'True' : 'False'}`);
  const value = serverDefault(column);
  if (value) parts.push(`server_default=${value}`);
  if (column.comment) parts.push(`comment=${pyString(column.comment)}`);
  const code = `Column(${parts.join(', ')})`;
  return note ? { code, note } : { code };
}

/** The database default as the DDL has it; expressions in parentheses, which every database's DEFAULT accepts. */
function serverDefault(column: Column): string | undefined {
  const value = column.default;
  if (!value || column.identity) return undefined;
  switch (value.kind) {
    case 'now':
      return 'func.now()';
    case 'random-uuid':
      return 'text("(gen_random_uuid())")';
    case 'sequence':
      return `text(${pyString(`(nextval(${sqlLiteral(value.sequence)}::regclass))`)})`;
    case 'expression':
      return `text(${pyString(`(${value.sql})`)})`;
    case 'literal':
      if (typeof value.value === 'boolean') return value.value ? 'true()' : 'false()';
      return `text(${pyString(sqlLiteral(value.value))})`;
  }
}

function relationLines(schema: Schema, table: Table, names: NamePlan): string[] {
  const out: string[] = [];
  const className = (t: string) => names.classes.get(t)!;
  const attrOf = (t: string, c: string) => names.fields.get(t)!.get(c)!;
  /** Relations that write a column `fk` writes too (composite keys sharing the tenant): SQLAlchemy is told they overlap. */
  const overlaps = (owner: Table, fk: Table['foreignKeys'][number]) => {
    const keys = owner.foreignKeys
      .filter((g) => g !== fk && g.columns.some((c) => fk.columns.includes(c)))
      .flatMap((g) => {
        const r = names.relations.get(relationKey(owner.name, g))!;
        return schema.tables.some((t) => t.name === g.refTable) ? [r.forward, r.backward] : [r.forward];
      });
    return keys.length ? [`overlaps=${pyString([...new Set(keys)].sort().join(','))}`] : [];
  };
  for (const fk of table.foreignKeys) {
    if (!schema.tables.some((t) => t.name === fk.refTable)) continue;
    const relation = names.relations.get(relationKey(table.name, fk))!;
    const args = [
      pyString(className(fk.refTable)),
      `foreign_keys=[${fk.columns.map((c) => attrOf(table.name, c)).join(', ')}]`,
      ...(fk.refTable === table.name ? [`remote_side=[${fk.refColumns.map((c) => attrOf(table.name, c)).join(', ')}]`] : []),
      `back_populates=${pyString(relation.backward)}`,
      ...overlaps(table, fk),
    ];
    out.push(`${relation.forward} = relationship(${args.join(', ')})`);
  }
  for (const other of schema.tables)
    for (const fk of other.foreignKeys) {
      if (fk.refTable !== table.name) continue;
      const relation = names.relations.get(relationKey(other.name, fk))!;
      const keys = `[${fk.columns.map((c) => `${className(other.name)}.${attrOf(other.name, c)}`).join(', ')}]`;
      const args = [
        pyString(className(other.name)),
        `foreign_keys=${pyString(keys)}`,
        `back_populates=${pyString(relation.forward)}`,
        ...(relation.oneToOne ? ['uselist=False'] : []),
        ...overlaps(other, fk),
      ];
      out.push(`${relation.backward} = relationship(${args.join(', ')})`);
    }
  return out;
}
