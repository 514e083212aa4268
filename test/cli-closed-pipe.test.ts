import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { REFERENCE_SPEC, ROOT } from './helpers.js';

const MAIN = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const STACK_TRACE = /EPIPE|Error:|\n\s+at \S/;

/** Runs the CLI and closes the read end of `closed` after its first chunk, as `| head -1` does. */
function runAndClose(args: readonly string[], closed: 'stdout' | 'stderr'): Promise<{ code: number | null; kept: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), MAIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const open = closed === 'stdout' ? child.stderr : child.stdout;
    const toClose = closed === 'stdout' ? child.stdout : child.stderr;
    let kept = '';
    open.setEncoding('utf8').on('data', (chunk: string) => (kept += chunk));
    toClose.once('data', () => toClose.destroy());
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, kept, stderr: closed === 'stdout' ? kept : '' }));
  });
}

describe('a closed pipe ends the command quietly', () => {
  it('stdout closed after the first chunk (design --print json | head -1): exit 0, no stack trace', async () => {
    // design.json is far larger than a pipe's buffer, so the CLI is still writing when the pipe closes.
    const result = await runAndClose(['design', REFERENCE_SPEC, '--no-engine', '--print', 'json'], 'stdout');
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, STACK_TRACE);
    assert.match(result.stderr, /warning design\/fold-over-expiring-events/, 'stderr still carries the messages');
  });

  it('stderr closed after the first message: the command still does its work and exits 0', async () => {
    // With the engine, the first progress line comes seconds before the next ones: they hit the closed pipe.
    const out = join(mkdtempSync(join(tmpdir(), 'dbarchitect-pipe-')), 'design');
    const result = await runAndClose(['design', REFERENCE_SPEC, '-o', out], 'stderr');
    assert.equal(result.code, 0);
    assert.match(JSON.parse(readFileSync(join(out, 'design.json'), 'utf8')).ddl[0].executedOn, /PGlite/, 'the folder was written after the pipe closed');
  });
});
