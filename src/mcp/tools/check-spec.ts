import { z } from 'zod';
import { summarizeDiagnostics } from '../../diagnostics/render/text.js';
import { loadSpecArgs, specFields } from '../inputs.js';
import { defineTool, diagnosticOutput, failure } from '../tool.js';

/** `dbarchitect check`: the spec's problems, each at its place, in one run. */
export const checkSpecTool = defineTool({
  name: 'check_spec',
  title: 'Check a spec',
  description:
    "Validate a dbarchitect requirements spec (YAML): its structure, types, references and every access pattern's SQL against the model, all problems in one run, each at file:line:column with a fix. A spec with errors comes back as a tool error listing them.",
  input: specFields,
  output: {
    name: z.string().describe("the spec's name"),
    entities: z.number().describe('entities the spec declares'),
    tables: z.number().describe('tables the model has (entities plus join tables)'),
    accessPatterns: z.number().describe('access patterns whose SQL parsed and resolved'),
    diagnostics: z.array(diagnosticOutput).describe('warnings and notes (an error makes the call a tool error)'),
  },
  async run(args) {
    const result = await loadSpecArgs(args);
    const loaded = result.loaded;
    if (!loaded || result.diagnostics.some((d) => d.severity === 'error'))
      return failure(result.diagnostics, `${result.file}: ${summarizeDiagnostics(result.diagnostics)}`);
    return {
      ok: true,
      summary: `${result.file}: ok: ${loaded.spec.entities.length} entities, ${loaded.schema.tables.length} tables, ${loaded.patterns.length} access patterns (${summarizeDiagnostics(result.diagnostics)})`,
      result: {
        name: loaded.spec.name,
        entities: loaded.spec.entities.length,
        tables: loaded.schema.tables.length,
        accessPatterns: loaded.patterns.length,
        diagnostics: [...result.diagnostics],
      },
    };
  },
});
