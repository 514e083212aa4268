#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with Node's own test runner (TypeScript through tsx).
// Node 20's --test does not expand globs, so the files are listed here.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'golden' ? [] : findTests(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const filter = process.argv.slice(2);
const files = ['src', 'test']
  .flatMap(findTests)
  .sort()
  .filter((f) => filter.length === 0 || filter.some((p) => f.includes(p)));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
// Test files at once: Node 20 runs availableParallelism() - 1 of them, one on a 2-core machine, which
// leaves a core idle while a file waits (for a child process, a server, a browser) and while the
// next one starts; the files are CPU-bound (PGlite is WebAssembly), so one per core. On 2 cores
// this took the suite from 3m54s to 2m34s. DBARCHITECT_TEST_CONCURRENCY=1 runs them one by one.
const concurrency = Number(process.env.DBARCHITECT_TEST_CONCURRENCY) || Math.max(2, availableParallelism());
// --test-concurrency came with Node 20.10.
const [major, minor] = process.versions.node.split('.').map(Number);
const concurrencyFlag = major > 20 || (major === 20 && minor >= 10) ? [`--test-concurrency=${concurrency}`] : [];
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...concurrencyFlag, '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
