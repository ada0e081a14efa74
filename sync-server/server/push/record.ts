/**
 * Recording pushed decisions, inside the group writer's transaction (group-commit.ts), which holds the
 * writer lock, so the checks and the writes see the same official record and two approvers racing for
 * the last seat are served one after the other.
 *
 * A batch (the decisions of one group, in turn order) costs one round of reads and one round of
 * writes whatever its size (db/push-sql.ts): everything the decisions refer to is read at once, each
 * decision is then judged in order on that view of the record — which each recorded decision updates
 * (the employee's place and version, the seats, its mutation id, the record number), so a later
 * decision sees the earlier ones exactly as if each had committed alone — and the recorded ones are
 * written together. Order of checks (SYNC-API.md): already recorded → duplicate; unknown employee /
 * position or outside the token's unit → rejected; stale baseVersion or the employee no longer in the
 * position the workbook thought → conflict (checked before anything else about the move: the workbook
 * must pull first); target = current position → rejected; the same move (NIP, target, TMT) already
 * recorded under another mutation id → duplicate of it; TMT Mutasi before the TMT Jabatan → rejected
 * (VALUE_INVALID); seats taken → conflict; the rules → rejected or recorded. A database restored from a
 * backup records nothing until numbering is resumed (db/numbering.ts): 503.
 */
import { DECISION_ACTION } from '../../db/audit-verify';
import type { DecisionRecord, EmployeeRecord } from '../../db/records';
import { decisionStatements, formatRecordNo, moveKey, readOfficial, type EmployeePlace, type OfficialView, type TokenState } from '../../db/push-sql';
import { TransactionBroken, type Writer } from '../../db/writer';
import { heldMessage } from '../../db/numbering';
import { HttpError } from '../http-error';
import { isExpired, type TokenInfo } from '../../db/tokens';
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
  /**
   * Read the token again under the writer lock and record nothing if it is revoked, expired or changed
   * (`TokenRefused`): the push route sets it, because it authenticated the token from its cache
   * (server/auth.ts). Tools and tests that hand in a token they just made need not.
   */
  recheckToken?: boolean;
  /** Tests pin the clock; the server uses now. */
  now?: () => Date;
}

/** One decision of a batch; `owner`: the request it came from (a failure stops that request's later decisions). */
export interface BatchItem {
  d: DecisionInput;
  ctx: RecordContext;
  owner: object;
}

export type BatchOutcome =
  | { kind: 'done'; result: PushResult }
  /** Judging it threw (a bug, not a verdict): its request fails with this error. */
  | { kind: 'failed'; error: unknown }
  /** Not attempted: an earlier decision of the same request failed. */
  | { kind: 'skipped' };

/**
 * Judges the batch's decisions in order on the official record as `w` sees it and writes the ones
 * recorded, in one atomic step (`w.writeAll`); one outcome per item. Throws only when a statement
 * fails (a read or a write): then nothing of the batch is written (`TransactionBroken` if even that
 * could not be ensured: the whole transaction must go).
 */
