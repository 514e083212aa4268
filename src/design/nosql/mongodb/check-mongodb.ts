import { createRequire } from 'node:module';
import { aggregate, find } from 'mingo';
import { updateMany, updateOne } from 'mingo/updater';
import type { Evidence } from '../../../model/decision.js';
import { compareAnswers, type Comparison } from '../compare-answers.js';
import type { NosqlContext } from '../input.js';
import type { PatternAccess } from '../pattern-access.js';
import {
  chooseParams,
  comparable,
  evaluateExpression,
  orderKeyOf,
  predicateHolds,
  referenceAnswer,
  unknownBounds,
  evaluateSource,
  type AnswerRow,
  type Params,
} from '../reference-answer.js';
import { insertedRow, syntheticRows, type Row, type RowValue, type SyntheticData } from '../synthetic-rows.js';
import { updatedRow } from '../written-row.js';
import { AJV_VERSION, bsonAjv, compileValidator } from './bson-ajv.js';
import type { MongoDesignResult } from './design-mongodb.js';
import { documentOf, syntheticDocuments, type Document } from './documents.js';
import type { MongoQueryPlan } from './pattern-query.js';

const require = createRequire(import.meta.url);
export const MINGO_VERSION = (require('mingo/package.json') as { version: string }).version;

export interface MongoPatternCheck {
  readonly pattern: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly skipped?: string;
}

export interface MongoCheck {
  /** Synthetic documents each collection's validator accepted, of how many. */
  readonly documents: { readonly collection: string; readonly valid: number; readonly total: number; readonly errors: readonly string[] }[];
  /** Documents broken on purpose (a rule each) and whether the validator refused every one. */
  readonly broken: { readonly collection: string; readonly rule: string; readonly refused: boolean }[];
  readonly patterns: readonly MongoPatternCheck[];
  readonly evidence: Evidence[];
}

/** Replaces `{$param}` by the parameter's value and `{$sql}` by the instant it evaluates to. */
export function bind(value: unknown, params: Params, now: Date): unknown {
  if (Array.isArray(value)) return value.map((v) => bind(v, params, now));
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const o = value as Record<string, unknown>;
  if (typeof o['$param'] === 'string' && Object.keys(o).length === 1) return params.get(o['$param']) ?? null;
  if (typeof o['$sql'] === 'string' && Object.keys(o).length === 1) return evaluateExpression(o['$sql'], now) ?? null;
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, bind(v, params, now)]));
}

/**
 * The document design checked without a MongoDB server: every synthetic document against its
 * collection's `$jsonSchema` validator (Ajv), documents broken on purpose refused, and every
 * pattern's query run by mingo (MongoDB's query language in JavaScript) on those documents,
 * its answer compared with the SQL's on the same rows.
 */
