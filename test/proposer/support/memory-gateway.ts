/** A WorkbookGateway over in-memory SheetData, recording each cell's number format: for writer tests without files. */
import type { CellValue, FormatWrite, SheetData, ValueWrite, WorkbookGateway } from '../../../shared/workbook/gateway';

export class MemoryGateway implements WorkbookGateway {
  readonly sheets: SheetData[];
  /** "Sheet!row,col" → number format. */
  readonly formats = new Map<string, string>();
  constructor(sheets: SheetData[]) {
    // Deep copies: the caller's sheets stay as they were, to compare against.
    this.sheets = sheets.map((s) => ({ ...s, values: s.values.map((r) => [...r]) }));
  }
  async listSheets(): Promise<string[]> {
    return this.sheets.map((s) => s.name);
  }
  async readSheets(names: string[]): Promise<SheetData[]> {
    return this.sheets.filter((s) => names.includes(s.name));
  }
  async ensureSheet(name: string, headers?: string[]): Promise<void> {
    if (this.sheets.some((s) => s.name === name)) return;
    this.sheets.push({ name, values: headers ? [[...headers]] : [], startRow: 1, startCol: 1 });
  }
  async writeValues(writes: ValueWrite[]): Promise<void> {
    for (const w of writes) {
      const s = this.sheets.find((x) => x.name === w.sheet);
      if (!s) throw new Error(`no sheet ${w.sheet}`);
      w.values.forEach((row, i) =>
        row.forEach((v, j) => {
          const r = w.row + i - s.startRow;
          const c = w.col + j - s.startCol;
          while (s.values.length <= r) s.values.push([]);
          const cells = s.values[r]!;
          while (cells.length <= c) cells.push(null);
          cells[c] = v;
          if (w.numberFormat) this.formats.set(`${w.sheet}!${w.row + i},${w.col + j}`, w.numberFormat);
        }),
      );
    }
  }
  async writeFormats(_f: FormatWrite[]): Promise<void> {}
  cell(sheet: string, row: number, col: number): CellValue | undefined {
    const s = this.sheets.find((x) => x.name === sheet)!;
    return s.values[row - s.startRow]?.[col - s.startCol];
  }
}
