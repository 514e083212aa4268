import type { Nosql } from '../../model/parts/nosql.js';
import type { Artifact } from '../artifacts.js';
import { renderCassandraSchema } from './cassandra-schema.js';
import { renderDynamoAccessPatterns } from './dynamodb-access-patterns.js';
import { renderMongoCollections, renderMongoQueries } from './mongodb-collections.js';

/** The NoSQL files of a design folder, one folder per target under nosql/. */
export function renderNosqlArtifacts(nosql: Nosql | undefined, specName: string): Artifact[] {
  if (!nosql) return [];
  return [
    ...(nosql.dynamodb
      ? [
          { path: 'nosql/dynamodb/table.json', content: `${JSON.stringify(nosql.dynamodb.table, null, 2)}\n` },
          { path: 'nosql/dynamodb/access-patterns.md', content: renderDynamoAccessPatterns(nosql.dynamodb, specName) },
        ]
      : []),
    ...(nosql.mongodb
      ? [
          { path: 'nosql/mongodb/collections.json', content: renderMongoCollections(nosql.mongodb) },
          { path: 'nosql/mongodb/queries.md', content: renderMongoQueries(nosql.mongodb, specName) },
        ]
      : []),
    ...(nosql.cassandra ? [{ path: 'nosql/cassandra/schema.cql', content: renderCassandraSchema(nosql.cassandra, specName) }] : []),
  ];
}
