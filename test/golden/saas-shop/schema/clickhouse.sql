-- ClickHouse 23.8+ schema written by dbarchitect from the same model as the PostgreSQL script.
-- What ClickHouse cannot express is listed in the design (Other dialects), with the alternative used.

CREATE TABLE "tenant"
(
  "id" Int64,
  "name" String,
  "slug" String,
  "plan" Enum8('free' = 1, 'pro' = 2, 'enterprise' = 3),
  "billing_email" String,
  "created_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  "updated_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  CONSTRAINT "tenant_billing_email_format_check" CHECK match("billing_email", '^[^@\\s]+@[^@\\s]+$')
)
ENGINE = ReplacingMergeTree("updated_at")
ORDER BY ("id")
COMMENT 'A merchant that runs a storefront';

CREATE TABLE "customer"
(
  "id" Int64,
  "tenant_id" Int64 COMMENT 'The tenant that owns this row (shared-schema tenancy).',
  "email" String,
  "full_name" Nullable(String),
  "phone" Nullable(String),
  "marketing_opt_in" Bool DEFAULT false,
  "created_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  "updated_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  CONSTRAINT "customer_email_format_check" CHECK match("email", '^[^@\\s]+@[^@\\s]+$'),
  CONSTRAINT "customer_phone_format_check" CHECK match("phone", '^\\+?[0-9 ().-]{5,}$')
)
ENGINE = ReplacingMergeTree("updated_at")
ORDER BY ("tenant_id", "id");

CREATE TABLE "product"
(
  "id" Int64,
  "tenant_id" Int64 COMMENT 'The tenant that owns this row (shared-schema tenancy).',
  "sku" String,
  "title" String,
  "description" Nullable(String),
  "price" Decimal(19, 4),
  "currency" String DEFAULT 'USD',
  "attributes" Nullable(String),
  "status" Enum8('draft' = 1, 'active' = 2, 'archived' = 3) DEFAULT 'draft',
  "created_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  "updated_at" DateTime64(6, 'UTC') DEFAULT now64(6)
)
ENGINE = ReplacingMergeTree("updated_at")
ORDER BY ("tenant_id", "id");

CREATE TABLE "category"
(
  "id" Int64,
  "tenant_id" Int64 COMMENT 'The tenant that owns this row (shared-schema tenancy).',
  "name" String,
  "parent_id" Nullable(Int64),
  "created_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  "updated_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  INDEX "category_tenant_id_parent_id_idx" "parent_id" TYPE bloom_filter GRANULARITY 4
)
ENGINE = ReplacingMergeTree("updated_at")
ORDER BY ("tenant_id", "id");

CREATE TABLE "product_category"
(
  "tenant_id" Int64 COMMENT 'The tenant that owns this row (shared-schema tenancy).',
  "product_id" Int64,
  "category_id" Int64,
  "created_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  "updated_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  INDEX "product_category_tenant_id_category_id_idx" "category_id" TYPE bloom_filter GRANULARITY 4
)
ENGINE = ReplacingMergeTree("updated_at")
ORDER BY ("tenant_id", "product_id", "category_id")
COMMENT 'Products belong to many categories';

CREATE TABLE "order"
(
  "id" Int64,
  "tenant_id" Int64 COMMENT 'The tenant that owns this row (shared-schema tenancy).',
  "customer_id" Int64,
  "status" Enum8('pending' = 1, 'paid' = 2, 'shipped' = 3, 'delivered' = 4, 'cancelled' = 5, 'refunded' = 6),
  "total" Decimal(19, 4),
  "currency" String,
  "placed_at" DateTime64(6, 'UTC'),
  "shipping_address" Nullable(String),
  "created_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  "updated_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  "idempotency_key" Nullable(UUID) COMMENT 'Client-generated per logical write of place_order: a retry conflicts instead of adding a row.',
  INDEX "order_tenant_id_customer_id_placed_at_idx" "customer_id" TYPE bloom_filter GRANULARITY 4,
  INDEX "order_tenant_id_placed_at_paid_idx" "placed_at" TYPE minmax GRANULARITY 1,
  INDEX "order_tenant_id_placed_at_idx" "placed_at" TYPE minmax GRANULARITY 1,
  INDEX "order_created_at_idx" "created_at" TYPE minmax GRANULARITY 1
)
ENGINE = ReplacingMergeTree("updated_at")
ORDER BY ("tenant_id", "id")
TTL toDateTime("created_at") + INTERVAL 220898664 SECOND;

