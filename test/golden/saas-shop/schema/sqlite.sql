-- SQLite schema written by dbarchitect from the design (SQLite 3.38 or later: STRICT tables, json_valid).
-- Foreign keys: SQLite enforces them only on a connection that ran `PRAGMA foreign_keys = ON;` (off by
-- default, and a no-op inside a transaction), so every connection of the application must run it first.
-- Tables are STRICT: a value of the wrong type is an error, not stored as given; CHECKs keep lengths,
-- integer ranges and formats. Values are stored as:
--   timestamp   TEXT 'YYYY-MM-DDTHH:MM:SS.SSSZ' in UTC (without Z when without time zone); date 'YYYY-MM-DD';
--               time 'HH:MM:SS.SSS'. Only that form passes the CHECK, so text order is time order.
--   decimal     INTEGER in units of 10^-scale (money, decimal(19,4): 12.34 is 123400), exact; REAL would round.
--   uuid        TEXT, lower case, 8-4-4-4-12; json TEXT that json_valid() accepts; bool INTEGER 0 or 1.
--   enum        TEXT with CHECK (column IN (…)).
-- SQLite has no roles, grants or row-level security (whoever opens the file reads all of it), no schemas,
-- sequences, partitions, materialized views or COMMENT: design.json lists each substitution made here.
PRAGMA foreign_keys = ON;

BEGIN;

CREATE TABLE tenant ( -- A merchant that runs a storefront
  id INTEGER NOT NULL,
  name TEXT NOT NULL CHECK (length(name) <= 120),
  slug TEXT NOT NULL CHECK (length(slug) <= 60),
  "plan" TEXT NOT NULL CHECK ("plan" IN ('free', 'pro', 'enterprise')),
  billing_email TEXT NOT NULL CHECK (length(billing_email) <= 254), -- PII: personal data.
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)),
  CONSTRAINT tenant_pkey PRIMARY KEY (id),
  CONSTRAINT tenant_slug_key UNIQUE (slug),
  CONSTRAINT tenant_billing_email_format_check CHECK (billing_email GLOB '?*@?*.?*' AND billing_email NOT GLOB '*@*@*' AND billing_email NOT GLOB '*[' || char(9, 10, 11, 12, 13, 32) || ']*')
) STRICT;

CREATE TABLE customer (
  id INTEGER NOT NULL,
  tenant_id INTEGER NOT NULL, -- The tenant that owns this row (shared-schema tenancy).
  email TEXT NOT NULL CHECK (length(email) <= 254), -- PII: personal data.
  full_name TEXT CHECK (length(full_name) <= 200), -- PII: personal data.
  phone TEXT CHECK (length(phone) <= 16), -- PII: personal data.
  marketing_opt_in INTEGER NOT NULL DEFAULT 0 CHECK (marketing_opt_in IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)),
  CONSTRAINT customer_pkey PRIMARY KEY (id),
  CONSTRAINT customer_tenant_id_id_key UNIQUE (tenant_id, id),
  CONSTRAINT customer_tenant_id_email_key UNIQUE (tenant_id, email),
  CONSTRAINT customer_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE RESTRICT,
  CONSTRAINT customer_email_format_check CHECK (email GLOB '?*@?*.?*' AND email NOT GLOB '*@*@*' AND email NOT GLOB '*[' || char(9, 10, 11, 12, 13, 32) || ']*'),
  CONSTRAINT customer_phone_format_check CHECK (phone GLOB '+[1-9]*' AND length(phone) BETWEEN 8 AND 16 AND substr(phone, 2) NOT GLOB '*[^0-9]*')
) STRICT;

CREATE TABLE product (
  id INTEGER NOT NULL,
  tenant_id INTEGER NOT NULL, -- The tenant that owns this row (shared-schema tenancy).
  sku TEXT NOT NULL CHECK (length(sku) <= 64),
  title TEXT NOT NULL CHECK (length(title) <= 300),
  description TEXT,
  price INTEGER NOT NULL,
  currency TEXT NOT NULL DEFAULT 'USD' CHECK (length(currency) <= 3),
  attributes TEXT CHECK (json_valid(attributes)),
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'archived')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)),
  CONSTRAINT product_pkey PRIMARY KEY (id),
  CONSTRAINT product_tenant_id_id_key UNIQUE (tenant_id, id),
  CONSTRAINT product_tenant_id_sku_key UNIQUE (tenant_id, sku),
  CONSTRAINT product_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE RESTRICT
) STRICT;

