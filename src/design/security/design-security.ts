import type { Decision } from '../../model/decision.js';
import type { Schema, Table } from '../../model/schema.js';
import type { Spec } from '../../model/spec.js';
import type { Security, SecurityGrant } from '../../model/parts/security.js';
import { RETENTION_BATCH_ROWS, RETENTION_CALLS_PER_MONTH, retentionColumn, retentionJobName } from './retention-column.js';
import { indexLeadingWith } from './retention-indexes.js';
import { formatCount } from '../../format.js';
import { TENANT_COLUMN } from '../../model/naming.js';

/** The session setting the application sets per transaction: `SET LOCAL app.tenant_id = '42'`. */
export const TENANT_SETTING = 'app.tenant_id';

/**
 * Who may see what: least-privilege roles, row-level security for shared-schema tenancy, personal
 * data handling per compliance regime, an erasure plan for one data subject, retention jobs,
 * encryption and audit logging. Pure.
 */
export function designSecurity(spec: Spec, schema: Schema): { security: Security; decisions: Decision[] } {
  const prefix = spec.name.replace(/-/g, '_');
  const owner = `${prefix}_owner`;
  const app = `${prefix}_app`;
  const readonly = `${prefix}_readonly`;
  const compliance = spec.requirements.compliance;
  const columnLevel = compliance.includes('gdpr') || compliance.includes('hipaa');
  const roles: Security['roles'] = [
    { name: owner, login: false, purpose: 'owns every object; nobody logs in as it', privileges: 'all, as owner', memberOf: [] },
    {
      name: `${prefix}_migrator`,
      login: true,
      purpose: 'runs migrations',
      privileges: `DDL through membership of the owner role (migrations run \`SET ROLE ${owner}\` so new objects are the owner's)`,
      memberOf: [owner],
    },
    {
      name: app,
      login: true,
      purpose: 'the application',
      privileges: 'SELECT, INSERT, UPDATE, DELETE on tables, only SELECT and INSERT on append-only ones; USAGE on sequences; subject to row-level security',
      memberOf: [],
    },
    {
      name: readonly,
      login: true,
      purpose: 'reporting and support',
      privileges: `SELECT on tables${columnLevel ? ', personal columns excepted' : ''}; subject to row-level security`,
      memberOf: [],
    },
  ];
  // No grants on materialized views: PostgreSQL applies no row-level security to them, so a grant
  // would show every tenant's totals; they stay the owner's until a tenant-filtering view wraps them.
  const grants = schema.tables.flatMap((t) => tableGrants(spec, t, { app, readonly }, columnLevel, schema));
  const defaultGrants: Security['defaultGrants'] = [
    { role: app, owner, privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] },
    { role: readonly, owner, privileges: ['SELECT'] },
  ];
  const tenancy = spec.requirements.tenancy === 'shared-schema';
  const rowLevelSecurity = tenancy
    ? schema.tables
        .filter((t) => t.tenantScoped)
        .map((t) => ({
          table: t.name,
          policy: `${t.name}_tenant_isolation`,
          column: TENANT_COLUMN,
          setting: TENANT_SETTING,
          force: !historyTables(schema).has(t.name),
        }))
    : [];
  const personalData = schema.tables.flatMap((t) =>
    t.columns.filter((c) => c.pii).map((c) => ({ table: t.name, column: c.name, handling: piiHandling(spec, t, c.name) })),
  );
  const erasure = compliance.includes('gdpr') ? erasurePlan(schema) : undefined;
  const retention = schema.tables.flatMap((t): Security['retention'] => {
    const column = retentionColumn(t);
    if (t.volume?.retentionSeconds === undefined || !column) return [];
    const days = Math.round(t.volume.retentionSeconds / 86_400);
    if (t.partitioning) return [{ table: t.name, days, column, method: 'drop-partitions', keptWhileReferencedBy: [] }];
    const index = indexLeadingWith(t, column);
    return [
      {
        table: t.name,
        days,
        column,
        method: 'batched-delete',
        job: retentionJobName(t.name),
        batchRows: RETENTION_BATCH_ROWS,
        ...(index ? { index } : {}),
        keptWhileReferencedBy: restrictingReferences(schema, t.name),
      },
    ];
  });
  const encryption = [
    'at rest: storage encryption with keys in the cloud KMS (or LUKS on-premises); backups and snapshots encrypted with the same keys',
    'in transit: TLS only (`hostssl` in pg_hba.conf, `ssl_min_protocol_version = TLSv1.2`), certificates verified by clients (`sslmode=verify-full`)',
    ...(compliance.includes('pci-dss')
      ? ['card data: only the last four digits are stored; full card numbers are tokenized by the payment provider and never reach the database']
      : []),
  ];
  const audit = compliance.some((c) => c === 'hipaa' || c === 'soc2' || c === 'pci-dss')
    ? [
        "pgaudit: `pgaudit.log = 'ddl, role, write'` for every role, `pgaudit.log = 'read'` on tables holding personal data, logs shipped to write-once storage",
        'log_connections and log_disconnections on; failed logins alerted',
      ]
    : ['log DDL and role changes (`log_statement = ddl`)'];

  const security: Security = { roles, grants, defaultGrants, rowLevelSecurity, personalData, ...(erasure ? { erasure } : {}), retention, encryption, audit };
  return { security, decisions: decisions(spec, schema, security) };
}

