import type { NosqlFinding } from '../../../model/parts/nosql.js';
import type { Table } from '../../../model/schema.js';
import { TENANT_COLUMN } from '../../../model/naming.js';
import type { ColumnRef, PatternAccess, ValueSource } from '../pattern-access.js';
import type { CollectionPlan, DocumentModel } from './relationships.js';

/** A query value: a parameter `{$param}`, a literal, or SQL the application evaluates `{$sql}`. */
export type QueryValue = unknown;
export type Filter = Record<string, unknown>;

/** How the documents a query returns become the pattern's rows. */
export type AnswerShape =
  | { readonly kind: 'rows'; readonly entity: string }
  /** Rows of a link table, answered by the documents of the side holding the ids (the holder's rows). */
  | { readonly kind: 'holder'; readonly entity: string; readonly link: string }
  /** A parent document with its children: embedded, as ids of a link, or joined by $lookup into `field`. */
  | { readonly kind: 'children'; readonly parent: string; readonly child: string; readonly field: string; readonly how: 'embedded' | 'ids' | 'lookup' }
  | { readonly kind: 'groups' };

export interface MongoQueryPlan {
  readonly pattern: string;
  readonly collection: string;
  readonly operation: 'find' | 'aggregate' | 'insertOne' | 'updateOne' | 'updateMany' | 'deleteOne' | 'deleteMany';
  readonly filter?: Filter;
  readonly projection?: Record<string, 0 | 1>;
  readonly sort?: Record<string, 1 | -1>;
  readonly limit?: number;
  readonly pipeline?: Record<string, unknown>[];
  readonly update?: Record<string, unknown>;
  readonly document?: Record<string, unknown>;
  /** Equality, sort and range fields, in that order: the index this query needs. */
  readonly esr?: { readonly equality: string[]; readonly sort: { field: string; order: 1 | -1 }[]; readonly range: string[] };
  readonly answer: AnswerShape;
  /** Conditions only the application can apply (kept as the pattern's filters, by their text). */
  readonly applicationFilters: readonly string[];
  readonly notes: string[];
}

export const valueOf = (source: ValueSource): QueryValue =>
  source.kind === 'param' ? { $param: source.name } : source.kind === 'constant' ? source.value : { $sql: source.text };

/** Where a column of the pattern lives in the queried collection's documents, if there. */
type FieldOf = (ref: ColumnRef) => string | undefined;

