import type { DdlTarget } from '../ddl-target.js';
import { emitClickhouseSchema } from './ddl.js';
import { quoteClickhouseIdentifier } from './quote.js';
import { clickhouseColumnType } from './types.js';

/** ClickHouse, the catalog's choice for high-rate time series: MergeTree tables from the same model. */
export const clickhouseTarget: DdlTarget = {
  name: 'clickhouse',
  displayName: 'ClickHouse 23.8+',
  capabilities: { transactionalDdl: false, deferrableConstraints: false, partialIndexes: false, includeColumns: false, enumTypes: true },
  engines: ['clickhouse'],
  prepare: async () => undefined,
  quoteIdentifier: quoteClickhouseIdentifier,
  columnType: (type) => clickhouseColumnType(type),
  emitSchema: emitClickhouseSchema,
};
