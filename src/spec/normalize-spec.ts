import { suggestion } from '../diagnostics/did-you-mean.js';
import { parseFieldType } from './field-type.js';
import type { ProblemList } from './problem.js';
import { parseDuration, parsePercentage, parseQuantity, parseRate, type Parsed } from './quantities.js';
import type { AccessPatternSpec, EntitySpec, FieldSpec, Requirements, Spec } from '../model/spec.js';
import type { DocPath } from './yaml-document.js';

/**
 * Expands the spec's shorthand into a typed Spec. Runs over the raw document even when the
 * structural check found problems, skipping what has the wrong shape, so one run reports every
 * problem in the file.
 */
export function normalizeSpec(raw: unknown, problems: ProblemList): Spec | undefined {
  if (!isRecord(raw)) return undefined;
  const parse = <T>(path: DocPath, result: Parsed<T>, code: string): T | undefined => {
    if (result.ok) return result.value;
    problems.error(path, code, result.message, result.fix);
    return undefined;
  };

  const name = typeof raw.name === 'string' ? raw.name : '';
  if (typeof raw.name === 'string' && !/^[a-z][a-z0-9-]*$/.test(name))
    problems.error(
      ['name'],
      'spec/bad-name',
      `\`${name}\` is not a slug`,
      'use lower-case letters, digits and hyphens, starting with a letter, such as `saas-shop`',
    );

  const requirements = normalizeRequirements(isRecord(raw.requirements) ? raw.requirements : {}, parse);
  const conventions = isRecord(raw.conventions) ? raw.conventions : {};
  const entitiesRaw = isRecord(raw.entities) ? raw.entities : {};
  const entities = Object.entries(entitiesRaw).map(([entityName, value]) => normalizeEntity(entityName, isRecord(value) ? value : {}, parse, problems));
  const patterns = Array.isArray(raw.access_patterns) ? raw.access_patterns : [];
  const accessPatterns = patterns.flatMap((value, index) => (isRecord(value) ? [normalizePattern(index, value, parse, problems)] : []));

  checkNames(entities, accessPatterns, requirements, problems);

  return {
    version: 1,
    name,
    ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
    requirements,
    conventions: {
      ids: conventions.ids === 'uuid' || conventions.ids === 'int' ? conventions.ids : 'bigint',
      timestamps: conventions.timestamps === true,
    },
    entities,
    accessPatterns,
  };
}

type ParseFn = <T>(path: DocPath, result: Parsed<T>, code: string) => T | undefined;

const REQUIREMENT_DEFAULTS = {
  consistency: 'strong',
  availability: '99.9%',
  deployment: 'single-region',
  tenancy: 'none',
  compliance: [],
  cloud: 'any',
  managed: 'any',
  team: 'small',
  budget: 'medium',
  horizon: '2y',
} as const;

