/** Python's keywords and soft keywords: no attribute or class may be one. */
export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for from global if import in is ' +
    'lambda nonlocal not or pass raise return try while with yield match case type'
  ).split(' '),
);

/** A Python string literal in double quotes. */
export const pyString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

/** A Python literal for a model value. */
export const pyLiteral = (v: string | number | boolean) => (typeof v === 'string' ? pyString(v) : typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v));

export const pyComment = (s: string) => `# ${s.replace(/\n/g, ' ')}`;
