import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadSpecText } from '../src/spec/load-spec.js';
import { REFERENCE_SPEC, runCli } from './helpers.js';

const reference = readFileSync(REFERENCE_SPEC, 'utf8');
const lines = reference.split('\n');

/** Mutations a hand editing a spec makes: lines lost, doubled, swapped, re-indented, characters typed. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('type' as const), at: fc.nat(), column: fc.nat(), text: fc.string({ maxLength: 6 }) }),
  fc.record({
    kind: fc.constant('junk' as const),
    at: fc.nat(),
    text: fc.constantFrom(': :', '&a', '*a', '- [', '{', '!!binary', '"', 'ref(', 'enum()', '!', '%', '\t', '\u0000', '1e999', '~'),
  }),
);

type Mutation = { kind: string; at: number; other?: number; by?: number; column?: number; text?: string };

function mutate(source: readonly string[], mutations: readonly Mutation[]): string {
  const out = [...source];
  for (const m of mutations) {
    const at = m.at % out.length;
    const line = out[at] ?? '';
    switch (m.kind) {
      case 'delete':
        out.splice(at, 1);
        break;
      case 'duplicate':
        out.splice(at, 0, line);
        break;
      case 'swap': {
        const other = (m.other ?? 0) % out.length;
        [out[at], out[other]] = [out[other] ?? '', line];
        break;
      }
      case 'indent':
        out[at] = (m.by ?? 0) >= 0 ? ' '.repeat(m.by ?? 0) + line : line.replace(new RegExp(`^ {0,${-(m.by ?? 0)}}`), '');
        break;
      default: {
        const column = (m.column ?? 0) % (line.length + 1);
        out[at] = line.slice(0, column) + (m.text ?? '') + line.slice(column);
      }
    }
    if (out.length === 0) out.push('');
  }
  return out.join('\n');
}

describe('mutated specs never crash the loader', () => {
  it('every mutation gives a design or diagnostics with positions inside the file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
        const text = mutate(lines, mutations);
        const result = await loadSpecText('mutated.yaml', text);
        const lineCount = text.split('\n').length;
        for (const d of result.diagnostics) {
          assert.ok(d.location, `${d.code} has a location`);
          assert.ok(d.location.line >= 1 && d.location.line <= lineCount + 1, `${d.code} line ${d.location.line} is inside the file`);
          assert.ok(d.location.column >= 1, `${d.code} has a column`);
          assert.ok(d.message.length > 0);
        }
        if (!result.loaded)
          assert.ok(
            result.diagnostics.some((d) => d.severity === 'error'),
            'a refused spec says why',
          );
      }),
      { numRuns: 300, seed: 20261126 },
    );
  });

  it('the CLI exits 0 or 2, without a stack trace, on mutated specs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dbarchitect-fuzz-'));
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const file = join(dir, 'spec.yaml');
        writeFileSync(file, mutate(lines, mutations));
        const result = await runCli(['check', file]);
        assert.ok(result.status === 0 || result.status === 2, `exit ${result.status}: ${result.stderr}`);
        assert.doesNotMatch(result.stdout + result.stderr, /\n\s+at .+:\d+:\d+\)?\n/, 'no stack trace');
      }),
      { numRuns: 12, seed: 7 },
    );
  });
});
