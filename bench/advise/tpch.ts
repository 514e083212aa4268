/**
 * A TPC-H-derived workload: the benchmark's public schema, data from a seeded generator written
 * here (deterministic: every value is a hash of its row number, so two runs load the same rows),
 * and its query templates with fixed parameter values (the specification's validation values).
 * Q15's view is written as a CTE. Not TPC-H results: no TPC rule is followed beyond the shapes.
 */

export const TPCH_SCHEMA = `
CREATE TABLE region (r_regionkey int PRIMARY KEY, r_name text NOT NULL, r_comment text NOT NULL);
CREATE TABLE nation (n_nationkey int PRIMARY KEY, n_name text NOT NULL, n_regionkey int NOT NULL, n_comment text NOT NULL);
CREATE TABLE part (p_partkey int PRIMARY KEY, p_name text NOT NULL, p_mfgr text NOT NULL, p_brand text NOT NULL, p_type text NOT NULL,
  p_size int NOT NULL, p_container text NOT NULL, p_retailprice numeric(15,2) NOT NULL, p_comment text NOT NULL);
CREATE TABLE supplier (s_suppkey int PRIMARY KEY, s_name text NOT NULL, s_address text NOT NULL, s_nationkey int NOT NULL,
  s_phone text NOT NULL, s_acctbal numeric(15,2) NOT NULL, s_comment text NOT NULL);
CREATE TABLE partsupp (ps_partkey int NOT NULL, ps_suppkey int NOT NULL, ps_availqty int NOT NULL,
  ps_supplycost numeric(15,2) NOT NULL, ps_comment text NOT NULL, PRIMARY KEY (ps_partkey, ps_suppkey));
CREATE TABLE customer (c_custkey int PRIMARY KEY, c_name text NOT NULL, c_address text NOT NULL, c_nationkey int NOT NULL,
  c_phone text NOT NULL, c_acctbal numeric(15,2) NOT NULL, c_mktsegment text NOT NULL, c_comment text NOT NULL);
CREATE TABLE orders (o_orderkey int PRIMARY KEY, o_custkey int NOT NULL, o_orderstatus text NOT NULL, o_totalprice numeric(15,2) NOT NULL,
  o_orderdate date NOT NULL, o_orderpriority text NOT NULL, o_clerk text NOT NULL, o_shippriority int NOT NULL, o_comment text NOT NULL);
CREATE TABLE lineitem (l_orderkey int NOT NULL, l_partkey int NOT NULL, l_suppkey int NOT NULL, l_linenumber int NOT NULL,
  l_quantity numeric(15,2) NOT NULL, l_extendedprice numeric(15,2) NOT NULL, l_discount numeric(15,2) NOT NULL, l_tax numeric(15,2) NOT NULL,
  l_returnflag text NOT NULL, l_linestatus text NOT NULL, l_shipdate date NOT NULL, l_commitdate date NOT NULL, l_receiptdate date NOT NULL,
  l_shipinstruct text NOT NULL, l_shipmode text NOT NULL, l_comment text NOT NULL, PRIMARY KEY (l_orderkey, l_linenumber));
`;

/** The references, added after the load (one validating join each instead of a lookup per row). */
export const TPCH_REFERENCES = `
ALTER TABLE nation ADD FOREIGN KEY (n_regionkey) REFERENCES region;
ALTER TABLE supplier ADD FOREIGN KEY (s_nationkey) REFERENCES nation;
ALTER TABLE partsupp ADD FOREIGN KEY (ps_partkey) REFERENCES part, ADD FOREIGN KEY (ps_suppkey) REFERENCES supplier;
ALTER TABLE customer ADD FOREIGN KEY (c_nationkey) REFERENCES nation;
ALTER TABLE orders ADD FOREIGN KEY (o_custkey) REFERENCES customer;
ALTER TABLE lineitem ADD FOREIGN KEY (l_orderkey) REFERENCES orders, ADD FOREIGN KEY (l_partkey, l_suppkey) REFERENCES partsupp;
`;

/** h(x, n): a value in [0, n) from hashint8, stable across PostgreSQL versions and engines. */
const h = (x: string, n: number) => `((hashint8((${x})::int8)::int8 + 2147483648) % ${n})`;
const pick = (x: string, values: readonly string[]) => `(ARRAY[${values.map((v) => `'${v}'`).join(',')}])[1 + ${h(x, values.length)}]`;

