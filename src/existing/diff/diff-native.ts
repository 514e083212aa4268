import type { DialectDiff } from '../../dialects/diff.js';
import type { Change } from '../../model/change.js';
import type { NativeObject, Schema } from '../../model/schema.js';

/** A native object's identity: its kind, name and table (two tables may each have a trigger `audit`). */
const identity = (o: NativeObject) => `${o.kind}\u0000${o.table ?? ''}\u0000${o.name}`;

/**
 * Native objects by kind and name: missing ones added, gone ones dropped, a changed definition
 * dropped and added again. Partitions the design's upkeep names from their dates are left out on
 * both sides (they differ with the day the DDL ran; retention makes and drops them), while the
 * partitioning itself (the key) and any other partition (the default one, a hand-made one) are
 * compared. Drops come first, in reverse of the source's order (a trigger before its function),
 * then adds in the target's order (a function before its trigger).
 */
export function diffNative(from: Schema, to: Schema, hooks: DialectDiff): Change[] {
  const compared = (schema: Schema) => hooks.nativeObjects(schema).filter((o) => !hooks.isManagedPartition(o));
  const [before, after] = [compared(from), compared(to)];
  const keyOf = new Map<NativeObject, string>();
  const key = (o: NativeObject) => {
    let k = keyOf.get(o);
    if (k === undefined) keyOf.set(o, (k = hooks.nativeKey(o)));
    return k;
  };
  const [a, b] = [new Map(before.map((o) => [identity(o), o])), new Map(after.map((o) => [identity(o), o]))];
  const changed = (o: NativeObject, other: NativeObject | undefined) => other === undefined || key(o) !== key(other);
  const drops = before.filter((o) => changed(o, b.get(identity(o)))).reverse();
  const adds = after.filter((o) => changed(o, a.get(identity(o))));
  return [...drops.map((object): Change => ({ kind: 'drop-native', object })), ...adds.map((object): Change => ({ kind: 'add-native', object }))];
}
