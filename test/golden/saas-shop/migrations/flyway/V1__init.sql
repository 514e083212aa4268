-- Written by dbarchitect from the design's schema/postgres.sql (the tables, keys, indexes, triggers and views): part of the initial schema, applied once to an empty database.
-- Flyway runs it in one transaction (PostgreSQL DDL is transactional).
CREATE TYPE tenant_plan AS ENUM ('free', 'pro', 'enterprise');
CREATE TYPE product_status AS ENUM ('draft', 'active', 'archived');
CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded');
CREATE TYPE payment_provider AS ENUM ('stripe', 'adyen', 'paypal');
CREATE TYPE payment_status AS ENUM ('authorized', 'captured', 'failed', 'refunded');
CREATE TYPE inventory_event_reason AS ENUM ('sale', 'restock', 'adjustment', 'return');

CREATE TABLE tenant (
  id bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
  name varchar(120) NOT NULL,
  slug varchar(60) NOT NULL,
  plan tenant_plan NOT NULL,
  billing_email varchar(254) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT tenant_pkey PRIMARY KEY (id),
  CONSTRAINT tenant_slug_key UNIQUE (slug),
  CONSTRAINT tenant_billing_email_format_check CHECK (billing_email ~* '^[^@\s]+@[^@\s]+\.[^@\s]+$')
);

