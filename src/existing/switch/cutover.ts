import type { SwitchMapping } from './mapping.js';

/**
 * The cutover plan of an engine switch with no write downtime beyond a short freeze: its phases in
 * order, each with what to run, the tools, how long it takes for these tables at the stated rates,
 * and when it is done; the source's change-capture settings checked; the rollback trigger. Pure:
 * the numbers come from the introspected sizes and the assumptions, stated in the plan.
 */

export interface CutoverAssumptions {
  /** Bytes per second one table's batched copy moves (default 20 MB/s: one stream of keyset batches). */
  readonly copyBytesPerSecond: number;
  /** Bytes per second the checksum reads on each side (default 40 MB/s: reads only, no index upkeep). */
  readonly checksumBytesPerSecond: number;
  /** Rows per second COUNT(*) reads during the freeze (default 2,000,000). */
  readonly countRowsPerSecond: number;
  /** The change-capture lag under which the catch-up is done, seconds (default 1). */
  readonly lagThresholdSeconds: number;
  /** How long the application takes to move its writes to the new URL (a flag or a config reload), seconds (default 5). */
  readonly applicationSwitchSeconds: number;
  /** Tables whose checksum fits in this many seconds are checked again inside the freeze (default 10). */
  readonly freezeChecksumBudgetSeconds: number;
}

export const DEFAULT_ASSUMPTIONS: CutoverAssumptions = {
  copyBytesPerSecond: 20_000_000,
  checksumBytesPerSecond: 40_000_000,
  countRowsPerSecond: 2_000_000,
  lagThresholdSeconds: 1,
  applicationSwitchSeconds: 5,
  freezeChecksumBudgetSeconds: 10,
};

export interface CutoverInput {
  /** Redacted: safe to print. */
  readonly sourceLocation: string;
  readonly sourceVersion: string;
  readonly targetLocation: string;
  readonly tables: readonly { readonly name: string; readonly rows: number | null; readonly bytes: number }[];
  /** The source's change-capture settings as read (`TransferSource.captureSettings`). */
  readonly settings: Readonly<Record<string, string | null>>;
  readonly mapping: SwitchMapping;
  readonly assumptions?: Partial<CutoverAssumptions>;
}

export interface SettingCheck {
  readonly setting: string;
  readonly required: string;
  /** As read; null when the server does not have the setting. */
  readonly current: string | null;
  readonly ok: boolean;
  /** The statement or option that sets it, when it is not as required. */
  readonly fix?: string;
}

export interface TableEstimate {
  readonly name: string;
  readonly rows: number | null;
  readonly bytes: number;
  readonly copySeconds: number;
  readonly checksumSeconds: number;
  /** Checked again inside the write freeze (its checksum fits the budget); the others are checked at a paused GTID before it. */
  readonly checksumInFreeze: boolean;
}

export interface CutoverPhase {
  readonly number: number;
  readonly name: string;
  readonly goal: string;
  readonly steps: readonly string[];
  readonly tools: readonly string[];
  /** Estimated seconds, where the sizes decide it. */
  readonly seconds?: number;
  /** What must hold before the next phase starts. */
  readonly done: readonly string[];
}

/** A column whose captured changes need the same conversion the copy made (the sink writes the source's value otherwise). */
export interface CaptureConversion {
  readonly table: string;
  readonly column: string;
  readonly rule: string;
  readonly how: string;
}

export interface CutoverPlan {
  readonly source: { readonly location: string; readonly version: string };
  readonly target: { readonly location: string };
  readonly assumptions: CutoverAssumptions;
  readonly tables: readonly TableEstimate[];
  readonly totals: { readonly rows: number; readonly bytes: number; readonly copySeconds: number; readonly checksumSeconds: number };
  readonly prerequisites: readonly SettingCheck[];
  readonly captureConversions: readonly CaptureConversion[];
  readonly writeFreeze: { readonly seconds: number; readonly parts: readonly { readonly what: string; readonly seconds: number }[] };
  readonly phases: readonly CutoverPhase[];
  readonly rollback: { readonly triggers: readonly string[]; readonly steps: readonly string[] };
}