export async function recordBatch(w: Writer, items: readonly BatchItem[]): Promise<BatchOutcome[]> {
  const view = await readOfficial(w, {
    nips: items.map((it) => it.d.nip),
    codes: items.map((it) => it.d.toPositionCode),
    mutationIds: items.map((it) => it.d.mutationId),
    tokenIds: items.filter((it) => it.ctx.recheckToken).map((it) => it.ctx.token.id),
  });
  const stored = w.settingsJson ? (JSON.parse(w.settingsJson) as Omit<Settings, 'asOf'>) : null;

  const recorded: { decision: DecisionRecord; tokenId: number }[] = [];
  const places = new Map<string, EmployeePlace>();
  const usedYears = new Map<number, number>();
  let version = w.version();

  const outcomes = await inTurn(items, async (item): Promise<BatchOutcome> => {
    const { d, ctx } = item;
    let verdict: Verdict;
    const now = (ctx.now ?? (() => new Date()))();
    // The token, as it is now under the writer lock: revoked (by another process too), expired or
    // changed since the request authenticated it, it records nothing (SYNC-API.md: 401).
    if (ctx.recheckToken && !tokenStillLive(view.tokens.get(ctx.token.id), ctx.token, now)) return { kind: 'failed', error: new TokenRefused(ctx.token.id) };
    try {
      verdict = judgeOne(view, d, ctx, stored, now);
    } catch (error) {
      return { kind: 'failed', error };
    }
    if (verdict.kind === 'result') return { kind: 'done', result: verdict.result };

    // A restored copy gives no number until the administrator says where to continue (db/numbering.ts).
    if (view.numberingHeld) return { kind: 'failed', error: new HttpError(503, { error: heldMessage(view.numberingHeld) }) };
    // Recorded: the next record number of the year and two versions — the employee's move, then the
    // decision itself — and the view updated so the decisions after it see it.
    const year = yearWib(now);
    const n = (view.lastRecordNo.get(year) ?? 0) + 1;
    view.lastRecordNo.set(year, n);
    usedYears.set(year, n);
    const recordNo = formatRecordNo(year, n);
    const employeeVersion = version + 1;
    version += 2;
    const decision: DecisionRecord = {
      recordNo, mutationId: d.mutationId, workbookId: ctx.workbookId, proposalId: d.proposalId, nip: d.nip,
      fromPositionCode: d.fromPositionCode, toPositionCode: d.toPositionCode, reason: d.reason,
      effectiveDate: d.effectiveDate, note: d.note, mendagriApproval: d.mendagriApproval,
      approvedBy: ctx.token.name, recordedAt: now.toISOString(), findings: verdict.accepted,
      employeeVersion, version: employeeVersion + 1,
      ...(d.explanation?.trim() ? { explanation: d.explanation.trim() } : {}),
    };
    recorded.push({ decision, tokenId: ctx.token.id });
    const moved: EmployeeRecord = { ...verdict.employee, positionCode: d.toPositionCode, positionStart: d.effectiveDate, version: employeeVersion };
    view.employees.set(d.nip, moved);
    places.set(d.nip, { nip: d.nip, positionCode: moved.positionCode, positionStart: d.effectiveDate, version: employeeVersion });
    const from = view.positions.get(verdict.employee.positionCode);
    if (from) view.positions.set(from.code, { ...from, holders: from.holders - 1 });
    const to = view.positions.get(d.toPositionCode)!;
    view.positions.set(to.code, { ...to, holders: to.holders + 1 });
    view.recorded.set(d.mutationId, decision);
    view.sameMove.set(moveKey(d.nip, d.toPositionCode, d.effectiveDate), decision);
    return { kind: 'done', result: { mutationId: d.mutationId, status: 'recorded', recordNo, version: employeeVersion, findings: verdict.accepted, approvedBy: decision.approvedBy } };
  });

  if (recorded.length > 0) {
    // All of it in one atomic step (one round trip on SQLite); if a statement fails, nothing of the
    // batch is written and the caller tries the decisions one by one.
    const expected = w.version() + 1;
    await w.writeAll((plan) => {
      const changes = plan.changes(recorded.flatMap(({ decision }) => [
        { kind: 'employee' as const, key: decision.nip },
        { kind: 'decision' as const, key: decision.recordNo },
      ]));
      if (changes.first !== expected) throw new Error(`version reserved ${changes.first}, expected ${expected}`);
      const audit = plan.audit(recorded.map(({ decision, tokenId }) => ({ actor: decision.approvedBy, action: DECISION_ACTION, payload: { decision, tokenId } })));
      return [changes.statement!, audit.statement!, ...decisionStatements(w.dialect, recorded, [...places.values()], usedYears)];
    });
  }
  return outcomes;
}

/**
 * Records a group's decisions (group-commit.ts) inside the writer's transaction: the whole group as
 * one batch (`recordBatch`: one round of reads, one atomic step of writes). If a statement of it fails
 * (a constraint, a trigger, a fault), nothing of it was written, and the group is applied again one
 * decision at a time, each its own atomic step, to find the one to blame: the others are still
 * recorded, with no number, version or audit entry skipped. `TransactionBroken` (the transaction can
 * no longer be trusted) is thrown: the caller must let all of it roll back.
 */
export async function recordGroup(w: Writer, items: readonly BatchItem[]): Promise<BatchOutcome[]> {
  const attempt = async (batch: readonly BatchItem[]): Promise<BatchOutcome[] | { error: unknown }> => {
    try {
      return await recordBatch(w, batch);
    } catch (error) {
      if (error instanceof TransactionBroken) throw error;
      return { error };
    }
  };
  const whole = await attempt(items);
  if (Array.isArray(whole)) return whole;
  return inTurn(items, async (item) => {
    const one = await attempt([item]);
    return Array.isArray(one) ? one[0]! : { kind: 'failed', error: one.error };
  });
}

/**
 * `step` on each item in order. A request whose decision failed gives up the rest of its decisions:
 * they are skipped, not attempted (what it recorded before stays recorded; a retry gets those back as
 * `duplicate`).
 */
async function inTurn(items: readonly BatchItem[], step: (item: BatchItem) => Promise<BatchOutcome>): Promise<BatchOutcome[]> {
  const failed = new Set<object>();
  const outcomes: BatchOutcome[] = [];
  for (const item of items) {
    if (failed.has(item.owner)) {
      outcomes.push({ kind: 'skipped' });
      continue;
    }
    const outcome = await step(item);
    if (outcome.kind === 'failed') failed.add(item.owner);
    outcomes.push(outcome);
  }
  return outcomes;
}

/** A push's token was refused inside the group (revoked, expired or changed since it was authenticated). */
export class TokenRefused extends Error {
  constructor(readonly tokenId: number) {
    super(`token ${tokenId} no longer valid`);
    this.name = 'TokenRefused';
  }
}

function tokenStillLive(now: TokenState | undefined, authenticated: TokenInfo, at: Date): boolean {
  return !!now && now.revokedAt === null && !isExpired({ expiresAt: now.expiresAt }, at)
    && now.role === authenticated.role && now.unit === (authenticated.unit ?? null) && now.name === authenticated.name;
}

