-- SQL Server 2019+ (T-SQL), schema dbo. Run with sqlcmd -b, so that a failing batch stops the script.
SET XACT_ABORT ON;
BEGIN TRANSACTION;

CREATE TABLE [tenant] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [name] nvarchar(120) NOT NULL,
  [slug] nvarchar(60) NOT NULL,
  [plan] nvarchar(10) NOT NULL,
  [billing_email] nvarchar(254) NOT NULL,
  [created_at] datetimeoffset NOT NULL CONSTRAINT [tenant_created_at_default] DEFAULT SYSDATETIMEOFFSET(),
  [updated_at] datetimeoffset NOT NULL CONSTRAINT [tenant_updated_at_default] DEFAULT SYSDATETIMEOFFSET(),
  CONSTRAINT [tenant_pkey] PRIMARY KEY ([id]),
  CONSTRAINT [tenant_slug_key] UNIQUE ([slug]),
  CONSTRAINT [tenant_billing_email_format_check] CHECK ([billing_email] LIKE N'%_@_%._%' AND [billing_email] NOT LIKE N'%@%@%' AND [billing_email] NOT LIKE N'%[' + NCHAR(32) + NCHAR(9) + NCHAR(10) + NCHAR(11) + NCHAR(12) + NCHAR(13) + N']%'),
  CONSTRAINT [tenant_plan_in_check] CHECK ([plan] IN (N'free', N'pro', N'enterprise'))
);

CREATE TABLE [customer] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [tenant_id] bigint NOT NULL,
  [email] nvarchar(254) NOT NULL,
  [full_name] nvarchar(200) NULL,
  [phone] nvarchar(16) NULL,
  [marketing_opt_in] bit NOT NULL CONSTRAINT [customer_marketing_opt_in_default] DEFAULT 0,
  [created_at] datetimeoffset NOT NULL CONSTRAINT [customer_created_at_default] DEFAULT SYSDATETIMEOFFSET(),
  [updated_at] datetimeoffset NOT NULL CONSTRAINT [customer_updated_at_default] DEFAULT SYSDATETIMEOFFSET(),
  CONSTRAINT [customer_pkey] PRIMARY KEY ([tenant_id], [id]),
  CONSTRAINT [customer_tenant_id_email_key] UNIQUE ([tenant_id], [email]),
  CONSTRAINT [customer_tenant_id_fkey] FOREIGN KEY ([tenant_id]) REFERENCES [tenant] ([id]),
  CONSTRAINT [customer_email_format_check] CHECK ([email] LIKE N'%_@_%._%' AND [email] NOT LIKE N'%@%@%' AND [email] NOT LIKE N'%[' + NCHAR(32) + NCHAR(9) + NCHAR(10) + NCHAR(11) + NCHAR(12) + NCHAR(13) + N']%'),
  CONSTRAINT [customer_phone_format_check] CHECK ([phone] LIKE N'+[1-9]%' AND LEN([phone]) BETWEEN 8 AND 16 AND SUBSTRING([phone], 2, 15) NOT LIKE N'%[^0-9]%')
);

CREATE TABLE [product] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [tenant_id] bigint NOT NULL,
  [sku] nvarchar(64) NOT NULL,
  [title] nvarchar(300) NOT NULL,
  [description] nvarchar(max) NULL,
  [price] decimal(19,4) NOT NULL,
  [currency] nvarchar(3) NOT NULL CONSTRAINT [product_currency_default] DEFAULT N'USD',
  [attributes] nvarchar(max) NULL,
  [status] nvarchar(8) NOT NULL CONSTRAINT [product_status_default] DEFAULT N'draft',
  [created_at] datetimeoffset NOT NULL CONSTRAINT [product_created_at_default] DEFAULT SYSDATETIMEOFFSET(),
  [updated_at] datetimeoffset NOT NULL CONSTRAINT [product_updated_at_default] DEFAULT SYSDATETIMEOFFSET(),
  CONSTRAINT [product_pkey] PRIMARY KEY ([tenant_id], [id]),
  CONSTRAINT [product_tenant_id_sku_key] UNIQUE ([tenant_id], [sku]),
  CONSTRAINT [product_tenant_id_fkey] FOREIGN KEY ([tenant_id]) REFERENCES [tenant] ([id]),
  CONSTRAINT [product_attributes_json_check] CHECK (ISJSON([attributes]) = 1),
  CONSTRAINT [product_status_in_check] CHECK ([status] IN (N'draft', N'active', N'archived'))
);