export function checkMongodb(ctx: NosqlContext, result: MongoDesignResult, data: SyntheticData = syntheticRows(ctx.schema)): MongoCheck {
  const ajv = bsonAjv();
  const validators = new Map(result.design.collections.map((c) => [c.name, compileValidator(ajv, c.validator)]));
  const collections = syntheticDocuments(result.model, data);
  const documents = [...collections].map(([collection, docs]) => {
    const validate = validators.get(collection)!;
    const errors: string[] = [];
    let valid = 0;
    for (const doc of docs) {
      if (validate(doc)) valid++;
      else if (errors.length < 3) errors.push(ajv.errorsText(validate.errors));
    }
    return { collection, valid, total: docs.length, errors };
  });
  const broken = result.design.collections.flatMap((c) => {
    const first = collections.get(c.name)?.[0];
    if (!first) return [];
    return brokenDocuments(c.validator, first).map((b) => ({ collection: c.name, rule: b.rule, refused: !validators.get(c.name)!(b.doc) }));
  });
  const patterns: MongoPatternCheck[] = [];
  for (const access of ctx.accesses.filter((a) => a.kind === 'read')) patterns.push(checkRead(ctx, result, access, collections, data));
  for (const access of ctx.accesses.filter((a) => a.kind !== 'read')) patterns.push(checkWrite(ctx, result, access, collections, validators, data));
  const ordered = ctx.accesses.map((a) => patterns.find((p) => p.pattern === a.pattern)!);

  const validCount = documents.reduce((n, d) => n + d.valid, 0);
  const total = documents.reduce((n, d) => n + d.total, 0);
  const ran = ordered.filter((p) => !p.skipped);
  const evidence: Evidence[] = [
    {
      tier: 'parsed',
      source: `validator:ajv ${AJV_VERSION} ($jsonSchema, bsonType as a keyword)`,
      detail: `${validCount} of ${total} synthetic documents pass their collection's validator; ${broken.filter((b) => b.refused).length} of ${broken.length} documents broken on purpose are refused. No MongoDB server ran them.`,
    },
    {
      tier: 'parsed',
      source: `engine:mingo ${MINGO_VERSION} (MongoDB's query language in JavaScript, no MongoDB server)`,
      detail: `${ran.filter((p) => p.ok).length} of ${ran.length} patterns' queries return on the synthetic documents what the SQL returns on the same rows${ordered.length > ran.length ? `; ${ordered.length - ran.length} not run` : ''}`,
    },
  ];
  return { documents, broken, patterns: ordered, evidence };
}

function run(q: MongoQueryPlan, collections: Map<string, Document[]>, params: Params, now: Date): Document[] {
  const docs = collections.get(q.collection) ?? [];
  if (q.operation === 'aggregate')
    return aggregate(docs, bind(q.pipeline, params, now) as Record<string, unknown>[], {
      collectionResolver: (name: string) => collections.get(name) ?? [],
    }) as Document[];
  let cursor = find(docs, bind(q.filter ?? {}, params, now) as Record<string, unknown>, q.projection);
  if (q.sort) cursor = cursor.sort(q.sort);
  if (q.limit !== undefined) cursor = cursor.limit(q.limit);
  return cursor.all() as Document[];
}

function checkRead(
  ctx: NosqlContext,
  result: MongoDesignResult,
  access: PatternAccess,
  collections: Map<string, Document[]>,
  data: SyntheticData,
): MongoPatternCheck {
  const q = result.queries.get(access.pattern);
  if (!q) return { pattern: access.pattern, ok: true, detail: 'not run', skipped: 'no query serves it (see the finding)' };
  const unknown = unknownBounds(access);
  if (unknown.length) return { pattern: access.pattern, ok: true, detail: 'not run', skipped: `its bound \`${unknown[0]}\` is SQL the checks cannot evaluate` };
  const params = chooseParams(access, data);
  let docs: Document[];
  try {
    docs = run(q, collections, params, data.now);
  } catch (error) {
    return { pattern: access.pattern, ok: false, detail: `mingo refused the query: ${(error as Error).message}` };
  }
  const verdict = q.answer.kind === 'groups' ? compareGroups(access, q, docs, params, data) : compareRows(ctx, result, access, q, docs, params, data);
  return { pattern: access.pattern, ...verdict };
}

