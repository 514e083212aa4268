import type { Schema } from '../../model/schema.js';
import { planSpec } from './plan-spec.js';
import { renderEntities } from './render-spec.js';
import { withSpecNames } from './spec-names.js';

/**
 * A decomposition as a spec change: the entities it adds and the entity it changes, as YAML to
 * put under `entities:` in place of the table's entry. Planned with the conventions the whole
 * database's spec has (ids, timestamps, tenancy), so the fragment fits the spec writeSpec writes.
 */
export function decompositionFragment(original: Schema, decomposed: Schema, entities: readonly string[], header: readonly string[] = []): string {
  const whole = planSpec(withSpecNames(original).schema, { name: 'existing-database' });
  const plan = planSpec(withSpecNames(decomposed).schema, {
    name: 'existing-database',
    conventions: { tenancy: whole.tenancy, ids: whole.ids, timestamps: whole.timestamps },
  });
  return renderEntities(
    plan.entities.filter((e) => entities.includes(e.name)),
    header,
  );
}