/** The MQL of one pattern over the document model, with the ESR fields of the index it needs. */
export function patternQuery(model: DocumentModel, access: PatternAccess, findings: NosqlFinding[]): MongoQueryPlan | undefined {
  if (access.unsupported) {
    findings.push({
      code: 'nosql/mongodb-no-query',
      severity: 'warning',
      pattern: access.pattern,
      message: `\`${access.pattern}\` has no MongoDB query here: ${access.unsupported}`,
      fix: 'rewrite the pattern over one entity (or a parent with its children); dbarchitect then designs its query and index',
    });
    return undefined;
  }
  const home = model.home.get(access.table.name)!;
  if (access.kind !== 'read') return writeQuery(model, access, findings);
  if (access.children) return childrenQuery(model, access);
  if (home.as === 'embedded') {
    findings.push({
      code: 'nosql/mongodb-embedded-alone',
      severity: 'warning',
      pattern: access.pattern,
      message: `\`${access.pattern}\` reads ${access.table.name} alone, but ${access.table.name} is embedded in ${home.collection}`,
      fix: `reference ${access.table.name} from its own collection, or read it through ${home.collection}`,
    });
    return undefined;
  }
  const plan = model.collections.get(home.collection)!;
  const link = home.as === 'ids' ? plan.ids.find((i) => i.link.name === access.table.name)! : undefined;
  const fieldOf: FieldOf = (ref) => {
    if (link) {
      if (ref.table === plan.table.name) return ref.column;
      if (ref.table !== access.table.name) return undefined;
      if (ref.column === link.column) return link.field;
      const i = link.own.columns.indexOf(ref.column);
      return i >= 0 ? link.own.refColumns[i] : undefined;
    }
    if (ref.table === plan.table.name) return ref.column;
    const x = plan.extended.find((e) => e.parent.name === ref.table && e.fk.name === access.parent?.fk.name);
    return x && x.columns.includes(ref.column) ? `${x.field}.${ref.column}` : undefined;
  };
  const { filter, applicationFilters, esr } = buildFilter(access, fieldOf, (ref) => ref.table === access.table.name || ref.table === access.parent?.table.name);
  const notes: string[] = [];
  if (link) notes.push(`${access.table.name} is the array \`${link.field}\` in ${plan.name}: the query returns the ${plan.name} documents that hold the id`);
  if (applicationFilters.length) notes.push(`the application applies ${applicationFilters.map((t) => `\`${t}\``).join(', ')}: no query operator states it`);
  const answer: AnswerShape = link ? { kind: 'holder', entity: plan.table.name, link: access.table.name } : { kind: 'rows', entity: access.table.name };
  if (access.aggregates.length) {
    const pipeline = aggregatePipeline(access, fieldOf, filter);
    notes.push(...(access.groupBy.length ? [`grouped by ${access.groupBy.join(', ')} in the pipeline`] : []));
    return {
      pattern: access.pattern,
      collection: plan.name,
      operation: 'aggregate',
      filter,
      pipeline,
      esr,
      answer: { kind: 'groups' },
      applicationFilters,
      notes,
    };
  }
  const sort = access.sortedByApplication ? undefined : sortOf(access, fieldOf);
  const projection = projectionOf(access, plan, fieldOf, link !== undefined);
  return {
    pattern: access.pattern,
    collection: plan.name,
    operation: 'find',
    filter,
    ...(projection ? { projection } : {}),
    ...(sort ? { sort } : {}),
    ...(access.limit !== undefined ? { limit: access.limit } : {}),
    esr,
    answer,
    applicationFilters,
    notes,
  };
}

/** A parent with its children: the embedded array or the ids come with the parent; a referenced child is joined with $lookup. */
function childrenQuery(model: DocumentModel, access: PatternAccess): MongoQueryPlan {
  const parent = model.collections.get(model.home.get(access.table.name)!.collection)!;
  const child = access.children!.table;
  const childHome = model.home.get(child.name)!;
  const fieldOf: FieldOf = (ref) => (ref.table === access.table.name ? ref.column : undefined);
  const { filter, applicationFilters, esr } = buildFilter(access, fieldOf, (ref) => ref.table === access.table.name);
  const childConditions = [...access.equals, ...access.ins, ...access.ranges, ...access.filters].filter((c) => c.column.table === child.name).length;
  const notes = childConditions ? [`the application keeps the ${child.name} entries that meet the pattern's conditions on ${child.name}`] : [];
  const embed = parent.embeds.find((e) => e.child.name === child.name);
  if (embed && childHome.collection === parent.name) {
    notes.unshift(`${child.name} is embedded in ${parent.name} as \`${embed.field}\`: one document holds both`);
    return {
      pattern: access.pattern,
      collection: parent.name,
      operation: 'find',
      filter,
      esr,
      answer: { kind: 'children', parent: parent.name, child: child.name, field: embed.field, how: 'embedded' },
      applicationFilters,
      notes,
    };
  }
  const ids = parent.ids.find((i) => i.link.name === child.name);
  if (ids) {
    notes.unshift(`${child.name} is the array \`${ids.field}\` in ${parent.name}`);
    return {
      pattern: access.pattern,
      collection: parent.name,
      operation: 'find',
      filter,
      esr,
      answer: { kind: 'children', parent: parent.name, child: child.name, field: ids.field, how: 'ids' },
      applicationFilters,
      notes,
    };
  }
  const fk = access.children!.fk;
  const lets = Object.fromEntries(fk.refColumns.map((c, i) => [`k${i}`, `$${c}`]));
  const lookup = {
    $lookup: {
      from: childHome.collection,
      let: lets,
      pipeline: [{ $match: { $expr: { $and: fk.columns.map((c, i) => ({ $eq: [`$${c}`, `$$k${i}`] })) } } }],
      as: child.name,
    },
  };
  notes.unshift(`${child.name} is referenced: a $lookup on (${fk.columns.join(', ')}) joins it, served by the index on those fields`);
  return {
    pattern: access.pattern,
    collection: parent.name,
    operation: 'aggregate',
    filter,
    pipeline: [{ $match: filter }, lookup],
    esr,
    answer: { kind: 'children', parent: parent.name, child: child.name, field: child.name, how: 'lookup' },
    applicationFilters,
    notes,
  };
}

