import { columnPartition, PartitionWorkspace, partitionError, type StrippedPartition, wholePartition } from './partitions.js';

/**
 * Minimal functional dependencies X → A that hold on a sample, by TANE: Y. Huhtala, J. Kärkkäinen,
 * P. Porkka and H. Toivonen, "TANE: An efficient algorithm for discovering functional and
 * approximate dependencies", The Computer Journal 42(2), 1999. The lattice of column sets is
 * walked level by level with stripped partitions; the candidate sets C+(X) prune what cannot give a
 * minimal dependency, and (exact search only) keys of the sample are pruned with their dependencies
 * output at once. Written by hand: no maintained npm package discovers functional dependencies.
 *
 * Bounds: left-hand sides of at most `maxLhs` columns (default 3), so the walk stops at level
 * maxLhs + 1; at most `maxNodes` column sets (default 200,000) per level and `maxWork` rows visited
 * by the partition products (default 40 million), past which the walk stops before the next level
 * and says so. Deterministic: columns by position, dependencies sorted.
 */
export interface TaneOptions {
  /** Largest left-hand side searched (default 3). */
  readonly maxLhs?: number;
  /** Approximate dependencies: X → A is reported when at most this share of rows violate it (g3; default 0, exact). */
  readonly maxViolationRate?: number;
  /** Column sets one level may hold before the walk stops (default 200,000). */
  readonly maxNodes?: number;
  /**
   * Rows the partition products may visit in all (default 40 million, about five seconds here): a level whose
   * products would go past it is not built, and the walk stops there. Counted, not timed, so the
   * result is the same on every machine.
   */
  readonly maxWork?: number;
}

export interface FoundDependency {
  /** Column positions, ascending. Empty for a column constant on the sample. */
  readonly lhs: readonly number[];
  readonly rhs: number;
  /** Rows of the sample that would have to go for it to hold exactly (g3); 0 for an exact dependency. */
  readonly violations: number;
}

export interface TaneResult {
  readonly dependencies: readonly FoundDependency[];
  /** The size of the column sets the walk did not build (maxNodes or maxWork), when it stopped early: determinants of this many columns were not searched. */
  readonly stoppedAtLevel?: number;
}

interface LatticeNode {
  readonly attrs: readonly number[];
  readonly partition: StrippedPartition;
  /** C+(X) as a membership array over the columns. */
  readonly candidates: boolean[];
}

