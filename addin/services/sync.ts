/**
 * Sinkron: push the approved rows to the sync server and pull the official record back (SYNC-API.md).
 * - Every approved row carries its mutationId in the workbook (ID Mutasi) before anything is sent, and
 *   the decision waits in this computer's queue until the server has answered it: a timeout, a closed
 *   laptop or a co-author's second push re-sends the same id, and the server answers `duplicate`.
 * - Answers are written on the row: Nomor Catatan + Status Tercatat, or the conflict / rejection reason
 *   in Hasil Sinkron.
 * - "Tarik data resmi" applies the official record's changes to the Pegawai rows that differ and
 *   highlights them (a mark "Bersihkan tanda" removes), so nobody proposes from stale data.
 */
import type { Lang } from '../../shared/rules/types';
import { isoDate, parseDateText, today } from '../../shared/values/dates';
import type { CellValue, ValueWrite } from '../../shared/workbook/gateway';
import type { WorkbookHost } from '../host/types';
import { highlightPulled } from '../workbook/marks';
import { assertOwn } from '../workbook/own-columns';
import { orderForPush } from './push-order';
import { ApiError, getEmployee, listDecisions, pullChanges, pushDecisions, type DecisionRecord, type EmployeeRecord, type PushResult } from './api';
import { proposerExplanationIn } from '../../shared/proposer/explanation-text';
import { loadQueue, saveQueue, type Connection, type QueuedDecision } from './local';
import { check, readBook, usulanOwn } from './periksa';
import { mergeRecorded, parseRecorded, readCheckSettings, RECORDED_KEY, serializeRecorded } from '../workbook/recorded';
import { newMutationId } from './tinjau';

const WORKBOOK_ID = 'mutasi.idBukuKerja';
const CURSOR = 'mutasi.kursor';
const VERSIONS = 'mutasi.versiResmi';
const MAX_PER_PUSH = 500;

export interface PushSummary {
  sent: number;
  recorded: number;
  duplicate: number;
  conflict: number;
  rejected: number;
  /** Still waiting on this computer (server unreachable). */
  queued: number;
  offline: boolean;
  results: (PushResult & { row: number | null; proposalId: string | null; name: string | null })[];
}

async function workbookId(host: WorkbookHost): Promise<string> {
  const v = (await host.readSettings([WORKBOOK_ID]))[WORKBOOK_ID];
  if (typeof v === 'string' && v.length >= 32) return v;
  const id = newMutationId();
  await host.writeSettings({ [WORKBOOK_ID]: id });
  return id;
}

/** Decisions waiting in this computer's queue for the open workbook (0 before its first push). */
export async function queuedCount(host: WorkbookHost): Promise<number> {
  const v = (await host.readSettings([WORKBOOK_ID]))[WORKBOOK_ID];
  return typeof v === 'string' && v.length >= 32 ? loadQueue(v).length : 0;
}

async function versions(host: WorkbookHost): Promise<Record<string, number>> {
  const v = (await host.readSettings([VERSIONS]))[VERSIONS];
  try {
    return typeof v === 'string' ? (JSON.parse(v) as Record<string, number>) : {};
  } catch {
    return {};
  }
}

/** Reads the workbook and the engine's view of it, with the Usulan own columns and their cells. */
async function load(host: WorkbookHost, lang: Lang) {
  const { names, sheets } = await readBook(host);
  const { columnMap, recorded } = await readCheckSettings(host);
  const { parsed } = check(sheets, lang, columnMap, undefined, names, recorded);
  const own = usulanOwn(parsed, sheets);
  const book = parsed.book;
  const usulan = book && sheets.find((s) => s.name === book.layout.usulan.name);
  const cell = (row: number, col: number): CellValue => (usulan ? (usulan.values[row - usulan.startRow]?.[col - usulan.startCol] ?? null) : null);
  return { names, sheets, parsed, own, book, cell };
}

const text = (v: CellValue) => (v === null ? '' : v instanceof Date ? v.toISOString() : typeof v === 'object' ? '' : String(v).trim());

