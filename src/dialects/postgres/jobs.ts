import type { Security } from '../../model/parts/security.js';
import type { Partitioning, Schema, Table } from '../../model/schema.js';
import { quotePgIdentifier as q, quotePgLiteral as lit } from './quote.js';
import type { AggregateView } from '../../model/schema.js';

type Retention = Security['retention'][number];

/** pg_cron's finest grain: each retention call deletes one batch, one short transaction. */
const RETENTION_SCHEDULE = '* * * * *';
/** pg_partman's maintenance (premake new partitions, drop expired ones) once an hour, at a quiet minute. */
const PARTMAN_SCHEDULE = '17 * * * *';
const PARTMAN_JOB = 'dbarchitect_partman_maintenance';

/**
 * pg_partman 4.x names a child by its interval, 5.x by `YYYYMMDD` for every interval of a day or
 * more. The schema script names its partitions its own way, so they are renamed to partman's
 * names before create_parent, which then adopts them instead of creating overlapping ones.
 */
const PARTMAN_4_NAME_FORMAT: Readonly<Record<Partitioning['interval'], string>> = { day: 'YYYY_MM_DD', week: 'YYYY_MM_DD', month: 'YYYY_MM', year: 'YYYY' };
const PARTMAN_5_NAME_FORMAT = 'YYYYMMDD';
const EVERY: Readonly<Record<Partitioning['interval'], string>> = { day: 'daily', week: 'weekly', month: 'monthly', year: 'yearly' };

/**
 * The jobs script: a batched retention routine per table that expires rows by DELETE, pg_partman's
 * set-up for partitioned tables, and the pg_cron schedule of both. Run after the schema, as a role
 * that bypasses row-level security. Where pg_cron or pg_partman is missing, that part is skipped
 * with a NOTICE saying what to do, so the script runs anywhere; it can run again.
 */
export function emitPostgresJobs(schema: Schema, security: Security): string | undefined {
  const deletes = security.retention.filter((r) => r.method === 'batched-delete');
  const partitioned = schema.tables.filter((t) => t.partitioning);
  const views = schema.views ?? [];
  if (!deletes.length && !partitioned.length && !views.length) return undefined;
  const out = [
    '-- Retention and partition upkeep. Run after the schema, as a role that bypasses row-level security',
    '-- (a superuser or BYPASSRLS): jobs must see every tenant, and the routines refuse to run otherwise.',
    '-- pg_cron schedules them and pg_partman keeps the partitions; either is skipped, with a NOTICE, where absent.',
    'BEGIN;',
    '',
  ];
  for (const r of deletes) out.push(...retentionRoutine(schema, r), '');
  for (const t of partitioned) out.push(...partmanSetup(t), '');
  out.push(...cronSchedule(deletes, partitioned.length > 0, views), '', 'COMMIT;');
  return out.join('\n') + '\n';
}

/**
 * One batch per call: the oldest rows matched through the time index, skipping rows the application
 * holds locked and rows still referenced by a restricting foreign key (their child's own retention
 * removes those first), deleted by ctid so the batch is one TID scan. Returns the rows deleted.
 */
function retentionRoutine(schema: Schema, r: Retention): string[] {
  const table = q(r.table);
  const conditions = [`t.${q(r.column)} < now() - interval '${r.days} days'`];
  for (const ref of r.keptWhileReferencedBy) {
    const child = schema.tables.find((x) => x.name === ref.table)!;
    const fk = child.foreignKeys.find((f) => f.name === ref.foreignKey)!;
    const match = fk.columns.map((c, i) => `c.${q(c)} = t.${q(fk.refColumns[i]!)}`);
    if (child.name === r.table) match.push('c.ctid <> t.ctid');
    conditions.push(`NOT EXISTS (SELECT 1 FROM ${q(child.name)} c WHERE ${match.join(' AND ')})`);
  }
  const refusal = `retention of ${r.table} must run as a role that bypasses row-level security (a superuser or BYPASSRLS): under the tenant policy it sees no rows`;
  const kept = r.keptWhileReferencedBy.map((k) => `${k.table} (${k.foreignKey})`).join(', ');
  return [
    `-- ${r.table}: rows with ${r.column} older than ${r.days} days, at most ${r.batchRows} a call${kept ? `; rows still referenced by ${kept} wait for it` : ''}.`,
    `CREATE OR REPLACE FUNCTION ${q(r.job!)}(batch_rows integer DEFAULT ${r.batchRows}) RETURNS bigint`,
    'LANGUAGE plpgsql SET search_path FROM CURRENT AS $$',
    'DECLARE',
    '  deleted bigint;',
    'BEGIN',
    `  IF row_security_active(${lit(table)}) THEN`,
    `    RAISE EXCEPTION ${lit(refusal)};`,
    '  END IF;',
    `  DELETE FROM ${table} WHERE ctid = ANY (ARRAY(`,
    `    SELECT t.ctid FROM ${table} t`,
    `    WHERE ${conditions.join('\n      AND ')}`,
    '    LIMIT batch_rows FOR UPDATE SKIP LOCKED));',
    '  GET DIAGNOSTICS deleted = ROW_COUNT;',
    '  RETURN deleted;',
    'END $$;',
    // Functions are executable by PUBLIC by default; only the scheduler's role should run this.
    `REVOKE EXECUTE ON FUNCTION ${q(r.job!)}(integer) FROM PUBLIC;`,
  ];
}

