/**
 * `audit verify`: walks the audit chain from the first entry to the head and checks that every entry
 * is numbered in order, points at its predecessor's hash and hashes to what it says; that the last
 * one is the head kept in sync_state (so a deleted newest entry shows); that every recorded decision
 * still reads exactly as its audit entry wrote it; and — replaying the state the entries carry
 * (db/audit-state.ts) — that the tokens, employees, positions, parameters, change log and counters in
 * the tables are what the chain says they are (so an edit "behind the chain's back" shows).
 *
 * It does not stop at the first problem: a broken entry is reported and the walk goes on from it, so
 * one bad entry cannot hide a later one. Every problem is reported (the first MAX_PROBLEMS listed,
 * all counted).
 *
 * What it cannot find by itself: the newest entries cut off together with the head in sync_state (the
 * chain is then shorter but whole). Against that, keep the head hash it prints somewhere else and
 * compare (`--head`).
 */
import type { Db } from './connect';
import { auditHash, GENESIS_HASH } from './audit-hash';
import { stableStringify } from './hash';
import { decisionFromRow, type DecisionRow, type EmployeeRow, type PositionRow } from './records';
import {
  BASELINE_ACTION, employeeState, parameterDigest, positionState, tokenDigest,
  type AuditState, type EmployeeState, type PositionState, type TokenStateRow,
} from './audit-state';

export interface AuditProblem {
  /** The audit entry at fault (for a decision: the entry that recorded it; 0 when there is none). */
  seq: number;
  recordNo?: string;
  /** What the problem is about when it is not an entry: `employee:<nip>`, `position:<code>`, `token:<id>`… */
  subject?: string;
  reason: string;
}

export interface AuditReport {
  ok: boolean;
  entries: number;
  decisions: number;
  headSeq: number;
  headHash: string;
  /** The first problem (null when intact). */
  problem: AuditProblem | null;
  /** Every problem, in the order found (at most MAX_PROBLEMS; `problemCount` counts them all). */
  problems: AuditProblem[];
  problemCount: number;
  /** What was compared with the chain's state (rows of each table). */
  checked: { employees: number; positions: number; tokens: number; parameters: number; changes: number };
  /** The head given to compare with (`--head`), and whether the chain still holds it. */
  expectedHead?: { seq: number; hash: string; found: boolean };
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
export const MAX_PROBLEMS = 1000;

/** What the audit entry of a decision holds about it, compared field by field at verify time. */
export function decisionFingerprint(row: DecisionRow): string {
  return stableStringify({ ...decisionFromRow(row), tokenId: Number(row.token_id) });
}

const PAGE = 2000;

/** The state replayed from the chain, each item with the entry that last set it. */
class Replayed {
  employees = new Map<string, { s: EmployeeState | null; place: [string, string | null, number]; seq: number }>();
  positions = new Map<string, { s: PositionState; seq: number }>();
  tokens = new Map<string, { d: string; seq: number }>();
  parameters = new Map<string, { d: string; seq: number }>();
  changes = new Map<number, { kind: string; key: string; seq: number }>();
  recordNumbers = new Map<number, { last: number; seq: number }>();
  floor = 0;
  floorSeq = 0;
  version = 0;
  versionSeq = 0;
  /** Entries that changed state without saying how (before migration 0003) and no baseline after them. */
  legacySeq = 0;
  known = true;

  apply(seq: number, st: AuditState, baseline: boolean): void {
    if (baseline) {
      this.employees.clear();
      this.positions.clear();
      this.changes.clear();
      this.recordNumbers.clear();
      this.version = 0;
      this.floor = 0;
      this.known = true;
      this.legacySeq = 0;
    }
    for (const e of st.e ?? []) this.employees.set(e[0], { s: e, place: [e[2], e[3], e[4]], seq });
    for (const p of st.p ?? []) this.positions.set(p[0], { s: p, seq });
    for (const [v, kind, key] of st.c ?? []) this.changes.set(Number(v), { kind, key, seq });
    if (st.t) this.tokens = new Map(Object.entries(st.t).map(([k, d]) => [k, { d, seq }]));
    if (st.par) this.parameters = new Map(Object.entries(st.par).map(([k, d]) => [k, { d, seq }]));
    if (st.rn) {
      for (const [y, last] of Object.entries(st.rn)) this.raiseRecordNo(Number(y), Number(last), seq, baseline);
    }
    if (typeof st.floor === 'number' && st.floor !== this.floor) {
      this.floor = st.floor;
      this.floorSeq = seq;
      for (const v of [...this.changes.keys()]) if (v <= st.floor) this.changes.delete(v);
    }
    if (typeof st.v === 'number' && st.v >= this.version) {
      this.version = st.v;
      this.versionSeq = seq;
    }
  }

