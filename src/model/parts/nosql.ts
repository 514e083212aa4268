import { z } from 'zod';
import { evidenceSchema } from '../decision.js';

/**
 * The NoSQL part of design.json: the same entities and access patterns designed for DynamoDB (one
 * table), MongoDB (collections) and Cassandra (query-first tables), each target present only when
 * the chosen engine is of its family or it was asked for (`--target`). Key and value templates name
 * columns in braces (`TENANT#{tenant_id}#ORDER#{id}`) and parameters with a colon (`{:tenant}`).
 */

/** Something a target cannot do as the spec asks, with the fix. Warnings are also design diagnostics. */
export const nosqlFindingSchema = z.object({
  code: z.string(),
  severity: z.enum(['warning', 'info']),
  pattern: z.string().optional(),
  message: z.string(),
  fix: z.string(),
});

/** Typical and largest size of one item, document or row; `unbounded` names the columns without a declared length. */
export const recordSizeSchema = z.object({
  typicalBytes: z.number(),
  /** From declared lengths; unbounded columns counted at their typical size. */
  maxBytes: z.number(),
  unbounded: z.array(z.string()),
});

// ---- DynamoDB

export const dynamoAttributeTypeSchema = z.enum(['S', 'N', 'BOOL', 'M']);

export const dynamoItemTypeSchema = z.object({
  entity: z.string(),
  /** Base table key templates. */
  pk: z.string(),
  sk: z.string(),
  /** Shares its partition with another entity's items: the parent it is read together with, and the patterns that do. */
  collection: z.object({ parent: z.string(), patterns: z.array(z.string()) }).optional(),
  /** The GSIs this item type writes, with its key templates in each. */
  gsiKeys: z.array(z.object({ index: z.string(), pk: z.string(), sk: z.string() })),
  attributes: z.array(z.object({ name: z.string(), type: dynamoAttributeTypeSchema, column: z.string() })),
  /** Parent columns copied onto the item so a pattern needs no join, and what one parent update then writes. */
  copies: z.array(
    z.object({
      parent: z.string(),
      columns: z.array(z.object({ column: z.string(), attribute: z.string() })),
      patterns: z.array(z.string()),
      itemsPerParent: z.number(),
    }),
  ),
  /** A unique constraint: a guard item written with a condition, since no index enforces uniqueness. */
  uniqueGuards: z.array(z.object({ columns: z.array(z.string()), pk: z.string(), sk: z.string() })),
  size: recordSizeSchema,
  itemsAtHorizon: z.number(),
});

export const dynamoIndexSchema = z.object({
  name: z.string(),
  pk: z.string(),
  sk: z.string(),
  projection: z.object({ type: z.enum(['ALL', 'KEYS_ONLY', 'INCLUDE']), attributes: z.array(z.string()).optional() }),
  /** Item types that write this index (index overloading: each uses its own key templates). */
  entities: z.array(z.string()),
  patterns: z.array(z.string()),
});

/** One request of a pattern: the key condition (or key) it uses, never a Scan. */
export const dynamoOperationSchema = z.object({
  operation: z.enum(['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem']),
  /** `table` or the GSI's name. */
  index: z.string(),
  entity: z.string(),
  /** KeyConditionExpression for a Query; the key for the others, as `PK = … AND SK = …`. */
  keyCondition: z.string(),
  /** Placeholder -> value template: `:pk` -> `TENANT#{:tenant}#CUSTOMER#{:customer}`. */
  values: z.record(z.string(), z.string()),
  scanIndexForward: z.boolean().optional(),
  limit: z.number().optional(),
  filter: z.object({ expression: z.string(), why: z.string() }).optional(),
  /** Repeated once per value, e.g. `status` IN ('paid', 'shipped'). */
  perValue: z.object({ column: z.string(), values: z.array(z.union([z.string(), z.number(), z.boolean()])) }).optional(),
  /** Columns the write sets (PutItem, UpdateItem). */
  sets: z.array(z.string()).optional(),
});