/** `columns` holds one array of values per column, every array as long as the sample. */
export function tane(columns: readonly (readonly unknown[])[], options: TaneOptions = {}): TaneResult {
  const n = columns.length;
  const rows = columns[0]?.length ?? 0;
  const maxLhs = Math.max(0, options.maxLhs ?? 3);
  const maxNodes = options.maxNodes ?? 200_000;
  let workLeft = options.maxWork ?? 40_000_000;
  const allowed = Math.floor((options.maxViolationRate ?? 0) * rows + 1e-9);
  const exactSearch = allowed === 0;
  const workspace = new PartitionWorkspace(rows);
  const singles = columns.map((values) => columnPartition(values));
  const found: FoundDependency[] = [];

  let previous = new Map<string, LatticeNode>([['', { attrs: [], partition: wholePartition(rows), candidates: new Array(n).fill(true) }]]);
  let level = new Map<string, LatticeNode>();
  for (let a = 0; a < n; a++) level.set(String(a), { attrs: [a], partition: singles[a]!, candidates: new Array(n).fill(true) });
  let stoppedAtLevel: number | undefined;

  for (let size = 1; size <= maxLhs + 1 && level.size > 0; size++) {
    // C+(X) = ∩ C+(X \ {B}) over B ∈ X.
    for (const node of level.values()) {
      for (const b of node.attrs) {
        const parent = previous.get(keyOf(without(node.attrs, b)))!;
        for (let c = 0; c < n; c++) if (!parent.candidates[c]) node.candidates[c] = false;
      }
    }
    // Dependencies X \ {A} → A for A ∈ X ∩ C+(X).
    for (const node of level.values()) {
      for (const a of node.attrs) {
        if (!node.candidates[a]) continue;
        const lhs = previous.get(keyOf(without(node.attrs, a)))!;
        const exact = partitionError(lhs.partition) === partitionError(node.partition);
        const violations = exact ? 0 : allowed > 0 ? workspace.violations(lhs.partition, node.partition) : Number.POSITIVE_INFINITY;
        if (violations > allowed) continue;
        found.push({ lhs: lhs.attrs, rhs: a, violations });
        node.candidates[a] = false;
        if (exact) for (let c = 0; c < n; c++) if (!node.attrs.includes(c)) node.candidates[c] = false;
      }
    }
    // Prune: no candidates left, or (exact search) a key of the sample, with its dependencies.
    for (const [k, node] of level) {
      if (!node.candidates.some(Boolean)) {
        level.delete(k);
        continue;
      }
      if (!exactSearch || partitionError(node.partition) !== 0) continue;
      if (size <= maxLhs)
        for (let a = 0; a < n; a++)
          if (node.candidates[a] && !node.attrs.includes(a) && isMinimalForKey(node, a, previous, singles, workspace))
            found.push({ lhs: node.attrs, rhs: a, violations: 0 });
      level.delete(k);
    }
    if (size === maxLhs + 1) break;
    const pairs = nextLevelPairs(level);
    const work = pairs.reduce((sum, [x, y]) => sum + x.partition.size + y.partition.size, 0);
    if (pairs.length > maxNodes || work > workLeft) {
      stoppedAtLevel = size + 1;
      break;
    }
    workLeft -= work;
    const next = new Map<string, LatticeNode>();
    for (const [x, y, attrs] of pairs)
      next.set(keyOf(attrs), { attrs, partition: workspace.product(x.partition, y.partition), candidates: new Array(n).fill(true) });
    previous = level;
    level = next;
  }
  found.sort((x, y) => x.lhs.length - y.lhs.length || compareLists(x.lhs, y.lhs) || x.rhs - y.rhs);
  return { dependencies: found, ...(stoppedAtLevel !== undefined ? { stoppedAtLevel } : {}) };
}

/** X is unique, so X → A holds; it is minimal when no X \ {B} determines A (checked on the partitions). */
function isMinimalForKey(
  node: LatticeNode,
  a: number,
  previous: ReadonlyMap<string, LatticeNode>,
  singles: readonly StrippedPartition[],
  workspace: PartitionWorkspace,
): boolean {
  for (const b of node.attrs) {
    const rest = previous.get(keyOf(without(node.attrs, b)))!;
    const withA = workspace.product(rest.partition, singles[a]!);
    if (partitionError(withA) === partitionError(rest.partition)) return false;
  }
  return true;
}

/** Level ℓ+1 from the pruned level ℓ: sets sharing all but their last column, whose every subset survived (each with the two it is the product of). */
function nextLevelPairs(level: ReadonlyMap<string, LatticeNode>): [LatticeNode, LatticeNode, number[]][] {
  const blocks = new Map<string, LatticeNode[]>();
  for (const node of level.values()) {
    const prefix = keyOf(node.attrs.slice(0, -1));
    const block = blocks.get(prefix);
    if (block) block.push(node);
    else blocks.set(prefix, [node]);
  }
  const pairs: [LatticeNode, LatticeNode, number[]][] = [];
  for (const block of blocks.values()) {
    block.sort((x, y) => x.attrs[x.attrs.length - 1]! - y.attrs[y.attrs.length - 1]!);
    for (let i = 0; i < block.length; i++) {
      for (let j = i + 1; j < block.length; j++) {
        const x = block[i]!;
        const y = block[j]!;
        const attrs = [...x.attrs, y.attrs[y.attrs.length - 1]!];
        if (attrs.every((b) => level.has(keyOf(without(attrs, b))))) pairs.push([x, y, attrs]);
      }
    }
  }
  return pairs;
}

const keyOf = (attrs: readonly number[]): string => attrs.join(',');
const without = (attrs: readonly number[], b: number): number[] => attrs.filter((x) => x !== b);

function compareLists(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