/**
 * Tables that history triggers write. A cascaded delete runs as the referencing table's owner
 * (PostgreSQL runs referential actions as the owner), so its history row is written as the owner, with
 * no tenant set when a retention job deletes: forced RLS would reject it. These tables are therefore
 * not forced; the owner writes them only through the triggers, and the app and read-only roles stay
 * under the policy.
 */
function historyTables(schema: Schema): Set<string> {
  return new Set(schema.tables.flatMap((t) => (t.triggers ?? []).flatMap((tr) => (tr.kind === 'history' ? [tr.historyTable] : []))));
}

/** Rows of an append-only entity (an event store, a ledger, a history) are never changed: the application may only add and read them. */
function isAppendOnly(spec: Spec, table: Table, schema?: Schema): boolean {
  if (schema && historyTables(schema).has(table.name)) return true;
  return table.volume?.appendOnly ?? spec.entities.find((e) => e.name === table.name)?.appendOnly ?? false;
}

function tableGrants(spec: Spec, table: Table, roles: { app: string; readonly: string }, columnLevel: boolean, schema: Schema): SecurityGrant[] {
  const appendOnly = isAppendOnly(spec, table, schema);
  const app: SecurityGrant = appendOnly
    ? { role: roles.app, table: table.name, privileges: ['SELECT', 'INSERT'], why: 'append-only: rows are added and read, never updated or deleted' }
    : { role: roles.app, table: table.name, privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'], why: 'the application reads and writes it' };
  const personal = table.columns.filter((c) => c.pii).map((c) => c.name);
  const regimes = spec.requirements.compliance
    .filter((c) => c === 'gdpr' || c === 'hipaa')
    .map((c) => c.toUpperCase())
    .join(' and ');
  const readonly: SecurityGrant =
    columnLevel && personal.length
      ? {
          role: roles.readonly,
          table: table.name,
          privileges: ['SELECT'],
          columns: table.columns.filter((c) => !c.pii).map((c) => c.name),
          why: `${personal.join(', ')} withheld from reporting (${regimes}: personal data only where the purpose needs it)`,
        }
      : { role: roles.readonly, table: table.name, privileges: ['SELECT'], why: 'reporting reads it' };
  return [app, readonly];
}

/** Foreign keys that forbid deleting a referenced row (RESTRICT, NO ACTION), from any table including this one. */
function restrictingReferences(schema: Schema, table: string): Security['retention'][number]['keptWhileReferencedBy'] {
  return schema.tables.flatMap((child) =>
    child.foreignKeys
      .filter((fk) => fk.refTable === table && (fk.onDelete === 'restrict' || fk.onDelete === 'no-action'))
      .map((fk) => ({ table: child.name, foreignKey: fk.name })),
  );
}

function piiHandling(spec: Spec, table: Table, column: string): string[] {
  const out: string[] = [];
  const compliance = spec.requirements.compliance;
  if (compliance.includes('gdpr'))
    out.push('GDPR: personal data of a data subject: included in access and portability exports, anonymized on erasure, kept no longer than its purpose');
  if (compliance.includes('pci-dss') && /card|pan|cvv|last4/i.test(column))
    out.push(
      /last4/i.test(column)
        ? 'PCI-DSS: the last four digits may be stored in the clear; anything more must be tokenized'
        : 'PCI-DSS: cardholder data must not be stored; replace with the provider token and the last four digits',
    );
  if (compliance.includes('hipaa'))
    out.push('HIPAA: protected health information: every read and write audit-logged (pgaudit), access only through roles subject to row-level security');
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
  const subject = schema.tables
    .filter((t) => t.tenantScoped || !schema.tables.some((x) => x.tenantScoped))
    .filter((t) => t.columns.some((c) => c.pii) && referenced(t))
    .sort((a, b) => b.columns.filter((c) => c.pii).length - a.columns.filter((c) => c.pii).length)[0];
  if (!subject) return undefined;
  const steps: NonNullable<Security['erasure']>['steps'] = [];
  const piiOf = (t: Table) => t.columns.filter((c) => c.pii).map((c) => c.name);
  steps.push({
    table: subject.name,
    via: 'the subject row',
    action: 'anonymize',
    columns: piiOf(subject),
    why: 'the row stays so that references (orders, invoices kept for legal retention) remain valid; its personal fields are overwritten',
  });
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
          why: pii.length
            ? 'personal columns of rows that belong to the subject are cleared'
            : 'holds no personal data of its own: kept (it is needed for accounting and its retention)',
        });
      }
    }
    frontier = next;
  }
  // A history table copies its table's personal columns: the subject's old versions are erased with them.
  for (const step of [...steps]) {
    if (step.action !== 'anonymize') continue;
    const table = schema.tables.find((t) => t.name === step.table)!;
    for (const trigger of table.triggers ?? []) {
      if (trigger.kind !== 'history') continue;
      const history = schema.tables.find((t) => t.name === trigger.historyTable);
      const columns = history ? piiOf(history).filter((c) => step.columns.includes(c)) : [];
      if (!history || columns.length === 0 || steps.some((x) => x.table === history.name)) continue;
      steps.push({
        table: history.name,
        via: `the history of ${table.name}`,
        action: 'anonymize',
        columns,
        why: `the old versions of the subject's ${table.name} rows carry the same personal columns`,
      });
    }
  }
  return { subject: subject.name, steps };
}

