import { formatCount } from '../../format.js';
import type { Decision, Evidence } from '../../model/decision.js';
import type { Capacity } from '../../model/parts/capacity.js';
import { formatBytes } from '../../format.js';

const PAGE_LAYOUT: Evidence = {
  tier: 'derived',
  source: 'rule:postgres-page-layout',
  detail:
    'PostgreSQL documentation, "Database Page Layout" (https://www.postgresql.org/docs/current/storage-page-layout.html): 8 kB pages with a 24-byte header, 4-byte line pointers, a 23-byte tuple header and null bitmap, values aligned, MAXALIGN 8; the model is checked against pg_total_relation_size on seeded data (docs/capacity.md)',
};

const WAL_RECORDS: Evidence = {
  tier: 'derived',
  source: 'rule:postgres-wal-records',
  detail:
    'PostgreSQL documentation, "WAL Internals" (https://www.postgresql.org/docs/current/wal-internals.html) and the record layouts in xlogrecord.h: a 24-byte header, block references, the tuple',
};

/** The capacity decisions: storage, write load and the hot set, each with its formula and assumptions. */
export function capacityDecisions(capacity: Capacity): Decision[] {
  return [storage(capacity), writeLoad(capacity), memory(capacity)];
}

function storage(c: Capacity): Decision {
  const first = c.months[0]!;
  const perMonth = (c.atHorizon.totalBytes - first.totalBytes) / Math.max(1, c.horizon.months);
  const tables = [...c.atHorizon.tables].sort((a, b) => b.totalBytes - a.totalBytes || a.table.localeCompare(b.table));
  const assumed = [...new Set(c.atHorizon.tables.flatMap((t) => t.assumedWidths.map((w) => `${t.table}.${w}`)))];
  return {
    id: 'capacity/storage',
    area: 'capacity',
    title: `Storage at the ${c.horizon.text} horizon: ${formatBytes(c.atHorizon.totalBytes)}`,
    choice: `provision for ${formatBytes(c.atHorizon.totalBytes)} of tables and indexes at ${c.horizon.text} (${formatBytes(first.totalBytes)} at the spec's volume, about ${formatBytes(perMonth)} more a month), plus room for WAL and maintenance`,
    rationale: [
      'Heap: a row is MAXALIGN(23-byte header + null bitmap when it holds a NULL) + its values in table order, each padded to its alignment (short varlena values unaligned), MAXALIGNed, + a 4-byte line pointer; a page holds floor(8168 / that) rows at fillfactor 100; plus the free space and visibility maps.',
      "Indexes: B-tree entries are MAXALIGN(8 + keys and INCLUDE columns) + 4, leaves filled to 90% by appends (about 69% by random inserts), equal keys merged into posting tuples, partial indexes by their condition's share, upper levels at 70%.",
      `Rows grow by the spec's growth per month, capped where retention deletes keep pace; ${c.horizon.months} months to the horizon.`,
      ...tables.map(
        (t) =>
          `${t.table}: ${formatBytes(t.totalBytes)} at ${formatCount(t.rows)} rows (${t.tupleBytes}-byte rows, ${t.rowsPerPage} a page${t.partitions > 1 ? `, ${t.partitions} partitions` : ''}; heap ${formatBytes(t.tableBytes)}, indexes ${formatBytes(t.indexBytes)})`,
      ),
    ],
    alternatives: [
      {
        option: 'sizing from the declared maximum widths',
        rejectedBecause: 'varchar(n) and text rarely fill their maximum: it would overstate storage several times',
      },
    ],
    evidence: [
      PAGE_LAYOUT,
      ...(assumed.length
        ? [{ tier: 'assumed' as const, source: 'assumption:typical-varlena-widths', detail: `typical widths for ${assumed.join(', ')}: ${c.assumptions[0]}` }]
        : []),
    ],
    patterns: [],
  };
}

