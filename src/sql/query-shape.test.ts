import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { loadModule, parseSync, type Node } from 'libpg-query';
import {
  extractQueryShape,
  printExpr,
  type ColumnName,
  type ColumnPredicate,
  type ColumnResolver,
  type PredicateOp,
  type QueryShape,
  type ValueRef,
} from './query-shape.js';

before(async () => {
  await loadModule();
});

function parse(sql: string): Node {
  const stmt = parseSync(sql).stmts?.[0]?.stmt;
  assert.ok(stmt, `no statement in ${sql}`);
  return stmt;
}

function shapeOf(sql: string, resolver?: ColumnResolver): QueryShape {
  return extractQueryShape(parse(sql), resolver);
}

// Builders that keep the expected shapes short; every field they fill is spelled out here.
const col = (alias: string, table: string, column: string): ColumnName => ({ alias, table, column });
const param = (index: number): ValueRef => ({ kind: 'param', index });
const constant = (value: string | number | boolean | null): ValueRef => ({ kind: 'constant', value });
function pred(c: ColumnName, op: PredicateOp, operator: string, value: ValueRef, extra: Partial<ColumnPredicate> = {}): ColumnPredicate {
  return { ...c, op, operator, value, scope: 'main', clause: 'where', ...extra };
}
const EMPTY_SELECT_PARTS = { orderBy: [], groupBy: [], aggregates: [], projected: [] } as const;