CREATE TABLE "order_line"
(
  "id" Int64,
  "tenant_id" Int64 COMMENT 'The tenant that owns this row (shared-schema tenancy).',
  "order_id" Int64,
  "product_id" Int64,
  "quantity" Int32,
  "unit_price" Decimal(19, 4),
  "created_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  "updated_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  INDEX "order_line_tenant_id_order_id_idx" "order_id" TYPE bloom_filter GRANULARITY 4,
  INDEX "order_line_tenant_id_product_id_idx" "product_id" TYPE bloom_filter GRANULARITY 4,
  INDEX "order_line_created_at_idx" "created_at" TYPE minmax GRANULARITY 1,
  CONSTRAINT "order_line_quantity_check" CHECK "quantity" >= 1
)
ENGINE = ReplacingMergeTree("updated_at")
ORDER BY ("tenant_id", "id")
TTL toDateTime("created_at") + INTERVAL 220898664 SECOND;

CREATE TABLE "payment"
(
  "id" Int64,
  "tenant_id" Int64 COMMENT 'The tenant that owns this row (shared-schema tenancy).',
  "order_id" Int64,
  "provider" Enum8('stripe' = 1, 'adyen' = 2, 'paypal' = 3),
  "provider_ref" String,
  "amount" Decimal(19, 4),
  "status" Enum8('authorized' = 1, 'captured' = 2, 'failed' = 3, 'refunded' = 4),
  "card_last4" Nullable(String),
  "created_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  "updated_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  INDEX "payment_tenant_id_order_id_idx" "order_id" TYPE bloom_filter GRANULARITY 4,
  INDEX "payment_created_at_idx" "created_at" TYPE minmax GRANULARITY 1
)
ENGINE = ReplacingMergeTree("updated_at")
ORDER BY ("tenant_id", "id")
TTL toDateTime("created_at") + INTERVAL 220898664 SECOND;