CREATE TABLE customer (
  id bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
  tenant_id bigint NOT NULL,
  email varchar(254) NOT NULL,
  full_name varchar(200),
  phone varchar(16),
  marketing_opt_in boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT customer_pkey PRIMARY KEY (tenant_id, id),
  CONSTRAINT customer_tenant_id_email_key UNIQUE (tenant_id, email),
  CONSTRAINT customer_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE RESTRICT,
  CONSTRAINT customer_email_format_check CHECK (email ~* '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  CONSTRAINT customer_phone_format_check CHECK (phone ~ '^\+[1-9][0-9]{6,14}$')
);

CREATE TABLE product (
  id bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
  tenant_id bigint NOT NULL,
  sku varchar(64) NOT NULL,
  title varchar(300) NOT NULL,
  description text,
  price numeric(19,4) NOT NULL,
  currency varchar(3) NOT NULL DEFAULT 'USD',
  attributes jsonb,
  status product_status NOT NULL DEFAULT 'draft',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT product_pkey PRIMARY KEY (tenant_id, id),
  CONSTRAINT product_tenant_id_sku_key UNIQUE (tenant_id, sku),
  CONSTRAINT product_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE RESTRICT
);

CREATE TABLE category (
  id bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
  tenant_id bigint NOT NULL,
  name varchar(120) NOT NULL,
  parent_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT category_pkey PRIMARY KEY (tenant_id, id),
  CONSTRAINT category_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE RESTRICT,
  CONSTRAINT category_parent_id_fkey FOREIGN KEY (tenant_id, parent_id) REFERENCES category (tenant_id, id) ON DELETE RESTRICT
);

CREATE TABLE product_category (
  tenant_id bigint NOT NULL,
  product_id bigint NOT NULL,
  category_id bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT product_category_pkey PRIMARY KEY (tenant_id, product_id, category_id),
  CONSTRAINT product_category_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE RESTRICT,
  CONSTRAINT product_category_product_id_fkey FOREIGN KEY (tenant_id, product_id) REFERENCES product (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT product_category_category_id_fkey FOREIGN KEY (tenant_id, category_id) REFERENCES category (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE "order" (
  id bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
  tenant_id bigint NOT NULL,
  customer_id bigint NOT NULL,
  status order_status NOT NULL,
  total numeric(19,4) NOT NULL,
  currency varchar(3) NOT NULL,
  placed_at timestamptz NOT NULL,
  shipping_address jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  idempotency_key uuid,
  CONSTRAINT order_pkey PRIMARY KEY (tenant_id, id),
  CONSTRAINT order_tenant_id_idempotency_key_key UNIQUE (tenant_id, idempotency_key),
  CONSTRAINT order_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE RESTRICT,
  CONSTRAINT order_customer_id_fkey FOREIGN KEY (tenant_id, customer_id) REFERENCES customer (tenant_id, id) ON DELETE RESTRICT
);

CREATE TABLE order_line (
  id bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
  tenant_id bigint NOT NULL,
  order_id bigint NOT NULL,
  product_id bigint NOT NULL,
  quantity integer NOT NULL,
  unit_price numeric(19,4) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT order_line_pkey PRIMARY KEY (tenant_id, id),
  CONSTRAINT order_line_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE RESTRICT,
  CONSTRAINT order_line_order_id_fkey FOREIGN KEY (tenant_id, order_id) REFERENCES "order" (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT order_line_product_id_fkey FOREIGN KEY (tenant_id, product_id) REFERENCES product (tenant_id, id) ON DELETE RESTRICT,
  CONSTRAINT order_line_quantity_check CHECK (quantity >= 1)
);

CREATE TABLE payment (
  id bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
  tenant_id bigint NOT NULL,
  order_id bigint NOT NULL,
  provider payment_provider NOT NULL,
  provider_ref varchar(100) NOT NULL,
  amount numeric(19,4) NOT NULL,
  status payment_status NOT NULL,
  card_last4 varchar(4),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT payment_pkey PRIMARY KEY (tenant_id, id),
  CONSTRAINT payment_provider_provider_ref_key UNIQUE (provider, provider_ref),
  CONSTRAINT payment_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE RESTRICT,
  CONSTRAINT payment_order_id_fkey FOREIGN KEY (tenant_id, order_id) REFERENCES "order" (tenant_id, id) ON DELETE RESTRICT
);

CREATE TABLE inventory_event (
  id bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
  tenant_id bigint NOT NULL,
  product_id bigint NOT NULL,
  delta integer NOT NULL,
  reason inventory_event_reason NOT NULL,
  occurred_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT inventory_event_pkey PRIMARY KEY (tenant_id, id, occurred_at),
  CONSTRAINT inventory_event_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE RESTRICT,
  CONSTRAINT inventory_event_product_id_fkey FOREIGN KEY (tenant_id, product_id) REFERENCES product (tenant_id, id) ON DELETE RESTRICT
) PARTITION BY RANGE (occurred_at);

DO $$
DECLARE
  bound timestamptz;
BEGIN
  FOR i IN -23..3 LOOP
    bound := date_trunc('month', now()) + make_interval(months => i);
    EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', 'inventory_event' || '_p' || to_char(bound, 'YYYY_MM'), 'inventory_event', bound, bound + interval '1 month');
  END LOOP;
END $$;
CREATE TABLE inventory_event_default PARTITION OF inventory_event DEFAULT;

CREATE TABLE inventory_event_snapshot (
  tenant_id bigint NOT NULL,
  product_id bigint NOT NULL,
  sum_delta bigint NOT NULL DEFAULT 0,
  as_of timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT inventory_event_snapshot_pkey PRIMARY KEY (tenant_id, product_id)
);

CREATE TABLE tenant_history (
  history_id bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
  history_operation varchar(6) NOT NULL,
  history_by varchar(63) NOT NULL,
  history_at timestamptz NOT NULL DEFAULT now(),
  id bigint NOT NULL,
  name varchar(120) NOT NULL,
  slug varchar(60) NOT NULL,
  plan tenant_plan NOT NULL,
  billing_email varchar(254) NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT tenant_history_pkey PRIMARY KEY (history_id)
);

CREATE TABLE customer_history (
  history_id bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
  history_operation varchar(6) NOT NULL,
  history_by varchar(63) NOT NULL,
  history_at timestamptz NOT NULL DEFAULT now(),
  id bigint NOT NULL,
  tenant_id bigint NOT NULL,
  email varchar(254) NOT NULL,
  full_name varchar(200),
  phone varchar(16),
  marketing_opt_in boolean NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT customer_history_pkey PRIMARY KEY (history_id)
);

CREATE TABLE product_history (
  history_id bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
  history_operation varchar(6) NOT NULL,
  history_by varchar(63) NOT NULL,
  history_at timestamptz NOT NULL DEFAULT now(),
  id bigint NOT NULL,
  tenant_id bigint NOT NULL,
  sku varchar(64) NOT NULL,
  title varchar(300) NOT NULL,
  description text,
  price numeric(19,4) NOT NULL,
  currency varchar(3) NOT NULL,
  attributes jsonb,
  status product_status NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT product_history_pkey PRIMARY KEY (history_id)
);

CREATE TABLE order_history (
  history_id bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
  history_operation varchar(6) NOT NULL,
  history_by varchar(63) NOT NULL,
  history_at timestamptz NOT NULL DEFAULT now(),
  id bigint NOT NULL,
  tenant_id bigint NOT NULL,
  customer_id bigint NOT NULL,
  status order_status NOT NULL,
  total numeric(19,4) NOT NULL,
  currency varchar(3) NOT NULL,
  placed_at timestamptz NOT NULL,
  shipping_address jsonb,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT order_history_pkey PRIMARY KEY (history_id)
);

CREATE TABLE order_line_history (
  history_id bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
  history_operation varchar(6) NOT NULL,
  history_by varchar(63) NOT NULL,
  history_at timestamptz NOT NULL DEFAULT now(),
  id bigint NOT NULL,
  tenant_id bigint NOT NULL,
  order_id bigint NOT NULL,
  product_id bigint NOT NULL,
  quantity integer NOT NULL,
  unit_price numeric(19,4) NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT order_line_history_pkey PRIMARY KEY (history_id)
);

CREATE TABLE payment_history (
  history_id bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
  history_operation varchar(6) NOT NULL,
  history_by varchar(63) NOT NULL,
  history_at timestamptz NOT NULL DEFAULT now(),
  id bigint NOT NULL,
  tenant_id bigint NOT NULL,
  order_id bigint NOT NULL,
  provider payment_provider NOT NULL,
  provider_ref varchar(100) NOT NULL,
  amount numeric(19,4) NOT NULL,
  status payment_status NOT NULL,
  card_last4 varchar(4),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT payment_history_pkey PRIMARY KEY (history_id)
);

CREATE INDEX category_tenant_id_parent_id_idx ON category (tenant_id, parent_id);
CREATE INDEX product_category_tenant_id_category_id_idx ON product_category (tenant_id, category_id) INCLUDE (product_id);
CREATE INDEX order_tenant_id_customer_id_placed_at_idx ON "order" (tenant_id, customer_id, placed_at DESC) INCLUDE (id, status, total);
CREATE INDEX order_tenant_id_placed_at_paid_idx ON "order" (tenant_id, placed_at) WHERE status = 'paid';
CREATE INDEX order_tenant_id_placed_at_idx ON "order" (tenant_id, placed_at) WHERE status IN ('paid', 'shipped', 'delivered');
CREATE INDEX order_created_at_idx ON "order" (created_at);
CREATE INDEX order_line_tenant_id_order_id_idx ON order_line (tenant_id, order_id) INCLUDE (product_id, quantity, unit_price);
CREATE INDEX order_line_tenant_id_product_id_idx ON order_line (tenant_id, product_id);
CREATE INDEX order_line_created_at_idx ON order_line (created_at);
CREATE INDEX payment_tenant_id_order_id_idx ON payment (tenant_id, order_id);
CREATE INDEX payment_created_at_idx ON payment (created_at);
CREATE INDEX inventory_event_tenant_id_product_id_idx ON inventory_event (tenant_id, product_id) INCLUDE (delta);

CREATE FUNCTION tenant_history_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO tenant_history (history_operation, history_by, id, name, slug, plan, billing_email, created_at, updated_at) VALUES (TG_OP, current_user, OLD.id, OLD.name, OLD.slug, OLD.plan, OLD.billing_email, OLD.created_at, OLD.updated_at);
  RETURN NULL;
END
$fn$;
CREATE TRIGGER tenant_history_trigger AFTER UPDATE OR DELETE ON tenant FOR EACH ROW EXECUTE FUNCTION tenant_history_trigger();

CREATE FUNCTION customer_history_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO customer_history (history_operation, history_by, id, tenant_id, email, full_name, phone, marketing_opt_in, created_at, updated_at) VALUES (TG_OP, current_user, OLD.id, OLD.tenant_id, OLD.email, OLD.full_name, OLD.phone, OLD.marketing_opt_in, OLD.created_at, OLD.updated_at);
  RETURN NULL;
END
$fn$;
CREATE TRIGGER customer_history_trigger AFTER UPDATE OR DELETE ON customer FOR EACH ROW EXECUTE FUNCTION customer_history_trigger();

CREATE FUNCTION product_history_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO product_history (history_operation, history_by, id, tenant_id, sku, title, description, price, currency, attributes, status, created_at, updated_at) VALUES (TG_OP, current_user, OLD.id, OLD.tenant_id, OLD.sku, OLD.title, OLD.description, OLD.price, OLD.currency, OLD.attributes, OLD.status, OLD.created_at, OLD.updated_at);
  RETURN NULL;
END
$fn$;
CREATE TRIGGER product_history_trigger AFTER UPDATE OR DELETE ON product FOR EACH ROW EXECUTE FUNCTION product_history_trigger();

CREATE FUNCTION order_history_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO order_history (history_operation, history_by, id, tenant_id, customer_id, status, total, currency, placed_at, shipping_address, created_at, updated_at) VALUES (TG_OP, current_user, OLD.id, OLD.tenant_id, OLD.customer_id, OLD.status, OLD.total, OLD.currency, OLD.placed_at, OLD.shipping_address, OLD.created_at, OLD.updated_at);
  RETURN NULL;
END
$fn$;
CREATE TRIGGER order_history_trigger AFTER UPDATE OR DELETE ON "order" FOR EACH ROW EXECUTE FUNCTION order_history_trigger();

CREATE FUNCTION order_line_history_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO order_line_history (history_operation, history_by, id, tenant_id, order_id, product_id, quantity, unit_price, created_at, updated_at) VALUES (TG_OP, current_user, OLD.id, OLD.tenant_id, OLD.order_id, OLD.product_id, OLD.quantity, OLD.unit_price, OLD.created_at, OLD.updated_at);
  RETURN NULL;
END
$fn$;
CREATE TRIGGER order_line_history_trigger AFTER UPDATE OR DELETE ON order_line FOR EACH ROW EXECUTE FUNCTION order_line_history_trigger();

CREATE FUNCTION payment_history_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO payment_history (history_operation, history_by, id, tenant_id, order_id, provider, provider_ref, amount, status, card_last4, created_at, updated_at) VALUES (TG_OP, current_user, OLD.id, OLD.tenant_id, OLD.order_id, OLD.provider, OLD.provider_ref, OLD.amount, OLD.status, OLD.card_last4, OLD.created_at, OLD.updated_at);
  RETURN NULL;
END
$fn$;
CREATE TRIGGER payment_history_trigger AFTER UPDATE OR DELETE ON payment FOR EACH ROW EXECUTE FUNCTION payment_history_trigger();

CREATE FUNCTION inventory_event_snapshot_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO inventory_event_snapshot AS s (tenant_id, product_id, sum_delta, as_of) VALUES (NEW.tenant_id, NEW.product_id, coalesce(NEW.delta, 0), now())
    ON CONFLICT (tenant_id, product_id) DO UPDATE SET sum_delta = s.sum_delta + EXCLUDED.sum_delta, as_of = EXCLUDED.as_of;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER inventory_event_snapshot_trigger AFTER INSERT ON inventory_event FOR EACH ROW EXECUTE FUNCTION inventory_event_snapshot_trigger();

CREATE MATERIALIZED VIEW daily_revenue_mv AS
  SELECT tenant_id, date_trunc('day', placed_at) AS day, sum(total) AS sum_total
  FROM "order"
  WHERE status IN ('paid', 'shipped', 'delivered') AND placed_at >= now() - interval '30 days'
  GROUP BY tenant_id, date_trunc('day', placed_at);
CREATE UNIQUE INDEX daily_revenue_mv_key ON daily_revenue_mv (tenant_id, day);

COMMENT ON TABLE tenant IS 'A merchant that runs a storefront';
COMMENT ON COLUMN tenant.billing_email IS 'PII: personal data.';
COMMENT ON COLUMN customer.tenant_id IS 'The tenant that owns this row (shared-schema tenancy).';
COMMENT ON COLUMN customer.email IS 'PII: personal data.';
COMMENT ON COLUMN customer.full_name IS 'PII: personal data.';
COMMENT ON COLUMN customer.phone IS 'PII: personal data.';
COMMENT ON COLUMN product.tenant_id IS 'The tenant that owns this row (shared-schema tenancy).';
COMMENT ON COLUMN category.tenant_id IS 'The tenant that owns this row (shared-schema tenancy).';
COMMENT ON TABLE product_category IS 'Products belong to many categories';
COMMENT ON COLUMN product_category.tenant_id IS 'The tenant that owns this row (shared-schema tenancy).';
COMMENT ON COLUMN "order".tenant_id IS 'The tenant that owns this row (shared-schema tenancy).';
COMMENT ON COLUMN "order".idempotency_key IS 'Client-generated per logical write of place_order: a retry conflicts instead of adding a row.';
COMMENT ON COLUMN order_line.tenant_id IS 'The tenant that owns this row (shared-schema tenancy).';
COMMENT ON COLUMN payment.tenant_id IS 'The tenant that owns this row (shared-schema tenancy).';
COMMENT ON COLUMN payment.card_last4 IS 'PII: personal data.';
COMMENT ON TABLE inventory_event IS 'Append-only stock movements';
COMMENT ON COLUMN inventory_event.tenant_id IS 'The tenant that owns this row (shared-schema tenancy).';
COMMENT ON TABLE inventory_event_snapshot IS 'Running totals of inventory_event per tenant_id, product_id, kept by the trigger inventory_event_snapshot_trigger; stock_level read it instead of folding every event';
COMMENT ON TABLE tenant_history IS 'Old versions of tenant rows, written by the trigger tenant_history_trigger on UPDATE or DELETE';
COMMENT ON COLUMN tenant_history.history_operation IS 'UPDATE or DELETE';
COMMENT ON COLUMN tenant_history.history_by IS 'The database role that made the change.';
COMMENT ON COLUMN tenant_history.billing_email IS 'PII: personal data.';
COMMENT ON TABLE customer_history IS 'Old versions of customer rows, written by the trigger customer_history_trigger on UPDATE or DELETE';
COMMENT ON COLUMN customer_history.history_operation IS 'UPDATE or DELETE';
COMMENT ON COLUMN customer_history.history_by IS 'The database role that made the change.';
COMMENT ON COLUMN customer_history.email IS 'PII: personal data.';
COMMENT ON COLUMN customer_history.full_name IS 'PII: personal data.';
COMMENT ON COLUMN customer_history.phone IS 'PII: personal data.';
COMMENT ON TABLE product_history IS 'Old versions of product rows, written by the trigger product_history_trigger on UPDATE or DELETE';
COMMENT ON COLUMN product_history.history_operation IS 'UPDATE or DELETE';
COMMENT ON COLUMN product_history.history_by IS 'The database role that made the change.';
COMMENT ON TABLE order_history IS 'Old versions of order rows, written by the trigger order_history_trigger on UPDATE or DELETE';
COMMENT ON COLUMN order_history.history_operation IS 'UPDATE or DELETE';
COMMENT ON COLUMN order_history.history_by IS 'The database role that made the change.';
COMMENT ON TABLE order_line_history IS 'Old versions of order_line rows, written by the trigger order_line_history_trigger on UPDATE or DELETE';
COMMENT ON COLUMN order_line_history.history_operation IS 'UPDATE or DELETE';
COMMENT ON COLUMN order_line_history.history_by IS 'The database role that made the change.';
COMMENT ON TABLE payment_history IS 'Old versions of payment rows, written by the trigger payment_history_trigger on UPDATE or DELETE';
COMMENT ON COLUMN payment_history.history_operation IS 'UPDATE or DELETE';
COMMENT ON COLUMN payment_history.history_by IS 'The database role that made the change.';
COMMENT ON COLUMN payment_history.card_last4 IS 'PII: personal data.';
COMMENT ON MATERIALIZED VIEW daily_revenue_mv IS 'Pre-aggregate (modeling/aggregate/daily_revenue); refreshed every 295 s by a scheduled REFRESH MATERIALIZED VIEW CONCURRENTLY daily_revenue_mv;';
