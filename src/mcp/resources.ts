import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

/** The package's root: src/mcp/ and dist/mcp/ are both two folders down, and the package ships docs/ and examples/. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface DocResource {
  readonly uri: string;
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** Relative to the package root. */
  readonly file: string;
  readonly mimeType: string;
}

/** What an assistant reads to write a spec and to understand a finding. */
export function docResources(): DocResource[] {
  const docs: DocResource[] = [
    {
      uri: 'dbarchitect://docs/spec',
      name: 'spec-format',
      title: 'The spec format',
      description: 'How to write a dbarchitect spec: requirements, conventions, entities and fields, access patterns with SQL and rates',
      file: 'docs/spec.md',
      mimeType: 'text/markdown',
    },
    ...(['design', 'audit', 'lint'] as const).map((set) => ({
      uri: `dbarchitect://docs/rules/${set}`,
      name: `rules-${set}`,
      title: `The ${set} rules`,
      description: `Every ${set} rule: its code, why it matters, how to fix it, with examples (generated from the rules' metadata)`,
      file: `docs/rules/${set}.md`,
      mimeType: 'text/markdown',
    })),
  ];
  const examples = readdirSync(new URL('examples/', `file://${ROOT}`))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({
      uri: `dbarchitect://examples/${f}`,
      name: `example-${f.replace(/\.yaml$/, '')}`,
      title: `Example spec ${f}`,
      description: f === 'saas-shop.yaml' ? 'The reference spec: a multi-tenant shop using most of the format' : `An example spec (${f})`,
      file: `examples/${f}`,
      mimeType: 'application/yaml',
    }));
  return [...docs, ...examples];
}

export function registerResources(server: McpServer): void {
  for (const resource of docResources()) {
    server.registerResource(
      resource.name,
      resource.uri,
      { title: resource.title, description: resource.description, mimeType: resource.mimeType },
      async (uri) => ({
        contents: [{ uri: uri.href, mimeType: resource.mimeType, text: await readFile(`${ROOT}${resource.file}`, 'utf8') }],
      }),
    );
  }
}
