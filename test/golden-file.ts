import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A generated file against its reviewed copy under test/golden/. `UPDATE_GOLDEN=1` rewrites the
 * copy instead; review the diff in git. A difference is reported at its first line.
 */
export function compareGolden(path: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  let expected: string;
  try {
    expected = readFileSync(path, 'utf8');
  } catch {
    assert.fail(`missing golden file ${path}; run UPDATE_GOLDEN=1 on this test and review it`);
  }
  if (actual === expected) return;
  const a = actual.split('\n');
  const e = expected.split('\n');
  const line = a.findIndex((text, i) => text !== e[i]);
  assert.fail(
    `${path} differs at line ${line + 1}:\n  expected: ${e[line] ?? '(end of file)'}\n  actual:   ${a[line] ?? '(end of file)'}\nif the change is intended, run UPDATE_GOLDEN=1 and review the diff`,
  );
}
