import { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { isDiagnostic, resolveDatabase, withTextFile } from './inputs.js';
import { inputProblem, type ToolContext } from './tool.js';

/** One side of a diff: a path or URL, an environment variable holding a URL, or a spec inline. */
export const sideFields = <S extends 'from' | 'to'>(side: S, what: string) =>
  ({
    [side]: z
      .string()
      .optional()
      .describe(
        `${what}: a spec (.yaml), a .sql file on the server's machine, or a connection URL (postgres://…, read in a read-only session; its password never appears in a result)`,
      ),
    [`${side}Env`]: z.string().optional().describe(`instead of \`${side}\`: the name of an environment variable of the server that holds the connection URL`),
    [`${side}Spec`]: z.string().optional().describe(`instead of \`${side}\`: a spec as YAML text (diagnostics name it ${side}.yaml)`),
  }) as Record<S | `${S}Env` | `${S}Spec`, z.ZodOptional<z.ZodString>>;

export const sidesFields = { ...sideFields('from', 'The schema as it is'), ...sideFields('to', 'The schema as it should be') };

type SideArgs = Partial<Record<'from' | 'fromEnv' | 'fromSpec' | 'to' | 'toEnv' | 'toSpec', string | undefined>>;

/** Both sides as the targets `api/diff` reads (an inline spec as a temporary `from.yaml`/`to.yaml`), then `work` on them. */
export async function withSides<T>(args: SideArgs, context: ToolContext, work: (from: string, to: string) => Promise<T>): Promise<T | Diagnostic> {
  const one = async (side: 'from' | 'to', then: (target: string) => Promise<T | Diagnostic>): Promise<T | Diagnostic> => {
    const given = [args[side], args[`${side}Env`], args[`${side}Spec`]].filter((v) => v !== undefined).length;
    if (given !== 1)
      return inputProblem(
        given ? `input/${side}-twice` : `input/no-${side}`,
        given ? `\`${side}\` was given more than once` : `no \`${side}\` schema was given`,
        `give exactly one of \`${side}\` (a spec, .sql file or URL), \`${side}Env\` (a variable holding a URL) or \`${side}Spec\` (spec YAML)`,
      );
    const inline = args[`${side}Spec`];
    if (inline !== undefined) return withTextFile(`${side}.yaml`, inline, context, then);
    const target = resolveDatabase({ db: args[side], dbEnv: args[`${side}Env`] }, context, side);
    if (isDiagnostic(target)) return target;
    return then(target!);
  };
  return one('from', (from) => one('to', (to) => work(from, to)));
}

/** `orders=purchases`, `orders.total=orders.amount`: renames confirmed instead of a drop and an add. */
export const renamesField = z
  .array(z.string())
  .optional()
  .describe(
    'confirmed renames, old=new: a table `orders=purchases`, a column `orders.total=orders.amount` (the diff offers candidates; without a hint a rename is a drop and an add, and the drop loses data)',
  );