function decisions(spec: Spec, schema: Schema, s: Security): Decision[] {
  const out: Decision[] = [
    {
      id: 'security/roles',
      area: 'security',
      title: 'Least-privilege roles',
      choice: s.roles.map((r) => `${r.name} (${r.purpose})`).join('; '),
      rationale: roleRationale(s),
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
        "Together with the tenant-carrying foreign keys, a bug in one query cannot read or write another tenant's rows.",
        'FORCE ROW LEVEL SECURITY on each: the owner is subject to the policies too, so a migration or script run as the owner cannot read across tenants by accident; only jobs that must see every tenant (retention) run as a role that bypasses row-level security.',
      ],
      alternatives: [{ option: 'tenant filters in application code only', rejectedBecause: "one missing WHERE clause leaks another tenant's data" }],
      evidence: [{ tier: 'derived', source: 'rule:rls-for-shared-schema', detail: `requirements.tenancy = ${spec.requirements.tenancy}` }],
      patterns: [],
    });
  if (s.personalData.length)
    out.push({
      id: 'security/personal-data',
      area: 'security',
      title: 'Personal data and its handling',
      choice: s.personalData.map((p) => `${p.table}.${p.column}`).join(', '),
      rationale: [
        ...s.personalData.map((p) => `${p.table}.${p.column}: ${p.handling.join('; ')}.`),
        ...s.grants
          .filter((g) => g.columns)
          .map(
            (g) =>
              `${g.role} may SELECT only ${g.columns!.join(', ')} of ${g.table}: ${g.why}. \`SELECT *\` fails for it there, so reports name their columns.`,
          ),
      ],
      alternatives: [
        {
          option: 'column encryption in the application',
          rejectedBecause: 'it breaks lookups such as customer_by_email; storage encryption, TLS and RLS cover the threats the spec names',
        },
      ],
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
      alternatives: [
        {
          option: `delete the ${s.erasure.subject} row`,
          rejectedBecause: 'restricting foreign keys from records kept for legal retention forbid it, and deleting them would break that retention',
        },
      ],
      evidence: [{ tier: 'derived', source: 'rule:erasure-over-references', detail: 'every table reaching the subject through foreign keys' }],
      patterns: [],
    });
  const unenforced = schema.tables.filter((t) => t.volume?.retentionSeconds !== undefined && !retentionColumn(t)).map((t) => t.name);
  if (s.retention.length || unenforced.length)
    out.push({
      id: 'security/retention',
      area: 'security',
      title: 'Retention jobs',
      choice:
        s.retention
          .map(
            (r) =>
              `${r.table}: ${r.method === 'drop-partitions' ? 'drop partitions' : `batched DELETE by ${r.job}()`} older than ${r.days} days on ${r.column}`,
          )
          .join('; ') || 'none can be enforced',
      rationale: [
        `The jobs script (\`schema/postgres-jobs.sql\`, run after the schema) holds the routines and their schedule; the schedule needs pg_cron and partition upkeep pg_partman, and the script skips either where it is not installed, saying so.`,
        ...s.retention.map((r) => retentionRationale(schema, r)),
        ...unenforced.map(
          (t) =>
            `${t}: has a retention but no required timestamp column to compare with it, so no job can expire its rows: add a required timestamp field (or enable conventions.timestamps).`,
        ),
      ],
      alternatives: [
        { option: 'one DELETE of everything expired', rejectedBecause: 'a long transaction that bloats the table and holds back vacuum' },
        ...(s.retention.some((r) => r.keptWhileReferencedBy.length)
          ? [
              {
                option: "delete the restricting children's rows together with their expired parent",
                rejectedBecause:
                  "it would cut the children's own retention short (payments and invoices are kept for their own legal period), and the foreign key says they must not go with the parent",
              },
            ]
          : []),
      ],
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

function roleRationale(s: Security): string[] {
  const appendOnly = s.grants.filter((g) => g.role.endsWith('_app') && !g.privileges.includes('UPDATE')).map((g) => g.table);
  const owner = s.defaultGrants[0]?.owner;
  return [
    'The application never owns the tables, so it cannot alter them or bypass row-level security; migrations run as a separate role; reporting reads only.',
    ...(appendOnly.length
      ? [
          `Append-only tables (${appendOnly.join(', ')}): the application may only INSERT and SELECT, so neither a bug nor a leaked credential can rewrite or erase their history.`,
        ]
      : []),
    `Tables ${owner} creates later get the same grants by default (${s.defaultGrants.map((d) => `${d.role}: ${d.privileges.join(', ')}`).join('; ')}); the migration that adds an append-only table or personal columns narrows them as above.`,
  ];
}

function retentionRationale(schema: Schema, r: Security['retention'][number]): string {
  if (r.method === 'drop-partitions')
    return `${r.table}: pg_partman adopts its partitions and drops those older than ${r.days} days, which costs nothing per row; its maintenance runs every hour.`;
  const table = schema.tables.find((t) => t.name === r.table)!;
  const perMonth = r.batchRows! * RETENTION_CALLS_PER_MONTH;
  const out = [
    `${r.table}: ${r.job}() runs every minute and deletes at most ${formatCount(r.batchRows!)} rows with ${r.column} older than ${r.days} days, each call one short transaction that skips rows the application holds locked; it ${r.index ? `range-scans ${r.index}` : 'has no index on the time column and scans the table'}.`,
  ];
  const growth = table.volume?.growthPerMonth ?? 0;
  if (growth > perMonth)
    out.push(
      `It expires at most ${formatCount(perMonth)} rows a month, less than the ${formatCount(growth)} added: partition ${r.table} or call it more often.`,
    );
  const children = r.keptWhileReferencedBy.map((k) => {
    const child = schema.tables.find((t) => t.name === k.table);
    const own = child?.volume?.retentionSeconds;
    return own !== undefined
      ? `${k.table} (${k.foreignKey}) has its own retention of ${Math.round(own / 86_400)} days: its job removes those rows first, and the row of ${r.table} goes at the next call after its last ${k.table} row`
      : `${k.table} (${k.foreignKey}) has no retention, so ${r.table} rows it references stay: give ${k.table} a retention, or make the reference ON DELETE CASCADE if its rows should go with their ${r.table}`;
  });
  if (children.length) out.push(`A row of ${r.table} still referenced by a restricting foreign key is skipped, not forced: ${children.join('; ')}.`);
  const cascades = schema.tables.flatMap((t) =>
    t.foreignKeys
      .filter((fk) => fk.refTable === r.table && t.name !== r.table && (fk.onDelete === 'cascade' || fk.onDelete === 'set-null'))
      .map((fk) => `${t.name} (${fk.onDelete === 'cascade' ? 'deleted with it' : 'reference set to NULL'})`),
  );
  if (cascades.length) out.push(`Deleting a row of ${r.table} also changes ${cascades.join(', ')}, through their indexed foreign keys.`);
  return out.join(' ');
}