function normalizeRequirements(raw: Record<string, unknown>, parse: ParseFn): Requirements {
  const assumed = Object.keys(REQUIREMENT_DEFAULTS).filter((k) => raw[k] === undefined);
  const pick = <K extends keyof typeof REQUIREMENT_DEFAULTS>(key: K, allowed: readonly string[]) =>
    (typeof raw[key] === 'string' && allowed.includes(raw[key] as string) ? raw[key] : REQUIREMENT_DEFAULTS[key]) as never;
  const optionalDuration = (key: 'rpo' | 'rto') =>
    raw[key] === undefined ? undefined : parse(['requirements', key], parseDuration(raw[key]), 'spec/bad-duration');
  const rpo = optionalDuration('rpo');
  const rto = optionalDuration('rto');
  const tenants = raw.tenants === undefined ? undefined : parse(['requirements', 'tenants'], parseQuantity(raw.tenants), 'spec/bad-quantity');
  return {
    consistency: pick('consistency', ['strong', 'causal', 'eventual']),
    availability:
      (raw.availability === undefined ? undefined : parse(['requirements', 'availability'], parsePercentage(raw.availability), 'spec/bad-percentage')) ?? 99.9,
    deployment: pick('deployment', ['single-region', 'multi-region']),
    tenancy: pick('tenancy', ['none', 'shared-schema', 'schema-per-tenant', 'database-per-tenant']),
    ...(tenants !== undefined ? { tenants } : {}),
    compliance: Array.isArray(raw.compliance)
      ? ([...new Set(raw.compliance.filter((c) => ['gdpr', 'hipaa', 'pci-dss', 'soc2'].includes(c as string)))].sort() as Requirements['compliance'])
      : [],
    cloud: pick('cloud', ['aws', 'gcp', 'azure', 'any', 'on-prem']),
    managed: pick('managed', ['preferred', 'required', 'avoid', 'any']),
    team: pick('team', ['small', 'medium', 'large']),
    budget: pick('budget', ['low', 'medium', 'high']),
    horizon: (raw.horizon === undefined ? undefined : parse(['requirements', 'horizon'], parseDuration(raw.horizon), 'spec/bad-duration')) ?? {
      text: '2y',
      seconds: 2 * 31_556_952,
    },
    ...(rpo ? { rpo } : {}),
    ...(rto ? { rto } : {}),
    assumed,
  };
}

const ON_DELETE = { restrict: 'restrict', cascade: 'cascade', set_null: 'set-null' } as const;

function normalizeEntity(name: string, raw: Record<string, unknown>, parse: ParseFn, problems: ProblemList): EntitySpec {
  const path = ['entities', name];
  checkIdentifier(path, name, 'entity', problems);
  const fieldsRaw = isRecord(raw.fields) ? raw.fields : {};
  const fields = Object.entries(fieldsRaw).flatMap(([fieldName, value]) => {
    const field = normalizeField([...path, 'fields', fieldName], fieldName, value, parse, problems);
    return field ? [field] : [];
  });
  const stringList = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const rows = raw.rows === undefined ? undefined : parse([...path, 'rows'], parseQuantity(raw.rows), 'spec/bad-quantity');
  const growth = raw.growth === undefined ? undefined : parse([...path, 'growth'], parseRate(raw.growth), 'spec/bad-rate');
  const retention = raw.retention === undefined ? undefined : parse([...path, 'retention'], parseDuration(raw.retention), 'spec/bad-duration');
  return {
    name,
    ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
    fields,
    ...(Array.isArray(raw.key) ? { key: stringList(raw.key) } : {}),
    unique: Array.isArray(raw.unique) ? raw.unique.map(stringList) : [],
    ...(rows !== undefined ? { rows } : {}),
    ...(growth ? { growth } : {}),
    ...(retention ? { retention } : {}),
    appendOnly: raw.append_only === true,
    global: raw.global === true,
  };
}

function normalizeField(path: DocPath, name: string, raw: unknown, parse: ParseFn, problems: ProblemList): FieldSpec | undefined {
  checkIdentifier(path, name, 'field', problems);
  const map = isRecord(raw) ? raw : typeof raw === 'string' ? { type: raw } : undefined;
  if (!map || typeof map.type !== 'string') return undefined;
  const typePath = isRecord(raw) ? [...path, 'type'] : path;
  const parsed = parseFieldType(map.type);
  if (!parsed.ok) problems.error(typePath, parsed.message.startsWith('unknown type') ? 'spec/unknown-type' : 'spec/bad-type', parsed.message, parsed.fix);
  // A field whose type is wrong still makes its column (as text), so SQL naming it is not reported too.
  const { type, required: bang } = parsed.ok ? parsed.value : { type: { kind: 'text' as const }, required: false };
  const required = bang || map.required === true;
  const distinct = map.distinct === undefined ? undefined : parse([...path, 'distinct'], parseQuantity(map.distinct), 'spec/bad-quantity');
  if (bang && map.required === false)
    problems.error(path, 'spec/conflicting-required', 'the type ends in `!` (required) but `required: false` is set', 'remove one of the two');
  const field: FieldSpec = {
    name,
    type,
    required,
    unique: map.unique === true,
    ...(map.default !== undefined && ['string', 'number', 'boolean'].includes(typeof map.default) ? { default: map.default as string | number | boolean } : {}),
    pii: map.pii === true,
    ...(typeof map.min === 'number' ? { min: map.min } : {}),
    ...(typeof map.max === 'number' ? { max: map.max } : {}),
    onDelete: ON_DELETE[map.on_delete as keyof typeof ON_DELETE] ?? 'restrict',
    ...(distinct !== undefined ? { distinct } : {}),
    ...(typeof map.description === 'string' ? { description: map.description } : {}),
  };
  checkFieldOptions(path, field, map, problems);
  return field;
}

