/**
 * The workbook gateway over an .xlsx file (exceljs). Used by the command line and the server's
 * import/export; the cell conversions are shared with the add-in's browser host
 * (shared/workbook/exceljs-cells.ts).
 */
import ExcelJS from 'exceljs';
import type { CellValue, FormatWrite, SheetData, ValueWrite, WorkbookGateway } from '../../shared/workbook/gateway';
import { rowValues, sheetData, writeFormatsTo, writeValuesTo } from '../../shared/workbook/exceljs-cells';
import { sheetsToRead } from '../../shared/workbook/reader';
import { UserError } from '../cli/user-error';
import { assertReadableXlsx } from './readable';

export { sheetData, toCellValue } from '../../shared/workbook/exceljs-cells';
export { assertReadableXlsx } from './readable';

export class XlsxGateway implements WorkbookGateway {
  constructor(readonly workbook: ExcelJS.Workbook) {}

  static empty(): XlsxGateway {
    return new XlsxGateway(new ExcelJS.Workbook());
  }

  /** Opens a file, turning every way it can fail into one clear Indonesian line (exit 2). */
  static async open(file: string): Promise<XlsxGateway> {
    await assertReadableXlsx(file);
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.readFile(file);
    } catch (e) {
      // exceljs's/JSZip's own words ("Corrupted zip: can't find end of central directory") are English
      // and say nothing a user can act on; MUTASI_DEBUG shows them.
      const detail = process.env.MUTASI_DEBUG ? ` (${(e as Error).message})` : '';
      throw new UserError(
        `${file} tidak dapat dibaca sebagai .xlsx: berkas rusak (mis. terpotong saat disalin atau diunduh) atau bukan buku kerja Excel; ` +
          `buka di Excel lalu simpan ulang sebagai "Excel Workbook (*.xlsx)", atau salin lagi dari sumbernya${detail}`,
        2,
        `${file} cannot be read as .xlsx: the file is damaged (e.g. cut short while copied or downloaded) or not an Excel workbook; ` +
          `open it in Excel and save it again as "Excel Workbook (*.xlsx)", or copy it again from its source${detail}`,
      );
    }
    return new XlsxGateway(wb);
  }

  async save(file: string): Promise<void> {
    try {
      await this.workbook.xlsx.writeFile(file);
    } catch (e) {
      throw new UserError(`Tidak dapat menulis ${file}: ${(e as Error).message}`, 2, `Cannot write ${file}: ${(e as Error).message}`);
    }
  }

  async listSheets(): Promise<string[]> {
    return this.workbook.worksheets.map((w) => w.name);
  }

  async readSheets(names: string[]): Promise<SheetData[]> {
    const out: SheetData[] = [];
    for (const n of names) {
      const ws = this.workbook.getWorksheet(n);
      if (ws) out.push(sheetData(ws));
    }
    return out;
  }

  async ensureSheet(name: string, headers?: string[]): Promise<void> {
    if (this.workbook.getWorksheet(name)) return;
    const ws = this.workbook.addWorksheet(name);
    if (headers) {
      ws.addRow(headers).font = { bold: true };
      ws.views = [{ state: 'frozen', ySplit: 1 }];
    }
  }

  async writeValues(writes: ValueWrite[]): Promise<void> {
    writeValuesTo(this.workbook, writes);
  }

  async writeFormats(formats: FormatWrite[]): Promise<void> {
    writeFormatsTo(this.workbook, formats);
  }

}

/**
 * Reads the sheets whose names pass `want` with exceljs's streaming reader: several times faster than
 * loading the whole workbook, for commands that only read (check, import). The streaming reader needs
 * the workbook part before the sheets in the zip (Excel writes it so; some writers, exceljs among them,
 * do not): when it cannot name every sheet, the file is read whole instead, with the same result.
 */
export async function readSheetsStreaming(file: string, want: (name: string) => boolean): Promise<{ names: string[]; sheets: SheetData[]; via: 'stream' | 'whole' }> {
  await assertReadableXlsx(file);
  try {
    const streamed = await streamSheets(file, want);
    if (streamed) return { ...streamed, via: 'stream' };
  } catch {
    // fall through to the whole-file reader, which reports a broken file with a clear line
  }
  const gw = await XlsxGateway.open(file);
  const names = await gw.listSheets();
  return { names, sheets: await gw.readSheets(names.filter(want)), via: 'whole' };
}

/** The streaming read; undefined when the zip's order keeps a sheet's name from it. */
async function streamSheets(file: string, want: (name: string) => boolean): Promise<{ names: string[]; sheets: SheetData[] } | undefined> {
  const names: string[] = [];
  const sheets: SheetData[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit',
  });
  for await (const ws of reader) {
    const name = (ws as unknown as { name?: string }).name;
    if (typeof name !== 'string') return undefined;
    names.push(name);
    if (!want(name)) {
      for await (const _row of ws as unknown as AsyncIterable<unknown>) void _row; // drain
      continue;
    }
    const values: CellValue[][] = [];
    for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) {
      while (values.length < row.number - 1) values.push([]);
      values.push(rowValues(row.values as ExcelJS.CellValue[]));
    }
    sheets.push({ name, values, startRow: 1, startCol: 1 });
  }
  return { names, sheets };
}

/** The sheets the engine reads (Pegawai, Jabatan, Usulan, Aturan under any accepted name), streamed: for check and import. */
export async function readKnownSheets(file: string): Promise<SheetData[]> {
  return (await readKnownSheetsAndNames(file)).sheets;
}

/** The same, with the names of every sheet in the file (for messages about a sheet that is not there). */
export async function readKnownSheetsAndNames(file: string): Promise<{ sheets: SheetData[]; names: string[] }> {
  const read = await readSheetsStreaming(file, (name) => sheetsToRead([name]).length > 0);
  const wanted = new Set(sheetsToRead(read.names));
  return { sheets: read.sheets.filter((s) => wanted.has(s.name)), names: read.names };
}
