/**
 * A spec as the writer plans it from a schema, before it becomes YAML: each part carries the notes
 * (what the spec cannot say, or says differently) that the YAML shows as comments beside it.
 */
export type Scalar = string | number | boolean;

export interface PlannedField {
  readonly name: string;
  /** The spec's type text without `!`: `string(120)`, `ref(customer)`, `enum(a, b)`. */
  readonly type: string;
  readonly required: boolean;
  readonly unique?: boolean;
  readonly default?: Scalar;
  readonly pii?: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly onDelete?: 'cascade' | 'set_null';
  readonly distinct?: number;
  readonly description?: string;
  readonly notes: readonly string[];
}

export interface PlannedEntity {
  readonly name: string;
  readonly description?: string;
  readonly key?: readonly string[];
  readonly unique: readonly (readonly string[])[];
  readonly rows?: string;
  readonly growth?: string;
  readonly retention?: string;
  readonly appendOnly?: boolean;
  readonly global?: boolean;
  readonly fields: readonly PlannedField[];
  readonly notes: readonly string[];
}

export interface PlannedSpec {
  readonly name: string;
  readonly description?: string;
  readonly tenancy: boolean;
  readonly ids: 'bigint' | 'uuid' | 'int';
  readonly timestamps: boolean;
  readonly entities: readonly PlannedEntity[];
  /** What the spec cannot say about the schema as a whole, shown at the top. */
  readonly notes: readonly string[];
}
