import type { MongoDesign } from '../../model/parts/nosql.js';
import { evidenceLines, findingLines } from './dynamodb-access-patterns.js';

/** nosql/mongodb/collections.json: per collection, the createCollection options (its validator) and the createIndexes specs. */
export function renderMongoCollections(design: MongoDesign): string {
  const collections = design.collections.map((c) => ({
    name: c.name,
    createCollection: { validator: c.validator, validationLevel: 'strict', validationAction: 'error' },
    createIndexes: c.indexes.map((i) => ({
      key: Object.fromEntries(i.keys.map((k) => [k.field, k.order])),
      name: i.name,
      ...(i.unique ? { unique: true } : {}),
    })),
  }));
  return `${JSON.stringify({ collections }, null, 2)}\n`;
}

/**
 * A query value as mongosh source: object keys bare where they are identifiers, a parameter as the
 * variable of its name, SQL the application evaluates as `sql("…")`.
 */
export function shellJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(shellJson).join(', ')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && typeof o['$param'] === 'string') return o['$param'];
  if (keys.length === 1 && typeof o['$sql'] === 'string') return `sql(${JSON.stringify(o['$sql'])})`;
  if (!keys.length) return '{}';
  return `{ ${keys.map((k) => `${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k)}: ${shellJson(o[k])}`).join(', ')} }`;
}

function call(p: MongoDesign['patterns'][number]): string {
  const coll = `db.getCollection(${JSON.stringify(p.collection)})`;
  const q = p.query as Record<string, unknown>;
  switch (p.operation) {
    case 'find':
      return `${coll}.find(${shellJson(q['filter'])}${q['projection'] ? `, ${shellJson(q['projection'])}` : ''})${q['sort'] ? `.sort(${shellJson(q['sort'])})` : ''}${q['limit'] !== undefined ? `.limit(${q['limit']})` : ''}`;
    case 'aggregate':
      return `${coll}.aggregate(${shellJson(q['pipeline'])})`;
    case 'insertOne':
      return `${coll}.insertOne(${shellJson(q['document'])})`;
    case 'deleteOne':
    case 'deleteMany':
      return `${coll}.${p.operation}(${shellJson(q['filter'])})`;
    default:
      return `${coll}.${p.operation}(${shellJson(q['filter'])}, ${shellJson(q['update'])})`;
  }
}

/** nosql/mongodb/queries.md: the embed-or-reference decisions, the collections and every pattern's query with its index. */
export function renderMongoQueries(design: MongoDesign, specName: string): string {
  const out: string[] = [`# ${specName}: MongoDB collections and queries`, ''];
  out.push(
    '`collections.json` holds each collection\'s createCollection options (its `$jsonSchema` validator) and its createIndexes specs. In the queries a parameter of the pattern is the variable of its name, and `sql("…")` a value the application computes before the call.',
    '',
    "No MongoDB server ran this design: the validators were checked with Ajv (every `$jsonSchema` keyword used is JSON Schema's own, except `bsonType`, which Ajv tests as a keyword of its own with BSON's meaning: int and long are integers, decimal and double numbers, date a Date) and the queries run by mingo, a MongoDB query engine in JavaScript.",
    '',
  );
  out.push(...evidenceLines(design.evidence));
  out.push('## Relationships', '', '| child | parent | decision | why |', '|---|---|---|---|');
  for (const r of design.relationships)
    out.push(`| ${r.child} | ${r.parent} | ${r.decision}${r.field ? ` (\`${r.field}\`)` : ''} | ${r.rationale.join('; ').replace(/\|/g, '\\|')} |`);
  out.push('', '## Collections', '');
  for (const c of design.collections) {
    out.push(
      `### \`${c.name}\``,
      '',
      `About ${c.documentSize.typicalBytes} bytes a document (at most ${c.documentSize.maxBytes}), ${c.documentsAtHorizon} documents at the horizon.${c.embeds.length ? ` Holds ${c.embeds.map((e) => `${e.entity} as \`${e.field}\` (${e.kind === 'ids' ? 'ids' : 'embedded'})`).join(', ')}.` : ''}`,
      '',
    );
    for (const i of c.indexes)
      out.push(`- index \`${i.name}\`${i.unique ? ' (unique)' : ''}: ${i.reason}${i.patterns.length ? `; serves ${i.patterns.join(', ')}` : ''}`);
    out.push('');
  }
  out.push('## Queries', '');
  for (const p of design.patterns) {
    out.push(`### \`${p.pattern}\``, '', '```js', call(p), '```', '');
    if (p.index) out.push(`Index: \`${p.index}\`.`, '');
    for (const n of p.notes) out.push(`- ${n}`);
    if (p.notes.length) out.push('');
  }
  out.push(...findingLines(design.findings));
  return `${out.join('\n').trimEnd()}\n`;
}
