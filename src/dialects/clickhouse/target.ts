import type { DdlTarget } from '../ddl-target.js';
import { emitClickHouseDdl } from './ddl.js';
import { quoteClickHouseIdentifier } from './quote.js';
import { clickHouseBaseType } from './types.js';

/**
 * ClickHouse 24.8+ as a DDL target, the catalog's choice for high-rate time series. No ClickHouse
 * server is packaged by Debian, so sqlfluff's clickhouse dialect parses the script.
 */
export const clickHouseTarget: DdlTarget = {
  name: 'clickhouse',
  displayName: 'ClickHouse 24.8+',
  capabilities: { transactionalDdl: false, deferrableConstraints: false, partialIndexes: false, includeColumns: false, enumTypes: true },
  engines: ['clickhouse'],
  prepare: async () => undefined,
  quoteIdentifier: quoteClickHouseIdentifier,
  columnType: (type) => clickHouseBaseType(type),
  emitSchema: emitClickHouseDdl,
};