describe('extractQueryShape: reference workload', () => {
  it('1. filter on two columns, ORDER BY DESC, LIMIT constant', () => {
    const o = (column: string) => col('order', 'order', column);
    assert.deepStrictEqual(
      shapeOf('select id, status, total, placed_at from "order" where tenant_id = $1 and customer_id = $2 order by placed_at desc limit 20'),
      {
        kind: 'select',
        tables: [{ table: 'order', alias: 'order', scope: 'main' }],
        predicates: [pred(o('tenant_id'), 'eq', '=', param(1)), pred(o('customer_id'), 'eq', '=', param(2))],
        joins: [],
        ctes: [],
        orderBy: [{ ...o('placed_at'), direction: 'desc' }],
        limit: 20,
        groupBy: [],
        aggregates: [],
        projected: [o('id'), o('status'), o('total'), o('placed_at')],
      },
    );
  });

  it('2. join on two columns (composite tenant key), o.* projection', () => {
    const o = (column: string) => col('o', 'order', column);
    const l = (column: string) => col('l', 'order_line', column);
    assert.deepStrictEqual(
      shapeOf(
        'select o.*, l.product_id, l.quantity, l.unit_price from "order" o join order_line l on l.order_id = o.id and l.tenant_id = o.tenant_id where o.tenant_id = $1 and o.id = $2',
      ),
      {
        kind: 'select',
        tables: [
          { table: 'order', alias: 'o', scope: 'main' },
          { table: 'order_line', alias: 'l', scope: 'main' },
        ],
        predicates: [pred(o('tenant_id'), 'eq', '=', param(1)), pred(o('id'), 'eq', '=', param(2))],
        // Oriented by FROM order: the order side is left although the SQL writes l first.
        joins: [
          { left: o('id'), right: l('order_id'), type: 'inner', clause: 'on' },
          { left: o('tenant_id'), right: l('tenant_id'), type: 'inner', clause: 'on' },
        ],
        ctes: [],
        orderBy: [],
        groupBy: [],
        aggregates: [],
        projected: [{ alias: 'o', table: 'order', star: true }, l('product_id'), l('quantity'), l('unit_price')],
      },
    );
  });

  it('3. constant equality is a partial-index candidate', () => {
    const o = (column: string) => col('order', 'order', column);
    assert.deepStrictEqual(shapeOf('select id, placed_at from "order" where tenant_id = $1 and status = \'paid\' order by placed_at limit 100'), {
      kind: 'select',
      tables: [{ table: 'order', alias: 'order', scope: 'main' }],
      predicates: [pred(o('tenant_id'), 'eq', '=', param(1)), pred(o('status'), 'eq', '=', constant('paid'), { constantValue: 'paid' })],
      joins: [],
      ctes: [],
      orderBy: [{ ...o('placed_at'), direction: 'asc' }],
      limit: 100,
      groupBy: [],
      aggregates: [],
      projected: [o('id'), o('placed_at')],
    });
  });

  it('4. join with filters on both sides and ORDER BY a joined column', () => {
    const p = (column: string) => col('p', 'product', column);
    const pc = (column: string) => col('pc', 'product_category', column);
    assert.deepStrictEqual(
      shapeOf(
        "select p.id, p.title, p.price from product p join product_category pc on pc.product_id = p.id and pc.tenant_id = p.tenant_id where p.tenant_id = $1 and pc.category_id = $2 and p.status = 'active' order by p.title limit 50",
      ),
      {
        kind: 'select',
        tables: [
          { table: 'product', alias: 'p', scope: 'main' },
          { table: 'product_category', alias: 'pc', scope: 'main' },
        ],
        predicates: [
          pred(p('tenant_id'), 'eq', '=', param(1)),
          pred(pc('category_id'), 'eq', '=', param(2)),
          pred(p('status'), 'eq', '=', constant('active'), { constantValue: 'active' }),
        ],
        joins: [
          { left: p('id'), right: pc('product_id'), type: 'inner', clause: 'on' },
          { left: p('tenant_id'), right: pc('tenant_id'), type: 'inner', clause: 'on' },
        ],
        ctes: [],
        orderBy: [{ ...p('title'), direction: 'asc' }],
        limit: 50,
        groupBy: [],
        aggregates: [],
        projected: [p('id'), p('title'), p('price')],
      },
    );
  });

  it('5. SELECT * with two equalities', () => {
    const c = (column: string) => col('customer', 'customer', column);
    assert.deepStrictEqual(shapeOf('select * from customer where tenant_id = $1 and email = $2'), {
      kind: 'select',
      tables: [{ table: 'customer', alias: 'customer', scope: 'main' }],
      predicates: [pred(c('tenant_id'), 'eq', '=', param(1)), pred(c('email'), 'eq', '=', param(2))],
      joins: [],
      ctes: [],
      orderBy: [],
      groupBy: [],
      aggregates: [],
      projected: [{ star: true }],
    });
  });

  it('6. INSERT ... VALUES', () => {
    assert.deepStrictEqual(
      shapeOf('insert into "order" (tenant_id, customer_id, status, total, currency, placed_at) values ($1, $2, \'pending\', $3, $4, now())'),
      {
        kind: 'insert',
        tables: [{ table: 'order', alias: 'order', scope: 'main', target: true }],
        predicates: [],
        joins: [],
        ctes: [],
        ...EMPTY_SELECT_PARTS,
        writesTable: 'order',
        setColumns: ['tenant_id', 'customer_id', 'status', 'total', 'currency', 'placed_at'],
        source: 'values',
        returning: [],
      },
    );
  });

  it('7. GROUP BY / ORDER BY ordinal over date_trunc, IN list, range against now() - interval', () => {
    const o = (column: string) => col('order', 'order', column);
    const day = { ...o('placed_at'), expression: "date_trunc('day', placed_at)" };
    assert.deepStrictEqual(
      shapeOf(
        "select date_trunc('day', placed_at) as day, sum(total) from \"order\" where tenant_id = $1 and status in ('paid', 'shipped', 'delivered') and placed_at >= now() - interval '30 days' group by 1 order by 1",
      ),
      {
        kind: 'select',
        tables: [{ table: 'order', alias: 'order', scope: 'main' }],
        predicates: [
          pred(o('tenant_id'), 'eq', '=', param(1)),
          pred(
            o('status'),
            'in',
            'IN',
            { kind: 'list', items: [constant('paid'), constant('shipped'), constant('delivered')] },
            { constantValues: ['paid', 'shipped', 'delivered'] },
          ),
          pred(o('placed_at'), 'range', '>=', { kind: 'expression', text: "now() - interval '30 days'", params: [] }),
        ],
        joins: [],
        ctes: [],
        orderBy: [{ ...day, direction: 'asc' }],
        groupBy: [day],
        aggregates: [{ fn: 'sum', column: o('total') }],
        projected: [
          { ...day, name: 'day' },
          { ...o('total'), expression: 'sum(total)' },
        ],
      },
    );
  });

  it('8. aggregate over a filtered table', () => {
    const e = (column: string) => col('inventory_event', 'inventory_event', column);
    assert.deepStrictEqual(shapeOf('select sum(delta) from inventory_event where tenant_id = $1 and product_id = $2'), {
      kind: 'select',
      tables: [{ table: 'inventory_event', alias: 'inventory_event', scope: 'main' }],
      predicates: [pred(e('tenant_id'), 'eq', '=', param(1)), pred(e('product_id'), 'eq', '=', param(2))],
      joins: [],
      ctes: [],
      orderBy: [],
      groupBy: [],
      aggregates: [{ fn: 'sum', column: e('delta') }],
      projected: [{ ...e('delta'), expression: 'sum(delta)' }],
    });
  });
});

