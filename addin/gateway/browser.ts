/**
 * The browser host: the same task pane in a plain browser tab, outside Office, working on an .xlsx the
 * user picks and saving it back as a download (reviewers without Excel desktop; the end-to-end tests).
 * exceljs is loaded on demand (its own chunk, never part of what Excel loads). Workbook settings live in a
 * very hidden sheet `_mutasi` of the same file (which the Office gateway reads too, for keys Excel lacks),
 * and — when Excel has attached the add-in to the file — in Excel's own web-extension part as well, which
 * exceljs would drop and webextension.ts carries through the save.
 */
import type ExcelJSNs from 'exceljs';
import type { FormatWrite, SheetData, ValueWrite } from '../../shared/workbook/gateway';
import { sheetData, writeFormatsTo, writeValuesTo } from '../../shared/workbook/exceljs-cells';
import type { ChartSpec, WorkbookHost } from '../host/types';
import { readWebExtensions, restoreWebExtensions, type WebExtensionParts } from './webextension';

type ExcelJS = typeof ExcelJSNs;
const SETTINGS_SHEET = '_mutasi';

let loading: Promise<ExcelJS> | null = null;
/** exceljs, fetched the first time a file is opened. */
export function loadExcelJS(): Promise<ExcelJS> {
  loading ??= import(/* webpackChunkName: "exceljs" */ 'exceljs').then((m) => ((m as unknown as { default?: ExcelJS }).default ?? (m as unknown as ExcelJS)));
  return loading;
}

export class BrowserGateway implements WorkbookHost {
  readonly kind = 'browser' as const;
  /** exceljs reads and writes cells, styles and sheets, but has no API to create a chart. */
  readonly nativeCharts = false;
  private calls = 0;

  private constructor(
    readonly workbook: ExcelJSNs.Workbook,
    readonly fileName: string,
    /** Excel's web-extension parts of the opened file (the add-in's settings there), kept for the save. */
    private readonly webExtensions: WebExtensionParts | null = null,
  ) {}

  static async open(data: ArrayBuffer, fileName: string): Promise<BrowserGateway> {
    const ExcelJS = await loadExcelJS();
    const webExtensions = await readWebExtensions(data);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data);
    return new BrowserGateway(wb, fileName, webExtensions);
  }

  static async empty(fileName = 'mutasi.xlsx'): Promise<BrowserGateway> {
    const ExcelJS = await loadExcelJS();
    return new BrowserGateway(new ExcelJS.Workbook(), fileName);
  }

  /** The workbook as .xlsx bytes, for the download (with Excel's add-in parts put back). */
  async save(): Promise<ArrayBuffer> {
    const bytes = (await this.workbook.xlsx.writeBuffer()) as ArrayBuffer;
    return this.webExtensions ? restoreWebExtensions(bytes, this.webExtensions, this.webExtensions.settings) : bytes;
  }

  roundTrips(): number {
    return this.calls;
  }

  action<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  async listSheets(): Promise<string[]> {
    this.calls++;
    return this.workbook.worksheets.filter((w) => w.name !== SETTINGS_SHEET).map((w) => w.name);
  }

  async readSheets(names: string[]): Promise<SheetData[]> {
    this.calls++;
    const out: SheetData[] = [];
    for (const n of names) {
      const ws = this.workbook.getWorksheet(n);
      if (ws) out.push(sheetData(ws));
    }
    return out;
  }

  async ensureSheet(name: string, headers?: string[]): Promise<void> {
    this.calls++;
    if (this.workbook.getWorksheet(name)) return;
    const ws = this.workbook.addWorksheet(name);
    if (headers && headers.length > 0) {
      ws.addRow(headers).font = { bold: true };
      ws.views = [{ state: 'frozen', ySplit: 1 }];
    }
  }

  async writeValues(writes: ValueWrite[]): Promise<void> {
    this.calls++;
    writeValuesTo(this.workbook, writes);
  }

  async writeFormats(formats: FormatWrite[]): Promise<void> {
    this.calls++;
    writeFormatsTo(this.workbook, formats);
  }

  private settingsSheet(create: boolean): ExcelJSNs.Worksheet | undefined {
    let ws = this.workbook.getWorksheet(SETTINGS_SHEET);
    if (!ws && create) {
      ws = this.workbook.addWorksheet(SETTINGS_SHEET, { state: 'veryHidden' });
      ws.addRow(['Kunci', 'Nilai']);
    }
    return ws;
  }

  async readSettings(keys: string[]): Promise<Record<string, unknown>> {
    this.calls++;
    const ws = this.settingsSheet(false);
    const out: Record<string, unknown> = {};
    ws?.eachRow((row, r) => {
      if (r === 1) return;
      const k = String(row.getCell(1).value ?? '');
      if (keys.includes(k)) out[k] = row.getCell(2).value;
    });
    // What Excel keeps for the add-in wins: it is what an Excel session last wrote (a browser session
    // writes both places, so they agree after it).
    const excel = this.webExtensions?.ours ? this.webExtensions.settings : {};
    for (const k of keys) if (k in excel) out[k] = excel[k];
    return out;
  }

  async writeSettings(values: Record<string, unknown>): Promise<void> {
    this.calls++;
    const ws = this.settingsSheet(true)!;
    const rowOf = new Map<string, number>();
    ws.eachRow((row, r) => {
      if (r > 1) rowOf.set(String(row.getCell(1).value ?? ''), r);
    });
    for (const [k, v] of Object.entries(values)) {
      const text = typeof v === 'string' ? v : JSON.stringify(v);
      if (this.webExtensions?.ours) this.webExtensions.settings[k] = text;
      const r = rowOf.get(k) ?? ws.rowCount + 1;
      ws.getCell(r, 1).value = k;
      ws.getCell(r, 2).value = text;
      rowOf.set(k, r);
    }
  }

  async selectCell(): Promise<void> {
    // No grid to select in: the pane shows the address instead.
  }

  async upsertChart(_chart: ChartSpec): Promise<boolean> {
    // exceljs cannot write charts; the pane draws the same figures itself.
    return false;
  }
}
