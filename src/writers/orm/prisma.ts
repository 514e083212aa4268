import type { Column, ColumnDefault, Schema, Table } from '../../model/schema.js';
import { describeIndex, missingIndexFeatures, schemaDdlNotes, tableDdlNotes } from './ddl-notes.js';
import { camelCase, type NamePlan, pascalCase, planNames, relationKey } from './names.js';
import { GENERATED_BY, type OrmFile } from './orm-file.js';

/** Prisma's own type names: a model or enum may not take one. */
const PRISMA_TYPES = new Set(['String', 'Boolean', 'Int', 'BigInt', 'Float', 'Decimal', 'DateTime', 'Json', 'Bytes', 'Unsupported', 'Prisma']);

const ACTIONS = { restrict: 'Restrict', cascade: 'Cascade', 'set-null': 'SetNull', 'set-default': 'SetDefault', 'no-action': 'NoAction' } as const;
const METHODS = { btree: 'BTree', hash: 'Hash', gin: 'Gin', gist: 'Gist', spgist: 'SpGist', brin: 'Brin' } as const;

const str = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const isIdentifier = (s: string) => /^[A-Za-z][A-Za-z0-9_]*$/.test(s);

/** `schema.prisma`: a model per table, an enum per enum type, relations on both sides, names mapped to the database's. */
export function writePrisma(schema: Schema): OrmFile[] {
  const names = planNames(schema, {
    type: pascalCase,
    member: camelCase,
    reservedTypes: PRISMA_TYPES,
    reservedMembers: new Set(),
    escape: (n) => `${n}_`,
  });
  const lines = [`// ${GENERATED_BY}`, ...schemaDdlNotes(schema).map((n) => `// The DDL also has ${n}, which Prisma does not declare.`), ''];
  lines.push('generator client {', '  provider = "prisma-client-js"', '}', '');
  // Prisma 7 takes the connection URL from prisma.config.ts, not from the schema.
  lines.push('datasource db {', '  provider = "postgresql"', '}', '');
  for (const e of schema.enums) {
    lines.push(`enum ${names.enums.get(e.name)} {`);
    for (const [code, value] of enumMembers(e.values)) lines.push(`  ${code}${code === value ? '' : ` @map(${str(value)})`}`);
    if (names.enums.get(e.name) !== e.name) lines.push('', `  @@map(${str(e.name)})`);
    lines.push('}', '');
  }
  for (const table of schema.tables) lines.push(...model(schema, table, names), '');
  return [{ path: 'schema.prisma', text: `${lines.join('\n').trimEnd()}\n` }];
}

/** Enum value -> a Prisma identifier (mapped back to the value when it is not one). */
function enumMembers(values: readonly string[]): [string, string][] {
  const taken = new Set<string>();
  return values.map((value) => {
    let code = isIdentifier(value) ? value : camelCase(value);
    for (let n = 2; taken.has(code); n++) code = `${camelCase(value)}${n}`;
    taken.add(code);
    return [code, value];
  });
}

