import type { CassandraDesign } from '../../model/parts/nosql.js';
import { cqlName } from '../../design/nosql/cassandra/cql-names.js';

const mb = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;

/** nosql/cassandra/schema.cql: the keyspace and every table, each with the patterns it serves and its partition estimate. */
export function renderCassandraSchema(design: CassandraDesign, specName: string): string {
  const ks = design.keyspace;
  const out: string[] = [
    `-- ${specName}: Cassandra / ScyllaDB query-first tables, written by dbarchitect.`,
    '-- Evidence: derived by rule (no CQL engine or parser was at hand to run this file).',
    `CREATE KEYSPACE IF NOT EXISTS ${ks} WITH replication = {'class': 'NetworkTopologyStrategy', 'replication_factor': 3};`,
    '',
  ];
  for (const t of design.tables) {
    out.push(`-- ${t.name}: ${t.role === 'record' ? `${t.entity} by its key (writes by key, reads not listed)` : `${t.patterns.join(', ')}`}`);
    out.push(`-- partition: about ${t.partition.rows} rows, ${mb(t.partition.bytes)} (limit ${mb(t.partition.limitBytes)})`);
    if (t.bucket)
      out.push(`-- bucket: ${t.bucket.kind === 'time' ? `the ${t.bucket.unit} of ${t.bucket.of}` : `${t.bucket.unit} over ${t.bucket.of}`}; ${t.bucket.why}`);
    const keyColumns = new Set([...t.partitionKey, ...t.clustering.map((c) => c.column)]);
    const columns = [...t.columns].sort((a, b) => Number(keyColumns.has(b.name)) - Number(keyColumns.has(a.name)));
    out.push(`CREATE TABLE IF NOT EXISTS ${ks}.${cqlName(t.name)} (`);
    for (const c of columns) out.push(`  ${cqlName(c.name)} ${c.type}${c.static ? ' STATIC' : ''},${c.from ? ` -- copy of ${c.from}` : ''}`);
    const partition = t.partitionKey.length > 1 ? `(${t.partitionKey.map(cqlName).join(', ')})` : cqlName(t.partitionKey[0] ?? 'id');
    out.push(`  PRIMARY KEY (${[partition, ...t.clustering.map((c) => cqlName(c.column))].join(', ')})`);
    const options = [
      ...(t.clustering.length ? [`CLUSTERING ORDER BY (${t.clustering.map((c) => `${cqlName(c.column)} ${c.order}`).join(', ')})`] : []),
      ...(t.ttlSeconds !== undefined ? [`default_time_to_live = ${t.ttlSeconds}`] : []),
    ];
    out.push(`)${options.length ? ` WITH ${options.join(' AND ')}` : ''};`, '');
  }
  out.push('-- Queries and writes per access pattern:', '');
  for (const p of design.patterns) {
    out.push(`-- ${p.pattern} (${p.table})`);
    for (const n of p.notes) out.push(`--   ${n}`);
    out.push(...p.cql, '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
