/**
 * Periksa (check) as one user action: read the four sheets in bulk, run the shared engine, write Skor JPM
 * and Hasil Pemeriksaan into Usulan (values first), re-colour the cells with findings (formats after,
 * replacing the previous run's marks), and refresh the Ringkasan sheet and its chart. The add-in judges
 * nothing itself: verdicts, findings and the unit summary all come from checkSheets.
 */
import { checkSheets } from '../../shared/engine';
import { withProposerExplanation } from '../../shared/proposer/explanation-text';
import type { CheckResult, Lang, ProposalResult } from '../../shared/rules/types';
import { sheetsToRead, type ParsedWorkbook } from '../../shared/workbook/reader';
import type { CellValue, SheetData, ValueWrite } from '../../shared/workbook/gateway';
import type { Day } from '../../shared/values/dates';
import type { WorkbookHost } from '../host/types';
import { clearWrites, findingFills, marksOf, MARKS_KEY, parseMarks, pulledFills, PULLED_KEY } from '../workbook/marks';
import { assertOwn, columnWrites, ownColumns, type OwnColumns } from '../workbook/own-columns';
import { COLUMN_MAP_KEY, parseColumnMap } from '../workbook/column-map';
import { parseRecorded, RECORDED_KEY } from '../workbook/recorded';
import { RINGKASAN_ROWS_KEY, RINGKASAN_SHEET_KEY, ringkasanSheet, ringkasanWrites } from './ringkasan';

export interface PeriksaOptions {
  lang: Lang;
  asOf?: Day;
  onProgress?: (step: string, fraction: number) => void;
}

export interface PeriksaOutcome {
  result: CheckResult;
  parsed: ParsedWorkbook;
  sheets: SheetData[];
  own: OwnColumns | null;
  /** The sheet the per-unit table went to (null when Pegawai/Jabatan could not be read). */
  summarySheet: string | null;
  millis: number;
  roundTrips: number;
}

const VERDICT_TEXT: Record<Lang, Record<ProposalResult['verdict'], string>> = {
  id: { error: 'Kesalahan', warning: 'Peringatan', info: 'Info', ok: 'Memenuhi aturan', inactive: '' },
  en: { error: 'Error', warning: 'Warning', info: 'Info', ok: 'Meets the rules', inactive: '' },
};

/** "Kesalahan: TENURE_MIN, FORMATION_FULL" — short enough for a cell, with rule ids users can filter on. */
export function verdictText(p: ProposalResult, lang: Lang): string {
  const head = VERDICT_TEXT[lang][p.verdict];
  return p.rules.length > 0 ? `${head}: ${p.rules.join(', ')}` : head;
}

/** Reads the sheets the engine needs (found by name or alias) in one gateway call. */
export async function readBook(host: WorkbookHost): Promise<{ names: string[]; sheets: SheetData[] }> {
  const names = await host.listSheets();
  // The four sheets by role, and an export's Keputusan sheet (evidence of decisions recorded ahead of their TMT).
  return { names, sheets: await host.readSheets(sheetsToRead(names)) };
}

/** The open workbook as the engine sees it: the sheet names, the sheets read, the settings asked for, the check. */
export interface OpenWorkbook {
  names: string[];
  sheets: SheetData[];
  /** The column mapping and the recorded moves, plus any `settings` the caller asked for (one read). */
  settings: Record<string, unknown>;
  result: CheckResult;
  parsed: ParsedWorkbook;
}

export interface OpenWorkbookOptions {
  asOf?: Day;
  /** More settings keys the caller needs, read in the same call as the check's own. */
  settings?: string[];
  /** Called between reading and checking (Periksa's progress bar). */
  onRead?: () => void;
}

/**
 * The one way the add-in checks the open workbook (Periksa, Usulkan, Sinkron, documents): read the
 * sheets the engine needs, read the column mapping and the decisions a pull kept, run the shared engine.
 * Call it inside `host.action`.
 */
export async function checkOpenWorkbook(host: WorkbookHost, lang: Lang, opts: OpenWorkbookOptions = {}): Promise<OpenWorkbook> {
  const { names, sheets } = await readBook(host);
  const settings = await host.readSettings([COLUMN_MAP_KEY, RECORDED_KEY, ...(opts.settings ?? [])]);
  opts.onRead?.();
  const recorded = parseRecorded(settings[RECORDED_KEY]); // the decisions a pull kept (workbook/recorded.ts)
  const { result, parsed } = checkSheets(sheets, {
    lang, ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}), columnMap: parseColumnMap(settings[COLUMN_MAP_KEY]),
    // Every sheet in the workbook, so a missing sheet's message can list the ones that are there.
    sheetNames: names, ...(recorded.length ? { recordedMoves: recorded } : {}),
  });
  return { names, sheets, settings, result, parsed };
}