function merge(filter: Filter, field: string, condition: unknown): void {
  const existing = filter[field];
  if (
    existing !== undefined &&
    typeof existing === 'object' &&
    existing !== null &&
    !('$param' in existing) &&
    typeof condition === 'object' &&
    condition !== null &&
    !('$param' in condition)
  )
    filter[field] = { ...existing, ...condition };
  else filter[field] = condition;
}

/** The filter of the conditions on the queried side, and the ESR order of its fields. */
function buildFilter(
  access: PatternAccess,
  fieldOf: FieldOf,
  onSide: (ref: ColumnRef) => boolean,
): { filter: Filter; applicationFilters: string[]; esr: NonNullable<MongoQueryPlan['esr']> } {
  const filter: Filter = {};
  const equality: string[] = [];
  const range: string[] = [];
  const ins: string[] = [];
  const applicationFilters: string[] = [];
  const equals = [...access.equals].sort((a, b) => Number(b.column.column === TENANT_COLUMN) - Number(a.column.column === TENANT_COLUMN));
  for (const e of equals) {
    const f = onSide(e.column) ? fieldOf(e.column) : undefined;
    if (!f) continue;
    merge(filter, f, valueOf(e.value));
    if (!equality.includes(f)) equality.push(f);
  }
  for (const i of access.ins) {
    const f = onSide(i.column) ? fieldOf(i.column) : undefined;
    if (!f) continue;
    merge(filter, f, { $in: i.values.map(valueOf) });
    ins.push(f);
  }
  const ops: Record<string, string> = { '>=': '$gte', '>': '$gt', '<': '$lt', '<=': '$lte' };
  for (const r of access.ranges) {
    const f = onSide(r.column) ? fieldOf(r.column) : undefined;
    if (!f) continue;
    merge(filter, f, r.operator === 'between' ? { $gte: valueOf(r.value), $lte: valueOf(r.high!) } : { [ops[r.operator]!]: valueOf(r.value) });
    if (!range.includes(f)) range.push(f);
  }
  for (const x of access.filters) {
    const f = onSide(x.column) ? fieldOf(x.column) : undefined;
    if (!f) continue;
    const p = x.predicate;
    if (p.expression) applicationFilters.push(x.text);
    else if (p.op === 'neq' && x.value) merge(filter, f, { $ne: valueOf(x.value) });
    else if (p.op === 'is-null') merge(filter, f, p.negated ? { $ne: null } : null);
    else if (p.op === 'is-not-null') merge(filter, f, p.negated ? null : { $ne: null });
    else if (p.op === 'like' && !p.negated && x.value?.kind === 'constant' && typeof x.value.value === 'string' && /^[^%_]*%?$/.test(x.value.value))
      merge(filter, f, { $regex: `^${x.value.value.replace(/%$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${x.value.value.endsWith('%') ? '' : '$'}` });
    else applicationFilters.push(x.text);
  }
  const sort = access.sortedByApplication ? [] : sortFields(access, fieldOf).filter((s) => !equality.includes(s.field));
  // ESR: $in is an equality unless a sort follows it (then the server merges the $in branches, like a range).
  return {
    filter,
    applicationFilters,
    esr: {
      equality: [...equality, ...(sort.length ? [] : ins)],
      sort,
      range: [...(sort.length ? ins : []), ...range.filter((r) => !sort.some((s) => s.field === r))],
    },
  };
}

