import { clauseOf, type OnlineDdlForm } from './online-ddl.js';
import { qualified } from './names.js';

/** `ALTER TABLE t <body>, ALGORITHM=…, LOCK=…`, the clause taken from the online-DDL table for the form. */
export const alter = (table: string, body: string, form: OnlineDdlForm): string => `ALTER TABLE ${qualified(table)} ${body}, ${clauseOf(form)}`;