export const dynamoPatternSchema = z.object({
  pattern: z.string(),
  kind: z.enum(['read', 'write']),
  operations: z.array(dynamoOperationSchema),
  /** What the application does after the requests: merge, sum, group; empty when the requests return the answer. */
  notes: z.array(z.string()),
  ratePerSecond: z.number(),
  /** Items one call reads (reads) or writes (writes, index copies counted), at the horizon's volumes. */
  itemsPerCall: z.number(),
  readUnitsPerSecond: z.number(),
  writeUnitsPerSecond: z.number(),
  /** The partition key this pattern hits hardest and its request rate, against the per-partition limit. */
  hottestKey: z.object({ index: z.string(), key: z.string(), distinctKeys: z.number(), unitsPerSecond: z.number(), limit: z.number() }).optional(),
});

export const dynamoCreateTableSchema = z.object({
  TableName: z.string(),
  BillingMode: z.literal('PAY_PER_REQUEST'),
  AttributeDefinitions: z.array(z.object({ AttributeName: z.string(), AttributeType: z.literal('S') })),
  KeySchema: z.array(z.object({ AttributeName: z.string(), KeyType: z.enum(['HASH', 'RANGE']) })),
  GlobalSecondaryIndexes: z
    .array(
      z.object({
        IndexName: z.string(),
        KeySchema: z.array(z.object({ AttributeName: z.string(), KeyType: z.enum(['HASH', 'RANGE']) })),
        Projection: z.object({ ProjectionType: z.enum(['ALL', 'KEYS_ONLY', 'INCLUDE']), NonKeyAttributes: z.array(z.string()).optional() }),
      }),
    )
    .optional(),
});

export const dynamoDesignSchema = z.object({
  table: dynamoCreateTableSchema,
  items: z.array(dynamoItemTypeSchema),
  indexes: z.array(dynamoIndexSchema),
  patterns: z.array(dynamoPatternSchema),
  capacity: z.object({
    readUnitsPerSecond: z.number(),
    writeUnitsPerSecond: z.number(),
    storageBytesAtHorizon: z.number(),
    basis: z.array(z.string()),
  }),
  findings: z.array(nosqlFindingSchema),
  evidence: z.array(evidenceSchema),
});

// ---- MongoDB

export const mongoRelationshipSchema = z.object({
  /** The referencing entity (the child) and the one it references. */
  child: z.string(),
  parent: z.string(),
  foreignKey: z.string(),
  /** `embed`: the children are an array inside the parent; `ids`: a link table becomes an array of ids; `extended-reference`: parent fields copied into the child. */
  decision: z.enum(['embed', 'ids', 'reference', 'extended-reference']),
  /** The field holding the embedded array, the ids or the copied parent fields. */
  field: z.string().optional(),
  childrenPerParent: z.object({ now: z.number(), atHorizon: z.number() }),
  rationale: z.array(z.string()),
});

export const mongoIndexSchema = z.object({
  name: z.string(),
  keys: z.array(z.object({ field: z.string(), order: z.union([z.literal(1), z.literal(-1)]) })),
  unique: z.boolean(),
  patterns: z.array(z.string()),
  /** Which keys are equality, sort and range, or which constraint the index enforces. */
  reason: z.string(),
});

export const mongoCollectionSchema = z.object({
  name: z.string(),
  entity: z.string(),
  /** Entities stored inside this collection's documents, with the field. */
  embeds: z.array(z.object({ entity: z.string(), field: z.string(), kind: z.enum(['array', 'ids']) })),
  /** The `$jsonSchema` validator, as createCollection takes it. */
  validator: z.record(z.string(), z.unknown()),
  indexes: z.array(mongoIndexSchema),
  documentSize: recordSizeSchema,
  documentsAtHorizon: z.number(),
});

