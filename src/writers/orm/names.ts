import type { ForeignKey, Schema, Table } from '../../model/schema.js';

/**
 * The code names of one ORM target, planned once for the whole schema so both sides of every
 * relation agree: class names per table, a field name per column, and per foreign key the name of
 * the relation on the referencing model (`forward`) and on the referenced one (`backward`). Every
 * name is unique within its model after the target's case conversion and reserved words.
 */
export interface NamePlan {
  readonly classes: ReadonlyMap<string, string>;
  readonly enums: ReadonlyMap<string, string>;
  /** table -> column -> field name. */
  readonly fields: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** `table.fkName` -> relation names. */
  readonly relations: ReadonlyMap<string, { readonly forward: string; readonly backward: string; readonly oneToOne: boolean }>;
}

/** How one target spells names: a type (class, enum) name and a member (field, relation) name. */
export interface NameStyle {
  readonly type: (snake: string) => string;
  readonly member: (snake: string) => string;
  /** Type names the target's own code already takes (imports, keywords). */
  readonly reservedTypes: ReadonlySet<string>;
  /** Member names the target's base class or syntax takes. */
  readonly reservedMembers: ReadonlySet<string>;
  /** What a reserved or clashing name becomes first: `from` -> `from_`. */
  readonly escape: (name: string) => string;
}

const words = (name: string): string[] =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());

const capitalize = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** `order_line` -> `OrderLine`; a leading digit gets a prefix, since identifiers cannot start with one. */
export function pascalCase(name: string): string {
  const out = words(name).map(capitalize).join('') || 'X';
  return /^[0-9]/.test(out) ? `T${out}` : out;
}

/** `tenant_id` -> `tenantId`. */
export function camelCase(name: string): string {
  const [first = 'x', ...rest] = words(name);
  const out = first + rest.map(capitalize).join('');
  return /^[0-9]/.test(out) ? `f${out}` : out;
}

/** A Python identifier in snake case: `Unit Price` -> `unit_price`. */
export function snakeCase(name: string): string {
  const out = words(name).join('_') || 'x';
  return /^[0-9]/.test(out) ? `f_${out}` : out;
}

/** English plural of the last word, for the many side of a relation: `category` -> `categories`. */
export function plural(name: string): string {
  if (/[^aeiou]y$/i.test(name)) return `${name.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(name)) return `${name}es`;
  return `${name}s`;
}

/** The relation's name on the referencing table, before styling: `customer_id` -> `customer`. */
function forwardCandidate(fk: ForeignKey): string {
  // Columns that match the referenced ones by name (the tenant of a composite key) do not tell the relation apart.
  const telling = fk.columns.filter((c, i) => c !== fk.refColumns[i]);
  if (telling.length === 1 && /.+_id$/i.test(telling[0]!)) return telling[0]!.slice(0, -3);
  return fk.refTable;
}

/** The referencing columns are the table's key or one of its uniques: at most one row per referenced row. */
export function isOneToOne(table: Table, fk: ForeignKey): boolean {
  const same = (cols: readonly string[]) => cols.length === fk.columns.length && cols.every((c) => fk.columns.includes(c));
  return (
    same(table.primaryKey.columns) ||
    table.uniques.some((u) => same(u.columns)) ||
    table.indexes.some(
      (i) => i.unique && i.where.length === 0 && i.predicate === undefined && i.keys.every((k) => k.column) && same(i.keys.map((k) => k.column!)),
    )
  );
}

export const relationKey = (table: string, fk: ForeignKey) => `${table}.${fk.name}`;

export function planNames(schema: Schema, style: NameStyle): NamePlan {
  const takenTypes = new Set(style.reservedTypes);
  const typeName = (snake: string) => unique(style.type(snake), takenTypes, style.escape);
  const classes = new Map(schema.tables.map((t) => [t.name, typeName(t.name)]));
  const enums = new Map(schema.enums.map((e) => [e.name, typeName(e.name)]));

  const used = new Map<string, Set<string>>();
  const fields = new Map<string, Map<string, string>>();
  for (const table of schema.tables) {
    const taken = new Set(style.reservedMembers);
    used.set(table.name, taken);
    fields.set(table.name, new Map(table.columns.map((c) => [c.name, unique(style.member(c.name), taken, style.escape)])));
  }

  const relations = new Map<string, { forward: string; backward: string; oneToOne: boolean }>();
  for (const table of schema.tables)
    for (const fk of table.foreignKeys)
      relations.set(relationKey(table.name, fk), {
        forward: unique(style.member(forwardCandidate(fk)), used.get(table.name)!, style.escape),
        backward: '',
        oneToOne: isOneToOne(table, fk),
      });
  for (const table of schema.tables)
    for (const fk of table.foreignKeys) {
      const relation = relations.get(relationKey(table.name, fk))!;
      const taken = used.get(fk.refTable);
      if (!taken) continue;
      const many = relation.oneToOne ? table.name : plural(table.name);
      // Two references from one table to the same one: each many side says which reference it follows.
      const siblings = table.foreignKeys.filter((f) => f.refTable === fk.refTable).length;
      const candidate = siblings > 1 ? `${forwardCandidate(fk)}_${many}` : many;
      relation.backward = unique(style.member(candidate), taken, style.escape);
    }
  return { classes, enums, fields, relations };
}

/** `name`, escaped when reserved, with a number added until no other name in `taken` has it. */
function unique(name: string, taken: Set<string>, escape: (name: string) => string): string {
  const base = taken.has(name) ? escape(name) : name;
  let out = base;
  for (let n = 2; taken.has(out); n++) out = `${base}${n}`;
  taken.add(out);
  return out;
}
