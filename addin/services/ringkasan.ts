/**
 * The Ringkasan sheet (the add-in's own): per unit Kebutuhan, holders today, after the active proposals,
 * and surplus / deficit, from the engine's unit summary, plus a native clustered-column chart of the
 * first three numbers.
 * - Its name: "Ringkasan", unless the workbook already has a sheet of that name that the add-in did not
 *   make (a person's own summary is never overwritten): then "Ringkasan Mutasi" (or … 2, 3). Which sheet is
 *   the add-in's is remembered in the workbook's settings.
 * - Hosts without native charts (the browser host: its writer does not create charts) say so in the sheet, in
 *   cell G1 where the chart would stand, instead of leaving the reader to look for a missing chart; a
 *   later Periksa in Excel replaces that note with the chart.
 */
import { a1, type CellValue, type ValueWrite } from '../../shared/workbook/gateway';
import type { Lang, UnitSummary } from '../../shared/rules/types';
import type { ChartSpec } from '../host/types';
import { t } from '../i18n';

export const RINGKASAN = 'Ringkasan';
export const RINGKASAN_SHEET_KEY = 'mutasi.lembarRingkasan';
export const RINGKASAN_ROWS_KEY = 'mutasi.ringkasanRows';
/** Where the chart (or, without charts, the note about it) goes. */
export const CHART_ANCHOR = 'G2';
export const CHART_NOTE_CELL = { row: 1, col: 7 };

/** The sheet the table goes to, given the workbook's sheets and the add-in's settings. */
export function ringkasanSheet(names: string[], settings: Record<string, unknown>): { name: string; owned: boolean } {
  const remembered = settings[RINGKASAN_SHEET_KEY];
  // Workbooks from before the sheet name was remembered: a table height means the add-in made "Ringkasan".
  const owned = typeof remembered === 'string' && remembered ? remembered : settings[RINGKASAN_ROWS_KEY] !== undefined ? RINGKASAN : null;
  if (owned && names.includes(owned)) return { name: owned, owned: true };
  if (!names.includes(RINGKASAN)) return { name: RINGKASAN, owned: false };
  let name = 'Ringkasan Mutasi';
  for (let i = 2; names.includes(name); i++) name = `Ringkasan Mutasi ${i}`;
  return { name, owned: false };
}

export function ringkasanWrites(
  units: UnitSummary[],
  lang: Lang,
  previousRows: number,
  sheet: string = RINGKASAN,
  nativeChart = true,
): { writes: ValueWrite[]; chart: ChartSpec; rows: number } {
  const sorted = [...units].sort((a, b) => a.unit.localeCompare(b.unit, 'id'));
  const rows: CellValue[][] = [[t(lang, 'unit'), t(lang, 'needed'), t(lang, 'today'), t(lang, 'after'), t(lang, 'balance')]];
  for (const u of sorted) rows.push([u.unit, u.needed, u.holdersToday, u.holdersAfter, u.balance]);
  const total = sorted.reduce((s, u) => ({ n: s.n + u.needed, t: s.t + u.holdersToday, a: s.a + u.holdersAfter }), { n: 0, t: 0, a: 0 });
  rows.push([lang === 'en' ? 'Total' : 'Jumlah', total.n, total.t, total.a, total.a - total.n]);
  const height = rows.length;
  // Blank what a longer previous table left below.
  while (rows.length < previousRows) rows.push([null, null, null, null, null]);
  return {
    writes: [
      { sheet, row: 1, col: 1, values: rows },
      { sheet, row: CHART_NOTE_CELL.row, col: CHART_NOTE_CELL.col, values: [[nativeChart ? null : t(lang, 'chartNotHere')]] },
    ],
    // The chart plots units (not the total row): Kebutuhan, today, after.
    chart: { sheet, source: `A1:${a1(Math.max(2, height - 1), 4)}`, title: t(lang, 'chartTitle'), anchor: CHART_ANCHOR },
    rows: height,
  };
}