CREATE TABLE [category] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [tenant_id] bigint NOT NULL,
  [name] nvarchar(120) NOT NULL,
  [parent_id] bigint NULL,
  [created_at] datetimeoffset NOT NULL CONSTRAINT [category_created_at_default] DEFAULT SYSDATETIMEOFFSET(),
  [updated_at] datetimeoffset NOT NULL CONSTRAINT [category_updated_at_default] DEFAULT SYSDATETIMEOFFSET(),
  CONSTRAINT [category_pkey] PRIMARY KEY ([tenant_id], [id]),
  CONSTRAINT [category_tenant_id_fkey] FOREIGN KEY ([tenant_id]) REFERENCES [tenant] ([id]),
  CONSTRAINT [category_parent_id_fkey] FOREIGN KEY ([tenant_id], [parent_id]) REFERENCES [category] ([tenant_id], [id])
);

CREATE TABLE [product_category] (
  [tenant_id] bigint NOT NULL,
  [product_id] bigint NOT NULL,
  [category_id] bigint NOT NULL,
  [created_at] datetimeoffset NOT NULL CONSTRAINT [product_category_created_at_default] DEFAULT SYSDATETIMEOFFSET(),
  [updated_at] datetimeoffset NOT NULL CONSTRAINT [product_category_updated_at_default] DEFAULT SYSDATETIMEOFFSET(),
  CONSTRAINT [product_category_pkey] PRIMARY KEY ([tenant_id], [product_id], [category_id]),
  CONSTRAINT [product_category_tenant_id_fkey] FOREIGN KEY ([tenant_id]) REFERENCES [tenant] ([id]),
  CONSTRAINT [product_category_product_id_fkey] FOREIGN KEY ([tenant_id], [product_id]) REFERENCES [product] ([tenant_id], [id]) ON DELETE CASCADE,
  CONSTRAINT [product_category_category_id_fkey] FOREIGN KEY ([tenant_id], [category_id]) REFERENCES [category] ([tenant_id], [id]) ON DELETE CASCADE
);

CREATE TABLE [order] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [tenant_id] bigint NOT NULL,
  [customer_id] bigint NOT NULL,
  [status] nvarchar(9) NOT NULL,
  [total] decimal(19,4) NOT NULL,
  [currency] nvarchar(3) NOT NULL,
  [placed_at] datetimeoffset NOT NULL,
  [shipping_address] nvarchar(max) NULL,
  [created_at] datetimeoffset NOT NULL CONSTRAINT [order_created_at_default] DEFAULT SYSDATETIMEOFFSET(),
  [updated_at] datetimeoffset NOT NULL CONSTRAINT [order_updated_at_default] DEFAULT SYSDATETIMEOFFSET(),
  [idempotency_key] uniqueidentifier NULL,
  CONSTRAINT [order_pkey] PRIMARY KEY ([tenant_id], [id]),
  CONSTRAINT [order_tenant_id_fkey] FOREIGN KEY ([tenant_id]) REFERENCES [tenant] ([id]),
  CONSTRAINT [order_customer_id_fkey] FOREIGN KEY ([tenant_id], [customer_id]) REFERENCES [customer] ([tenant_id], [id]),
  CONSTRAINT [order_status_in_check] CHECK ([status] IN (N'pending', N'paid', N'shipped', N'delivered', N'cancelled', N'refunded')),
  CONSTRAINT [order_shipping_address_json_check] CHECK (ISJSON([shipping_address]) = 1)
);

