import { formatCount } from '../../format.js';
import type { Nosql } from '../../model/parts/nosql.js';
import type { Evidence, EvidenceTier } from '../../model/decision.js';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The report's NoSQL sections: per target, the key design of each access pattern and how far it is proven. */
export function renderNosqlSection(nosql: Nosql): string[] {
  const out: string[] = [];
  if (nosql.dynamodb) {
    const d = nosql.dynamodb;
    out.push(
      '## DynamoDB (single table)',
      '',
      `Written because ${nosql.reason}. \`nosql/dynamodb/table.json\` creates the table; \`access-patterns.md\` has every request. **Evidence:** ${decisionTierOf(d.evidence)}.`,
      '',
    );
    for (const e of d.evidence) out.push(`- *${e.tier}* (${e.source}): ${e.detail}`);
    out.push('', '| pattern | request | index | key condition | filter |', '|---|---|---|---|---|');
    for (const p of d.patterns)
      for (const op of p.operations.length ? p.operations : [undefined])
        out.push(
          op
            ? `| ${p.pattern} | ${op.operation}${op.perValue ? ` ×${op.perValue.values.length}` : ''} | ${op.index} | \`${cell(op.keyCondition)}\` ${Object.entries(
                op.values,
              )
                .map(([k, v]) => `${k} = \`${cell(v)}\``)
                .join(', ')} | ${op.filter ? cell(op.filter.why) : ''} |`
            : `| ${p.pattern} | none: see the findings | | | |`,
        );
    out.push(
      '',
      `${d.capacity.readUnitsPerSecond} read and ${d.capacity.writeUnitsPerSecond} write units/s; ${d.indexes.length} GSIs; ${d.findings.length} findings.`,
      '',
    );
  }
  if (nosql.mongodb) {
    const m = nosql.mongodb;
    out.push(
      '## MongoDB (collections)',
      '',
      `Written because ${nosql.reason}. \`nosql/mongodb/collections.json\` creates the collections and indexes; \`queries.md\` has every query. **Evidence:** ${decisionTierOf(m.evidence)}, no MongoDB server.`,
      '',
    );
    for (const e of m.evidence) out.push(`- *${e.tier}* (${e.source}): ${e.detail}`);
    out.push('', '| child | parent | decision |', '|---|---|---|');
    for (const r of m.relationships)
      out.push(`| ${r.child} | ${r.parent} | ${r.decision}${r.field ? ` (\`${r.field}\`)` : ''}: ${cell(r.rationale[0] ?? '')} |`);
    out.push('', '| pattern | collection | operation | index |', '|---|---|---|---|');
    for (const p of m.patterns) out.push(`| ${p.pattern} | ${p.collection} | ${p.operation} | ${p.index ? `\`${p.index}\`` : ''} |`);
    out.push('');
  }
  if (nosql.cassandra) {
    const c = nosql.cassandra;
    out.push(
      '## Cassandra / ScyllaDB (query-first tables)',
      '',
      `Written because ${nosql.reason}. \`nosql/cassandra/schema.cql\` holds the keyspace, the tables and each pattern's CQL. **Evidence:** ${decisionTierOf(c.evidence)} (no CQL engine here).`,
      '',
    );
    out.push('| table | patterns | partition key | clustering | partition at the horizon |', '|---|---|---|---|---|');
    for (const t of c.tables)
      out.push(
        `| ${t.name} | ${t.patterns.join(', ') || `(${t.entity} by key)`} | (${t.partitionKey.join(', ')}) | ${t.clustering.map((x) => `${x.column} ${x.order}`).join(', ')} | ${formatCount(Math.round(t.partition.rows))} rows, ${Math.max(1, Math.round(t.partition.bytes / 1024))} KB${t.bucket ? `, bucket: ${t.bucket.unit}` : ''} |`,
      );
    out.push(
      '',
      `Writes per insert: ${
        c.duplication
          .filter((d) => d.writesPerInsert > 1)
          .map((d) => `${d.entity} ${d.writesPerInsert}`)
          .join(', ') || 'one table per entity'
      }.`,
      '',
    );
  }
  return out;
}

/** The strongest tier among a NoSQL design's evidence: what its checks reached. */
function decisionTierOf(evidence: readonly Evidence[]): EvidenceTier {
  const order: EvidenceTier[] = ['assumed', 'derived', 'parsed', 'executed'];
  return evidence.reduce<EvidenceTier>((best, e) => (order.indexOf(e.tier) > order.indexOf(best) ? e.tier : best), 'assumed');
}
