import { mysqlTransferSource } from './mysql/transfer.js';
import { postgresTransferTarget } from './postgres/transfer.js';
import type { TransferSource, TransferTarget } from './transfer.js';

/** Dialect name -> its side of an engine switch. One line per dialect that can be a source or a target. */
const SOURCES: Readonly<Record<string, TransferSource>> = { mysql: mysqlTransferSource };
const TARGETS: Readonly<Record<string, TransferTarget>> = { postgres: postgresTransferTarget };

export const transferSourceFor = (dialect: string): TransferSource | undefined => (Object.hasOwn(SOURCES, dialect) ? SOURCES[dialect] : undefined);
export const transferTargetFor = (dialect: string): TransferTarget | undefined => (Object.hasOwn(TARGETS, dialect) ? TARGETS[dialect] : undefined);
