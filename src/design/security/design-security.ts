import type { Decision } from '../../model/decision.js';
import type { Schema, Table } from '../../model/schema.js';
import type { Spec } from '../../spec/spec.js';
import type { Security } from './security-schema.js';

/** The session setting the application sets per transaction: `SET LOCAL app.tenant_id = '42'`. */
export const TENANT_SETTING = 'app.tenant_id';

/**
 * Who may see what: least-privilege roles, row-level security for shared-schema tenancy, personal
 * data handling per compliance regime, an erasure plan for one data subject, retention jobs,
 * encryption and audit logging. Pure.
 */
export function designSecurity(spec: Spec, schema: Schema): { security: Security; decisions: Decision[] } {
  const prefix = spec.name.replace(/-/g, '_');
  const roles: Security['roles'] = [
    { name: `${prefix}_owner`, login: false, purpose: 'owns every object; nobody logs in as it', privileges: 'all, as owner', memberOf: [] },
    { name: `${prefix}_migrator`, login: true, purpose: 'runs migrations', privileges: 'DDL through membership of the owner role', memberOf: [`${prefix}_owner`] },
    { name: `${prefix}_app`, login: true, purpose: 'the application', privileges: 'SELECT, INSERT, UPDATE, DELETE on tables; USAGE on sequences; subject to row-level security', memberOf: [] },
    { name: `${prefix}_readonly`, login: true, purpose: 'reporting and support', privileges: 'SELECT on tables; subject to row-level security', memberOf: [] },
  ];
  const tenancy = spec.requirements.tenancy === 'shared-schema';
  const rowLevelSecurity = tenancy
    ? schema.tables.filter((t) => t.tenantScoped).map((t) => ({ table: t.name, policy: `${t.name}_tenant_isolation`, column: 'tenant_id', setting: TENANT_SETTING }))
    : [];
  const personalData = schema.tables.flatMap((t) => t.columns.filter((c) => c.pii).map((c) => ({ table: t.name, column: c.name, handling: piiHandling(spec, t, c.name) })));
  const erasure = spec.requirements.compliance.includes('gdpr') ? erasurePlan(schema) : undefined;
  const retention = schema.tables.flatMap((t) => {
    if (t.volume?.retentionSeconds === undefined) return [];
    const column = t.partitioning?.column ?? t.columns.find((c) => c.type.kind === 'timestamp' && !c.nullable)?.name ?? 'created_at';
    return [{ table: t.name, days: Math.round(t.volume.retentionSeconds / 86_400), column, method: t.partitioning ? ('drop-partitions' as const) : ('batched-delete' as const) }];
  });
  const compliance = spec.requirements.compliance;
  const encryption = [
    'at rest: storage encryption with keys in the cloud KMS (or LUKS on-premises); backups and snapshots encrypted with the same keys',
    'in transit: TLS only (`hostssl` in pg_hba.conf, `ssl_min_protocol_version = TLSv1.2`), certificates verified by clients (`sslmode=verify-full`)',
    ...(compliance.includes('pci-dss') ? ['card data: only the last four digits are stored; full card numbers are tokenized by the payment provider and never reach the database'] : []),
  ];
  const audit = compliance.some((c) => c === 'hipaa' || c === 'soc2' || c === 'pci-dss')
    ? ["pgaudit: `pgaudit.log = 'ddl, role, write'` for every role, `pgaudit.log = 'read'` on tables holding personal data, logs shipped to write-once storage", 'log_connections and log_disconnections on; failed logins alerted']
    : ['log DDL and role changes (`log_statement = ddl`)'];

  const security: Security = { roles, rowLevelSecurity, personalData, ...(erasure ? { erasure } : {}), retention, encryption, audit };
  return { security, decisions: decisions(spec, security) };
}