const round = (seconds: number) => Math.round(seconds * 10) / 10;

export function planCutover(input: CutoverInput): CutoverPlan {
  const a: CutoverAssumptions = { ...DEFAULT_ASSUMPTIONS, ...input.assumptions };
  const tables = input.tables.map((t): TableEstimate => {
    const checksumSeconds = round(t.bytes / a.checksumBytesPerSecond);
    return {
      name: t.name,
      rows: t.rows,
      bytes: t.bytes,
      copySeconds: round(t.bytes / a.copyBytesPerSecond),
      checksumSeconds,
      checksumInFreeze: checksumSeconds <= a.freezeChecksumBudgetSeconds,
    };
  });
  const rows = tables.reduce((sum, t) => sum + (t.rows ?? 0), 0);
  const bytes = tables.reduce((sum, t) => sum + t.bytes, 0);
  const totals = {
    rows,
    bytes,
    copySeconds: round(tables.reduce((s, t) => s + t.copySeconds, 0)),
    checksumSeconds: round(tables.reduce((s, t) => s + t.checksumSeconds, 0)),
  };
  const prerequisites = checkSettings(input.settings, totals.copySeconds);
  const identities = input.mapping.transfer.identities;
  const inFreeze = tables.filter((t) => t.checksumInFreeze);
  const parts = [
    { what: 'read_only on the source; transactions in flight finish', seconds: 1 },
    { what: `the change capture drains (lag under ${a.lagThresholdSeconds} s, then the last GTID applied)`, seconds: a.lagThresholdSeconds + 1 },
    { what: `${identities.length} identity sequences restarted past their maximum`, seconds: round(identities.length * 0.05) },
    {
      what: `row counts of every table on both sides (${rows} rows at ${a.countRowsPerSecond} rows/s each)`,
      seconds: round((rows / a.countRowsPerSecond) * 2),
    },
    {
      what: `checksums of the ${inFreeze.length} tables that fit ${a.freezeChecksumBudgetSeconds} s`,
      seconds: round(inFreeze.reduce((s, t) => s + t.checksumSeconds, 0)),
    },
    { what: 'the application moves its writes to PostgreSQL', seconds: a.applicationSwitchSeconds },
  ];
  const freezeSeconds = round(parts.reduce((s, p) => s + p.seconds, 0));
  const captureConversions = conversionsFor(input.mapping);
  const notOk = prerequisites.filter((p) => !p.ok);
  const tableCount = input.mapping.transfer.tables.length;

  const phases: CutoverPhase[] = [
    {
      number: 1,
      name: 'Prepare the source for change capture',
      goal: 'the binary log carries every row change, whole, with GTIDs, and is kept longer than the copy takes',
      steps: [
        ...(notOk.length === 0
          ? ['every setting below is already as required']
          : notOk.map((p) => `${p.setting}: ${p.current ?? 'absent'} -> ${p.required} (${p.fix})`)),
        'create the capture user: CREATE USER debezium IDENTIFIED BY …; GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO debezium',
        ...input.mapping.diagnostics.filter((d) => d.code === 'switch/no-key').map((d) => d.fix ?? d.message),
      ],
      tools: ['MySQL/MariaDB server settings (my.cnf, SET PERSIST on MySQL 8)'],
      done: ['every prerequisite is ok', 'every table has a primary key'],
    },
    {
      number: 2,
      name: 'Create the schema on PostgreSQL',
      goal: `the ${tableCount} tables, their types, keys and indexes exist on the target, without foreign keys (added after the copy)`,
      steps: [
        'run schema.sql (the collations, enum types, tables and indexes, in one transaction)',
        'or let `dbarchitect switch-engine … --apply` run it: it refuses a target that already has these tables',
      ],
      tools: ['psql -f schema.sql', 'dbarchitect switch-engine --apply'],
      seconds: 1,
      done: ['every table of the plan exists on PostgreSQL and is empty'],
    },
    {
      number: 3,
      name: 'Start the change capture, then copy the rows',
      goal: 'every row as of a known GTID on PostgreSQL, and every change after it flowing',
      steps: [
        'record the source position first: SELECT @@gtid_current_pos (MariaDB) or @@gtid_executed (MySQL)',
        `start the Debezium connector (io.debezium.connector.${/mariadb/i.test(input.sourceVersion) ? 'mariadb.MariaDbConnector' : 'mysql.MySqlConnector'}) from that position with snapshot.mode=no_data (Debezium 2.6 and later; schema_only before), bigint.unsigned.handling.mode=precise, time.precision.mode=connect, decimal.handling.mode=string; its topics feed the JDBC sink connector (io.debezium.connector.jdbc.JdbcSinkConnector) with insert.mode=upsert, primary.key.mode=record_key, delete.enabled=true, and ?stringtype=unspecified on its PostgreSQL URL so text reaches enum and jsonb columns`,
        'keep the sink paused while the copy runs; then resume it: its upserts replay every change made during the copy over the copied rows, so the two converge',
        `copy: dbarchitect switch-engine <mysql-url> --to <postgres-url> --apply (keyset batches by primary key, converted by the mappings, validated), ${totals.copySeconds} s for ${bytes} bytes at ${a.copyBytesPerSecond} bytes/s; or pgloader (LOAD DATABASE FROM mysql://… INTO postgresql://…, one-shot, its own casting rules: check them against mappings.json), or Debezium's own snapshot (snapshot.mode=initial) instead of both`,
        'the foreign keys are added after the copy (foreign-keys.sql: NOT VALID, then VALIDATE, which blocks no writes)',
      ],
      tools: [
        'Debezium MySQL/MariaDB source connector',
        'Kafka (Kafka Connect)',
        'Debezium JDBC sink connector',
        'dbarchitect switch-engine --apply',
        'pgloader (alternative)',
      ],
      seconds: totals.copySeconds,
      done: ['the copy finished and its validation table shows every table equal', 'the source connector streams (no errors in its status)'],
    },
    {
      number: 4,
      name: 'Catch up',
      goal: `PostgreSQL trails MySQL by less than ${a.lagThresholdSeconds} s`,
      steps: [
        "resume the sink; watch the source connector's MilliSecondsBehindSource (JMX, streaming metrics) and the sink's consumer-group lag (kafka-consumer-groups --describe)",
        ...(captureConversions.length
          ? [
              `the captured changes of ${captureConversions.length} columns need the copy's conversion (listed below): a single message transform or a BEFORE INSERT OR UPDATE trigger on the target does it`,
            ]
          : []),
      ],
      tools: ['Debezium metrics (JMX)', 'kafka-consumer-groups'],
      done: [`lag under ${a.lagThresholdSeconds} s for 10 minutes at the daily write peak`],
    },
    {
      number: 5,
      name: 'Validate',
      goal: 'both sides hold the same rows at one GTID',
      steps: [
        "pause the sink at a GTID G (note it from the last applied event); stop a MySQL replica at G (MariaDB: START SLAVE UNTIL master_gtid_pos = 'G'; MySQL: START REPLICA UNTIL SQL_AFTER_GTIDS = 'G')",
        `dbarchitect switch-engine <replica-url> --to <postgres-url> --validate: row counts and sha256 over each row's canonical text, in key order (${totals.checksumSeconds} s for all tables at ${a.checksumBytesPerSecond} bytes/s per side); then resume the sink and the replica`,
      ],
      tools: ['a MySQL replica', 'dbarchitect switch-engine --validate'],
      seconds: totals.checksumSeconds,
      done: ['every table equal (counts and checksums); a mismatch names the table and its first differing key: fix, re-copy that table, validate again'],
    },
    {
      number: 6,
      name: 'Switch reads',
      goal: 'reads that tolerate the capture lag run on PostgreSQL; writes stay on MySQL',
      steps: [
        'move read-only traffic (reports, listings) to PostgreSQL behind a flag, a share at a time (1 %, 10 %, 50 %, 100 %)',
        'reads that must see their own writes stay on MySQL until the write switch',
        "compare error rates and p99 latency of the moved reads with MySQL's baseline at each share",
      ],
      tools: ["the application's feature flags or its connection router (ProxySQL, pgbouncer beside it)"],
      done: ['all lag-tolerant reads on PostgreSQL for a day within the rollback criteria'],
    },
    {
      number: 7,
      name: 'Switch writes',
      goal: `writes move to PostgreSQL in one freeze of about ${freezeSeconds} s`,
      steps: [
        'start the reverse capture first (phase 8), paused, so MySQL can take over again',
        'SET GLOBAL read_only = ON on MySQL (MySQL 8: super_read_only too); writes fail fast and the application retries',
        'wait until the sink has applied the last GTID of the source (SELECT @@gtid_binlog_pos on MariaDB, @@gtid_executed on MySQL)',
        ...identities.map((i) => `restart ${i.table}.${i.column} past its maximum (ALTER TABLE … ALTER COLUMN … RESTART WITH max + 1)`),
        `count every table on both sides; checksum the small ones (${inFreeze.map((t) => t.name).join(', ') || 'none'})`,
        "move the application's write URL to PostgreSQL; resume the reverse capture",
      ],
      tools: ['mysql client', 'psql', "the application's configuration"],
      seconds: freezeSeconds,
      done: ['writes succeed on PostgreSQL', 'the reverse capture applies them to MySQL'],
    },
    {
      number: 8,
      name: 'Keep MySQL current for rollback',
      goal: 'every write on PostgreSQL reaches MySQL until the contract step',
      steps: [
        'PostgreSQL: wal_level = logical (a restart), a publication for the tables (CREATE PUBLICATION switch_back FOR TABLE …), a replication slot for the connector',
        "Debezium PostgreSQL connector (plugin.name=pgoutput) -> Kafka -> JDBC sink into the MySQL database, the conversions reversed: boolean -> 0/1, text[] -> 'a,b', jsonb -> JSON text; NULLs that were zero dates stay NULL",
        'watch the slot: SELECT slot_name, pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)) FROM pg_replication_slots (a stalled slot keeps WAL until the disk fills)',
      ],
      tools: ['Debezium PostgreSQL connector', 'Kafka Connect', 'Debezium JDBC sink connector'],
      done: ['reverse lag under 5 s'],
    },
    {
      number: 9,
      name: 'Contract: retire MySQL',
      goal: 'one database again',
      steps: [
        'after 14 days with no rollback trigger: stop the reverse capture and drop its slot (SELECT pg_drop_replication_slot(…)), drop the publication',
        'take a last backup of MySQL (mariabackup or mysqldump --single-transaction) and keep it by your retention rules',
        "shut the MySQL server down; remove its URL from the application's configuration; remove the Debezium connectors and topics",
        'add back what the switch did not carry (listed under diagnostics): views, triggers, routines, generated columns, NOT NULL on columns that held zero dates once no zero date is written',
      ],
      tools: ['psql', 'mariabackup / mysqldump'],
      done: ['no application connects to MySQL'],
    },
  ];

  return {
    source: { location: input.sourceLocation, version: input.sourceVersion },
    target: { location: input.targetLocation },
    assumptions: a,
    tables,
    totals,
    prerequisites,
    captureConversions,
    writeFreeze: { seconds: freezeSeconds, parts },
    phases,
    rollback: {
      triggers: [
        "the application's error rate on PostgreSQL above twice its MySQL baseline for 5 minutes, or above 1 % of requests",
        'p99 latency of any endpoint above 1.5 times its MySQL baseline for 10 minutes',
        'any checksum or row-count mismatch after the write switch',
        "the reverse capture's lag above 60 s (past it, a rollback loses recent writes: decide before it grows)",
      ],
      steps: [
        'freeze writes on PostgreSQL (ALTER DATABASE … SET default_transaction_read_only = on, then end the sessions)',
        'wait until the reverse capture has applied the last write (its lag at 0)',
        "SET GLOBAL read_only = OFF on MySQL; move the application's write and read URLs back; restart MySQL's AUTO_INCREMENT counters past the maxima (ALTER TABLE … AUTO_INCREMENT = max + 1)",
        'keep PostgreSQL as it is for the post-mortem; start again from phase 2 with a fresh target',
      ],
    },
  };
}