/**
 * The Usulan own-column writes for a check result: Skor JPM (a real percentage) and Hasil Pemeriksaan.
 * `previous` (row → the Hasil Pemeriksaan there now): the proposer's explanation a cell holds is kept after
 * the verdict — the Surat Penjelasan Mutasi says it to the person moved (docs/documents.md).
 */
export function resultWrites(result: CheckResult, own: OwnColumns, lang: Lang, previous: Map<number, string> = new Map()): ValueWrite[] {
  const fit = new Map<number, CellValue>();
  const text = new Map<number, CellValue>();
  for (const p of result.proposals) {
    if (p.verdict === 'inactive') continue; // history rows keep what they had
    fit.set(p.row, p.jpm === null ? null : Math.round(p.jpm * 100) / 10000);
    text.set(p.row, withProposerExplanation(verdictText(p, lang), previous.get(p.row)));
  }
  return [
    ...own.headerWrites,
    ...columnWrites(own.sheet, own.col.fit, fit, '0.00%'),
    ...columnWrites(own.sheet, own.col.result, text),
  ];
}

/** Hasil Pemeriksaan as the sheet has it now, by worksheet row (only the cells holding text). */
function currentTexts(sheets: SheetData[], own: OwnColumns): Map<number, string> {
  const out = new Map<number, string>();
  const sheet = sheets.find((s) => s.name === own.sheet);
  if (!sheet) return out;
  sheet.values.forEach((cells, i) => {
    const v = cells[own.col.result - sheet.startCol];
    if (typeof v === 'string' && v.trim()) out.set(sheet.startRow + i, v);
  });
  return out;
}

export function usulanOwn(parsed: ParsedWorkbook, sheets: SheetData[]): OwnColumns | null {
  const lay = parsed.book?.layout.usulan;
  const sheet = lay && sheets.find((s) => s.name === lay.name);
  if (!lay || !sheet) return null;
  const header = (sheet.values[lay.headerRow - sheet.startRow] ?? []).map((v) => (typeof v === 'string' ? v : null));
  return ownColumns(lay, header, sheet.startCol);
}

export async function runPeriksa(host: WorkbookHost, opts: PeriksaOptions): Promise<PeriksaOutcome> {
  const t0 = performance.now();
  const trips0 = host.roundTrips();
  const progress = opts.onProgress ?? (() => {});
  return host.action(async () => {
    progress('read', 0.1);
    // Every setting this action needs, in the check's one read.
    const { names, sheets, settings, result, parsed } = await checkOpenWorkbook(host, opts.lang, {
      ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}),
      settings: [MARKS_KEY, PULLED_KEY, RINGKASAN_SHEET_KEY, RINGKASAN_ROWS_KEY],
      onRead: () => progress('rules', 0.4),
    });
    const marks = { check: parseMarks(settings[MARKS_KEY]), pulled: parseMarks(settings[PULLED_KEY]) };
    progress('write', 0.7);

    const own = usulanOwn(parsed, sheets);
    if (own) {
      const writes = resultWrites(result, own, opts.lang, currentTexts(sheets, own));
      assertOwn(writes, own);
      await host.writeValues(writes);
    }
    // Formats after values: the previous check's marks off, the pull highlights back on (a cleared
    // check mark may have covered one), this check's marks on — in one batch, in that order.
    const fills = findingFills(result.findings);
    await host.writeFormats([...clearWrites(marks.check, names), ...pulledFills(marks.pulled, names), ...fills]);
    const after: Record<string, unknown> = { [MARKS_KEY]: JSON.stringify(marksOf(fills)) };

    progress('summary', 0.85);
    let summarySheet: string | null = null;
    if (parsed.book) {
      const target = ringkasanSheet(names, settings);
      summarySheet = target.name;
      await host.ensureSheet(target.name);
      const prev = target.owned ? Number(settings[RINGKASAN_ROWS_KEY]) || 0 : 0;
      const { writes, chart, rows } = ringkasanWrites(result.units, opts.lang, prev, target.name, host.nativeCharts);
      await host.writeValues(writes);
      after[RINGKASAN_SHEET_KEY] = target.name;
      after[RINGKASAN_ROWS_KEY] = String(rows);
      if (host.nativeCharts) await host.upsertChart(chart);
    }
    await host.writeSettings(after);
    progress('done', 1);
    return { result, parsed, sheets, own, summarySheet, millis: performance.now() - t0, roundTrips: host.roundTrips() - trips0 };
  });
}
