/**
 * Dates as whole days since 1970-01-01 (UTC): no time zones, cheap to compare. Parsing accepts what
 * WORKBOOK.md lists: Excel serial numbers, Date objects (exceljs), dd/mm/yyyy, dd-mm-yyyy,
 * d mmmm yyyy with Indonesian (or English) month names, ISO yyyy-mm-dd. Never mm/dd.
 */
export type Day = number;

const MS_DAY = 86_400_000;
/** Excel's serial number of 1970-01-01 (1900 date system, including its fictitious 29 Feb 1900). */
const EXCEL_EPOCH_OFFSET = 25569;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil), or null if no such date. */
export function dayFromYmd(y: number, m: number, d: number): Day | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  if (d > (m === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[m - 1]!)) return null;
  return civilDay(y, m, d);
}

/** Days since 1970-01-01 of a valid y-m-d, any year. */
function civilDay(y: number, m: number, d: number): Day {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The calendar date of a Day (Hinnant's civil_from_days). */
export function ymd(day: Day): { y: number; m: number; d: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export function isoDate(day: Day): string {
  const { y, m, d } = ymd(day);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** dd/mm/yyyy, as Indonesian offices write dates. */
export function idDate(day: Day): string {
  const { y, m, d } = ymd(day);
  return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
}

/**
 * Excel's 1900 date system counts a 29 Feb 1900 that never was (serial 60, kept for Lotus 1-2-3):
 * serials 1–59 are 1 Jan–28 Feb 1900, one day later than the offset from 1970 gives.
 */
export function excelSerialToDay(serial: number): Day {
  const s = Math.floor(serial);
  return s < 60 ? s - EXCEL_EPOCH_OFFSET + 1 : s - EXCEL_EPOCH_OFFSET;
}
const MARCH_1900 = 61 - EXCEL_EPOCH_OFFSET;
export function dayToExcelSerial(day: Day): number {
  return day < MARCH_1900 ? day + EXCEL_EPOCH_OFFSET - 1 : day + EXCEL_EPOCH_OFFSET;
}
export function dayToDate(day: Day): Date {
  return new Date(day * MS_DAY);
}
export function dateToDay(d: Date): Day {
  // Date objects come from exceljs (the CLI, the server, the browser host), which maps serial numbers to
  // UTC without a time zone; Office.js gives serial numbers. A time of day is dropped, as for a serial.
  return Math.floor(d.getTime() / MS_DAY);
}

/** Whole calendar months from a to b, like Excel's DATEDIF(a; b; "m"). Negative when b < a. */
export function monthsBetween(a: Day, b: Day): number {
  if (b < a) return -monthsBetween(b, a);
  const A = ymd(a);
  const B = ymd(b);
  let months = (B.y - A.y) * 12 + (B.m - A.m);
  if (B.d < A.d) months -= 1;
  return months;
}

/** The day a person born on `birth` reaches `years` of age (29 Feb birthdays fall on 1 Mar). */
export function anniversary(birth: Day, years: number): Day {
  const { y, m, d } = ymd(birth);
  const leapDay = m === 2 && d === 29 && !isLeap(y + years);
  // Not dayFromYmd: a (mistyped) birth late in its 1900–2200 range has an anniversary beyond it.
  return leapDay ? civilDay(y + years, 3, 1) : civilDay(y + years, m, d);
}

export function addMonths(day: Day, months: number): Day {
  const { y, m, d } = ymd(day);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return Math.round(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d, lastDay)) / MS_DAY);
}

const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, january: 1,
  februari: 2, pebruari: 2, feb: 2, peb: 2, february: 2,
  maret: 3, mar: 3, mrt: 3, march: 3,
  april: 4, apr: 4,
  mei: 5, may: 5,
  juni: 6, jun: 6, june: 6,
  juli: 7, jul: 7, july: 7,
  agustus: 8, agu: 8, agt: 8, ags: 8, agst: 8, agus: 8, aug: 8, august: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, oct: 10, october: 10,
  november: 11, nop: 11, nov: 11, nopember: 11,
  desember: 12, des: 12, dec: 12, december: 12,
};

const RE_DMY = /^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$/;
const RE_ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
/** `1 Maret 2019`, `1 Mrt. 2019`, and `01-Mar-2019` (Excel's d-mmm-yyyy shown as text). */
const RE_TEXT = /^(\d{1,2})(?:\s+|\s*-\s*)([A-Za-z]+)\.?(?:\s+|\s*-\s*)(\d{4})$/;

const textMemo = new Map<string, Day | null>();

/** A date from text, or null when it is not one of the accepted forms. Memoised: rosters repeat dates. */
export function parseDateText(raw: string): Day | null {
  let r = textMemo.get(raw);
  if (r === undefined) {
    r = parseDateTextUncached(raw);
    if (textMemo.size > 50_000) textMemo.clear();
    textMemo.set(raw, r);
  }
  return r;
}

function parseDateTextUncached(raw: string): Day | null {
  const s = raw.replace(/\u00a0/g, ' ').trim().replace(/\s+/g, ' ');
  let m = RE_DMY.exec(s);
  if (m) return dayFromYmd(+m[3]!, +m[2]!, +m[1]!);
  m = RE_ISO.exec(s);
  if (m) return dayFromYmd(+m[1]!, +m[2]!, +m[3]!);
  m = RE_TEXT.exec(s);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    return month ? dayFromYmd(+m[3]!, month, +m[1]!) : null;
  }
  return null;
}

/** Serial numbers outside 1900-01-01 … 2199-12-31 are not dates anyone keeps here; 60 is no date at all. */
export function parseDateSerial(n: number): Day | null {
  if (!Number.isFinite(n) || n < 1 || n > 109574 || Math.floor(n) === 60) return null;
  return excelSerialToDay(n);
}

/**
 * Today's date where the user is (the default as-of date): the local calendar date, not UTC's, which in
 * Indonesia (UTC+7 … +9) is still yesterday until 07:00–09:00 in the morning.
 */
export function today(now: Date = new Date()): Day {
  return dayFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate()) ?? Math.floor(now.getTime() / MS_DAY);
}