export async function pushApproved(host: WorkbookHost, conn: Connection, lang: Lang): Promise<PushSummary> {
  return host.action(async () => {
    const first = await load(host, lang);
    const { book, cell } = first;
    let own = first.own;
    const summary: PushSummary = { sent: 0, recorded: 0, duplicate: 0, conflict: 0, rejected: 0, queued: 0, offline: false, results: [] };
    if (!book || !own) return summary;
    const wbId = await workbookId(host);
    let statusCol = book.layout.usulan.columns.status?.col;
    const writes: ValueWrite[] = [...own.headerWrites];

    // Approved rows not yet recorded: make sure each has its mutationId in the workbook, then queue it.
    const queue = loadQueue(wbId);
    const queued = new Set(queue.map((q) => q.mutationId));
    const known = await versions(host);
    const employees = new Map(book.employees.map((e) => [e.nip, e]));
    const fresh: QueuedDecision[] = [];
    for (const p of book.proposals) {
      if (p.status !== 'Disetujui' || p.recordNo || text(cell(p.row, own.col.recordNo))) continue;
      let id = text(cell(p.row, own.col.mutationId));
      if (!id) {
        id = newMutationId();
        writes.push({ sheet: own.sheet, row: p.row, col: own.col.mutationId, values: [[id]] });
      }
      if (queued.has(id)) continue;
      const e = employees.get(p.nip);
      // The proposer's explanation goes with the decision (the Surat Penjelasan's "why"): what `propose`
      // wrote into Hasil Pemeriksaan (a check keeps it after its verdict).
      const explanation = proposerExplanationIn(text(cell(p.row, own.col.result)));
      fresh.push({
        mutationId: id,
        proposalId: p.id,
        nip: p.nip,
        fromPositionCode: e?.positionCode ?? '',
        toPositionCode: p.toCode,
        reason: p.reason ?? 'Rotasi',
        effectiveDate: isoDate(p.effectiveDate ?? book.settings.asOf),
        note: p.note,
        mendagriApproval: p.mendagriApproval || null,
        baseVersion: known[p.nip] ?? -1,
        ...(explanation ? { explanation: explanation.slice(0, 4000) } : {}),
      });
    }
    // The mutationIds go into the workbook before anything leaves this computer.
    if (writes.length > 0) {
      assertOwn(writes, own);
      await host.writeValues(writes);
      writes.length = 0;
    }
    queue.push(...fresh);
    orderForPush(queue); // a decision after the ones that free its seat (push-order.ts)
    saveQueue(wbId, queue);
    if (queue.length === 0) return summary;

    try {
      // Never pulled: base the decision on the official record as it is now (8 lookups at a time).
      // Unknown to the server → 0, and the server answers for that row; offline → the queue keeps -1.
      const missing = queue.filter((d) => d.baseVersion < 0);
      for (let i = 0; i < missing.length; i += 8) {
        await Promise.all(missing.slice(i, i + 8).map(async (d) => {
          try {
            d.baseVersion = (await getEmployee(conn, d.nip)).version;
          } catch (e) {
            if (e instanceof ApiError && e.status === 404) d.baseVersion = 0;
            else throw e;
          }
        }));
      }
      const answers: PushResult[] = [];
      for (let i = 0; i < queue.length; i += MAX_PER_PUSH) {
        const part = queue.slice(i, i + MAX_PER_PUSH);
        summary.sent += part.length;
        answers.push(...(await pushDecisions(conn, wbId, part)).results);
      }
      saveQueue(wbId, []);
      // Who approved is the server's word (the token's holder), never the workbook's: ask it for the
      // decisions just recorded. Not essential — without an answer, Tarik data resmi fills it later.
      // The push answer names the approver; only an older server that does not needs the extra GET.
      const approvers = await recordedApprovers(conn, queue, answers.filter((a) => (a.status === 'recorded' || a.status === 'duplicate') && !a.approvedBy));
      // The answers took a network round trip, during which a co-author (or the user) may have sorted,
      // inserted or deleted rows: read the workbook again and find each answer's row by its ID Mutasi,
      // never by the row number it had before the request went out.
      const now = await load(host, lang);
      if (!now.book || !now.own) throw new Error(lang === 'en' ? 'Usulan can no longer be read; the answers stay with the server (pull to fetch them)' : 'Usulan tidak terbaca lagi; jawaban server tetap tersimpan di server (Tarik data resmi untuk mengambilnya)');
      own = now.own;
      statusCol = now.book.layout.usulan.columns.status?.col;
      const nowRowOf = new Map<string, number>();
      for (const p of now.book.proposals) {
        const id = text(now.cell(p.row, own.col.mutationId));
        if (id) nowRowOf.set(id, p.row);
      }
      const byRow = new Map(now.book.proposals.map((p) => [p.row, p]));
      const nowEmployees = new Map(now.book.employees.map((e) => [e.nip, e]));
      writes.push(...own.headerWrites);
      for (const a of answers) {
        const row = nowRowOf.get(a.mutationId) ?? null;
        const proposal = row === null ? undefined : byRow.get(row);
        summary.results.push({ ...a, row, proposalId: proposal?.id ?? null, name: (proposal && nowEmployees.get(proposal.nip)?.name) ?? null });
        summary[a.status]++;
        if (row === null) continue;
        const sheet = own.sheet;
        const put = (col: number, v: CellValue) => writes.push({ sheet, row, col, values: [[v]] });
        if (a.status === 'recorded' || a.status === 'duplicate') {
          put(own.col.recordNo, a.recordNo);
          const by = a.approvedBy ?? approvers.get(a.mutationId);
          if (by) put(own.col.approvedBy, by);
          if (statusCol !== undefined) put(statusCol, 'Tercatat');
          put(own.col.syncResult, lang === 'en' ? `${a.status === 'duplicate' ? 'Already recorded' : 'Recorded'} ${a.recordNo}` : `${a.status === 'duplicate' ? 'Sudah tercatat' : 'Tercatat'} ${a.recordNo}`);
        } else {
          const rules = a.findings.map((f) => f.rule).filter((r, i, l) => l.indexOf(r) === i);
          put(own.col.syncResult, `${a.status === 'conflict' ? (lang === 'en' ? 'Conflict' : 'Konflik') : lang === 'en' ? 'Rejected' : 'Ditolak server'}: ${(a as { message: string }).message}${rules.length ? ` (${rules.join(', ')})` : ''}`);
        }
      }
    } catch (e) {
      if (e instanceof ApiError && e.offline) {
        summary.offline = true;
        summary.queued = queue.length;
        saveQueue(wbId, queue);
        return summary;
      }
      saveQueue(wbId, queue);
      throw e;
    }
    assertOwn(writes, own, statusCol !== undefined ? [statusCol] : []);
    await host.writeValues(writes);
    return summary;
  });
}

