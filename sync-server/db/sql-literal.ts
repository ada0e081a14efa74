/**
 * SQL literals for a SQLite script. `exec` runs many statements in one trip to the driver's thread but
 * takes no parameters, so the writer (db/statements.ts) writes a step's parameters into its statements
 * — only where the literal stores exactly what binding the parameter would (node-sqlite3's binding:
 * an int32 as INTEGER, any other number as REAL, a string as UTF-8 text, null as NULL). Anything else
 * gives null and the caller runs the statements one by one, prepared, with the parameters bound.
 */

/** A statement with `?` placeholders and its parameters. */
export interface Stmt {
  text: string;
  params: readonly unknown[];
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * The literal SQLite reads back as the value it would bind for `v`, or null:
 *  - null / undefined → NULL;
 *  - an integer in int32 range → its digits, in parentheses when negative (so `a-?` never becomes the
 *    comment `a--1`); larger integers, fractions, NaN and infinities are bound as REAL: null;
 *  - a string without NUL → quoted, `'` doubled (exec's text is a C string: NUL would cut it short).
 *    Lone surrogates are written in as binding writes them (U+FFFD, the same UTF-8 conversion);
 *  - anything else (boolean, Date, Buffer, object) → null.
 */
export function sqlLiteral(v: unknown): string | null {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < INT32_MIN || v > INT32_MAX) return null;
    const digits = String(Object.is(v, -0) ? 0 : v);
    return v < 0 ? `(${digits})` : digits;
  }
  if (typeof v === 'string') return v.includes('\0') ? null : `'${v.replaceAll("'", "''")}'`;
  return null;
}

/**
 * The statement with its parameters written in (`sqlLiteral`), or null when one cannot be, or when
 * the text has a quote or a comment, where a `?` need not be a placeholder.
 */
export function inlined(st: Stmt): string | null {
  if (/'|--|\/\*/.test(st.text)) return null;
  const parts = st.text.split('?');
  if (parts.length - 1 !== st.params.length) return null;
  let out = parts[0]!;
  for (let i = 0; i < st.params.length; i++) {
    const lit = sqlLiteral(st.params[i]);
    if (lit === null) return null;
    out += lit + parts[i + 1]!;
  }
  return out;
}
