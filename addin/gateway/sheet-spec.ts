/**
 * A SheetSpec (shared/xlsx/write.ts: the whole-sheet form the surgical file writer takes) laid out for
 * Office.js: a rectangle of values, a rectangle of number formats, and the styled cells grouped into
 * as few ranges as possible (vertical runs of equal style in a column), so the gateway writes a sheet of
 * any height in a fixed number of syncs.
 *
 * Text is written with the Text format (`@`) so that a value beginning with "=" stays text in Excel
 * (ADDIN.md: what Mutasi did not compute never becomes a formula); dates become serial numbers with
 * dd/mm/yyyy unless the cell says otherwise.
 */
import { a1 } from '../../shared/workbook/gateway';
import type { CellInput, OutCell, SheetSpec } from '../../shared/xlsx/write';
import type { CellStyle } from '../../shared/xlsx/styles';

export interface StyleRuns {
  style: CellStyle;
  /** A1 ranges ("K4:K9", "A3") holding this style. */
  ranges: string[];
}

export interface SheetGrid {
  rows: number;
  cols: number;
  startRow: number;
  values: (string | number | boolean)[][];
  formats: string[][];
  styles: StyleRuns[];
}

const MS_DAY = 86_400_000;

function asCell(c: CellInput | undefined): OutCell | null {
  if (c === undefined || c === null) return null;
  if (typeof c === 'object' && !(c instanceof Date) && 'value' in c) return c as OutCell;
  return { value: c as OutCell['value'] };
}

export function sheetGrid(spec: SheetSpec): SheetGrid {
  const startRow = spec.startRow ?? 1;
  const rows = spec.rows.length;
  const cols = spec.rows.reduce((m, r) => Math.max(m, r.length), 0);
  const values: (string | number | boolean)[][] = [];
  const formats: string[][] = [];
  // style key → column → rows with it
  const byStyle = new Map<string, { style: CellStyle; cells: Map<number, number[]> }>();
  spec.rows.forEach((line, i) => {
    const vs = new Array<string | number | boolean>(cols).fill('');
    const fs = new Array<string>(cols).fill('General');
    for (let j = 0; j < cols; j++) {
      const c = asCell(line[j]);
      if (!c) continue;
      const v = c.value;
      if (v === null) vs[j] = '';
      else if (v instanceof Date) {
        vs[j] = v.getTime() / MS_DAY + 25569;
        fs[j] = c.numFmt ?? 'dd/mm/yyyy';
      } else if (typeof v === 'object') vs[j] = v.error;
      else vs[j] = v;
      if (typeof v === 'string') fs[j] = '@';
      else if (c.numFmt && !(v instanceof Date)) fs[j] = c.numFmt;
      const style: CellStyle = {};
      if (c.bold) style.bold = true;
      if (c.fill) style.fill = c.fill;
      if (c.wrap) style.wrap = true;
      if (c.align) style.align = c.align;
      if (c.vertical) style.vertical = c.vertical;
      const key = JSON.stringify(style);
      if (key === '{}') continue;
      let s = byStyle.get(key);
      if (!s) byStyle.set(key, (s = { style, cells: new Map() }));
      let list = s.cells.get(j);
      if (!list) s.cells.set(j, (list = []));
      list.push(startRow + i);
    }
    values.push(vs);
    formats.push(fs);
  });
  const styles: StyleRuns[] = [];
  for (const { style, cells } of byStyle.values()) {
    const ranges: string[] = [];
    for (const [j, list] of cells) {
      let from = list[0]!;
      let prev = from;
      const flush = () => ranges.push(from === prev ? a1(from, j + 1) : `${a1(from, j + 1)}:${a1(prev, j + 1)}`);
      for (let k = 1; k < list.length; k++) {
        if (list[k] === prev + 1) prev = list[k]!;
        else {
          flush();
          from = prev = list[k]!;
        }
      }
      flush();
    }
    styles.push({ style, ranges });
  }
  return { rows, cols, startRow, values, formats, styles };
}