CREATE TABLE [order_line] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [tenant_id] bigint NOT NULL,
  [order_id] bigint NOT NULL,
  [product_id] bigint NOT NULL,
  [quantity] int NOT NULL,
  [unit_price] decimal(19,4) NOT NULL,
  [created_at] datetimeoffset NOT NULL CONSTRAINT [order_line_created_at_default] DEFAULT SYSDATETIMEOFFSET(),
  [updated_at] datetimeoffset NOT NULL CONSTRAINT [order_line_updated_at_default] DEFAULT SYSDATETIMEOFFSET(),
  CONSTRAINT [order_line_pkey] PRIMARY KEY ([tenant_id], [id]),
  CONSTRAINT [order_line_tenant_id_fkey] FOREIGN KEY ([tenant_id]) REFERENCES [tenant] ([id]),
  CONSTRAINT [order_line_order_id_fkey] FOREIGN KEY ([tenant_id], [order_id]) REFERENCES [order] ([tenant_id], [id]) ON DELETE CASCADE,
  CONSTRAINT [order_line_product_id_fkey] FOREIGN KEY ([tenant_id], [product_id]) REFERENCES [product] ([tenant_id], [id]),
  CONSTRAINT [order_line_quantity_check] CHECK ([quantity] >= 1)
);

CREATE TABLE [payment] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [tenant_id] bigint NOT NULL,
  [order_id] bigint NOT NULL,
  [provider] nvarchar(6) NOT NULL,
  [provider_ref] nvarchar(100) NOT NULL,
  [amount] decimal(19,4) NOT NULL,
  [status] nvarchar(10) NOT NULL,
  [card_last4] nvarchar(4) NULL,
  [created_at] datetimeoffset NOT NULL CONSTRAINT [payment_created_at_default] DEFAULT SYSDATETIMEOFFSET(),
  [updated_at] datetimeoffset NOT NULL CONSTRAINT [payment_updated_at_default] DEFAULT SYSDATETIMEOFFSET(),
  CONSTRAINT [payment_pkey] PRIMARY KEY ([tenant_id], [id]),
  CONSTRAINT [payment_provider_provider_ref_key] UNIQUE ([provider], [provider_ref]),
  CONSTRAINT [payment_tenant_id_fkey] FOREIGN KEY ([tenant_id]) REFERENCES [tenant] ([id]),
  CONSTRAINT [payment_order_id_fkey] FOREIGN KEY ([tenant_id], [order_id]) REFERENCES [order] ([tenant_id], [id]),
  CONSTRAINT [payment_provider_in_check] CHECK ([provider] IN (N'stripe', N'adyen', N'paypal')),
  CONSTRAINT [payment_status_in_check] CHECK ([status] IN (N'authorized', N'captured', N'failed', N'refunded'))
);

CREATE TABLE [inventory_event] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [tenant_id] bigint NOT NULL,
  [product_id] bigint NOT NULL,
  [delta] int NOT NULL,
  [reason] nvarchar(10) NOT NULL,
  [occurred_at] datetimeoffset NOT NULL,
  [created_at] datetimeoffset NOT NULL CONSTRAINT [inventory_event_created_at_default] DEFAULT SYSDATETIMEOFFSET(),
  CONSTRAINT [inventory_event_pkey] PRIMARY KEY ([tenant_id], [id], [occurred_at]),
  CONSTRAINT [inventory_event_tenant_id_fkey] FOREIGN KEY ([tenant_id]) REFERENCES [tenant] ([id]),
  CONSTRAINT [inventory_event_product_id_fkey] FOREIGN KEY ([tenant_id], [product_id]) REFERENCES [product] ([tenant_id], [id]),
  CONSTRAINT [inventory_event_reason_in_check] CHECK ([reason] IN (N'sale', N'restock', N'adjustment', N'return'))
);

