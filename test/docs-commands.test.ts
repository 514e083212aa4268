import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { docBlocks, matchLines, normalizeOutput, updatedLines } from './docs-commands.js';

describe('the docs-test reader and matcher', () => {
  it('reads console blocks: commands, continued lines, outputs, requirements and loads', () => {
    const root = mkdtempSync(join(tmpdir(), 'dbarchitect-docs-reader-'));
    mkdirSync(join(root, 'docs'));
    writeFileSync(
      join(root, 'docs', 'x.md'),
      [
        '# x',
        '```console',
        '$ echo a \\',
        '  b',
        'a b',
        '$ true',
        '```',
        '',
        '<!-- docs-test: load postgres f.sql -->',
        '````console requires=postgres',
        '$ echo',
        '```sql',
        '````',
        '',
      ].join('\n'),
    );
    const [first, second] = docBlocks(root, 'docs/x.md');
    assert.deepEqual(
      first!.commands.map((c) => [c.command, c.expected]),
      [
        ['echo a \n  b', ['a b']],
        ['true', []],
      ],
    );
    assert.deepEqual(second!.requires, ['postgres']);
    assert.deepEqual(second!.loads, [{ server: 'postgres', file: 'f.sql' }]);
    assert.deepEqual(second!.commands[0]!.expected, ['```sql'], 'a longer fence holds a shorter one');
  });

  it('durations, speedups, hashes and timestamps may differ; nothing else may', () => {
    assert.equal(normalizeOutput('PGlite ready in 4.2 s\n[0.3 s] x: 0.031 ms (4.7×)  \n'), 'PGlite ready in <time>\n[<time>] x: <time> (<n>×)');
    assert.notEqual(normalizeOutput('17,747 rows seeded'), normalizeOutput('17,748 rows seeded'));
    assert.notEqual(normalizeOutput('via order_pkey'), normalizeOutput('via seq scan of order'));
  });

  it('… stands for any run of lines; a changed line fails and is named', () => {
    assert.deepEqual(matchLines(['a', '…', 'z'], ['a', 'b', 'c', 'z']), { ok: true });
    assert.deepEqual(matchLines(['a', '…', 'z'], ['a', 'z']), { ok: true });
    assert.deepEqual(matchLines(['a', 'b'], ['a', 'c']), { ok: false, at: 1, expected: 'b', actual: 'c' });
    assert.equal(matchLines(['a', '…', 'z'], ['a', 'b', 'y']).ok, false);
    assert.equal(matchLines(['a'], ['a', 'extra']).ok, false);
  });

  it('an update keeps the head and tail around an elision', () => {
    assert.deepEqual(updatedLines(['h', '…', 't'], ['1', '2', '3', '4']), ['1', '…', '4']);
    assert.deepEqual(updatedLines(['x'], ['1', '2']), ['1', '2']);
  });
});

describe('the docs show every command', () => {
  it('each command of `dbarchitect --help` is run by a console block of the docs', async () => {
    const { runCli, ROOT } = await import('./helpers.js');
    const { markdownFiles } = await import('./docs-commands.js');
    const help = await runCli(['--help']);
    const commands = [...help.stdout.matchAll(/^ {2}([a-z][a-z-]*) /gm)].map((m) => m[1]!).filter((c) => c !== 'help');
    assert.ok(commands.includes('design') && commands.includes('mcp'), commands.join(', '));
    const run = new Set(
      markdownFiles(ROOT).flatMap((file) =>
        docBlocks(ROOT, file).flatMap((b) => b.commands.flatMap((c) => /(?:^|[;&|]\s*)dbarchitect ([a-z-]+)/.exec(c.command)?.[1] ?? [])),
      ),
    );
    assert.deepEqual(
      commands.filter((c) => !run.has(c)),
      [],
      'commands no console block runs (add a worked example to docs/commands/<command>.md)',
    );
  });
});
