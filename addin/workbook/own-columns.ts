/**
 * The columns of Usulan that belong to the add-in (ADDIN.md): Skor JPM, Hasil Pemeriksaan, Disetujui
 * Oleh, Nomor Catatan, plus two the workbook contract leaves to tools — ID Mutasi (the mutationId that
 * makes every retry idempotent, written on approval) and Hasil Sinkron (the server's answer). Where a
 * header is missing it is appended after the last header, never over a user's column. Every write the
 * panes make to a user sheet goes through `assertOwn`, so a bug cannot touch people's data silently.
 */
import { a1, type ValueWrite } from '../../shared/workbook/gateway';
import type { SheetLayout } from '../../shared/rules/types';

export const OWN_USULAN = {
  fit: 'Skor JPM',
  result: 'Hasil Pemeriksaan',
  approvedBy: 'Disetujui Oleh',
  recordNo: 'Nomor Catatan',
  mutationId: 'ID Mutasi',
  syncResult: 'Hasil Sinkron',
} as const;
export type OwnField = keyof typeof OWN_USULAN;

export interface OwnColumns {
  sheet: string;
  headerRow: number;
  col: Record<OwnField, number>;
  /** Header cells to write for columns that were missing. */
  headerWrites: ValueWrite[];
}

/**
 * Where each own column is, given the Usulan layout found by the engine and the header row's cells
 * (needed for the two headers the engine does not know).
 */
export function ownColumns(layout: SheetLayout, headerCells: (string | null)[], startCol: number): OwnColumns {
  const norm = (s: string) => s.toLowerCase().replace(/[\s\u00a0._/\\-]+/g, '');
  const byHeader = new Map<string, number>();
  let last = startCol - 1;
  headerCells.forEach((h, i) => {
    if (typeof h === 'string' && h.trim()) {
      byHeader.set(norm(h), startCol + i);
      last = startCol + i;
    }
  });
  for (const c of Object.values(layout.columns)) last = Math.max(last, c.col);
  const col = {} as Record<OwnField, number>;
  const headerWrites: ValueWrite[] = [];
  for (const [field, header] of Object.entries(OWN_USULAN) as [OwnField, string][]) {
    const known = layout.columns[field]?.col ?? byHeader.get(norm(header));
    if (known !== undefined) {
      col[field] = known;
    } else {
      last += 1;
      col[field] = last;
      headerWrites.push({ sheet: layout.name, row: layout.headerRow, col: last, values: [[header]] });
    }
  }
  return { sheet: layout.name, headerRow: layout.headerRow, col, headerWrites };
}

/** Thrown when a pane tries to write outside the add-in's own cells. */
export class ForeignWriteError extends Error {}

/**
 * Refuses any write to `sheet` that is not inside the allowed columns (below the header row, or the
 * header cell of a column the add-in just added).
 */
export function assertOwn(writes: ValueWrite[], own: OwnColumns, extraCols: number[] = []): void {
  const allowed = new Set([...Object.values(own.col), ...extraCols]);
  for (const w of writes) {
    if (w.sheet !== own.sheet) continue;
    const width = Math.max(0, ...w.values.map((r) => r.length));
    for (let c = w.col; c < w.col + width; c++) {
      if (!allowed.has(c)) throw new ForeignWriteError(`refusing to write ${own.sheet}!${a1(w.row, c)}: not a column of the add-in`);
    }
    if (w.row <= own.headerRow && !own.headerWrites.some((h) => h.row === w.row && h.col === w.col)) {
      throw new ForeignWriteError(`refusing to write the header row ${own.sheet}!${a1(w.row, w.col)}`);
    }
  }
}

/**
 * One column's values for a set of rows, as few rectangles as possible: consecutive rows are merged
 * into one write (a 5,000-row Usulan becomes one range per column, not 5,000).
 */
export function columnWrites(sheet: string, col: number, cells: Map<number, ValueWrite['values'][number][number]>, numberFormat?: string): ValueWrite[] {
  const rows = [...cells.keys()].sort((a, b) => a - b);
  const out: ValueWrite[] = [];
  let start = -1;
  let vals: ValueWrite['values'] = [];
  for (const r of rows) {
    if (start >= 0 && r === start + vals.length) {
      vals.push([cells.get(r)!]);
      continue;
    }
    if (start >= 0) out.push({ sheet, row: start, col, values: vals, ...(numberFormat ? { numberFormat } : {}) });
    start = r;
    vals = [[cells.get(r)!]];
  }
  if (start >= 0) out.push({ sheet, row: start, col, values: vals, ...(numberFormat ? { numberFormat } : {}) });
  return out;
}
