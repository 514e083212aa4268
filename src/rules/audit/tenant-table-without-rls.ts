import type { Rule } from '../../diagnostics/rule.js';
import type { LogicalType } from '../../model/logical-type.js';
import { TENANT_COLUMN } from '../../model/naming.js';
import type { Table } from '../../model/schema.js';
import type { AuditContext } from './context.js';
import { declaredAt } from './support/declared-at.js';
import { helpWithSql } from './support/fix-sql.js';
import { sqlIdent, sqlTable, tableLabel } from './support/names.js';
import { wordsOf } from './support/words.js';

/** The column that says whose a row is: `tenant_id`, or another name with the word tenant. */
const tenantColumn = (table: Table) => table.columns.find((c) => c.name === TENANT_COLUMN) ?? table.columns.find((c) => wordsOf(c.name).includes('tenant'));

/** A tenant's rows: the model says so, or the table has a tenant column. */
const isTenantTable = (table: Table) => table.tenantScoped || tenantColumn(table) !== undefined;

/** The SQL type the session setting is cast to, for the tenant column types a policy can compare. */
const SETTING_CASTS: Partial<Record<LogicalType['kind'], string>> = {
  uuid: 'uuid',
  int64: 'bigint',
  int32: 'integer',
  int16: 'smallint',
  text: 'text',
  string: 'text',
};

/** The session setting the suggested policy reads: the application sets it per transaction. */
export const TENANT_SETTING = 'app.tenant_id';

export const tenantTableWithoutRls: Rule<AuditContext> = {
  meta: {
    set: 'audit',
    name: 'tenant-table-without-rls',
    code: 'audit/tenant-table-without-rls',
    severity: 'warning',
    summary:
      "In a shared-schema database (the tenancy says so, or more than half the tables are a tenant's: tenant-scoped in the model or with a `tenant_id` column), a tenant table has no row-level security.",
    why: "Every query must then filter by tenant by itself: one missing WHERE, in a report, a support script or an ORM's default scope, shows or changes another tenant's rows. Row-level security makes the database apply the filter to every statement. A database whose reader says nothing of row security (MySQL and MariaDB have none) is not reported.",
    help: `Enable row-level security with a policy comparing the tenant column to a per-transaction setting (\`${TENANT_SETTING}\`), FORCE it so the owner is held to it too, and keep a role that bypasses it only for maintenance.`,
  },
  check: ({ locations, introspection, tenancy }) => {
    const { tables } = introspection.schema;
    const tenantTables = tables.filter(isTenantTable);
    const shared = tenancy === 'shared-schema' || (tenancy === undefined && tenantTables.length * 2 > tables.length);
    // A reader that says nothing of row security on any table read a database without it (MySQL, MariaDB).
    if (!shared || !tables.some((t) => t.rowSecurity !== undefined)) return [];
    return tenantTables
      .filter((t) => !t.rowSecurity?.enabled)
      .map((table) => {
        const column = tenantColumn(table);
        const cast = column ? SETTING_CASTS[column.type.kind] : undefined;
        const message = `tenant table \`${tableLabel(table)}\` has no row-level security: a query without its tenant filter reads every tenant's rows`;
        if (!column || !cast) return { ...declaredAt(locations, table), message };
        const match = `${sqlIdent(column.name)} = current_setting('${TENANT_SETTING}', true)::${cast}`;
        return {
          ...declaredAt(locations, table),
          message,
          help: helpWithSql(
            `enable and force row-level security with a policy on \`${column.name}\` (the application sets ${TENANT_SETTING} per transaction)`,
            [
              `ALTER TABLE ${sqlTable(table)} ENABLE ROW LEVEL SECURITY`,
              `ALTER TABLE ${sqlTable(table)} FORCE ROW LEVEL SECURITY`,
              `CREATE POLICY ${sqlIdent(`${table.name}_tenant_isolation`)} ON ${sqlTable(table)} USING (${match}) WITH CHECK (${match})`,
            ],
          ),
        };
      });
  },
};
