/**
 * Writing follow-ups, with the guarantees decisions have: one write transaction holding the writer
 * lock (db/writer.ts), each entry in order, its writes one atomic step (`w.writeAll`), with its own result:
 *  - `duplicate`: this mutationId was written before with the same content — the original result
 *    again, nothing written twice;
 *  - `conflict`: the mutationId was used before for other content (MUTATION_REUSED), or `baseVersion`
 *    is not the follow-up's version (VERSION_STALE: someone wrote it first) — the current state with it;
 *  - `rejected`: no such decision, outside the token's unit, a date before TMT Mutasi or after today,
 *    a review month that is not on the schedule — with the field named; nothing written;
 *  - `recorded`: the follow-up's new version from the one change counter (pull: kind `followup`), an
 *    audit entry chained like every other, and the mutation id with its result.
 * Nothing is answered before the commit is on disk; a failed commit fails the request (5xx) and a retry
 * with the same mutation ids writes each once.
 */
import type { Db } from '../../db/connect';
import { stableStringify, sha256Hex } from '../../db/hash';
import { baselineOf, followupFromRow, followupToRow, type FollowupRow } from '../../db/followups';
import { withWriter, type Stmt, type Writer } from '../../db/writer';
import type { TokenInfo } from '../../db/tokens';
import { followupSettingsFrom, reviewMonthsOf, type FollowupRecord, type FollowupSettings, type Review } from '../../../shared/followup';
import { idDate, isoDate, parseDateText } from '../../../shared/values/dates';
import { todayWib } from '../push/clock';
import type { FollowupEntry, FollowupResult } from './schemas';

export const FOLLOWUP_ACTION = { spmt: 'followup.spmt', review: 'followup.review' } as const;

export interface WriteContext {
  token: TokenInfo;
  /** Tests pin the clock; the server uses now. */
  now?: () => Date;
}

export async function writeFollowups(db: Db, entries: readonly FollowupEntry[], ctx: WriteContext): Promise<FollowupResult[]> {
  return withWriter(db, async (w) => {
    const settings = followupSettingsFrom(w.settingsJson ? JSON.parse(w.settingsJson) : null);
    const now = (ctx.now ?? (() => new Date()))();
    const results: FollowupResult[] = [];
    // In order: a later entry sees the earlier ones' writes (an SPMT then a review of the same move).
    // Each entry only reads until it is judged, then writes in one atomic step; a failing step throws
    // and the whole transaction is rolled back (a 5xx: the client re-sends, nothing was recorded).
    for (let i = 0; i < entries.length; i++) results.push(await writeOne(w, entries[i]!, i, ctx.token, settings, now));
    return results;
  });
}

interface DecisionFacts {
  record_no: string;
  nip: string;
  to_code: string;
  effective_date: string;
  unit: string | null;
  profile: string | null;
}