function compareRows(
  ctx: NosqlContext,
  result: MongoDesignResult,
  access: PatternAccess,
  q: MongoQueryPlan,
  docs: Document[],
  params: Params,
  data: SyntheticData,
): Comparison {
  let expected = referenceAnswer(access, data, params);
  const answer = q.answer;
  const order = (doc: Document) => (q.sort ? { orderKey: orderKeyOf(Object.keys(q.sort).map((f) => fieldValue(doc, f) as RowValue)) } : {});
  let actual: AnswerRow[];
  if (answer.kind === 'rows') actual = docs.map((doc) => ({ entity: answer.entity, row: doc as Row, ...order(doc) }));
  else if (answer.kind === 'holder') {
    const link = result.model.collections.get(q.collection)!.ids.find((i) => i.link.name === answer.link)!;
    expected = expected.map((e) => ({
      entity: answer.entity,
      row: Object.fromEntries(link.own.refColumns.map((rc, i) => [rc, e.row[link.own.columns[i]!] ?? null])),
      ...(e.orderKey ? { orderKey: e.orderKey } : {}),
    }));
    actual = docs.map((doc) => ({ entity: answer.entity, row: doc as Row, ...order(doc) }));
  } else if (answer.kind === 'children') {
    const fk = access.children!.fk;
    const plan = result.model.collections.get(q.collection)!;
    actual = [];
    for (const doc of docs) {
      actual.push({ entity: answer.parent, row: doc as Row });
      const parentKey = Object.fromEntries(fk.columns.map((c, i) => [c, doc[fk.refColumns[i]!]]));
      const children: Row[] =
        answer.how === 'ids'
          ? ((doc[answer.field] as unknown[]) ?? []).map((id) => ({ ...parentKey, [plan.ids.find((i) => i.field === answer.field)!.column]: id }) as Row)
          : ((doc[answer.field] as Document[]) ?? []).map((c) => ({ ...c, ...parentKey }) as Row);
      for (const child of children.filter((c) => childMeets(access, c, params, data))) actual.push({ entity: answer.child, row: child });
    }
  } else actual = [];
  const applicationKept = actual.filter((a) =>
    q.applicationFilters.every((text) => {
      const f = access.filters.find((x) => x.text === text)!;
      return predicateHolds(f.predicate, a.row[f.column.column], f.value ? evaluateSource(f.value, params, data.now) : undefined);
    }),
  );
  return compareAnswers(ctx.schema, access, expected, applicationKept);
}

/** The pattern's conditions on the children of a collection, as the application applies them. */
function childMeets(access: PatternAccess, row: Row, params: Params, data: SyntheticData): boolean {
  const child = access.children!.table.name;
  const v = (s: Parameters<typeof evaluateSource>[0]) => evaluateSource(s, params, data.now);
  return (
    access.equals.filter((e) => e.column.table === child).every((e) => comparable(row[e.column.column]) === comparable(v(e.value))) &&
    access.ins.filter((i) => i.column.table === child).every((i) => i.values.some((x) => comparable(row[i.column.column]) === comparable(v(x)))) &&
    access.filters.filter((f) => f.column.table === child).every((f) => predicateHolds(f.predicate, row[f.column.column], f.value ? v(f.value) : undefined))
  );
}

function fieldValue(doc: Document, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), doc);
}

/** Groups the SQL's rows as the pipeline's $group does, and compares keys and totals. */
function compareGroups(access: PatternAccess, q: MongoQueryPlan, docs: Document[], params: Params, data: SyntheticData): Comparison {
  const rows = referenceAnswer(access, data, params, true).map((a) => a.row);
  const keyOf = (row: Row) => JSON.stringify(access.groupBy.map((g) => comparable(groupValue(g, row) as RowValue)));
  const groups = new Map<string, Row[]>();
  for (const row of rows) groups.set(keyOf(row), [...(groups.get(keyOf(row)) ?? []), row]);
  const expected = new Map(
    [...groups].map(([k, members]) => [
      k,
      access.aggregates.map((a) => {
        const values = members.map((m) => (a.column ? m[a.column.column] : 1)).filter((x) => x !== null && x !== undefined) as number[];
        if (a.fn === 'count') return values.length;
        if (a.fn === 'sum') return values.reduce((s, x) => s + Number(x), 0);
        if (a.fn === 'avg') return values.reduce((s, x) => s + Number(x), 0) / Math.max(1, values.length);
        if (a.fn === 'min') return Math.min(...values.map(Number));
        return Math.max(...values.map(Number));
      }),
    ]),
  );
  const names = access.aggregates.map((a) => `${a.fn}_${a.column?.column ?? 'all'}`);
  const actual = new Map(
    docs.map((d) => {
      const id = d['_id'];
      const key =
        access.groupBy.length === 0
          ? '[]'
          : access.groupBy.length === 1
            ? JSON.stringify([comparable(id as RowValue)])
            : JSON.stringify(access.groupBy.map((_, i) => comparable((id as Record<string, RowValue>)[`g${i}`]!)));
      return [key, names.map((n) => Number(d[n]))];
    }),
  );
  if (expected.size === 0 && actual.size === 1 && access.groupBy.length === 0)
    expected.set(
      '[]',
      access.aggregates.map(() => 0),
    );
  const wrong = [...expected].filter(([k, v]) => !actual.has(k) || actual.get(k)!.some((x, i) => Math.abs(x - v[i]!) > 1e-6 * Math.max(1, Math.abs(v[i]!))));
  if (wrong.length || actual.size !== expected.size)
    return { ok: false, detail: `the pipeline returned ${actual.size} groups, expected ${expected.size}${wrong.length ? `; ${wrong.length} differ` : ''}` };
  return { ok: true, detail: `${expected.size} group${expected.size === 1 ? '' : 's'} with the same ${names.join(', ')}` };
}

