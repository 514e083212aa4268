import type { core } from 'zod';
import { suggestion } from '../diagnostics/did-you-mean.js';
import type { ProblemList } from './problem.js';
import { allowedKeysAt } from './spec-schema.js';

type Issue = core.$ZodIssue;
type Path = (string | number)[];

const describeValue = (value: unknown): string =>
  value === undefined
    ? 'nothing'
    : value === null
      ? 'null (an empty value)'
      : Array.isArray(value)
        ? 'a list'
        : typeof value === 'object'
          ? 'a map'
          : `${typeof value} \`${String(value)}\``;

const valueAt = (root: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined), root);

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: '`true` or `false`',
  object: 'a map of keys to values',
  array: 'a list',
  record: 'a map of names to definitions',
};

/** Turns zod's structural issues into problems a spec author can act on, with "did you mean". */
export function reportZodIssues(issues: readonly Issue[], root: unknown, problems: ProblemList, prefix: Path = []): void {
  for (const issue of issues) {
    const path: Path = [...prefix, ...(issue.path as Path)];
    const value = valueAt(root, path);
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          const allowed = allowedKeysAt(path);
          problems.error([...path, key], 'spec/unknown-key', `unknown key \`${key}\``, suggestion(key, allowed, 'one of'), { at: 'key' });
        }
        break;
      case 'invalid_type':
        if (value === undefined) {
          const key = path[path.length - 1];
          problems.error(path.slice(0, -1), 'spec/missing-key', `missing required key \`${String(key)}\``, `add \`${String(key)}:\` here (see docs/spec.md)`);
        } else {
          problems.error(
            path,
            'spec/wrong-type',
            `expected ${EXPECTED[issue.expected] ?? issue.expected}, found ${describeValue(value)}`,
            'see docs/spec.md for the form of this key',
          );
        }
        break;
      case 'invalid_value': {
        const options = issue.values.map(String);
        const fix = path[path.length - 1] === 'version' ? 'write `version: 1`' : suggestion(String(value), options, 'one of');
        problems.error(path, 'spec/bad-value', `\`${String(value)}\` is not allowed here`, fix);
        break;
      }
      case 'invalid_union': {
        // A field is a type string or a map: report the branch that matches the value's shape.
        const branch = issue.errors.find((errs) => !errs.some((e) => e.code === 'invalid_type' && e.path.length === 0));
        if (branch) reportZodIssues(branch, root, problems, path);
        else problems.error(path, 'spec/wrong-type', `found ${describeValue(value)}, which is not allowed here`, unionFix(path));
        break;
      }
      case 'too_small':
        problems.error(path, 'spec/empty-list', 'this list is empty', 'list at least one item, or remove the key');
        break;
      default:
        problems.error(path, 'spec/invalid', issue.message, 'see docs/spec.md for the form of this key');
    }
  }
}

function unionFix(path: Path): string {
  const last = path[path.length - 1];
  if (path[0] === 'entities' && path[2] === 'fields') return 'write a type such as `string(120)!`, or a map such as `{ type: email, required: true }`';
  if (last === 'rows' || last === 'tenants') return 'write a count such as `5000` or `1.2M`';
  if (last === 'rate') return 'write a rate such as `400/s`';
  if (last === 'availability') return 'write a percentage such as `99.95%`';
  if (last === 'default') return 'write a string, number or boolean';
  return 'see docs/spec.md for the form of this key';
}