function piiHandling(spec: Spec, table: Table, column: string): string[] {
  const out: string[] = [];
  const compliance = spec.requirements.compliance;
  if (compliance.includes('gdpr')) out.push('GDPR: personal data of a data subject: included in access and portability exports, anonymized on erasure, kept no longer than its purpose');
  if (compliance.includes('pci-dss') && /card|pan|cvv|last4/i.test(column))
    out.push(/last4/i.test(column) ? 'PCI-DSS: the last four digits may be stored in the clear; anything more must be tokenized' : 'PCI-DSS: cardholder data must not be stored; replace with the provider token and the last four digits');
  if (compliance.includes('hipaa')) out.push('HIPAA: protected health information: every read and write audit-logged (pgaudit), access only through roles subject to row-level security');
  if (out.length === 0) out.push('marked personal: masked in logs and in copies for development');
  if (table.tenantScoped) out.push('isolated per tenant by row-level security');
  return out;
}

/**
 * The data subject is the entity with personal data that others reference (a customer, a user);
 * every table that reaches it through foreign keys is visited, and its personal columns anonymized.
 */
function erasurePlan(schema: Schema): NonNullable<Security['erasure']> | undefined {
  const referenced = (t: Table) => schema.tables.some((x) => x.foreignKeys.some((fk) => fk.refTable === t.name && x.name !== t.name));
  const subject = schema.tables.filter((t) => t.tenantScoped || !schema.tables.some((x) => x.tenantScoped)).filter((t) => t.columns.some((c) => c.pii) && referenced(t)).sort((a, b) => b.columns.filter((c) => c.pii).length - a.columns.filter((c) => c.pii).length)[0];
  if (!subject) return undefined;
  const steps: NonNullable<Security['erasure']>['steps'] = [];
  const piiOf = (t: Table) => t.columns.filter((c) => c.pii).map((c) => c.name);
  steps.push({ table: subject.name, via: 'the subject row', action: 'anonymize', columns: piiOf(subject), why: 'the row stays so that references (orders, invoices kept for legal retention) remain valid; its personal fields are overwritten' });
  const seen = new Set([subject.name]);
  let frontier = [subject.name];
  while (frontier.length) {
    const next: string[] = [];
    for (const parent of frontier) {
      for (const child of schema.tables.filter((t) => !seen.has(t.name) && t.foreignKeys.some((fk) => fk.refTable === parent))) {
        seen.add(child.name);
        next.push(child.name);
        const fk = child.foreignKeys.find((f) => f.refTable === parent)!;
        const pii = piiOf(child);
        steps.push({
          table: child.name,
          via: `${child.name}.${fk.columns[fk.columns.length - 1]} → ${parent}`,
          action: pii.length ? 'anonymize' : 'keep',
          columns: pii,
          why: pii.length ? 'personal columns of rows that belong to the subject are cleared' : 'holds no personal data of its own: kept (it is needed for accounting and its retention)',
        });
      }
    }
    frontier = next;
  }
  return { subject: subject.name, steps };
}

