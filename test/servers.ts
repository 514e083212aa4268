/**
 * Server tests run when a server URL is given, and must run when DBARCHITECT_REQUIRE_SERVERS=1
 * (CI). Otherwise they are skipped, saying why.
 */
export const requireServers = process.env.DBARCHITECT_REQUIRE_SERVERS === '1';

export type ServerUrl = { readonly url: string; readonly skip: false } | { readonly url: undefined; readonly skip: string };

export function serverUrl(kind: 'postgres' | 'mysql'): ServerUrl {
  const variable = kind === 'postgres' ? 'DBARCHITECT_PG_URL' : 'DBARCHITECT_MYSQL_URL';
  const url = process.env[variable];
  if (url) return { url, skip: false };
  if (requireServers)
    throw new Error(`DBARCHITECT_REQUIRE_SERVERS=1 but ${variable} is not set: start the servers (scripts/ci/start-servers.sh) and export it`);
  return { url: undefined, skip: `no ${kind} server: set ${variable} (see scripts/ci/README.md) to run this test` };
}
