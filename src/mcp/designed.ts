import { z } from 'zod';
import { designFromSpec, type DesignOptions, type DesignResult } from '../api/design.js';
import { summarizeDiagnostics } from '../diagnostics/render/text.js';
import { closestMatch } from '../diagnostics/did-you-mean.js';
import type { DdlTarget } from '../dialects/ddl-target.js';
import { ddlTargetNames, getDdlTarget } from '../dialects/targets.js';
import { decisionTier, type Decision } from '../model/decision.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { loadSpecArgs, type SpecArgs } from './inputs.js';
import { inputProblem } from './tool.js';

export type Designed = { readonly ok: true; readonly file: string } & Extract<DesignResult, { ok: true }>;

/**
 * The spec designed as `dbarchitect design` designs it, for the tools that show one part of it.
 * Fails (with the spec's diagnostics) only on a bad spec.
 */
export async function designArgs(
  args: SpecArgs,
  options: DesignOptions = {},
): Promise<Designed | { readonly ok: false; readonly summary: string; readonly diagnostics: readonly Diagnostic[] }> {
  const loaded = await loadSpecArgs(args);
  if (!loaded.loaded)
    return { ok: false, summary: `${loaded.file}: ${summarizeDiagnostics(loaded.diagnostics)}; nothing designed`, diagnostics: loaded.diagnostics };
  const result = await designFromSpec(loaded.loaded, loaded.diagnostics, options);
  if (!result.ok)
    return { ok: false, summary: `${loaded.file}: ${summarizeDiagnostics(result.diagnostics)}; nothing designed`, diagnostics: result.diagnostics };
  return { ...result, file: loaded.file };
}

/** `dialects` (design --dialect): the DDL targets by name, or the diagnostic naming the ones there are. */
export function resolveTargets(names: readonly string[] | undefined): { targets?: DdlTarget[] } | Diagnostic {
  if (names === undefined) return {};
  const targets: DdlTarget[] = [];
  for (const name of names) {
    const target = getDdlTarget(name);
    if (target) {
      targets.push(target);
      continue;
    }
    const near = closestMatch(name, ddlTargetNames());
    return inputProblem(
      'input/unknown-dialect',
      `unknown dialect \`${name}\`${near ? ` (did you mean \`${near}\`?)` : ''}`,
      `use ${ddlTargetNames().join(', ')}`,
    );
  }
  return { targets };
}

export const decisionSummary = z.object({
  id: z.string().describe('stable id: `keys/order`, `indexes/<name>`'),
  area: z.string(),
  title: z.string(),
  choice: z.string(),
  tier: z
    .enum(['executed', 'parsed', 'derived', 'assumed'])
    .describe('the weakest evidence behind it: executed (an engine ran it), parsed, derived (a named rule), assumed'),
});

export const summarizeDecision = (d: Decision): z.infer<typeof decisionSummary> => ({
  id: d.id,
  area: d.area,
  title: d.title,
  choice: d.choice,
  tier: decisionTier(d),
});