/** A GROUP BY term over a row: `date_trunc('unit', column)` truncated in UTC, or a column. */
function groupValue(term: string, row: Row): unknown {
  const trunc = /^date_trunc\(\s*'(\w+)'\s*,\s*(\w+)\s*\)$/i.exec(term.trim());
  if (!trunc) return row[term] ?? null;
  const value = row[trunc[2]!];
  if (!(value instanceof Date)) return null;
  const iso = value.toISOString();
  const unit = trunc[1]!.toLowerCase();
  const cut =
    unit === 'year'
      ? `${iso.slice(0, 4)}-01-01`
      : unit === 'month'
        ? `${iso.slice(0, 7)}-01`
        : unit === 'day'
          ? iso.slice(0, 10)
          : unit === 'hour'
            ? `${iso.slice(0, 13)}:00:00`
            : iso;
  return new Date(cut.length === 10 ? `${cut}T00:00:00.000Z` : `${cut}Z`.replace('ZZ', 'Z'));
}

function checkWrite(
  ctx: NosqlContext,
  result: MongoDesignResult,
  access: PatternAccess,
  collections: Map<string, Document[]>,
  validators: Map<string, (doc: unknown) => boolean>,
  data: SyntheticData,
): MongoPatternCheck {
  const q = result.queries.get(access.pattern);
  if (!q) return { pattern: access.pattern, ok: true, detail: 'not run', skipped: 'no query serves it (see the finding)' };
  const validate = validators.get(q.collection)!;
  const docs = collections.get(q.collection)!;
  const plan = result.model.collections.get(q.collection)!;
  if (access.kind === 'insert') {
    const row = insertedRow(ctx.schema, access.table, data);
    const values = new Map(Object.entries(row));
    if (q.operation === 'insertOne') {
      const doc = {
        ...documentOf(plan, row, { ...data, rows: new Map([...data.rows, [access.table.name, [...(data.rows.get(access.table.name) ?? []), row]]]) }),
      };
      if (!validate(doc)) return { pattern: access.pattern, ok: false, detail: 'the validator refused the inserted document' };
      docs.push(doc);
      return { pattern: access.pattern, ok: true, detail: 'the inserted document passes the validator' };
    }
    const before = find(docs, bind(q.filter ?? {}, values, data.now) as Record<string, unknown>).all().length;
    if (before !== 1) return { pattern: access.pattern, ok: false, detail: `the update's filter finds ${before} parent documents, not one` };
    const update = bind(q.update, values, data.now) as Record<string, Record<string, unknown>>;
    if (update['$push']) {
      const embed = plan.embeds.find((e) => e.child.name === access.table.name)!;
      update['$push'] = {
        [embed.field]: Object.fromEntries(access.table.columns.filter((c) => !embed.fk.columns.includes(c.name)).map((c) => [c.name, row[c.name] ?? null])),
      };
    }
    updateOne(docs, bind(q.filter ?? {}, values, data.now) as Record<string, unknown>, update);
    const parent = find(docs, bind(q.filter ?? {}, values, data.now) as Record<string, unknown>).all()[0];
    return parent && validate(parent)
      ? { pattern: access.pattern, ok: true, detail: `the ${plan.name} document with the new entry passes the validator` }
      : { pattern: access.pattern, ok: false, detail: 'the updated parent document fails the validator' };
  }
  const params = chooseParams(access, data);
  const target = referenceAnswer({ ...access, orderBy: [], limit: undefined } as PatternAccess, data, params)[0]?.row;
  if (!target) return { pattern: access.pattern, ok: true, detail: 'not run', skipped: 'no synthetic row meets its condition' };
  const filter = bind(q.filter ?? {}, params, data.now) as Record<string, unknown>;
  const matched = find(docs, filter).all() as Document[];
  if (!matched.length) return { pattern: access.pattern, ok: false, detail: 'the filter finds no document' };
  if (access.kind === 'delete') {
    const keep = docs.filter((d) => !matched.includes(d));
    docs.splice(0, docs.length, ...keep);
    return find(docs, filter).all().length === 0
      ? { pattern: access.pattern, ok: true, detail: `${matched.length} document${matched.length === 1 ? '' : 's'} deleted` }
      : { pattern: access.pattern, ok: false, detail: 'documents remain' };
  }
  const after = updatedRow(ctx.schema, access.table, target, access.sets, data);
  const update = bind(q.update, new Map(Object.entries(after)), data.now) as Record<string, unknown>;
  if (q.operation === 'updateOne') updateOne(docs, filter, update);
  else updateMany(docs, filter, update);
  const changed = find(docs, Object.fromEntries(access.table.primaryKey.columns.map((c) => [c, target[c]]))).all()[0] as Document | undefined;
  if (!changed) return { pattern: access.pattern, ok: false, detail: 'the updated document is gone' };
  const wrong = access.sets.filter((c) => comparable(changed[c] as RowValue) !== comparable(after[c] ?? null));
  if (wrong.length) return { pattern: access.pattern, ok: false, detail: `the document read back differs in ${wrong.join(', ')}` };
  return validate(changed)
    ? { pattern: access.pattern, ok: true, detail: `the updated document has the new ${access.sets.join(', ')} and passes the validator` }
    : { pattern: access.pattern, ok: false, detail: 'the updated document fails the validator' };
}