/** The settings a binlog reader needs, against what the server has. */
function checkSettings(settings: Readonly<Record<string, string | null>>, copySeconds: number): SettingCheck[] {
  const value = (name: string) => settings[name] ?? null;
  const is = (name: string, required: string, fix: string): SettingCheck => {
    const current = value(name);
    const ok = current !== null && current.toUpperCase() === required.toUpperCase();
    return { setting: name, required, current, ok, ...(ok ? {} : { fix }) };
  };
  const checks = [
    is('log_bin', 'ON', 'log_bin = ON in my.cnf (a restart)'),
    is('binlog_format', 'ROW', 'SET GLOBAL binlog_format = ROW, and in my.cnf'),
    is('binlog_row_image', 'FULL', 'SET GLOBAL binlog_row_image = FULL, and in my.cnf'),
  ];
  if (value('gtid_mode') !== null) {
    checks.push(is('gtid_mode', 'ON', 'gtid_mode = ON with enforce_gtid_consistency = ON (stepwise: OFF_PERMISSIVE, ON_PERMISSIVE, ON)'));
    checks.push(is('enforce_gtid_consistency', 'ON', 'enforce_gtid_consistency = ON'));
  } else if (value('gtid_strict_mode') !== null) {
    checks.push(is('gtid_strict_mode', 'ON', 'SET GLOBAL gtid_strict_mode = ON, and in my.cnf'));
  }
  const serverId = value('server_id');
  checks.push({
    setting: 'server_id',
    required: 'not 0',
    current: serverId,
    ok: serverId !== null && serverId !== '0',
    ...(serverId !== null && serverId !== '0' ? {} : { fix: 'server_id = a unique number in my.cnf' }),
  });
  // Logs must outlive the copy: a day at least, and twice the copy.
  const needed = Math.max(86_400, Math.ceil(copySeconds * 2));
  const seconds = value('binlog_expire_logs_seconds');
  const days = value('expire_logs_days');
  const kept = seconds !== null && Number(seconds) > 0 ? Number(seconds) : days !== null && Number(days) > 0 ? Number(days) * 86_400 : 0;
  checks.push({
    setting: 'binlog_expire_logs_seconds',
    required: `0 (never) or at least ${needed}`,
    current: seconds ?? (days !== null ? `${days} days (expire_logs_days)` : null),
    ok: kept === 0 || kept >= needed,
    ...(kept === 0 || kept >= needed ? {} : { fix: `SET GLOBAL binlog_expire_logs_seconds = ${needed}` }),
  });
  return checks;
}

/** Captured changes carry the source's values: the columns whose values the copy converted need the same conversion on the capture's way in. */
function conversionsFor(mapping: SwitchMapping): CaptureConversion[] {
  const HOW: Readonly<Record<string, string>> = {
    'tinyint1-boolean': 'the connector sends 0/1 (INT16): cast to boolean (value <> 0)',
    set: "the connector sends 'a,b': string_to_array(value, ',') (an empty string is the empty array)",
    'zero-date':
      'the connector sends a zero date of an optional column as null, of a required column as 1970-01-01: map 1970-01-01 of this column to NULL if it never held that date',
    bit: 'the connector sends bit(n) as bytes (bit(1) as a boolean): convert to a bit string',
    'unsigned-bigint': 'bigint.unsigned.handling.mode=precise sends a decimal: numeric(20,0) takes it as is',
    'time-duration': 'the connector sends microseconds: make_interval(secs => value / 1e6)',
    spatial: 'the connector sends a Geometry struct with its WKB: write the wkb field',
    year: 'the connector sends an INT32: smallint takes it as is',
  };
  return mapping.mappings.filter((m) => HOW[m.rule]).map((m) => ({ table: m.table, column: m.column, rule: m.rule, how: HOW[m.rule]! }));
}