const NATIONS = [
  'ALGERIA',
  'ARGENTINA',
  'BRAZIL',
  'CANADA',
  'EGYPT',
  'ETHIOPIA',
  'FRANCE',
  'GERMANY',
  'INDIA',
  'INDONESIA',
  'IRAN',
  'IRAQ',
  'JAPAN',
  'JORDAN',
  'KENYA',
  'MOROCCO',
  'MOZAMBIQUE',
  'PERU',
  'CHINA',
  'ROMANIA',
  'SAUDI ARABIA',
  'VIETNAM',
  'RUSSIA',
  'UNITED KINGDOM',
  'UNITED STATES',
];
const NATION_REGION = [0, 1, 1, 1, 4, 0, 3, 3, 2, 2, 4, 4, 2, 4, 0, 0, 0, 1, 2, 3, 4, 2, 3, 3, 1];
const REGIONS = ['AFRICA', 'AMERICA', 'ASIA', 'EUROPE', 'MIDDLE EAST'];
const COLORS = [
  'almond',
  'antique',
  'aquamarine',
  'azure',
  'beige',
  'bisque',
  'black',
  'blanched',
  'blue',
  'blush',
  'brown',
  'burlywood',
  'chartreuse',
  'chiffon',
  'chocolate',
  'coral',
  'cornflower',
  'cream',
  'cyan',
  'dark',
  'forest',
  'frosted',
  'green',
  'honeydew',
  'hot',
  'ivory',
  'khaki',
  'lace',
  'lavender',
  'lemon',
  'light',
  'lime',
  'linen',
  'magenta',
  'maroon',
  'medium',
  'metallic',
  'midnight',
  'mint',
  'misty',
  'navajo',
  'navy',
  'olive',
  'orange',
  'orchid',
  'pale',
  'peach',
  'pink',
  'plum',
  'powder',
  'puff',
  'purple',
  'red',
  'rose',
  'rosy',
  'royal',
  'saddle',
  'salmon',
  'sandy',
  'seashell',
  'sienna',
  'sky',
  'slate',
  'smoke',
  'snow',
  'spring',
  'steel',
  'tan',
  'thistle',
  'tomato',
  'turquoise',
  'violet',
  'wheat',
  'white',
  'yellow',
];
const TYPE1 = ['STANDARD', 'SMALL', 'MEDIUM', 'LARGE', 'ECONOMY', 'PROMO'];
const TYPE2 = ['ANODIZED', 'BURNISHED', 'PLATED', 'POLISHED', 'BRUSHED'];
const TYPE3 = ['TIN', 'NICKEL', 'BRASS', 'STEEL', 'COPPER'];
const CONTAINER1 = ['SM', 'LG', 'MED', 'JUMBO', 'WRAP'];
const CONTAINER2 = ['CASE', 'BOX', 'BAG', 'JAR', 'PKG', 'PACK', 'CAN', 'DRUM'];
const SEGMENTS = ['AUTOMOBILE', 'BUILDING', 'FURNITURE', 'MACHINERY', 'HOUSEHOLD'];
const PRIORITIES = ['1-URGENT', '2-HIGH', '3-MEDIUM', '4-NOT SPECIFIED', '5-LOW'];
const SHIPMODES = ['REG AIR', 'AIR', 'RAIL', 'SHIP', 'TRUCK', 'MAIL', 'FOB'];
const INSTRUCTIONS = ['DELIVER IN PERSON', 'COLLECT COD', 'NONE', 'TAKE BACK RETURN'];

/** Rows at a scale factor, as TPC-H counts them (lineitem: 1–7 lines an order, about 4). */
export function tpchCounts(sf: number) {
  return {
    part: Math.round(200_000 * sf),
    supplier: Math.max(4, Math.round(10_000 * sf)),
    customer: Math.round(150_000 * sf),
    orders: Math.round(1_500_000 * sf),
  };
}

