export { diffHooksFor } from './diff-hooks.js';
export { type DiffOptions, diffSchemas } from './diff-schemas.js';
export { neutralDiff } from './neutral-diff.js';
export { type ConfirmedRenames, RenameHintError } from './rename-hints.js';