CREATE TABLE category (
  id INTEGER NOT NULL,
  tenant_id INTEGER NOT NULL, -- The tenant that owns this row (shared-schema tenancy).
  name TEXT NOT NULL CHECK (length(name) <= 120),
  parent_id INTEGER,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)),
  CONSTRAINT category_pkey PRIMARY KEY (id),
  CONSTRAINT category_tenant_id_id_key UNIQUE (tenant_id, id),
  CONSTRAINT category_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE RESTRICT,
  CONSTRAINT category_parent_id_fkey FOREIGN KEY (tenant_id, parent_id) REFERENCES category (tenant_id, id) ON DELETE RESTRICT
) STRICT;

CREATE TABLE product_category ( -- Products belong to many categories
  tenant_id INTEGER NOT NULL, -- The tenant that owns this row (shared-schema tenancy).
  product_id INTEGER NOT NULL,
  category_id INTEGER NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)),
  CONSTRAINT product_category_pkey PRIMARY KEY (tenant_id, product_id, category_id),
  CONSTRAINT product_category_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE RESTRICT,
  CONSTRAINT product_category_product_id_fkey FOREIGN KEY (tenant_id, product_id) REFERENCES product (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT product_category_category_id_fkey FOREIGN KEY (tenant_id, category_id) REFERENCES category (tenant_id, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE TABLE "order" (
  id INTEGER NOT NULL,
  tenant_id INTEGER NOT NULL, -- The tenant that owns this row (shared-schema tenancy).
  customer_id INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded')),
  total INTEGER NOT NULL,
  currency TEXT NOT NULL CHECK (length(currency) <= 3),
  placed_at TEXT NOT NULL CHECK (placed_at = strftime('%Y-%m-%dT%H:%M:%fZ', placed_at)),
  shipping_address TEXT CHECK (json_valid(shipping_address)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)),
  idempotency_key TEXT CHECK (idempotency_key GLOB '????????-????-????-????-????????????' AND length(replace(idempotency_key, '-', '')) = 32 AND idempotency_key NOT GLOB '*[^0-9a-f-]*'), -- Client-generated per logical write of place_order: a retry conflicts instead of adding a row.
  CONSTRAINT order_pkey PRIMARY KEY (id),
  CONSTRAINT order_tenant_id_id_key UNIQUE (tenant_id, id),
  CONSTRAINT order_tenant_id_idempotency_key_key UNIQUE (tenant_id, idempotency_key),
  CONSTRAINT order_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE RESTRICT,
  CONSTRAINT order_customer_id_fkey FOREIGN KEY (tenant_id, customer_id) REFERENCES customer (tenant_id, id) ON DELETE RESTRICT
) STRICT;

CREATE TABLE order_line (
  id INTEGER NOT NULL,
  tenant_id INTEGER NOT NULL, -- The tenant that owns this row (shared-schema tenancy).
  order_id INTEGER NOT NULL,
  product_id INTEGER NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity BETWEEN -2147483648 AND 2147483647),
  unit_price INTEGER NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)),
  CONSTRAINT order_line_pkey PRIMARY KEY (id),
  CONSTRAINT order_line_tenant_id_id_key UNIQUE (tenant_id, id),
  CONSTRAINT order_line_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE RESTRICT,
  CONSTRAINT order_line_order_id_fkey FOREIGN KEY (tenant_id, order_id) REFERENCES "order" (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT order_line_product_id_fkey FOREIGN KEY (tenant_id, product_id) REFERENCES product (tenant_id, id) ON DELETE RESTRICT,
  CONSTRAINT order_line_quantity_check CHECK (quantity >= 1)
) STRICT;

