import type { LogicalType } from '../../../model/logical-type.js';
import { PG_BUILTIN_TYPES } from '../../../sql/pg-builtin-types.js';

/** What the catalog says of a column's type: its base type (a domain's, for a domain column) and modifier. */
export interface CatalogType {
  /** pg_type.typname of the base type: `varchar`, `int4`, `_text` (an array), a user type's name. */
  readonly typeName: string;
  /** The base type's schema: an enum's name is qualified with it unless it is `public`. */
  readonly typeNamespace: string;
  /** pg_type.typtype of the base type: `b` base, `e` enum, `c` composite, `r` range, `m` multirange, `p` pseudo. */
  readonly typeKind: string;
  /** atttypmod (or the domain's typtypmod): the length or precision, -1 when none. */
  readonly typmod: number;
  /** format_type of the base type with its modifier: the type's own SQL, kept for `native`. */
  readonly sql: string;
}

/** `public.x` → `x`: names in the default schema stay unqualified, as the spec writes them. */
export const qualifiedName = (namespace: string, name: string): string => (namespace === 'public' ? name : `${namespace}.${name}`);

/**
 * The logical type of a catalog type. Lengths and precisions come from the type modifier as
 * PostgreSQL encodes it (VARHDRSZ = 4 added; numeric packs precision << 16 | scale). A type the
 * model cannot say (an array, a range, `timetz`, unbounded `numeric`, an extension's type) is
 * `native` with its SQL, never approximated.
 */
export function logicalTypeOf(type: CatalogType): LogicalType {
  if (type.typeKind === 'e') return { kind: 'enum', name: qualifiedName(type.typeNamespace, type.typeName) };
  const isBuiltin = type.typeNamespace === 'pg_catalog';
  if (isBuiltin) {
    const fixed = PG_BUILTIN_TYPES[type.typeName];
    if (fixed) return fixed;
    if (type.typeName === 'varchar') return type.typmod > 4 ? { kind: 'string', length: type.typmod - 4 } : { kind: 'text' };
    if (type.typeName === 'bpchar' && type.typmod > 4) return { kind: 'char', length: type.typmod - 4 };
    if (type.typeName === 'numeric' && type.typmod > 4) {
      const packed = type.typmod - 4;
      // A negative scale (PostgreSQL 15+) has no logical spelling.
      const scale = packed & 0xffff;
      if (scale <= 0x7ff) return { kind: 'decimal', precision: (packed >> 16) & 0xffff, scale };
    }
  }
  return { kind: 'native', dialect: 'postgres', sql: type.sql };
}
