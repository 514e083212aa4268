import type { Change } from '../../../model/change.js';
import type { Policy } from '../../../model/schema.js';
import type { MigrationContext, StepDraft } from '../../migration.js';
import { quotePgIdentifier as q } from '../quote.js';
import { after, before, qualified } from './names.js';

type Of<K extends Change['kind']> = Extract<Change, { kind: K }>;

export function createPolicy(table: string, p: Policy): string {
  const roles = p.roles.length ? ` TO ${p.roles.map((r) => (r === 'public' ? 'PUBLIC' : q(r))).join(', ')}` : '';
  const using = p.using !== undefined ? ` USING (${p.using})` : '';
  const check = p.withCheck !== undefined ? ` WITH CHECK (${p.withCheck})` : '';
  return `CREATE POLICY ${q(p.name)} ON ${qualified(table)} AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${p.command.toUpperCase()}${roles}${using}${check}`;
}

const dropPolicy = (table: string, p: Policy) => `DROP POLICY ${q(p.name)} ON ${qualified(table)}`;

export function rowSecurityStatements(table: string, enabled: boolean, forced: boolean): string[] {
  const t = qualified(table);
  return [`ALTER TABLE ${t} ${enabled ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY`, `ALTER TABLE ${t} ${forced ? 'FORCE' : 'NO FORCE'} ROW LEVEL SECURITY`];
}

/** A policy redefined under its name is dropped and created in one transaction, so no moment passes without it. */
export function addPolicy(change: Of<'add-policy'>, context: MigrationContext): StepDraft[] {
  const old = oldPolicy(change, context);
  return [
    {
      phase: 'expand',
      title: `${old ? 'redefine' : 'create'} policy ${change.policy.name} on ${change.table}`,
      table: change.table,
      sql: [...(old ? [dropPolicy(change.table, old)] : []), createPolicy(change.table, change.policy)],
      transactional: true,
      reverse: { sql: [dropPolicy(change.table, change.policy), ...(old ? [createPolicy(change.table, old)] : [])], transactional: true },
      hazards: ['authorization'],
    },
  ];
}

function oldPolicy(change: Of<'add-policy'>, context: MigrationContext): Policy | undefined {
  return before(context, change.table)?.rowSecurity?.policies.find((p) => p.name === change.policy.name);
}

export function dropPolicyStep(change: Of<'drop-policy'>, context: MigrationContext): StepDraft[] {
  // Redefined: the add of the same name drops and recreates it.
  if (after(context, change.table)?.rowSecurity?.policies.some((p) => p.name === change.policy.name)) return [];
  return [
    {
      phase: 'contract',
      title: `drop policy ${change.policy.name} on ${change.table}`,
      table: change.table,
      sql: [dropPolicy(change.table, change.policy)],
      transactional: true,
      reverse: { sql: [createPolicy(change.table, change.policy)], transactional: true },
      hazards: ['authorization'],
    },
  ];
}

export function alterRowSecurity(change: Of<'alter-row-security'>, context: MigrationContext): StepDraft[] {
  const old = before(context, change.table)?.rowSecurity;
  return [
    {
      phase: change.enabled ? 'expand' : 'contract',
      title: `${change.enabled ? 'enable' : 'disable'} row-level security on ${change.table}${change.forced ? ' (forced on the owner)' : ''}`,
      table: change.table,
      sql: rowSecurityStatements(change.table, change.enabled, change.forced),
      transactional: true,
      reverse: { sql: rowSecurityStatements(change.table, old?.enabled ?? false, old?.forced ?? false), transactional: true },
      hazards: ['authorization'],
      ...(change.enabled ? { note: 'from here a role without a policy that admits it sees no rows: create the policies in the same phase' } : {}),
    },
  ];
}
