/**
 * Drafts from a workbook: the approved (Disetujui) Usulan rows, before anything is recorded — for the
 * Baperjakat meeting. Marked DRAF in the text (the templates' {#draf} sections, "DRAF" for every number)
 * and in the file names; no number is taken, no QR code is put in (a draft verifies nothing).
 */
import { checkSheets } from '../../shared/engine';
import type { Book } from '../../shared/rules/types';
import { isoDate, type Day } from '../../shared/values/dates';
import { sha256Hex } from '../db/hash';
import { explanationValues, personValues, tanggalPanjang, type MoveFacts, type Values } from './data';
import { DocumentRequestProblem, type GeneratedFile } from './issue';
import { KIND_FILE, type DocumentKind } from './placeholders';
import { renderDocx } from './render';
import type { SheetData } from '../../shared/workbook/gateway';
import { proposerExplanationIn } from '../../shared/proposer/explanation-text';

export interface DraftFilter {
  kinds: DocumentKind[];
  /** Usulan numbers (No Usulan); all Disetujui rows when absent. */
  proposalIds?: string[];
  from?: string;
  to?: string;
  unit?: string;
}

export interface DraftTemplates {
  get(kind: DocumentKind): { bytes: Buffer; fileName: string };
}

export interface DraftResult {
  files: GeneratedFile[];
  /** Disetujui rows left out because the checker finds an error on them (row, NIP, rules). */
  skipped: { row: number; id: string; rules: string[] }[];
}

const safeName = (s: string) => s.replace(/[^\p{L}\p{N} .,()-]+/gu, '-').replace(/-+/g, '-').slice(0, 120).trim();

/**
 * The proposer's explanation of each Usulan row (worksheet row → text): what `propose` wrote into its
 * Hasil Pemeriksaan (the add-in's check keeps it after its verdict; a verdict alone is no explanation).
 */
export function proposerExplanations(book: Book, sheets: SheetData[]): Map<number, string> {
  const out = new Map<number, string>();
  const lay = book.layout.usulan;
  const col = lay.columns.result?.col;
  const sheet = sheets.find((s) => s.name === lay.name);
  if (!col || !sheet) return out;
  for (const p of book.proposals) {
    const v = sheet.values[p.row - sheet.startRow]?.[col - sheet.startCol];
    const e = typeof v === 'string' ? proposerExplanationIn(v) : null;
    if (e) out.set(p.row, e);
  }
  return out;
}

export function approvedMoves(
  book: Book,
  errorsByRow: Map<number, string[]>,
  f: DraftFilter,
  explanations: Map<number, string> = new Map(),
): { moves: MoveFacts[]; skipped: DraftResult['skipped'] } {
  const employees = new Map(book.employees.map((e) => [e.nip, e]));
  const positions = new Map(book.positions.map((p) => [p.code, p]));
  const wantIds = f.proposalIds ? new Set(f.proposalIds) : null;
  const moves: MoveFacts[] = [];
  const skipped: DraftResult['skipped'] = [];
  for (const p of book.proposals) {
    if (p.status !== 'Disetujui') continue;
    if (wantIds && !wantIds.has(p.id)) continue;
    const date = isoDate((p.effectiveDate ?? book.settings.asOf) as Day);
    if (f.from && date < f.from) continue;
    if (f.to && date > f.to) continue;
    const e = employees.get(p.nip);
    const to = positions.get(p.toCode);
    const from = e ? positions.get(e.positionCode) ?? null : null;
    if (f.unit && to?.unit !== f.unit && from?.unit !== f.unit) continue;
    const errors = errorsByRow.get(p.row);
    if (!e || !to || errors) {
      skipped.push({ row: p.row, id: p.id, rules: errors ?? ['POSITION_UNKNOWN'] });
      continue;
    }
    moves.push({
      recordNo: '', proposalId: p.id, employee: e, from, fromCode: e.positionCode, to, reason: p.reason ?? 'Rotasi', effectiveDate: date,
      note: p.note, explanation: explanations.get(p.row) ?? '', mendagriApproval: p.mendagriApproval, jpmCut: { min: book.settings.jpmMin, ok: book.settings.jpmOk },
    });
  }
  if (wantIds) {
    const found = new Set(book.proposals.filter((p) => p.status === 'Disetujui').map((p) => p.id));
    const missing = [...wantIds].filter((id) => !found.has(id));
    if (missing.length > 0) throw new DocumentRequestProblem(`Usulan ini tidak ada atau tidak berstatus Disetujui: ${missing.slice(0, 10).join(', ')}`);
  }
  return { moves, skipped };
}

export async function draftDocuments(sheets: SheetData[], sheetNames: string[], f: DraftFilter, templates: DraftTemplates, now: Day): Promise<DraftResult> {
  const { result, book } = checkSheets(sheets, { sheetNames });
  if (!book) {
    const first = result.findings.find((x) => x.severity === 'error');
    throw new DocumentRequestProblem(`Buku kerja tidak dapat dibaca sebagai data mutasi${first ? `: ${first.message}` : ''}`);
  }
  const errorsByRow = new Map<number, string[]>();
  for (const p of result.proposals) if (p.verdict === 'error') errorsByRow.set(p.row, p.rules);
  const { moves, skipped } = approvedMoves(book, errorsByRow, f, proposerExplanations(book, sheets));
  if (moves.length === 0) {
    throw new DocumentRequestProblem(
      skipped.length > 0
        ? `Tidak ada usulan Disetujui yang bebas galat (${skipped.length} dilewati karena galat, mis. baris ${skipped[0]!.row}: ${skipped[0]!.rules.join(', ')})`
        : 'Tidak ada baris Usulan berstatus Disetujui yang cocok dengan pilihan ini',
    );
  }
  const common: Values = {
    nomor: 'DRAF', tanggal: tanggalPanjang(now), tahun: String(new Date(now * 86_400_000).getUTCFullYear()), nomorCatatan: 'belum dicatat',
    tautanVerifikasi: '', draf: true, verifikasi: false, nomorSk: 'DRAF', tanggalSk: tanggalPanjang(now),
  };
  const date = new Date(now * 86_400_000);
  const files: GeneratedFile[] = [];
  const emit = async (kind: DocumentKind, values: Values, name: string, ids: string[]) => {
    const t = templates.get(kind);
    const bytes = await renderDocx({ kind, fileName: t.fileName, template: t.bytes, values, qrUrl: null, date });
    files.push({ path: `${KIND_FILE[kind]}/${safeName(`DRAF ${name}`)}.docx`, kind, number: 'DRAF', recordNos: ids, sha256: sha256Hex(bytes), token: null, bytes });
  };
  const order: DocumentKind[] = ['sk', 'petikan', 'penjelasan', 'spmt'];
  for (const kind of order.filter((k) => f.kinds.includes(k))) {
    if (kind === 'sk') {
      const people = moves.map((m, i) => ({ no: i + 1, ...personValues(m), nomorCatatan: m.proposalId }));
      await emit('sk', { ...common, jumlah: people.length, pegawai: people }, `${KIND_FILE.sk} ${moves.length} pegawai`, moves.map((m) => m.proposalId));
      continue;
    }
    for (const m of moves) {
      const values = { ...common, ...personValues(m), nomorCatatan: 'belum dicatat', ...(kind === 'penjelasan' ? explanationValues(m) : {}) };
      await emit(kind, values, `${KIND_FILE[kind]} ${m.proposalId} ${m.employee.nip}`, [m.proposalId]);
    }
  }
  return { files, skipped };
}
