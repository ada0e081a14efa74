/**
 * Recording one pushed decision, inside the group writer's transaction (group-commit.ts), which holds
 * the writer lock, so the checks and the write see the same official record — including the decisions
 * recorded earlier in the same group — and two approvers racing for the last seat are served one after
 * the other. The group writer runs this inside the decision's own savepoint and keeps it only when it
 * is recorded. Every decision waits for the one before it, so it costs as few statements as possible
 * (db/push-sql.ts): two reads issued together, then, if it is recorded, the record number and four
 * writes issued together (employee, decision, its two changes, the audit entry). Order of checks
 * (SYNC-API.md): already recorded → duplicate; unknown employee/position or outside the token's unit →
 * rejected; stale baseVersion or the employee no longer in the position the workbook thought → conflict
 * (checked before anything else about the move: the workbook must pull first); target = current
 * position → rejected; seats taken → conflict; the rules → rejected or recorded.
 */
import { DECISION_ACTION } from '../../db/audit-verify';
import type { DecisionRecord } from '../../db/records';
import { decisionByRecordNo, employeeAndPrior, insertDecision, moveEmployee, nextRecordNo, targetAndCurrent } from '../../db/push-sql';
import type { Writer } from '../../db/writer';
import type { TokenInfo } from '../../db/tokens';
import { defaultSettings, type Settings } from '../../../shared/model';
import type { Finding } from '../../../shared/rules/types';
import { officialBook, proposalFindings } from './official-book';
import { evaluateOfficial } from './engine-bridge';
import { judge } from './judge';
import { serverFinding } from './server-finding';
import { todayWib, yearWib } from './clock';
import type { DecisionInput, PositionState, PushResult } from './types';

export interface RecordContext {
  workbookId: string;
  token: TokenInfo;
  /** Tests pin the clock; the server uses now. */
  now?: () => Date;
}

/**
 * Judges one decision on the official record as `w` sees it and, when it is to be recorded, writes it.
 * Runs inside the decision's savepoint: a result other than `recorded` is rolled back by the caller.
 */
