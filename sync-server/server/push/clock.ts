/**
 * The server's calendar is Indonesian Western time (WIB, UTC+7): "today" for the rules and the year
 * of a record number are those of the office, not of UTC (at 06:00 WIB on 1 January it is still the
 * old year in UTC).
 */
import { parseDateText, type Day } from '../../../shared/values/dates';

const WIB = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' });

export function todayWib(now = new Date()): Day {
  return parseDateText(WIB.format(now))!;
}

export function yearWib(now = new Date()): number {
  return Number(WIB.format(now).slice(0, 4));
}
