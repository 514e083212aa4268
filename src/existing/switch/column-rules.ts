import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type {
  CollationSpec,
  SourceColumnFacts,
  SourceDataFacts,
  TargetNativeType,
  TransferColumn,
  TransferTarget,
  ValueKind,
} from '../../dialects/transfer.js';
import type { LogicalType } from '../../model/logical-type.js';
import type { Check, Column, ColumnDefault } from '../../model/schema.js';
import type { ColumnMapping } from './mapping.js';

/** A MySQL column as the target has it: its column, how its values move, what was stated about it. */
export interface MappedColumn {
  readonly column: Column;
  readonly transfer: TransferColumn;
  readonly mappings: readonly ColumnMapping[];
  readonly checks: readonly Check[];
  readonly collation?: CollationSpec;
  readonly diagnostics: readonly Diagnostic[];
}

export const SPATIAL_TYPES = new Set(['geometry', 'point', 'linestring', 'polygon', 'multipoint', 'multilinestring', 'multipolygon', 'geometrycollection']);
const TEXT_TYPES = new Set(['char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext']);
const BYTE_TYPES = new Set(['binary', 'varbinary', 'tinyblob', 'blob', 'mediumblob', 'longblob']);

/**
 * The nondeterministic ICU collations a case-insensitive MySQL collation becomes. MySQL's `_ci`
 * collations (utf8mb4_general_ci, utf8mb4_unicode_ci, utf8mb4_0900_ai_ci) ignore case and accents:
 * ICU's strength 1 (`ks-level1`); MySQL 8's `_as_ci` ignores case only: strength 2.
 */
export const CASE_AND_ACCENT_INSENSITIVE: CollationSpec = { name: 'mysql_ci_ai', locale: 'und-u-ks-level1' };
export const CASE_INSENSITIVE: CollationSpec = { name: 'mysql_ci_as', locale: 'und-u-ks-level2' };

/** Where a text column's collation goes: an ICU collation for `_ci`, byte order ("C") for `_bin`, the target's default otherwise. */
export function collationFor(collation: string | null): CollationSpec | 'C' | undefined {
  if (collation === null) return undefined;
  const name = collation.toLowerCase();
  if (/_as_ci$/.test(name)) return CASE_INSENSITIVE;
  if (/_ci$/.test(name)) return CASE_AND_ACCENT_INSENSITIVE;
  if (/_bin$/.test(name)) return 'C';
  return undefined;
}

const UTF8_CHARSETS = new Set(['utf8mb4', 'utf8mb3', 'utf8', 'ascii']);

export interface ColumnInput {
  readonly table: string;
  readonly column: Column;
  readonly facts: SourceColumnFacts;
  readonly data: SourceDataFacts | undefined;
  /** The column is part of the primary key or a unique key. */
  readonly keyed: boolean;
  readonly target: TransferTarget;
}

/**
 * One column's rule. Every rule that changes what a value means, what it may hold, or how it
 * compares states itself as a `ColumnMapping`; plain renamings of the same type (int -> integer)
 * do not.
 */