describe('extractQueryShape: subqueries', () => {
  it('NOT EXISTS: the correlated equalities become anti-join edges, other filters stay predicates', () => {
    const shape = shapeOf(
      'select o.id from "order" o where o.tenant_id = $1 and not exists (select 1 from shipment s where s.order_id = o.id and s.tenant_id = o.tenant_id and s.status <> \'cancelled\')',
    );
    const o = (column: string) => col('o', 'order', column);
    const s = (column: string) => col('s', 'shipment', column);
    assert.deepStrictEqual(shape.tables, [
      { table: 'order', alias: 'o', scope: 'main' },
      { table: 'shipment', alias: 's', scope: 'not-exists' },
    ]);
    assert.deepStrictEqual(shape.joins, [
      { left: o('id'), right: s('order_id'), type: 'anti', clause: 'where' },
      { left: o('tenant_id'), right: s('tenant_id'), type: 'anti', clause: 'where' },
    ]);
    assert.deepStrictEqual(shape.predicates, [
      pred(o('tenant_id'), 'eq', '=', param(1)),
      pred(s('status'), 'neq', '<>', constant('cancelled'), { constantValue: 'cancelled', scope: 'not-exists' }),
    ]);
  });

  it('EXISTS: semi-join edge, written with the outer column on the right', () => {
    const shape = shapeOf('select c.id from customer c where exists (select 1 from "order" o where c.id = o.customer_id and o.total > $1)');
    assert.deepStrictEqual(shape.tables, [
      { table: 'customer', alias: 'c', scope: 'main' },
      { table: 'order', alias: 'o', scope: 'exists' },
    ]);
    assert.deepStrictEqual(shape.joins, [{ left: col('c', 'customer', 'id'), right: col('o', 'order', 'customer_id'), type: 'semi', clause: 'where' }]);
    assert.deepStrictEqual(shape.predicates, [pred(col('o', 'order', 'total'), 'range', '>', param(1), { scope: 'exists' })]);
  });

  it('NOT (NOT EXISTS ...) is a semi join again', () => {
    const shape = shapeOf('select 1 from a where not (not exists (select 1 from b where b.a_id = a.id))');
    assert.deepStrictEqual(
      shape.tables.map((t) => t.scope),
      ['main', 'exists'],
    );
    assert.deepStrictEqual(
      shape.joins.map((j) => j.type),
      ['semi'],
    );
  });

  it('IN list of params and NOT IN list of constants', () => {
    const shape = shapeOf("select id from product where id in ($1, $2, $3) and status not in ('gone', 'hidden')");
    const p = (column: string) => col('product', 'product', column);
    assert.deepStrictEqual(shape.predicates, [
      pred(p('id'), 'in', 'IN', { kind: 'list', items: [param(1), param(2), param(3)] }),
      pred(p('status'), 'in', 'NOT IN', { kind: 'list', items: [constant('gone'), constant('hidden')] }, { constantValues: ['gone', 'hidden'], negated: true }),
    ]);
  });

  it('= ANY($1) is an IN over an array parameter; <> ALL($1) a NOT IN', () => {
    const shape = shapeOf('select 1 from t where id = any($1) and code <> all($2::text[])');
    assert.deepStrictEqual(shape.predicates, [
      pred(col('t', 't', 'id'), 'in', '= ANY', param(1)),
      pred(col('t', 't', 'code'), 'in', '<> ALL', param(2), { negated: true }),
    ]);
  });

  it('IN (subquery): predicate on the outer column plus a semi-join edge to the selected column', () => {
    const shape = shapeOf('select o.id from "order" o where o.customer_id in (select c.id from customer c where c.tenant_id = $1 and c.vip)');
    assert.deepStrictEqual(shape.tables, [
      { table: 'order', alias: 'o', scope: 'main' },
      { table: 'customer', alias: 'c', scope: 'subquery' },
    ]);
    assert.deepStrictEqual(shape.predicates, [
      pred(col('o', 'order', 'customer_id'), 'in', 'IN', { kind: 'subquery' }),
      pred(col('c', 'customer', 'tenant_id'), 'eq', '=', param(1), { scope: 'subquery' }),
      pred(col('c', 'customer', 'vip'), 'eq', '=', constant(true), { constantValue: true, scope: 'subquery' }),
    ]);
    assert.deepStrictEqual(shape.joins, [{ left: col('o', 'order', 'customer_id'), right: col('c', 'customer', 'id'), type: 'semi', clause: 'where' }]);
  });

  it('NOT IN (subquery) gives an anti edge; row IN gives one edge per column', () => {
    const notIn = shapeOf('select 1 from a where a.x not in (select b.x from b)');
    assert.deepStrictEqual(notIn.joins, [{ left: col('a', 'a', 'x'), right: col('b', 'b', 'x'), type: 'anti', clause: 'where' }]);
    assert.deepStrictEqual(notIn.predicates, [pred(col('a', 'a', 'x'), 'in', 'IN', { kind: 'subquery' }, { negated: true })]);
    const row = shapeOf('select 1 from a where (a.t, a.x) in (select b.t, b.x from b)');
    assert.deepStrictEqual(
      row.joins.map((j) => [j.left.column, j.right.column, j.type]),
      [
        ['t', 't', 'semi'],
        ['x', 'x', 'semi'],
      ],
    );
  });

  it('a correlated scalar subquery in the select list is a per-row lookup', () => {
    const shape = shapeOf('select o.id, (select count(*) from order_line l where l.order_id = o.id) as lines from "order" o');
    assert.deepStrictEqual(
      shape.tables.map((t) => [t.alias, t.scope]),
      [
        ['l', 'subquery'],
        ['o', 'main'],
      ],
    ); // source order
    assert.deepStrictEqual(shape.joins, [{ left: col('o', 'order', 'id'), right: col('l', 'order_line', 'order_id'), type: 'correlated', clause: 'where' }]);
    assert.deepStrictEqual(shape.projected, [col('o', 'order', 'id'), { expression: '(subquery)', name: 'lines' }]);
    assert.deepStrictEqual(shape.aggregates, []); // count(*) belongs to the subquery
  });

  it('CTE: body tables and predicates are tagged cte; the CTE reference joins as a table-less alias', () => {
    const shape = shapeOf(
      'with recent as (select id, customer_id from "order" where tenant_id = $1 and placed_at > $2) select c.email, r.id from recent r join customer c on c.id = r.customer_id where c.tenant_id = $1',
    );
    assert.deepStrictEqual(shape.ctes, ['recent']);
    assert.deepStrictEqual(shape.tables, [
      { table: 'order', alias: 'order', scope: 'cte', inCte: 'recent' },
      { table: 'customer', alias: 'c', scope: 'main' },
    ]);
    assert.deepStrictEqual(shape.predicates, [
      pred(col('order', 'order', 'tenant_id'), 'eq', '=', param(1), { scope: 'cte' }),
      pred(col('order', 'order', 'placed_at'), 'range', '>', param(2), { scope: 'cte' }),
      pred(col('c', 'customer', 'tenant_id'), 'eq', '=', param(1)),
    ]);
    assert.deepStrictEqual(shape.joins, [{ left: { alias: 'r', column: 'customer_id' }, right: col('c', 'customer', 'id'), type: 'inner', clause: 'on' }]);
    assert.deepStrictEqual(shape.projected, [col('c', 'customer', 'email'), { alias: 'r', column: 'id' }]);
  });

  it('a CTE body sees earlier CTEs; unqualified columns resolve through known CTE columns', () => {
    const shape = shapeOf('with a as (select id, k from t), b as (select id from a where k = 1) select id from b join u on u.b_id = b.id where flag');
    assert.deepStrictEqual(
      shape.tables.map((t) => [t.table, t.scope, t.inCte]),
      [
        ['t', 'cte', 'a'],
        ['u', 'main', undefined],
      ],
    );
    assert.deepStrictEqual(
      shape.predicates.map((p) => [p.alias, p.column, p.scope]),
      [
        ['a', 'k', 'cte'],
        ['u', 'flag', 'main'], // b's columns are known to be just (id), so only u can own flag
      ],
    );
    // b is known to have id, but u's columns are unknown, so it could own id too.
    assert.deepStrictEqual(shape.projected, [{ column: 'id' }]);
  });
});

