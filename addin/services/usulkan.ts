/**
 * Usulkan (propose): the shared proposer's optimal plan and Darurat search on the open workbook, and
 * "Tambahkan": the chosen moves appended to Usulan as Draf rows through the same writer the command
 * line uses (writeProposals: new rows only, NIP as Text before the digits, real dates, JPM as %).
 */
import { proposeBook, proposeDarurat, type DaruratResult, type ProposerRun } from '../../shared/proposer';
import type { ProposedMove } from '../../shared/proposer/types';
import type { Lang } from '../../shared/rules/types';
import { parseDateText } from '../../shared/values/dates';
import type { SheetData } from '../../shared/workbook/gateway';
import type { ParsedWorkbook } from '../../shared/workbook/reader';
import { writeProposals } from '../../shared/workbook/write-proposals';
import type { WorkbookHost } from '../host/types';
import { checkOpenWorkbook, type OpenWorkbook } from './periksa';

export interface ProposerState {
  sheets: SheetData[];
  parsed: ParsedWorkbook;
  findings: OpenWorkbook['result']['findings'];
}

async function prepare(host: WorkbookHost, lang: Lang): Promise<ProposerState> {
  const { sheets, parsed, result } = await checkOpenWorkbook(host, lang);
  if (!parsed.book) throw new Error(lang === 'en' ? 'Pegawai or Jabatan cannot be read: run Check and fix its errors first' : 'Pegawai atau Jabatan tidak terbaca: jalankan Periksa dan perbaiki galatnya dulu');
  return { sheets, parsed, findings: result.findings };
}

/** The optimal plan; `withoutWarnings`: only moves that need no Catatan to be approved. */
export async function computePlan(host: WorkbookHost, lang: Lang, withoutWarnings = false): Promise<{ state: ProposerState; run: ProposerRun }> {
  return host.action(async () => {
    const state = await prepare(host, lang);
    return { state, run: proposeBook(state.parsed.book!, { lang, findings: state.findings, withoutWarnings }) };
  });
}

export async function searchDarurat(host: WorkbookHost, lang: Lang, code: string, count: number): Promise<{ state: ProposerState; result: DaruratResult }> {
  return host.action(async () => {
    const state = await prepare(host, lang);
    return { state, result: proposeDarurat(state.parsed.book!, code.trim(), count, { lang, findings: state.findings }) };
  });
}

/** Appends the moves as Draf rows; returns the worksheet rows written. */
export async function addMoves(host: WorkbookHost, state: ProposerState, moves: ProposedMove[]): Promise<{ firstRow: number; lastRow: number; sheet: string }> {
  const book = state.parsed.book!;
  const found = state.parsed.sheets.usulan;
  const sheet = found ? (state.sheets.find((s) => s.name === found.name) ?? null) : null;
  return host.action(async () => {
    const out = await writeProposals(
      host,
      { sheet, layout: sheet ? book.layout.usulan : null, existingIds: book.proposals.map((p) => p.id) },
      moves.map((m) => ({ nip: m.nip, toCode: m.toCode, reason: m.reason, date: parseDateText(m.date) ?? book.settings.asOf, jpm: m.jpm, explanation: m.explanation })),
    );
    return { firstRow: out.firstRow, lastRow: out.lastRow, sheet: out.sheet };
  });
}
