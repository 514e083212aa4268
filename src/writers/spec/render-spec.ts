import { Document, isNode, Pair, Scalar, YAMLMap, type Node } from 'yaml';
import type { PlannedEntity, PlannedField, PlannedSpec } from './planned-spec.js';

/**
 * A planned spec as YAML text, with the `yaml` package's Document API so the notes become comments
 * where they belong: the header lists what the spec cannot say about the whole, an entity's notes
 * sit above it, a field's at the end of its line.
 */
export function renderSpec(plan: PlannedSpec, header: readonly string[]): string {
  const doc = new Document();
  const root = new YAMLMap();
  doc.contents = root;
  if (header.length) doc.commentBefore = commentText(header);
  root.add(pair('version', 1));
  root.add(pair('name', plan.name));
  if (plan.description) root.add(pair('description', plan.description));
  if (plan.tenancy) root.add(pair('requirements', map(doc, { tenancy: 'shared-schema' }), { space: true }));
  root.add(pair('conventions', map(doc, { ids: plan.ids, timestamps: plan.timestamps }), { space: !plan.tenancy }));
  root.add(pair('entities', entitiesNode(doc, plan.entities), { space: true }));
  return doc.toString({ lineWidth: 0 });
}

/** Only the entities, for a spec change: the fragment a report shows (`entities:` and below). */
export function renderEntities(entities: readonly PlannedEntity[], header: readonly string[] = []): string {
  const doc = new Document();
  const root = new YAMLMap();
  doc.contents = root;
  if (header.length) doc.commentBefore = commentText(header);
  root.add(pair('entities', entitiesNode(doc, entities)));
  return doc.toString({ lineWidth: 0 });
}

function entitiesNode(doc: Document, entities: readonly PlannedEntity[]): YAMLMap {
  const node = new YAMLMap();
  entities.forEach((entity, i) => node.add(pair(entity.name, entityNode(doc, entity), { space: i > 0, before: entity.notes })));
  return node;
}

function entityNode(doc: Document, entity: PlannedEntity): YAMLMap {
  const node = new YAMLMap();
  if (entity.description) node.add(pair('description', entity.description));
  if (entity.global) node.add(pair('global', true));
  if (entity.appendOnly) node.add(pair('append_only', true));
  if (entity.rows) node.add(pair('rows', /^\d+$/.test(entity.rows) ? Number(entity.rows) : entity.rows));
  if (entity.growth) node.add(pair('growth', entity.growth));
  if (entity.retention) node.add(pair('retention', entity.retention));
  if (entity.key) node.add(pair('key', flow(doc, [...entity.key])));
  const fields = new YAMLMap();
  for (const field of entity.fields) {
    const value = fieldNode(doc, field);
    if (field.notes.length) value.comment = commentText([field.notes.join('; ')]);
    fields.add(new Pair(new Scalar(field.name), value));
  }
  node.add(pair('fields', fields));
  if (entity.unique.length)
    node.add(
      pair(
        'unique',
        flow(
          doc,
          entity.unique.map((u) => [...u]),
        ),
      ),
    );
  return node;
}

/** The shorthand (`string(120)!`) when the field is a type and required alone; a flow map otherwise. */
function fieldNode(doc: Document, field: PlannedField): Node {
  const options = {
    ...(field.unique ? { unique: true } : {}),
    ...(field.default !== undefined ? { default: field.default } : {}),
    ...(field.pii ? { pii: true } : {}),
    ...(field.min !== undefined ? { min: field.min } : {}),
    ...(field.max !== undefined ? { max: field.max } : {}),
    ...(field.onDelete ? { on_delete: field.onDelete } : {}),
    ...(field.distinct !== undefined ? { distinct: field.distinct } : {}),
    ...(field.description ? { description: field.description } : {}),
  };
  if (Object.keys(options).length === 0) return new Scalar(`${field.type}${field.required ? '!' : ''}`);
  return flow(doc, { type: field.type, ...(field.required ? { required: true } : {}), ...options });
}

function pair(key: string, value: unknown, options: { space?: boolean; before?: readonly string[] } = {}): Pair {
  const k = new Scalar(key);
  if (options.space) k.spaceBefore = true;
  if (options.before?.length) k.commentBefore = commentText(options.before);
  return new Pair(k, isNode(value) ? value : new Scalar(value));
}

function map(doc: Document, value: Record<string, unknown>): YAMLMap {
  return doc.createNode(value) as YAMLMap;
}

function flow(doc: Document, value: unknown): Node {
  const node = doc.createNode(value) as Node & { flow?: boolean };
  node.flow = true;
  return node;
}

/** Each note one comment line (`# …`), long ones kept whole: a comment is read, not parsed. */
function commentText(lines: readonly string[]): string {
  return lines
    .flatMap((l) => l.split('\n'))
    .map((l) => ` ${l}`)
    .join('\n');
}
