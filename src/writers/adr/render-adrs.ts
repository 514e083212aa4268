import { decisionTier, type Decision, type EvidenceTier } from '../../model/decision.js';
import type { Design } from '../../model/design.js';
import { ADR_NUMBERS_PATH, assignAdrNumbers, renderAdrNumbers, type AdrNumbers } from './adr-numbers.js';
import { DECISION_AREAS } from '../../design/registry.js';

/** One ADR file, relative to the design folder (`adr/0101-primary-store-postgresql.md`). */
export interface AdrFile {
  readonly path: string;
  readonly content: string;
}

/** Folder of the ADRs inside the design folder, and the index file. */
export const ADR_DIR = 'adr';
export const ADR_INDEX_PATH = `${ADR_DIR}/README.md`;

/** Areas whose decisions each get their own ADR, in the order the ADRs are numbered. */
export const MAJOR_AREAS: readonly string[] = [
  'technology',
  'tenancy',
  'keys',
  'normalization',
  'denormalization',
  'modeling',
  'partitioning',
  'scaling',
  'caching',
  'capacity',
  'security',
  'availability',
];

/** Areas (and id prefixes) whose decisions are grouped into one ADR each. */
const GROUPS = [
  {
    key: 'indexes',
    title: 'Indexes derived from the access patterns',
    problem: 'which secondary indexes the schema needs for its access patterns, and which patterns existing keys already serve',
  },
  { key: 'constraints', title: 'Constraints derived from the model', problem: 'which constraints, beyond keys and references, the schema enforces' },
] as const;

/** Areas the model knows that are neither major nor grouped: they get no ADR (the report lists them). */
const MINOR_AREAS: readonly string[] = ['types'];

/** Listing order (the numbers come from adr-numbers.ts): known areas in the pipeline's order, groups at their area's place, unknown areas after, by name. */
const AREA_ORDER: readonly string[] = DECISION_AREAS;

const TIER_ORDER: readonly EvidenceTier[] = ['assumed', 'derived', 'parsed', 'executed'];

/** The group (`indexes`, `constraints`) a decision belongs to, if any: by area or by id prefix. */
export function adrGroupOf(decision: Pick<Decision, 'id' | 'area'>): 'indexes' | 'constraints' | undefined {
  for (const group of GROUPS) if (decision.area === group.key || decision.id.startsWith(`${group.key}/`)) return group.key;
  return undefined;
}

/**
 * Whether a decision gets an ADR of its own: the major areas always; an area dbarchitect does not
 * know only when its id has at most one `/` (a top-level decision, not a per-table detail).
 * Grouped (`indexes/*`, `constraints/*`) and minor (`types`) decisions are not major.
 */
export function isMajorDecision(decision: Pick<Decision, 'id' | 'area'>): boolean {
  if (adrGroupOf(decision)) return false;
  const area: string = decision.area;
  if (MAJOR_AREAS.includes(area)) return true;
  if (MINOR_AREAS.includes(area)) return false;
  return decision.id.split('/').length <= 2;
}

/** `Primary store: PostgreSQL` → `primary-store-postgresql`: lower-case ASCII, at most 60 characters, never empty. */
export function kebabTitle(title: string, max = 60): string {
  const ascii = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  let kebab = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (kebab.length > max) {
    const cut = kebab.slice(0, max + 1);
    const lastDash = cut.lastIndexOf('-');
    kebab = (lastDash > max / 2 ? cut.slice(0, lastDash) : kebab.slice(0, max)).replace(/-+$/g, '');
  }
  return kebab || 'decision';
}

type Entry =
  | { readonly kind: 'single'; readonly decision: Decision }
  | { readonly kind: 'group'; readonly group: (typeof GROUPS)[number]; readonly decisions: readonly Decision[] };

interface PlannedAdr {
  /** Decision id, or `indexes/*` for a group: what the number ledger remembers. */
  readonly key: string;
  readonly number: number;
  readonly path: string;
  readonly title: string;
  readonly area: string;
  readonly tier: EvidenceTier;
  readonly entry: Entry;
}

/**
 * The ADRs a design gets, in number order, and the number ledger to write back. Numbers come from
 * the ledger of the previous run where it has them, else from the area's block (adr-numbers.ts).
 */
