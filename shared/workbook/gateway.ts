/**
 * The only way the engine touches a workbook. Two implementations exist: Office.js (addin/) and an
 * .xlsx file through exceljs (sync-server/xlsx/). Everything else — finding sheets and headers,
 * parsing values, rules — lives in shared/ and works on what this interface returns.
 */

/** An Excel error value (`#N/A`, `#REF!`, …). Office.js gives these as strings, exceljs as objects. */
export interface CellError {
  error: string;
  /** Set by the .xlsx reader for a formula cell: with error "#NO_VALUE" it had no cached value at all (shared/xlsx/read.ts). */
  formula?: string;
}

/**
 * A cell's value as read. Numbers stay numbers (an NIP that is a number has lost digits; a date may be
 * an Excel serial number). exceljs turns dated cells into Date objects (UTC midnight); Office.js gives
 * serial numbers. Empty cells are null.
 */
export type CellValue = string | number | boolean | Date | CellError | null;

/** The used range of one worksheet. */
export interface SheetData {
  name: string;
  /** Row-major values of the used range. Rows may be shorter than the widest row. */
  values: CellValue[][];
  /** 1-based worksheet row of values[0]. */
  startRow: number;
  /** 1-based worksheet column of values[r][0]. */
  startCol: number;
}

/** Values written into a rectangle whose top-left cell is (row, col), 1-based. */
export interface ValueWrite {
  sheet: string;
  row: number;
  col: number;
  values: CellValue[][];
  /** One Excel number format for the whole rectangle, applied before the values (e.g. "@" for NIPs). */
  numberFormat?: string;
}

/** A fill colour (or none) for a set of A1 ranges of one sheet. */
export interface FormatWrite {
  sheet: string;
  /** A1 addresses without the sheet name, e.g. ["A2", "C4:C9"]. */
  ranges: string[];
  /** "#RRGGBB", or null to remove the fill the tool set. */
  fill: string | null;
}

export interface WorkbookGateway {
  /** Worksheet names in tab order. */
  listSheets(): Promise<string[]>;
  /** Several sheets in one round trip where the host allows it. Missing names are left out. */
  readSheets(names: string[]): Promise<SheetData[]>;
  /** Creates the sheet if missing (with the given header row), otherwise leaves it as it is. */
  ensureSheet(name: string, headers?: string[]): Promise<void>;
  writeValues(writes: ValueWrite[]): Promise<void>;
  writeFormats(formats: FormatWrite[]): Promise<void>;
}

export function isCellError(v: unknown): v is CellError {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && typeof (v as CellError).error === 'string';
}

const ERROR_TEXT = /^#(N\/A|REF!|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/i;

/** True for an Excel error, whichever way the host reported it. */
export function cellErrorText(v: CellValue | undefined): string | null {
  if (isCellError(v)) return v.error;
  if (typeof v === 'string' && v.length <= 14 && v.startsWith('#') && ERROR_TEXT.test(v.trim())) return v.trim();
  return null;
}

/** 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function a1(row: number, col: number): string {
  return columnLetter(col) + row;
}
