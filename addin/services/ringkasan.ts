/**
 * The Ringkasan sheet (the add-in's own): per unit Kebutuhan, holders today, after the active proposals,
 * and surplus / deficit, from the engine's unit summary, plus a native clustered-column chart of the
 * first three numbers (Excel hosts only).
 */
import { a1, type CellValue, type ValueWrite } from '../../shared/workbook/gateway';
import type { Lang, UnitSummary } from '../../shared/rules/types';
import type { ChartSpec } from '../host/types';
import { t } from '../i18n';

export const RINGKASAN = 'Ringkasan';

export function ringkasanWrites(units: UnitSummary[], lang: Lang, previousRows: number): { writes: ValueWrite[]; chart: ChartSpec } {
  const sorted = [...units].sort((a, b) => a.unit.localeCompare(b.unit, 'id'));
  const rows: CellValue[][] = [[t(lang, 'unit'), t(lang, 'needed'), t(lang, 'today'), t(lang, 'after'), t(lang, 'balance')]];
  for (const u of sorted) rows.push([u.unit, u.needed, u.holdersToday, u.holdersAfter, u.balance]);
  const total = sorted.reduce((s, u) => ({ n: s.n + u.needed, t: s.t + u.holdersToday, a: s.a + u.holdersAfter }), { n: 0, t: 0, a: 0 });
  rows.push([lang === 'en' ? 'Total' : 'Jumlah', total.n, total.t, total.a, total.a - total.n]);
  const height = rows.length;
  // Blank what a longer previous table left below.
  while (rows.length < previousRows) rows.push([null, null, null, null, null]);
  return {
    writes: [{ sheet: RINGKASAN, row: 1, col: 1, values: rows }],
    // The chart plots units (not the total row): Kebutuhan, today, after.
    chart: { sheet: RINGKASAN, source: `A1:${a1(Math.max(2, height - 1), 4)}`, title: t(lang, 'chartTitle'), anchor: 'G2' },
  };
}
