/**
 * What a dialect needs of a connection: a structural type, so dialects never import the drivers in
 * src/engines/ (a layer above them); every Engine is one.
 */
export interface SqlSession {
  /** `pglite`, `postgres`, … */
  readonly kind: string;
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}