export function planAdrs(design: Design, ledger?: AdrNumbers): { planned: PlannedAdr[]; ledger: Map<string, number> } {
  const entries: { entry: Entry; area: string; index: number }[] = [];
  design.decisions.forEach((decision, index) => {
    if (isMajorDecision(decision)) entries.push({ entry: { kind: 'single', decision }, area: decision.area, index });
  });
  for (const group of GROUPS) {
    const members = design.decisions.filter((d) => adrGroupOf(d) === group.key);
    if (members.length) entries.push({ entry: { kind: 'group', group, decisions: members }, area: group.key, index: design.decisions.indexOf(members[0]!) });
  }
  const rank = (area: string) => (AREA_ORDER.includes(area) ? AREA_ORDER.indexOf(area) : AREA_ORDER.length);
  entries.sort(
    (a, b) => rank(a.area) - rank(b.area) || (rank(a.area) === AREA_ORDER.length && a.area !== b.area ? (a.area < b.area ? -1 : 1) : 0) || a.index - b.index,
  );
  const keyed = entries.map((e) => ({ ...e, key: e.entry.kind === 'single' ? e.entry.decision.id : `${e.entry.group.key}/*` }));
  const assigned = assignAdrNumbers(keyed, ledger);
  const planned = keyed.map(({ entry, area, key }) => {
    const number = assigned.numbers.get(key)!;
    const title = entry.kind === 'single' ? entry.decision.title : entry.group.title;
    const tier = entry.kind === 'single' ? decisionTier(entry.decision) : weakest(entry.decisions.map(decisionTier));
    return { key, number, path: `${ADR_DIR}/${pad(number)}-${kebabTitle(plain(title))}.md`, title, area, tier, entry };
  });
  return { planned: planned.sort((a, b) => a.number - b.number), ledger: assigned.ledger };
}

/**
 * One Architecture Decision Record (MADR) per major decision, one each for the grouped index and
 * constraint decisions, `adr/README.md` indexing them and `adr/numbers.json`, the ledger that keeps
 * their numbers on the next run. Pure and deterministic: no dates; the ledger is an input.
 */
export function renderAdrs(design: Design, ledger?: AdrNumbers): AdrFile[] {
  const plan = planAdrs(design, ledger);
  const files: AdrFile[] = plan.planned.map((adr) => ({ path: adr.path, content: renderAdr(design, adr) }));
  files.push({ path: ADR_INDEX_PATH, content: renderIndex(design, plan.planned, plan.ledger) });
  files.push({ path: ADR_NUMBERS_PATH, content: renderAdrNumbers(plan.ledger) });
  return files;
}

function renderIndex(design: Design, planned: readonly PlannedAdr[], ledger: AdrNumbers): string {
  const out = [`# Architecture decision records: ${design.spec.name}`, ''];
  out.push(
    `Proposed by dbarchitect ${design.tool.version} from the spec \`${design.spec.name}\`, in the [MADR](https://adr.github.io/madr/) format. Each record has the status **proposed**: the tool proposes, a reviewer accepts or rejects. Its evidence tier is the weakest tier of the evidence behind it: **executed**, **parsed**, **derived** or **assumed**.`,
    '',
  );
  out.push(
    `Numbers never change: each area owns a block of 100 (technology 01xx, tenancy 02xx, …), and \`numbers.json\` keeps every number given, so a later run keeps them and never reuses one. Commit it with the records.`,
    '',
  );
  out.push('| number | title | area | evidence tier |', '|---|---|---|---|');
  for (const adr of planned) out.push(`| ${pad(adr.number)} | [${cell(adr.title)}](${adr.path.slice(ADR_DIR.length + 1)}) | ${adr.area} | ${adr.tier} |`);
  out.push('');
  const current = new Set(planned.map((adr) => adr.key));
  const retired = [...ledger].filter(([key]) => !current.has(key)).sort((a, b) => a[1] - b[1]);
  if (retired.length)
    out.push(
      `Retired numbers (the decision is no longer proposed; the number is not reused): ${retired.map(([key, n]) => `${pad(n)} \`${key}\``).join(', ')}.`,
      '',
    );
  return out.join('\n');
}

function renderAdr(design: Design, adr: PlannedAdr): string {
  // Proposed, never accepted: accepting a decision is a person's act, not the tool's.
  const out = ['---', 'status: proposed', '---', '', `# ${adr.title}`, ''];
  const ids = adr.entry.kind === 'single' ? `decision \`${adr.entry.decision.id}\`` : `${adr.entry.decisions.length} decisions \`${adr.entry.group.key}/*\``;
  out.push(
    `ADR ${pad(adr.number)}. Status: proposed. Proposed by dbarchitect ${design.tool.version} (area: ${adr.area}; ${ids}; evidence tier: ${adr.tier}).`,
    '',
  );
  out.push(...(adr.entry.kind === 'single' ? renderSingle(design, adr.entry.decision) : renderGroup(design, adr.entry.group, adr.entry.decisions)));
  return out.join('\n');
}

