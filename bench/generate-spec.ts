/**
 * A deterministic generator of realistic specs (the format of examples/saas-shop.yaml, docs/spec.md)
 * for benchmarks: the same (entities, seed) always gives the same bytes.
 *
 * What it makes, for `entities` = N:
 * - `requirements.tenancy: shared-schema`, conventions (bigint ids, timestamps);
 * - a global `tenant` entity first, then N - 1 tenant-scoped entities named `<area>_<noun>`;
 * - each entity 5–12 fields (ref fields included) of mixed types: string(n)!, text, int, money!,
 *   timestamp!, enum(...)!, bool, json, email (pii), phone (pii), some with defaults or min/max;
 * - 1–3 `ref(...)` fields to earlier entities (required ones with on_delete restrict/cascade,
 *   optional ones with set_null or the default), an optional self reference (`parent`) on ~1 in 8,
 *   a `many(...)` relation on ~1 in 12;
 * - `unique` lists (`[tenant_id, code]`), `rows`, `growth`, `retention`, some `append_only`;
 * - one or two access patterns per entity, picked from: a select by tenant_id and a ref column with
 *   ORDER BY/LIMIT, a join to the referenced table, and an insert of the required columns.
 *
 * Run directly to print a spec: `npx tsx bench/generate-spec.ts 150 > /tmp/spec.yaml`.
 */

export interface GeneratedSpec {
  readonly name: string;
  readonly text: string;
  readonly stats: SpecStats;
}

export interface SpecStats {
  readonly entities: number;
  /** Fields as written in the spec (ref and many fields included). */
  readonly fields: number;
  readonly refs: number;
  readonly selfRefs: number;
  readonly manys: number;
  readonly patterns: number;
  readonly bytes: number;
  readonly lines: number;
}

/** mulberry32: small, fast, deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AREAS = [
  'billing',
  'catalog',
  'crm',
  'support',
  'shipping',
  'warehouse',
  'hr',
  'payroll',
  'marketing',
  'analytics',
  'identity',
  'content',
  'scheduling',
  'procurement',
  'finance',
  'legal',
  'fleet',
  'learning',
  'survey',
  'audit',
  'pricing',
  'loyalty',
  'booking',
  'messaging',
  'insurance',
];
// No SQL keywords (order, user, group...) so the generated SQL needs no quoting.
const NOUNS = [
  'account',
  'invoice',
  'invoice_line',
  'payment',
  'refund',
  'product',
  'variant',
  'supplier',
  'shipment',
  'parcel',
  'ticket',
  'comment',
  'agent',
  'contact',
  'lead',
  'deal',
  'campaign',
  'coupon',
  'employee',
  'contract',
  'timesheet',
  'expense',
  'asset',
  'vehicle',
  'trip',
  'course',
  'lesson',
  'enrollment',
  'question',
  'answer',
  'document',
  'page',
  'media',
  'appointment',
  'room',
  'slot',
  'vendor',
  'purchase',
  'receipt',
  'budget',
];

const ENUMS = [
  ['draft', 'active', 'archived'],
  ['pending', 'approved', 'rejected'],
  ['open', 'in_progress', 'resolved', 'closed'],
  ['low', 'normal', 'high', 'urgent'],
  ['new', 'processing', 'shipped', 'delivered', 'cancelled'],
];

type Scalar = { name: string; type: string; map?: Record<string, string | number | boolean> };

/** Candidate scalar fields by kind; `type` is the shorthand, `map` turns it into the map form. */
const SCALARS: ((r: () => number) => Scalar)[] = [
  () => ({ name: 'name', type: 'string(120)!' }),
  () => ({ name: 'title', type: 'string(300)!' }),
  () => ({ name: 'code', type: 'string(40)!' }),
  () => ({ name: 'label', type: 'string(80)' }),
  () => ({ name: 'notes', type: 'text' }),
  () => ({ name: 'body', type: 'text' }),
  () => ({ name: 'quantity', type: 'int', map: { required: true, min: 0 } }),
  () => ({ name: 'position', type: 'int' }),
  () => ({ name: 'attempts', type: 'int', map: { required: true, default: 0, min: 0, max: 100 } }),
  () => ({ name: 'amount', type: 'money!' }),
  () => ({ name: 'balance', type: 'money!' }),
  () => ({ name: 'occurred_at', type: 'timestamp!' }),
  () => ({ name: 'due_at', type: 'timestamp!' }),
  () => ({ name: 'closed_at', type: 'timestamp' }),
  (r) => {
    const values = ENUMS[Math.floor(r() * ENUMS.length)]!;
    return r() < 0.5
      ? { name: 'status', type: `enum(${values.join(', ')})!` }
      : { name: 'status', type: `enum(${values.join(', ')})`, map: { required: true, default: values[0]! } };
  },
  () => ({ name: 'priority', type: `enum(${ENUMS[3]!.join(', ')})!` }),
  () => ({ name: 'active', type: 'bool', map: { required: true, default: true } }),
  () => ({ name: 'archived', type: 'bool' }),
  () => ({ name: 'metadata', type: 'json' }),
  () => ({ name: 'settings', type: 'json' }),
  () => ({ name: 'contact_email', type: 'email', map: { required: true, pii: true } }),
  () => ({ name: 'phone', type: 'phone', map: { pii: true } }),
  () => ({ name: 'full_name', type: 'string(200)', map: { pii: true } }),
  () => ({ name: 'currency', type: 'string(3)', map: { required: true, default: 'USD' } }),
];

