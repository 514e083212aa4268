import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRule } from '../../diagnostics/rule.js';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import type { ForeignKey } from '../../model/schema.js';
import { nullableRequiredFk } from './nullable-required-fk.js';
import { auditContextOf, column, schemaOf, table } from './support/audit-context.test-helper.js';

const int = { kind: 'int64' } as const;
const fk = (name: string, col: string, refTable: string, onDelete: ForeignKey['onDelete']): ForeignKey => ({
  name,
  columns: [col],
  refTable,
  refColumns: ['id'],
  onDelete,
  deferrable: false,
});
const shop = (nullable: boolean, lineOnDelete: ForeignKey['onDelete'] = 'restrict') =>
  schemaOf(
    table('order', [column('id', int)]),
    table('coupon', [column('id', int)]),
    table('order_line', [column('id', int), column('order_id', int, { nullable }), column('coupon_id', int, { nullable: true })], {
      foreignKeys: [fk('order_line_order_fk', 'order_id', 'order', lineOnDelete), fk('order_line_coupon_fk', 'coupon_id', 'coupon', 'restrict')],
    }),
    // A tree within a tenant: the parent is optional, though the key starts with the tenant.
    table('category', [column('id', int), column('tenant_id', int), column('parent_id', int, { nullable: true })], {
      foreignKeys: [{ ...fk('category_parent_fk', 'parent_id', 'category', 'restrict'), columns: ['tenant_id', 'parent_id'], refColumns: ['tenant_id', 'id'] }],
    }),
    table('note', [column('id', int), column('tenant_id', int, { nullable }), column('order_id', int, { nullable: true })], {
      foreignKeys: [fk('note_tenant_fk', 'tenant_id', 'tenant', 'restrict'), fk('note_order_fk', 'order_id', 'order', 'set-null')],
    }),
  );

describe('audit/nullable-required-fk', () => {
  it('passes: required references NOT NULL; optional ones (a coupon, ON DELETE SET NULL, a parent in a tenant-scoped tree) nullable', () => {
    assert.deepEqual(runRule(nullableRequiredFk, auditContextOf(shop(false))), []);
  });

  it('fails: a part of its parent, a cascade, and a tenant column, nullable', () => {
    assert.equal(
      renderDiagnosticsText(runRule(nullableRequiredFk, auditContextOf(shop(true)))),
      [
        'warning audit/nullable-required-fk: foreign key `order_line_order_fk` of `order_line` → `order` allows NULL in `order_id`, yet `order_line` reads as a part of `order`',
        '  fix: make it NOT NULL once no row has a NULL there. SQL: ALTER TABLE "order_line" ALTER COLUMN "order_id" SET NOT NULL;',
        'warning audit/nullable-required-fk: foreign key `note_tenant_fk` of `note` → `tenant` allows NULL in `tenant_id`, yet every row belongs to a tenant',
        '  fix: make it NOT NULL once no row has a NULL there. SQL: ALTER TABLE "note" ALTER COLUMN "tenant_id" SET NOT NULL;',
      ].join('\n'),
    );
    assert.match(
      renderDiagnosticsText(runRule(nullableRequiredFk, auditContextOf(shop(true, 'cascade')))),
      /`order_line_order_fk` .* yet its rows are deleted with their `order` \(ON DELETE CASCADE\), so they belong to one/,
    );
  });
});
