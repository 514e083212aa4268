import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Type-checks generated TypeScript against the real packages in node_modules (drizzle-orm,
 * typeorm): the files are served from a folder inside the repository that exists only in the
 * compiler host, so module resolution finds node_modules and nothing is written to disk.
 * Returns every diagnostic as `file:line:col message`.
 */
export function typecheck(files: Readonly<Record<string, string>>, options: ts.CompilerOptions = {}): string[] {
  const root = join(repo, '.orm-typecheck');
  const virtual = new Map(Object.entries(files).map(([path, text]) => [join(root, path), text]));
  const compilerOptions: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    noUnusedLocals: true,
    types: [],
    ...options,
  };
  const host = ts.createCompilerHost(compilerOptions);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => virtual.has(f) || fileExists.call(host, f);
  host.readFile = (f) => virtual.get(f) ?? readFile.call(host, f);
  host.getSourceFile = (f, language, ...rest) => {
    const text = virtual.get(f);
    return text !== undefined ? ts.createSourceFile(f, text, language) : getSourceFile.call(host, f, language, ...rest);
  };
  // The virtual folder is an ES module package like the repository (NodeNext reads the nearest package.json).
  const program = ts.createProgram([...virtual.keys()], compilerOptions, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return message;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${d.file.fileName.replace(`${root}/`, '')}:${line + 1}:${character + 1} ${message}`;
  });
}
