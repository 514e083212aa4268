-- CockroachDB 23.1+. Run the statements one at a time (not in one transaction).
CREATE TYPE tenant_plan AS ENUM ('free', 'pro', 'enterprise');
CREATE TYPE product_status AS ENUM ('draft', 'active', 'archived');
CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded');
CREATE TYPE payment_provider AS ENUM ('stripe', 'adyen', 'paypal');
CREATE TYPE payment_status AS ENUM ('authorized', 'captured', 'failed', 'refunded');
CREATE TYPE inventory_event_reason AS ENUM ('sale', 'restock', 'adjustment', 'return');

CREATE TABLE tenant (
  id INT8 NOT NULL DEFAULT unordered_unique_rowid(),
  name VARCHAR(120) NOT NULL,
  slug VARCHAR(60) NOT NULL,
  plan tenant_plan NOT NULL,
  billing_email VARCHAR(254) NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT tenant_pkey PRIMARY KEY (id),
  CONSTRAINT tenant_slug_key UNIQUE (slug),
  CONSTRAINT tenant_billing_email_format_check CHECK (billing_email ~* '^[^@\s]+@[^@\s]+\.[^@\s]+$')
);

CREATE TABLE customer (
  id INT8 NOT NULL DEFAULT unordered_unique_rowid(),
  tenant_id INT8 NOT NULL,
  email VARCHAR(254) NOT NULL,
  full_name VARCHAR(200),
  phone VARCHAR(16),
  marketing_opt_in BOOL NOT NULL DEFAULT false,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT customer_pkey PRIMARY KEY (tenant_id, id),
  CONSTRAINT customer_tenant_id_email_key UNIQUE (tenant_id, email),
  CONSTRAINT customer_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE RESTRICT,
  CONSTRAINT customer_email_format_check CHECK (email ~* '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  CONSTRAINT customer_phone_format_check CHECK (phone ~ '^\+[1-9][0-9]{6,14}$')
);

CREATE TABLE product (
  id INT8 NOT NULL DEFAULT unordered_unique_rowid(),
  tenant_id INT8 NOT NULL,
  sku VARCHAR(64) NOT NULL,
  title VARCHAR(300) NOT NULL,
  description TEXT,
  price DECIMAL(19,4) NOT NULL,
  currency VARCHAR(3) NOT NULL DEFAULT 'USD',
  attributes JSONB,
  status product_status NOT NULL DEFAULT 'draft',
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT product_pkey PRIMARY KEY (tenant_id, id),
  CONSTRAINT product_tenant_id_sku_key UNIQUE (tenant_id, sku),
  CONSTRAINT product_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE RESTRICT
);

CREATE TABLE category (
  id INT8 NOT NULL DEFAULT unordered_unique_rowid(),
  tenant_id INT8 NOT NULL,
  name VARCHAR(120) NOT NULL,
  parent_id INT8,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT category_pkey PRIMARY KEY (tenant_id, id),
  CONSTRAINT category_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE RESTRICT,
  CONSTRAINT category_parent_id_fkey FOREIGN KEY (tenant_id, parent_id) REFERENCES category (tenant_id, id) ON DELETE RESTRICT
);

CREATE TABLE product_category (
  tenant_id INT8 NOT NULL,
  product_id INT8 NOT NULL,
  category_id INT8 NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT product_category_pkey PRIMARY KEY (tenant_id, product_id, category_id),
  CONSTRAINT product_category_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE RESTRICT,
  CONSTRAINT product_category_product_id_fkey FOREIGN KEY (tenant_id, product_id) REFERENCES product (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT product_category_category_id_fkey FOREIGN KEY (tenant_id, category_id) REFERENCES category (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE "order" (
  id INT8 NOT NULL DEFAULT unordered_unique_rowid(),
  tenant_id INT8 NOT NULL,
  customer_id INT8 NOT NULL,
  status order_status NOT NULL,
  total DECIMAL(19,4) NOT NULL,
  currency VARCHAR(3) NOT NULL,
  placed_at TIMESTAMPTZ NOT NULL,
  shipping_address JSONB,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  idempotency_key UUID,
  CONSTRAINT order_pkey PRIMARY KEY (tenant_id, id),
  CONSTRAINT order_tenant_id_idempotency_key_key UNIQUE (tenant_id, idempotency_key),
  CONSTRAINT order_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE RESTRICT,
  CONSTRAINT order_customer_id_fkey FOREIGN KEY (tenant_id, customer_id) REFERENCES customer (tenant_id, id) ON DELETE RESTRICT
);

CREATE TABLE order_line (
  id INT8 NOT NULL DEFAULT unordered_unique_rowid(),
  tenant_id INT8 NOT NULL,
  order_id INT8 NOT NULL,
  product_id INT8 NOT NULL,
  quantity INT4 NOT NULL,
  unit_price DECIMAL(19,4) NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT order_line_pkey PRIMARY KEY (tenant_id, id),
  CONSTRAINT order_line_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE RESTRICT,
  CONSTRAINT order_line_order_id_fkey FOREIGN KEY (tenant_id, order_id) REFERENCES "order" (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT order_line_product_id_fkey FOREIGN KEY (tenant_id, product_id) REFERENCES product (tenant_id, id) ON DELETE RESTRICT,
  CONSTRAINT order_line_quantity_check CHECK (quantity >= 1)
);

CREATE TABLE payment (
  id INT8 NOT NULL DEFAULT unordered_unique_rowid(),
  tenant_id INT8 NOT NULL,
  order_id INT8 NOT NULL,
  provider payment_provider NOT NULL,
  provider_ref VARCHAR(100) NOT NULL,
  amount DECIMAL(19,4) NOT NULL,
  status payment_status NOT NULL,
  card_last4 VARCHAR(4),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT payment_pkey PRIMARY KEY (tenant_id, id),
  CONSTRAINT payment_provider_provider_ref_key UNIQUE (provider, provider_ref),
  CONSTRAINT payment_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE RESTRICT,
  CONSTRAINT payment_order_id_fkey FOREIGN KEY (tenant_id, order_id) REFERENCES "order" (tenant_id, id) ON DELETE RESTRICT
);

CREATE TABLE inventory_event (
  id INT8 NOT NULL DEFAULT unordered_unique_rowid(),
  tenant_id INT8 NOT NULL,
  product_id INT8 NOT NULL,
  delta INT4 NOT NULL,
  reason inventory_event_reason NOT NULL,
  occurred_at TIMESTAMPTZ NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT inventory_event_pkey PRIMARY KEY (tenant_id, id, occurred_at),
  CONSTRAINT inventory_event_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE RESTRICT,
  CONSTRAINT inventory_event_product_id_fkey FOREIGN KEY (tenant_id, product_id) REFERENCES product (tenant_id, id) ON DELETE RESTRICT
) WITH (ttl_expiration_expression = 'occurred_at + INTERVAL ''63113904 seconds''');

CREATE TABLE inventory_event_snapshot (
  tenant_id INT8 NOT NULL,
  product_id INT8 NOT NULL,
  sum_delta INT8 NOT NULL DEFAULT 0,
  as_of TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT inventory_event_snapshot_pkey PRIMARY KEY (tenant_id, product_id)
);

CREATE TABLE tenant_history (
  history_id INT8 NOT NULL DEFAULT unordered_unique_rowid(),
  history_operation VARCHAR(6) NOT NULL,
  history_by VARCHAR(63) NOT NULL,
  history_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  id INT8 NOT NULL,
  name VARCHAR(120) NOT NULL,
  slug VARCHAR(60) NOT NULL,
  plan tenant_plan NOT NULL,
  billing_email VARCHAR(254) NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  CONSTRAINT tenant_history_pkey PRIMARY KEY (history_id)
);

CREATE TABLE customer_history (
  history_id INT8 NOT NULL DEFAULT unordered_unique_rowid(),
  history_operation VARCHAR(6) NOT NULL,
  history_by VARCHAR(63) NOT NULL,
  history_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  id INT8 NOT NULL,
  tenant_id INT8 NOT NULL,
  email VARCHAR(254) NOT NULL,
  full_name VARCHAR(200),
  phone VARCHAR(16),
  marketing_opt_in BOOL NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  CONSTRAINT customer_history_pkey PRIMARY KEY (history_id)
);

CREATE TABLE product_history (
  history_id INT8 NOT NULL DEFAULT unordered_unique_rowid(),
  history_operation VARCHAR(6) NOT NULL,
  history_by VARCHAR(63) NOT NULL,
  history_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  id INT8 NOT NULL,
  tenant_id INT8 NOT NULL,
  sku VARCHAR(64) NOT NULL,
  title VARCHAR(300) NOT NULL,
  description TEXT,
  price DECIMAL(19,4) NOT NULL,
  currency VARCHAR(3) NOT NULL,
  attributes JSONB,
  status product_status NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  CONSTRAINT product_history_pkey PRIMARY KEY (history_id)
);

CREATE TABLE order_history (
  history_id INT8 NOT NULL DEFAULT unordered_unique_rowid(),
  history_operation VARCHAR(6) NOT NULL,
  history_by VARCHAR(63) NOT NULL,
  history_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  id INT8 NOT NULL,
  tenant_id INT8 NOT NULL,
  customer_id INT8 NOT NULL,
  status order_status NOT NULL,
  total DECIMAL(19,4) NOT NULL,
  currency VARCHAR(3) NOT NULL,
  placed_at TIMESTAMPTZ NOT NULL,
  shipping_address JSONB,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  CONSTRAINT order_history_pkey PRIMARY KEY (history_id)
);

CREATE TABLE order_line_history (
  history_id INT8 NOT NULL DEFAULT unordered_unique_rowid(),
  history_operation VARCHAR(6) NOT NULL,
  history_by VARCHAR(63) NOT NULL,
  history_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  id INT8 NOT NULL,
  tenant_id INT8 NOT NULL,
  order_id INT8 NOT NULL,
  product_id INT8 NOT NULL,
  quantity INT4 NOT NULL,
  unit_price DECIMAL(19,4) NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  CONSTRAINT order_line_history_pkey PRIMARY KEY (history_id)
);

CREATE TABLE payment_history (
  history_id INT8 NOT NULL DEFAULT unordered_unique_rowid(),
  history_operation VARCHAR(6) NOT NULL,
  history_by VARCHAR(63) NOT NULL,
  history_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  id INT8 NOT NULL,
  tenant_id INT8 NOT NULL,
  order_id INT8 NOT NULL,
  provider payment_provider NOT NULL,
  provider_ref VARCHAR(100) NOT NULL,
  amount DECIMAL(19,4) NOT NULL,
  status payment_status NOT NULL,
  card_last4 VARCHAR(4),
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
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

-- Pre-aggregate (modeling/aggregate/daily_revenue): refresh every 295 s with REFRESH MATERIALIZED VIEW daily_revenue_mv;
CREATE MATERIALIZED VIEW daily_revenue_mv AS
  SELECT tenant_id, date_trunc('day', placed_at) AS day, sum(total) AS sum_total
  FROM "order"
  WHERE status IN ('paid', 'shipped', 'delivered') AND placed_at >= now() - INTERVAL '2592000 seconds'
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
