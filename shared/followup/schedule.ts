/**
 * Due dates and states of a move's follow-up, pure (no clock: the date `at` is always given).
 *
 *  - SPMT is due by TMT Mutasi + `Batas SPMT (hari)` (default 30). Recorded on or before that day: on
 *    time; after it: late; not recorded: `due` from TMT to the last day, `overdue` after it.
 *  - A review is due at TMT Mutasi + each of `Evaluasi Pasca Mutasi (bulan)` (default 6 and 12) whole
 *    calendar months. A month that has no such day ends the month instead (31 January + 1 month is
 *    28 or 29 February; 29 February + 12 months is 28 February). It is listed as `due` from
 *    REVIEW_NOTICE_DAYS before that day, `overdue` after it. A review whose action is `Evaluasi ulang`
 *    (PP 30/2019: a period to improve) schedules one more review RE_REVIEW_MONTHS after it.
 *  - A TMT on a Saturday, a Sunday or a holiday is still the date: nothing is moved to a working day.
 */
import { addMonths, isoDate, parseDateText, type Day } from '../values/dates';
import { SKP, type Skp } from '../domain';
import type { FollowupAction } from './types';
import type { Settings } from '../model';

export interface FollowupSettings {
  spmtDays: number;
  reviewMonths: number[];
}

export const DEFAULT_FOLLOWUP_SETTINGS: FollowupSettings = { spmtDays: 30, reviewMonths: [6, 12] };
/** A review shows in the list this many days before its day. */
export const REVIEW_NOTICE_DAYS = 30;
/** The period to improve after `Evaluasi ulang`, months. */
export const RE_REVIEW_MONTHS = 6;
export const MAX_REVIEW_MONTH = 120;
export const MAX_SPMT_DAYS = 365;
/** The report's default period: moves with a TMT in the 24 months up to the date. */
export const REPORT_MONTHS = 24;

/**
 * `Evaluasi Pasca Mutasi (bulan)` as people type it: `6; 12`, `6,12`, `6 dan 12`, `6 & 12`, `12 6`,
 * or one number. Sorted, each once; null when it is not a list of whole months 1–120.
 */
export function parseReviewMonths(v: unknown): number[] | null {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 1 && v <= MAX_REVIEW_MONTH ? [v] : null;
  if (Array.isArray(v)) {
    if (v.length === 0 || !v.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_REVIEW_MONTH)) return null;
    return [...new Set(v as number[])].sort((a, b) => a - b);
  }
  if (typeof v !== 'string') return null;
  const parts = v.trim().toLowerCase().split(/\s*(?:;|,|\/|&|\+|\bdan\b|\band\b|\s)\s*/).filter((p) => p !== '' && p !== 'bulan');
  if (parts.length === 0) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n < 1 || n > MAX_REVIEW_MONTH) return null;
    out.push(n);
  }
  return [...new Set(out)].sort((a, b) => a - b);
}

/**
 * The follow-up settings from the agency's stored rule parameters: the Settings the roster import
 * stored from sheet Aturan (`spmtDays` ← Batas SPMT (hari), `postMoveReviewMonths` ← Evaluasi Pasca
 * Mutasi (bulan), shared/workbook/settings.ts), each one falling back to its default when absent (a
 * record imported before these settings existed) or unreadable.
 */
export function followupSettingsFrom(stored: unknown): FollowupSettings {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Partial<Pick<Settings, 'spmtDays' | 'postMoveReviewMonths'>> & Record<string, unknown>;
  const days = s.spmtDays;
  const months = parseReviewMonths(s.postMoveReviewMonths ?? null);
  return {
    spmtDays: typeof days === 'number' && Number.isInteger(days) && days >= 0 && days <= MAX_SPMT_DAYS ? days : DEFAULT_FOLLOWUP_SETTINGS.spmtDays,
    reviewMonths: months ?? [...DEFAULT_FOLLOWUP_SETTINGS.reviewMonths],
  };
}

export function spmtDueDate(tmt: Day, spmtDays: number): Day {
  return tmt + spmtDays;
}

export function reviewDueDate(tmt: Day, months: number): Day {
  return addMonths(tmt, months);
}

export type ItemStatus = 'done' | 'late' | 'due' | 'overdue' | 'upcoming';

export interface FollowupItem {
  kind: 'spmt' | 'review';
  /** The review's month; null for SPMT. */
  month: number | null;
  dueDate: Day;
  status: ItemStatus;
  /** When it was done (SPMT date, review date). */
  doneDate: Day | null;
  /** Days past the due date (overdue, or late for an SPMT); 0 otherwise. */
  daysLate: number;
}

