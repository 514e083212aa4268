BEGIN;

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
  CONSTRAINT order_pkey PRIMARY KEY (tenant_id, id),
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
COMMENT ON COLUMN order_line.tenant_id IS 'The tenant that owns this row (shared-schema tenancy).';
COMMENT ON COLUMN payment.tenant_id IS 'The tenant that owns this row (shared-schema tenancy).';
COMMENT ON COLUMN payment.card_last4 IS 'PII: personal data.';
COMMENT ON TABLE inventory_event IS 'Append-only stock movements';
COMMENT ON COLUMN inventory_event.tenant_id IS 'The tenant that owns this row (shared-schema tenancy).';

COMMIT;
