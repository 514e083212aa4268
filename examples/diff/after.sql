CREATE TABLE customers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL CONSTRAINT customers_email_key UNIQUE,
  name varchar(200) NOT NULL
);
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id),
  total numeric(12,2) NOT NULL CONSTRAINT orders_total_check CHECK (total >= 0),
  remark text,
  public_id uuid NOT NULL DEFAULT gen_random_uuid()
);
CREATE INDEX orders_customer_idx ON orders (customer_id);
