/**
 * Stripped partitions (TANE, Huhtala et al. 1999, section 3): the rows of a sample grouped by
 * their values on a set of columns, classes of one row left out. Two numbers say all a validity
 * test needs: the rows in classes (`size`) and the classes (`count`); `size - count` is the rows a
 * key on these columns would have to lose, zero exactly when the columns are unique on the sample.
 */
export interface StrippedPartition {
  /** Equivalence classes of at least two rows, each row indices in ascending order. */
  readonly classes: readonly (readonly number[])[];
  readonly size: number;
}

export const partitionError = (p: StrippedPartition): number => p.size - p.classes.length;

export function stripped(classes: readonly (readonly number[])[]): StrippedPartition {
  const kept = classes.filter((c) => c.length >= 2);
  return { classes: kept, size: kept.reduce((n, c) => n + c.length, 0) };
}

/** The partition of one column's values. `key` makes equal values equal strings (NULL equals NULL). */
export function columnPartition(values: readonly unknown[]): StrippedPartition {
  const groups = new Map<string, number[]>();
  values.forEach((value, row) => {
    const k = valueKey(value);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  });
  return stripped([...groups.values()]);
}

/** The empty set's partition: every row in one class. */
export function wholePartition(rows: number): StrippedPartition {
  return stripped([Array.from({ length: rows }, (_, i) => i)]);
}

/**
 * A canonical string per value, so values equal in SQL are equal here: numbers and bigints by
 * their decimal text, dates by their instant, bytes by hex, documents by their JSON.
 */
export function valueKey(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return `s${value}`;
  if (typeof value === 'number' || typeof value === 'bigint') return `n${String(value)}`;
  if (typeof value === 'boolean') return `b${value}`;
  if (value instanceof Date) return `d${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()}`;
  if (value instanceof Uint8Array) return `x${Buffer.from(value).toString('hex')}`;
  return `j${JSON.stringify(value)}`;
}

/**
 * Scratch arrays sized to the sample, reused by every product and error computation: the
 * algorithm's T table (TANE, Algorithm StrippedProduct), kept at -1 between calls.
 */
export class PartitionWorkspace {
  private readonly owner: Int32Array;
  private readonly counts: Int32Array;

  constructor(readonly rows: number) {
    this.owner = new Int32Array(rows).fill(-1);
    this.counts = new Int32Array(rows);
  }

  /** π̂(X ∪ Y) from π̂(X) and π̂(Y), in time linear in their sizes. */
  product(a: StrippedPartition, b: StrippedPartition): StrippedPartition {
    const { owner } = this;
    a.classes.forEach((c, i) => {
      for (const row of c) owner[row] = i;
    });
    // Buckets made on first use; rows reach them in ascending order, as b's classes hold them.
    const buckets: (number[] | undefined)[] = new Array(a.classes.length);
    const out: number[][] = [];
    let size = 0;
    for (const c of b.classes) {
      for (const row of c) {
        const i = owner[row]!;
        if (i < 0) continue;
        const bucket = buckets[i];
        if (bucket) bucket.push(row);
        else buckets[i] = [row];
      }
      for (const row of c) {
        const i = owner[row]!;
        const bucket = i < 0 ? undefined : buckets[i];
        if (!bucket) continue;
        if (bucket.length >= 2) {
          out.push(bucket);
          size += bucket.length;
        }
        buckets[i] = undefined;
      }
    }
    for (const c of a.classes) for (const row of c) owner[row] = -1;
    return { classes: out, size };
  }

  /**
   * g3 of X → A as a row count (TANE section 4, Kivinen and Mannila's measure): the fewest rows to
   * remove from the sample so that X → A holds, from π̂(X) and π̂(X ∪ {A}).
   */
  violations(lhs: StrippedPartition, both: StrippedPartition): number {
    const { counts } = this;
    for (const c of both.classes) counts[c[0]!] = c.length;
    let removed = 0;
    for (const c of lhs.classes) {
      let largest = 1;
      for (const row of c) if (counts[row]! > largest) largest = counts[row]!;
      removed += c.length - largest;
    }
    for (const c of both.classes) counts[c[0]!] = 0;
    return removed;
  }
}
