import assert from 'node:assert/strict';
import { redactUrl } from '../engines/redact.js';
import { describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { defineTool, failure } from './tool.js';

/** The wrapper every tool goes through, on a tool made to leak: what it returns, reports and throws is cleaned. */
describe('defineTool', () => {
  const secret = 'Sw0rdfish-tool-test';
  const url = new URL('postgres://me@db.example/shop');
  url.password = secret;
  const envUrl = new URL('postgres://ops@db.example/prod');
  envUrl.password = `${secret}-env`;

  const leaky = defineTool({
    name: 'leaky',
    title: 'A tool that leaks',
    description: 'Repeats its URL in every way a tool can: result, summary, diagnostics, progress, exceptions.',
    input: { db: z.string().describe('a URL'), how: z.enum(['result', 'error', 'throw', 'env']).describe('how to leak it') },
    output: { echoed: z.string(), when: z.string() },
    async run(args, context) {
      context.progress(`connecting to ${args.db}`);
      if (args.how === 'throw') throw new Error(`driver said: no route to ${args.db}`);
      if (args.how === 'error')
        return failure(
          [{ code: 'engine/failed', severity: 'error', message: `cannot reach ${args.db}`, fix: `check ${args.db}` }],
          `nothing read from ${args.db}`,
        );
      if (args.how === 'env') {
        const fromEnv = context.env.LEAKY_URL!;
        context.secret(fromEnv);
        return { ok: true, summary: `read ${fromEnv}`, result: { echoed: fromEnv, when: 'env' } };
      }
      return { ok: true, summary: `read ${args.db}`, result: { echoed: args.db, when: new Date(0).toISOString() } };
    },
  });

  async function session() {
    const server = new McpServer({ name: 'test', version: '1' });
    leaky.register(server, { LEAKY_URL: envUrl.toString() });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const client = new Client({ name: 'test-client', version: '1' });
    await client.connect(b);
    return client;
  }

  it('removes the password of every URL the call used from results, summaries, diagnostics, progress and exceptions', async () => {
    const client = await session();
    const progress: string[] = [];
    for (const how of ['result', 'error', 'throw', 'env'] as const) {
      const result = (await client.callTool({ name: 'leaky', arguments: { db: url.toString(), how } }, undefined, {
        onprogress: (p) => progress.push(p.message ?? ''),
      })) as CallToolResult;
      const json = JSON.stringify(result);
      assert.ok(!json.includes(secret), `${how}: ${json}`);
      assert.match(json, /postgres:\/\/(me|ops):\*\*\*@db\.example/, how);
      assert.equal(result.isError === true, how === 'error' || how === 'throw', how);
    }
    assert.equal(progress.length, 4);
    for (const line of progress) assert.equal(line, `connecting to ${redactUrl(url.toString())}`);
    await client.close();
  });

  it('a tool error carries the diagnostics as the CLI prints them, and as data under _meta', async () => {
    const client = await session();
    const result = (await client.callTool({ name: 'leaky', arguments: { db: 'file.sql', how: 'error' } })) as CallToolResult;
    assert.equal(result.isError, true);
    assert.deepEqual(result.content, [{ type: 'text', text: 'error engine/failed: cannot reach file.sql\n  fix: check file.sql\nnothing read from file.sql' }]);
    assert.deepEqual(result._meta, {
      'dbarchitect/diagnostics': [{ code: 'engine/failed', severity: 'error', message: 'cannot reach file.sql', fix: 'check file.sql' }],
    });
    const thrown = (await client.callTool({ name: 'leaky', arguments: { db: 'x', how: 'throw' } })) as CallToolResult;
    assert.match((thrown.content[0] as { text: string }).text, /^error tool\/failed: leaky failed: driver said: no route to x\n {2}fix: /);
    await client.close();
  });
});
