-- ClickHouse 24.8+ (MergeTree family). Comments are SQL comments: sqlfluff 1.4.5 does not read COMMENT clauses.
-- tenant: A merchant that runs a storefront
CREATE TABLE "tenant" (
  "id" Int64 DEFAULT generateSnowflakeID(),
  "name" String,
  "slug" String,
  "plan" Enum8('free' = 1, 'pro' = 2, 'enterprise' = 3),
  "billing_email" String,
  "created_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  "updated_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  CONSTRAINT "tenant_billing_email_format_check" CHECK (match("billing_email", '(?i)^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'))
)
ENGINE = ReplacingMergeTree("updated_at")
ORDER BY ("id");

CREATE TABLE "customer" (
  "id" Int64 DEFAULT generateSnowflakeID(),
  "tenant_id" Int64,
  "email" String,
  "full_name" Nullable(String),
  "phone" Nullable(String),
  "marketing_opt_in" Bool DEFAULT false,
  "created_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  "updated_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  CONSTRAINT "customer_email_format_check" CHECK (match("email", '(?i)^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$')),
  CONSTRAINT "customer_phone_format_check" CHECK ("phone" IS NULL OR (match("phone", '^\\+[1-9][0-9]{6,14}$')))
)
ENGINE = ReplacingMergeTree("updated_at")
ORDER BY ("tenant_id", "id");

