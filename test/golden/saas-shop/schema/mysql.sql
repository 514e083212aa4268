CREATE TABLE `tenant` (
  `id` BIGINT NOT NULL AUTO_INCREMENT,
  `name` VARCHAR(120) NOT NULL,
  `slug` VARCHAR(60) NOT NULL,
  `plan` ENUM('free', 'pro', 'enterprise') NOT NULL,
  `billing_email` VARCHAR(254) NOT NULL COMMENT 'PII: personal data.',
  `created_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  `updated_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (`id`),
  UNIQUE KEY `tenant_slug_key` (`slug`),
  CONSTRAINT `tenant_billing_email_format_check` CHECK (`billing_email` RLIKE '^[^@[:space:]]+@[^@[:space:]]+[.][^@[:space:]]+$')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='A merchant that runs a storefront';

CREATE TABLE `customer` (
  `id` BIGINT NOT NULL AUTO_INCREMENT,
  `tenant_id` BIGINT NOT NULL COMMENT 'The tenant that owns this row (shared-schema tenancy).',
  `email` VARCHAR(254) NOT NULL COMMENT 'PII: personal data.',
  `full_name` VARCHAR(200) COMMENT 'PII: personal data.',
  `phone` VARCHAR(16) COMMENT 'PII: personal data.',
  `marketing_opt_in` BOOLEAN NOT NULL DEFAULT FALSE,
  `created_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  `updated_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (`tenant_id`, `id`),
  UNIQUE KEY `customer_tenant_id_email_key` (`tenant_id`, `email`),
  KEY `customer_id_auto_idx` (`id`),
  CONSTRAINT `customer_tenant_id_fkey` FOREIGN KEY (`tenant_id`) REFERENCES `tenant` (`id`) ON DELETE RESTRICT,
  CONSTRAINT `customer_email_format_check` CHECK (`email` RLIKE '^[^@[:space:]]+@[^@[:space:]]+[.][^@[:space:]]+$'),
  CONSTRAINT `customer_phone_format_check` CHECK (`phone` RLIKE '^[+][1-9][0-9]{6,14}$')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE `product` (
  `id` BIGINT NOT NULL AUTO_INCREMENT,
  `tenant_id` BIGINT NOT NULL COMMENT 'The tenant that owns this row (shared-schema tenancy).',
  `sku` VARCHAR(64) NOT NULL,
  `title` VARCHAR(300) NOT NULL,
  `description` LONGTEXT,
  `price` DECIMAL(19,4) NOT NULL,
  `currency` VARCHAR(3) NOT NULL DEFAULT 'USD',
  `attributes` JSON,
  `status` ENUM('draft', 'active', 'archived') NOT NULL DEFAULT 'draft',
  `created_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  `updated_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (`tenant_id`, `id`),
  UNIQUE KEY `product_tenant_id_sku_key` (`tenant_id`, `sku`),
  KEY `product_id_auto_idx` (`id`),
  CONSTRAINT `product_tenant_id_fkey` FOREIGN KEY (`tenant_id`) REFERENCES `tenant` (`id`) ON DELETE RESTRICT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE `category` (
  `id` BIGINT NOT NULL AUTO_INCREMENT,
  `tenant_id` BIGINT NOT NULL COMMENT 'The tenant that owns this row (shared-schema tenancy).',
  `name` VARCHAR(120) NOT NULL,
  `parent_id` BIGINT,
  `created_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  `updated_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (`tenant_id`, `id`),
  KEY `category_tenant_id_parent_id_idx` (`tenant_id`, `parent_id`),
  KEY `category_id_auto_idx` (`id`),
  CONSTRAINT `category_tenant_id_fkey` FOREIGN KEY (`tenant_id`) REFERENCES `tenant` (`id`) ON DELETE RESTRICT,
  CONSTRAINT `category_parent_id_fkey` FOREIGN KEY (`tenant_id`, `parent_id`) REFERENCES `category` (`tenant_id`, `id`) ON DELETE RESTRICT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE `product_category` (
  `tenant_id` BIGINT NOT NULL COMMENT 'The tenant that owns this row (shared-schema tenancy).',
  `product_id` BIGINT NOT NULL,
  `category_id` BIGINT NOT NULL,
  `created_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  `updated_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (`tenant_id`, `product_id`, `category_id`),
  KEY `product_category_tenant_id_category_id_idx` (`tenant_id`, `category_id`),
  CONSTRAINT `product_category_tenant_id_fkey` FOREIGN KEY (`tenant_id`) REFERENCES `tenant` (`id`) ON DELETE RESTRICT,
  CONSTRAINT `product_category_product_id_fkey` FOREIGN KEY (`tenant_id`, `product_id`) REFERENCES `product` (`tenant_id`, `id`) ON DELETE CASCADE,
  CONSTRAINT `product_category_category_id_fkey` FOREIGN KEY (`tenant_id`, `category_id`) REFERENCES `category` (`tenant_id`, `id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='Products belong to many categories';

CREATE TABLE `order` (
  `id` BIGINT NOT NULL AUTO_INCREMENT,
  `tenant_id` BIGINT NOT NULL COMMENT 'The tenant that owns this row (shared-schema tenancy).',
  `customer_id` BIGINT NOT NULL,
  `status` ENUM('pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded') NOT NULL,
  `total` DECIMAL(19,4) NOT NULL,
  `currency` VARCHAR(3) NOT NULL,
  `placed_at` DATETIME(6) NOT NULL,
  `shipping_address` JSON,
  `created_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  `updated_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  `idempotency_key` CHAR(36) COMMENT 'Client-generated per logical write of place_order: a retry conflicts instead of adding a row.',
  PRIMARY KEY (`tenant_id`, `id`),
  UNIQUE KEY `order_tenant_id_idempotency_key_key` (`tenant_id`, `idempotency_key`),
  KEY `order_tenant_id_customer_id_placed_at_idx` (`tenant_id`, `customer_id`, `placed_at` DESC, `status`, `total`),
  KEY `order_tenant_id_placed_at_paid_idx` (`tenant_id`, `placed_at`, `status`),
  KEY `order_created_at_idx` (`created_at`),
  KEY `order_id_auto_idx` (`id`),
  CONSTRAINT `order_tenant_id_fkey` FOREIGN KEY (`tenant_id`) REFERENCES `tenant` (`id`) ON DELETE RESTRICT,
  CONSTRAINT `order_customer_id_fkey` FOREIGN KEY (`tenant_id`, `customer_id`) REFERENCES `customer` (`tenant_id`, `id`) ON DELETE RESTRICT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE `order_line` (
  `id` BIGINT NOT NULL AUTO_INCREMENT,
  `tenant_id` BIGINT NOT NULL COMMENT 'The tenant that owns this row (shared-schema tenancy).',
  `order_id` BIGINT NOT NULL,
  `product_id` BIGINT NOT NULL,
  `quantity` INT NOT NULL,
  `unit_price` DECIMAL(19,4) NOT NULL,
  `created_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  `updated_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (`tenant_id`, `id`),
  KEY `order_line_tenant_id_order_id_idx` (`tenant_id`, `order_id`, `product_id`, `quantity`, `unit_price`),
  KEY `order_line_tenant_id_product_id_idx` (`tenant_id`, `product_id`),
  KEY `order_line_created_at_idx` (`created_at`),
  KEY `order_line_id_auto_idx` (`id`),
  CONSTRAINT `order_line_tenant_id_fkey` FOREIGN KEY (`tenant_id`) REFERENCES `tenant` (`id`) ON DELETE RESTRICT,
  CONSTRAINT `order_line_order_id_fkey` FOREIGN KEY (`tenant_id`, `order_id`) REFERENCES `order` (`tenant_id`, `id`) ON DELETE CASCADE,
  CONSTRAINT `order_line_product_id_fkey` FOREIGN KEY (`tenant_id`, `product_id`) REFERENCES `product` (`tenant_id`, `id`) ON DELETE RESTRICT,
  CONSTRAINT `order_line_quantity_check` CHECK (`quantity` >= 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE `payment` (
  `id` BIGINT NOT NULL AUTO_INCREMENT,
  `tenant_id` BIGINT NOT NULL COMMENT 'The tenant that owns this row (shared-schema tenancy).',
  `order_id` BIGINT NOT NULL,
  `provider` ENUM('stripe', 'adyen', 'paypal') NOT NULL,
  `provider_ref` VARCHAR(100) NOT NULL,
  `amount` DECIMAL(19,4) NOT NULL,
  `status` ENUM('authorized', 'captured', 'failed', 'refunded') NOT NULL,
  `card_last4` VARCHAR(4) COMMENT 'PII: personal data.',
  `created_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  `updated_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (`tenant_id`, `id`),
  UNIQUE KEY `payment_provider_provider_ref_key` (`provider`, `provider_ref`),
  KEY `payment_tenant_id_order_id_idx` (`tenant_id`, `order_id`),
  KEY `payment_created_at_idx` (`created_at`),
  KEY `payment_id_auto_idx` (`id`),
  CONSTRAINT `payment_tenant_id_fkey` FOREIGN KEY (`tenant_id`) REFERENCES `tenant` (`id`) ON DELETE RESTRICT,
  CONSTRAINT `payment_order_id_fkey` FOREIGN KEY (`tenant_id`, `order_id`) REFERENCES `order` (`tenant_id`, `id`) ON DELETE RESTRICT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE `inventory_event` (
  `id` BIGINT NOT NULL AUTO_INCREMENT,
  `tenant_id` BIGINT NOT NULL COMMENT 'The tenant that owns this row (shared-schema tenancy).',
  `product_id` BIGINT NOT NULL,
  `delta` INT NOT NULL,
  `reason` ENUM('sale', 'restock', 'adjustment', 'return') NOT NULL,
  `occurred_at` DATETIME(6) NOT NULL,
  `created_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (`tenant_id`, `id`, `occurred_at`),
  KEY `inventory_event_tenant_id_product_id_idx` (`tenant_id`, `product_id`, `delta`),
  KEY `inventory_event_id_auto_idx` (`id`),
  CONSTRAINT `inventory_event_tenant_id_fkey` FOREIGN KEY (`tenant_id`) REFERENCES `tenant` (`id`) ON DELETE RESTRICT,
  CONSTRAINT `inventory_event_product_id_fkey` FOREIGN KEY (`tenant_id`, `product_id`) REFERENCES `product` (`tenant_id`, `id`) ON DELETE RESTRICT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='Append-only stock movements';

CREATE TABLE `inventory_event_snapshot` (
  `tenant_id` BIGINT NOT NULL,
  `product_id` BIGINT NOT NULL,
  `sum_delta` BIGINT NOT NULL DEFAULT 0,
  `as_of` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (`tenant_id`, `product_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='Running totals of inventory_event per tenant_id, product_id, kept by the trigger inventory_event_snapshot_trigger; stock_level read it instead of folding every event';

CREATE TABLE `tenant_history` (
  `history_id` BIGINT NOT NULL AUTO_INCREMENT,
  `history_operation` VARCHAR(6) NOT NULL COMMENT 'UPDATE or DELETE',
  `history_by` VARCHAR(63) NOT NULL COMMENT 'The database role that made the change.',
  `history_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  `id` BIGINT NOT NULL,
  `name` VARCHAR(120) NOT NULL,
  `slug` VARCHAR(60) NOT NULL,
  `plan` ENUM('free', 'pro', 'enterprise') NOT NULL,
  `billing_email` VARCHAR(254) NOT NULL COMMENT 'PII: personal data.',
  `created_at` DATETIME(6) NOT NULL,
  `updated_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`history_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='Old versions of tenant rows, written by the trigger tenant_history_trigger on UPDATE or DELETE';

CREATE TABLE `customer_history` (
  `history_id` BIGINT NOT NULL AUTO_INCREMENT,
  `history_operation` VARCHAR(6) NOT NULL COMMENT 'UPDATE or DELETE',
  `history_by` VARCHAR(63) NOT NULL COMMENT 'The database role that made the change.',
  `history_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  `id` BIGINT NOT NULL,
  `tenant_id` BIGINT NOT NULL,
  `email` VARCHAR(254) NOT NULL COMMENT 'PII: personal data.',
  `full_name` VARCHAR(200) COMMENT 'PII: personal data.',
  `phone` VARCHAR(16) COMMENT 'PII: personal data.',
  `marketing_opt_in` BOOLEAN NOT NULL,
  `created_at` DATETIME(6) NOT NULL,
  `updated_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`history_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='Old versions of customer rows, written by the trigger customer_history_trigger on UPDATE or DELETE';

CREATE TABLE `product_history` (
  `history_id` BIGINT NOT NULL AUTO_INCREMENT,
  `history_operation` VARCHAR(6) NOT NULL COMMENT 'UPDATE or DELETE',
  `history_by` VARCHAR(63) NOT NULL COMMENT 'The database role that made the change.',
  `history_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  `id` BIGINT NOT NULL,
  `tenant_id` BIGINT NOT NULL,
  `sku` VARCHAR(64) NOT NULL,
  `title` VARCHAR(300) NOT NULL,
  `description` LONGTEXT,
  `price` DECIMAL(19,4) NOT NULL,
  `currency` VARCHAR(3) NOT NULL,
  `attributes` JSON,
  `status` ENUM('draft', 'active', 'archived') NOT NULL,
  `created_at` DATETIME(6) NOT NULL,
  `updated_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`history_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='Old versions of product rows, written by the trigger product_history_trigger on UPDATE or DELETE';

CREATE TABLE `order_history` (
  `history_id` BIGINT NOT NULL AUTO_INCREMENT,
  `history_operation` VARCHAR(6) NOT NULL COMMENT 'UPDATE or DELETE',
  `history_by` VARCHAR(63) NOT NULL COMMENT 'The database role that made the change.',
  `history_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  `id` BIGINT NOT NULL,
  `tenant_id` BIGINT NOT NULL,
  `customer_id` BIGINT NOT NULL,
  `status` ENUM('pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded') NOT NULL,
  `total` DECIMAL(19,4) NOT NULL,
  `currency` VARCHAR(3) NOT NULL,
  `placed_at` DATETIME(6) NOT NULL,
  `shipping_address` JSON,
  `created_at` DATETIME(6) NOT NULL,
  `updated_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`history_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='Old versions of order rows, written by the trigger order_history_trigger on UPDATE or DELETE';

CREATE TABLE `order_line_history` (
  `history_id` BIGINT NOT NULL AUTO_INCREMENT,
  `history_operation` VARCHAR(6) NOT NULL COMMENT 'UPDATE or DELETE',
  `history_by` VARCHAR(63) NOT NULL COMMENT 'The database role that made the change.',
  `history_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  `id` BIGINT NOT NULL,
  `tenant_id` BIGINT NOT NULL,
  `order_id` BIGINT NOT NULL,
  `product_id` BIGINT NOT NULL,
  `quantity` INT NOT NULL,
  `unit_price` DECIMAL(19,4) NOT NULL,
  `created_at` DATETIME(6) NOT NULL,
  `updated_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`history_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='Old versions of order_line rows, written by the trigger order_line_history_trigger on UPDATE or DELETE';

CREATE TABLE `payment_history` (
  `history_id` BIGINT NOT NULL AUTO_INCREMENT,
  `history_operation` VARCHAR(6) NOT NULL COMMENT 'UPDATE or DELETE',
  `history_by` VARCHAR(63) NOT NULL COMMENT 'The database role that made the change.',
  `history_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  `id` BIGINT NOT NULL,
  `tenant_id` BIGINT NOT NULL,
  `order_id` BIGINT NOT NULL,
  `provider` ENUM('stripe', 'adyen', 'paypal') NOT NULL,
  `provider_ref` VARCHAR(100) NOT NULL,
  `amount` DECIMAL(19,4) NOT NULL,
  `status` ENUM('authorized', 'captured', 'failed', 'refunded') NOT NULL,
  `card_last4` VARCHAR(4) COMMENT 'PII: personal data.',
  `created_at` DATETIME(6) NOT NULL,
  `updated_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`history_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='Old versions of payment rows, written by the trigger payment_history_trigger on UPDATE or DELETE';

CREATE TRIGGER `tenant_history_trigger_update` AFTER UPDATE ON `tenant` FOR EACH ROW INSERT INTO `tenant_history` (`history_operation`, `history_by`, `id`, `name`, `slug`, `plan`, `billing_email`, `created_at`, `updated_at`) VALUES ('UPDATE', LEFT(SUBSTRING_INDEX(USER(), '@', 1), 63), OLD.`id`, OLD.`name`, OLD.`slug`, OLD.`plan`, OLD.`billing_email`, OLD.`created_at`, OLD.`updated_at`);

CREATE TRIGGER `tenant_history_trigger_delete` AFTER DELETE ON `tenant` FOR EACH ROW INSERT INTO `tenant_history` (`history_operation`, `history_by`, `id`, `name`, `slug`, `plan`, `billing_email`, `created_at`, `updated_at`) VALUES ('DELETE', LEFT(SUBSTRING_INDEX(USER(), '@', 1), 63), OLD.`id`, OLD.`name`, OLD.`slug`, OLD.`plan`, OLD.`billing_email`, OLD.`created_at`, OLD.`updated_at`);

CREATE TRIGGER `customer_history_trigger_update` AFTER UPDATE ON `customer` FOR EACH ROW INSERT INTO `customer_history` (`history_operation`, `history_by`, `id`, `tenant_id`, `email`, `full_name`, `phone`, `marketing_opt_in`, `created_at`, `updated_at`) VALUES ('UPDATE', LEFT(SUBSTRING_INDEX(USER(), '@', 1), 63), OLD.`id`, OLD.`tenant_id`, OLD.`email`, OLD.`full_name`, OLD.`phone`, OLD.`marketing_opt_in`, OLD.`created_at`, OLD.`updated_at`);

CREATE TRIGGER `customer_history_trigger_delete` AFTER DELETE ON `customer` FOR EACH ROW INSERT INTO `customer_history` (`history_operation`, `history_by`, `id`, `tenant_id`, `email`, `full_name`, `phone`, `marketing_opt_in`, `created_at`, `updated_at`) VALUES ('DELETE', LEFT(SUBSTRING_INDEX(USER(), '@', 1), 63), OLD.`id`, OLD.`tenant_id`, OLD.`email`, OLD.`full_name`, OLD.`phone`, OLD.`marketing_opt_in`, OLD.`created_at`, OLD.`updated_at`);

CREATE TRIGGER `product_history_trigger_update` AFTER UPDATE ON `product` FOR EACH ROW INSERT INTO `product_history` (`history_operation`, `history_by`, `id`, `tenant_id`, `sku`, `title`, `description`, `price`, `currency`, `attributes`, `status`, `created_at`, `updated_at`) VALUES ('UPDATE', LEFT(SUBSTRING_INDEX(USER(), '@', 1), 63), OLD.`id`, OLD.`tenant_id`, OLD.`sku`, OLD.`title`, OLD.`description`, OLD.`price`, OLD.`currency`, OLD.`attributes`, OLD.`status`, OLD.`created_at`, OLD.`updated_at`);

CREATE TRIGGER `product_history_trigger_delete` AFTER DELETE ON `product` FOR EACH ROW INSERT INTO `product_history` (`history_operation`, `history_by`, `id`, `tenant_id`, `sku`, `title`, `description`, `price`, `currency`, `attributes`, `status`, `created_at`, `updated_at`) VALUES ('DELETE', LEFT(SUBSTRING_INDEX(USER(), '@', 1), 63), OLD.`id`, OLD.`tenant_id`, OLD.`sku`, OLD.`title`, OLD.`description`, OLD.`price`, OLD.`currency`, OLD.`attributes`, OLD.`status`, OLD.`created_at`, OLD.`updated_at`);

CREATE TRIGGER `order_history_trigger_update` AFTER UPDATE ON `order` FOR EACH ROW INSERT INTO `order_history` (`history_operation`, `history_by`, `id`, `tenant_id`, `customer_id`, `status`, `total`, `currency`, `placed_at`, `shipping_address`, `created_at`, `updated_at`) VALUES ('UPDATE', LEFT(SUBSTRING_INDEX(USER(), '@', 1), 63), OLD.`id`, OLD.`tenant_id`, OLD.`customer_id`, OLD.`status`, OLD.`total`, OLD.`currency`, OLD.`placed_at`, OLD.`shipping_address`, OLD.`created_at`, OLD.`updated_at`);

CREATE TRIGGER `order_history_trigger_delete` AFTER DELETE ON `order` FOR EACH ROW INSERT INTO `order_history` (`history_operation`, `history_by`, `id`, `tenant_id`, `customer_id`, `status`, `total`, `currency`, `placed_at`, `shipping_address`, `created_at`, `updated_at`) VALUES ('DELETE', LEFT(SUBSTRING_INDEX(USER(), '@', 1), 63), OLD.`id`, OLD.`tenant_id`, OLD.`customer_id`, OLD.`status`, OLD.`total`, OLD.`currency`, OLD.`placed_at`, OLD.`shipping_address`, OLD.`created_at`, OLD.`updated_at`);

CREATE TRIGGER `order_line_history_trigger_update` AFTER UPDATE ON `order_line` FOR EACH ROW INSERT INTO `order_line_history` (`history_operation`, `history_by`, `id`, `tenant_id`, `order_id`, `product_id`, `quantity`, `unit_price`, `created_at`, `updated_at`) VALUES ('UPDATE', LEFT(SUBSTRING_INDEX(USER(), '@', 1), 63), OLD.`id`, OLD.`tenant_id`, OLD.`order_id`, OLD.`product_id`, OLD.`quantity`, OLD.`unit_price`, OLD.`created_at`, OLD.`updated_at`);

CREATE TRIGGER `order_line_history_trigger_delete` AFTER DELETE ON `order_line` FOR EACH ROW INSERT INTO `order_line_history` (`history_operation`, `history_by`, `id`, `tenant_id`, `order_id`, `product_id`, `quantity`, `unit_price`, `created_at`, `updated_at`) VALUES ('DELETE', LEFT(SUBSTRING_INDEX(USER(), '@', 1), 63), OLD.`id`, OLD.`tenant_id`, OLD.`order_id`, OLD.`product_id`, OLD.`quantity`, OLD.`unit_price`, OLD.`created_at`, OLD.`updated_at`);

CREATE TRIGGER `payment_history_trigger_update` AFTER UPDATE ON `payment` FOR EACH ROW INSERT INTO `payment_history` (`history_operation`, `history_by`, `id`, `tenant_id`, `order_id`, `provider`, `provider_ref`, `amount`, `status`, `card_last4`, `created_at`, `updated_at`) VALUES ('UPDATE', LEFT(SUBSTRING_INDEX(USER(), '@', 1), 63), OLD.`id`, OLD.`tenant_id`, OLD.`order_id`, OLD.`provider`, OLD.`provider_ref`, OLD.`amount`, OLD.`status`, OLD.`card_last4`, OLD.`created_at`, OLD.`updated_at`);

CREATE TRIGGER `payment_history_trigger_delete` AFTER DELETE ON `payment` FOR EACH ROW INSERT INTO `payment_history` (`history_operation`, `history_by`, `id`, `tenant_id`, `order_id`, `provider`, `provider_ref`, `amount`, `status`, `card_last4`, `created_at`, `updated_at`) VALUES ('DELETE', LEFT(SUBSTRING_INDEX(USER(), '@', 1), 63), OLD.`id`, OLD.`tenant_id`, OLD.`order_id`, OLD.`provider`, OLD.`provider_ref`, OLD.`amount`, OLD.`status`, OLD.`card_last4`, OLD.`created_at`, OLD.`updated_at`);

CREATE TRIGGER `inventory_event_snapshot_trigger` AFTER INSERT ON `inventory_event` FOR EACH ROW INSERT INTO `inventory_event_snapshot` (`tenant_id`, `product_id`, `sum_delta`, `as_of`) VALUES (NEW.`tenant_id`, NEW.`product_id`, COALESCE(NEW.`delta`, 0), NOW(6)) ON DUPLICATE KEY UPDATE `sum_delta` = `sum_delta` + COALESCE(NEW.`delta`, 0), `as_of` = NOW(6);

CREATE VIEW `daily_revenue_mv` AS
  SELECT `tenant_id`, CAST(DATE_FORMAT(`placed_at`, '%Y-%m-%d') AS DATETIME(6)) AS `day`, SUM(`total`) AS `sum_total`
  FROM `order`
  WHERE `status` IN ('paid', 'shipped', 'delivered') AND `placed_at` >= NOW(6) - INTERVAL 30 DAY
  GROUP BY `tenant_id`, CAST(DATE_FORMAT(`placed_at`, '%Y-%m-%d') AS DATETIME(6));
