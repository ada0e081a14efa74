/**
 * `audit verify`: walks the audit chain from the first entry to the head and checks that every entry
 * is numbered in order, points at its predecessor's hash and hashes to what it says; that the last
 * one is the head kept in sync_state (so a deleted newest entry shows); and that every recorded
 * decision still reads exactly as its audit entry wrote it (so an edit "behind the chain's back"
 * shows). Reports the first problem found.
 */
import type { Db } from './connect';
import { auditHash, GENESIS_HASH } from './audit-hash';
import { stableStringify } from './hash';
import { decisionFromRow, type DecisionRow } from './records';

export interface AuditProblem {
  /** The audit entry at fault (for a decision: the entry that recorded it; 0 when there is none). */
  seq: number;
  recordNo?: string;
  reason: string;
}

export interface AuditReport {
  ok: boolean;
  entries: number;
  decisions: number;
  headSeq: number;
  headHash: string;
  problem: AuditProblem | null;
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

export const DECISION_ACTION = 'decision.record';

/** What the audit entry of a decision holds about it, compared field by field at verify time. */
export function decisionFingerprint(row: DecisionRow): string {
  return stableStringify({ ...decisionFromRow(row), tokenId: Number(row.token_id) });
}

const PAGE = 2000;

export async function verifyAudit(db: Db): Promise<AuditReport> {
  const state = await db.knex('sync_state').where({ id: 1 }).first();
  const headSeq = Number(state.audit_seq);
  const headHash = String(state.audit_hash);
  const fail = (problem: AuditProblem, entries: number, decisions = 0): AuditReport => ({
    ok: false, entries, decisions, headSeq, headHash, problem,
  });

  // recordNo → { seq, fingerprint } from the chain, checked against the decisions table afterwards.
  const recorded = new Map<string, { seq: number; fingerprint: string }>();
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (;;) {
    const rows = (await db.knex('audit').where('seq', '>=', expectedSeq).orderBy('seq').limit(PAGE)) as AuditRow[];
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) {
        return fail({ seq: expectedSeq, reason: `entri #${expectedSeq} hilang (berikutnya yang ada #${seq})` }, expectedSeq - 1);
      }
      if (r.prev_hash !== prevHash) {
        return fail({ seq, reason: `entri #${seq} tidak menunjuk ke hash entri sebelumnya (urutan diubah atau entri disisipkan)` }, seq - 1);
      }
      const hash = auditHash({ seq, at: r.at, actor: r.actor, action: r.action, payload: r.payload, prevHash: r.prev_hash });
      if (hash !== r.hash) {
        return fail({ seq, reason: `isi entri #${seq} (${r.action}) tidak cocok dengan hash-nya (diubah)` }, seq - 1);
      }
      if (r.action === DECISION_ACTION) {
        const decision = decisionOfPayload(r.payload);
        if (!decision) return fail({ seq, reason: `isi entri #${seq} (${r.action}) tidak terbaca sebagai keputusan (diubah)` }, seq - 1);
        recorded.set(decision.recordNo, { seq, fingerprint: decision.fingerprint });
      }
      prevHash = r.hash;
      expectedSeq = seq + 1;
    }
  }
  const entries = expectedSeq - 1;
  if (entries !== headSeq || prevHash !== headHash) {
    return fail({ seq: Math.min(entries, headSeq) + 1, reason: `rantai berakhir di entri #${entries}, padahal kepala rantai tercatat #${headSeq} (entri terakhir dihapus atau diganti)` }, entries);
  }

  let decisions = 0;
  let after = '';
  for (;;) {
    const rows = (await db.knex('decisions').where('record_no', '>', after).orderBy('record_no').limit(PAGE)) as DecisionRow[];
    if (rows.length === 0) break;
    for (const row of rows) {
      decisions++;
      const entry = recorded.get(row.record_no);
      if (!entry) return fail({ seq: 0, recordNo: row.record_no, reason: `keputusan ${row.record_no} tidak punya entri audit` }, entries, decisions);
      if (entry.fingerprint !== decisionFingerprint(row)) {
        return fail({ seq: entry.seq, recordNo: row.record_no, reason: `keputusan ${row.record_no} diubah setelah dicatat (berbeda dari entri audit #${entry.seq})` }, entries, decisions);
      }
      recorded.delete(row.record_no);
    }
    after = rows[rows.length - 1]!.record_no;
  }
  const [missing] = recorded;
  if (missing) {
    return fail({ seq: missing[1].seq, recordNo: missing[0], reason: `keputusan ${missing[0]} (entri audit #${missing[1].seq}) tidak ada lagi di tabel keputusan (dihapus)` }, entries, decisions);
  }
  return { ok: true, entries, decisions, headSeq, headHash, problem: null };
}

/** The decision an audit entry recorded, or null when its payload is not one (tampered). */
function decisionOfPayload(payload: string): { recordNo: string; fingerprint: string } | null {
  try {
    const p = JSON.parse(payload) as { decision?: { recordNo?: unknown } & Record<string, unknown>; tokenId?: unknown };
    if (!p?.decision || typeof p.decision.recordNo !== 'string') return null;
    return { recordNo: p.decision.recordNo, fingerprint: stableStringify({ ...p.decision, tokenId: p.tokenId }) };
  } catch {
    return null;
  }
}
