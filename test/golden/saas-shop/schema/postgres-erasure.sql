-- Erase one customer: $1 = tenant_id, $2 = id.
-- Rows are kept (references and legal retention need them); personal columns are overwritten.
-- Run as a role that bypasses row-level security, or set the tenant ($1) first: SET LOCAL app.tenant_id = '<tenant>'.
BEGIN;
UPDATE customer SET email = 'erased-' || id::text || '@erased.invalid', full_name = NULL, phone = NULL WHERE tenant_id = $1 AND id = $2;
UPDATE payment SET card_last4 = NULL FROM "order" h1 WHERE payment.tenant_id = h1.tenant_id AND payment.order_id = h1.id AND h1.tenant_id = $1 AND h1.customer_id = $2;
UPDATE customer_history SET email = 'erased-' || id::text || '@erased.invalid', full_name = NULL, phone = NULL WHERE tenant_id = $1 AND id = $2;
UPDATE payment_history SET card_last4 = NULL FROM "order" h1 WHERE payment_history.tenant_id = h1.tenant_id AND payment_history.order_id = h1.id AND h1.tenant_id = $1 AND h1.customer_id = $2;
COMMIT;
