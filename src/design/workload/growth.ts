import type { Table } from '../../model/schema.js';
import { RATE_UNITS } from '../../spec/quantities.js';

/** Rows a table gains per second: the spec's growth per month spread evenly (0 without a growth). */
export const growthPerSecond = (table: Pick<Table, 'volume'> | undefined): number => (table?.volume?.growthPerMonth ?? 0) / RATE_UNITS.month;
