-- A small MySQL/MariaDB shop for docs/commands/switch-engine.md: unsigned keys, tinyint(1), an
-- ENUM, a zero-safe datetime, a foreign key and a few rows to copy.
CREATE TABLE customer (
  id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email varchar(254) NOT NULL,
  is_active tinyint(1) NOT NULL DEFAULT 1,
  tier enum('basic', 'gold') NOT NULL DEFAULT 'basic',
  created_at datetime NOT NULL DEFAULT '2024-01-01 00:00:00',
  UNIQUE KEY customer_email_key (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE purchase (
  id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id int unsigned NOT NULL,
  total decimal(10,2) NOT NULL,
  placed_at datetime NOT NULL,
  KEY purchase_customer_idx (customer_id),
  CONSTRAINT purchase_customer_fk FOREIGN KEY (customer_id) REFERENCES customer (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO customer (email, is_active, tier) VALUES ('ada@example.com', 1, 'gold'), ('alan@example.com', 0, 'basic'), ('grace@example.com', 1, 'basic');
INSERT INTO purchase (customer_id, total, placed_at) VALUES (1, 19.90, '2024-03-01 10:00:00'), (1, 5.00, '2024-03-02 11:30:00'), (3, 120.00, '2024-03-05 09:15:00');
