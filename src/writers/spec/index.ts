export { writeSpec, specSlug, type SpecWriterOptions, type WrittenSpec } from './write-spec.js';
export { schemaDifferences, type SchemaDifferenceOptions } from './schema-differences.js';
export { renderEntities } from './render-spec.js';
export { fieldOfColumn, specTypeOf } from './field-of-column.js';
export type { PlannedEntity, PlannedField, PlannedSpec } from './planned-spec.js';
