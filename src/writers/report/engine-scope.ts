import { nosqlTargets } from '../../design/nosql/design-nosql.js';
import { ddlTargetForEngine } from '../../dialects/targets.js';
import type { Design } from '../../model/design.js';

/**
 * What the design is written for, said first: when the chosen engine is not PostgreSQL, which parts
 * follow that engine and which are written for the PostgreSQL alternative (and why), so no reader
 * takes a PostgreSQL schema for the chosen engine's. Empty when everything is PostgreSQL's.
 */
export function engineScope(design: Design): string[] {
  const { scaling, technology } = design;
  if (scaling.engine.plan === 'postgresql') return [];
  const alternative = technology.ranking.find((r) => r.id === 'postgresql');
  const rank = technology.ranking.findIndex((r) => r.id === 'postgresql') + 1;
  // The chosen engine's own schema, when a target writes it (TiDB's is MySQL's) and the design wrote it.
  const target = ddlTargetForEngine(technology.choice);
  const own = target ? design.ddl.find((c) => c.dialect === target.name) : undefined;
  // A NoSQL engine's design is under nosql/<target>/ when the design wrote it for the chosen engine.
  const nosql = nosqlTargets(undefined, technology.choice).targets.find((t) => design.nosql?.[t]);
  const schemaLine = own
    ? `**The ${scaling.engine.name} schema is \`${own.file}\`** (${target!.displayName}), compiled from the same tables, keys and indexes; what ${scaling.engine.name} cannot express, and the alternative used, is listed under Other dialects.`
    : nosql
      ? `**The ${scaling.engine.name} design is \`nosql/${nosql}/\`**, from the same entities and access patterns (see its section below).`
      : `**The ${scaling.engine.name} schema is missing**: translate the tables, keys and access patterns by hand or choose PostgreSQL.`;
  return [
    `**Engine scope.** The chosen engine is **${scaling.engine.name}**. Written for it: the technology selection, the load, the cluster (Scaling), availability and alerts${own ? `, and \`${own.file}\`` : ''}. ` +
      `Written for the **PostgreSQL alternative**${alternative ? ` (ranked ${rank}, score ${alternative.score})` : ''}: the schema and \`${design.ddl[0]?.file ?? 'schema/postgres.sql'}\`, the indexes, partitioning, capacity (PostgreSQL's page layout), caching and the security script, ` +
      `because dbarchitect derives and verifies plans on PostgreSQL only so far. ${schemaLine}`,
    '',
  ];
}
