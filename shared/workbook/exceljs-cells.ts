/**
 * exceljs workbooks ↔ the gateway's plain values, for both hosts that work on .xlsx files through
 * exceljs: the command line and server (Node) and the add-in's browser host. Only exceljs's types are
 * imported, so this module stays free of exceljs itself (each host loads it its own way).
 */
import type ExcelJS from 'exceljs';
import { cellErrorText, noCachedValue, type CellValue, type FormatWrite, type SheetData, type ValueWrite } from './gateway';

/** One exceljs cell value as the engine sees it: formulas by their result, rich text as text, "" as empty. */
export function toCellValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return cellErrorText(v) ? { error: v } : v === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  const o = v as unknown as Record<string, unknown>;
  if (typeof o.error === 'string') return { error: o.error };
  if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join('');
  if ('result' in o || 'formula' in o || 'sharedFormula' in o) {
    // No cached result: not an empty cell (REQUIRED_MISSING) but a formula nobody calculated.
    if (o.result === undefined || o.result === null) return noCachedValue(typeof o.formula === 'string' ? o.formula : typeof o.sharedFormula === 'string' ? o.sharedFormula : undefined);
    return toCellValue(o.result as ExcelJS.CellValue);
  }
  if (typeof o.text === 'string') return o.text; // hyperlink
  return String(v);
}

export function fromCellValue(v: CellValue): ExcelJS.CellValue {
  if (v === null) return null;
  if (typeof v === 'object' && !(v instanceof Date)) return { error: v.error } as ExcelJS.CellErrorValue;
  return v;
}

/** The used values of a worksheet from A1, row by row (rows without values are empty arrays). */
export function sheetData(ws: ExcelJS.Worksheet): SheetData {
  const values: CellValue[][] = [];
  const last = ws.actualRowCount === 0 ? 0 : ws.rowCount;
  for (let r = 1; r <= last; r++) {
    const row = ws.getRow(r);
    const out: CellValue[] = [];
    if (row.hasValues) {
      // row.values is 1-based (index 0 unused); sparse where cells are empty.
      const raw = row.values as ExcelJS.CellValue[];
      for (let c = 1; c < raw.length; c++) out.push(toCellValue(raw[c] ?? null));
    }
    values.push(out);
  }
  return { name: ws.name, values, startRow: 1, startCol: 1 };
}

/** One row as read by exceljs's streaming reader (row.values, 1-based). */
export function rowValues(raw: ExcelJS.CellValue[]): CellValue[] {
  const out: CellValue[] = [];
  for (let c = 1; c < raw.length; c++) out.push(toCellValue(raw[c] ?? null));
  return out;
}

/** The gateway's writeValues on an exceljs workbook: the number format before the value, as in Excel. */
export function writeValuesTo(workbook: ExcelJS.Workbook, writes: ValueWrite[]): void {
  for (const w of writes) {
    const ws = workbook.getWorksheet(w.sheet);
    if (!ws) throw new Error(`sheet ${w.sheet} not found`);
    w.values.forEach((rowVals, i) => {
      const row = ws.getRow(w.row + i);
      rowVals.forEach((v, j) => {
        const cell = row.getCell(w.col + j);
        if (w.numberFormat) cell.numFmt = w.numberFormat;
        cell.value = fromCellValue(v);
      });
    });
  }
}

/** The gateway's writeFormats on an exceljs workbook: a solid fill, or none to clear it. */
export function writeFormatsTo(workbook: ExcelJS.Workbook, formats: FormatWrite[]): void {
  for (const f of formats) {
    const ws = workbook.getWorksheet(f.sheet);
    if (!ws) continue;
    for (const range of f.ranges) {
      const [from, to] = range.split(':');
      const a = ws.getCell(from!);
      const b = ws.getCell(to ?? from!);
      for (let r = Number(a.row); r <= Number(b.row); r++) {
        for (let c = Number(a.col); c <= Number(b.col); c++) {
          ws.getCell(r, c).fill = f.fill
            ? { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF' + f.fill.replace('#', '').toUpperCase() } }
            : { type: 'pattern', pattern: 'none' };
        }
      }
    }
  }
}