/** What the schedule needs of a follow-up (a FollowupRecord has it). */
export interface FollowupFacts {
  spmtDate: string | null;
  reviews: readonly { month: number; reviewDate: string; skp: Skp; action: FollowupAction }[];
  /**
   * The TMT of the same person's next recorded move, if any: from that day the person is no longer in
   * this post, so a step of this move not done by then falls away (it is neither due nor overdue).
   */
  endedOn?: string | null;
}

/** The review months of one move: the agency's schedule plus the re-reviews its `Evaluasi ulang` actions called for. */
export function reviewMonthsOf(f: FollowupFacts, settings: FollowupSettings): number[] {
  const months = new Set(settings.reviewMonths);
  for (const r of f.reviews) {
    months.add(r.month);
    if (r.action === 'Evaluasi ulang' && r.month + RE_REVIEW_MONTHS <= MAX_REVIEW_MONTH) months.add(r.month + RE_REVIEW_MONTHS);
  }
  return [...months].sort((a, b) => a - b);
}

/** Every step of one move's follow-up and its state at `at` (steps that fell away with a later move left out). */
export function followupItems(tmt: Day, f: FollowupFacts, settings: FollowupSettings, at: Day): FollowupItem[] {
  const ended = f.endedOn ? parseDateText(f.endedOn) : null;
  return allItems(tmt, f, settings, at).filter((it) => it.doneDate !== null || ended === null || it.dueDate < ended);
}

function allItems(tmt: Day, f: FollowupFacts, settings: FollowupSettings, at: Day): FollowupItem[] {
  const out: FollowupItem[] = [];
  const spmtDue = spmtDueDate(tmt, settings.spmtDays);
  const spmt = f.spmtDate ? parseDateText(f.spmtDate) : null;
  if (spmt !== null) {
    out.push({ kind: 'spmt', month: null, dueDate: spmtDue, status: spmt <= spmtDue ? 'done' : 'late', doneDate: spmt, daysLate: Math.max(0, spmt - spmtDue) });
  } else {
    const status: ItemStatus = at < tmt ? 'upcoming' : at <= spmtDue ? 'due' : 'overdue';
    out.push({ kind: 'spmt', month: null, dueDate: spmtDue, status, doneDate: null, daysLate: status === 'overdue' ? at - spmtDue : 0 });
  }
  const byMonth = new Map(f.reviews.map((r) => [r.month, r]));
  for (const month of reviewMonthsOf(f, settings)) {
    const due = reviewDueDate(tmt, month);
    const r = byMonth.get(month);
    if (r) {
      out.push({ kind: 'review', month, dueDate: due, status: 'done', doneDate: parseDateText(r.reviewDate), daysLate: 0 });
      continue;
    }
    const status: ItemStatus = at < due - REVIEW_NOTICE_DAYS ? 'upcoming' : at <= due ? 'due' : 'overdue';
    out.push({ kind: 'review', month, dueDate: due, status, doneDate: null, daysLate: status === 'overdue' ? at - due : 0 });
  }
  return out;
}

// ---- SKP after the move against the two years before ----
/** Sangat Baik 5 … Sangat Kurang 1. */
export function skpRank(s: Skp): number {
  return SKP.length - SKP.indexOf(s);
}

export type SkpTrend = 'higher' | 'same' | 'lower';

/**
 * The SKP after the move against the two years before: `higher` than both years, `lower` than both,
 * `same` otherwise (equal to one of them, or between them). One known year is compared alone; null
 * when nothing is known before, or no review has an SKP yet.
 */
export function skpTrend(after: Skp | null, before: readonly (Skp | null)[]): SkpTrend | null {
  if (!after) return null;
  const known = before.filter((b): b is Skp => b !== null && (SKP as readonly string[]).includes(b)).map(skpRank);
  if (known.length === 0) return null;
  const a = skpRank(after);
  if (a > Math.max(...known)) return 'higher';
  if (a < Math.min(...known)) return 'lower';
  return 'same';
}

/** The review of the latest month, if any. */
export function latestReview<R extends { month: number }>(reviews: readonly R[]): R | null {
  let best: R | null = null;
  for (const r of reviews) if (!best || r.month > best.month) best = r;
  return best;
}

/**
 * For succession (ready-now): does this person's latest post-move review show a drop — an SKP lower
 * than both years before the move (or the one known)? A later review that is no longer lower clears it.
 */
export function latestReviewShowsDrop(f: { reviews: readonly { month: number; skp: Skp }[]; skpBefore: readonly (Skp | null)[] }): boolean {
  const last = latestReview(f.reviews);
  return last !== null && skpTrend(last.skp, f.skpBefore) === 'lower';
}

/**
 * For succession (ready-now), over all of one person's follow-ups (one per move): does the latest
 * review — by review date, across their moves — show an SKP lower than the two years before that move?
 * False when no review exists or nothing is known before. A later review that is no longer lower
 * clears it, so a person leaves the ready-now class only until a review says otherwise.
 */
