import type { Column, Index, Schema, Table } from '../../model/schema.js';
import { describeIndex, indexWhereSql, missingIndexFeatures, schemaDdlNotes, sqlLiteral, tableDdlNotes } from './ddl-notes.js';
import { camelCase, type NamePlan, planNames, relationKey } from './names.js';
import { GENERATED_BY, type OrmFile } from './orm-file.js';
import { referencedFirst } from './table-order.js';
import { TYPESCRIPT_RESERVED, templateText, tsComment, tsKey, tsString } from './typescript-names.js';

/** Everything the file may import: a table or enum variable may not take one of these names. */
const PG_CORE = [
  'bigint',
  'boolean',
  'char',
  'customType',
  'date',
  'doublePrecision',
  'foreignKey',
  'index',
  'integer',
  'jsonb',
  'numeric',
  'pgEnum',
  'pgTable',
  'primaryKey',
  'smallint',
  'text',
  'time',
  'timestamp',
  'unique',
  'uniqueIndex',
  'uuid',
  'varchar',
];
const CORE = ['relations', 'sql'];

const ACTIONS = { restrict: 'restrict', cascade: 'cascade', 'set-null': 'set null', 'set-default': 'set default', 'no-action': 'no action' } as const;

/** `sql\`…\`` with the text as written. */
const sqlTag = (text: string) => `sql\`${templateText(text)}\``;

/** `schema.ts`: a pgTable per table (keys, uniques, foreign keys and indexes in its extra config), a pgEnum per enum, and relations on both sides. */
export function writeDrizzle(schema: Schema): OrmFile[] {
  const reserved = new Set([...TYPESCRIPT_RESERVED, ...PG_CORE, ...CORE]);
  const names = planNames(schema, { type: camelCase, member: camelCase, reservedTypes: reserved, reservedMembers: new Set(), escape: (n) => `${n}Table` });
  const natives = new Map<string, string>();
  const used = new Set<string>();
  const body: string[] = [];

  for (const e of schema.enums) body.push(`export const ${names.enums.get(e.name)} = pgEnum(${tsString(e.name)}, [${e.values.map(tsString).join(', ')}]);`);
  if (schema.enums.length) body.push('');
  const tables = referencedFirst(schema);
  for (const table of tables) body.push(...tableCode(schema, table, names, natives, used), '');
  for (const table of tables) {
    const rel = relationsCode(schema, table, names);
    if (rel) body.push(...rel, '');
  }

  const nativeLines = [...natives].map(
    ([sql, name]) =>
      `${tsComment(`${sql}: a database type drizzle-orm has no column for, declared by its SQL name`)}\nconst ${name} = customType<{ data: ${sql === 'bytea' ? 'Uint8Array' : 'string'} }>({ dataType: () => ${tsString(sql)} });`,
  );
  if (natives.size) used.add('customType');
  if (schema.enums.length) used.add('pgEnum');
  const core = CORE.filter((n) => body.some((l) => l.includes(`${n}(`) || l.includes(`${n}\``)));
  const header = [
    tsComment(GENERATED_BY),
    ...schemaDdlNotes(schema).map((n) => tsComment(`The DDL also has ${n}, which drizzle-orm does not declare.`)),
    ...(core.length ? [`import { ${core.join(', ')} } from 'drizzle-orm';`] : []),
    `import { ${[...used].sort().join(', ')} } from 'drizzle-orm/pg-core';`,
    '',
    ...(nativeLines.length ? [...nativeLines, ''] : []),
  ];
  return [{ path: 'schema.ts', text: `${[...header, ...body].join('\n').trimEnd()}\n` }];
}

