import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The layers of src/, bottom up: the one place they are written down (docs/architecture.md shows
 * this table). A file may import from its own layer and the layers below it, never from above.
 */
export const LAYERS: readonly { readonly name: string; readonly paths: readonly string[] }[] = [
  { name: 'support', paths: ['format.ts', 'version.ts', 'diagnostics'] },
  { name: 'model', paths: ['model'] },
  { name: 'sql', paths: ['sql'] },
  { name: 'readers', paths: ['spec', 'readers'] },
  { name: 'volumes', paths: ['estimate', 'seed'] },
  { name: 'dialects', paths: ['dialects'] },
  // Rule sets: pure checks over the model, parsed SQL and dialect facts; the analyses and use cases run them, never the reverse.
  { name: 'rules', paths: ['rules'] },
  { name: 'analyses', paths: ['design', 'existing'] },
  { name: 'writers', paths: ['writers'] },
  { name: 'engines', paths: ['engines'] },
  { name: 'verify', paths: ['verify', 'apply', 'transfer'] },
  { name: 'api', paths: ['api'] },
  // The MCP server: a shell over api/ like the CLI, which starts it (`dbarchitect mcp`).
  { name: 'mcp', paths: ['mcp'] },
  { name: 'cli', paths: ['cli', 'index.ts'] },
];

export interface Import {
  /** Relative to src/: `design/registry.ts`. */
  readonly from: string;
  readonly to: string;
}

export const layerOf = (path: string): number => LAYERS.findIndex((l) => l.paths.some((p) => path === p || path.startsWith(`${p}/`)));

/** Imports that go up the table, each named with the file and the rule it breaks. */
export function layerViolations(imports: readonly Import[]): string[] {
  return imports.flatMap(({ from, to }) => {
    const [a, b] = [layerOf(from), layerOf(to)];
    if (a < 0) return [`${from}: not in any layer of test/layers.ts`];
    if (b < 0 || b <= a) return [];
    return [`${from} imports ${to}: ${LAYERS[a]!.name} may not import ${LAYERS[b]!.name} (a layer above it)`];
  });
}

/**
 * Files outside src/dialects/ that may import one dialect's folder directly: the drivers of that
 * dialect's own engines. Everything else reaches a dialect through `dialects/dialect.ts` and the
 * registry, so a new dialect is a folder and one registry line.
 */
export const DIALECT_FOLDER_IMPORTERS: readonly string[] = ['engines/postgres.ts', 'engines/pglite.ts', 'engines/mysql.ts'];

/** Imports of `dialects/<name>/…` from outside src/dialects/ (and the drivers above), each named with the rule. */
export function dialectLeaks(imports: readonly Import[]): string[] {
  return imports.flatMap(({ from, to }) => {
    if (from.startsWith('dialects/') || DIALECT_FOLDER_IMPORTERS.includes(from)) return [];
    const folder = /^dialects\/([^/]+)\//.exec(to)?.[1];
    return folder
      ? [`${from} imports ${to}: outside src/dialects/, use the Dialect interface (dialects/dialect.ts, dialects/registry.ts), not the ${folder} folder`]
      : [];
  });
}

/** Tests (`*.test.ts`) and the helpers only they import (`*.test-helper.ts`): neither is built into dist/. */
export const isTestCode = (file: string): boolean => file.endsWith('.test.ts') || file.endsWith('.test-helper.ts');

/** Every relative import of every non-test .ts file under `src`. */
export function importsOf(src: string): Import[] {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') && !isTestCode(e.name) ? [join(dir, e.name)] : [],
    );
  return files(src).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
    return specifiers.map((s) => ({ from: relative(src, file), to: relative(src, resolve(dirname(file), s)).replace(/\.js$/, '.ts') }));
  });
}
