import { suggestion } from '../diagnostics/did-you-mean.js';
import type { Parsed } from './quantities.js';

export { SIMPLE_TYPES, ALL_TYPE_NAMES, fieldTypeSchema, type FieldType, type SimpleTypeName } from '../model/field-type.js';
import { ALL_TYPE_NAMES, SIMPLE_TYPES, type FieldType, type SimpleTypeName } from '../model/field-type.js';

export interface ParsedFieldType {
  readonly type: FieldType;
  /** The shorthand's trailing `!`. */
  readonly required: boolean;
}

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;
const ENUM_VALUE = /^[A-Za-z0-9_][A-Za-z0-9_ .:-]*$/;

/** Parses `string(120)!`, `ref(customer)`, `enum(a, b)`, `decimal(10,2)` and the plain names. */
export function parseFieldType(input: string): Parsed<ParsedFieldType> {
  let text = input.trim();
  const required = text.endsWith('!');
  if (required) text = text.slice(0, -1).trimEnd();
  const match = /^([a-z_]+)\s*(?:\((.*)\))?$/s.exec(text);
  const fail = (message: string, fix: string): Parsed<ParsedFieldType> => ({ ok: false, message, fix });
  if (!match)
    return fail(
      `\`${input}\` is not a field type`,
      'write a type such as `string(120)`, `int`, `ref(customer)` or `enum(a, b)`, with `!` at the end for required',
    );
  const name = match[1]!;
  const args = match[2] === undefined ? undefined : match[2].split(',').map((a) => a.trim());
  const ok = (type: FieldType): Parsed<ParsedFieldType> => ({ ok: true, value: { type, required } });

  switch (name) {
    case 'string': {
      const length = Number(args?.[0]);
      if (args?.length !== 1 || !Number.isInteger(length) || length < 1 || length > 10_485_760)
        return fail(`\`${input}\`: string needs one length between 1 and 10485760`, 'write `string(120)`, or `text` for unbounded text');
      return ok({ kind: 'string', length });
    }
    case 'decimal': {
      const [p, s = '0'] = args ?? [];
      const precision = Number(p);
      const scale = Number(s);
      if (
        !args ||
        args.length > 2 ||
        !Number.isInteger(precision) ||
        !Number.isInteger(scale) ||
        precision < 1 ||
        precision > 1000 ||
        scale < 0 ||
        scale > precision
      )
        return fail(`\`${input}\`: decimal needs a precision (1–1000) and a scale no larger than it`, 'write `decimal(12,2)`');
      return ok({ kind: 'decimal', precision, scale });
    }
    case 'enum': {
      const values = args ?? [];
      const bad = values.find((v) => !ENUM_VALUE.test(v));
      if (values.length === 0 || bad !== undefined)
        return fail(
          `\`${input}\`: enum needs a list of plain values${bad !== undefined ? ` (\`${bad}\` is not one)` : ''}`,
          'write `enum(draft, active, archived)`',
        );
      const duplicate = values.find((v, i) => values.indexOf(v) !== i);
      if (duplicate) return fail(`\`${input}\`: enum value \`${duplicate}\` is listed twice`, 'list each value once');
      return ok({ kind: 'enum', values });
    }
    case 'ref':
    case 'many': {
      const entity = args?.[0] ?? '';
      if (args?.length !== 1 || !IDENTIFIER.test(entity)) return fail(`\`${input}\`: ${name} needs one entity name`, `write \`${name}(customer)\``);
      return ok({ kind: name, entity });
    }
    default: {
      if ((SIMPLE_TYPES as readonly string[]).includes(name)) {
        if (args !== undefined) return fail(`\`${input}\`: ${name} takes no arguments`, `write \`${name}\``);
        return ok({ kind: name as SimpleTypeName });
      }
      return fail(`unknown type \`${name}\``, suggestion(name, ALL_TYPE_NAMES, 'a type:'));
    }
  }
}