function writeLoad(c: Capacity): Decision {
  const writers = c.atHorizon.tables
    .filter((t) => t.insertsPerSecond > 0)
    .sort((a, b) => b.walBytesPerSecond - a.walBytesPerSecond || a.table.localeCompare(b.table));
  const fromGrowth = writers.filter((t) => t.writeRateBasis === 'growth').map((t) => t.table);
  return {
    id: 'capacity/write-load',
    area: 'capacity',
    title: `Write load: ${formatBytes(c.wal.bytesPerDay)} of WAL a day, ${formatPlainRate(c.iops.pageWritesPerSecond)} page writes/s`,
    choice: `size WAL storage and archiving for ${formatBytes(c.wal.bytesPerSecond)}/s (${formatBytes(c.wal.bytesPerDay)} a day) and the data volume for ${formatPlainRate(c.iops.pageWritesPerSecond)} page writes/s, ${formatPlainRate(c.iops.walFlushesPerSecond)} WAL flushes/s and up to ${formatPlainRate(c.iops.insertReadsPerSecond)} leaf reads/s for inserts into random-key indexes`,
    rationale: [
      `WAL per insert: the heap record (24-byte header, 20-byte block reference, the row without its 23-byte header) + one record per index entry + a commit record; ×${c.wal.fullPageWriteMultiplier} for full-page images after checkpoints.`,
      'Page writes per insert: 1 / rows per page for the heap and for indexes that append at their end; one per insert for an index with random keys (at worst); an index that appends within each tenant adds a page per tenant per checkpoint.',
      ...writers.map(
        (t) =>
          `${t.table}: ${formatPlainRate(t.insertsPerSecond)} inserts/s → ${formatBytes(t.walBytesPerSecond)}/s of WAL, ${formatPlainRate(t.pageWritesPerSecond)} page writes/s`,
      ),
    ],
    alternatives: [],
    evidence: [
      WAL_RECORDS,
      {
        tier: 'assumed',
        source: 'assumption:full-page-writes',
        detail: `full-page images multiply WAL by ${c.wal.fullPageWriteMultiplier}; each insert commits on its own`,
      },
      ...(fromGrowth.length
        ? [
            {
              tier: 'assumed' as const,
              source: 'assumption:writes-from-growth',
              detail: `inserts of ${fromGrowth.join(', ')} are their growth per month spread evenly: peaks are higher`,
            },
          ]
        : []),
    ],
    patterns: [],
  };
}

function memory(c: Capacity): Decision {
  const hot = [...c.atHorizon.tables].sort((a, b) => b.hotBytes - a.hotBytes || a.table.localeCompare(b.table));
  return {
    id: 'capacity/memory',
    area: 'capacity',
    title: `Memory: a ${formatBytes(c.memory.hotSetBytes)} hot set at the horizon`,
    choice: `keep ${formatBytes(c.memory.hotSetBytes)} in memory: the instance's RAM (scaling) is sized from this hot set, with room for connections, the OS and maintenance`,
    rationale: [
      `The hot set is ${c.memory.rule}.`,
      ...hot.filter((t) => t.hotBytes > 0).map((t) => `${t.table}: ${formatBytes(t.hotBytes)} of ${formatBytes(t.totalBytes)}`),
    ],
    alternatives: [
      {
        option: 'RAM for the whole database',
        rejectedBecause: `${formatBytes(c.atHorizon.totalBytes)} at the horizon, most of it history that the access patterns rarely read`,
      },
    ],
    evidence: [
      PAGE_LAYOUT,
      { tier: 'assumed', source: 'assumption:hot-set', detail: 'the patterns read mostly recent rows and walk every index from its root' },
    ],
    patterns: [],
  };
}

/** Rates as people read them: 0.114, 5.7, 51. */
function formatPlainRate(n: number): string {
  if (n >= 100) return String(Math.round(n));
  if (n >= 1) return String(Math.round(n * 10) / 10);
  return String(Number(n.toPrecision(3)));
}