async function recordedApprovers(conn: Connection, sent: QueuedDecision[], answers: PushResult[]): Promise<Map<string, string>> {
  const ok = new Set(answers.filter((a) => a.status === 'recorded' || a.status === 'duplicate').map((a) => a.mutationId));
  const dates = sent.filter((d) => ok.has(d.mutationId)).map((d) => d.effectiveDate).sort();
  const out = new Map<string, string>();
  if (dates.length === 0) return out;
  try {
    const { decisions } = await listDecisions(conn, dates[0]!, dates[dates.length - 1]!);
    for (const d of decisions) if (ok.has(d.mutationId) && d.approvedBy) out.set(d.mutationId, d.approvedBy);
  } catch {
    /* the record numbers matter; the name follows with the next pull */
  }
  return out;
}

export interface PullSummary {
  changes: number;
  rowsUpdated: number;
  decisions: number;
  reset: boolean;
  /** Rows (Draf, Diajukan, Disetujui) marked Tercatat because their decision was recorded from another copy. */
  markedRecorded?: number;
}

const proposalKey = (id: string, nip: string, to: string) => `${id}\u0000${nip}\u0000${to}`;
/** The pulled decisions by No Usulan + NIP + target (a No Usulan alone may be reused in another copy). */
function recordedByProposal(decisions: Iterable<DecisionRecord>): Map<string, DecisionRecord> {
  const out = new Map<string, DecisionRecord>();
  for (const d of decisions) if (d.proposalId && d.toPositionCode) out.set(proposalKey(d.proposalId, d.nip, d.toPositionCode), d);
  return out;
}