CREATE TABLE "product" (
  "id" Int64 DEFAULT generateSnowflakeID(),
  "tenant_id" Int64,
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

CREATE TABLE "category" (
  "id" Int64 DEFAULT generateSnowflakeID(),
  "tenant_id" Int64,
  "name" String,
  "parent_id" Nullable(Int64),
  "created_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  "updated_at" DateTime64(6, 'UTC') DEFAULT now64(6)
)
ENGINE = ReplacingMergeTree("updated_at")
ORDER BY ("tenant_id", "id");

-- product_category: Products belong to many categories
CREATE TABLE "product_category" (
  "tenant_id" Int64,
  "product_id" Int64,
  "category_id" Int64,
  "created_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  "updated_at" DateTime64(6, 'UTC') DEFAULT now64(6)
)
ENGINE = ReplacingMergeTree("updated_at")
ORDER BY ("tenant_id", "category_id", "product_id");

CREATE TABLE "order" (
  "id" Int64 DEFAULT generateSnowflakeID(),
  "tenant_id" Int64,
  "customer_id" Int64,
  "status" Enum8('pending' = 1, 'paid' = 2, 'shipped' = 3, 'delivered' = 4, 'cancelled' = 5, 'refunded' = 6),
  "total" Decimal(19, 4),
  "currency" String,
  "placed_at" DateTime64(6, 'UTC'),
  "shipping_address" Nullable(String),
  "created_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  "updated_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  "idempotency_key" Nullable(UUID)
)
ENGINE = ReplacingMergeTree("updated_at")
ORDER BY ("tenant_id", "customer_id", "placed_at", "id")
TTL toDateTime("created_at") + INTERVAL 220898664 SECOND;

CREATE TABLE "order_line" (
  "id" Int64 DEFAULT generateSnowflakeID(),
  "tenant_id" Int64,
  "order_id" Int64,
  "product_id" Int64,
  "quantity" Int32,
  "unit_price" Decimal(19, 4),
  "created_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  "updated_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  CONSTRAINT "order_line_quantity_check" CHECK ("quantity" >= 1)
)
ENGINE = ReplacingMergeTree("updated_at")
ORDER BY ("tenant_id", "order_id", "id")
TTL toDateTime("created_at") + INTERVAL 220898664 SECOND;

CREATE TABLE "payment" (
  "id" Int64 DEFAULT generateSnowflakeID(),
  "tenant_id" Int64,
  "order_id" Int64,
  "provider" Enum8('stripe' = 1, 'adyen' = 2, 'paypal' = 3),
  "provider_ref" String,
  "amount" Decimal(19, 4),
  "status" Enum8('authorized' = 1, 'captured' = 2, 'failed' = 3, 'refunded' = 4),
  "card_last4" Nullable(String),
  "created_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  "updated_at" DateTime64(6, 'UTC') DEFAULT now64(6)
)
ENGINE = ReplacingMergeTree("updated_at")
ORDER BY ("tenant_id", "order_id", "id")
TTL toDateTime("created_at") + INTERVAL 220898664 SECOND;

-- inventory_event: Append-only stock movements
CREATE TABLE "inventory_event" (
  "id" Int64 DEFAULT generateSnowflakeID(),
  "tenant_id" Int64,
  "product_id" Int64,
  "delta" Int32,
  "reason" Enum8('sale' = 1, 'restock' = 2, 'adjustment' = 3, 'return' = 4),
  "occurred_at" DateTime64(6, 'UTC'),
  "created_at" DateTime64(6, 'UTC') DEFAULT now64(6)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM("occurred_at")
ORDER BY ("tenant_id", "product_id", "id", "occurred_at")
TTL toDateTime("occurred_at") + INTERVAL 63113904 SECOND;

-- inventory_event_snapshot: Running totals of inventory_event per tenant_id, product_id, kept by the trigger inventory_event_snapshot_trigger; stock_level read it instead of folding every event
CREATE TABLE "inventory_event_snapshot" (
  "tenant_id" Int64,
  "product_id" Int64,
  "sum_delta" Int64 DEFAULT 0,
  "as_of" DateTime64(6, 'UTC') DEFAULT now64(6)
)
ENGINE = ReplacingMergeTree
ORDER BY ("tenant_id", "product_id");

-- tenant_history: Old versions of tenant rows, written by the trigger tenant_history_trigger on UPDATE or DELETE
CREATE TABLE "tenant_history" (
  "history_id" Int64 DEFAULT generateSnowflakeID(),
  "history_operation" String,
  "history_by" String,
  "history_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  "id" Int64,
  "name" String,
  "slug" String,
  "plan" Enum8('free' = 1, 'pro' = 2, 'enterprise' = 3),
  "billing_email" String,
  "created_at" DateTime64(6, 'UTC'),
  "updated_at" DateTime64(6, 'UTC')
)
ENGINE = ReplacingMergeTree("updated_at")
ORDER BY ("history_id");

-- customer_history: Old versions of customer rows, written by the trigger customer_history_trigger on UPDATE or DELETE
CREATE TABLE "customer_history" (
  "history_id" Int64 DEFAULT generateSnowflakeID(),
  "history_operation" String,
  "history_by" String,
  "history_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  "id" Int64,
  "tenant_id" Int64,
  "email" String,
  "full_name" Nullable(String),
  "phone" Nullable(String),
  "marketing_opt_in" Bool,
  "created_at" DateTime64(6, 'UTC'),
  "updated_at" DateTime64(6, 'UTC')
)
ENGINE = ReplacingMergeTree("updated_at")
ORDER BY ("history_id");

-- product_history: Old versions of product rows, written by the trigger product_history_trigger on UPDATE or DELETE
CREATE TABLE "product_history" (
  "history_id" Int64 DEFAULT generateSnowflakeID(),
  "history_operation" String,
  "history_by" String,
  "history_at" DateTime64(6, 'UTC') DEFAULT now64(6),
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
ENGINE = ReplacingMergeTree("updated_at")
ORDER BY ("history_id");

-- order_history: Old versions of order rows, written by the trigger order_history_trigger on UPDATE or DELETE
CREATE TABLE "order_history" (
  "history_id" Int64 DEFAULT generateSnowflakeID(),
  "history_operation" String,
  "history_by" String,
  "history_at" DateTime64(6, 'UTC') DEFAULT now64(6),
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
ENGINE = ReplacingMergeTree("updated_at")
ORDER BY ("history_id");

-- order_line_history: Old versions of order_line rows, written by the trigger order_line_history_trigger on UPDATE or DELETE
CREATE TABLE "order_line_history" (
  "history_id" Int64 DEFAULT generateSnowflakeID(),
  "history_operation" String,
  "history_by" String,
  "history_at" DateTime64(6, 'UTC') DEFAULT now64(6),
  "id" Int64,
  "tenant_id" Int64,
  "order_id" Int64,
  "product_id" Int64,
  "quantity" Int32,
  "unit_price" Decimal(19, 4),
  "created_at" DateTime64(6, 'UTC'),
  "updated_at" DateTime64(6, 'UTC')
)
ENGINE = ReplacingMergeTree("updated_at")
ORDER BY ("history_id");

-- payment_history: Old versions of payment rows, written by the trigger payment_history_trigger on UPDATE or DELETE
CREATE TABLE "payment_history" (
  "history_id" Int64 DEFAULT generateSnowflakeID(),
  "history_operation" String,
  "history_by" String,
  "history_at" DateTime64(6, 'UTC') DEFAULT now64(6),
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
ENGINE = ReplacingMergeTree("updated_at")
ORDER BY ("history_id");