export async function decideAndWrite(w: Writer, d: DecisionInput, ctx: RecordContext): Promise<PushResult> {
  const { sql } = w;
  const mutationId = d.mutationId;
  const rejected = (message: string, findings: Finding[]): PushResult => ({ mutationId, status: 'rejected', message, findings });

  // The two reads go out together (they do not depend on each other): one wait instead of two. The
  // second also finds the position the employee holds now: if it is not the one the workbook says they
  // leave, that is a conflict below.
  const [{ employee, priorRecordNo }, positions] = await Promise.all([
    employeeAndPrior(sql, d.nip, mutationId),
    targetAndCurrent(sql, d.toPositionCode, d.nip),
  ]);
  if (priorRecordNo) {
    const before = (await decisionByRecordNo(sql, priorRecordNo))!;
    return {
      mutationId, status: 'duplicate', recordNo: before.recordNo, version: before.employeeVersion,
      findings: before.findings, recordedAt: before.recordedAt,
    };
  }
  if (!employee) {
    return rejected(`NIP ${d.nip} tidak ada di catatan resmi`, [
      serverFinding('EMPLOYEE_UNKNOWN', 'nip', d.nip, `NIP ${d.nip} tidak ditemukan di data pegawai resmi.`),
    ]);
  }
  const to = positions.get(d.toPositionCode);
  if (!to) {
    return rejected(`Jabatan ${d.toPositionCode} tidak ada di catatan resmi`, [
      serverFinding('POSITION_UNKNOWN', 'toCode', d.toPositionCode, `Kode jabatan ${d.toPositionCode} tidak ditemukan di data jabatan resmi.`),
    ]);
  }
  const from = positions.get(employee.positionCode) ?? null;
  // A unit-scoped token records only moves within its unit: taking someone from another unit (or
  // sending them there) is for an approver of the whole agency.
  const scope = ctx.token.unit;
  if (scope && to.unit !== scope) {
    return rejected(`Token ini hanya untuk unit ${scope}; jabatan ${to.code} ada di unit ${to.unit}`, []);
  }
  if (scope && from && from.unit !== scope) {
    return rejected(`Token ini hanya untuk unit ${scope}; pegawai ${d.nip} kini di unit ${from.unit} (mutasi antarunit butuh token tanpa batas unit)`, []);
  }

  const holders = new Map([[to.code, to.holders]]);
  if (from) holders.set(from.code, from.holders);
  const position: PositionState = { code: to.code, unit: to.unit, needed: to.needed, holders: to.holders };
  const conflict = (reason: 'VERSION_STALE' | 'POSITION_CHANGED' | 'FORMATION_FULL', message: string, findings: Finding[] = []): PushResult => ({
    mutationId, status: 'conflict', reason, message, current: { employee, position }, findings,
  });
  if (employee.version !== d.baseVersion) {
    return conflict('VERSION_STALE', `Data pegawai ${d.nip} sudah berubah di catatan resmi (versi ${employee.version}, buku kerja versi ${d.baseVersion}); tarik data resmi lalu periksa lagi`);
  }
  if (employee.positionCode !== d.fromPositionCode) {
    return conflict('POSITION_CHANGED', `Menurut catatan resmi pegawai ${d.nip} menduduki ${employee.positionCode}, bukan ${d.fromPositionCode}`);
  }
  if (to.code === employee.positionCode) {
    return rejected(`Jabatan tujuan sama dengan jabatan sekarang (${to.code})`, [
      serverFinding('SAME_POSITION', 'toCode', d.toPositionCode, `Jabatan tujuan ${to.code} sama dengan jabatan sekarang.`),
    ]);
  }
  if (position.holders + 1 > to.needed) {
    return conflict('FORMATION_FULL', `Formasi ${to.code} penuh di catatan resmi: ${position.holders} pemangku, kebutuhan ${to.needed}`);
  }

  const now = (ctx.now ?? (() => new Date()))();
  const stored = w.settingsJson ? (JSON.parse(w.settingsJson) as Omit<Settings, 'asOf'>) : null;
  const settings: Settings = { ...defaultSettings(todayWib(now)), ...(stored ?? {}), asOf: todayWib(now) };
  const book = officialBook({ employee, from, to, holders, settings, approvedBy: ctx.token.name }, d);
  const verdict = judge(proposalFindings(book, evaluateOfficial(book).findings), d.note);
  if (verdict.kind === 'conflict') {
    return conflict('FORMATION_FULL', `Formasi ${to.code} penuh di catatan resmi`, verdict.findings);
  }
  if (verdict.kind === 'reject') return rejected(verdict.message, verdict.findings);

  return write(w, d, ctx, now, verdict.accepted);
}

async function write(w: Writer, d: DecisionInput, ctx: RecordContext, now: Date, accepted: Finding[]): Promise<PushResult> {
  const recordNo = await nextRecordNo(w.sql, yearWib(now));
  // Two changes, two versions: the employee's move, then the decision itself. The versions are
  // reserved when `changes` is called, so the four writes go out together and are awaited together;
  // if one fails, the decision's savepoint takes all of them back.
  const employeeVersion = w.version() + 1;
  const decision: DecisionRecord = {
    recordNo, mutationId: d.mutationId, workbookId: ctx.workbookId, proposalId: d.proposalId, nip: d.nip,
    fromPositionCode: d.fromPositionCode, toPositionCode: d.toPositionCode, reason: d.reason,
    effectiveDate: d.effectiveDate, note: d.note, mendagriApproval: d.mendagriApproval,
    approvedBy: ctx.token.name, recordedAt: now.toISOString(), findings: accepted,
    employeeVersion, version: employeeVersion + 1,
  };
  const [first] = await Promise.all([
    w.changes([{ kind: 'employee', key: d.nip }, { kind: 'decision', key: recordNo }]),
    moveEmployee(w.sql, d.nip, d.toPositionCode, d.effectiveDate, employeeVersion),
    insertDecision(w.sql, decision, ctx.token.id),
    w.audit(ctx.token.name, DECISION_ACTION, { decision, tokenId: ctx.token.id }),
  ]);
  if (first !== employeeVersion) throw new Error(`version reserved ${first}, expected ${employeeVersion}`);
  return { mutationId: d.mutationId, status: 'recorded', recordNo, version: employeeVersion, findings: accepted };
}
