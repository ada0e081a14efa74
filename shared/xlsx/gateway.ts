/**
 * The workbook gateway over an .xlsx held in memory (XlsxDocument): what `propose --out` and the add-in's
 * browser host read and write through. Writes go through the surgical writer, so saving keeps every part
 * Mutasi does not own byte for byte. Browser-safe.
 */
import type { FormatWrite, SheetData, ValueWrite, WorkbookGateway } from '../workbook/gateway';
import { XlsxDocument, type CellWrite } from './write';

export class XlsxDocumentGateway implements WorkbookGateway {
  constructor(readonly doc: XlsxDocument) {}

  static open(bytes: Uint8Array): XlsxDocumentGateway {
    return new XlsxDocumentGateway(XlsxDocument.open(bytes));
  }

  async listSheets(): Promise<string[]> {
    return this.doc.sheetNames();
  }

  async readSheets(names: string[]): Promise<SheetData[]> {
    return this.doc.readSheets(names);
  }

  async ensureSheet(name: string, headers?: string[]): Promise<void> {
    this.doc.ensureSheet(name, headers);
  }

  async writeValues(writes: ValueWrite[]): Promise<void> {
    const bySheet = new Map<string, CellWrite[]>();
    for (const w of writes) {
      const real = this.doc.sheet(w.sheet)?.name;
      if (!real) throw new Error(`sheet ${w.sheet} not found`);
      let list = bySheet.get(real);
      if (!list) bySheet.set(real, (list = []));
      w.values.forEach((row, i) =>
        row.forEach((value, j) => {
          list!.push({ row: w.row + i, col: w.col + j, cell: w.numberFormat ? { value, numFmt: w.numberFormat } : value });
        }),
      );
    }
    for (const [sheet, cells] of bySheet) this.doc.setCells(sheet, cells);
  }

  async writeFormats(formats: FormatWrite[]): Promise<void> {
    for (const f of formats) {
      const real = this.doc.sheet(f.sheet)?.name;
      if (real) this.doc.setFills(real, f.ranges, f.fill);
    }
  }

  toBytes(): Uint8Array {
    return this.doc.toBytes();
  }
}