function checkFieldOptions(path: DocPath, field: FieldSpec, map: Record<string, unknown>, problems: ProblemList): void {
  const { type } = field;
  const numeric = ['int', 'bigint', 'decimal', 'money', 'float'].includes(type.kind);
  if ((field.min !== undefined || field.max !== undefined) && !numeric)
    problems.error(
      [...path, field.min !== undefined ? 'min' : 'max'],
      'spec/bad-option',
      `\`min\`/\`max\` apply to numbers, not to ${type.kind}`,
      'remove it, or use a numeric type',
    );
  if (field.min !== undefined && field.max !== undefined && field.min > field.max)
    problems.error([...path, 'min'], 'spec/bad-option', `min (${field.min}) is larger than max (${field.max})`, 'swap them');
  if (map.on_delete !== undefined && type.kind !== 'ref')
    problems.error([...path, 'on_delete'], 'spec/bad-option', '`on_delete` applies only to `ref` fields', 'remove it');
  if (field.onDelete === 'set-null' && field.required)
    problems.error(
      [...path, 'on_delete'],
      'spec/bad-option',
      '`on_delete: set_null` cannot set a required field to null',
      'use `cascade` or `restrict`, or make the field optional',
    );
  if (type.kind === 'many' && (field.required || field.unique || field.default !== undefined))
    problems.error(path, 'spec/bad-option', '`many` is a relation table: `required`, `unique` and `default` do not apply', 'remove them');
  if (field.default !== undefined) checkDefault([...path, 'default'], field, problems);
}

function checkDefault(path: DocPath, field: FieldSpec, problems: ProblemList): void {
  const value = field.default;
  const { type } = field;
  const bad = (expected: string) =>
    problems.error(path, 'spec/bad-default', `default \`${String(value)}\` is not ${expected}`, `write ${expected}, or remove the default`);
  switch (type.kind) {
    case 'bool':
      if (typeof value !== 'boolean') bad('`true` or `false`');
      break;
    case 'int':
    case 'bigint':
      if (typeof value !== 'number' || !Number.isInteger(value)) bad('an integer');
      break;
    case 'decimal':
    case 'money':
    case 'float':
      if (typeof value !== 'number') bad('a number');
      break;
    case 'enum':
      if (!type.values.includes(String(value)))
        problems.error(path, 'spec/bad-default', `default \`${String(value)}\` is not one of the enum's values`, suggestion(String(value), type.values));
      break;
    case 'string':
      if (String(value).length > type.length) bad(`a string of at most ${type.length} characters`);
      break;
    case 'ref':
    case 'json':
    case 'uuid':
    case 'date':
    case 'time':
    case 'timestamp':
      problems.error(path, 'spec/bad-default', `defaults for ${type.kind} fields are not supported`, 'remove the default and set the value in the application');
      break;
    default:
      break;
  }
}