CREATE TABLE [inventory_event_snapshot] (
  [tenant_id] bigint NOT NULL,
  [product_id] bigint NOT NULL,
  [sum_delta] bigint NOT NULL CONSTRAINT [inventory_event_snapshot_sum_delta_default] DEFAULT 0,
  [as_of] datetimeoffset NOT NULL CONSTRAINT [inventory_event_snapshot_as_of_default] DEFAULT SYSDATETIMEOFFSET(),
  CONSTRAINT [inventory_event_snapshot_pkey] PRIMARY KEY ([tenant_id], [product_id])
);

CREATE TABLE [tenant_history] (
  [history_id] bigint IDENTITY(1,1) NOT NULL,
  [history_operation] nvarchar(6) NOT NULL,
  [history_by] nvarchar(63) NOT NULL,
  [history_at] datetimeoffset NOT NULL CONSTRAINT [tenant_history_history_at_default] DEFAULT SYSDATETIMEOFFSET(),
  [id] bigint NOT NULL,
  [name] nvarchar(120) NOT NULL,
  [slug] nvarchar(60) NOT NULL,
  [plan] nvarchar(10) NOT NULL,
  [billing_email] nvarchar(254) NOT NULL,
  [created_at] datetimeoffset NOT NULL,
  [updated_at] datetimeoffset NOT NULL,
  CONSTRAINT [tenant_history_pkey] PRIMARY KEY ([history_id]),
  CONSTRAINT [tenant_history_plan_in_check] CHECK ([plan] IN (N'free', N'pro', N'enterprise'))
);

CREATE TABLE [customer_history] (
  [history_id] bigint IDENTITY(1,1) NOT NULL,
  [history_operation] nvarchar(6) NOT NULL,
  [history_by] nvarchar(63) NOT NULL,
  [history_at] datetimeoffset NOT NULL CONSTRAINT [customer_history_history_at_default] DEFAULT SYSDATETIMEOFFSET(),
  [id] bigint NOT NULL,
  [tenant_id] bigint NOT NULL,
  [email] nvarchar(254) NOT NULL,
  [full_name] nvarchar(200) NULL,
  [phone] nvarchar(16) NULL,
  [marketing_opt_in] bit NOT NULL,
  [created_at] datetimeoffset NOT NULL,
  [updated_at] datetimeoffset NOT NULL,
  CONSTRAINT [customer_history_pkey] PRIMARY KEY ([history_id])
);

CREATE TABLE [product_history] (
  [history_id] bigint IDENTITY(1,1) NOT NULL,
  [history_operation] nvarchar(6) NOT NULL,
  [history_by] nvarchar(63) NOT NULL,
  [history_at] datetimeoffset NOT NULL CONSTRAINT [product_history_history_at_default] DEFAULT SYSDATETIMEOFFSET(),
  [id] bigint NOT NULL,
  [tenant_id] bigint NOT NULL,
  [sku] nvarchar(64) NOT NULL,
  [title] nvarchar(300) NOT NULL,
  [description] nvarchar(max) NULL,
  [price] decimal(19,4) NOT NULL,
  [currency] nvarchar(3) NOT NULL,
  [attributes] nvarchar(max) NULL,
  [status] nvarchar(8) NOT NULL,
  [created_at] datetimeoffset NOT NULL,
  [updated_at] datetimeoffset NOT NULL,
  CONSTRAINT [product_history_pkey] PRIMARY KEY ([history_id]),
  CONSTRAINT [product_history_attributes_json_check] CHECK (ISJSON([attributes]) = 1),
  CONSTRAINT [product_history_status_in_check] CHECK ([status] IN (N'draft', N'active', N'archived'))
);

