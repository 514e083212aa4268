import type { MongoRelationship } from '../../../model/parts/nosql.js';
import type { ForeignKey, Schema, Table } from '../../../model/schema.js';
import { TENANT_COLUMN } from '../../../model/naming.js';
import { formatCount } from '../../../format.js';
import type { NosqlContext } from '../input.js';
import { fieldWidth, MB, recordSize } from '../value-sizes.js';
import { childrenPerParent } from '../volumes.js';

/** Children an embedded array may hold on average: past this an array is a collection of its own. */
export const MAX_EMBEDDED = 100;
/** A link table becomes an array of ids while a holder has at most this many links on average. */
export const MAX_IDS = 1000;
/** Children per parent that grow by more than this over the horizon accumulate: never embedded. */
const GROWTH_FACTOR = 1.5;
export const MAX_DOCUMENT_BYTES = 16 * MB;

/** One collection and what its documents hold besides their own columns. */
export interface CollectionPlan {
  readonly name: string;
  readonly table: Table;
  /** Child entities stored as an array of sub-documents, without the reference columns the parent implies. */
  readonly embeds: { readonly field: string; readonly child: Table; readonly fk: ForeignKey }[];
  /** Link tables stored as an array of the other side's ids. */
  readonly ids: { readonly field: string; readonly link: Table; readonly own: ForeignKey; readonly other: ForeignKey; readonly column: string }[];
  /** Parent columns copied into a sub-document named after the reference. */
  readonly extended: { readonly field: string; readonly parent: Table; readonly fk: ForeignKey; readonly columns: string[] }[];
}

export interface DocumentModel {
  readonly collections: Map<string, CollectionPlan>;
  readonly relationships: MongoRelationship[];
  /** Entity -> the collection holding it and how (its own, embedded in a parent, or as ids in a holder). */
  readonly home: Map<string, { readonly collection: string; readonly as: 'collection' | 'embedded' | 'ids' }>;
}

const references = (table: Table) =>
  table.foreignKeys.filter((fk) => fk.refTable !== table.name && !(fk.columns.length === 1 && fk.columns[0] === TENANT_COLUMN));

/** A table whose key is two references and which holds nothing else (timestamps aside): a many-to-many link. */
export function linkForeignKeys(table: Table): [ForeignKey, ForeignKey] | undefined {
  const own = table.primaryKey.columns.filter((c) => c !== TENANT_COLUMN);
  if (own.length !== 2) return undefined;
  const fks = own.map((c) => references(table).find((fk) => fk.columns.includes(c)));
  if (fks.some((f) => !f) || fks[0] === fks[1]) return undefined;
  const rest = table.columns.filter((c) => !table.primaryKey.columns.includes(c.name) && !['created_at', 'updated_at'].includes(c.name));
  return rest.length ? undefined : (fks as [ForeignKey, ForeignKey]);
}

const refName = (fk: ForeignKey) => (fk.columns.filter((c) => c !== TENANT_COLUMN).at(-1) ?? fk.refTable).replace(/_id$/, '');

function documentBytes(schema: Schema, table: Table): { typical: number; max: number } {
  const size = recordSize(
    table.columns.map((c) => ({ name: c.name, width: fieldWidth('bson', c.name, c, schema) })),
    5,
  );
  return { typical: size.typicalBytes, max: size.maxBytes };
}

/**
 * Embed or reference, per reference: a child is embedded in its parent when a pattern reads them
 * together, no pattern reads the child on its own, and the array stays bounded (few per parent, not
 * growing per parent over the horizon, far under 16 MB); a link table becomes an array of ids in the
 * side the patterns return; a pattern that needs parent columns on the child copies them
 * (extended reference); everything else is referenced by id.
 */