export const mongoPatternSchema = z.object({
  pattern: z.string(),
  collection: z.string(),
  operation: z.enum(['find', 'aggregate', 'insertOne', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany']),
  /** Filter, projection, sort, pipeline or document as JSON; a parameter is `{"$param": "name"}`, a value the application computes `{"$sql": "…"}`. */
  query: z.record(z.string(), z.unknown()),
  index: z.string().optional(),
  notes: z.array(z.string()),
});

export const mongoDesignSchema = z.object({
  collections: z.array(mongoCollectionSchema),
  relationships: z.array(mongoRelationshipSchema),
  patterns: z.array(mongoPatternSchema),
  findings: z.array(nosqlFindingSchema),
  evidence: z.array(evidenceSchema),
});

// ---- Cassandra / ScyllaDB

export const cassandraTableSchema = z.object({
  name: z.string(),
  entity: z.string(),
  /** `pattern`: made for the patterns listed; `record`: the entity by its own key, for writes by key. */
  role: z.enum(['pattern', 'record']),
  patterns: z.array(z.string()),
  partitionKey: z.array(z.string()),
  clustering: z.array(z.object({ column: z.string(), order: z.enum(['ASC', 'DESC']) })),
  columns: z.array(
    z.object({
      name: z.string(),
      type: z.string(),
      /** Stored once per partition (a parent's fields beside its children). */
      static: z.boolean(),
      /** Copied from another entity (`order.status`). */
      from: z.string().optional(),
    }),
  ),
  /** A partition-key column that splits a partition that would pass the size limit. */
  bucket: z.object({ column: z.string(), kind: z.enum(['time', 'hash']), of: z.string(), unit: z.string(), why: z.string() }).optional(),
  partition: z.object({ rows: z.number(), rowBytes: z.number(), bytes: z.number(), limitBytes: z.number(), basis: z.array(z.string()) }),
  /** default_time_to_live: the entity's retention, so expired rows leave without deletes. */
  ttlSeconds: z.number().optional(),
});

export const cassandraDesignSchema = z.object({
  keyspace: z.string(),
  tables: z.array(cassandraTableSchema),
  /** Per entity: the tables that hold it, so each logical write becomes that many writes. */
  duplication: z.array(z.object({ entity: z.string(), tables: z.array(z.string()), writesPerInsert: z.number() })),
  patterns: z.array(z.object({ pattern: z.string(), table: z.string(), cql: z.array(z.string()), notes: z.array(z.string()) })),
  findings: z.array(nosqlFindingSchema),
  evidence: z.array(evidenceSchema),
});

export const nosqlTargetSchema = z.enum(['dynamodb', 'mongodb', 'cassandra']);

export const nosqlSchema = z.object({
  /** Why these targets: the chosen engine's family, or `--target`. */
  reason: z.string(),
  dynamodb: dynamoDesignSchema.optional(),
  mongodb: mongoDesignSchema.optional(),
  cassandra: cassandraDesignSchema.optional(),
});

export type NosqlFinding = z.infer<typeof nosqlFindingSchema>;
export type RecordSize = z.infer<typeof recordSizeSchema>;
export type DynamoItemType = z.infer<typeof dynamoItemTypeSchema>;
export type DynamoIndex = z.infer<typeof dynamoIndexSchema>;
export type DynamoOperation = z.infer<typeof dynamoOperationSchema>;
export type DynamoPattern = z.infer<typeof dynamoPatternSchema>;
export type DynamoCreateTable = z.infer<typeof dynamoCreateTableSchema>;
export type DynamoDesign = z.infer<typeof dynamoDesignSchema>;
export type MongoRelationship = z.infer<typeof mongoRelationshipSchema>;
export type MongoIndex = z.infer<typeof mongoIndexSchema>;
export type MongoCollection = z.infer<typeof mongoCollectionSchema>;
export type MongoPattern = z.infer<typeof mongoPatternSchema>;
export type MongoDesign = z.infer<typeof mongoDesignSchema>;
export type CassandraTable = z.infer<typeof cassandraTableSchema>;
export type CassandraDesign = z.infer<typeof cassandraDesignSchema>;
export type NosqlTarget = z.infer<typeof nosqlTargetSchema>;
export type Nosql = z.infer<typeof nosqlSchema>;
