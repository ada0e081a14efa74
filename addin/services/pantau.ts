/**
 * Pantau (after the move, SYNC-API.md "After the move (follow-up)"): what is due or overdue for the
 * user's unit (the server scopes a unit token to its unit), the follow-up of one move (SPMT date,
 * reviews), and the report per receiving unit.
 *
 * Writes follow the push's discipline (services/sync.ts): each form becomes an entry with a mutationId
 * made when it is saved, kept in this computer's queue until the server has answered it; a timeout, a
 * closed laptop or a 5xx leaves it queued and the next send re-sends the same id (the server answers
 * `duplicate`). Follow-ups belong to the official record, not to a workbook, so the queue is this
 * computer's and the server's (one per server address).
 *
 * "Tulis ke sheet Pantau" writes the report (and the list) to the add-in's sheet `Pantau` with a native
 * chart of the SKP after the move against the two years before, per unit.
 */
import { ACTIONS_WITH_DETAIL, type FollowupAction, type FollowupRecord } from '../../shared/followup';
import type { Skp } from '../../shared/domain';
import type { Lang } from '../../shared/rules/types';
import { a1, type CellValue, type ValueWrite } from '../../shared/workbook/gateway';
import type { ChartSpec, WorkbookHost } from '../host/types';
import { ApiError, callApi } from './api';
import type { Connection } from './local';
import { newMutationId } from './tinjau';

export interface DueItem {
  recordNo: string;
  nip: string;
  name: string;
  unit: string;
  toPositionCode: string;
  toPosition: string;
  effectiveDate: string;
  kind: 'spmt' | 'review';
  month: number | null;
  dueDate: string;
  status: 'due' | 'overdue';
  daysLate: number;
  version: number;
}

export interface DueList {
  at: string;
  unit: string | null;
  settings: { spmtDays: number; reviewMonths: number[] };
  overdue: number;
  due: number;
  items: DueItem[];
}

export interface UnitReport {
  unit: string;
  moves: number;
  spmt: { onTime: number; late: number; missing: number; pending: number };
  reviews: { done: number; due: number; overdue: number; upcoming: number };
  skp: { higher: number; same: number; lower: number; unknown: number };
}

export interface Report {
  at: string;
  from: string;
  to: string;
  unit: string | null;
  settings: { spmtDays: number; reviewMonths: number[] };
  units: UnitReport[];
  total: UnitReport;
}

export type FollowupEntry =
  | { mutationId: string; recordNo: string; kind: 'spmt'; spmtDate: string; note: string; baseVersion: number | null }
  | {
      mutationId: string; recordNo: string; kind: 'review'; month: number; reviewDate: string; skp: Skp; note: string;
      action: FollowupAction; actionDetail: string | null; baseVersion: number | null;
    };

/** A form's entry before it gets its mutationId. */
export type FollowupDraft =
  | Omit<Extract<FollowupEntry, { kind: 'spmt' }>, 'mutationId'>
  | Omit<Extract<FollowupEntry, { kind: 'review' }>, 'mutationId'>;

export type FollowupResult =
  | { mutationId: string; status: 'recorded' | 'duplicate'; recordNo: string; version: number; followup: FollowupRecord }
  | { mutationId: string; status: 'conflict'; reason: string; message: string; current: FollowupRecord | null }
  | { mutationId: string; status: 'rejected'; reason: string; field: string; message: string };

const MAX_PER_SEND = 100;

export function loadDue(conn: Connection, at?: string): Promise<DueList> {
  return callApi(conn, `/followups/due${at ? `?at=${encodeURIComponent(at)}` : ''}`);
}

export function loadReport(conn: Connection, at?: string): Promise<Report> {
  return callApi(conn, `/followups/report${at ? `?at=${encodeURIComponent(at)}` : ''}`);
}