describe('extractQueryShape: writes', () => {
  it('UPDATE ... SET ... WHERE ... RETURNING', () => {
    const shape = shapeOf(
      "update \"order\" o set status = 'shipped', shipped_at = now() where o.tenant_id = $1 and o.id = $2 and o.status = 'paid' returning o.id",
    );
    const o = (column: string) => col('o', 'order', column);
    assert.deepStrictEqual(shape, {
      kind: 'update',
      tables: [{ table: 'order', alias: 'o', scope: 'main', target: true }],
      predicates: [
        pred(o('tenant_id'), 'eq', '=', param(1)),
        pred(o('id'), 'eq', '=', param(2)),
        pred(o('status'), 'eq', '=', constant('paid'), { constantValue: 'paid' }),
      ],
      joins: [],
      ctes: [],
      ...EMPTY_SELECT_PARTS,
      writesTable: 'order',
      setColumns: ['status', 'shipped_at'],
      returning: [o('id')],
    });
  });

  it('UPDATE ... FROM joins the target to the other table', () => {
    const shape = shapeOf('update stock s set qty = s.qty - l.quantity from order_line l where l.product_id = s.product_id and l.order_id = $1');
    assert.deepStrictEqual(shape.joins, [
      { left: col('s', 'stock', 'product_id'), right: col('l', 'order_line', 'product_id'), type: 'inner', clause: 'where' },
    ]);
    assert.equal(shape.kind === 'update' && shape.writesTable, 'stock');
  });

  it('DELETE ... WHERE with a range against now() - interval', () => {
    const c = (column: string) => col('cart_item', 'cart_item', column);
    assert.deepStrictEqual(shapeOf("delete from cart_item where tenant_id = $1 and added_at < now() - interval '7 days'"), {
      kind: 'delete',
      tables: [{ table: 'cart_item', alias: 'cart_item', scope: 'main', target: true }],
      predicates: [
        pred(c('tenant_id'), 'eq', '=', param(1)),
        pred(c('added_at'), 'range', '<', { kind: 'expression', text: "now() - interval '7 days'", params: [] }),
      ],
      joins: [],
      ctes: [],
      ...EMPTY_SELECT_PARTS,
      writesTable: 'cart_item',
      returning: [],
    });
  });

  it('INSERT ... SELECT: the SELECT is the main block; ON CONFLICT target is reported', () => {
    const shape = shapeOf(
      'insert into order_archive (tenant_id, id, total) select tenant_id, id, total from "order" where tenant_id = $1 and placed_at < $2 order by placed_at limit $3 on conflict (tenant_id, id) do update set total = excluded.total',
    );
    const o = (column: string) => col('order', 'order', column);
    assert.deepStrictEqual(shape, {
      kind: 'insert',
      tables: [
        { table: 'order_archive', alias: 'order_archive', scope: 'main', target: true },
        { table: 'order', alias: 'order', scope: 'main' },
      ],
      predicates: [pred(o('tenant_id'), 'eq', '=', param(1)), pred(o('placed_at'), 'range', '<', param(2))],
      joins: [],
      ctes: [],
      orderBy: [{ ...o('placed_at'), direction: 'asc' }],
      limit: 'param',
      groupBy: [],
      aggregates: [],
      projected: [o('tenant_id'), o('id'), o('total')],
      writesTable: 'order_archive',
      setColumns: ['tenant_id', 'id', 'total'],
      source: 'select',
      onConflict: { action: 'update', columns: ['tenant_id', 'id'], setColumns: ['total'] },
      returning: [],
    });
  });

  it('INSERT ... DEFAULT VALUES and ON CONFLICT over an expression', () => {
    const plain = shapeOf('insert into audit default values');
    assert.equal(plain.kind === 'insert' && plain.source, 'default-values');
    const upsert = shapeOf('insert into customer (tenant_id, email) values ($1, $2) on conflict (tenant_id, lower(email)) do nothing');
    assert.deepStrictEqual(upsert.kind === 'insert' && upsert.onConflict, {
      action: 'nothing',
      columns: ['tenant_id', 'lower(email)'],
      setColumns: [],
    });
  });
});

