import type { Column, ForeignKey, Schema, Table } from '../../model/schema.js';
import { describeIndex, indexWhereSql, missingIndexFeatures, schemaDdlNotes, sqlLiteral, tableDdlNotes } from './ddl-notes.js';
import { camelCase, type NamePlan, pascalCase, planNames, relationKey } from './names.js';
import { GENERATED_BY, type OrmFile } from './orm-file.js';
import { referencedFirst } from './table-order.js';
import { TYPESCRIPT_RESERVED, tsComment, tsString } from './typescript-names.js';

const IMPORTS = [
  'Column',
  'ColumnType',
  'Entity',
  'Index',
  'JoinColumn',
  'ManyToOne',
  'OneToMany',
  'OneToOne',
  'PrimaryColumn',
  'PrimaryGeneratedColumn',
  'Relation',
  'Unique',
];
const TYPE_ONLY = new Set(['ColumnType', 'Relation']);

/** TypeORM has no SET DEFAULT (its `DEFAULT` is not that): such a key keeps the DDL's action in a comment. */
const ACTIONS: Record<ForeignKey['onDelete'], string | undefined> = {
  restrict: 'RESTRICT',
  cascade: 'CASCADE',
  'set-null': 'SET NULL',
  'set-default': undefined,
  'no-action': 'NO ACTION',
};

/** PostgreSQL types TypeORM lists by name: a native type among them is passed as itself, any other through `nativeType`. */
const TYPEORM_TYPES = new Set([
  'tsvector',
  'tsquery',
  'inet',
  'cidr',
  'macaddr',
  'macaddr8',
  'xml',
  'interval',
  'point',
  'line',
  'lseg',
  'box',
  'circle',
  'path',
  'polygon',
  'geometry',
  'geography',
  'citext',
  'hstore',
  'ltree',
  'cube',
  'int4range',
  'int8range',
  'numrange',
  'tsrange',
  'tstzrange',
  'daterange',
  'bit',
  'varbit',
  'jsonpath',
  'timetz',
]);

/** `entities.ts`: an entity class per table, a string enum per enum type, relations on both sides with their join columns. */
export function writeTypeorm(schema: Schema): OrmFile[] {
  const names = planNames(schema, {
    type: pascalCase,
    member: camelCase,
    reservedTypes: new Set([...TYPESCRIPT_RESERVED, ...IMPORTS]),
    reservedMembers: new Set(['constructor']),
    escape: (n) => `${n}_`,
  });
  const used = new Set<string>(['Entity']);
  let needsNative = false;
  const body: string[] = [];
  for (const e of schema.enums) {
    const taken = new Set<string>();
    body.push(`export enum ${names.enums.get(e.name)} {`);
    for (const value of e.values) {
      let member = pascalCase(value);
      for (let n = 2; taken.has(member); n++) member = `${pascalCase(value)}${n}`;
      taken.add(member);
      body.push(`  ${member} = ${tsString(value)},`);
    }
    body.push('}', '');
  }
  for (const table of referencedFirst(schema)) {
    const code = entity(schema, table, names, used);
    if (code.native) needsNative = true;
    body.push(...code.lines, '');
  }
  if (needsNative) used.add('ColumnType');
  const imports = [...used].sort().map((n) => (TYPE_ONLY.has(n) ? `type ${n}` : n));
  const header = [
    tsComment(GENERATED_BY),
    tsComment('TypeORM reads these with experimentalDecorators; bigint and numeric columns come back as strings, as the pg driver gives them.'),
    ...schemaDdlNotes(schema).map((n) => tsComment(`The DDL also has ${n}, which TypeORM does not declare.`)),
    `import { ${imports.join(', ')} } from 'typeorm';`,
    '',
    ...(needsNative
      ? [
          tsComment('A PostgreSQL type TypeORM does not list: passed to the database as written.'),
          'const nativeType = (sql: string): ColumnType => sql as ColumnType;',
          '',
        ]
      : []),
  ];
  return [{ path: 'entities.ts', text: `${[...header, ...body].join('\n').trimEnd()}\n` }];
}

