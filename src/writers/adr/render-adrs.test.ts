import { test } from 'node:test';
import assert from 'node:assert/strict';
import { designFromFile } from '../../api/design.js';
import type { Decision } from '../../model/decision.js';
import type { Design } from '../../model/design.js';
import { ADR_NUMBERS_PATH, areaBlock, parseAdrNumbers, renderAdrNumbers } from './adr-numbers.js';
import { ADR_INDEX_PATH, adrGroupOf, isMajorDecision, kebabTitle, renderAdrs } from './render-adrs.js';

let cached: Promise<Design> | undefined;
function shopDesign(): Promise<Design> {
  cached ??= designFromFile('examples/saas-shop.yaml').then((result) => {
    assert.ok(result.ok, 'the reference spec designs');
    return result.design;
  });
  return cached;
}

const MADR_HEADINGS = [
  '## Context and Problem Statement',
  '## Decision Drivers',
  '## Considered Options',
  '## Decision Outcome',
  '### Consequences',
  '## More Information',
];

function adrsOnly(files: readonly { path: string; content: string }[]) {
  return files.filter((f) => f.path !== ADR_INDEX_PATH && f.path !== ADR_NUMBERS_PATH);
}

const numberOf = (path: string) => Number(/^adr\/(\d{4,})-/.exec(path)![1]);
const areaOf = (content: string) => /\(area: ([a-z-]+);/.exec(content)![1]!;
const ledgerOf = (files: readonly { path: string; content: string }[]) => {
  const parsed = parseAdrNumbers(files.find((f) => f.path === ADR_NUMBERS_PATH)!.content, ADR_NUMBERS_PATH);
  assert.ok(parsed.ok);
  return parsed.ledger;
};
const decision = (id: string, area: Decision['area']): Decision => ({
  id,
  area,
  title: `Extra ${id}`,
  choice: 'x',
  rationale: [],
  alternatives: [],
  evidence: [],
  patterns: [],
});

test('one ADR per major decision, one per group, plus the index and the number ledger', async () => {
  const design = await shopDesign();
  const files = renderAdrs(design);
  const major = design.decisions.filter(isMajorDecision).length;
  const groups = new Set(design.decisions.map(adrGroupOf).filter((g) => g !== undefined)).size;
  assert.ok(major > 0);
  assert.ok(
    design.decisions.some((d) => d.area === 'indexes'),
    'the reference spec has index decisions',
  );
  assert.equal(files.length, major + groups + 2);
  assert.equal(files.filter((f) => f.path === ADR_INDEX_PATH).length, 1);
  assert.equal(files.filter((f) => f.path === ADR_NUMBERS_PATH).length, 1);
  // No ADR of its own for an index or a constraint.
  for (const d of design.decisions.filter((d) => adrGroupOf(d))) assert.ok(!files.some((f) => f.content.includes(`decision \`${d.id}\`;`)), d.id);
});

test('every ADR has the MADR headings, status proposed (never accepted), the tool version and no date', async () => {
  const design = await shopDesign();
  for (const file of adrsOnly(renderAdrs(design))) {
    assert.match(file.content, /^---\nstatus: proposed\n---\n\n# \S/, file.path);
    assert.match(file.content, /\. Status: proposed\. /, file.path);
    assert.doesNotMatch(file.content, /accepted/i, file.path);
    let at = -1;
    for (const heading of MADR_HEADINGS) {
      const next = file.content.indexOf(`\n${heading}\n`);
      assert.ok(next > at, `${file.path}: ${heading} present and in order`);
      at = next;
    }
    assert.match(file.content, /\nChosen option: "[^"]+", because /, file.path);
    assert.match(file.content, /Evidence tier: \*\*(executed|parsed|derived|assumed)\*\*/, file.path);
    assert.ok(file.content.includes(`Proposed by dbarchitect ${design.tool.version}`), file.path);
    assert.doesNotMatch(file.content, /\b20\d\d-\d\d-\d\d\b/, `${file.path} has no date`);
  }
});

test('the technology ADR names the chosen engine and every runner-up with its rejection reason', async () => {
  const design = await shopDesign();
  const decision = design.decisions.find((d) => d.id === 'technology/primary-store')!;
  assert.ok(decision && decision.alternatives.length > 0);
  const files = renderAdrs(design);
  const adr = files.find((f) => f.content.includes('decision `technology/primary-store`'));
  assert.ok(adr, 'a technology ADR');
  assert.match(adr.path, /^adr\/0101-primary-store-postgresql\.md$/, 'the first number of the technology block');
  assert.ok(adr.content.includes(`Chosen option: "${decision.choice}"`));
  assert.ok(adr.content.includes(`- ${decision.choice} (chosen)`));
  for (const alt of decision.alternatives) {
    assert.ok(adr.content.includes(`- ${alt.option}\n`), `option ${alt.option} listed`);
    assert.ok(adr.content.includes(`### ${alt.option}\n\n- Bad, because ${alt.rejectedBecause}`), `reason for ${alt.option}`);
  }
  for (const e of decision.evidence) assert.ok(adr.content.includes(e.source), e.source);
});

test('the indexes ADR lists every index decision with its patterns and evidence', async () => {
  const design = await shopDesign();
  const adr = renderAdrs(design).find((f) => f.content.includes('\n# Indexes derived from the access patterns\n'));
  assert.ok(adr);
  assert.match(adr.path, /^adr\/\d{4}-indexes-derived-from-the-access-patterns\.md$/);
  const indexes = design.decisions.filter((d) => d.id.startsWith('indexes/'));
  assert.ok(indexes.length > 3);
  for (const d of indexes) {
    const row = adr.content.split('\n').find((line) => line.startsWith(`| \`${d.id}\` |`));
    assert.ok(row, `row for ${d.id}`);
    for (const p of d.patterns) assert.ok(row.includes(`\`${p}\``), `${d.id} pattern ${p}`);
    for (const e of d.evidence) assert.ok(row.includes(e.source), `${d.id} evidence ${e.source}`);
  }
});

test("the index lists every ADR with number, title, area and tier; each number lies in its area's block", async () => {
  const design = await shopDesign();
  const files = renderAdrs(design);
  const index = files.find((f) => f.path === ADR_INDEX_PATH)!;
  assert.ok(index.content.includes('| number | title | area | evidence tier |'));
  assert.doesNotMatch(index.content, /accepted as generated/);
  for (const file of adrsOnly(files)) {
    const number = String(numberOf(file.path)).padStart(4, '0');
    const [first, last] = areaBlock(areaOf(file.content))!;
    assert.ok(numberOf(file.path) >= first && numberOf(file.path) <= last, `${file.path} in ${first}–${last}`);
    assert.match(
      index.content,
      new RegExp(`\\| ${number} \\| \\[[^\\n]+\\]\\(${file.path.slice(4).replace(/\./g, '\\.')}\\) \\| [a-z-]+ \\| (executed|parsed|derived|assumed) \\|`),
    );
  }
});

test('rendering is deterministic; file names are unique, kebab and stable', async () => {
  const design = await shopDesign();
  const first = renderAdrs(design);
  const second = renderAdrs(structuredClone(design));
  assert.deepEqual(first, second);
  const paths = first.map((f) => f.path);
  assert.equal(new Set(paths).size, paths.length);
  for (const path of adrsOnly(first).map((f) => f.path)) {
    const m = /^adr\/(\d{4})-([a-z0-9-]+)\.md$/.exec(path);
    assert.ok(m, path);
    assert.ok(m[2]!.length <= 60 && !m[2]!.startsWith('-') && !m[2]!.endsWith('-'), path);
  }
});

test('without a ledger, a new decision renumbers no record of another area', async () => {
  const design = await shopDesign();
  const before = adrsOnly(renderAdrs(design));
  // First in the design's order, so a positional numbering would shift every record.
  const after = adrsOnly(renderAdrs({ ...design, decisions: [decision('caching/aaa-extra', 'caching'), ...design.decisions] }));
  for (const file of before.filter((f) => areaOf(f.content) !== 'caching'))
    assert.ok(
      after.some((f) => f.path === file.path),
      `${file.path} kept its number`,
    );
  assert.equal(after.length, before.length + 1);
});

test("with the previous run's ledger, a new decision anywhere leaves every other number unchanged", async () => {
  const design = await shopDesign();
  const first = renderAdrs(design);
  const ledger = ledgerOf(first);
  const technology = adrsOnly(first)
    .filter((f) => areaOf(f.content) === 'technology')
    .map((f) => numberOf(f.path));
  const extras = [decision('technology/aaa-extra', 'technology'), decision('security/aaa-extra', 'security')];
  const second = renderAdrs({ ...design, decisions: [...extras, ...design.decisions] }, ledger);
  for (const file of adrsOnly(first))
    assert.ok(
      second.some((f) => f.path === file.path && f.content === file.content),
      `${file.path} unchanged`,
    );
  const added = adrsOnly(second).filter((f) => f.content.includes('aaa-extra'));
  assert.deepEqual(
    added.map((f) => numberOf(f.path)),
    [
      Math.max(...technology) + 1,
      Math.max(
        ...adrsOnly(first)
          .filter((f) => areaOf(f.content) === 'security')
          .map((f) => numberOf(f.path)),
      ) + 1,
    ].sort((a, b) => a - b),
  );
  // The ledger written back holds the old numbers and the new ones.
  const written = ledgerOf(second);
  for (const [key, n] of ledger) assert.equal(written.get(key), n, key);
  assert.equal(written.get('technology/aaa-extra'), Math.max(...technology) + 1);
});

test('a decision no longer proposed retires its number: listed in the index, kept in the ledger, never reused', async () => {
  const design = await shopDesign();
  const ledger = ledgerOf(renderAdrs(design));
  const dropped = 'caching/never-cached';
  const number = ledger.get(dropped)!;
  assert.ok(number, 'the reference design has a never-cached decision');
  const without = renderAdrs({ ...design, decisions: design.decisions.filter((d) => d.id !== dropped) }, ledger);
  assert.ok(!adrsOnly(without).some((f) => numberOf(f.path) === number));
  assert.ok(
    without
      .find((f) => f.path === ADR_INDEX_PATH)!
      .content.includes(`Retired numbers (the decision is no longer proposed; the number is not reused): ${String(number).padStart(4, '0')} \`${dropped}\`.`),
  );
  const kept = ledgerOf(without);
  assert.equal(kept.get(dropped), number);
  const later = renderAdrs({ ...design, decisions: [decision('caching/zzz-new', 'caching'), ...design.decisions.filter((d) => d.id !== dropped)] }, kept);
  assert.ok(numberOf(adrsOnly(later).find((f) => f.content.includes('zzz-new'))!.path) > number, 'the retired number is not given again');
});

test('the ledger round-trips, and a damaged one is an error naming the file and the fix', () => {
  const ledger = new Map([
    ['technology/primary-store', 101],
    ['indexes/*', 901],
  ]);
  const parsed = parseAdrNumbers(renderAdrNumbers(ledger), 'x/adr/numbers.json');
  assert.ok(parsed.ok);
  assert.deepEqual([...parsed.ledger], [...ledger]);
  const bad = (text: string) => {
    const result = parseAdrNumbers(text, 'x/adr/numbers.json');
    assert.ok(!result.ok);
    assert.equal(result.diagnostic.code, 'output/bad-adr-numbers');
    assert.equal(result.diagnostic.location?.file, 'x/adr/numbers.json');
    assert.match(result.diagnostic.fix!, /delete it to renumber/);
    return result.diagnostic.message;
  };
  assert.match(bad('{"numbers": '), /not valid JSON/);
  assert.match(bad('[]'), /no `numbers` object/);
  assert.match(bad('{"numbers": {"a/b": 101, "c/d": 101}}'), /`a\/b` and `c\/d` both have the number 101/);
  assert.match(bad('{"numbers": {"a/b": "101"}}'), /positive integers/);
});

test('major decisions: known areas, unknown areas only at the top level; groups by id', () => {
  const d = (id: string, area: string) => ({ id, area }) as Pick<Decision, 'id' | 'area'>;
  assert.equal(isMajorDecision(d('technology/primary-store', 'technology')), true);
  assert.equal(isMajorDecision(d('security/roles', 'security')), true);
  assert.equal(isMajorDecision(d('indexes/order_idx', 'indexes')), false);
  assert.equal(isMajorDecision(d('constraints/x.y', 'constraints')), false);
  assert.equal(isMajorDecision(d('types/order.total', 'types')), false);
  assert.equal(isMajorDecision(d('observability/metrics', 'observability')), true);
  assert.equal(isMajorDecision(d('observability/metrics/order', 'observability')), false);
  assert.equal(adrGroupOf(d('constraints/deferrable-cycles', 'constraints')), 'constraints');
  assert.equal(adrGroupOf(d('indexes/served/order/x/y', 'indexes')), 'indexes');
});

test('kebab titles are lower-case ASCII and at most 60 characters', () => {
  assert.equal(kebabTitle('Primary store: PostgreSQL'), 'primary-store-postgresql');
  assert.equal(kebabTitle('`order` is not partitioned'), 'order-is-not-partitioned');
  assert.equal(kebabTitle('Réplica für Ärzte'), 'replica-fur-arzte');
  assert.equal(kebabTitle('***'), 'decision');
  const long = kebabTitle('Write load: 1.2 GB of WAL a day, 51.5 page writes/s and a great deal more text after it');
  assert.ok(long.length <= 60 && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(long), long);
});

test('constraint decisions are grouped into one ADR', async () => {
  const design = await shopDesign();
  const constraint = (id: string): Decision => ({
    id,
    area: 'constraints',
    title: `Constraint ${id}`,
    choice: 'UNIQUE (tenant_id, email)',
    rationale: ['r'],
    alternatives: [{ option: 'global', rejectedBecause: 'leaks' }],
    evidence: [{ tier: 'assumed', source: 'rule:tenant-scoped-unique', detail: 'd' }],
    patterns: [],
  });
  const decisions = [...design.decisions, constraint('constraints/a.b'), constraint('constraints/c.d')];
  const files = renderAdrs({ ...design, decisions });
  assert.equal(files.length, renderAdrs(design).length + 1);
  const adr = files.find((f) => f.content.includes('\n# Constraints derived from the model\n'))!;
  assert.ok(adr.content.includes('| `constraints/a.b` |') && adr.content.includes('| `constraints/c.d` |'));
  assert.ok(adr.content.includes('Evidence tier: **assumed**'));
});
