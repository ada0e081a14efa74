/** Option parsing shared by commands: dates, language. Wrong values are UserErrors (exit 2). */
import { InvalidArgumentError } from 'commander';
import { dayFromYmd, type Day } from '../../shared/values/dates';
import type { Lang } from '../../shared/rules/types';

export function parseAsOf(v: string): Day {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) throw new InvalidArgumentError(`tanggal harus berbentuk YYYY-MM-DD (mis. 2026-11-23), bukan "${v}"`);
  if (+m[1]! < 1900 || +m[1]! > 2200) throw new InvalidArgumentError(`tahun pada tanggal ${v} harus antara 1900 dan 2200`);
  const d = dayFromYmd(+m[1]!, +m[2]!, +m[3]!);
  // The right shape but no such day (2026-13-40, 2026-02-29): say so, not "wrong format".
  if (d === null) throw new InvalidArgumentError(`tanggal ${v} tidak ada di kalender (bulan 01–12, hari sesuai jumlah hari bulan itu)`);
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