CREATE TABLE payment (
  id INTEGER NOT NULL,
  tenant_id INTEGER NOT NULL, -- The tenant that owns this row (shared-schema tenancy).
  order_id INTEGER NOT NULL,
  provider TEXT NOT NULL CHECK (provider IN ('stripe', 'adyen', 'paypal')),
  provider_ref TEXT NOT NULL CHECK (length(provider_ref) <= 100),
  amount INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('authorized', 'captured', 'failed', 'refunded')),
  card_last4 TEXT CHECK (length(card_last4) <= 4), -- PII: personal data.
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)),
  CONSTRAINT payment_pkey PRIMARY KEY (id),
  CONSTRAINT payment_tenant_id_id_key UNIQUE (tenant_id, id),
  CONSTRAINT payment_provider_provider_ref_key UNIQUE (provider, provider_ref),
  CONSTRAINT payment_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE RESTRICT,
  CONSTRAINT payment_order_id_fkey FOREIGN KEY (tenant_id, order_id) REFERENCES "order" (tenant_id, id) ON DELETE RESTRICT
) STRICT;

CREATE TABLE inventory_event ( -- Append-only stock movements
  id INTEGER NOT NULL,
  tenant_id INTEGER NOT NULL, -- The tenant that owns this row (shared-schema tenancy).
  product_id INTEGER NOT NULL,
  delta INTEGER NOT NULL CHECK (delta BETWEEN -2147483648 AND 2147483647),
  reason TEXT NOT NULL CHECK (reason IN ('sale', 'restock', 'adjustment', 'return')),
  occurred_at TEXT NOT NULL CHECK (occurred_at = strftime('%Y-%m-%dT%H:%M:%fZ', occurred_at)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  CONSTRAINT inventory_event_pkey PRIMARY KEY (id),
  CONSTRAINT inventory_event_tenant_id_id_occurred_at_key UNIQUE (tenant_id, id, occurred_at),
  CONSTRAINT inventory_event_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE RESTRICT,
  CONSTRAINT inventory_event_product_id_fkey FOREIGN KEY (tenant_id, product_id) REFERENCES product (tenant_id, id) ON DELETE RESTRICT
) STRICT;

CREATE TABLE inventory_event_snapshot ( -- Running totals of inventory_event per tenant_id, product_id, kept by the trigger inventory_event_snapshot_trigger; stock_level read it instead of folding every event
  tenant_id INTEGER NOT NULL,
  product_id INTEGER NOT NULL,
  sum_delta INTEGER NOT NULL DEFAULT 0,
  as_of TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (as_of = strftime('%Y-%m-%dT%H:%M:%fZ', as_of)),
  CONSTRAINT inventory_event_snapshot_pkey PRIMARY KEY (tenant_id, product_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE tenant_history ( -- Old versions of tenant rows, written by the trigger tenant_history_trigger on UPDATE or DELETE
  history_id INTEGER NOT NULL,
  history_operation TEXT NOT NULL CHECK (length(history_operation) <= 6), -- UPDATE or DELETE
  history_by TEXT NOT NULL CHECK (length(history_by) <= 63), -- The database role that made the change.
  history_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (history_at = strftime('%Y-%m-%dT%H:%M:%fZ', history_at)),
  id INTEGER NOT NULL,
  name TEXT NOT NULL CHECK (length(name) <= 120),
  slug TEXT NOT NULL CHECK (length(slug) <= 60),
  "plan" TEXT NOT NULL CHECK ("plan" IN ('free', 'pro', 'enterprise')),
  billing_email TEXT NOT NULL CHECK (length(billing_email) <= 254), -- PII: personal data.
  created_at TEXT NOT NULL CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  updated_at TEXT NOT NULL CHECK (updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)),
  CONSTRAINT tenant_history_pkey PRIMARY KEY (history_id)
) STRICT;

CREATE TABLE customer_history ( -- Old versions of customer rows, written by the trigger customer_history_trigger on UPDATE or DELETE
  history_id INTEGER NOT NULL,
  history_operation TEXT NOT NULL CHECK (length(history_operation) <= 6), -- UPDATE or DELETE
  history_by TEXT NOT NULL CHECK (length(history_by) <= 63), -- The database role that made the change.
  history_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (history_at = strftime('%Y-%m-%dT%H:%M:%fZ', history_at)),
  id INTEGER NOT NULL,
  tenant_id INTEGER NOT NULL,
  email TEXT NOT NULL CHECK (length(email) <= 254), -- PII: personal data.
  full_name TEXT CHECK (length(full_name) <= 200), -- PII: personal data.
  phone TEXT CHECK (length(phone) <= 16), -- PII: personal data.
  marketing_opt_in INTEGER NOT NULL CHECK (marketing_opt_in IN (0, 1)),
  created_at TEXT NOT NULL CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  updated_at TEXT NOT NULL CHECK (updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)),
  CONSTRAINT customer_history_pkey PRIMARY KEY (history_id)
) STRICT;

CREATE TABLE product_history ( -- Old versions of product rows, written by the trigger product_history_trigger on UPDATE or DELETE
  history_id INTEGER NOT NULL,
  history_operation TEXT NOT NULL CHECK (length(history_operation) <= 6), -- UPDATE or DELETE
  history_by TEXT NOT NULL CHECK (length(history_by) <= 63), -- The database role that made the change.
  history_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (history_at = strftime('%Y-%m-%dT%H:%M:%fZ', history_at)),
  id INTEGER NOT NULL,
  tenant_id INTEGER NOT NULL,
  sku TEXT NOT NULL CHECK (length(sku) <= 64),
  title TEXT NOT NULL CHECK (length(title) <= 300),
  description TEXT,
  price INTEGER NOT NULL,
  currency TEXT NOT NULL CHECK (length(currency) <= 3),
  attributes TEXT CHECK (json_valid(attributes)),
  status TEXT NOT NULL CHECK (status IN ('draft', 'active', 'archived')),
  created_at TEXT NOT NULL CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  updated_at TEXT NOT NULL CHECK (updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)),
  CONSTRAINT product_history_pkey PRIMARY KEY (history_id)
) STRICT;

