/**
 * Text the official record cannot keep as it was sent: a NUL character (PostgreSQL refuses it in
 * text, so every retry would be a 500) and a lone UTF-16 surrogate — half of an emoji, what Excel
 * leaves when it cuts a text at a length — which has no UTF-8 form: SQLite would store U+FFFD
 * instead, other bytes than the audit entry hashed, and `audit verify` would then cry tampering.
 * Such text is refused before anything is read or written, naming the field, identically on both
 * databases (keys of roster rows included: a header is text too).
 */
import type { Issue } from './validate';

const NUL = '\u0000';
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `s` cannot be stored, or null when it can. */
export function badTextReason(s: string): string | null {
  if (s.includes(NUL)) return 'berisi karakter NUL (\\u0000), yang tidak dapat disimpan; hapus karakter itu';
  if (LONE_SURROGATE.test(s)) {
    return 'berisi separuh karakter (surrogate UTF-16 tanpa pasangan, mis. emoji yang terpotong saat teks dipendekkan); hapus atau ketik ulang karakter itu';
  }
  return null;
}

/** Every string (and object key) in `value` that cannot be stored, with its path (`decisions.1.note`); at most `max`. */
export function badTextIssues(value: unknown, max = 50): Issue[] {
  const out: Issue[] = [];
  const walk = (v: unknown, path: string[]) => {
    if (out.length >= max) return;
    if (typeof v === 'string') {
      const why = badTextReason(v);
      if (why) out.push({ path: path.length ? path.join('.') : '(badan permintaan)', message: why });
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, [...path, String(i)]));
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const why = badTextReason(k);
        if (why && out.length < max) out.push({ path: [...path, k.replaceAll(NUL, '\\u0000').replace(new RegExp(LONE_SURROGATE, 'g'), '\uFFFD')].join('.'), message: `nama kolom ${why}` });
        walk(x, [...path, k]);
      }
    }
  };
  walk(value, []);
  return out;
}
