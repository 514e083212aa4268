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
