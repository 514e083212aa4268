/**
 * dbarchitect's typed library: explicit named exports only. No function here prints or exits: each
 * returns values and diagnostics (`Diagnostic`, rendered with `renderDiagnosticsText` as the CLI does).
 */
export {
  check,
  design,
  explainQuery,
  loadSpec,
  verify,
  type CheckResult,
  type DesignRunOptions,
  type EngineChoice,
  type SpecSource,
  type VerifyRunOptions,
} from './api/library.js';
export type { ExplainQueryOptions, ExplainQueryResult, QueryExplanation, QueryRun } from './api/explain-query.js';
export { verifySpec, measuredTimes, type VerifyResult } from './api/verify.js';
export type { VerifyOptions, VerifyProgress } from './verify/run-verify.js';
export type { VerifyReport, PatternResult } from './model/parts/verify-report.js';
export { lintFiles, lintFiles as lint, type LintOptions, type LintResult, type LintedFile } from './api/lint.js';
export { diff, parseRenames, type DiffResult, type DiffOptions as DiffPlanOptions } from './api/diff.js';
export type { MigrationPlan, PlanStep, PlanSide, PlanValidation, ValidationRun, StepEstimate } from './existing/plan/plan.js';
export { redactUrl, redactSecrets } from './engines/redact.js';
/** The MCP server (`dbarchitect mcp`), to embed or to serve on another transport. */
export { createMcpServer, serveStdio, type McpServerOptions } from './mcp/server.js';
export { designFromFile, designFromSpec, type DesignOptions, type DesignResult } from './api/design.js';
export { audit, auditIntrospection, AuditInputError, AuditReadError, type AuditOptions, type AuditResult } from './api/audit.js';
export { introspect, introspectSchemes, type IntrospectResult, type IntrospectTargetOptions } from './api/introspect.js';
export { advise, type AdviseOptions, type AdviseReport, type AdviseResult, type WorkloadSource } from './api/advise.js';
export type { Introspection, IntrospectionSource, StatementAccount } from './model/introspection.js';
export { loadSchemaSide, type SchemaSide } from './api/diff-sides.js';
export { diffSchemas, diffHooksFor, RenameHintError, type DiffOptions } from './existing/diff/index.js';
export type { Change, ChangeKind, RenameCandidate, RenameHint, SchemaDiff } from './model/change.js';
export { writeOutputFolder, type WriteResult } from './api/output-folder.js';
export { loadSpecFile, loadSpecText, type LoadedSpec, type LoadResult } from './spec/load-spec.js';
export type { Spec, EntitySpec, FieldSpec, AccessPatternSpec, Requirements } from './model/spec.js';
export type { Schema, Table, Column, ForeignKey, Index, Check, EnumType } from './model/schema.js';
export type { LogicalType } from './model/logical-type.js';
export type { Decision, Evidence, EvidenceTier } from './model/decision.js';
export { designSchema, type Design } from './model/design.js';
export type { Diagnostic, Fix, Position, Severity, SourceLocation, TextEdit } from './diagnostics/diagnostic.js';
export { renderDiagnosticsText, renderDiagnosticsJson, renderDiagnosticsSarif } from './diagnostics/index.js';
export type { Dialect, DialectCapabilities } from './dialects/dialect.js';
export { getDialect, dialectNames } from './dialects/registry.js';
export type { Engine } from './engines/engine.js';
export { startPglite } from './engines/pglite.js';
export { connectMysql, type MysqlOptions } from './engines/mysql.js';
export type { Artifact } from './writers/artifacts.js';
/** Every rule set with its rules' metadata (code, summary, why, help), as docs/rules/ shows them. */
export { RULE_SETS } from './rules/index.js';
export type { Rule, RuleMeta, RuleSet } from './diagnostics/rule.js';
export { discoverDependencies, DEFAULT_SAMPLE_ROWS, type DependencyOptions, type DependencyDiscovery } from './api/dependencies.js';
export { renderNormalizationReport } from './writers/normalize/normalization-report.js';
export { writeSpec, schemaDifferences, type SpecWriterOptions, type WrittenSpec } from './writers/spec/index.js';