function model(schema: Schema, table: Table, names: NamePlan): string[] {
  const fields = names.fields.get(table.name)!;
  const field = (column: string) => fields.get(column)!;
  const notes = tableDdlNotes(table);
  const rows: [string, string, string][] = [];
  const comments: string[] = [];
  const singlePk = table.primaryKey.columns.length === 1 ? table.primaryKey.columns[0] : undefined;

  for (const column of table.columns) {
    const { type, native, note } = prismaType(schema, column, names);
    const attributes = [
      ...(column.name === singlePk ? [`@id(map: ${str(table.primaryKey.name)})`] : []),
      ...defaultAttribute(schema, column, names),
      ...(field(column.name) === column.name ? [] : [`@map(${str(column.name)})`]),
      ...(native ? [native] : []),
    ];
    rows.push([field(column.name), `${type}${column.nullable ? '?' : ''}`, attributes.join(' ')]);
    if (note) comments.push(`${column.name}: ${note}`);
    if (column.identity)
      comments.push(`${column.name}: GENERATED ${column.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY in the DDL (autoincrement() here)`);
    if (column.generated)
      comments.push(`${column.name}: generated as (${column.generated.expression}) in the DDL; Prisma has no generated columns, never write it`);
  }

  for (const fk of table.foreignKeys) {
    const relation = names.relations.get(relationKey(table.name, fk))!;
    const target = names.classes.get(fk.refTable)!;
    const optional = fk.columns.some((c) => table.columns.find((col) => col.name === c)?.nullable);
    // Prisma's SetNull nulls every referencing field: not possible when one of them is required, nor only some (SET NULL (cols)).
    const setNullFits = fk.onDelete !== 'set-null' || (!fk.setNullColumns && fk.columns.every((c) => table.columns.find((col) => col.name === c)?.nullable));
    const args = [
      str(fk.name),
      `fields: [${fk.columns.map(field).join(', ')}]`,
      `references: [${fk.refColumns.map((c) => names.fields.get(fk.refTable)!.get(c)!).join(', ')}]`,
      ...(setNullFits ? [`onDelete: ${ACTIONS[fk.onDelete]}`] : []),
      `onUpdate: ${ACTIONS[fk.onUpdate ?? 'no-action']}`,
      `map: ${str(fk.name)}`,
    ];
    rows.push([relation.forward, `${target}${optional ? '?' : ''}`, `@relation(${args.join(', ')})`]);
    if (!setNullFits)
      comments.push(
        `${fk.name}: ON DELETE SET NULL${fk.setNullColumns ? ` (${fk.setNullColumns.join(', ')})` : ''} in the DDL, which Prisma cannot say on required fields`,
      );
    if (fk.deferrable) comments.push(`${fk.name}: DEFERRABLE in the DDL, which Prisma cannot say`);
  }
  for (const other of schema.tables)
    for (const fk of other.foreignKeys) {
      if (fk.refTable !== table.name) continue;
      const relation = names.relations.get(relationKey(other.name, fk))!;
      const source = names.classes.get(other.name)!;
      rows.push([relation.backward, relation.oneToOne ? `${source}?` : `${source}[]`, `@relation(${str(fk.name)})`]);
    }

  const block: string[] = [];
  if (table.primaryKey.columns.length > 1) block.push(`@@id([${table.primaryKey.columns.map(field).join(', ')}], map: ${str(table.primaryKey.name)})`);
  const declaredUniques = new Set<string>();
  for (const u of table.uniques) {
    declaredUniques.add(u.columns.join(','));
    block.push(`@@unique([${u.columns.map(field).join(', ')}], map: ${str(u.name)})`);
  }
  for (const index of table.indexes) {
    const missing = missingIndexFeatures(index, { method: true, descending: true, include: true });
    if (missing || (index.unique && declaredUniques.has(index.keys.map((k) => k.column).join(',')))) {
      comments.push(`the DDL has ${describeIndex(index)}: Prisma cannot declare ${missing ? missing.join(', ') : 'a second unique on the same fields'}`);
      continue;
    }
    // INCLUDE changes neither the rows nor the uniqueness: the index is declared with its keys.
    if (index.include.length) comments.push(`the DDL has ${describeIndex(index)}: Prisma cannot declare INCLUDE columns; declared without them`);
    const keys = index.keys.map((k) => `${field(k.column!)}${k.order === 'desc' ? '(sort: Desc)' : ''}`).join(', ');
    const type = index.method === 'btree' ? '' : `, type: ${METHODS[index.method]}`;
    if (index.unique) declaredUniques.add(index.keys.map((k) => k.column).join(','));
    block.push(`@@${index.unique ? 'unique' : 'index'}([${keys}], map: ${str(index.name)}${type})`);
  }
  if (table.namespace) comments.push(`the table is in the database schema ${table.namespace}; add @@schema when the datasource lists its schemas`);
  if (names.classes.get(table.name) !== table.name) block.push(`@@map(${str(table.name)})`);

  const width = (i: 0 | 1) => Math.max(...rows.map((r) => r[i].length));
  return [
    ...[...notes.map((n) => `the DDL has ${n}, which Prisma does not declare`), ...comments].map((c) => `// ${c}`),
    `model ${names.classes.get(table.name)} {`,
    ...rows.map(([n, t, a]) => `  ${n.padEnd(width(0))} ${a ? `${t.padEnd(width(1))} ${a}` : t}`.trimEnd()),
    ...(block.length ? ['', ...block.map((b) => `  ${b}`)] : []),
    '}',
  ];
}