  raiseRecordNo(year: number, last: number, seq: number, force = false): void {
    const cur = this.recordNumbers.get(year);
    if (force || !cur || last > cur.last) this.recordNumbers.set(year, { last, seq });
  }

  decision(seq: number, d: { recordNo: string; nip: string; toPositionCode: string; effectiveDate: string; employeeVersion: number; version: number }): void {
    const prev = this.employees.get(d.nip);
    this.employees.set(d.nip, { s: prev?.s ?? null, place: [d.toPositionCode, d.effectiveDate, Number(d.employeeVersion)], seq });
    this.changes.set(Number(d.employeeVersion), { kind: 'employee', key: d.nip, seq });
    this.changes.set(Number(d.version), { kind: 'decision', key: d.recordNo, seq });
    if (Number(d.version) > this.version) {
      this.version = Number(d.version);
      this.versionSeq = seq;
    }
    const m = /^MUT-(\d{4})-(\d+)$/.exec(d.recordNo);
    if (m) this.raiseRecordNo(Number(m[1]), Number(m[2]), seq);
  }
}

/** Actions that changed tokens, the roster or parameters: they carry a state since migration 0003. */
const STATE_ACTIONS = /^(token\.|roster\.|parameter|settings)/;

export async function verifyAudit(db: Db, opts: { head?: { seq: number; hash: string } } = {}): Promise<AuditReport> {
  const state = await db.knex('sync_state').where({ id: 1 }).first();
  const headSeq = Number(state.audit_seq);
  const headHash = String(state.audit_hash);
  const problems: AuditProblem[] = [];
  let problemCount = 0;
  const report = (p: AuditProblem) => {
    problemCount++;
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };

  // recordNo → { seq, fingerprint } from the chain, checked against the decisions table afterwards.
  const recorded = new Map<string, { seq: number; fingerprint: string }>();
  const replay = new Replayed();
  let expectedHead: AuditReport['expectedHead'];
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let entries = 0;
  let sawState = false;
  let after = 0;
  for (;;) {
    const rows = (await db.knex('audit').where('seq', '>', after).orderBy('seq').limit(PAGE)) as AuditRow[];
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      after = seq;
      entries++;
      if (seq !== expectedSeq) {
        report({ seq: expectedSeq, reason: seq === expectedSeq + 1 ? `entri #${expectedSeq} hilang` : `entri #${expectedSeq}–#${seq - 1} hilang (berikutnya yang ada #${seq})` });
      } else if (r.prev_hash !== prevHash) {
        report({ seq, reason: `entri #${seq} tidak menunjuk ke hash entri sebelumnya (urutan diubah, atau entri sebelumnya diganti atau disisipkan)` });
      }
      const hash = auditHash({ seq, at: r.at, actor: r.actor, action: r.action, payload: r.payload, prevHash: r.prev_hash });
      if (hash !== r.hash) report({ seq, reason: `isi entri #${seq} (${r.action}) tidak cocok dengan hash-nya (diubah)` });
      if (opts.head && seq === opts.head.seq) expectedHead = { ...opts.head, found: r.hash === opts.head.hash };

      let payload: Record<string, unknown> | null = null;
      try {
        const parsed = JSON.parse(r.payload) as unknown;
        if (parsed && typeof parsed === 'object') payload = parsed as Record<string, unknown>;
      } catch {
        payload = null;
      }
      if (r.action === DECISION_ACTION) {
        const decision = decisionOfPayload(payload);
        if (!decision) report({ seq, reason: `isi entri #${seq} (${r.action}) tidak terbaca sebagai keputusan (diubah)` });
        else {
          recorded.set(decision.recordNo, { seq, fingerprint: decision.fingerprint });
          replay.decision(seq, decision.d);
        }
      } else if (payload && payload.state && typeof payload.state === 'object') {
        replay.apply(seq, payload.state as AuditState, r.action === BASELINE_ACTION);
        sawState = true;
      } else if (STATE_ACTIONS.test(r.action) && !sawState) {
        // Written before migration 0003: its effect is in the baseline that must follow. (After the
        // first entry with a state, an entry without one only adds to the story: its writes carry theirs.)
        replay.known = false;
        replay.legacySeq = seq;
      }
      prevHash = r.hash;
      expectedSeq = seq + 1;
    }
  }
  if (expectedSeq - 1 !== headSeq || prevHash !== headHash) {
    report({ seq: Math.min(expectedSeq - 1, headSeq) + 1, reason: `rantai berakhir di entri #${expectedSeq - 1}, padahal kepala rantai tercatat #${headSeq} (entri terakhir dihapus atau diganti)` });
  }
  if (opts.head) {
    expectedHead ??= { ...opts.head, found: false };
    if (!expectedHead.found) {
      report({ seq: opts.head.seq, reason: `kepala rantai yang disimpan di luar (#${opts.head.seq} ${opts.head.hash.slice(0, 16)}…) tidak ada lagi di rantai: entri dipotong atau diganti` });
    }
  }