// ---- the queue (this computer, one per server) ----
function store(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
const memory = new Map<string, string>();
const queueKey = (conn: Connection) => `mutasi.antreanPantau.${conn.server}`;

export function loadFollowupQueue(conn: Connection): FollowupEntry[] {
  const s = store();
  try {
    const v = JSON.parse((s ? s.getItem(queueKey(conn)) : memory.get(queueKey(conn))) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as FollowupEntry[]) : [];
  } catch {
    return [];
  }
}

export function saveFollowupQueue(conn: Connection, q: FollowupEntry[]): void {
  const s = store();
  const v = JSON.stringify(q);
  if (s) s.setItem(queueKey(conn), v);
  else memory.set(queueKey(conn), v);
}

/** A problem with a form, by field, in the user's language; empty when it can be sent. */
export function formProblems(e: FollowupDraft, lang: Lang, today: string, tmt: string): Record<string, string> {
  const out: Record<string, string> = {};
  const en = lang === 'en';
  const date = e.kind === 'spmt' ? e.spmtDate : e.reviewDate;
  const field = e.kind === 'spmt' ? 'spmtDate' : 'reviewDate';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) out[field] = en ? 'Fill in the date' : 'Isi tanggalnya';
  else if (date < tmt) out[field] = en ? 'Before TMT Mutasi' : 'Sebelum TMT Mutasi';
  else if (date > today) out[field] = en ? 'In the future' : 'Masih di masa depan';
  if (e.kind === 'review') {
    if (!e.note.trim()) out.note = en ? 'Describe how the person adapted' : 'Tulis catatan adaptasinya';
    if ((ACTIONS_WITH_DETAIL as readonly string[]).includes(e.action) && !e.actionDetail?.trim()) {
      out.actionDetail = e.action === 'Pelatihan' ? (en ? 'Which training?' : 'Pelatihan apa?') : en ? 'Mentored by whom?' : 'Dibimbing siapa?';
    }
  }
  return out;
}

export interface SendSummary {
  results: FollowupResult[];
  /** Still waiting on this computer (server unreachable or busy). */
  queued: number;
  offline: boolean;
}

/** Queues the entry (with a new mutationId) and sends the queue. */
export async function saveFollowup(conn: Connection, entry: FollowupDraft): Promise<SendSummary & { mutationId: string }> {
  const mutationId = newMutationId();
  const queue = loadFollowupQueue(conn);
  queue.push({ ...entry, mutationId } as FollowupEntry);
  // Into the queue before anything leaves this computer.
  saveFollowupQueue(conn, queue);
  return { ...(await sendFollowups(conn)), mutationId };
}

/** Sends what waits in the queue, the same mutationIds every time, until the server has answered each. */
export async function sendFollowups(conn: Connection): Promise<SendSummary> {
  const queue = loadFollowupQueue(conn);
  const summary: SendSummary = { results: [], queued: 0, offline: false };
  let sentUpTo = 0;
  try {
    for (; sentUpTo < queue.length; sentUpTo += MAX_PER_SEND) {
      const part = queue.slice(sentUpTo, sentUpTo + MAX_PER_SEND);
      const { results } = await callApi<{ results: FollowupResult[] }>(conn, '/followups', { method: 'POST', body: JSON.stringify({ entries: part }) });
      summary.results.push(...results);
      // Answered: out of the queue, part by part (a later part's failure keeps only itself).
      saveFollowupQueue(conn, queue.slice(sentUpTo + part.length));
    }
  } catch (e) {
    const rest = queue.slice(sentUpTo);
    if (e instanceof ApiError && e.offline) {
      saveFollowupQueue(conn, rest);
      return { ...summary, queued: rest.length, offline: true };
    }
    if (e instanceof ApiError && e.status === 400 && e.issues) {
      // The server named the entries it cannot take (entries.N…): those leave the queue as rejected, so
      // one bad entry never blocks the others; the rest is sent again.
      const bad = new Set(e.issues.map((i) => /^entries\.(\d+)/.exec(i.path)?.[1]).filter((x): x is string => x !== undefined).map(Number));
      if (bad.size > 0) {
        const part = rest.slice(0, MAX_PER_SEND);
        for (const i of bad) {
          const it = part[i];
          if (!it) continue;
          const issue = e.issues.find((x) => x.path.startsWith(`entries.${i}`))!;
          summary.results.push({ mutationId: it.mutationId, status: 'rejected', reason: 'INVALID', field: issue.path, message: `${issue.path}: ${issue.message}` });
        }
        saveFollowupQueue(conn, [...part.filter((_, i) => !bad.has(i)), ...rest.slice(MAX_PER_SEND)]);
        const again = await sendFollowups(conn);
        return { ...again, results: [...summary.results, ...again.results] };
      }
    }
    saveFollowupQueue(conn, rest);
    throw e;
  }
  return summary;
}