describe('extractQueryShape: ordering, grouping, limits', () => {
  it('ORDER BY ordinal with DESC NULLS LAST, then a column; LIMIT/OFFSET params', () => {
    const shape = shapeOf('select placed_at, total from "order" where tenant_id = $1 order by 2 desc nulls last, 1 limit $2 offset $3');
    const o = (column: string) => col('order', 'order', column);
    assert.deepStrictEqual(shape.orderBy, [
      { ...o('total'), direction: 'desc', nulls: 'last' },
      { ...o('placed_at'), direction: 'asc' },
    ]);
    assert.equal(shape.limit, 'param');
    assert.equal(shape.offset, 'param');
  });

  it('ORDER BY an output alias, NULLS FIRST, and an ordinal into * that cannot be resolved', () => {
    const shape = shapeOf('select *, lower(email) as e from customer order by e nulls first, 1 desc');
    assert.deepStrictEqual(shape.orderBy, [
      { ...col('customer', 'customer', 'email'), expression: 'lower(email)', direction: 'asc', nulls: 'first' },
      { ordinal: 1, direction: 'desc' },
    ]);
  });

  it('GROUP BY an output alias and an expression; count(DISTINCT); LIMIT 0', () => {
    const shape = shapeOf('select date_trunc(\'month\', o.placed_at) as m, count(distinct o.customer_id) from "order" o group by m, o.currency limit 0');
    assert.deepStrictEqual(shape.groupBy, [{ ...col('o', 'order', 'placed_at'), expression: "date_trunc('month', placed_at)" }, col('o', 'order', 'currency')]);
    assert.deepStrictEqual(shape.aggregates, [{ fn: 'count', column: col('o', 'order', 'customer_id'), distinct: true }]);
    assert.equal(shape.limit, 0);
  });

  it('aggregates over expressions of several columns list them as refs', () => {
    const shape = shapeOf('select l.order_id, sum(l.quantity * l.unit_price) from order_line l group by l.order_id having count(*) > 1');
    assert.deepStrictEqual(shape.aggregates, [
      {
        fn: 'sum',
        column: {
          expression: 'l.quantity * l.unit_price',
          refs: [col('l', 'order_line', 'quantity'), col('l', 'order_line', 'unit_price')],
        },
      },
      { fn: 'count', star: true },
    ]);
  });

  it('UNION: both arms are read, ORDER BY refers to output columns', () => {
    const shape = shapeOf('select id from t1 where a = $1 union all select id from t2 order by id limit 5');
    assert.deepStrictEqual(
      shape.tables.map((t) => t.table),
      ['t1', 't2'],
    );
    assert.deepStrictEqual(
      shape.predicates.map((p) => `${p.alias}.${p.column}`),
      ['t1.a'],
    );
    assert.deepStrictEqual(shape.orderBy, [{ column: 'id', direction: 'asc' }]);
    assert.equal(shape.limit, 5);
  });
});