async function writeOne(w: Writer, e: FollowupEntry, index: number, token: TokenInfo, settings: FollowupSettings, now: Date): Promise<FollowupResult> {
  const { sql } = w;
  const fingerprint = sha256Hex(stableStringify(e));
  const field = (name: string) => `entries.${index}.${name}`;

  // The three reads go out together (one wait instead of three, inside the writer lock everyone waits on).
  const [[seen], [d], [existingRow]] = await Promise.all([
    sql<{ fingerprint: string; result: string; recorded_at: string; record_no: string }>(
      'SELECT fingerprint, result, recorded_at, record_no FROM followup_mutations WHERE mutation_id = ?', [e.mutationId],
    ),
    sql<DecisionFacts>(
      `SELECT d.record_no, d.nip, d.to_code, d.effective_date, p.unit, e.profile
         FROM decisions d LEFT JOIN positions p ON p.code = d.to_code LEFT JOIN employees e ON e.nip = d.nip
        WHERE d.record_no = ?`,
      [e.recordNo],
    ),
    sql<FollowupRow>('SELECT * FROM followups WHERE record_no = ?', [e.recordNo]),
  ]);
  const existing = existingRow ? followupFromRow(existingRow) : null;
  if (seen) {
    if (seen.fingerprint === fingerprint) {
      const original = JSON.parse(seen.result) as { recordNo: string; version: number; followup: FollowupRecord };
      return { mutationId: e.mutationId, status: 'duplicate', ...original, recordedAt: seen.recorded_at };
    }
    return {
      mutationId: e.mutationId, status: 'conflict', reason: 'MUTATION_REUSED',
      message: `mutationId ${e.mutationId} sudah dipakai untuk isian lain (${seen.record_no}); buat mutationId baru untuk isian baru`,
      current: existing,
    };
  }

  if (!d) {
    return { mutationId: e.mutationId, status: 'rejected', reason: 'DECISION_UNKNOWN', field: field('recordNo'), message: `Keputusan ${e.recordNo} tidak ada di catatan resmi` };
  }
  const unit = existing?.unit ?? d.unit ?? '';
  if (token.unit && token.unit !== unit) {
    return {
      mutationId: e.mutationId, status: 'rejected', reason: 'OUT_OF_UNIT', field: field('recordNo'),
      message: `Token ini hanya untuk unit ${token.unit}; ${e.recordNo} diterima unit ${unit}`,
    };
  }
  const version = existing?.version ?? 0;
  if (e.baseVersion !== null && e.baseVersion !== version) {
    return {
      mutationId: e.mutationId, status: 'conflict', reason: 'VERSION_STALE',
      message: `Tindak lanjut ${e.recordNo} sudah diubah orang lain (versi ${version}, bukan ${e.baseVersion}); tarik data lalu periksa lagi`,
      current: existing,
    };
  }

  const tmt = parseDateText(d.effective_date)!;
  const today = todayWib(now);
  const dateField = e.kind === 'spmt' ? 'spmtDate' : 'reviewDate';
  const date = parseDateText(e.kind === 'spmt' ? e.spmtDate : e.reviewDate)!;
  if (date < tmt) {
    return {
      mutationId: e.mutationId, status: 'rejected', reason: 'DATE_BEFORE_TMT', field: field(dateField),
      message: `${e.kind === 'spmt' ? 'Tanggal SPMT' : 'Tanggal evaluasi'} ${idDate(date)} sebelum TMT Mutasi ${idDate(tmt)}`,
    };
  }
  if (date > today) {
    return {
      mutationId: e.mutationId, status: 'rejected', reason: 'DATE_IN_FUTURE', field: field(dateField),
      message: `${e.kind === 'spmt' ? 'Tanggal SPMT' : 'Tanggal evaluasi'} ${idDate(date)} masih di masa depan (hari ini ${idDate(today)})`,
    };
  }
  const base: FollowupRecord = existing ?? {
    recordNo: d.record_no, nip: d.nip, toPositionCode: d.to_code, unit, effectiveDate: d.effective_date,
    spmtDate: null, spmtNote: '', reviews: [], skpBefore: baselineOf(d.profile), version: 0, updatedAt: null, updatedBy: null,
  };
  if (e.kind === 'review') {
    const months = reviewMonthsOf(base, settings);
    if (!months.includes(e.month)) {
      return {
        mutationId: e.mutationId, status: 'rejected', reason: 'MONTH_NOT_SCHEDULED', field: field('month'),
        message: `Evaluasi bulan ke-${e.month} tidak dijadwalkan untuk ${e.recordNo} (jadwal: bulan ke-${months.join(', ')})`,
      };
    }
  }

  const at = now.toISOString();
  // The writes as one atomic step (w.writeAll: on SQLite one trip to the driver): the change's version
  // and the audit entry are reserved while the statements are planned, so the row carries its version.
  let result!: { recordNo: string; version: number; followup: FollowupRecord };
  await w.writeAll((plan) => {
    const { first: newVersion, statement: change } = plan.changes([{ kind: 'followup', key: e.recordNo }]);
    let next: FollowupRecord;
    if (e.kind === 'spmt') {
      next = { ...base, spmtDate: isoDate(date), spmtNote: e.note, version: newVersion, updatedAt: at, updatedBy: token.name };
    } else {
      const review: Review = {
        month: e.month, reviewDate: isoDate(date), skp: e.skp, note: e.note, action: e.action,
        actionDetail: e.action === 'Pelatihan' || e.action === 'Mentoring' ? e.actionDetail : null,
        recordedBy: token.name, recordedAt: at,
      };
      const reviews = [...base.reviews.filter((r) => r.month !== e.month), review].sort((x, y) => x.month - y.month);
      next = { ...base, reviews, version: newVersion, updatedAt: at, updatedBy: token.name };
    }
    const row = followupToRow(next);
    const upsert: Stmt = existing
      ? {
          text: 'UPDATE followups SET spmt_date = ?, spmt_note = ?, reviews = ?, version = ?, updated_at = ?, updated_by = ? WHERE record_no = ?',
          params: [row.spmt_date, row.spmt_note, row.reviews, row.version, row.updated_at, row.updated_by, row.record_no],
        }
      : {
          text: `INSERT INTO followups (record_no, nip, to_code, unit, effective_date, spmt_date, spmt_note, reviews, skp_before, version, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          params: [row.record_no, row.nip, row.to_code, row.unit, row.effective_date, row.spmt_date, row.spmt_note, row.reviews, row.skp_before, row.version, row.updated_at, row.updated_by],
        };
    // The audit entry holds what was written and by which token; the SKP stays in it (the chain is never public).
    const { baseVersion: _b, ...written } = e;
    const { statement: audit } = plan.audit([{ actor: token.name, action: FOLLOWUP_ACTION[e.kind], payload: { ...written, version: newVersion, tokenId: token.id, nip: d.nip, unit } }]);
    result = { recordNo: e.recordNo, version: newVersion, followup: next };
    const mutation: Stmt = {
      text: 'INSERT INTO followup_mutations (mutation_id, record_no, fingerprint, result, recorded_at) VALUES (?, ?, ?, ?, ?)',
      params: [e.mutationId, e.recordNo, fingerprint, JSON.stringify(result), at],
    };
    return [change!, upsert, audit!, mutation];
  });
  return { mutationId: e.mutationId, status: 'recorded', ...result };
}
