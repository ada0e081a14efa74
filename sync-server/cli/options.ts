/** Option parsing shared by commands: dates, language. Wrong values are UserErrors (exit 2). */
import { InvalidArgumentError } from 'commander';
import { dayFromYmd, type Day } from '../../shared/values/dates';
import type { Lang } from '../../shared/rules/types';

export function parseAsOf(v: string): Day {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const d = m ? dayFromYmd(+m[1]!, +m[2]!, +m[3]!) : null;
  if (d === null) throw new InvalidArgumentError(`tanggal harus berbentuk YYYY-MM-DD (mis. 2026-11-23), bukan "${v}"`);
  return d;
}

export function parseLang(v: string): Lang {
  if (v !== 'id' && v !== 'en') throw new InvalidArgumentError(`bahasa harus "id" atau "en", bukan "${v}"`);
  return v;
}

export function parsePositiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`harus bilangan bulat positif, bukan "${v}"`);
  return n;
}
