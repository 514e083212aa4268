import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** One finding as `squawk --reporter json` prints it (0-based line and column). */
export interface SquawkFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly level: string;
  readonly rule_name: string;
  readonly message: string;
}

/**
 * The squawk-cli launcher (a dev dependency that ships its binary in an optional dependency and runs
 * offline); DBARCHITECT_SQUAWK names another copy. Throws with the fix when neither is there: the
 * side-by-side test and the bench need it, they do not skip.
 */
export function squawkLauncher(): string {
  if (process.env.DBARCHITECT_SQUAWK) return process.env.DBARCHITECT_SQUAWK;
  try {
    return join(dirname(createRequire(import.meta.url).resolve('squawk-cli/package.json')), 'js', 'bin', 'squawk');
  } catch {
    throw new Error('squawk-cli is not installed: run npm install (it is a dev dependency), or set DBARCHITECT_SQUAWK to its js/bin/squawk');
  }
}

/** squawk on the files, from `cwd`: its findings and the version it reports. */
export function runSquawk(files: readonly string[], cwd: string): { findings: SquawkFinding[]; version: string } {
  const launcher = squawkLauncher();
  const version = spawnSync(process.execPath, [launcher, '--version'], { encoding: 'utf8' }).stdout.trim();
  const run = spawnSync(process.execPath, [launcher, '--reporter', 'json', ...files], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0 && run.status !== 1) throw new Error(`squawk failed (exit ${run.status}): ${run.stderr}`);
  return { findings: JSON.parse(run.stdout) as SquawkFinding[], version };
}
