import type { Security, SecurityGrant } from '../../model/parts/security.js';
import type { Schema } from '../../model/schema.js';
import { quotePgIdentifier as q, quotePgLiteral } from './quote.js';
import { postgresColumnType } from './types.js';

/**
 * Roles, grants (column grants where personal data is withheld), default privileges and forced
 * row-level security as a script to run after the schema, by a role allowed to
 * create roles. Roles are made only when missing, so the script can run again; they are
 * cluster-wide, which is why they live outside the schema script.
 */
export function emitPostgresSecurity(schema: Schema, security: Security): string {
  const out: string[] = ['BEGIN;', '', 'DO $$', 'BEGIN'];
  for (const role of security.roles)
    out.push(
      `  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${quotePgLiteral(role.name)}) THEN CREATE ROLE ${q(role.name)} ${role.login ? 'LOGIN' : 'NOLOGIN'}; END IF;`,
    );
  const ownerRole = security.roles.find((r) => r.name.endsWith('_owner'))?.name;
  // Migrations create tables as the owner (SET ROLE), so it needs CREATE on the schema as well.
  if (ownerRole) out.push(`  EXECUTE format('GRANT USAGE, CREATE ON SCHEMA %I TO ${q(ownerRole)}', current_schema());`);
  const users = security.roles.filter((r) => r.name.endsWith('_app') || r.name.endsWith('_readonly')).map((r) => r.name);
  out.push(`  EXECUTE format('GRANT USAGE ON SCHEMA %I TO ${users.map(q).join(', ')}', current_schema());`, 'END $$;', '');
  for (const role of security.roles) for (const parent of role.memberOf) out.push(`GRANT ${q(parent)} TO ${q(role.name)};`);
  const owner = ownerRole;
  out.push('');
  for (const table of schema.tables) {
    if (owner) out.push(`ALTER TABLE ${q(table.name)} OWNER TO ${q(owner)};`);
    for (const grant of security.grants.filter((g) => g.table === table.name)) out.push(grantStatement(grant));
  }
  // A materialized view is refreshed by its owner: the owner role, like the tables it reads.
  if (owner) for (const view of schema.views ?? []) out.push(`ALTER MATERIALIZED VIEW ${q(view.name)} OWNER TO ${q(owner)};`);
  if (owner) for (const e of schema.enums) out.push(`ALTER TYPE ${q(e.name)} OWNER TO ${q(owner)};`);
  if (security.defaultGrants.length) {
    // Tables created later in this schema by the owner (migrations SET ROLE to it) get the same grants.
    out.push('', 'DO $$', 'BEGIN');
    for (const d of security.defaultGrants)
      out.push(
        `  EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE ${q(d.owner)} IN SCHEMA %I GRANT ${d.privileges.join(', ')} ON TABLES TO ${q(d.role)}', current_schema());`,
      );
    out.push('END $$;');
  }
  out.push('');
  for (const rls of security.rowLevelSecurity) {
    const table = schema.tables.find((t) => t.name === rls.table)!;
    const column = table.columns.find((c) => c.name === rls.column)!;
    // Unset, current_setting(…, true) is NULL; once set and RESET it is '': both become NULL, which
    // matches no row, so a missing setting fails closed instead of failing the cast.
    const condition = `${q(rls.column)} = nullif(current_setting(${quotePgLiteral(rls.setting)}, true), '')::${postgresColumnType(column.type)}`;
    out.push(`ALTER TABLE ${q(rls.table)} ENABLE ROW LEVEL SECURITY;`);
    // Forced, so the owner is held to the policy too; superusers and BYPASSRLS roles still are not.
    if (rls.force) out.push(`ALTER TABLE ${q(rls.table)} FORCE ROW LEVEL SECURITY;`);
    out.push(`CREATE POLICY ${q(rls.policy)} ON ${q(rls.table)} USING (${condition}) WITH CHECK (${condition});`);
  }
  out.push('', 'COMMIT;');
  return out.join('\n') + '\n';
}

/** With columns, the privileges hold on those columns only: `GRANT SELECT (id, name) ON t TO r`. */
function grantStatement(grant: SecurityGrant): string {
  const columns = grant.columns ? ` (${grant.columns.map(q).join(', ')})` : '';
  return `GRANT ${grant.privileges.join(', ')}${columns} ON ${q(grant.table)} TO ${q(grant.role)};`;
}