CREATE TABLE order_history ( -- Old versions of order rows, written by the trigger order_history_trigger on UPDATE or DELETE
  history_id INTEGER NOT NULL,
  history_operation TEXT NOT NULL CHECK (length(history_operation) <= 6), -- UPDATE or DELETE
  history_by TEXT NOT NULL CHECK (length(history_by) <= 63), -- The database role that made the change.
  history_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (history_at = strftime('%Y-%m-%dT%H:%M:%fZ', history_at)),
  id INTEGER NOT NULL,
  tenant_id INTEGER NOT NULL,
  customer_id INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded')),
  total INTEGER NOT NULL,
  currency TEXT NOT NULL CHECK (length(currency) <= 3),
  placed_at TEXT NOT NULL CHECK (placed_at = strftime('%Y-%m-%dT%H:%M:%fZ', placed_at)),
  shipping_address TEXT CHECK (json_valid(shipping_address)),
  created_at TEXT NOT NULL CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  updated_at TEXT NOT NULL CHECK (updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)),
  CONSTRAINT order_history_pkey PRIMARY KEY (history_id)
) STRICT;

CREATE TABLE order_line_history ( -- Old versions of order_line rows, written by the trigger order_line_history_trigger on UPDATE or DELETE
  history_id INTEGER NOT NULL,
  history_operation TEXT NOT NULL CHECK (length(history_operation) <= 6), -- UPDATE or DELETE
  history_by TEXT NOT NULL CHECK (length(history_by) <= 63), -- The database role that made the change.
  history_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (history_at = strftime('%Y-%m-%dT%H:%M:%fZ', history_at)),
  id INTEGER NOT NULL,
  tenant_id INTEGER NOT NULL,
  order_id INTEGER NOT NULL,
  product_id INTEGER NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity BETWEEN -2147483648 AND 2147483647),
  unit_price INTEGER NOT NULL,
  created_at TEXT NOT NULL CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  updated_at TEXT NOT NULL CHECK (updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)),
  CONSTRAINT order_line_history_pkey PRIMARY KEY (history_id)
) STRICT;

CREATE TABLE payment_history ( -- Old versions of payment rows, written by the trigger payment_history_trigger on UPDATE or DELETE
  history_id INTEGER NOT NULL,
  history_operation TEXT NOT NULL CHECK (length(history_operation) <= 6), -- UPDATE or DELETE
  history_by TEXT NOT NULL CHECK (length(history_by) <= 63), -- The database role that made the change.
  history_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) CHECK (history_at = strftime('%Y-%m-%dT%H:%M:%fZ', history_at)),
  id INTEGER NOT NULL,
  tenant_id INTEGER NOT NULL,
  order_id INTEGER NOT NULL,
  provider TEXT NOT NULL CHECK (provider IN ('stripe', 'adyen', 'paypal')),
  provider_ref TEXT NOT NULL CHECK (length(provider_ref) <= 100),
  amount INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('authorized', 'captured', 'failed', 'refunded')),
  card_last4 TEXT CHECK (length(card_last4) <= 4), -- PII: personal data.
  created_at TEXT NOT NULL CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at)),
  updated_at TEXT NOT NULL CHECK (updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)),
  CONSTRAINT payment_history_pkey PRIMARY KEY (history_id)
) STRICT;