function sortFields(access: PatternAccess, fieldOf: FieldOf): { field: string; order: 1 | -1 }[] {
  return access.orderBy.flatMap((o) => {
    const f = fieldOf(o.column);
    return f ? [{ field: f, order: o.direction === 'asc' ? (1 as const) : (-1 as const) }] : [];
  });
}

function sortOf(access: PatternAccess, fieldOf: FieldOf): Record<string, 1 | -1> | undefined {
  const fields = sortFields(access, fieldOf);
  return fields.length ? Object.fromEntries(fields.map((f) => [f.field, f.order])) : undefined;
}

/** The fields the pattern outputs and the entity's key (so the application knows each row); none for `*`. */
function projectionOf(access: PatternAccess, plan: CollectionPlan, fieldOf: FieldOf, holder: boolean): Record<string, 0 | 1> | undefined {
  if (access.projected.some((p) => p.column === '*')) return undefined;
  const keyTable: Table = holder ? plan.table : access.table;
  const fields = new Set<string>(keyTable.primaryKey.columns);
  for (const p of access.projected) {
    const f = fieldOf(p);
    if (f) fields.add(f);
  }
  for (const o of access.orderBy) {
    const f = fieldOf(o.column);
    if (f) fields.add(f);
  }
  return { _id: 0, ...Object.fromEntries([...fields].map((f) => [f, 1 as const])) };
}

/** `date_trunc('day', placed_at)` as $dateTrunc, a plain column as its field. */
function groupKey(expression: string, fieldOf: FieldOf, table: string): unknown {
  const trunc = /^date_trunc\(\s*'(\w+)'\s*,\s*(\w+)\s*\)$/i.exec(expression.trim());
  if (trunc) return { $dateTrunc: { date: `$${fieldOf({ table, column: trunc[2]! }) ?? trunc[2]}`, unit: trunc[1]!.toLowerCase() } };
  return `$${fieldOf({ table, column: expression }) ?? expression}`;
}

function aggregatePipeline(access: PatternAccess, fieldOf: FieldOf, filter: Filter): Record<string, unknown>[] {
  const table = access.table.name;
  const id =
    access.groupBy.length === 0
      ? null
      : access.groupBy.length === 1
        ? groupKey(access.groupBy[0]!, fieldOf, table)
        : Object.fromEntries(access.groupBy.map((g, i) => [`g${i}`, groupKey(g, fieldOf, table)]));
  const accumulators = Object.fromEntries(
    access.aggregates.map((a) => {
      const field = a.column ? `$${fieldOf(a.column) ?? a.column.column}` : null;
      const name = `${a.fn}_${a.column?.column ?? 'all'}`;
      if (a.fn === 'count') return [name, { $sum: field ? { $cond: [{ $ne: [field, null] }, 1, 0] } : 1 }];
      return [name, { [`$${a.fn}`]: field }];
    }),
  );
  return [{ $match: filter }, { $group: { _id: id, ...accumulators } }, ...(access.groupBy.length ? [{ $sort: { _id: 1 } }] : [])];
}

