/**
 * The server's calendar is Indonesian Western time (WIB, UTC+7): "today" for the rules and the year
 * of a record number are those of the office, not of UTC (at 06:00 WIB on 1 January it is still the
 * old year in UTC).
 *
 * WIB is UTC+7 all year, without daylight saving, since 1 January 1964 (the tz database's Asia/Jakarta),
 * so the office's date is the UTC date seven hours later: plain arithmetic, not an Intl formatter on
 * every decision of the push path (test/server/clock.test.ts checks it against Intl's Asia/Jakarta).
 */
import { dayFromYmd, type Day } from '../../../shared/values/dates';

const OFFSET_MS = 7 * 3_600_000;

export function todayWib(now = new Date()): Day {
  const t = new Date(now.getTime() + OFFSET_MS);
  return dayFromYmd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate())!;
}

export function yearWib(now = new Date()): number {
  return new Date(now.getTime() + OFFSET_MS).getUTCFullYear();
}
