/**
 * Decisions the official record holds for people in this workbook, kept in the workbook's settings by
 * "Tarik data resmi": a decision is often recorded before its TMT, and the pull then puts the employee
 * in the new position with a TMT Jabatan still ahead of the as-of date. Where the Usulan row of that
 * decision is not in this workbook (a supervisor's copy made before approval, another office's list),
 * these entries tell the engine it is a recorded move, not a mistyped date (DATE_IN_FUTURE).
 */
import type { RecordedMove } from '../../shared/rules/types';
import { isoDate, parseDateText, type Day } from '../../shared/values/dates';

export const RECORDED_KEY = 'mutasi.keputusanTercatat';
/** Kept: decisions whose TMT is at most this many days past (only a TMT ahead of the as-of date needs one). */
const KEEP_DAYS = 400;
const MAX_ENTRIES = 5000;

type Stored = [recordNo: string, nip: string, toCode: string, effectiveDate: string];

/** The stored setting: [[recordNo, nip, toCode, yyyy-mm-dd], …] as JSON text; anything else reads as none. */
export function parseRecorded(v: unknown): RecordedMove[] {
  let rows: unknown = v;
  if (typeof v === 'string') {
    try {
      rows = JSON.parse(v);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(rows)) return [];
  const out: RecordedMove[] = [];
  for (const r of rows) {
    if (!isStoredMove(r)) continue;
    const [recordNo, nip, toCode, date] = r;
    const d = parseDateText(date);
    if (d !== null) out.push({ recordNo, nip, toCode, effectiveDate: d });
  }
  return out;
}

/** One stored entry: exactly four strings (an older or hand-edited setting may hold anything). */
function isStoredMove(r: unknown): r is Stored {
  return Array.isArray(r) && r.length === 4 && r.every((x) => typeof x === 'string');
}

/**
 * The entries after a pull: the ones kept before and the pulled decisions (one per record number, the
 * latest wins), only those with a TMT no more than KEEP_DAYS before `today`, at most MAX_ENTRIES (the
 * latest TMTs). On a reset the pulled snapshot replaces what was kept.
 */
export function mergeRecorded(
  kept: RecordedMove[],
  pulled: { recordNo: string; nip: string; toPositionCode?: string; effectiveDate?: string }[],
  today: Day,
  reset: boolean,
): RecordedMove[] {
  const byNo = new Map<string, RecordedMove>();
  if (!reset) for (const m of kept) byNo.set(m.recordNo, m);
  for (const d of pulled) {
    const day = d.effectiveDate ? parseDateText(d.effectiveDate) : null;
    if (!d.recordNo || !d.nip || !d.toPositionCode || day === null) continue;
    byNo.set(d.recordNo, { recordNo: d.recordNo, nip: d.nip, toCode: d.toPositionCode, effectiveDate: day });
  }
  return [...byNo.values()]
    .filter((m) => m.effectiveDate >= today - KEEP_DAYS)
    .sort((a, b) => b.effectiveDate - a.effectiveDate || a.recordNo.localeCompare(b.recordNo))
    .slice(0, MAX_ENTRIES);
}

export function serializeRecorded(moves: RecordedMove[]): string {
  return JSON.stringify(moves.map((m): Stored => [m.recordNo, m.nip, m.toCode, isoDate(m.effectiveDate)]));
}
