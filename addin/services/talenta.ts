/**
 * Talenta as user actions: compute the talent pool and the succession plan from the open workbook (the
 * shared core, shared/succession — the add-in judges nothing itself), and "Tulis ke buku kerja": the
 * sheets Talenta and Suksesi created or replaced as a whole through the host's putSheet (Office.js or the
 * browser host's surgical writer), so a second run never duplicates anything.
 *
 * Which sheets are the add-in's: the names remembered in the workbook's settings, or a sheet whose A1
 * holds Mutasi's title (a file written by `mutasi talenta --out`); a person's own sheet called Talenta is
 * never overwritten — the add-in then writes `Talenta Mutasi` beside it.
 */
import type { Lang } from '../../shared/rules/types';
import { successionSheets, type SuccessionResult } from '../../shared/succession';
import { SUKSESI, TALENTA, ownSheetName, ownTitle, suksesiSheet, talentaSheet } from '../../shared/succession/sheets';
import type { Day } from '../../shared/values/dates';
import type { CellValue } from '../../shared/workbook/gateway';
import type { WorkbookHost } from '../host/types';
import { COLUMN_MAP_KEY, parseColumnMap } from '../workbook/column-map';
import { readBook } from './periksa';

export const TALENTA_SHEET_KEY = 'mutasi.lembarTalenta';
export const SUKSESI_SHEET_KEY = 'mutasi.lembarSuksesi';

export interface TalentaOutcome {
  /** null when Pegawai or Jabatan cannot be read; `problems` says why. */
  result: SuccessionResult | null;
  problems: string[];
  millis: number;
  roundTrips: number;
}

export async function runTalenta(host: WorkbookHost, opts: { lang: Lang; asOf?: Day }): Promise<TalentaOutcome> {
  const t0 = performance.now();
  const trips0 = host.roundTrips();
  return host.action(async () => {
    const { names, sheets } = await readBook(host);
    const settings = await host.readSettings([COLUMN_MAP_KEY]);
    const { result, parsed } = successionSheets(sheets, {
      lang: opts.lang, ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}), columnMap: parseColumnMap(settings[COLUMN_MAP_KEY]), sheetNames: names,
    });
    const problems = result ? [] : parsed.sink.list.filter((f) => f.severity === 'error').map((f) => f.message).slice(0, 5);
    return { result, problems, millis: performance.now() - t0, roundTrips: host.roundTrips() - trips0 };
  });
}

export interface TalentaWritten {
  talenta: string;
  suksesi: string;
  roundTrips: number;
}

/** Writes (or rewrites) the two sheets in one user action. */
export async function writeTalenta(host: WorkbookHost, result: SuccessionResult, lang: Lang): Promise<TalentaWritten> {
  const trips0 = host.roundTrips();
  return host.action(async () => {
    const names = await host.listSheets();
    const settings = await host.readSettings([TALENTA_SHEET_KEY, SUKSESI_SHEET_KEY]);
    const remembered = new Set([settings[TALENTA_SHEET_KEY], settings[SUKSESI_SHEET_KEY]].filter((v): v is string => typeof v === 'string' && v !== ''));
    // A1 of the sheets that could be ours and are not remembered as such (read only when needed).
    const lower = (n: string) => n.toLowerCase();
    const candidates = names.filter((n) => !remembered.has(n) && [TALENTA, SUKSESI].some((b) => lower(n) === lower(b) || lower(n).startsWith(`${lower(b)} mutasi`)));
    const a1 = new Map<string, CellValue>();
    if (candidates.length > 0) for (const s of await host.readSheets(candidates)) a1.set(s.name, s.startRow === 1 && s.startCol === 1 ? (s.values[0]?.[0] ?? null) : null);
    // A sheet the settings remember as ours counts as ours without reading it.
    const a1Of = (n: string): CellValue | undefined =>
      remembered.has(n) ? ownTitle(n.toLowerCase().startsWith(SUKSESI.toLowerCase()) ? 'suksesi' : 'talenta') : a1.get(n);
    const talenta = ownSheetName(TALENTA, names, a1Of, 'talenta');
    const suksesi = ownSheetName(SUKSESI, names, a1Of, 'suksesi');
    await host.putSheet(talenta, talentaSheet(result, lang));
    await host.putSheet(suksesi, suksesiSheet(result, lang));
    await host.writeSettings({ [TALENTA_SHEET_KEY]: talenta, [SUKSESI_SHEET_KEY]: suksesi });
    return { talenta, suksesi, roundTrips: host.roundTrips() - trips0 };
  });
}
