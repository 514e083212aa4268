import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { renderDiagnosticsText, summarizeDiagnostics } from '../diagnostics/render/text.js';
import { redactSecrets } from '../engines/redact.js';

/** What a tool's run gets besides its arguments. */
export interface ToolContext {
  /** Tells the client what the tool is doing now, when it asked for progress (a progressToken); otherwise nothing. */
  progress(message: string): void;
  /** A connection URL this call uses (an argument's or an environment variable's): its password is removed from the result. */
  secret(url: string): void;
  /** Text to replace in the result, such as a temporary file's path by the name the caller gave. */
  relabel(from: string, to: string): void;
  /** The server's environment, where connection URLs may be named instead of passed. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly signal: AbortSignal;
}

/** A tool's answer: a result for the structured content and a line of summary, or the diagnostics of bad input. */
export type ToolOutcome<T> =
  | { readonly ok: true; readonly summary: string; readonly result: T }
  | { readonly ok: false; readonly summary: string; readonly diagnostics: readonly Diagnostic[] };

export interface ToolDefinition<I extends z.ZodRawShape, O extends z.ZodRawShape> {
  /** snake_case, as assistants call it. */
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** Every field with a description: the assistant reads them to fill the arguments. */
  readonly input: I;
  readonly output: O;
  /** The result may hold the model's readonly values: it is sent as JSON, never changed. */
  run(args: z.infer<z.ZodObject<I>>, context: ToolContext): Promise<ToolOutcome<DeepReadonly<z.infer<z.ZodObject<O>>>>>;
}

type DeepReadonly<T> = T extends (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/** A tool the server registers; the registry holds these, whatever their shapes. */
export interface RegisteredDbarchitectTool {
  readonly name: string;
  register(server: McpServer, env: Readonly<Record<string, string | undefined>>): void;
}

export const failure = (diagnostics: readonly Diagnostic[], summary = summarizeDiagnostics(diagnostics)): ToolOutcome<never> => ({
  ok: false,
  summary,
  diagnostics,
});

/** One bad-input diagnostic, for an argument that is missing or wrong (no file position: it is not in a file). */
export const inputProblem = (code: string, message: string, fix: string): Diagnostic => ({ code, severity: 'error', message, fix });

/**
 * Registers a tool: read-only by its annotations, its outcome turned into structured content and a
 * summary, or into a tool error with the diagnostics as the CLI prints them (`file:line:column:
 * severity code: message`, then the fix). Nothing it throws reaches the server: an exception is a
 * tool error too. Every string of every answer has the passwords of the call's URLs removed.
 */
export function defineTool<I extends z.ZodRawShape, O extends z.ZodRawShape>(definition: ToolDefinition<I, O>): RegisteredDbarchitectTool {
  return {
    name: definition.name,
    register(server, env) {
      server.registerTool(
        definition.name,
        {
          title: definition.title,
          description: definition.description,
          inputSchema: definition.input,
          outputSchema: definition.output,
          annotations: { readOnlyHint: true, destructiveHint: false, openWorldHint: true },
        },
        // The SDK's callback type is generic over the shape; the arguments it passes were parsed by it.
        (async (args: z.infer<z.ZodObject<I>>, extra: ToolExtra) => runTool(definition, args, extra, env)) as never,
      );
    },
  };
}

interface ToolExtra {
  readonly signal: AbortSignal;
  readonly _meta?: { readonly progressToken?: string | number };
  sendNotification(notification: {
    method: 'notifications/progress';
    params: { progressToken: string | number; progress: number; message?: string };
  }): Promise<void>;
}

async function runTool<I extends z.ZodRawShape, O extends z.ZodRawShape>(
  definition: ToolDefinition<I, O>,
  args: z.infer<z.ZodObject<I>>,
  extra: ToolExtra,
  env: Readonly<Record<string, string | undefined>>,
): Promise<CallToolResult> {
  const secrets = new Set<string>(urlsIn(args));
  const labels: [string, string][] = [];
  const token = extra._meta?.progressToken;
  let step = 0;
  const context: ToolContext = {
    progress: (message) => {
      if (token === undefined) return;
      step += 1;
      extra
        .sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: step, message: clean(message, secrets, labels) } })
        .catch(() => undefined);
    },
    secret: (url) => secrets.add(url),
    relabel: (from, to) => labels.push([from, to]),
    env,
    signal: extra.signal,
  };
  try {
    const outcome = await definition.run(args, context);
    if (!outcome.ok) return errorResult(outcome.diagnostics, outcome.summary, secrets, labels);
    return {
      content: [{ type: 'text', text: clean(outcome.summary, secrets, labels) }],
      structuredContent: plain(outcome.result, secrets, labels) as Record<string, unknown>,
    };
  } catch (error) {
    const message = (error as Error)?.message ?? String(error);
    const diagnostic: Diagnostic = {
      code: 'tool/failed',
      severity: 'error',
      message: `${definition.name} failed: ${message.split('\n')[0]}`,
      fix: 'if the input is right, this is a bug in dbarchitect: please report it with the arguments (without passwords)',
    };
    return errorResult([diagnostic], 'nothing was done', secrets, labels);
  }
}

function errorResult(diagnostics: readonly Diagnostic[], summary: string, secrets: ReadonlySet<string>, labels: readonly [string, string][]): CallToolResult {
  const shown = plain(diagnostics, secrets, labels) as Diagnostic[];
  const text = [renderDiagnosticsText(shown), clean(summary, secrets, labels)].filter((t) => t !== '').join('\n');
  // The diagnostics as data too, under _meta: the structured content must match the output schema, which an error does not.
  return { isError: true, content: [{ type: 'text', text }], _meta: { 'dbarchitect/diagnostics': shown } };
}

/** Connection URLs among the arguments (top level and in arrays): their passwords never come back. */
function urlsIn(args: unknown): string[] {
  const found: string[] = [];
  const visit = (value: unknown) => {
    if (typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) found.push(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(args);
  return found;
}

function clean(text: string, secrets: ReadonlySet<string>, labels: readonly [string, string][]): string {
  let out = text;
  for (const [from, to] of labels) out = out.split(from).join(to);
  for (const url of secrets) out = redactSecrets(out, url);
  // No URL known: still no `user:password@` in what goes back.
  return secrets.size ? out : redactSecrets(out, '');
}

/**
 * The result as plain JSON (what the transport sends): dates as ISO text, big integers as text,
 * every string cleaned of secrets and relabelled.
 */
function plain(value: unknown, secrets: ReadonlySet<string>, labels: readonly [string, string][]): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'bigint') return v.toString();
      if (typeof v === 'string') return clean(v, secrets, labels);
      if (v instanceof Map) return Object.fromEntries(v);
      if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
      return v;
    }) ?? 'null',
  );
}

/** The diagnostic as the output schemas state it. */
export const diagnosticOutput = z.object({
  code: z.string().describe('stable, grouped by area: `spec/unknown-key`, `sql/unknown-column`, `lint/…`'),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  fix: z.string().optional().describe('what to do about it'),
  location: z
    .object({ file: z.string(), line: z.number(), column: z.number(), path: z.string().optional().describe('the place in the spec, such as `entities.order`') })
    .optional(),
  autofix: z
    .object({
      description: z.string(),
      edits: z.array(
        z.object({
          file: z.string(),
          start: z.object({ line: z.number(), column: z.number() }),
          end: z.object({ line: z.number(), column: z.number() }),
          newText: z.string(),
        }),
      ),
    })
    .optional()
    .describe('edits that fix it, where the tool can make them'),
});