describe('extractQueryShape: identifiers, constants, operators', () => {
  it('keyword-named table "group" with column "from"', () => {
    const shape = shapeOf('select "from", count(*) from "group" g where g."from" = $1 or "from" is null group by 1');
    const g = (column: string) => col('g', 'group', column);
    assert.deepStrictEqual(shape.tables, [{ table: 'group', alias: 'g', scope: 'main' }]);
    assert.deepStrictEqual(shape.predicates, [
      pred(g('from'), 'eq', '=', param(1), { inOr: true }),
      pred(g('from'), 'is-null', 'IS NULL', { kind: 'none' }, { inOr: true }),
    ]);
    assert.deepStrictEqual(shape.groupBy, [g('from')]);
    assert.deepStrictEqual(shape.projected, [g('from'), { expression: 'count(*)' }]);
  });

  it('quotes keyword and mixed-case identifiers when printing expressions', () => {
    const shape = shapeOf('select lower(g."from") as f, upper("Name") from "group" g');
    assert.deepStrictEqual(shape.projected, [
      { ...col('g', 'group', 'from'), expression: 'lower("from")', name: 'f' },
      { ...col('g', 'group', 'Name'), expression: 'upper("Name")' },
    ]);
  });

  it('constants: strings, integers, zero, negatives, decimals, booleans, NULL, casts, too-large integers', () => {
    const shape = shapeOf(
      "select 1 from t where a = 'x' and b = 0 and c = -7 and d = 2.50 and e = false and f is not distinct from null and g = 'paid'::order_status and h = 9007199254740993",
    );
    assert.deepStrictEqual(
      shape.predicates.map((p) => [p.column, p.op, p.value]),
      [
        ['a', 'eq', constant('x')],
        ['b', 'eq', constant(0)],
        ['c', 'eq', constant(-7)],
        ['d', 'eq', constant(2.5)],
        ['e', 'eq', constant(false)],
        ['f', 'eq', constant(null)],
        ['g', 'eq', { kind: 'constant', value: 'paid', cast: 'order_status' }],
        ['h', 'eq', { kind: 'expression', text: '9007199254740993', params: [] }],
      ],
    );
    assert.deepStrictEqual(
      shape.predicates.map((p) => p.constantValue),
      ['x', 0, -7, 2.5, false, null, 'paid', undefined],
    );
  });

  it('value on the left flips the operator; BETWEEN, LIKE, ILIKE, IS NOT NULL, <>', () => {
    const shape = shapeOf("select 1 from t where $1 < a and b between $2 and $3 and c like 'ab%' and d not ilike $4 and e is not null and f <> 3");
    assert.deepStrictEqual(shape.predicates, [
      pred(col('t', 't', 'a'), 'range', '>', param(1)),
      pred(col('t', 't', 'b'), 'range', 'BETWEEN', { kind: 'between', low: param(2), high: param(3) }),
      pred(col('t', 't', 'c'), 'like', 'LIKE', constant('ab%'), { constantValue: 'ab%' }),
      pred(col('t', 't', 'd'), 'like', 'NOT ILIKE', param(4), { negated: true }),
      pred(col('t', 't', 'e'), 'is-not-null', 'IS NOT NULL', { kind: 'none' }),
      pred(col('t', 't', 'f'), 'neq', '<>', constant(3), { constantValue: 3 }),
    ]);
  });

  it('functions over a column: expression printed without qualifier, params collected', () => {
    const shape = shapeOf('select 1 from customer c where lower(c.email) = lower($1) and c.created_at::date = $2');
    assert.deepStrictEqual(shape.predicates, [
      pred(col('c', 'customer', 'email'), 'eq', '=', { kind: 'expression', text: 'lower($1)', params: [1] }, { expression: 'lower(email)' }),
      pred(col('c', 'customer', 'created_at'), 'eq', '=', param(2), { expression: 'created_at::date' }),
    ]);
  });

  it('NOT over OR applies De Morgan: the disjuncts become a negated conjunction', () => {
    const shape = shapeOf('select 1 from t where not (a = 1 or b = 2) and (c = 3 or not (d = 4 and e = 5)) and not f');
    assert.deepStrictEqual(
      shape.predicates.map((p) => [p.column, p.negated ?? false, p.inOr ?? false, p.value]),
      [
        ['a', true, false, constant(1)],
        ['b', true, false, constant(2)],
        ['c', false, true, constant(3)],
        ['d', true, true, constant(4)],
        ['e', true, true, constant(5)],
        ['f', false, false, constant(false)], // `not f` on a boolean column is f = false
      ],
    );
  });
});