CREATE TABLE [order_history] (
  [history_id] bigint IDENTITY(1,1) NOT NULL,
  [history_operation] nvarchar(6) NOT NULL,
  [history_by] nvarchar(63) NOT NULL,
  [history_at] datetimeoffset NOT NULL CONSTRAINT [order_history_history_at_default] DEFAULT SYSDATETIMEOFFSET(),
  [id] bigint NOT NULL,
  [tenant_id] bigint NOT NULL,
  [customer_id] bigint NOT NULL,
  [status] nvarchar(9) NOT NULL,
  [total] decimal(19,4) NOT NULL,
  [currency] nvarchar(3) NOT NULL,
  [placed_at] datetimeoffset NOT NULL,
  [shipping_address] nvarchar(max) NULL,
  [created_at] datetimeoffset NOT NULL,
  [updated_at] datetimeoffset NOT NULL,
  CONSTRAINT [order_history_pkey] PRIMARY KEY ([history_id]),
  CONSTRAINT [order_history_status_in_check] CHECK ([status] IN (N'pending', N'paid', N'shipped', N'delivered', N'cancelled', N'refunded')),
  CONSTRAINT [order_history_shipping_address_json_check] CHECK (ISJSON([shipping_address]) = 1)
);

CREATE TABLE [order_line_history] (
  [history_id] bigint IDENTITY(1,1) NOT NULL,
  [history_operation] nvarchar(6) NOT NULL,
  [history_by] nvarchar(63) NOT NULL,
  [history_at] datetimeoffset NOT NULL CONSTRAINT [order_line_history_history_at_default] DEFAULT SYSDATETIMEOFFSET(),
  [id] bigint NOT NULL,
  [tenant_id] bigint NOT NULL,
  [order_id] bigint NOT NULL,
  [product_id] bigint NOT NULL,
  [quantity] int NOT NULL,
  [unit_price] decimal(19,4) NOT NULL,
  [created_at] datetimeoffset NOT NULL,
  [updated_at] datetimeoffset NOT NULL,
  CONSTRAINT [order_line_history_pkey] PRIMARY KEY ([history_id])
);

CREATE TABLE [payment_history] (
  [history_id] bigint IDENTITY(1,1) NOT NULL,
  [history_operation] nvarchar(6) NOT NULL,
  [history_by] nvarchar(63) NOT NULL,
  [history_at] datetimeoffset NOT NULL CONSTRAINT [payment_history_history_at_default] DEFAULT SYSDATETIMEOFFSET(),
  [id] bigint NOT NULL,
  [tenant_id] bigint NOT NULL,
  [order_id] bigint NOT NULL,
  [provider] nvarchar(6) NOT NULL,
  [provider_ref] nvarchar(100) NOT NULL,
  [amount] decimal(19,4) NOT NULL,
  [status] nvarchar(10) NOT NULL,
  [card_last4] nvarchar(4) NULL,
  [created_at] datetimeoffset NOT NULL,
  [updated_at] datetimeoffset NOT NULL,
  CONSTRAINT [payment_history_pkey] PRIMARY KEY ([history_id]),
  CONSTRAINT [payment_history_provider_in_check] CHECK ([provider] IN (N'stripe', N'adyen', N'paypal')),
  CONSTRAINT [payment_history_status_in_check] CHECK ([status] IN (N'authorized', N'captured', N'failed', N'refunded'))
);

