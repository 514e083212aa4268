import { distance } from 'fastest-levenshtein';
import { type RenameCandidate, tableKey } from '../../model/change.js';
import type { Column, Table } from '../../model/schema.js';
import { compareText } from './compare-text.js';
import { stableKey } from './stable-key.js';

/** A dropped and an added table sharing at least this share of their columns (name and type) may be one renamed. */
const TABLE_THRESHOLD = 0.5;

const round = (n: number) => Math.round(n * 100) / 100;
const typeOf = (c: Column) => stableKey(c.type);

/**
 * Pairs of a dropped and an added table that share most of their columns (same name, same type):
 * the confidence is the shared share of both tables' columns (Jaccard), one candidate per pair.
 */
export function tableRenameCandidates(dropped: readonly Table[], added: readonly Table[]): RenameCandidate[] {
  const out: RenameCandidate[] = [];
  for (const a of dropped) {
    const columnsOfA = new Set(a.columns.map((c) => `${c.name}\u0000${typeOf(c)}`));
    for (const b of added) {
      const shared = b.columns.filter((c) => columnsOfA.has(`${c.name}\u0000${typeOf(c)}`)).length;
      const union = a.columns.length + b.columns.length - shared;
      const confidence = union === 0 ? 0 : shared / union;
      if (confidence < TABLE_THRESHOLD) continue;
      const [from, to] = [tableKey(a), tableKey(b)];
      out.push({
        kind: 'table',
        from,
        to,
        confidence: round(confidence),
        basis: `${to} is added and ${from} dropped, and they share ${shared} of their ${union} columns by name and type`,
        hint: `${from}=${to}`,
      });
    }
  }
  return out;
}

/**
 * Pairs of a dropped and an added column of one table with the same type. The type is required;
 * the confidence adds up what else agrees: 0.5 for the type, 0.2 for nullability and default,
 * 0.1 for the same position among the columns, and up to 0.2 for how alike the names are.
 */
export function columnRenameCandidates(
  table: string,
  sourceTable: string,
  from: Table,
  to: Table,
  dropped: readonly Column[],
  added: readonly Column[],
): RenameCandidate[] {
  const out: RenameCandidate[] = [];
  for (const a of dropped) {
    for (const b of added) {
      if (typeOf(a) !== typeOf(b)) continue;
      const reasons = ['the same type'];
      let confidence = 0.5;
      if (a.nullable === b.nullable && stableKey(a.default) === stableKey(b.default)) {
        confidence += 0.2;
        reasons.push(`the same nullability and default`);
      }
      if (from.columns.indexOf(a) === to.columns.indexOf(b)) {
        confidence += 0.1;
        reasons.push('the same position');
      }
      const longest = Math.max(a.name.length, b.name.length);
      const likeness = longest === 0 ? 0 : 1 - distance(a.name, b.name) / longest;
      confidence += 0.2 * likeness;
      if (likeness >= 0.5) reasons.push('alike names');
      out.push({
        kind: 'column',
        table,
        from: a.name,
        to: b.name,
        confidence: round(confidence),
        basis: `${table}.${b.name} is added and ${table}.${a.name} dropped, with ${joinReasons(reasons)}`,
        hint: `${sourceTable}.${a.name}=${table}.${b.name}`,
      });
    }
  }
  return out;
}

const joinReasons = (reasons: readonly string[]) => (reasons.length < 2 ? reasons.join('') : `${reasons.slice(0, -1).join(', ')} and ${reasons.at(-1)}`);

/** Most likely first; ties by kind, table and names, so the order never depends on the input's. */
export function sortCandidates(candidates: RenameCandidate[]): RenameCandidate[] {
  return candidates.sort(
    (x, y) =>
      y.confidence - x.confidence ||
      compareText(x.kind, y.kind) ||
      compareText(x.table ?? '', y.table ?? '') ||
      compareText(x.from, y.from) ||
      compareText(x.to, y.to),
  );
}