/** The Prisma type, the `@db.` native type that pins it to the DDL's, and a note where Prisma cannot say the type. */
function prismaType(schema: Schema, column: Column, names: NamePlan): { type: string; native?: string; note?: string } {
  const t = column.type;
  switch (t.kind) {
    case 'string':
      return { type: 'String', native: `@db.VarChar(${t.length})` };
    case 'text':
      return { type: 'String' };
    case 'char':
      return { type: 'String', native: `@db.Char(${t.length})` };
    case 'int16':
      return { type: 'Int', native: '@db.SmallInt' };
    case 'int32':
      return { type: 'Int' };
    case 'int64':
      return { type: 'BigInt' };
    case 'decimal':
      return { type: 'Decimal', native: `@db.Decimal(${t.precision}, ${t.scale})` };
    case 'float':
      return { type: 'Float' };
    case 'money':
      return { type: 'Decimal', native: '@db.Money' };
    case 'bool':
      return { type: 'Boolean' };
    case 'date':
      return { type: 'DateTime', native: '@db.Date' };
    case 'time':
      return { type: 'DateTime', native: '@db.Time(6)' };
    case 'timestamp':
      return { type: 'DateTime', native: t.withTimeZone ? '@db.Timestamptz(6)' : '@db.Timestamp(6)' };
    case 'json':
      return { type: 'Json' };
    case 'uuid':
      return { type: 'String', native: '@db.Uuid' };
    case 'bytes':
      return { type: 'Bytes' };
    case 'enum':
      return schema.enums.some((e) => e.name === t.name)
        ? { type: names.enums.get(t.name)! }
        : { type: `Unsupported(${str(t.name)})`, note: `type ${t.name} is not among the schema's enums` };
    case 'native':
      return {
        type: `Unsupported(${str(t.sql)})`,
        note: `${t.sql} (${t.dialect}) has no Prisma type: Unsupported, so Prisma Client does not read or write it`,
      };
  }
}

function defaultAttribute(schema: Schema, column: Column, names: NamePlan): string[] {
  if (column.identity) return ['@default(autoincrement())'];
  const value: ColumnDefault | undefined = column.default;
  if (!value) return [];
  const db = (sql: string) => [`@default(dbgenerated(${str(sql)}))`];
  switch (value.kind) {
    case 'now':
      return ['@default(now())'];
    case 'random-uuid':
      return db('gen_random_uuid()');
    case 'sequence':
      return db(`nextval('${value.sequence.replace(/'/g, "''")}'::regclass)`);
    case 'expression':
      return db(value.sql);
    case 'literal': {
      const t = column.type;
      if (t.kind === 'enum' && typeof value.value === 'string') {
        const members = enumMembers(schema.enums.find((e) => e.name === t.name)?.values ?? []);
        const code = members.find(([, v]) => v === value.value)?.[0];
        if (code && names.enums.has(t.name)) return [`@default(${code})`];
      }
      if (typeof value.value === 'boolean' && t.kind === 'bool') return [`@default(${value.value})`];
      if (typeof value.value === 'number' && ['int16', 'int32', 'int64', 'decimal', 'float'].includes(t.kind)) return [`@default(${value.value})`];
      if (typeof value.value === 'string' && ['string', 'text', 'char', 'uuid', 'json'].includes(t.kind)) return [`@default(${str(value.value)})`];
      return db(typeof value.value === 'string' ? `'${value.value.replace(/'/g, "''")}'` : String(value.value));
    }
  }
}
