import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRule } from '../../diagnostics/rule.js';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import { auditContextOf, column, schemaOf, table } from './support/audit-context.test-helper.js';
import { tenantTableWithoutRls } from './tenant-table-without-rls.js';

const int = { kind: 'int64' } as const;
const rls = { rowSecurity: { enabled: true, forced: true, policies: [] } };
const saas = (projectRls: boolean) =>
  schemaOf(
    table('tenant', [column('id', int)]),
    table('project', [column('id', int), column('tenant_id', { kind: 'uuid' })], projectRls ? rls : {}),
    table('task', [column('id', int), column('tenant_id', { kind: 'uuid' })], rls),
  );

describe('audit/tenant-table-without-rls', () => {
  it('passes: tenant tables with RLS; a database whose tenancy is not shared-schema; one with no row security to read', () => {
    assert.deepEqual(runRule(tenantTableWithoutRls, auditContextOf(saas(true))), []);
    assert.deepEqual(runRule(tenantTableWithoutRls, auditContextOf(saas(false), { tenancy: 'schema-per-tenant' })), []);
    // No table says anything of row security: a database without it (MySQL), not one where it is off.
    const withoutRowSecurity = schemaOf(...saas(false).tables.map(({ rowSecurity: _, ...t }) => t));
    assert.deepEqual(runRule(tenantTableWithoutRls, auditContextOf(withoutRowSecurity)), []);
  });

  it("fails: a tenant table without RLS where most tables are a tenant's", () => {
    assert.equal(
      renderDiagnosticsText(runRule(tenantTableWithoutRls, auditContextOf(saas(false)))),
      [
        "warning audit/tenant-table-without-rls: tenant table `project` has no row-level security: a query without its tenant filter reads every tenant's rows",
        `  fix: enable and force row-level security with a policy on \`tenant_id\` (the application sets app.tenant_id per transaction). SQL: ALTER TABLE "project" ENABLE ROW LEVEL SECURITY; ALTER TABLE "project" FORCE ROW LEVEL SECURITY; CREATE POLICY "project_tenant_isolation" ON "project" USING ("tenant_id" = current_setting('app.tenant_id', true)::uuid) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true)::uuid);`,
      ].join('\n'),
    );
  });
});
