export { type DiffOptions, diffSchemas } from './diff-schemas.js';
export { RenameHintError } from './renames.js';