export function documentModel(ctx: NosqlContext): DocumentModel {
  const { schema, accesses, volumes } = ctx;
  const relationships: MongoRelationship[] = [];
  const embedded = new Map<string, { parent: Table; fk: ForeignKey }>();
  const linked = new Map<string, { holder: Table; own: ForeignKey; other: ForeignKey }>();
  const copies = new Map<string, { fk: ForeignKey; columns: Set<string> }[]>();

  for (const table of schema.tables) {
    const link = linkForeignKeys(table);
    if (link) {
      const returns = (fk: ForeignKey) =>
        accesses.some((a) => (a.table === table && a.parent?.fk === fk) || (a.children?.table === table && a.children.fk === fk));
      const [own, other] = returns(link[1]) && !returns(link[0]) ? [link[1], link[0]] : link;
      const holder = schema.tables.find((t) => t.name === own.refTable)!;
      const perHolder = childrenPerParent(volumes, table, holder);
      const bounded = perHolder.atHorizon <= MAX_IDS && perHolder.atHorizon <= Math.max(1, perHolder.now) * GROWTH_FACTOR;
      const field = `${refName(other)}_ids`;
      if (bounded) {
        linked.set(table.name, { holder, own, other });
        relationships.push({
          child: table.name,
          parent: holder.name,
          foreignKey: own.name,
          decision: 'ids',
          field,
          childrenPerParent: perHolder,
          rationale: [
            `${table.name} only links ${own.refTable} and ${other.refTable}: it becomes an array of ${other.refTable} ids, \`${field}\`, in each ${holder.name} document`,
            `bounded: ${perHolder.now} link${perHolder.now === 1 ? '' : 's'} per ${holder.name} now, ${perHolder.atHorizon} at the horizon`,
            `${holder.name} holds it because the patterns return ${holder.name} rows through it; a multikey index on \`${field}\` finds the ${holder.name} documents of one ${other.refTable}`,
          ],
        });
        relationships.push({
          child: table.name,
          parent: other.refTable,
          foreignKey: other.name,
          decision: 'reference',
          field,
          childrenPerParent: childrenPerParent(volumes, table, schema.tables.find((t) => t.name === other.refTable)!),
          rationale: [`the ids in \`${holder.name}.${field}\` reference ${other.refTable} documents; ${other.refTable} keeps its own collection`],
        });
        continue;
      }
    }
    for (const fk of references(table)) {
      const parent = schema.tables.find((t) => t.name === fk.refTable)!;
      const perParent = childrenPerParent(volumes, table, parent);
      const together = accesses.filter((a) => a.children?.table === table && a.children.fk === fk && a.table === parent);
      const alone = accesses.filter((a) => a.kind === 'read' && a.table === table && !a.children);
      const growing = perParent.atHorizon > Math.max(1, perParent.now) * GROWTH_FACTOR;
      const parentSize = documentBytes(schema, parent);
      const childSize = documentBytes(schema, table);
      const maxDocument = parentSize.max + Math.min(MAX_EMBEDDED, perParent.atHorizon) * childSize.max * 4;
      const boundedText = `${perParent.now} ${table.name} per ${parent.name} now, ${perParent.atHorizon} at the horizon`;
      const parentColumns = [...new Set(accesses.filter((a) => a.table === table && a.parent?.fk === fk).flatMap((a) => a.parent!.columns))];
      const field = table.name;
      const rationale: string[] = [];
      let decision: MongoRelationship['decision'] = 'reference';
      if (
        together.length &&
        !alone.length &&
        perParent.atHorizon <= MAX_EMBEDDED &&
        !growing &&
        maxDocument < MAX_DOCUMENT_BYTES &&
        !embedded.has(table.name)
      ) {
        decision = 'embed';
        rationale.push(
          `read together: ${together.map((a) => `\`${a.pattern}\``).join(', ')} read${together.length === 1 ? 's' : ''} a ${parent.name} with its ${table.name}`,
          `bounded: ${boundedText}; it does not grow per ${parent.name}`,
          `no pattern reads ${table.name} without its ${parent.name}`,
          `a ${parent.name} document with its ${table.name} is about ${formatBytes(parentSize.typical + perParent.atHorizon * childSize.typical)} (at most about ${formatBytes(maxDocument)} with four times the average), under the 16 MB document limit`,
        );
        embedded.set(table.name, { parent, fk });
      } else {
        if (together.length && alone.length)
          rationale.push(
            `${alone.map((a) => `\`${a.pattern}\``).join(', ')} read${alone.length === 1 ? 's' : ''} ${table.name} on its own: it keeps its own collection`,
          );
        if (growing) rationale.push(`unbounded: ${boundedText}; an array that keeps growing per ${parent.name} is never embedded`);
        else if (perParent.atHorizon > MAX_EMBEDDED) rationale.push(`too many: ${boundedText}, over the ${MAX_EMBEDDED} an embedded array holds here`);
        if (maxDocument >= MAX_DOCUMENT_BYTES) rationale.push(`a ${parent.name} with its ${table.name} could pass the 16 MB document limit`);
        if (!together.length)
          rationale.push(
            `no pattern reads a ${parent.name} with its ${table.name}: referenced by \`${fk.columns.filter((c) => c !== TENANT_COLUMN).join(', ')}\``,
          );
        if (parentColumns.length) {
          decision = 'extended-reference';
          const list = copies.get(table.name) ?? [];
          list.push({ fk, columns: new Set(parentColumns) });
          copies.set(table.name, list);
          const users = accesses.filter((a) => a.table === table && a.parent?.fk === fk).map((a) => `\`${a.pattern}\``);
          rationale.push(
            `${users.join(', ')} need${users.length === 1 ? 's' : ''} ${parent.name}'s ${parentColumns.join(', ')} with each ${table.name}: copied into \`${refName(fk)}\` (an extended reference), updated when the ${parent.name} changes`,
          );
        }
      }
      relationships.push({
        child: table.name,
        parent: parent.name,
        foreignKey: fk.name,
        decision,
        ...(decision === 'embed' ? { field } : decision === 'extended-reference' ? { field: refName(fk) } : {}),
        childrenPerParent: perParent,
        rationale,
      });
    }
  }

  // One level of embedding: an entity that holds embedded children is not itself embedded.
  for (const [child] of embedded)
    if ([...embedded.values()].some((e) => e.parent.name === child)) {
      embedded.delete(child);
      const r = relationships.find((x) => x.child === child && x.decision === 'embed')!;
      r.decision = 'reference';
      r.rationale.push(`${child} embeds its own children, so it keeps its own collection (one level of embedding)`);
      delete (r as { field?: string }).field;
    }

  const collections = new Map<string, CollectionPlan>();
  const home = new Map<string, { collection: string; as: 'collection' | 'embedded' | 'ids' }>();
  for (const table of schema.tables) {
    if (embedded.has(table.name) || linked.has(table.name)) continue;
    collections.set(table.name, { name: table.name, table, embeds: [], ids: [], extended: [] });
    home.set(table.name, { collection: table.name, as: 'collection' });
  }
  for (const [child, { parent, fk }] of embedded) {
    collections.get(parent.name)!.embeds.push({ field: child, child: schema.tables.find((t) => t.name === child)!, fk });
    home.set(child, { collection: parent.name, as: 'embedded' });
  }
  for (const [name, { holder, own, other }] of linked) {
    const link = schema.tables.find((t) => t.name === name)!;
    collections
      .get(holder.name)!
      .ids.push({ field: `${refName(other)}_ids`, link, own, other, column: other.columns.filter((c) => c !== TENANT_COLUMN).at(-1)! });
    home.set(name, { collection: holder.name, as: 'ids' });
  }
  for (const [child, list] of copies)
    for (const { fk, columns } of list)
      collections.get(child)?.extended.push({ field: refName(fk), parent: schema.tables.find((t) => t.name === fk.refTable)!, fk, columns: [...columns] });
  return { collections, relationships, home };
}

function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${formatCount(Math.round(bytes))} bytes`;
}
