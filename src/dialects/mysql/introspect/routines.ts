import type { NativeObject } from '../../../model/schema.js';
import type { SqlSession } from '../../session.js';
import { quoteMysqlIdentifier as q } from '../quote.js';

export interface RoutineRow {
  readonly namespace: string;
  readonly name: string;
  /** `FUNCTION` or `PROCEDURE`. */
  readonly type: string;
  readonly returnType: string | null;
  readonly body: string | null;
  readonly isDeterministic: string;
  /** `CONTAINS SQL`, `NO SQL`, `READS SQL DATA`, `MODIFIES SQL DATA`. */
  readonly dataAccess: string;
}

export interface ParameterRow {
  readonly namespace: string;
  readonly routine: string;
  readonly type: string;
  readonly mode: string | null;
  readonly name: string;
  readonly dataType: string;
}

export const ROUTINES_SQL = `SELECT ROUTINE_SCHEMA AS namespace, ROUTINE_NAME AS name, ROUTINE_TYPE AS type, DTD_IDENTIFIER AS returnType,
  ROUTINE_DEFINITION AS body, IS_DETERMINISTIC AS isDeterministic, SQL_DATA_ACCESS AS dataAccess
FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA IN (?)`;

/** Parameters in order; position 0 is a function's result, which ROUTINES gives already. */
export const PARAMETERS_SQL = `SELECT SPECIFIC_SCHEMA AS namespace, SPECIFIC_NAME AS routine, ROUTINE_TYPE AS type, PARAMETER_MODE AS mode,
  PARAMETER_NAME AS name, DTD_IDENTIFIER AS dataType
FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA IN (?) AND ORDINAL_POSITION > 0
ORDER BY SPECIFIC_SCHEMA, SPECIFIC_NAME, ORDINAL_POSITION`;

/** Stored functions and procedures as native objects, with a CREATE statement put together from ROUTINES and PARAMETERS. */
export async function readRoutines(db: SqlSession, namespaces: readonly string[]): Promise<(NativeObject & { readonly namespace: string })[]> {
  const parameters = await db.query<ParameterRow>(PARAMETERS_SQL, [namespaces]);
  return (await db.query<RoutineRow>(ROUTINES_SQL, [namespaces])).map((r) => {
    const function_ = r.type.toUpperCase() === 'FUNCTION';
    const params = parameters
      .filter((p) => p.namespace === r.namespace && p.routine === r.name && p.type === r.type)
      .map((p) => `${function_ || !p.mode ? '' : `${p.mode} `}${q(p.name)} ${p.dataType}`);
    const traits = [r.isDeterministic === 'YES' ? 'DETERMINISTIC' : 'NOT DETERMINISTIC', r.dataAccess].join(' ');
    return {
      namespace: r.namespace,
      kind: function_ ? 'function' : 'procedure',
      name: r.name,
      dialect: 'mysql',
      sql: `CREATE ${r.type.toUpperCase()} ${q(r.name)}(${params.join(', ')})${function_ ? ` RETURNS ${r.returnType}` : ''} ${traits} ${r.body ?? ''}`,
      reason: 'a stored routine: the model holds data structures, not code',
    };
  });
}
