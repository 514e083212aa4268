import { closestMatch } from '../diagnostics/did-you-mean.js';
import type { DdlTarget } from '../dialects/ddl-target.js';
import type { Dialect } from '../dialects/dialect.js';
import { DEFAULT_DIALECT, dialectNames, getDialect } from '../dialects/registry.js';
import { ddlTargetNames, getDdlTarget } from '../dialects/targets.js';

/** `--dialect`: the target the DDL, scripts and measurements are for; the names come from the registry. */
export const DIALECT_HELP = `target dialect: ${dialectNames().join(', ')}`;

/** `design --dialect a,b`: the names of both registries, analysis dialects and DDL targets. */
const designDialectNames = (): string[] => [...new Set([...dialectNames(), ...ddlTargetNames()])];

export const DESIGN_DIALECT_HELP = `dialects to write the schema for, comma-separated (schema/<name>.sql each): ${designDialectNames().join(', ')}; default: ${DEFAULT_DIALECT} and the chosen engine's`;

/** The named dialect, or the message that says which names exist. */
export function resolveDialect(name: string): { ok: true; dialect: Dialect } | { ok: false; message: string } {
  const dialect = getDialect(name);
  if (dialect) return { ok: true, dialect };
  const near = closestMatch(name, dialectNames());
  return { ok: false, message: `unknown --dialect \`${name}\`${near ? ` (did you mean \`${near}\`?)` : ''}; use ${dialectNames().join(', ')}` };
}

export type DesignDialects =
  /** `targets` undefined: not named, the design writes the chosen engine's schema by default. */
  | { ok: true; dialect: Dialect; targets?: DdlTarget[] /** The dialect whose schema `--print sql` prints: the first named. */; printed: string }
  | { ok: false; message: string };

/**
 * `design --dialect postgres,mysql,sqlite`: the first name that is a full dialect runs the analyses
 * (PostgreSQL when none is), every other name is a target the finished schema is compiled to.
 */
export function resolveDesignDialects(list: string | undefined): DesignDialects {
  if (list === undefined) return { ok: true, dialect: getDialect(DEFAULT_DIALECT)!, printed: DEFAULT_DIALECT };
  const names = [
    ...new Set(
      list
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== ''),
    ),
  ];
  if (!names.length) return { ok: false, message: `--dialect needs at least one name: ${designDialectNames().join(', ')}` };
  for (const name of names) {
    if (getDialect(name) || getDdlTarget(name)) continue;
    const near = closestMatch(name, designDialectNames());
    return { ok: false, message: `unknown --dialect \`${name}\`${near ? ` (did you mean \`${near}\`?)` : ''}; use ${designDialectNames().join(', ')}` };
  }
  const analysis = names.map((n) => getDialect(n)).find((d) => d !== undefined) ?? getDialect(DEFAULT_DIALECT)!;
  const targets: DdlTarget[] = [];
  for (const name of names.filter((n) => n !== analysis.name)) {
    const target = getDdlTarget(name);
    if (!target) return { ok: false, message: `--dialect \`${name}\` runs analyses but writes no schema of its own; name it first, alone` };
    targets.push(target);
  }
  return { ok: true, dialect: analysis, targets, printed: names[0]! };
}