export function mapColumn(input: ColumnInput): MappedColumn {
  const { table, column, facts, data, target } = input;
  const dataType = facts.dataType.toLowerCase();
  const declared = facts.columnType;
  const unsigned = /\bunsigned\b/i.test(declared);
  const mappings: ColumnMapping[] = [];
  const checks: Check[] = [];
  const diagnostics: Diagnostic[] = [];
  let type: LogicalType = column.type;
  let kind: ValueKind = 'text';
  let width: number | undefined;
  let sourceRead: TransferColumn['sourceRead'];
  let nullable = column.nullable;
  let columnDefault: ColumnDefault | undefined = column.default;
  let collation: CollationSpec | undefined;
  const native = (t: TargetNativeType): LogicalType => ({ kind: 'native', dialect: target.dialect, sql: target.nativeType(t) });
  const state = (rule: string, why: string, risk?: string) =>
    mappings.push({ table, column: column.name, from: declared, to: '', rule, why, ...(risk ? { risk } : {}) });
  const check = (suffix: string, sql: string) =>
    checks.push({ name: `${table}_${column.name}_${suffix}`, rule: { kind: 'expression', sql, columns: [column.name] } });
  const unsignedCheck = (bound: string) => {
    check('unsigned', target.conditions.nonNegative(column.name));
    state(
      'unsigned',
      `PostgreSQL has no unsigned types: ${target.columnType(type)} holds every value up to ${bound}, and CHECK (${target.conditions.nonNegative(column.name)}) keeps the lower bound`,
    );
  };

  switch (dataType) {
    case 'tinyint':
      if (/^tinyint\(1\)/i.test(declared) && !unsigned) {
        if ((data?.nonBoolean ?? 0) > 0) {
          type = { kind: 'int16' };
          kind = 'integer';
          if (columnDefault?.kind === 'literal' && typeof columnDefault.value === 'boolean')
            columnDefault = { kind: 'literal', value: columnDefault.value ? 1 : 0 };
          state(
            'tinyint1-not-boolean',
            `tinyint(1) is how MySQL spells BOOL, but ${data!.nonBoolean} rows hold values other than 0 and 1: kept a small integer`,
          );
        } else {
          type = { kind: 'bool' };
          kind = 'bool';
          state(
            'tinyint1-boolean',
            "tinyint(1) is MySQL's BOOL and every row holds 0 or 1: 0 becomes false, 1 true",
            'the application must write true/false (or 0/1 cast); a later write of 2 fails instead of being stored',
          );
        }
      } else {
        type = { kind: 'int16' };
        kind = 'integer';
        if (unsigned) unsignedCheck('255');
      }
      break;
    case 'smallint':
      type = unsigned ? { kind: 'int32' } : { kind: 'int16' };
      kind = 'integer';
      if (unsigned) unsignedCheck('65535 (smallint stops at 32767)');
      break;
    case 'mediumint':
      type = { kind: 'int32' };
      kind = 'integer';
      if (unsigned) unsignedCheck('16777215');
      else state('mediumint', 'PostgreSQL has no 3-byte integer: integer holds every mediumint value');
      break;
    case 'int':
      type = unsigned ? { kind: 'int64' } : { kind: 'int32' };
      kind = 'integer';
      if (unsigned) unsignedCheck('4294967295 (integer stops at 2147483647)');
      break;
    case 'bigint':
      kind = 'integer';
      if (!unsigned) type = { kind: 'int64' };
      else if (column.identity) {
        // An identity's type must be an integer: numeric cannot hand out values.
        type = { kind: 'int64' };
        check('unsigned', target.conditions.nonNegative(column.name));
        state(
          'unsigned-bigint-identity',
          'an AUTO_INCREMENT bigint unsigned becomes a bigint identity: an identity must be an integer type, and numeric(20,0) is not',
          "values above 9223372036854775807 (bigint's top) cannot be copied: the copy stops at the first such row",
        );
      } else {
        type = { kind: 'decimal', precision: 20, scale: 0 };
        check('unsigned', target.conditions.nonNegative(column.name));
        state(
          'unsigned-bigint',
          "bigint unsigned goes to 18446744073709551615, past bigint's 9223372036854775807: numeric(20,0) holds every value exactly, and CHECK (>= 0) keeps the lower bound",
          "numeric arithmetic and comparisons are slower than bigint's; bigint would do where the values stay below 2^63",
        );
      }
      break;
    case 'decimal':
    case 'numeric':
      kind = 'decimal';
      if (unsigned) unsignedCheck(`the declared precision`);
      break;
    case 'float':
      type = native({ kind: 'float4' });
      kind = 'float';
      state('float4', 'MySQL FLOAT is single precision (4 bytes): real keeps that precision; double precision would show digits the source never stored');
      break;
    case 'double':
    case 'real':
      type = { kind: 'float' };
      kind = 'float';
      if (unsigned) unsignedCheck("the type's maximum");
      break;
    case 'bit': {
      width = Number(/\((\d+)\)/.exec(declared)?.[1] ?? 1);
      type = native({ kind: 'bits', width });
      kind = 'bits';
      const bits = columnDefault?.kind === 'expression' ? /^b'([01]*)'$/i.exec(columnDefault.sql)?.[1] : undefined;
      columnDefault = bits === undefined ? undefined : { kind: 'expression', sql: target.bitsDefault(bits.padStart(width, '0')) };
      state(
        'bit',
        `bit(${width}) becomes bit(${width}): the same bit string (MySQL hands it over as bytes, right-aligned)`,
        width === 1 ? "a bit(1) used as a flag reads as B'1', not true: the application compares bit strings" : undefined,
      );
      break;
    }
    case 'enum':
      kind = 'enum';
      state(
        'enum',
        "a PostgreSQL enum type with the same values in the same order, not text + CHECK: it sorts by declaration order as MySQL sorts an ENUM (so ORDER BY and the copy's key order agree), stores 4 bytes, and rejects other values",
        "a value added later is ALTER TYPE … ADD VALUE (not in a transaction before PostgreSQL 12); MySQL's empty-string error value of non-strict modes is not a member and fails the copy",
      );
      break;
    case 'set': {
      const values = facts.members ?? [];
      type = native({ kind: 'text-list' });
      kind = 'set';
      check('members', target.conditions.subsetOf(column.name, values));
      if (columnDefault?.kind === 'literal')
        columnDefault = { kind: 'expression', sql: target.listDefault(String(columnDefault.value).split(',').filter(Boolean)) };
      state(
        'set',
        `SET becomes text[]: 'a,b' is copied as {a,b} (MySQL's member order), '' as {}; CHECK (… <@ ARRAY[${values.length} members]) keeps the members`,
        'queries using FIND_IN_SET or bit arithmetic on the set must become array operators (@>, ANY)',
      );
      break;
    }
    case 'date':
    case 'datetime':
    case 'timestamp': {
      kind = dataType === 'date' ? 'date' : dataType === 'datetime' ? 'timestamp' : 'timestamptz';
      if (dataType === 'datetime')
        state(
          'datetime',
          'DATETIME becomes timestamp without time zone: the wall-clock value is copied as written, no zone applied; the application keeps meaning the zone it meant',
        );
      if (dataType === 'timestamp')
        state(
          'timestamp',
          "TIMESTAMP becomes timestamptz: MySQL stores UTC and converts by the session's time_zone; the copy reads with time_zone +00:00 and writes the instant with Z, so every row keeps its instant",
        );
      const zeroDefault = columnDefault?.kind === 'literal' && isZeroDate(String(columnDefault.value));
      if (zeroDefault) columnDefault = undefined;
      const zeros = data?.zeroDates ?? 0;
      if (zeros > 0 || zeroDefault) {
        nullable = true;
        state(
          'zero-date',
          `${zeros} rows hold a zero date (0000-00-00 or a zero month or day), which PostgreSQL has no value for: they become NULL${zeroDefault ? ', and the zero default is dropped' : ''}`,
          column.nullable
            ? 'code that looks for 0000-00-00 must look for NULL'
            : 'the column was NOT NULL and becomes nullable: code that reads it must handle NULL, and a NOT NULL is added back only once no zero date is written (a change-capture sink such as Debezium writes zero dates of a required column as 1970-01-01, not NULL)',
        );
      }
      break;
    }
    case 'time':
      if ((data?.outsideDay ?? 0) > 0) {
        type = native({ kind: 'interval' });
        kind = 'duration';
        state(
          'time-duration',
          `MySQL TIME is a duration (-838:59:59 to 838:59:59) and ${data!.outsideDay} rows lie outside one day: interval holds them, time would not`,
        );
      } else {
        kind = 'time';
      }
      break;
    case 'year':
      type = { kind: 'int16' };
      kind = 'integer';
      check('year', target.conditions.yearRange(column.name));
      state('year', 'YEAR becomes smallint with CHECK (1901 to 2155, or 0): PostgreSQL has no year type; the zero year 0000 stays 0');
      break;
    case 'json':
      kind = 'json';
      type = { kind: 'json' };
      state('json', 'JSON becomes jsonb: stored parsed, compared by value, keys reordered and duplicate keys dropped (the last one kept)');
      break;
    case 'uuid':
      kind = 'uuid';
      break;
    case 'inet4':
    case 'inet6':
      type = native({ kind: 'inet' });
      kind = 'text';
      state('inet', `MariaDB's ${dataType} becomes inet, which holds both address families`);
      break;
    default:
      if (TEXT_TYPES.has(dataType)) {
        kind = type.kind === 'json' ? 'json' : 'text';
        if (type.kind === 'json') {
          state(
            'json',
            "MariaDB's JSON (LONGTEXT with a json_valid check) becomes jsonb: stored parsed, compared by value, keys reordered and duplicate keys dropped (the last one kept)",
          );
          break;
        }
        const target_ = collationFor(facts.collation);
        if (facts.charset && !UTF8_CHARSETS.has(facts.charset.toLowerCase()))
          diagnostics.push({
            code: 'switch/charset',
            severity: 'warning',
            message: `${table}.${column.name} is stored as ${facts.charset}: the copy converts it to UTF-8 through the driver, and key order compares UTF-8 bytes`,
            fix: 'convert the column to utf8mb4 on the source first if it is part of a key',
          });
        if (target_ === 'C') {
          type = native({ kind: 'collated', base: type, collation: 'C' });
          state('binary-collation', `${facts.collation} compares bytes: COLLATE "C" compares them the same way`);
        } else if (target_) {
          collation = target_;
          type = native({ kind: 'collated', base: type, collation: target_.name });
          state(
            'case-insensitive-collation',
            `${facts.collation} ignores case${target_ === CASE_AND_ACCENT_INSENSITIVE ? ' and accents' : ''}: a nondeterministic ICU collation (${target_.locale}) compares the same way, so = and ORDER BY behave as before (citext would ignore case only, and needs an extension)`,
            input.keyed
              ? 'a primary or unique key on it rejects values MySQL rejected (Ann@x = ann@x), but MySQL\'s PAD SPACE also equated trailing spaces (a = "a "), PostgreSQL does not: such pairs become distinct; LIKE and regular expressions are refused on nondeterministic collations before PostgreSQL 18'
              : 'LIKE and regular expressions are refused on nondeterministic collations before PostgreSQL 18: queries using them add COLLATE "C" or use ILIKE on a deterministic copy',
          );
        }
      } else if (BYTE_TYPES.has(dataType)) {
        type = { kind: 'bytes' };
        kind = 'bytes';
        state(
          'bytes',
          `${dataType} becomes bytea`,
          dataType === 'binary'
            ? `binary(n) pads shorter values with 0x00 to n bytes; the padded bytes are copied, and bytea keeps no length limit`
            : undefined,
        );
      } else if (SPATIAL_TYPES.has(dataType)) {
        type = { kind: 'bytes' };
        kind = 'bytes';
        sourceRead = 'wkb';
        state(
          'spatial',
          `${dataType} becomes bytea holding the value's well-known binary (ST_AsBinary): PostgreSQL has no spatial type without PostGIS; with PostGIS, ALTER COLUMN … TYPE geometry(${dataType === 'geometry' ? 'Geometry' : dataType.replace(/^\w/, (c) => c.toUpperCase())}, <srid>) USING ST_GeomFromWKB(…, <srid>) makes it one`,
          'spatial indexes and functions are not carried until then',
        );
      } else {
        type = { kind: 'text' };
        kind = 'text';
        diagnostics.push({
          code: 'switch/unknown-type',
          severity: 'warning',
          message: `${table}.${column.name} is ${declared}, which the switch does not know: copied as text`,
          fix: 'change the target column to a fitting PostgreSQL type after the copy',
        });
        state('unknown', `${declared} has no known PostgreSQL counterpart: text, holding the value as the server prints it`);
      }
  }

  if (columnDefault?.kind === 'expression' && !(dataType === 'bit' || dataType === 'set')) {
    diagnostics.push({
      code: 'switch/default-dropped',
      severity: 'warning',
      message: `${table}.${column.name}: the default ${columnDefault.sql} is MySQL SQL: not carried`,
      fix: 'add the PostgreSQL default by hand (ALTER TABLE … ALTER COLUMN … SET DEFAULT …)',
    });
    columnDefault = undefined;
  }
  if (column.generated) {
    diagnostics.push({
      code: 'switch/generated-column',
      severity: 'warning',
      message: `${table}.${column.name} is generated (${column.generated.expression}): it becomes a plain column filled by the copy`,
      fix: 'once the switch is done, re-create it as GENERATED ALWAYS AS (…) STORED in PostgreSQL SQL',
    });
  }
  const targetType = target.columnType(type);
  const { generated: _generated, sequence: _sequence, default: _default, ...rest } = column;
  const mapped: Column = { ...rest, type, nullable, ...(columnDefault ? { default: columnDefault } : {}) };
  return {
    column: mapped,
    transfer: { name: column.name, kind, ...(width === undefined ? {} : { width }), ...(sourceRead ? { sourceRead } : {}), targetType },
    mappings: mappings.map((m) => ({ ...m, to: targetType })),
    checks,
    ...(collation ? { collation } : {}),
    diagnostics,
  };
}

/** A MySQL date or datetime literal with a zero year, month or day. */
export function isZeroDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m !== null && (m[1] === '0000' || m[2] === '00' || m[3] === '00');
}