function normalizePattern(index: number, raw: Record<string, unknown>, parse: ParseFn, problems: ProblemList): AccessPatternSpec {
  const path = ['access_patterns', index];
  const name = typeof raw.name === 'string' ? raw.name : `pattern_${index + 1}`;
  if (typeof raw.name === 'string') checkIdentifier([...path, 'name'], name, 'access pattern', problems);
  const rate = raw.rate === undefined ? undefined : parse([...path, 'rate'], parseRate(raw.rate), 'spec/bad-rate');
  const p99 = raw.p99 === undefined ? undefined : parse([...path, 'p99'], parseDuration(raw.p99), 'spec/bad-duration');
  const staleness = raw.staleness === undefined ? undefined : parse([...path, 'staleness'], parseDuration(raw.staleness), 'spec/bad-duration');
  const window = raw.window === undefined ? undefined : parse([...path, 'window'], parseDuration(raw.window), 'spec/bad-duration');
  return {
    name,
    ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
    sql: typeof raw.sql === 'string' ? raw.sql : '',
    rate: rate ?? { text: '0/s', perSecond: 0 },
    ...(p99 ? { p99 } : {}),
    ...(staleness ? { staleness } : {}),
    ...(window ? { window } : {}),
  };
}

/** PostgreSQL truncates identifiers at 63 bytes (NAMEDATALEN - 1); longer ones would collide. */
const MAX_IDENTIFIER_BYTES = 63;

function checkIdentifier(path: DocPath, name: string, what: string, problems: ProblemList): void {
  if (!/^[a-z][a-z0-9_]*$/.test(name))
    problems.error(
      path,
      'spec/bad-identifier',
      `${what} name \`${name}\` is not snake_case`,
      `use lower-case letters, digits and underscores, starting with a letter, such as \`${toSnakeCase(name)}\``,
      { at: 'key' },
    );
  else if (Buffer.byteLength(name) > MAX_IDENTIFIER_BYTES - 4)
    problems.error(
      path,
      'spec/long-identifier',
      `${what} name \`${name}\` is longer than ${MAX_IDENTIFIER_BYTES - 4} characters`,
      'shorten it: databases truncate long identifiers and derived names (`_id`, `_idx`) need room',
      { at: 'key' },
    );
}

function toSnakeCase(name: string): string {
  const snake = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(snake) ? snake : `x_${snake}`;
}

function checkNames(entities: EntitySpec[], patterns: AccessPatternSpec[], requirements: Requirements, problems: ProblemList): void {
  const entityNames = entities.map((e) => e.name);
  for (const entity of entities) {
    for (const field of entity.fields) {
      if (field.type.kind !== 'ref' && field.type.kind !== 'many') continue;
      if (!entityNames.includes(field.type.entity)) {
        const fieldPath = ['entities', entity.name, 'fields', field.name];
        problems.error(
          fieldPath,
          'spec/unknown-entity',
          `\`${field.type.kind}(${field.type.entity})\` names no entity of this spec`,
          suggestion(field.type.entity, entityNames, 'an entity:'),
        );
      }
    }
    if (entity.global && requirements.tenancy === 'none')
      problems.warning(
        ['entities', entity.name, 'global'],
        'spec/global-without-tenancy',
        '`global` has no effect without tenancy',
        'remove it, or set `requirements.tenancy`',
      );
  }
  const seen = new Map<string, number>();
  patterns.forEach((pattern, index) => {
    const first = seen.get(pattern.name);
    if (first !== undefined)
      problems.error(
        ['access_patterns', index, 'name'],
        'spec/duplicate-pattern',
        `access pattern \`${pattern.name}\` is already defined at access_patterns[${first}]`,
        'give each access pattern a unique name',
      );
    else seen.set(pattern.name, index);
  });
  if (requirements.tenants !== undefined && requirements.tenancy === 'none')
    problems.warning(
      ['requirements', 'tenants'],
      'spec/tenants-without-tenancy',
      '`tenants` is set but `tenancy` is `none`',
      'set `tenancy`, or remove `tenants`',
    );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
