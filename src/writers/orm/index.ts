import type { Schema } from '../../model/schema.js';
import type { Artifact } from '../artifacts.js';
import { writeDjango } from './django.js';
import { writeDrizzle } from './drizzle.js';
import type { OrmWriter } from './orm-file.js';
import { writePrisma } from './prisma.js';
import { writeSqlalchemy } from './sqlalchemy.js';
import { writeTypeorm } from './typeorm.js';

export type { OrmFile, OrmWriter } from './orm-file.js';

/** `--orm` name -> its writer. Adding a target is its file and one line here. */
const ORM_WRITERS: Readonly<Record<string, OrmWriter>> = {
  prisma: writePrisma,
  drizzle: writeDrizzle,
  typeorm: writeTypeorm,
  sqlalchemy: writeSqlalchemy,
  django: writeDjango,
};

export const ormTargets = (): string[] => Object.keys(ORM_WRITERS);

export function ormWriter(name: string): OrmWriter | undefined {
  return Object.hasOwn(ORM_WRITERS, name) ? ORM_WRITERS[name] : undefined;
}

/** The models of each named target as design-folder files under `orm/<target>/`, in the order given. */
export function renderOrmArtifacts(schema: Schema, targets: readonly string[]): Artifact[] {
  return targets.flatMap((target) => {
    const writer = ormWriter(target);
    if (!writer) throw new Error(`unknown ORM target ${target}; use ${ormTargets().join(', ')}`);
    return writer(schema).map((file) => ({ path: `orm/${target}/${file.path}`, content: file.text }));
  });
}
