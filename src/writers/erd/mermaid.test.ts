import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Schema, Table } from '../../model/schema.js';
import { column, table as baseTable } from '../../model/test-tables.test-helper.js';
import { renderMermaidErd } from './mermaid.js';

const table = (name: string, extra: Partial<Table>): Table => baseTable(name, [column('id', { kind: 'int64' })], extra);

describe('Mermaid ERD', () => {
  it('draws cardinality from nullability and uniqueness', () => {
    const fk = (column: string) => ({
      name: `${column}_fkey`,
      columns: [column],
      refTable: 'customer',
      refColumns: ['id'],
      onDelete: 'restrict' as const,
      deferrable: false,
    });
    const schema: Schema = {
      enums: [],
      tables: [
        table('customer', {
          columns: [
            { name: 'id', type: { kind: 'int64' }, nullable: false, pii: false, origin: 't' },
            { name: 'email', type: { kind: 'string', length: 254 }, nullable: false, pii: true, origin: 't' },
          ],
        }),
        table('order', {
          columns: [
            { name: 'id', type: { kind: 'int64' }, nullable: false, pii: false, origin: 't' },
            { name: 'customer_id', type: { kind: 'int64' }, nullable: false, pii: false, origin: 't' },
          ],
          foreignKeys: [fk('customer_id')],
        }),
        table('note', {
          columns: [
            { name: 'id', type: { kind: 'int64' }, nullable: false, pii: false, origin: 't' },
            { name: 'customer_id', type: { kind: 'int64' }, nullable: true, pii: false, origin: 't' },
          ],
          foreignKeys: [fk('customer_id')],
        }),
        table('profile', {
          columns: [
            { name: 'id', type: { kind: 'int64' }, nullable: false, pii: false, origin: 't' },
            { name: 'customer_id', type: { kind: 'int64' }, nullable: false, pii: false, origin: 't' },
          ],
          foreignKeys: [fk('customer_id')],
          uniques: [{ name: 'u', columns: ['customer_id'] }],
        }),
      ],
    };
    const erd = renderMermaidErd(schema);
    assert.match(erd, /^erDiagram\n {2}customer \{\n {4}int64 id PK\n {4}string_254 email "PII"\n {2}\}/);
    assert.match(erd, /customer \|\|--o\{ order : "customer_id"/, 'required reference: exactly one parent, many children');
    assert.match(erd, /customer \|o--o\{ note : "customer_id"/, 'optional reference: zero or one parent');
    assert.match(erd, /customer \|\|--o\| profile : "customer_id"/, 'unique reference: at most one child');
    assert.match(erd, /int64 customer_id FK, UK/);
  });
});
