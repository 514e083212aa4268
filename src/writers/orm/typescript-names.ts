/** Words a TypeScript module-level name (a const, a class, an enum) may not be. */
export const TYPESCRIPT_RESERVED: ReadonlySet<string> = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with implements interface let package private ' +
    'protected public static yield await any boolean number string symbol undefined never object unknown bigint arguments eval ' +
    'Object String Number Boolean Date Array Map Set Promise Symbol BigInt Error JSON Math Function RegExp Buffer'
  ).split(' '),
);

/** A TypeScript string literal in single quotes. */
export const tsString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;

/** Text inside a template literal (`sql\`…\``): backslashes, backticks and `${` escaped. */
export const templateText = (s: string) => s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');

/** A property key: bare when it is an identifier, quoted otherwise. */
export const tsKey = (s: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s) ? s : tsString(s));

/** A comment line that cannot end the comment early. */
export const tsComment = (s: string) => `// ${s.replace(/\*\//g, '* /')}`;