CREATE TABLE "inventory_event"
(
  "id" Int64,
  "tenant_id" Int64 COMMENT 'The tenant that owns this row (shared-schema tenancy).',
  "product_id" Int64,
  "delta" Int32,
  "reason" Enum8('sale' = 1, 'restock' = 2, 'adjustment' = 3, 'return' = 4),
  "occurred_at" DateTime64(6, 'UTC') CODEC(DoubleDelta, ZSTD(1)),
  "created_at" DateTime64(6, 'UTC') DEFAULT now64(6)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM("occurred_at")
ORDER BY ("tenant_id", "product_id")
TTL toDateTime("occurred_at") + INTERVAL 63113904 SECOND
SETTINGS ttl_only_drop_parts = 1
COMMENT 'Append-only stock movements';

CREATE TABLE "inventory_event_snapshot"
(
  "tenant_id" Int64,
  "product_id" Int64,
  "sum_delta" SimpleAggregateFunction(sum, Int64) DEFAULT 0,
  "as_of" SimpleAggregateFunction(max, DateTime64(6, 'UTC')) DEFAULT now64(6)
)
ENGINE = AggregatingMergeTree
ORDER BY ("tenant_id", "product_id")
COMMENT 'Running totals of inventory_event per tenant_id, product_id, kept by the trigger inventory_event_snapshot_trigger; stock_level read it instead of folding every event';

CREATE TABLE "tenant_history"
(
  "history_id" Int64,
  "history_operation" String COMMENT 'UPDATE or DELETE',
  "history_by" String COMMENT 'The database role that made the change.',
  "history_at" DateTime64(6, 'UTC') DEFAULT now64(6) CODEC(DoubleDelta, ZSTD(1)),
  "id" Int64,
  "name" String,
  "slug" String,
  "plan" Enum8('free' = 1, 'pro' = 2, 'enterprise' = 3),
  "billing_email" String,
  "created_at" DateTime64(6, 'UTC'),
  "updated_at" DateTime64(6, 'UTC')
)
ENGINE = MergeTree
ORDER BY ("id", "history_at")
COMMENT 'Old versions of tenant rows, written by the trigger tenant_history_trigger on UPDATE or DELETE';

CREATE TABLE "customer_history"
(
  "history_id" Int64,
  "history_operation" String COMMENT 'UPDATE or DELETE',
  "history_by" String COMMENT 'The database role that made the change.',
  "history_at" DateTime64(6, 'UTC') DEFAULT now64(6) CODEC(DoubleDelta, ZSTD(1)),
  "id" Int64,
  "tenant_id" Int64,
  "email" String,
  "full_name" Nullable(String),
  "phone" Nullable(String),
  "marketing_opt_in" Bool,
  "created_at" DateTime64(6, 'UTC'),
  "updated_at" DateTime64(6, 'UTC')
)
ENGINE = MergeTree
ORDER BY ("tenant_id", "id", "history_at")
COMMENT 'Old versions of customer rows, written by the trigger customer_history_trigger on UPDATE or DELETE';

CREATE TABLE "product_history"
(
  "history_id" Int64,
  "history_operation" String COMMENT 'UPDATE or DELETE',
  "history_by" String COMMENT 'The database role that made the change.',
  "history_at" DateTime64(6, 'UTC') DEFAULT now64(6) CODEC(DoubleDelta, ZSTD(1)),
  "id" Int64,
  "tenant_id" Int64,
  "sku" String,
  "title" String,
  "description" Nullable(String),
  "price" Decimal(19, 4),
  "currency" String,
  "attributes" Nullable(String),
  "status" Enum8('draft' = 1, 'active' = 2, 'archived' = 3),
  "created_at" DateTime64(6, 'UTC'),
  "updated_at" DateTime64(6, 'UTC')
)
ENGINE = MergeTree
ORDER BY ("tenant_id", "id", "history_at")
COMMENT 'Old versions of product rows, written by the trigger product_history_trigger on UPDATE or DELETE';

CREATE TABLE "order_history"
(
  "history_id" Int64,
  "history_operation" String COMMENT 'UPDATE or DELETE',
  "history_by" String COMMENT 'The database role that made the change.',
  "history_at" DateTime64(6, 'UTC') DEFAULT now64(6) CODEC(DoubleDelta, ZSTD(1)),
  "id" Int64,
  "tenant_id" Int64,
  "customer_id" Int64,
  "status" Enum8('pending' = 1, 'paid' = 2, 'shipped' = 3, 'delivered' = 4, 'cancelled' = 5, 'refunded' = 6),
  "total" Decimal(19, 4),
  "currency" String,
  "placed_at" DateTime64(6, 'UTC'),
  "shipping_address" Nullable(String),
  "created_at" DateTime64(6, 'UTC'),
  "updated_at" DateTime64(6, 'UTC')
)
ENGINE = MergeTree
ORDER BY ("tenant_id", "id", "history_at")
COMMENT 'Old versions of order rows, written by the trigger order_history_trigger on UPDATE or DELETE';

CREATE TABLE "order_line_history"
(
  "history_id" Int64,
  "history_operation" String COMMENT 'UPDATE or DELETE',
  "history_by" String COMMENT 'The database role that made the change.',
  "history_at" DateTime64(6, 'UTC') DEFAULT now64(6) CODEC(DoubleDelta, ZSTD(1)),
  "id" Int64,
  "tenant_id" Int64,
  "order_id" Int64,
  "product_id" Int64,
  "quantity" Int32,
  "unit_price" Decimal(19, 4),
  "created_at" DateTime64(6, 'UTC'),
  "updated_at" DateTime64(6, 'UTC')
)
ENGINE = MergeTree
ORDER BY ("tenant_id", "id", "history_at")
COMMENT 'Old versions of order_line rows, written by the trigger order_line_history_trigger on UPDATE or DELETE';

CREATE TABLE "payment_history"
(
  "history_id" Int64,
  "history_operation" String COMMENT 'UPDATE or DELETE',
  "history_by" String COMMENT 'The database role that made the change.',
  "history_at" DateTime64(6, 'UTC') DEFAULT now64(6) CODEC(DoubleDelta, ZSTD(1)),
  "id" Int64,
  "tenant_id" Int64,
  "order_id" Int64,
  "provider" Enum8('stripe' = 1, 'adyen' = 2, 'paypal' = 3),
  "provider_ref" String,
  "amount" Decimal(19, 4),
  "status" Enum8('authorized' = 1, 'captured' = 2, 'failed' = 3, 'refunded' = 4),
  "card_last4" Nullable(String),
  "created_at" DateTime64(6, 'UTC'),
  "updated_at" DateTime64(6, 'UTC')
)
ENGINE = MergeTree
ORDER BY ("tenant_id", "id", "history_at")
COMMENT 'Old versions of payment rows, written by the trigger payment_history_trigger on UPDATE or DELETE';

CREATE MATERIALIZED VIEW "inventory_event_snapshot_trigger_mv" TO "inventory_event_snapshot"
AS SELECT "tenant_id", "product_id", CAST(sum("delta") AS Int64) AS "sum_delta", max(now64(6)) AS "as_of"
FROM "inventory_event"
GROUP BY "tenant_id", "product_id";
