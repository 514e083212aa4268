import type { MongoCollection, MongoDesign, MongoPattern, NosqlFinding } from '../../../model/parts/nosql.js';
import type { NosqlContext } from '../input.js';
import { fieldWidth, recordSize } from '../value-sizes.js';
import { childrenPerParent } from '../volumes.js';
import { collectionIndexes } from './indexes.js';
import { patternQuery, type MongoQueryPlan } from './pattern-query.js';
import { documentModel, MAX_DOCUMENT_BYTES, type CollectionPlan, type DocumentModel } from './relationships.js';
import { collectionValidator } from './validator.js';

export interface MongoDesignResult {
  readonly design: MongoDesign;
  readonly model: DocumentModel;
  readonly queries: ReadonlyMap<string, MongoQueryPlan>;
}

/**
 * The document design: collections with embed-or-reference decided per relationship, a
 * `$jsonSchema` validator per collection, each pattern's query and the index it needs in ESR
 * order. Evidence is added by the checks (check-mongodb.ts); without them the design is derived.
 */
export function designMongodb(ctx: NosqlContext): MongoDesignResult {
  const model = documentModel(ctx);
  const findings: NosqlFinding[] = [];
  const queries = new Map<string, MongoQueryPlan>();
  for (const access of ctx.accesses) {
    const q = patternQuery(model, access, findings);
    if (q) queries.set(access.pattern, q);
  }
  const collections = [...model.collections.values()].map((plan) => collection(ctx, plan, [...queries.values()], findings));
  const patterns: MongoPattern[] = ctx.accesses.flatMap((access) => {
    const q = queries.get(access.pattern);
    if (!q) return [];
    const index = collections.find((c) => c.name === q.collection)?.indexes.find((i) => i.patterns.includes(access.pattern));
    return [
      {
        pattern: access.pattern,
        collection: q.collection,
        operation: q.operation,
        query: queryJson(q),
        ...(index ? { index: index.name } : {}),
        notes: q.notes,
      },
    ];
  });
  return {
    design: {
      collections,
      relationships: model.relationships,
      patterns,
      findings,
      evidence: [
        {
          tier: 'derived',
          source: 'rule:mongodb-embed-or-reference',
          detail: 'embedding, indexes and validators derived from the relationships, volumes and access patterns by the rules in docs/nosql.md',
        },
      ],
    },
    model,
    queries,
  };
}

function collection(ctx: NosqlContext, plan: CollectionPlan, queries: readonly MongoQueryPlan[], findings: NosqlFinding[]): MongoCollection {
  const fields = plan.table.columns.map((c) => ({ name: c.name, width: fieldWidth('bson', c.name, c, ctx.schema) }));
  for (const e of plan.embeds) {
    const per = childrenPerParent(ctx.volumes, e.child, plan.table).atHorizon;
    const child = recordSize(
      e.child.columns.filter((c) => !e.fk.columns.includes(c.name)).map((c) => ({ name: c.name, width: fieldWidth('bson', c.name, c, ctx.schema) })),
      5,
    );
    fields.push({ name: e.field, width: { typical: per * child.typicalBytes, max: per * 4 * child.maxBytes } });
  }
  for (const i of plan.ids) {
    const per = childrenPerParent(ctx.volumes, i.link, plan.table).atHorizon;
    fields.push({ name: i.field, width: { typical: per * 13, max: per * 4 * 13 } });
  }
  const size = recordSize(fields, 5 + 12 + 5); // length, _id ObjectId with its name, terminator
  if (size.maxBytes > MAX_DOCUMENT_BYTES)
    findings.push({
      code: 'nosql/mongodb-document-too-large',
      severity: 'warning',
      message: `a ${plan.name} document can reach ${Math.round(size.maxBytes / 1024 / 1024)} MB, over MongoDB's 16 MB document limit`,
      fix: 'reference the largest embedded array from its own collection, or keep large values in GridFS',
    });
  return {
    name: plan.name,
    entity: plan.table.name,
    embeds: [
      ...plan.embeds.map((e) => ({ entity: e.child.name, field: e.field, kind: 'array' as const })),
      ...plan.ids.map((i) => ({ entity: i.link.name, field: i.field, kind: 'ids' as const })),
    ],
    validator: collectionValidator(ctx.schema, plan),
    indexes: collectionIndexes(plan, queries),
    documentSize: size,
    documentsAtHorizon: Math.round(ctx.volumes.atHorizon(plan.table.name)),
  };
}

/** The query as design.json holds it: MongoDB's own argument names. */
function queryJson(q: MongoQueryPlan): Record<string, unknown> {
  switch (q.operation) {
    case 'find':
      return {
        filter: q.filter ?? {},
        ...(q.projection ? { projection: q.projection } : {}),
        ...(q.sort ? { sort: q.sort } : {}),
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
      };
    case 'aggregate':
      return { pipeline: q.pipeline ?? [] };
    case 'insertOne':
      return { document: q.document ?? {} };
    case 'deleteOne':
    case 'deleteMany':
      return { filter: q.filter ?? {} };
    default:
      return { filter: q.filter ?? {}, update: q.update ?? {} };
  }
}
