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
import type { Book, Lang } from '../../shared/rules/types';
import { isoDate, parseDateText, today } from '../../shared/values/dates';
import type { CellValue, ValueWrite } from '../../shared/workbook/gateway';
import type { WorkbookHost } from '../host/types';
import { highlightPulled } from '../workbook/marks';
import { assertOwn, type OwnColumns } from '../workbook/own-columns';
import { orderForPush } from './push-order';
import { ApiError, getEmployee, listDecisions, pullChanges, pushDecisions, type DecisionRecord, type EmployeeRecord, type PushResult } from './api';
import { proposerExplanationIn } from '../../shared/proposer/explanation-text';
import { loadQueue, saveQueue, type Connection, type QueuedDecision } from './local';
import { checkOpenWorkbook, usulanOwn } from './periksa';
import { mergeRecorded, parseRecorded, RECORDED_KEY, serializeRecorded } from '../workbook/recorded';
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
  const { names, sheets, parsed } = await checkOpenWorkbook(host, lang);
  const own = usulanOwn(parsed, sheets);
  const book = parsed.book;
  const usulan = book && sheets.find((s) => s.name === book.layout.usulan.name);
  const cell = (row: number, col: number): CellValue => (usulan ? (usulan.values[row - usulan.startRow]?.[col - usulan.startCol] ?? null) : null);
  return { names, sheets, parsed, own, book, cell };
}

/** A workbook whose Usulan has the add-in's own columns: what a push reads and writes. */
interface Pushable {
  book: Book;
  own: OwnColumns;
  cell: (row: number, col: number) => CellValue;
}

async function loadPushable(host: WorkbookHost, lang: Lang): Promise<Pushable | null> {
  const { book, own, cell } = await load(host, lang);
  return book && own ? { book, own, cell } : null;
}

const text = (v: CellValue) => (v === null ? '' : v instanceof Date ? v.toISOString() : typeof v === 'object' ? '' : String(v).trim());

type Answered = PushSummary['results'][number];

/**
 * Pushes the approved rows: (1) each gets its ID Mutasi in the workbook and joins this computer's
 * queue, (2) decisions never pulled get the official version they are based on, (3) the queue goes out,
 * (4) the answers are written on the rows that hold their ID Mutasi now. Unreachable server: the queue
 * stays for the next push.
 */
export async function pushApproved(host: WorkbookHost, conn: Connection, lang: Lang): Promise<PushSummary> {
  return host.action(async () => {
    const summary: PushSummary = { sent: 0, recorded: 0, duplicate: 0, conflict: 0, rejected: 0, queued: 0, offline: false, results: [] };
    const before = await loadPushable(host, lang);
    if (!before) return summary;
    const wbId = await workbookId(host);
    const queue = await queueApproved(host, wbId, before);
    if (queue.length === 0) return summary;

    let now: Pushable;
    let writes: ValueWrite[];
    try {
      await fillBaseVersions(conn, queue);
      const answers = await sendQueue(conn, wbId, queue, summary);
      saveQueue(wbId, []);
      // Who approved is the server's word (the token's holder), never the workbook's. The push answer
      // names the approver; only an older server that does not needs the extra GET. Not essential —
      // without an answer, Tarik data resmi fills it later.
      const approvers = await recordedApprovers(conn, queue, answers.filter((a) => (a.status === 'recorded' || a.status === 'duplicate') && !a.approvedBy));
      // The answers took a network round trip, during which a co-author (or the user) may have sorted,
      // inserted or deleted rows: read the workbook again and find each answer's row by its ID Mutasi,
      // never by the row number it had before the request went out.
      const reread = await loadPushable(host, lang);
      if (!reread) throw new Error(lang === 'en' ? 'Usulan can no longer be read; the answers stay with the server (pull to fetch them)' : 'Usulan tidak terbaca lagi; jawaban server tetap tersimpan di server (Tarik data resmi untuk mengambilnya)');
      now = reread;
      const answered = answerRows(now, answers);
      for (const a of answered) {
        summary.results.push(a);
        summary[a.status]++;
      }
      writes = [...now.own.headerWrites, ...answered.flatMap((a) => answerWrites(now, a, approvers, lang))];
    } catch (e) {
      saveQueue(wbId, queue);
      if (e instanceof ApiError && e.offline) {
        summary.offline = true;
        summary.queued = queue.length;
        return summary;
      }
      throw e;
    }
    const statusCol = now.book.layout.usulan.columns.status?.col;
    assertOwn(writes, now.own, statusCol !== undefined ? [statusCol] : []);
    await host.writeValues(writes);
    return summary;
  });
}