function tableCode(schema: Schema, table: Table, names: NamePlan, natives: Map<string, string>, used: Set<string>): string[] {
  const fields = names.fields.get(table.name)!;
  const field = (c: string) => `t.${fields.get(c)!}`;
  const comments = tableDdlNotes(table).map((n) => `the DDL has ${n}, which drizzle-orm does not declare`);
  const columns = table.columns.map((column) => {
    const { code, note } = columnCode(schema, column, names, natives, used);
    if (note) comments.push(`${column.name}: ${note}`);
    return `  ${tsKey(fields.get(column.name)!)}: ${code},`;
  });

  used.add('pgTable');
  used.add('primaryKey');
  const extra = [`primaryKey({ name: ${tsString(table.primaryKey.name)}, columns: [${table.primaryKey.columns.map(field).join(', ')}] })`];
  for (const u of table.uniques) {
    used.add('unique');
    extra.push(`unique(${tsString(u.name)}).on(${u.columns.map(field).join(', ')})`);
  }
  for (const fk of table.foreignKeys) {
    used.add('foreignKey');
    const target = fk.refTable === table.name ? 't' : names.classes.get(fk.refTable)!;
    const targetFields = names.fields.get(fk.refTable)!;
    const actions = `${fk.onDelete === 'no-action' ? '' : `.onDelete(${tsString(ACTIONS[fk.onDelete])})`}${fk.onUpdate && fk.onUpdate !== 'no-action' ? `.onUpdate(${tsString(ACTIONS[fk.onUpdate])})` : ''}`;
    extra.push(
      `foreignKey({ name: ${tsString(fk.name)}, columns: [${fk.columns.map(field).join(', ')}], foreignColumns: [${fk.refColumns.map((c) => `${target}.${targetFields.get(c)}`).join(', ')}] })${actions}`,
    );
    if (fk.onDelete === 'set-null' && fk.setNullColumns)
      comments.push(`${fk.name}: ON DELETE SET NULL (${fk.setNullColumns.join(', ')}) in the DDL; drizzle-orm says SET NULL of every column`);
    if (fk.deferrable) comments.push(`${fk.name}: DEFERRABLE in the DDL, which drizzle-orm cannot say`);
  }
  for (const index of table.indexes) {
    const missing = missingIndexFeatures(index, { expressionKeys: true, partial: true, method: true, opclass: true, descending: true });
    if (missing) comments.push(`the DDL has ${describeIndex(index)}: drizzle-orm cannot declare ${missing.join(', ')}; declared without them`);
    used.add(index.unique ? 'uniqueIndex' : 'index');
    extra.push(indexCode(index, field));
  }

  return [
    ...comments.map(tsComment),
    `export const ${names.classes.get(table.name)} = pgTable(`,
    `  ${tsString(table.name)},`,
    '  {',
    ...columns.map((c) => `  ${c}`),
    '  },',
    `  (t) => [${extra.map((e) => `\n    ${e},`).join('')}\n  ],`,
    ');',
  ];
}

function indexCode(index: Index, field: (c: string) => string): string {
  const keys = index.keys.map((k) => {
    if (k.column === undefined) return sqlTag(`(${k.expression})${k.order === 'desc' ? ' DESC' : ''}`);
    return `${field(k.column)}${k.opclass ? `.op(${tsString(k.opclass)})` : ''}${k.order === 'desc' ? '.desc()' : ''}`;
  });
  const start = `${index.unique ? 'uniqueIndex' : 'index'}(${tsString(index.name)})`;
  const on = index.method === 'btree' ? `.on(${keys.join(', ')})` : `.using(${tsString(index.method)}, ${keys.join(', ')})`;
  const where = indexWhereSql(index);
  return `${start}${on}${where ? `.where(${sqlTag(where)})` : ''}`;
}