function writeQuery(model: DocumentModel, access: PatternAccess, findings: NosqlFinding[]): MongoQueryPlan | undefined {
  const home = model.home.get(access.table.name)!;
  const plan = model.collections.get(home.collection)!;
  const table = access.table;
  const notes: string[] = [];
  const answer: AnswerShape = { kind: 'rows', entity: table.name };
  const document = Object.fromEntries(access.sets.map((c) => [c, { $param: c }]));
  if (access.kind === 'insert') {
    if (home.as === 'collection') {
      for (const e of plan.embeds) (document as Record<string, unknown>)[e.field] = [];
      for (const i of plan.ids) (document as Record<string, unknown>)[i.field] = [];
      for (const x of plan.extended) notes.push(`the application copies ${x.parent.name}'s ${x.columns.join(', ')} into \`${x.field}\``);
      notes.push(`the validator checks the document; the unique index on (${table.primaryKey.columns.join(', ')}) refuses a second one with the same key`);
      return { pattern: access.pattern, collection: plan.name, operation: 'insertOne', document, answer, applicationFilters: [], notes };
    }
    const parentKey = parentKeyFilter(plan, table, home.as);
    if (home.as === 'embedded') {
      const embed = plan.embeds.find((e) => e.child.name === table.name)!;
      notes.push(`${table.name} is embedded: the new entry is pushed onto \`${embed.field}\` of its ${plan.name}`);
      return {
        pattern: access.pattern,
        collection: plan.name,
        operation: 'updateOne',
        filter: parentKey,
        update: { $push: { [embed.field]: document } },
        answer,
        applicationFilters: [],
        notes,
      };
    }
    const ids = plan.ids.find((i) => i.link.name === table.name)!;
    notes.push(`${table.name} is the array \`${ids.field}\`: the id is added to its ${plan.name} ($addToSet keeps it unique)`);
    return {
      pattern: access.pattern,
      collection: plan.name,
      operation: 'updateOne',
      filter: parentKey,
      update: { $addToSet: { [ids.field]: { $param: ids.column } } },
      answer,
      applicationFilters: [],
      notes,
    };
  }
  if (home.as !== 'collection') {
    findings.push({
      code: 'nosql/mongodb-embedded-write',
      severity: 'info',
      pattern: access.pattern,
      message: `\`${access.pattern}\` ${access.kind === 'update' ? 'updates' : 'deletes'} ${table.name}, which lives in ${plan.name}: an update with the positional operator (\`${table.name}.$\`) or $pull on the parent does it`,
      fix: `write it as updateOne on ${plan.name} with an arrayFilters condition on the ${table.name} key`,
    });
    return undefined;
  }
  const fieldOf: FieldOf = (ref) => (ref.table === table.name ? ref.column : undefined);
  const { filter, applicationFilters, esr } = buildFilter(access, fieldOf, (ref) => ref.table === table.name);
  const keys = [table.primaryKey.columns, ...table.uniques.map((u) => u.columns)];
  const one = keys.some((k) => k.every((c) => access.equals.some((e) => e.column.column === c && e.column.table === table.name)));
  for (const other of model.collections.values())
    for (const x of other.extended.filter((e) => e.parent.name === table.name && e.columns.some((c) => access.sets.includes(c))))
      notes.push(
        `${other.name} copies ${x.columns.filter((c) => access.sets.includes(c)).join(', ')} into \`${x.field}\`: the application also runs updateMany on ${other.name} for this ${table.name}`,
      );
  if (access.kind === 'update')
    return {
      pattern: access.pattern,
      collection: plan.name,
      operation: one ? 'updateOne' : 'updateMany',
      filter,
      update: { $set: document },
      esr,
      answer,
      applicationFilters,
      notes,
    };
  return { pattern: access.pattern, collection: plan.name, operation: one ? 'deleteOne' : 'deleteMany', filter, esr, answer, applicationFilters, notes };
}

/** The parent document's key, from the child row's reference columns (as parameters named after them). */
function parentKeyFilter(plan: CollectionPlan, child: Table, as: 'embedded' | 'ids'): Filter {
  const fk = as === 'embedded' ? plan.embeds.find((e) => e.child.name === child.name)!.fk : plan.ids.find((i) => i.link.name === child.name)!.own;
  return Object.fromEntries(fk.refColumns.map((rc, i) => [rc, { $param: fk.columns[i]! }]));
}
