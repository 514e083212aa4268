export { decompose, type Decomposition, type NewEntity } from './decompose.js';
export {
  declaredKeys,
  normalFormAnalysis,
  type IgnoredDependency,
  type NormalForm,
  type NormalFormAnalysis,
  type NormalizationFinding,
} from './normal-forms.js';
export { normalizeTable, type TableNormalization } from './normalize-table.js';
