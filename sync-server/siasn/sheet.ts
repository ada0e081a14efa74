/**
 * A new .xlsx of text-only sheets (SIASN payload rows, the disparity report): a blank workbook skeleton,
 * then every sheet written by the product's writer (shared/xlsx/write.ts) with each value as text
 * (format "@", inline strings — never a formula, a leading "=" stays text).
 */
import ExcelJS from 'exceljs';
import { XlsxDocument } from '../../shared/xlsx/write';

export interface TextSheet {
  name: string;
  rows: string[][];
}

export async function textWorkbook(sheets: TextSheet[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mutasi';
  for (const s of sheets) wb.addWorksheet(s.name);
  const doc = XlsxDocument.open(new Uint8Array(await wb.xlsx.writeBuffer()));
  for (const s of sheets) {
    const widths = (s.rows[0] ?? []).map((_, c) => Math.max(10, Math.min(50, Math.max(...s.rows.map((r) => (r[c] ?? '').length)) + 2)));
    doc.putSheet(s.name, {
      rows: s.rows.map((r, i) => r.map((v) => ({ value: v, numFmt: '@', ...(i === 0 ? { bold: true } : {}) }))),
      columnWidths: widths,
      freezeRows: 1,
    });
  }
  return doc.toBytes();
}
