/**
 * Prints the hottest functions of a V8 .cpuprofile (from `node --cpu-prof`): self time and total
 * (inclusive) time by file:function, as percentages of the profile, plus self time per file.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/design.ts --profile --only=generated-1000
 *   npx tsx bench/cpuprofile-top.ts /tmp/prof/*.cpuprofile [--top=25] [--under=src/]
 *
 * `--under` keeps only frames whose file path contains it in the "first-party" tables.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('--'));
const top = Number(args.find((a) => a.startsWith('--top='))?.slice(6) ?? 25);
const under = args.find((a) => a.startsWith('--under='))?.slice(8) ?? 'src/';
if (files.length === 0) {
  console.error('usage: npx tsx bench/cpuprofile-top.ts FILE.cpuprofile [--top=25] [--under=src/]');
  process.exit(2);
}

const label = (frame: CallFrame): string => {
  let file = frame.url.replace(/^file:\/\//, '');
  if (file.startsWith('/')) file = relative(process.cwd(), file);
  file = file.replace(/^node_modules\/([^/]+\/[^/]+|[^/]+)\/.*$/, (_, pkg: string) => `node_modules/${pkg.startsWith('@') ? pkg : pkg.split('/')[0]}`);
  return `${file || '(native)'}:${frame.functionName || '(anonymous)'}`;
};

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  // Time per sample: the delta to the next sample (V8's convention).
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
  });
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const perFile = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    const name = label(node.callFrame);
    self.set(name, (self.get(name) ?? 0) + us);
    const fileName = name.slice(0, name.lastIndexOf(':'));
    perFile.set(fileName, (perFile.get(fileName) ?? 0) + us);
    // Inclusive: count each distinct function once per stack.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!.callFrame);
      if (seen.has(l)) continue;
      seen.add(l);
      inclusive.set(l, (inclusive.get(l) ?? 0) + us);
    }
  }

  const pct = (us: number) => `${((100 * us) / totalUs).toFixed(1)}%`;
  const table = (title: string, map: Map<string, number>, filter: (name: string) => boolean = () => true) => {
    console.log(`\n${title}\n`);
    console.log('| % | ms | file:function |\n|---:|---:|---|');
    for (const [name, us] of [...map]
      .filter(([n]) => filter(n))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top))
      console.log(`| ${pct(us)} | ${(us / 1000).toFixed(0)} | ${name} |`);
  };
  console.log(`# ${file}: ${(totalUs / 1000).toFixed(0)} ms sampled`);
  table('Self time, all frames', self);
  table('Self time by file', perFile);
  table(`Total (inclusive) time, frames under ${under}`, inclusive, (n) => n.startsWith(under));
}