  // ---- decisions: each as its entry wrote it ----
  let decisions = 0;
  let afterNo = '';
  for (;;) {
    const rows = (await db.knex('decisions').where('record_no', '>', afterNo).orderBy('record_no').limit(PAGE)) as DecisionRow[];
    if (rows.length === 0) break;
    for (const row of rows) {
      decisions++;
      const entry = recorded.get(row.record_no);
      if (!entry) report({ seq: 0, recordNo: row.record_no, reason: `keputusan ${row.record_no} tidak punya entri audit` });
      else {
        if (entry.fingerprint !== decisionFingerprint(row)) {
          report({ seq: entry.seq, recordNo: row.record_no, reason: `keputusan ${row.record_no} diubah setelah dicatat (berbeda dari entri audit #${entry.seq})` });
        }
        recorded.delete(row.record_no);
      }
    }
    afterNo = rows[rows.length - 1]!.record_no;
  }
  for (const [recordNo, e] of recorded) {
    report({ seq: e.seq, recordNo, reason: `keputusan ${recordNo} (entri audit #${e.seq}) tidak ada lagi di tabel keputusan (dihapus)` });
  }

  // ---- the state the chain vouches for ----
  const checked = { employees: 0, positions: 0, tokens: 0, parameters: 0, changes: 0 };
  if (!replay.known) {
    report({ seq: replay.legacySeq, reason: `entri #${replay.legacySeq} mengubah token/daftar pegawai tanpa mencatat keadaannya, dan tidak ada entri keadaan awal (${BASELINE_ACTION}) sesudahnya: keadaan tabel tidak dapat diperiksa` });
  } else {
    await compareState(db, replay, report, checked, Number(state.version), Number(state.floor));
  }

  return {
    ok: problemCount === 0, entries, decisions, headSeq, headHash,
    problem: problems[0] ?? null, problems, problemCount, checked, ...(expectedHead ? { expectedHead } : {}),
  };
}