describe('extractQueryShape: joins and column resolution', () => {
  it('LEFT JOIN and USING; a WHERE equality between tables is an inner edge', () => {
    const shape = shapeOf('select 1 from a left join b using (k) join c on c.id = b.c_id, d where d.a_id = a.id and b.flag = true');
    assert.deepStrictEqual(shape.joins, [
      { left: col('a', 'a', 'k'), right: col('b', 'b', 'k'), type: 'left', clause: 'using' },
      { left: col('b', 'b', 'c_id'), right: col('c', 'c', 'id'), type: 'inner', clause: 'on' },
      { left: col('a', 'a', 'id'), right: col('d', 'd', 'a_id'), type: 'inner', clause: 'where' },
    ]);
    assert.deepStrictEqual(shape.predicates, [pred(col('b', 'b', 'flag'), 'eq', '=', constant(true), { constantValue: true })]);
  });

  it('ON-clause filters and OR-ed join conditions are marked', () => {
    const shape = shapeOf("select 1 from a right join b on b.a_id = a.id and b.kind = 'x' full join c on (c.x = a.x or c.y = a.y)");
    assert.deepStrictEqual(shape.joins, [
      { left: col('a', 'a', 'id'), right: col('b', 'b', 'a_id'), type: 'right', clause: 'on' },
      { left: col('a', 'a', 'x'), right: col('c', 'c', 'x'), type: 'full', clause: 'on', inOr: true },
      { left: col('a', 'a', 'y'), right: col('c', 'c', 'y'), type: 'full', clause: 'on', inOr: true },
    ]);
    assert.deepStrictEqual(shape.predicates, [pred(col('b', 'b', 'kind'), 'eq', '=', constant('x'), { constantValue: 'x', clause: 'on' })]);
  });

  it('LATERAL subquery correlation is a correlated edge', () => {
    const shape = shapeOf('select a.id, x.m from a cross join lateral (select max(c.v) as m from c where c.a_id = a.id) x');
    assert.deepStrictEqual(shape.joins, [{ left: col('a', 'a', 'id'), right: col('c', 'c', 'a_id'), type: 'correlated', clause: 'where' }]);
    assert.deepStrictEqual(shape.projected, [col('a', 'a', 'id'), { alias: 'x', column: 'm' }]);
  });

  it('unqualified columns with several tables stay unattributed without a resolver', () => {
    const shape = shapeOf('select total from "order" o join customer c on c.id = o.customer_id where email = $1');
    assert.deepStrictEqual(shape.predicates, [pred({ column: 'email' }, 'eq', '=', param(1))]);
    assert.deepStrictEqual(shape.projected, [{ column: 'total' }]);
  });

  it('a resolver attributes unqualified columns, also to outer queries', () => {
    const schema: Record<string, readonly string[]> = {
      order: ['id', 'customer_id', 'total', 'tenant_id'],
      customer: ['id', 'email', 'tenant_id'],
      shipment: ['order_id'],
    };
    const resolver: ColumnResolver = (table) => schema[table];
    const shape = shapeOf(
      'select total from "order" o join customer c on c.id = o.customer_id where email = $1 and not exists (select 1 from shipment where order_id = o.id and total > 10)',
      resolver,
    );
    assert.deepStrictEqual(shape.predicates, [
      pred(col('c', 'customer', 'email'), 'eq', '=', param(1)),
      // total is not a shipment column: it belongs to the outer "order".
      pred(col('o', 'order', 'total'), 'range', '>', constant(10), { constantValue: 10, scope: 'not-exists' }),
    ]);
    assert.deepStrictEqual(shape.joins.at(-1), {
      left: col('o', 'order', 'id'),
      right: col('shipment', 'shipment', 'order_id'),
      type: 'anti',
      clause: 'where',
    });
    assert.deepStrictEqual(shape.projected, [col('o', 'order', 'total')]);
    // Ambiguous when two tables have the column.
    assert.deepStrictEqual(shapeOf('select 1 from "order" o, customer c where tenant_id = $1', resolver).predicates, [
      pred({ column: 'tenant_id' }, 'eq', '=', param(1)),
    ]);
  });
});

describe('extractQueryShape: other statements', () => {
  it('non-DML statements yield an empty shape of kind other', () => {
    assert.deepStrictEqual(shapeOf('create index on t (a)'), {
      kind: 'other',
      statement: 'IndexStmt',
      tables: [],
      predicates: [],
      joins: [],
      ctes: [],
      ...EMPTY_SELECT_PARTS,
    });
  });

  it('EXPLAIN is looked through', () => {
    assert.equal(shapeOf('explain select 1 from t where a = 1').predicates.length, 1);
  });
});

describe('printExpr', () => {
  const exprOf = (sql: string): string => {
    const stmt = parse(`select ${sql}`);
    const val = 'SelectStmt' in stmt ? stmt.SelectStmt.targetList?.[0] : undefined;
    return printExpr(val && 'ResTarget' in val ? val.ResTarget.val : undefined);
  };

  it('prints the node kinds it knows', () => {
    assert.equal(exprOf("date_trunc('day', o.placed_at)"), "date_trunc('day', o.placed_at)");
    assert.equal(exprOf("now() - interval '30 days'"), "now() - interval '30 days'");
    assert.equal(exprOf("'it''s'::text"), "'it''s'::text");
    assert.equal(exprOf('(a + b) * -c'), '(a + b) * (-c)');
    assert.equal(exprOf('count(distinct x) filter (where y > 0)'), 'count(DISTINCT x) FILTER (WHERE y > 0)');
    assert.equal(exprOf('coalesce(a, 0) between 1 and 2'), 'COALESCE(a, 0) BETWEEN 1 AND 2');
    assert.equal(exprOf('x in (1, 2) and y is not null'), '(x IN (1, 2)) AND y IS NOT NULL');
    assert.equal(exprOf('current_date'), 'CURRENT_DATE');
    assert.equal(exprOf('"order"."from"'), '"order"."from"');
    assert.equal(exprOf('case when a then 1 else 2 end'), 'CASE WHEN a THEN 1 ELSE 2 END');
    assert.equal(exprOf('x = any($1::int[])'), 'x = ANY ($1::int4[])');
  });

  it('marks kinds it does not know instead of guessing', () => {
    assert.equal(exprOf('xmlelement(name foo)'), '<XmlExpr>');
  });
});