/** The generator: INSERT … SELECT statements over generate_series, one per table. */
export function tpchData(sf: number): string {
  const { part: P, supplier: S, customer: C, orders: O } = tpchCounts(sf);
  // TPC-H's supplier of a part: ((p + j × (S/4 + (p−1)/S)) mod S) + 1 for j = 0..3.
  const supplierOf = (p: string, j: string) => `((${p} + ${j} * (${Math.floor(S / 4)} + (${p} - 1) / ${S})) % ${S}) + 1`;
  return `
INSERT INTO region SELECT g - 1, (ARRAY[${REGIONS.map((r) => `'${r}'`).join(',')}])[g], 'region ' || g FROM generate_series(1, 5) g;
INSERT INTO nation SELECT g - 1, (ARRAY[${NATIONS.map((n) => `'${n}'`).join(',')}])[g], (ARRAY[${NATION_REGION.join(',')}])[g], 'nation ' || g FROM generate_series(1, 25) g;
INSERT INTO part SELECT g,
  ${pick('g * 5 + 1', COLORS)} || ' ' || ${pick('g * 5 + 2', COLORS)} || ' ' || ${pick('g * 5 + 3', COLORS)},
  'Manufacturer#' || (1 + ${h('g * 7 + 1', 5)}), 'Brand#' || (1 + ${h('g * 7 + 1', 5)}) || (1 + ${h('g * 7 + 2', 5)}),
  ${pick('g * 7 + 3', TYPE1)} || ' ' || ${pick('g * 7 + 4', TYPE2)} || ' ' || ${pick('g * 7 + 5', TYPE3)},
  1 + ${h('g * 7 + 6', 50)}, ${pick('g * 11 + 1', CONTAINER1)} || ' ' || ${pick('g * 11 + 2', CONTAINER2)},
  (90000 + ((g / 10) % 20001) + 100 * (g % 1000)) / 100.0, 'part ' || g
  FROM generate_series(1, ${P}) g;
INSERT INTO supplier SELECT g, 'Supplier#' || lpad(g::text, 9, '0'), 'address ' || g, ${h('g * 3 + 1', 25)},
  (10 + ${h('g * 3 + 1', 25)}) || '-' || (100 + ${h('g * 3 + 2', 900)}) || '-' || (1000 + ${h('g', 9000)}),
  (${h('g * 3 + 3', 1099999)} - 99999) / 100.0, CASE WHEN ${h('g * 13', 1000)} < 5 THEN 'Customer Complaints' ELSE 'supplier ' || g END
  FROM generate_series(1, ${S}) g;
INSERT INTO partsupp SELECT p, ${supplierOf('p', 'j')}, 1 + ${h('p * 4 + j', 9999)}, (100 + ${h('p * 4 + j + 7', 99901)}) / 100.0, 'partsupp ' || p
  FROM generate_series(1, ${P}) p, generate_series(0, 3) j;
INSERT INTO customer SELECT g, 'Customer#' || lpad(g::text, 9, '0'), 'address ' || g, ${h('g * 5 + 1', 25)},
  (10 + ${h('g * 5 + 1', 25)}) || '-' || (100 + ${h('g * 5 + 2', 900)}) || '-' || (1000 + ${h('g', 9000)}),
  (${h('g * 5 + 3', 1099999)} - 99999) / 100.0, ${pick('g * 5 + 4', SEGMENTS)}, 'customer ' || g
  FROM generate_series(1, ${C}) g;
INSERT INTO orders SELECT g, 1 + ${h('g * 9 + 1', C)}, ${pick('g * 9 + 2', ['F', 'O', 'P'])}, (100000 + ${h('g * 9 + 3', 50000000)}) / 100.0,
  date '1992-01-01' + ${h('g * 9 + 4', 2406)}::int, ${pick('g * 9 + 5', PRIORITIES)}, 'Clerk#' || lpad((1 + ${h('g * 9 + 6', Math.max(1, Math.round(1000 * sf)))})::text, 9, '0'),
  0, CASE WHEN ${h('g * 9 + 7', 100)} < 2 THEN 'special requests' ELSE 'order ' || g END
  FROM generate_series(1, ${O}) g;
INSERT INTO lineitem SELECT o.o_orderkey, x.p, ${supplierOf('x.p', 'x.j')}, n,
  x.q, x.q * (90000 + ((x.p / 10) % 20001) + 100 * (x.p % 1000)) / 100.0, ${h('o.o_orderkey * 8 + n + 3', 11)} / 100.0, ${h('o.o_orderkey * 8 + n + 4', 9)} / 100.0,
  CASE WHEN o.o_orderdate + x.ship + x.receipt <= date '1995-06-17' THEN ${pick('o.o_orderkey * 8 + n + 5', ['R', 'A'])} ELSE 'N' END,
  CASE WHEN o.o_orderdate + x.ship > date '1995-06-17' THEN 'O' ELSE 'F' END,
  o.o_orderdate + x.ship, o.o_orderdate + 30 + ${h('o.o_orderkey * 8 + n + 6', 61)}::int, o.o_orderdate + x.ship + x.receipt,
  ${pick('o.o_orderkey * 8 + n + 7', INSTRUCTIONS)}, ${pick('o.o_orderkey * 8 + n + 8', SHIPMODES)}, 'line ' || n
  FROM orders o, generate_series(1, 1 + ${h('o.o_orderkey', 7)}::int) n,
  LATERAL (SELECT 1 + ${h('o.o_orderkey * 8 + n', P)}::int AS p, ${h('o.o_orderkey * 8 + n + 1', 4)}::int AS j,
    (1 + ${h('o.o_orderkey * 8 + n + 2', 50)})::numeric AS q, 1 + ${h('o.o_orderkey * 8 + n + 9', 121)}::int AS ship, 1 + ${h('o.o_orderkey * 8 + n + 10', 30)}::int AS receipt) x;
`;
}

