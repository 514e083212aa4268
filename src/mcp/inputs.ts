import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { loadSpec } from '../api/library.js';
import type { LoadResult } from '../spec/load-spec.js';
import { inputProblem, type ToolContext } from './tool.js';

/** What the diagnostics of an inline spec name as its file. */
export const INLINE_SPEC_FILE = 'spec.yaml';

/** A spec, inline or by path: every tool that reads one takes these two fields. */
export const specFields = {
  spec: z
    .string()
    .optional()
    .describe(
      `The spec as YAML text (format: resource dbarchitect://docs/spec; examples: dbarchitect://examples/…). Diagnostics name it ${INLINE_SPEC_FILE}. Give this or \`path\`.`,
    ),
  path: z
    .string()
    .optional()
    .describe("A spec file (.yaml) on the server's machine, absolute or relative to the server's working directory. Give this or `spec`."),
};

export interface SpecArgs {
  readonly spec?: string | undefined;
  readonly path?: string | undefined;
}

/** Exactly one of `spec` and `path`, or the diagnostic that says so. */
function specChoice(args: SpecArgs): { yaml: string } | { path: string } | Diagnostic {
  if (args.spec !== undefined && args.path !== undefined)
    return inputProblem('input/spec-twice', 'both `spec` and `path` were given', 'give the spec once: its YAML text in `spec`, or its file in `path`');
  if (args.spec !== undefined) return { yaml: args.spec };
  if (args.path !== undefined) return { path: args.path };
  return inputProblem('input/no-spec', 'no spec was given', 'give its YAML text in `spec` or its file in `path` (see resource dbarchitect://docs/spec)');
}

/** The spec loaded and checked, as `dbarchitect check` reads it. */
export async function loadSpecArgs(args: SpecArgs): Promise<LoadResult & { readonly file: string }> {
  const choice = specChoice(args);
  if ('code' in choice) return { diagnostics: [choice], file: '(no spec)' };
  const loaded = await loadSpec('yaml' in choice ? { yaml: choice.yaml, file: INLINE_SPEC_FILE } : choice);
  return { ...loaded, file: 'yaml' in choice ? INLINE_SPEC_FILE : choice.path };
}

/**
 * The spec as a file, for the use cases that read one by path (audit, diff, lint's volumes): an
 * inline spec is written to a temporary `spec.yaml` for the call, and the results name it
 * `spec.yaml`, not the temporary path.
 */
export async function withSpecFile<T>(args: SpecArgs, context: ToolContext, work: (file: string) => Promise<T>): Promise<T | Diagnostic> {
  const choice = specChoice(args);
  if ('code' in choice) return choice;
  if ('path' in choice) return work(choice.path);
  return withTextFile(INLINE_SPEC_FILE, choice.yaml, context, work);
}

/** Text given inline, as a file named `name` in a temporary folder for the call; results call it `name`. */
export async function withTextFile<T>(name: string, text: string, context: ToolContext, work: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'dbarchitect-mcp-'));
  const file = join(dir, name);
  context.relabel(file, name);
  try {
    await writeFile(file, text);
    return await work(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A database given by URL or by the name of an environment variable that holds it (the password then stays out of the conversation). */
export const databaseFields = (what: string) => ({
  db: z
    .string()
    .optional()
    .describe(
      `${what}: a connection URL (postgres://…, postgresql://…, mysql://…, mariadb://…), read in a read-only session, or a .sql file on the server's machine (loaded into embedded PostgreSQL). Its password never appears in a result.`,
    ),
  dbEnv: z
    .string()
    .optional()
    .describe(
      `Instead of \`db\`: the name of an environment variable of the server process that holds the connection URL (such as DATABASE_URL), so the password is never in the conversation.`,
    ),
});

/** `db` or the URL in the environment variable `dbEnv`; registered as a secret. Undefined when neither is given. */
export function resolveDatabase(
  args: { db?: string | undefined; dbEnv?: string | undefined },
  context: ToolContext,
  field = 'db',
): string | undefined | Diagnostic {
  if (args.db !== undefined && args.dbEnv !== undefined)
    return inputProblem(
      'input/db-twice',
      `both \`${field}\` and \`${field}Env\` were given`,
      `give the database once: a URL or file in \`${field}\`, or a variable's name in \`${field}Env\``,
    );
  if (args.dbEnv !== undefined) {
    const url = context.env[args.dbEnv];
    if (url === undefined || url === '')
      return inputProblem(
        'input/env-not-set',
        `the environment variable \`${args.dbEnv}\` is not set in the server's environment`,
        `set it in the server's configuration (the "env" of its entry in the assistant's MCP settings), or pass the URL in \`${field}\``,
      );
    context.secret(url);
    return url;
  }
  if (args.db !== undefined) context.secret(args.db);
  return args.db;
}

export const isDiagnostic = (value: unknown): value is Diagnostic =>
  typeof value === 'object' && value !== null && 'code' in value && 'severity' in value && 'message' in value && !('ok' in value);

/** A use case's `{ ok: false, failure, message }` as the diagnostic the tool error carries (the CLI prints the same message). */
export function readFailure(failed: { readonly failure: 'input' | 'engine'; readonly message: string; readonly diagnostic?: Diagnostic }): Diagnostic {
  if (failed.diagnostic) return failed.diagnostic;
  return failed.failure === 'input'
    ? inputProblem(
        'input/target',
        failed.message,
        'give a postgres://, postgresql://, mysql:// or mariadb:// URL, a .sql file or, where a spec is read, a .yaml file',
      )
    : {
        code: 'engine/failed',
        severity: 'error',
        message: failed.message,
        fix: 'check that the server runs and accepts connections from here, and the URL (host, port, database, user, password)',
      };
}
