import type { ApplyDialect } from '../dialects/apply.js';
import { plannerFor, plannerNames } from '../dialects/registry.js';

export type { ApplyDialect, InvalidIndex, StepProgress } from '../dialects/apply.js';

const applyDialects = (): ApplyDialect[] => plannerNames().flatMap((name) => plannerFor(name)?.apply ?? []);

export const applyDialectNames = (): string[] => applyDialects().map((d) => d.dialect);

export const applyDialectFor = (dialect: string): ApplyDialect | undefined => applyDialects().find((d) => d.dialect === dialect);

/** The dialect an engine speaks (`pglite` and `postgres` speak `postgres`; `mysql` and `mariadb`, `mysql`). */
export function dialectOfEngine(kind: string): string {
  return applyDialects().find((d) => d.engineKinds.includes(kind))?.dialect ?? (['mysql', 'mariadb'].includes(kind) ? 'mysql' : kind);
}