function entity(schema: Schema, table: Table, names: NamePlan, used: Set<string>): { lines: string[]; native: boolean } {
  const fields = names.fields.get(table.name)!;
  const className = names.classes.get(table.name)!;
  const comments = tableDdlNotes(table).map((n) => `the DDL has ${n}, which TypeORM does not declare`);
  const decorators = [`@Entity({ name: ${tsString(table.name)}${table.namespace ? `, schema: ${tsString(table.namespace)}` : ''} })`];
  for (const u of table.uniques) {
    used.add('Unique');
    decorators.push(`@Unique(${tsString(u.name)}, [${u.columns.map((c) => tsString(fields.get(c)!)).join(', ')}])`);
  }
  for (const index of table.indexes) {
    const missing = missingIndexFeatures(index, { partial: true, include: true, descending: true });
    if (missing) {
      comments.push(`the DDL has ${describeIndex(index)}: TypeORM cannot declare ${missing.join(', ')}`);
      continue;
    }
    if (index.include.length || index.keys.some((k) => k.order === 'desc'))
      comments.push(`the DDL has ${describeIndex(index)}: TypeORM cannot declare INCLUDE columns or key order; declared without them`);
    used.add('Index');
    const where = indexWhereSql(index);
    const options = [index.unique ? 'unique: true' : '', where ? `where: ${tsString(where)}` : ''].filter(Boolean);
    decorators.push(
      `@Index(${tsString(index.name)}, [${index.keys.map((k) => tsString(fields.get(k.column!)!)).join(', ')}]${options.length ? `, { ${options.join(', ')} }` : ''})`,
    );
  }

  let native = false;
  const members: string[][] = [];
  for (const column of table.columns) {
    const mapped = columnType(schema, column, names);
    if (mapped.native) native = true;
    if (mapped.note) comments.push(`${column.name}: ${mapped.note}`);
    const inPk = table.primaryKey.columns.includes(column.name);
    const options = [`name: ${tsString(column.name)}`, ...mapped.options];
    if (column.nullable) options.push('nullable: true');
    const value = defaultOption(column);
    if (value) options.push(`default: ${value}`);
    if (column.generated) {
      if (column.generated.stored) options.push(`generatedType: 'STORED'`, `asExpression: ${tsString(column.generated.expression)}`);
      else
        comments.push(`${column.name}: generated as (${column.generated.expression}), not stored, in the DDL: TypeORM declares stored generated columns only`);
    }
    if (inPk) options.push(`primaryKeyConstraintName: ${tsString(table.primaryKey.name)}`);
    let decorator: string;
    if (column.identity && inPk && ['int16', 'int32', 'int64'].includes(column.type.kind)) {
      used.add('PrimaryGeneratedColumn');
      decorator = `@PrimaryGeneratedColumn('identity', { ${[...options, `generatedIdentity: ${column.identity === 'always' ? "'ALWAYS'" : "'BY DEFAULT'"}`].join(', ')} })`;
    } else {
      if (column.identity) options.push("generated: 'identity'", `generatedIdentity: ${column.identity === 'always' ? "'ALWAYS'" : "'BY DEFAULT'"}`);
      const kind = inPk ? 'PrimaryColumn' : 'Column';
      used.add(kind);
      decorator = `@${kind}({ ${options.join(', ')} })`;
    }
    members.push([decorator, `${fields.get(column.name)}!: ${mapped.ts}${column.nullable && mapped.ts !== 'unknown' ? ' | null' : ''};`]);
  }

  for (const fk of table.foreignKeys) {
    const relation = names.relations.get(relationKey(table.name, fk))!;
    const target = names.classes.get(fk.refTable)!;
    const targetFields = names.fields.get(fk.refTable)!;
    const kind = relation.oneToOne ? 'OneToOne' : 'ManyToOne';
    used.add(kind);
    used.add('JoinColumn');
    used.add('Relation');
    const action = ACTIONS[fk.onDelete];
    if (!action) comments.push(`${fk.name}: ON DELETE SET DEFAULT in the DDL, which TypeORM cannot say`);
    if (fk.onDelete === 'set-null' && fk.setNullColumns)
      comments.push(`${fk.name}: ON DELETE SET NULL (${fk.setNullColumns.join(', ')}) in the DDL; TypeORM says SET NULL of every column`);
    const nullable = fk.columns.some((c) => table.columns.find((col) => col.name === c)?.nullable);
    const options = [
      `nullable: ${nullable}`,
      ...(action ? [`onDelete: '${action}'`] : []),
      ...(fk.onUpdate && ACTIONS[fk.onUpdate] ? [`onUpdate: '${ACTIONS[fk.onUpdate]}'`] : []),
      ...(fk.deferrable ? [`deferrable: '${fk.initiallyDeferred === false ? 'INITIALLY IMMEDIATE' : 'INITIALLY DEFERRED'}'`] : []),
    ];
    const param = camelCase(fk.refTable) === relation.backward ? 'other' : camelCase(fk.refTable);
    const joins = fk.columns.map(
      (c, i) =>
        `{ name: ${tsString(c)}, referencedColumnName: ${tsString(targetFields.get(fk.refColumns[i]!)!)}, foreignKeyConstraintName: ${tsString(fk.name)} }`,
    );
    members.push([
      `@${kind}(() => ${target}, (${param}) => ${param}.${relation.backward}, { ${options.join(', ')} })`,
      `@JoinColumn([${joins.join(', ')}])`,
      `${relation.forward}!: Relation<${target}>${nullable ? ' | null' : ''};`,
    ]);
  }
  for (const other of schema.tables)
    for (const fk of other.foreignKeys) {
      if (fk.refTable !== table.name) continue;
      const relation = names.relations.get(relationKey(other.name, fk))!;
      const source = names.classes.get(other.name)!;
      const param = camelCase(other.name) === relation.forward ? 'other' : camelCase(other.name);
      const kind = relation.oneToOne ? 'OneToOne' : 'OneToMany';
      used.add(kind);
      used.add('Relation');
      members.push([
        `@${kind}(() => ${source}, (${param}) => ${param}.${relation.forward})`,
        `${relation.backward}!: Relation<${source}${relation.oneToOne ? '' : '[]'}>${relation.oneToOne ? ' | null' : ''};`,
      ]);
    }

  return {
    native,
    lines: [
      ...comments.map(tsComment),
      ...decorators,
      `export class ${className} {`,
      ...members.flatMap((m, i) => [...(i ? [''] : []), ...m.map((l) => `  ${l}`)]),
      '}',
    ],
  };
}