function decisions(spec: Spec, s: Security): Decision[] {
  const out: Decision[] = [
    {
      id: 'security/roles',
      area: 'security',
      title: 'Least-privilege roles',
      choice: s.roles.map((r) => `${r.name} (${r.purpose})`).join('; '),
      rationale: ['The application never owns the tables, so it cannot alter them or bypass row-level security; migrations run as a separate role; reporting reads only.'],
      alternatives: [{ option: 'one role for everything', rejectedBecause: 'a leaked application credential could drop tables and read every tenant' }],
      evidence: [{ tier: 'derived', source: 'rule:least-privilege', detail: `${s.roles.length} roles` }],
      patterns: [],
    },
  ];
  if (s.rowLevelSecurity.length)
    out.push({
      id: 'security/row-level-security',
      area: 'security',
      title: 'Row-level security isolates tenants',
      choice: `a policy on each of ${s.rowLevelSecurity.length} tenant tables: tenant_id = current_setting('${TENANT_SETTING}'), for reads and writes`,
      rationale: [
        `The application sets \`SET LOCAL ${TENANT_SETTING} = '<tenant>'\` at the start of each transaction (safe with PgBouncer in transaction mode).`,
        'Without the setting the policy sees NULL and matches no row: a forgotten setting fails closed.',
        'Together with the tenant-carrying foreign keys, a bug in one query cannot read or write another tenant\'s rows.',
      ],
      alternatives: [{ option: 'tenant filters in application code only', rejectedBecause: 'one missing WHERE clause leaks another tenant\'s data' }],
      evidence: [{ tier: 'derived', source: 'rule:rls-for-shared-schema', detail: `requirements.tenancy = ${spec.requirements.tenancy}` }],
      patterns: [],
    });
  if (s.personalData.length)
    out.push({
      id: 'security/personal-data',
      area: 'security',
      title: 'Personal data and its handling',
      choice: s.personalData.map((p) => `${p.table}.${p.column}`).join(', '),
      rationale: s.personalData.map((p) => `${p.table}.${p.column}: ${p.handling.join('; ')}.`),
      alternatives: [{ option: 'column encryption in the application', rejectedBecause: 'it breaks lookups such as customer_by_email; storage encryption, TLS and RLS cover the threats the spec names' }],
      evidence: [{ tier: 'derived', source: 'rule:pii-by-compliance', detail: `compliance: ${spec.requirements.compliance.join(', ') || 'none'}` }],
      patterns: [],
    });
  if (s.erasure)
    out.push({
      id: 'security/erasure',
      area: 'security',
      title: `Erasure of one ${s.erasure.subject} (GDPR article 17)`,
      choice: s.erasure.steps.map((st) => `${st.table}: ${st.action}${st.columns.length ? ` ${st.columns.join(', ')}` : ''}`).join('; '),
      rationale: s.erasure.steps.map((st) => `${st.table} (via ${st.via}): ${st.why}.`),
      alternatives: [{ option: `delete the ${s.erasure.subject} row`, rejectedBecause: 'restricting foreign keys from records kept for legal retention forbid it, and deleting them would break that retention' }],
      evidence: [{ tier: 'derived', source: 'rule:erasure-over-references', detail: 'every table reaching the subject through foreign keys' }],
      patterns: [],
    });
  if (s.retention.length)
    out.push({
      id: 'security/retention',
      area: 'security',
      title: 'Retention jobs',
      choice: s.retention.map((r) => `${r.table}: ${r.method === 'drop-partitions' ? 'drop partitions' : 'batched DELETE'} older than ${r.days} days on ${r.column}`).join('; '),
      rationale: s.retention.map((r) =>
        r.method === 'drop-partitions'
          ? `${r.table}: pg_partman's retention drops whole partitions, which costs nothing per row.`
          : `${r.table}: every 10 minutes (pg_cron), \`DELETE FROM ${r.table} WHERE ctid IN (SELECT ctid FROM ${r.table} WHERE ${r.column} < now() - interval '${r.days} days' LIMIT 10000)\`, repeated while rows are deleted, so no transaction holds locks for long.`,
      ),
      alternatives: [{ option: 'one DELETE of everything expired', rejectedBecause: 'a long transaction that bloats the table and holds back vacuum' }],
      evidence: [{ tier: 'derived', source: 'rule:retention-job', detail: `${s.retention.length} tables with retention` }],
      patterns: [],
    });
  out.push({
    id: 'security/encryption-and-audit',
    area: 'security',
    title: 'Encryption and audit logging',
    choice: [...s.encryption, ...s.audit].join('; '),
    rationale: [`Compliance: ${spec.requirements.compliance.join(', ') || 'none stated'}.`],
    alternatives: [{ option: 'application-level audit tables only', rejectedBecause: 'they miss changes made outside the application' }],
    evidence: [{ tier: 'assumed', source: 'rule:encryption-baseline', detail: 'a baseline for any production database' }],
    patterns: [],
  });
  return out;
}
