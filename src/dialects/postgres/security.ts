import type { Security } from '../../design/security/security-schema.js';
import type { Schema } from '../../model/schema.js';
import { quotePgIdentifier as q, quotePgLiteral } from './quote.js';
import { postgresColumnType } from './types.js';

/**
 * Roles, grants and row-level security as a script to run after the schema, by a role allowed to
 * create roles. Roles are made only when missing, so the script can run again; they are
 * cluster-wide, which is why they live outside the schema script.
 */
export function emitPostgresSecurity(schema: Schema, security: Security): string {
  const out: string[] = ['BEGIN;', '', 'DO $$', 'BEGIN'];
  for (const role of security.roles)
    out.push(`  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${quotePgLiteral(role.name)}) THEN CREATE ROLE ${q(role.name)} ${role.login ? 'LOGIN' : 'NOLOGIN'}; END IF;`);
  const users = security.roles.filter((r) => r.name.endsWith('_app') || r.name.endsWith('_readonly')).map((r) => r.name);
  out.push(`  EXECUTE format('GRANT USAGE ON SCHEMA %I TO ${users.map(q).join(', ')}', current_schema());`, 'END $$;', '');
  for (const role of security.roles) for (const parent of role.memberOf) out.push(`GRANT ${q(parent)} TO ${q(role.name)};`);
  const owner = security.roles.find((r) => r.name.endsWith('_owner'))?.name;
  const app = security.roles.find((r) => r.name.endsWith('_app'))?.name;
  const readonly = security.roles.find((r) => r.name.endsWith('_readonly'))?.name;
  out.push('');
  for (const table of schema.tables) {
    if (owner) out.push(`ALTER TABLE ${q(table.name)} OWNER TO ${q(owner)};`);
    if (app) out.push(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${q(table.name)} TO ${q(app)};`);
    if (readonly) out.push(`GRANT SELECT ON ${q(table.name)} TO ${q(readonly)};`);
  }
  if (owner) for (const e of schema.enums) out.push(`ALTER TYPE ${q(e.name)} OWNER TO ${q(owner)};`);
  out.push('');
  for (const rls of security.rowLevelSecurity) {
    const table = schema.tables.find((t) => t.name === rls.table)!;
    const column = table.columns.find((c) => c.name === rls.column)!;
    // Unset, current_setting(…, true) is NULL; once set and RESET it is '': both become NULL, which
    // matches no row, so a missing setting fails closed instead of failing the cast.
    const condition = `${q(rls.column)} = nullif(current_setting(${quotePgLiteral(rls.setting)}, true), '')::${postgresColumnType(column.type)}`;
    out.push(`ALTER TABLE ${q(rls.table)} ENABLE ROW LEVEL SECURITY;`);
    out.push(`CREATE POLICY ${q(rls.policy)} ON ${q(rls.table)} USING (${condition}) WITH CHECK (${condition});`);
  }
  out.push('', 'COMMIT;');
  return out.join('\n') + '\n';
}
