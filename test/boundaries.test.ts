import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from './helpers.js';
import { dialectLeaks, importsOf, isTestCode, LAYERS, layerViolations } from './layers.js';

/**
 * Imports that still go up the table, each with the move that will remove it (issue 9). The list may
 * only shrink: a new violation fails, and so does an entry that no longer occurs.
 */
const KNOWN: readonly string[] = [];

describe('layer boundaries (test/layers.ts)', () => {
  it('no import in src/ goes up the layer table, but the known ones being moved', () => {
    const found = layerViolations(importsOf(join(ROOT, 'src')));
    assert.deepEqual(
      found.filter((v) => !KNOWN.includes(v)),
      [],
      'new imports against the layer table',
    );
    assert.deepEqual(
      KNOWN.filter((v) => !found.includes(v)),
      [],
      'fixed: remove these from KNOWN',
    );
  });

  it('an upward import is caught, naming the file and the rule; downward and sideways-within-a-layer ones pass', () => {
    assert.deepEqual(layerViolations([{ from: 'model/schema.ts', to: 'design/registry.ts' }]), [
      'model/schema.ts imports design/registry.ts: model may not import analyses (a layer above it)',
    ]);
    assert.deepEqual(
      layerViolations([
        { from: 'design/registry.ts', to: 'model/schema.ts' },
        { from: 'design/scaling/x.ts', to: 'design/capacity/y.ts' },
      ]),
      [],
    );
    assert.deepEqual(layerViolations([{ from: 'newfolder/x.ts', to: 'model/schema.ts' }]), ['newfolder/x.ts: not in any layer of test/layers.ts']);
  });

  it('outside src/dialects/ a dialect is reached through its interface, never its folder', () => {
    assert.deepEqual(dialectLeaks(importsOf(join(ROOT, 'src'))), []);
    assert.deepEqual(dialectLeaks([{ from: 'design/capacity/plan-capacity.ts', to: 'dialects/postgres/storage/table-size.ts' }]), [
      'design/capacity/plan-capacity.ts imports dialects/postgres/storage/table-size.ts: outside src/dialects/, use the Dialect interface (dialects/dialect.ts, dialects/registry.ts), not the postgres folder',
    ]);
    assert.deepEqual(
      dialectLeaks([
        { from: 'design/capacity/plan-capacity.ts', to: 'dialects/storage.ts' },
        { from: 'dialects/postgres/index.ts', to: 'dialects/postgres/ddl.ts' },
      ]),
      [],
    );
  });

  it('every folder of src/ is in the table', () => {
    const folders = new Set(importsOf(join(ROOT, 'src')).map((i) => i.from.split('/')[0]!));
    for (const folder of folders)
      assert.ok(
        LAYERS.some((l) => l.paths.some((p) => p === folder || p.startsWith(folder))),
        folder,
      );
  });
});

/** Every .ts file under the checkout's code folders, relative to ROOT. */
function sourceFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'golden' || e.name === 'fixtures' ? [] : walk(path);
      return e.name.endsWith('.ts') ? [path] : [];
    });
  return ['src', 'test', 'bench', 'scripts'].flatMap((dir) => {
    try {
      return walk(dir);
    } catch {
      return [];
    }
  });
}

describe('nothing test-only is built into dist/', () => {
  it('the build leaves out tests and test helpers', () => {
    const build = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as { exclude?: string[] };
    assert.deepEqual([...(build.exclude ?? [])].sort(), ['src/**/*.test-helper.ts', 'src/**/*.test.ts']);
  });

  it('a module of src/ that only tests import is a *.test-helper.ts', () => {
    const importers = new Map<string, string[]>();
    for (const file of sourceFiles()) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
        const target = relative(ROOT, resolve(ROOT, dirname(file), specifier!)).replace(/\.js$/, '.ts');
        importers.set(target, [...(importers.get(target) ?? []), file]);
      }
    }
    // The package's entry points (main, bin) are the library and the CLI, whoever imports them.
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; bin: Record<string, string> };
    const entries = new Set([pkg.main, ...Object.values(pkg.bin)].map((p) => p.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts')));
    const forTests = (file: string) => isTestCode(file) || file.startsWith('test/');
    const testOnly = [...importers]
      .filter(([module, by]) => module.startsWith('src/') && !isTestCode(module) && !entries.has(module) && by.every(forTests))
      .map(([module, by]) => `${module} (imported only by ${by.join(', ')}): rename it *.test-helper.ts or move it to test/`);
    assert.deepEqual(testOnly, []);
  });
});