type Verdict = { kind: 'result'; result: PushResult } | { kind: 'record'; employee: EmployeeRecord; accepted: Finding[] };

/** One decision judged on the view (SYNC-API.md's order of checks); nothing written. */
function judgeOne(view: OfficialView, d: DecisionInput, ctx: RecordContext, stored: Omit<Settings, 'asOf'> | null, now: Date): Verdict {
  const mutationId = d.mutationId;
  const result = (r: PushResult): Verdict => ({ kind: 'result', result: r });
  const rejected = (message: string, findings: Finding[]) => result({ mutationId, status: 'rejected', message, findings });

  const before = view.recorded.get(mutationId);
  if (before) {
    return result({
      mutationId, status: 'duplicate', recordNo: before.recordNo, version: before.employeeVersion,
      findings: before.findings, recordedAt: before.recordedAt, approvedBy: before.approvedBy,
    });
  }
  // A unit-scoped token learns nothing outside its unit: a NIP or position of another unit is answered
  // exactly as one that does not exist (same message, same finding), naming only its own unit.
  const scope = ctx.token.unit;
  const found = view.employees.get(d.nip);
  const employee = found && (!scope || view.positions.get(found.positionCode)?.unit === scope) ? found : undefined;
  if (!employee) {
    const where = scope ? ` unit ${scope} (mutasi antarunit butuh token tanpa batas unit)` : '';
    return rejected(`NIP ${d.nip} tidak ada di catatan resmi${where}`, [
      serverFinding('EMPLOYEE_UNKNOWN', 'nip', d.nip, `NIP ${d.nip} tidak ditemukan di data pegawai resmi${scope ? ` unit ${scope}` : ''}.`),
    ]);
  }
  const target = view.positions.get(d.toPositionCode);
  const to = target && (!scope || target.unit === scope) ? target : undefined;
  if (!to) {
    const where = scope ? ` unit ${scope} (mutasi antarunit butuh token tanpa batas unit)` : '';
    return rejected(`Jabatan ${d.toPositionCode} tidak ada di catatan resmi${where}`, [
      serverFinding('POSITION_UNKNOWN', 'toCode', d.toPositionCode, `Kode jabatan ${d.toPositionCode} tidak ditemukan di data jabatan resmi${scope ? ` unit ${scope}` : ''}.`),
    ]);
  }
  const from = view.positions.get(employee.positionCode) ?? null;

  const holders = new Map([[to.code, to.holders]]);
  if (from) holders.set(from.code, from.holders);
  const position: PositionState = { code: to.code, unit: to.unit, needed: to.needed, holders: to.holders };
  const conflict = (reason: 'VERSION_STALE' | 'POSITION_CHANGED' | 'FORMATION_FULL', message: string, findings: Finding[] = []) =>
    result({ mutationId, status: 'conflict', reason, message, current: { employee, position }, findings });
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
  // The same move (person, target, TMT) recorded before under another mutationId, and the person is back
  // where the workbook thinks (a roster import with --timpa-keputusan put them there): the original
  // record again, never a second number for one move. (While the person still sits where that decision
  // put them, the checks above already answer: the workbook must pull.)
  const same = view.sameMove.get(moveKey(d.nip, d.toPositionCode, d.effectiveDate));
  if (same) {
    return result({
      mutationId, status: 'duplicate', recordNo: same.recordNo, version: same.employeeVersion,
      findings: same.findings, recordedAt: same.recordedAt, approvedBy: same.approvedBy,
    });
  }
  // RULES.md VALUE_INVALID (2026-12-07): nobody leaves a post before taking it up. Checked here on
  // the official record's TMT Jabatan whatever the engine does, so no move can end up dated before it.
  if (employee.positionStart && d.effectiveDate < employee.positionStart) {
    return rejected(`TMT Mutasi ${d.effectiveDate} sebelum TMT Jabatan pegawai ${d.nip} (${employee.positionStart}) di catatan resmi`, [
      serverFinding('VALUE_INVALID', 'effectiveDate', d.nip,
        `TMT Mutasi ${d.effectiveDate} tidak boleh sebelum TMT Jabatan ${employee.positionStart} (pegawai belum menduduki jabatan asalnya).`),
    ]);
  }
  if (position.holders + 1 > to.needed) {
    return conflict('FORMATION_FULL', `Formasi ${to.code} penuh di catatan resmi: ${position.holders} pemangku, kebutuhan ${to.needed}`);
  }

  const settings: Settings = { ...defaultSettings(todayWib(now)), ...(stored ?? {}), asOf: todayWib(now) };
  const book = officialBook({ employee, from, to, holders, settings, approvedBy: ctx.token.name }, d);
  const verdict = judge(proposalFindings(book, evaluateOfficial(book).findings), d.note);
  if (verdict.kind === 'conflict') {
    return conflict('FORMATION_FULL', `Formasi ${to.code} penuh di catatan resmi`, verdict.findings);
  }
  if (verdict.kind === 'reject') return rejected(verdict.message, verdict.findings);
  return { kind: 'record', employee, accepted: verdict.accepted };
}