/**
 * Hands a partitioned table to pg_partman: renames the schema script's partitions to partman's
 * names, calls create_parent with the arguments of the installed major version (4.x: p_type
 * 'native'; 5.x: 'range'), starting at the oldest partition so partman's ranges line up with the
 * existing ones, then sets the retention. Skipped when partman is absent or already manages it.
 */
function partmanSetup(table: Table): string[] {
  const p = table.partitioning!;
  const days = Math.round((p.retentionSeconds ?? 0) / 86_400);
  const name = lit(table.name);
  return [
    `-- ${table.name}: pg_partman keeps ${p.premake} ${EVERY[p.interval]} partitions ahead${p.retentionSeconds !== undefined ? ` and drops those older than ${days} days` : ''}.`,
    'DO $$',
    'DECLARE',
    '  partman text;',
    '  major integer;',
    `  parent text := current_schema() || '.' || ${name};`,
    '  name_format text;',
    '  child record;',
    '  oldest timestamptz;',
    '  configured integer;',
    'BEGIN',
    "  SELECT n.nspname, split_part(e.extversion, '.', 1)::integer INTO partman, major FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_partman';",
    '  IF partman IS NULL THEN',
    "    RAISE NOTICE 'pg_partman is not installed: partitions of % are not maintained; CREATE EXTENSION pg_partman SCHEMA partman, then run this script again', parent;",
    '    RETURN;',
    '  END IF;',
    "  EXECUTE format('SELECT count(*) FROM %I.part_config WHERE parent_table = $1', partman) INTO configured USING parent;",
    '  IF configured = 0 THEN',
    `    name_format := CASE WHEN major >= 5 THEN ${lit(PARTMAN_5_NAME_FORMAT)} ELSE ${lit(PARTMAN_4_NAME_FORMAT[p.interval])} END;`,
    "    FOR child IN SELECT c.relname, (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\(''([^'']+)''\\)'))[1]::timestamptz AS lower",
    `        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = format('%I.%I', current_schema(), ${name})::regclass LOOP`,
    '      CONTINUE WHEN child.lower IS NULL; -- the default partition',
    '      oldest := least(oldest, child.lower);',
    `      IF child.relname <> ${name} || '_p' || to_char(child.lower, name_format) THEN`,
    `        EXECUTE format('ALTER TABLE %I RENAME TO %I', child.relname, ${name} || '_p' || to_char(child.lower, name_format));`,
    '      END IF;',
    '    END LOOP;',
    "    EXECUTE format('SELECT %I.create_parent(p_parent_table => $1, p_control => $2, p_type => $3, p_interval => $4, p_premake => $5, p_start_partition => $6)', partman)",
    `      USING parent, ${lit(p.column)}, CASE WHEN major >= 5 THEN 'range' ELSE 'native' END, ${lit(`1 ${p.interval}`)}, ${p.premake}, oldest::text;`,
    '  END IF;',
    ...(p.retentionSeconds !== undefined
      ? [
          `  EXECUTE format('UPDATE %I.part_config SET retention = $1, retention_keep_table = false WHERE parent_table = $2', partman) USING ${lit(`${days} days`)}, parent;`,
        ]
      : []),
    'END $$;',
  ];
}

/** One pg_cron job per retention routine, named after its schema so two schemas do not share a job. */
function cronSchedule(deletes: readonly Retention[], partitioned: boolean, views: readonly AggregateView[]): string[] {
  const routines = deletes.map((r) => r.job!);
  // pg_cron 1.4 (Debian bookworm) schedules by minute: a refresh interval rounds down to whole minutes, at least one.
  const minutes = (v: AggregateView) => Math.max(1, Math.floor(v.refreshEverySeconds / 60));
  return [
    `-- pg_cron: ${[...routines.map((j) => `${j}() every minute`), ...views.map((v) => `REFRESH MATERIALIZED VIEW CONCURRENTLY ${v.name} every ${minutes(v)} minute${minutes(v) === 1 ? '' : 's'}`), ...(partitioned ? ["pg_partman's maintenance every hour"] : [])].join(', ')}.`,
    'DO $$',
    'BEGIN',
    "  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_cron') THEN",
    `    RAISE NOTICE 'pg_cron is not installed: nothing is scheduled; call ${[...routines.map((j) => `${j}()`), ...views.map((v) => `REFRESH MATERIALIZED VIEW CONCURRENTLY ${v.name}`), ...(partitioned ? ['run_maintenance_proc() of pg_partman'] : [])].join(', ').replace(/'/g, "''")} from another scheduler';`,
    '    RETURN;',
    '  END IF;',
    ...routines.map(
      (j) =>
        `  PERFORM cron.schedule(current_schema() || '.' || ${lit(j)}, ${lit(RETENTION_SCHEDULE)}, format('SELECT %I.%I()', current_schema(), ${lit(j)}));`,
    ),
    ...views.map(
      (v) =>
        `  PERFORM cron.schedule(current_schema() || '.refresh_' || ${lit(v.name)}, ${lit(`*/${minutes(v)} * * * *`)}, format('REFRESH MATERIALIZED VIEW CONCURRENTLY %I.%I', current_schema(), ${lit(v.name)}));`,
    ),
    ...(partitioned
      ? [
          "  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_partman') THEN",
          `    PERFORM cron.schedule(${lit(PARTMAN_JOB)}, ${lit(PARTMAN_SCHEDULE)}, (SELECT format('CALL %I.run_maintenance_proc()', n.nspname) FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_partman'));`,
          '  END IF;',
        ]
      : []),
    'END $$;',
  ];
}