CREATE UNIQUE INDEX [order_tenant_id_idempotency_key_key] ON [order] ([tenant_id], [idempotency_key]) WHERE [idempotency_key] IS NOT NULL;
CREATE INDEX [category_tenant_id_parent_id_idx] ON [category] ([tenant_id], [parent_id]);
CREATE INDEX [product_category_tenant_id_category_id_idx] ON [product_category] ([tenant_id], [category_id]) INCLUDE ([product_id]);
CREATE INDEX [order_tenant_id_customer_id_placed_at_idx] ON [order] ([tenant_id], [customer_id], [placed_at] DESC) INCLUDE ([id], [status], [total]);
CREATE INDEX [order_tenant_id_placed_at_paid_idx] ON [order] ([tenant_id], [placed_at]) WHERE [status] = N'paid';
CREATE INDEX [order_tenant_id_placed_at_idx] ON [order] ([tenant_id], [placed_at]) WHERE [status] IN (N'paid', N'shipped', N'delivered');
CREATE INDEX [order_created_at_idx] ON [order] ([created_at]);
CREATE INDEX [order_line_tenant_id_order_id_idx] ON [order_line] ([tenant_id], [order_id]) INCLUDE ([product_id], [quantity], [unit_price]);
CREATE INDEX [order_line_tenant_id_product_id_idx] ON [order_line] ([tenant_id], [product_id]);
CREATE INDEX [order_line_created_at_idx] ON [order_line] ([created_at]);
CREATE INDEX [payment_tenant_id_order_id_idx] ON [payment] ([tenant_id], [order_id]);
CREATE INDEX [payment_created_at_idx] ON [payment] ([created_at]);
CREATE INDEX [inventory_event_tenant_id_product_id_idx] ON [inventory_event] ([tenant_id], [product_id]) INCLUDE ([delta]);

GO
CREATE TRIGGER [tenant_history_trigger] ON [tenant] AFTER UPDATE, DELETE AS
BEGIN
  SET NOCOUNT ON;
  INSERT INTO [tenant_history] ([history_operation], [history_by], [id], [name], [slug], [plan], [billing_email], [created_at], [updated_at])
  SELECT CASE WHEN EXISTS (SELECT 1 FROM inserted) THEN N'UPDATE' ELSE N'DELETE' END, LEFT(SUSER_SNAME(), 63), [d].[id], [d].[name], [d].[slug], [d].[plan], [d].[billing_email], [d].[created_at], [d].[updated_at]
  FROM deleted AS [d];
END;
GO
CREATE TRIGGER [customer_history_trigger] ON [customer] AFTER UPDATE, DELETE AS
BEGIN
  SET NOCOUNT ON;
  INSERT INTO [customer_history] ([history_operation], [history_by], [id], [tenant_id], [email], [full_name], [phone], [marketing_opt_in], [created_at], [updated_at])
  SELECT CASE WHEN EXISTS (SELECT 1 FROM inserted) THEN N'UPDATE' ELSE N'DELETE' END, LEFT(SUSER_SNAME(), 63), [d].[id], [d].[tenant_id], [d].[email], [d].[full_name], [d].[phone], [d].[marketing_opt_in], [d].[created_at], [d].[updated_at]
  FROM deleted AS [d];
END;
GO
CREATE TRIGGER [product_history_trigger] ON [product] AFTER UPDATE, DELETE AS
BEGIN
  SET NOCOUNT ON;
  INSERT INTO [product_history] ([history_operation], [history_by], [id], [tenant_id], [sku], [title], [description], [price], [currency], [attributes], [status], [created_at], [updated_at])
  SELECT CASE WHEN EXISTS (SELECT 1 FROM inserted) THEN N'UPDATE' ELSE N'DELETE' END, LEFT(SUSER_SNAME(), 63), [d].[id], [d].[tenant_id], [d].[sku], [d].[title], [d].[description], [d].[price], [d].[currency], [d].[attributes], [d].[status], [d].[created_at], [d].[updated_at]
  FROM deleted AS [d];
END;
GO
CREATE TRIGGER [order_history_trigger] ON [order] AFTER UPDATE, DELETE AS
BEGIN
  SET NOCOUNT ON;
  INSERT INTO [order_history] ([history_operation], [history_by], [id], [tenant_id], [customer_id], [status], [total], [currency], [placed_at], [shipping_address], [created_at], [updated_at])
  SELECT CASE WHEN EXISTS (SELECT 1 FROM inserted) THEN N'UPDATE' ELSE N'DELETE' END, LEFT(SUSER_SNAME(), 63), [d].[id], [d].[tenant_id], [d].[customer_id], [d].[status], [d].[total], [d].[currency], [d].[placed_at], [d].[shipping_address], [d].[created_at], [d].[updated_at]
  FROM deleted AS [d];
