import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Artifact } from '../writers/artifacts.js';

/** Written into every folder dbarchitect writes: which files are its own, and their content hashes. */
export const MANIFEST = '.dbarchitect-manifest.json';

interface Manifest {
  readonly tool: 'dbarchitect';
  readonly files: Record<string, string>;
}

export type WriteResult =
  | { readonly ok: true; readonly written: readonly string[]; readonly removed: readonly string[] }
  | { readonly ok: false; readonly diagnostic: Diagnostic };

const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');

/**
 * Writes artifacts into a folder without ever losing a user's file: a folder that holds files and
 * no manifest was not written by dbarchitect, and a file changed since dbarchitect wrote it is the
 * user's now. Either is refused unless `force` is set.
 */
export async function writeOutputFolder(folder: string, artifacts: readonly Artifact[], force = false): Promise<WriteResult> {
  const refuse = (message: string, fix: string): WriteResult => ({
    ok: false,
    diagnostic: { code: 'output/refused', severity: 'error', message, fix, location: { file: folder, line: 1, column: 1 } },
  });
  const info = await stat(folder).catch(() => undefined);
  if (info && !info.isDirectory()) return refuse('the output path exists and is not a folder', 'choose another folder with `-o DIR`');

  const entries = info ? await readdir(folder) : [];
  const manifest = entries.includes(MANIFEST) ? await readManifest(join(folder, MANIFEST)) : undefined;
  if (!force) {
    if (entries.length > 0 && !manifest)
      return refuse(
        'the output folder exists, is not empty and was not written by dbarchitect',
        'choose another folder with `-o DIR`, empty this one, or pass `--force` to overwrite the files dbarchitect writes',
      );
    const changed: string[] = [];
    for (const artifact of artifacts) {
      const current = await readFile(join(folder, artifact.path)).catch(() => undefined);
      if (current === undefined) continue;
      const recorded = manifest?.files[artifact.path];
      if (recorded === undefined || recorded !== sha256(current)) changed.push(artifact.path);
    }
    if (changed.length)
      return refuse(
        `${changed.join(', ')} changed since dbarchitect wrote ${changed.length === 1 ? 'it' : 'them'} (or ${changed.length === 1 ? 'is' : 'are'} not dbarchitect's)`,
        'move your changes elsewhere, choose another folder with `-o DIR`, or pass `--force` to overwrite',
      );
  }

  const written: string[] = [];
  for (const artifact of artifacts) {
    const target = join(folder, artifact.path);
    await mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.tmp-${process.pid}`;
    await writeFile(temporary, artifact.content);
    await rename(temporary, target);
    written.push(artifact.path);
  }
  // Files of an earlier run that this run no longer makes, still as dbarchitect wrote them.
  const removed: string[] = [];
  for (const [path, hash] of Object.entries(manifest?.files ?? {})) {
    if (artifacts.some((a) => a.path === path)) continue;
    const current = await readFile(join(folder, path)).catch(() => undefined);
    if (current !== undefined && sha256(current) === hash) {
      await rm(join(folder, path));
      removed.push(path);
    }
  }
  const next: Manifest = { tool: 'dbarchitect', files: Object.fromEntries(artifacts.map((a) => [a.path, sha256(a.content)])) };
  await writeFile(join(folder, MANIFEST), JSON.stringify(next, null, 2) + '\n');
  return { ok: true, written, removed };
}

async function readManifest(path: string): Promise<Manifest | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<Manifest>;
    return parsed.tool === 'dbarchitect' && typeof parsed.files === 'object' && parsed.files !== null ? (parsed as Manifest) : undefined;
  } catch {
    return undefined;
  }
}