/** "Tarik data resmi". */
export async function pullOfficial(host: WorkbookHost, conn: Connection, lang: Lang): Promise<PullSummary> {
  return host.action(async () => {
    const summary: PullSummary = { changes: 0, rowsUpdated: 0, decisions: 0, reset: false };
    // The network first, the workbook after: rows are read and written back-to-back, so nobody's
    // sorting or inserting in between can shift them.
    const settings = await host.readSettings([CURSOR, RECORDED_KEY]);
    let cursor = Number(settings[CURSOR] ?? 0) || 0;
    const emps = new Map<string, EmployeeRecord>();
    const decs = new Map<string, DecisionRecord>();
    for (;;) {
      const page = await pullChanges(conn, cursor);
      if (page.reset && page.snapshot) {
        summary.reset = true;
        for (const e of page.snapshot.employees) emps.set(e.nip, e);
        for (const d of page.snapshot.decisions) decs.set(d.mutationId, d);
      }
      for (const c of page.changes) {
        summary.changes++;
        if (c.kind === 'employee') emps.set(c.data.nip, c.data);
        else if (c.kind === 'decision') decs.set(c.data.mutationId, c.data);
      }
      cursor = page.cursor;
      if (!page.more) break;
    }
    const { book, own, cell } = await load(host, lang);
    if (!book) return summary;

    const peg = book.layout.pegawai;
    const writes: ValueWrite[] = [];
    const changed: [number, number][] = [];
    const put = (row: number, col: number | undefined, v: CellValue, numberFormat?: string) => {
      if (col === undefined) return;
      writes.push({ sheet: peg.name, row, col, values: [[v]], ...(numberFormat ? { numberFormat } : {}) });
      changed.push([row, col]);
    };
    const stored = await versions(host);
    for (const e of book.employees) {
      const r = emps.get(e.nip);
      if (!r) continue;
      stored[e.nip] = r.version;
      const before = changed.length;
      if (r.positionCode && r.positionCode !== e.positionCode) put(e.row, peg.columns.positionCode?.col, r.positionCode);
      if (r.rank && r.rank !== e.rank) put(e.row, peg.columns.rank?.col, r.rank);
      if (r.name && r.name !== e.name) put(e.row, peg.columns.name?.col, r.name);
      const start = r.positionStart ? parseDateText(r.positionStart) : null;
      if (start !== null && start !== e.positionStart) put(e.row, peg.columns.positionStart?.col, new Date(start * 86_400_000), 'dd/mm/yyyy');
      if (changed.length > before) summary.rowsUpdated++;
    }
    // Decisions recorded from elsewhere (another computer's push): their rows here learn the record number.
    if (own) {
      const statusCol = book.layout.usulan.columns.status?.col;
      const usulanWrites: ValueWrite[] = [...own.headerWrites];
      const byProposal = recordedByProposal(decs.values());
      for (const p of book.proposals) {
        let d = decs.get(text(cell(p.row, own.col.mutationId)));
        const one = (col: number, v: CellValue) => usulanWrites.push({ sheet: own.sheet, row: p.row, col, values: [[v]] });
        if (!d && p.status !== 'Tercatat' && p.status !== 'Ditolak' && !text(cell(p.row, own.col.recordNo))) {
          // Recorded from another copy of the workbook (its ID Mutasi never reached this one): the same
          // No Usulan, NIP and target. The row takes the decision's id and number, and is Tercatat.
          d = byProposal.get(proposalKey(p.id, p.nip, p.toCode));
          if (d) {
            one(own.col.mutationId, d.mutationId);
            summary.markedRecorded = (summary.markedRecorded ?? 0) + 1;
          }
        }
        if (!d) continue;
        summary.decisions++;
        one(own.col.recordNo, d.recordNo);
        one(own.col.approvedBy, d.approvedBy);
        if (statusCol !== undefined && p.status !== 'Tercatat') one(statusCol, 'Tercatat');
      }
      assertOwn(usulanWrites, own, statusCol !== undefined ? [statusCol] : []);
      writes.push(...usulanWrites);
    }
    await host.writeValues(writes);
    await highlightPulled(host, peg.name, changed);
    // The decisions pulled, kept so a TMT Jabatan they put ahead of the as-of date is not taken for a typo.
    const recorded = mergeRecorded(parseRecorded(settings[RECORDED_KEY]), [...decs.values()], today(), summary.reset);
    await host.writeSettings({ [CURSOR]: String(cursor), [VERSIONS]: JSON.stringify(stored), [RECORDED_KEY]: serializeRecorded(recorded) });
    return summary;
  });
}

/** Removes a decision from this computer's push queue (Tinjau's take-back of an approval not yet recorded). */
export async function dequeueDecision(host: WorkbookHost, mutationId: string): Promise<void> {
  const v = (await host.readSettings([WORKBOOK_ID]))[WORKBOOK_ID];
  if (typeof v !== 'string' || v.length < 32) return;
  const q = loadQueue(v);
  const rest = q.filter((d) => d.mutationId !== mutationId);
  if (rest.length !== q.length) saveQueue(v, rest);
}
