/**
 * The follow-ups after the move in the official record (migration 0005): their rows, the conversion
 * to the API's FollowupRecord, and the reads the list, the report, the pull and the CLI share. A
 * recorded decision nobody has written a follow-up for yet is an empty follow-up (version 0) whose
 * unit is its receiving position's and whose baseline is the employee's SKP as the record holds it now.
 */
import type { Knex } from 'knex';
import type { Skp } from '../../shared/domain';
import { followupSettingsFrom, type FollowupRecord, type FollowupSettings, type Review } from '../../shared/followup';
import { getParameter } from './queries';

type Q = Knex | Knex.Transaction;

export interface FollowupRow {
  record_no: string;
  nip: string;
  to_code: string;
  unit: string;
  effective_date: string;
  spmt_date: string | null;
  spmt_note: string;
  reviews: string;
  skp_before: string;
  version: number;
  updated_at: string;
  updated_by: string;
}

export function followupFromRow(r: FollowupRow): FollowupRecord {
  return {
    recordNo: r.record_no, nip: r.nip, toPositionCode: r.to_code, unit: r.unit, effectiveDate: r.effective_date,
    spmtDate: r.spmt_date, spmtNote: r.spmt_note, reviews: JSON.parse(r.reviews) as Review[],
    skpBefore: JSON.parse(r.skp_before) as [Skp | null, Skp | null], version: Number(r.version),
    updatedAt: r.updated_at, updatedBy: r.updated_by,
  };
}

export function followupToRow(f: FollowupRecord): FollowupRow {
  return {
    record_no: f.recordNo, nip: f.nip, to_code: f.toPositionCode, unit: f.unit, effective_date: f.effectiveDate,
    spmt_date: f.spmtDate, spmt_note: f.spmtNote, reviews: JSON.stringify(f.reviews), skp_before: JSON.stringify(f.skpBefore),
    version: f.version, updated_at: f.updatedAt ?? '', updated_by: f.updatedBy ?? '',
  };
}

/** The SKP of the two years before, from an employee's stored profile (db/records.ts). */
export function baselineOf(profileJson: string | null | undefined): [Skp | null, Skp | null] {
  if (!profileJson) return [null, null];
  const p = JSON.parse(profileJson) as { skpLast?: Skp | null; skpBefore?: Skp | null };
  return [p.skpLast ?? null, p.skpBefore ?? null];
}

/** A recorded move with its follow-up (written or empty) and the names a list shows. */
export interface Move {
  followup: FollowupRecord;
  /** The TMT of the same person's next recorded move (its steps not done by then fall away), or null. */
  endedOn: string | null;
  name: string;
  fromPositionCode: string;
  toPosition: string;
}

export interface MoveFilter {
  /** The receiving unit. */
  unit?: string | null;
  recordNo?: string;
  /** TMT Mutasi range, inclusive, ISO. */
  from?: string;
  to?: string;
}

interface MoveRow {
  record_no: string;
  nip: string;
  from_code: string;
  to_code: string;
  effective_date: string;
  p_unit: string | null;
  p_name: string | null;
  e_name: string | null;
  e_profile: string | null;
  f_record_no: string | null;
}

export async function loadMoves(q: Q, f: MoveFilter = {}): Promise<Move[]> {
  const base = q('decisions as d')
    .leftJoin('positions as p', 'p.code', 'd.to_code')
    .leftJoin('employees as e', 'e.nip', 'd.nip')
    .leftJoin('followups as f', 'f.record_no', 'd.record_no')
    .select(
      'd.record_no', 'd.nip', 'd.from_code', 'd.to_code', 'd.effective_date',
      'p.unit as p_unit', 'p.name as p_name', 'e.name as e_name',
      // The employee's profile (for the baseline) only where no follow-up holds one yet.
      q.raw('CASE WHEN f.record_no IS NULL THEN e.profile END AS e_profile'),
      // Where this move ends: the TMT of the same person's next recorded move (in TMT, then record order).
      q.raw(`(SELECT MIN(n.effective_date) FROM decisions n
               WHERE n.nip = d.nip AND (n.effective_date > d.effective_date OR (n.effective_date = d.effective_date AND n.record_no > d.record_no))) AS ended_on`),
      'f.record_no as f_record_no', 'f.unit as f_unit', 'f.spmt_date as f_spmt_date', 'f.spmt_note as f_spmt_note',
      'f.reviews as f_reviews', 'f.skp_before as f_skp_before', 'f.version as f_version', 'f.updated_at as f_updated_at',
      'f.updated_by as f_updated_by', 'f.to_code as f_to_code', 'f.effective_date as f_effective_date', 'f.nip as f_nip',
    )
    .orderBy('d.record_no');
  if (f.recordNo) base.where('d.record_no', f.recordNo);
  if (f.from) base.where('d.effective_date', '>=', f.from);
  if (f.to) base.where('d.effective_date', '<=', f.to);
  if (f.unit) {
    const unit = f.unit;
    base.where((w) => w.where('f.unit', unit).orWhere((w2) => w2.whereNull('f.record_no').andWhere('p.unit', unit)));
  }
  const rows = (await base) as (MoveRow & Record<string, unknown>)[];
  const moves: Move[] = rows.map((r) => {
    const followup: FollowupRecord = r.f_record_no
      ? followupFromRow({
          record_no: r.record_no, nip: r.f_nip as string, to_code: r.f_to_code as string, unit: r.f_unit as string,
          effective_date: r.f_effective_date as string, spmt_date: (r.f_spmt_date as string | null) ?? null, spmt_note: r.f_spmt_note as string,
          reviews: r.f_reviews as string, skp_before: r.f_skp_before as string, version: Number(r.f_version),
          updated_at: r.f_updated_at as string, updated_by: r.f_updated_by as string,
        })
      : emptyFollowup(r);
    return { followup, endedOn: (r.ended_on as string | null) ?? null, name: r.e_name ?? '', fromPositionCode: r.from_code, toPosition: r.p_name ?? r.to_code };
  });
  return moves;
}

function emptyFollowup(r: MoveRow): FollowupRecord {
  return {
    recordNo: r.record_no, nip: r.nip, toPositionCode: r.to_code, unit: r.p_unit ?? '', effectiveDate: r.effective_date,
    spmtDate: null, spmtNote: '', reviews: [], skpBefore: baselineOf(r.e_profile), version: 0, updatedAt: null, updatedBy: null,
  };
}

/** The follow-up settings: the stored Aturan parameters (roster import), each with its default. */
export async function readFollowupSettings(q: Q): Promise<FollowupSettings> {
  return followupSettingsFrom(await getParameter<unknown>(q, 'settings'));
}

/** Written follow-ups (for the pull's snapshot), of one receiving unit or all. */
export async function listFollowups(q: Q, unit: string | null): Promise<FollowupRecord[]> {
  const base = q('followups').orderBy('record_no');
  if (unit) base.where({ unit });
  return ((await base) as FollowupRow[]).map(followupFromRow);
}
