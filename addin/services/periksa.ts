/**
 * Periksa (check) as one user action: read the four sheets in bulk, run the shared engine, write Skor JPM
 * and Hasil Pemeriksaan into Usulan (values first), re-colour the cells with findings (formats after,
 * replacing the previous run's marks), and refresh the Ringkasan sheet and its chart. The add-in judges
 * nothing itself: verdicts, findings and the unit summary all come from checkSheets.
 */
import { checkSheets } from '../../shared/engine';
import type { CheckResult, Lang, ProposalResult } from '../../shared/rules/types';
import type { ParsedWorkbook } from '../../shared/workbook/reader';
import type { CellValue, SheetData, ValueWrite } from '../../shared/workbook/gateway';
import { matchSheetNames } from '../../shared/workbook/locate';
import type { Day } from '../../shared/values/dates';
import type { WorkbookHost } from '../host/types';
import { clearWrites, findingFills, marksOf, MARKS_KEY, readMarks } from '../workbook/marks';
import { assertOwn, columnWrites, ownColumns, type OwnColumns } from '../workbook/own-columns';
import { readColumnMap } from '../workbook/column-map';
import { ringkasanWrites, RINGKASAN } from './ringkasan';

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
  const roles = matchSheetNames(names);
  const wanted = [roles.pegawai, roles.jabatan, roles.usulan, roles.aturan].filter((n): n is string => !!n);
  return { names, sheets: await host.readSheets(wanted) };
}

export function check(sheets: SheetData[], lang: Lang, columnMap: Awaited<ReturnType<typeof readColumnMap>>, asOf?: Day) {
  return checkSheets(sheets, { lang, ...(asOf !== undefined ? { asOf } : {}), columnMap });
}

/** The Usulan own-column writes for a check result: Skor JPM (a real percentage) and Hasil Pemeriksaan. */
export function resultWrites(result: CheckResult, own: OwnColumns, lang: Lang): ValueWrite[] {
  const fit = new Map<number, CellValue>();
  const text = new Map<number, CellValue>();
  for (const p of result.proposals) {
    if (p.verdict === 'inactive') continue; // history rows keep what they had
    fit.set(p.row, p.jpm === null ? null : Math.round(p.jpm * 100) / 10000);
    text.set(p.row, verdictText(p, lang));
  }
  return [
    ...own.headerWrites,
    ...columnWrites(own.sheet, own.col.fit, fit, '0.00%'),
    ...columnWrites(own.sheet, own.col.result, text),
  ];
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
    const { names, sheets } = await readBook(host);
    const settings = await readColumnMap(host);
    const oldMarks = await readMarks(host);
    progress('rules', 0.4);
    const { result, parsed } = check(sheets, opts.lang, settings, opts.asOf);
    progress('write', 0.7);

    const own = usulanOwn(parsed, sheets);
    if (own) {
      const writes = resultWrites(result, own, opts.lang);
      assertOwn(writes, own);
      await host.writeValues(writes);
    }
    // Formats after values: the previous run's marks off, this run's on, and remembered for clearing.
    const fills = findingFills(result.findings);
    await host.writeFormats([...clearWrites(oldMarks, names), ...fills]);
    await host.writeSettings({ [MARKS_KEY]: JSON.stringify(marksOf(fills)) });

    progress('summary', 0.85);
    if (parsed.book) {
      await host.ensureSheet(RINGKASAN);
      const { writes, chart } = ringkasanWrites(result.units, opts.lang, await previousHeight(host));
      await host.writeValues(writes);
      await host.writeSettings({ 'mutasi.ringkasanRows': String(writes[0]!.values.length) });
      await host.upsertChart(chart);
    }
    progress('done', 1);
    return { result, parsed, sheets, own, millis: performance.now() - t0, roundTrips: host.roundTrips() - trips0 };
  });
}

/** Rows the last Ringkasan table used, so a shorter table blanks the leftover rows. */
async function previousHeight(host: WorkbookHost): Promise<number> {
  const v = (await host.readSettings(['mutasi.ringkasanRows']))['mutasi.ringkasanRows'];
  const n = Number(v);
  return Number.isFinite(n) ? n : 0;
}
