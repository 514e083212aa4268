import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { redactUrl } from '../src/engines/redact.js';
import { ROOT } from './helpers.js';
import { serverUrl } from './servers.js';
import { type DocBlock, docBlocks, markdownFiles, matchLines, normalizeOutput, SHOWN_URLS, scratchName, updatedLines } from './docs-commands.js';

/**
 * Every command the docs show in a `console` block runs here, in a fresh folder where `examples/`,
 * `docs/` and `test/` are the checkout's and `dbarchitect` is the CLI from source; its output must
 * be the one shown, but for durations and speedups (docs-commands.ts). `UPDATE_DOCS=1` writes the
 * outputs into the Markdown instead (review the diff).
 */
const UPDATE = process.env.UPDATE_DOCS === '1';
const CLI = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

function sandbox(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dbarchitect-docs-'));
  for (const folder of ['examples', 'docs', 'test']) symlinkSync(join(ROOT, folder), join(dir, folder), 'dir');
  mkdirSync(join(dir, '.bin'));
  const bin = join(dir, '.bin', 'dbarchitect');
  writeFileSync(bin, `#!/bin/sh\nexec "${process.execPath}" --import "${import.meta.resolve('tsx')}" "${CLI}" "$@"\n`);
  chmodSync(bin, 0o755);
  return dir;
}

interface Scratch {
  readonly url: string;
  /** The database's name, which the output shows as the docs' `shop`. */
  readonly name: string;
  drop(): Promise<void>;
}

/** A database of its own on the server for one block, with the block's files loaded; dropped after it. */
async function scratchDatabase(server: 'postgres' | 'mysql', serverUrl: string, loads: readonly string[]): Promise<Scratch> {
  const name = scratchName();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  if (server === 'postgres') {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    for (const file of loads) await db.query(readFileSync(join(ROOT, file), 'utf8'));
    await db.end();
    return {
      url: url.toString(),
      name,
      drop: async () => {
        const again = new pg.Client({ connectionString: serverUrl });
        await again.connect();
        await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await again.end();
      },
    };
  }
  const admin = await mysql.createConnection({ uri: serverUrl, multipleStatements: true });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.query(`USE ${name}`);
  for (const file of loads) await admin.query(readFileSync(join(ROOT, file), 'utf8'));
  await admin.end();
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const again = await mysql.createConnection(serverUrl);
      await again.query(`DROP DATABASE IF EXISTS ${name}`);
      await again.end();
    },
  };
}

function run(command: string, cwd: string): string {
  const result = spawnSync('sh', ['-c', `${command} 2>&1`], {
    cwd,
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, PATH: `${join(cwd, '.bin')}:${process.env.PATH}`, NO_COLOR: '1', DBARCHITECT_DEBUG: '' },
  });
  if (result.error) throw result.error;
  return result.stdout;
}

for (const file of markdownFiles(ROOT)) {
  const blocks = docBlocks(ROOT, file);
  if (!blocks.length) continue;
  describe(`the commands of ${file}`, () => {
    const dir = sandbox();
    const rewrites: { start: number; end: number; lines: string[] }[] = [];
    after(() => {
      rmSync(dir, { recursive: true, force: true });
      if (!UPDATE || !rewrites.length) return;
      const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
      for (const r of rewrites.sort((a, b) => b.start - a.start)) lines.splice(r.start, r.end - r.start, ...r.lines);
      writeFileSync(join(ROOT, file), lines.join('\n'));
    });
    for (const block of blocks) {
      const servers = block.requires.map((kind) => ({ kind, server: serverUrl(kind) }));
      const skip = servers.find((s) => s.server.skip)?.server.skip;
      it(`${file}:${block.line}: ${block.commands.map((c) => c.command.split('\n')[0]).join('; ')}`, { skip: skip ?? false }, async () => {
        await runBlock(block, dir, servers, rewrites);
      });
    }
  });
}

async function runBlock(
  block: DocBlock,
  dir: string,
  servers: readonly { kind: 'postgres' | 'mysql'; server: ReturnType<typeof serverUrl> }[],
  rewrites: { start: number; end: number; lines: string[] }[],
): Promise<void> {
  const scratches = new Map<'postgres' | 'mysql', Scratch>();
  try {
    for (const { kind, server } of servers)
      scratches.set(
        kind,
        await scratchDatabase(
          kind,
          server.url!,
          block.loads.filter((l) => l.server === kind).map((l) => l.file),
        ),
      );
    for (const command of block.commands) {
      let real = command.command;
      for (const [kind, scratch] of scratches) real = real.split(SHOWN_URLS[kind]).join(scratch.url);
      let output = run(real, dir);
      for (const [kind, scratch] of scratches)
        output = output.split(redactUrl(scratch.url)).join(SHOWN_URLS[kind]).split(scratch.url).join(SHOWN_URLS[kind]).split(scratch.name).join('shop');
      output = output.split(dir).join('.');
      const actual = normalizeOutput(output).split('\n');
      const expected = normalizeOutput(command.expected.join('\n')).split('\n');
      if (UPDATE) {
        const printed = output.replace(/\n+$/, '');
        rewrites.push({
          start: command.outputStart,
          end: command.outputEnd,
          lines: updatedLines(command.expected, printed === '' ? [] : printed.split('\n').map((l) => l.trimEnd())),
        });
        continue;
      }
      const match = matchLines(expected, actual);
      if (!match.ok)
        assert.fail(
          `${block.file}: \`${command.command}\` printed something else than the docs show (UPDATE_DOCS=1 rewrites them).\nline ${match.at + 1} of its output:\n  docs:   ${match.expected}\n  actual: ${match.actual}\n--- the whole output ---\n${output}`,
        );
    }
  } finally {
    for (const scratch of scratches.values()) await scratch.drop().catch(() => undefined);
  }
}