/** One document per rule of the validator, each breaking only that rule. */
function brokenDocuments(validator: Record<string, unknown>, sample: Document): { rule: string; doc: Document }[] {
  const schema = validator['$jsonSchema'] as { required: string[]; properties: Record<string, Record<string, unknown>> };
  const out: { rule: string; doc: Document }[] = [];
  const required = schema.required[0];
  if (required) {
    const doc = { ...sample };
    delete doc[required];
    out.push({ rule: `required ${required}`, doc });
  }
  const entries = Object.entries(schema.properties);
  const typed = entries.find(([name, p]) => schema.required.includes(name) && typeof p['bsonType'] === 'string');
  if (typed) out.push({ rule: `bsonType of ${typed[0]}`, doc: { ...sample, [typed[0]]: typed[1]['bsonType'] === 'string' ? 42 : 'not-a-number' } });
  const enumerated = entries.find(([, p]) => Array.isArray(p['enum']));
  if (enumerated) out.push({ rule: `enum of ${enumerated[0]}`, doc: { ...sample, [enumerated[0]]: 'not-in-the-enum' } });
  const long = entries.find(([, p]) => typeof p['maxLength'] === 'number');
  if (long) out.push({ rule: `maxLength of ${long[0]}`, doc: { ...sample, [long[0]]: 'x'.repeat((long[1]['maxLength'] as number) + 1) } });
  const min = entries.find(([, p]) => typeof p['minimum'] === 'number');
  if (min) out.push({ rule: `minimum of ${min[0]}`, doc: { ...sample, [min[0]]: (min[1]['minimum'] as number) - 1 } });
  const pattern = entries.find(([, p]) => typeof p['pattern'] === 'string');
  if (pattern) out.push({ rule: `pattern of ${pattern[0]}`, doc: { ...sample, [pattern[0]]: 'not valid' } });
  return out;
}