// ---- the sheet Pantau ----
export const PANTAU = 'Pantau';
export const PANTAU_SHEET_KEY = 'mutasi.lembarPantau';
export const PANTAU_ROWS_KEY = 'mutasi.pantauRows';
export const PANTAU_WIDTH = 11;
export const PANTAU_CHART_ANCHOR = 'M2';

/** The sheet the report goes to: `Pantau`, unless a sheet of that name is a person's own (then Pantau Mutasi, …2). */
export function pantauSheet(names: string[], settings: Record<string, unknown>): { name: string; owned: boolean } {
  const remembered = settings[PANTAU_SHEET_KEY];
  if (typeof remembered === 'string' && remembered && names.includes(remembered)) return { name: remembered, owned: true };
  if (!names.includes(PANTAU)) return { name: PANTAU, owned: false };
  let name = 'Pantau Mutasi';
  for (let i = 2; names.includes(name); i++) name = `Pantau Mutasi ${i}`;
  return { name, owned: false };
}

const HEAD = {
  id: {
    report: ['Unit Kerja', 'SKP Naik', 'SKP Sama', 'SKP Turun', 'Mutasi', 'SPMT Tepat Waktu', 'SPMT Terlambat', 'SPMT Belum Ada', 'Evaluasi Selesai', 'Evaluasi Jatuh Tempo', 'Evaluasi Terlambat'],
    list: ['Status', 'Apa', 'Jatuh Tempo', 'Nomor Catatan', 'NIP', 'Nama', 'Jabatan Baru', 'Unit Kerja', 'TMT Mutasi', 'Hari Terlambat', ''],
    total: 'Jumlah',
    title: 'SKP sesudah mutasi dibanding dua tahun sebelumnya, per unit',
    listTitle: (at: string) => `Jatuh tempo / terlambat per ${at}`,
    reportTitle: (from: string, to: string, at: string) => `Laporan pasca mutasi (TMT ${from} s.d. ${to}), per ${at}`,
    overdue: 'Terlambat', due: 'Jatuh tempo', spmt: 'SPMT', review: (m: number) => `Evaluasi ${m} bulan`,
    noChart: 'Grafik SKP per unit dibuat di Excel (mode peramban tidak dapat membuat grafik Excel): buka berkas ini di Excel dan tulis ulang dari panel Pantau.',
  },
  en: {
    report: ['Unit', 'SKP Higher', 'SKP Same', 'SKP Lower', 'Moves', 'SPMT On Time', 'SPMT Late', 'SPMT Missing', 'Reviews Done', 'Reviews Due', 'Reviews Overdue'],
    list: ['Status', 'What', 'Due', 'Record No.', 'NIP', 'Name', 'New Post', 'Unit', 'TMT', 'Days Overdue', ''],
    total: 'Total',
    title: 'SKP after the move against the two years before, per unit',
    listTitle: (at: string) => `Due / overdue as of ${at}`,
    reportTitle: (from: string, to: string, at: string) => `After the move report (TMT ${from} to ${to}), as of ${at}`,
    overdue: 'Overdue', due: 'Due', spmt: 'SPMT', review: (m: number) => `Review ${m} months`,
    noChart: 'The SKP chart per unit is made in Excel (browser mode cannot create Excel charts): open this file in Excel and write it again from the Pantau pane.',
  },
};

const dmy = (iso: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
};