END;
GO
CREATE TRIGGER [order_line_history_trigger] ON [order_line] AFTER UPDATE, DELETE AS
BEGIN
  SET NOCOUNT ON;
  INSERT INTO [order_line_history] ([history_operation], [history_by], [id], [tenant_id], [order_id], [product_id], [quantity], [unit_price], [created_at], [updated_at])
  SELECT CASE WHEN EXISTS (SELECT 1 FROM inserted) THEN N'UPDATE' ELSE N'DELETE' END, LEFT(SUSER_SNAME(), 63), [d].[id], [d].[tenant_id], [d].[order_id], [d].[product_id], [d].[quantity], [d].[unit_price], [d].[created_at], [d].[updated_at]
  FROM deleted AS [d];
END;
GO
CREATE TRIGGER [payment_history_trigger] ON [payment] AFTER UPDATE, DELETE AS
BEGIN
  SET NOCOUNT ON;
  INSERT INTO [payment_history] ([history_operation], [history_by], [id], [tenant_id], [order_id], [provider], [provider_ref], [amount], [status], [card_last4], [created_at], [updated_at])
  SELECT CASE WHEN EXISTS (SELECT 1 FROM inserted) THEN N'UPDATE' ELSE N'DELETE' END, LEFT(SUSER_SNAME(), 63), [d].[id], [d].[tenant_id], [d].[order_id], [d].[provider], [d].[provider_ref], [d].[amount], [d].[status], [d].[card_last4], [d].[created_at], [d].[updated_at]
  FROM deleted AS [d];
END;
GO
CREATE TRIGGER [inventory_event_snapshot_trigger] ON [inventory_event] AFTER INSERT AS
BEGIN
  SET NOCOUNT ON;
  SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;
  MERGE INTO [inventory_event_snapshot] AS [s]
  USING (SELECT [tenant_id], [product_id], SUM(COALESCE([delta], 0)) AS [sum_delta] FROM inserted GROUP BY [tenant_id], [product_id]) AS [i]
  ON [s].[tenant_id] = [i].[tenant_id] AND [s].[product_id] = [i].[product_id]
  WHEN MATCHED THEN UPDATE SET [sum_delta] = [s].[sum_delta] + [i].[sum_delta], [as_of] = SYSDATETIMEOFFSET()
  WHEN NOT MATCHED THEN INSERT ([tenant_id], [product_id], [sum_delta], [as_of]) VALUES ([i].[tenant_id], [i].[product_id], [i].[sum_delta], SYSDATETIMEOFFSET());
END;
GO
CREATE VIEW [daily_revenue_mv] AS
  SELECT [tenant_id], CAST([placed_at] AS date) AS [day], SUM([total]) AS [sum_total]
  FROM [order]
  WHERE [status] IN (N'paid', N'shipped', N'delivered') AND [placed_at] >= DATEADD(second, -2592000, SYSDATETIMEOFFSET())
  GROUP BY [tenant_id], CAST([placed_at] AS date);
GO

EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'A merchant that runs a storefront', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'tenant';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'PII: personal data.', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'tenant', @level2type = N'COLUMN', @level2name = N'billing_email';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'The tenant that owns this row (shared-schema tenancy).', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'customer', @level2type = N'COLUMN', @level2name = N'tenant_id';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'PII: personal data.', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'customer', @level2type = N'COLUMN', @level2name = N'email';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'PII: personal data.', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'customer', @level2type = N'COLUMN', @level2name = N'full_name';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'PII: personal data.', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'customer', @level2type = N'COLUMN', @level2name = N'phone';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'The tenant that owns this row (shared-schema tenancy).', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'product', @level2type = N'COLUMN', @level2name = N'tenant_id';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'The tenant that owns this row (shared-schema tenancy).', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'category', @level2type = N'COLUMN', @level2name = N'tenant_id';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'Products belong to many categories', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'product_category';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'The tenant that owns this row (shared-schema tenancy).', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'product_category', @level2type = N'COLUMN', @level2name = N'tenant_id';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'The tenant that owns this row (shared-schema tenancy).', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'order', @level2type = N'COLUMN', @level2name = N'tenant_id';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'Client-generated per logical write of place_order: a retry conflicts instead of adding a row.', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'order', @level2type = N'COLUMN', @level2name = N'idempotency_key';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'The tenant that owns this row (shared-schema tenancy).', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'order_line', @level2type = N'COLUMN', @level2name = N'tenant_id';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'The tenant that owns this row (shared-schema tenancy).', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'payment', @level2type = N'COLUMN', @level2name = N'tenant_id';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'PII: personal data.', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'payment', @level2type = N'COLUMN', @level2name = N'card_last4';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'Append-only stock movements', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'inventory_event';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'The tenant that owns this row (shared-schema tenancy).', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'inventory_event', @level2type = N'COLUMN', @level2name = N'tenant_id';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'Running totals of inventory_event per tenant_id, product_id, kept by the trigger inventory_event_snapshot_trigger; stock_level read it instead of folding every event', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'inventory_event_snapshot';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'Old versions of tenant rows, written by the trigger tenant_history_trigger on UPDATE or DELETE', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'tenant_history';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'UPDATE or DELETE', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'tenant_history', @level2type = N'COLUMN', @level2name = N'history_operation';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'The database role that made the change.', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'tenant_history', @level2type = N'COLUMN', @level2name = N'history_by';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'PII: personal data.', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'tenant_history', @level2type = N'COLUMN', @level2name = N'billing_email';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'Old versions of customer rows, written by the trigger customer_history_trigger on UPDATE or DELETE', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'customer_history';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'UPDATE or DELETE', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'customer_history', @level2type = N'COLUMN', @level2name = N'history_operation';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'The database role that made the change.', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'customer_history', @level2type = N'COLUMN', @level2name = N'history_by';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'PII: personal data.', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'customer_history', @level2type = N'COLUMN', @level2name = N'email';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'PII: personal data.', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'customer_history', @level2type = N'COLUMN', @level2name = N'full_name';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'PII: personal data.', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'customer_history', @level2type = N'COLUMN', @level2name = N'phone';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'Old versions of product rows, written by the trigger product_history_trigger on UPDATE or DELETE', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'product_history';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'UPDATE or DELETE', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'product_history', @level2type = N'COLUMN', @level2name = N'history_operation';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'The database role that made the change.', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'product_history', @level2type = N'COLUMN', @level2name = N'history_by';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'Old versions of order rows, written by the trigger order_history_trigger on UPDATE or DELETE', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'order_history';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'UPDATE or DELETE', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'order_history', @level2type = N'COLUMN', @level2name = N'history_operation';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'The database role that made the change.', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'order_history', @level2type = N'COLUMN', @level2name = N'history_by';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'Old versions of order_line rows, written by the trigger order_line_history_trigger on UPDATE or DELETE', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'order_line_history';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'UPDATE or DELETE', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'order_line_history', @level2type = N'COLUMN', @level2name = N'history_operation';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'The database role that made the change.', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'order_line_history', @level2type = N'COLUMN', @level2name = N'history_by';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'Old versions of payment rows, written by the trigger payment_history_trigger on UPDATE or DELETE', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'payment_history';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'UPDATE or DELETE', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'payment_history', @level2type = N'COLUMN', @level2name = N'history_operation';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'The database role that made the change.', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'payment_history', @level2type = N'COLUMN', @level2name = N'history_by';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'PII: personal data.', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'payment_history', @level2type = N'COLUMN', @level2name = N'card_last4';
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'Pre-aggregate (modeling/aggregate/daily_revenue), computed when read; PostgreSQL refreshes it every 295 s', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'VIEW', @level1name = N'daily_revenue_mv';

COMMIT TRANSACTION;
GO
