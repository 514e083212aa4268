-- Retention and partition upkeep. Run after the schema, as a role that bypasses row-level security
-- (a superuser or BYPASSRLS): jobs must see every tenant, and the routines refuse to run otherwise.
-- pg_cron schedules them and pg_partman keeps the partitions; either is skipped, with a NOTICE, where absent.
BEGIN;

-- order: rows with created_at older than 2557 days, at most 10000 a call; rows still referenced by payment (payment_order_id_fkey) wait for it.
CREATE OR REPLACE FUNCTION dbarchitect_retention_order(batch_rows integer DEFAULT 10000) RETURNS bigint
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  deleted bigint;
BEGIN
  IF row_security_active('"order"') THEN
    RAISE EXCEPTION 'retention of order must run as a role that bypasses row-level security (a superuser or BYPASSRLS): under the tenant policy it sees no rows';
  END IF;
  DELETE FROM "order" WHERE ctid = ANY (ARRAY(
    SELECT t.ctid FROM "order" t
    WHERE t.created_at < now() - interval '2557 days'
      AND NOT EXISTS (SELECT 1 FROM payment c WHERE c.tenant_id = t.tenant_id AND c.order_id = t.id)
    LIMIT batch_rows FOR UPDATE SKIP LOCKED));
  GET DIAGNOSTICS deleted = ROW_COUNT;
  RETURN deleted;
END $$;
REVOKE EXECUTE ON FUNCTION dbarchitect_retention_order(integer) FROM PUBLIC;

-- order_line: rows with created_at older than 2557 days, at most 10000 a call.
CREATE OR REPLACE FUNCTION dbarchitect_retention_order_line(batch_rows integer DEFAULT 10000) RETURNS bigint
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  deleted bigint;
BEGIN
  IF row_security_active('order_line') THEN
    RAISE EXCEPTION 'retention of order_line must run as a role that bypasses row-level security (a superuser or BYPASSRLS): under the tenant policy it sees no rows';
  END IF;
  DELETE FROM order_line WHERE ctid = ANY (ARRAY(
    SELECT t.ctid FROM order_line t
    WHERE t.created_at < now() - interval '2557 days'
    LIMIT batch_rows FOR UPDATE SKIP LOCKED));
  GET DIAGNOSTICS deleted = ROW_COUNT;
  RETURN deleted;
END $$;
REVOKE EXECUTE ON FUNCTION dbarchitect_retention_order_line(integer) FROM PUBLIC;

-- payment: rows with created_at older than 2557 days, at most 10000 a call.
CREATE OR REPLACE FUNCTION dbarchitect_retention_payment(batch_rows integer DEFAULT 10000) RETURNS bigint
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  deleted bigint;
BEGIN
  IF row_security_active('payment') THEN
    RAISE EXCEPTION 'retention of payment must run as a role that bypasses row-level security (a superuser or BYPASSRLS): under the tenant policy it sees no rows';
  END IF;
  DELETE FROM payment WHERE ctid = ANY (ARRAY(
    SELECT t.ctid FROM payment t
    WHERE t.created_at < now() - interval '2557 days'
    LIMIT batch_rows FOR UPDATE SKIP LOCKED));
  GET DIAGNOSTICS deleted = ROW_COUNT;
  RETURN deleted;
END $$;
REVOKE EXECUTE ON FUNCTION dbarchitect_retention_payment(integer) FROM PUBLIC;

-- inventory_event: pg_partman keeps 3 monthly partitions ahead and drops those older than 730 days.
DO $$
DECLARE
  partman text;
  major integer;
  parent text := current_schema() || '.' || 'inventory_event';
  name_format text;
  child record;
  oldest timestamptz;
  configured integer;
BEGIN
  SELECT n.nspname, split_part(e.extversion, '.', 1)::integer INTO partman, major FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_partman';
  IF partman IS NULL THEN
    RAISE NOTICE 'pg_partman is not installed: partitions of % are not maintained; CREATE EXTENSION pg_partman SCHEMA partman, then run this script again', parent;
    RETURN;
  END IF;
  EXECUTE format('SELECT count(*) FROM %I.part_config WHERE parent_table = $1', partman) INTO configured USING parent;
  IF configured = 0 THEN
    name_format := CASE WHEN major >= 5 THEN 'YYYYMMDD' ELSE 'YYYY_MM' END;
    FOR child IN SELECT c.relname, (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \(''([^'']+)''\)'))[1]::timestamptz AS lower
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = format('%I.%I', current_schema(), 'inventory_event')::regclass LOOP
      CONTINUE WHEN child.lower IS NULL; -- the default partition
      oldest := least(oldest, child.lower);
      IF child.relname <> 'inventory_event' || '_p' || to_char(child.lower, name_format) THEN
        EXECUTE format('ALTER TABLE %I RENAME TO %I', child.relname, 'inventory_event' || '_p' || to_char(child.lower, name_format));
      END IF;
    END LOOP;
    EXECUTE format('SELECT %I.create_parent(p_parent_table => $1, p_control => $2, p_type => $3, p_interval => $4, p_premake => $5, p_start_partition => $6)', partman)
      USING parent, 'occurred_at', CASE WHEN major >= 5 THEN 'range' ELSE 'native' END, '1 month', 3, oldest::text;
  END IF;
  EXECUTE format('UPDATE %I.part_config SET retention = $1, retention_keep_table = false WHERE parent_table = $2', partman) USING '730 days', parent;
END $$;

-- pg_cron: dbarchitect_retention_order() every minute, dbarchitect_retention_order_line() every minute, dbarchitect_retention_payment() every minute, REFRESH MATERIALIZED VIEW CONCURRENTLY daily_revenue_mv every 4 minutes, pg_partman's maintenance every hour.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_cron') THEN
    RAISE NOTICE 'pg_cron is not installed: nothing is scheduled; call dbarchitect_retention_order(), dbarchitect_retention_order_line(), dbarchitect_retention_payment(), REFRESH MATERIALIZED VIEW CONCURRENTLY daily_revenue_mv, run_maintenance_proc() of pg_partman from another scheduler';
    RETURN;
  END IF;
  PERFORM cron.schedule(current_schema() || '.' || 'dbarchitect_retention_order', '* * * * *', format('SELECT %I.%I()', current_schema(), 'dbarchitect_retention_order'));
  PERFORM cron.schedule(current_schema() || '.' || 'dbarchitect_retention_order_line', '* * * * *', format('SELECT %I.%I()', current_schema(), 'dbarchitect_retention_order_line'));
  PERFORM cron.schedule(current_schema() || '.' || 'dbarchitect_retention_payment', '* * * * *', format('SELECT %I.%I()', current_schema(), 'dbarchitect_retention_payment'));
  PERFORM cron.schedule(current_schema() || '.refresh_' || 'daily_revenue_mv', '*/4 * * * *', format('REFRESH MATERIALIZED VIEW CONCURRENTLY %I.%I', current_schema(), 'daily_revenue_mv'));
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_partman') THEN
    PERFORM cron.schedule('dbarchitect_partman_maintenance', '17 * * * *', (SELECT format('CALL %I.run_maintenance_proc()', n.nspname) FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_partman'));
  END IF;
END $$;

COMMIT;