const QUANTITIES = ['5k', '40k', '100k', '2M', '20M', '200M'];
const GROWTH = ['150/month', '2k/day', '40k/month', '300k/month', '5M/month'];
const RETENTION = ['90d', '2y', '7y'];

interface Ref {
  field: string;
  target: string;
  required: boolean;
}

interface Entity {
  name: string;
  lines: string[];
  refs: Ref[];
  scalars: { name: string; required: boolean; type: string }[];
  orderColumn: string;
}

export function generateSpec(entityCount: number, seed = 1): GeneratedSpec {
  if (!Number.isInteger(entityCount) || entityCount < 2) throw new Error(`entities must be an integer >= 2, not ${entityCount}`);
  const r = rng(seed ^ (entityCount * 2654435761));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const name = `generated-${entityCount}`;
  let fields = 0;
  let refs = 0;
  let selfRefs = 0;
  let manys = 0;

  const out: string[] = [
    `# Generated by bench/generate-spec.ts (${entityCount} entities, seed ${seed}); do not edit.`,
    'version: 1',
    `name: ${name}`,
    `description: A generated multi-tenant platform of ${entityCount} entities for benchmarks`,
    '',
    'requirements:',
    '  consistency: strong',
    '  availability: 99.95%',
    '  tenancy: shared-schema',
    '  tenants: 5000',
    '  compliance: [gdpr]',
    '  horizon: 3y',
    '',
    'conventions:',
    '  ids: bigint',
    '  timestamps: true',
    '',
    'entities:',
    '  tenant:',
    '    description: The customer organisation that owns the rows',
    '    global: true',
    '    rows: 5k',
    '    growth: 150/month',
    '    fields:',
    '      name: string(120)!',
    '      slug: { type: string(60), required: true, unique: true }',
    '      plan: enum(free, pro, enterprise)!',
    '      billing_email: { type: email, required: true, pii: true }',
    '      region: string(20)!',
  ];
  fields += 5;

  const entities: Entity[] = [];
  const used = new Set<string>(['tenant']);
  for (let i = 1; i < entityCount; i++) {
    const base = `${AREAS[(i - 1) % AREAS.length]}_${NOUNS[Math.floor((i - 1) / AREAS.length) % NOUNS.length]}`;
    let entityName = base;
    for (let n = 2; used.has(entityName); n++) entityName = `${base}_${n}`;
    used.add(entityName);

    const lines: string[] = [`  ${entityName}:`];
    if (r() < 0.3) lines.push(`    description: ${entityName.replace(/_/g, ' ')} records of a tenant`);
    const appendOnly = r() < 0.1;
    if (appendOnly) lines.push('    append_only: true');
    lines.push(`    rows: ${pick(QUANTITIES)}`);
    if (r() < 0.8) lines.push(`    growth: ${pick(GROWTH)}`);
    if (r() < 0.35) lines.push(`    retention: ${pick(RETENTION)}`);
    lines.push('    fields:');

    // References to earlier entities: 1-3 distinct targets (none for the first entity).
    const entityRefs: Ref[] = [];
    const refCount = entities.length === 0 ? 0 : Math.min(entities.length, 1 + Math.floor(r() * 3));
    const targets = new Set<string>();
    while (targets.size < refCount) {
      // Prefer recent entities (a realistic locality), sometimes any earlier one.
      const j = r() < 0.7 ? Math.max(0, entities.length - 1 - Math.floor(r() * 20)) : Math.floor(r() * entities.length);
      targets.add(entities[j]!.name);
    }
    const fieldLines: string[] = [];
    for (const target of targets) {
      const required = r() < 0.65;
      const field = target;
      entityRefs.push({ field, target, required });
      if (required)
        fieldLines.push(
          r() < 0.5
            ? `      ${field}: ref(${target})!`
            : `      ${field}: { type: ref(${target}), required: true, on_delete: ${r() < 0.5 ? 'cascade' : 'restrict'} }`,
        );
      else fieldLines.push(r() < 0.5 ? `      ${field}: ref(${target})` : `      ${field}: { type: ref(${target}), on_delete: set_null }`);
    }
    refs += entityRefs.length;
    if (r() < 0.125) {
      fieldLines.push(`      parent: { type: ref(${entityName}), on_delete: set_null }`);
      entityRefs.push({ field: 'parent', target: entityName, required: false });
      refs++;
      selfRefs++;
    }

    // Scalars up to a total of 5-12 fields, at least 3 scalars.
    const total = 5 + Math.floor(r() * 8);
    const scalarCount = Math.max(3, total - fieldLines.length);
    const scalars: Entity['scalars'] = [];
    const names = new Set<string>();
    while (scalars.length < scalarCount) {
      const s = pick(SCALARS)(r);
      if (names.has(s.name)) continue;
      names.add(s.name);
      let line: string;
      let required: boolean;
      if (s.map) {
        const type = /[,]/.test(s.type) ? `"${s.type}"` : s.type;
        const extra = Object.entries(s.map)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ');
        line = `      ${s.name}: { type: ${type}, ${extra} }`;
        required = s.map.required === true || s.type.endsWith('!');
      } else {
        line = `      ${s.name}: ${s.type}`;
        required = s.type.endsWith('!');
      }
      fieldLines.push(line);
      scalars.push({ name: s.name, required, type: s.type });
    }
    // Interleave: scalars first reads more naturally, refs after the identifying fields.
    const refLines = fieldLines.filter((l) => /ref\(/.test(l));
    const scalarLines = fieldLines.filter((l) => !/ref\(/.test(l));
    lines.push(...scalarLines.slice(0, 2), ...refLines, ...scalarLines.slice(2));
    fields += fieldLines.length;

    if (entities.length > 0 && fieldLines.length < 12 && r() < 1 / 12) {
      const target = entities[Math.floor(r() * entities.length)]!.name;
      lines.push(`      linked_${target.split('_').pop()}s: many(${target})`);
      manys++;
      fields++;
    }

    const unique: string[] = [];
    if (names.has('code')) unique.push('[tenant_id, code]');
    if (names.has('contact_email') && r() < 0.5) unique.push('[tenant_id, contact_email]');
    if (unique.length) lines.push(`    unique: [${unique.join(', ')}]`);

    const timestamp = scalars.find((s) => s.type.startsWith('timestamp'))?.name;
    entities.push({ name: entityName, lines, refs: entityRefs, scalars, orderColumn: timestamp ?? 'created_at' });
  }
  for (const e of entities) out.push('', ...e.lines);

  // Access patterns: one or two per entity.
  out.push('', 'access_patterns:');
  let patterns = 0;
  const rates = ['5/s', '20/s', '60/s', '200/s', '400/s', '1500/s'];
  const p99s = ['10ms', '20ms', '50ms', '200ms'];
  const pattern = (patternName: string, sql: string, description?: string) => {
    out.push(`  - name: ${patternName}`);
    if (description) out.push(`    description: ${description}`);
    out.push('    sql: |', ...sql.split('\n').map((l) => `      ${l}`), `    rate: ${pick(rates)}`, `    p99: ${pick(p99s)}`);
    if (r() < 0.2) out.push(`    staleness: ${pick(['60s', '5m'])}`);
    patterns++;
  };
  const columnsOf = (e: Entity, n: number) => ['id', ...e.scalars.slice(0, n).map((s) => s.name)].join(', ');
  entities.forEach((e, index) => {
    const kinds: ('by-ref' | 'join' | 'insert')[] = [];
    const foreign = e.refs.filter((ref) => ref.target !== e.name);
    const first: 'by-ref' | 'join' | 'insert' = foreign.length ? pick(['by-ref', 'by-ref', 'join', 'insert'] as const) : 'insert';
    kinds.push(first);
    if (r() < 0.5) {
      const second = pick(['by-ref', 'join', 'insert'] as const);
      if (second !== first && (second === 'insert' || foreign.length)) kinds.push(second);
    }
    for (const kind of kinds) {
      const ref = foreign.length ? foreign[Math.floor(r() * foreign.length)]! : undefined;
      const id = `p${index + 1}`;
      if (kind === 'by-ref' && ref) {
        pattern(
          `${id}_${e.name}_by_${ref.field}`.slice(0, 59).replace(/_+$/, ''),
          `select ${columnsOf(e, 3)}\nfrom ${e.name}\nwhere tenant_id = :tenant and ${ref.field}_id = :${ref.field}\norder by ${e.orderColumn} desc\nlimit ${pick([20, 50, 100])}`,
          r() < 0.3 ? `The ${e.name.replace(/_/g, ' ')} rows of one ${ref.target.replace(/_/g, ' ')}, newest first` : undefined,
        );
      } else if (kind === 'join' && ref) {
        const target = entities.find((t) => t.name === ref.target)!;
        const targetColumns = target.scalars
          .slice(0, 2)
          .map((s) => `r.${s.name}`)
          .join(', ');
        pattern(
          `${id}_${e.name}_with_${ref.field}`.slice(0, 59).replace(/_+$/, ''),
          `select e.${columnsOf(e, 2).split(', ').join(', e.')}, ${targetColumns}\nfrom ${e.name} e\njoin ${ref.target} r on r.id = e.${ref.field}_id and r.tenant_id = e.tenant_id\nwhere e.tenant_id = :tenant and e.id = :id`,
        );
      } else {
        const cols = [...e.refs.filter((x) => x.required).map((x) => `${x.field}_id`), ...e.scalars.filter((s) => s.required).map((s) => s.name)];
        const values = cols.map((c) => (c === 'occurred_at' ? 'now()' : `:${c.replace(/_id$/, '')}`));
        pattern(
          `${id}_create_${e.name}`.slice(0, 59).replace(/_+$/, ''),
          `insert into ${e.name} (${['tenant_id', ...cols].join(', ')})\nvalues (${[':tenant', ...values].join(', ')})`,
        );
      }
    }
  });

  const text = out.join('\n') + '\n';
  return {
    name,
    text,
    stats: { entities: entityCount, fields, refs, selfRefs, manys, patterns, bytes: Buffer.byteLength(text), lines: out.length },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 150);
  const seed = Number(process.argv[3] ?? 1);
  process.stdout.write(generateSpec(count, seed).text);
}
