import type { DdlTarget } from '../ddl-target.js';
import { loadPgParser } from '../../sql/pg-parser.js';
import { emitCockroachDdl } from './ddl.js';
import { quoteCockroachIdentifier } from './quote.js';
import { cockroachColumnType } from './types.js';

/**
 * CockroachDB 23.1+ as a DDL target: PostgreSQL's dialect where CockroachDB takes it. No CockroachDB
 * runs here, so sqlfluff's postgres dialect parses the script (the tests also run its PostgreSQL part).
 */
export const cockroachTarget: DdlTarget = {
  name: 'cockroachdb',
  displayName: 'CockroachDB 23.1+',
  capabilities: { transactionalDdl: false, deferrableConstraints: false, partialIndexes: true, includeColumns: true, enumTypes: true },
  engines: ['cockroachdb'],
  // Quoting asks PostgreSQL's parser which words are keywords.
  prepare: loadPgParser,
  quoteIdentifier: quoteCockroachIdentifier,
  columnType: cockroachColumnType,
  emitSchema: emitCockroachDdl,
};