export function personShowsDrop(followups: readonly { reviews: readonly { month: number; reviewDate: string; skp: Skp }[]; skpBefore: readonly (Skp | null)[] }[]): boolean {
  let best: { date: string; month: number; skp: Skp; before: readonly (Skp | null)[] } | null = null;
  for (const f of followups) {
    for (const r of f.reviews) {
      if (!best || r.reviewDate > best.date || (r.reviewDate === best.date && r.month > best.month)) best = { date: r.reviewDate, month: r.month, skp: r.skp, before: f.skpBefore };
    }
  }
  return best !== null && skpTrend(best.skp, best.before) === 'lower';
}

// ---- the list and the report ----
export interface MoveFollowup extends FollowupFacts {
  recordNo: string;
  nip: string;
  unit: string;
  effectiveDate: string;
  reviews: readonly { month: number; reviewDate: string; skp: Skp; action: FollowupAction }[];
  skpBefore: readonly (Skp | null)[];
}

export interface DueItem extends Omit<FollowupItem, 'dueDate' | 'doneDate'> {
  recordNo: string;
  nip: string;
  unit: string;
  effectiveDate: string;
  dueDate: string;
}

/** What is due or overdue at `at`, overdue first (most days late first), then by due date. */
export function dueList(moves: readonly MoveFollowup[], settings: FollowupSettings, at: Day): DueItem[] {
  const out: DueItem[] = [];
  for (const m of moves) {
    const tmt = parseDateText(m.effectiveDate);
    if (tmt === null) continue;
    for (const it of followupItems(tmt, m, settings, at)) {
      if (it.status !== 'due' && it.status !== 'overdue') continue;
      out.push({
        recordNo: m.recordNo, nip: m.nip, unit: m.unit, effectiveDate: m.effectiveDate,
        kind: it.kind, month: it.month, dueDate: isoDate(it.dueDate), status: it.status, daysLate: it.daysLate,
      });
    }
  }
  const rank = (s: ItemStatus) => (s === 'overdue' ? 0 : 1);
  // ISO dates and record numbers compare as plain strings (no locale collation: thousands of items).
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return out.sort((a, b) => rank(a.status) - rank(b.status) || b.daysLate - a.daysLate || cmp(a.dueDate, b.dueDate) || cmp(a.recordNo, b.recordNo) || (a.month ?? 0) - (b.month ?? 0));
}

export interface UnitReport {
  unit: string;
  moves: number;
  /** onTime / late: recorded; missing: not recorded and past the limit; pending: not recorded, still within it (or TMT ahead). */
  spmt: { onTime: number; late: number; missing: number; pending: number };
  reviews: { done: number; due: number; overdue: number; upcoming: number };
  /** Latest review's SKP against the two years before; `unknown`: no review yet or nothing known before. */
  skp: { higher: number; same: number; lower: number; unknown: number };
}

/** The report per receiving unit (sorted by unit name), and the total over all of them as unit "". */
export function followupReport(moves: readonly MoveFollowup[], settings: FollowupSettings, at: Day): { units: UnitReport[]; total: UnitReport } {
  const blank = (unit: string): UnitReport => ({
    unit, moves: 0, spmt: { onTime: 0, late: 0, missing: 0, pending: 0 },
    reviews: { done: 0, due: 0, overdue: 0, upcoming: 0 }, skp: { higher: 0, same: 0, lower: 0, unknown: 0 },
  });
  const byUnit = new Map<string, UnitReport>();
  const total = blank('');
  for (const m of moves) {
    const tmt = parseDateText(m.effectiveDate);
    if (tmt === null) continue;
    let u = byUnit.get(m.unit);
    if (!u) byUnit.set(m.unit, (u = blank(m.unit)));
    for (const r of [u, total]) r.moves++;
    for (const it of followupItems(tmt, m, settings, at)) {
      for (const r of [u, total]) {
        if (it.kind === 'spmt') {
          if (it.status === 'done') r.spmt.onTime++;
          else if (it.status === 'late') r.spmt.late++;
          else if (it.status === 'overdue') r.spmt.missing++;
          else r.spmt.pending++;
        } else if (it.status === 'done' || it.status === 'due' || it.status === 'overdue' || it.status === 'upcoming') {
          r.reviews[it.status]++;
        }
      }
    }
    const last = latestReview(m.reviews);
    const trend = skpTrend(last?.skp ?? null, m.skpBefore);
    for (const r of [u, total]) r.skp[trend ?? 'unknown']++;
  }
  return { units: [...byUnit.values()].sort((a, b) => a.unit.localeCompare(b.unit, 'id')), total };
}
