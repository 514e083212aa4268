import { readFile, stat } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { LineIndex } from '../diagnostics/line-index.js';

/** Specs are small; anything larger is almost surely the wrong file, and YAML parsing is not free. */
export const MAX_SPEC_BYTES = 8 * 1024 * 1024;

export type SourceText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly diagnostic: Diagnostic };

const problem = (file: string, code: string, message: string, fix: string, line = 1, column = 1): SourceText => ({
  ok: false,
  diagnostic: { code, severity: 'error', message, fix, location: { file, line, column } },
});

/** Reads a spec file as UTF-8 text, turning every way a file can be wrong into one diagnostic. */
export async function readSourceFile(file: string): Promise<SourceText> {
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory())
      return problem(
        file,
        'input/is-directory',
        'this is a directory, not a spec file',
        'pass the path of a YAML spec file, such as `examples/saas-shop.yaml`',
      );
    if (!info.isFile()) return problem(file, 'input/not-a-file', 'this is not a regular file', 'pass the path of a YAML spec file');
    size = info.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return problem(file, 'input/not-found', 'no such file', 'check the path; specs usually end in `.yaml`');
    if (code === 'EACCES') return problem(file, 'input/not-readable', 'permission denied', 'make the file readable');
    return problem(file, 'input/unreadable', `cannot read the file (${code ?? 'unknown error'})`, 'check the path and its permissions');
  }
  if (size > MAX_SPEC_BYTES)
    return problem(
      file,
      'input/too-large',
      `the file is ${size} bytes; specs larger than ${MAX_SPEC_BYTES} bytes are refused`,
      'check that this is the spec you meant; split generated specs',
    );
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return problem(
      file,
      'input/unreadable',
      `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`,
      'check the path and its permissions',
    );
  }
  return decodeSource(file, bytes);
}

export function decodeSource(file: string, bytes: Uint8Array): SourceText {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const at = new LineIndex(new TextDecoder().decode(bytes.subarray(0, nul))).position(nul);
    return problem(file, 'input/binary', 'the file contains NUL bytes: it is binary, not YAML text', 'pass a YAML text file', at.line, at.column);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // The fatal decoder does not say where; the lenient one marks the first bad sequence with U+FFFD.
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const at = new LineIndex(lenient).position(Math.max(0, lenient.indexOf('\uFFFD')));
    return problem(file, 'input/invalid-utf8', 'the file is not valid UTF-8', 'save the file as UTF-8', at.line, at.column);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return problem(file, 'input/empty', 'the file is empty', 'start from `examples/saas-shop.yaml`, or see docs/spec.md for the format');
  return { ok: true, text };
}
