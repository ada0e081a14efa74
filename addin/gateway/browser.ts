/**
 * The browser host: the same task pane in a plain browser tab, outside Office, working on an .xlsx the
 * user picks and saving it back as a download (reviewers without Excel desktop; the end-to-end tests).
 *
 * It reads and writes through the product's own reader and surgical writer (shared/xlsx/): the saved
 * file is the opened one with only what Mutasi owns changed — the cells it writes (Usulan rows, marks),
 * sheets it creates (Usulan when absent, Ringkasan, the very hidden settings sheet `_mutasi`), the styles
 * it appends, and this add-in's settings in Excel's web-extension part when Excel attached the add-in to
 * the file. Every other part (charts, pictures, comments, pivots, other sheets…) is copied byte for byte.
 * A file that is not a readable .xlsx is refused with the same clear line the command line gives.
 */
import type { Lang } from '../../shared/rules/types';
import type { FormatWrite, SheetData, ValueWrite } from '../../shared/workbook/gateway';
import type { XlsxDocumentGateway } from '../../shared/xlsx/gateway';
import type { XlsxDocument } from '../../shared/xlsx/write';
import type { ChartSpec, WorkbookHost } from '../host/types';
import type { SheetSpec } from '../../shared/xlsx/write';
import { webExtensionSettings, webExtensionWithSettings } from './webextension';

const SETTINGS_SHEET = '_mutasi';

type XlsxChunk = typeof import('./xlsx-chunk');
let loading: Promise<XlsxChunk> | null = null;
/** The reader and writer, fetched the first time a file is opened (never part of what Excel loads). */
export function loadXlsx(): Promise<XlsxChunk> {
  loading ??= import(/* webpackChunkName: "xlsx" */ './xlsx-chunk');
  return loading;
}

export class BrowserGateway implements WorkbookHost {
  readonly kind = 'browser' as const;
  /** The surgical writer does not create charts; the pane draws the same figures itself. */
  readonly nativeCharts = false;
  private calls = 0;
  private readonly gw: XlsxDocumentGateway;
  /** Excel's part holding this add-in's settings (null when Excel never attached it), and its settings. */
  private readonly excel: { part: string; settings: Record<string, unknown> } | null;
  private excelDirty = false;

  private constructor(
    readonly doc: XlsxDocument,
    readonly fileName: string,
    chunk: XlsxChunk,
  ) {
    this.gw = new chunk.XlsxDocumentGateway(doc);
    this.excel = webExtensionSettings(doc.pkg);
  }

  /** Opens a picked file; a file that is not an .xlsx (an .xls, a CSV, an image, an empty or cut-short file) throws one clear line. */
  static async open(data: ArrayBuffer | Uint8Array, fileName: string, lang: Lang = 'id'): Promise<BrowserGateway> {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    const x = await loadXlsx();
    try {
      return new BrowserGateway(x.XlsxDocument.open(bytes), fileName, x);
    } catch (e) {
      if (e instanceof x.XlsxError) throw new Error(x.xlsxProblemMessage(e.problem, fileName, lang));
      throw e;
    }
  }

  /** The workbook as .xlsx bytes, for the download. */
  async save(): Promise<ArrayBuffer> {
    if (this.excel && this.excelDirty) this.doc.pkg.set(this.excel.part, webExtensionWithSettings(this.doc.pkg.text(this.excel.part)!, this.excel.settings));
    const bytes = this.doc.toBytes();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  roundTrips(): number {
    return this.calls;
  }

  action<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  async listSheets(): Promise<string[]> {
    this.calls++;
    return (await this.gw.listSheets()).filter((n) => n !== SETTINGS_SHEET);
  }

  async readSheets(names: string[]): Promise<SheetData[]> {
    this.calls++;
    return this.gw.readSheets(names);
  }

  async ensureSheet(name: string, headers?: string[]): Promise<void> {
    this.calls++;
    await this.gw.ensureSheet(name, headers);
  }

  async writeValues(writes: ValueWrite[]): Promise<void> {
    this.calls++;
    await this.gw.writeValues(writes);
  }

  async writeFormats(formats: FormatWrite[]): Promise<void> {
    this.calls++;
    await this.gw.writeFormats(formats);
  }

  /** The settings sheet's key → value rows. */
  private sheetSettings(): Map<string, string> {
    const out = new Map<string, string>();
    const [sheet] = this.doc.readSheets([SETTINGS_SHEET]);
    sheet?.values.forEach((row, i) => {
      if (i === 0 || row[0] === null || row[0] === undefined) return;
      const v = row[1];
      out.set(String(row[0]), v === null || v === undefined ? '' : typeof v === 'object' && !(v instanceof Date) ? v.error : String(v));
    });
    return out;
  }

  async readSettings(keys: string[]): Promise<Record<string, unknown>> {
    this.calls++;
    const rows = this.sheetSettings();
    const out: Record<string, unknown> = {};
    for (const k of keys) if (rows.has(k)) out[k] = rows.get(k);
    // What Excel keeps for the add-in wins: it is what an Excel session last wrote (a browser session
    // writes both places, so they agree after it).
    const excel = this.excel?.settings ?? {};
    for (const k of keys) if (k in excel) out[k] = excel[k];
    return out;
  }

  async writeSettings(values: Record<string, unknown>): Promise<void> {
    this.calls++;
    const rows = this.sheetSettings();
    for (const [k, v] of Object.entries(values)) {
      const text = typeof v === 'string' ? v : JSON.stringify(v);
      rows.set(k, text);
      if (this.excel) {
        this.excel.settings[k] = text;
        this.excelDirty = true;
      }
    }
    // The settings sheet is Mutasi's own: written whole, very hidden, every value as text.
    this.doc.putSheet(SETTINGS_SHEET, {
      rows: [['Kunci', 'Nilai'], ...[...rows].map(([k, v]) => [{ value: k, numFmt: '@' }, { value: v, numFmt: '@' }])],
      state: 'veryHidden',
    });
  }

  async putSheet(name: string, spec: SheetSpec): Promise<void> {
    this.calls++;
    this.doc.putSheet(name, spec);
  }

  async selectCell(): Promise<void> {
    // No grid to select in: the pane shows the address instead.
  }

  async upsertChart(_chart: ChartSpec): Promise<boolean> {
    return false;
  }
}