/**
 * The sheet's cells: the title, the report table (unit rows then the total; the chart plots columns
 * A–D of the unit rows), a blank row, the due list. Text from the record (names, units, posts) is
 * written as text: in Excel a leading = + - @ would start a formula, so such a cell gets the text
 * marker (').
 */
export function pantauWrites(
  report: Report, due: DueList, lang: Lang, previousRows: number, sheet: string = PANTAU, opts: { nativeChart: boolean; office: boolean } = { nativeChart: true, office: true },
): { writes: ValueWrite[]; chart: ChartSpec; rows: number } {
  const h = HEAD[lang];
  const s = (v: string): string => (opts.office && /^[=+\-@]/.test(v) ? `'${v}` : v);
  const rows: CellValue[][] = [];
  rows.push([h.reportTitle(dmy(report.from), dmy(report.to), dmy(report.at))]);
  const headerRow = rows.length + 1;
  rows.push([...h.report]);
  const line = (u: UnitReport, name: string): CellValue[] => [
    s(name), u.skp.higher, u.skp.same, u.skp.lower, u.moves, u.spmt.onTime, u.spmt.late, u.spmt.missing, u.reviews.done, u.reviews.due, u.reviews.overdue,
  ];
  for (const u of report.units) rows.push(line(u, u.unit));
  const lastUnitRow = rows.length;
  rows.push(line(report.total, h.total));
  rows.push([]);
  const listStart = rows.length + 1;
  rows.push([h.listTitle(dmy(due.at))]);
  rows.push([...h.list]);
  for (const i of due.items) {
    rows.push([
      i.status === 'overdue' ? h.overdue : h.due, i.kind === 'spmt' ? h.spmt : h.review(i.month!), dmy(i.dueDate), i.recordNo, s(i.nip),
      s(i.name), s(i.toPosition), s(i.unit), dmy(i.effectiveDate), String(i.daysLate),
    ]);
  }
  const height = rows.length;
  const pad = (r: CellValue[]) => [...r, ...Array<CellValue>(Math.max(0, PANTAU_WIDTH - r.length)).fill(null)];
  const report_ = rows.slice(0, listStart - 1).map(pad);
  const list = rows.slice(listStart - 1).map(pad);
  while (report_.length + list.length < previousRows) list.push(pad([]));
  return {
    writes: [
      // The report's counts as numbers (the chart plots them), whatever format the cells had before.
      { sheet, row: 1, col: 1, values: report_, numberFormat: 'General' },
      // The list as text: an NIP's 18 digits would lose their last three as a number.
      { sheet, row: listStart, col: 1, values: list, numberFormat: '@' },
      { sheet, row: 1, col: 13, values: [[opts.nativeChart ? null : h.noChart]] },
    ],
    chart: {
      sheet, source: `A${headerRow}:${a1(Math.max(headerRow + 1, lastUnitRow), 4)}`, title: h.title, anchor: PANTAU_CHART_ANCHOR,
    },
    rows: height,
  };
}

/** "Tulis ke sheet Pantau": the report and the list, with the chart in Excel. */
export async function writePantauSheet(host: WorkbookHost, report: Report, due: DueList, lang: Lang): Promise<{ sheet: string; chart: boolean }> {
  return host.action(async () => {
    const [names, settings] = await Promise.all([host.listSheets(), host.readSettings([PANTAU_SHEET_KEY, PANTAU_ROWS_KEY])]);
    const target = pantauSheet(names, settings);
    await host.ensureSheet(target.name);
    const prev = target.owned ? Number(settings[PANTAU_ROWS_KEY]) || 0 : 0;
    const { writes, chart, rows } = pantauWrites(report, due, lang, prev, target.name, { nativeChart: host.nativeCharts, office: host.kind === 'office' });
    await host.writeValues(writes);
    const made = host.nativeCharts ? await host.upsertChart(chart) : false;
    await host.writeSettings({ [PANTAU_SHEET_KEY]: target.name, [PANTAU_ROWS_KEY]: String(rows) });
    return { sheet: target.name, chart: made };
  });
}
