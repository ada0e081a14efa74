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

/** Any NUL or surrogate at all: the quick test every string gets (most text has neither). */
const SUSPECT = /[\u0000\ud800-\udfff]/;

/** Every string (and object key) in `value` that cannot be stored, with its path (`decisions.1.note`); at most `max`. */
export function badTextIssues(value: unknown, max = 50): Issue[] {
  const out: Issue[] = [];
  // One path stack for the whole walk: a roster body has millions of strings, and a path is only
  // built for the few that are bad.
  const path: string[] = [];
  const check = (s: string, prefix = ''): void => {
    if (!SUSPECT.test(s)) return;
    const why = badTextReason(s);
    if (why) out.push({ path: path.length ? path.join('.') : '(badan permintaan)', message: prefix + why });
  };
  const walk = (v: unknown): void => {
    if (out.length >= max) return;
    if (typeof v === 'string') {
      check(v);
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length && out.length < max; i++) {
        path.push(String(i));
        walk(v[i]);
        path.pop();
      }
    } else if (v && typeof v === 'object') {
      for (const k in v as Record<string, unknown>) {
        if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
        path.push(SUSPECT.test(k) ? k.replaceAll(NUL, '\\u0000').replace(new RegExp(LONE_SURROGATE, 'g'), '\uFFFD') : k);
        if (out.length < max) check(k, 'nama kolom ');
        walk((v as Record<string, unknown>)[k]);
        path.pop();
      }
    }
  };
  walk(value);
  return out;
}