function columnCode(schema: Schema, column: Column, names: NamePlan, natives: Map<string, string>, used: Set<string>): { code: string; note?: string } {
  const name = tsString(column.name);
  const t = column.type;
  const native = (sql: string) => {
    if (!natives.has(sql)) {
      const taken = new Set([...natives.values(), ...names.classes.values(), ...names.enums.values()]);
      let name = `${camelCase(sql)}Type`;
      for (let n = 2; taken.has(name); n++) name = `${camelCase(sql)}Type${n}`;
      natives.set(sql, name);
    }
    return `${natives.get(sql)}(${name})`;
  };
  const builder = (fn: string, args = '') => {
    used.add(fn);
    return `${fn}(${name}${args})`;
  };
  let code: string;
  let note: string | undefined;
  switch (t.kind) {
    case 'string':
      code = builder('varchar', `, { length: ${t.length} }`);
      break;
    case 'text':
      code = builder('text');
      break;
    case 'char':
      code = builder('char', `, { length: ${t.length} }`);
      break;
    case 'int16':
      code = builder('smallint');
      break;
    case 'int32':
      code = builder('integer');
      break;
    case 'int64':
      code = builder('bigint', ", { mode: 'bigint' }");
      break;
    case 'decimal':
      code = builder('numeric', `, { precision: ${t.precision}, scale: ${t.scale} }`);
      break;
    case 'float':
      code = builder('doublePrecision');
      break;
    case 'bool':
      code = builder('boolean');
      break;
    case 'date':
      code = builder('date');
      break;
    case 'time':
      code = builder('time');
      break;
    case 'timestamp':
      code = builder('timestamp', `, { withTimezone: ${t.withTimeZone} }`);
      break;
    case 'json':
      code = builder('jsonb');
      break;
    case 'uuid':
      code = builder('uuid');
      break;
    case 'money':
    case 'bytes':
      code = native(t.kind);
      break;
    case 'enum':
      code = names.enums.has(t.name) ? `${names.enums.get(t.name)}(${name})` : native(t.name);
      break;
    case 'native':
      code = native(t.sql);
      note = `${t.sql} (${t.dialect}) declared as a custom type by its SQL name`;
      break;
  }
  if (!column.nullable) code += '.notNull()';
  if (column.identity) code += column.identity === 'always' ? '.generatedAlwaysAsIdentity()' : '.generatedByDefaultAsIdentity()';
  if (column.generated) {
    if (column.generated.stored) code += `.generatedAlwaysAs(${sqlTag(column.generated.expression)})`;
    else note = `generated as (${column.generated.expression}), not stored, in the DDL: drizzle-orm declares stored generated columns only`;
  }
  const value = column.default;
  if (value && !column.identity) {
    switch (value.kind) {
      case 'now':
        code += '.defaultNow()';
        break;
      case 'random-uuid':
        code += t.kind === 'uuid' ? '.defaultRandom()' : `.default(${sqlTag('gen_random_uuid()')})`;
        break;
      case 'sequence':
        code += `.default(${sqlTag(`nextval(${sqlLiteral(value.sequence)}::regclass)`)})`;
        break;
      case 'expression':
        code += `.default(${sqlTag(value.sql)})`;
        break;
      case 'literal': {
        const v = value.value;
        const plain =
          (typeof v === 'string' && ['string', 'text', 'char', 'enum', 'uuid'].includes(t.kind)) ||
          (typeof v === 'number' && ['int16', 'int32', 'float'].includes(t.kind)) ||
          (typeof v === 'boolean' && t.kind === 'bool');
        code += `.default(${plain ? (typeof v === 'string' ? tsString(v) : String(v)) : sqlTag(sqlLiteral(v))})`;
        break;
      }
    }
  }
  return note ? { code, note } : { code };
}

function relationsCode(schema: Schema, table: Table, names: NamePlan): string[] | undefined {
  const self = names.classes.get(table.name)!;
  const fields = (t: string, cols: readonly string[]) => cols.map((c) => `${names.classes.get(t)}.${names.fields.get(t)!.get(c)}`).join(', ');
  const entries: string[] = [];
  for (const fk of table.foreignKeys) {
    const relation = names.relations.get(relationKey(table.name, fk))!;
    entries.push(
      `${tsKey(relation.forward)}: one(${names.classes.get(fk.refTable)}, { fields: [${fields(table.name, fk.columns)}], references: [${fields(fk.refTable, fk.refColumns)}], relationName: ${tsString(fk.name)} }),`,
    );
  }
  for (const other of schema.tables)
    for (const fk of other.foreignKeys) {
      if (fk.refTable !== table.name) continue;
      const relation = names.relations.get(relationKey(other.name, fk))!;
      // The one side of a one-to-one takes no config (drizzle-orm wants fields with a relationName): it finds the reference by the tables.
      entries.push(
        relation.oneToOne
          ? `${tsKey(relation.backward)}: one(${names.classes.get(other.name)}),`
          : `${tsKey(relation.backward)}: many(${names.classes.get(other.name)}, { relationName: ${tsString(fk.name)} }),`,
      );
    }
  if (!entries.length) return undefined;
  const helpers = [entries.some((e) => / one\(/.test(e)) ? 'one' : '', entries.some((e) => / many\(/.test(e)) ? 'many' : ''].filter(Boolean);
  return [`export const ${self}Relations = relations(${self}, ({ ${helpers.join(', ')} }) => ({`, ...entries.map((e) => `  ${e}`), '}));'];
}