describe('extractQueryShape: property', () => {
  // A small grammar of WHERE clauses over tables a (alias a) and b, with subqueries on c.
  const column = fc.constantFrom('a.x', 'b.y', 'x', '"from"', 'lower(a.x)', 'a.x::text', 'coalesce(b.y, a.x)', 'a.flag');
  const scalar = fc.constantFrom('$1', '$2', "'paid'", '42', '-1', '2.5', 'true', 'null', "now() - interval '1 day'", 'b.y', 'a.x', '9007199254740993');
  const value = fc.oneof(scalar, fc.constant('(select max(c.z) from c where c.w = a.x)'));
  const comparison = fc.constantFrom('=', '<>', '!=', '<', '<=', '>', '>=', '@>', '&&', '~');
  type Clause = { clause: string; atom: string };
  const { clause } = fc.letrec<Clause>((tie) => ({
    atom: fc.oneof(
      fc.tuple(column, comparison, value).map(([c, o, v]) => `${c} ${o} ${v}`),
      fc.tuple(value, comparison, column).map(([v, o, c]) => `${v} ${o} ${c}`),
      column.map((c) => `${c} is null`),
      column.map((c) => `${c} is not null`),
      column.map((c) => `${c} is not true`),
      column,
      fc.tuple(column, fc.boolean(), fc.array(scalar, { minLength: 1, maxLength: 3 })).map(([c, not, vs]) => `${c} ${not ? 'not ' : ''}in (${vs.join(', ')})`),
      fc.tuple(column, scalar, scalar).map(([c, lo, hi]) => `${c} between ${lo} and ${hi}`),
      fc.tuple(column, fc.constantFrom('like', 'not like', 'ilike', 'similar to')).map(([c, o]) => `${c} ${o} 'a%'`),
      fc.tuple(column, fc.constantFrom('= any', '<> all', '> any')).map(([c, o]) => `${c} ${o}($1)`),
      column.map((c) => `$1 = any(${c})`),
      column.map((c) => `${c} is distinct from $1`),
      fc.tuple(fc.boolean(), tie('clause')).map(([not, inner]) => `${not ? 'not ' : ''}exists (select 1 from c where c.w = a.x and (${inner}))`),
      fc.tuple(column, fc.boolean(), tie('clause')).map(([c, not, inner]) => `${c} ${not ? 'not ' : ''}in (select c.z from c where ${inner})`),
    ),
    clause: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      tie('atom'),
      fc.tuple(tie('clause'), tie('clause')).map(([l, r]) => `(${l}) and (${r})`),
      fc.tuple(tie('clause'), tie('clause')).map(([l, r]) => `(${l}) or (${r})`),
      tie('clause').map((c) => `not (${c})`),
    ),
  }));
  const statement = fc
    .tuple(
      fc.constantFrom(
        (w: string) => `select a.x, count(*) from a join b on b.a_id = a.id where ${w} group by 1 order by 2 desc limit $9`,
        (w: string) => `select * from a, b where ${w}`,
        (w: string) => `update a set x = 1 from b where ${w}`,
        (w: string) => `delete from a using b where ${w}`,
        (w: string) => `with w as (select * from a join b on true where ${w}) select * from w where x = 1`,
        (w: string) => `select 1 from a left join b on ${w}`,
      ),
      clause,
    )
    .map(([template, where]) => template(where));

  const resolver: ColumnResolver = (table) => ({ a: ['id', 'x', 'flag'], b: ['a_id', 'y'], c: ['w', 'z'] })[table];

  it('never throws, and is deterministic and JSON-clean, for random WHERE clauses', () => {
    fc.assert(
      fc.property(statement, fc.boolean(), (sql, withResolver) => {
        const stmt = parse(sql);
        const first = extractQueryShape(stmt, withResolver ? resolver : undefined);
        const second = extractQueryShape(stmt, withResolver ? resolver : undefined);
        assert.deepStrictEqual(second, first);
        assert.deepStrictEqual(JSON.parse(JSON.stringify(first)), first);
        for (const p of first.predicates) assert.ok(p.column.length > 0, `empty column in ${sql}`);
      }),
      { numRuns: 400 },
    );
  });
});
