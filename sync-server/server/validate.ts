/**
 * Request validation: a zod schema or a 400 that names each problem's path and reason (in
 * Indonesian, through zod's own `id` locale, set per parse so no global state changes).
 */
import { z } from 'zod';
import { HttpError } from './http-error';
import { badTextIssues } from './text-check';

const idLocale = z.locales.id();

export interface Issue {
  path: string;
  message: string;
}

export function issuePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(badan permintaan)' : path.map(String).join('.');
}

export function parseOr400<S extends z.ZodType>(schema: S, data: unknown, what = 'Permintaan'): z.output<S> {
  // Text no database can keep as sent (NUL, half an emoji) is refused first, the same on both.
  const bad = badTextIssues(data);
  if (bad.length > 0) throw new HttpError(400, { error: `${what} tidak valid`, issues: bad });
  const r = schema.safeParse(data, { error: idLocale.localeError });
  if (r.success) return r.data;
  const issues: Issue[] = r.error.issues.slice(0, 50).map((i) => ({ path: issuePath(i.path), message: i.message }));
  throw new HttpError(400, { error: `${what} tidak valid`, issues });
}