function renderSingle(design: Design, decision: Decision): string[] {
  const out: string[] = [];
  out.push('## Context and Problem Statement', '');
  out.push(...specContext(design));
  out.push(`The ${decision.area} question this record settles: ${sentence(decision.title)}`, '');
  if (decision.patterns.length) out.push(`Access patterns concerned: ${codeList(decision.patterns)}.`, '');
  out.push(...requirementsList(design));

  out.push('## Decision Drivers', '');
  if (decision.rationale.length) for (const reason of decision.rationale) out.push(`- ${reason}`);
  else out.push('- No rationale was recorded for this decision; its evidence is under More Information.');
  out.push('');

  out.push('## Considered Options', '');
  out.push(`- ${decision.choice} (chosen)`);
  for (const alt of decision.alternatives) out.push(`- ${alt.option}`);
  out.push('');

  out.push('## Decision Outcome', '');
  const rules = unique(decision.evidence.map((e) => e.source).filter((s) => s.startsWith('rule:')));
  out.push(
    `Chosen option: "${decision.choice}", because of the decision drivers above${rules.length ? ` (by ${codeList(rules)})` : ''}${decision.alternatives.length ? `; the other option${decision.alternatives.length === 1 ? ' was' : 's were'} rejected for the reasons under Pros and Cons of the Options` : ''}.`,
    '',
  );
  out.push('### Consequences', '');
  out.push(...consequences([decision]), '');

  if (decision.alternatives.length) {
    out.push('## Pros and Cons of the Options', '');
    out.push(`The chosen option, ${decision.choice}, rests on the decision drivers above; each other option as recorded when it was rejected:`, '');
    for (const alt of decision.alternatives) out.push(`### ${alt.option}`, '', `- Bad, because ${sentence(alt.rejectedBecause)}`, '');
  }

  out.push('## More Information', '');
  out.push(`Evidence tier: **${decisionTier(decision)}** (the weakest tier of the evidence below).`, '');
  out.push(...evidenceTable(decision.evidence));
  return out;
}

function renderGroup(design: Design, group: (typeof GROUPS)[number], decisions: readonly Decision[]): string[] {
  const out: string[] = [];
  const patterns = unique(decisions.flatMap((d) => d.patterns));
  out.push('## Context and Problem Statement', '');
  out.push(...specContext(design));
  out.push(
    `The ${group.key} question this record settles: ${group.problem}. It groups the ${decisions.length} \`${group.key}/*\` decision${decisions.length === 1 ? '' : 's'} of the design, listed under Decision Outcome.`,
    '',
  );
  if (patterns.length) out.push(`Access patterns concerned: ${codeList(patterns)}.`, '');
  out.push(...requirementsList(design));

  out.push('## Decision Drivers', '');
  const rules = unique(decisions.flatMap((d) => d.evidence.map((e) => e.source).filter((s) => s.startsWith('rule:'))));
  if (patterns.length) out.push(`- The access patterns ${codeList(patterns)}.`);
  for (const rule of rules) {
    const count = decisions.filter((d) => d.evidence.some((e) => e.source === rule)).length;
    out.push(`- The rule \`${rule}\` (${count} decision${count === 1 ? '' : 's'}).`);
  }
  if (!patterns.length && !rules.length) out.push("- No drivers were recorded beyond each decision's rationale (under More Information).");
  out.push('');

  out.push('## Considered Options', '');
  out.push(`- The ${decisions.length} decision${decisions.length === 1 ? '' : 's'} listed below (chosen)`);
  const alternatives = unique(decisions.flatMap((d) => d.alternatives.map((a) => a.option)));
  for (const option of alternatives) {
    const count = decisions.filter((d) => d.alternatives.some((a) => a.option === option)).length;
    out.push(`- ${option}${count > 1 ? ` (considered for ${count} decisions)` : ''}`);
  }
  out.push('');

  out.push('## Decision Outcome', '');
  out.push(
    `Chosen option: "the ${decisions.length} decision${decisions.length === 1 ? '' : 's'} below", because each follows from its own rationale and evidence${rules.length ? ` (by ${codeList(rules)})` : ''}, listed under More Information.`,
    '',
  );
  out.push('| decision | title | choice | patterns | evidence |', '|---|---|---|---|---|');
  for (const d of decisions) {
    const evidence = `${decisionTier(d)}: ${unique(d.evidence.map((e) => e.source))
      .map((s) => `\`${s}\``)
      .join(', ')}`;
    out.push(`| \`${cell(d.id)}\` | ${cell(d.title)} | ${cell(d.choice)} | ${d.patterns.length ? cell(codeList(d.patterns)) : '—'} | ${cell(evidence)} |`);
  }
  out.push('');
  out.push('### Consequences', '');
  out.push(...consequences(decisions), '');

  out.push('## Pros and Cons of the Options', '');
  for (const d of decisions) {
    if (!d.alternatives.length) continue;
    out.push(`### \`${d.id}\``, '', `Chosen: ${sentence(d.choice)}`, '');
    for (const alt of d.alternatives) out.push(`- Bad (${alt.option}), because ${sentence(alt.rejectedBecause)}`);
    out.push('');
  }
  if (!decisions.some((d) => d.alternatives.length)) out.push('No alternatives were recorded.', '');

  out.push('## More Information', '');
  out.push(`Evidence tier: **${weakest(decisions.map(decisionTier))}** (the weakest tier among the decisions below).`, '');
  for (const d of decisions) {
    out.push(`### \`${d.id}\`: ${d.title}`, '');
    out.push(`Choice: ${d.choice}. Evidence tier: **${decisionTier(d)}**.`, '');
    for (const reason of d.rationale) out.push(`- ${reason}`);
    if (d.rationale.length) out.push('');
    out.push(...evidenceTable(d.evidence));
  }
  return out;
}