async function compareState(
  db: Db,
  replay: Replayed,
  report: (p: AuditProblem) => void,
  checked: AuditReport['checked'],
  version: number,
  floor: number,
): Promise<void> {
  const k = db.knex;
  const at = (seq: number) => (seq ? ` (menurut entri audit #${seq})` : '');

  // Employees: content, place and version.
  const seenNip = new Set<string>();
  for (let last = ''; ;) {
    const rows = (await k('employees').where('nip', '>', last).orderBy('nip').limit(PAGE)) as EmployeeRow[];
    if (rows.length === 0) break;
    for (const row of rows) {
      checked.employees++;
      seenNip.add(row.nip);
      const want = replay.employees.get(row.nip);
      const subject = `employee:${row.nip}`;
      if (!want) {
        report({ seq: 0, subject, reason: `pegawai ${row.nip} ada di tabel tetapi tidak pernah tercatat di rantai audit (ditambahkan di luar aplikasi)` });
        continue;
      }
      const got = employeeState(row);
      const [code, start, v] = want.place;
      if (got[2] !== code) report({ seq: want.seq, subject, reason: `pegawai ${row.nip} dipindah di luar catatan: jabatan ${got[2]}, padahal ${code}${at(want.seq)}` });
      if ((got[3] ?? null) !== (start ?? null)) report({ seq: want.seq, subject, reason: `TMT jabatan pegawai ${row.nip} diubah di luar catatan: ${got[3] ?? '(kosong)'}, padahal ${start ?? '(kosong)'}${at(want.seq)}` });
      if (got[4] !== v) report({ seq: want.seq, subject, reason: `versi pegawai ${row.nip} diubah di luar catatan: ${got[4]}, padahal ${v}${at(want.seq)}` });
      if (want.s && got[1] !== want.s[1]) report({ seq: want.seq, subject, reason: `data pegawai ${row.nip} (nama, pangkat, pendidikan, …) diubah di luar catatan${at(want.seq)}` });
    }
    last = rows[rows.length - 1]!.nip;
  }
  for (const [nip, want] of replay.employees) {
    if (!seenNip.has(nip)) report({ seq: want.seq, subject: `employee:${nip}`, reason: `pegawai ${nip} tercatat di rantai audit (entri #${want.seq}) tetapi tidak ada lagi di tabel (dihapus)` });
  }

  // Positions: content (seats, unit, requirements…) and version.
  const positions = (await k('positions').orderBy('code')) as PositionRow[];
  const seenCode = new Set<string>();
  for (const row of positions) {
    checked.positions++;
    seenCode.add(row.code);
    const want = replay.positions.get(row.code);
    const subject = `position:${row.code}`;
    if (!want) {
      report({ seq: 0, subject, reason: `jabatan ${row.code} ada di tabel tetapi tidak pernah tercatat di rantai audit (ditambahkan di luar aplikasi)` });
      continue;
    }
    const got = positionState(row);
    if (got[1] !== want.s[1]) report({ seq: want.seq, subject, reason: `data jabatan ${row.code} (kebutuhan ${Number(row.needed)}, unit, syarat, …) diubah di luar catatan${at(want.seq)}` });
    if (got[2] !== want.s[2]) report({ seq: want.seq, subject, reason: `versi jabatan ${row.code} diubah di luar catatan: ${got[2]}, padahal ${want.s[2]}${at(want.seq)}` });
  }
  for (const [code, want] of replay.positions) {
    if (!seenCode.has(code)) report({ seq: want.seq, subject: `position:${code}`, reason: `jabatan ${code} tercatat di rantai audit (entri #${want.seq}) tetapi tidak ada lagi di tabel (dihapus)` });
  }

  // Tokens: every column (role, unit, hash, revocation, expiry).
  const tokens = (await k('tokens').orderBy('id')) as TokenStateRow[];
  const seenToken = new Set<string>();
  for (const row of tokens) {
    checked.tokens++;
    const id = String(row.id);
    seenToken.add(id);
    const want = replay.tokens.get(id);
    const subject = `token:${id}`;
    if (!want) report({ seq: 0, subject, reason: `token #${id} (${row.name}, ${row.role}) tidak pernah dibuat lewat aplikasi (tidak ada di rantai audit)` });
    else if (tokenDigest(row) !== want.d) {
      report({ seq: want.seq, subject, reason: `token #${id} (${row.name}) diubah di luar aplikasi: peran ${row.role}${row.unit ? `, unit ${row.unit}` : ''}${row.revoked_at ? '' : ', aktif'} tidak sama dengan entri audit #${want.seq}` });
    }
  }
  for (const [id, want] of replay.tokens) {
    if (!seenToken.has(id)) report({ seq: want.seq, subject: `token:${id}`, reason: `token #${id} tercatat di rantai audit (entri #${want.seq}) tetapi tidak ada lagi di tabel (dihapus)` });
  }

  // Parameters (the agency's rule settings and anything else kept there).
  const params = (await k('parameters').orderBy('key')) as { key: string; value: string }[];
  const seenParam = new Set<string>();
  for (const row of params) {
    checked.parameters++;
    seenParam.add(row.key);
    const want = replay.parameters.get(row.key);
    const subject = `parameter:${row.key}`;
    if (!want) report({ seq: 0, subject, reason: `parameter "${row.key}" ditambahkan di luar aplikasi (tidak ada di rantai audit)` });
    else if (parameterDigest(row.value) !== want.d) report({ seq: want.seq, subject, reason: `parameter "${row.key}" diubah di luar aplikasi${at(want.seq)}` });
  }
  for (const [key, want] of replay.parameters) {
    if (!seenParam.has(key)) report({ seq: want.seq, subject: `parameter:${key}`, reason: `parameter "${key}" (entri audit #${want.seq}) tidak ada lagi di tabel (dihapus)` });
  }

  // The change log pulls are served from: every row above the floor the chain wrote.
  if (floor !== replay.floor) report({ seq: replay.floorSeq, subject: 'sync_state.floor', reason: `batas log perubahan diubah di luar aplikasi: ${floor}, padahal ${replay.floor}${at(replay.floorSeq)}` });
  const seenChange = new Set<number>();
  for (let last = Math.min(floor, replay.floor); ;) {
    const rows = (await k('changes').where('version', '>', last).orderBy('version').limit(PAGE)) as { version: number; kind: string; key: string }[];
    if (rows.length === 0) break;
    for (const row of rows) {
      const v = Number(row.version);
      checked.changes++;
      seenChange.add(v);
      const want = replay.changes.get(v);
      if (!want) {
        if (v > replay.floor && ['employee', 'position', 'decision'].includes(row.kind)) {
          report({ seq: 0, subject: `change:${v}`, reason: `log perubahan versi ${v} (${row.kind} ${row.key}) tidak ditulis oleh aplikasi (tidak ada di rantai audit)` });
        }
      } else if (want.kind !== row.kind || want.key !== row.key) {
        report({ seq: want.seq, subject: `change:${v}`, reason: `log perubahan versi ${v} diubah: ${row.kind} ${row.key}, padahal ${want.kind} ${want.key}${at(want.seq)}` });
      }
    }
    last = Number(rows[rows.length - 1]!.version);
  }
  const missing = [...replay.changes].filter(([v]) => v > floor && !seenChange.has(v));
  for (const [v, want] of missing) {
    report({ seq: want.seq, subject: `change:${v}`, reason: `log perubahan versi ${v} (${want.kind} ${want.key}) dihapus; aplikasi yang menarik data tidak akan menerimanya${at(want.seq)}` });
  }

  // Counters: never behind what the chain has handed out.
  if (version < replay.version) {
    report({ seq: replay.versionSeq, subject: 'sync_state.version', reason: `penghitung versi dimundurkan: ${version}, padahal versi ${replay.version} sudah diberikan${at(replay.versionSeq)}` });
  }
  const numbers = (await k('record_numbers')) as { year: number; last: number }[];
  const have = new Map(numbers.map((r) => [Number(r.year), Number(r.last)]));
  for (const [year, want] of replay.recordNumbers) {
    const got = have.get(year);
    if (got === undefined || got < want.last) {
      report({ seq: want.seq, subject: `record_numbers:${year}`, reason: `penghitung nomor catatan ${year} dimundurkan: ${got ?? '(dihapus)'}, padahal nomor ${want.last} sudah diberikan${at(want.seq)}; nomor yang sudah diumumkan akan dipakai lagi` });
    }
  }
}

/** The decision an audit entry recorded, or null when its payload is not one (tampered). */
function decisionOfPayload(p: Record<string, unknown> | null): {
  recordNo: string;
  fingerprint: string;
  d: { recordNo: string; nip: string; toPositionCode: string; effectiveDate: string; employeeVersion: number; version: number };
} | null {
  const decision = p?.decision as ({ recordNo?: unknown } & Record<string, unknown>) | undefined;
  if (!decision || typeof decision !== 'object' || typeof decision.recordNo !== 'string') return null;
  return {
    recordNo: decision.recordNo,
    fingerprint: stableStringify({ ...decision, tokenId: p!.tokenId }),
    d: decision as unknown as { recordNo: string; nip: string; toPositionCode: string; effectiveDate: string; employeeVersion: number; version: number },
  };
}
