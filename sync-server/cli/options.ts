/** Option parsing shared by commands: dates, language. Wrong values are UserErrors (exit 2). */
import { InvalidArgumentError } from 'commander';
import { dayFromYmd, type Day } from '../../shared/values/dates';
import type { Lang } from '../../shared/rules/types';

/**
 * The language of this invocation: `--lang en` (or `--lang=en`) anywhere on the command line, else
 * Indonesian. Read from the command line itself so that even an error met while commander is still
 * parsing (a wrong date before --lang) is said in the language asked for.
 */
export function invocationLang(argv: readonly string[] = process.argv): Lang {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--lang' && argv[i + 1] === 'en') return 'en';
    if (argv[i] === '--lang=en') return 'en';
  }
  return 'id';
}

/** The Indonesian or the English text, by the invocation's --lang. */
export const say = (id: string, en: string) => (invocationLang() === 'en' ? en : id);

export function parseAsOf(v: string): Day {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) throw new InvalidArgumentError(say(`tanggal harus berbentuk YYYY-MM-DD (mis. 2026-11-23), bukan "${v}"`, `a date must be YYYY-MM-DD (e.g. 2026-11-23), not "${v}"`));
  if (+m[1]! < 1900 || +m[1]! > 2200) throw new InvalidArgumentError(say(`tahun pada tanggal ${v} harus antara 1900 dan 2200`, `the year of ${v} must be between 1900 and 2200`));
  const d = dayFromYmd(+m[1]!, +m[2]!, +m[3]!);
  // The right shape but no such day (2026-13-40, 2026-02-29): say so, not "wrong format".
  if (d === null) {
    throw new InvalidArgumentError(
      say(`tanggal ${v} tidak ada di kalender (bulan 01–12, hari sesuai jumlah hari bulan itu)`, `${v} is not a day of the calendar (month 01–12, day within that month's days)`),
    );
  }
  return d;
}

export function parseLang(v: string): Lang {
  if (v !== 'id' && v !== 'en') throw new InvalidArgumentError(`bahasa harus "id" atau "en", bukan "${v}" (language must be "id" or "en")`);
  return v;
}

export function parsePositiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(say(`harus bilangan bulat positif, bukan "${v}"`, `must be a positive whole number, not "${v}"`));
  return n;
}