/**
 * Step 1: the approved rows not yet recorded, each with its ID Mutasi in the workbook before anything
 * leaves this computer, join the queue (in seat order, push-order.ts). Returns the whole queue, saved.
 */
async function queueApproved(host: WorkbookHost, wbId: string, wb: Pushable): Promise<QueuedDecision[]> {
  const { book, own, cell } = wb;
  const queue = loadQueue(wbId);
  const queued = new Set(queue.map((q) => q.mutationId));
  const known = await versions(host);
  const employees = new Map(book.employees.map((e) => [e.nip, e]));
  const writes: ValueWrite[] = [...own.headerWrites];
  const fresh: QueuedDecision[] = [];
  for (const p of book.proposals) {
    if (p.status !== 'Disetujui' || p.recordNo || text(cell(p.row, own.col.recordNo))) continue;
    let id = text(cell(p.row, own.col.mutationId));
    if (!id) {
      id = newMutationId();
      writes.push({ sheet: own.sheet, row: p.row, col: own.col.mutationId, values: [[id]] });
    }
    if (queued.has(id)) continue;
    // The proposer's explanation goes with the decision (the Surat Penjelasan's "why"): what `propose`
    // wrote into Hasil Pemeriksaan (a check keeps it after its verdict).
    const explanation = proposerExplanationIn(text(cell(p.row, own.col.result)));
    fresh.push({
      mutationId: id,
      proposalId: p.id,
      nip: p.nip,
      fromPositionCode: employees.get(p.nip)?.positionCode ?? '',
      toPositionCode: p.toCode,
      reason: p.reason ?? 'Rotasi',
      effectiveDate: isoDate(p.effectiveDate ?? book.settings.asOf),
      note: p.note,
      mendagriApproval: p.mendagriApproval || null,
      baseVersion: known[p.nip] ?? -1,
      ...(explanation ? { explanation: explanation.slice(0, 4000) } : {}),
    });
  }
  if (writes.length > 0) {
    assertOwn(writes, own);
    await host.writeValues(writes);
  }
  queue.push(...fresh);
  orderForPush(queue); // a decision after the ones that free its seat (push-order.ts)
  saveQueue(wbId, queue);
  return queue;
}

/**
 * Step 2: a decision never pulled is based on the official record as it is now (8 lookups at a time).
 * Unknown to the server → 0, and the server answers for that row; offline → throws, the queue keeps -1.
 */
async function fillBaseVersions(conn: Connection, queue: QueuedDecision[]): Promise<void> {
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
}

/** Step 3: the queue, MAX_PER_PUSH decisions a request; `summary.sent` counts what went out. */
async function sendQueue(conn: Connection, wbId: string, queue: QueuedDecision[], summary: PushSummary): Promise<PushResult[]> {
  const answers: PushResult[] = [];
  for (let i = 0; i < queue.length; i += MAX_PER_PUSH) {
    const part = queue.slice(i, i + MAX_PER_PUSH);
    summary.sent += part.length;
    answers.push(...(await pushDecisions(conn, wbId, part)).results);
  }
  return answers;
}

/** Step 4a: each answer with the row that holds its ID Mutasi now (null when none does), its No Usulan and name. */
function answerRows(now: Pushable, answers: PushResult[]): Answered[] {
  const rowOf = new Map<string, number>();
  for (const p of now.book.proposals) {
    const id = text(now.cell(p.row, now.own.col.mutationId));
    if (id) rowOf.set(id, p.row);
  }
  const byRow = new Map(now.book.proposals.map((p) => [p.row, p]));
  const employees = new Map(now.book.employees.map((e) => [e.nip, e]));
  return answers.map((a) => {
    const row = rowOf.get(a.mutationId) ?? null;
    const proposal = row === null ? undefined : byRow.get(row);
    return { ...a, row, proposalId: proposal?.id ?? null, name: (proposal && employees.get(proposal.nip)?.name) ?? null };
  });
}

/**
 * Step 4b: an answer's writes on its row: Nomor Catatan, Disetujui Oleh, Status Tercatat and Hasil
 * Sinkron when recorded; the conflict or rejection, with its rule ids, in Hasil Sinkron otherwise.
 */
function answerWrites(now: Pushable, a: Answered, approvers: Map<string, string>, lang: Lang): ValueWrite[] {
  const { row } = a;
  if (row === null) return [];
  const { own } = now;
  const statusCol = now.book.layout.usulan.columns.status?.col;
  const writes: ValueWrite[] = [];
  const put = (col: number, v: CellValue) => writes.push({ sheet: own.sheet, row, col, values: [[v]] });
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
  return writes;
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
