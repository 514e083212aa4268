import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactSecrets, redactUrl } from '../src/engines/redact.js';

describe('secret redaction', () => {
  it('masks the password of a URL and keeps the rest', () => {
    assert.equal(redactUrl('postgres://app:hunter2@db.internal:5432/shop'), 'postgres://app:***@db.internal:5432/shop');
    assert.equal(redactUrl('postgres://db.internal/shop'), 'postgres://db.internal/shop');
  });

  it('removes the password from any message, raw or encoded', () => {
    const url = 'postgres://app:p%40ss@localhost/db';
    assert.equal(
      redactSecrets('failed for postgres://app:p%40ss@localhost/db: password p@ss rejected', url),
      'failed for postgres://app:***@localhost/db: password *** rejected',
    );
  });
});
