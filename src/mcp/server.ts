import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { redactSecrets } from '../engines/redact.js';
import { TOOL_VERSION } from '../version.js';
import { TOOLS } from './registry.js';
import { registerResources } from './resources.js';

export interface McpServerOptions {
  /** Where `dbEnv` arguments look connection URLs up (default: the process's environment). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const INSTRUCTIONS = [
  'dbarchitect designs databases from a YAML requirements spec and proves the design on a real engine.',
  'Start with check_spec (read dbarchitect://docs/spec for the format, dbarchitect://examples/saas-shop.yaml for an example), then design.',
  'Every tool is read-only: none changes a database. plan_migration returns a plan checked on a scratch copy; applying it is `dbarchitect apply plan.json --db URL --apply`, run by a person.',
  'Pass connection URLs in `db`, or better the name of an environment variable that holds one in `dbEnv`: passwords never appear in results.',
].join(' ');

/** The MCP server with every tool and resource registered, not yet connected. */
export function createMcpServer(options: McpServerOptions = {}): McpServer {
  const server = new McpServer({ name: 'dbarchitect', version: TOOL_VERSION }, { instructions: INSTRUCTIONS, capabilities: { tools: {}, resources: {} } });
  for (const tool of TOOLS) tool.register(server, options.env ?? process.env);
  registerResources(server);
  return server;
}

/**
 * Serves over stdin/stdout until the client closes them. stdout carries the protocol, so anything
 * else that would print there (a library's console.log) goes to stderr; a promise some driver
 * leaves rejected is logged there (without passwords), and the server keeps serving.
 */
export async function serveStdio(options: McpServerOptions = {}): Promise<void> {
  const toStderr = (...parts: unknown[]) => process.stderr.write(`${redactSecrets(parts.map(String).join(' '), '')}\n`);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
  process.on('unhandledRejection', (reason) => toStderr(`dbarchitect mcp: ignored an unhandled rejection: ${(reason as Error)?.message ?? String(reason)}`));
  const server = createMcpServer(options);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
  });
  await server.connect(transport);
  process.stdin.on('end', () => void server.close());
  await closed;
}