CREATE INDEX category_tenant_id_parent_id_idx ON category (tenant_id, parent_id);

CREATE INDEX product_category_tenant_id_category_id_idx ON product_category (tenant_id, category_id, product_id);

CREATE INDEX order_tenant_id_customer_id_placed_at_idx ON "order" (tenant_id, customer_id, placed_at DESC, id, status, total);

CREATE INDEX order_tenant_id_placed_at_paid_idx ON "order" (tenant_id, placed_at) WHERE status = 'paid';

CREATE INDEX order_tenant_id_placed_at_idx ON "order" (tenant_id, placed_at) WHERE status IN ('paid', 'shipped', 'delivered');

CREATE INDEX order_created_at_idx ON "order" (created_at);

CREATE INDEX order_line_tenant_id_order_id_idx ON order_line (tenant_id, order_id, product_id, quantity, unit_price);

CREATE INDEX order_line_tenant_id_product_id_idx ON order_line (tenant_id, product_id);

CREATE INDEX order_line_created_at_idx ON order_line (created_at);

CREATE INDEX payment_tenant_id_order_id_idx ON payment (tenant_id, order_id);

CREATE INDEX payment_created_at_idx ON payment (created_at);

CREATE INDEX inventory_event_tenant_id_product_id_idx ON inventory_event (tenant_id, product_id, delta);

CREATE TRIGGER tenant_history_trigger_update AFTER UPDATE ON tenant FOR EACH ROW BEGIN
  INSERT INTO tenant_history (history_operation, history_by, id, name, slug, "plan", billing_email, created_at, updated_at) VALUES ('UPDATE', 'sqlite', OLD.id, OLD.name, OLD.slug, OLD."plan", OLD.billing_email, OLD.created_at, OLD.updated_at);
END;

CREATE TRIGGER tenant_history_trigger_delete AFTER DELETE ON tenant FOR EACH ROW BEGIN
  INSERT INTO tenant_history (history_operation, history_by, id, name, slug, "plan", billing_email, created_at, updated_at) VALUES ('DELETE', 'sqlite', OLD.id, OLD.name, OLD.slug, OLD."plan", OLD.billing_email, OLD.created_at, OLD.updated_at);
END;

CREATE TRIGGER customer_history_trigger_update AFTER UPDATE ON customer FOR EACH ROW BEGIN
  INSERT INTO customer_history (history_operation, history_by, id, tenant_id, email, full_name, phone, marketing_opt_in, created_at, updated_at) VALUES ('UPDATE', 'sqlite', OLD.id, OLD.tenant_id, OLD.email, OLD.full_name, OLD.phone, OLD.marketing_opt_in, OLD.created_at, OLD.updated_at);
END;

CREATE TRIGGER customer_history_trigger_delete AFTER DELETE ON customer FOR EACH ROW BEGIN
  INSERT INTO customer_history (history_operation, history_by, id, tenant_id, email, full_name, phone, marketing_opt_in, created_at, updated_at) VALUES ('DELETE', 'sqlite', OLD.id, OLD.tenant_id, OLD.email, OLD.full_name, OLD.phone, OLD.marketing_opt_in, OLD.created_at, OLD.updated_at);
END;

CREATE TRIGGER product_history_trigger_update AFTER UPDATE ON product FOR EACH ROW BEGIN
  INSERT INTO product_history (history_operation, history_by, id, tenant_id, sku, title, description, price, currency, attributes, status, created_at, updated_at) VALUES ('UPDATE', 'sqlite', OLD.id, OLD.tenant_id, OLD.sku, OLD.title, OLD.description, OLD.price, OLD.currency, OLD.attributes, OLD.status, OLD.created_at, OLD.updated_at);
END;

CREATE TRIGGER product_history_trigger_delete AFTER DELETE ON product FOR EACH ROW BEGIN
  INSERT INTO product_history (history_operation, history_by, id, tenant_id, sku, title, description, price, currency, attributes, status, created_at, updated_at) VALUES ('DELETE', 'sqlite', OLD.id, OLD.tenant_id, OLD.sku, OLD.title, OLD.description, OLD.price, OLD.currency, OLD.attributes, OLD.status, OLD.created_at, OLD.updated_at);