/** Consequences grounded in the decisions: the patterns served, recorded trade-offs and notes, and assumptions relied on. */
function consequences(decisions: readonly Decision[]): string[] {
  const out: string[] = [];
  const patterns = unique(decisions.flatMap((d) => d.patterns));
  if (patterns.length) out.push(`- Good, because it serves or is judged by the access pattern${patterns.length === 1 ? '' : 's'} ${codeList(patterns)}.`);
  const executed = decisions.filter((d) => d.evidence.some((e) => e.tier === 'executed'));
  if (executed.length)
    out.push(
      `- Good, because ${decisions.length === 1 ? 'it was' : `${executed.length} of the ${decisions.length} decisions were`} executed on a real engine (${unique(executed.flatMap((d) => d.evidence.filter((e) => e.tier === 'executed').map((e) => `\`${e.source}\``))).join(', ')}).`,
    );
  for (const d of decisions) {
    for (const reason of d.rationale) {
      const m = /^(Trade-off|Note):\s*(.*)$/s.exec(reason);
      if (m) out.push(`- ${m[1] === 'Trade-off' ? 'Bad' : 'Neutral'}, because ${sentence(m[2]!)}`);
    }
  }
  const assumed = new Map<string, string>();
  for (const d of decisions)
    for (const e of d.evidence)
      if (e.tier === 'assumed')
        assumed.set(`${e.source}\u0000${e.detail}`, `- Bad, because it rests on an assumption (\`${e.source}\`): ${sentence(e.detail)}`);
  out.push(...assumed.values());
  if (!out.length) out.push('- Neutral, because no consequences beyond the decision drivers were recorded.');
  return out;
}

function specContext(design: Design): string[] {
  const { spec } = design;
  return [`The spec \`${spec.name}\`${spec.description ? ` (${spec.description})` : ''} is designed by dbarchitect ${design.tool.version}.`, ''];
}

function requirementsList(design: Design): string[] {
  const r = design.spec.requirements;
  const assumed = new Set(r.assumed);
  const mark = (key: string) => (assumed.has(key) ? ' (assumed)' : '');
  const rows: [string, string][] = [
    ['consistency', r.consistency],
    ['availability', `${r.availability}%`],
    ['deployment', r.deployment],
    ['tenancy', `${r.tenancy}${r.tenants !== undefined ? ` (${r.tenants} tenants)` : ''}`],
    ['compliance', r.compliance.length ? r.compliance.join(', ') : 'none'],
    ['cloud', r.cloud],
    ['managed', r.managed],
    ['team', r.team],
    ['budget', r.budget],
    ['horizon', r.horizon.text],
  ];
  if (r.rpo) rows.push(['rpo', r.rpo.text]);
  if (r.rto) rows.push(['rto', r.rto.text]);
  return ['Requirements from the spec:', '', ...rows.map(([key, value]) => `- ${key}: ${value}${mark(key)}`), ''];
}

function evidenceTable(evidence: Decision['evidence']): string[] {
  if (!evidence.length) return ['No evidence was recorded: the decision counts as **assumed**.', ''];
  return ['| tier | source | detail |', '|---|---|---|', ...evidence.map((e) => `| ${e.tier} | ${cell(e.source)} | ${cell(e.detail)} |`), ''];
}

function weakest(tiers: readonly EvidenceTier[]): EvidenceTier {
  return tiers.reduce<EvidenceTier>((low, t) => (TIER_ORDER.indexOf(t) < TIER_ORDER.indexOf(low) ? t : low), 'executed');
}

function pad(n: number): string {
  return String(n).padStart(4, '0');
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function codeList(names: readonly string[]): string {
  return names.map((n) => `\`${n}\``).join(', ');
}

/** Markdown table cell: pipes escaped, newlines flattened. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** Titles carry backticks (`` `order` is not partitioned ``); file names use the plain text. */
function plain(text: string): string {
  return text.replace(/`/g, '');
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