/** The column's `type` and size options, its TypeScript type, and a note where TypeORM has no name for the type. */
function columnType(schema: Schema, column: Column, names: NamePlan): { options: string[]; ts: string; native?: boolean; note?: string } {
  const t = column.type;
  const simple = (type: string, ts: string) => ({ options: [`type: '${type}'`], ts });
  switch (t.kind) {
    case 'string':
      return { options: ["type: 'varchar'", `length: ${t.length}`], ts: 'string' };
    case 'char':
      return { options: ["type: 'char'", `length: ${t.length}`], ts: 'string' };
    case 'text':
      return simple('text', 'string');
    case 'int16':
      return simple('smallint', 'number');
    case 'int32':
      return simple('integer', 'number');
    case 'int64':
      return simple('bigint', 'string');
    case 'decimal':
      return { options: ["type: 'numeric'", `precision: ${t.precision}`, `scale: ${t.scale}`], ts: 'string' };
    case 'float':
      return simple('double precision', 'number');
    case 'money':
      return simple('money', 'string');
    case 'bool':
      return simple('boolean', 'boolean');
    case 'date':
      return simple('date', 'string');
    case 'time':
      return simple('time', 'string');
    case 'timestamp':
      return simple(t.withTimeZone ? 'timestamptz' : 'timestamp', 'Date');
    case 'json':
      return simple('jsonb', 'unknown');
    case 'uuid':
      return simple('uuid', 'string');
    case 'bytes':
      return simple('bytea', 'Uint8Array');
    case 'enum': {
      const code = names.enums.get(t.name);
      if (!code)
        return { options: [`type: nativeType(${tsString(t.name)})`], ts: 'string', native: true, note: `type ${t.name} is not among the schema's enums` };
      return { options: ["type: 'enum'", `enum: ${code}`, `enumName: ${tsString(t.name)}`], ts: code };
    }
    case 'native': {
      const base = t.sql.toLowerCase().replace(/\(.*$/, '').trim();
      const note = `${t.sql} (${t.dialect}) has no TypeORM type of its own here; declared by its SQL name`;
      if (TYPEORM_TYPES.has(t.sql.toLowerCase())) return { options: [`type: '${t.sql.toLowerCase()}'`], ts: 'string', note };
      return { options: [`type: nativeType(${tsString(t.sql)})`], ts: 'unknown', native: true, note: base ? note : `${t.sql} declared by its SQL name` };
    }
  }
}

function defaultOption(column: Column): string | undefined {
  const value = column.default;
  if (!value || column.identity) return undefined;
  const raw = (sql: string) => `() => ${tsString(sql)}`;
  switch (value.kind) {
    case 'now':
      return raw('now()');
    case 'random-uuid':
      return raw('gen_random_uuid()');
    case 'sequence':
      return raw(`nextval(${sqlLiteral(value.sequence)}::regclass)`);
    case 'expression':
      return raw(value.sql);
    case 'literal':
      return typeof value.value === 'string' ? tsString(value.value) : String(value.value);
  }
}