END;

CREATE TRIGGER order_history_trigger_update AFTER UPDATE ON "order" FOR EACH ROW BEGIN
  INSERT INTO order_history (history_operation, history_by, id, tenant_id, customer_id, status, total, currency, placed_at, shipping_address, created_at, updated_at) VALUES ('UPDATE', 'sqlite', OLD.id, OLD.tenant_id, OLD.customer_id, OLD.status, OLD.total, OLD.currency, OLD.placed_at, OLD.shipping_address, OLD.created_at, OLD.updated_at);
END;

CREATE TRIGGER order_history_trigger_delete AFTER DELETE ON "order" FOR EACH ROW BEGIN
  INSERT INTO order_history (history_operation, history_by, id, tenant_id, customer_id, status, total, currency, placed_at, shipping_address, created_at, updated_at) VALUES ('DELETE', 'sqlite', OLD.id, OLD.tenant_id, OLD.customer_id, OLD.status, OLD.total, OLD.currency, OLD.placed_at, OLD.shipping_address, OLD.created_at, OLD.updated_at);
END;

CREATE TRIGGER order_line_history_trigger_update AFTER UPDATE ON order_line FOR EACH ROW BEGIN
  INSERT INTO order_line_history (history_operation, history_by, id, tenant_id, order_id, product_id, quantity, unit_price, created_at, updated_at) VALUES ('UPDATE', 'sqlite', OLD.id, OLD.tenant_id, OLD.order_id, OLD.product_id, OLD.quantity, OLD.unit_price, OLD.created_at, OLD.updated_at);
END;

CREATE TRIGGER order_line_history_trigger_delete AFTER DELETE ON order_line FOR EACH ROW BEGIN
  INSERT INTO order_line_history (history_operation, history_by, id, tenant_id, order_id, product_id, quantity, unit_price, created_at, updated_at) VALUES ('DELETE', 'sqlite', OLD.id, OLD.tenant_id, OLD.order_id, OLD.product_id, OLD.quantity, OLD.unit_price, OLD.created_at, OLD.updated_at);
END;

CREATE TRIGGER payment_history_trigger_update AFTER UPDATE ON payment FOR EACH ROW BEGIN
  INSERT INTO payment_history (history_operation, history_by, id, tenant_id, order_id, provider, provider_ref, amount, status, card_last4, created_at, updated_at) VALUES ('UPDATE', 'sqlite', OLD.id, OLD.tenant_id, OLD.order_id, OLD.provider, OLD.provider_ref, OLD.amount, OLD.status, OLD.card_last4, OLD.created_at, OLD.updated_at);
END;

CREATE TRIGGER payment_history_trigger_delete AFTER DELETE ON payment FOR EACH ROW BEGIN
  INSERT INTO payment_history (history_operation, history_by, id, tenant_id, order_id, provider, provider_ref, amount, status, card_last4, created_at, updated_at) VALUES ('DELETE', 'sqlite', OLD.id, OLD.tenant_id, OLD.order_id, OLD.provider, OLD.provider_ref, OLD.amount, OLD.status, OLD.card_last4, OLD.created_at, OLD.updated_at);
END;

CREATE TRIGGER inventory_event_snapshot_trigger AFTER INSERT ON inventory_event FOR EACH ROW BEGIN
  INSERT INTO inventory_event_snapshot (tenant_id, product_id, sum_delta, as_of) VALUES (NEW.tenant_id, NEW.product_id, coalesce(NEW.delta, 0), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    ON CONFLICT (tenant_id, product_id) DO UPDATE SET sum_delta = sum_delta + excluded.sum_delta, as_of = excluded.as_of;
END;

CREATE VIEW daily_revenue_mv AS
  SELECT tenant_id, strftime('%Y-%m-%dT00:00:00.000Z', placed_at) AS day, sum(total) AS sum_total
  FROM "order"
  WHERE status IN ('paid', 'shipped', 'delivered') AND placed_at >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-30 days')
  GROUP BY tenant_id, strftime('%Y-%m-%dT00:00:00.000Z', placed_at);

COMMIT;
