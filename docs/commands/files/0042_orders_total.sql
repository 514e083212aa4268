-- Give every order a region, index it and reference the regions table.
ALTER TABLE orders ADD COLUMN region_id bigint NOT NULL DEFAULT 1;
CREATE INDEX orders_region_idx ON orders (region_id);
ALTER TABLE orders ADD CONSTRAINT orders_region_fk FOREIGN KEY (region_id) REFERENCES regions (id);
