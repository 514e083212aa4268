import type { Design } from '../../model/design.js';
import { formatBytes, formatCount } from '../../format.js';

/** The report's architecture summary: technology scores, caching, scaling and capacity at a glance. */
export function renderArchitectureSections(design: Design): string[] {
  const out: string[] = [];
  const { technology, caching, scaling, capacity } = design;
  const chosen = technology.ranking.find((r) => r.id === technology.choice);
  out.push('## Technology', '');
  out.push(
    `**Choice: ${chosen?.name ?? technology.choice}** (score ${chosen?.score ?? '?'} of 100). ${technology.tradeoff.explanation} CAP: ${technology.tradeoff.cap}; PACELC: ${technology.tradeoff.pacelc}.`,
    '',
  );
  out.push('| rank | engine | family | score | disqualified by |', '|---|---|---|---|---|');
  technology.ranking.forEach((r, i) => out.push(`| ${i + 1} | ${r.name} | ${r.family} | ${r.score} | ${r.disqualifiers.join('; ').replace(/\|/g, '\\|')} |`));
  out.push('');
  if (technology.polyglot.length) {
    out.push('Side stores:', '');
    for (const p of technology.polyglot) out.push(`- **${p.role}**: ${p.engine}, kept in step by ${p.sync}. ${p.why} Cost: ${p.cost}`);
    out.push('');
  }

  out.push('## Caching', '');
  if (caching.cached.length) {
    out.push('| pattern | layer | key | TTL | invalidated by | est. hit rate | queries/s removed |', '|---|---|---|---|---|---|---|');
    for (const c of caching.cached)
      out.push(
        `| ${c.pattern} | ${c.layer} | \`${c.key}\` | ${c.ttlSeconds} s | ${describeInvalidation(c.invalidation)} | ${Math.round(c.estimate.hitRate * 100)}% | ${formatCount(Math.round(c.estimate.queriesRemovedPerSecond))} |`,
      );
    out.push('');
  }
  if (caching.neverCached.length) out.push(`Never cached: ${caching.neverCached.map((n) => `${n.pattern} (${n.reason})`).join(', ')}.`, '');

  out.push('## Scaling', '');
  out.push(scalingSummary(scaling), '');

  const { security, availability } = design;
  out.push('## Security and compliance', '');
  out.push(
    `Roles: ${security.roles.map((r) => `\`${r.name}\` (${r.purpose})`).join('; ')}. Script: \`schema/postgres-security.sql\`${design.ddl.some((c) => c.file.endsWith('-jobs.sql')) ? '; retention, partition upkeep and view refreshes: `schema/postgres-jobs.sql`' : ''}.`,
    '',
  );
  if (security.rowLevelSecurity.length)
    out.push(
      `Row-level security on ${security.rowLevelSecurity.map((r) => r.table).join(', ')}: rows visible only where tenant_id = current_setting('${security.rowLevelSecurity[0]!.setting}').`,
      '',
    );
  if (security.personalData.length) {
    out.push('| personal data | handling |', '|---|---|');
    for (const p of security.personalData) out.push(`| ${p.table}.${p.column} | ${p.handling.join('; ')} |`);
    out.push('');
  }
  if (security.erasure) {
    out.push(`Erasure of one ${security.erasure.subject}:`, '');
    for (const st of security.erasure.steps) out.push(`- ${st.table} (via ${st.via}): ${st.action}${st.columns.length ? ` ${st.columns.join(', ')}` : ''}`);
    out.push('');
  }
  if (security.retention.length) out.push(`Retention: ${security.retention.map((r) => `${r.table} ${r.days} days (${r.method})`).join('; ')}.`, '');

  out.push('## Availability and recovery', '');
  out.push(
    `${availability.availability}% (${availability.downtimeMinutesPerMonth} minutes of downtime a month); RPO ${availability.rpoSeconds} s, RTO ${availability.rtoSeconds} s (${availability.targetsBasis}).`,
    '',
  );
  for (const t of availability.topology) out.push(`- ${t}`);
  for (const b of availability.backups) out.push(`- ${b}`);
  out.push('', '| alert | threshold |', '|---|---|');
  for (const a of availability.alerts) out.push(`| ${a.name} | ${a.threshold} |`);
  out.push('');

  out.push('## Capacity', '');
  const h = capacity.atHorizon;
  out.push(
    `At the horizon (${capacity.horizon.text}): ${formatCount(h.rows)} rows, ${formatBytes(h.totalBytes)} (${formatBytes(h.tableBytes)} tables, ${formatBytes(h.indexBytes)} indexes). WAL ${formatBytes(capacity.wal.bytesPerDay)} a day; ${formatCount(Math.round(capacity.iops.pageWritesPerSecond))} page writes/s; hot set ${formatBytes(capacity.memory.hotSetBytes)} (the instance's RAM is sized from it under Scaling).`,
    '',
  );
  out.push('| table | rows at the horizon | total | of which indexes |', '|---|---|---|---|');
  for (const t of h.tables) out.push(`| ${t.table} | ${formatCount(t.rows)} | ${formatBytes(t.totalBytes)} | ${formatBytes(t.indexBytes)} |`);
  out.push('');
  return out;
}

function describeInvalidation(invalidation: Design['caching']['cached'][number]['invalidation']): string {
  const writes = invalidation.writes.map((w) => `${w.pattern} (${w.action})`);
  return writes.length ? writes.join(', ') : 'TTL only';
}

/** One line per plan: the PostgreSQL instance and pooling, or the chosen engine's own cluster. */
function scalingSummary(scaling: Design['scaling']): string {
  if (scaling.cluster) {
    const c = scaling.cluster;
    return `${scaling.engine.name}: ${c.nodes} node${c.nodes === 1 ? '' : 's'} (${c.nodes / c.replicationFactor} shard${c.nodes / c.replicationFactor === 1 ? '' : 's'} × ${c.replicationFactor} cop${c.replicationFactor === 1 ? 'y' : 'ies'}), distributed and replicated by the engine itself.`;
  }
  const { instance, pooling, replicas, sharding } = scaling;
  const who = sharding ? `Each of ${sharding.workers} Citus workers` : 'Primary';
  return `${who}: ${instance?.vcpu} vCPU, ${instance?.memoryGiB} GiB. Read replicas: ${replicas.count}. ${pooling?.pooler === 'none' ? 'No pooler (direct connections)' : `Pool: ${pooling?.serverPoolSize} server connections (${pooling?.pooler}, ${pooling?.mode} mode)`}, max_connections ${pooling?.maxConnections}. ${sharding ? `Sharded by \`${sharding.key}\`.` : 'No sharding: one primary suffices.'}`;
}
