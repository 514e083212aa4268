-- Written by dbarchitect from the design's schema/postgres-security.sql (roles, grants and row-level security): part of the initial schema, applied once to an empty database.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'saas_shop_owner') THEN CREATE ROLE saas_shop_owner NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'saas_shop_migrator') THEN CREATE ROLE saas_shop_migrator LOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'saas_shop_app') THEN CREATE ROLE saas_shop_app LOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'saas_shop_readonly') THEN CREATE ROLE saas_shop_readonly LOGIN; END IF;
  EXECUTE format('GRANT USAGE, CREATE ON SCHEMA %I TO saas_shop_owner', current_schema());
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO saas_shop_app, saas_shop_readonly', current_schema());
END $$;
--> statement-breakpoint
GRANT saas_shop_owner TO saas_shop_migrator;
--> statement-breakpoint
ALTER TABLE tenant OWNER TO saas_shop_owner;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant TO saas_shop_app;
--> statement-breakpoint
GRANT SELECT (id, name, slug, plan, created_at, updated_at) ON tenant TO saas_shop_readonly;
--> statement-breakpoint
ALTER TABLE customer OWNER TO saas_shop_owner;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON customer TO saas_shop_app;
--> statement-breakpoint
GRANT SELECT (id, tenant_id, marketing_opt_in, created_at, updated_at) ON customer TO saas_shop_readonly;
--> statement-breakpoint
ALTER TABLE product OWNER TO saas_shop_owner;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON product TO saas_shop_app;
--> statement-breakpoint
GRANT SELECT ON product TO saas_shop_readonly;
--> statement-breakpoint
ALTER TABLE category OWNER TO saas_shop_owner;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON category TO saas_shop_app;
--> statement-breakpoint
GRANT SELECT ON category TO saas_shop_readonly;
--> statement-breakpoint
ALTER TABLE product_category OWNER TO saas_shop_owner;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON product_category TO saas_shop_app;
--> statement-breakpoint
GRANT SELECT ON product_category TO saas_shop_readonly;
--> statement-breakpoint
ALTER TABLE "order" OWNER TO saas_shop_owner;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "order" TO saas_shop_app;
--> statement-breakpoint
GRANT SELECT ON "order" TO saas_shop_readonly;
--> statement-breakpoint
ALTER TABLE order_line OWNER TO saas_shop_owner;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON order_line TO saas_shop_app;
--> statement-breakpoint
GRANT SELECT ON order_line TO saas_shop_readonly;
--> statement-breakpoint
ALTER TABLE payment OWNER TO saas_shop_owner;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON payment TO saas_shop_app;
--> statement-breakpoint
GRANT SELECT (id, tenant_id, order_id, provider, provider_ref, amount, status, created_at, updated_at) ON payment TO saas_shop_readonly;
--> statement-breakpoint
ALTER TABLE inventory_event OWNER TO saas_shop_owner;
--> statement-breakpoint
GRANT SELECT, INSERT ON inventory_event TO saas_shop_app;
--> statement-breakpoint
GRANT SELECT ON inventory_event TO saas_shop_readonly;
--> statement-breakpoint
ALTER TABLE inventory_event_snapshot OWNER TO saas_shop_owner;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON inventory_event_snapshot TO saas_shop_app;
--> statement-breakpoint
GRANT SELECT ON inventory_event_snapshot TO saas_shop_readonly;
--> statement-breakpoint
ALTER TABLE tenant_history OWNER TO saas_shop_owner;
--> statement-breakpoint
GRANT SELECT, INSERT ON tenant_history TO saas_shop_app;
--> statement-breakpoint
GRANT SELECT (history_id, history_operation, history_by, history_at, id, name, slug, plan, created_at, updated_at) ON tenant_history TO saas_shop_readonly;
--> statement-breakpoint
ALTER TABLE customer_history OWNER TO saas_shop_owner;
--> statement-breakpoint
GRANT SELECT, INSERT ON customer_history TO saas_shop_app;
--> statement-breakpoint
GRANT SELECT (history_id, history_operation, history_by, history_at, id, tenant_id, marketing_opt_in, created_at, updated_at) ON customer_history TO saas_shop_readonly;
--> statement-breakpoint
ALTER TABLE product_history OWNER TO saas_shop_owner;
--> statement-breakpoint
GRANT SELECT, INSERT ON product_history TO saas_shop_app;
--> statement-breakpoint
GRANT SELECT ON product_history TO saas_shop_readonly;
--> statement-breakpoint
ALTER TABLE order_history OWNER TO saas_shop_owner;
--> statement-breakpoint
GRANT SELECT, INSERT ON order_history TO saas_shop_app;
--> statement-breakpoint
GRANT SELECT ON order_history TO saas_shop_readonly;
--> statement-breakpoint
ALTER TABLE order_line_history OWNER TO saas_shop_owner;
--> statement-breakpoint
GRANT SELECT, INSERT ON order_line_history TO saas_shop_app;
--> statement-breakpoint
GRANT SELECT ON order_line_history TO saas_shop_readonly;
--> statement-breakpoint
ALTER TABLE payment_history OWNER TO saas_shop_owner;
--> statement-breakpoint
GRANT SELECT, INSERT ON payment_history TO saas_shop_app;
--> statement-breakpoint
GRANT SELECT (history_id, history_operation, history_by, history_at, id, tenant_id, order_id, provider, provider_ref, amount, status, created_at, updated_at) ON payment_history TO saas_shop_readonly;
--> statement-breakpoint
ALTER MATERIALIZED VIEW daily_revenue_mv OWNER TO saas_shop_owner;
--> statement-breakpoint
ALTER TYPE tenant_plan OWNER TO saas_shop_owner;
--> statement-breakpoint
ALTER TYPE product_status OWNER TO saas_shop_owner;
--> statement-breakpoint
ALTER TYPE order_status OWNER TO saas_shop_owner;
--> statement-breakpoint
ALTER TYPE payment_provider OWNER TO saas_shop_owner;
--> statement-breakpoint
ALTER TYPE payment_status OWNER TO saas_shop_owner;
--> statement-breakpoint
ALTER TYPE inventory_event_reason OWNER TO saas_shop_owner;
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE saas_shop_owner IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO saas_shop_app', current_schema());
  EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE saas_shop_owner IN SCHEMA %I GRANT SELECT ON TABLES TO saas_shop_readonly', current_schema());