/** The 22 query templates with fixed values (the specification's validation parameters). */
export const TPCH_QUERIES: readonly { readonly name: string; readonly sql: string }[] = [
  {
    name: 'q1',
    sql: `SELECT l_returnflag, l_linestatus, sum(l_quantity), sum(l_extendedprice), sum(l_extendedprice * (1 - l_discount)), sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)), avg(l_quantity), avg(l_extendedprice), avg(l_discount), count(*) FROM lineitem WHERE l_shipdate <= date '1998-12-01' - interval '90 days' GROUP BY l_returnflag, l_linestatus ORDER BY l_returnflag, l_linestatus`,
  },
  {
    name: 'q2',
    sql: `SELECT s_acctbal, s_name, n_name, p_partkey, p_mfgr, s_address, s_phone, s_comment FROM part, supplier, partsupp, nation, region WHERE p_partkey = ps_partkey AND s_suppkey = ps_suppkey AND p_size = 15 AND p_type LIKE '%BRASS' AND s_nationkey = n_nationkey AND n_regionkey = r_regionkey AND r_name = 'EUROPE' AND ps_supplycost = (SELECT min(ps_supplycost) FROM partsupp, supplier, nation, region WHERE p_partkey = ps_partkey AND s_suppkey = ps_suppkey AND s_nationkey = n_nationkey AND n_regionkey = r_regionkey AND r_name = 'EUROPE') ORDER BY s_acctbal DESC, n_name, s_name, p_partkey LIMIT 100`,
  },
  {
    name: 'q3',
    sql: `SELECT l_orderkey, sum(l_extendedprice * (1 - l_discount)) AS revenue, o_orderdate, o_shippriority FROM customer, orders, lineitem WHERE c_mktsegment = 'BUILDING' AND c_custkey = o_custkey AND l_orderkey = o_orderkey AND o_orderdate < date '1995-03-15' AND l_shipdate > date '1995-03-15' GROUP BY l_orderkey, o_orderdate, o_shippriority ORDER BY revenue DESC, o_orderdate LIMIT 10`,
  },
  {
    name: 'q4',
    sql: `SELECT o_orderpriority, count(*) FROM orders WHERE o_orderdate >= date '1993-07-01' AND o_orderdate < date '1993-10-01' AND EXISTS (SELECT * FROM lineitem WHERE l_orderkey = o_orderkey AND l_commitdate < l_receiptdate) GROUP BY o_orderpriority ORDER BY o_orderpriority`,
  },
  {
    name: 'q5',
    sql: `SELECT n_name, sum(l_extendedprice * (1 - l_discount)) AS revenue FROM customer, orders, lineitem, supplier, nation, region WHERE c_custkey = o_custkey AND l_orderkey = o_orderkey AND l_suppkey = s_suppkey AND c_nationkey = s_nationkey AND s_nationkey = n_nationkey AND n_regionkey = r_regionkey AND r_name = 'ASIA' AND o_orderdate >= date '1994-01-01' AND o_orderdate < date '1995-01-01' GROUP BY n_name ORDER BY revenue DESC`,
  },
  {
    name: 'q6',
    sql: `SELECT sum(l_extendedprice * l_discount) AS revenue FROM lineitem WHERE l_shipdate >= date '1994-01-01' AND l_shipdate < date '1995-01-01' AND l_discount BETWEEN 0.05 AND 0.07 AND l_quantity < 24`,
  },
  {
    name: 'q7',
    sql: `SELECT supp_nation, cust_nation, l_year, sum(volume) AS revenue FROM (SELECT n1.n_name AS supp_nation, n2.n_name AS cust_nation, extract(year FROM l_shipdate) AS l_year, l_extendedprice * (1 - l_discount) AS volume FROM supplier, lineitem, orders, customer, nation n1, nation n2 WHERE s_suppkey = l_suppkey AND o_orderkey = l_orderkey AND c_custkey = o_custkey AND s_nationkey = n1.n_nationkey AND c_nationkey = n2.n_nationkey AND ((n1.n_name = 'FRANCE' AND n2.n_name = 'GERMANY') OR (n1.n_name = 'GERMANY' AND n2.n_name = 'FRANCE')) AND l_shipdate BETWEEN date '1995-01-01' AND date '1996-12-31') AS shipping GROUP BY supp_nation, cust_nation, l_year ORDER BY supp_nation, cust_nation, l_year`,
  },
  {
    name: 'q8',
    sql: `SELECT o_year, sum(CASE WHEN nation = 'BRAZIL' THEN volume ELSE 0 END) / sum(volume) AS mkt_share FROM (SELECT extract(year FROM o_orderdate) AS o_year, l_extendedprice * (1 - l_discount) AS volume, n2.n_name AS nation FROM part, supplier, lineitem, orders, customer, nation n1, nation n2, region WHERE p_partkey = l_partkey AND s_suppkey = l_suppkey AND l_orderkey = o_orderkey AND o_custkey = c_custkey AND c_nationkey = n1.n_nationkey AND n1.n_regionkey = r_regionkey AND r_name = 'AMERICA' AND s_nationkey = n2.n_nationkey AND o_orderdate BETWEEN date '1995-01-01' AND date '1996-12-31' AND p_type = 'ECONOMY ANODIZED STEEL') AS all_nations GROUP BY o_year ORDER BY o_year`,
  },
  {
    name: 'q9',
    sql: `SELECT nation, o_year, sum(amount) AS sum_profit FROM (SELECT n_name AS nation, extract(year FROM o_orderdate) AS o_year, l_extendedprice * (1 - l_discount) - ps_supplycost * l_quantity AS amount FROM part, supplier, lineitem, partsupp, orders, nation WHERE s_suppkey = l_suppkey AND ps_suppkey = l_suppkey AND ps_partkey = l_partkey AND p_partkey = l_partkey AND o_orderkey = l_orderkey AND s_nationkey = n_nationkey AND p_name LIKE '%green%') AS profit GROUP BY nation, o_year ORDER BY nation, o_year DESC`,
  },
  {
    name: 'q10',
    sql: `SELECT c_custkey, c_name, sum(l_extendedprice * (1 - l_discount)) AS revenue, c_acctbal, n_name, c_address, c_phone, c_comment FROM customer, orders, lineitem, nation WHERE c_custkey = o_custkey AND l_orderkey = o_orderkey AND o_orderdate >= date '1993-10-01' AND o_orderdate < date '1994-01-01' AND l_returnflag = 'R' AND c_nationkey = n_nationkey GROUP BY c_custkey, c_name, c_acctbal, c_phone, n_name, c_address, c_comment ORDER BY revenue DESC LIMIT 20`,
  },
  {
    name: 'q11',
    sql: `SELECT ps_partkey, sum(ps_supplycost * ps_availqty) AS value FROM partsupp, supplier, nation WHERE ps_suppkey = s_suppkey AND s_nationkey = n_nationkey AND n_name = 'GERMANY' GROUP BY ps_partkey HAVING sum(ps_supplycost * ps_availqty) > (SELECT sum(ps_supplycost * ps_availqty) * 0.0001 FROM partsupp, supplier, nation WHERE ps_suppkey = s_suppkey AND s_nationkey = n_nationkey AND n_name = 'GERMANY') ORDER BY value DESC`,
  },
  {
    name: 'q12',
    sql: `SELECT l_shipmode, sum(CASE WHEN o_orderpriority = '1-URGENT' OR o_orderpriority = '2-HIGH' THEN 1 ELSE 0 END) AS high_line_count, sum(CASE WHEN o_orderpriority <> '1-URGENT' AND o_orderpriority <> '2-HIGH' THEN 1 ELSE 0 END) AS low_line_count FROM orders, lineitem WHERE o_orderkey = l_orderkey AND l_shipmode IN ('MAIL', 'SHIP') AND l_commitdate < l_receiptdate AND l_shipdate < l_commitdate AND l_receiptdate >= date '1994-01-01' AND l_receiptdate < date '1995-01-01' GROUP BY l_shipmode ORDER BY l_shipmode`,
  },
  {
    name: 'q13',
    sql: `SELECT c_count, count(*) AS custdist FROM (SELECT c_custkey, count(o_orderkey) AS c_count FROM customer LEFT OUTER JOIN orders ON c_custkey = o_custkey AND o_comment NOT LIKE '%special%requests%' GROUP BY c_custkey) AS c_orders GROUP BY c_count ORDER BY custdist DESC, c_count DESC`,
  },
  {
    name: 'q14',
    sql: `SELECT 100.00 * sum(CASE WHEN p_type LIKE 'PROMO%' THEN l_extendedprice * (1 - l_discount) ELSE 0 END) / sum(l_extendedprice * (1 - l_discount)) AS promo_revenue FROM lineitem, part WHERE l_partkey = p_partkey AND l_shipdate >= date '1995-09-01' AND l_shipdate < date '1995-10-01'`,
  },
  {
    name: 'q15',
    sql: `WITH revenue AS (SELECT l_suppkey AS supplier_no, sum(l_extendedprice * (1 - l_discount)) AS total_revenue FROM lineitem WHERE l_shipdate >= date '1996-01-01' AND l_shipdate < date '1996-04-01' GROUP BY l_suppkey) SELECT s_suppkey, s_name, s_address, s_phone, total_revenue FROM supplier, revenue WHERE s_suppkey = supplier_no AND total_revenue = (SELECT max(total_revenue) FROM revenue) ORDER BY s_suppkey`,
  },
  {
    name: 'q16',
    sql: `SELECT p_brand, p_type, p_size, count(DISTINCT ps_suppkey) AS supplier_cnt FROM partsupp, part WHERE p_partkey = ps_partkey AND p_brand <> 'Brand#45' AND p_type NOT LIKE 'MEDIUM POLISHED%' AND p_size IN (49, 14, 23, 45, 19, 3, 36, 9) AND ps_suppkey NOT IN (SELECT s_suppkey FROM supplier WHERE s_comment LIKE '%Customer%Complaints%') GROUP BY p_brand, p_type, p_size ORDER BY supplier_cnt DESC, p_brand, p_type, p_size`,
  },
  {
    name: 'q17',
    sql: `SELECT sum(l_extendedprice) / 7.0 AS avg_yearly FROM lineitem, part WHERE p_partkey = l_partkey AND p_brand = 'Brand#23' AND p_container = 'MED BOX' AND l_quantity < (SELECT 0.2 * avg(l_quantity) FROM lineitem WHERE l_partkey = p_partkey)`,
  },
  {
    name: 'q18',
    sql: `SELECT c_name, c_custkey, o_orderkey, o_orderdate, o_totalprice, sum(l_quantity) FROM customer, orders, lineitem WHERE o_orderkey IN (SELECT l_orderkey FROM lineitem GROUP BY l_orderkey HAVING sum(l_quantity) > 300) AND c_custkey = o_custkey AND o_orderkey = l_orderkey GROUP BY c_name, c_custkey, o_orderkey, o_orderdate, o_totalprice ORDER BY o_totalprice DESC, o_orderdate LIMIT 100`,
  },
  {
    name: 'q19',
    sql: `SELECT sum(l_extendedprice * (1 - l_discount)) AS revenue FROM lineitem, part WHERE (p_partkey = l_partkey AND p_brand = 'Brand#12' AND p_container IN ('SM CASE', 'SM BOX', 'SM PACK', 'SM PKG') AND l_quantity >= 1 AND l_quantity <= 11 AND p_size BETWEEN 1 AND 5 AND l_shipmode IN ('AIR', 'REG AIR') AND l_shipinstruct = 'DELIVER IN PERSON') OR (p_partkey = l_partkey AND p_brand = 'Brand#23' AND p_container IN ('MED BAG', 'MED BOX', 'MED PKG', 'MED PACK') AND l_quantity >= 10 AND l_quantity <= 20 AND p_size BETWEEN 1 AND 10 AND l_shipmode IN ('AIR', 'REG AIR') AND l_shipinstruct = 'DELIVER IN PERSON') OR (p_partkey = l_partkey AND p_brand = 'Brand#34' AND p_container IN ('LG CASE', 'LG BOX', 'LG PACK', 'LG PKG') AND l_quantity >= 20 AND l_quantity <= 30 AND p_size BETWEEN 1 AND 15 AND l_shipmode IN ('AIR', 'REG AIR') AND l_shipinstruct = 'DELIVER IN PERSON')`,
  },
  {
    name: 'q20',
    sql: `SELECT s_name, s_address FROM supplier, nation WHERE s_suppkey IN (SELECT ps_suppkey FROM partsupp WHERE ps_partkey IN (SELECT p_partkey FROM part WHERE p_name LIKE 'forest%') AND ps_availqty > (SELECT 0.5 * sum(l_quantity) FROM lineitem WHERE l_partkey = ps_partkey AND l_suppkey = ps_suppkey AND l_shipdate >= date '1994-01-01' AND l_shipdate < date '1995-01-01')) AND s_nationkey = n_nationkey AND n_name = 'CANADA' ORDER BY s_name`,
  },
  {
    name: 'q21',
    sql: `SELECT s_name, count(*) AS numwait FROM supplier, lineitem l1, orders, nation WHERE s_suppkey = l1.l_suppkey AND o_orderkey = l1.l_orderkey AND o_orderstatus = 'F' AND l1.l_receiptdate > l1.l_commitdate AND EXISTS (SELECT * FROM lineitem l2 WHERE l2.l_orderkey = l1.l_orderkey AND l2.l_suppkey <> l1.l_suppkey) AND NOT EXISTS (SELECT * FROM lineitem l3 WHERE l3.l_orderkey = l1.l_orderkey AND l3.l_suppkey <> l1.l_suppkey AND l3.l_receiptdate > l3.l_commitdate) AND s_nationkey = n_nationkey AND n_name = 'SAUDI ARABIA' GROUP BY s_name ORDER BY numwait DESC, s_name LIMIT 100`,
  },
  {
    name: 'q22',
    sql: `SELECT cntrycode, count(*) AS numcust, sum(c_acctbal) AS totacctbal FROM (SELECT substring(c_phone FROM 1 FOR 2) AS cntrycode, c_acctbal FROM customer WHERE substring(c_phone FROM 1 FOR 2) IN ('13', '31', '23', '29', '30', '18', '17') AND c_acctbal > (SELECT avg(c_acctbal) FROM customer WHERE c_acctbal > 0.00 AND substring(c_phone FROM 1 FOR 2) IN ('13', '31', '23', '29', '30', '18', '17')) AND NOT EXISTS (SELECT * FROM orders WHERE o_custkey = c_custkey)) AS custsale GROUP BY cntrycode ORDER BY cntrycode`,
  },
];

/** The queries as a workload file: one statement each, every one once a second. */
export const tpchWorkloadFile = (): string => TPCH_QUERIES.map((q) => `-- name: ${q.name}\n-- rate: 1/s\n${q.sql};\n`).join('');
