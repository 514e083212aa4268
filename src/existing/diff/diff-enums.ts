import type { Change } from '../../model/change.js';
import type { EnumType } from '../../model/schema.js';
import { compareText } from './compare-text.js';

/**
 * Enum changes by name. Values only added (the old ones still in their order) become one
 * `add-enum-value` each, placed after the value before it (or before the first, when it leads);
 * a value removed or moved replaces the type, since no engine drops an enum value in place.
 */
export function diffEnums(from: readonly EnumType[], to: readonly EnumType[]): Change[] {
  const [before, after] = [new Map(from.map((e) => [e.name, e])), new Map(to.map((e) => [e.name, e]))];
  const names = [...new Set([...before.keys(), ...after.keys()])].sort(compareText);
  const changes: Change[] = [];
  for (const name of names) {
    const [a, b] = [before.get(name), after.get(name)];
    if (!a) changes.push({ kind: 'add-enum', enum: b! });
    else if (!b) changes.push({ kind: 'drop-enum', enum: a });
    else changes.push(...valueChanges(a, b));
  }
  return changes;
}

function valueChanges(a: EnumType, b: EnumType): Change[] {
  const old = new Set(a.values);
  const kept = b.values.filter((v) => old.has(v));
  if (kept.length !== a.values.length || kept.some((v, i) => v !== a.values[i])) return [{ kind: 'replace-enum', from: a, to: b }];
  return b.values.flatMap((value, i): Change[] => {
    if (old.has(value)) return [];
    return [
      i > 0
        ? { kind: 'add-enum-value', enum: a.name, value, after: b.values[i - 1]! }
        : { kind: 'add-enum-value', enum: a.name, value, ...(b.values.length > 1 ? { before: b.values[1]! } : {}) },
    ];
  });
}