END $$;
--> statement-breakpoint
ALTER TABLE customer ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE customer FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY customer_tenant_isolation ON customer USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint);
--> statement-breakpoint
ALTER TABLE product ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE product FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY product_tenant_isolation ON product USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint);
--> statement-breakpoint
ALTER TABLE category ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE category FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY category_tenant_isolation ON category USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint);
--> statement-breakpoint
ALTER TABLE product_category ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE product_category FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY product_category_tenant_isolation ON product_category USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint);
--> statement-breakpoint
ALTER TABLE "order" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "order" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY order_tenant_isolation ON "order" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint);
--> statement-breakpoint
ALTER TABLE order_line ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE order_line FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY order_line_tenant_isolation ON order_line USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint);
--> statement-breakpoint
ALTER TABLE payment ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE payment FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY payment_tenant_isolation ON payment USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint);
--> statement-breakpoint
ALTER TABLE inventory_event ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE inventory_event FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY inventory_event_tenant_isolation ON inventory_event USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint);
--> statement-breakpoint
ALTER TABLE inventory_event_snapshot ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE inventory_event_snapshot FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY inventory_event_snapshot_tenant_isolation ON inventory_event_snapshot USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint);
--> statement-breakpoint
ALTER TABLE customer_history ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY customer_history_tenant_isolation ON customer_history USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint);
--> statement-breakpoint
ALTER TABLE product_history ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY product_history_tenant_isolation ON product_history USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint);
--> statement-breakpoint
ALTER TABLE order_history ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY order_history_tenant_isolation ON order_history USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint);
--> statement-breakpoint
ALTER TABLE order_line_history ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY order_line_history_tenant_isolation ON order_line_history USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint);
--> statement-breakpoint
ALTER TABLE payment_history ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY payment_history_tenant_isolation ON payment_history USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint);
